// The score as JSON, for programs: top-level "total" and "grade", the full tree with each
// indicator's basis and trace, and the diagnostics. Decimal values are written as JSON numbers
// with their exact digits (never through binary floating point).
#pragma once

#include <string>

#include "dsl/ast.hpp"
#include "interpreter/eval/evaluator.hpp"

namespace rubric {

std::string render_json(const ast::Ruleset& ruleset, const Evaluation& evaluation, bool with_trace = true);

}  // namespace rubric
