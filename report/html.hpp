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

}  // namespace rubric::report
