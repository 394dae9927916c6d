// The official table as one self-contained HTML file: no external assets and no scripts. It
// holds the header block (部门名称, 年度, budget figures), an SVG bar chart of each section's score
// against its points, and the table with merged cells (rowspan), the total and the ticked grade;
// claimed scores that differ from the computed ones are highlighted. Print CSS lays it out on A4
// landscape, repeating the column headings on every page. Every text is HTML-escaped.
#pragma once

#include <string>

#include "report/official_table.hpp"

namespace rubric::report {

std::string render_html(const OfficialTable& table);

// [text] with &, <, >, " and ' replaced by character references.
std::string html_escape(std::string_view text);

// Shared by the HTML reports (this one and report/batch_report_html.cpp):
// "<!DOCTYPE html>…<body>\n" with the (escaped) [title] and a style sheet: the common part (the
// CJK font stack, headings, bordered tables, td.num, p.footer, the table.header block) followed by
// [style].
std::string html_begin(std::string_view title, std::string_view style);
// The font stack of an SVG chart's text (an attribute value).
inline constexpr const char* kSvgFontFamily = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif";

}  // namespace rubric::report
