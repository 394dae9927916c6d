// The language through the public API where a test needs code: the syntax tree of comments and
// strings, message text, options of the facts reader, the basis of a score. Every construct's
// scores and errors are data: tests/language/*.rubric, run by language_file_test.cpp.
#include "support.hpp"

namespace rubric::testing {
namespace {

// A ruleset with one indicator of [points] whose score is [score]; [facts] and [extra] are
// spliced in as written.
std::string one(const std::string& facts, const std::string& score, const std::string& points = "10",
                const std::string& extra = "") {
  return "ruleset \"t\" scheme test year 2023\n" + extra + "\nfacts {\n" + facts +
         "\n}\nsection S points " + points + " {\n  indicator I points " + points + " {\n    score " + score +
         "\n  }\n}\n";
}

TEST(Language, CommentsAndAdjacentStrings) {
  const std::string source = R"(# a comment
ruleset "t" scheme test year 2023  # trailing comment
section S points 10 {
  indicator I points 10 {
    explain "第一段" "第二段"   # joined
    standard "标准"
    evidence "材料一", "材料二"
    score 10 # full marks
  }
}
)";
  const auto rs = load_ok(source);
  const auto& section = std::get<std::unique_ptr<ast::Section>>(rs->items[0]);
  const auto& ind = std::get<std::unique_ptr<ast::Indicator>>(section->items[0]);
  EXPECT_EQ(ind->explain, "第一段第二段");
  EXPECT_EQ(ind->evidence, (std::vector<std::string>{"材料一", "材料二"}));
}

TEST(Language, OneFailingIndicatorDoesNotStopTheOthers) {
  const std::string source = R"(ruleset "t" scheme test year 2023
facts { a : number  b : number }
section S points 20 {
  indicator 好 points 10 { score 10 }
  indicator 坏 points 10 { score a / b }
}
)";
  const Scored s = score(source, R"({"a": 1, "b": 0})");
  EXPECT_EQ(*s.score("好"), dec("10"));
  EXPECT_FALSE(s.score("坏"));
  EXPECT_FALSE(s.evaluation.total);
  // The error names the indicator, the rule's location and the values involved.
  EXPECT_NE(s.errors.find("test.rubric:5:33: error: indicator '坏': division by zero: a is 1 and b is 0 [E0701]"),
            std::string::npos)
      << s.errors;
}

TEST(Language, ScoreAbovePointsIsAnErrorNotAClamp) {
  const Scored s = score(one("x: number", "x", "10"), R"({"x": 10.01})");
  EXPECT_FALSE(s.score("I"));
  EXPECT_NE(s.errors.find("the score 10.01 is outside the indicator's points [0, 10]"), std::string::npos) << s.errors;
}

// An unknown fact is an error (E0610): ignored, a misspelt key would leave the fact it was meant for
// at its default. With FactsOptions::allow_unknown (--allow-unknown-facts) it is the warning W0601.
TEST(Language, UnknownFactIsAnErrorUnlessAllowed) {
  const auto rs = load_ok(one("x: number", "x"));
  const std::string document = R"({"department": "d", "year": 2023, "facts": {"x": 1, "y": 2}})";
  const FactsResult refused = load_facts(*rs, document, "f.json");
  EXPECT_FALSE(refused.facts);
  EXPECT_NE(render(refused.diagnostics).find("error: unknown fact \"y\" [E0610]"), std::string::npos)
      << render(refused.diagnostics);
  const FactsResult allowed = load_facts(*rs, document, "f.json", FactsOptions{true});
  ASSERT_TRUE(allowed.facts);
  EXPECT_EQ(allowed.diagnostics.warning_count(), 1U);
  EXPECT_NE(render(allowed.diagnostics).find("unknown fact \"y\" is ignored [W0601]"), std::string::npos);
}

TEST(Language, BasisExplainsTheDecision) {
  const Scored s = score(one("r: percent", "tiered r { [0, 60%) -> 0  [60%, inf) -> points }"), R"({"r": "75%"})");
  const NodeResult* node = s.find("I");
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(node->basis, "r 75%，不低于 60%，得 10 分；得分 10.00");
}

}  // namespace
}  // namespace rubric::testing
