// The official table as CSV (RFC 4180, UTF-8): one heading row with the official columns, one
// row per indicator with its level-1 and level-2 cells repeated on every row (so that the rows
// can be sorted and filtered), then a 总分 row and a 评价等级 row. With [bom], the text starts
// with a UTF-8 byte-order mark, which Excel needs to read Chinese text as UTF-8.
#pragma once

#include <string>

#include "report/official_table.hpp"

namespace rubric::report {

std::string render_csv(const OfficialTable& table, bool bom = false);

}  // namespace rubric::report
