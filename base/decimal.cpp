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
#include <utility>

#include "base/decimal_detail.hpp"

namespace rubric {

using namespace decimal_detail;

namespace {

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

// The long division behind a / b when dividend × 10^digits_wanted does not fit: [q], on entry the
// integer quotient dividend / divisor and [r] < divisor its remainder, takes up to
// [digits_wanted] more digits (fewer when the remainder runs out or q reaches 38 digits), several
// per step while r × 10^k fits, one at a time by repeated addition when the divisor is near the
// 128-bit limit. Returns how many digits it added. [e0] is b's scale less a's: while fewer than
// e0 digits are generated the quotient still lacks integer digits.
inline int long_divide(const Decimal& a, const Decimal& b, UInt128 divisor, int e0, int digits_wanted, UInt128& q,
                       UInt128& r) {
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
  return generated;
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
    const int generated = long_divide(a, b, divisor, e0, digits_wanted, q, r);
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

}  // namespace


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
