// Scoring one row of a batch: its facts, by the compiled plan (or the tree evaluator), into the
// row's result: total, grade, each indicator's score, and its errors joined in one text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "base/decimal.hpp"
#include "dsl/ast.hpp"
#include "interpreter/batch/csv_document.hpp"
#include "interpreter/batch/prior.hpp"
#include "interpreter/eval/facts.hpp"
#include "interpreter/eval/plan.hpp"

namespace rubric::batch {

// An indicator, a column of the results: its name and the decimals it is rounded to.
struct Leaf {
  std::string name;
  int digits = 2;
};

// The indicators of [items], in table order, appended to [out].
void collect_leaves(const ast::Ruleset& rs, const std::vector<ast::Item>& items, std::vector<Leaf>& out);

// One problem of a row, for the JSON Lines output: its code ("" for a cell that could not be
// read, or a row of last year missing), its message, and the CSV column or the JSON path.
struct RowProblem {
  std::string code;
  std::string message;
  std::string column;  // a CSV row's column ("" when not one)
  std::string path;    // a JSON Lines row's JSON path ("facts.rate"; "" when not one)
};

struct RowResult {
  std::size_t row = 0;
  std::string id;
  std::string department;
  std::optional<Decimal> total;
  int grade = -1;  // index into the ruleset's grades
  std::vector<std::optional<Decimal>> scores;  // by leaf
  std::vector<std::string> vetoes;  // the texts of the vetoes that applied (一票否决), in the ruleset's order
  std::string error;                  // every problem in one text (the CSV's error column)
  std::vector<RowProblem> problems;   // the same, one by one
  std::vector<std::uint32_t> tested;  // what BatchOptions::tested_sink kept of the row (TestedSink::take)
};

class Scorer {
 public:
  Scorer(const ast::Ruleset& rs, const Plan* plan, std::size_t leaves, FactsOptions facts_options,
         const PriorBatch* prior = nullptr, std::shared_ptr<const Cohort> cohort = nullptr);

  // Scores a facts document; [csv] says errors name columns rather than JSON paths. [unreadable]:
  // cells found unreadable before the document was written (see unreadable_cells), left out of
  // it; their errors come first, the loader's about their columns are dropped, and a row with
  // any is not scored.
  void score(const std::string& document, bool csv, RowResult& out, const std::vector<UnreadableCell>& unreadable = {});

  // Scores valid facts.
  void score(const Facts& facts, std::vector<std::string>& errors, RowResult& out);

  // Gives every value the tiers test to [sink], and what it keeps of each row to RowResult::tested.
  void record_tested(std::unique_ptr<TestedSink> sink) { sink_ = std::move(sink); }

 private:
  // [facts] with the department's facts of last year, or null (the row's error said) when they
  // cannot be had.
  const Facts* with_prior(const Facts& facts, std::vector<std::string>& errors, RowResult& out);

 private:
  const ast::Ruleset& rs_;
  const Plan* plan_;
  std::size_t leaves_;
  FactsOptions facts_options_;
  const PriorBatch* prior_;  // last year's batch (--prior), or null
  std::shared_ptr<const Cohort> cohort_;  // the year's departments, or null
  std::unique_ptr<TestedSink> sink_;
  Facts with_prior_;         // a row's facts with its department's of last year
  PlanResult plan_result_;  // reused from row to row
};

}  // namespace rubric::batch
