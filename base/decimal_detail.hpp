// Internals of Decimal shared by decimal.cpp (arithmetic) and decimal_text.cpp (parsing and
// printing): the tables of powers of ten, magnitudes and signs, rounding decisions, digit
// writing. Included only by those two files; not part of any public header.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/decimal.hpp"

namespace rubric {

namespace detail {
struct DecimalAccess {
  static constexpr Decimal make(Int128 coefficient, int scale) noexcept {
    return Decimal(coefficient, scale);
  }
};
}  // namespace detail

namespace decimal_detail {

using detail::DecimalAccess;

inline constexpr int kMaxScale = Decimal::kMaxScale;
inline constexpr int kMaxDigits = Decimal::kMaxDigits;

// 10^0 .. 10^38 (10^38 < 2^127, so every entry also fits in Int128).
inline constexpr std::array<UInt128, 39> kPow10 = [] {
  std::array<UInt128, 39> table{};
  UInt128 value = 1;
  for (std::size_t i = 0; i < table.size(); ++i) {
    table[i] = value;
    if (i + 1 < table.size()) value *= 10;
  }
  return table;
}();

inline constexpr std::array<Int128, 39> kPow10Signed = [] {
  std::array<Int128, 39> table{};
  for (std::size_t i = 0; i < table.size(); ++i) table[i] = static_cast<Int128>(kPow10[i]);
  return table;
}();

inline constexpr std::array<std::uint64_t, 20> kPow10U64 = [] {
  std::array<std::uint64_t, 20> table{};
  std::uint64_t value = 1;
  for (std::size_t i = 0; i < table.size(); ++i) {
    table[i] = value;
    if (i + 1 < table.size()) value *= 10;
  }
  return table;
}();

inline constexpr UInt128 kUInt128Max = ~static_cast<UInt128>(0);

// kMulLimit[k] is the largest m with m × 10^k <= UInt128 max.
inline constexpr std::array<UInt128, 39> kMulLimit = [] {
  std::array<UInt128, 39> table{};
  for (std::size_t i = 0; i < table.size(); ++i) table[i] = kUInt128Max / kPow10[i];
  return table;
}();

// Exclusive bound on the magnitude of a coefficient.
inline constexpr UInt128 kCoefficientBound = kPow10[kMaxDigits];

static_assert(kPow10[38] / kPow10[19] == kPow10[19]);
static_assert(kCoefficientBound < (kUInt128Max >> 1));
// Two magnitudes below the bound can be added in UInt128 without overflow.
static_assert(kCoefficientBound <= kUInt128Max / 2);

constexpr UInt128 magnitude(Int128 value) noexcept {
  return value < 0 ? static_cast<UInt128>(0) - static_cast<UInt128>(value)
                   : static_cast<UInt128>(value);
}

// [m] must be below kCoefficientBound.
constexpr Int128 with_sign(UInt128 m, bool negative) noexcept {
  const Int128 value = static_cast<Int128>(m);
  return negative ? -value : value;
}

// ---- The 64-bit fast path ---------------------------------------------------------------------
// Most values of a ruleset (points, percents, money with a few decimals) have coefficients far
// below 2^63. When both operands' coefficients fit in int64 and the scale alignment does too,
// +, −, × and comparisons are done in 64-bit arithmetic, which is several times cheaper than the
// 128-bit builtins; anything that does not fit (or would overflow) takes the 128-bit path, which
// gives the same result. The result of a 64-bit operation is always below 10^19 < 10^38, and the
// scales are those of the 128-bit path, so nothing else changes.

inline bool fits64(Int128 c) noexcept { return c >= INT64_MIN && c <= INT64_MAX; }

// x × 10^k in int64; false on overflow (or k beyond the table).
inline bool scale_up64(std::int64_t x, int k, std::int64_t& out) noexcept {
  return k < 19 && !__builtin_mul_overflow(x, static_cast<std::int64_t>(kPow10U64[static_cast<std::size_t>(k)]), &out);
}

// Number of decimal digits of m; 0 for 0.
inline int digit_count(UInt128 m) noexcept {
  return static_cast<int>(std::upper_bound(kPow10.begin(), kPow10.end(), m) - kPow10.begin());
}

// Removes trailing zeros of m while scale > 0. Zero gets scale 0.
inline void strip_trailing_zeros(UInt128& m, int& scale) noexcept {
  if (scale == 0) return;
  if (m == 0) {
    scale = 0;
    return;
  }
  if (m <= UINT64_MAX) {
    std::uint64_t x = static_cast<std::uint64_t>(m);
    while (scale > 0 && x % 10 == 0) {
      x /= 10;
      --scale;
    }
    m = x;
    return;
  }
  // m is divisible by 10^k only if by 2^k: the trailing zero bits bound the steps worth trying
  // (most quotients end in a non-zero digit, and then no 128-bit division is done at all).
  const auto zero_bits = [](UInt128 x) {
    const auto low = static_cast<std::uint64_t>(x);
    return low != 0 ? __builtin_ctzll(low) : 64 + __builtin_ctzll(static_cast<std::uint64_t>(x >> 64));
  };
  for (int step : {16, 8, 4, 2, 1}) {
    while (scale >= step && zero_bits(m) >= step && m % kPow10[step] == 0) {
      m /= kPow10[step];
      scale -= step;
    }
    if (m <= UINT64_MAX) {
      std::uint64_t x = static_cast<std::uint64_t>(m);
      while (scale > 0 && x % 10 == 0) {
        x /= 10;
        --scale;
      }
      m = x;
      return;
    }
  }
}

// Decides whether to increment a truncated magnitude. Called only when the discarded part is
// non-zero; [vs_half] compares the discarded part with one half of the last kept unit.
inline bool should_round_up(RoundingMode mode, int vs_half, bool odd) noexcept {
  switch (mode) {
    case RoundingMode::Down:
      return false;
    case RoundingMode::Up:
      return true;
    case RoundingMode::HalfUp:
      return vs_half >= 0;
    case RoundingMode::HalfEven:
      return vs_half > 0 || (vs_half == 0 && odd);
  }
  return false;
}

// Writes the decimal digits of m so that they end just before [end]; returns the first digit.
// Writes "0" for zero. Needs at most 39 characters.
inline char* write_digits(UInt128 m, char* end) noexcept {
  char* p = end;
  while (m > UINT64_MAX) {
    const UInt128 q = m / kPow10[19];
    std::uint64_t low = static_cast<std::uint64_t>(m - q * kPow10[19]);
    for (int i = 0; i < 19; ++i) {
      *--p = static_cast<char>('0' + low % 10);
      low /= 10;
    }
    m = q;
  }
  std::uint64_t x = static_cast<std::uint64_t>(m);
  do {
    *--p = static_cast<char>('0' + x % 10);
    x /= 10;
  } while (x != 0);
  return p;
}

// Formats ±mag × 10^(−scale) with exactly [frac_digits] (>= scale) fractional digits.
inline std::string format(bool negative, UInt128 mag, int scale, int frac_digits) {
  char buffer[40];
  char* const end = buffer + sizeof buffer;
  const char* first = write_digits(mag, end);
  const int count = static_cast<int>(end - first);
  std::string out;
  out.reserve(static_cast<std::size_t>(std::max(count, scale)) +
              static_cast<std::size_t>(frac_digits) + 4);
  if (negative && mag != 0) out.push_back('-');
  if (count > scale) {
    out.append(first, static_cast<std::size_t>(count - scale));
  } else {
    out.push_back('0');
  }
  if (frac_digits > 0) {
    out.push_back('.');
    if (scale > count) {
      out.append(static_cast<std::size_t>(scale - count), '0');
      out.append(first, static_cast<std::size_t>(count));
    } else {
      out.append(end - scale, static_cast<std::size_t>(scale));
    }
    out.append(static_cast<std::size_t>(frac_digits - scale), '0');
  }
  return out;
}

// Operand text for error messages; negative right operands are parenthesised.
inline std::string right_operand(const Decimal& d) {
  return d.sign() < 0 ? "(" + d.to_string() + ")" : d.to_string();
}

[[noreturn]] inline void throw_binary_overflow(const Decimal& a, const char* op, const Decimal& b,
                                        const char* what) {
  throw DecimalError(DecimalError::Kind::Overflow, "decimal overflow: " + a.to_string() + " " + op +
                                                       " " + right_operand(b) + " " + what);
}

// Text quoted for an error message, shortened if long.
inline std::string quoted(std::string_view text) {
  constexpr std::size_t kMax = 60;
  if (text.size() <= kMax) return "\"" + std::string(text) + "\"";
  return "\"" + std::string(text.substr(0, kMax - 3)) + "...\" (" + std::to_string(text.size()) +
         " characters)";
}


inline std::uint64_t mix64(std::uint64_t x) noexcept {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
}  // namespace decimal_detail
}  // namespace rubric
