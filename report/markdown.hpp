// The official table as Markdown (GitHub tables): the header block as a list, then the table
// with the official columns, the total and the grade. Cells are padded by display width, so the
// columns line up in a terminal and in a text editor with a CJK font, as the terminal table does.
// A level-1 or level-2 cell is written on the first row of its group only (Markdown cannot merge).
#pragma once

#include <string>
#include <string_view>

#include "report/official_table.hpp"

namespace rubric::report {

std::string render_markdown(const OfficialTable& table);

// [text] for a Markdown table cell or line: '|' and newlines as the table needs them ("\\|",
// "<br>"); a '<' that could open an HTML tag, comment or autolink, and a '&' that could start an
// entity, as entities, so that a name holding "<script>" or "<img onerror=…>" is shown, never
// run (a '<' before a digit or a space, as in "得分<90分", is not markup and stays); Markdown's '\\', '`', '[' and ']' with a backslash, so
// that it makes no link, image or code span.
std::string markdown_text(std::string_view text);

}  // namespace rubric::report
