// Decimal from and to text: parsing, printing, rounding-mode names. The arithmetic is in
// decimal.cpp; the internals both share in decimal_detail.hpp.
#include <algorithm>
#include <ostream>
#include <string>

#include "base/decimal.hpp"
#include "base/decimal_detail.hpp"

namespace rubric {

using namespace decimal_detail;

// ---------------------------------------------------------------------------------------------

std::string_view to_string(RoundingMode mode) noexcept {
  switch (mode) {
    case RoundingMode::HalfUp:
      return "half_up";
    case RoundingMode::HalfEven:
      return "half_even";
    case RoundingMode::Down:
      return "down";
    case RoundingMode::Up:
      return "up";
  }
  return "half_up";
}

std::optional<RoundingMode> rounding_mode_from_string(std::string_view text) noexcept {
  if (text == "half_up") return RoundingMode::HalfUp;
  if (text == "half_even") return RoundingMode::HalfEven;
  if (text == "down") return RoundingMode::Down;
  if (text == "up") return RoundingMode::Up;
  return std::nullopt;
}

DecimalError::DecimalError(Kind kind, std::string message)
    : std::runtime_error(std::move(message)), kind_(kind) {}

Decimal Decimal::from_int(std::int64_t value) noexcept { return Decimal(value, 0); }

Decimal Decimal::from_parts(Int128 coefficient, int scale) {
  UInt128 m = magnitude(coefficient);
  const bool negative = coefficient < 0;
  auto fail = [&](const char* why) -> Decimal {
    const char* sign = negative ? "-" : "";
    throw DecimalError(DecimalError::Kind::Overflow, "decimal overflow: coefficient " +
                                                         std::string(sign) +
                                                         format(false, m, 0, 0) + " with scale " +
                                                         std::to_string(scale) + " " + why);
  };
  if (m == 0) return Decimal();
  int s = scale;
  if (s < 0) {
    if (s < -kMaxDigits || m > kMulLimit[static_cast<std::size_t>(-s)]) {
      return fail("needs more than 38 digits");
    }
    m *= kPow10[static_cast<std::size_t>(-s)];
    s = 0;
  } else if (s > kMaxScale) {
    while (s > kMaxScale && m % 10 == 0) {
      m /= 10;
      --s;
    }
    if (s > kMaxScale) return fail("needs more than 24 fractional digits");
  }
  // 149220000000000000000000000000000000000 at scale 24 is 149220000000000: a coefficient too
  // wide only because of trailing fractional zeros is narrowed, not refused.
  while (m >= kCoefficientBound && s > 0 && m % 10 == 0) {
    m /= 10;
    --s;
  }
  if (m >= kCoefficientBound) return fail("needs more than 38 digits");
  return Decimal(with_sign(m, negative), s);
}

namespace {

// "-123.45", at most 18 digits and no exponent, the common case: the coefficient is the digits
// read as one integer and the scale is the number of fractional digits written, exactly what
// Decimal::parse's general path gives for such text. Nullopt for any other text.
inline std::optional<Decimal> parse_short(std::string_view text) noexcept {
  if (text.size() > 20) return std::nullopt;
  std::size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) ++i;
  std::uint64_t m = 0;
  int digits = 0;
  int frac = -1;  // fractional digits seen; -1 before the point
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (is_digit(c)) {
      m = m * 10 + static_cast<unsigned>(c - '0');
      ++digits;
      if (frac >= 0) ++frac;
    } else if (c == '.' && frac < 0) {
      frac = 0;
    } else {
      break;
    }
  }
  if (i == text.size() && digits > 0 && digits <= 18) {
    const auto value = static_cast<std::int64_t>(m);
    return DecimalAccess::make(negative ? -value : value, frac < 0 ? 0 : frac);
  }
  return std::nullopt;
}

// A number literal taken apart: its sign, the integer digits text[int_begin, int_end), the
// fractional digits text[frac_begin, frac_end) and the exponent.
struct Literal {
  bool negative = false;
  std::size_t int_begin = 0;
  std::size_t int_end = 0;
  std::size_t frac_begin = 0;
  std::size_t frac_end = 0;
  std::int64_t exponent = 0;
};

// [text] as `[+-]digits[.digits][(e|E)[+-]digits]` with at least one digit before the exponent;
// nullopt for anything else.
inline std::optional<Literal> scan_literal(std::string_view text) noexcept {
  Literal out;
  const std::size_t n = text.size();
  std::size_t i = 0;
  if (i < n && (text[i] == '+' || text[i] == '-')) {
    out.negative = text[i] == '-';
    ++i;
  }
  out.int_begin = i;
  while (i < n && is_digit(text[i])) ++i;
  out.int_end = i;
  out.frac_begin = i;
  out.frac_end = i;
  if (i < n && text[i] == '.') {
    ++i;
    out.frac_begin = i;
    while (i < n && is_digit(text[i])) ++i;
    out.frac_end = i;
  }
  if (out.int_begin == out.int_end && out.frac_begin == out.frac_end) return std::nullopt;
  // The exponent saturates near 10^18: far beyond any text length, so still exact in effect.
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) {
      exponent_negative = text[i] == '-';
      ++i;
    }
    const std::size_t exponent_begin = i;
    while (i < n && is_digit(text[i])) {
      if (out.exponent <= 100'000'000'000'000'000LL) out.exponent = out.exponent * 10 + (text[i] - '0');
      ++i;
    }
    if (i == exponent_begin) return std::nullopt;
    if (exponent_negative) out.exponent = -out.exponent;
  }
  if (i != n) return std::nullopt;
  return out;
}

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  if (const auto value = parse_short(text)) return value;
  const auto literal = scan_literal(text);
  if (!literal) return std::nullopt;
  const std::size_t int_begin = literal->int_begin;
  const std::size_t frac_begin = literal->frac_begin;

  // The mantissa digits, integer then fractional, as one sequence.
  const std::int64_t int_len = static_cast<std::int64_t>(literal->int_end - int_begin);
  const std::int64_t frac_len = static_cast<std::int64_t>(literal->frac_end - frac_begin);
  const std::int64_t total = int_len + frac_len;
  auto digit_at = [&](std::int64_t j) -> char {
    return j < int_len ? text[int_begin + static_cast<std::size_t>(j)]
                       : text[frac_begin + static_cast<std::size_t>(j - int_len)];
  };
  // value = D × 10^power, D being the whole digit sequence.
  const std::int64_t power = literal->exponent - frac_len;
  std::int64_t first = 0;
  while (first < total && digit_at(first) == '0') ++first;
  if (first == total) {  // zero; keep the written scale where it is meaningful
    return Decimal(0, static_cast<int>(std::clamp<std::int64_t>(-power, 0, kMaxScale)));
  }
  std::int64_t last = total - 1;
  while (digit_at(last) == '0') --last;
  const std::int64_t significant = last - first + 1;
  // Without its trailing zeros: value = D' × 10^reduced_power, D' of [significant] digits.
  const std::int64_t reduced_power = power + (total - 1 - last);
  if (significant > kMaxDigits) {
    throw DecimalError(DecimalError::Kind::Overflow, "decimal overflow: " + quoted(text) +
                                                         " has more than 38 significant digits");
  }
  if (-reduced_power > kMaxScale) {
    throw DecimalError(DecimalError::Kind::Overflow, "decimal overflow: " + quoted(text) +
                                                         " needs more than 24 fractional digits");
  }
  if (reduced_power > 0 && significant + reduced_power > kMaxDigits) {
    throw DecimalError(DecimalError::Kind::Overflow,
                       "decimal overflow: " + quoted(text) + " needs more than 38 digits");
  }
  // The written scale, limited to 24 fractional digits and 38 digits in all.
  const std::int64_t scale = std::min<std::int64_t>(
      {std::max<std::int64_t>(-power, 0), kMaxScale, kMaxDigits - significant - reduced_power});
  UInt128 m = 0;
  for (std::int64_t j = first; j <= last; ++j)
    m = m * 10 + static_cast<unsigned>(digit_at(j) - '0');
  m *= kPow10[static_cast<std::size_t>(reduced_power + scale)];
  return Decimal(with_sign(m, literal->negative), static_cast<int>(scale));
}

std::string Decimal::to_string() const {
  UInt128 m = magnitude(coefficient_);
  int s = scale_;
  strip_trailing_zeros(m, s);
  return format(coefficient_ < 0, m, s, s);
}

std::string Decimal::to_fixed(int digits) const {
  if (digits < 0) {
    throw std::invalid_argument("Decimal::to_fixed: digits must not be negative, got " +
                                std::to_string(digits));
  }
  const Decimal rounded = round(digits, RoundingMode::HalfUp);
  return format(rounded.coefficient_ < 0, magnitude(rounded.coefficient_), rounded.scale_, digits);
}

Decimal Decimal::operator-() const noexcept { return Decimal(-coefficient_, scale_); }

std::ostream& operator<<(std::ostream& out, const Decimal& d) { return out << d.to_string(); }

}  // namespace rubric
