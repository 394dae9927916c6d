// Checking: the static meaning of a parsed ruleset.
//
// check() resolves every name (facts, lets, function parameters, loop variables), infers a type
// for every expression, assigns each local a slot in its evaluation frame, and verifies the
// rules a ruleset must keep: points that add up, weights that add up to 100%, judged bands that
// name every category, grades in descending order. It reports every problem it finds, not only
// the first. A ruleset is evaluated only when check() found no errors.
#pragma once

#include <vector>

#include "dsl/ast.hpp"
#include "base/diagnostic.hpp"

namespace rubric {

// Checks and annotates [ruleset]. [skipped] lists source ranges the parser blanked out after
// syntax errors: problems that stem from them (an indicator that lost its score) are not
// reported twice.
Diagnostics check(ast::Ruleset& ruleset, const std::vector<Span>& skipped = {});

// The value of an expression made only of literals and arithmetic, if it is one.
std::optional<Decimal> constant_value(const ast::Expr& expr);

}  // namespace rubric
