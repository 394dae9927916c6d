// The built-in functions of the language: min, max, clamp, abs, round, floor, ceil, steps.
//
// Every built-in takes numbers and returns a number. This header is the one table of them: the
// checker resolves each call once, by name, with find_builtin() and list_aggregate() (and each
// comprehension with aggregate_named()), and records the result in the node (ast::Call::builtin
// and ::aggregate, ast::Comprehension::aggregate); the evaluator, the analysis and the plan then
// use the recorded pointer and kind and never look a name up. The evaluator calls a built-in with
// already evaluated arguments. A built-in reports bad arguments (a negative step, clamp bounds in
// the wrong order) by throwing BuiltinError, which the evaluator turns into an error at the
// call's location.
#pragma once

#include <cstdint>
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

// Which built-in an entry is, for the stages that reason about one rather than call it: the
// analysis (the range of round's result), the plan (min and max as operations of their own).
enum class BuiltinId : std::uint8_t { Min, Max, Clamp, Abs, Round, Floor, Ceil, Steps };

// What an aggregate does over a list: sum, mean, count, min and max of numbers (also written as
// a call over a list, `sum(xs)`), any and all of conditions (only in a comprehension).
enum class Aggregate : std::uint8_t { None = 0, Sum, Mean, Count, Min, Max, Any, All };

struct Builtin {
  BuiltinId id;
  std::string_view name;
  int min_args;
  int max_args;  // -1: any number of arguments
  std::string_view signature;  // for messages: "clamp(x, lo, hi)"
  std::string_view summary;
  Decimal (*call)(std::span<const Decimal> args, const BuiltinContext& context);
};

// The built-in named [name], or null. For the checker, which records it in the call.
const Builtin* find_builtin(std::string_view name);
const std::vector<Builtin>& builtins();
// What a call named [name] with one argument does when the argument is a list: sum(xs), mean(xs),
// count(xs), min(xs), max(xs); None for any other name. For the checker, like find_builtin().
Aggregate list_aggregate(std::string_view name);
// The aggregate named [name] in a comprehension, `sum(x in xs: …)` … `all(x in xs: …)`; None for
// any other name. For the checker too.
Aggregate aggregate_named(std::string_view name);

}  // namespace rubric::stdlib
