// Formatting of runtime values; see value.hpp.
#include "interpreter/eval/value.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace rubric {

namespace {

// [text] (a Decimal's digits) times 100, by moving the decimal point two places: exact for any
// value, even one whose product with 100 would need more than 38 digits.
std::string times_hundred(const std::string& text) {
  const bool negative = !text.empty() && text.front() == '-';
  const std::string digits = negative ? text.substr(1) : text;
  const std::size_t point = digits.find('.');
  std::string whole = point == std::string::npos ? digits : digits.substr(0, point);
  std::string fraction = point == std::string::npos ? "" : digits.substr(point + 1);
  while (fraction.size() < 2) fraction += '0';
  whole += fraction.substr(0, 2);
  fraction = fraction.substr(2);
  const std::size_t first = whole.find_first_not_of('0');
  whole = first == std::string::npos ? "0" : whole.substr(first);
  return (negative ? "-" : "") + whole + (fraction.empty() ? "" : "." + fraction);
}

}  // namespace

std::string format_number(const Decimal& value, ast::TypeKind kind, int max_decimals) {
  if (kind == ast::TypeKind::Date) {
    if (const auto day = value.to_int64()) return format_date(*day);
  }
  Decimal shown = value;
  std::string suffix;
  if (kind == ast::TypeKind::Percent) {
    try {
      shown = value * Decimal::from_int(100);
    } catch (const DecimalError&) {
      // A rate near the 38-digit limit (10^37 when a total of assets is 10^-24) is still a value
      // the rules compare and score; only its display ×100 would overflow. Shown exactly, never
      // an error that costs the indicator its score.
      const Decimal rounded = value.round(std::max(0, max_decimals - 2) + 2, RoundingMode::HalfEven);
      return (rounded == value ? "" : "≈") + times_hundred(rounded.to_string()) + "%";
    }
    suffix = "%";
    max_decimals = std::max(0, max_decimals - 2);
  }
  const Decimal rounded = shown.round(max_decimals, RoundingMode::HalfEven);
  const std::string approx = rounded == shown ? "" : "≈";
  return approx + rounded.to_string() + suffix;
}

std::string format_value(const Value& value, ast::TypeKind kind, std::size_t max_items) {
  if (value.is_number()) return format_number(value.number(), kind);
  if (value.is_bool()) return value.boolean() ? "true" : "false";
  if (value.is_text()) return value.text();
  const auto& items = value.list();
  std::vector<std::string> shown;
  for (std::size_t i = 0; i < items.size() && i < max_items; ++i) {
    shown.push_back(format_value(items[i], items[i].is_number() ? kind : ast::TypeKind::Unknown, max_items));
  }
  if (items.size() > max_items) shown.push_back(fmt::format("… ({} in all)", items.size()));
  return fmt::format("[{}]", fmt::join(shown, ", "));
}

std::string short_label(const std::string& label) {
  for (const std::string_view open : {std::string_view("（"), std::string_view("(")}) {
    const std::string_view close = open == "（" ? "）" : ")";
    const std::size_t at = label.find(open);
    const bool ends = label.size() >= close.size() && label.compare(label.size() - close.size(), close.size(), close) == 0;
    if (at != std::string::npos && at > 0 && ends) return label.substr(0, at);
  }
  return label;
}

}  // namespace rubric
