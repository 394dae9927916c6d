// The closing summary of a batch as text; see batch.hpp.
#include <fmt/format.h>

#include "interpreter/batch/batch.hpp"

namespace rubric {

std::string render_batch_summary(const BatchSummary& s) {
  std::string out;
  const int d = s.digits;
  out += fmt::format("rows: {}, errors: {}", s.rows, s.errors);
  if (!s.error_rows.empty()) {
    out += fmt::format(" (row{} {}{})", s.error_rows.size() == 1 ? "" : "s", fmt::join(s.error_rows, ", "),
                       s.errors > s.error_rows.size() ? ", …" : "");
  }
  out += '\n';
  if (!s.grades.empty()) {
    std::vector<std::string> parts;
    for (const auto& [name, n] : s.grades) parts.push_back(fmt::format("{} {}", name, n));
    out += fmt::format("grades: {}\n", fmt::join(parts, ", "));
  }
  if (s.mean) {
    out += fmt::format("total: mean {}, min {}, max {}\n", s.mean->to_fixed(d), s.min->to_fixed(d), s.max->to_fixed(d));
  }
  const auto ranking = [&](const char* title, const std::vector<RankedRow>& rows) {
    if (rows.empty()) return;
    out += fmt::format("{} {}:\n", title, rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const RankedRow& r = rows[i];
      out += fmt::format("  {:>3}. {:>7}  {}  row {}  {}{}\n", i + 1, r.total.to_fixed(d), r.grade, r.row, r.id,
                         r.department.empty() || r.department == r.id ? "" : "  " + r.department);
    }
  };
  ranking("top", s.top);
  ranking("bottom", s.bottom);
  return out;
}

}  // namespace rubric
