// `rubric facts RULESET --format xlsx`: a workbook a department fills in, in a spreadsheet, and
// `rubric score` reads back (interpreter/eval/facts_xlsx.hpp).
//
// The sheet 填报 holds the department's name, the year and one row per fact that is not a list:
// its label, the cell to fill (yellow), its unit, what may be written, and its identifier. Each
// list has a sheet of its own: a row per element, a column per field, under the fields' labels
// and identifiers. Every cell to fill checks what is typed in it: a drop-down for a category or
// 是/否, a whole number for a count, the domain's limits for a number, percent or money; a
// percentage cell is formatted as one, so that 95% is typed as 95%. The hidden sheet _rubric
// says which sheet holds which list.
#pragma once

#include <string>

#include "dsl/ast.hpp"
#include "interpreter/eval/facts_xlsx.hpp"  // the layout the reader relies on

namespace rubric::report {

using namespace facts_xlsx_layout;  // NOLINT: the sheet names and rows

// The bytes of the fill-in workbook. Throws std::runtime_error when libxlsxwriter fails.
std::string render_facts_xlsx(const ast::Ruleset& ruleset);

// "A" for column 0, "AB" for 27.
std::string xlsx_in_column(unsigned column);

}  // namespace rubric::report
