// A CSV cell as a spreadsheet holds it: the forms of a bool an export writes, accepted exactly, and
// the forms of a number that cannot be read without a guess (a thousands separator, full-width
// digits, spaces around it, a spreadsheet error), refused with what to write instead. See
// docs/batch.md, "Cells from a spreadsheet".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "dsl/ast.hpp"

namespace rubric::batch {

// The forms of a bool cell, as an error lists them.
inline constexpr std::string_view kBoolCellForms = "true/false (or TRUE/FALSE, True/False), 1/0 or 是/否";

// A bool cell: true, TRUE, True, 1, 是 or false, FALSE, False, 0, 否; nullopt for anything else.
std::optional<bool> read_bool_cell(std::string_view cell);

// Why a non-empty [cell] of a column of [kind] is refused before the facts loader sees it, as
// "expected …, found …; write …" (no column: the caller names it); "" when the loader reads it
// (and words its own error if any). Bools: any form read_bool_cell does not take. Numbers: the
// spreadsheet forms the loader would only call "not a number".
std::string spreadsheet_cell_error(std::string_view cell, ast::TypeKind kind);

}  // namespace rubric::batch
