// Intervals of exact decimals for the static analysis (analysis.hpp): each end open or closed,
// finite or infinite, e.g. [0, 60%), (150%, inf), (-inf, 0]. No binary floating point: the ends
// are Decimals, and arithmetic on them is Decimal arithmetic.
//
// The arithmetic is interval arithmetic: the result of [a] op [b] holds every x op y for x in
// [a] and y in [b]. It is exact for +, −, × and ÷ of independent operands (each end of the
// result is reached, or approached for an open end), and wider than the real values when an
// operand is used twice (x − x over [0, 1] gives [−1, 1]); the analysis tracks that separately.
// Decimal overflow throws DecimalError, which the analysis treats as "unsure".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "base/decimal.hpp"

namespace rubric {

// One end of an interval. [inf] is −1 for −∞, +1 for +∞ (then [value] is unused and the end is
// open), 0 for a finite end.
struct End {
  int inf = 0;
  Decimal value;
  bool closed = true;

  static End finite(Decimal v, bool closed = true) { return {0, v, closed}; }
  static End minus_infinity() { return {-1, Decimal{}, false}; }
  static End plus_infinity() { return {1, Decimal{}, false}; }
};

struct Range {
  End lo = End::minus_infinity();
  End hi = End::plus_infinity();

  static Range all() { return {}; }
  static Range point(const Decimal& v) { return {End::finite(v), End::finite(v)}; }
  static Range closed(const Decimal& lo, const Decimal& hi) { return {End::finite(lo), End::finite(hi)}; }
  static Range at_least(const Decimal& lo) { return {End::finite(lo), End::plus_infinity()}; }
  static Range empty_range() { return {End::finite(Decimal::from_int(1)), End::finite(Decimal{})}; }

  bool empty() const;
  // A single value, [v, v].
  bool is_point() const;
  bool contains(const Decimal& v) const;
  // Whether it holds a whole number (used for count values, which take no fractions).
  bool contains_integer() const;
  // "[50%, 60%)" when [percent], else "[0.5, 0.6)".
  std::string to_string(bool percent) const;
};

// Numbers written as the language writes them: 0.6 as "60%" when [percent].
std::string format_bound(const Decimal& v, bool percent);

// The values x with `x OP c` (OP one of <, <=, >, >=, ==): a brackets arm's or a when's condition.
Range compared_range(ast::BinaryOp op, const Decimal& c);

Range intersect(const Range& a, const Range& b);
// The smallest interval holding both (either may be empty).
Range hull(const Range& a, const Range& b);
// [from] without every range of [minus]: disjoint pieces in ascending order.
std::vector<Range> subtract(const Range& from, const std::vector<Range>& minus);

Range add(const Range& a, const Range& b);
Range negate(const Range& a);
Range multiply(const Range& a, const Range& b);
// std::nullopt when [b] holds 0: the quotient is then unbounded, or the division fails.
std::optional<Range> divide(const Range& a, const Range& b);
Range minimum(const Range& a, const Range& b);
Range maximum(const Range& a, const Range& b);
Range absolute(const Range& a);

// Whether [x] lies in an interval as written in a ruleset (a tier, a judged band), its bounds
// evaluated by [bound] (an Expr -> Decimal). The one membership test of the tree evaluator and
// the compiled plan, so that the two cannot disagree on an open or closed end.
template <typename Bound>
bool interval_contains(const ast::Interval& iv, const Decimal& x, Bound&& bound) {
  if (iv.lo.value) {
    const Decimal lo = bound(*iv.lo.value);
    if (iv.lo_closed ? x < lo : x <= lo) return false;
  }
  if (iv.hi.value) {
    const Decimal hi = bound(*iv.hi.value);
    if (iv.hi_closed ? x > hi : x >= hi) return false;
  }
  return true;
}

}  // namespace rubric
