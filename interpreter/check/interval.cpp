// Intervals of exact decimals; see interval.hpp.
#include "interpreter/check/interval.hpp"

#include <algorithm>

namespace rubric {
namespace {

// −1, 0 or 1 comparing two ends as extended numbers (−∞ < every decimal < +∞).
int compare(const End& a, const End& b) {
  if (a.inf != 0 || b.inf != 0) return a.inf == b.inf ? 0 : (a.inf < b.inf ? -1 : 1);
  if (a.value < b.value) return -1;
  return a.value == b.value ? 0 : 1;
}

// The tighter of two lower ends (the larger); at a tie, open unless both are closed.
End tighter_lower(const End& a, const End& b) {
  const int c = compare(a, b);
  if (c != 0) return c > 0 ? a : b;
  return {a.inf, a.value, a.closed && b.closed};
}
// The tighter of two upper ends (the smaller); at a tie, open unless both are closed.
End tighter_upper(const End& a, const End& b) {
  const int c = compare(a, b);
  if (c != 0) return c < 0 ? a : b;
  return {a.inf, a.value, a.closed && b.closed};
}
// The looser of two lower ends (the smaller); at a tie, closed if either is.
End looser_lower(const End& a, const End& b) {
  const int c = compare(a, b);
  if (c != 0) return c < 0 ? a : b;
  return {a.inf, a.value, a.closed || b.closed};
}
// The looser of two upper ends (the larger); at a tie, closed if either is.
End looser_upper(const End& a, const End& b) {
  const int c = compare(a, b);
  if (c != 0) return c > 0 ? a : b;
  return {a.inf, a.value, a.closed || b.closed};
}

End flip(const End& e) { return {e.inf, e.value, !e.closed}; }

int sign_of(const End& e) { return e.inf != 0 ? e.inf : e.value.sign(); }

bool is_zero(const End& e) { return e.inf == 0 && e.value.is_zero(); }

// The product of two ends. 0 × ∞ is 0: a factor that is exactly 0 makes the product 0 whatever
// the other is, and a factor approaching 0 makes it approach 0 from a finite side.
End multiply_ends(const End& x, const End& y) {
  if (is_zero(x) || is_zero(y)) {
    return End::finite(Decimal{}, (is_zero(x) && x.closed) || (is_zero(y) && y.closed));
  }
  if (x.inf != 0 || y.inf != 0) return {sign_of(x) * sign_of(y), Decimal{}, false};
  return End::finite(x.value * y.value, x.closed && y.closed);
}

// The quotient of two ends, for a divisor that does not hold 0 ([side] is the divisor's sign).
// std::nullopt when the limit is indeterminate (∞/∞, or 0/0 approached from both sides).
std::optional<End> divide_ends(const End& x, const End& y, int side) {
  if (is_zero(y)) {  // an open end of the divisor at 0: the quotient grows without bound
    if (is_zero(x)) {
      if (x.closed) return End::finite(Decimal{}, true);
      return std::nullopt;
    }
    return End{sign_of(x) * side, Decimal{}, false};
  }
  if (y.inf != 0) {
    if (x.inf != 0) return std::nullopt;
    return End::finite(Decimal{}, is_zero(x) && x.closed);
  }
  if (x.inf != 0) return End{sign_of(x) * y.value.sign(), Decimal{}, false};
  return End::finite(x.value / y.value, x.closed && y.closed);
}

// The interval spanned by candidate ends: the least as the lower end, the greatest as the upper.
Range span_of(const std::vector<End>& candidates) {
  if (candidates.empty()) return Range::all();
  End lo = candidates.front();
  End hi = candidates.front();
  for (const End& c : candidates) {
    lo = looser_lower(lo, c);
    hi = looser_upper(hi, c);
  }
  if (lo.inf > 0) return Range::empty_range();
  return {lo, hi};
}

}  // namespace

bool Range::empty() const {
  if (lo.inf > 0 || hi.inf < 0) return true;
  if (lo.inf < 0 || hi.inf > 0) return false;
  if (lo.value > hi.value) return true;
  return lo.value == hi.value && !(lo.closed && hi.closed);
}

bool Range::is_point() const { return lo.inf == 0 && hi.inf == 0 && lo.closed && hi.closed && lo.value == hi.value; }

bool Range::contains(const Decimal& v) const {
  if (lo.inf > 0 || hi.inf < 0) return false;
  if (lo.inf == 0 && (lo.closed ? v < lo.value : v <= lo.value)) return false;
  if (hi.inf == 0 && (hi.closed ? v > hi.value : v >= hi.value)) return false;
  return true;
}

bool Range::contains_integer() const {
  if (empty()) return false;
  if (lo.inf < 0 || hi.inf > 0) return true;
  const Decimal first = lo.closed ? lo.value.ceil() : lo.value.floor() + Decimal::from_int(1);
  return contains(first);
}

std::string format_bound(const Decimal& v, bool percent) {
  if (percent) return (v * Decimal::from_int(100)).to_string() + "%";
  return v.to_string();
}

std::string Range::to_string(bool percent) const {
  if (empty()) return "∅";
  if (is_point()) return format_bound(lo.value, percent);
  const std::string l = lo.inf != 0 ? "-inf" : format_bound(lo.value, percent);
  const std::string h = hi.inf != 0 ? "inf" : format_bound(hi.value, percent);
  return (lo.closed && lo.inf == 0 ? "[" : "(") + l + ", " + h + (hi.closed && hi.inf == 0 ? "]" : ")");
}

Range compared_range(ast::BinaryOp op, const Decimal& c) {
  using Op = ast::BinaryOp;
  switch (op) {
    case Op::Lt: return {End::minus_infinity(), End::finite(c, false)};
    case Op::Le: return {End::minus_infinity(), End::finite(c, true)};
    case Op::Gt: return {End::finite(c, false), End::plus_infinity()};
    case Op::Ge: return Range::at_least(c);
    default: return Range::point(c);
  }
}

Range intersect(const Range& a, const Range& b) { return {tighter_lower(a.lo, b.lo), tighter_upper(a.hi, b.hi)}; }

Range hull(const Range& a, const Range& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return {looser_lower(a.lo, b.lo), looser_upper(a.hi, b.hi)};
}

std::vector<Range> subtract(const Range& from, const std::vector<Range>& minus) {
  std::vector<Range> pieces;
  if (!from.empty()) pieces.push_back(from);
  for (const Range& m : minus) {
    if (m.empty()) continue;
    std::vector<Range> next;
    for (const Range& p : pieces) {
      if (m.lo.inf == 0) {
        const Range left = intersect(p, Range{End::minus_infinity(), flip(m.lo)});
        if (!left.empty()) next.push_back(left);
      }
      if (m.hi.inf == 0) {
        const Range right = intersect(p, Range{flip(m.hi), End::plus_infinity()});
        if (!right.empty()) next.push_back(right);
      }
    }
    pieces = std::move(next);
  }
  return pieces;
}

Range add(const Range& a, const Range& b) {
  if (a.empty() || b.empty()) return Range::empty_range();
  Range r;
  r.lo = (a.lo.inf != 0 || b.lo.inf != 0) ? End::minus_infinity()
                                          : End::finite(a.lo.value + b.lo.value, a.lo.closed && b.lo.closed);
  r.hi = (a.hi.inf != 0 || b.hi.inf != 0) ? End::plus_infinity()
                                          : End::finite(a.hi.value + b.hi.value, a.hi.closed && b.hi.closed);
  return r;
}

Range negate(const Range& a) {
  return {End{-a.hi.inf, -a.hi.value, a.hi.closed}, End{-a.lo.inf, -a.lo.value, a.lo.closed}};
}

Range multiply(const Range& a, const Range& b) {
  if (a.empty() || b.empty()) return Range::empty_range();
  return span_of({multiply_ends(a.lo, b.lo), multiply_ends(a.lo, b.hi), multiply_ends(a.hi, b.lo),
                  multiply_ends(a.hi, b.hi)});
}

std::optional<Range> divide(const Range& a, const Range& b) {
  if (a.empty() || b.empty()) return Range::empty_range();
  if (b.contains(Decimal{})) return std::nullopt;
  const int side = sign_of(b.lo) > 0 || (is_zero(b.lo) && !b.lo.closed) ? 1 : -1;
  std::vector<End> candidates;
  for (const End* x : {&a.lo, &a.hi}) {
    for (const End* y : {&b.lo, &b.hi}) {
      if (auto q = divide_ends(*x, *y, side)) candidates.push_back(*q);
    }
  }
  return span_of(candidates);
}

Range minimum(const Range& a, const Range& b) {
  if (a.empty() || b.empty()) return Range::empty_range();
  return {looser_lower(a.lo, b.lo), tighter_upper(a.hi, b.hi)};
}

Range maximum(const Range& a, const Range& b) {
  if (a.empty() || b.empty()) return Range::empty_range();
  return {tighter_lower(a.lo, b.lo), looser_upper(a.hi, b.hi)};
}

Range absolute(const Range& a) {
  if (a.empty()) return a;
  if (sign_of(a.lo) >= 0) return a;
  if (sign_of(a.hi) <= 0) return negate(a);
  return {End::finite(Decimal{}), looser_upper(a.hi, negate(a).hi)};
}

}  // namespace rubric
