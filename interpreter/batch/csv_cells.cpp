// A CSV cell as a spreadsheet holds it; see csv_cells.hpp.
#include "interpreter/batch/csv_cells.hpp"

#include <fmt/format.h>

#include "base/date.hpp"
#include "base/messages.hpp"

#include "base/unicode.hpp"
#include "interpreter/batch/csv_document.hpp"
#include "interpreter/batch/csv_layout.hpp"

namespace rubric::batch {
namespace {

// [cell] as an error quotes it: at most 40 bytes, cut where a character starts.
std::string shown(std::string_view cell) {
  if (cell.size() <= 40) return std::string(cell);
  std::size_t end = 40;
  while (end > 0 && (static_cast<unsigned char>(cell[end]) & 0xC0) == 0x80) --end;
  return std::string(cell.substr(0, end)) + "…";
}

// [cell] with full-width forms (U+FF01…U+FF5E, as a Chinese input method types ０-９, ．, ％, －)
// and the ideographic space made half-width; nullopt when it holds none.
std::optional<std::string> half_width(std::string_view cell) {
  std::string out;
  bool any = false;
  for (std::size_t i = 0; i < cell.size();) {
    const char32_t cp = unicode::decode(cell, i);
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      out += static_cast<char>(cp - 0xFEE0);
      any = true;
    } else if (cp == 0x3000) {
      out += ' ';
      any = true;
    } else {
      unicode::encode(cp, out);
    }
  }
  if (!any) return std::nullopt;
  return out;
}

bool is_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// "1,234", "-12,345,678.5": digits grouped by three with commas, as a spreadsheet shows a number.
bool is_grouped(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  if (const auto dot = s.find('.'); dot != std::string_view::npos) {
    if (!is_digits(s.substr(dot + 1))) return false;
    s = s.substr(0, dot);
  }
  const auto comma = s.find(',');
  if (comma == std::string_view::npos || comma == 0 || comma > 3 || !is_digits(s.substr(0, comma))) return false;
  for (std::size_t i = comma; i < s.size(); i += 4) {
    if (s[i] != ',' || i + 4 > s.size() || !is_digits(s.substr(i + 1, 3))) return false;
  }
  return true;
}

std::string without_commas(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c != ',') out += c;
  }
  return out;
}

}  // namespace

std::optional<bool> read_bool_cell(std::string_view cell) {
  for (const std::string_view yes : {"true", "TRUE", "True", "1", "是"}) {
    if (cell == yes) return true;
  }
  for (const std::string_view no : {"false", "FALSE", "False", "0", "否"}) {
    if (cell == no) return false;
  }
  return std::nullopt;
}

std::string spreadsheet_cell_error(std::string_view cell, ast::TypeKind kind) {
  if (kind == ast::TypeKind::Bool) {
    if (read_bool_cell(cell)) return {};
    return tr_format("expected true or false, found \"{}\"; a bool cell is {}", shown(cell), kBoolCellForms);
  }
  if (kind == ast::TypeKind::Date) {
    if (parse_date(cell)) return {};
    if (is_json_number(cell)) {
      return tr_format("expected a date, found {}: a spreadsheet's number for a day, or a date without its dashes; "
                         "write the date as 2024-02-09 (年-月-日), formatting the column as text",
                         shown(cell));
    }
    return tr_format("expected a date such as 2024-02-09, found \"{}\": {}", shown(cell), date_problem(cell));
  }
  if (!is_number_kind(kind) || is_json_number(cell)) return {};
  const bool percent = kind == ast::TypeKind::Percent;
  const std::string expected = tr_format("expected {}, found \"{}\"", percent ? std::string(tr("a percent")) : std::string(tr("a number")), shown(cell));
  std::string_view digits = cell;
  if (percent && !digits.empty() && digits.back() == '%') digits.remove_suffix(1);
  if (const auto first = cell.find_first_not_of(" \t"); first != 0 || cell.find_last_not_of(" \t") + 1 != cell.size()) {
    return tr_format("{} with spaces around it; write it without them", expected);
  }
  if (const auto narrow = half_width(cell)) {
    return tr_format("{} in full-width characters; write it in half-width ones: \"{}\"", expected, shown(*narrow));
  }
  for (const std::string_view sign : {"¥", "￥", "$", "元", "万元"}) {
    if (cell.rfind(sign, 0) == 0 || (cell.size() > sign.size() && cell.substr(cell.size() - sign.size()) == sign)) {
      return tr_format("{} with a currency sign or unit; write only the number, in the unit the fact declares", expected);
    }
  }
  if (cell[0] == '#') return tr_format("{}, a spreadsheet's error; correct the formula that gives it", expected);
  if (is_grouped(digits)) {
    return tr_format("{} with a thousands separator; write {}{} (a comma is not read as a separator: it is the "
                       "decimal mark in some locales)",
                       expected, without_commas(digits), percent ? "%" : "");
  }
  if (digits.find(',') != std::string_view::npos) {
    return tr_format("{} with a comma; write the number with a point for decimals and no separators", expected);
  }
  if (!percent && cell.back() == '%' && is_json_number(cell.substr(0, cell.size() - 1))) {
    return tr_format("{}: the fact is {}, not a percent; write the number it means", expected,
                       kind == ast::TypeKind::Count ? std::string(tr("a count")) : kind == ast::TypeKind::Money ? std::string(tr("money")) : std::string(tr("a number")));
  }
  return {};
}

}  // namespace rubric::batch
