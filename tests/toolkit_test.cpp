// The rule author's toolkit: tests written in the language, coverage, explain.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "interpreter/eval/plan.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

namespace fs = std::filesystem;

const std::string kRuleset = R"(ruleset "t" scheme demo year 2023
facts { rate : percent  issues : count default 0 }
section 全部 points 4 {
  indicator 完成率 points 2 {
    score tiered rate { [0, 60%) -> 0  [60%, 100%) -> rate * points  [100%, inf) -> points }
  }
  indicator 合规 points 2 { score deduct 0.5 per issues until zero }
}
grade { 优 >= 3.6; 差 otherwise }
test "in the ruleset itself" { given { "rate": "100%" } expect total = 4 }
)";

const std::string kTests = R"(test "完成率" {
  given file "facts.json"
  case "60%整" with { "rate": "60%" } expect 完成率 = 1.2
  case "低于60%" with { "rate": "59.99%" } expect 完成率 = 0
  case "wrong on purpose" with { "rate": "80%" } expect 完成率 = 1.5
}
test "合规" {
  given file "facts.json"
  case "扣完为止" with { "issues": 9 } expect 合规 = 0 expect grade = 差
  case "负数" with { "issues": -1 } expect error E0604
}
)";

class Toolkit : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rubric-toolkit-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    std::ofstream(dir_ / "demo.rubric") << kRuleset;
    std::ofstream(dir_ / "demo.test.rubric") << kTests;
    std::ofstream(dir_ / "facts.json") << R"({"department": "d", "year": 2023, "facts": {"rate": "100%"}})";
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string ruleset() const { return (dir_ / "demo.rubric").string(); }
  fs::path dir_;
};

TEST_F(Toolkit, RunsTestsFromTheRulesetAndItsSiblingFile) {
  const TestRun run = run_tests(ruleset());
  EXPECT_TRUE(run.diagnostics.empty()) << render(run.diagnostics);
  ASSERT_EQ(run.cases.size(), 6U);
  EXPECT_EQ(run.failed(), 1U);
  const CaseResult& wrong = run.cases[3];
  EXPECT_EQ(wrong.name, "wrong on purpose");
  EXPECT_FALSE(wrong.passed);
  // 80% × 2 = 1.6, not 1.5; the failure shows both and the indicator's derivation.
  EXPECT_EQ(wrong.failures, (std::vector<std::string>{"完成率: expected 1.5, got 1.6"}));
  EXPECT_NE(wrong.trace.find("rate = 80% ∈ [60%, 100%) → 1.6"), std::string::npos) << wrong.trace;
}

TEST_F(Toolkit, CoverageCountsEveryTierDeductionFloorAndGrade) {
  const TestRun run = run_tests(ruleset());
  // 3 tiers, 1 deduction, 1 floor, 2 grades.
  EXPECT_EQ(run.branches.size(), 7U);
  EXPECT_EQ(run.covered, 7U);
  EXPECT_EQ(run.coverage_percent(), 100);
  const TestRun filtered = run_tests(ruleset(), {"完成率"});
  EXPECT_EQ(filtered.cases.size(), 3U);
  EXPECT_LT(filtered.coverage_percent(), 100);
  bool floor_listed = false;
  for (const BranchInfo& b : filtered.branches) {
    if (!b.covered && b.what == "合规: the floor (until …) reached") floor_listed = true;
  }
  EXPECT_TRUE(floor_listed);
}

TEST_F(Toolkit, TheCommandReportsFailuresAndExitsNonZero) {
  const CliResult r = run_cli("test '" + ruleset() + "'");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("5 passed, 1 failed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("✗ 完成率 / wrong on purpose (" + (dir_ / "demo.test.rubric").string() + ":5)"), std::string::npos)
      << r.out;
  const CliResult filtered = run_cli("test --filter 合规 '" + ruleset() + "'");
  EXPECT_EQ(filtered.exit_code, 0) << filtered.out;
  const CliResult json = run_cli("test --format json --coverage '" + ruleset() + "'");
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["schema"], "rubric/test");
  EXPECT_EQ(j["failed"], 1);
  EXPECT_EQ(j["rulesets"][0]["failed"], 1);
  EXPECT_EQ(j["rulesets"][0]["coverage"]["percent"], 100);
}

TEST_F(Toolkit, ThresholdFailsBelowTheCoverageAsked) {
  const CliResult r = run_cli("test --coverage --threshold 90 --filter 完成率 '" + ruleset() + "'");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("is below the threshold 90%"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("not covered: 合规: deduct 0.5 per issues"), std::string::npos) << r.out;
}

TEST_F(Toolkit, ExplainPrintsTheDerivationOfOneIndicator) {
  const std::string facts = (dir_ / "f.json").string();
  std::ofstream(facts) << R"({"department": "d", "year": 2023, "facts": {"rate": "75%"}})";
  const CliResult r = run_cli("explain '" + ruleset() + "' '" + facts + "' 完成率");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("全部 / 完成率 (2 points, "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  values:\n    fact rate = 75%  (" + facts + ", facts.rate)\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("    rate = 75% ∈ [60%, 100%) → 1.5  [line 5]\n      because 60% ≤ 75% < 100%\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  rounding: 1.5 needs none (the ruleset's rounding: 2 decimals, half_up)\n  = 1.50\n"),
            std::string::npos)
      << r.out;
  // A fact the department did not give: its default, said so.
  const CliResult other = run_cli("explain '" + ruleset() + "' '" + facts + "' 合规");
  EXPECT_NE(other.out.find("    fact issues = 0  (default 0, not in the facts)\n"), std::string::npos) << other.out;
}

// ---- Fixed judged bands ----------------------------------------------------------------------

const std::string kFixedBand = R"(ruleset "t" scheme demo year 2023
facts {
  rules : enum { 完整, 有缺漏, 未出台 }
  rate : percent in [0, 100%] default 100%
}
indicator 制度 points 4 {
  score judged rate by rules {
    完整   -> [100%, 100%]
    有缺漏 -> [0, 100%)
    未出台 -> 0
  } * points
}
)";

TEST(FixedBand, TheCategoryFixesTheScoreAndTheJudgedValueIsIgnored) {
  const auto rs = load_ok(kFixedBand);
  ASSERT_TRUE(rs);
  // 未出台 gives 0 whatever rate says; 100% would be outside [0, 0] and 50% is not looked at.
  for (const std::string rate : {"100%", "50%", "0%"}) {
    const Scored s = score(rs, R"({"rules": "未出台", "rate": ")" + rate + R"("})");
    EXPECT_EQ(s.score("制度"), dec("0")) << rate << s.errors;
    EXPECT_NE(s.find("制度")->basis.find("为“未出台”，按类别定 0 分"), std::string::npos) << s.find("制度")->basis;
  }
  // The other bands still bound the judged value.
  EXPECT_EQ(score(rs, R"({"rules": "有缺漏", "rate": "50%"})").score("制度"), dec("2"));
  EXPECT_NE(score(rs, R"({"rules": "有缺漏"})").errors.find("E0708"), std::string::npos);
}

TEST(FixedBand, ThePlanAgreesWithTheEvaluator) {
  const auto rs = load_ok(kFixedBand);
  ASSERT_TRUE(rs);
  const Plan plan(*rs);
  for (const std::string facts : {R"({"rules": "未出台", "rate": "30%"})", R"({"rules": "完整"})", R"({"rules": "有缺漏", "rate": "25%"})"}) {
    FactsResult loaded = load_facts(*rs, R"({"department": "d", "year": 2023, "facts": )" + facts + "}", "f.json");
    ASSERT_TRUE(loaded.facts) << render(loaded.diagnostics);
    const PlanResult p = plan.evaluate(*loaded.facts);
    const Evaluation t = evaluate(*rs, *loaded.facts);
    EXPECT_EQ(p.total, t.total) << facts;
    ASSERT_EQ(p.scores.size(), 1U);
    EXPECT_EQ(p.scores[0], t.nodes[0].score) << facts;
  }
}

TEST(FixedBand, TheValueMustBeANumberAndTheBandStillNamesAMember) {
  std::string wrong = kFixedBand;
  wrong.replace(wrong.find("未出台 -> 0"), std::string("未出台 -> 0").size(), "未出台 -> \"零\"");
  EXPECT_NE(diagnostics_of(wrong).find("a category's fixed score must be a number, but this is a text"), std::string::npos)
      << diagnostics_of(wrong);
  std::string missing = kFixedBand;
  missing.replace(missing.find("未出台 -> 0"), std::string("未出台 -> 0").size(), "");
  EXPECT_NE(diagnostics_of(missing).find("category '未出台' has no band [E0309]"), std::string::npos);
  std::string junk = kFixedBand;
  junk.replace(junk.find("未出台 -> 0"), std::string("未出台 -> 0").size(), "未出台 -> }");
  EXPECT_NE(diagnostics_of(junk).find("expected the category's band, an interval such as [80%, 100%], or its fixed score"),
            std::string::npos)
      << diagnostics_of(junk);
}

TEST(FixedBand, CoverageCountsTheFixedBand) {
  const auto dir = fs::temp_directory_path() / ("rubric-fixed-band-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "r.rubric") << kFixedBand << R"(
test "制度" {
  given { "rules": "完整" }
  case "完整" expect 制度 = 4
  case "有缺漏" with { "rules": "有缺漏", "rate": "50%" } expect 制度 = 2
}
)";
  const TestRun partial = run_tests((dir / "r.rubric").string());
  EXPECT_TRUE(partial.ok()) << render(partial.diagnostics);
  ASSERT_EQ(partial.branches.size(), 3U);
  EXPECT_EQ(partial.covered, 2U);
  EXPECT_EQ(partial.branches[2].what, "制度: judged fixed band 未出台");
  EXPECT_FALSE(partial.branches[2].covered);
  std::ofstream(dir / "r.test.rubric") << R"(test "未出台" { given { "rules": "未出台", "rate": "80%" } expect 制度 = 0 })";
  const TestRun full = run_tests((dir / "r.rubric").string());
  EXPECT_TRUE(full.ok());
  EXPECT_EQ(full.covered, 3U);
  fs::remove_all(dir);
}

// ---- Boundaries ------------------------------------------------------------------------------

TEST_F(Toolkit, BoundariesGiveTheScoresJustBelowAtAndAboveEachBound) {
  const BoundaryRun run = boundary_tests(ruleset());
  ASSERT_TRUE(run.error.empty()) << run.error;
  EXPECT_TRUE(run.diagnostics.empty()) << render(run.diagnostics);
  // The base facts are the first test's: { "rate": "100%" } written in the ruleset itself.
  EXPECT_NE(run.text.find("given { \"rate\": \"100%\" }"), std::string::npos) << run.text;
  // 完成率: [0, 60%) -> 0, [60%, 100%) -> rate × 2, [100%, inf) -> 2; the step is 0.01%.
  const auto expect_case = [&](const std::string& name, const std::string& with, const std::string& expect) {
    const std::string c = "  case \"" + name + "\" with { " + with + " }\n    " + expect + "\n";
    EXPECT_NE(run.text.find(c), std::string::npos) << c << "\nin:\n" << run.text;
  };
  expect_case("rate = 59.99% (below 60%)", R"("rate": "59.99%")", "expect 完成率 = 0.00");
  expect_case("rate = 60% (at 60%)", R"("rate": "60%")", "expect 完成率 = 1.20");
  expect_case("rate = 60.01% (above 60%)", R"("rate": "60.01%")", "expect 完成率 = 1.20");   // 1.2002
  expect_case("rate = 99.99% (below 100%)", R"("rate": "99.99%")", "expect 完成率 = 2.00");  // 1.9998
  expect_case("rate = 100% (at 100%)", R"("rate": "100%")", "expect 完成率 = 2.00");
  expect_case("rate = 0% (at 0)", R"("rate": "0%")", "expect 完成率 = 0.00");
  // Below the fact's domain [0, inf): the facts are refused, and the case says so.
  expect_case("rate = -0.01% (below 0)", R"("rate": "-0.01%")", "expect error E0604");
  EXPECT_EQ(run.cases, 9U);
  EXPECT_TRUE(run.skipped.empty());
}

TEST_F(Toolkit, BoundaryTestsPastedIntoATestFileParseAndPass) {
  const CliResult r = run_cli("test --boundaries '" + ruleset() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("9 boundary cases, 0 skipped"), std::string::npos) << r.err;
  std::ofstream(dir_ / "demo.test.rubric") << r.out;
  const TestRun run = run_tests(ruleset());
  EXPECT_TRUE(run.ok()) << render(run.diagnostics) << run.failed() << " failed";
  EXPECT_EQ(run.cases.size(), 10U);  // the 9 generated and the ruleset's own
}

TEST(ShippedBoundaries, The2023BoundariesPassAndSayWhatTheySkip) {
  const auto dir = fs::temp_directory_path() / ("rubric-boundaries-2023-" + std::to_string(::getpid()));
  fs::create_directories(dir / "examples");
  const std::string from = kSourceDir + "/rulesets/guangzhou/";
  fs::copy_file(from + "2023.rubric", dir / "2023.rubric");
  fs::copy_file(from + "examples/guangzhou-internet-court-2023.json", dir / "examples/guangzhou-internet-court-2023.json");
  fs::copy_file(from + "2023.test.rubric", dir / "2023.test.rubric");
  const BoundaryRun run = boundary_tests((dir / "2023.rubric").string());
  ASSERT_FALSE(run.text.empty()) << run.error << render(run.diagnostics);
  EXPECT_GE(run.cases, 60U);
  // 结转结余率's rate = carryover_year_end / 7788.95: the fact is solved for, exactly.
  EXPECT_NE(run.text.find("  case \"rate = 10.01% (above 10%)\" with { \"carryover_year_end\": 779.673895 }\n"
                          "    expect 结转结余率 = 1.00\n"),
            std::string::npos)
      << run.text;
  // The bands of the benefit judgements depend on each judgement's weight.
  EXPECT_NE(run.text.find("# Skipped:\n"), std::string::npos);
  EXPECT_NE(run.text.find("band 达成年度指标: bound 80% * j.weight is not a constant"), std::string::npos) << run.text;
  fs::remove(dir / "2023.test.rubric");
  std::ofstream(dir / "2023.test.rubric") << run.text;
  const TestRun pasted = run_tests((dir / "2023.rubric").string());
  EXPECT_TRUE(pasted.ok()) << render(pasted.diagnostics) << pasted.failed() << " failed";
  EXPECT_EQ(pasted.cases.size(), run.cases);
  fs::remove_all(dir);
}

TEST(ShippedExplain, OneIndicatorOfThe2023ExampleWithWhereEachValueCameFrom) {
  const std::string facts = kSourceDir + "/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json";
  const CliResult r = run_cli("explain '" + kSourceDir + "/rulesets/guangzhou/2023.rubric' '" + facts + "' 结转结余率");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string expected = "  values:\n"
                               "    fact carryover_year_end = 0  (" + facts + ", facts.carryover_year_end)\n"
                               "    fact carryover_opening = 0  (" + facts + ", facts.carryover_opening)\n"
                               "    fact general_appropriation = 7788.95  (" + facts + ", facts.general_appropriation)\n";
  EXPECT_NE(r.out.find(expected), std::string::npos) << r.out;
  // Lines are looked up in the ruleset, so that reformatting it does not break the test.
  const std::string source = read_text(kSourceDir + "/rulesets/guangzhou/2023.rubric");
  const std::size_t indicator = source.find("indicator 结转结余率");
  const std::size_t let_at = source.find("let rate \"结转结余率\" =", indicator);
  const std::size_t arm_at = source.find("<= 10% -> 2", let_at);
  ASSERT_NE(indicator, std::string::npos);
  ASSERT_NE(let_at, std::string::npos);
  ASSERT_NE(arm_at, std::string::npos);
  const auto line_of = [&](std::size_t at) {
    return 1 + std::count(source.begin(), source.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  };
  EXPECT_NE(r.out.find(fmt::format("    let rate = 0%  (let at 2023.rubric:{}:11)\n", line_of(let_at))),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(fmt::format("    rate = 0%, <= 10% → 2  [line {}]\n      because 满足 0% <= 10%\n",
                                   line_of(arm_at))),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  rounding: 2 needs none (the ruleset's rounding: 2 decimals, half_up)\n  = 2.00\n"),
            std::string::npos)
      << r.out;
  // A function and list elements: outputs[i].field, each with its JSON path.
  const CliResult outputs =
      run_cli("explain '" + kSourceDir + "/rulesets/guangzhou/2023.rubric' '" + facts + "' 部门整体绩效目标产出指标完成情况");
  EXPECT_NE(outputs.out.find("    fact outputs[2].target = 100  (" + facts + ", facts.outputs[2].target)\n"), std::string::npos)
      << outputs.out;
  EXPECT_NE(outputs.out.find("    function completion(rate, pts)  (function at 2023.rubric:153:8)\n"), std::string::npos);
  EXPECT_NE(outputs.out.find("because 100% ≤ 102% ≤ 150%"), std::string::npos);
}

}  // namespace
}  // namespace rubric::testing

namespace rubric::testing {
namespace {

TEST(ShippedRulesets, TheirTestsPassAndCoverTheirBranches) {
  for (const std::string year : {"2021", "2023"}) {
    const TestRun run = run_tests(kSourceDir + "/rulesets/guangzhou/" + year + ".rubric");
    EXPECT_TRUE(run.ok()) << year << ": " << render(run.diagnostics) << run.failed() << " failed";
    EXPECT_GE(run.cases.size(), 50U) << year;
    EXPECT_EQ(run.covered, run.branches.size()) << year << ": " << run.coverage_percent() << "%";
  }
}

}  // namespace
}  // namespace rubric::testing
