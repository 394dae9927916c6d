// XLSX output; see xlsx.hpp.
#include "report/xlsx.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "base/unicode.hpp"
#include "report/xlsx_workbook.hpp"

namespace rubric::report {
namespace {

using xlsx::check;
using xlsx::number;

constexpr double kLineHeight = 14;  // points per line of 10-point CJK text

// Column widths in Excel's units (the width of a '0'); about 160 in all, which prints on A4
// landscape at about 85%.
double column_width(Column c) {
  switch (c) {
    case kLevel1: return 9;
    case kLevel2: return 11;
    case kLevel3: return 16;
    case kLevel1Points:
    case kLevel2Points:
    case kLevel3Points: return 5.5;
    case kExplain: return 22;
    case kStandard: return 42;
    case kScore:
    case kClaimed: return 7;
    case kBasis: return 28;
    case kEvidence: return 16;
  }
  return 10;
}

// Lines [text] takes in a cell [width] units wide, [capacity] display cells a unit (a CJK
// character is 2 cells). The row heights are set from this estimate: Excel fits a row without a
// height to its wrapped text when it opens the file, but LibreOffice does not. The capacities
// are Excel's with 宋体 (a 9-point CJK character is about 12 pixels, a width unit 7); LibreOffice
// fits more on a line, so its rows have some space to spare.
int lines_for(const std::string& text, double width, double capacity) {
  if (text.empty()) return 1;
  const int per_line = std::max(1, static_cast<int>(width * capacity));
  int lines = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const int w = unicode::display_width(std::string_view(text).substr(start, end - start));
    lines += std::max(1, (w + per_line - 1) / per_line);
    start = end + 1;
  }
  return lines;
}

struct Formats {
  lxw_format* title;
  lxw_format* subtitle;
  lxw_format* label;
  lxw_format* value;
  lxw_format* money;
  lxw_format* heading;
  lxw_format* level;
  lxw_format* name;
  lxw_format* points;
  lxw_format* text;
  lxw_format* score;
  lxw_format* score_differs;
  lxw_format* total_label;
  lxw_format* total;
  lxw_format* total_differs;
  lxw_format* grade;
  lxw_format* note;
};

lxw_format* base(lxw_workbook* wb, bool border = true) { return xlsx::base_format(wb, border); }

Formats make_formats(lxw_workbook* wb, int digits) {
  const std::string number_format = xlsx::decimals_format(digits);
  Formats f{};
  f.title = base(wb, false);
  format_set_bold(f.title);
  format_set_font_size(f.title, 16);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  f.subtitle = base(wb, false);
  format_set_align(f.subtitle, LXW_ALIGN_CENTER);
  f.label = base(wb);
  format_set_bold(f.label);
  format_set_bg_color(f.label, 0xF0F0F0);
  format_set_align(f.label, LXW_ALIGN_CENTER);
  f.value = base(wb);
  f.money = base(wb);
  format_set_num_format(f.money, "#,##0.00");
  format_set_align(f.money, LXW_ALIGN_LEFT);
  f.heading = base(wb);
  format_set_bold(f.heading);
  format_set_bg_color(f.heading, 0xDCE6F1);
  format_set_align(f.heading, LXW_ALIGN_CENTER);
  f.level = base(wb);
  format_set_bold(f.level);
  format_set_align(f.level, LXW_ALIGN_CENTER);
  f.name = base(wb);
  f.points = base(wb);
  format_set_align(f.points, LXW_ALIGN_CENTER);
  f.text = base(wb);
  format_set_font_size(f.text, 9);
  f.score = base(wb);
  format_set_align(f.score, LXW_ALIGN_CENTER);
  format_set_num_format(f.score, number_format.c_str());
  f.score_differs = base(wb);
  format_set_align(f.score_differs, LXW_ALIGN_CENTER);
  format_set_num_format(f.score_differs, number_format.c_str());
  format_set_bg_color(f.score_differs, 0xFFC7CE);
  format_set_font_color(f.score_differs, 0x9C0006);
  format_set_bold(f.score_differs);
  f.total_label = base(wb);
  format_set_bold(f.total_label);
  format_set_align(f.total_label, LXW_ALIGN_CENTER);
  format_set_bg_color(f.total_label, 0xF2F2F2);
  f.total = base(wb);
  format_set_bold(f.total);
  format_set_align(f.total, LXW_ALIGN_CENTER);
  format_set_bg_color(f.total, 0xF2F2F2);
  format_set_num_format(f.total, number_format.c_str());
  f.total_differs = base(wb);
  format_set_bold(f.total_differs);
  format_set_align(f.total_differs, LXW_ALIGN_CENTER);
  format_set_num_format(f.total_differs, number_format.c_str());
  format_set_bg_color(f.total_differs, 0xFFC7CE);
  format_set_font_color(f.total_differs, 0x9C0006);
  f.grade = base(wb);
  format_set_font_size(f.grade, 11);
  f.note = base(wb, false);
  return f;
}

// Writes a points text as a number when it is one (so it can be summed), else as text.
void write_points(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& text, lxw_format* format) {
  const auto value = Decimal::parse(text);
  if (value) {
    check(worksheet_write_number(ws, r, c, number(*value), format), "points");
  } else {
    check(worksheet_write_string(ws, r, c, unicode::xml_text(text).c_str(), format), "points");
  }
}

void merge(lxw_worksheet* ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2, const std::string& text,
           lxw_format* format) {
  // Every text of the workbook is XML (sharedStrings.xml): a character XML 1.0 forbids (U+FFFF,
  // a control character) would make the whole file unreadable, so it is written as U+FFFD.
  const std::string safe = unicode::xml_text(text);
  if (r1 == r2 && c1 == c2) {
    check(worksheet_write_string(ws, r1, c1, safe.c_str(), format), "cell");
  } else {
    check(worksheet_merge_range(ws, r1, c1, r2, c2, safe.c_str(), format), "merge");
  }
}

void write_table(lxw_workbook* wb, const OfficialTable& table) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "自评表");
  const Formats f = make_formats(wb, table.digits);
  const std::vector<Column> columns = table.columns();
  const auto last_col = static_cast<lxw_col_t>(columns.size() - 1);
  const auto col_of = [&](Column c) {
    return static_cast<lxw_col_t>(std::find(columns.begin(), columns.end(), c) - columns.begin());
  };
  for (std::size_t i = 0; i < columns.size(); ++i) {
    check(worksheet_set_column(ws, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i), column_width(columns[i]),
                               nullptr),
          "column");
  }

  lxw_row_t r = 0;
  merge(ws, r, 0, r, last_col, table.title, f.title);
  worksheet_set_row(ws, r, 26, nullptr);
  ++r;
  merge(ws, r, 0, r, last_col, "（" + table.year + "年度）", f.subtitle);
  r += 2;

  // The header block: 部门名称 | department | 年度 | year, then the budget figures, two a row.
  const lxw_col_t mid = col_of(kExplain);
  merge(ws, r, 0, r, 1, "部门名称", f.label);
  merge(ws, r, 2, r, mid - 1, table.department, f.value);
  merge(ws, r, mid, r, mid, "年度", f.label);
  merge(ws, r, mid + 1, r, last_col, table.year, f.value);
  ++r;
  for (std::size_t i = 0; i < table.budget.size(); i += 2) {
    const HeaderFigure& a = table.budget[i];
    merge(ws, r, 0, r, 3, a.label + "（" + a.unit + "）", f.label);
    merge(ws, r, 4, r, mid - 1, "", f.money);
    check(worksheet_write_number(ws, r, 4, number(a.number), f.money), "budget");
    if (i + 1 < table.budget.size()) {
      const HeaderFigure& b = table.budget[i + 1];
      merge(ws, r, mid, r, mid + 1, b.label + "（" + b.unit + "）", f.label);
      merge(ws, r, mid + 2, r, last_col, "", f.money);
      check(worksheet_write_number(ws, r, mid + 2, number(b.number), f.money), "budget");
    } else {
      merge(ws, r, mid, r, last_col, "", f.value);
    }
    worksheet_set_row(ws, r, kLineHeight * 2 + 2, nullptr);
    ++r;
  }
  ++r;

  // The column headings, repeated on every printed page.
  const lxw_row_t heading_row = r;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    check(worksheet_write_string(ws, r, static_cast<lxw_col_t>(i), heading(columns[i]), f.heading), "heading");
  }
  worksheet_set_row(ws, r, kLineHeight * 2 + 2, nullptr);
  ++r;

  const lxw_row_t first_row = r;
  for (const OfficialRow& row : table.rows) {
    int lines = 1;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const Column c = columns[i];
      const std::string& text = table.cell(row, c);
      const auto col = static_cast<lxw_col_t>(i);
      if (c == kLevel1 || c == kLevel1Points || c == kLevel2 || c == kLevel2Points) continue;  // merged below
      if (c == kScore || c == kClaimed) {
        const auto& value = c == kScore ? row.score_value : row.claimed_value;
        lxw_format* format = row.differs ? f.score_differs : f.score;
        if (value) {
          check(worksheet_write_number(ws, r, col, number(*value), format), "score");
        } else {
          check(worksheet_write_string(ws, r, col, c == kScore ? "—" : "", format), "score");
        }
        continue;
      }
      if (c == kLevel3Points) {
        write_points(ws, r, col, text, f.points);
        continue;
      }
      const bool small = c == kExplain || c == kStandard || c == kBasis || c == kEvidence;
      check(worksheet_write_string(ws, r, col, unicode::xml_text(text).c_str(), small ? f.text : f.name), "text");
      lines = std::max(lines, lines_for(text, column_width(c), small ? 1.25 : 1.1));
    }
    worksheet_set_row(ws, r, 12.5 * lines + 8, nullptr);
    ++r;
  }
  // The hierarchy as merged cells.
  for (const RowGroup& g : table.level1_groups) {
    const auto r1 = static_cast<lxw_row_t>(first_row + static_cast<lxw_row_t>(g.first));
    const auto r2 = static_cast<lxw_row_t>(first_row + static_cast<lxw_row_t>(g.last));
    merge(ws, r1, col_of(kLevel1), r2, col_of(kLevel1), g.name, f.level);
    merge(ws, r1, col_of(kLevel1Points), r2, col_of(kLevel1Points), g.points, f.points);
    write_points(ws, r1, col_of(kLevel1Points), g.points, f.points);
  }
  for (const RowGroup& g : table.level2_groups) {
    const auto r1 = static_cast<lxw_row_t>(first_row + static_cast<lxw_row_t>(g.first));
    const auto r2 = static_cast<lxw_row_t>(first_row + static_cast<lxw_row_t>(g.last));
    merge(ws, r1, col_of(kLevel2), r2, col_of(kLevel2), g.name, f.name);
    merge(ws, r1, col_of(kLevel2Points), r2, col_of(kLevel2Points), g.points, f.points);
    if (!g.points.empty()) write_points(ws, r1, col_of(kLevel2Points), g.points, f.points);
  }

  // 总分 | points | … | total [| claimed] | …
  merge(ws, r, 0, r, 0, "总分", f.total_label);
  write_points(ws, r, 1, table.total_points, f.total);
  merge(ws, r, 2, r, col_of(kScore) - 1, "", f.total);
  lxw_format* total_format = table.total_differs ? f.total_differs : f.total;
  if (table.total_value) {
    check(worksheet_write_number(ws, r, col_of(kScore), number(*table.total_value), total_format), "total");
  } else {
    check(worksheet_write_string(ws, r, col_of(kScore), "—", total_format), "total");
  }
  if (table.claims) {
    if (table.claimed_total_value) {
      check(worksheet_write_number(ws, r, col_of(kClaimed), number(*table.claimed_total_value), total_format), "claimed");
    } else {
      check(worksheet_write_blank(ws, r, col_of(kClaimed), total_format), "claimed");
    }
  }
  merge(ws, r, col_of(kBasis), r, last_col, "", f.total);
  worksheet_set_row(ws, r, kLineHeight + 8, nullptr);
  const lxw_row_t total_row = r;
  ++r;
  merge(ws, r, 0, r, 0, "评价等级", f.total_label);
  merge(ws, r, 1, r, last_col, table.grade_line(), f.grade);
  worksheet_set_row(ws, r, kLineHeight + 10, nullptr);
  ++r;
  if (table.claims) {
    std::string note = table.claims_note();
    if (table.differences > 0) note += "红底为自评分与按评分标准计算的得分不同之处。";
    merge(ws, r, 0, r, last_col, note, f.note);
    ++r;
  }
  for (const std::string& e : table.errors) {
    merge(ws, r, 0, r, last_col, "未能评分：" + e, f.note);
    ++r;
  }
  (void)total_row;

  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_set_margins(ws, 0.3, 0.3, 0.5, 0.5);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_center_horizontally(ws);
  check(worksheet_repeat_rows(ws, heading_row, heading_row), "repeat rows");
  check(worksheet_set_footer(ws, "&C第 &P 页，共 &N 页"), "footer");
  worksheet_freeze_panes(ws, heading_row + 1, 0);
  worksheet_activate(ws);
}

void write_chart_sheet(lxw_workbook* wb, const OfficialTable& table) {
  if (table.sections.empty()) return;
  lxw_worksheet* ws = workbook_add_worksheet(wb, "各部分得分");
  const Formats f = make_formats(wb, table.digits);
  worksheet_set_column(ws, 0, 0, 28, nullptr);
  worksheet_set_column(ws, 1, 3, 10, nullptr);
  check(worksheet_write_string(ws, 0, 0, "部分", f.heading), "heading");
  check(worksheet_write_string(ws, 0, 1, "分值", f.heading), "heading");
  check(worksheet_write_string(ws, 0, 2, "得分", f.heading), "heading");
  lxw_row_t r = 1;
  for (const SectionBar& bar : table.sections) {
    const std::string name = bar.level == 1 ? bar.name : "　" + bar.name;
    check(worksheet_write_string(ws, r, 0, unicode::xml_text(name).c_str(), bar.level == 1 ? f.level : f.name), "section");
    check(worksheet_write_number(ws, r, 1, number(bar.points), f.points), "points");
    if (bar.score) {
      check(worksheet_write_number(ws, r, 2, number(*bar.score), f.score), "score");
    } else {
      check(worksheet_write_string(ws, r, 2, "—", f.score), "score");
    }
    ++r;
  }
  lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_BAR);
  lxw_chart_series* points = chart_add_series(chart, nullptr, nullptr);
  chart_series_set_categories(points, "各部分得分", 1, 0, r - 1, 0);
  chart_series_set_values(points, "各部分得分", 1, 1, r - 1, 1);
  chart_series_set_name(points, "分值");
  lxw_chart_fill points_fill{};
  points_fill.color = 0xD9D9D9;
  chart_series_set_fill(points, &points_fill);
  lxw_chart_series* scores = chart_add_series(chart, nullptr, nullptr);
  chart_series_set_categories(scores, "各部分得分", 1, 0, r - 1, 0);
  chart_series_set_values(scores, "各部分得分", 1, 2, r - 1, 2);
  chart_series_set_name(scores, "得分");
  lxw_chart_fill scores_fill{};
  scores_fill.color = 0x2F5D9B;
  chart_series_set_fill(scores, &scores_fill);
  chart_series_set_labels(scores);
  chart_title_set_name(chart, "各部分得分与分值");
  chart_axis_set_reverse(chart->y_axis);  // the first section at the top
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options options{};
  options.x_scale = 1.6;
  options.y_scale = std::max(1.0, static_cast<double>(table.sections.size()) / 8.0);
  check(worksheet_insert_chart_opt(ws, 0, 4, chart, &options), "chart");
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);
  worksheet_fit_to_pages(ws, 1, 1);
}

}  // namespace

std::string render_xlsx(const OfficialTable& table) {
  xlsx::Workbook workbook;
  write_table(workbook.get(), table);
  write_chart_sheet(workbook.get(), table);
  return workbook.bytes();
}

}  // namespace rubric::report
