// Markdown output; see markdown.hpp.
#include "report/markdown.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "base/unicode.hpp"

namespace rubric::report {

std::string markdown_text(std::string_view text) {
  const auto next_is = [&](std::size_t i, std::string_view set) {
    if (i + 1 >= text.size()) return false;
    const char n = text[i + 1];
    return ((n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z')) || set.find(n) != std::string_view::npos;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '|': out += "\\|"; break;
      case '\n': out += "<br>"; break;
      case '\r': break;
      // Only a '<' that can open a tag, a comment or an autolink (a letter, '/', '!' or '?' after
      // it) is markup; "得分<90分" stays as the criteria write it.
      case '<': out += next_is(i, "/!?") ? "&lt;" : "<"; break;
      // Only a '&' that can start an entity ("&lt;", "&#60;") is markup.
      case '&': out += next_is(i, "#") ? "&amp;" : "&"; break;
      case '\\': out += "\\\\"; break;
      case '`': out += "\\`"; break;
      case '[': out += "\\["; break;
      case ']': out += "\\]"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

std::string escaped(const std::string& text) { return markdown_text(text); }

bool numeric(Column c) {
  return c == kLevel1Points || c == kLevel2Points || c == kLevel3Points || c == kScore || c == kClaimed;
}

// With extra sections: 基本得分 and each of them, before 总分.
void subtotal_rows(const OfficialTable& table, const std::vector<Column>& columns,
                   std::vector<std::vector<std::string>>& grid) {
  for (const SubtotalRow& sub : table.subtotals) {
    std::vector<std::string> cells(columns.size());
    cells[0] = "**" + escaped(sub.label) + "**";
    cells[1] = escaped(sub.points);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] == kScore) cells[i] = sub.score.empty() ? "—" : sub.score;
      if (columns[i] == kBasis) cells[i] = escaped(sub.basis);
    }
    grid.push_back(std::move(cells));
  }
}

}  // namespace

std::string render_markdown(const OfficialTable& table) {
  const std::vector<Column> columns = table.columns();
  std::vector<std::vector<std::string>> grid;
  std::vector<std::string> cells;
  for (const Column c : columns) cells.emplace_back(heading(c));
  grid.push_back(cells);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const OfficialRow& row = table.rows[r];
    const bool first1 = r == 0 || table.rows[r - 1].level1 != row.level1;
    const bool first2 = first1 || table.rows[r - 1].level2 != row.level2 ||
                        table.rows[r - 1].level2_points != row.level2_points;
    cells.clear();
    for (const Column c : columns) {
      std::string text = table.cell(row, c);
      if ((c == kLevel1 || c == kLevel1Points) && !first1) text.clear();
      if ((c == kLevel2 || c == kLevel2Points) && !first2) text.clear();
      if (c == kScore && row.differs) text = "≠ " + (text.empty() ? "—" : text);
      if (c == kScore && text.empty()) text = "—";
      cells.push_back(escaped(text));
    }
    grid.push_back(cells);
  }
  subtotal_rows(table, columns, grid);
  cells.assign(columns.size(), "");
  cells[0] = "**总分**";
  cells[1] = table.total_points;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == kScore) {
      cells[i] = "**" + (table.total.empty() ? std::string("—") : table.total) + "**";
      if (table.total_differs) cells[i] = "≠ " + cells[i];
    }
    if (columns[i] == kClaimed) cells[i] = table.claimed_total;
  }
  grid.push_back(cells);
  cells.assign(columns.size(), "");
  cells[0] = "**评价等级**";
  cells[1] = table.grade.empty() ? "—" : escaped(table.grade);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == kStandard) cells[i] = escaped(table.grade_line());  // the widest column takes it
  }
  grid.push_back(cells);

  std::vector<int> widths(columns.size(), 3);
  for (const auto& row : grid) {
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], unicode::display_width(row[i]));
  }
  const auto write_row = [&](const std::vector<std::string>& row) {
    std::string line = "|";
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += " " + unicode::pad(row[i], widths[i], numeric(columns[i])) + " |";
    }
    return line + "\n";
  };

  std::string out;
  out += fmt::format("# {}\n\n", escaped(table.title));
  out += fmt::format("（{}年度）\n\n", table.year);
  out += fmt::format("- 部门名称：{}\n", escaped(table.department));
  out += fmt::format("- 年度：{}\n", table.year);
  for (const HeaderFigure& f : table.budget) {
    out += fmt::format("- {}（{}）：{}\n", escaped(f.label), escaped(f.unit), f.value);
  }
  out += "\n";
  out += write_row(grid.front());
  std::string rule = "|";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    rule += numeric(columns[i]) ? " " + std::string(static_cast<std::size_t>(widths[i] - 1), '-') + ": |"
                                : " " + std::string(static_cast<std::size_t>(widths[i]), '-') + " |";
  }
  out += rule + "\n";
  for (std::size_t r = 1; r < grid.size(); ++r) out += write_row(grid[r]);
  out += "\n";
  out += fmt::format("评价等级：{}\n", escaped(table.grade_ticks()));
  for (const std::string& note : table.grade_notes) out += fmt::format("\n- {}\n", escaped(note));
  if (table.claims) out += "\n" + table.claims_note() + (table.differences > 0 ? "（≠ 标出计算得分与自评分不同之处）" : "") + "\n";
  for (const std::string& e : table.errors) out += "\n未能评分：" + escaped(e) + "\n";
  return out;
}

}  // namespace rubric::report
