// Facts from a filled-in workbook of `rubric facts --format xlsx` (report/facts_xlsx.hpp): its
// cells become a facts document, read and checked as any facts file (facts.hpp), and every
// error about a fact names the cell it came from ("填报!B9").
//
// What a cell means does not depend on how it was typed: a number in a percentage cell is the
// fraction Excel keeps (95% is 0.95), and a number that is not shown as a percentage is refused
// for a percent fact (E0623), since 95 could mean 95% or 9500%; a date must be a date cell or
// "2024-02-09"; 是/否 (or TRUE/FALSE) for a yes/no fact. A number is read as Excel shows it, to
// 15 significant digits (docs/decimals.md).
#pragma once

#include <map>
#include <string>

#include "base/diagnostic.hpp"
#include "base/xlsx_reader.hpp"
#include "dsl/ast.hpp"
#include "interpreter/eval/facts.hpp"

namespace rubric {

namespace facts_xlsx_layout {
// The sheets and rows both sides rely on (0-based rows, as libxlsxwriter counts).
inline constexpr const char* kFactsSheet = "填报";
inline constexpr const char* kMetaSheet = "_rubric";
inline constexpr const char* kChoicesSheet = "_选项";
inline constexpr unsigned kDepartmentRow = 2;  // B3
inline constexpr unsigned kYearRow = 3;        // B4
inline constexpr unsigned kHeaderRow = 5;      // the facts from row 7
inline constexpr unsigned kListHeaderRow = 2;  // labels on row 3, identifiers on row 4, elements from row 5
inline constexpr const char* kSeeRight = "（见右）";  // 填写值 of a list's row: its values are on its own sheet
}  // namespace facts_xlsx_layout

// Whether [path] names a workbook (.xlsx, any case).
bool is_xlsx_path(const std::string& path);

// A workbook read once (`rubric score` reads its year to choose the ruleset by, then its facts).
struct FactsWorkbook {
  std::string path;
  std::optional<xlsx_in::Workbook> book;  // null when it could not be read
  std::string failure;                    // why
};
FactsWorkbook open_facts_workbook(const std::string& path);

// The year in [workbook] (填报!B4), to choose the ruleset by; nullopt when it has none or could
// not be read (read_facts_xlsx then says why).
std::optional<int> xlsx_facts_year(const FactsWorkbook& workbook);

// [workbook] as the facts of one department for [ruleset]: its errors (a workbook that cannot be
// read, a cell that cannot mean one value, and every error of the facts themselves) name the
// sheet and the cell.
FactsResult read_facts_xlsx(const ast::Ruleset& ruleset, const FactsWorkbook& workbook, const FactsOptions& options = {});
inline FactsResult read_facts_xlsx(const ast::Ruleset& ruleset, const std::string& path, const FactsOptions& options = {}) {
  return read_facts_xlsx(ruleset, open_facts_workbook(path), options);
}

}  // namespace rubric
