// A batch report as one self-contained HTML file; see batch_report.hpp.
#include <fmt/format.h>

#include <algorithm>

#include "report/batch_report.hpp"
#include "report/html.hpp"

namespace rubric::report {
namespace {

constexpr const char* kStyle = R"(
p.sub { text-align: center; margin: 0 0 10px; color: #333; }
table.data thead th { background: #e8eef7; font-weight: bold; text-align: center; }
table.data td.name { white-space: nowrap; }
table.ranking { width: 100%; }
table.averages td.l2 { padding-left: 1.6em; }
table.averages tr.l1 td, table.averages tr.total td { font-weight: bold; }
table.averages tr.total td { background: #f7f7f7; }
table.failed td.error { font-size: 11px; color: #a00000; }
tr.tie td.rank { color: #555; }
tr.omitted td { text-align: center; color: #555; background: #f7f7f7; padding: 6px; }
p.note { margin: 4px 0 10px; font-size: 11px; color: #444; }
div.top { display: flex; gap: 24px; align-items: flex-start; flex-wrap: wrap; }
@page { size: A4 portrait; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 10px; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
  table.data thead th, table.averages tr.total td {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)";

// Bar colours by grade position: the best grade green through the worst red.
const char* grade_colour(std::size_t i, std::size_t n) {
  static const char* const kColours[] = {"#2e7d32", "#5b8fd1", "#d08a2e", "#c62828"};
  if (n <= 1) return kColours[0];
  const std::size_t k = i * 3 / (n - 1);
  return kColours[std::min<std::size_t>(k, 3)];
}

// One vertical bar per grade, its count above it and the grade with its range below.
std::string grade_chart(const BatchReport& r) {
  constexpr int kBarWidth = 56, kGap = 44, kPlot = 180, kTop = 28, kLeft = 40, kBottom = 46;
  const int n = static_cast<int>(r.grades.size());
  const int width = kLeft + n * (kBarWidth + kGap) + 10;
  const int height = kTop + kPlot + kBottom;
  std::size_t most = 0;
  for (const GradeCount& g : r.grades) most = std::max(most, g.count);
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
      "aria-label=\"等级分布\" font-family=\"{2}\" font-size=\"13\">\n<title>等级分布</title>\n",
      width, height, kSvgFontFamily);
  const int base = kTop + kPlot;
  out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#555\"/>\n", kLeft - 10, base, width - 10,
                     base);
  for (int i = 0; i < n; ++i) {
    const GradeCount& g = r.grades[static_cast<std::size_t>(i)];
    // Display geometry only: the counts themselves are printed as integers.
    const double h = most == 0 ? 0.0 : static_cast<double>(g.count) * kPlot / static_cast<double>(most);
    const int x = kLeft + i * (kBarWidth + kGap);
    out += fmt::format(
        "<rect class=\"bar\" x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\" fill=\"{}\"><title>{}：{} 个部门"
        "</title></rect>\n",
        x, base - h, kBarWidth, h, grade_colour(static_cast<std::size_t>(i), r.grades.size()), html_escape(g.name),
        g.count);
    out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>\n",
                       x + kBarWidth / 2, base - h - 6, g.count);
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>\n",
                       x + kBarWidth / 2, base + 18, html_escape(g.name));
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#555\">{}</text>\n",
                       x + kBarWidth / 2, base + 34, html_escape(g.range));
  }
  out += "</svg>\n";
  return out;
}

std::string fixed(const std::optional<Decimal>& d, int digits) { return d ? d->to_fixed(digits) : "—"; }

// The ranking (its top and bottom when it is long) and the departments that could not be scored.
std::string ranking_and_failed(const BatchReport& r) {
  const auto e = [](const std::string& s) { return html_escape(s); };
  std::string out;
  out += "<h2>排名</h2>\n<table class=\"data ranking\">\n<thead><tr><th>排名</th><th>序号</th><th>编号</th>"
         "<th>部门</th><th>总分</th><th>等级</th>";
  for (const BatchColumn& c : r.columns) out += fmt::format("<th>{}（{}）</th>", e(c.name), e(c.points));
  out += "</tr></thead>\n<tbody>\n";
  // A browser shows a page of any batch at once: past kShownAtEachEnd × 2 departments the middle of
  // the ranking is left out (the XLSX and CSV reports hold every department), so that 200,000
  // departments make a page of the same size as 200.
  const std::size_t n = r.ranking.size();
  const bool cut = n > 2 * kShownAtEachEnd;
  for (std::size_t i = 0; i < n; ++i) {
    if (cut && i == kShownAtEachEnd) {
      out += fmt::format("<tr class=\"omitted\"><td colspan=\"{}\">…… 中间 {} 个部门（第 {} 至第 {} 名）未列出：完整排名见 XLSX "
                         "或 CSV 报告（--report 文件.xlsx）或结果文件 ……</td></tr>\n",
                         6 + r.columns.size(), n - 2 * kShownAtEachEnd, kShownAtEachEnd + 1, n - kShownAtEachEnd);
      i = n - kShownAtEachEnd;
    }
    const BatchDepartment& d = r.ranking[i];
    const bool tie = (i > 0 && r.ranking[i - 1].rank == d.rank) ||
                     (i + 1 < r.ranking.size() && r.ranking[i + 1].rank == d.rank);
    out += fmt::format("<tr{}><td class=\"num rank\">{}</td><td class=\"num\">{}</td><td class=\"name\">{}</td>"
                       "<td class=\"name\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
                       tie ? " class=\"tie\"" : "", tie ? fmt::format("{}=", d.rank) : std::to_string(d.rank), d.row,
                       e(d.id), e(d.name), fixed(d.total, r.digits), e(d.grade));
    for (const auto& s : d.sections) out += fmt::format("<td class=\"num\">{}</td>", fixed(s, r.digits));
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  out += "<p class=\"note\">总分相同的部门名次相同（标“=”），按输入顺序排列；序号为部门在输入文件中的行序号。</p>\n";

  if (!r.failed.empty()) {
    out += fmt::format("<h2>未能评分的部门（{} 个）</h2>\n<table class=\"data failed\">\n<thead><tr><th>序号</th>"
                       "<th>编号</th><th>部门</th><th>原因</th></tr></thead>\n<tbody>\n",
                       r.failed.size());
    for (std::size_t i = 0; i < r.failed.size() && i < 2 * kShownAtEachEnd; ++i) {
      const BatchDepartment& d = r.failed[i];
      out += fmt::format("<tr><td class=\"num\">{}</td><td class=\"name\">{}</td><td class=\"name\">{}</td>"
                         "<td class=\"error\">{}</td></tr>\n",
                         d.row, e(d.id), e(d.name), e(d.error));
    }
    if (r.failed.size() > 2 * kShownAtEachEnd) {
      out += fmt::format("<tr class=\"omitted\"><td colspan=\"4\">…… 其余 {} 个未能评分的部门未列出：见结果文件的 error 列 "
                         "……</td></tr>\n",
                         r.failed.size() - 2 * kShownAtEachEnd);
    }
    out += "</tbody>\n</table>\n";
  }
  return out;
}

// 临近档位边界的部门: the bounds between tiers that departments' values sit near, the most crowded first.
std::string crowded_bounds(const BatchReport& r) {
  if (!r.crowding_measured || r.ranking.empty()) return {};
  const auto e = [](const std::string& s) { return html_escape(s); };
  std::string out = "<h2>临近档位边界的部门</h2>\n";
  if (r.crowding_partial) {
    out += "<p class=\"note\">评分规则中的函数相互调用次数过多，只查看了前面的一部分档位；其余档位的边界未计入下表。</p>\n";
  }
  if (r.crowded.empty()) {
    return out + "<p class=\"note\">没有部门的测算值临近档位边界：边界稍作移动，不会改变任何部门的得分档次。</p>\n";
  }
  out += "<table class=\"data crowded\">\n<thead><tr><th>指标</th><th>测算值</th><th>档位边界</th><th>临近范围</th>"
         "<th>低于边界一侧</th><th>高于边界一侧</th><th>合计</th></tr></thead>\n<tbody>\n";
  const std::size_t shown = std::min<std::size_t>(r.crowded.size(), kShownSpread);
  for (std::size_t i = 0; i < shown; ++i) {
    const CrowdedBound& c = r.crowded[i];
    out += fmt::format("<tr><td class=\"name\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                       "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                       e(c.indicator.empty() ? "（指标之外）" : c.indicator), e(c.subject), e(c.bound), e(c.reach_text()),
                       c.below, c.above, c.near());
  }
  if (r.crowded.size() > shown) {
    out += fmt::format("<tr class=\"omitted\"><td colspan=\"7\">其余 {} 条边界附近也有部门：完整列表见 XLSX 报告的“档位边界”工作表</td></tr>\n",
                       r.crowded.size() - shown);
  }
  out += "</tbody>\n</table>\n";
  out += "<p class=\"note\">测算值：评分规则据以分档的数值（如完成率）。临近范围为同一组档位边界中最大者的百分之一"
         "（档位到 100% 为止时即 1 个百分点），按个数分档时为 1 个。低于或高于边界一侧：测算值在边界的这一侧、与边界相差不超过临近范围；"
         "恰好等于边界的，计入它所得那一档的一侧（如“≤10%”计入低于一侧，“≥90%”计入高于一侧）。"
         "这些部门的得分档次取决于边界的准确位置：边界稍作移动，它们就换档。修改这条边界前，宜先用 rubric diff --facts 看它们的得分变化。"
         "最低一档以下、最高一档以上的外缘不是两档之间的边界，未列出。</p>\n";
  return out;
}

// 排名由哪些指标决定 and 临近等级线的部门: where the ranking and the grades are fragile.
std::string what_decides(const BatchReport& r) {
  const auto e = [](const std::string& s) { return html_escape(s); };
  std::string out;
  if (!r.spread.empty()) {
    out += "<h2>排名由哪些指标决定</h2>\n<table class=\"data spread\">\n<thead><tr><th>指标</th><th>分值</th>"
           "<th>最低</th><th>最高</th><th>占总分差异</th></tr></thead>\n<tbody>\n";
    const std::size_t shown = std::min<std::size_t>(r.spread.size(), kShownSpread);
    for (std::size_t i = 0; i < shown; ++i) {
      const SpreadShare& s = r.spread[i];
      out += fmt::format("<tr><td class=\"name\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                         "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                         e(s.name), e(s.points), fixed(s.min, r.digits), fixed(s.max, r.digits), percent_text(s.share));
    }
    if (r.spread.size() > shown) {
      Decimal rest;
      for (std::size_t i = shown; i < r.spread.size(); ++i) rest += r.spread[i].share;
      out += fmt::format("<tr class=\"omitted\"><td colspan=\"4\">其余 {} 个指标合计</td><td class=\"num\">{}</td></tr>\n",
                         r.spread.size() - shown, percent_text(rest));
    }
    out += "</tbody>\n</table>\n";
    out += fmt::format("<p class=\"note\">占总分差异：该指标得分与总分的协方差占总分方差的比例，即各部门总分的高低有多少来自这一指标；"
                       "各指标合计为 100%（有否决或附加分封顶时，其余部分来自它们）。各部门得分相同的 {} 个指标不影响排名，未列出。</p>\n",
                       r.constant);
  }
  if (!r.near_grades.empty() && !r.ranking.empty()) {
    out += fmt::format("<h2>临近等级线的部门</h2>\n<table class=\"data near\">\n<thead><tr><th>等级</th><th>等级线</th>"
                       "<th>差不到 {0} 分未达到</th><th>超过不到 {0} 分</th></tr></thead>\n<tbody>\n",
                       kNearGrade);
    for (const NearGrade& g : r.near_grades) {
      out += fmt::format("<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                         "<td class=\"num\">{}</td></tr>\n",
                         e(g.grade), g.threshold.to_string(), g.below, g.above);
    }
    out += "</tbody>\n</table>\n";
    out += fmt::format("<p class=\"note\">总分距等级线不到 {} 分的部门，一项填报数据或一条档位边界的小变化就可能改变其等级；"
                       "rubric whatif 可算出某个部门达到上一等级所需的最小改动。</p>\n",
                       kNearGrade);
  }
  return out + crowded_bounds(r);
}

}  // namespace

std::string render_batch_html(const BatchReport& r) {
  const auto e = [](const std::string& s) { return html_escape(s); };
  std::string out = html_begin(fmt::format("{} — 批量评分报告", r.title), kStyle);
  out += fmt::format("<h1>{}</h1>\n<p class=\"sub\">批量评分报告（{}年度评分标准）</p>\n", e(r.title), r.year);

  out += "<table class=\"header\">\n";
  out += fmt::format("<tr><th>评分标准</th><td>{}</td><th>方案 / 年度</th><td>{} / {}</td></tr>\n", e(r.title),
                     e(r.scheme), r.year);
  out += fmt::format("<tr><th>部门数</th><td>{}</td><th>未能评分</th><td>{}</td></tr>\n", r.rows, r.errors);
  out += fmt::format("<tr><th>总分平均</th><td>{}</td><th>最高 / 最低</th><td>{} / {}</td></tr>\n",
                     fixed(r.total.mean, r.digits), fixed(r.total.max, r.digits), fixed(r.total.min, r.digits));
  out += "</table>\n";

  // The grade distribution beside its table of counts and shares.
  out += "<h2>等级分布</h2>\n<div class=\"top\">\n<div class=\"chart\">\n" + grade_chart(r) + "</div>\n";
  out += "<table class=\"data grades\">\n<thead><tr><th>等级</th><th>分数范围</th><th>部门数</th><th>占比</th></tr>"
         "</thead>\n<tbody>\n";
  for (const GradeCount& g : r.grades) {
    out += fmt::format("<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                       e(g.name), e(g.range), g.count, r.share_text(g.count));
  }
  out += "</tbody>\n</table>\n</div>\n";

  out += "<h2>分项平均</h2>\n<table class=\"data averages\">\n<thead><tr><th>分项</th><th>分值</th><th>部门数</th>"
         "<th>平均</th><th>最低</th><th>最高</th></tr></thead>\n<tbody>\n";
  const auto stats_row = [&](const ScoreStats& s, const char* cls) {
    return fmt::format(
        "<tr class=\"{0}\"><td class=\"{0} name\">{1}</td><td class=\"num\">{2}</td><td class=\"num\">{3}</td>"
        "<td class=\"num\">{4}</td><td class=\"num\">{5}</td><td class=\"num\">{6}</td></tr>\n",
        cls, e(s.name), e(s.points), s.count, fixed(s.mean, r.digits), fixed(s.min, r.digits), fixed(s.max, r.digits));
  };
  for (const ScoreStats& s : r.sections) out += stats_row(s, s.level == 1 ? "l1" : "l2");
  out += stats_row(r.total, "total");
  out += "</tbody>\n</table>\n";
  out += fmt::format("<p class=\"note\">{}</p>\n", e(r.rounding_note()));

  out += what_decides(r);
  out += ranking_and_failed(r);
  out += fmt::format("<p class=\"footer\">由 Rubric 按 {}（{}，{}年度）批量计算生成。</p>\n", e(r.title), e(r.scheme),
                     r.year);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace rubric::report
