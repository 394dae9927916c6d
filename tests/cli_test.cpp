// The rubric program as a user runs it: commands, exit codes, the table, JSON output.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include "base/unicode.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

const std::string kRuleset2023 = "rulesets/guangzhou/2023.rubric";
const std::string kExample2023 = "rulesets/guangzhou/examples/guangzhou-internet-court-2023.json";

TEST(Cli, HelpListsCommandsAndExitCodes) {
  const CliResult r = run_cli("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("check"), std::string::npos);
  EXPECT_NE(r.out.find("score"), std::string::npos);
  EXPECT_NE(r.out.find("Exit codes"), std::string::npos);
  for (const std::string command : {"check", "score"}) {
    const CliResult sub = run_cli(command + " --help");
    EXPECT_EQ(sub.exit_code, 0) << command;
    EXPECT_NE(sub.out.find("Exit codes"), std::string::npos) << command;
  }
}

TEST(Cli, EveryShippedRulesetChecksClean) {
  int count = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kSourceDir + "/rulesets")) {
    if (entry.path().extension() != ".rubric") continue;
    if (entry.path().filename().string().find(".test.rubric") != std::string::npos) continue;
    const std::string relative = std::filesystem::relative(entry.path(), kSourceDir).string();
    const CliResult r = run_cli("check " + relative);
    EXPECT_EQ(r.exit_code, 0) << relative << "\n" << r.err;
    // Clean: at most notes of steps the criteria mean to take (W0407: 150% completion scores half).
    EXPECT_EQ(r.err.find("warning"), std::string::npos) << relative << "\n" << r.err;
    EXPECT_EQ(r.err.find("error"), std::string::npos) << relative << "\n" << r.err;
    EXPECT_TRUE(r.err.ends_with(relative + ": ok\n")) << relative << "\n" << r.err;
    ++count;
  }
  EXPECT_GE(count, 1);
}

TEST(Cli, CheckReportsErrorsWithExitCodeOne) {
  const auto path = std::filesystem::temp_directory_path() / "rubric_cli_bad.rubric";
  std::ofstream(path) << "ruleset \"t\" scheme test year 2023\nsection S points 1 { indicator 指标 points 1 { score 未知 } }\n";
  const CliResult r = run_cli("check " + path.string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(":2:52: error: unknown name '未知' [E0201]"), std::string::npos) << r.err;
  std::filesystem::remove(path);
}

TEST(Cli, MissingFileIsAUsageError) {
  const CliResult r = run_cli("score no-such.rubric no-such.json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no-such.rubric"), std::string::npos) << r.err;
}

TEST(Cli, ScoresTheExampleAsATable) {
  const CliResult r = run_cli("score " + kRuleset2023 + " " + kExample2023);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("部门：广州互联网法院"), std::string::npos);
  EXPECT_NE(r.out.find("95.99"), std::string::npos);
  EXPECT_NE(r.out.find("☑优 ☐良 ☐中 ☐差"), std::string::npos);
  EXPECT_NE(r.out.find("得分 9.9875，四舍五入为"), std::string::npos);
}

TEST(Cli, TableColumnsLineUpByDisplayWidth) {
  const CliResult r = run_cli("score --width 160 " + kRuleset2023 + " " + kExample2023);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // In every row the score ends at the same display column, whatever Chinese the name holds.
  std::istringstream lines(r.out);
  std::string line;
  std::map<int, std::string> score_ends;  // display column -> a line that ends its score there
  int rows = 0;
  while (std::getline(lines, line)) {
    // Skip rules, and continuation lines of a wrapped basis (they start with blank columns).
    if (line.empty() || line[0] == '-' || line.rfind("          ", 0) == 0) continue;
    // A row: name, points, score (a number with two decimals), basis; columns are separated by
    // at least two spaces.
    // With claimed scores, a 自评 column stands before the score (blank on section rows).
    static const std::regex kRow(
        R"(^(.*?\S)\s{2,}(-?[0-9.~-]+)\s{2,}(?:[0-9]+\.[0-9]{2}\s{2,})?(≠ )?([0-9]+\.[0-9]{2})(\s|$))");
    std::smatch m;
    if (!std::regex_search(line, m, kRow)) continue;
    score_ends.emplace(unicode::display_width(line.substr(0, static_cast<std::size_t>(m.position(4) + m.length(4)))), line);
    ++rows;
  }
  EXPECT_GE(rows, 30);
  for (const auto& [column, example] : score_ends) {
    EXPECT_EQ(column, score_ends.begin()->first) << example << "\n" << score_ends.begin()->second;
  }
}

TEST(Cli, JsonOutputHasTotalGradeAndTheTree) {
  const CliResult r = run_cli("score --format json " + kRuleset2023 + " " + kExample2023);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto document = nlohmann::json::parse(r.out);
  EXPECT_EQ(document["schema"], "rubric/score");
  EXPECT_EQ(document["schema_version"], "1.0");
  ASSERT_EQ(document["rulesets"].size(), 1U);
  EXPECT_EQ(document["rulesets"][0]["year"], 2023);
  EXPECT_EQ(document["rulesets"][0]["sha256"].get<std::string>().size(), 64U);
  ASSERT_EQ(document["results"].size(), 1U);
  const auto& j = document["results"][0];
  EXPECT_EQ(j["scored"], true);
  EXPECT_EQ(j["ruleset"], 0);
  EXPECT_EQ(j["total"].dump(), "95.99");  // written with its exact digits
  EXPECT_EQ(j["grade"], "优");
  EXPECT_EQ(j["department"], "广州互联网法院");
  ASSERT_EQ(j["sections"].size(), 2U);
  EXPECT_EQ(j["sections"][0]["name"], "履职效能");
  const auto& rate = j["sections"][0]["children"][0]["children"][2];
  EXPECT_EQ(rate["name"], "部门预算资金支出率");
  EXPECT_EQ(rate["score"].dump(), "9.99");
  EXPECT_EQ(rate["raw"].dump(), "9.9875");
  EXPECT_FALSE(rate["basis"].get<std::string>().empty());
  EXPECT_TRUE(rate["trace"].is_array());
}

// One document whatever befalls the files: a department whose facts are refused is a result with
// its diagnostics as objects, beside the ones scored; the shape never depends on how many.
TEST(Cli, JsonOutputIsOneDocumentWithTheRefusedDepartmentsToo) {
  const std::string bad = (std::filesystem::temp_directory_path() / "rubric_cli_refused.json").string();
  std::ofstream(bad) << R"({"department": "某局", "year": 2023, "facts": {"audit_isues": 3}})";
  const CliResult r = run_cli("score --format json " + kRuleset2023 + " " + kExample2023 + " " + bad);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  const auto document = nlohmann::json::parse(r.out);
  ASSERT_EQ(document["results"].size(), 2U);
  EXPECT_EQ(document["results"][0]["scored"], true);
  const auto& refused = document["results"][1];
  EXPECT_EQ(refused["scored"], false);
  EXPECT_TRUE(refused["total"].is_null());
  EXPECT_EQ(refused["file"], bad);
  const auto& first = refused["diagnostics"][0];
  EXPECT_EQ(first["code"], "E0610");
  EXPECT_EQ(first["severity"], "error");
  EXPECT_EQ(first["path"], "facts.audit_isues");
  EXPECT_EQ(first["help"], "did you mean \"audit_issues\"?");

  const CliResult only = run_cli("score --format json " + kRuleset2023 + " " + bad);
  EXPECT_EQ(nlohmann::json::parse(only.out)["results"].size(), 1U);  // not [] and not an object alone
  std::filesystem::remove(bad);
}

TEST(Cli, ExplainPrintsTheDerivation) {
  const CliResult r = run_cli("score --explain " + kRuleset2023 + " " + kExample2023);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("· monthly_execution 的平均值 = 99.875%（共 10 项）"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("· 9.9875 保留 2 位小数（四舍五入）→ 9.99"), std::string::npos);
}

TEST(Cli, OneBadDepartmentDoesNotCostTheOthersTheirResults) {
  const CliResult r = run_cli("score " + kRuleset2023 + " tests/fixtures/broken-facts.json " + kExample2023);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("tests/fixtures/broken-facts.json: facts.monthly_execution[1]: error: expected a percent, found "
                       "the string \"abc\" [E0603]"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("95.99"), std::string::npos);
}

}  // namespace
}  // namespace rubric::testing

namespace rubric::testing {
namespace {

const std::string kExample2021 = "rulesets/guangzhou/examples/guangzhou-internet-court-2021.json";

TEST(CliAudit, FlagsExactlyTheMiscalculatedIndicatorAndTheTotal) {
  const CliResult r = run_cli("audit " + kRuleset2023 + " " + kExample2023);
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_EQ(r.out,
            "广州互联网法院 (" + kExample2023 + "): 2 claimed scores differ\n"
            "  部门预算资金支出率  claimed 9.96  computed 9.99 (+0.03)\n"
            "  总分                claimed 95.96  computed 95.99 (+0.03)\n");
}

TEST(CliAudit, ScoreShowsClaimedBesideComputed) {
  const CliResult r = run_cli("score " + kRuleset2023 + " " + kExample2023);
  EXPECT_NE(r.out.find("自评"), std::string::npos);
  EXPECT_NE(r.out.find("9.96   ≠ 9.99"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("≠ 标出 2 处自评分与计算结果不一致"), std::string::npos);
}

TEST(CliFacts, TemplateNamesEveryFactAndReadsBack) {
  const CliResult r = run_cli("facts " + kRuleset2023);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  const auto loaded = load_ruleset(kSourceDir + "/" + kRuleset2023);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(doc["facts"].size(), loaded.ruleset->facts.size());
  for (const auto& fact : loaded.ruleset->facts) {
    EXPECT_TRUE(doc["facts"].contains(fact.name)) << fact.name;
    EXPECT_TRUE(doc["_about"].contains(fact.name)) << fact.name;
  }
  EXPECT_NE(doc["_about"]["audit_issues"].get<std::string>().find("count"), std::string::npos);
  // Where the department names its own evidence, and the kind each indicator expects.
  EXPECT_TRUE(doc["evidence"].is_object() && doc["evidence"].empty());
  EXPECT_NE(doc["_about"]["evidence"].get<std::string>().find("采购内控制度建设：部门政府采购内部控制管理制度"),
            std::string::npos);
  const CliResult csv = run_cli("facts --format csv " + kRuleset2023);
  EXPECT_EQ(csv.exit_code, 0);
  EXPECT_EQ(csv.out.rfind("name,label,type,unit,domain,default,value\n", 0), 0U);
  EXPECT_NE(csv.out.find("outputs[].target,年初目标值,number,,\"(0, inf)\",,"), std::string::npos) << csv.out;
}

TEST(CliScheme, PicksTheNewestRulesetNotAfterTheYearAndSaysSo) {
  const CliResult r = run_cli("score --scheme guangzhou --year 2024 " + kExample2023);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("using rulesets/guangzhou/2023.rubric: the newest guangzhou ruleset not after 2024"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("95.99"), std::string::npos);
}

TEST(CliScheme, AYearBeforeEveryRulesetIsAClearError) {
  const CliResult r = run_cli("score --scheme guangzhou --year 2020 " + kExample2023);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: no guangzhou ruleset applies to 2020: the earliest ruleset, rulesets/guangzhou/2021.rubric, "
            "applies from 2021 [E0804]\n");
}

TEST(CliScheme, TheFactsYearChoosesTheRuleset) {
  const CliResult r = run_cli("score --scheme guangzhou " + kExample2021 + " " + kExample2023);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find(kExample2021 + ": scored with rulesets/guangzhou/2021.rubric (guangzhou criteria, for 2021–2022)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("94.85"), std::string::npos);
  EXPECT_NE(r.out.find("95.99"), std::string::npos);
}

// A draft of next year's criteria often sits beside the published ones with the same year while
// it is being written: named on the command line it applies to that year's facts as well, and the
// years a ruleset covers run to the next *later* year (not "2023–2022"); --scheme never picks it.
TEST(CliScheme, ADraftOfTheSameYearAppliesToThatYear) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("rubric_scheme_draft_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "guangzhou");
  fs::copy_file(kSourceDir + "/rulesets/guangzhou/2021.rubric", dir / "guangzhou" / "2021.rubric");
  fs::copy_file(kSourceDir + "/rulesets/guangzhou/2023.rubric", dir / "guangzhou" / "2023.rubric");
  {
    std::ofstream draft(dir / "guangzhou" / "2023-draft.rubric");
    draft << "ruleset \"2023 draft\" scheme guangzhou year 2023 extends \"2023.rubric\"\n";
  }
  const std::string example = kSourceDir + "/" + kExample2023;
  const CliResult draft = run_cli("score '" + (dir / "guangzhou" / "2023-draft.rubric").string() + "' '" + example + "'");
  EXPECT_EQ(draft.exit_code, 0) << draft.err;
  EXPECT_EQ(draft.err.find("E0806"), std::string::npos) << draft.err;
  EXPECT_NE(draft.out.find("95.99"), std::string::npos) << draft.out;
  const CliResult old = run_cli("score '" + (dir / "guangzhou" / "2021.rubric").string() + "' '" + example + "'");
  EXPECT_EQ(old.exit_code, 3);
  EXPECT_NE(old.err.find("holds the criteria of 2021–2022 [E0806]"), std::string::npos) << old.err;
  // Chosen by --scheme, the draft is a second candidate for 2023: an error naming both, no guess.
  const CliResult chosen = run_cli("score --rulesets '" + dir.string() + "' --scheme guangzhou '" + example + "'");
  EXPECT_EQ(chosen.exit_code, 1) << chosen.err;
  EXPECT_NE(chosen.err.find("two rulesets for 2023: " + (dir / "guangzhou" / "2023.rubric").string() + " and " +
                            (dir / "guangzhou" / "2023-draft.rubric").string()),
            std::string::npos)
      << chosen.err;
  EXPECT_EQ(chosen.out, "");
  fs::remove_all(dir);
}

TEST(CliScheme, AnotherYearsRulesetNeedsAnExplicitFlag) {
  const CliResult refused = run_cli("score rulesets/guangzhou/2021.rubric " + kExample2023);
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_NE(refused.err.find("the facts are for 2023, but rulesets/guangzhou/2021.rubric holds the criteria of "
                             "2021–2022 [E0806]"),
            std::string::npos)
      << refused.err;
  EXPECT_EQ(refused.out, "");
  // With the flag the year is not checked; these facts then lack 2021's own facts.
  const CliResult forced = run_cli("score --any-year rulesets/guangzhou/2021.rubric " + kExample2023);
  EXPECT_EQ(forced.err.find("E0806"), std::string::npos) << forced.err;
  EXPECT_NE(forced.err.find("missing fact \"quarterly_execution\""), std::string::npos) << forced.err;
  // Facts of 2022 take 2021's criteria, the newest not after 2022, without a flag.
  std::string text = read_text(kSourceDir + "/" + kExample2021);
  const std::string year_2021 = "\"year\": 2021";
  const std::size_t year = text.find(year_2021);
  ASSERT_NE(year, std::string::npos);
  text.replace(year, year_2021.size(), "\"year\": 2022");
  const auto path = std::filesystem::temp_directory_path() / "rubric-facts-2022.json";
  std::ofstream(path) << text;
  const CliResult y2022 = run_cli("score rulesets/guangzhou/2021.rubric " + path.string());
  EXPECT_EQ(y2022.exit_code, 0) << y2022.err;
  EXPECT_NE(y2022.out.find("94.85"), std::string::npos);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace rubric::testing

namespace rubric::testing {
namespace {

// The 评分依据 of a failed 'not X' condition says what held, in the fact's words ("已报部门整体绩效
// 目标：是"), not "不满足 not X": the basis is read by the people a department hands its table to.
TEST(CliBasis, AFailedNegationIsSaidWithoutADoubleNegative) {
  const CliResult r = run_cli("score rulesets/guangzhou/2023.rubric " + kExample2023);
  EXPECT_NE(r.out.find("已报部门整体绩效目标：是；"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("goals_reported"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("不满足"), std::string::npos) << r.out;
}

// A batch that stops part-way (here: a 200 MB line that cannot be read under a memory limit, after
// 5,000 rows, most of them scored by then) writes nothing: no summary of results that are nowhere, and no --report,
// which would otherwise be read from the results of an earlier run that -o still names.
TEST(Cli, ABatchThatStopsPartWayPrintsNoSummaryAndWritesNoReport) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "a sanitizer build cannot run under ulimit -v";
#else
  const auto dir = std::filesystem::temp_directory_path() / ("rubric_stopped_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream in(dir / "in.jsonl");
    for (int i = 1; i <= 5000; ++i) {
      in << R"({"id": "d)" << i << R"(", "department": "部门)" << i << R"(", "year": 2023, "facts": {"rate": "90%"}})"
         << "\n";
    }
    in << std::string(200'000'000, 'x') << "\n";
  }
  const std::string old = "id,department,total,grade,error\nold,往年,10.00,优,\n";
  std::ofstream(dir / "out.csv") << old;
  const std::string command = "cd '" + dir.string() + "' && (ulimit -v 150000; '" + kBinary + "' batch '" + kSourceDir +
                              "/tests/bad-input/outputs/r.rubric' in.jsonl -o out.csv --report report.html -j 1) "
                              ">stdout.txt 2>stderr.txt";
  const int status = std::system(command.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 3) << status;
  EXPECT_EQ(read_text((dir / "stderr.txt").string()),
            "error: in.jsonl: reading stopped: out of memory; the output was not written\n");
  EXPECT_EQ(read_text((dir / "stdout.txt").string()), "");
  EXPECT_EQ(read_text((dir / "out.csv").string()), old);
  EXPECT_FALSE(std::filesystem::exists(dir / "report.html"));
  std::filesystem::remove_all(dir);
#endif
}

}  // namespace
}  // namespace rubric::testing
