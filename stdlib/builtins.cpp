// The built-in functions; see builtins.hpp. Each is a few lines of exact decimal arithmetic.
#include "stdlib/builtins.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "base/messages.hpp"

namespace rubric::stdlib {
namespace {

int digits_argument(std::span<const Decimal> args, std::size_t index, std::string_view function) {
  if (args.size() <= index) return 0;
  const auto digits = args[index].to_int64();
  if (!digits || *digits < 0 || *digits > 12) {
    throw BuiltinError(tr_format("{}: the number of decimals must be a whole number from 0 to 12, not {}",
                                   function, args[index].to_string()));
  }
  return static_cast<int>(*digits);
}

Decimal min_of(std::span<const Decimal> args, const BuiltinContext&) {
  return *std::min_element(args.begin(), args.end());
}

Decimal max_of(std::span<const Decimal> args, const BuiltinContext&) {
  return *std::max_element(args.begin(), args.end());
}

Decimal clamp(std::span<const Decimal> args, const BuiltinContext&) {
  if (args[1] > args[2]) {
    throw BuiltinError(tr_format("clamp: the lower bound {} exceeds the upper bound {}", args[1].to_string(),
                                   args[2].to_string()));
  }
  return std::clamp(args[0], args[1], args[2]);
}

Decimal abs(std::span<const Decimal> args, const BuiltinContext&) { return args[0].abs(); }

Decimal round(std::span<const Decimal> args, const BuiltinContext& context) {
  return args[0].round(digits_argument(args, 1, "round"), context.rounding);
}

Decimal floor(std::span<const Decimal> args, const BuiltinContext&) {
  return args[0].floor(digits_argument(args, 1, "floor"));
}

Decimal ceil(std::span<const Decimal> args, const BuiltinContext&) {
  return args[0].ceil(digits_argument(args, 1, "ceil"));
}

// steps(x, s): the number of started steps of size s in x. "每增加5%（含）扣减0.5分" deducts for
// every started 5%, so 0 < x <= 5% is one step, 5% < x <= 10% two.
Decimal steps(std::span<const Decimal> args, const BuiltinContext&) {
  if (args[1].sign() <= 0) {
    throw BuiltinError(tr_format("steps: the step must be positive, not {}", args[1].to_string()));
  }
  if (args[0].sign() <= 0) return Decimal{};
  return (args[0] / args[1]).ceil();
}

}  // namespace

const std::vector<Builtin>& builtins() {
  static const std::vector<Builtin> kBuiltins = {
      {BuiltinId::Min, "min", 1, -1, "min(a, b, …)", tr_later("the smallest argument"), min_of},
      {BuiltinId::Max, "max", 1, -1, "max(a, b, …)", tr_later("the largest argument"), max_of},
      {BuiltinId::Clamp, "clamp", 3, 3, "clamp(x, lo, hi)", tr_later("x limited to [lo, hi]"), clamp},
      {BuiltinId::Abs, "abs", 1, 1, "abs(x)", tr_later("the absolute value"), abs},
      {BuiltinId::Round, "round", 2, 2, "round(x, decimals)", tr_later("x rounded with the ruleset's rounding mode"), round},
      {BuiltinId::Floor, "floor", 1, 2, "floor(x[, decimals])", tr_later("x rounded toward −∞"), floor},
      {BuiltinId::Ceil, "ceil", 1, 2, "ceil(x[, decimals])", tr_later("x rounded toward +∞"), ceil},
      {BuiltinId::Steps, "steps", 2, 2, "steps(x, step)", tr_later("started steps of size step in x (0 when x ≤ 0)"), steps},
  };
  return kBuiltins;
}

const Builtin* find_builtin(std::string_view name) {
  for (const Builtin& b : builtins()) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

Aggregate aggregate_named(std::string_view name) {
  if (name == "sum") return Aggregate::Sum;
  if (name == "mean") return Aggregate::Mean;
  if (name == "count") return Aggregate::Count;
  if (name == "min") return Aggregate::Min;
  if (name == "max") return Aggregate::Max;
  if (name == "any") return Aggregate::Any;
  if (name == "all") return Aggregate::All;
  return Aggregate::None;
}

Aggregate list_aggregate(std::string_view name) {
  const Aggregate a = aggregate_named(name);
  return a == Aggregate::Any || a == Aggregate::All ? Aggregate::None : a;
}

}  // namespace rubric::stdlib
