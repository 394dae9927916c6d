// Tests of rubric::Decimal: exact arithmetic, rounding, parsing, printing and a randomized
// comparison against reference integer arithmetic. No floating point is used anywhere here.
#include "base/decimal.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

namespace rubric {
namespace {

// Parses test literals; a malformed literal fails the test through the exception.
Decimal dec(std::string_view text) {
  const std::optional<Decimal> d = Decimal::parse(text);
  if (!d) throw std::runtime_error("bad test literal: " + std::string(text));
  return *d;
}

template <typename F>
DecimalError::Kind error_kind(F&& f) {
  try {
    f();
  } catch (const DecimalError& e) {
    return e.kind();
  }
  ADD_FAILURE() << "expected a DecimalError";
  return DecimalError::Kind::InvalidFormat;
}

template <typename F>
std::string error_message(F&& f) {
  try {
    f();
  } catch (const DecimalError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a DecimalError";
  return "";
}

// ---------------------------------------------------------------------------------------------
// Reference helpers, deliberately written independently of decimal.cpp.

Int128 pow10(int k) {
  Int128 v = 1;
  for (int i = 0; i < k; ++i) v *= 10;
  return v;
}

// Canonical text of coefficient × 10^(−scale): no trailing fractional zeros, no "-0".
std::string ref_format(Int128 coefficient, int scale) {
  const bool negative = coefficient < 0;
  Int128 m = negative ? -coefficient : coefficient;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  } while (m != 0);
  if (static_cast<int>(digits.size()) <= scale) {
    digits.insert(0, static_cast<std::size_t>(scale) + 1 - digits.size(), '0');
  }
  std::string int_part = digits.substr(0, digits.size() - static_cast<std::size_t>(scale));
  std::string frac_part = digits.substr(digits.size() - static_cast<std::size_t>(scale));
  while (!frac_part.empty() && frac_part.back() == '0') frac_part.pop_back();
  std::string out = (negative && coefficient != 0) ? "-" : "";
  out += int_part;
  if (!frac_part.empty()) out += "." + frac_part;
  return out;
}

// |m| / 10^k rounded half-even, sign kept.
Int128 ref_round_half_even(Int128 value, int k) {
  const bool negative = value < 0;
  const Int128 m = negative ? -value : value;
  const Int128 d = pow10(k);
  Int128 q = m / d;
  const Int128 r = m % d;
  if (2 * r > d || (2 * r == d && q % 2 == 1)) ++q;
  return negative ? -q : q;
}

int ref_digits(Int128 m) {
  int n = 0;
  while (m != 0) {
    m /= 10;
    ++n;
  }
  return n;
}

// A non-negative integer of any size as little-endian decimal digits (no leading zeros; empty
// for zero). Slow and simple on purpose: the reference for wide multiplication and division.
struct BigNat {
  std::vector<int> digits;

  static BigNat of(Int128 value) {
    BigNat n;
    for (Int128 m = value < 0 ? -value : value; m != 0; m /= 10) {
      n.digits.push_back(static_cast<int>(m % 10));
    }
    return n;
  }
  bool is_zero() const { return digits.empty(); }
  int size() const { return static_cast<int>(digits.size()); }
  void trim() {
    while (!digits.empty() && digits.back() == 0) digits.pop_back();
  }
  BigNat shifted(int k) const {  // × 10^k
    BigNat n = *this;
    if (!n.is_zero()) n.digits.insert(n.digits.begin(), static_cast<std::size_t>(k), 0);
    return n;
  }
  friend int compare(const BigNat& a, const BigNat& b) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    for (int i = a.size() - 1; i >= 0; --i) {
      if (a.digits[static_cast<std::size_t>(i)] != b.digits[static_cast<std::size_t>(i)]) {
        return a.digits[static_cast<std::size_t>(i)] < b.digits[static_cast<std::size_t>(i)] ? -1
                                                                                             : 1;
      }
    }
    return 0;
  }
  void subtract(const BigNat& b) {  // *this >= b
    int borrow = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      int v = digits[i] - borrow - (i < b.digits.size() ? b.digits[i] : 0);
      borrow = v < 0 ? 1 : 0;
      digits[i] = v + 10 * borrow;
    }
    trim();
  }
  void add_small(int v) {
    for (std::size_t i = 0; v != 0; ++i) {
      if (i == digits.size()) digits.push_back(0);
      v += digits[i];
      digits[i] = v % 10;
      v /= 10;
    }
  }
  friend BigNat multiply(const BigNat& a, const BigNat& b) {
    BigNat n;
    n.digits.assign(a.digits.size() + b.digits.size() + 1, 0);
    for (std::size_t i = 0; i < a.digits.size(); ++i) {
      int carry = 0;
      for (std::size_t j = 0; j < b.digits.size() || carry != 0; ++j) {
        int v = n.digits[i + j] + carry + (j < b.digits.size() ? a.digits[i] * b.digits[j] : 0);
        n.digits[i + j] = v % 10;
        carry = v / 10;
      }
    }
    n.trim();
    return n;
  }
  bool is_odd() const { return !digits.empty() && digits[0] % 2 == 1; }
  // The value × 10^(−scale) as canonical text.
  std::string format(bool negative, int scale) const {
    std::string text;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) text += static_cast<char>('0' + *it);
    if (static_cast<int>(text.size()) <= scale) {
      text.insert(0, static_cast<std::size_t>(scale) + 1 - text.size(), '0');
    }
    std::string int_part = text.substr(0, text.size() - static_cast<std::size_t>(scale));
    std::string frac_part = text.substr(text.size() - static_cast<std::size_t>(scale));
    while (!frac_part.empty() && frac_part.back() == '0') frac_part.pop_back();
    std::string out = negative && !is_zero() ? "-" : "";
    out += int_part;
    if (!frac_part.empty()) out += "." + frac_part;
    return out;
  }
};

// Reference for a op b on wide operands: the canonical text, or "overflow". [value] is the
// exact numerator over [denominator] (1 for products), at scale [scale]: the result keeps
// min(24, what fits in 38 digits) fractional digits, rounded half-even.
std::string ref_round_quotient(const BigNat& numerator, const BigNat& denominator, int scale,
                               bool negative, bool* inexact) {
  // Integer quotient at the given scale, digit by digit; then more digits as they fit.
  BigNat q;
  BigNat r;
  for (int i = numerator.size() - 1; i >= 0; --i) {
    r = r.shifted(1);
    r.add_small(numerator.digits[static_cast<std::size_t>(i)]);
    int digit = 0;
    while (compare(r, denominator) >= 0) {
      r.subtract(denominator);
      ++digit;
    }
    q = q.shifted(1);
    q.add_small(digit);
  }
  // q is value × 10^scale truncated. Drop or add digits to reach the target scale.
  const int integer_digits = std::max(0, q.size() - scale);
  const int target = std::min(Decimal::kMaxScale, 38 - integer_digits);
  if (target < 0) return "overflow";
  // Round from the exact fraction q/10^scale + r/(denominator × 10^scale).
  BigNat kept = q;
  int cmp_half = 0;
  bool rest_nonzero = !r.is_zero();
  if (target < scale) {
    const int drop = scale - target;
    // Split q into kept and dropped digits.
    std::vector<int> dropped(q.digits.begin(), q.digits.begin() + std::min(drop, q.size()));
    kept.digits.erase(kept.digits.begin(), kept.digits.begin() + std::min(drop, q.size()));
    dropped.resize(static_cast<std::size_t>(drop), 0);
    // Compare dropped digits (+ remainder) with one half: 5 followed by zeros.
    const int first = dropped.back();
    bool below_nonzero = rest_nonzero;
    for (int i = 0; i + 1 < drop; ++i) below_nonzero |= dropped[static_cast<std::size_t>(i)] != 0;
    cmp_half = first > 5 ? 1 : first < 5 ? -1 : (below_nonzero ? 1 : 0);
    rest_nonzero = first != 0 || below_nonzero;
  } else {
    // Generate further digits up to the target scale.
    for (int i = scale; i < target; ++i) {
      r = r.shifted(1);
      int digit = 0;
      while (compare(r, denominator) >= 0) {
        r.subtract(denominator);
        ++digit;
      }
      kept = kept.shifted(1);
      kept.add_small(digit);
    }
    rest_nonzero = !r.is_zero();
    cmp_half = compare(multiply(r, BigNat::of(2)), denominator);
  }
  if (inexact != nullptr) *inexact = rest_nonzero;
  int result_scale = target;
  if (rest_nonzero && (cmp_half > 0 || (cmp_half == 0 && kept.is_odd()))) {
    kept.add_small(1);
    if (kept.size() > 38) {
      if (result_scale == 0) return "overflow";
      kept.digits.erase(kept.digits.begin());
      --result_scale;
    }
  }
  return kept.format(negative, result_scale);
}

// An Int128 of up to [max_digits] random decimal digits, random sign.
Int128 random_wide(std::mt19937_64& rng, int max_digits) {
  const int digits = static_cast<int>(rng() % static_cast<std::uint64_t>(max_digits + 1));
  Int128 value = 0;
  for (int i = 0; i < digits; ++i) {
    // Favour runs of 0 and 9 to reach carries and ties.
    const std::uint64_t pick = rng() % 16;
    const int digit = pick < 3 ? 0 : pick < 6 ? 9 : static_cast<int>(rng() % 10);
    value = value * 10 + digit;
  }
  return (rng() & 1) != 0 ? -value : value;
}

// ---------------------------------------------------------------------------------------------

TEST(DecimalTest, PointOnePlusPointTwoIsExactlyPointThree) {
  const Decimal sum = dec("0.1") + dec("0.2");
  EXPECT_EQ(sum, dec("0.3"));
  EXPECT_EQ(sum.to_string(), "0.3");
  EXPECT_EQ(sum.coefficient(), 3);
  EXPECT_EQ(sum.scale(), 1);
  EXPECT_NE(sum, dec("0.30000000000000004"));
}

TEST(DecimalTest, RoundingModesAtTies) {
  const Decimal x = dec("2.675");
  EXPECT_EQ(x.round(2, RoundingMode::HalfUp).to_string(), "2.68");
  EXPECT_EQ(x.round(2, RoundingMode::HalfEven).to_string(), "2.68");
  EXPECT_EQ(x.round(2, RoundingMode::Down).to_string(), "2.67");
  EXPECT_EQ(x.round(2, RoundingMode::Up).to_string(), "2.68");
  EXPECT_EQ(dec("2.665").round(2, RoundingMode::HalfEven).to_string(), "2.66");
  EXPECT_EQ(dec("2.665").round(2, RoundingMode::HalfUp).to_string(), "2.67");
  EXPECT_EQ(dec("2.6651").round(2, RoundingMode::HalfEven).to_string(), "2.67");
  EXPECT_EQ(dec("2.671").round(2, RoundingMode::Up).to_string(), "2.68");
  EXPECT_EQ(dec("2.679").round(2, RoundingMode::Down).to_string(), "2.67");
  EXPECT_EQ(dec("2.674999").round(2, RoundingMode::HalfUp).to_string(), "2.67");
  EXPECT_EQ(dec("0.5").round(0, RoundingMode::HalfEven).to_string(), "0");
  EXPECT_EQ(dec("1.5").round(0, RoundingMode::HalfEven).to_string(), "2");
  EXPECT_EQ(dec("2.5").round(0, RoundingMode::HalfEven).to_string(), "2");
  EXPECT_EQ(dec("2.5").round(0, RoundingMode::HalfUp).to_string(), "3");
  // The result has the requested scale.
  EXPECT_EQ(x.round(2, RoundingMode::HalfUp).scale(), 2);
  EXPECT_EQ(dec("9.995").round(2, RoundingMode::HalfUp).to_string(), "10");
  EXPECT_EQ(dec("9.995").round(2, RoundingMode::HalfUp).to_fixed(2), "10.00");
}

TEST(DecimalTest, RoundingNegatives) {
  const Decimal x = dec("-2.675");
  EXPECT_EQ(x.round(2, RoundingMode::HalfUp).to_string(), "-2.68");
  EXPECT_EQ(x.round(2, RoundingMode::HalfEven).to_string(), "-2.68");
  EXPECT_EQ(x.round(2, RoundingMode::Down).to_string(), "-2.67");
  EXPECT_EQ(x.round(2, RoundingMode::Up).to_string(), "-2.68");
  EXPECT_EQ(dec("-2.665").round(2, RoundingMode::HalfEven).to_string(), "-2.66");
  EXPECT_EQ(dec("-0.004").round(2, RoundingMode::HalfUp).to_string(), "0");
  EXPECT_EQ(dec("-0.005").round(2, RoundingMode::HalfUp).to_string(), "-0.01");
}

TEST(DecimalTest, RoundWithMoreDigitsThanScaleKeepsValue) {
  const Decimal x = dec("1.25");
  EXPECT_EQ(x.round(5, RoundingMode::HalfUp), x);
  EXPECT_EQ(x.round(2, RoundingMode::Up).scale(), 2);
  EXPECT_EQ(x.round(100, RoundingMode::Down), x);
  EXPECT_THROW((void)x.round(-1, RoundingMode::HalfUp), std::invalid_argument);
}

TEST(DecimalTest, FloorAndCeil) {
  EXPECT_EQ(dec("-2.5").floor().to_string(), "-3");
  EXPECT_EQ(dec("-2.5").ceil().to_string(), "-2");
  EXPECT_EQ(dec("2.5").floor().to_string(), "2");
  EXPECT_EQ(dec("2.5").ceil().to_string(), "3");
  EXPECT_EQ(dec("-2").floor().to_string(), "-2");
  EXPECT_EQ(dec("-2.000").ceil().to_string(), "-2");
  EXPECT_EQ(dec("-0.001").ceil().to_string(), "0");
  EXPECT_EQ(dec("-0.001").floor().to_string(), "-1");
  EXPECT_EQ(dec("-1.234").floor(2).to_string(), "-1.24");
  EXPECT_EQ(dec("-1.234").ceil(2).to_string(), "-1.23");
  EXPECT_EQ(dec("1.231").ceil(2).to_string(), "1.24");
  EXPECT_EQ(dec("1.239").floor(2).to_string(), "1.23");
}

TEST(DecimalTest, LargeMoneyStaysExact) {
  const Decimal money = dec("999999999999999.999999");
  EXPECT_EQ((money + money).to_string(), "1999999999999999.999998");
  EXPECT_EQ((money - money).to_string(), "0");
  EXPECT_EQ((money + money - money), money);
  EXPECT_EQ((money - dec("0.000001")).to_string(), "999999999999999.999998");
  EXPECT_EQ((money * dec("1")).to_string(), "999999999999999.999999");
  EXPECT_EQ(money * dec("1"), money);
  EXPECT_EQ((money * dec("0.5")).to_string(), "499999999999999.9999995");
  EXPECT_EQ((money * dec("0.5")) * dec("2"), money);
  EXPECT_EQ((money / dec("2")).to_string(), "499999999999999.9999995");
  // (10^15 − 10^−6)^2 = 999999999999999999998000000000.000000000001, rounded to 38 digits.
  EXPECT_EQ((money * money).to_string(), "999999999999999999998000000000");
}

TEST(DecimalTest, OverflowThrowsInsteadOfWrapping) {
  const Decimal big = dec("100000000000000000000");  // 10^20
  EXPECT_EQ(error_kind([&] { (void)(big * big); }), DecimalError::Kind::Overflow);
  EXPECT_EQ(error_message([&] { (void)(big * big); }),
            "decimal overflow: 100000000000000000000 \xC3\x97 100000000000000000000 needs more "
            "than 38 digits");
  const Decimal max = dec("99999999999999999999999999999999999999");
  EXPECT_EQ(error_kind([&] { (void)(max + dec("1")); }), DecimalError::Kind::Overflow);
  EXPECT_EQ(error_kind([&] { (void)(-max - dec("1")); }), DecimalError::Kind::Overflow);
  EXPECT_EQ(error_kind([&] { (void)(max + dec("0.1")); }), DecimalError::Kind::Overflow);
  EXPECT_EQ(error_kind([&] { (void)(max * dec("1.1")); }), DecimalError::Kind::Overflow);
  EXPECT_EQ(error_kind([&] { (void)(max / dec("0.1")); }), DecimalError::Kind::Overflow);
  EXPECT_EQ(error_kind([&] { (void)(dec("1e37") / dec("1e-24")); }), DecimalError::Kind::Overflow);
  EXPECT_EQ(error_kind([&] { (void)(max + max); }), DecimalError::Kind::Overflow);
  EXPECT_EQ(max + dec("0"), max);
  EXPECT_EQ(max * dec("1.0"), max);
  EXPECT_EQ(max / dec("1.000"), max);
  // Adding a fraction to a 24-decimal value that already has 38 digits.
  EXPECT_EQ(error_kind([&] { (void)(dec("99999999999999.999999999999999999999999") + dec("1")); }),
            DecimalError::Kind::Overflow);
}

TEST(DecimalTest, AdditionNearTheLimitIsExact) {
  // 37 nines and .5 plus .5: the sum needs scale 0 to fit.
  EXPECT_EQ((dec("9999999999999999999999999999999999999.5") + dec("0.5")).to_string(),
            "10000000000000000000000000000000000000");
  // Aligning the minuend overflows 128 bits, but the difference fits.
  EXPECT_EQ((dec("180000000000000") - dec("99000000000000.000000000000000000000001")).to_string(),
            "80999999999999.999999999999999999999999");
  EXPECT_EQ((dec("1e37") + dec("0.0")).to_string(), "10000000000000000000000000000000000000");
  EXPECT_EQ((dec("1e37") - dec("1e37")).to_string(), "0");
}

TEST(DecimalTest, DivisionByZeroThrows) {
  EXPECT_EQ(error_kind([] { (void)(dec("5") / dec("0")); }), DecimalError::Kind::DivisionByZero);
  EXPECT_EQ(error_kind([] { (void)(dec("0") / dec("0.00")); }), DecimalError::Kind::DivisionByZero);
  EXPECT_EQ(error_message([] { (void)(dec("5") / dec("0")); }), "division by zero: 5 / 0");
  bool inexact = true;
  EXPECT_EQ(error_kind([&] { (void)Decimal::divide(dec("1"), Decimal(), &inexact); }),
            DecimalError::Kind::DivisionByZero);
}

TEST(DecimalTest, DivisionRoundsAtTwentyFourDigits) {
  bool inexact = false;
  const Decimal third = Decimal::divide(dec("1"), dec("3"), &inexact);
  EXPECT_TRUE(inexact);
  EXPECT_EQ(third.to_string(), "0.333333333333333333333333");
  EXPECT_EQ(third.scale(), 24);
  EXPECT_EQ((dec("2") / dec("3")).to_string(), "0.666666666666666666666667");
  EXPECT_EQ((dec("-2") / dec("3")).to_string(), "-0.666666666666666666666667");
  EXPECT_EQ((dec("-1") / dec("3")).to_string(), "-0.333333333333333333333333");

  const Decimal eighth = Decimal::divide(dec("1"), dec("8"), &inexact);
  EXPECT_FALSE(inexact);
  EXPECT_EQ(eighth.to_string(), "0.125");
  EXPECT_EQ(eighth, dec("0.125"));

  // Half-even at the 24th digit.
  EXPECT_EQ((dec("0.000000000000000000000005") / dec("2")).to_string(),
            "0.000000000000000000000002");
  EXPECT_EQ((dec("0.000000000000000000000015") / dec("2")).to_string(),
            "0.000000000000000000000008");
  EXPECT_EQ((dec("0.01") / dec("4")).to_string(), "0.0025");
  EXPECT_EQ((dec("1") / dec("0.5")).to_string(), "2");
  EXPECT_EQ((dec("10.0") / dec("2")).to_string(), "5");
  EXPECT_EQ((dec("-7.5") / dec("-2.5")).to_string(), "3");
  EXPECT_EQ((dec("123") / dec("0.001")).to_string(), "123000");
  // 10^38 does not fit.
  EXPECT_EQ(error_kind([] { (void)(dec("1e14") / dec("0.000000000000000000000001")); }),
            DecimalError::Kind::Overflow);
}

TEST(DecimalTest, DivisionWithLargeOperands) {
  bool inexact = true;
  // Divisor near the 128-bit limit: digit-by-digit long division.
  EXPECT_EQ(Decimal::divide(dec("10000000000000000000000000000000000000"),
                            dec("80000000000000000000000000000000000000"), &inexact)
                .to_string(),
            "0.125");
  EXPECT_FALSE(inexact);
  EXPECT_EQ(Decimal::divide(dec("70000000000000000000000000000000000000"),
                            dec("90000000000000000000000000000000000000"), &inexact)
                .to_string(),
            "0.777777777777777777777778");
  EXPECT_TRUE(inexact);
  EXPECT_EQ((dec("99999999999999999999999999999999999998") /
             dec("99999999999999999999999999999999999999"))
                .to_string(),
            "1");
  EXPECT_EQ(Decimal::divide(dec("1"), dec("99999999999999999999999999999999999999"), &inexact)
                .to_string(),
            "0");
  EXPECT_TRUE(inexact);
  // A quotient with a 20-digit integer part keeps 18 fractional digits (38 in all).
  EXPECT_EQ((dec("100000000000000000000") / dec("3")).to_string(),
            "33333333333333333333.333333333333333333");
  EXPECT_EQ((dec("200000000000000000000") / dec("3")).to_string(),
            "66666666666666666666.666666666666666667");
  // Exact quotients with many integer digits.
  EXPECT_EQ((dec("99999999999999999999999999999999999999") / dec("9")).to_string(),
            "11111111111111111111111111111111111111");
  EXPECT_EQ((dec("1e13") / dec("0.000000000000000000000001")).to_string(),
            "10000000000000000000000000000000000000");
  EXPECT_EQ((dec("1.5e12") / dec("0.000000000000000000000003")).to_string(),
            "5" + std::string(35, '0'));
  EXPECT_EQ((dec("12345678901234567890.123456789012345678") / dec("1")),
            dec("12345678901234567890.123456789012345678"));
  EXPECT_EQ((dec("0.000000000000000000000001") / dec("1e13")).to_string(), "0");
}

TEST(DecimalTest, MultiplicationRoundsHalfEvenBeyondTwentyFourDigits) {
  EXPECT_EQ((dec("0.000000000001") * dec("0.0000000000015")).to_string(),
            "0.000000000000000000000002");
  EXPECT_EQ((dec("0.000000000001") * dec("0.0000000000025")).to_string(),
            "0.000000000000000000000002");
  EXPECT_EQ((dec("-0.000000000001") * dec("0.0000000000035")).to_string(),
            "-0.000000000000000000000004");
  EXPECT_EQ((dec("0.000000000001") * dec("0.0000000000004")).to_string(), "0");
  // Exact when the trailing digits are zeros.
  EXPECT_EQ((dec("0.000000000002") * dec("0.0000000000005")).to_string(),
            "0.000000000000000000000001");
}

TEST(DecimalTest, ToFixed) {
  EXPECT_EQ(dec("9.9875").to_fixed(2), "9.99");
  EXPECT_EQ(dec("2").to_fixed(2), "2.00");
  EXPECT_EQ(dec("2.675").to_fixed(2), "2.68");
  EXPECT_EQ(dec("-2.675").to_fixed(2), "-2.68");
  EXPECT_EQ(dec("-0.001").to_fixed(2), "0.00");
  EXPECT_EQ(dec("0.5").to_fixed(0), "1");
  EXPECT_EQ(dec("-2.5").to_fixed(0), "-3");
  EXPECT_EQ(dec("0.05").to_fixed(3), "0.050");
  EXPECT_EQ(dec("1.50").to_fixed(1), "1.5");
  EXPECT_EQ(dec("0").to_fixed(1), "0.0");
  EXPECT_EQ(dec("123.456").to_fixed(30), "123.456000000000000000000000000000");
  EXPECT_THROW((void)dec("1").to_fixed(-1), std::invalid_argument);
}

TEST(DecimalTest, AverageOfPercentagesIsExact) {
  const Decimal total = dec("100") * dec("8") + dec("99.49") + dec("99.26");
  EXPECT_EQ(total.to_string(), "998.75");
  bool inexact = true;
  const Decimal mean = Decimal::divide(total, dec("10"), &inexact);
  EXPECT_FALSE(inexact);
  EXPECT_EQ(mean, dec("99.875"));
  EXPECT_EQ(mean.to_string(), "99.875");
  EXPECT_EQ(mean.to_fixed(2), "99.88");
}

TEST(DecimalTest, ParseRejectsMalformedText) {
  for (const char* bad : {"",     "-",     "+",     ".",   "-.",    "1e",   "1e+",  "1e-", "e5",
                          ".e5",  "abc",   "1.2.3", " 1",  "1 ",    "1%",   "0x10", "inf", "nan",
                          "-inf", "1,000", "--1",   "+-1", "1e2.5", "1ee2", "1..2", "١",   "１"}) {
    EXPECT_FALSE(Decimal::parse(bad).has_value()) << "accepted '" << bad << "'";
  }
}

TEST(DecimalTest, ParseAcceptsPlainDecimals) {
  EXPECT_EQ(dec("12").to_string(), "12");
  EXPECT_EQ(dec("-0.5").to_string(), "-0.5");
  EXPECT_EQ(dec("+0.5").to_string(), "0.5");
  EXPECT_EQ(dec(".5").to_string(), "0.5");
  EXPECT_EQ(dec("5.").to_string(), "5");
  EXPECT_EQ(dec("1e3").to_string(), "1000");
  EXPECT_EQ(dec("2.5E-2").to_string(), "0.025");
  EXPECT_EQ(dec("2.5e+2").to_string(), "250");
  EXPECT_EQ(dec("-0").to_string(), "0");
  EXPECT_EQ(dec("-0.000").to_string(), "0");
  EXPECT_EQ(dec("-0").sign(), 0);
  EXPECT_EQ(dec("007.50").to_string(), "7.5");
  EXPECT_EQ(dec("1.50"), dec("1.5"));
  EXPECT_EQ(dec("1.50").scale(), 2);
  EXPECT_EQ(dec("1.50").coefficient(), 150);
  EXPECT_EQ(dec("0e999999999").to_string(), "0");
  EXPECT_EQ(dec("123456789012345678901234567890.12345678").to_string(),
            "123456789012345678901234567890.12345678");
  EXPECT_EQ(dec("0.000000000000000000000001").scale(), 24);
  // Trailing zeros beyond 24 decimals or 38 digits are dropped, not an error.
  EXPECT_EQ(dec("1.0000000000000000000000000000000000000000000").to_string(), "1");
  EXPECT_EQ(dec("1.0000000000000000000000000000000000000000000").scale(), 24);
  EXPECT_EQ(dec("12345678901234567890.0000000000000000000000000").scale(), 18);
  EXPECT_EQ(dec("100000000000000000000000000000000000000e-1").to_string(),
            "10000000000000000000000000000000000000");
  EXPECT_EQ(dec("0.0000000000000000000000010e1").to_string(), "0.00000000000000000000001");
  EXPECT_EQ(dec("99999999999999999999999999999999999999").to_string(),
            "99999999999999999999999999999999999999");
  // A million zeros after the point and an exponent that brings the 1 back.
  EXPECT_EQ(dec("0." + std::string(999999, '0') + "1e1000000").to_string(), "1");
}

TEST(DecimalTest, ParseOverflowsQuickly) {
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(error_kind([] { (void)Decimal::parse("1e999999999"); }), DecimalError::Kind::Overflow);
  EXPECT_EQ(error_kind([] { (void)Decimal::parse("1e-999999999"); }), DecimalError::Kind::Overflow);
  EXPECT_EQ(error_kind([] { (void)Decimal::parse("1e99999999999999999999999999999999999"); }),
            DecimalError::Kind::Overflow);
  EXPECT_EQ(error_kind([] { (void)Decimal::parse("-1e-99999999999999999999999999999999"); }),
            DecimalError::Kind::Overflow);
  EXPECT_EQ(error_kind([] { (void)Decimal::parse(std::string(1000000, '7')); }),
            DecimalError::Kind::Overflow);
  EXPECT_EQ(error_kind([] { (void)Decimal::parse("1e38"); }), DecimalError::Kind::Overflow);
  EXPECT_EQ(error_kind([] { (void)Decimal::parse("100000000000000000000000000000000000000"); }),
            DecimalError::Kind::Overflow);
  EXPECT_EQ(error_kind([] { (void)Decimal::parse("0.0000000000000000000000001"); }),
            DecimalError::Kind::Overflow);
  EXPECT_EQ(error_kind([] { (void)Decimal::parse("1.000000000000000000000000000000000000001"); }),
            DecimalError::Kind::Overflow);
  EXPECT_EQ(dec("1e37").to_string(), "10000000000000000000000000000000000000");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(2));
  const std::string message = error_message([] { (void)Decimal::parse("1e999999999"); });
  EXPECT_NE(message.find("1e999999999"), std::string::npos) << message;
}

TEST(DecimalTest, ComparisonsAcrossScales) {
  EXPECT_EQ(dec("0.30"), dec("0.3"));
  EXPECT_TRUE(dec("0.30") <= dec("0.3"));
  EXPECT_TRUE(dec("0.31") > dec("0.3"));
  EXPECT_TRUE(dec("-0.31") < dec("-0.3"));
  EXPECT_TRUE(dec("-1") < dec("0.000001"));
  EXPECT_TRUE(dec("0") == dec("-0.00"));
  EXPECT_TRUE(dec("2") != dec("2.000000000000000000000001"));
  EXPECT_TRUE(dec("2") < dec("2.000000000000000000000001"));
  EXPECT_EQ(dec("1.5") <=> dec("1.50"), std::strong_ordering::equal);
  // Aligning would overflow 128 bits: still ordered correctly.
  const Decimal big = dec("99999999999999999999999999999999999999");
  const Decimal tiny = dec("0.000000000000000000000001");
  EXPECT_TRUE(big > tiny);
  EXPECT_TRUE(tiny < big);
  EXPECT_TRUE(-big < -tiny);
  EXPECT_TRUE(-tiny > -big);
  EXPECT_TRUE(-big < tiny);
  EXPECT_TRUE(big > dec("99999999999999.999999999999999999999999"));
}

TEST(DecimalTest, IntegerConversions) {
  EXPECT_EQ(dec("42").to_int64(), 42);
  EXPECT_EQ(dec("42.000").to_int64(), 42);
  EXPECT_EQ(dec("-42.0").to_int64(), -42);
  EXPECT_EQ(dec("42.5").to_int64(), std::nullopt);
  EXPECT_EQ(dec("9223372036854775807").to_int64(), INT64_MAX);
  EXPECT_EQ(dec("-9223372036854775808").to_int64(), INT64_MIN);
  EXPECT_EQ(dec("9223372036854775808").to_int64(), std::nullopt);
  EXPECT_EQ(dec("-9223372036854775809").to_int64(), std::nullopt);
  EXPECT_EQ(Decimal::from_int(INT64_MIN).to_string(), "-9223372036854775808");
  EXPECT_EQ(Decimal::from_int(7), dec("7.00"));
  EXPECT_TRUE(dec("3.000").is_integer());
  EXPECT_FALSE(dec("3.001").is_integer());
  EXPECT_TRUE(Decimal().is_integer());
  EXPECT_TRUE(Decimal().is_zero());
  EXPECT_EQ(Decimal().to_string(), "0");
}

TEST(DecimalTest, FromParts) {
  EXPECT_EQ(Decimal::from_parts(12345, 2).to_string(), "123.45");
  EXPECT_EQ(Decimal::from_parts(-5, 0).to_string(), "-5");
  EXPECT_EQ(Decimal::from_parts(12, -3).to_string(), "12000");
  // A scale above 24 is reduced exactly, only as far as needed.
  const Decimal reduced = Decimal::from_parts(1000, 26);
  EXPECT_EQ(reduced.scale(), 24);
  EXPECT_EQ(reduced.coefficient(), 10);
  EXPECT_EQ(reduced.to_string(), "0.00000000000000000000001");
  EXPECT_EQ(Decimal::from_parts(0, 1000).to_string(), "0");
  EXPECT_EQ(error_kind([] { (void)Decimal::from_parts(1, 25); }), DecimalError::Kind::Overflow);
  EXPECT_EQ(error_kind([] { (void)Decimal::from_parts(pow10(38), 0); }),
            DecimalError::Kind::Overflow);
  EXPECT_EQ(error_kind([] { (void)Decimal::from_parts(-(pow10(38) + 1), 3); }),
            DecimalError::Kind::Overflow);
  // A coefficient wider than 38 digits only by trailing zeros of its fraction is narrowed: the
  // value fits (found by fuzz/decimal_gmp_fuzzer against GMP).
  EXPECT_EQ(Decimal::from_parts(-pow10(38), 3).to_string(), "-100000000000000000000000000000000000");
  EXPECT_EQ(Decimal::from_parts(pow10(34) * 14922, 24).to_string(), "149220000000000");
  EXPECT_EQ(error_kind([] { (void)Decimal::from_parts(1, -38); }), DecimalError::Kind::Overflow);
  EXPECT_EQ(error_kind([] { (void)Decimal::from_parts(1, -2147483647 - 1); }),
            DecimalError::Kind::Overflow);
  const Int128 int128_min = static_cast<Int128>(static_cast<UInt128>(1) << 127);
  EXPECT_EQ(error_kind([&] { (void)Decimal::from_parts(int128_min, 0); }),
            DecimalError::Kind::Overflow);
  EXPECT_EQ(Decimal::from_parts(pow10(38) - 1, 0).to_string(), std::string(38, '9'));
}

TEST(DecimalTest, HashAndNormalized) {
  const std::hash<Decimal> hash;
  EXPECT_EQ(hash(dec("1.50")), hash(dec("1.5")));
  EXPECT_EQ(hash(dec("0")), hash(dec("-0.000")));
  EXPECT_EQ(hash(dec("100")), hash(dec("100.0000")));
  EXPECT_EQ(hash(dec("-7.10")), hash(Decimal::from_parts(-71, 1)));
  EXPECT_NE(hash(dec("1.5")), hash(dec("15")));
  EXPECT_EQ(dec("1.500").normalized().scale(), 1);
  EXPECT_EQ(dec("1.500").normalized().coefficient(), 15);
  EXPECT_EQ(dec("100.00").normalized().scale(), 0);
  EXPECT_EQ(dec("100.00").normalized().coefficient(), 100);
  std::unordered_set<Decimal> set{dec("1.5"), dec("1.50"), dec("2"), dec("2.000")};
  EXPECT_EQ(set.size(), 2u);
  EXPECT_EQ(set.count(dec("1.5000")), 1u);
}

TEST(DecimalTest, MiscellaneousApi) {
  EXPECT_EQ(to_string(RoundingMode::HalfUp), "half_up");
  EXPECT_EQ(to_string(RoundingMode::HalfEven), "half_even");
  EXPECT_EQ(to_string(RoundingMode::Down), "down");
  EXPECT_EQ(to_string(RoundingMode::Up), "up");
  for (RoundingMode mode :
       {RoundingMode::HalfUp, RoundingMode::HalfEven, RoundingMode::Down, RoundingMode::Up}) {
    EXPECT_EQ(rounding_mode_from_string(to_string(mode)), mode);
  }
  EXPECT_EQ(rounding_mode_from_string("HALF_UP"), std::nullopt);
  EXPECT_EQ(rounding_mode_from_string(""), std::nullopt);
  EXPECT_EQ(dec("-3.5").abs().to_string(), "3.5");
  EXPECT_EQ(dec("3.5").abs().to_string(), "3.5");
  EXPECT_EQ(dec("-3.5").sign(), -1);
  EXPECT_EQ(dec("3.5").sign(), 1);
  EXPECT_EQ((-dec("3.5")).to_string(), "-3.5");
  EXPECT_EQ((-Decimal()).to_string(), "0");
  Decimal x = dec("1");
  x += dec("0.5");
  x *= dec("4");
  x -= dec("1");
  x /= dec("2");
  EXPECT_EQ(x.to_string(), "2.5");
  std::ostringstream out;
  out << dec("-1.250");
  EXPECT_EQ(out.str(), "-1.25");
  const DecimalError error(DecimalError::Kind::InvalidFormat, "bad");
  EXPECT_EQ(error.kind(), DecimalError::Kind::InvalidFormat);
  EXPECT_STREQ(error.what(), "bad");
}

// ---------------------------------------------------------------------------------------------
// Randomized comparison against reference integer arithmetic.

class RandomDecimals {
 public:
  explicit RandomDecimals(std::uint64_t seed) : rng_(seed) {}

  // A coefficient of 1..max_digits digits (or zero), random sign.
  std::int64_t coefficient(int max_digits) {
    const int digits = static_cast<int>(rng_() % static_cast<std::uint64_t>(max_digits + 1));
    if (digits == 0) return 0;
    std::uint64_t limit = 1;
    for (int i = 0; i < digits; ++i) limit *= 10;
    const auto value = static_cast<std::int64_t>(rng_() % limit);
    return (rng_() & 1) != 0 ? -value : value;
  }
  int scale(int max_scale) {
    return static_cast<int>(rng_() % static_cast<std::uint64_t>(max_scale + 1));
  }
  std::uint64_t next() { return rng_(); }

 private:
  std::mt19937_64 rng_;
};

TEST(DecimalPropertyTest, AgreesWithReferenceIntegerArithmetic) {
  RandomDecimals random(0x5EED'2024'0601ULL);
  int divisions_checked = 0;
  int products_rounded = 0;
  for (int iteration = 0; iteration < 10000; ++iteration) {
    SCOPED_TRACE("iteration " + std::to_string(iteration));
    const std::int64_t ca = random.coefficient(18);
    const std::int64_t cb = random.coefficient(18);
    const int sa = random.scale(18);
    const int sb = random.scale(18);
    const Decimal a = Decimal::from_parts(ca, sa);
    const Decimal b = Decimal::from_parts(cb, sb);
    SCOPED_TRACE("a = " + ref_format(ca, sa) + ", b = " + ref_format(cb, sb));

    // Printing and parsing.
    ASSERT_EQ(a.to_string(), ref_format(ca, sa));
    const std::optional<Decimal> reparsed = Decimal::parse(a.to_string());
    ASSERT_TRUE(reparsed.has_value());
    EXPECT_EQ(*reparsed, a);
    EXPECT_EQ(reparsed->to_string(), a.to_string());

    // Sum and difference, aligned to the larger scale (|c| × 10^18 < 10^37: no overflow).
    const int s = std::max(sa, sb);
    const Int128 xa = static_cast<Int128>(ca) * pow10(s - sa);
    const Int128 xb = static_cast<Int128>(cb) * pow10(s - sb);
    const Decimal sum = a + b;
    EXPECT_EQ(sum.to_string(), ref_format(xa + xb, s));
    EXPECT_EQ((a - b).to_string(), ref_format(xa - xb, s));
    EXPECT_EQ(sum - b, a);
    EXPECT_EQ((a - b) + b, a);
    EXPECT_EQ(a + b, b + a);

    // Ordering.
    const std::strong_ordering expected = xa <=> xb;
    EXPECT_EQ(a <=> b, expected);
    EXPECT_EQ(b <=> a, 0 <=> expected);
    EXPECT_EQ(a == b, xa == xb);
    EXPECT_EQ((a - b).sign(), xa < xb ? -1 : xa > xb ? 1 : 0);

    // Product: exact up to 24 decimals, otherwise rounded half-even at the 24th.
    const Int128 product = static_cast<Int128>(ca) * cb;  // < 10^36
    const int product_scale = sa + sb;
    const Decimal ab = a * b;
    if (product_scale <= Decimal::kMaxScale) {
      EXPECT_EQ(ab.to_string(), ref_format(product, product_scale));
      if (!b.is_zero()) {
        bool inexact = true;
        EXPECT_EQ(Decimal::divide(ab, b, &inexact), a);
        EXPECT_FALSE(inexact);
      }
    } else {
      ++products_rounded;
      EXPECT_EQ(ab.to_string(),
                ref_format(ref_round_half_even(product, product_scale - Decimal::kMaxScale),
                           Decimal::kMaxScale));
    }
    EXPECT_EQ(ab, b * a);

    // Quotient by reference long division: value = (|ca| × 10^sb) / (|cb| × 10^sa).
    if (cb != 0) {
      const Int128 numerator = (ca < 0 ? -static_cast<Int128>(ca) : ca) * pow10(sb);
      const Int128 denominator = (cb < 0 ? -static_cast<Int128>(cb) : cb) * pow10(sa);
      Int128 q = numerator / denominator;
      Int128 r = numerator % denominator;
      const int fraction_digits = std::min(Decimal::kMaxScale, 38 - ref_digits(q));
      for (int i = 0; i < fraction_digits; ++i) {
        r *= 10;
        q = q * 10 + r / denominator;
        r %= denominator;
      }
      int scale = fraction_digits;
      if (2 * r > denominator || (2 * r == denominator && q % 2 == 1)) ++q;
      if (q == pow10(38)) {
        q /= 10;
        --scale;
      }
      const bool negative = (ca < 0) != (cb < 0);
      bool inexact = false;
      const Decimal quotient = Decimal::divide(a, b, &inexact);
      EXPECT_EQ(quotient.to_string(), ref_format(negative ? -q : q, scale));
      EXPECT_EQ(inexact, r != 0);
      ++divisions_checked;
    } else {
      EXPECT_THROW((void)(a / b), DecimalError);
    }

    // Rounding at a random number of digits, every mode.
    const int digits = random.scale(sa);
    const Int128 unit = pow10(sa - digits);
    const Int128 magnitude = ca < 0 ? -static_cast<Int128>(ca) : ca;
    const Int128 truncated = magnitude / unit;
    const Int128 rest = magnitude % unit;
    const auto rounded = [&](bool up) {
      const Int128 m = truncated + (up ? 1 : 0);
      return ref_format(ca < 0 ? -m : m, digits);
    };
    EXPECT_EQ(a.round(digits, RoundingMode::Down).to_string(), rounded(false));
    EXPECT_EQ(a.round(digits, RoundingMode::Up).to_string(), rounded(rest != 0));
    EXPECT_EQ(a.round(digits, RoundingMode::HalfUp).to_string(), rounded(2 * rest >= unit));
    EXPECT_EQ(a.round(digits, RoundingMode::HalfEven).to_string(),
              rounded(2 * rest > unit || (2 * rest == unit && truncated % 2 == 1)));
    EXPECT_EQ(a.floor(digits).to_string(), rounded(ca < 0 && rest != 0));
    EXPECT_EQ(a.ceil(digits).to_string(), rounded(ca > 0 && rest != 0));

    // Same value at a larger scale: equal, same hash, same text.
    const int extra = random.scale(std::min(Decimal::kMaxScale - sa, 19));  // |ca| < 10^18
    const Decimal widened = Decimal::from_parts(static_cast<Int128>(ca) * pow10(extra), sa + extra);
    EXPECT_EQ(widened, a);
    EXPECT_EQ(std::hash<Decimal>{}(widened), std::hash<Decimal>{}(a));
    EXPECT_EQ(widened.to_string(), a.to_string());
    EXPECT_EQ(widened.normalized().coefficient(), a.normalized().coefficient());
    EXPECT_EQ(widened.normalized().scale(), a.normalized().scale());
  }
  EXPECT_GT(divisions_checked, 9000);
  EXPECT_GT(products_rounded, 100);
}

// Values spread over the full 38-digit range: (a + b) − b == a whenever a + b fits, and the
// ordering agrees with the sign of the difference.
TEST(DecimalPropertyTest, WideValuesAddAndCompareConsistently) {
  RandomDecimals random(42);
  int checked = 0;
  for (int iteration = 0; iteration < 10000; ++iteration) {
    SCOPED_TRACE("iteration " + std::to_string(iteration));
    // Two int64 halves make coefficients of up to 36 digits.
    const Int128 ca =
        static_cast<Int128>(random.coefficient(18)) * pow10(18) + random.coefficient(18);
    const Int128 cb =
        static_cast<Int128>(random.coefficient(18)) * pow10(18) + random.coefficient(18);
    const Decimal a = Decimal::from_parts(ca, random.scale(Decimal::kMaxScale));
    const Decimal b = Decimal::from_parts(cb, random.scale(Decimal::kMaxScale));
    ASSERT_EQ(*Decimal::parse(a.to_string()), a);
    Decimal sum;
    try {
      sum = a + b;
    } catch (const DecimalError& e) {
      EXPECT_EQ(e.kind(), DecimalError::Kind::Overflow);
      continue;
    }
    ++checked;
    EXPECT_EQ(sum - b, a);
    EXPECT_EQ(sum - a, b);
    const Decimal difference = a - b;
    EXPECT_EQ((a <=> b) < 0, difference.sign() < 0);
    EXPECT_EQ((a <=> b) > 0, difference.sign() > 0);
    EXPECT_EQ(a == b, difference.is_zero());
    EXPECT_EQ(difference + b, a);
  }
  EXPECT_GT(checked, 5000);
}

// Operands over the whole 38-digit, 24-decimal range against the BigNat reference:
// products and quotients, including the slow paths (wide products, long division with
// divisors near the 128-bit limit, results rounded to fewer than 24 decimals).
TEST(DecimalPropertyTest, WideProductsAndQuotientsMatchBigNatReference) {
  std::mt19937_64 rng(0xD1CE);
  int rounded_quotients = 0;
  int overflows = 0;
  for (int iteration = 0; iteration < 3000; ++iteration) {
    SCOPED_TRACE("iteration " + std::to_string(iteration));
    const Int128 ca = random_wide(rng, 38);
    const Int128 cb = random_wide(rng, 38);
    const int sa = static_cast<int>(rng() % 25);
    const int sb = static_cast<int>(rng() % 25);
    const Decimal a = Decimal::from_parts(ca, sa);
    const Decimal b = Decimal::from_parts(cb, sb);
    SCOPED_TRACE("a = " + a.to_string() + ", b = " + b.to_string());
    const bool negative = (ca < 0) != (cb < 0);

    const std::string expected_product = ref_round_quotient(
        multiply(BigNat::of(ca), BigNat::of(cb)), BigNat::of(1), sa + sb, negative, nullptr);
    try {
      EXPECT_EQ((a * b).to_string(), expected_product);
    } catch (const DecimalError& e) {
      EXPECT_EQ(e.kind(), DecimalError::Kind::Overflow);
      EXPECT_EQ(expected_product, "overflow");
      ++overflows;
    }

    if (cb == 0) continue;
    // a / b = (|ca| × 10^sb) / (|cb| × 10^sa), at scale 0.
    bool expected_inexact = false;
    const std::string expected_quotient = ref_round_quotient(
        BigNat::of(ca).shifted(sb), BigNat::of(cb).shifted(sa), 0, negative, &expected_inexact);
    try {
      bool inexact = false;
      EXPECT_EQ(Decimal::divide(a, b, &inexact).to_string(), expected_quotient);
      EXPECT_EQ(inexact, expected_inexact);
      if (inexact) ++rounded_quotients;
    } catch (const DecimalError& e) {
      EXPECT_EQ(e.kind(), DecimalError::Kind::Overflow);
      EXPECT_EQ(expected_quotient, "overflow");
      ++overflows;
    }
  }
  EXPECT_GT(rounded_quotients, 500);
  EXPECT_GT(overflows, 50);
}

// The 64-bit fast path (both coefficients fit in int64) against the 128-bit path on the same
// values: a twin of each value has its coefficient padded with trailing zeros beyond int64 (same
// value, larger scale), which forces the 128-bit path. Values near the int64 limits, alignments
// that overflow int64, negatives and results that round at ties.
TEST(DecimalTest, SixtyFourBitFastPathAgreesWithTheWidePath) {
  const std::vector<std::string> texts = {
      "0", "1", "-1", "0.5", "-0.5", "0.005", "2.675", "-2.675", "0.125", "99.875", "0.9949", "28623", "28046",
      "9223372036854775807", "-9223372036854775808", "9223372036854775806", "-9223372036854775807",
      "4611686018427387904", "-4611686018427387904", "3037000499", "3037000500", "-3037000500",
      "922337203685477580.7", "0.000000000000000001", "123456789012345678", "-0.000000001", "1000000000000000000",
      "99999999999999999.5", "0.0000000000005", "1.000000000001"};
  std::vector<Decimal> values;
  for (const auto& t : texts) values.push_back(*Decimal::parse(t));
  // The same value with a coefficient beyond int64, where possible.
  const auto twin = [](const Decimal& d) -> std::optional<Decimal> {
    for (int k = 1; d.scale() + k <= Decimal::kMaxScale; ++k) {
      Int128 c = d.coefficient();
      bool fits = true;
      for (int i = 0; i < k && fits; ++i) fits = !__builtin_mul_overflow(c, static_cast<Int128>(10), &c);
      if (!fits || c > static_cast<Int128>(10) * static_cast<Int128>(INT64_MAX) * static_cast<Int128>(1000000000) *
                           static_cast<Int128>(1000000000))
        break;
      if (c > INT64_MAX || c < INT64_MIN) return Decimal::from_parts(c, d.scale() + k);
    }
    return std::nullopt;
  };
  const auto outcome = [](const std::function<Decimal()>& f) {
    try {
      const Decimal r = f();
      return r.to_string() + " " + r.round(2, RoundingMode::HalfUp).to_string() + " " +
             r.round(2, RoundingMode::HalfEven).to_string();
    } catch (const DecimalError&) {
      return std::string("overflow");
    }
  };
  int compared = 0;
  for (const Decimal& a : values) {
    for (const Decimal& b : values) {
      const auto wa = twin(a);
      const auto wb = twin(b);
      if (!wa && !wb) continue;
      const Decimal& sa = wa ? *wa : a;  // at least one operand takes the wide path
      const Decimal& sb = wb ? *wb : b;
      ASSERT_EQ(sa, a);
      const std::string context = a.to_string() + " and " + b.to_string();
      EXPECT_EQ(outcome([&] { return a + b; }), outcome([&] { return sa + sb; })) << context;
      EXPECT_EQ(outcome([&] { return a - b; }), outcome([&] { return sa - sb; })) << context;
      EXPECT_EQ(outcome([&] { return a * b; }), outcome([&] { return sa * sb; })) << context;
      EXPECT_EQ(a <=> b, sa <=> sb) << context;
      EXPECT_EQ(a == b, sa == sb) << context;
      ++compared;
    }
  }
  EXPECT_GT(compared, 500);
  // Overflow of the 64-bit arithmetic itself goes on in 128 bits, exactly.
  const Decimal max = Decimal::from_int(INT64_MAX);
  const Decimal min = Decimal::from_int(INT64_MIN);
  EXPECT_EQ((max + Decimal::from_int(1)).to_string(), "9223372036854775808");
  EXPECT_EQ((min - Decimal::from_int(1)).to_string(), "-9223372036854775809");
  EXPECT_EQ((min * Decimal::from_int(-1)).to_string(), "9223372036854775808");
  EXPECT_EQ((max * max).to_string(), "85070591730234615847396907784232501249");
  EXPECT_EQ((max + *Decimal::parse("0.5")).to_string(), "9223372036854775807.5");  // the alignment overflows int64
  EXPECT_LT(max, *Decimal::parse("9223372036854775807.0000001"));
  EXPECT_GT(min, *Decimal::parse("-9223372036854775808.000000000000000001"));
  // Scales add up beyond 24 digits: the product rounds half-even, as on the wide path.
  EXPECT_EQ((*Decimal::parse("0.000000000001") * *Decimal::parse("0.0000000000005")).to_string(), "0");
  EXPECT_EQ((*Decimal::parse("0.000000000003") * *Decimal::parse("0.0000000000005")).to_string(),
            "0.000000000000000000000002");
  // Parsing keeps the written scale on the short path too.
  EXPECT_EQ(Decimal::parse("1.50")->scale(), 2);
  EXPECT_EQ(Decimal::parse("-0.00")->scale(), 2);
  EXPECT_EQ(Decimal::parse("5.")->scale(), 0);
  EXPECT_EQ(Decimal::parse(".25")->to_string(), "0.25");
  EXPECT_EQ(Decimal::parse("999999999999999999")->to_string(), "999999999999999999");  // 18 digits
  EXPECT_EQ(Decimal::parse("9999999999999999999")->to_string(), "9999999999999999999");  // 19: the general path
  EXPECT_FALSE(Decimal::parse("1.2.3"));
  EXPECT_FALSE(Decimal::parse("-"));
  EXPECT_FALSE(Decimal::parse("."));
}

}  // namespace
}  // namespace rubric
