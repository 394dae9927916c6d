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

// A 一级指标 of more rows than this is merged per 二级指标 (TableWriter::hierarchy()).
constexpr int kMaxMergedRows = 8;

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

// The 自评表 sheet, written top to bottom: title, header block, headings, one row per indicator
// (with the hierarchy merged over them), the total and the grade, then the page set-up.
class TableWriter {
 public:
  TableWriter(lxw_workbook* wb, const OfficialTable& table)
      : table_(table),
        ws_(workbook_add_worksheet(wb, "自评表")),
        f_(make_formats(wb, table.digits)),
        columns_(table.columns()),
        last_col_(static_cast<lxw_col_t>(columns_.size() - 1)) {}

  void write() {
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      check(worksheet_set_column(ws_, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i), column_width(columns_[i]),
                                 nullptr),
            "column");
    }
    title();
    header_block();
    const lxw_row_t heading_row = headings();
    const lxw_row_t first_row = r_;
    for (const OfficialRow& row : table_.rows) indicator_row(row);
    hierarchy(first_row);
    for (const SubtotalRow& sub : table_.subtotals) subtotal(sub);
    total();
    grade_and_notes();
    page_setup(heading_row);
  }

 private:
  lxw_col_t col_of(Column c) const {
    return static_cast<lxw_col_t>(std::find(columns_.begin(), columns_.end(), c) - columns_.begin());
  }

  void title() {
    merge(ws_, r_, 0, r_, last_col_, table_.title, f_.title);
    worksheet_set_row(ws_, r_, 26, nullptr);
    ++r_;
    merge(ws_, r_, 0, r_, last_col_, "（" + table_.year + "年度）", f_.subtitle);
    r_ += 2;
  }

  // 部门名称 | department | 年度 | year, then the budget figures, two a row.
  void header_block() {
    const lxw_col_t mid = col_of(kExplain);
    merge(ws_, r_, 0, r_, 1, "部门名称", f_.label);
    merge(ws_, r_, 2, r_, mid - 1, table_.department, f_.value);
    merge(ws_, r_, mid, r_, mid, "年度", f_.label);
    merge(ws_, r_, mid + 1, r_, last_col_, table_.year, f_.value);
    ++r_;
    for (std::size_t i = 0; i < table_.budget.size(); i += 2) {
      const HeaderFigure& a = table_.budget[i];
      merge(ws_, r_, 0, r_, 3, a.label + "（" + a.unit + "）", f_.label);
      merge(ws_, r_, 4, r_, mid - 1, "", f_.money);
      check(worksheet_write_number(ws_, r_, 4, number(a.number), f_.money), "budget");
      if (i + 1 < table_.budget.size()) {
        const HeaderFigure& b = table_.budget[i + 1];
        merge(ws_, r_, mid, r_, mid + 1, b.label + "（" + b.unit + "）", f_.label);
        merge(ws_, r_, mid + 2, r_, last_col_, "", f_.money);
        check(worksheet_write_number(ws_, r_, mid + 2, number(b.number), f_.money), "budget");
      } else {
        merge(ws_, r_, mid, r_, last_col_, "", f_.value);
      }
      worksheet_set_row(ws_, r_, kLineHeight * 2 + 2, nullptr);
      ++r_;
    }
    ++r_;
  }

  // The column headings, repeated on every printed page; returns their row.
  lxw_row_t headings() {
    const lxw_row_t row = r_;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      check(worksheet_write_string(ws_, r_, static_cast<lxw_col_t>(i), heading(columns_[i]), f_.heading), "heading");
    }
    worksheet_set_row(ws_, r_, kLineHeight * 2 + 2, nullptr);
    ++r_;
    return row;
  }

  void indicator_row(const OfficialRow& row) {
    int lines = 1;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      const Column c = columns_[i];
      const std::string& text = table_.cell(row, c);
      const auto col = static_cast<lxw_col_t>(i);
      if (c == kLevel1 || c == kLevel1Points || c == kLevel2 || c == kLevel2Points) continue;  // merged later
      if (c == kScore || c == kClaimed) {
        const auto& value = c == kScore ? row.score_value : row.claimed_value;
        lxw_format* format = row.differs ? f_.score_differs : f_.score;
        if (value) {
          check(worksheet_write_number(ws_, r_, col, number(*value), format), "score");
        } else {
          const std::string shown = c != kScore ? "" : row.score.empty() ? "—" : row.score;  // 不适用
          check(worksheet_write_string(ws_, r_, col, shown.c_str(), format), "score");
        }
        continue;
      }
      if (c == kLevel3Points) {
        write_points(ws_, r_, col, text, f_.points);
        continue;
      }
      const bool small = c == kExplain || c == kStandard || c == kBasis || c == kEvidence;
      check(worksheet_write_string(ws_, r_, col, unicode::xml_text(text).c_str(), small ? f_.text : f_.name), "text");
      lines = std::max(lines, lines_for(text, column_width(c), small ? 1.25 : 1.1));
    }
    worksheet_set_row(ws_, r_, 12.5 * lines + 8, nullptr);
    ++r_;
  }

  // The first two levels as cells merged over the rows of their indicators.
  void hierarchy(lxw_row_t first_row) {
    const auto rows = [&](const RowGroup& g) {
      return std::pair{static_cast<lxw_row_t>(first_row + static_cast<lxw_row_t>(g.first)),
                       static_cast<lxw_row_t>(first_row + static_cast<lxw_row_t>(g.last))};
    };
    for (const RowGroup& g : table_.level1_groups) {
      // A 一级指标 of many rows is merged once per 二级指标 in it, its name repeated with "（续）":
      // printed, one merged cell spanning pages shows its name on one page only (where depends on
      // the printer's fonts), and a page of 管理效率's rows would have none.
      std::vector<int> starts{g.first};
      if (g.last - g.first + 1 > kMaxMergedRows) {
        for (const RowGroup& sub : table_.level2_groups) {
          if (sub.first > g.first && sub.first <= g.last) starts.push_back(sub.first);
        }
      }
      std::sort(starts.begin(), starts.end());
      for (std::size_t i = 0; i < starts.size(); ++i) {
        const auto [r1, r2] = rows(RowGroup{starts[i], i + 1 < starts.size() ? starts[i + 1] - 1 : g.last, {}, {}});
        merge(ws_, r1, col_of(kLevel1), r2, col_of(kLevel1), i == 0 ? g.name : g.name + "（续）", f_.level);
        merge(ws_, r1, col_of(kLevel1Points), r2, col_of(kLevel1Points), i == 0 ? g.points : "", f_.points);
        if (i == 0) write_points(ws_, r1, col_of(kLevel1Points), g.points, f_.points);
      }
    }
    for (const RowGroup& g : table_.level2_groups) {
      const auto [r1, r2] = rows(g);
      merge(ws_, r1, col_of(kLevel2), r2, col_of(kLevel2), g.name, f_.name);
      merge(ws_, r1, col_of(kLevel2Points), r2, col_of(kLevel2Points), g.points, f_.points);
      if (!g.points.empty()) write_points(ws_, r1, col_of(kLevel2Points), g.points, f_.points);
    }
  }

  // With extra sections: 基本得分 and each of them | points | … | score [| ] | basis | …
  void subtotal(const SubtotalRow& sub) {
    merge(ws_, r_, 0, r_, 0, sub.label, f_.total_label);
    write_points(ws_, r_, 1, sub.points, f_.total);
    merge(ws_, r_, 2, r_, col_of(kScore) - 1, "", f_.total);
    if (sub.score_value) {
      check(worksheet_write_number(ws_, r_, col_of(kScore), number(*sub.score_value), f_.total), "subtotal");
    } else {
      check(worksheet_write_string(ws_, r_, col_of(kScore), "—", f_.total), "subtotal");
    }
    if (table_.claims) check(worksheet_write_blank(ws_, r_, col_of(kClaimed), f_.total), "claimed");
    merge(ws_, r_, col_of(kBasis), r_, col_of(kBasis), sub.basis, f_.text);
    if (col_of(kBasis) < last_col_) merge(ws_, r_, col_of(kBasis) + 1, r_, last_col_, "", f_.total);
    worksheet_set_row(ws_, r_, kLineHeight + 8, nullptr);
    ++r_;
  }

  // 总分 | points | … | total [| claimed] | …
  void total() {
    merge(ws_, r_, 0, r_, 0, "总分", f_.total_label);
    write_points(ws_, r_, 1, table_.total_points, f_.total);
    merge(ws_, r_, 2, r_, col_of(kScore) - 1, "", f_.total);
    lxw_format* format = table_.total_differs ? f_.total_differs : f_.total;
    if (table_.total_value) {
      check(worksheet_write_number(ws_, r_, col_of(kScore), number(*table_.total_value), format), "total");
    } else {
      check(worksheet_write_string(ws_, r_, col_of(kScore), "—", format), "total");
    }
    if (table_.claims) {
      if (table_.claimed_total_value) {
        check(worksheet_write_number(ws_, r_, col_of(kClaimed), number(*table_.claimed_total_value), format),
              "claimed");
      } else {
        check(worksheet_write_blank(ws_, r_, col_of(kClaimed), format), "claimed");
      }
    }
    merge(ws_, r_, col_of(kBasis), r_, last_col_, "", f_.total);
    worksheet_set_row(ws_, r_, kLineHeight + 8, nullptr);
    ++r_;
  }

  void grade_and_notes() {
    merge(ws_, r_, 0, r_, 0, "评价等级", f_.total_label);
    merge(ws_, r_, 1, r_, last_col_, table_.grade_line(), f_.grade);
    worksheet_set_row(ws_, r_, kLineHeight + 10, nullptr);
    ++r_;
    for (const std::string& note : table_.grade_notes) {
      merge(ws_, r_, 0, r_, last_col_, note, f_.note);
      ++r_;
    }
    if (table_.claims) {
      std::string note = table_.claims_note();
      if (table_.differences > 0) note += "红底为自评分与按评分标准计算的得分不同之处。";
      merge(ws_, r_, 0, r_, last_col_, note, f_.note);
      ++r_;
    }
    for (const std::string& e : table_.errors) {
      merge(ws_, r_, 0, r_, last_col_, "未能评分：" + e, f_.note);
      ++r_;
    }
  }

  // A4 landscape, one page wide, the headings repeated and frozen.
  void page_setup(lxw_row_t heading_row) {
    worksheet_set_landscape(ws_);
    worksheet_set_paper(ws_, 9);  // A4
    worksheet_set_margins(ws_, 0.3, 0.3, 0.5, 0.5);
    worksheet_fit_to_pages(ws_, 1, 0);
    worksheet_center_horizontally(ws_);
    check(worksheet_repeat_rows(ws_, heading_row, heading_row), "repeat rows");
    check(worksheet_set_footer(ws_, "&C第 &P 页，共 &N 页"), "footer");
    worksheet_freeze_panes(ws_, heading_row + 1, 0);
    worksheet_activate(ws_);
  }

  const OfficialTable& table_;
  lxw_worksheet* ws_;
  const Formats f_;
  const std::vector<Column> columns_;
  const lxw_col_t last_col_;
  lxw_row_t r_ = 0;
};

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
  TableWriter(workbook.get(), table).write();
  write_chart_sheet(workbook.get(), table);
  return workbook.bytes();
}

}  // namespace rubric::report
