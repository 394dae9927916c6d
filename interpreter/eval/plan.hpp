// The compiled evaluation plan: a checked ruleset lowered once into a flat form that scores
// departments quickly, for batch scoring (interpreter/eval/plan_code.hpp). Facts are resolved to
// slots, built-ins to pointers, constants are folded, tiers with constant bounds are searched in
// sorted arrays, and numbers take a 64-bit path when they fit (plan_number.hpp): evaluating a
// department does no name lookups. It gives exactly the scores, totals, grades and errors of the
// tree evaluator (interpreter/eval/evaluator.hpp), but no traces: `rubric score` and `--explain`
// keep using the evaluator.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/facts.hpp"

namespace rubric {

struct PlanResult {
  std::optional<Decimal> total;
  int grade = -1;                             // index into the ruleset's grades; -1 without a total
  std::vector<std::optional<Decimal>> scores;  // every indicator, depth-first in table order
  std::vector<std::string> errors;             // the evaluator's error messages, in its order
  std::vector<std::string> error_codes;        // the code of each of [errors] ("E0703")

  void clear_errors() {
    errors.clear();
    error_codes.clear();
  }
  std::vector<const ast::Veto*> vetoes;        // the vetoes that applied (一票否决), in the ruleset's order
};

struct Evaluation;
// The tree evaluator's [evaluation] of a department with [ruleset], read as a plan's result:
// what a plan gives when it falls back to the evaluator, and what a batch scored without a plan
// reads. [out]'s storage is reused.
void read_evaluation(const ast::Ruleset& ruleset, const Evaluation& evaluation, PlanResult& out);

class Plan {
 public:
  // [ruleset] must have checked without errors and outlive the plan.
  explicit Plan(const ast::Ruleset& ruleset);
  ~Plan();
  Plan(Plan&&) noexcept;
  Plan& operator=(Plan&&) noexcept;

  // Thread-safe: one plan may evaluate many departments at once.
  PlanResult evaluate(const Facts& facts) const;
  // The same into [out], whose storage is reused (for scoring many departments in a row). With
  // [tested], it receives every value a tiered or brackets tests (EvalOptions::every_tested).
  void evaluate(const Facts& facts, PlanResult& out, TestedSink* tested = nullptr) const;

  // Expressions the plan could not lower (a name the checker left unresolved, an unknown
  // function): a department that reaches one is scored by the tree evaluator. 0 for every
  // ruleset that checked without errors.
  std::size_t fallbacks() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rubric
