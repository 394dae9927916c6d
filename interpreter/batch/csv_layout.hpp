// The CSV header of a batch's input: which column holds what (id, department, year, each fact,
// list element and record field), compiled once against the ruleset.
#pragma once

#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "interpreter/batch/batch.hpp"

namespace rubric::batch {

struct FactColumns {
  int scalar = -1;                        // a column named after the fact
  std::vector<int> elements;              // list of scalars: column of element i (0-based), or -1
  std::vector<std::vector<int>> records;  // list of records: [element][field] column, or -1
};

struct CsvLayout {
  int id = -1;
  int department = -1;
  int year = -1;
  std::vector<FactColumns> facts;         // by fact index
  std::vector<std::string> headers;
  std::vector<bool> numeric;              // by column: its cells go into the document as numbers
  std::vector<ast::TypeKind> kinds;       // by column: the kind of a fact's cells (Unknown: no fact's)
};

// Whether a value of kind [k] is a number (number, percent, money, count).
bool is_number_kind(ast::TypeKind k);

// The fact a column header names: by the fact's name, or by its label (the whole label, or the
// label without a parenthesis that ends it: "部门整体绩效目标产出指标"). rs.facts.size() when none
// does, kAmbiguous when two labels do.
inline constexpr std::size_t kAmbiguous = static_cast<std::size_t>(-1);
std::size_t labelled_fact(const ast::Ruleset& rs, const std::string& header);

// Fills [layout] from the [header] record; returns why the header cannot be used ("" when it can).
// Columns the ruleset does not declare are an error, or with [allow_unknown] a warning added to
// [warnings] and ignored. [columns] names the id and name columns (default "id", "department").
std::string compile_header(const ast::Ruleset& rs, const std::vector<std::string>& header, const BatchColumns& columns,
                           CsvLayout& layout, std::vector<std::string>& warnings, bool allow_unknown);

}  // namespace rubric::batch
