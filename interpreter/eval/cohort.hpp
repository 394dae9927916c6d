// The year's departments as one cohort, for the rules that score a department against the
// others (`year_mean(FACT)`, `year_min`, `year_max`, `year_rank`): built from every department's
// facts before any is scored (the first of a batch's two passes), then read by each.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "dsl/ast.hpp"
#include "interpreter/eval/facts.hpp"

namespace rubric {

class CohortBuilder {
 public:
  CohortBuilder(const ast::Ruleset& ruleset, std::string source);
  void add(const Facts& facts);  // a department whose facts were read
  void refuse() { ++cohort_->refused; }  // a department whose facts have errors
  std::shared_ptr<const Cohort> finish();

 private:
  const ast::Ruleset& rs_;
  std::shared_ptr<Cohort> cohort_;
};

// What [kind] reads of fact [fact] in [cohort] for a department whose own value is [own]: the
// mean, the least, the greatest, the rank (1 for the greatest; equal values share the best rank:
// 1, 2, 2, 4), the number of departments with a value, or the [share] percentile (nearest rank:
// the ⌈share × n⌉-th least value, the least for 0%). Null when the cohort has no department, or
// its mean cannot be held exactly.
std::optional<Decimal> year_value(const Cohort& cohort, ast::YearOf kind, std::size_t fact, const Decimal& own,
                                  const Decimal& share = Decimal());

}  // namespace rubric
