// The static analysis (interpreter/check/analysis.hpp) through the public API and the rubric program:
// for each finding, a ruleset that has it and one that does not; the five-finding acceptance
// ruleset; --werror and --unsure; and the shipped rulesets, which must come out clean.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support.hpp"

namespace rubric::testing {
namespace {

struct Finding {
  std::string code;
  std::uint32_t line = 0;
  Severity severity = Severity::Warning;
  std::string message;
};

// What loading [body] reports, under a header and facts every case shares. Lines count from
// the first line of [body] (line 1), so a case can say where its finding is.
std::vector<Finding> findings(const std::string& body, bool unsure = false) {
  const std::string header =
      "ruleset \"分析\" scheme test year 2023\n"
      "facts {\n"
      "  rate : percent in [0, 100%] \"完成率\"\n"
      "  open_rate : percent \"不设上限的比率\"\n"
      "  x : number in [0, 10] \"数值\"\n"
      "  n : count \"次数\"\n"
      "  budget : money in (0, inf) \"预算\"\n"
      "  spent : money \"支出\"\n"
      "  outputs : list of { target: number in (0, inf), actual: number in [0, inf), weight: number in [0, 10] } \"产出\"\n"
      "  ok : bool \"达标\"\n"
      "  level : enum { 好, 中, 差 } \"评价\"\n"
      "}\n";
  const auto header_lines = static_cast<std::uint32_t>(std::count(header.begin(), header.end(), '\n'));
  LoadOptions options;
  options.unsure = unsure;
  const LoadedRuleset loaded = load_ruleset_source("analysis.rubric", header + body, options);
  std::vector<Finding> out;
  for (const Diagnostic& d : loaded.diagnostics.items()) {
    // Facts a case does not use are not what these tests are about.
    if (d.code == "W0102" || d.code == "W0503") continue;
    Finding f;
    f.code = d.code;
    f.severity = d.severity;
    f.message = d.message;
    if (d.location.file && d.location.span) f.line = d.location.file->line_column(d.location.span->begin).line - header_lines;
    out.push_back(f);
  }
  return out;
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

std::vector<std::string> codes(const std::vector<Finding>& fs) {
  std::vector<std::string> out;
  for (const Finding& f : fs) out.push_back(f.code + (f.severity == Severity::Note ? " (note)" : ""));
  return out;
}

using Codes = std::vector<std::string>;

// One indicator scoring [score] with [points] points, in a section that adds up.
std::string indicator(const std::string& score, const std::string& points = "10") {
  return "section 测试 points " + points + " {\n  indicator 指标 points " + points + " {\n    score " + score +
         "\n  }\n}\n";
}

// ---- Gaps (W0401) --------------------------------------------------------------------------

TEST(AnalysisGaps, ATierGapInsideTheDomainIsReportedAtTheTierAfterIt) {
  const auto fs = findings(indicator("tiered rate {\n      [0, 50%) -> 0\n      (60%, 100%] -> points\n    }"));
  ASSERT_EQ(codes(fs), Codes{"W0401"});
  EXPECT_EQ(fs[0].message, "no tier takes rate in [50%, 60%]");
  EXPECT_EQ(fs[0].line, 5U);
}

TEST(AnalysisGaps, TiersThatCoverTheDomainHaveNoGap) {
  EXPECT_TRUE(findings(indicator("tiered rate { [0, 60%) -> 0  [60%, 100%] -> points }")).empty());
}

TEST(AnalysisGaps, OnlyTheDeclaredDomainCounts) {
  // rate stops at 100%: nothing above it needs a tier. open_rate does not stop.
  EXPECT_TRUE(findings(indicator("tiered rate { [0, 100%] -> points }")).empty());
  const auto fs = findings(indicator("tiered open_rate { [0, 100%] -> points }"));
  ASSERT_EQ(codes(fs), Codes{"W0401"});
  EXPECT_EQ(fs[0].message, "no tier takes open_rate in (100%, inf)");
}

TEST(AnalysisGaps, AGapWithNoWholeNumberIsNoGapForACount) {
  EXPECT_TRUE(findings(indicator("tiered n { [0, 2] -> points  [3, inf) -> 0 }")).empty());
  const auto fs = findings(indicator("tiered x { [0, 2] -> points  [3, 10] -> 0 }"));
  ASSERT_EQ(codes(fs), Codes{"W0401"});
  EXPECT_EQ(fs[0].message, "no tier takes x in (2, 3)");
}

TEST(AnalysisGaps, BracketsWithoutOtherwiseThatMissValues) {
  const auto fs = findings(indicator("brackets x { < 3 -> points  < 5 -> 1 }"));
  ASSERT_EQ(codes(fs), Codes{"W0401"});
  EXPECT_EQ(fs[0].message, "no bracket takes x in [5, 10]");
  EXPECT_TRUE(findings(indicator("brackets x { < 3 -> points  otherwise -> 1 }")).empty());
  EXPECT_TRUE(findings(indicator("brackets x { < 3 -> points  >= 3 -> 1 }")).empty());
}

TEST(AnalysisGaps, AGapInAFunctionIsFoundWithTheValuesOfItsCall) {
  const std::string body =
      "define grade_of(v) = tiered v { [0, 5] -> 1  (6, inf) -> 0 }\n" + indicator("grade_of(x)", "1");
  const auto fs = findings(body);
  ASSERT_EQ(codes(fs), Codes{"W0401"});
  EXPECT_EQ(fs[0].message, "no tier takes v in (5, 6]");
  // Tiers that meet at 5 leave no gap for any call.
  EXPECT_TRUE(findings("define grade_of(v) = tiered v { [0, 5] -> 1  (5, inf) -> 0 }\n" + indicator("grade_of(x)", "1"))
                  .empty());
  // Called only with rate (at most 100%), the gap (5, 6] is never met, but the last tier is
  // never reached either.
  EXPECT_EQ(codes(findings(body.substr(0, body.find('\n') + 1) + indicator("grade_of(rate)", "1"))), Codes{"W0403"});
}

TEST(AnalysisGaps, UnsureWhenTheValueIsOverApproximated) {
  // x - x is always 0, but intervals see [-10, 10]: the "gap" below 0 is not certain.
  const std::string body = indicator("tiered x - x { [0, 1] -> points }");
  EXPECT_TRUE(findings(body).empty());
  const auto fs = findings(body, true);
  ASSERT_EQ(codes(fs), Codes{"W0401 (note)"});
  EXPECT_NE(fs[0].message.find("unsure: no tier takes x - x in [-10, 0)"), std::string::npos);
  EXPECT_NE(fs[0].message.find("'x' is used more than once"), std::string::npos);
}

// ---- Overlaps (E0412, W0402) ----------------------------------------------------------------

TEST(AnalysisOverlaps, ASharedBoundWithDifferentScores) {
  const auto fs = findings(indicator("tiered rate {\n      [0, 60%] -> 0\n      [60%, 100%] -> points\n    }"));
  ASSERT_EQ(codes(fs), Codes{"E0412"});
  EXPECT_EQ(fs[0].message,
            "the tiers [0, 60%] and [60%, 100%] both take rate = 60%, where they give different scores (0 and "
            "points)");
  EXPECT_EQ(fs[0].line, 5U);
}

TEST(AnalysisOverlaps, TheTableOf2023SharesHundredPercentAndAgrees) {
  // The table's own words: "60%-100%" gives rate × points, "100%-150%" full marks; both name
  // 100%, where rate × points is the full marks.
  const std::string body =
      "define completion(rate, pts) = tiered rate {\n"
      "  [0, 60%)     -> 0\n"
      "  [60%, 100%]  -> rate * pts\n"
      "  [100%, 150%] -> pts\n"
      "  (150%, inf)  -> pts / 2\n"
      "}\n" +
      indicator("min(sum(o in outputs: completion(o.actual / o.target, o.weight)), points)");
  EXPECT_TRUE(findings(body).empty());
  EXPECT_TRUE(findings(indicator("tiered rate { [0, 50%] -> rate * 2 * points  [50%, 100%] -> points }")).empty());
}

TEST(AnalysisOverlaps, AnOverlapOfAWholeRange) {
  const auto fs = findings(indicator("tiered rate { [0, 70%] -> 0  [50%, 100%] -> points }"));
  ASSERT_EQ(codes(fs), Codes{"E0412"});
  EXPECT_NE(fs[0].message.find("both take rate in [50%, 70%]"), std::string::npos);
  // Outside the domain an overlap does no harm.
  EXPECT_TRUE(findings(indicator("tiered rate { [0, 100%] -> points  [100%, 200%] -> points }")).empty());
}

TEST(AnalysisOverlaps, AProportionalTierOverAWholeRangeDiffersFromFullMarks) {
  // rate × points and points agree only at 100%: over [80%, 90%] they differ, whatever else holds.
  const auto fs = findings(indicator("tiered rate { [0, 90%] -> rate * points  [80%, 100%] -> points }"));
  ASSERT_EQ(codes(fs), Codes{"E0412"});
  EXPECT_NE(fs[0].message.find("both take rate in [80%, 90%]"), std::string::npos);
}

TEST(AnalysisOverlaps, AWarningWhenTheScoresDifferOnlyByOtherNames) {
  // min(x, 10) and x are different formulas, yet equal for every x in [0, 10]: the analysis
  // cannot be sure the rules contradict themselves, so it warns and does not refuse.
  const auto fs = findings(indicator("tiered rate { [0, 60%] -> min(x, 10)  [60%, 100%] -> x }"));
  ASSERT_EQ(codes(fs), Codes{"W0402"});
  EXPECT_NE(fs[0].message.find("where they can give different scores"), std::string::npos);
}

TEST(AnalysisOverlaps, UnsureWhenTheScoresCannotBeCompared) {
  const std::string body = indicator("tiered rate { [0, 60%] -> min(rate, 60%) * points  [60%, 100%] -> 0.6 * points }");
  EXPECT_TRUE(findings(body).empty());
  const auto fs = findings(body, true);
  ASSERT_EQ(codes(fs), Codes{"W0402 (note)"});
  EXPECT_NE(fs[0].message.find("cannot tell whether"), std::string::npos);
}

// ---- Unreachable tiers and arms (W0403) ----------------------------------------------------

TEST(AnalysisUnreachable, ATierOutsideTheDomain) {
  const auto fs = findings(indicator("tiered rate { [0, 100%] -> points  (100%, inf) -> 0 }"));
  ASSERT_EQ(codes(fs), Codes{"W0403"});
  EXPECT_EQ(fs[0].message, "no value of rate reaches the tier (100%, inf): rate lies in [0%, 100%]");
}

TEST(AnalysisUnreachable, ABracketArmBehindAWiderOne) {
  const auto fs = findings(indicator("brackets x {\n      <= 5 -> points\n      <= 3 -> 1\n      otherwise -> 0\n    }"));
  ASSERT_EQ(codes(fs), Codes{"W0403"});
  EXPECT_EQ(fs[0].line, 5U);
  EXPECT_TRUE(findings(indicator("brackets x { <= 3 -> points  <= 5 -> 1  otherwise -> 0 }")).empty());
}

TEST(AnalysisUnreachable, AnOtherwiseThatTheArmsAboveLeaveNothingTo) {
  const auto fs = findings(indicator("brackets x { <= 5 -> points  > 5 -> 1  otherwise -> 0 }"));
  ASSERT_EQ(codes(fs), Codes{"W0403"});
  EXPECT_EQ(fs[0].message, "'otherwise' is never taken: the arms above take every value of x in [0, 10]");
}

TEST(AnalysisUnreachable, ATierReachedByAnyCallIsReachable) {
  // rate never reaches (1, 10], x does: the function's tier is used.
  const std::string define = "define f(v) = tiered v { [0, 1] -> 1  (1, 10] -> 0 }\n";
  EXPECT_TRUE(findings(define + indicator("f(rate) + f(x)", "2")).empty());
  EXPECT_EQ(codes(findings(define + indicator("f(rate)", "1"))), Codes{"W0403"});
}

TEST(AnalysisUnreachable, AConditionNarrowsTheValue) {
  // Under 'rate < 50%' the tier [50%, 100%] is never reached.
  const auto fs = findings(indicator("when rate < 50% -> tiered rate { [0, 50%) -> 0  [50%, 100%] -> 1 } otherwise points"));
  ASSERT_EQ(codes(fs), Codes{"W0403"});
}

// ---- Bounds (W0404, W0405) -----------------------------------------------------------------

TEST(AnalysisBounds, AScoreThatCanExceedItsPoints) {
  const auto fs = findings(indicator("n * 0.5", "3"));
  ASSERT_EQ(codes(fs), Codes{"W0404"});
  EXPECT_EQ(fs[0].message, "'指标' can score without limit, more than its 3 points");
  const auto capped = findings(indicator("x * 2"));
  ASSERT_EQ(codes(capped), Codes{"W0404"});
  EXPECT_EQ(capped[0].message, "'指标' can score up to 20, more than its 10 points");
  EXPECT_TRUE(findings(indicator("min(n * 0.5, points)", "3")).empty());
  EXPECT_TRUE(findings(indicator("rate * points")).empty());
}

TEST(AnalysisBounds, RoundingDecidesWhetherTheScoreExceedsItsPoints) {
  // 10.004 rounds to 10.00 at two decimals: within the points; 10.005 rounds to 10.01.
  EXPECT_TRUE(findings(indicator("x * 1.0004")).empty());
  EXPECT_EQ(codes(findings(indicator("x * 1.0005"))), Codes{"W0404"});
}

TEST(AnalysisBounds, ADeductionWithoutFloorCanFallBelowZero) {
  const auto fs = findings(indicator("deduct 0.5 per n", "2"));
  ASSERT_EQ(codes(fs), Codes{"W0405"});
  EXPECT_EQ(fs[0].message, "'指标' can score without limit below, less than its floor 0");
  EXPECT_TRUE(findings(indicator("deduct 0.5 per n until zero", "2")).empty());
}

TEST(AnalysisBounds, ASignedRangeIsItsOwnFloor) {
  const std::string facts_and = "section 加减分项 points -5 to 5 {\n  indicator 调整 points -5 to 5 {\n    score ";
  EXPECT_TRUE(findings(facts_and + "deduct x from 5\n  }\n}\n").empty());
  EXPECT_EQ(codes(findings(facts_and + "deduct x * 2 from 5\n  }\n}\n")), Codes{"W0405"});
}

TEST(AnalysisBounds, ConditionsNarrowTheNamesTheyCompare) {
  // Without the narrowing, open_rate * points could be anything up to infinity.
  EXPECT_TRUE(findings(indicator("when open_rate >= 100% -> points otherwise open_rate * points")).empty());
  EXPECT_TRUE(findings("section 测试 points 2 {\n  indicator 指标 points 2 {\n"
                       "    let over = (spent - budget) / budget\n"
                       "    score when over <= 0 -> points otherwise deduct 0.5 per steps(over, 5%) until zero\n"
                       "  }\n}\n")
                  .empty());
}

TEST(AnalysisBounds, TiersAndConditionsNarrowAnExpressionWrittenAgain) {
  // [9] item 9: in the arm [60%, 100%) of `tiered spent / budget`, spent / budget is below 100%,
  // so spent / budget * points is below the points; naming the ratio with `let` was the only way
  // to say so. The same for a condition on an expression.
  EXPECT_TRUE(findings(indicator("tiered spent / budget { [0, 60%) -> 0  [60%, 100%) -> spent / budget * points"
                                 "  [100%, inf) -> points }"))
                  .empty());
  EXPECT_TRUE(findings(indicator("when spent / budget >= 100% -> points otherwise spent / budget * points")).empty());
  // Another expression is not narrowed: spent / budget bounds nothing about spent.
  EXPECT_EQ(codes(findings(indicator("tiered spent / budget { [0, 100%) -> spent  [100%, inf) -> points }"))),
            Codes{"W0404"});
}

TEST(AnalysisBounds, UnsureOverAListWhoseLengthNoDeclarationBounds) {
  const std::string body = indicator("sum(o in outputs: o.weight)");
  EXPECT_TRUE(findings(body).empty());
  const auto fs = findings(body, true);
  ASSERT_EQ(codes(fs), Codes{"W0404 (note)"});
  EXPECT_NE(fs[0].message.find("the number of elements of 'outputs'"), std::string::npos);
}

TEST(AnalysisBounds, UnsureAfterADivisionByAValueThatCanBeZero) {
  const std::string body = indicator("min(spent / x, points)");
  EXPECT_TRUE(findings(body).empty());  // the min caps it anyway
  const std::string uncapped = indicator("spent / x");
  EXPECT_TRUE(findings(uncapped).empty());
  const auto fs = findings(uncapped, true);
  ASSERT_EQ(codes(fs), (Codes{"W0404 (note)", "W0405 (note)"}));
  EXPECT_NE(fs[0].message.find("the divisor x can be 0"), std::string::npos);
}

TEST(AnalysisBounds, JudgedBandsBoundTheScore) {
  // The judged score x lies in [0, 10], but each band holds it to at most the points.
  EXPECT_TRUE(findings(indicator("judged x by level { 好 -> [4, 5]  中 -> [2, 4)  差 -> [0, 2) }", "5")).empty());
  EXPECT_EQ(codes(findings(indicator("judged x by level { 好 -> [4, 6]  中 -> [2, 4)  差 -> [0, 2) }", "5"))),
            Codes{"W0404"});
  // `member -> VALUE` fixes the score of a category.
  EXPECT_TRUE(findings(indicator("judged x by level { 好 -> 5  中 -> [2, 4)  差 -> 0 }", "5")).empty());
  EXPECT_EQ(codes(findings(indicator("judged x by level { 好 -> 6  中 -> [2, 4)  差 -> 0 }", "5"))), Codes{"W0404"});
}

TEST(AnalysisOverlaps, IdenticalScoresAgreeEvenWhenTheyCannotBeExpanded) {
  EXPECT_TRUE(findings(indicator("tiered rate { [0, 60%] -> min(rate, 50%) * points  [60%, 100%] -> min(rate, 50%) * points }")).empty());
}

TEST(AnalysisBounds, JudgedBandsAndWeightedParts) {
  EXPECT_TRUE(findings(indicator("weighted { 50% -> when ok -> points otherwise 0  50% -> rate * points }")).empty());
  EXPECT_EQ(codes(findings(indicator("weighted { 50% -> x * 2  50% -> points }"))), Codes{"W0404"});
}

TEST(AnalysisLimits, CallsThatDoubleAtEveryLevelStopTheAnalysisNotTheLoad) {
  // f39 makes 2^39 calls if each is analysed: the step budget stops the analysis, and the
  // ruleset still loads. Only --unsure says that the analysis stopped.
  std::string body = "define f0(v) = v\n";
  for (int i = 1; i < 40; ++i) body += "define f" + std::to_string(i) + "(v) = f" + std::to_string(i - 1) + "(v) + f" + std::to_string(i - 1) + "(v)\n";
  body += indicator("min(f39(x), points)", "1");
  EXPECT_TRUE(findings(body).empty());
  const auto fs = findings(body, true);
  ASSERT_EQ(fs.size(), 1U);
  EXPECT_EQ(fs[0].severity, Severity::Note);
  EXPECT_NE(fs[0].message.find("the analysis stopped after 250000 steps"), std::string::npos);
}

// ---- The acceptance ruleset, the program, and the shipped rulesets -------------------------

TEST(AnalysisAcceptance, FivePlantedFindingsAndNothingElse) {
  const LoadedRuleset loaded = load_ruleset(kSourceDir + "/tests/fixtures/analysis/five_findings.rubric");
  std::vector<std::pair<std::string, std::uint32_t>> got;
  for (const Diagnostic& d : loaded.diagnostics.items()) {
    ASSERT_TRUE(d.location.file && d.location.span) << render(d);
    got.emplace_back(d.code, d.location.file->line_column(d.location.span->begin).line);
  }
  std::sort(got.begin(), got.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  const std::vector<std::pair<std::string, std::uint32_t>> expected = {
      {"E0404", 14}, {"W0401", 19}, {"E0412", 26}, {"W0403", 33}, {"W0404", 39}};
  EXPECT_EQ(got, expected) << render(loaded.diagnostics);
}

TEST(AnalysisCli, CheckShowsTheFiveWithLocationsAndFails) {
  const CliResult r = run_cli("check tests/fixtures/analysis/five_findings.rubric");
  EXPECT_EQ(r.exit_code, 1);
  for (const std::string at : {"five_findings.rubric:14:12: error:", "five_findings.rubric:19:7: warning:",
                               "five_findings.rubric:26:7: error:", "five_findings.rubric:33:7: warning:",
                               "five_findings.rubric:39:11: warning:"}) {
    EXPECT_NE(r.err.find(at), std::string::npos) << at << "\n" << r.err;
  }
  EXPECT_NE(r.err.find("2 errors and 3 warnings generated."), std::string::npos) << r.err;
}

TEST(AnalysisCli, WerrorMakesWarningsFail) {
  const std::string file = "tests/fixtures/analysis/gap_only.rubric";
  const CliResult plain = run_cli("check " + file);
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_NE(plain.err.find("warning: no tier takes rate in [50%, 60%] [W0401]"), std::string::npos) << plain.err;
  const CliResult strict = run_cli("check --werror " + file);
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_NE(strict.err.find("gap_only.rubric: warnings are errors (--werror)"), std::string::npos) << strict.err;
}

TEST(AnalysisCli, UnsureListsNotesButDoesNotFail) {
  const CliResult r = run_cli("check --werror --unsure rulesets/guangzhou/2023.rubric");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("note: unsure: '部门整体绩效目标产出指标完成情况' can score without limit"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rulesets/guangzhou/2023.rubric: ok"), std::string::npos) << r.err;
}

// Clean: no error, no warning. Both keep, as a note, the one step their criteria mean to take:
// above 150% completion an output scores half (W0407, see Monotonicity below).
TEST(AnalysisCli, ShippedRulesetsAreCleanWithWerror) {
  for (const std::string file : {"rulesets/guangzhou/2021.rubric", "rulesets/guangzhou/2023.rubric"}) {
    const CliResult r = run_cli("check --werror " + file);
    EXPECT_EQ(r.exit_code, 0) << file << "\n" << r.err;
    EXPECT_EQ(r.err.find("warning"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("error"), std::string::npos) << r.err;
    EXPECT_EQ(count_of(r.err, "[W0407]"), 1u) << r.err;
    EXPECT_TRUE(r.err.ends_with("\n" + file + ": ok\n")) << r.err;
  }
}

TEST(AnalysisCli, ScoringAShippedRulesetPrintsNoAnalysisNoise) {
  const CliResult r = run_cli("score rulesets/guangzhou/2023.rubric rulesets/guangzhou/examples/guangzhou-internet-court-2023.json");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err.find("W04"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace rubric::testing
