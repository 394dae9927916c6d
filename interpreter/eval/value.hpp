// Runtime values of the evaluator, and how values are shown to people.
//
// A value is a number (an exact Decimal), a bool, a text (also an enum member), or a list.
// Records are lists of their field values in declaration order: the checker resolves every
// field name to its index, so evaluation never looks a field up by name.
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "dsl/ast.hpp"
#include "base/decimal.hpp"

namespace rubric {

struct Value;
using ValueList = std::shared_ptr<const std::vector<Value>>;

struct Value {
  std::variant<Decimal, bool, std::string, ValueList> data;

  Value() : data(Decimal{}) {}
  Value(Decimal d) : data(d) {}  // NOLINT(google-explicit-constructor)
  Value(bool b) : data(b) {}     // NOLINT(google-explicit-constructor)
  Value(std::string s) : data(std::move(s)) {}  // NOLINT(google-explicit-constructor)
  Value(ValueList l) : data(std::move(l)) {}    // NOLINT(google-explicit-constructor)

  bool is_number() const { return std::holds_alternative<Decimal>(data); }
  bool is_bool() const { return std::holds_alternative<bool>(data); }
  bool is_text() const { return std::holds_alternative<std::string>(data); }
  bool is_list() const { return std::holds_alternative<ValueList>(data); }
  const Decimal& number() const { return std::get<Decimal>(data); }
  bool boolean() const { return std::get<bool>(data); }
  const std::string& text() const { return std::get<std::string>(data); }
  const std::vector<Value>& list() const { return *std::get<ValueList>(data); }
};

// Shows a number as people read it: a percent as "99.875%", other numbers plainly. Values with
// more than [max_decimals] decimals are rounded for display and marked with "≈".
std::string format_number(const Decimal& value, ast::TypeKind kind, int max_decimals = 6);
// Shows any value; lists are shown as "[a, b, c]" (at most [max_items] items, then "…").
std::string format_value(const Value& value, ast::TypeKind kind, std::size_t max_items = 12);
// What a label names, without a parenthesis that ends it and explains it: "部门整体绩效目标产出指标
// （年初目标值、实际完成值、分值）" is "部门整体绩效目标产出指标" (as the 评分依据 says it, and as a
// batch column may be headed). A label without one is itself.
std::string short_label(const std::string& label);

}  // namespace rubric
