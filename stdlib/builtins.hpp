// The built-in functions of the language: min, max, clamp, abs, round, floor, ceil, steps.
//
// Every built-in takes numbers and returns a number. The checker looks them up by name to check
// arity; the evaluator calls them with already evaluated arguments. A built-in reports bad
// arguments (a negative step, clamp bounds in the wrong order) by throwing BuiltinError, which
// the evaluator turns into an error at the call's location.
#pragma once

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "base/decimal.hpp"

namespace rubric::stdlib {

class BuiltinError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BuiltinContext {
  RoundingMode rounding = RoundingMode::HalfUp;  // the ruleset's mode, used by round()
};

struct Builtin {
  std::string_view name;
  int min_args;
  int max_args;  // -1: any number of arguments
  std::string_view signature;  // for messages: "clamp(x, lo, hi)"
  std::string_view summary;
  Decimal (*call)(std::span<const Decimal> args, const BuiltinContext& context);
};

// The built-in named [name], or null.
const Builtin* find_builtin(std::string_view name);
const std::vector<Builtin>& builtins();
// Names that also work as aggregates over a list: sum(xs), mean(xs), count(xs), min(xs), max(xs).
bool is_list_aggregate(std::string_view name);

}  // namespace rubric::stdlib
