// Writing a batch's results: the CSV header and one row, as CSV or JSON Lines (docs/batch.md,
// "Output").
#pragma once

#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "interpreter/batch/batch.hpp"
#include "interpreter/batch/scoring.hpp"

namespace rubric::batch {

// The results CSV's first line: row, id, department, total, grade, each indicator, error.
std::string csv_header(const std::vector<Leaf>& leaves);

// Row [r] in [format], appended to [out]. [digits]: total_digits(rs), the decimals of the total.
void write_row(const ast::Ruleset& rs, int digits, const std::vector<Leaf>& leaves, BatchFormat format, const RowResult& r,
               std::string& out);

}  // namespace rubric::batch
