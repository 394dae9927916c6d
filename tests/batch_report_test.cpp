// rubric batch … --report FILE.html|FILE.xlsx: a small batch with a tie and a bad row is scored
// through the program and its reports are read back — the HTML as balanced markup (ranking, the
// SVG chart, averages, the failed department), the XLSX as the zip of XML it is (the cells of
// every sheet as stored, the chart part). The shipped 20-department example is checked against
// the batch's own results file.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "base/csv_reader.hpp"
#include "interpreter/batch/batch.hpp"
#include "report_support.hpp"
#include "report/batch_report.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

namespace fs = std::filesystem;

// 甲部分 is one indicator (the fact a); 乙部分 holds 乙细, whose two indicators give b and 1.
const std::string kRuleset = R"(ruleset "报告测试" scheme test year 2024
total 10
rounding 2 half_up
facts {
  a : number "甲"
  b : number "乙"
}
section 甲部分 points 6 {
  indicator 甲一 points 6 { score a }
}
section 乙部分 points 4 {
  section 乙细 points 4 {
    indicator 乙一 points 2 { score b }
    indicator 乙二 points 2 { score 1 }
  }
}
grade { 优 >= 9; 良 >= 6; 差 otherwise }
)";

// d2 and d3 tie at 7.50; d4 cannot be scored; d5's 甲 makes the 甲部分 average 17.30 / 4 =
// 4.325, a tie at the third decimal (half-up gives 4.33, half-even would give 4.32).
const std::string kDepartments =
    "id,department,a,b\n"
    "d1,甲局,6,2\n"
    "d2,乙局,5,1.5\n"
    "d3,\"丙局, <二处>\",5,1.5\n"
    "d4,丁局,x,1\n"
    "d5,戊局,1.3,0.5\n";

class BatchReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rubric_batch_report_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    write("rules.rubric", kRuleset);
    write("in.csv", kDepartments);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path(name), std::ios::binary) << text;
  }
  // rubric batch rules.rubric in.csv -o [output] --report [report]
  CliResult batch(const std::string& output, const std::string& report) const {
    return run_cli("batch " + path("rules.rubric") + " " + path("in.csv") + " -o " + path(output) + " --report " +
                   path(report));
  }

  fs::path dir_;
};

// The rows of the HTML table with class [cls]: the text of each cell, tags removed.
std::vector<std::vector<std::string>> html_rows(const std::string& html, const std::string& cls) {
  std::vector<std::vector<std::string>> rows;
  const std::size_t table = html.find("<table class=\"" + cls + "\">");
  if (table == std::string::npos) return rows;
  const std::size_t body = html.find("<tbody>", table);
  const std::size_t end = html.find("</tbody>", body);
  for (std::size_t tr = html.find("<tr", body); tr != std::string::npos && tr < end; tr = html.find("<tr", tr + 1)) {
    const std::size_t tr_end = html.find("</tr>", tr);
    std::vector<std::string> cells;
    for (std::size_t td = html.find("<td", tr); td != std::string::npos && td < tr_end; td = html.find("<td", td + 1)) {
      const std::size_t open_end = html.find('>', td);
      cells.push_back(xml_unescape(html.substr(open_end + 1, html.find("</td>", open_end) - open_end - 1)));
    }
    rows.push_back(cells);
  }
  return rows;
}

TEST_F(BatchReportTest, HtmlRanksWithTiesChartsGradesAndAveragesExactly) {
  const CliResult r = batch("out.csv", "report.html");
  EXPECT_EQ(r.exit_code, 3) << r.err;  // d4 has an error
  EXPECT_NE(r.err.find("wrote " + path("report.html")), std::string::npos) << r.err;
  const std::string html = read_text(path("report.html"));
  EXPECT_EQ(unbalanced(html), "");
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_NE(html.find("@page { size: A4"), std::string::npos);
  EXPECT_NE(html.find("<h1>报告测试</h1>"), std::string::npos);
  EXPECT_NE(html.find("<th>部门数</th><td>5</td><th>未能评分</th><td>1</td>"), std::string::npos);

  // The ranking: ties share a rank (marked "="), then the next rank skips; section scores beside.
  const auto ranking = html_rows(html, "data ranking");
  ASSERT_EQ(ranking.size(), 4u);
  const std::vector<std::vector<std::string>> expected = {
      {"1", "1", "d1", "甲局", "9.00", "优", "6.00", "3.00"},
      {"2=", "2", "d2", "乙局", "7.50", "良", "5.00", "2.50"},
      {"2=", "3", "d3", "丙局, <二处>", "7.50", "良", "5.00", "2.50"},
      {"4", "5", "d5", "戊局", "2.80", "差", "1.30", "1.50"},
  };
  EXPECT_EQ(ranking, expected);
  EXPECT_NE(html.find("丙局, &lt;二处&gt;"), std::string::npos);
  EXPECT_NE(html.find("<th>甲部分（6）</th><th>乙部分（4）</th>"), std::string::npos);

  // The failed department with its error, naming the column.
  const auto failed = html_rows(html, "data failed");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0][0], "4");
  EXPECT_EQ(failed[0][2], "丁局");
  EXPECT_NE(failed[0][3].find("column a"), std::string::npos) << failed[0][3];

  // The chart: one bar per grade of the ruleset, labelled with its count.
  const std::size_t svg = html.find("<svg");
  ASSERT_NE(svg, std::string::npos);
  const std::string chart = html.substr(svg, html.find("</svg>", svg) - svg);
  std::size_t bars = 0;
  for (std::size_t at = chart.find("<rect class=\"bar\""); at != std::string::npos;
       at = chart.find("<rect class=\"bar\"", at + 1)) {
    ++bars;
  }
  EXPECT_EQ(bars, 3u);
  EXPECT_NE(chart.find("<title>优：1 个部门</title>"), std::string::npos);
  EXPECT_NE(chart.find("<title>良：2 个部门</title>"), std::string::npos);
  EXPECT_NE(chart.find("<title>差：1 个部门</title>"), std::string::npos);
  const auto grades = html_rows(html, "data grades");
  ASSERT_EQ(grades.size(), 3u);
  EXPECT_EQ(grades[1], (std::vector<std::string>{"良", "6分≤得分<9分", "2", "50.0%"}));

  // Averages over the 4 scored departments, rounded half-up: 17.30 / 4 = 4.325 -> 4.33.
  const auto averages = html_rows(html, "data averages");
  ASSERT_EQ(averages.size(), 4u);  // 甲部分, 乙部分, 乙细, 总分
  EXPECT_EQ(averages[0], (std::vector<std::string>{"甲部分", "6", "4", "4.33", "1.30", "6.00"}));
  EXPECT_EQ(averages[1], (std::vector<std::string>{"乙部分", "4", "4", "2.38", "1.50", "3.00"}));
  EXPECT_EQ(averages[2], (std::vector<std::string>{"乙细", "4", "4", "2.38", "1.50", "3.00"}));
  EXPECT_EQ(averages[3], (std::vector<std::string>{"总分", "10", "4", "6.70", "2.80", "9.00"}));
  EXPECT_NE(html.find("按 2 位小数四舍五入（half-up）"), std::string::npos);
}

// A batch of any size makes a page a browser opens at once: the first and last 100 of the ranking,
// and a row that says how many are left out and where they are (200,000 departments gave a 49 MB
// page that Chromium did not render in two minutes).
TEST_F(BatchReportTest, HtmlOfALargeBatchListsTheTopAndBottomAndSaysWhatItLeavesOut) {
  std::string csv = "id,department,a,b\n";
  for (int i = 1; i <= 1000; ++i) csv += fmt::format("d{},部门{},{},{}\n", i, i, i % 7, i % 3 == 0 ? "x" : "1");
  write("in.csv", csv);
  const CliResult r = batch("out.csv", "report.html");
  EXPECT_EQ(r.exit_code, 3) << r.err;  // every third row has an error
  const std::string html = read_text(path("report.html"));
  EXPECT_EQ(unbalanced(html), "");
  const auto ranking = html_rows(html, "data ranking");
  ASSERT_EQ(ranking.size(), 2 * report::kShownAtEachEnd + 1);
  EXPECT_EQ(ranking[report::kShownAtEachEnd][0],
            "…… 中间 467 个部门（第 101 至第 567 名）未列出：完整排名见 XLSX 或 CSV 报告（--report 文件.xlsx）或结果文件 ……");
  const auto failed = html_rows(html, "data failed");
  ASSERT_EQ(failed.size(), 2 * report::kShownAtEachEnd + 1);
  EXPECT_EQ(failed.back()[0], "…… 其余 133 个未能评分的部门未列出：见结果文件的 error 列 ……");
  EXPECT_LT(html.size(), 200'000u);
}

TEST_F(BatchReportTest, XlsxHasTheRankingTheChartAndExactAverages) {
  const CliResult r = batch("out.jsonl", "report.xlsx");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  const std::string file = path("report.xlsx");

  // 排名: the headings (a frozen row), then one row per ranked department; numbers as stored.
  const Workbook ranking = read_workbook(file, 1);
  const std::string heading = ranking.find("排名");
  ASSERT_FALSE(heading.empty());
  ASSERT_EQ(column_of(heading), "A");
  const int h = row_of(heading);
  const auto cell = [&](const Workbook& wb, char column, int row) {
    return wb.text(std::string(1, column) + std::to_string(row));
  };
  const std::vector<std::string> headings = {"排名", "序号", "编号", "部门", "总分", "等级", "甲部分（6）", "乙部分（4）"};
  for (std::size_t i = 0; i < headings.size(); ++i) EXPECT_EQ(cell(ranking, static_cast<char>('A' + i), h), headings[i]);
  const std::vector<std::vector<std::string>> rows = {
      {"1", "1", "d1", "甲局", "9", "优", "6", "3"},
      {"2", "2", "d2", "乙局", "7.5", "良", "5", "2.5"},
      {"2", "3", "d3", "丙局, <二处>", "7.5", "良", "5", "2.5"},
      {"4", "5", "d5", "戊局", "2.8", "差", "1.3", "1.5"},
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t c = 0; c < rows[i].size(); ++c) {
      EXPECT_EQ(cell(ranking, static_cast<char>('A' + c), h + 1 + static_cast<int>(i)), rows[i][c]) << i << "," << c;
    }
  }
  EXPECT_NE(ranking.sheet_xml.find("<pane ySplit=\"" + std::to_string(h) + "\""), std::string::npos);
  // Scores are shown with the ruleset's two decimals.
  EXPECT_NE(unzip_entry(file, "xl/styles.xml").find("formatCode=\"0.00\""), std::string::npos);

  // 等级分布: the counts in cells and a native chart over them.
  const Workbook grades = read_workbook(file, 2);
  EXPECT_EQ(grades.text("A1"), "等级");
  EXPECT_EQ(grades.text("A2"), "优");
  EXPECT_EQ(grades.text("C2"), "1");
  EXPECT_EQ(grades.text("C3"), "2");
  EXPECT_EQ(grades.text("C4"), "1");
  EXPECT_EQ(grades.text("D3"), "0.5");
  ASSERT_TRUE(has_entry(file, "xl/charts/chart1.xml"));
  const std::string chart = unzip_entry(file, "xl/charts/chart1.xml");
  EXPECT_NE(chart.find("<c:barDir val=\"col\"/>"), std::string::npos);
  EXPECT_NE(chart.find("<c:cat><c:strRef><c:f>'等级分布'!$A$2:$A$4</c:f>"), std::string::npos) << chart;
  EXPECT_NE(chart.find("<c:val><c:numRef><c:f>'等级分布'!$C$2:$C$4</c:f>"), std::string::npos) << chart;
  EXPECT_NE(chart.find("<c:v>优</c:v>"), std::string::npos);  // the cached categories

  // 分项平均: exact decimals, the mean rounded half-up.
  const Workbook averages = read_workbook(file, 3);
  EXPECT_EQ(averages.text("A2"), "甲部分");
  EXPECT_EQ(averages.text("D2"), "4.33");
  EXPECT_EQ(averages.text("E2"), "1.3");
  EXPECT_EQ(averages.text("F2"), "6");
  EXPECT_EQ(averages.text("D3"), "2.38");
  EXPECT_EQ(averages.text("A5"), "总分");
  EXPECT_EQ(averages.text("D5"), "6.7");

  // 未能评分: d4 and why.
  // 排名因素: the indicators whose scores differ, by their share of the spread of totals.
  const Workbook spread = read_workbook(file, 4);
  EXPECT_EQ(spread.text("A1"), "指标");
  EXPECT_EQ(spread.text("E1"), "占总分差异");
  EXPECT_EQ(spread.text("A2"), "甲一");
  // 档位边界: the departments near each bound between tiers (these rules have none: the sheet says so).
  const Workbook crowded = read_workbook(file, 5);
  EXPECT_EQ(crowded.text("C1"), "档位边界");
  EXPECT_EQ(crowded.text("A2"), "没有部门的测算值临近档位边界。");
  const Workbook failed = read_workbook(file, 6);
  EXPECT_EQ(failed.text("A2"), "4");
  EXPECT_EQ(failed.text("C2"), "丁局");
  EXPECT_NE(failed.text("D2").find("column a"), std::string::npos) << failed.text("D2");
}

TEST_F(BatchReportTest, AnUnknownReportExtensionIsAUsageError) {
  const CliResult r = batch("out.csv", "report.pdf");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("report.pdf: the report must be .html or .xlsx"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(path("out.csv")));  // nothing was scored
  EXPECT_FALSE(fs::exists(path("report.pdf")));
}

// The shipped example: 20 departments of the 2023 ruleset, one with a bad cell and two with
// equal totals. The report agrees with the batch's own results file, whichever format it is.
// Where the ranking is fragile: each indicator's share of the spread of totals, exact but for the
// one division (worked by hand: 甲一 23·… / … = 118.13%, 乙一 −18.13%; 乙二 is 1 everywhere), and
// the departments within a point of each grade's threshold.
TEST(BatchReport, EachIndicatorsShareOfTheSpreadAndTheDepartmentsNearAGradeLine) {
  const auto rs = load_ok(kRuleset);
  ASSERT_TRUE(rs);
  report::BatchReportBuilder builder(*rs);
  const struct {
    const char* a;
    const char* b;
  } rows[] = {{"5", "1"}, {"3", "2"}, {"0", "3"}, {"5", "2.5"}};
  std::size_t row = 0;
  for (const auto& r : rows) {
    const Decimal a = dec(r.a);
    const Decimal b = dec(r.b);
    const Decimal total = a + b + dec("1");
    const std::string grade = total >= dec("9") ? "优" : total >= dec("6") ? "良" : "差";
    builder.add(++row, fmt::format("d{}", row), "某局", total, grade, {a, b, dec("1")}, "");
  }
  const report::BatchReport r = builder.finish();
  ASSERT_EQ(r.spread.size(), 2U);
  EXPECT_EQ(r.spread[0].name, "甲一");
  EXPECT_EQ(r.spread[0].share, dec("1.1813"));
  EXPECT_EQ(r.spread[1].name, "乙一");
  EXPECT_EQ(r.spread[1].share, dec("-0.1813"));
  EXPECT_EQ(r.spread[0].share + r.spread[1].share, dec("1"));
  EXPECT_EQ(r.constant, 1U);
  ASSERT_EQ(r.near_grades.size(), 2U);
  EXPECT_EQ(r.near_grades[0].grade, "优");
  EXPECT_EQ(r.near_grades[0].below, 1U);  // 8.5
  EXPECT_EQ(r.near_grades[0].above, 0U);
  EXPECT_EQ(r.near_grades[1].below, 0U);
  EXPECT_EQ(r.near_grades[1].above, 1U);  // 6 exactly; 7 is a whole point above
  const std::string html = report::render_batch_html(r);
  EXPECT_EQ(unbalanced(html), "");
  const auto spread = html_rows(html, "data spread");
  ASSERT_EQ(spread.size(), 2U);
  EXPECT_EQ(spread[0].back(), "118.13%");
  EXPECT_EQ(spread[1].back(), "-18.13%");
  const auto near = html_rows(html, "data near");
  ASSERT_EQ(near.size(), 2U);
  EXPECT_EQ(near[0], (std::vector<std::string>{"优", "9", "1", "0"}));
}

TEST(BatchReport, TheShippedExampleAgreesWithTheResultsFile) {
  const std::string dir = temp_path("example");
  fs::create_directories(dir);
  const std::string args = "batch rulesets/guangzhou/2023.rubric rulesets/guangzhou/examples/departments-2023.csv";
  const CliResult csv = run_cli(args + " -o " + dir + "/out.csv --report " + dir + "/from-csv.html");
  const CliResult jsonl = run_cli(args + " -o " + dir + "/out.jsonl --report " + dir + "/from-jsonl.html");
  EXPECT_EQ(csv.exit_code, 3) << csv.err;
  EXPECT_EQ(jsonl.exit_code, 3) << jsonl.err;
  const std::string html = read_text(dir + "/from-csv.html");
  EXPECT_EQ(html, read_text(dir + "/from-jsonl.html"));
  EXPECT_EQ(unbalanced(html), "");

  // Every department of the results, with its total: ranked, or listed as failed.
  const auto ranking = html_rows(html, "data ranking");
  const auto failed = html_rows(html, "data failed");
  std::map<std::string, std::string> shown;  // id -> total
  for (const auto& row : ranking) shown[row[2]] = row[4];
  for (const auto& row : failed) shown[row[1]] = "";
  std::ifstream results(dir + "/out.csv");
  std::string line;
  std::getline(results, line);
  std::size_t count = 0;
  while (std::getline(results, line)) {
    const auto fields = parse_csv(line + "\n").at(0);
    ++count;
    ASSERT_TRUE(shown.contains(fields[1])) << fields[1];
    EXPECT_EQ(shown[fields[1]], fields[3]) << fields[1];
  }
  EXPECT_EQ(count, 20u);
  EXPECT_EQ(ranking.size(), 19u);
  EXPECT_EQ(failed.size(), 1u);

  // Ranks follow the totals, ties sharing one; the sections add up to the total.
  for (std::size_t i = 0; i < ranking.size(); ++i) {
    const Decimal total = *Decimal::parse(ranking[i][4]);
    const Decimal sections = *Decimal::parse(ranking[i][6]) + *Decimal::parse(ranking[i][7]);
    EXPECT_EQ(sections, total) << ranking[i][3];
    if (i == 0) continue;
    const Decimal previous = *Decimal::parse(ranking[i - 1][4]);
    EXPECT_LE(total, previous);
    const std::string rank = ranking[i][0].substr(0, ranking[i][0].find('='));
    const std::string previous_rank = ranking[i - 1][0].substr(0, ranking[i - 1][0].find('='));
    EXPECT_EQ(rank, total == previous ? previous_rank : std::to_string(i + 1)) << ranking[i][3];
  }
  // The example's tie: 西区档案馆 reports exactly what 东区文化广电旅游局 reports.
  std::size_t tied = 0;
  for (const auto& row : ranking) tied += row[0].back() == '=' ? 1 : 0;
  EXPECT_EQ(tied, 2u);
  // The 2023 total is the sum of its indicators: their shares of the spread add up to 100%, up to
  // the rounding of each to 0.01%.
  Decimal shares;
  for (const auto& row : html_rows(html, "data spread")) shares += *Decimal::parse(row.back().substr(0, row.back().size() - 1));
  EXPECT_LE((shares - dec("100")).abs(), dec("0.2")) << shares.to_string();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace rubric::testing
