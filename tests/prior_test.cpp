// Last year's figures (issue [15].3): prior(FACT) reads the department's facts of last year,
// given with `rubric score --prior FILE` or `rubric batch --prior LAST_YEAR_BATCH`.
#include <filesystem>
#include <fstream>

#include "interpreter/batch/batch.hpp"
#include "interpreter/eval/plan.hpp"
#include "interpreter/tools/testing.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

namespace fs = std::filesystem;

const std::string kRuleset = "tests/fixtures/prior/prior.rubric";

std::shared_ptr<const ast::Ruleset> prior_ruleset() { return load_ok(read_text(kSourceDir + "/" + kRuleset), kRuleset); }

Facts facts_of(const ast::Ruleset& rs, const std::string& document) {
  FactsResult r = load_facts(rs, document, "2024.json");
  EXPECT_TRUE(r.facts) << render(r.diagnostics, false);
  return *r.facts;
}

const std::string k2024 = R"({"department": "测试局", "year": 2024, "facts": {"three_public": 95, "balance": 120}})";

TEST(Prior, TheRulesetKnowsWhichFactsItReadsLastYear) {
  const auto rs = prior_ruleset();
  ASSERT_TRUE(rs);
  EXPECT_TRUE(rs->reads_prior());
  ASSERT_EQ(rs->prior_facts.size(), 2u);
  EXPECT_TRUE(rs->prior_facts[0]);
  EXPECT_TRUE(rs->prior_facts[1]);
  EXPECT_FALSE(load_ok("ruleset \"t\" scheme t year 2024\nfacts { x : number }\nindicator A points 1 { score 0 }\n")
                   ->reads_prior());
}

TEST(Prior, LastYearsFactsAreReadAndScored) {
  const auto rs = prior_ruleset();
  Facts facts = facts_of(*rs, k2024);
  // Only the facts read with prior(…) are read: a fact of 2023 only and 2023's claims are not looked at.
  const Diagnostics d = attach_prior(*rs, facts, read_text(kSourceDir + "/tests/fixtures/prior/2023.json"), "2023.json");
  EXPECT_FALSE(d.has_errors()) << render(d, false);
  EXPECT_EQ(d.items().size(), 0u) << render(d, false);
  ASSERT_TRUE(facts.prior);
  const Evaluation e = evaluate(*rs, facts);
  ASSERT_TRUE(e.total) << render(e.diagnostics, false);
  // 95 against 100: −5%, full marks; 120 against 100: more than last year, 2.
  EXPECT_EQ(*e.total, dec("7"));
  // Said with its value once, where the rule first reads it, though the rule reads it three times.
  const std::string& basis = e.nodes[0].children[0].basis;
  EXPECT_EQ(basis.find("上年“三公”经费支出 100，不为 0"), 0u) << basis;
  EXPECT_EQ(basis.find("上年“三公”经费支出 100", 1), std::string::npos) << basis;
}

TEST(Prior, AZeroBaseYearIsWhatTheRuleSaysNotADivision) {
  const auto rs = prior_ruleset();
  Facts facts = facts_of(*rs, k2024);
  const Diagnostics d = attach_prior(*rs, facts, R"({"department": "测试局", "year": 2023, "facts": {"three_public": 0, "balance": 200}})", "z.json");
  ASSERT_FALSE(d.has_errors()) << render(d, false);
  const Evaluation e = evaluate(*rs, facts);
  ASSERT_TRUE(e.total) << render(e.diagnostics, false);
  EXPECT_EQ(*e.total, dec("10"));
  // Without the rule's `when`, a zero base is a division by zero: an error naming it, no score.
  const auto bare = load_ok(R"(ruleset "t" scheme t year 2024
facts { x : number }
indicator A points 5 { score when (x - prior(x)) / prior(x) <= 0 -> points otherwise 0 }
)");
  Facts f = facts_of(*bare, R"({"year": 2024, "facts": {"x": 3}})");
  ASSERT_FALSE(attach_prior(*bare, f, R"({"year": 2023, "facts": {"x": 0}})", "z.json").has_errors());
  const Evaluation z = evaluate(*bare, f);
  EXPECT_FALSE(z.total);
  EXPECT_NE(render(z.diagnostics, false).find("[E0701]"), std::string::npos) << render(z.diagnostics, false);
}

TEST(Prior, WithoutLastYearsFactsTheDepartmentIsNotScored) {
  const auto rs = prior_ruleset();
  const Evaluation e = evaluate(*rs, facts_of(*rs, k2024));
  EXPECT_FALSE(e.total);
  const std::string text = render(e.diagnostics, false);
  EXPECT_NE(text.find("the rule reads last year's 'three_public' (“三公”经费支出), but no facts of last year were given [E0716]"),
            std::string::npos)
      << text;
}

TEST(Prior, AnotherDepartmentOrYearIsRefused) {
  const auto rs = prior_ruleset();
  Facts facts = facts_of(*rs, k2024);
  Diagnostics d = attach_prior(*rs, facts, R"({"department": "别的局", "year": 2023, "facts": {"three_public": 1, "balance": 1}})", "p.json");
  EXPECT_NE(render(d, false).find("p.json: department: error: the facts of last year are of \"别的局\", not of \"测试局\" [E0616]"),
            std::string::npos)
      << render(d, false);
  EXPECT_FALSE(facts.prior);
  d = attach_prior(*rs, facts, R"({"department": "测试局", "year": 2022, "facts": {"three_public": 1, "balance": 1}})", "p.json");
  EXPECT_NE(render(d, false).find("the facts given as last year's are of 2022, not of 2023 [E0616]"), std::string::npos)
      << render(d, false);
  // A missing fact, a wrong value: named in last year's file.
  d = attach_prior(*rs, facts, R"({"department": "测试局", "year": 2023, "facts": {"three_public": "x"}})", "p.json");
  const std::string text = render(d, false);
  EXPECT_NE(text.find("p.json: facts.three_public: error:"), std::string::npos) << text;
  EXPECT_NE(text.find("p.json: facts.balance: error: missing fact \"balance\""), std::string::npos) << text;
  EXPECT_FALSE(facts.prior);
}

TEST(Prior, TheArgumentIsAFactsName) {
  const std::string text = diagnostics_of(R"(ruleset "t" scheme t year 2024
facts { x : number }
indicator A points 5 { score min(prior(x + 1), points) }
)");
  EXPECT_NE(text.find("test.rubric:3:40: error: prior(…) reads a fact's value last year: its argument must be a fact's name [E0312]"),
            std::string::npos)
      << text;
}

TEST(Prior, TheCommandLineReadsThemAndNeverTakesThemForAnOutput) {
  const CliResult ok = run_cli("score " + kRuleset + " tests/fixtures/prior/2024.json --prior tests/fixtures/prior/2023.json");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("上年“三公”经费支出 100"), std::string::npos) << ok.out;
  const CliResult missing = run_cli("score " + kRuleset + " tests/fixtures/prior/2024.json");
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("[E0716]"), std::string::npos) << missing.err;
  const CliResult two = run_cli("score " + kRuleset +
                                " tests/fixtures/prior/2024.json tests/fixtures/prior/2024.json --prior tests/fixtures/prior/2023.json");
  EXPECT_EQ(two.exit_code, 2) << two.err;
  const CliResult same = run_cli("score " + kRuleset +
                                 " tests/fixtures/prior/2024.json --prior tests/fixtures/prior/2023.json --format html -o tests/fixtures/prior/2023.json");
  EXPECT_EQ(same.exit_code, 2) << same.err;
  EXPECT_NE(read_text(kSourceDir + "/tests/fixtures/prior/2023.json").find("\"year\": 2023"), std::string::npos);
}

TEST(Prior, TheCompiledPlanReadsLastYearAndAgreesWithTheTree) {
  const auto rs = prior_ruleset();
  const Plan plan(*rs);
  EXPECT_EQ(plan.fallbacks(), 0u);
  const std::vector<std::string> last_years = {
      "", R"({"facts": {"three_public": 100, "balance": 100}})", R"({"facts": {"three_public": 0, "balance": 0}})",
      R"({"facts": {"three_public": 94.99, "balance": 120.01}})"};
  for (const std::string& last : last_years) {
    Facts facts = facts_of(*rs, k2024);
    if (!last.empty()) {
      ASSERT_FALSE(attach_prior(*rs, facts, last, "last.json").has_errors());
    }
    PlanResult tree;
    read_evaluation(*rs, evaluate(*rs, facts), tree);
    const PlanResult planned = plan.evaluate(facts);
    EXPECT_EQ(planned.total, tree.total) << last;
    EXPECT_EQ(planned.scores, tree.scores) << last;
    EXPECT_EQ(planned.errors, tree.errors) << last;
  }
}

class PriorBatch : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rubric_prior_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::ofstream(path("now.csv")) << "id,department,year,three_public,balance\n"
                                      "D1,测试局,2024,95,120\nD2,教育局,2024,50,10\nD3,新局,2024,10,10\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::string run(const std::string& prior) {
    BatchOptions options;
    options.input = path("now.csv");
    options.output = path("out.csv");
    options.prior = prior;
    options.jobs = 2;
    result_ = run_batch(*prior_ruleset(), options);
    return read_text(path("out.csv"));
  }
  fs::path dir_;
  BatchResult result_;
};

TEST_F(PriorBatch, RowsFindLastYearsRowByIdAndOneMissingCostsNoOther) {
  // Last year's file has a column this year's ruleset does not declare: it is last year's, not looked at.
  std::ofstream(path("last.csv")) << "id,department,year,three_public,balance,old_column\n"
                                     "D1,测试局,2023,100,100,x\nD2,教育局,2023,40,20,y\n";
  const std::string out = run(path("last.csv"));
  EXPECT_TRUE(result_.fatal.empty()) << result_.fatal;
  EXPECT_NE(out.find("1,D1,测试局,7.00,差,5.00,2.00,\n"), std::string::npos) << out;
  EXPECT_NE(out.find("2,D2,教育局,5.00,差,0.00,5.00,\n"), std::string::npos) << out;
  EXPECT_NE(out.find("3,D3,新局,,,,,last year's batch " + path("last.csv") + " has no row for id D3"), std::string::npos) << out;
}

TEST_F(PriorBatch, JsonLinesByNameWithARowInErrorAndAWrongYear) {
  std::ofstream(path("last.jsonl")) << R"({"department":"测试局","year":2023,"facts":{"three_public":100,"balance":100}})" "\n"
                                    << R"({"department":"教育局","year":2023,"facts":{"three_public":"x","balance":1}})" "\n"
                                    << R"({"department":"新局","year":2021,"facts":{"three_public":1,"balance":1}})" "\n";
  std::ofstream(path("now.csv")) << "department,year,three_public,balance\n测试局,2024,95,120\n教育局,2024,50,10\n新局,2024,10,10\n";
  const std::string out = run(path("last.jsonl"));
  EXPECT_NE(out.find("1,1,测试局,7.00,差,5.00,2.00,\n"), std::string::npos) << out;
  EXPECT_NE(out.find("2,2,教育局,,,,,\"last year's facts have errors: " + path("last.jsonl") + " line 2: facts.three_public:"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("is of 2021, not of 2023"), std::string::npos) << out;
}

TEST_F(PriorBatch, TwoRowsOfOneDepartmentLastYearAreNotGuessedBetween) {
  std::ofstream(path("last.csv")) << "id,department,year,three_public,balance\n"
                                     "D1,测试局,2023,100,100\nD2,教育局,2023,40,20\nD1,测试局,2023,90,100\n";
  const std::string out = run(path("last.csv"));
  EXPECT_NE(out.find("1,D1,测试局,,,,,last year's batch " + path("last.csv") +
                     " has two rows for id D1 (lines 2 and 4); keep one\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("2,D2,教育局,5.00,差,0.00,5.00,\n"), std::string::npos) << out;
}

TEST_F(PriorBatch, AnUnreadableLastYearStopsTheBatchBeforeAnyOutput) {
  run(path("none.csv"));
  EXPECT_EQ(result_.fatal.rfind("last year's batch: " + path("none.csv") + ": cannot read it", 0), 0u) << result_.fatal;
  EXPECT_FALSE(fs::exists(path("out.csv")));
}

TEST(Prior, ATestBlockGivesLastYearsFactsFromAFileOrInline) {
  const TestRun run = run_tests(kSourceDir + "/" + kRuleset);
  EXPECT_TRUE(run.ok()) << (run.cases.empty() ? "" : run.cases.front().failures.front());
  ASSERT_EQ(run.cases.size(), 4U);
  for (const CaseResult& c : run.cases) EXPECT_TRUE(c.passed) << c.test;
  // every branch, the zero base year's included, is covered by the tests
  EXPECT_EQ(run.covered, run.branches.size());
}

TEST(Prior, ATestsLastYearsFactsWithErrorsFailItWithTheReason) {
  const fs::path dir = fs::temp_directory_path() / ("rubric_prior_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string text = read_text(kSourceDir + "/" + kRuleset);
  text = text.substr(0, text.find("test \""));
  std::ofstream(dir / "r.rubric") << text << R"(
test "缺少上年文件" {
  given { "three_public": 10, "balance": 0 }
  prior file "missing.json"
  expect total = 10
}
test "上年数据不全" {
  given { "three_public": 10, "balance": 0 }
  prior { "three_public": 0 }
  expect total = 10
}
)";
  const TestRun run = run_tests((dir / "r.rubric").string());
  fs::remove_all(dir);
  ASSERT_EQ(run.cases.size(), 2U);
  ASSERT_FALSE(run.cases[0].passed);
  EXPECT_EQ(run.cases[0].failures.front(),
            "last year's facts (prior): cannot read the facts file 'missing.json' (relative to " +
                (dir / "r.rubric").string() + ")");
  ASSERT_FALSE(run.cases[1].passed);
  EXPECT_NE(run.cases[1].failures.front().find("prior: facts.balance: error: missing fact \"balance\""), std::string::npos)
      << run.cases[1].failures.front();
}

}  // namespace
}  // namespace rubric::testing
