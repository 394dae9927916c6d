// Writing a batch's results: the CSV header and one row, as CSV or JSON Lines (docs/batch.md,
// "Output").
#pragma once

#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "interpreter/batch/batch.hpp"
#include "interpreter/batch/scoring.hpp"

namespace rubric::batch {

// Whether [rs] has a veto (一票否决), at the top level or in a section: then the results CSV has a
// column "vetoes" naming those that applied to each department.
bool has_vetoes(const ast::Ruleset& rs);

// The results CSV's first line: row, id, department, total, grade, each indicator, [vetoes,] error.
std::string csv_header(const std::vector<Leaf>& leaves, bool vetoes);

// Row [r] in [format], appended to [out]. [digits]: total_digits(rs), the decimals of the total.
// [vetoes]: has_vetoes(rs) (CSV: the column; JSON Lines always has "vetoes").
void write_row(const ast::Ruleset& rs, int digits, const std::vector<Leaf>& leaves, BatchFormat format, const RowResult& r,
               bool vetoes, std::string& out);

}  // namespace rubric::batch
