// Where two rulesets score an indicator differently, for every department, not only those given:
// `rubric diff`'s impact regions (docs/analysis.md, "Where a change reaches").
//
// When both sides of a changed rule (or function) are a tier table or brackets over the same
// subject (`tiered rate { … }`, `brackets carryover { … }`, or a `when` whose every condition
// compares the subject with a number), the subject's line is cut at every
// bound of either side. Between two neighbouring bounds, and at each bound, each side takes one
// tier or arm throughout, so one value in each piece decides which; the two scores of the piece
// are then compared as formulas (analysis.hpp, compare_scores): the same, different wherever the
// subject does not happen to make them equal, or different unless the other values they read
// make them equal. Neighbouring pieces with the same two tiers are joined. The answer is exact:
// it is decided from the rules, not from sampled departments.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"

namespace rubric {

struct ImpactRegion {
  std::string where;      // the subject's values: "(150%, inf)", "[60%, 100%)", "100%"
  std::string old_score;  // the old side's score there, as written ("points")
  std::string new_score;  // the new side's ("points / 2")
  // true: the scores differ there (but where the subject happens to make two formulas equal);
  // false: they differ unless [depends] make them equal (pts = 0 in `pts` and `pts / 2`).
  bool sure = true;
  std::vector<std::string> depends;
};

struct ImpactRegions {
  std::string subject;                // the subject, with its label: "rate（完成率）"
  std::vector<ImpactRegion> regions;  // in ascending order of the subject; empty: the same everywhere
};

// The regions where [old_score] of [a] and [new_score] of [b] score differently, when both are a
// tier table, brackets or a `when` on comparisons whose bounds are numbers, over the same subject meaning the same in
// both (the facts and lets it reads declared alike; [old_lets] and [new_lets] are an indicator's
// own lets); nullopt when they are not. [old_points] and [new_points] are the indicators' points
// (`points`), when the scores are an indicator's.
std::optional<ImpactRegions> impact_regions(const ast::Ruleset& a, const ast::Expr& old_score,
                                            std::optional<Decimal> old_points, const ast::Ruleset& b,
                                            const ast::Expr& new_score, std::optional<Decimal> new_points,
                                            const std::vector<ast::Let>* old_lets = nullptr,
                                            const std::vector<ast::Let>* new_lets = nullptr);

// The lets outside indicators, the ruleset's and each section's, in source order: what an
// indicator may read besides its own.
std::vector<const ast::Let*> outer_lets(const ast::Ruleset& rs);

}  // namespace rubric
