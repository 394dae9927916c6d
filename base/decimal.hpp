// Exact decimal numbers for scores, money and percentages. No binary floating point is used
// anywhere: not in arithmetic, parsing or printing.
//
// A [Decimal] is coefficient × 10^(−scale), with a signed 128-bit coefficient of at most 38
// digits (|coefficient| < 10^38) and a scale of 0..24 fractional digits. The scale is kept as
// written ("1.50" has scale 2) but never matters for the value: 1.50 == 1.5, they hash alike and
// both print as "1.5" with to_string().
//
// Exactness rules:
//   - +, − and parse() are exact or throw DecimalError(Overflow).
//   - × is exact whenever the product needs at most 24 fractional digits and 38 digits in all.
//   - / is exact whenever the quotient terminates within 24 fractional digits.
//   - Otherwise × and / round half-even (banker's rounding) at the 24th fractional digit. This is
//     not an error; Decimal::divide() reports it. If the integer part is so large that 24
//     fractional digits do not fit in 38 digits (integer part above 14 digits), the result is
//     rounded half-even at the last fractional digit that fits. Only a result whose integer part
//     alone needs more than 38 digits throws DecimalError(Overflow).
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace rubric {

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

// How a value is rounded to fewer fractional digits.
//   HalfUp   四舍五入: ties away from zero (2.675 -> 2.68, -2.675 -> -2.68)
//   HalfEven banker's rounding: ties to the even digit (2.665 -> 2.66, 2.675 -> 2.68)
//   Down     toward zero, i.e. truncation (2.679 -> 2.67, -2.679 -> -2.67)
//   Up       away from zero (2.671 -> 2.68, -2.671 -> -2.68)
enum class RoundingMode { HalfUp, HalfEven, Down, Up };

// "half_up", "half_even", "down", "up": the spelling used in .rubric files.
std::string_view to_string(RoundingMode mode) noexcept;
// The inverse of to_string(RoundingMode); std::nullopt for any other text.
std::optional<RoundingMode> rounding_mode_from_string(std::string_view text) noexcept;

class DecimalError : public std::runtime_error {
 public:
  enum class Kind { Overflow, DivisionByZero, InvalidFormat };

  DecimalError(Kind kind, std::string message);
  Kind kind() const noexcept { return kind_; }

 private:
  Kind kind_;
};

namespace detail {
struct DecimalAccess;
}  // namespace detail

class Decimal {
 public:
  static constexpr int kMaxScale = 24;
  static constexpr int kMaxDigits = 38;

  constexpr Decimal() noexcept = default;  // zero

  static Decimal from_int(std::int64_t value) noexcept;
  // coefficient × 10^(−scale). A scale above kMaxScale, or a coefficient of more than 38 digits,
  // is reduced by dropping trailing zeros of the coefficient; a negative scale multiplies the
  // coefficient by 10^(−scale). Throws
  // DecimalError(Overflow) when the value needs more than 38 digits or, exactly, more than 24
  // fractional digits.
  static Decimal from_parts(Int128 coefficient, int scale);

  // Plain decimal text: optional sign ('+' or '-'), digits, optional '.', digits (at least one
  // digit in all), optional exponent ('e'/'E', optional sign, at least one digit). Examples: "12",
  // "-0.5", "1.50", ".5", "5.", "1e3", "2.5E-2". No whitespace, '%', hex, "inf" or "nan".
  // Returns std::nullopt for malformed text. Throws DecimalError(Overflow) for well-formed text
  // whose value cannot be held exactly: more than 38 significant digits, more than 24 fractional
  // digits after removing trailing zeros, or an exponent pushing it out of range. Runs in time
  // linear in the text length, whatever the exponent. The written scale is kept where possible
  // ("1.50" has scale 2); trailing fractional zeros beyond what fits are dropped.
  static std::optional<Decimal> parse(std::string_view text);

  // Canonical text: no exponent, no trailing fractional zeros, never "-0". 0.30 prints "0.3".
  std::string to_string() const;
  // Exactly [digits] fractional digits, rounding half-up when the value has more:
  // 9.9875 -> "9.99" for 2 digits; 2 -> "2.00". A value that rounds to zero prints without a
  // sign ("0.00"). Throws std::invalid_argument if digits < 0.
  std::string to_fixed(int digits) const;

  Decimal operator-() const noexcept;
  // Exact; throws DecimalError(Overflow) when the result needs more than 38 digits or 24
  // fractional digits.
  friend Decimal operator+(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a, const Decimal& b);
  // See the exactness rules at the top of this file. Throws DecimalError(Overflow) when the
  // integer part of the product needs more than 38 digits.
  friend Decimal operator*(const Decimal& a, const Decimal& b);
  // Throws DecimalError(DivisionByZero) when b is zero and DecimalError(Overflow) when the
  // integer part of the quotient needs more than 38 digits. See the exactness rules above.
  friend Decimal operator/(const Decimal& a, const Decimal& b);
  // Same as a / b; if [inexact] is not null, sets *inexact to whether the quotient was rounded.
  static Decimal divide(const Decimal& a, const Decimal& b, bool* inexact);

  Decimal& operator+=(const Decimal& other) { return *this = *this + other; }
  Decimal& operator-=(const Decimal& other) { return *this = *this - other; }
  Decimal& operator*=(const Decimal& other) { return *this = *this * other; }
  Decimal& operator/=(const Decimal& other) { return *this = *this / other; }

  // Exact comparison by value: 0.30 == 0.3.
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) noexcept;
  friend bool operator==(const Decimal& a, const Decimal& b) noexcept;

  // The value rounded to [digits] fractional digits (scale becomes [digits]). If the value has
  // at most [digits] fractional digits it is returned unchanged. Throws std::invalid_argument
  // if digits < 0.
  Decimal round(int digits, RoundingMode mode) const;
  Decimal floor(int digits = 0) const;  // toward −∞
  Decimal ceil(int digits = 0) const;   // toward +∞
  Decimal abs() const noexcept;
  int sign() const noexcept;  // -1, 0 or 1
  bool is_zero() const noexcept { return coefficient_ == 0; }
  bool is_integer() const noexcept;                       // by value: 2.00 is an integer
  std::optional<std::int64_t> to_int64() const noexcept;  // only if integral and in range
  Int128 coefficient() const noexcept { return coefficient_; }
  int scale() const noexcept { return scale_; }
  // The same value with trailing fractional zeros removed (smallest scale).
  Decimal normalized() const noexcept;

 private:
  friend struct detail::DecimalAccess;
  constexpr Decimal(Int128 coefficient, int scale) noexcept
      : coefficient_(coefficient), scale_(scale) {}

  Int128 coefficient_ = 0;
  std::int32_t scale_ = 0;
};

// Writes d.to_string().
std::ostream& operator<<(std::ostream& out, const Decimal& d);

}  // namespace rubric

// Consistent with ==: equal values of different scales hash alike.
template <>
struct std::hash<rubric::Decimal> {
  std::size_t operator()(const rubric::Decimal& d) const noexcept;
};
