// A canonical text dump of a syntax tree, for comparing trees: spans and everything the checker
// fills in are left out, so two sources that differ only in layout and comments dump the same.
//
// The dump is an S-expression, one node per parenthesis, e.g.
//   (indicator "结转结余率" (points 0 2) (let rate (/ (name carryover_year_end) …)) (score …))
// Numbers are written with their exact decimal value, strings quoted with \" and \\ escaped, and
// the JSON of a test's facts without the whitespace between its tokens.
#pragma once

#include <string>

#include "dsl/ast.hpp"

namespace rubric::ast {

std::string dump(const Ruleset& ruleset);
std::string dump(const Expr& expr);

}  // namespace rubric::ast
