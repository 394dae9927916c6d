// Static analysis: what a ruleset does for every department whose facts lie in their declared
// domains, found without any facts, by interval arithmetic over exact decimals (interval.hpp).
//
// analyse() walks a checked ruleset the way the evaluator does, but with an interval for every
// value: a fact's interval is its declared domain (`percent in [0, 100%]`, a count's [0, inf)),
// and lets, arithmetic, min/max/clamp, the other built-ins, function calls (analysed at each
// call with its arguments' intervals), `when` conditions (which narrow the names they compare
// with a constant), tiers, brackets, deductions, weighted parts and judged bands carry them on.
// It reports, as warnings:
//
//   W0401  values of a tiered or brackets subject that no tier or arm takes (a gap)
//   W0402  two tiers that take the same values and can give different scores there; a shared
//          closed bound is accepted when both tiers give the same score at it
//   W0403  a tier or bracket arm that no value can reach
//   W0404  an indicator whose score can exceed its points
//   W0405  an indicator whose score can fall below its floor (0, or the low end of a signed range)
//   W0407  (a note, with AnalysisOptions::monotonicity) a step of a tiered or brackets that goes
//          against the others: the score drops where the subject passes a bound, though it rises
//          at the others (the 2023 completion rule: full marks up to 150%, half above it)
//
// Each is reported only when the analysis is sure: a gap, or a score out of bounds, is reached
// by some facts in their domains. Where it cannot tell — a division by an interval that holds 0,
// a value used twice (x − x), a sum over a list whose length no declaration bounds, a condition
// it does not follow, tiers whose bounds are not constants, a shared bound where it cannot
// compare the two scores — it does not warn. With [AnalysisOptions::unsure] it says so instead,
// as a note with the same code and the reason ("unsure: …").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/ast.hpp"
#include "base/diagnostic.hpp"

namespace rubric {

// Which way an indicator's score moves as one fact it reads grows, the others held, as the
// analysis infers it (`rubric check --directions`).
struct Direction {
  const ast::Indicator* indicator = nullptr;
  std::string fact;   // its name; a list element's field as its loop writes it ("o.actual")
  std::string label;  // the fact's or the field's label, "" without one
  int way = 0;        // +1 more never lowers the score, −1 more never raises it, 0 both or unknown
  int declared = 0;   // the declared direction: +1 more is better, −1 more is worse, 0 none
};

struct AnalysisOptions {
  // Also report, as notes, the findings the analysis could not decide.
  bool unsure = false;
  // Also report where a score goes against the way its rule goes elsewhere (W0407): `rubric
  // check` and the studio ask for it; scoring does not.
  bool monotonicity = false;
  // When set, receives each indicator's directions, in source order and by fact name.
  std::vector<Direction>* directions = nullptr;
};

// A score the analysis found may leave its indicator's points (W0404 above, W0405 below) without
// being sure that any facts reach that far. `rubric check` looks for facts that do by evaluating
// the indicator (interpreter/tools/witness.hpp); found, [warning] is reported with them.
struct UnsureBound {
  const ast::Indicator* indicator = nullptr;
  bool above = true;      // W0404; false: W0405
  Diagnostic warning;     // what is reported when facts are found that reach beyond the points
  Diagnostic note;        // the "unsure: …" note (reported with AnalysisOptions::unsure)
};

// The findings for [ruleset], which check() has annotated. A ruleset with checker errors can be
// analysed too (names the checker could not resolve are "unknown"); rubric check shows both.
// [unsure_bounds], when given, receives each W0404 and W0405 the analysis was not sure of.
Diagnostics analyse(const ast::Ruleset& ruleset, const AnalysisOptions& options = {},
                    std::vector<UnsureBound>* unsure_bounds = nullptr);

namespace analysis {
// Source text on one line, runs of whitespace folded to one space (as the evaluator shows it): how
// the analysis names a subject, and so how a caller of compare_scores must write it.
std::string fold(std::string_view text);
// [text], the source of [subject], with the label of the fact, let (of [lets], an indicator's own,
// first) or function parameter it names beside it: "rate（完成率）"; [text] alone otherwise.
std::string labelled(const ast::Ruleset& rs, const std::vector<ast::Let>* lets, const ast::Expr& subject,
                     const std::string& text);
// The label alone ("完成率"); "" when [subject] names nothing labelled.
std::string label_of(const ast::Ruleset& rs, const std::vector<ast::Let>* lets, const ast::Expr& subject);
}  // namespace analysis

// Two scores of two rulesets ([a] of [ra], [b] of [rb]; `points` in each is [points_a],
// [points_b] when known), compared where a subject (its text, [subject]) is [at], or over a range
// of it when [at] is empty, as polynomials over the names they read (names are taken to mean the
// same in both; rubric diff lists a changed function, let or fact on its own):
//   Same       equal wherever the subject is;
//   Different  unequal, as polynomials in the subject alone (at most at a few values of it equal;
//              [root], when given, is set to the one value where a linear difference is 0);
//   MayDiffer  unequal unless the other names they read make them equal ([depends] lists those);
//   Unknown    a score the comparison does not look into where the subject is held at [at].
enum class Comparison { Same, Different, MayDiffer, Unknown };
Comparison compare_scores(const ast::Ruleset& ra, const ast::Expr& a, std::optional<Decimal> points_a,
                          const ast::Ruleset& rb, const ast::Expr& b, std::optional<Decimal> points_b,
                          const std::string& subject, std::optional<Decimal> at, std::vector<std::string>* depends,
                          std::optional<Decimal>* root = nullptr);

}  // namespace rubric
