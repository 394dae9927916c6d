// A batch's summary, gathered by the writer row by row in input order: rows, errors, grade
// counts, the total's mean, minimum and maximum, and the best and worst totals.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "base/decimal.hpp"
#include "dsl/ast.hpp"
#include "interpreter/batch/batch.hpp"
#include "interpreter/batch/scoring.hpp"

namespace rubric::batch {

// Keeps the [n] best (or worst) totals; ties keep the earlier row first.
class Ranking {
 public:
  Ranking(std::size_t n, bool best) : n_(n), best_(best) {}
  void offer(const RowResult& r, const std::string& grade);
  std::vector<RankedRow> take() { return std::move(rows_); }

 private:
  std::size_t n_;
  bool best_;
  std::vector<RankedRow> rows_;
};

class SummaryBuilder {
 public:
  // Counts into [summary]; ranks the [top] best and [bottom] worst totals.
  SummaryBuilder(const ast::Ruleset& rs, BatchSummary& summary, std::size_t top, std::size_t bottom);
  // One more row, in input order.
  void add(const RowResult& r);
  // Puts the grade counts, the mean and the rankings into the summary.
  void finish();

 private:
  const ast::Ruleset& rs_;
  BatchSummary& summary_;
  Ranking top_;
  Ranking bottom_;
  std::vector<std::size_t> grade_counts_;
  Decimal sum_;
  std::size_t with_total_ = 0;
};

}  // namespace rubric::batch
