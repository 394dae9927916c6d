// Formatting of runtime values; see value.hpp.
#include "interpreter/value.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace rubric {

std::string format_number(const Decimal& value, ast::TypeKind kind, int max_decimals) {
  Decimal shown = value;
  std::string suffix;
  if (kind == ast::TypeKind::Percent) {
    shown = value * Decimal::from_int(100);
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

}  // namespace rubric
