// Monotonicity (interpreter/check/analysis_monotone.cpp): where a tiered or brackets score steps
// against the way it goes elsewhere (W0407), on purpose-made rulesets and on the shipped 2023
// one, whose completion rule gives half marks above 150%; the step found is checked by scoring.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"

namespace rubric::testing {
namespace {

struct Step {
  std::uint32_t line = 0;
  std::string message;
  std::vector<std::string> notes;
};

// The W0407 notes of [indicator] (its score rule) in a ruleset of one indicator of 10 points.
std::vector<Step> steps_of(const std::string& score, bool monotonicity = true) {
  const std::string text =
      "ruleset \"单调\" scheme test year 2023\n"
      "facts {\n"
      "  rate : percent in [0, 200%] \"完成率\"\n"
      "  x : number in [0, 10] \"数值\"\n"
      "  n : count \"问题数\"\n"
      "  w : number in [0, 10] \"分值\"\n"
      "  outputs : list of { target: number in (0, inf), actual: number in [0, inf), weight: number in [0, 10] } \"产出\"\n"
      "}\n"
      "section 甲 points 10 {\n"
      "  indicator 乙 points 10 {\n"
      "    score " + score + "\n"
      "  }\n"
      "}\n"
      "grade { 优 >= 9; 差 otherwise }\n";
  LoadOptions options;
  options.monotonicity = monotonicity;
  const LoadedRuleset loaded = load_ruleset_source("steps.rubric", text, options);
  EXPECT_FALSE(loaded.diagnostics.has_errors()) << render(loaded.diagnostics, false);
  std::vector<Step> out;
  for (const Diagnostic& d : loaded.diagnostics.items()) {
    if (d.code != "W0407") continue;
    EXPECT_EQ(d.severity, Severity::Note);
    Step s{d.location.file->line_column(d.location.span->begin).line - 11, d.message, {}};
    for (const Note& n : d.notes) s.notes.push_back(n.message);
    out.push_back(std::move(s));
  }
  return out;
}

TEST(Monotonicity, TiersThatOnlyRiseOrOnlyFallHaveNoStep) {
  EXPECT_TRUE(steps_of("tiered x {\n [0, 5) -> 0\n [5, 8) -> 5\n [8, 10] -> points\n }").empty());
  EXPECT_TRUE(steps_of("tiered x {\n [0, 5) -> 10\n [5, 8) -> 5\n [8, 10] -> 0\n }").empty());
  EXPECT_TRUE(steps_of("tiered x {\n [0, 5] -> 3\n (5, 10] -> 3\n }").empty());
  EXPECT_TRUE(steps_of("brackets rate {\n <= 10% -> 10\n <= 20% -> 5\n otherwise -> 0\n }").empty());
  EXPECT_TRUE(steps_of("deduct 0.5 per n until zero").empty());
  // Rising within a tier and at its bounds: rate × 10 reaches 6 at 60%, and the tier above gives 10.
  EXPECT_TRUE(steps_of("tiered rate {\n [0, 60%) -> 0\n [60%, 100%) -> rate * points\n [100%, 200%] -> points\n }").empty());
}

TEST(Monotonicity, AStepAgainstTheOthersIsFoundWhereItIs) {
  const std::vector<Step> drop = steps_of("tiered x {\n [0, 3) -> 0\n [3, 6) -> 6\n [6, 8) -> 4\n [8, 10] -> 10\n }");
  ASSERT_EQ(drop.size(), 1u);
  EXPECT_EQ(drop[0].line, 3u);  // the tier [6, 8), where the score falls from 6 to 4
  EXPECT_NE(drop[0].message.find("goes down where x（数值） rises past 6"), std::string::npos) << drop[0].message;
  EXPECT_NE(drop[0].message.find("just below 6 it is 6, from 6 it is 4"), std::string::npos) << drop[0].message;
  ASSERT_FALSE(drop[0].notes.empty());
  EXPECT_EQ(drop[0].notes[0], "so more x can lower the score");

  // A bad rate whose brackets mostly fall, and rise once.
  const std::vector<Step> rise = steps_of("brackets rate {\n <= 10% -> 10\n <= 20% -> 5\n <= 30% -> 6\n otherwise -> 0\n }");
  ASSERT_EQ(rise.size(), 1u);
  EXPECT_EQ(rise[0].line, 3u);
  EXPECT_NE(rise[0].message.find("goes up where rate（完成率） rises past 20%"), std::string::npos) << rise[0].message;
  EXPECT_EQ(rise[0].notes[0], "so more rate can raise the score");

  // Not shown unless asked for (scoring does not ask).
  EXPECT_TRUE(steps_of("tiered x {\n [0, 3) -> 0\n [3, 6) -> 6\n [6, 8) -> 4\n [8, 10] -> 10\n }", false).empty());
}

// The step is decided exactly from the two scores at the bound, with the intervals of what they
// read: w − w / 2 with w in [0, 10] never rises, and falls for every w above 0.
TEST(Monotonicity, StepsBetweenFormulasAreDecidedAtTheBound) {
  const std::vector<Step> half =
      steps_of("tiered x {\n [0, 5) -> x * w / 5\n [5, 8] -> w\n (8, 10] -> w / 2\n }");
  ASSERT_EQ(half.size(), 1u);
  EXPECT_EQ(half[0].line, 3u);
  EXPECT_NE(half[0].message.find("at 8 it is w, above 8 it is w / 2"), std::string::npos) << half[0].message;
  // At 5, x × w / 5 is w: no step there, and the tier rises with x.
  EXPECT_TRUE(steps_of("tiered x {\n [0, 5) -> x * w / 5\n [5, 10] -> w\n }").empty());
  // A step whose way depends on another fact (w − 5 at the bound) is not called either way.
  EXPECT_TRUE(steps_of("tiered x {\n [0, 3) -> 0\n [3, 5) -> 5\n [5, 10] -> w\n }").empty());
}

// A `when` whose conditions compare one value with constants is a brackets: its steps count.
TEST(Monotonicity, AWhenOnComparisonsStepsLikeBrackets) {
  EXPECT_TRUE(steps_of("when n == 0 -> 10 otherwise 5").empty());
  EXPECT_TRUE(steps_of("when x < 3 -> 0 when x < 6 -> 5 otherwise 10").empty());
  const std::vector<Step> s = steps_of("when x < 3 -> 0 when x < 6 -> 8 when x < 8 -> 5 otherwise 10");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_NE(s[0].message.find("goes down where x（数值） rises past 6, though it goes up elsewhere: just below 6 it is 8, from 6 it is 5"), std::string::npos)
      << s[0].message;
}

// Through a ratio and a list: more actual, or less target, raises the rate.
TEST(Monotonicity, TheFactsBehindTheSubjectAreNamed) {
  const std::vector<Step> s = steps_of(
      "sum(o in outputs: tiered o.actual / o.target {\n [0, 100%] -> o.weight\n (100%, inf) -> o.weight / 2\n })");
  ASSERT_EQ(s.size(), 0u) << "two tiers, one step: nothing for it to go against";
  const std::vector<Step> t = steps_of(
      "sum(o in outputs: tiered o.actual / o.target {\n [0, 60%) -> 0\n [60%, 150%] -> o.weight\n (150%, inf) -> o.weight / 2\n })");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].notes[0], "so more o.actual can lower the score");
  EXPECT_EQ(t[0].notes[1], "so less o.target can lower the score");
}

// The 2023 completion rule: full marks from 100% to 150% of the target, half above it. Found,
// and shown real by scoring: the court's first output at 150% and at 150.01% of its target.
TEST(Monotonicity, The2023RulesetHalvesTheScoreAbove150Percent) {
  LoadOptions options;
  options.monotonicity = true;
  const LoadedRuleset loaded = load_ruleset(kSourceDir + "/rulesets/guangzhou/2023.rubric", options);
  ASSERT_TRUE(loaded.ok());
  std::vector<const Diagnostic*> found;
  for (const Diagnostic& d : loaded.diagnostics.items()) {
    if (d.code == "W0407") found.push_back(&d);
  }
  ASSERT_EQ(found.size(), 1u);
  const Diagnostic& d = *found[0];
  EXPECT_EQ(loaded.ruleset->source->slice(*d.location.span), "(150%, inf)");
  EXPECT_NE(d.message.find("at 150% it is pts, above 150% it is pts / 2"), std::string::npos) << d.message;

  std::string facts = read_text(kSourceDir + "/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json");
  const std::string first = "\"target\": 100, \"actual\": 102";
  ASSERT_NE(facts.find(first), std::string::npos);
  const auto with_actual = [&](const std::string& actual) {
    std::string changed = facts;
    changed.replace(changed.find(first), first.size(), "\"target\": 100, \"actual\": " + actual);
    return score(loaded.ruleset, changed).score("部门整体绩效目标产出指标完成情况");
  };
  EXPECT_EQ(with_actual("150"), dec("20"));
  EXPECT_EQ(with_actual("150.01"), dec("17.5"));  // more done, 2.5 points less
}

// rubric check --directions: the way each indicator's score moves with each fact, as inferred.
TEST(Monotonicity, CheckPrintsTheDirectionsItInferred) {
  const CliResult r = run_cli("--lang en check --directions rulesets/guangzhou/2023.rubric");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // Indicator → fact → what is said of it.
  std::map<std::string, std::map<std::string, std::string>> said;
  std::string indicator;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("    ", 0) == 0) {
      const std::string fact = line.substr(4, line.find_first_of("（:") - 4);
      said[indicator][fact] = line.substr(4);
    } else if (line.rfind("  ", 0) == 0) {
      indicator = line.substr(2);
    }
  }
  const auto line_of = [&](const std::string& in, const std::string& fact) { return said[in][fact]; };
  // Deductions: more issues never raise the score.
  EXPECT_EQ(line_of("财务管理合规性", "audit_issues"),
            "audit_issues（审计和财会监督明确指出问题和处理意见并限期整改的问题数）: more never raises the score "
            "(declared more is worse)");
  // A rate's numerator and denominator: more carried over is worse, more appropriated better.
  EXPECT_NE(line_of("结转结余率", "carryover_year_end").find("more never raises the score"), std::string::npos);
  EXPECT_NE(line_of("结转结余率", "general_appropriation").find("more never lowers the score"), std::string::npos);
  // Completion: half marks above 150%, so more done can lower the score.
  EXPECT_NE(line_of("部门整体绩效目标产出指标完成情况", "o.actual").find("either way"), std::string::npos);
  EXPECT_NE(line_of("部门预算资金支出率", "m").find("more never lowers the score"), std::string::npos);
  // A `when` on a count compared with 0: more problems never raise the score.
  EXPECT_NE(line_of("绩效管理制度执行", "goals_returned").find("more never raises the score"), std::string::npos);
}

}  // namespace
}  // namespace rubric::testing
