// The document of `rubric whatif --format json` (docs/schema/whatif.schema.json): the department's
// total and grade, the target, each single change that reaches it and the combinations, every
// value as the department would write it and every total an exact decimal.
#pragma once

#include <string>

#include "base/diagnostic.hpp"
#include "dsl/ast.hpp"
#include "interpreter/tools/whatif.hpp"

namespace rubric {

// [ruleset] null when it has errors, [answer] null when the department could not be scored; the
// diagnostics are everything reported on the way.
std::string render_whatif_json(const ast::Ruleset* ruleset, const std::string& file, const std::string& department,
                               const whatif::Answer* answer, const Diagnostics& diagnostics);

}  // namespace rubric
