// A batch's summary; see summary.hpp and render_batch_summary in batch.hpp.
#include "interpreter/batch/summary.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "base/messages.hpp"

namespace rubric {
namespace batch {

void Ranking::offer(const RowResult& r, const std::string& grade) {
  if (n_ == 0 || !r.total) return;
  const auto before = [&](const RankedRow& a, const RankedRow& b) {
    if (a.total != b.total) return best_ ? a.total > b.total : a.total < b.total;
    return a.row < b.row;
  };
  RankedRow row{r.row, r.id, r.department, *r.total, grade};
  if (rows_.size() == n_ && !before(row, rows_.back())) return;
  rows_.insert(std::upper_bound(rows_.begin(), rows_.end(), row, before), row);
  if (rows_.size() > n_) rows_.pop_back();
}

SummaryBuilder::SummaryBuilder(const ast::Ruleset& rs, BatchSummary& summary, std::size_t top, std::size_t bottom)
    : rs_(rs), summary_(summary), top_(top, true), bottom_(bottom, false), grade_counts_(rs.grades.size(), 0) {}

void SummaryBuilder::add(const RowResult& r) {
  BatchSummary& summary = summary_;
  ++summary.rows;
  if (!r.error.empty() || !r.total) {
    ++summary.errors;
    if (summary.error_rows.size() < 10) summary.error_rows.push_back(r.row);
  }
  if (!r.total) return;
  ++with_total_;
  sum_ += *r.total;
  if (!summary.min || *r.total < *summary.min) summary.min = *r.total;
  if (!summary.max || *r.total > *summary.max) summary.max = *r.total;
  const std::string grade = r.grade >= 0 ? rs_.grades[static_cast<std::size_t>(r.grade)].name : "";
  if (r.grade >= 0) ++grade_counts_[static_cast<std::size_t>(r.grade)];
  top_.offer(r, grade);
  bottom_.offer(r, grade);
}

void SummaryBuilder::finish() {
  for (std::size_t g = 0; g < rs_.grades.size(); ++g) summary_.grades.emplace_back(rs_.grades[g].name, grade_counts_[g]);
  if (with_total_ > 0) summary_.mean = sum_ / Decimal::from_int(static_cast<std::int64_t>(with_total_));
  summary_.top = top_.take();
  summary_.bottom = bottom_.take();
}

}  // namespace batch

std::string render_batch_summary(const BatchSummary& s) {
  std::string out;
  const int d = s.digits;
  out += tr_format("rows: {}, errors: {}", s.rows, s.errors);
  if (!s.error_rows.empty()) {
    const std::string rows = fmt::format("{}{}", fmt::join(s.error_rows, ", "), s.errors > s.error_rows.size() ? ", …" : "");
    out += s.error_rows.size() == 1 ? tr_format(" (row {})", rows) : tr_format(" (rows {})", rows);
  }
  out += '\n';
  if (!s.grades.empty()) {
    std::vector<std::string> parts;
    for (const auto& [name, n] : s.grades) parts.push_back(fmt::format("{} {}", name, n));
    out += tr_format("grades: {}\n", fmt::join(parts, ", "));
  }
  if (s.mean) {
    out += tr_format("total: mean {}, min {}, max {}\n", s.mean->to_fixed(d), s.min->to_fixed(d), s.max->to_fixed(d));
  }
  const auto ranking = [&](std::string_view title, const std::vector<RankedRow>& rows) {
    if (rows.empty()) return;
    out += tr_format("{} {}:\n", title, rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const RankedRow& r = rows[i];
      out += tr_format("  {:>3}. {:>7}  {}  row {}  {}{}\n", i + 1, r.total.to_fixed(d), r.grade, r.row, r.id,
                       r.department.empty() || r.department == r.id ? "" : "  " + r.department);
    }
  };
  ranking(tr("top"), s.top);
  ranking(tr("bottom"), s.bottom);
  return out;
}

}  // namespace rubric
