// A CSV row as the facts document `rubric score` reads: the path a row takes when some cell is not
// plainly valid, so that the facts loader words every error of the row, each naming its column.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/ast.hpp"
#include "interpreter/batch/csv_layout.hpp"
#include "interpreter/batch/input.hpp"

namespace rubric::batch {

// Whether [s] has a JSON number's syntax: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view s);

// The facts document of [row] ({"department", "year", "facts"}) into [out].
void csv_document(const ast::Ruleset& rs, const CsvLayout& layout, const CsvRow& row, std::string& out);

// "facts.outputs[1].target" -> "outputs.2.target": the CSV column a facts path comes from.
std::string column_of(std::string_view path);

// A cell the facts document cannot carry: bytes that are not UTF-8 (a file saved as GBK, say), or a
// number no JSON reader holds (1e400). The JSON reader would stop at the first such cell with a
// message naming no column; found before the document is written, each names its column. Also a
// cell in a spreadsheet's form that is refused with a hint of its own (spreadsheet_cell_error).
struct UnreadableCell {
  std::string column;
  std::string error;
};

// The unreadable cells of [row], in column order. [readable] receives the row with each of them
// replaced by a stand-in of its column's kind (0 or ?), whose text is kept in [buffer]: the loader
// then reports every other cell as usual, and nothing more about these columns.
std::vector<UnreadableCell> unreadable_cells(const CsvLayout& layout, const CsvRow& row, CsvRow& readable,
                                             std::string& buffer, std::vector<std::size_t>& spans);

// Assigns [text] to [out] with every byte that is not UTF-8 replaced by U+FFFD, so that the output
// file is UTF-8.
void assign_utf8(std::string& out, std::string_view text);

}  // namespace rubric::batch
