// A batch report as an Excel workbook; see batch_report.hpp. Every sheet is written top to
// bottom, so that a batch of many departments can use libxlsxwriter's constant-memory mode (each
// row goes to disk when the next starts) instead of holding every cell in memory. That mode
// cannot look into the cells when it writes the chart, so the chart's categories lose their
// cached text; it is used only above kConstantMemoryRows departments.
#include <fmt/format.h>

#include <algorithm>

#include "base/unicode.hpp"
#include "report/batch_report.hpp"
#include "report/xlsx_workbook.hpp"

namespace rubric::report {
namespace {

using xlsx::check;
using xlsx::number;

// Above this many departments the workbook is written in constant-memory mode.
constexpr std::size_t kConstantMemoryRows = 20'000;

// Excel's last row is 1,048,576; the ranking stops short of it with a note.
constexpr std::size_t kMaxRankingRows = 1'048'000;

struct Formats {
  lxw_format* title;
  lxw_format* info;
  lxw_format* heading;
  lxw_format* text;
  lxw_format* center;
  lxw_format* integer;
  lxw_format* score;
  lxw_format* bold_text;
  lxw_format* bold_score;
  lxw_format* bold_integer;
  lxw_format* points;
  lxw_format* bold_points;
  lxw_format* share;
  lxw_format* fine_share;  // 0.00%: an indicator's share of the spread
  lxw_format* error;
  lxw_format* note;
};

Formats make_formats(lxw_workbook* wb, int digits) {
  Formats f{};
  f.title = xlsx::base_format(wb, false);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.info = xlsx::base_format(wb, false);
  f.heading = xlsx::base_format(wb);
  format_set_bold(f.heading);
  format_set_bg_color(f.heading, 0xDCE6F1);
  format_set_align(f.heading, LXW_ALIGN_CENTER);
  f.text = xlsx::base_format(wb);
  f.center = xlsx::base_format(wb);
  format_set_align(f.center, LXW_ALIGN_CENTER);
  f.integer = xlsx::base_format(wb);
  format_set_align(f.integer, LXW_ALIGN_CENTER);
  format_set_num_format(f.integer, "0");
  const std::string decimals = xlsx::decimals_format(digits);
  f.score = xlsx::base_format(wb);
  format_set_align(f.score, LXW_ALIGN_CENTER);
  format_set_num_format(f.score, decimals.c_str());
  f.bold_text = xlsx::base_format(wb);
  format_set_bold(f.bold_text);
  format_set_bg_color(f.bold_text, 0xF2F2F2);
  f.bold_score = xlsx::base_format(wb);
  format_set_bold(f.bold_score);
  format_set_bg_color(f.bold_score, 0xF2F2F2);
  format_set_align(f.bold_score, LXW_ALIGN_CENTER);
  format_set_num_format(f.bold_score, decimals.c_str());
  f.bold_integer = xlsx::base_format(wb);
  format_set_bold(f.bold_integer);
  format_set_bg_color(f.bold_integer, 0xF2F2F2);
  format_set_align(f.bold_integer, LXW_ALIGN_CENTER);
  format_set_num_format(f.bold_integer, "0");
  // Points as written (50, 2.5): the General format.
  f.points = xlsx::base_format(wb);
  format_set_align(f.points, LXW_ALIGN_CENTER);
  f.bold_points = xlsx::base_format(wb);
  format_set_bold(f.bold_points);
  format_set_bg_color(f.bold_points, 0xF2F2F2);
  format_set_align(f.bold_points, LXW_ALIGN_CENTER);
  f.share = xlsx::base_format(wb);
  format_set_align(f.share, LXW_ALIGN_CENTER);
  format_set_num_format(f.share, "0.0%");
  f.fine_share = xlsx::base_format(wb);
  format_set_align(f.fine_share, LXW_ALIGN_CENTER);
  format_set_num_format(f.fine_share, "0.00%");
  f.error = xlsx::base_format(wb);
  format_set_font_color(f.error, 0x9C0006);
  f.note = xlsx::base_format(wb, false);
  format_set_font_size(f.note, 9);
  return f;
}

void text(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& value, lxw_format* format) {
  // XML 1.0 forbids some characters (U+FFFF, control characters): written as U+FFFD (unicode::xml_text).
  check(worksheet_write_string(ws, r, c, unicode::xml_text(value).c_str(), format), "text");
}

void score(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::optional<Decimal>& value, lxw_format* format) {
  if (value) {
    check(worksheet_write_number(ws, r, c, number(*value), format), "number");
  } else {
    check(worksheet_write_string(ws, r, c, "—", format), "number");
  }
}

void integer(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, std::size_t value, lxw_format* format) {
  check(worksheet_write_number(ws, r, c, number(Decimal::from_int(static_cast<std::int64_t>(value))), format),
        "number");
}

// A text across columns [c1, c2] of row [r] (no borders: a title or a note).
void across(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c1, lxw_col_t c2, const std::string& value, lxw_format* format) {
  if (c1 == c2) {
    text(ws, r, c1, value, format);
  } else {
    check(worksheet_merge_range(ws, r, c1, r, c2, value.c_str(), format), "merge");
  }
}

// Column widths from the widest text of each column (headings included), within [lo, hi].
class Widths {
 public:
  explicit Widths(std::size_t columns) : widths_(columns, 0) {}
  void fit(std::size_t column, const std::string& value) {
    widths_[column] = std::max(widths_[column], unicode::display_width(value));
  }
  void apply(lxw_worksheet* ws, double lo, double hi) const {
    for (std::size_t c = 0; c < widths_.size(); ++c) {
      const double w = std::clamp(xlsx::width_for(widths_[c]), lo, hi);
      check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr), "column");
    }
  }

 private:
  std::vector<int> widths_;
};

void print_setup(lxw_worksheet* ws, bool landscape, lxw_row_t heading_row) {
  if (landscape) worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_center_horizontally(ws);
  check(worksheet_repeat_rows(ws, heading_row, heading_row), "repeat rows");
  check(worksheet_set_footer(ws, "&C第 &P 页，共 &N 页"), "footer");
  worksheet_freeze_panes(ws, heading_row + 1, 0);
}

std::string fixed(const std::optional<Decimal>& d, int digits) { return d ? d->to_fixed(digits) : "—"; }

// 排名: a title, the header facts, then the headings (frozen, repeated when printed) and one row
// per ranked department.
void write_ranking(lxw_workbook* wb, const BatchReport& r, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "排名");
  std::vector<std::string> headings = {"排名", "序号", "编号", "部门", "总分", "等级"};
  for (const BatchColumn& c : r.columns) headings.push_back(fmt::format("{}（{}）", c.name, c.points));
  const auto last = static_cast<lxw_col_t>(headings.size() - 1);
  const std::size_t shown = std::min(r.ranking.size(), kMaxRankingRows);

  Widths widths(headings.size());
  for (std::size_t c = 0; c < headings.size(); ++c) widths.fit(c, headings[c]);
  for (std::size_t i = 0; i < shown; ++i) {
    const BatchDepartment& d = r.ranking[i];
    widths.fit(1, std::to_string(d.row));
    widths.fit(2, d.id);
    widths.fit(3, d.name);
    widths.fit(4, fixed(d.total, r.digits));
  }
  widths.apply(ws, 6, 40);

  lxw_row_t row = 0;
  across(ws, row++, 0, last, fmt::format("{} — 批量评分报告", r.title), f.title);
  worksheet_set_row(ws, 0, 22, nullptr);
  across(ws, row++, 0, last,
         fmt::format("方案 {}，{}年度；部门数 {}，未能评分 {}{}；总分平均 {}，最高 {}，最低 {}", r.scheme, r.year, r.rows,
                     r.errors, r.errors > 0 ? "（见“未能评分”表）" : "", fixed(r.total.mean, r.digits),
                     fixed(r.total.max, r.digits), fixed(r.total.min, r.digits)),
         f.info);
  ++row;
  const lxw_row_t heading_row = row;
  for (std::size_t c = 0; c < headings.size(); ++c) text(ws, row, static_cast<lxw_col_t>(c), headings[c], f.heading);
  ++row;
  for (std::size_t i = 0; i < shown; ++i, ++row) {
    const BatchDepartment& d = r.ranking[i];
    integer(ws, row, 0, d.rank, f.integer);
    integer(ws, row, 1, d.row, f.integer);
    text(ws, row, 2, d.id, f.text);
    text(ws, row, 3, d.name, f.text);
    score(ws, row, 4, d.total, f.score);
    text(ws, row, 5, d.grade, f.center);
    for (std::size_t s = 0; s < d.sections.size(); ++s) score(ws, row, static_cast<lxw_col_t>(6 + s), d.sections[s], f.score);
  }
  if (shown > 0) check(worksheet_autofilter(ws, heading_row, 0, row - 1, last), "filter");
  ++row;
  std::string note = "总分相同的部门名次相同，按输入顺序排列；序号为部门在输入文件中的行序号。";
  if (shown < r.ranking.size()) {
    note += fmt::format("Excel 一张表最多约 104 万行：只列出前 {} 名（共 {} 个部门）。", shown, r.ranking.size());
  }
  across(ws, row, 0, last, note, f.note);
  print_setup(ws, headings.size() > 8, heading_row);
  worksheet_activate(ws);
}

// 等级分布: the counts and shares of each grade, and a column chart of the counts.
void write_grades(lxw_workbook* wb, const BatchReport& r, const Formats& f) {
  const char* name = "等级分布";
  lxw_worksheet* ws = workbook_add_worksheet(wb, name);
  const std::vector<std::string> headings = {"等级", "分数范围", "部门数", "占比"};
  Widths widths(headings.size());
  for (std::size_t c = 0; c < headings.size(); ++c) widths.fit(c, headings[c]);
  for (const GradeCount& g : r.grades) widths.fit(1, g.range);
  widths.apply(ws, 8, 30);
  for (std::size_t c = 0; c < headings.size(); ++c) text(ws, 0, static_cast<lxw_col_t>(c), headings[c], f.heading);
  lxw_row_t row = 1;
  for (const GradeCount& g : r.grades) {
    text(ws, row, 0, g.name, f.center);
    text(ws, row, 1, g.range, f.text);
    integer(ws, row, 2, g.count, f.integer);
    if (r.ranking.empty()) {
      text(ws, row, 3, "—", f.center);
    } else {
      // The share as an exact decimal, rounded half-up to 0.1%, then the nearest double.
      const Decimal share = (Decimal::from_int(static_cast<std::int64_t>(g.count)) /
                             Decimal::from_int(static_cast<std::int64_t>(r.ranking.size())))
                                .round(3, RoundingMode::HalfUp);
      check(worksheet_write_number(ws, row, 3, number(share), f.share), "share");
    }
    ++row;
  }
  text(ws, row, 0, "合计", f.bold_text);
  text(ws, row, 1, "", f.bold_text);
  integer(ws, row, 2, r.ranking.size(), f.bold_integer);
  text(ws, row, 3, "", f.bold_text);
  ++row;
  across(ws, row + 1, 0, 3, fmt::format("按 {} 个已评分部门统计；{} 个未能评分的部门不计入。", r.ranking.size(), r.errors),
         f.note);

  if (!r.grades.empty()) {
    lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    const auto last = static_cast<lxw_row_t>(r.grades.size());
    chart_series_set_categories(series, name, 1, 0, last, 0);
    chart_series_set_values(series, name, 1, 2, last, 2);
    chart_series_set_name(series, "部门数");
    lxw_chart_fill fill{};
    fill.color = 0x2F5D9B;
    chart_series_set_fill(series, &fill);
    chart_series_set_labels(series);
    chart_title_set_name(chart, "等级分布（部门数）");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    chart_axis_set_min(chart->y_axis, 0);
    chart_axis_major_gridlines_set_visible(chart->y_axis, LXW_TRUE);
    lxw_chart_options options{};
    options.x_scale = 1.2;
    options.y_scale = 1.2;
    check(worksheet_insert_chart_opt(ws, 0, 5, chart, &options), "chart");
  }
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);
  worksheet_fit_to_pages(ws, 1, 1);
  worksheet_freeze_panes(ws, 1, 0);
}

// 分项平均: each section's (and the total's) points, count, average, minimum and maximum.
void write_averages(lxw_workbook* wb, const BatchReport& r, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "分项平均");
  const std::vector<std::string> headings = {"分项", "分值", "部门数", "平均", "最低", "最高"};
  Widths widths(headings.size());
  for (std::size_t c = 0; c < headings.size(); ++c) widths.fit(c, headings[c]);
  for (const ScoreStats& s : r.sections) widths.fit(0, (s.level == 2 ? "　　" : "") + s.name);
  widths.apply(ws, 8, 40);
  for (std::size_t c = 0; c < headings.size(); ++c) text(ws, 0, static_cast<lxw_col_t>(c), headings[c], f.heading);
  lxw_row_t row = 1;
  const auto write = [&](const ScoreStats& s) {
    const bool bold = s.level != 2;
    text(ws, row, 0, (s.level == 2 ? "　　" : "") + s.name, bold ? f.bold_text : f.text);
    const auto points = Decimal::parse(s.points);
    if (points) {
      score(ws, row, 1, points, bold ? f.bold_points : f.points);
    } else {
      text(ws, row, 1, s.points, bold ? f.bold_points : f.points);
    }
    integer(ws, row, 2, s.count, bold ? f.bold_integer : f.integer);
    score(ws, row, 3, s.mean, bold ? f.bold_score : f.score);
    score(ws, row, 4, s.min, bold ? f.bold_score : f.score);
    score(ws, row, 5, s.max, bold ? f.bold_score : f.score);
    ++row;
  };
  for (const ScoreStats& s : r.sections) write(s);
  write(r.total);
  ++row;
  across(ws, row, 0, 5, r.rounding_note(), f.note);
  worksheet_set_row(ws, row, 40, nullptr);
  print_setup(ws, false, 0);
}

// 排名因素: each indicator's share of the spread of totals, and the departments near each grade's
// threshold (the HTML's two sections, every indicator listed).
void write_fragility(lxw_workbook* wb, const BatchReport& r, const Formats& f) {
  if (r.spread.empty() && r.near_grades.empty()) return;
  lxw_worksheet* ws = workbook_add_worksheet(wb, "排名因素");
  const std::vector<std::string> headings = {"指标", "分值", "最低", "最高", "占总分差异"};
  Widths widths(headings.size());
  for (std::size_t c = 0; c < headings.size(); ++c) widths.fit(c, headings[c]);
  for (const SpreadShare& s : r.spread) widths.fit(0, s.name);
  widths.fit(2, fmt::format("差不到 {} 分未达到", kNearGrade));  // the headings of the second table
  widths.fit(3, fmt::format("超过不到 {} 分", kNearGrade));
  widths.apply(ws, 10, 40);
  for (std::size_t c = 0; c < headings.size(); ++c) text(ws, 0, static_cast<lxw_col_t>(c), headings[c], f.heading);
  lxw_row_t row = 1;
  for (const SpreadShare& s : r.spread) {
    text(ws, row, 0, s.name, f.text);
    const auto points = Decimal::parse(s.points);
    if (points) {
      score(ws, row, 1, points, f.points);
    } else {
      text(ws, row, 1, s.points, f.points);
    }
    score(ws, row, 2, s.min, f.score);
    score(ws, row, 3, s.max, f.score);
    check(worksheet_write_number(ws, row, 4, number(s.share), f.fine_share), "share");
    ++row;
  }
  across(ws, row, 0, 4,
         fmt::format("占总分差异：该指标得分与总分的协方差占总分方差的比例；各指标合计为 100%（有否决或附加分封顶时，其余部分来自它们）。"
                     "各部门得分相同的 {} 个指标未列出。",
                     r.constant),
         f.note);
  worksheet_set_row(ws, row, 40, nullptr);
  row += 2;
  if (!r.near_grades.empty() && !r.ranking.empty()) {
    const std::vector<std::string> near = {"等级", "等级线", fmt::format("差不到 {} 分未达到", kNearGrade),
                                           fmt::format("超过不到 {} 分", kNearGrade)};
    for (std::size_t c = 0; c < near.size(); ++c) text(ws, row, static_cast<lxw_col_t>(c), near[c], f.heading);
    ++row;
    for (const NearGrade& g : r.near_grades) {
      text(ws, row, 0, g.grade, f.center);
      score(ws, row, 1, g.threshold, f.points);
      integer(ws, row, 2, g.below, f.integer);
      integer(ws, row, 3, g.above, f.integer);
      ++row;
    }
    across(ws, row, 0, 4, fmt::format("总分距等级线不到 {} 分的部门，一项填报数据或一条档位边界的小变化就可能改变其等级。", kNearGrade),
           f.note);
  }
  print_setup(ws, false, 0);
}

// 档位边界: the departments near each bound between tiers, every bound with any (the HTML's first
// kShownSpread); the bound and the reach as written, since a bound of 95% reads as 95%.
void write_crowded(lxw_workbook* wb, const BatchReport& r, const Formats& f) {
  if (!r.crowding_measured || r.ranking.empty()) return;
  lxw_worksheet* ws = workbook_add_worksheet(wb, "档位边界");
  const std::vector<std::string> headings = {"指标", "测算值", "档位边界", "临近范围", "低于边界一侧", "高于边界一侧", "合计"};
  Widths widths(headings.size());
  for (std::size_t c = 0; c < headings.size(); ++c) widths.fit(c, headings[c]);
  for (const CrowdedBound& c : r.crowded) {
    widths.fit(0, c.indicator);
    widths.fit(1, c.subject);
  }
  widths.apply(ws, 10, 40);
  for (std::size_t c = 0; c < headings.size(); ++c) text(ws, 0, static_cast<lxw_col_t>(c), headings[c], f.heading);
  lxw_row_t row = 1;
  for (const CrowdedBound& c : r.crowded) {
    text(ws, row, 0, c.indicator.empty() ? "（指标之外）" : c.indicator, f.text);
    text(ws, row, 1, c.subject, f.text);
    text(ws, row, 2, c.bound, f.center);
    text(ws, row, 3, c.reach_text(), f.center);
    integer(ws, row, 4, c.below, f.integer);
    integer(ws, row, 5, c.above, f.integer);
    integer(ws, row, 6, c.near(), f.integer);
    // A label longer than its column (40 wide) wraps: the row is made as tall as its lines, which
    // a spreadsheet does not do for a file it did not lay out itself.
    const int lines = std::max(unicode::display_width(c.indicator), unicode::display_width(c.subject)) / 38 + 1;
    if (lines > 1) check(worksheet_set_row(ws, row, 15.0 * lines, nullptr), "row");
    ++row;
  }
  if (r.crowded.empty()) text(ws, row++, 0, "没有部门的测算值临近档位边界。", f.text);
  if (r.crowding_partial) {
    across(ws, row++, 0, 6, "评分规则中的函数相互调用次数过多，只查看了前面的一部分档位；其余档位的边界未计入上表。", f.note);
  }
  across(ws, row, 0, 6,
         "测算值：评分规则据以分档的数值。临近范围为同一组档位边界中最大者的百分之一（档位到 100% 为止时即 1 个百分点），"
         "按个数分档时为 1 个；恰好等于边界的，计入它所得那一档的一侧。边界稍作移动，这些部门的得分档次就随之改变。",
         f.note);
  worksheet_set_row(ws, row, 40, nullptr);
  print_setup(ws, false, 0);
}

// 未能评分: each department that could not be scored, with why.
void write_failed(lxw_workbook* wb, const BatchReport& r, const Formats& f) {
  if (r.failed.empty()) return;
  lxw_worksheet* ws = workbook_add_worksheet(wb, "未能评分");
  const std::vector<std::string> headings = {"序号", "编号", "部门", "原因"};
  Widths widths(headings.size());
  for (std::size_t c = 0; c < headings.size(); ++c) widths.fit(c, headings[c]);
  for (const BatchDepartment& d : r.failed) {
    widths.fit(0, std::to_string(d.row));
    widths.fit(1, d.id);
    widths.fit(2, d.name);
    widths.fit(3, d.error);
  }
  widths.apply(ws, 6, 80);
  for (std::size_t c = 0; c < headings.size(); ++c) text(ws, 0, static_cast<lxw_col_t>(c), headings[c], f.heading);
  lxw_row_t row = 1;
  for (const BatchDepartment& d : r.failed) {
    integer(ws, row, 0, d.row, f.integer);
    text(ws, row, 1, d.id, f.text);
    text(ws, row, 2, d.name, f.text);
    text(ws, row, 3, d.error, f.error);
    ++row;
    if (row >= kMaxRankingRows) break;
  }
  print_setup(ws, true, 0);
}

}  // namespace

std::string render_batch_xlsx(const BatchReport& report) {
  xlsx::Workbook workbook(/*constant_memory=*/report.rows > kConstantMemoryRows);
  const Formats f = make_formats(workbook.get(), report.digits);
  write_ranking(workbook.get(), report, f);
  write_grades(workbook.get(), report, f);
  write_averages(workbook.get(), report, f);
  write_fragility(workbook.get(), report, f);
  write_crowded(workbook.get(), report, f);
  write_failed(workbook.get(), report, f);
  return workbook.bytes();
}

}  // namespace rubric::report
