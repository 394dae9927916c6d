// CSV output; see csv.hpp.
#include "report/csv.hpp"

#include "base/csv_cell.hpp"

namespace rubric::report {
namespace {

// Every cell is text to this writer: a text that a spreadsheet would run as a formula gets a
// single quote in front; numbers (-3.5 included) are written as they are (csv_cell.hpp).
std::string quoted(const std::string& text) { return csv_text(text); }

void line(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += quoted(cells[i]);
  }
  out += "\r\n";
}

}  // namespace

std::string render_csv(const OfficialTable& table, bool bom) {
  std::string out = bom ? "\xEF\xBB\xBF" : "";
  const std::vector<Column> columns = table.columns();
  std::vector<std::string> cells;
  for (const Column c : columns) cells.emplace_back(heading(c));
  line(out, cells);
  for (const OfficialRow& row : table.rows) {
    cells.clear();
    for (const Column c : columns) cells.push_back(table.cell(row, c));
    line(out, cells);
  }
  for (const SubtotalRow& sub : table.subtotals) {
    cells.assign(columns.size(), "");
    cells[0] = sub.label;
    cells[1] = sub.points;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] == kScore) cells[i] = sub.score;
      if (columns[i] == kBasis) cells[i] = sub.basis;
    }
    line(out, cells);
  }
  cells.assign(columns.size(), "");
  cells[0] = "总分";
  cells[1] = table.total_points;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == kScore) cells[i] = table.total;
    if (columns[i] == kClaimed) cells[i] = table.claimed_total;
  }
  line(out, cells);
  cells.assign(columns.size(), "");
  cells[0] = "评价等级";
  cells[1] = table.grade_line();
  line(out, cells);
  for (const std::string& note : table.grade_notes) {
    cells.assign(columns.size(), "");
    cells[0] = "评价等级说明";
    cells[1] = note;
    line(out, cells);
  }
  return out;
}

}  // namespace rubric::report
