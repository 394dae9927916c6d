// The compiled evaluation plan: a checked ruleset lowered once into a form that scores
// departments quickly, for batch scoring. Facts are resolved to slots, constants are folded and
// evaluating a department does no name lookups or string compares. It gives exactly the scores,
// totals, grades and errors of the tree evaluator (interpreter/eval/evaluator.hpp), but no traces:
// `rubric score` and `--explain` keep using the evaluator.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "interpreter/eval/facts.hpp"

namespace rubric {

struct PlanResult {
  std::optional<Decimal> total;
  int grade = -1;                             // index into the ruleset's grades; -1 without a total
  std::vector<std::optional<Decimal>> scores;  // every indicator, depth-first in table order
  std::vector<std::string> errors;             // the evaluator's error messages, in its order
};

class Plan {
 public:
  // [ruleset] must have checked without errors and outlive the plan.
  explicit Plan(const ast::Ruleset& ruleset);
  ~Plan();
  Plan(Plan&&) noexcept;
  Plan& operator=(Plan&&) noexcept;

  // Thread-safe: one plan may evaluate many departments at once.
  PlanResult evaluate(const Facts& facts) const;
  // The same into [out], whose storage is reused (for scoring many departments in a row).
  void evaluate(const Facts& facts, PlanResult& out) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rubric
