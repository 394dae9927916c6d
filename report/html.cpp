// HTML output; see html.hpp.
#include "report/html.hpp"

#include "base/unicode.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace rubric::report {
namespace {

constexpr const char* kBaseStyle = R"(
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", SimSun, sans-serif;
       font-size: 13px; color: #111; margin: 16px; }
h1 { font-size: 20px; text-align: center; margin: 4px 0; }
p.year { text-align: center; margin: 0 0 10px; }
h2 { font-size: 15px; margin: 14px 0 4px; }
table { border-collapse: collapse; }
table.header { width: 100%; margin-bottom: 8px; }
table.header th { background: #f0f0f0; width: 22%; }
th, td { border: 1px solid #555; padding: 3px 5px; vertical-align: middle; }
td.num { text-align: center; white-space: nowrap; }
p.footer { color: #666; font-size: 11px; }
svg { display: block; }
@media print {
  table.header th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)";

constexpr const char* kStyle = R"(
table.official { width: 100%; table-layout: fixed; }
table.official thead th { background: #e8eef7; font-weight: bold; text-align: center; }
td.level { text-align: center; font-weight: bold; }
td.text { font-size: 11px; }
td.differs { background: #ffd7d7; color: #a00000; font-weight: bold; }
tr.total td { font-weight: bold; background: #f7f7f7; }
tr.subtotal td.level, tr.subtotal td.num { font-weight: bold; }
tr.grade td { background: #f7f7f7; }
td.na { color: #777; }
div.grade-note { margin-top: 4px; color: #a40000; }
span.tick { font-size: 15px; }
p.note { margin: 6px 0; }
p.note.differs { color: #a00000; }
col.c-l1 { width: 5%; } col.c-p { width: 3.2%; } col.c-l2 { width: 6%; } col.c-l3 { width: 9%; }
col.c-explain { width: 11%; } col.c-standard { width: 22%; } col.c-score { width: 4.2%; }
col.c-basis { width: 15%; } col.c-evidence { width: 9%; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { margin: 0; font-size: 10px; }
  td.text { font-size: 9px; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
  .chart { page-break-after: always; }
  td.differs, tr.total td, tr.grade td, table.official thead th, table.header th {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)";

const char* col_class(Column c) {
  switch (c) {
    case kLevel1: return "c-l1";
    case kLevel2: return "c-l2";
    case kLevel3: return "c-l3";
    case kLevel1Points:
    case kLevel2Points:
    case kLevel3Points: return "c-p";
    case kExplain: return "c-explain";
    case kStandard: return "c-standard";
    case kScore:
    case kClaimed: return "c-score";
    case kBasis: return "c-basis";
    case kEvidence: return "c-evidence";
  }
  return "";
}

std::string chart(const OfficialTable& table) {
  constexpr int kLabel = 230, kBar = 520, kRow = 26, kTop = 8;
  const int height = kTop * 2 + kRow * static_cast<int>(table.sections.size()) + 20;
  const int width = kLabel + kBar + 190;
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
      "aria-label=\"各部分得分与分值\" font-family=\"{2}\" font-size=\"13\">\n",
      width, height, kSvgFontFamily);
  out += "<title>各部分得分与分值</title>\n";
  int y = kTop;
  for (const SectionBar& bar : table.sections) {
    const bool top = bar.level == 1;
    // The share of the points scored, exactly (a section's score and points are decimals), in [0, 1].
    const bool has_share = bar.points.sign() > 0 && bar.score;
    const Decimal one = Decimal::from_int(1);
    const Decimal share = has_share ? std::clamp(*bar.score / bar.points, Decimal{}, one) : Decimal{};
    const int label_x = kLabel - 10;
    const std::string weight = top ? " font-weight=\"bold\"" : "";
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\"{}>{}{}</text>\n", label_x, y + 17, weight,
                       top ? "" : "　", html_escape(bar.name));
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#e6e6e6\" stroke=\"#999\" "
                       "stroke-width=\"0.5\"/>\n",
                       kLabel, y + 4, kBar, kRow - 8);
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", kLabel, y + 4,
                       (share * Decimal::from_int(kBar)).round(1, RoundingMode::HalfUp).to_fixed(1), kRow - 8,
                       top ? "#2f5d9b" : (share < one ? "#d08a2e" : "#5b8fd1"));
    // Rounded down, so that a section short of its points never shows 100%.
    const std::string percent =
        has_share ? fmt::format("（{}%）", (share * Decimal::from_int(100)).round(1, RoundingMode::Down).to_fixed(1)) : "";
    out += fmt::format("<text x=\"{}\" y=\"{}\"{}>{} / {}{}</text>\n", kLabel + kBar + 8, y + 17, weight,
                       html_escape(bar.score_text), html_escape(bar.points_text), percent);
    y += kRow;
  }
  out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#555\">条长为该部分分值，实心部分为得分"
                     "（橙色：未得满分的二级指标）</text>\n",
                     kLabel, y + 16);
  out += "</svg>\n";
  return out;
}

}  // namespace

std::string html_escape(std::string_view raw) {
  // Characters XML 1.0 forbids (and bytes that are not UTF-8) as U+FFFD: the page stays
  // well-formed XHTML-compatible text that any parser reads.
  const std::string text = unicode::xml_text(raw);
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string html_begin(std::string_view title, std::string_view style) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"/>\n";
  out += fmt::format("<title>{}</title>\n", html_escape(title));
  out += fmt::format("<style>{}{}</style>\n</head>\n<body>\n", kBaseStyle, style);
  return out;
}

namespace {

// The table above the official one: the department, the year, and the budget figures two to a row.
std::string header_table(const OfficialTable& table) {
  const auto e = html_escape;
  std::string out = "<table class=\"header\">\n";
  out += fmt::format("<tr><th>部门名称</th><td>{}</td><th>年度</th><td>{}</td></tr>\n", e(table.department),
                     e(table.year));
  for (std::size_t i = 0; i < table.budget.size(); i += 2) {
    out += "<tr>";
    for (std::size_t j = i; j < i + 2; ++j) {
      if (j < table.budget.size()) {
        const HeaderFigure& f = table.budget[j];
        out += fmt::format("<th>{}（{}）</th><td>{}</td>", e(f.label), e(f.unit), e(f.value));
      } else {
        out += "<th></th><td></td>";
      }
    }
    out += "</tr>\n";
  }
  out += "</table>\n";
  return out;
}

// The group of [groups] that starts at [row], or null.
const RowGroup* group_at(const std::vector<RowGroup>& groups, int row) {
  for (const RowGroup& g : groups) {
    if (g.first == row) return &g;
  }
  return nullptr;
}

// Whether [row] lies inside a group of [groups] that started above it (its cell is the group's).
bool covered(const std::vector<RowGroup>& groups, int row) {
  return std::any_of(groups.begin(), groups.end(), [&](const RowGroup& g) { return g.first < row && row <= g.last; });
}

// Row [r] of the official table. A level-one or level-two name and its points are one cell
// spanning the rows of its group (rowspan), written in the group's first row only.
std::string official_row(const OfficialTable& table, const std::vector<Column>& columns, int r) {
  const auto e = html_escape;
  const OfficialRow& row = table.rows[static_cast<std::size_t>(r)];
  std::string out = "<tr>";
  for (const Column c : columns) {
    const bool l1 = c == kLevel1 || c == kLevel1Points;
    const bool l2 = c == kLevel2 || c == kLevel2Points;
    if (l1 || l2) {
      const auto& groups = l1 ? table.level1_groups : table.level2_groups;
      if (covered(groups, r)) continue;
      const RowGroup* g = group_at(groups, r);
      const int span = g ? g->last - g->first + 1 : 1;
      const std::string rowspan = span > 1 ? fmt::format(" rowspan=\"{}\"", span) : "";
      const bool is_name = c == kLevel1 || c == kLevel2;
      out += fmt::format("<td{} class=\"{}\">{}</td>", rowspan, is_name ? "level" : "num", e(table.cell(row, c)));
      continue;
    }
    std::string cls;
    std::string text = table.cell(row, c);
    if (c == kLevel3Points) cls = "num";
    if (c == kScore || c == kClaimed) cls = row.differs ? "num differs" : "num";
    if (c == kScore && text.empty()) text = "—";
    if (c == kExplain || c == kStandard || c == kBasis || c == kEvidence) cls = "text";
    if (!row.applies && (c == kLevel3 || c == kScore || c == kBasis)) cls += " na";
    const std::string title = c == kScore && row.differs
                                  ? fmt::format(" title=\"自评分 {}，按评分标准计算为 {}\"", e(row.claimed), e(text))
                                  : "";
    out += fmt::format("<td{}{}>{}</td>", cls.empty() ? "" : " class=\"" + cls + "\"", title, e(text));
  }
  out += "</tr>\n";
  return out;
}

// The last rows: with extra sections 基本得分 and each of them (label | points | … | score
// [| claimed] | basis | …), the total (总分 | points | … | score [| claimed] | …) and the grade.
std::string total_rows(const OfficialTable& table, const std::vector<Column>& columns) {
  const auto e = html_escape;
  std::string out;
  for (const SubtotalRow& sub : table.subtotals) {
    out += fmt::format("<tr class=\"subtotal\"><td class=\"level\">{}</td><td class=\"num\">{}</td>", e(sub.label),
                       e(sub.points));
    out += fmt::format("<td colspan=\"6\"></td><td class=\"num\">{}</td>", e(sub.score.empty() ? "—" : sub.score));
    if (table.claims) out += "<td></td>";
    out += fmt::format("<td class=\"text\">{}</td><td></td></tr>\n", e(sub.basis));
  }
  out += "<tr class=\"total\"><td class=\"level\">总分</td>";
  out += fmt::format("<td class=\"num\">{}</td>", e(table.total_points));
  out += "<td colspan=\"6\"></td>";
  const std::string total_cls = table.total_differs ? "num differs" : "num";
  out += fmt::format("<td class=\"{}\">{}</td>", total_cls, e(table.total.empty() ? "—" : table.total));
  if (table.claims) out += fmt::format("<td class=\"{}\">{}</td>", total_cls, e(table.claimed_total));
  out += "<td colspan=\"2\"></td></tr>\n";
  out += fmt::format("<tr class=\"grade\"><td class=\"level\">评价等级</td><td colspan=\"{}\">",
                     static_cast<int>(columns.size()) - 1);
  for (std::size_t i = 0; i < table.grades.size(); ++i) {
    const GradeBox& g = table.grades[i];
    if (i > 0) out += "； ";
    out += fmt::format("<span class=\"tick\">{}</span>{} {}", g.ticked ? "☑" : "☐", e(g.name), e(g.range));
  }
  for (const std::string& note : table.grade_notes) out += fmt::format("<div class=\"grade-note\">{}</div>", e(note));
  out += "</td></tr>\n";
  return out;
}

}  // namespace

std::string render_html(const OfficialTable& table) {
  const auto e = html_escape;
  const std::vector<Column> columns = table.columns();
  std::string out = html_begin(fmt::format("{} — {}（{}年度）", table.title, table.department, table.year), kStyle);
  out += fmt::format("<h1>{}</h1>\n<p class=\"year\">（{}年度）</p>\n", e(table.title), e(table.year));
  out += header_table(table);

  out += "<div class=\"chart\">\n<h2>各部分得分与分值</h2>\n" + chart(table) + "</div>\n";

  out += "<table class=\"official\">\n<colgroup>";
  for (const Column c : columns) out += fmt::format("<col class=\"{}\"/>", col_class(c));
  out += "</colgroup>\n<thead><tr>";
  for (const Column c : columns) out += fmt::format("<th>{}</th>", heading(c));
  out += "</tr></thead>\n<tbody>\n";
  for (int r = 0; r < static_cast<int>(table.rows.size()); ++r) out += official_row(table, columns, r);
  out += total_rows(table, columns);
  out += "</tbody>\n</table>\n";

  if (table.claims) {
    out += fmt::format("<p class=\"note{}\">{}{}</p>\n", table.differences > 0 ? " differs" : "",
                       e(table.claims_note()),
                       table.differences > 0 ? "红底为自评分与按评分标准计算的得分不同之处。" : "");
  }
  for (const std::string& err : table.errors) out += fmt::format("<p class=\"note differs\">未能评分：{}</p>\n", e(err));
  out += fmt::format("<p class=\"footer\">由 Rubric 按 {}（{}，{}年度）计算生成。</p>\n", e(table.title),
                     e(table.scheme), table.ruleset_year);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace rubric::report
