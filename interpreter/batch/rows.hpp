// Departments scored one at a time, as `rubric batch` scores the lines of a JSON Lines file, for a
// program that receives them one by one from memory (a portal's uploads, a message queue): the
// compiled plan of the ruleset, each result the JSON Lines row `rubric batch` writes
// (docs/schema/batch-row.schema.json).
//
//   RowScorer scorer(*ruleset);
//   for (const std::string& document : uploads) out << scorer.json_row(scorer.score(document));
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "dsl/ast.hpp"
#include "interpreter/batch/scoring.hpp"
#include "interpreter/eval/facts.hpp"

namespace rubric {

class Plan;

class RowScorer {
 public:
  explicit RowScorer(const ast::Ruleset& ruleset, FactsOptions options = {});
  ~RowScorer();
  RowScorer(const RowScorer&) = delete;
  RowScorer& operator=(const RowScorer&) = delete;

  // One department: [document] is a facts document ({"department", "year", "facts", …}, "id"
  // allowed), as a line of a JSON Lines batch holds it. [row] numbers it in the results. The
  // result stays valid until the next call.
  const batch::RowResult& score(std::string_view document, std::size_t row = 0);

  // [result] as a line of JSON Lines results, with its line feed.
  std::string json_row(const batch::RowResult& result) const;

  // The indicators whose scores a result holds, in the ruleset's order.
  const std::vector<batch::Leaf>& indicators() const { return leaves_; }

 private:
  const ast::Ruleset& ruleset_;
  std::vector<batch::Leaf> leaves_;
  std::unique_ptr<Plan> plan_;
  std::unique_ptr<batch::Scorer> scorer_;
  batch::RowResult result_;
  int digits_ = 2;
};

}  // namespace rubric
