// Scoring departments one document at a time; see rows.hpp.
#include "interpreter/batch/rows.hpp"

#include "interpreter/batch/results.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/plan.hpp"

namespace rubric {

RowScorer::RowScorer(const ast::Ruleset& ruleset, FactsOptions options)
    : ruleset_(ruleset), plan_(std::make_unique<Plan>(ruleset)), digits_(total_digits(ruleset)) {
  batch::collect_leaves(ruleset, ruleset.items, leaves_);
  scorer_ = std::make_unique<batch::Scorer>(ruleset, plan_.get(), leaves_.size(), options);
}

RowScorer::~RowScorer() = default;

const batch::RowResult& RowScorer::score(std::string_view document, std::size_t row) {
  result_ = batch::RowResult{};
  result_.row = row;
  scorer_->score(std::string(document), false, result_);
  if (result_.id.empty()) result_.id = result_.department;
  return result_;
}

std::string RowScorer::json_row(const batch::RowResult& result) const {
  std::string out;
  batch::write_row(ruleset_, digits_, leaves_, BatchFormat::JsonLines, result, batch::has_vetoes(ruleset_), out);
  return out;
}

}  // namespace rubric
