// The reports people hand in (rubric score --format xlsx|html|md|csv): the files are opened and
// read back: the XLSX as the zip of XML it is (cells, merged ranges, the total, the ticked
// grade), the HTML checked for balanced tags, every indicator and the chart.
#include <unzip.h>

#include <map>
#include <set>

#include "dsl/unicode.hpp"
#include "report/csv.hpp"
#include "report/html.hpp"
#include "report/markdown.hpp"
#include "report/official_table.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

const std::string kRuleset2023 = "rulesets/guangzhou/2023.rubric";
const std::string kFacts2023 = "rulesets/guangzhou/examples/guangzhou-internet-court-2023.json";
const std::string kArgs2023 = kRuleset2023 + " " + kFacts2023;

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("rubric_report_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

// The entry [name] of the zip file at [path] ("" and a test failure when missing).
std::string unzip_entry(const std::string& path, const std::string& name) {
  unzFile zip = unzOpen(path.c_str());
  if (zip == nullptr) {
    ADD_FAILURE() << path << " is not a zip file";
    return "";
  }
  std::string out;
  if (unzLocateFile(zip, name.c_str(), 1) != UNZ_OK || unzOpenCurrentFile(zip) != UNZ_OK) {
    ADD_FAILURE() << path << " has no " << name;
  } else {
    char buffer[8192];
    int n = 0;
    while ((n = unzReadCurrentFile(zip, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
    unzCloseCurrentFile(zip);
  }
  unzClose(zip);
  return out;
}

std::string xml_unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    const std::size_t end = text.find(';', i);
    const std::string_view entity = text.substr(i + 1, end - i - 1);
    if (entity == "amp") out += '&';
    else if (entity == "lt") out += '<';
    else if (entity == "gt") out += '>';
    else if (entity == "quot") out += '"';
    else if (entity == "apos") out += '\'';
    i = end;
  }
  return out;
}

std::string attribute(std::string_view tag, const std::string& name) {
  const std::string key = " " + name + "=\"";
  const std::size_t at = tag.find(key);
  if (at == std::string_view::npos) return "";
  const std::size_t begin = at + key.size();
  return std::string(tag.substr(begin, tag.find('"', begin) - begin));
}

// The sheet's cells by reference ("A1"): the shown text (shared strings resolved) and the style.
struct Cell {
  std::string text;
  int style = 0;
};

struct Workbook {
  std::map<std::string, Cell> cells;
  std::set<std::string> merges;
  std::vector<int> cell_fills;  // the fill of each cell format (styles.xml cellXfs)
  std::string sheet_xml;

  // The reference of the first cell whose text is [text] ("" when none).
  std::string find(const std::string& text) const {
    for (const auto& [ref, cell] : cells) {
      if (cell.text == text) return ref;
    }
    return "";
  }
  const std::string& text(const std::string& ref) const {
    static const std::string empty;
    auto it = cells.find(ref);
    return it == cells.end() ? empty : it->second.text;
  }
  // A number cell's value as the sheet shows it with [digits] decimals. libxlsxwriter writes
  // doubles with 16 significant digits (9.96 is stored as 9.960000000000001, which Excel reads
  // back as the same double as 9.96).
  std::string number(const std::string& ref, int digits = 2) const {
    const auto value = Decimal::parse(text(ref));
    return value ? value->to_fixed(digits) : "not a number: " + text(ref);
  }
  bool filled(const std::string& ref) const {
    auto it = cells.find(ref);
    if (it == cells.end()) return false;
    const auto s = static_cast<std::size_t>(it->second.style);
    return s < cell_fills.size() && cell_fills[s] > 1;  // fills 0 and 1 are Excel's defaults
  }
};

Workbook read_workbook(const std::string& path) {
  Workbook wb;
  std::vector<std::string> strings;
  const std::string shared = unzip_entry(path, "xl/sharedStrings.xml");
  for (std::size_t at = shared.find("<si>"); at != std::string::npos; at = shared.find("<si>", at + 1)) {
    const std::size_t end = shared.find("</si>", at);
    std::string text;
    // Every <t> run of the string item.
    for (std::size_t t = shared.find("<t", at); t != std::string::npos && t < end; t = shared.find("<t", t + 1)) {
      const std::size_t open_end = shared.find('>', t);
      const std::size_t close = shared.find("</t>", open_end);
      text += xml_unescape(std::string_view(shared).substr(open_end + 1, close - open_end - 1));
    }
    strings.push_back(text);
  }
  wb.sheet_xml = unzip_entry(path, "xl/worksheets/sheet1.xml");
  const std::string& xml = wb.sheet_xml;
  for (std::size_t at = xml.find("<c "); at != std::string::npos; at = xml.find("<c ", at + 1)) {
    const std::size_t tag_end = xml.find('>', at);
    const std::string_view tag = std::string_view(xml).substr(at, tag_end - at + 1);
    Cell cell;
    const std::string style = attribute(tag, "s");
    cell.style = style.empty() ? 0 : std::stoi(style);
    if (tag.substr(tag.size() - 2) != "/>") {
      const std::size_t v = xml.find("<v>", tag_end);
      const std::size_t c_end = xml.find("</c>", tag_end);
      if (v != std::string::npos && v < c_end) {
        const std::string value = xml.substr(v + 3, xml.find("</v>", v) - v - 3);
        cell.text = attribute(tag, "t") == "s" ? strings.at(std::stoul(value)) : value;
      }
    }
    wb.cells[attribute(tag, "r")] = cell;
  }
  for (std::size_t at = xml.find("<mergeCell "); at != std::string::npos; at = xml.find("<mergeCell ", at + 1)) {
    wb.merges.insert(attribute(std::string_view(xml).substr(at, xml.find('>', at) - at + 1), "ref"));
  }
  const std::string styles = unzip_entry(path, "xl/styles.xml");
  const std::size_t xfs = styles.find("<cellXfs");
  const std::size_t xfs_end = styles.find("</cellXfs>");
  for (std::size_t at = styles.find("<xf ", xfs); at != std::string::npos && at < xfs_end;
       at = styles.find("<xf ", at + 1)) {
    const std::string fill = attribute(std::string_view(styles).substr(at, styles.find('>', at) - at + 1), "fillId");
    wb.cell_fills.push_back(fill.empty() ? 0 : std::stoi(fill));
  }
  return wb;
}

std::string column_of(const std::string& ref) { return ref.substr(0, ref.find_first_of("0123456789")); }
int row_of(const std::string& ref) { return std::stoi(ref.substr(ref.find_first_of("0123456789"))); }

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

// Whether every element of an HTML document is closed in order ("" when so, else what is wrong).
// Void elements (<meta>, <col>, <br>) and self-closed tags need no end tag; <style> is raw text.
std::string unbalanced(const std::string& html) {
  static const std::set<std::string> kVoid = {"meta", "col", "br", "hr", "img", "input", "link"};
  std::vector<std::string> open;
  std::size_t at = 0;
  while ((at = html.find('<', at)) != std::string::npos) {
    if (html.compare(at, 2, "<!") == 0) {
      at = html.find('>', at);
      continue;
    }
    const std::size_t end = html.find('>', at);
    if (end == std::string::npos) return "a tag is not closed with '>'";
    std::string tag = html.substr(at + 1, end - at - 1);
    at = end + 1;
    const bool closing = !tag.empty() && tag.front() == '/';
    const bool self_closed = !tag.empty() && tag.back() == '/';
    if (closing) tag.erase(0, 1);
    const std::string name = tag.substr(0, tag.find_first_of(" \t\n/"));
    if (closing) {
      if (open.empty() || open.back() != name) {
        return "</" + name + "> closes <" + (open.empty() ? std::string("nothing") : open.back()) + ">";
      }
      open.pop_back();
    } else if (!self_closed && !kVoid.contains(name)) {
      open.push_back(name);
      if (name == "style" || name == "script") {
        at = html.find("</" + name + ">", at);
        if (at == std::string::npos) return "<" + name + "> is not closed";
      }
    }
  }
  return open.empty() ? "" : "<" + open.back() + "> is not closed";
}

// The fields of one CSV record (RFC 4180 quoting).
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
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

  // The hierarchy as merged cells: 履职效能 / 整体效能 over its 3 indicators, 管理效率 over 23.
  const auto rows = [&](const std::string& col, int first, int last) {
    return col + std::to_string(h + first) + ":" + col + std::to_string(h + last);
  };
  EXPECT_EQ(wb.text("A" + std::to_string(h + 1)), "履职效能");
  EXPECT_EQ(wb.text("B" + std::to_string(h + 1)), "50");
  EXPECT_TRUE(wb.merges.contains(rows("A", 1, 3)));
  EXPECT_TRUE(wb.merges.contains(rows("B", 1, 3)));
  EXPECT_TRUE(wb.merges.contains(rows("C", 1, 3)));
  EXPECT_TRUE(wb.merges.contains(rows("A", 4, 26)));
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
  std::vector<std::vector<std::string>> records;
  for (const std::string& line : lines_of(r.out)) records.push_back(csv_fields(line));
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
