// Differential fuzzing of rubric::Decimal (base/decimal.hpp) against GMP's exact rationals.
//
// Each input is read with FuzzedDataProvider into two operands (coefficients of every size class:
// small, near 2^63 and 2^64 where the 64-bit fast paths end, near 10^k and 10^38, ties of 5 × 10^k;
// every scale 0..24, either sign), a number of fractional digits, a raw (coefficient, scale) pair
// for from_parts and a text for parse. Every operation of the API is then computed both ways and
// must agree with the contract written in decimal.hpp and docs/decimals.md:
//
//   + − and parse: exact, or DecimalError(Overflow) exactly when the exact value is not
//                  representable (more than 24 fractional digits or 38 digits in all);
//   × ÷:           the exact value when representable, otherwise rounded half-even at the largest
//                  number of fractional digits (at most 24) that fits in 38 digits; Overflow only
//                  when not even the integer part fits; DivisionByZero exactly when b == 0;
//                  divide()'s inexact flag exactly when the quotient was rounded;
//   round (4 modes), floor, ceil, to_fixed at the fuzzed number of digits (invalid_argument below 0);
//   comparisons, ==, std::min/max, hash (equal values of different scales), to_string (canonical,
//   exact, round-trips through parse), operator<<, abs, sign, is_zero, is_integer, to_int64,
//   normalized, unary −, the compound assignments, from_int, from_parts, the rounding-mode names.
//
// A disagreement aborts with both values, so that libFuzzer saves the input.
#include <fuzzer/FuzzedDataProvider.h>
#include <gmpxx.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "base/decimal.hpp"

namespace {

using rubric::Decimal;
using rubric::DecimalError;
using rubric::Int128;
using rubric::RoundingMode;
using rubric::UInt128;

constexpr std::array<RoundingMode, 4> kModes = {RoundingMode::HalfUp, RoundingMode::HalfEven, RoundingMode::Down,
                                                RoundingMode::Up};

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "decimal_gmp_fuzzer: %s\n", what.c_str());
  std::abort();
}

// Known library findings (fuzz/findings/README.md): skipped so that CI keeps fuzzing everything
// else, and checked again when RUBRIC_FUZZ_KNOWN=1 (which is how their reproducers are run).
[[maybe_unused]] bool check_known() {
  static const bool on = std::getenv("RUBRIC_FUZZ_KNOWN") != nullptr;
  return on;
}

const mpz_class& pow10(int k) {
  static const std::array<mpz_class, 128> table = [] {
    std::array<mpz_class, 128> t;
    t[0] = 1;
    for (std::size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * 10;
    return t;
  }();
  if (k < 0 || k >= static_cast<int>(table.size())) fail("pow10 out of range");
  return table[static_cast<std::size_t>(k)];
}

const mpz_class& coefficient_bound() { return pow10(Decimal::kMaxDigits); }

UInt128 pow10_u128(int k) {
  UInt128 p = 1;
  for (int i = 0; i < k; ++i) p *= 10;
  return p;
}

mpz_class to_mpz(Int128 v) {
  const UInt128 m = v < 0 ? static_cast<UInt128>(0) - static_cast<UInt128>(v) : static_cast<UInt128>(v);
  mpz_class z = static_cast<unsigned long>(static_cast<std::uint64_t>(m >> 64));
  z <<= 64;
  z += static_cast<unsigned long>(static_cast<std::uint64_t>(m));
  if (v < 0) z = -z;
  return z;
}

mpq_class value(const Decimal& d) {
  mpq_class q(to_mpz(d.coefficient()), pow10(d.scale()));
  q.canonicalize();
  return q;
}

// The fewest fractional digits that write [q] exactly; -1 when its decimal expansion does not end.
int min_scale(const mpq_class& q) {
  static const mpz_class two = 2, five = 5;
  mpz_class den = q.get_den();
  const auto twos = mpz_remove(den.get_mpz_t(), den.get_mpz_t(), two.get_mpz_t());
  const auto fives = mpz_remove(den.get_mpz_t(), den.get_mpz_t(), five.get_mpz_t());
  if (den != 1) return -1;
  return static_cast<int>(std::max(twos, fives));
}

// Whether a Decimal can hold [q] exactly: at most 24 fractional digits and, at the fewest
// fractional digits, a coefficient below 10^38.
bool representable(const mpq_class& q) {
  const int s = min_scale(q);
  if (s < 0 || s > Decimal::kMaxScale) return false;
  mpz_class c = abs(q.get_num()) * pow10(s) / q.get_den();
  return c < coefficient_bound();
}

// [q] written with exactly [digits] fractional digits (q must have at most that many): the
// expected text of to_string() and to_fixed(). No sign for zero.
std::string decimal_text(const mpq_class& q, int digits) {
  const mpz_class scaled = abs(q.get_num()) * pow10(digits) / q.get_den();
  std::string d = scaled.get_str();
  if (static_cast<int>(d.size()) <= digits) d.insert(0, static_cast<std::size_t>(digits) + 1 - d.size(), '0');
  if (digits > 0) d.insert(d.size() - static_cast<std::size_t>(digits), ".");
  return (q < 0 && scaled != 0 ? "-" : "") + d;
}

std::string show(const mpq_class& q) {
  const int s = min_scale(q);
  if (s >= 0 && s <= 200) return decimal_text(q, s);
  return q.get_str() + " (a fraction)";
}

std::string show(const Decimal& d) {
  return d.to_string() + " (coefficient " + to_mpz(d.coefficient()).get_str() + ", scale " + std::to_string(d.scale()) +
         ")";
}

// [q] rounded to [digits] fractional digits with [mode], computed on the exact rational.
mpq_class round_to(const mpq_class& q, int digits, RoundingMode mode) {
  const mpq_class scaled = abs(q) * pow10(digits);
  mpz_class quotient, remainder;
  mpz_tdiv_qr(quotient.get_mpz_t(), remainder.get_mpz_t(), scaled.get_num_mpz_t(), scaled.get_den_mpz_t());
  if (remainder != 0) {
    const int vs_half = cmp(mpz_class(remainder * 2), scaled.get_den());
    bool up = false;
    switch (mode) {
      case RoundingMode::HalfUp: up = vs_half >= 0; break;
      case RoundingMode::HalfEven: up = vs_half > 0 || (vs_half == 0 && mpz_odd_p(quotient.get_mpz_t())); break;
      case RoundingMode::Down: up = false; break;
      case RoundingMode::Up: up = true; break;
    }
    if (up) ++quotient;
  }
  mpq_class r(quotient, pow10(digits));
  r.canonicalize();
  return q < 0 ? mpq_class(-r) : r;
}

// Toward −∞ / +∞ at [digits] fractional digits, by GMP's own floor and ceiling division.
mpq_class floor_to(const mpq_class& q, int digits, bool ceiling) {
  const mpq_class scaled = q * pow10(digits);
  mpz_class n;
  if (ceiling) {
    mpz_cdiv_q(n.get_mpz_t(), scaled.get_num_mpz_t(), scaled.get_den_mpz_t());
  } else {
    mpz_fdiv_q(n.get_mpz_t(), scaled.get_num_mpz_t(), scaled.get_den_mpz_t());
  }
  mpq_class r(n, pow10(digits));
  r.canonicalize();
  return r;
}

// What × and ÷ must give for the exact result [q]: q itself when it fits; otherwise q rounded
// half-even at the most fractional digits (at most 24) whose result has at most 38 digits; nothing
// (overflow) when not even 0 fractional digits fit.
std::optional<mpq_class> rounded_result(const mpq_class& q) {
  const mpz_class integer_part = abs(q.get_num()) / q.get_den();
  const int integer_digits = integer_part == 0 ? 0 : static_cast<int>(mpz_sizeinbase(integer_part.get_mpz_t(), 10));
  if (integer_digits > Decimal::kMaxDigits + 1) return std::nullopt;
  const int start = std::clamp(Decimal::kMaxDigits + 1 - integer_digits, 0, Decimal::kMaxScale);
  for (int t = start; t >= 0; --t) {
    mpq_class r = round_to(q, t, RoundingMode::HalfEven);
    if (mpz_class(abs(r.get_num()) * pow10(t) / r.get_den()) < coefficient_bound()) return r;
  }
  return std::nullopt;
}

// [what] describes the operation, for the message: a callable, so that no text is made unless a
// check fails.
template <typename What>
void check_invariants(const Decimal& d, const What& what) {
  if (d.scale() < 0 || d.scale() > Decimal::kMaxScale) fail(what() + ": scale out of range: " + show(d));
  if (abs(to_mpz(d.coefficient())) >= coefficient_bound()) fail(what() + ": coefficient of 39 digits: " + show(d));
}

template <typename What>
void expect_value(const Decimal& got, const mpq_class& want, const What& what) {
  check_invariants(got, what);
  if (value(got) != want) fail(what() + ": got " + show(got) + ", exact " + show(want));
}

// a OP b for + − ×: the result or the overflow GMP predicts. [rounds] for ×.
void check_binary(const Decimal& a, const Decimal& b, char op) {
  const mpq_class va = value(a), vb = value(b);
  const mpq_class exact = op == '+' ? mpq_class(va + vb) : op == '-' ? mpq_class(va - vb) : mpq_class(va * vb);
  std::optional<mpq_class> want;
  if (op == '*') {
    want = rounded_result(exact);
  } else if (representable(exact)) {
    want = exact;
  }
  const auto what = [&] { return std::string(show(a) + " " + op + " " + show(b)); };
  std::optional<Decimal> got;
  try {
    got = op == '+' ? a + b : op == '-' ? a - b : a * b;
  } catch (const DecimalError& e) {
    if (e.kind() != DecimalError::Kind::Overflow) fail(what() + ": unexpected error " + e.what());
    if (want) fail(what() + ": overflow (" + e.what() + "), but the result " + show(*want) + " fits");
    return;
  }
  if (!want) fail(what() + " = " + show(*got) + ", but the exact result " + show(exact) + " does not fit");
  expect_value(*got, *want, what);
  // The compound assignment is the same operation.
  Decimal c = a;
  if (op == '+') c += b;
  if (op == '-') c -= b;
  if (op == '*') c *= b;
  if (c != *got || c.scale() != got->scale()) fail(what() + ": the compound assignment gives " + show(c));
}

void check_divide(const Decimal& a, const Decimal& b) {
  const auto what = [&] { return std::string(show(a) + " / " + show(b)); };
  if (b.is_zero()) {
    for (int way = 0; way < 2; ++way) {
      try {
        bool inexact = false;
        const Decimal q = way == 0 ? a / b : Decimal::divide(a, b, &inexact);
        fail(what() + " = " + show(q) + ", but the divisor is zero");
      } catch (const DecimalError& e) {
        if (e.kind() != DecimalError::Kind::DivisionByZero) fail(what() + ": error of the wrong kind: " + e.what());
      }
    }
    return;
  }
  const mpq_class exact = value(a) / value(b);
  const std::optional<mpq_class> want = rounded_result(exact);
  bool inexact = false;
  std::optional<Decimal> got;
  try {
    got = Decimal::divide(a, b, &inexact);
  } catch (const DecimalError& e) {
    if (e.kind() != DecimalError::Kind::Overflow) fail(what() + ": unexpected error " + e.what());
    if (want) fail(what() + ": overflow (" + e.what() + "), but the quotient " + show(*want) + " fits");
    bool thrown = false;
    try {
      (void)(a / b);
    } catch (const DecimalError&) {
      thrown = true;
    }
    if (!thrown) fail(what() + ": divide() overflows but operator/ does not");
    return;
  }
  if (!want) fail(what() + " = " + show(*got) + ", but the exact quotient " + show(exact) + " does not fit");
  expect_value(*got, *want, what);
  if (inexact != (*want != exact)) {
    fail(what() + ": inexact flag " + (inexact ? "set" : "not set") + " for the exact quotient " + show(exact));
  }
  const Decimal plain = a / b;
  if (plain != *got || plain.scale() != got->scale()) fail(what() + ": operator/ gives " + show(plain));
  Decimal c = a;
  c /= b;
  if (c != *got) fail(what() + ": /= gives " + show(c));
}

void check_compare(const Decimal& a, const Decimal& b) {
  const int want = cmp(value(a), value(b));
  const auto got = a <=> b;
  const int g = got < 0 ? -1 : got > 0 ? 1 : 0;
  const auto what = [&] { return std::string(show(a) + " <=> " + show(b)); };
  if ((want < 0 ? -1 : want > 0 ? 1 : 0) != g) fail(what() + ": got " + std::to_string(g));
  if ((a == b) != (want == 0) || (a != b) != (want != 0) || (a < b) != (want < 0) || (a > b) != (want > 0) ||
      (a <= b) != (want <= 0) || (a >= b) != (want >= 0)) {
    fail(what() + ": the comparison operators disagree with each other");
  }
  const Decimal& lo = std::min(a, b);
  const Decimal& hi = std::max(a, b);
  if (value(lo) != std::min(value(a), value(b)) || value(hi) != std::max(value(a), value(b))) {
    fail(what() + ": std::min/std::max");
  }
  if (want == 0 && std::hash<Decimal>{}(a) != std::hash<Decimal>{}(b)) fail(what() + ": equal values hash differently");
}

// Everything about one value: text, rounding at [digits], predicates, a rescaled twin.
void check_unary(const Decimal& a, int digits) {
  const mpq_class va = value(a);
  const auto what = [&] { return std::string(show(a)); };
  check_invariants(a, [] { return std::string("operand"); });

  // to_string: canonical, exact, and back through parse.
  const int ms = min_scale(va);
  const std::string text = a.to_string();
  if (text != decimal_text(va, ms)) fail(what() + ": to_string gives \"" + text + "\", expected \"" + decimal_text(va, ms) + "\"");
  std::ostringstream out;
  out << a;
  if (out.str() != text) fail(what() + ": operator<< gives \"" + out.str() + "\"");
  try {
    const std::optional<Decimal> back = Decimal::parse(text);
    if (!back || *back != a) fail(what() + ": to_string does not parse back");
  } catch (const DecimalError& e) {
    fail(what() + ": to_string does not parse back: " + e.what());
  }

  // Predicates and the small accessors.
  if (a.sign() != sgn(va)) fail(what() + ": sign " + std::to_string(a.sign()));
  if (a.is_zero() != (va == 0)) fail(what() + ": is_zero");
  if (a.is_integer() != (va.get_den() == 1)) fail(what() + ": is_integer");
  expect_value(a.abs(), abs(va), [&] { return what() + ": abs"; });
  expect_value(-a, -va, [&] { return what() + ": unary minus"; });
  const Decimal n = a.normalized();
  expect_value(n, va, [&] { return what() + ": normalized"; });
  if (n.scale() != ms) fail(what() + ": normalized has scale " + std::to_string(n.scale()) + ", not " + std::to_string(ms));
  const std::optional<std::int64_t> i64 = a.to_int64();
  static const mpz_class lo64 = mpz_class(std::to_string(INT64_MIN)), hi64 = mpz_class(std::to_string(INT64_MAX));
  const bool fits = va.get_den() == 1 && va.get_num() >= lo64 && va.get_num() <= hi64;
  if (i64.has_value() != fits) fail(what() + ": to_int64 " + (i64 ? "gives a value" : "gives none"));
  if (i64 && mpz_class(std::to_string(*i64)) != va.get_num()) fail(what() + ": to_int64 gives " + std::to_string(*i64));
  if (i64 && Decimal::from_int(*i64) != a) fail(what() + ": from_int(to_int64) differs");

  // The same value at a larger scale: equal, the same hash and the same text (from_parts keeps
  // the scale, except of zero, which it makes 0).
  if (a.scale() < Decimal::kMaxScale) {
    const int k = 1 + (digits & 7) % (Decimal::kMaxScale - a.scale());
    const mpz_class c = to_mpz(a.coefficient()) * pow10(k);
    if (abs(c) < coefficient_bound()) {
      const Decimal twin = Decimal::from_parts(a.coefficient() * static_cast<Int128>(pow10_u128(k)), a.scale() + k);
      if (twin != a || (!a.is_zero() && twin.scale() != a.scale() + k)) fail(what() + ": rescaled twin " + show(twin));
      if (std::hash<Decimal>{}(twin) != std::hash<Decimal>{}(a)) fail(what() + ": equal values hash differently");
      if (twin.to_string() != text) fail(what() + ": rescaled twin prints " + twin.to_string());
    }
  }

  // Rounding at [digits], every mode; floor, ceil, to_fixed.
  if (digits < 0) {
    const auto throws = [&](const std::function<void()>& f, const char* name) {
      try {
        f();
      } catch (const std::invalid_argument&) {
        return;
      }
      fail(what() + ": " + name + " accepts " + std::to_string(digits) + " digits");
    };
    for (RoundingMode mode : kModes) throws([&] { (void)a.round(digits, mode); }, "round");
    throws([&] { (void)a.floor(digits); }, "floor");
    throws([&] { (void)a.ceil(digits); }, "ceil");
    throws([&] { (void)a.to_fixed(digits); }, "to_fixed");
    return;
  }
  const int g = std::min(digits, 100);  // beyond any scale: what GMP computes for 100 holds for more
  for (RoundingMode mode : kModes) {
    const Decimal r = a.round(digits, mode);
    const auto w = [&] { return what() + ".round(" + std::to_string(digits) + ", " + std::string(rubric::to_string(mode)) + ")"; };
    expect_value(r, round_to(va, g, mode), w);
    if (digits >= a.scale()) {
      if (r.coefficient() != a.coefficient() || r.scale() != a.scale()) fail(w() + ": not unchanged: " + show(r));
    } else if (r.scale() != digits) {
      fail(w() + ": scale " + std::to_string(r.scale()));
    }
  }
  expect_value(a.floor(digits), floor_to(va, g, false), [&] { return what() + ".floor(" + std::to_string(digits) + ")"; });
  expect_value(a.ceil(digits), floor_to(va, g, true), [&] { return what() + ".ceil(" + std::to_string(digits) + ")"; });
  if (digits <= 64) {  // to_fixed writes every digit asked for
    const std::string fixed = a.to_fixed(digits);
    const std::string want = decimal_text(round_to(va, digits, RoundingMode::HalfUp), digits);
    if (fixed != want) fail(what() + ".to_fixed(" + std::to_string(digits) + ") = \"" + fixed + "\", expected \"" + want + "\"");
  }
}

// from_parts(c, s) is c × 10^−s, or Overflow exactly when that value is not representable.
void check_from_parts(Int128 c, int s) {
  const mpz_class mc = to_mpz(c);
  mpq_class exact = s >= 0 ? mpq_class(mc, pow10(s)) : mpq_class(mc * pow10(-s));
  exact.canonicalize();
  const bool fits = representable(exact);
  const auto what = [&] { return std::string("from_parts(" + mc.get_str() + ", " + std::to_string(s) + ")"); };
  try {
    const Decimal d = Decimal::from_parts(c, s);
    if (!fits) fail(what() + " = " + show(d) + ", but " + show(exact) + " is not representable");
    expect_value(d, exact, what);
    // The scale is kept unless the coefficient had to be narrowed (trailing zeros dropped).
    if (c != 0 && s >= 0 && s <= Decimal::kMaxScale && abs(mc) < coefficient_bound() && d.scale() != s) {
      fail(what() + ": scale " + std::to_string(d.scale()));
    }
  } catch (const DecimalError& e) {
    if (e.kind() != DecimalError::Kind::Overflow) fail(what() + ": unexpected error " + e.what());
    if (fits) {
      fail(what() + ": overflow (" + e.what() + "), but " + show(exact) + " fits");
    }
  }
}

// The reference reading of parse()'s grammar: [+-] (digits [. digits*] | . digits) [(e|E) [+-] digits].
struct Parsed {
  bool well_formed = false;
  std::string digits;     // integer then fractional digits
  std::size_t frac = 0;   // fractional digits written
  bool negative = false;
  bool has_exponent = false;
  long long exponent = 0;  // saturated at ±10^9: far beyond anything representable
};

Parsed read_number(const std::string& t) {
  Parsed p;
  std::size_t i = 0;
  const auto digit = [&](std::size_t k) { return k < t.size() && t[k] >= '0' && t[k] <= '9'; };
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) p.negative = t[i++] == '-';
  std::size_t int_digits = 0;
  while (digit(i)) p.digits += t[i++], ++int_digits;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (digit(i)) p.digits += t[i++], ++p.frac;
  }
  if (int_digits + p.frac == 0) return p;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    p.has_exponent = true;
    bool negative = false;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) negative = t[i++] == '-';
    if (!digit(i)) return p;
    while (digit(i)) {
      p.exponent = std::min(p.exponent * 10 + (t[i++] - '0'), 1'000'000'000LL);
    }
    if (negative) p.exponent = -p.exponent;
  }
  p.well_formed = i == t.size();
  return p;
}

void check_parse(const std::string& text) {
  const Parsed p = read_number(text);
  const auto what = [&] { return std::string("parse(\"" + text + "\")"); };
  std::optional<Decimal> got;
  try {
    got = Decimal::parse(text);
  } catch (const DecimalError& e) {
    if (e.kind() != DecimalError::Kind::Overflow) fail(what() + ": unexpected error " + e.what());
    if (!p.well_formed) fail(what() + ": overflow for malformed text");
    // Expected only when the value is not representable: checked below with the exact value.
    got.reset();
  }
  if (!p.well_formed) {
    if (got) fail(what() + " = " + show(*got) + ", but the text is malformed");
    return;
  }
  const mpz_class d = p.digits.empty() ? mpz_class(0) : mpz_class(p.digits, 10);
  const long long power = p.exponent - static_cast<long long>(p.frac);
  std::optional<mpq_class> exact;  // null: certainly out of range (an exponent far beyond 38 or 24 digits)
  if (d == 0) {
    exact = mpq_class(0);
  } else if (power >= -400 && power <= 400) {  // the text has at most 160 digits
    mpz_class scale10;
    mpz_ui_pow_ui(scale10.get_mpz_t(), 10, static_cast<unsigned long>(power >= 0 ? power : -power));
    exact = power >= 0 ? mpq_class(d * scale10) : mpq_class(d, scale10);
    exact->canonicalize();
  }
  if (p.negative && exact) *exact = -*exact;
  const bool fits = exact && representable(*exact);
  bool threw = false;
  if (!got) {
    try {
      (void)Decimal::parse(text);
    } catch (const DecimalError&) {
      threw = true;
    }
    if (!threw) fail(what() + ": returns nothing for well-formed text");
    if (fits) fail(what() + ": overflow, but " + show(*exact) + " fits");
    return;
  }
  if (!fits) fail(what() + " = " + show(*got) + ", but the value " + (exact ? show(*exact) : "(huge)") + " is not representable");
  expect_value(*got, *exact, what);
  // The written scale is kept: "1.50" has scale 2.
  const std::size_t significant = d == 0 ? 0 : d.get_str().size();
  if (!p.has_exponent && d != 0 && p.frac <= static_cast<std::size_t>(Decimal::kMaxScale) &&
      significant <= static_cast<std::size_t>(Decimal::kMaxDigits) && got->scale() != static_cast<int>(p.frac)) {
    fail(what() + ": the written scale " + std::to_string(p.frac) + " is not kept: " + show(*got));
  }
}

// Number text shaped like parse()'s grammar, with the lengths that matter: up to 45 digits on
// either side of the point, exponents with leading zeros and of any size.
std::string number_text(FuzzedDataProvider& in) {
  const auto shape = in.ConsumeIntegral<std::uint16_t>();
  const auto digits = [&](std::size_t max) {
    const std::size_t n = in.ConsumeIntegralInRange<std::size_t>(0, max);
    std::string s;
    const std::string pool = in.ConsumeBytesAsString(n);
    for (char c : pool) s += static_cast<char>('0' + static_cast<unsigned char>(c) % 10);
    return s;
  };
  std::string t;
  if (shape & 1) t += (shape & 2) ? '-' : '+';
  t += digits(45);
  if (shape & 4) t += '.';
  if (shape & 8) t += digits(45);
  if (shape & 16) {
    t += (shape & 32) ? 'E' : 'e';
    if (shape & 64) t += (shape & 128) ? '-' : '+';
    t += digits(22);
  }
  return t;
}

UInt128 consume_u128(FuzzedDataProvider& in) {
  const auto hi = in.ConsumeIntegral<std::uint64_t>();
  const auto lo = in.ConsumeIntegral<std::uint64_t>();
  return (static_cast<UInt128>(hi) << 64) | lo;
}

// A coefficient magnitude of one of the size classes where the arithmetic changes path.
UInt128 magnitude(FuzzedDataProvider& in, std::uint8_t shape) {
  const auto delta = static_cast<Int128>(in.ConsumeIntegral<std::int8_t>());
  const int k = in.ConsumeIntegralInRange<int>(0, 38);
  switch (shape % 8) {
    case 0: return in.ConsumeIntegral<std::uint16_t>();
    case 1: return in.ConsumeIntegral<std::uint64_t>();
    case 2: return consume_u128(in);
    case 3: return static_cast<UInt128>(static_cast<Int128>(pow10_u128(k)) + delta);  // around 10^k
    case 4: return static_cast<UInt128>((static_cast<Int128>(1) << 63) + delta);  // around 2^63
    case 5: return static_cast<UInt128>((static_cast<Int128>(1) << 64) + delta);  // around 2^64
    case 6: return 5 * pow10_u128(std::min(k, 37)) + static_cast<UInt128>(in.ConsumeIntegral<std::uint8_t>());  // ties
    default: {
      const UInt128 bound = pow10_u128(k);
      return bound == 1 ? 0 : consume_u128(in) % bound;
    }
  }
}

Decimal operand(FuzzedDataProvider& in) {
  const auto shape = in.ConsumeIntegral<std::uint8_t>();
  const int scale = in.ConsumeIntegralInRange<int>(0, Decimal::kMaxScale);
  UInt128 m = magnitude(in, shape);
  const UInt128 bound = pow10_u128(Decimal::kMaxDigits);
  if (m >= bound) m %= bound;
  const auto c = static_cast<Int128>(m);
  return Decimal::from_parts((shape & 0x80) ? -c : c, scale);
}

void check_mode_names(const std::string& text) {
  for (RoundingMode mode : kModes) {
    const auto back = rubric::rounding_mode_from_string(rubric::to_string(mode));
    if (!back || *back != mode) fail("rounding mode name " + std::string(rubric::to_string(mode)) + " does not read back");
  }
  const bool known = text == "half_up" || text == "half_even" || text == "down" || text == "up";
  const auto got = rubric::rounding_mode_from_string(text);
  if (got.has_value() != known) fail("rounding_mode_from_string(\"" + text + "\")");
  if (got && rubric::to_string(*got) != text) fail("rounding_mode_from_string(\"" + text + "\") names another mode");
}

// GMP allocates for every temporary. Its memory is not under test, and through ASan's allocator
// (a stack trace recorded and a quarantine slot per allocation) it cost most of each run; glibc's
// own allocator, which ASan does not intercept, serves it instead.
extern "C" void* __libc_malloc(std::size_t);
extern "C" void* __libc_realloc(void*, std::size_t);
extern "C" void __libc_free(void*);

void* gmp_allocate(std::size_t n) {
  void* p = __libc_malloc(n);
  if (p == nullptr) fail("out of memory");
  return p;
}
void* gmp_reallocate(void* p, std::size_t, std::size_t n) {
  void* q = __libc_realloc(p, n);
  if (q == nullptr) fail("out of memory");
  return q;
}
void gmp_free(void* p, std::size_t) { __libc_free(p); }

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  mp_set_memory_functions(gmp_allocate, gmp_reallocate, gmp_free);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const Decimal a = operand(in);
  const Decimal b = operand(in);
  const auto digit_byte = in.ConsumeIntegral<std::uint8_t>();
  // Mostly 0..27 (every scale, and a few beyond); sometimes negative or far beyond.
  const int digits = digit_byte < 224 ? digit_byte % 28 : digit_byte < 240 ? -(digit_byte % 16) - 1 : 1000 + digit_byte;

  check_binary(a, b, '+');
  check_binary(a, b, '-');
  check_binary(a, b, '*');
  check_divide(a, b);
  check_compare(a, b);
  check_unary(a, digits);
  check_unary(b, digit_byte % 25);

  // from_parts on any coefficient (up to the Int128 limits, trailing zeros included) and scale.
  const auto raw_shape = in.ConsumeIntegral<std::uint8_t>();
  const auto raw_scale = in.ConsumeIntegralInRange<int>(-45, 50);
  const int zeros = in.ConsumeIntegralInRange<int>(0, 39);
  UInt128 raw = magnitude(in, raw_shape);
  const UInt128 limit = ~static_cast<UInt128>(0) >> 1;  // Int128 max
  if (raw <= limit / pow10_u128(zeros)) raw *= pow10_u128(zeros);
  if (raw > limit) raw = limit;
  Int128 c = static_cast<Int128>(raw);
  if (raw_shape & 0x80) c = (raw_shape & 0x40) && raw == limit ? -c - 1 : -c;  // down to Int128 min
  check_from_parts(c, raw_scale);
  const auto i = in.ConsumeIntegral<std::int64_t>();
  if (value(Decimal::from_int(i)) != mpq_class(mpz_class(std::to_string(i)))) fail("from_int(" + std::to_string(i) + ")");

  // The rest: a number-shaped text, or (when the first byte left is odd) the raw bytes.
  const bool raw_text = in.ConsumeBool();
  const std::string text = raw_text ? in.ConsumeRemainingBytesAsString() : number_text(in);
  check_parse(text.substr(0, 160));
  check_mode_names(text.substr(0, 12));
  return 0;
}
