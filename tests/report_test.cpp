// The reports people hand in (rubric score --format xlsx|html|md|csv): the files are opened and
// read back: the XLSX as the zip of XML it is (cells, merged ranges, the total, the ticked
// grade), the HTML checked for balanced tags, every indicator and the chart.
#include <map>
#include <set>

#include "base/unicode.hpp"
#include "base/csv_reader.hpp"
#include "interpreter/batch/batch.hpp"
#include "report/csv.hpp"
#include "report/html.hpp"
#include "report/markdown.hpp"
#include "report/official_table.hpp"
#include "report_support.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

const std::string kRuleset2023 = "rulesets/guangzhou/2023.rubric";
const std::string kFacts2023 = "rulesets/guangzhou/examples/guangzhou-internet-court-2023.json";
const std::string kArgs2023 = kRuleset2023 + " " + kFacts2023;

// Every indicator name of the 2023 ruleset, in table order.
std::vector<std::string> indicator_names() {
  const LoadedRuleset loaded = load_ruleset(kSourceDir + "/" + kRuleset2023);
  EXPECT_TRUE(loaded.ok());
  std::vector<std::string> names;
  const auto walk = [&](const auto& self, const std::vector<ast::Item>& items) -> void {
    for (const ast::Item& item : items) {
      if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) self(self, (*s)->items);
      if (const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) names.push_back((*i)->name);
    }
  };
  walk(walk, loaded.ruleset->items);
  return names;
}


std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(Report, XlsxHasTheOfficialLayout) {
  const std::string path = temp_path("2023.xlsx");
  const CliResult r = run_cli("score " + kArgs2023 + " --format xlsx -o '" + path + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Workbook wb = read_workbook(path);
  std::filesystem::remove(path);

  // The title, the header block, the headings in the official order (自评分 after 得分).
  EXPECT_EQ(wb.text("A1"), "广州市部门整体支出绩效自评（无专项资金）");
  EXPECT_EQ(wb.text("A2"), "（2023年度）");
  const std::string department = wb.find("广州互联网法院");
  ASSERT_FALSE(department.empty());
  EXPECT_EQ(wb.text("A" + std::to_string(row_of(department))), "部门名称");
  const std::string budget = wb.find("一般公共预算财政拨款决算数（万元）");
  ASSERT_FALSE(budget.empty());
  const std::string heading = wb.find("一级指标");
  ASSERT_EQ(column_of(heading), "A");
  const int h = row_of(heading);
  const std::vector<std::string> headings = {"一级指标", "分值", "二级指标", "分值", "三级指标", "分值",
                                             "指标解释", "评分标准", "得分", "自评分", "评分依据",
                                             "参考佐证材料名称"};
  for (std::size_t i = 0; i < headings.size(); ++i) {
    EXPECT_EQ(wb.text(std::string(1, static_cast<char>('A' + i)) + std::to_string(h)), headings[i]) << i;
  }

  // Every indicator on its own row, in order, with the Chinese text intact.
  const std::vector<std::string> names = indicator_names();
  ASSERT_EQ(names.size(), 26u);
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(wb.text("E" + std::to_string(h + 1 + static_cast<int>(i))), names[i]);
  }
  EXPECT_EQ(wb.text("G" + std::to_string(h + 3)), "反映部门预算资金支出进度。");

  // The hierarchy as merged cells: 履职效能 / 整体效能 over its 3 indicators.
  const auto rows = [&](const std::string& col, int first, int last) {
    return col + std::to_string(h + first) + ":" + col + std::to_string(h + last);
  };
  EXPECT_EQ(wb.text("A" + std::to_string(h + 1)), "履职效能");
  EXPECT_EQ(wb.text("B" + std::to_string(h + 1)), "50");
  EXPECT_TRUE(wb.merges.contains(rows("A", 1, 3)));
  EXPECT_TRUE(wb.merges.contains(rows("B", 1, 3)));
  EXPECT_TRUE(wb.merges.contains(rows("C", 1, 3)));
  // 管理效率 (23 rows) is merged per 二级指标, its name repeated with （续）, so that every printed
  // page of its rows shows it; its points once.
  EXPECT_FALSE(wb.merges.contains(rows("A", 4, 26)));
  EXPECT_EQ(wb.text("A" + std::to_string(h + 4)), "管理效率");
  EXPECT_EQ(wb.text("B" + std::to_string(h + 4)), "50");
  EXPECT_TRUE(wb.merges.contains(rows("A", 5, 6)));
  EXPECT_EQ(wb.text("A" + std::to_string(h + 5)), "管理效率（续）");
  EXPECT_TRUE(wb.merges.contains(rows("A", 12, 18)));
  EXPECT_EQ(wb.text("A" + std::to_string(h + 12)), "管理效率（续）");
  EXPECT_EQ(wb.text("B" + std::to_string(h + 12)), "");
  EXPECT_EQ(wb.text("C" + std::to_string(h + 4)), "预算编制");  // one indicator: no merge needed
  EXPECT_EQ(wb.text("C" + std::to_string(h + 12)), "采购管理");
  EXPECT_TRUE(wb.merges.contains(rows("C", 12, 18)));  // 采购管理's seven indicators
  EXPECT_TRUE(wb.merges.contains(rows("D", 12, 18)));

  // Scores as numbers; the claimed 9.96 against the computed 9.99, both highlighted.
  const std::string execution = std::to_string(h + 3);
  EXPECT_EQ(wb.number("I" + execution), "9.99");
  EXPECT_EQ(wb.number("J" + execution), "9.96");
  EXPECT_TRUE(wb.filled("I" + execution));
  EXPECT_TRUE(wb.filled("J" + execution));
  EXPECT_FALSE(wb.filled("I" + std::to_string(h + 1)));  // 20 claimed, 20 computed

  // The total row and the grade row with 优 ticked.
  const std::string total = wb.find("总分");
  ASSERT_FALSE(total.empty());
  const std::string t = std::to_string(row_of(total));
  EXPECT_EQ(wb.text("B" + t), "100");
  EXPECT_EQ(wb.number("I" + t), "95.99");
  EXPECT_EQ(wb.number("J" + t), "95.96");
  EXPECT_TRUE(wb.filled("I" + t));
  const std::string g = std::to_string(row_of(total) + 1);
  EXPECT_EQ(wb.text("A" + g), "评价等级");
  EXPECT_EQ(wb.text("B" + g), "☑优 90分≤得分≤100分； ☐良 80分≤得分<90分； ☐中 60分≤得分<80分； ☐差 得分<60分");
  EXPECT_TRUE(wb.merges.contains("B" + g + ":L" + g));

  // Printable: A4 landscape, one page wide, headings repeated.
  EXPECT_NE(wb.sheet_xml.find("paperSize=\"9\""), std::string::npos);
  EXPECT_NE(wb.sheet_xml.find("orientation=\"landscape\""), std::string::npos);
  EXPECT_NE(wb.sheet_xml.find("fitToHeight=\"0\""), std::string::npos);
}

// The total is never rounded again for display: with an indicator at `rounding 3`, the XLSX
// total is 89.995 (not 90.00) and the grade ticked is the one 89.995 has (良, 优 being >= 90).
TEST(Report, XlsxTotalIsTheGradedTotal) {
  const std::string path = temp_path("trust-total.xlsx");
  const std::string dir = kSourceDir + "/tests/bad-input/trust-total/";
  const CliResult r = run_cli("score '" + dir + "ruleset.rubric' '" + dir + "facts.json' --format xlsx -o '" + path + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Workbook wb = read_workbook(path);
  const std::string styles = unzip_entry(path, "xl/styles.xml");
  std::filesystem::remove(path);
  const std::string total = wb.find("总分");
  ASSERT_FALSE(total.empty());
  const std::string t = std::to_string(row_of(total));
  EXPECT_EQ(wb.text("I" + t), "89.995");
  EXPECT_EQ(wb.number("J" + t, 3), "90.000");
  const std::string g = std::to_string(row_of(total) + 1);
  EXPECT_EQ(wb.text("B" + g).rfind("☐优 ", 0), 0U) << wb.text("B" + g);
  EXPECT_NE(wb.text("B" + g).find("☑良"), std::string::npos) << wb.text("B" + g);
  EXPECT_NE(styles.find("formatCode=\"0.000\""), std::string::npos) << styles;
}

// Every number cell holds the double nearest the exact decimal, written as the decimal's own
// digits: 9.96, not 9.960000000000001 (which libxlsxwriter alone would write).
TEST(Report, XlsxNumbersAreTheExactDecimals) {
  const std::string path = temp_path("2023-exact.xlsx");
  const CliResult r = run_cli("score " + kArgs2023 + " --format xlsx -o '" + path + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Workbook wb = read_workbook(path);
  const std::string chart_sheet = unzip_entry(path, "xl/worksheets/sheet2.xml");
  const std::string chart = unzip_entry(path, "xl/charts/chart1.xml");
  const std::string styles = unzip_entry(path, "xl/styles.xml");
  std::filesystem::remove(path);

  const int h = row_of(wb.find("一级指标"));
  const std::string execution = std::to_string(h + 3);
  EXPECT_EQ(wb.text("I" + execution), "9.99");
  EXPECT_EQ(wb.text("J" + execution), "9.96");
  const std::string t = std::to_string(row_of(wb.find("总分")));
  EXPECT_EQ(wb.text("I" + t), "95.99");
  EXPECT_EQ(wb.text("J" + t), "95.96");
  // No value anywhere has more digits than a score or a budget figure has.
  for (const std::string* xml : {&wb.sheet_xml, &chart_sheet, &chart}) {
    for (const std::string open : {"<v>", "<c:v>"}) {
      for (std::size_t at = xml->find(open); at != std::string::npos; at = xml->find(open, at + 1)) {
        const std::size_t begin = at + open.size();
        const std::string value = xml->substr(begin, xml->find('<', begin) - begin);
        if (Decimal::parse(value)) {
          EXPECT_LE(value.size(), 7u) << value;  // 7788.95 is the longest
        }
      }
    }
  }
  // Shown with the ruleset's two decimals.
  EXPECT_NE(styles.find("formatCode=\"0.00\""), std::string::npos);
}

TEST(Report, XlsxNeedsAnOutputFile) {
  const CliResult r = run_cli("score " + kArgs2023 + " --format xlsx");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("-o FILE.xlsx"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(Report, HtmlIsSelfContainedWithEveryIndicatorAndTheChart) {
  const std::string path = temp_path("2023.html");
  const CliResult r = run_cli("score " + kArgs2023 + " --format html -o '" + path + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = read_text(path);
  std::filesystem::remove(path);

  EXPECT_EQ(unbalanced(html), "");
  EXPECT_TRUE(unicode::is_valid_utf8(html));
  EXPECT_NE(html.find("<meta charset=\"utf-8\"/>"), std::string::npos);
  for (const std::string& name : indicator_names()) {
    EXPECT_NE(html.find(">" + report::html_escape(name) + "<"), std::string::npos) << name;
  }
  // The chart: one bar per section, labelled in Chinese.
  const std::size_t svg = html.find("<svg");
  ASSERT_NE(svg, std::string::npos);
  const std::string chart = html.substr(svg, html.find("</svg>") - svg);
  EXPECT_NE(chart.find(">履职效能</text>"), std::string::npos);
  EXPECT_NE(chart.find("采购管理</text>"), std::string::npos);
  EXPECT_NE(chart.find("49.99 / 50"), std::string::npos);
  // Nothing external and no scripts: it reads the same offline.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  // Print CSS, the merged hierarchy, the total, the ticked grade, the differences.
  EXPECT_NE(html.find("@page { size: A4 landscape;"), std::string::npos);
  EXPECT_NE(html.find("<td rowspan=\"3\" class=\"level\">履职效能</td>"), std::string::npos);
  EXPECT_NE(html.find("<td rowspan=\"23\" class=\"level\">管理效率</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"num differs\">95.99</td><td class=\"num differs\">95.96</td>"), std::string::npos);
  EXPECT_NE(html.find("class=\"num differs\" title=\"自评分 9.96，按评分标准计算为 9.99\">9.99</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<span class=\"tick\">☑</span>优"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"tick\">☐</span>良"), std::string::npos);
  EXPECT_NE(html.find("有 2 处自评分与按评分标准计算的得分不一致"), std::string::npos);
}

TEST(Report, HtmlEscapesText) {
  EXPECT_EQ(report::html_escape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
  const auto scored = score(R"(ruleset "<评>" scheme t year 2023
total 1
section "A&B" points 1 {
  indicator "x<y" points 1 { explain "<script>" score 1 }
}
)",
                            "{}");
  ASSERT_TRUE(scored.evaluation.total) << scored.errors;
  const std::string html =
      report::render_html(report::build_official_table(*scored.ruleset, scored.evaluation, nullptr));
  EXPECT_EQ(unbalanced(html), "");
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find(">x&lt;y<"), std::string::npos);
  EXPECT_NE(html.find(">A&amp;B<"), std::string::npos);
}

TEST(Report, MarkdownColumnsLineUpByDisplayWidth) {
  const CliResult r = run_cli("score " + kArgs2023 + " --format md");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("# 广州市部门整体支出绩效自评（无专项资金）"), std::string::npos);
  EXPECT_NE(r.out.find("- 部门名称：广州互联网法院"), std::string::npos);
  EXPECT_NE(r.out.find("- 一般公共预算财政拨款决算数（万元）：7,788.95"), std::string::npos);
  int width = -1;
  int table_lines = 0;
  for (const std::string& line : lines_of(r.out)) {
    if (line.empty() || line.front() != '|') continue;
    ++table_lines;
    if (width < 0) width = unicode::display_width(line);
    EXPECT_EQ(unicode::display_width(line), width) << line;
    // 12 columns: 13 unescaped bars.
    int bars = 0;
    for (std::size_t i = 0; i < line.size(); ++i) bars += line[i] == '|' && (i == 0 || line[i - 1] != '\\');
    EXPECT_EQ(bars, 13) << line;
  }
  EXPECT_EQ(table_lines, 2 + 26 + 2);  // headings, rule, indicators, total, grade
  EXPECT_NE(r.out.find("|      ≠ 9.99 |   9.96 |"), std::string::npos);
  EXPECT_NE(r.out.find("评价等级：☑优 ☐良 ☐中 ☐差"), std::string::npos);
}

TEST(Report, CsvHasTheSameColumns) {
  const CliResult r = run_cli("score " + kArgs2023 + " --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.substr(0, 3), "\xEF\xBB\xBF");  // no byte-order mark on standard output
  const std::vector<std::vector<std::string>> records = parse_csv(r.out);
  ASSERT_EQ(records.size(), 1u + 26u + 2u);
  EXPECT_EQ(records[0], (std::vector<std::string>{"一级指标", "分值", "二级指标", "分值", "三级指标", "分值",
                                                  "指标解释", "评分标准", "得分", "自评分", "评分依据",
                                                  "参考佐证材料名称"}));
  for (const auto& record : records) EXPECT_EQ(record.size(), 12u);
  EXPECT_EQ(records[3][0], "履职效能");
  EXPECT_EQ(records[3][4], "部门预算资金支出率");
  EXPECT_EQ(records[3][8], "9.99");
  EXPECT_EQ(records[3][9], "9.96");
  EXPECT_EQ(records[27][0], "总分");
  EXPECT_EQ(records[27][8], "95.99");
  EXPECT_EQ(records[27][9], "95.96");
  EXPECT_EQ(records[28][0], "评价等级");

  // In a file, the byte-order mark that Excel needs to read UTF-8.
  const std::string path = temp_path("2023.csv");
  ASSERT_EQ(run_cli("score " + kArgs2023 + " --format csv -o '" + path + "'").exit_code, 0);
  const std::string file = read_text(path);
  std::filesystem::remove(path);
  EXPECT_EQ(file.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(file.substr(3), r.out);
}

TEST(Report, ReportsTakeOneDepartment) {
  const CliResult r = run_cli("score " + kArgs2023 + " " + kFacts2023 + " --format html");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("one FACTS file"), std::string::npos) << r.err;
  const CliResult o = run_cli("score " + kArgs2023 + " -o /tmp/x.txt");
  EXPECT_EQ(o.exit_code, 2);
}

TEST(Report, DeepSectionsFoldIntoLevelTwo) {
  const auto scored = score(R"(ruleset "深" scheme t year 2023
total 10
section 甲 points 10 {
  indicator 直属 points 2 { score 2 }
  section 乙 points 8 {
    indicator 乙一 points 3 { score 3 }
    section 丙 points 5 {
      indicator 丙一 points 5 { score 4 }
    }
  }
}
grade { 好 >= 8; 差 otherwise }
)",
                            "{}");
  ASSERT_TRUE(scored.evaluation.total) << scored.errors;
  const report::OfficialTable table = report::build_official_table(*scored.ruleset, scored.evaluation, nullptr);
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[0].level2, "");
  EXPECT_EQ(table.rows[1].level2, "乙");
  EXPECT_EQ(table.rows[1].level2_points, "8");
  EXPECT_EQ(table.rows[2].level2, "乙 / 丙");
  EXPECT_EQ(table.rows[2].level2_points, "5");
  ASSERT_EQ(table.level1_groups.size(), 1u);
  EXPECT_EQ(table.level1_groups[0].last, 2);
  EXPECT_EQ(table.level2_groups.size(), 3u);
  EXPECT_EQ(table.grade_ticks(), "☑好 ☐差");
  EXPECT_EQ(table.grade_line(), "☑好 8分≤得分≤10分； ☐差 得分<8分");
  EXPECT_FALSE(table.claims);
  const std::string csv = report::render_csv(table);
  EXPECT_EQ(csv.find("自评分"), std::string::npos);
  EXPECT_NE(csv.find("甲,10,乙 / 丙,5,丙一,5,,,4.00,"), std::string::npos) << csv;
}

}  // namespace
}  // namespace rubric::testing
