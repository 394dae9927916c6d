// plan::Num (interpreter/eval/plan_number.hpp) gives Decimal's value for every operation: on its
// int64 path (small coefficients, scales to align), at its edges (int64 overflow, 18 and 24
// decimals, quotients that terminate late or never) and past them, where it hands over to Decimal.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "interpreter/eval/plan_number.hpp"

namespace rubric::plan {
namespace {

Decimal dec(const char* text) { return *Decimal::parse(text); }

const std::vector<const char*> kValues = {
    "0", "1", "-1", "2", "3", "7", "10", "0.5", "-0.5", "0.6", "1.5", "2.675", "-2.675", "2.665", "9.9875",
    "0.333333", "28623", "28046", "0.000000000000000001", "123456789.123456789", "9223372036854775807",
    "-9223372036854775808", "922337203685477580.7", "0.999999999999999999999999", "99999999999999.99",
    "100000000000000000000", "-12345678901234567890.5", "0.05", "1.0501", "0.125", "4.25", "1e-24", "5e18"};

TEST(PlanNumber, ArithmeticAndComparisonsAreDecimals) {
  int checked = 0;
  for (const char* a_text : kValues) {
    for (const char* b_text : kValues) {
      const Decimal a = dec(a_text);
      const Decimal b = dec(b_text);
      const Num x(a);
      const Num y(b);
      const std::string what = std::string(a_text) + " , " + b_text;
      EXPECT_EQ(compare(x, y), (a <=> b) < 0 ? -1 : (a <=> b) > 0 ? 1 : 0) << what;
      for (int op = 0; op < 4; ++op) {
        if (op == 3 && b.is_zero()) continue;
        bool decimal_threw = false;
        Decimal expected;
        try {
          expected = op == 0 ? a + b : op == 1 ? a - b : op == 2 ? a * b : a / b;
        } catch (const DecimalError&) {
          decimal_threw = true;
        }
        try {
          const Num got = op == 0 ? x + y : op == 1 ? x - y : op == 2 ? x * y : x / y;
          EXPECT_FALSE(decimal_threw) << what << " op " << op;
          if (!decimal_threw) {
            EXPECT_EQ(got.decimal(), expected) << what << " op " << op;
          }
        } catch (const DecimalError&) {
          EXPECT_TRUE(decimal_threw) << what << " op " << op;
        }
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 4000);
}

TEST(PlanNumber, RoundingIsDecimals) {
  for (const char* text : kValues) {
    for (const RoundingMode mode : {RoundingMode::HalfUp, RoundingMode::HalfEven, RoundingMode::Down, RoundingMode::Up}) {
      for (int digits = 0; digits <= 4; ++digits) {
        const Decimal d = dec(text);
        EXPECT_EQ(Num(d).round(digits, mode).decimal(), d.round(digits, mode)) << text << " " << digits;
        EXPECT_EQ(Num(-d).round(digits, mode).decimal(), (-d).round(digits, mode)) << text << " " << digits;
      }
    }
  }
}

}  // namespace
}  // namespace rubric::plan
