// Scores relative to the year's departments (docs/language.md, "Scores relative to the year's
// departments"): year_mean, year_min, year_max and year_rank read a cohort that a batch builds in
// a first pass over its input, or that `rubric score --cohort` reads; scored alone, they are an
// error, never a guess.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "interpreter/batch/batch.hpp"
#include "interpreter/eval/cohort.hpp"
#include "interpreter/eval/plan.hpp"
#include "interpreter/tools/testing.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

namespace fs = std::filesystem;

const std::string kRuleset = "tests/fixtures/cohort/relative.rubric";
const std::string kDepartments = "tests/fixtures/cohort/departments.csv";

std::shared_ptr<const ast::Ruleset> relative() { return load_ok(read_text(kSourceDir + "/" + kRuleset), kRuleset); }

// Six departments' execution: 90%, 80%, 70%, 95%, 80%, 75%.
std::shared_ptr<const Cohort> six_departments(const ast::Ruleset& rs) {
  CohortBuilder builder(rs, "test");
  for (const char* v : {"0.9", "0.8", "0.7", "0.95", "0.8", "0.75"}) {
    Facts f;
    f.values = {Value(dec(v))};
    builder.add(f);
  }
  return builder.finish();
}

TEST(Cohort, RanksShareTheBestPlaceAndTheMeanIsExact) {
  const auto rs = relative();
  ASSERT_TRUE(rs);
  EXPECT_TRUE(rs->reads_cohort());
  const auto cohort = six_departments(*rs);
  EXPECT_EQ(*year_value(*cohort, ast::YearOf::Rank, 0, dec("0.95")), dec("1"));
  EXPECT_EQ(*year_value(*cohort, ast::YearOf::Rank, 0, dec("0.8")), dec("3"));
  EXPECT_EQ(*year_value(*cohort, ast::YearOf::Rank, 0, dec("0.75")), dec("5"));
  EXPECT_EQ(*year_value(*cohort, ast::YearOf::Rank, 0, dec("0.99")), dec("1"));  // a department not in it
  EXPECT_EQ(*year_value(*cohort, ast::YearOf::Min, 0, dec("0")), dec("0.7"));
  EXPECT_EQ(*year_value(*cohort, ast::YearOf::Max, 0, dec("0")), dec("0.95"));
  EXPECT_EQ(*year_value(*cohort, ast::YearOf::Mean, 0, dec("0")), dec("4.9") / dec("6"));
  EXPECT_FALSE(year_value(*CohortBuilder(*rs, "empty").finish(), ast::YearOf::Mean, 0, dec("0")));
}

TEST(Cohort, ABatchReadsTheYearFirstThenScoresEachAgainstIt) {
  const fs::path out = fs::temp_directory_path() / ("rubric_cohort_" + std::to_string(::getpid()) + ".csv");
  const CliResult r = run_cli("batch " + kRuleset + " " + kDepartments + " -o " + out.string() + " -j 2");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string text = read_text(out.string());
  fs::remove(out);
  // mean 490% / 6 = 81.666…%: 80% scores 80 / 81.666… × 5 = 4.897… → 4.90; 80% twice shares rank 3.
  EXPECT_NE(text.find("2,D2,乙,9.90,优,4.90,5.00,\n"), std::string::npos) << text;
  EXPECT_NE(text.find("5,D5,戊,9.90,优,4.90,5.00,\n"), std::string::npos) << text;
  EXPECT_NE(text.find("3,D3,丙,4.29,差,4.29,0.00,\n"), std::string::npos) << text;
  EXPECT_NE(text.find("6,D6,己,7.59,差,4.59,3.00,\n"), std::string::npos) << text;
}

TEST(Cohort, ARowWithErrorsIsNotInTheYearAndTheSummarySaysSo) {
  const fs::path dir = fs::temp_directory_path() / ("rubric_cohort_bad_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "d.csv") << "id,department,year,execution\nD1,甲,2024,90%\nD2,乙,2024,x\nD3,丙,2024,70%\n";
  BatchOptions options;
  options.input = (dir / "d.csv").string();
  options.output = (dir / "o.csv").string();
  const BatchResult result = run_batch(*relative(), options);
  const std::string text = read_text(options.output);
  fs::remove_all(dir);
  ASSERT_EQ(result.summary.warnings.size(), 1u);
  EXPECT_EQ(result.summary.warnings[0].rfind("1 of 3 departments have errors in the facts compared across the year", 0), 0u)
      << result.summary.warnings[0];
  EXPECT_NE(text.find("1,D1,甲,10.00,优,5.00,5.00,\n"), std::string::npos) << text;  // mean 80%
  EXPECT_NE(text.find("3,D3,丙,9.38,优,4.38,5.00,\n"), std::string::npos) << text;  // 70 / 80 × 5; 2nd of 2
}

TEST(Cohort, AnErrorInAFactNotComparedLeavesTheYearAsItIs) {
  const fs::path dir = fs::temp_directory_path() / ("rubric_cohort_other_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // The example ruleset compares budget_execution only: a row missing its other facts still counts.
  std::ofstream(dir / "d.csv") << "id,department,year,budget_execution\nD1,甲,2024,90%\nD2,乙,2024,70%\n";
  const LoadedRuleset loaded = load_ruleset(kSourceDir + "/rulesets/examples/2024.rubric");
  ASSERT_TRUE(loaded.ok());
  std::string fatal;
  const auto cohort = read_cohort(*loaded.ruleset, (dir / "d.csv").string(), BatchColumns{}, fatal);
  fs::remove_all(dir);
  ASSERT_TRUE(cohort) << fatal;
  EXPECT_EQ(cohort->departments, 2u);
  EXPECT_EQ(cohort->refused, 0u);
}

TEST(Cohort, ATestBlockNamesTheYearAndABadRowFailsIt) {
  const TestRun run = run_tests(kSourceDir + "/" + kRuleset);
  EXPECT_TRUE(run.ok());
  EXPECT_EQ(run.cases.size(), 5u);
  EXPECT_EQ(run.covered, run.branches.size());
  const fs::path dir = fs::temp_directory_path() / ("rubric_cohort_t_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string text = read_text(kSourceDir + "/" + kRuleset);
  std::ofstream(dir / "r.rubric") << text.substr(0, text.find("test \""))
                                  << "test \"t\" {\n  given { \"execution\": \"80%\" }\n  cohort file \"d.csv\"\n"
                                     "  expect 排名 = 5\n}\n";
  std::ofstream(dir / "d.csv") << "id,department,year,execution\nD1,甲,2024,90%\nD2,乙,2024,abc\n";
  const TestRun bad = run_tests((dir / "r.rubric").string());
  fs::remove_all(dir);
  ASSERT_EQ(bad.cases.size(), 1u);
  ASSERT_FALSE(bad.cases[0].passed);
  EXPECT_EQ(bad.cases[0].failures.front(),
            "the year's departments (cohort): 1 of the 2 departments of 'd.csv' have errors; see them with rubric batch");
}

TEST(Cohort, StandardInputCannotBeReadTwice) {
  BatchOptions options;
  options.input = "-";
  options.input_format = BatchFormat::Csv;
  options.output = (fs::temp_directory_path() / "rubric_cohort_never.csv").string();
  const BatchResult result = run_batch(*relative(), options);
  EXPECT_NE(result.fatal.find("the input is read twice, first for the year's figures: give a .csv or .jsonl file, not "
                              "standard input"),
            std::string::npos)
      << result.fatal;
  EXPECT_FALSE(fs::exists(options.output));
}

TEST(Cohort, ScoredAloneItIsAnErrorAndScoreNamesTheCohort) {
  const fs::path facts = fs::temp_directory_path() / ("rubric_cohort_one_" + std::to_string(::getpid()) + ".json");
  std::ofstream(facts) << R"({"department": "乙", "year": 2024, "facts": {"execution": "80%"}})";
  const CliResult alone = run_cli("score " + kRuleset + " " + facts.string());
  EXPECT_EQ(alone.exit_code, 3);
  EXPECT_NE(alone.err.find("indicator '执行率': the rule compares 'execution' (预算执行率) with the other departments of "
                           "the year, but it was scored alone [E0718]"),
            std::string::npos)
      << alone.err;
  const CliResult with = run_cli("score " + kRuleset + " " + facts.string() + " --cohort " + kDepartments);
  fs::remove(facts);
  EXPECT_EQ(with.exit_code, 0) << with.err;
  EXPECT_NE(with.out.find("本年 6 个部门预算执行率的平均值约为 81.67%"), std::string::npos) << with.out;
  EXPECT_NE(with.out.find("预算执行率 80% 在本年 6 个部门中排第 3 名"), std::string::npos) << with.out;
}

TEST(Cohort, TheArgumentIsANumberFact) {
  const std::string text = diagnostics_of(R"(ruleset "t" scheme t year 2024
facts { x : number  name : text }
indicator A points 5 { score when year_mean(x + 1) > 0 and year_rank(name) > 0 -> 5 otherwise 0 }
)");
  EXPECT_NE(text.find("test.rubric:3:45: error: year_mean(…) compares a fact across the year's departments: its argument "
                      "must be the name of a number, percent, money or count fact [E0314]"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("test.rubric:3:70: error: year_rank(…)"), std::string::npos) << text;
}

TEST(Cohort, CountAndPercentileByNearestRank) {
  const auto rs = relative();
  ASSERT_TRUE(rs);
  const auto cohort = six_departments(*rs);
  EXPECT_EQ(*year_value(*cohort, ast::YearOf::Count, 0, dec("0")), dec("6"));
  // 0.7, 0.75, 0.8, 0.8, 0.9, 0.95: the ⌈share × 6⌉-th least; 0% is the least.
  const auto percentile = [&](const char* share) { return *year_value(*cohort, ast::YearOf::Percentile, 0, dec("0"), dec(share)); };
  EXPECT_EQ(percentile("0"), dec("0.7"));
  EXPECT_EQ(percentile("0.01"), dec("0.7"));
  EXPECT_EQ(percentile("0.5"), dec("0.8"));    // exactly the 3rd
  EXPECT_EQ(percentile("0.51"), dec("0.8"));   // ⌈3.06⌉ = 4th
  EXPECT_EQ(percentile("0.75"), dec("0.9"));   // ⌈4.5⌉ = 5th
  EXPECT_EQ(percentile("0.8334"), dec("0.95"));
  EXPECT_EQ(percentile("1"), dec("0.95"));
}

TEST(Cohort, PercentileTakesALiteralShareAndTwoArguments) {
  const std::string text = diagnostics_of(R"(ruleset "t" scheme t year 2024
facts { x : number }
indicator A points 5 { score when x > year_percentile(x, 0.75) -> 5 otherwise 0 }
indicator B points 5 { score when x > year_percentile(x, 150%) -> 5 otherwise 0 }
indicator C points 5 { score when x > year_percentile(x) -> 5 otherwise year_count(x) }
)");
  EXPECT_NE(text.find("test.rubric:3:58: error: year_percentile(…)'s share must be a percentage written as it is, from 0% "
                      "to 100% [E0314]"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("test.rubric:4:58: error: year_percentile(…)'s share"), std::string::npos) << text;
  EXPECT_NE(text.find("test.rubric:5:"), std::string::npos) << text;
  EXPECT_NE(text.find("year_percentile(FACT, SHARE)"), std::string::npos) << text;
}

TEST(Cohort, PercentileAndCountScoreTheSameInTheBatchAndAlone) {
  const std::string ruleset = "tests/fixtures/cohort/percentile.rubric";
  const fs::path out = fs::temp_directory_path() / ("rubric_percentile_" + std::to_string(::getpid()) + ".csv");
  const CliResult batch = run_cli("batch " + ruleset + " " + kDepartments + " -o " + out.string());
  EXPECT_EQ(batch.exit_code, 0) << batch.err;
  const std::string text = read_text(out.string());
  fs::remove(out);
  // 70, 75, 80, 80, 90, 95: the 75th percentile is 90%; the first half is ranks 1 to 3.
  for (const char* row : {"1,D1,甲,5.00,", "2,D2,乙,3.00,", "3,D3,丙,0.00,", "4,D4,丁,5.00,", "5,D5,戊,3.00,", "6,D6,己,0.00,"}) {
    EXPECT_NE(text.find(row), std::string::npos) << row << "\n" << text;
  }
  const fs::path facts = fs::temp_directory_path() / ("rubric_percentile_" + std::to_string(::getpid()) + ".json");
  std::ofstream(facts) << R"({"department": "乙", "year": 2024, "facts": {"execution": "80%"}})";
  const CliResult alone = run_cli("score --width 300 " + ruleset + " " + facts.string() + " --cohort " + kDepartments);
  fs::remove(facts);
  EXPECT_EQ(alone.exit_code, 0) << alone.err;
  EXPECT_NE(alone.out.find("本年 6 个部门预算执行率的第 75 百分位数为 90%"), std::string::npos) << alone.out;
  EXPECT_NE(alone.out.find("本年填报预算执行率的部门数 × 50%（即 3）"), std::string::npos) << alone.out;
  EXPECT_NE(alone.out.find("总分            3.00"), std::string::npos) << alone.out;
}

TEST(Cohort, TheCompiledPlanReadsTheCohortAsTheTreeDoes) {
  for (const std::string& path : {kRuleset, std::string("tests/fixtures/cohort/percentile.rubric")}) {
    const auto rs = load_ok(read_text(kSourceDir + "/" + path), path);
    const Plan plan(*rs);
    EXPECT_EQ(plan.fallbacks(), 0u);
    std::string fatal;
    const auto cohort = read_cohort(*rs, kSourceDir + "/" + kDepartments, BatchColumns{}, fatal);
    ASSERT_TRUE(cohort) << fatal;
    for (const char* v : {"70%", "75%", "80%", "81.67%", "95%", "100%"}) {
      FactsResult facts = load_facts(*rs, std::string(R"({"facts": {"execution": ")") + v + "\"}}", "f.json");
      ASSERT_TRUE(facts.facts);
      for (const bool with : {false, true}) {
        facts.facts->cohort = with ? cohort : nullptr;
        PlanResult tree;
        read_evaluation(*rs, evaluate(*rs, *facts.facts), tree);
        const PlanResult planned = plan.evaluate(*facts.facts);
        EXPECT_EQ(planned.total, tree.total) << path << " " << v;
        EXPECT_EQ(planned.scores, tree.scores) << v;
        EXPECT_EQ(planned.errors, tree.errors) << v;
      }
    }
  }
}

}  // namespace
}  // namespace rubric::testing
