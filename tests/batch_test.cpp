// rubric batch: CSV and JSON Lines in and out, per-row errors, order with several threads, the
// summary; through the program and through the library.
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/csv_reader.hpp"
#include "interpreter/batch/batch.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

namespace fs = std::filesystem;

const std::string kSmallRuleset = R"(ruleset "批量测试" scheme test year 2023
facts {
  rate    : percent "完成率"
  issues  : count default 0
  months  : list of percent
  outputs : list of { name: text, target: number in (0, inf), actual: number, weight: number }
  level   : enum { 好, 差 } default "好"
}
section 全部 points 10 {
  indicator 完成 points 4 { score min(rate, 100%) * points }
  indicator 扣分 points 2 { score deduct 0.5 per issues until zero }
  indicator 月度 points 2 { score mean(m in months: min(m, 100%)) * points }
  indicator 产出 points 2 { score min(sum(o in outputs: o.actual / o.target * o.weight), points) }
}
grade { 优 >= 9; 良 >= 6; 差 otherwise }
)";

class BatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rubric_batch_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    write("rules.rubric", kSmallRuleset);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(path(name), std::ios::binary) << text; }
  std::string read(const std::string& name) const { return read_text(path(name)); }

  fs::path dir_;
};

const std::string kHeader =
    "id,department,rate,issues,months.1,months.2,months.3,outputs.1.name,outputs.1.target,outputs.1.actual,"
    "outputs.1.weight,outputs.2.name,outputs.2.target,outputs.2.actual,outputs.2.weight\n";

// A spreadsheet made for people heads its columns with the facts' labels, and a record's fields
// with theirs: read as the names are. A label two facts share is refused, not guessed.
TEST_F(BatchTest, ColumnsMayBeHeadedWithTheFactsLabels) {
  write("labelled.rubric", R"(ruleset "t" scheme test year 2023
total 4
facts {
  rate    : percent "预算执行率"
  outputs : list of { target: number in (0, inf) "目标值", actual: number "实际值" } "年度绩效目标（目标值、实际值）"
}
indicator 执行 points 2 { score min(rate, 100%) * points }
indicator 目标 points 2 { score min(mean(o in outputs: o.actual / o.target), 100%) * points }
grade { 优 >= 3; 差 otherwise }
)");
  write("in.csv", "id,department,预算执行率,年度绩效目标.1.目标值,年度绩效目标.1.实际值\nd1,甲局,95%,10,5\n");
  const CliResult r = run_cli("batch " + path("labelled.rubric") + " " + path("in.csv") + " -o " + path("out.csv"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto rows = parse_csv(read("out.csv"));
  ASSERT_EQ(rows.size(), 2u) << read("out.csv");
  EXPECT_EQ(rows[1][3], "2.90");  // 1.90 + 1.00
  write("same.rubric", R"(ruleset "t" scheme test year 2023
total 4
facts {
  a : percent "执行率"
  b : percent "执行率"
}
indicator 甲 points 2 { score min(a, 100%) * points }
indicator 乙 points 2 { score min(b, 100%) * points }
grade { 优 >= 3; 差 otherwise }
)");
  write("in.csv", "id,department,执行率\nd1,甲局,95%\n");
  const CliResult twice = run_cli("batch " + path("same.rubric") + " " + path("in.csv") + " -o " + path("out2.csv"));
  EXPECT_EQ(twice.exit_code, 3) << twice.err;  // as any header the ruleset cannot read
  EXPECT_NE(twice.err.find("column \"执行率\": more than one fact has this label"), std::string::npos) << twice.err;
}

// Each row says which vetoes (一票否决) applied, in the ruleset's order, whichever evaluator
// scored it: the CSV in a column "vetoes" (only for a ruleset that has vetoes), JSON Lines always.
TEST_F(BatchTest, EachRowSaysWhichVetoesApplied) {
  write("veto.rubric", R"(ruleset "t" scheme test year 2023
total 4
facts {
  rate : percent "预算执行率"
  violation : bool "存在重大违纪违规问题" default false
  late : bool "未按时报送" default false
}
section 过程 points 2 {
  indicator 执行 points 2 { score min(rate, 100%) * points }
  veto "未按时报送自评材料" when late -> zero
}
indicator 结果 points 2 { score points }
veto "存在重大违纪违规问题" when violation -> grade 差
grade { 优 >= 3; 差 otherwise }
)");
  write("in.jsonl", R"({"department": "甲局", "facts": {"rate": "95%"}})"
                    "\n"
                    R"({"department": "乙局", "facts": {"rate": "95%", "violation": true, "late": true}})"
                    "\n");
  for (const char* how : {"", " --tree-evaluator"}) {
    SCOPED_TRACE(how);
    const std::string base = "batch " + path("veto.rubric") + " " + path("in.jsonl") + how;
    ASSERT_EQ(run_cli(base + " -o " + path("out.csv")).exit_code, 0);
    const auto rows = parse_csv(read("out.csv"));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0][rows[0].size() - 2], "vetoes");
    EXPECT_EQ(rows[1][rows[1].size() - 2], "");
    EXPECT_EQ(rows[2][rows[2].size() - 2], "未按时报送自评材料；存在重大违纪违规问题");
    EXPECT_EQ(rows[2][4], "差");
    ASSERT_EQ(run_cli(base + " -o " + path("out.jsonl")).exit_code, 0);
    EXPECT_NE(read("out.jsonl").find("\"vetoes\":[\"未按时报送自评材料\",\"存在重大违纪违规问题\"]"), std::string::npos)
        << read("out.jsonl");
  }
}

// A row's vetoes and problems are its own: the results of a chunk of rows are used again for
// the next chunk, and a veto that applied to an earlier row must not be listed for a later one.
TEST_F(BatchTest, ARowNeverShowsTheVetoesOrErrorsOfAnEarlierRow) {
  write("veto.rubric", R"(ruleset "t" scheme test year 2023
total 2
facts {
  rate : percent in [0, 100%] "预算执行率"
  late : bool "未按时报送" default false
}
indicator 执行 points 2 { score rate * points }
veto "未按时报送自评材料" when late -> grade 差
grade { 优 >= 1; 差 otherwise }
)");
  std::string rows;
  for (int i = 0; i < 40; ++i) {
    rows += i % 4 == 0 ? R"({"department": "迟", "facts": {"rate": "90%", "late": true}})"
            : i % 4 == 1 ? R"({"department": "错", "facts": {"rate": "190%"}})"
                         : R"({"department": "好", "facts": {"rate": "90%"}})";
    rows += "\n";
  }
  write("in.jsonl", rows);
  const auto ruleset = load_ok(read("veto.rubric"), "veto.rubric");
  BatchOptions options;
  options.input = path("in.jsonl");
  options.output = path("out.jsonl");
  options.jobs = 2;
  options.chunk_rows = 3;  // 40 rows through a few chunks, each used again
  const BatchResult result = run_batch(*ruleset, options);
  ASSERT_TRUE(result.fatal.empty()) << result.fatal;
  std::istringstream lines(read("out.jsonl"));
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    const auto row = nlohmann::json::parse(line);
    const int kind = (row["row"].get<int>() - 1) % 4;  // 0: 迟, 1: 错, else 好
    SCOPED_TRACE(line);
    EXPECT_EQ(row["vetoes"].size(), kind == 0 ? 1u : 0u);
    EXPECT_EQ(row["diagnostics"].size(), kind == 1 ? 1u : 0u);
    EXPECT_EQ(row["error"].is_null(), kind != 1);
    if (kind == 1) {
      EXPECT_EQ(row["diagnostics"][0]["code"], "E0604");
    }
    ++n;
  }
  EXPECT_EQ(n, 40);
}

TEST_F(BatchTest, CsvInCsvOutWithPerRowErrors) {
  write("in.csv", kHeader +
                      "d1,甲局,95%,1,100%,90%,,产出一,10,10,1,产出二,4,2,2\n"
                      "d2,乙局,abc,0,100%,,,,,,,,,,\n"
                      "d3,\"丙局, 二处\",0.5,5,50%,x,100%,产出一,10,5,2,,,,\n");
  const CliResult r = run_cli("batch " + path("rules.rubric") + " " + path("in.csv") + " -o " + path("out.csv") + " -j 2");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  const auto rows = parse_csv(read("out.csv"));
  ASSERT_EQ(rows.size(), 4u) << read("out.csv");
  // The file starts with a UTF-8 BOM, so that Excel shows the Chinese.
  EXPECT_EQ(read("out.csv").rfind("\xEF\xBB\xBFrow,", 0), 0u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"\xEF\xBB\xBFrow", "id", "department", "total", "grade", "完成", "扣分", "月度", "产出", "error"}));
  // d1: 3.80 + 1.50 + 1.90 (mean 95%) + min(1 + 1, 2) = 9.20.
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "d1", "甲局", "9.20", "优", "3.80", "1.50", "1.90", "2.00", ""}));
  // d2: a bad cell is named by its column; the row has no scores; the batch goes on.
  EXPECT_EQ(rows[2][0], "2");
  EXPECT_EQ(rows[2][3], "");
  EXPECT_NE(rows[2][9].find("column rate: expected a percent, found the string \"abc\""), std::string::npos) << rows[2][9];
  EXPECT_EQ(rows[2][9].find("column outputs"), std::string::npos) << rows[2][9];  // no outputs: the empty list
  // d3: a list element is named by its numbered column.
  EXPECT_EQ(rows[3][2], "丙局, 二处");
  EXPECT_NE(rows[3][9].find("column months.2: expected a percent"), std::string::npos) << rows[3][9];
  EXPECT_NE(r.out.find("rows: 3, errors: 2 (rows 2, 3)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("grades: 优 1, 良 0, 差 0"), std::string::npos) << r.out;
}

TEST_F(BatchTest, EvaluationErrorsNameTheIndicator) {
  // No month at all is a missing fact; an empty 'outputs' target of 0 is outside its domain.
  write("in.csv", "id,rate,months.1,outputs.1.name,outputs.1.target,outputs.1.actual,outputs.1.weight\n"
                  "a,100%,100%,x,0,1,1\n"
                  "b,100%,100%,x,1,1,1\n");
  write("rules2.rubric", R"(ruleset "t" scheme test year 2023
facts {
  rate    : percent
  months  : list of percent
  outputs : list of { name: text, target: number, actual: number, weight: number }
}
section S points 4 {
  indicator A points 2 { score min(rate, 100%) * points }
  indicator B points 2 { score sum(o in outputs: o.actual / o.target * o.weight) }
}
grade { 优 >= 3; 差 otherwise }
)");
  const CliResult r = run_cli("batch " + path("rules2.rubric") + " " + path("in.csv") + " -o " + path("out.csv"));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  const auto rows = parse_csv(read("out.csv"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][5], "2.00");  // A still scored
  EXPECT_EQ(rows[1][6], "");
  EXPECT_NE(rows[1][7].find("indicator 'B': division by zero"), std::string::npos) << rows[1][7];
  EXPECT_EQ(rows[2][3], "3.00");
  EXPECT_EQ(rows[2][7], "");
}

TEST_F(BatchTest, JsonLinesInAndOutScoresThe2023Example) {
  std::string doc = read_text(kSourceDir + "/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json");
  std::replace(doc.begin(), doc.end(), '\n', ' ');
  write("in.jsonl", doc + "\n\n" + doc + "\n{\"department\": \"坏\", \"facts\": {}}\n");
  const CliResult r = run_cli("batch rulesets/guangzhou/2023.rubric " + path("in.jsonl") + " -o " + path("out.jsonl"));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  std::istringstream lines(read("out.jsonl"));
  std::vector<nlohmann::json> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(rows.size(), 3u);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(rows[i]["row"], i + 1);
    EXPECT_EQ(rows[i]["department"], "广州互联网法院");
    EXPECT_EQ(rows[i]["total"].dump(), "95.99");
    EXPECT_EQ(rows[i]["grade"], "优");
    EXPECT_EQ(rows[i]["scores"]["部门预算资金支出率"].dump(), "9.99");
    EXPECT_TRUE(rows[i]["error"].is_null());
  }
  EXPECT_TRUE(rows[2]["total"].is_null());
  EXPECT_NE(rows[2]["error"].get<std::string>().find("facts.outputs: missing fact"), std::string::npos) << rows[2]["error"];
  // CSV out from JSON Lines in.
  const CliResult c = run_cli("batch rulesets/guangzhou/2023.rubric " + path("in.jsonl") + " -o " + path("out.csv"));
  EXPECT_EQ(c.exit_code, 3);
  const auto csv = parse_csv(read("out.csv"));
  ASSERT_EQ(csv.size(), 4u);
  EXPECT_EQ(csv[1][3], "95.99");
}

TEST_F(BatchTest, OrderIsTheInputOrderWithSeveralThreads) {
  std::string csv = "id,rate,issues,months.1,outputs.1.name,outputs.1.target,outputs.1.actual,outputs.1.weight\n";
  constexpr int kRows = 3000;
  for (int i = 0; i < kRows; ++i) {
    // Every 7th row has an error; the rest vary so totals differ.
    csv += fmt::format("r{},{}%,{},{}%,o,{},{},2\n", i, i % 101, i % 7 == 0 ? "x" : std::to_string(i % 5), (i * 7) % 101,
                       1 + i % 9, i % 11);
  }
  write("in.csv", csv);
  const CliResult one = run_cli("batch " + path("rules.rubric") + " " + path("in.csv") + " -o " + path("one.csv") + " -j 1");
  const CliResult four = run_cli("batch " + path("rules.rubric") + " " + path("in.csv") + " -o " + path("four.csv") + " -j 4");
  EXPECT_EQ(one.exit_code, 3);
  EXPECT_EQ(four.exit_code, 3);
  const std::string a = read("one.csv");
  EXPECT_EQ(a, read("four.csv"));
  EXPECT_EQ(one.out, four.out);
  const auto rows = parse_csv(a);
  ASSERT_EQ(rows.size(), kRows + 1u);
  for (int i = 0; i < kRows; ++i) {
    EXPECT_EQ(rows[i + 1][0], std::to_string(i + 1));
    EXPECT_EQ(rows[i + 1][1], "r" + std::to_string(i));
    EXPECT_EQ(rows[i + 1][9].empty(), i % 7 != 0) << i;
  }
  EXPECT_NE(one.out.find(fmt::format("rows: {}, errors: {}", kRows, (kRows + 6) / 7)), std::string::npos) << one.out;
  // The tree evaluator writes the same file as the compiled plan, errors included.
  const CliResult tree =
      run_cli("batch " + path("rules.rubric") + " " + path("in.csv") + " -o " + path("tree.csv") + " -j 3 --tree-evaluator");
  EXPECT_EQ(tree.exit_code, 3);
  EXPECT_EQ(a, read("tree.csv"));
}

TEST_F(BatchTest, SummaryRanksTopAndBottom) {
  write("in.csv", "id,rate,months.1,outputs.1.name,outputs.1.target,outputs.1.actual,outputs.1.weight\n"
                  "low,10%,10%,o,1,0,2\n"
                  "high,100%,100%,o,1,1,2\n"
                  "mid,60%,60%,o,1,1,2\n"
                  "high2,100%,100%,o,1,1,2\n");
  const CliResult r =
      run_cli("batch " + path("rules.rubric") + " " + path("in.csv") + " -o " + path("out.jsonl") + " --top 2 --bottom 1");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // low: 0.40 + 2 + 0.20 + 0 = 2.60; high: 10; mid: 2.40 + 2 + 1.20 + 2 = 7.60.
  EXPECT_NE(r.out.find("rows: 4, errors: 0\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("grades: 优 2, 良 1, 差 1\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("total: mean 7.55, min 2.60, max 10.00\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("top 2:\n    1.   10.00  优  row 2  high\n    2.   10.00  优  row 4  high2\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("bottom 1:\n    1.    2.60  差  row 1  low\n"), std::string::npos) << r.out;
  EXPECT_TRUE(r.err.empty()) << r.err;  // no progress bar when stderr is not a terminal
}

TEST_F(BatchTest, BadHeaderIsReportedAndNothingIsWritten) {
  write("in.csv", "id,outputs.1.colour\nx,1\n");
  const CliResult r = run_cli("batch " + path("rules.rubric") + " " + path("in.csv") + " -o " + path("out.csv"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("column \"outputs.1.colour\": the records of \"outputs\" have no field \"colour\""), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(path("out.csv")));
  // A column that is not a fact is an error of the header (ignored, its fact would take its
  // default in every row); --allow-unknown-facts makes it a warning.
  write("in2.csv", "id,rate,unknown_fact\n");
  const CliResult e = run_cli("batch " + path("rules.rubric") + " " + path("in2.csv") + " -o " + path("out.csv"));
  EXPECT_EQ(e.exit_code, 3) << e.err;
  EXPECT_NE(e.err.find("column \"unknown_fact\": the ruleset has no fact \"unknown_fact\" [E0614]"), std::string::npos) << e.err;
  EXPECT_FALSE(fs::exists(path("out.csv")));
  const CliResult w =
      run_cli("batch --allow-unknown-facts " + path("rules.rubric") + " " + path("in2.csv") + " -o " + path("out.csv"));
  EXPECT_EQ(w.exit_code, 0) << w.err;
  EXPECT_NE(w.err.find("warning: column \"unknown_fact\""), std::string::npos) << w.err;
  const CliResult u = run_cli("batch " + path("rules.rubric") + " " + path("in2.csv") + " -o " + path("out.txt"));
  EXPECT_EQ(u.exit_code, 2);
}

TEST_F(BatchTest, CsvCellsScoreAsTheSameFactsWrittenAsJson) {
  // Valid cells take the direct CSV path; the same facts as JSON Lines take the facts loader. Every
  // way of writing a value must give the same scores on both.
  struct Row {
    std::string rate, issues;
    std::vector<std::string> months;
    std::vector<std::array<std::string, 4>> outputs;  // name, target, actual, weight
  };
  const std::vector<Row> rows = {
      {"95%", "", {"100%", "90%"}, {{"产出一", "10", "10", "1"}, {"产出二", "4", "2", "2"}}},
      {"0.95", "0", {"99.49%", "99.26%", "100%"}, {}},
      {"9.5e-1", "3", {"0.5"}, {{"x", "1e1", "7.5", "0.5"}}},
      {"1", "2.0", {"150%", "1E-1"}, {{"乙", "3", "1", "2.00"}}},
      {"0.00%", "1", {"33.333%"}, {{"a,b", "7", "0", "1"}, {"c \"q\"", "0.3", "0.1", "3"}}},
      {"100.0%", "10", {"-0", "100%", "1e0"}, {{"z", "28046", "28623", "1.5"}}},
      // A plain number above 1 for a percent (94.78% or 9478%?) is refused in both, by the same rule.
      {"1.5", "0", {"100%"}, {}},
      {"95%", "0", {"100%", "2e0"}, {}},
  };
  std::string csv = kHeader;
  std::string jsonl;
  const auto quote = [](const std::string& cell) {
    if (cell.find_first_of(",\"") == std::string::npos) return cell;
    std::string out = "\"";
    for (const char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  const auto json_value = [](const std::string& cell) {  // a percent with '%' is a string in JSON
    return cell.back() == '%' ? "\"" + cell + "\"" : cell;
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    const std::string name = fmt::format("部门{}", i + 1);
    csv += fmt::format("d{},{},{},{}", i + 1, name, r.rate, r.issues);
    for (std::size_t m = 0; m < 3; ++m) csv += "," + (m < r.months.size() ? r.months[m] : "");
    for (std::size_t o = 0; o < 2; ++o) {
      for (std::size_t f = 0; f < 4; ++f) csv += "," + (o < r.outputs.size() ? quote(r.outputs[o][f]) : "");
    }
    csv += "\n";
    std::vector<std::string> months, outputs;
    for (const auto& m : r.months) months.push_back(json_value(m));
    for (const auto& o : r.outputs) {
      outputs.push_back(fmt::format("{{\"name\":{},\"target\":{},\"actual\":{},\"weight\":{}}}", nlohmann::json(o[0]).dump(),
                                    o[1], o[2], o[3]));
    }
    jsonl += fmt::format("{{\"department\":\"{}\",\"facts\":{{\"rate\":{},{}\"months\":[{}],\"outputs\":[{}]}}}}\n", name,
                         json_value(r.rate), r.issues.empty() ? "" : "\"issues\":" + r.issues + ",", fmt::join(months, ","),
                         fmt::join(outputs, ","));
  }
  write("in.csv", csv);
  write("in.jsonl", jsonl);
  const CliResult a = run_cli("batch " + path("rules.rubric") + " " + path("in.csv") + " -o " + path("a.csv"));
  const CliResult b = run_cli("batch " + path("rules.rubric") + " " + path("in.jsonl") + " -o " + path("b.csv"));
  EXPECT_EQ(a.exit_code, 3) << a.err << read("a.csv");
  EXPECT_EQ(b.exit_code, 3) << b.err << read("b.csv");
  const auto from_csv = parse_csv(read("a.csv"));
  const auto from_json = parse_csv(read("b.csv"));
  ASSERT_EQ(from_csv.size(), rows.size() + 1);
  ASSERT_EQ(from_json.size(), rows.size() + 1);
  const std::size_t refused = rows.size() - 1;  // the last two rows
  EXPECT_EQ(from_csv[refused].back(), "column rate: the number 1.5 is ambiguous for a percent: it could mean 1.5% or 150%");
  EXPECT_EQ(from_json[refused].back(), "facts.rate: the number 1.5 is ambiguous for a percent: it could mean 1.5% or 150%");
  EXPECT_EQ(from_csv[refused + 1].back(), "column months.2: the number 2e0 is ambiguous for a percent: it could mean 2% or 200%");
  EXPECT_EQ(from_json[refused + 1].back(), "facts.months[1]: the number 2e0 is ambiguous for a percent: it could mean 2% or 200%");
  for (std::size_t i = 1; i < refused; ++i) {
    EXPECT_EQ(from_csv[i][2], fmt::format("部门{}", i));
    // total, grade, every score and the (empty) error column
    EXPECT_EQ(std::vector<std::string>(from_csv[i].begin() + 3, from_csv[i].end()),
              std::vector<std::string>(from_json[i].begin() + 3, from_json[i].end()))
        << "row " << i;
  }
  EXPECT_EQ(from_csv[1][3], "9.70");  // 3.80 + 2.00 (no issues: the default 0) + 1.90 + 2.00
}

TEST_F(BatchTest, CsvCellsTheLoaderWouldRejectKeepItsMessages) {
  // Each row has one cell that the direct path must not take; the error names its column.
  write("in.csv", kHeader +
                      "a,甲,95,0,100%,,,,,,,,,,\n"            // a plain 95: 95% or 9500%? refused
                      "b,乙,95%,-1,100%,,,,,,,,,,\n"          // a negative count
                      "c,丙,95%,1.5,100%,,,,,,,,,,\n"         // a count that is not whole
                      "d,丁,95%,0,100%,,,o,0,1,1,,,,\n"       // target outside (0, inf)
                      "e,戊,95%,0,100%,,,o,1,1,,,,,\n"        // a missing field
                      "f,己,+95%,0,1e99999,,,,,,,,,,\n"       // a number out of range
                      "g,庚,.5,0,100%,,,,,,,,,,\n");          // not JSON's number syntax
  const CliResult r = run_cli("batch " + path("rules.rubric") + " " + path("in.csv") + " -o " + path("out.csv"));
  EXPECT_EQ(r.exit_code, 3);
  const auto rows = parse_csv(read("out.csv"));
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[1][9], "column rate: the number 95 is ambiguous for a percent: it could mean 95% or 9500%");
  EXPECT_EQ(rows[1][5], "");
  EXPECT_NE(rows[2][9].find("column issues: -1 is negative, but a count is at least 0"), std::string::npos) << rows[2][9];
  EXPECT_NE(rows[3][9].find("column issues: a count must be a whole number, not 1.5"), std::string::npos) << rows[3][9];
  EXPECT_NE(rows[4][9].find("column outputs.1.target: 0 is outside the declared domain (0, inf)"), std::string::npos)
      << rows[4][9];
  EXPECT_NE(rows[5][9].find("column outputs.1: the field \"weight\" (number) is missing"), std::string::npos) << rows[5][9];
  // Found before the JSON reader (which would refuse the whole document) sees it: it has a column.
  EXPECT_EQ(rows[6][9], "column months.1: the number 1e99999 cannot be held exactly (at most 38 significant digits and 24 decimals)");
  EXPECT_EQ(rows[6][5], "");
  EXPECT_NE(rows[7][9].find("column rate: expected a percent, found the string \".5\""), std::string::npos) << rows[7][9];
}

TEST_F(BatchTest, TheBatchHeaderTemplateIsReadBackAsIs) {
  const CliResult header = run_cli("facts --format batch --elements 2 " + path("rules.rubric"));
  ASSERT_EQ(header.exit_code, 0) << header.err;
  EXPECT_EQ(header.out,
            "id,department,year,rate,issues,months.1,months.2,outputs.1.name,outputs.1.target,outputs.1.actual,"
            "outputs.1.weight,outputs.2.name,outputs.2.target,outputs.2.actual,outputs.2.weight,level\n");
  // Filled in (the second output and the level left empty), it scores with no warning.
  write("in.csv", header.out + "d1,甲局,2023,95%,1,100%,90%,产出一,10,10,2,,,,,\n");
  const CliResult r = run_cli("batch " + path("rules.rubric") + " " + path("in.csv") + " -o " + path("out.csv"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("warning"), std::string::npos) << r.err;
  const auto rows = parse_csv(read("out.csv"));
  ASSERT_EQ(rows.size(), 2u);
  // 3.80 + 1.50 + 1.90 + 2.00
  EXPECT_EQ(rows[1][3], "9.20");
  EXPECT_EQ(rows[1].back(), "");
}

TEST_F(BatchTest, TheOneDepartmentTemplateIsNotTakenForBatchInput) {
  const CliResult one = run_cli("facts --format csv " + path("rules.rubric"));
  ASSERT_EQ(one.exit_code, 0) << one.err;
  write("in.csv", one.out);
  const CliResult r = run_cli("batch " + path("rules.rubric") + " " + path("in.csv") + " -o " + path("out.csv"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("this is the facts template of one department (`rubric facts --format csv`: one fact a row)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("`rubric facts RULESET --format batch`"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(path("out.csv")));
}

TEST(BatchCsv, ParsesQuotedFields) {
  const auto rows = parse_csv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\nlast");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"two\nlines", "", "x"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"last"}));
}

}  // namespace
}  // namespace rubric::testing
