// The official table as Markdown (GitHub tables): the header block as a list, then the table
// with the official columns, the total and the grade. Cells are padded by display width, so the
// columns line up in a terminal and in a text editor with a CJK font, as the terminal table does.
// A level-1 or level-2 cell is written on the first row of its group only (Markdown cannot merge).
#pragma once

#include <string>

#include "report/official_table.hpp"

namespace rubric::report {

std::string render_markdown(const OfficialTable& table);

}  // namespace rubric::report
