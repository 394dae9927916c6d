// read_fact_number(): the one rule by which a number of a fact is read in every input format (JSON
// facts files, JSON Lines rows, CSV cells; docs/decimals.md, "How a number is written").
#include <gtest/gtest.h>

#include "interpreter/eval/facts.hpp"

namespace rubric {
namespace {

struct Case {
  std::string text;
  ast::TypeKind kind;
  bool quoted;
  std::string value;  // the exact value, or the error code
};

TEST(FactNumber, OneRuleForEveryFormat) {
  using K = ast::TypeKind;
  const Case cases[] = {
      // A percent: the sign, or a fraction from -1 to 1.
      {"94.78%", K::Percent, true, "0.9478"},
      {"0.9478", K::Percent, false, "0.9478"},
      {"1", K::Percent, false, "1"},
      {"-1", K::Percent, false, "-1"},
      {"0", K::Percent, false, "0"},
      {"150%", K::Percent, true, "1.5"},
      {"-0%", K::Percent, true, "0"},
      {"2.6e-1", K::Percent, false, "0.26"},
      // …never a plain number beyond: 94.78 could be 94.78% or 9478%.
      {"94.78", K::Percent, false, "E0612"},
      {"1.0001", K::Percent, false, "E0612"},
      {"-1.5", K::Percent, false, "E0612"},
      {"1e2", K::Percent, false, "E0612"},
      {"100", K::Percent, false, "E0612"},
      // …nor a string without the sign, or with anything around the number.
      {"94.78", K::Percent, true, "E0603"},
      {"0.5", K::Percent, true, "E0603"},
      {"95 %", K::Percent, true, "E0603"},
      {"%", K::Percent, true, "E0603"},
      {"1,000%", K::Percent, true, "E0603"},
      {"９５％", K::Percent, true, "E0603"},
      // Money, counts and numbers: the number literal's exact value; a string never.
      {"1000.50", K::Money, false, "1000.5"},
      {"94.78", K::Money, false, "94.78"},
      {"3", K::Count, false, "3"},
      {"1000", K::Money, true, "E0603"},
      {"1,000", K::Money, true, "E0603"},
      {"9.5万", K::Money, true, "E0603"},
      {"95%", K::Number, true, "E0603"},
      {"1234567890123456789012345678901234567890", K::Number, false, "E0607"},
  };
  for (const Case& c : cases) {
    const FactNumber read = read_fact_number(c.text, c.kind, c.quoted);
    const std::string what = c.text + (c.quoted ? " (a string)" : " (a number)");
    if (c.value[0] == 'E') {
      EXPECT_FALSE(read.value) << what;
      EXPECT_EQ(read.code, c.value) << what << ": " << read.message;
      EXPECT_FALSE(read.message.empty()) << what;
    } else {
      ASSERT_TRUE(read.value) << what << ": " << read.message;
      EXPECT_EQ(read.value->to_string(), c.value) << what;
    }
  }
}

TEST(FactNumber, TheAmbiguousPercentSaysHowToWriteIt) {
  const FactNumber read = read_fact_number("94.78", ast::TypeKind::Percent, false);
  EXPECT_EQ(read.message, "the number 94.78 is ambiguous for a percent: it could mean 94.78% or 9478%");
  EXPECT_EQ(read.help, "write a percent with its sign, \"94.78%\", or as a fraction from -1 to 1, e.g. 0.9478 for 94.78%");
}

}  // namespace
}  // namespace rubric
