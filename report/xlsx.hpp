// The official table as an Excel workbook (libxlsxwriter), ready to hand in:
//
//   sheet 1 "自评表": the title, the header block (部门名称, 年度, budget figures), the table with
//     the official columns and the hierarchy as merged cells, the total row and the grade row
//     with the achieved grade ticked (☑优 ☐良 ☐中 ☐差). With claimed scores, a 自评分 column
//     follows 得分 and the cells where they differ are filled red. Printing is set up for A4
//     landscape, one page wide, the column headings repeated on every page.
//   sheet 2 "各部分得分": each section's points and score, with a bar chart of them.
//
// Scores are written as numbers (so that the bureau can add them up) with the ruleset's decimals
// as their number format. An XLSX number is a binary double: each cell holds the double nearest
// the exact decimal, written as the decimal's own digits (<v>9.96</v>; see xlsx_workbook.hpp).
// The exact decimals are also in the other formats and in --format json.
#pragma once

#include <string>

#include "report/official_table.hpp"

namespace rubric::report {

// The bytes of the .xlsx file. Throws std::runtime_error if libxlsxwriter fails.
std::string render_xlsx(const OfficialTable& table);

}  // namespace rubric::report
