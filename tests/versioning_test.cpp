// Criteria that change by year: extending a ruleset, diffing two, and the impact of a change,
// through the library and the rubric program. Each test builds its own scheme folder.
#include <nlohmann/json.hpp>

#include <filesystem>

#include "support.hpp"

namespace rubric::testing {
namespace {

namespace fs = std::filesystem;

// A scheme folder holding a copy of the 2023 ruleset, removed when the test ends.
class Scheme : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rubric-scheme-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    fs::copy_file(kSourceDir + "/rulesets/guangzhou/2023.rubric", dir_ / "2023.rubric",
                  fs::copy_options::overwrite_existing);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
    return path.string();
  }
  // A ruleset for 2024 that extends 2023 with [body].
  std::string extend(const std::string& body, const std::string& name = "2024.rubric") {
    return write(name, "ruleset \"广州市部门整体支出绩效自评（无专项资金）\" scheme guangzhou year 2024 extends \"2023.rubric\"\n" + body);
  }
  // The court's 2023 facts with [replacements] applied to the text and another department name.
  std::string facts(const std::string& name, const std::string& department,
                    const std::vector<std::pair<std::string, std::string>>& replacements = {}) {
    std::string text = read_text(kSourceDir + "/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json");
    const auto replace = [&](const std::string& from, const std::string& to) {
      const std::size_t at = text.find(from);
      ASSERT_NE(at, std::string::npos) << from;
      text.replace(at, from.size(), to);
    };
    replace("\"department\": \"广州互联网法院\"", "\"department\": \"" + department + "\"");
    for (const auto& [from, to] : replacements) replace(from, to);
    return write("facts/" + name, text);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

// 2024 raises the completion rule's pass mark from 60% to 70%: one bound.
const std::string kRaisedPassMark = R"(
define completion(rate, pts) = tiered rate {
  [0, 70%)     -> 0
  [70%, 100%)  -> rate * pts
  [100%, 150%] -> pts
  (150%, inf)  -> pts / 2
}
)";

TEST_F(Scheme, ExtendsOverridesAddsAndRemovesByName) {
  const std::string file = extend(R"(
override indicator 合同备案时效性 points 1 { score points }   # full marks whatever the facts
remove 采购政策效能
add in 采购管理 indicator 采购新规 points 1 { score points / 2 }
)");
  const LoadedRuleset loaded = load_ruleset(file);
  ASSERT_TRUE(loaded.ok()) << render(loaded.diagnostics);
  // The 2023 facts claim a score for 采购政策效能, which this ruleset removes: a claim for an
  // indicator the ruleset lacks is an error (E0611), so the claim goes with the indicator.
  std::string facts = read_text(kSourceDir + "/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json");
  const std::string claim = "\n      \"采购政策效能\": 1,";
  ASSERT_NE(facts.find(claim), std::string::npos);
  facts.erase(facts.find(claim), claim.size());
  const Scored s = score(loaded.ruleset, facts);
  ASSERT_TRUE(s.score("合同备案时效性")) << s.errors;
  EXPECT_EQ(*s.score("合同备案时效性"), dec("1"));  // 0 in 2023
  EXPECT_EQ(s.find("采购政策效能"), nullptr);
  EXPECT_EQ(*s.score("采购新规"), dec("0.5"));
  // 采购管理: 9 − 0 (备案 0 → 1) − 1 (政策效能 removed) + 0.5 = 9.5.
  EXPECT_EQ(*s.score("采购管理"), dec("9.5"));
  EXPECT_EQ(loaded.ruleset->year, 2024);
}

TEST_F(Scheme, ExtendsChangesOnlyPointsWithoutABody) {
  const std::string file = extend(R"(
override indicator 采购政策效能 points 0.5
override indicator 合同备案时效性 points 1.5
)");
  const LoadedRuleset loaded = load_ruleset(file);
  ASSERT_TRUE(loaded.ok()) << render(loaded.diagnostics);
  const Scored s = score(loaded.ruleset, read_text(kSourceDir + "/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"));
  EXPECT_EQ(*s.score("采购政策效能"), dec("0.5"));  // min(100%, 100%) × 0.5
}

TEST_F(Scheme, ExtendsReportsUnknownNamesWithASuggestion) {
  const std::string file = extend("remove 采购政策效\n");
  const std::string out = render(load_ruleset(file).diagnostics);
  EXPECT_NE(out.find(":2:8: error: the base ruleset has no indicator or section '采购政策效' [E0901]"), std::string::npos) << out;
  EXPECT_NE(out.find("= help: did you mean '采购政策效能'?"), std::string::npos) << out;
}

TEST_F(Scheme, ExtendsReportsPointsThatNoLongerAddUp) {
  const std::string file = extend("add in 预算执行 indicator 新指标 points 1 { score 1 }\n");
  const LoadedRuleset loaded = load_ruleset(file);
  EXPECT_FALSE(loaded.ok());
  const std::string out = render(loaded.diagnostics);
  // The error is at the line the author wrote (the `add`), the base's declaration a note.
  EXPECT_NE(out.find(file + ":2:1: error: the parts of section '预算执行' add up to 5, not its 4 points [E0404]"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("2023.rubric:"), std::string::npos) << out;
  EXPECT_NE(out.find(": note: section '预算执行' and its points are declared here, in the base ruleset"), std::string::npos)
      << out;
}

TEST_F(Scheme, ExtendsChecksKindsPlacesAndChains) {
  EXPECT_NE(render(load_ruleset(extend("override indicator 采购管理 points 10\n")).diagnostics)
                .find("'采购管理' is a section in the base ruleset, not an indicator [E0903]"),
            std::string::npos);
  EXPECT_NE(render(load_ruleset(extend("add indicator 采购政策效能 points 1 { score 1 }\n")).diagnostics)
                .find("the base ruleset already has '采购政策效能' [E0904]"),
            std::string::npos);
  // A base outside the scheme's folder.
  const std::string outside =
      write("2025.rubric", "ruleset \"x\" scheme guangzhou year 2025 extends \"../2023.rubric\"\n");
  EXPECT_NE(render(load_ruleset(outside).diagnostics).find("lies outside this ruleset's folder [E0906]"), std::string::npos);
  // A cycle.
  write("a.rubric", "ruleset \"a\" scheme guangzhou year 2030 extends \"b.rubric\"\n");
  const std::string b = write("b.rubric", "ruleset \"b\" scheme guangzhou year 2031 extends \"a.rubric\"\n");
  // The chain is told in the folder's own file names, not the machine's absolute paths.
  const std::string cycle = render(load_ruleset(b).diagnostics);
  EXPECT_NE(cycle.find("'b.rubric' extends itself through the chain b.rubric → a.rubric → b.rubric [E0907]"),
            std::string::npos)
      << cycle;
  const std::size_t code = cycle.find("[E0907]");
  ASSERT_NE(code, std::string::npos);
  const std::string message = cycle.substr(0, code).substr(cycle.rfind('\n', code) + 1);
  EXPECT_EQ(message.find(" → /"), std::string::npos) << message;
  // Changes need a base.
  const std::string plain = write("plain.rubric", "ruleset \"p\" scheme guangzhou year 2032\nremove 采购政策效能\n");
  EXPECT_NE(render(load_ruleset(plain).diagnostics).find("only a ruleset that extends another can change it [E0902]"),
            std::string::npos);
  // Another scheme.
  const std::string other = write("other.rubric", "ruleset \"o\" scheme shenzhen year 2033 extends \"2023.rubric\"\n");
  EXPECT_NE(render(load_ruleset(other).diagnostics).find("[E0905]"), std::string::npos);
}

TEST_F(Scheme, DiffOfOneTierBoundIsExactlyThatBound) {
  const std::string file = extend(kRaisedPassMark);
  const CliResult r = run_cli("diff '" + path("2023.rubric") + "' '" + file + "' --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["changes"].size(), 2U) << r.out;
  EXPECT_EQ(j["changes"][0]["summary"], "year 2023 → 2024");
  EXPECT_EQ(j["changes"][1]["subject"], "function completion");
  EXPECT_EQ(j["changes"][1]["summary"],
            "the bound between tier 1 and tier 2: 60% → 70% ([0, 60%) → [0, 70%), then [60%, 100%) → [70%, 100%)) "
            "(used by 部门整体绩效目标产出指标完成情况, 部门整体绩效目标效益指标完成情况)");
}

TEST_F(Scheme, DiffImpactScoresEveryDepartmentUnderBoth) {
  const std::string file = extend(kRaisedPassMark);
  facts("a.json", "甲局");
  // One output at 65%: 3.25 under the 60% pass mark, 0 under 70%.
  facts("b.json", "乙局", {{"\"actual\": 100", "\"actual\": 65"}});
  // Two outputs at 65%: 92.49 (优) → 85.99 (良).
  facts("c.json", "丙局", {{"\"actual\": 100", "\"actual\": 65"}, {"\"actual\": 108", "\"actual\": 65"}});
  const CliResult r = run_cli("diff '" + path("2023.rubric") + "' '" + file + "' --facts '" + path("facts") + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Impact on 3 departments"), std::string::npos) << r.out;
  // Sorted by the size of the change: 丙局 (−6.5), 乙局 (−3.25), 甲局 (0).
  const std::size_t c = r.out.find("丙局");
  const std::size_t b = r.out.find("乙局");
  const std::size_t a = r.out.find("甲局");
  ASSERT_NE(c, std::string::npos);
  EXPECT_LT(c, b);
  EXPECT_LT(b, a);
  EXPECT_NE(r.out.find("丙局      92.49  优       85.99  良       -6.5  grade 优 → 良"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Summary: 3 departments scored under both; 2 change total; 1 changes grade (0 up, 1 down); "
                       "largest loss -6.5 (丙局)"),
            std::string::npos)
      << r.out;
  const CliResult md = run_cli("diff --format md '" + path("2023.rubric") + "' '" + file + "' --facts '" + path("facts") + "'");
  EXPECT_NE(md.out.find("| 丙局 | 92.49 | 优 | 85.99 | 良 | -6.5 |"), std::string::npos) << md.out;
}

TEST(Diff, TwentyTwentyOneToTwentyTwentyThreeNamesEveryStructuralChange) {
  const CliResult r = run_cli("diff rulesets/guangzhou/2021.rubric rulesets/guangzhou/2023.rubric");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const std::string expected : {
           "  ~ section 管理效率\n      renamed from 管理效能\n      points 45 → 50\n",
           "  ~ section 信息公开 (in 管理效率): renamed from 信息公开管理\n",
           "  - section 资金管理 (in 管理效能): removed (2 points)\n",
           "  - section 加减分项: removed (-5 to 5 points), with 审计部门、财政部门的表扬或批评 -5 to 5\n",
           "  + section 整体效能 (in 履职效能): added (50 points)\n",
           "  + section 预算编制 (in 管理效率): added (3 points), with 新增预算项目事前绩效评估 3\n",
           "  + section 预算执行 (in 管理效率): added (4 points), with 结转结余率 2, 财务管理合规性 2\n",
           "  + section 运行成本 (in 管理效率): added (4 points), with 公用经费控制率 2, “三公”经费控制情况 2\n",
           "  - section 成本管理 (in 管理效能): removed (4 points), with 成本管理情况 4\n",
           // The execution rate: moved, re-weighted, and its formula changed from the uncapped mean of
           // quarters to the capped mean of months.
           "  ~ indicator 部门预算资金支出率 (in 履职效能 / 整体效能)\n"
           "      moved from 管理效能 / 资金管理 to 履职效能 / 整体效能\n"
           "      points 2 → 10\n"
           "      the rule changed\n"
           "        old: let average \"年度平均执行率\" = mean(quarterly_execution); score when average >= 100% -> points otherwise "
           "average * points\n"
           "        new: score mean(m in monthly_execution: min(m, 100%)) * points\n",
           "      moved from 履职效能 to 履职效能 / 整体效能\n      points 25 → 20\n",
           "  - fact quarterly_execution: removed: 每季度一般公共预算支出执行率\n",
           "  + fact monthly_execution: added: 财政部门每月通报的一般公共预算支出执行率（自通报之月起）\n",
       }) {
    EXPECT_NE(r.out.find(expected), std::string::npos) << "missing:\n" << expected << "\nin:\n" << r.out;
  }
}

}  // namespace
}  // namespace rubric::testing
