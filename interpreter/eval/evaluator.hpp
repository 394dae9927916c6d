// Evaluation: a checked ruleset and one department's facts to scores, with a trace.
//
// Every indicator is evaluated independently: an error in one (a division by zero, a value no
// tier takes, a judged score outside its band, a score outside the indicator's points) is
// recorded on that indicator, as a diagnostic naming it and the rule's location, and the others
// are still scored. The total and grade exist only when every indicator scored.
//
// Arithmetic is exact (see base/decimal.hpp). Each indicator's score is rounded once, with
// the indicator's or the ruleset's rounding; sections add the rounded scores.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <utility>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "base/diagnostic.hpp"
#include "interpreter/eval/facts.hpp"

namespace rubric {

// One step of an explanation: which tier or arm was taken, a deduction, a part, a let.
struct TraceStep {
  int depth = 0;          // 0 in the indicator itself, +1 inside each function call or list element
  Span span;              // the rule that made the step
  std::string text;
  bool decision = false;  // part of the 评分依据 summary
  std::string why;        // why this tier or arm and not another: "60% ≤ 75% < 100%" ("" if nothing to add)
  // A decision in the words of the 评分依据: labels, not identifiers ("完成率 102%，在 100% 至 150%
  // 之间，得 5 分"). "" for a decision the 评分依据 leaves out (a let without a label).
  std::string plain;
  // A step that only says what a value is ("完成率为 97.5%"): the value's name, so that the
  // 评分依据 leaves the step out when the next part names the value with its value again.
  std::string names;
};

struct NodeResult {
  bool is_section = false;
  std::string name;
  const ast::Section* section = nullptr;
  const ast::Indicator* indicator = nullptr;
  ast::PointsSpec points;
  std::optional<Decimal> score;  // rounded for an indicator; the sum of the children for a section
  std::optional<Decimal> raw;    // an indicator's score before rounding
  int digits = 2;                // decimals the score is shown with
  std::string basis;             // 评分依据: a one-paragraph summary of the trace
  std::vector<TraceStep> trace;
  std::string error;             // why it has no score
  std::string error_code;        // the code of that error ("E0703"); "" for a section
  std::optional<Decimal> claimed;  // the department's own score for it (自评分), if given
  // The documents the department names as its evidence (参考佐证材料); empty: none named, and the
  // table shows the kind the ruleset expects (ast::Indicator::evidence).
  std::vector<std::string> evidence;
  std::string vetoed;              // the veto that zeroed it ("" if none); the basis says so
  std::optional<Decimal> unvetoed;  // what the rules gave before the veto
  std::optional<Decimal> uncapped;  // an extra section held within its points: its parts' sum
  // An alternative not chosen (`choose`, 二者择其一): not applicable, no score, not in any sum;
  // its basis names the one assessed.
  bool applies = true;
  // An indicator whose `applies when …` did not hold (不适用): scored its full points (Full), or
  // with no score, its points shared by the indicators of its section that apply (Shared; then
  // [applies] is false too).
  enum class NotApplicable : std::uint8_t { No, Full, Shared };
  NotApplicable not_applicable = NotApplicable::No;
  // An indicator scored against a share of its section's points: the points it declares. [points]
  // then holds the share, and its score is its rules' score scaled to it.
  std::optional<Decimal> declared_points;
  std::vector<NodeResult> children;

  bool claim_differs() const { return applies && claimed && (!score || *score != *claimed); }
};

struct Evaluation {
  std::string file;
  std::string department;
  std::optional<int> year;
  std::optional<Decimal> total;
  // With extra sections (加减分项): the total of the sections before them (基本得分).
  std::optional<Decimal> base_total;
  std::string grade;
  std::optional<Decimal> claimed_total;
  std::vector<NodeResult> nodes;  // the top-level sections
  std::vector<const ast::Veto*> vetoes;  // the vetoes that applied (一票否决), in the ruleset's order
  // Why the grade is not the one the total alone reaches: a floor an indicator fell below, a
  // veto's cap ("一票否决（…）：评价等级至多为差").
  std::vector<std::string> grade_notes;
  Diagnostics diagnostics;        // evaluation errors
  // Every let bound, with its value, in evaluation order (only when EvalOptions::trace): where a
  // value in a derivation came from. A let that failed is absent.
  std::vector<std::pair<const ast::Let*, Value>> lets;

  bool has_claims() const;
};

// A claimed score (自评分) that is not what the rules give.
struct ClaimDifference {
  std::string name;  // the indicator, or "总分" for the total
  Decimal claimed;
  std::optional<Decimal> computed;  // null when it could not be computed
  bool is_total = false;
};

// Every claimed score that differs from the computed one, in table order, the total last.
std::vector<ClaimDifference> claim_differences(const Evaluation& evaluation);

// Where a tested expression is evaluated: the offsets of the function calls it is reached
// through, outermost first, then its own offset. A function called twice, `f(a / 4) + f(b / 4)`,
// tests its tiers once per call, each with its own value.
using TestedPath = std::vector<std::uint32_t>;

// Receives every value a 'tiered' or 'brackets' tests, each time it is tested: in which indicator
// (null in a let outside every indicator), at which subject (the tested expression), and the value.
// A function's tiers give one per call, a loop's one per element. The compiled plan gives them too;
// when it hands a department over to the tree evaluator midway, the values it gave are given
// again, so a sink must take a value given twice as given once.
class TestedSink {
 public:
  virtual ~TestedSink() = default;
  virtual void tested(const ast::Indicator* indicator, const ast::Expr& subject, const Decimal& value) = 0;
  // What the sink kept of one department, in its own few numbers, moved into [out] (a batch carries
  // them from the worker that scored the department to the one place that counts them); the sink
  // is then empty for the next department.
  virtual void take(std::vector<std::uint32_t>& out) = 0;
};

struct EvalOptions {
  // Record every step. Without it only the steps that make up the 评分依据 are kept.
  bool trace = true;
  // When set, every branch taken is recorded here, keyed by branch_key(): for test coverage.
  std::set<std::uint64_t>* coverage = nullptr;
  // When set, the value each 'tiered', 'brackets' and 'judged' tests is recorded here the first
  // time it is evaluated in each indicator, keyed by the indicator (null outside one) and the
  // tested expression's TestedPath: how `rubric test --boundaries` puts a value on a bound.
  std::map<std::pair<const ast::Indicator*, TestedPath>, Decimal>* tested = nullptr;
  // When set, receives every value each 'tiered' and 'brackets' tests, every time: how a batch
  // report counts the departments near a tier's bound (the compiled plan gives them too).
  TestedSink* every_tested = nullptr;
  // When set, every branch taken is appended here, in the order taken (the keys of coverage). Two
  // departments that append the same sequence took the same branches, so every rule scored them
  // with the same formula: how `rubric whatif` tells the pieces of a fact's range apart.
  std::vector<std::uint64_t>* decisions = nullptr;
  // Evaluation steps allowed per department; a ruleset that needs more is stopped with an error.
  std::uint64_t step_budget = 10'000'000;
  // Nested function calls allowed (recursion is impossible; this bounds deep call chains).
  int max_call_depth = 64;
};

Evaluation evaluate(const ast::Ruleset& ruleset, const Facts& facts, const EvalOptions& options = {});

// The requirements of [ruleset] (`require "…": …` in its facts block) that [facts] do not meet,
// each an error E0620 in [file] at "facts", with the values its condition compared and a note at
// the requirement; a condition that cannot be evaluated (a division by zero) is E0620 too, with
// why. Facts that do not meet them are refused as facts with errors are: read_facts() and the
// batch readers call it once a document's facts are valid.
Diagnostics unmet_requirements(const ast::Ruleset& ruleset, const Facts& facts, const std::string& file);

// The branches coverage counts: each tier, bracket arm, 'when' arm, deduction, deduction floor,
// judged band and grade, identified by the offset of the rule's source text.
// Cap: an extra section's parts added up to more than its points (or less than their low end).
// Applies, NotApplicable: an indicator's `applies when` held, or did not.
enum class Branch : std::uint8_t {
  Tier = 1, Bracket, WhenArm, Deduction, Floor, Band, Grade, Veto, Cap, Applies, NotApplicable
};
// The kind takes the low 4 bits, so that keys of different kinds never meet.
inline std::uint64_t branch_key(Branch kind, std::uint32_t offset) {
  return (static_cast<std::uint64_t>(offset) << 4) | static_cast<std::uint64_t>(kind);
}

// Where a value in an indicator's derivation came from, for `rubric explain`: a fact of the
// facts file (with its JSON path), a fact's default, a let (with its location), a function.
struct ValueSource {
  enum class Kind { Fact, Default, Let, Function, Builtin };
  Kind kind = Kind::Fact;
  std::string name;    // "outputs[2].target", "rate", "completion(rate, pts)"
  std::string value;   // the value as shown, "" for a function
  std::string origin;  // "court.json, facts.outputs[2].target", "default 100%, not in the facts",
                       // "let at 2023.rubric:241:11", "function at 2023.rubric:142:8", "built-in function"
};

// Every fact, let and function the indicator's lets and score use, directly or through the lets
// and functions they use, in order of first use. List facts read element by element through a
// loop variable's fields (o.target) are listed per element ("outputs[2].target"). Let values are
// those of [evaluation], which must have been made with EvalOptions::trace.
// The walk takes at most [step_budget] steps, the evaluation's own budget by default; [stopped]
// (when given) tells whether it stopped there, the list then holding the sources found so far.
std::vector<ValueSource> value_sources(const ast::Ruleset& ruleset, const Facts& facts, const Evaluation& evaluation,
                                       const ast::Indicator& indicator, bool* stopped = nullptr,
                                       std::uint64_t step_budget = EvalOptions{}.step_budget);

// The grade the thresholds of the ruleset's table give [total], or "" when it has no grade table.
// A department's grade may be lower: a grade's floor or a veto (Evaluator::grade()).
std::string grade_for(const ast::Ruleset& ruleset, const Decimal& total);

// The decimals every section's score and the total are shown with, in every output: the most of
// any indicator's rounding, and at least the ruleset's. A sum of rounded scores has no more
// decimals than that, so the total shown is exactly the total the grade reads; nothing is rounded
// again for display (docs/language.md, "The total and the grade").
int total_digits(const ast::Ruleset& ruleset);

}  // namespace rubric
