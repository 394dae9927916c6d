// The compiled plan's numbers: exact decimals with a 64-bit fast path.
//
// A [Num] is coefficient × 10^(−scale), like Decimal (base/decimal.hpp), and holds any Decimal.
// Its operations give exactly Decimal's values (the same rounding of inexact products and
// quotients, the same overflow errors), but they are inline and, when both coefficients fit in
// int64, done in int64 with __builtin_*_overflow: + and − align the scales, × adds them (at most
// 24), a quotient is exact when it terminates within a few digits, comparisons align the scales,
// rounding divides by a power of ten. +, −, × and comparisons of larger coefficients (a quotient
// rounded at 24 decimals, times a weight) are done in 128 bits while the result keeps within
// Decimal's 38 digits. Anything else (an overflow, a product needing more than 24 decimals, a
// quotient that does not terminate quickly) is handed to Decimal itself, so the result is
// Decimal's by construction. Values compare equal whatever their
// scale, as Decimals do; the scale of a result may differ from Decimal's, never its value.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>

#include "base/decimal.hpp"

namespace rubric::plan {

class Num {
 public:
  constexpr Num() noexcept = default;
  Num(const Decimal& d) noexcept : c_(d.coefficient()), s_(d.scale()) {}  // NOLINT(google-explicit-constructor)
  static Num of_int(std::int64_t v) noexcept { return Num(v, 0); }

  Decimal decimal() const { return Decimal::from_parts(c_, s_); }
  bool is_zero() const noexcept { return c_ == 0; }
  int sign() const noexcept { return c_ < 0 ? -1 : c_ > 0 ? 1 : 0; }

  friend Num operator-(const Num& a) noexcept { return Num(-a.c_, a.s_); }
  friend Num operator+(const Num& a, const Num& b) { return add(a, b, false); }
  friend Num operator-(const Num& a, const Num& b) { return add(a, b, true); }
  friend Num operator*(const Num& a, const Num& b) {
    std::int64_t x, y, p;
    if (small(a, x) && small(b, y) && a.s_ + b.s_ <= Decimal::kMaxScale && !__builtin_mul_overflow(x, y, &p)) {
      return Num(p, a.s_ + b.s_);
    }
    Int128 wide;
    if (a.s_ + b.s_ <= Decimal::kMaxScale && !__builtin_mul_overflow(a.c_, b.c_, &wide) && fits(wide)) {
      return Num(wide, a.s_ + b.s_);
    }
    return a.decimal() * b.decimal();
  }
  // Throws DecimalError(DivisionByZero) when [b] is zero, as Decimal does.
  friend Num operator/(const Num& a, const Num& b) {
    std::int64_t x, y;
    if (small(a, x) && small(b, y) && y != 0) {
      // x × 10^k / y for the first k that divides exactly, when the scale stays in 0..24.
      for (int k = 0; k <= 6; ++k) {
        std::int64_t scaled;
        if (__builtin_mul_overflow(x, kPow10[static_cast<std::size_t>(k)], &scaled)) break;
        if (y == -1 && scaled == INT64_MIN) break;  // the one quotient int64 cannot hold (and % traps)
        if (scaled % y != 0) continue;
        const int scale = a.s_ - b.s_ + k;
        if (scale < 0 || scale > Decimal::kMaxScale) break;
        return Num(scaled / y, scale);
      }
    }
    return a.decimal() / b.decimal();
  }

  friend int compare(const Num& a, const Num& b) {
    std::int64_t x, y;
    if (small(a, x) && small(b, y)) {
      // The smaller scale is brought to the larger one in int64 when it fits, else in 128 bits.
      std::int64_t scaled;
      if (a.s_ == b.s_) return x < y ? -1 : x > y ? 1 : 0;
      if (a.s_ < b.s_ && b.s_ - a.s_ <= 18 &&
          !__builtin_mul_overflow(x, kPow10[static_cast<std::size_t>(b.s_ - a.s_)], &scaled)) {
        return scaled < y ? -1 : scaled > y ? 1 : 0;
      }
      if (b.s_ < a.s_ && a.s_ - b.s_ <= 18 &&
          !__builtin_mul_overflow(y, kPow10[static_cast<std::size_t>(a.s_ - b.s_)], &scaled)) {
        return x < scaled ? -1 : x > scaled ? 1 : 0;
      }
    }
    Int128 l, r;
    if (align(a, b, l, r)) return l < r ? -1 : l > r ? 1 : 0;
    const auto order = a.decimal() <=> b.decimal();
    return order < 0 ? -1 : order > 0 ? 1 : 0;
  }
  friend bool operator==(const Num& a, const Num& b) { return compare(a, b) == 0; }
  friend bool operator<(const Num& a, const Num& b) { return compare(a, b) < 0; }
  friend bool operator<=(const Num& a, const Num& b) { return compare(a, b) <= 0; }
  friend bool operator>(const Num& a, const Num& b) { return compare(a, b) > 0; }
  friend bool operator>=(const Num& a, const Num& b) { return compare(a, b) >= 0; }

  // Decimal::round: unchanged with at most [digits] decimals, else rounded by [mode].
  Num round(int digits, RoundingMode mode) const {
    std::int64_t x;
    if (s_ <= digits) return *this;
    if (!small(*this, x) || s_ - digits > 18) return decimal().round(digits, mode);
    const std::int64_t unit = kPow10[static_cast<std::size_t>(s_ - digits)];
    std::int64_t q = x / unit;
    const std::int64_t r = x % unit;        // the sign of x
    const std::int64_t m = r < 0 ? -r : r;  // below unit <= 10^18: 2m does not overflow
    bool away = false;
    switch (mode) {
      case RoundingMode::HalfUp: away = m >= unit - m; break;
      case RoundingMode::HalfEven: away = m > unit - m || (m == unit - m && q % 2 != 0); break;
      case RoundingMode::Down: away = false; break;
      case RoundingMode::Up: away = m != 0; break;
    }
    if (away) q += x < 0 ? -1 : 1;
    return Num(q, digits);
  }

 private:
  Num(Int128 c, int s) noexcept : c_(c), s_(s) {}

  static bool small(const Num& n, std::int64_t& out) noexcept {
    out = static_cast<std::int64_t>(n.c_);
    return out == n.c_;
  }

  static Num add(const Num& a, const Num& b, bool subtract) {
    std::int64_t x, y;
    if (small(a, x) && small(b, y)) {
      if (subtract) {
        if (__builtin_sub_overflow(0, y, &y)) return slow_add(a, b, subtract);
      }
      int scale = a.s_;
      bool ok = true;
      if (a.s_ < b.s_) {
        ok = b.s_ - a.s_ <= 18 && !__builtin_mul_overflow(x, kPow10[static_cast<std::size_t>(b.s_ - a.s_)], &x);
        scale = b.s_;
      } else if (b.s_ < a.s_) {
        ok = a.s_ - b.s_ <= 18 && !__builtin_mul_overflow(y, kPow10[static_cast<std::size_t>(a.s_ - b.s_)], &y);
      }
      std::int64_t sum;
      if (ok && !__builtin_add_overflow(x, y, &sum)) return Num(sum, scale);
    }
    Int128 l, r, sum;
    if (align(a, b, l, r) && !(subtract ? __builtin_sub_overflow(l, r, &sum) : __builtin_add_overflow(l, r, &sum)) &&
        fits(sum)) {
      return Num(sum, std::max(a.s_, b.s_));
    }
    return slow_add(a, b, subtract);
  }
  // The coefficients of [a] and [b] at the larger of their scales, when that fits in 128 bits.
  static bool align(const Num& a, const Num& b, Int128& l, Int128& r) noexcept {
    l = a.c_;
    r = b.c_;
    if (a.s_ < b.s_) return !__builtin_mul_overflow(l, kPow10Wide[static_cast<std::size_t>(b.s_ - a.s_)], &l);
    if (b.s_ < a.s_) return !__builtin_mul_overflow(r, kPow10Wide[static_cast<std::size_t>(a.s_ - b.s_)], &r);
    return true;
  }
  // Whether [c] is a coefficient Decimal holds (at most 38 digits).
  static bool fits(Int128 c) noexcept { return c < kPow10Wide[38] && c > -kPow10Wide[38]; }
  static Num slow_add(const Num& a, const Num& b, bool subtract) {
    return subtract ? a.decimal() - b.decimal() : a.decimal() + b.decimal();
  }

  static constexpr std::array<std::int64_t, 19> kPow10 = [] {
    std::array<std::int64_t, 19> table{};
    std::int64_t v = 1;
    for (auto& p : table) {
      p = v;
      if (v <= INT64_MAX / 10) v *= 10;
    }
    return table;
  }();

  static constexpr std::array<Int128, 39> kPow10Wide = [] {
    std::array<Int128, 39> table{};
    Int128 v = 1;
    for (std::size_t i = 0; i < table.size(); ++i) {
      table[i] = v;
      if (i + 1 < table.size()) v *= 10;
    }
    return table;
  }();

  Int128 c_ = 0;
  std::int32_t s_ = 0;
};

}  // namespace rubric::plan
