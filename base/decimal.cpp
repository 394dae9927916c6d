// Exact decimal arithmetic on a 128-bit coefficient. See decimal.hpp for the rules.
//
// Implementation notes:
//   - Fast paths use __builtin_*_overflow on the signed 128-bit coefficient and a constexpr
//     table of powers of ten; slow paths work on unsigned magnitudes.
//   - A product of two coefficients needs up to 254 bits: the slow multiplication path uses a
//     small four-limb integer (U256) and divides it by powers of ten with 64-bit limbs.
//   - Division computes the quotient in one 128-bit division when the scaled dividend fits,
//     otherwise by long division, several digits per step while remainder × 10^k fits, and one
//     digit at a time by repeated addition when the divisor is near the 128-bit limit.
//   - Nothing here allocates except the functions that return std::string (printing and error
//     messages).
#include "base/decimal.hpp"

#include <algorithm>
#include <array>
#include <ostream>
#include <utility>

namespace rubric {

namespace detail {
struct DecimalAccess {
  static constexpr Decimal make(Int128 coefficient, int scale) noexcept {
    return Decimal(coefficient, scale);
  }
};
}  // namespace detail

namespace {

using detail::DecimalAccess;

constexpr int kMaxScale = Decimal::kMaxScale;
constexpr int kMaxDigits = Decimal::kMaxDigits;

// 10^0 .. 10^38 (10^38 < 2^127, so every entry also fits in Int128).
constexpr std::array<UInt128, 39> kPow10 = [] {
  std::array<UInt128, 39> table{};
  UInt128 value = 1;
  for (std::size_t i = 0; i < table.size(); ++i) {
    table[i] = value;
    if (i + 1 < table.size()) value *= 10;
  }
  return table;
}();

constexpr std::array<Int128, 39> kPow10Signed = [] {
  std::array<Int128, 39> table{};
  for (std::size_t i = 0; i < table.size(); ++i) table[i] = static_cast<Int128>(kPow10[i]);
  return table;
}();

constexpr std::array<std::uint64_t, 20> kPow10U64 = [] {
  std::array<std::uint64_t, 20> table{};
  std::uint64_t value = 1;
  for (std::size_t i = 0; i < table.size(); ++i) {
    table[i] = value;
    if (i + 1 < table.size()) value *= 10;
  }
  return table;
}();

constexpr UInt128 kUInt128Max = ~static_cast<UInt128>(0);

// kMulLimit[k] is the largest m with m × 10^k <= UInt128 max.
constexpr std::array<UInt128, 39> kMulLimit = [] {
  std::array<UInt128, 39> table{};
  for (std::size_t i = 0; i < table.size(); ++i) table[i] = kUInt128Max / kPow10[i];
  return table;
}();

// Exclusive bound on the magnitude of a coefficient.
constexpr UInt128 kCoefficientBound = kPow10[kMaxDigits];

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

bool fits64(Int128 c) noexcept { return c >= INT64_MIN && c <= INT64_MAX; }

// x × 10^k in int64; false on overflow (or k beyond the table).
bool scale_up64(std::int64_t x, int k, std::int64_t& out) noexcept {
  return k < 19 && !__builtin_mul_overflow(x, static_cast<std::int64_t>(kPow10U64[static_cast<std::size_t>(k)]), &out);
}

// Number of decimal digits of m; 0 for 0.
int digit_count(UInt128 m) noexcept {
  return static_cast<int>(std::upper_bound(kPow10.begin(), kPow10.end(), m) - kPow10.begin());
}

// Removes trailing zeros of m while scale > 0. Zero gets scale 0.
void strip_trailing_zeros(UInt128& m, int& scale) noexcept {
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
bool should_round_up(RoundingMode mode, int vs_half, bool odd) noexcept {
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
char* write_digits(UInt128 m, char* end) noexcept {
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
std::string format(bool negative, UInt128 mag, int scale, int frac_digits) {
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
std::string right_operand(const Decimal& d) {
  return d.sign() < 0 ? "(" + d.to_string() + ")" : d.to_string();
}

[[noreturn]] void throw_binary_overflow(const Decimal& a, const char* op, const Decimal& b,
                                        const char* what) {
  throw DecimalError(DecimalError::Kind::Overflow, "decimal overflow: " + a.to_string() + " " + op +
                                                       " " + right_operand(b) + " " + what);
}

// Text quoted for an error message, shortened if long.
std::string quoted(std::string_view text) {
  constexpr std::size_t kMax = 60;
  if (text.size() <= kMax) return "\"" + std::string(text) + "\"";
  return "\"" + std::string(text.substr(0, kMax - 3)) + "...\" (" + std::to_string(text.size()) +
         " characters)";
}

// ---------------------------------------------------------------------------------------------
// 256-bit magnitudes for the slow multiplication path.

struct U256 {
  std::uint64_t limb[4];  // little endian
};

U256 multiply_wide(UInt128 a, UInt128 b) noexcept {
  const std::uint64_t a0 = static_cast<std::uint64_t>(a);
  const std::uint64_t a1 = static_cast<std::uint64_t>(a >> 64);
  const std::uint64_t b0 = static_cast<std::uint64_t>(b);
  const std::uint64_t b1 = static_cast<std::uint64_t>(b >> 64);
  const UInt128 p00 = static_cast<UInt128>(a0) * b0;
  const UInt128 p01 = static_cast<UInt128>(a0) * b1;
  const UInt128 p10 = static_cast<UInt128>(a1) * b0;
  const UInt128 p11 = static_cast<UInt128>(a1) * b1;
  const UInt128 middle =
      (p00 >> 64) + static_cast<std::uint64_t>(p01) + static_cast<std::uint64_t>(p10);
  const UInt128 high = (middle >> 64) + (p01 >> 64) + (p10 >> 64) + p11;
  return U256{{static_cast<std::uint64_t>(p00), static_cast<std::uint64_t>(middle),
               static_cast<std::uint64_t>(high), static_cast<std::uint64_t>(high >> 64)}};
}

// x /= divisor; returns the remainder. divisor > 0.
std::uint64_t divide_small(U256& x, std::uint64_t divisor) noexcept {
  UInt128 remainder = 0;
  for (int i = 3; i >= 0; --i) {
    const UInt128 current = (remainder << 64) | x.limb[i];
    x.limb[i] = static_cast<std::uint64_t>(current / divisor);
    remainder = current % divisor;
  }
  return static_cast<std::uint64_t>(remainder);
}

void increment(U256& x) noexcept {
  for (auto& limb : x.limb) {
    if (++limb != 0) return;
  }
}

// Divides x by 10^k, rounding the magnitude with [mode]. Returns whether anything non-zero was
// discarded.
bool shift_round(U256& x, int k, RoundingMode mode) noexcept {
  if (k <= 0) return false;
  bool sticky = false;
  for (int remaining = k - 1; remaining > 0;) {
    const int step = std::min(remaining, 19);
    sticky |= divide_small(x, kPow10U64[static_cast<std::size_t>(step)]) != 0;
    remaining -= step;
  }
  const std::uint64_t digit = divide_small(x, 10);
  if (digit == 0 && !sticky) return false;
  const int vs_half = digit > 5 ? 1 : digit < 5 ? -1 : (sticky ? 1 : 0);
  if (should_round_up(mode, vs_half, (x.limb[0] & 1) != 0)) increment(x);
  return true;
}

// ---------------------------------------------------------------------------------------------

Decimal add_slow(const Decimal& a, const Decimal& b, bool subtract) {
  // Work on normalised magnitudes: if aligning the operands still overflows, the result
  // has a non-zero last digit at that scale and cannot fit either.
  UInt128 ma = magnitude(a.coefficient());
  UInt128 mb = magnitude(b.coefficient());
  int sa = a.scale();
  int sb = b.scale();
  const bool na = a.sign() < 0;
  const bool nb = (b.sign() < 0) != subtract;
  strip_trailing_zeros(ma, sa);
  strip_trailing_zeros(mb, sb);
  const char* op = subtract ? "-" : "+";
  const char* what = "needs more than 38 digits";
  int scale = std::max(sa, sb);
  if (sa < scale) {
    const int k = scale - sa;
    if (ma > kMulLimit[static_cast<std::size_t>(k)]) throw_binary_overflow(a, op, b, what);
    ma *= kPow10[static_cast<std::size_t>(k)];
  } else if (sb < scale) {
    const int k = scale - sb;
    if (mb > kMulLimit[static_cast<std::size_t>(k)]) throw_binary_overflow(a, op, b, what);
    mb *= kPow10[static_cast<std::size_t>(k)];
  }
  UInt128 m;
  bool negative;
  if (na == nb) {
    if (__builtin_add_overflow(ma, mb, &m)) throw_binary_overflow(a, op, b, what);
    negative = na;
  } else if (ma >= mb) {
    m = ma - mb;
    negative = na;
  } else {
    m = mb - ma;
    negative = nb;
  }
  if (m >= kCoefficientBound) {
    strip_trailing_zeros(m, scale);
    if (m >= kCoefficientBound) throw_binary_overflow(a, op, b, what);
  }
  return DecimalAccess::make(with_sign(m, negative), scale);
}

inline Decimal add(const Decimal& a, const Decimal& b, bool subtract) {
  if (fits64(a.coefficient()) && fits64(b.coefficient())) {
    auto x = static_cast<std::int64_t>(a.coefficient());
    auto y = static_cast<std::int64_t>(b.coefficient());
    const int scale = std::max(a.scale(), b.scale());
    std::int64_t result;
    if (scale_up64(x, scale - a.scale(), x) && scale_up64(y, scale - b.scale(), y) &&
        !(subtract ? __builtin_sub_overflow(x, y, &result) : __builtin_add_overflow(x, y, &result))) {
      return DecimalAccess::make(result, scale);
    }
  }
  Int128 x = a.coefficient();
  Int128 y = subtract ? -b.coefficient() : b.coefficient();
  int scale = a.scale();
  bool overflow = false;
  if (a.scale() < b.scale()) {
    overflow = __builtin_mul_overflow(
        x, kPow10Signed[static_cast<std::size_t>(b.scale() - a.scale())], &x);
    scale = b.scale();
  } else if (b.scale() < a.scale()) {
    overflow = __builtin_mul_overflow(
        y, kPow10Signed[static_cast<std::size_t>(a.scale() - b.scale())], &y);
  }
  Int128 sum;
  if (!overflow && !__builtin_add_overflow(x, y, &sum) && magnitude(sum) < kCoefficientBound) {
    return DecimalAccess::make(sum, scale);
  }
  return add_slow(a, b, subtract);
}

Decimal multiply_slow(const Decimal& a, const Decimal& b) {
  const int scale = a.scale() + b.scale();
  if (a.is_zero() || b.is_zero()) return Decimal();
  const bool negative = (a.sign() < 0) != (b.sign() < 0);
  const U256 product = multiply_wide(magnitude(a.coefficient()), magnitude(b.coefficient()));
  // Keep as many fractional digits as fit, at most 24, rounding half-even from the exact
  // product each time (so a value is never rounded twice).
  for (int target = std::min(scale, kMaxScale); target >= 0; --target) {
    U256 q = product;
    shift_round(q, scale - target, RoundingMode::HalfEven);
    if (q.limb[2] != 0 || q.limb[3] != 0) continue;
    UInt128 m = (static_cast<UInt128>(q.limb[1]) << 64) | q.limb[0];
    if (m >= kCoefficientBound) continue;
    int result_scale = target;
    strip_trailing_zeros(m, result_scale);
    return DecimalAccess::make(with_sign(m, negative), result_scale);
  }
  throw_binary_overflow(a, "\xC3\x97", b, "needs more than 38 digits");  // ×
}

Decimal divide_impl(const Decimal& a, const Decimal& b, bool* inexact_out) {
  if (b.is_zero()) {
    throw DecimalError(DecimalError::Kind::DivisionByZero,
                       "division by zero: " + a.to_string() + " / " + b.to_string());
  }
  if (inexact_out != nullptr) *inexact_out = false;
  if (a.is_zero()) return Decimal();

  const bool negative = (a.sign() < 0) != (b.sign() < 0);
  const UInt128 dividend = magnitude(a.coefficient());
  const UInt128 divisor = magnitude(b.coefficient());
  // value = dividend × 10^e0 / divisor; the quotient at scale 24 is
  // dividend × 10^(e0 + 24) / divisor.
  const int e0 = b.scale() - a.scale();      // −24 .. 24
  const int digits_wanted = e0 + kMaxScale;  // 0 .. 48

  UInt128 q = 0;
  UInt128 r = 0;
  int scale = 0;
  bool done = false;
  if (digits_wanted <= kMaxDigits &&
      dividend <= kMulLimit[static_cast<std::size_t>(digits_wanted)]) {
    // One division.
    const UInt128 n = dividend * kPow10[static_cast<std::size_t>(digits_wanted)];
    q = n / divisor;
    r = n - q * divisor;
    if (q < kCoefficientBound) {
      scale = kMaxScale;
      done = true;
    }
  }
  if (!done) {
    // Long division: q holds the quotient with [generated] digits after the integer quotient
    // dividend / divisor; r < divisor is the remainder.
    q = dividend / divisor;
    r = dividend - q * divisor;
    int generated = 0;
    int q_digits = digit_count(q);
    while (generated < digits_wanted) {
      if (r == 0) {
        if (generated < e0) {  // exact, but integer digits are still missing: append zeros
          const int zeros = e0 - generated;
          if (q_digits + zeros > kMaxDigits) {
            throw_binary_overflow(a, "/", b, "needs more than 38 digits");
          }
          q *= kPow10[static_cast<std::size_t>(zeros)];
          generated = e0;
        }
        break;
      }
      const int room = kMaxDigits - q_digits;
      if (room <= 0) break;
      int k = std::min(digits_wanted - generated, room);
      while (k > 0 && r > kMulLimit[static_cast<std::size_t>(k)]) --k;
      if (k > 0) {
        // r × 10^k fits; the chunk is below 10^k and q × 10^k + chunk < 10^38.
        const UInt128 n = r * kPow10[static_cast<std::size_t>(k)];
        const UInt128 chunk = n / divisor;
        r = n - chunk * divisor;
        q = q * kPow10[static_cast<std::size_t>(k)] + chunk;
      } else {
        // divisor > r > UInt128 max / 10: find 10r = digit × divisor + remainder by adding r
        // ten times modulo the divisor (x + r < 2 × divisor < 2^128).
        k = 1;
        unsigned digit = 0;
        UInt128 x = 0;
        for (int i = 0; i < 10; ++i) {
          x += r;
          if (x >= divisor) {
            x -= divisor;
            ++digit;
          }
        }
        r = x;
        q = q * 10 + digit;
      }
      generated += k;
      q_digits = digit_count(q);
    }
    scale = generated - e0;
    if (scale < 0) throw_binary_overflow(a, "/", b, "needs more than 38 digits");
  }

  if (r != 0) {
    if (inexact_out != nullptr) *inexact_out = true;
    const UInt128 twice = r * 2;  // r < divisor < 10^38: no overflow
    const int vs_half = twice < divisor ? -1 : twice > divisor ? 1 : 0;
    if (should_round_up(RoundingMode::HalfEven, vs_half, (q & 1) != 0)) {
      ++q;
      // Defensive: a quotient of integers below 10^38 cannot lie within half a unit of the
      // 38th digit below a power of ten, so this carry does not happen in practice.
      if (q == kCoefficientBound) {
        if (scale == 0) throw_binary_overflow(a, "/", b, "needs more than 38 digits");
        q = kPow10[kMaxDigits - 1];
        --scale;
      }
    }
  }
  strip_trailing_zeros(q, scale);
  return DecimalAccess::make(with_sign(q, negative), scale);
}

std::uint64_t mix64(std::uint64_t x) noexcept {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

}  // namespace

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

std::optional<Decimal> Decimal::parse(std::string_view text) {
  // The common case, "-123.45" with at most 18 digits and no exponent: the coefficient is the
  // digits read as one integer and the scale is the number of fractional digits written, exactly
  // what the general path below gives for such text.
  if (text.size() <= 20) {
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
      return Decimal(negative ? -value : value, frac < 0 ? 0 : frac);
    }
  }
  const std::size_t n = text.size();
  std::size_t i = 0;
  bool negative = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }
  const std::size_t int_begin = i;
  while (i < n && is_digit(text[i])) ++i;
  const std::size_t int_end = i;
  std::size_t frac_begin = i;
  std::size_t frac_end = i;
  if (i < n && text[i] == '.') {
    ++i;
    frac_begin = i;
    while (i < n && is_digit(text[i])) ++i;
    frac_end = i;
  }
  if (int_begin == int_end && frac_begin == frac_end) return std::nullopt;
  // The exponent saturates near 10^18: far beyond any text length, so still exact in effect.
  std::int64_t exponent = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) {
      exponent_negative = text[i] == '-';
      ++i;
    }
    const std::size_t exponent_begin = i;
    while (i < n && is_digit(text[i])) {
      if (exponent <= 100'000'000'000'000'000LL) exponent = exponent * 10 + (text[i] - '0');
      ++i;
    }
    if (i == exponent_begin) return std::nullopt;
    if (exponent_negative) exponent = -exponent;
  }
  if (i != n) return std::nullopt;

  // The mantissa digits, integer then fractional, as one sequence.
  const std::int64_t int_len = static_cast<std::int64_t>(int_end - int_begin);
  const std::int64_t frac_len = static_cast<std::int64_t>(frac_end - frac_begin);
  const std::int64_t total = int_len + frac_len;
  auto digit_at = [&](std::int64_t j) -> char {
    return j < int_len ? text[int_begin + static_cast<std::size_t>(j)]
                       : text[frac_begin + static_cast<std::size_t>(j - int_len)];
  };
  // value = D × 10^power, D being the whole digit sequence.
  const std::int64_t power = exponent - frac_len;
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
  return Decimal(with_sign(m, negative), static_cast<int>(scale));
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

Decimal operator+(const Decimal& a, const Decimal& b) { return add(a, b, false); }

Decimal operator-(const Decimal& a, const Decimal& b) { return add(a, b, true); }

Decimal operator*(const Decimal& a, const Decimal& b) {
  const int scale = a.scale_ + b.scale_;
  if (scale <= kMaxScale && fits64(a.coefficient_) && fits64(b.coefficient_)) {
    std::int64_t product64;
    if (!__builtin_mul_overflow(static_cast<std::int64_t>(a.coefficient_), static_cast<std::int64_t>(b.coefficient_),
                                &product64)) {
      return Decimal(product64, scale);
    }
  }
  Int128 product;
  if (scale <= kMaxScale && !__builtin_mul_overflow(a.coefficient_, b.coefficient_, &product) &&
      magnitude(product) < kCoefficientBound) {
    return Decimal(product, scale);
  }
  return multiply_slow(a, b);
}

Decimal operator/(const Decimal& a, const Decimal& b) { return divide_impl(a, b, nullptr); }

Decimal Decimal::divide(const Decimal& a, const Decimal& b, bool* inexact) {
  return divide_impl(a, b, inexact);
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) noexcept {
  if (a.scale_ == b.scale_) return a.coefficient_ <=> b.coefficient_;
  if (fits64(a.coefficient_) && fits64(b.coefficient_)) {
    auto x = static_cast<std::int64_t>(a.coefficient_);
    auto y = static_cast<std::int64_t>(b.coefficient_);
    const int scale = std::max(a.scale_, b.scale_);
    if (scale_up64(x, scale - a.scale_, x) && scale_up64(y, scale - b.scale_, y)) return x <=> y;
  }
  const int sa = a.sign();
  const int sb = b.sign();
  if (sa != sb) return sa <=> sb;
  if (sa == 0) return std::strong_ordering::equal;
  Int128 aligned;
  if (a.scale_ < b.scale_) {
    if (__builtin_mul_overflow(a.coefficient_,
                               kPow10Signed[static_cast<std::size_t>(b.scale_ - a.scale_)],
                               &aligned)) {
      // |a| × 10^k exceeds the Int128 range, so |a| > |b|.
      return sa > 0 ? std::strong_ordering::greater : std::strong_ordering::less;
    }
    return aligned <=> b.coefficient_;
  }
  if (__builtin_mul_overflow(
          b.coefficient_, kPow10Signed[static_cast<std::size_t>(a.scale_ - b.scale_)], &aligned)) {
    return sb > 0 ? std::strong_ordering::less : std::strong_ordering::greater;
  }
  return a.coefficient_ <=> aligned;
}

bool operator==(const Decimal& a, const Decimal& b) noexcept {
  if (a.scale_ == b.scale_) return a.coefficient_ == b.coefficient_;
  return (a <=> b) == 0;
}

Decimal Decimal::round(int digits, RoundingMode mode) const {
  if (digits < 0) {
    throw std::invalid_argument("Decimal::round: digits must not be negative, got " +
                                std::to_string(digits));
  }
  if (digits >= scale_) return *this;
  const UInt128 divisor = kPow10[static_cast<std::size_t>(scale_ - digits)];
  const UInt128 m = magnitude(coefficient_);
  UInt128 q = m / divisor;
  const UInt128 r = m - q * divisor;
  if (r != 0) {
    const UInt128 half = divisor / 2;  // divisor >= 10 is even
    const int vs_half = r < half ? -1 : r > half ? 1 : 0;
    if (should_round_up(mode, vs_half, (q & 1) != 0)) ++q;  // q < 10^37: cannot overflow
  }
  return Decimal(with_sign(q, coefficient_ < 0), digits);
}

Decimal Decimal::floor(int digits) const {
  return round(digits, coefficient_ < 0 ? RoundingMode::Up : RoundingMode::Down);
}

Decimal Decimal::ceil(int digits) const {
  return round(digits, coefficient_ < 0 ? RoundingMode::Down : RoundingMode::Up);
}

Decimal Decimal::abs() const noexcept {
  return coefficient_ < 0 ? Decimal(-coefficient_, scale_) : *this;
}

int Decimal::sign() const noexcept { return coefficient_ < 0 ? -1 : coefficient_ > 0 ? 1 : 0; }

bool Decimal::is_integer() const noexcept {
  return scale_ == 0 || coefficient_ % kPow10Signed[static_cast<std::size_t>(scale_)] == 0;
}

std::optional<std::int64_t> Decimal::to_int64() const noexcept {
  if (!is_integer()) return std::nullopt;
  const Int128 value = coefficient_ / kPow10Signed[static_cast<std::size_t>(scale_)];
  if (value < INT64_MIN || value > INT64_MAX) return std::nullopt;
  return static_cast<std::int64_t>(value);
}

Decimal Decimal::normalized() const noexcept {
  UInt128 m = magnitude(coefficient_);
  int s = scale_;
  strip_trailing_zeros(m, s);
  return Decimal(with_sign(m, coefficient_ < 0), s);
}

std::ostream& operator<<(std::ostream& out, const Decimal& d) { return out << d.to_string(); }

}  // namespace rubric

std::size_t std::hash<rubric::Decimal>::operator()(const rubric::Decimal& d) const noexcept {
  const rubric::Decimal n = d.normalized();
  const auto bits = static_cast<rubric::UInt128>(n.coefficient());
  const std::uint64_t low = static_cast<std::uint64_t>(bits);
  const std::uint64_t high = static_cast<std::uint64_t>(bits >> 64);
  return static_cast<std::size_t>(rubric::mix64(
      low ^
      rubric::mix64(high + 0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(n.scale() + 1))));
}
