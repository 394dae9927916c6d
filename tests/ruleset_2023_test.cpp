// Tests of rulesets/guangzhou/2023.rubric through the public API: the real ruleset file, the real
// example facts (rulesets/guangzhou/examples/guangzhou-internet-court-2023.json), and one fact
// changed at a time. The cases that change facts are data, tests/ruleset-2023/*.cases, read and
// run here; their format is described above their tests.
//
// Every expected value was computed by hand from the 评分标准 text of the seed table
// (../shared/seeds/002_0a6ebd2f37bf746c.txt), never copied from the program's output. Where the
// arithmetic is not obvious it is written in the case's comment.
//
// Exact decimals: the example is parsed with nlohmann::json, facts are changed, and the document
// is dumped again. A value a case sets goes into the dumped text as the case file spells it, and
// a decimal the C++ below writes goes through exact("12.34"), a placeholder string that
// dump_exact() replaces with the bare JSON number 12.34: no changed value ever passes through
// binary floating point. The decimals already in the example (7788.95, 17671.78, 17749.73, 17.05,
// 16.53) go through a double and back; nlohmann prints the shortest text that round-trips, and
// Ruleset2023Example.RoundTripKeepsTheExampleExact checks that this loses nothing.
#include <nlohmann/json.hpp>

#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support.hpp"

namespace rubric {
namespace {

using nlohmann::json;
using rubric::testing::dec;
using rubric::testing::kSourceDir;
using rubric::testing::read_text;
using rubric::testing::Scored;

const std::string kRulesetPath = kSourceDir + "/rulesets/guangzhou/2023.rubric";
const std::string kExamplePath = kSourceDir + "/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json";

// The 2023 ruleset, loaded once; null (and a failure recorded) when it does not load cleanly.
std::shared_ptr<const ast::Ruleset> ruleset_2023() {
  static const LoadedRuleset loaded = load_ruleset(kRulesetPath);
  if (!loaded.ok()) ADD_FAILURE() << render(loaded.diagnostics);
  return loaded.ruleset;
}

json example_document() { return json::parse(read_text(kExamplePath)); }

// ---- exact decimals --------------------------------------------------------------------------

constexpr std::string_view kExactMarker = "@exact:";

// A JSON number written exactly as [text] in the dumped document.
json exact(std::string_view text) { return json(std::string(kExactMarker) + std::string(text)); }

// The document as text, with every exact() placeholder replaced by its bare number.
std::string dump_exact(const json& document) {
  std::string text = document.dump();
  const std::string open = "\"" + std::string(kExactMarker);
  for (std::size_t at = text.find(open); at != std::string::npos; at = text.find(open, at)) {
    const std::size_t end = text.find('"', at + open.size());
    const std::string number = text.substr(at + open.size(), end - at - open.size());
    text.replace(at, end + 1 - at, number);
    at += number.size();
  }
  return text;
}

// ---- helpers ---------------------------------------------------------------------------------

json percents(std::initializer_list<const char*> values) {
  json list = json::array();
  for (const char* v : values) list.push_back(v);
  return list;
}

bool has_error(const Diagnostics& diagnostics, const std::string& code) {
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.severity == Severity::Error && d.code == code) return true;
  }
  return false;
}

bool is_error_code(const std::string& expected) { return expected.size() == 5 && expected[0] == 'E'; }

// ==============================================================================================
// 1. The example reproduces the table.
// ==============================================================================================

struct Expected {
  const char* name;
  const char* score;
};

// The table's 得分/自评分 column, indicator by indicator, in the table's order.
const std::vector<Expected> kIndicatorScores = {
    {"部门整体绩效目标产出指标完成情况", "20"},
    {"部门整体绩效目标效益指标完成情况", "20"},
    // The table reports 9.96, but its own rule gives 9.99: ten monthly rates, eight at 100%, then
    // 99.49% and 99.26% (each already ≤ 100%, so no cap applies). Mean = (800% + 99.49% + 99.26%)
    // / 10 = 998.75% / 10 = 99.875%; × 10 points = 9.9875, rounded to 2 digits half up = 9.99.
    // The table's "(100%*8+99.49%*99.26%)/10" has a '*' where '+' is meant, and its 9.96 follows
    // from neither reading ('*' literally gives (800% + 98.75…%)/10 × 10 = 8.99). See
    // docs/guangzhou-2023.md, "Where the table disagrees with itself", item 1.
    {"部门预算资金支出率", "9.99"},
    {"新增预算项目事前绩效评估", "3"},
    {"结转结余率", "2"},       // 0 / (0 + 7788.95 + 0) = 0 ≤ 10%
    {"财务管理合规性", "0"},   // 4 issues × 0.5 = 2 → 0
    {"预决算公开合规性", "2"},
    {"绩效信息公开情况", "2"},
    {"绩效管理制度建设", "5"},
    {"绩效结果应用", "3"},
    {"绩效管理制度执行", "7"},
    {"采购意向公开合规性", "0.5"},
    {"采购意向公开完整性、及时性", "1.5"},
    {"采购内控制度建设", "1"},
    {"采购活动合规性", "2"},
    {"采购合同签订时效性", "3"},
    {"合同备案时效性", "0"},
    {"采购政策效能", "1"},     // 100 / 100 = 100% × 1
    {"资产配置合规性", "2"},
    {"资产收益上缴的及时性", "1"},
    {"资产盘点情况", "1"},
    {"数据质量", "2"},
    {"资产管理合规性", "1"},   // 2 problems × 0.5 = 1 deducted from 2
    {"固定资产利用率", "2"},   // 17671.78 / 17749.73 = 99.56…% ≥ 90%
    {"公用经费控制率", "2"},   // (319 − 321) / 321 = −0.62…% ≤ 0
    {"“三公”经费控制情况", "2"},  // 16.53 ≤ 17.05
};

// Sections: sums of their children's rounded scores.
const std::vector<Expected> kSectionScores = {
    {"履职效能", "49.99"},   // 20 + 20 + 9.99
    {"整体效能", "49.99"},
    {"管理效率", "46"},      // 3 + 2 + 4 + 15 + 9 + 9 + 4
    {"预算编制", "3"},
    {"预算执行", "2"},       // 2 + 0
    {"信息公开", "4"},       // 2 + 2
    {"绩效管理", "15"},      // 5 + 3 + 7
    {"采购管理", "9"},       // 0.5 + 1.5 + 1 + 2 + 3 + 0 + 1
    {"资产管理", "9"},       // 2 + 1 + 1 + 2 + 1 + 2
    {"运行成本", "4"},       // 2 + 2
};

void expect_example_scores(const Scored& s) {
  EXPECT_EQ(s.errors, "");
  for (const Expected& e : kIndicatorScores) {
    SCOPED_TRACE(e.name);
    const NodeResult* node = s.find(e.name);
    ASSERT_NE(node, nullptr) << "no indicator named " << e.name;
    EXPECT_FALSE(node->is_section);
    ASSERT_TRUE(node->score.has_value()) << node->error;
    EXPECT_EQ(*node->score, dec(e.score));
  }
  for (const Expected& e : kSectionScores) {
    SCOPED_TRACE(e.name);
    const NodeResult* node = s.find(e.name);
    ASSERT_NE(node, nullptr) << "no section named " << e.name;
    EXPECT_TRUE(node->is_section);
    ASSERT_TRUE(node->score.has_value()) << node->error;
    EXPECT_EQ(*node->score, dec(e.score));
  }
  // 49.99 + 46 = 95.99; the table's 95.96 carries the 9.96 above.
  ASSERT_TRUE(s.evaluation.total.has_value());
  EXPECT_EQ(*s.evaluation.total, dec("95.99"));
  EXPECT_EQ(s.evaluation.grade, "优");  // 90 ≤ 95.99
}

TEST(Ruleset2023Example, ReproducesTheTable) {
  ASSERT_TRUE(ruleset_2023());
  // The file's own text, not a round trip through nlohmann.
  const Scored s = rubric::testing::score(ruleset_2023(), read_text(kExamplePath));
  expect_example_scores(s);
  // Every indicator of the ruleset is listed above, and nothing else.
  std::size_t indicators = 0;
  std::function<void(const NodeResult&)> walk = [&](const NodeResult& n) {
    if (!n.is_section) ++indicators;
    for (const NodeResult& c : n.children) walk(c);
  };
  for (const NodeResult& n : s.evaluation.nodes) walk(n);
  EXPECT_EQ(indicators, kIndicatorScores.size());
  EXPECT_EQ(s.evaluation.department, "广州互联网法院");
  EXPECT_EQ(s.evaluation.year, 2023);
}

TEST(Ruleset2023Example, SpendingRateIsUnrounded9point9875) {
  ASSERT_TRUE(ruleset_2023());
  const Scored s = rubric::testing::score(ruleset_2023(), read_text(kExamplePath));
  const NodeResult* node = s.find("部门预算资金支出率");
  ASSERT_NE(node, nullptr);
  ASSERT_TRUE(node->raw.has_value());
  EXPECT_EQ(*node->raw, dec("9.9875"));  // (8 + 0.9949 + 0.9926) / 10 × 10
}

TEST(Ruleset2023Example, RoundTripKeepsTheExampleExact) {
  ASSERT_TRUE(ruleset_2023());
  const std::string dumped = dump_exact(example_document());
  for (const char* number : {"7788.95", "17671.78", "17749.73", "17.05", "16.53"}) {
    EXPECT_NE(dumped.find(std::string(":") + number), std::string::npos) << number << " in " << dumped;
  }
  expect_example_scores(rubric::testing::score(ruleset_2023(), dumped));
}

TEST(Ruleset2023Example, ExactPlaceholderWritesBareNumbers) {
  json document = {{"a", exact("0.1")}, {"b", {exact("100.01"), "99.99%"}}};
  EXPECT_EQ(dump_exact(document), R"({"a":0.1,"b":[100.01,"99.99%"]})");
}

// ==============================================================================================
// 2-4. The tables: one case a paragraph of tests/ruleset-2023/*.cases
// ==============================================================================================
//
// Each case changes facts of the example and says what the ruleset must then give:
//
//   # Comment lines start with '#', at any indentation; blank lines are ignored.
//   output_rate60_01  部门整体绩效目标产出指标完成情况: 完成率 60.01% → 3.0005
//     set outputs[3].actual = 60.01
//     expect 部门整体绩效目标产出指标完成情况 = 18  raw 18.0005
//
// An unindented line starts a case: its id (the test's name), then what it checks. Indented:
//   set PATH = JSON   PATH is a fact (audit_issues) or a field of an element of a list fact
//                     (outputs[3].actual); JSON goes into the document as it is written, so that
//                     no number passes through binary floating point
//   delete PATH       the fact or the field is left out
// and the expectations, which each file's test reads in its own way:
//   boundaries.cases  expect NODE = N [raw R]    the node's rounded (and unrounded) score
//                     expect NODE error CODE     the node fails with CODE; the others are scored
//   grades.cases      expect total = N           and  expect grade = G
//   facts.cases       expect error CODE at PATH  the facts are refused with that one error
// As for tests/language/, there is no update mode: the expected values are worked out by hand.

constexpr std::string_view kValueMarker = "@value:";

struct Change {
  bool erase = false;
  std::string key;                   // the fact
  std::optional<std::size_t> index;  // an element of the list fact
  std::string field;                 // that element's field
  std::string value;                 // JSON, as written (set only)
};

struct DataCase {
  std::string id;
  std::string what;
  std::string where;  // "tests/ruleset-2023/boundaries.cases:12"
  std::vector<Change> changes;
  std::vector<std::string> expects;   // the text after "expect "
  std::vector<std::string> problems;  // lines that could not be read
};

void PrintTo(const DataCase& c, std::ostream* os) { *os << c.where << ": " << c.id << " (" << c.what << ")"; }

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t") + 1 - begin);
}

// PATH of `set PATH = …` or `delete PATH`: name, or name[index].field.
std::optional<Change> parse_path(const std::string& path) {
  Change c;
  const std::size_t open = path.find('[');
  c.key = path.substr(0, open);
  if (open != std::string::npos) {
    const std::size_t close = path.find("].", open);
    if (close == std::string::npos || close == open + 1) return std::nullopt;
    const std::string index = path.substr(open + 1, close - open - 1);
    if (index.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    c.index = std::stoul(index);
    c.field = path.substr(close + 2);
    if (c.field.empty()) return std::nullopt;
  }
  if (c.key.empty() || c.key.find_first_of(" .]") != std::string::npos) return std::nullopt;
  return c;
}

// One indented line of a case: a change or an expectation.
void read_case_line(DataCase& c, const std::string& content, const std::string& where) {
  if (content.rfind("expect ", 0) == 0) {
    c.expects.push_back(content.substr(7));
  } else if (content.rfind("delete ", 0) == 0) {
    auto change = parse_path(content.substr(7));
    if (!change) c.problems.push_back(where + ": cannot read the path");
    if (change) c.changes.push_back({true, change->key, change->index, change->field, {}});
  } else if (content.rfind("set ", 0) == 0 && content.find(" = ") != std::string::npos) {
    const std::size_t eq = content.find(" = ");
    auto change = parse_path(content.substr(4, eq - 4));
    const std::string value = trim(content.substr(eq + 3));
    if (!change || !json::accept(value)) c.problems.push_back(where + ": cannot read the path or the JSON value");
    if (change) c.changes.push_back({false, change->key, change->index, change->field, value});
  } else {
    c.problems.push_back(where + ": expected `set PATH = JSON`, `delete PATH` or `expect …`");
  }
}

// The cases of tests/ruleset-2023/[name].
std::vector<DataCase> read_cases(const std::string& name) {
  const std::string file = "tests/ruleset-2023/" + name;
  std::istringstream in(read_text(kSourceDir + "/" + file));
  std::vector<DataCase> cases;
  std::size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    const std::string content = trim(line);
    const std::string where = file + ":" + std::to_string(number);
    if (content.empty() || content[0] == '#') continue;
    if (line[0] != ' ' || cases.empty()) {
      DataCase c;
      const std::size_t space = content.find(' ');
      c.id = content.substr(0, space);
      c.what = space == std::string::npos ? "" : trim(content.substr(space));
      c.where = where;
      if (line[0] == ' ') c.problems.push_back(where + ": an indented line before the first case");
      cases.push_back(std::move(c));
      continue;
    }
    read_case_line(cases.back(), content, where);
  }
  if (cases.empty()) cases.push_back({"no_cases", "", file, {}, {}, {file + " holds no case"}});
  return cases;
}

// The example document with [changes] applied, each value written as the case file spells it.
std::string changed_example(const std::vector<Change>& changes) {
  json document = example_document();
  json& facts = document["facts"];
  std::vector<std::string> values;
  for (const Change& c : changes) {
    json& owner = c.index ? facts.at(c.key).at(*c.index) : facts;
    const std::string& name = c.index ? c.field : c.key;
    if (c.erase) {
      owner.erase(name);
      continue;
    }
    owner[name] = std::string(kValueMarker) + std::to_string(values.size());
    values.push_back(c.value);
  }
  std::string text = document.dump();
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string placeholder = "\"" + std::string(kValueMarker) + std::to_string(i) + "\"";
    text.replace(text.find(placeholder), placeholder.size(), values[i]);
  }
  return text;
}

std::string case_id(const ::testing::TestParamInfo<DataCase>& row) { return row.param.id; }

// ---- boundaries.cases: every tiered, brackets, judged, deduct and weighted rule ---------------

struct NodeExpect {
  std::string node;
  bool error = false;
  std::string expected;  // the rounded score, or the error code
  std::string raw;       // the unrounded score, where rounding hides the boundary
};

std::optional<NodeExpect> node_expect(const DataCase& c) {
  if (c.expects.size() != 1) return std::nullopt;
  std::istringstream words(c.expects[0]);
  NodeExpect e;
  std::string op;
  std::string word;
  if (!(words >> e.node >> op >> e.expected)) return std::nullopt;
  e.error = op == "error";
  if (e.error != is_error_code(e.expected) || (op != "=" && op != "error")) return std::nullopt;
  if (words >> word && (e.error || word != "raw" || !(words >> e.raw) || (words >> word))) return std::nullopt;
  return e;
}

class Ruleset2023Boundary : public ::testing::TestWithParam<DataCase> {};

TEST_P(Ruleset2023Boundary, Scores) {
  const DataCase& c = GetParam();
  SCOPED_TRACE(c.where + ": " + c.id + ": " + c.what);
  for (const std::string& problem : c.problems) ADD_FAILURE() << problem;
  const auto expect = node_expect(c);
  ASSERT_TRUE(expect) << "expected one `expect NODE = N [raw R]` or `expect NODE error CODE`";
  ASSERT_TRUE(ruleset_2023());
  const Scored s = rubric::testing::score(ruleset_2023(), changed_example(c.changes));
  const NodeResult* node = s.find(expect->node);
  ASSERT_NE(node, nullptr) << "no node named " << expect->node << "; diagnostics:\n" << s.errors;
  if (expect->error) {
    EXPECT_FALSE(node->score.has_value()) << "scored " << *node->score;
    EXPECT_FALSE(node->error.empty());
    EXPECT_TRUE(has_error(s.evaluation.diagnostics, expect->expected)) << "diagnostics:\n" << s.errors;
    EXPECT_FALSE(s.evaluation.total.has_value()) << "a total exists although an indicator failed";
    // The others are still scored: 结转结余率 keeps its 2 (no case that fails changes it).
    const NodeResult* other = s.find("结转结余率");
    ASSERT_NE(other, nullptr);
    EXPECT_EQ(other->score, std::optional<Decimal>(dec("2")));
  } else {
    EXPECT_EQ(s.errors, "");
    ASSERT_TRUE(node->score.has_value()) << node->error;
    EXPECT_EQ(*node->score, dec(expect->expected));
    if (!expect->raw.empty()) {
      ASSERT_TRUE(node->raw.has_value());
      EXPECT_EQ(*node->raw, dec(expect->raw));
    }
    EXPECT_TRUE(s.evaluation.total.has_value());
  }
}

INSTANTIATE_TEST_SUITE_P(Rules, Ruleset2023Boundary, ::testing::ValuesIn(read_cases("boundaries.cases")), case_id);

// ---- grades.cases: totals of exactly 100, 90, 89.99, 80, 79.99, 60 and 59.99 ----------------

class Ruleset2023Grade : public ::testing::TestWithParam<DataCase> {};

TEST_P(Ruleset2023Grade, TotalAndGrade) {
  const DataCase& c = GetParam();
  SCOPED_TRACE(c.where + ": " + c.id + ": " + c.what);
  for (const std::string& problem : c.problems) ADD_FAILURE() << problem;
  std::string total;
  std::string grade;
  for (const std::string& e : c.expects) {
    if (e.rfind("total = ", 0) == 0) total = e.substr(8);
    if (e.rfind("grade = ", 0) == 0) grade = e.substr(8);
  }
  ASSERT_TRUE(c.expects.size() == 2 && !total.empty() && !grade.empty())
      << "expected `expect total = N` and `expect grade = G`";
  ASSERT_TRUE(ruleset_2023());
  const Scored s = rubric::testing::score(ruleset_2023(), changed_example(c.changes));
  EXPECT_EQ(s.errors, "");
  ASSERT_TRUE(s.evaluation.total.has_value());
  EXPECT_EQ(*s.evaluation.total, dec(total));
  EXPECT_EQ(s.evaluation.grade, grade);
}

INSTANTIATE_TEST_SUITE_P(Totals, Ruleset2023Grade, ::testing::ValuesIn(read_cases("grades.cases")), case_id);

// The grade table itself: 优 90 ≤ 得分 ≤ 100; 良 80 ≤ 得分 < 90; 中 60 ≤ 得分 < 80; 差 得分 < 60.
TEST(Ruleset2023Grade, GradeTableThresholds) {
  const auto rs = ruleset_2023();
  ASSERT_TRUE(rs);
  const std::vector<std::pair<const char*, const char*>> table = {
      {"100", "优"}, {"90", "优"},   {"90.00", "优"}, {"89.99", "良"}, {"80", "良"},
      {"79.99", "中"}, {"60", "中"}, {"59.99", "差"}, {"0", "差"},
  };
  for (const auto& [total, grade] : table) {
    SCOPED_TRACE(total);
    EXPECT_EQ(grade_for(*rs, dec(total)), grade);
  }
}

// ---- facts.cases: facts outside their declared domains (or of the wrong type) ----------------

class Ruleset2023Domain : public ::testing::TestWithParam<DataCase> {};

TEST_P(Ruleset2023Domain, RejectedWithPath) {
  const DataCase& c = GetParam();
  SCOPED_TRACE(c.where + ": " + c.id + ": " + c.what);
  for (const std::string& problem : c.problems) ADD_FAILURE() << problem;
  std::istringstream words(c.expects.empty() ? "" : c.expects[0]);
  std::string error;
  std::string code;
  std::string at;
  std::string path;
  std::string extra;
  ASSERT_TRUE(c.expects.size() == 1 && (words >> error >> code >> at >> path) && !(words >> extra) &&
              error == "error" && at == "at")
      << "expected `expect error CODE at PATH`";
  const auto rs = ruleset_2023();
  ASSERT_TRUE(rs);
  const FactsResult facts = load_facts(*rs, changed_example(c.changes), "facts.json");
  EXPECT_FALSE(facts.facts.has_value()) << "the facts were accepted";
  bool found = false;
  for (const Diagnostic& d : facts.diagnostics.items()) {
    if (d.severity == Severity::Error && d.code == code && d.location.json_path == path) found = true;
  }
  EXPECT_TRUE(found) << "expected " << code << " at " << path << "; got:\n" << render(facts.diagnostics);
  EXPECT_EQ(facts.diagnostics.error_count(), 1u) << render(facts.diagnostics);
  // The rendered message names the path too.
  EXPECT_NE(render(facts.diagnostics).find(path), std::string::npos) << render(facts.diagnostics);
}

INSTANTIATE_TEST_SUITE_P(Facts, Ruleset2023Domain, ::testing::ValuesIn(read_cases("facts.cases")), case_id);

// The bounds of the closed domains are inside them.
TEST(Ruleset2023Domain, BoundsAreAccepted) {
  const auto rs = ruleset_2023();
  ASSERT_TRUE(rs);
  json document = example_document();
  json& facts = document["facts"];
  facts["intent_disclosure_rate"] = "100%";
  facts["contract_timely_rate"] = "0%";
  facts["perf_rules_funds_rate"] = "0%";   // 完整 would reject it at evaluation, not as a fact
  facts["data_quality_rate"] = "100%";
  facts["monthly_execution"] = percents({"0%", "250%"});  // [0, inf): no upper bound
  facts["general_appropriation"] = exact("0.01");
  facts["audit_issues"] = 0;
  const FactsResult result = load_facts(*rs, dump_exact(document), "facts.json");
  EXPECT_TRUE(result.facts.has_value()) << render(result.diagnostics);
  EXPECT_EQ(result.diagnostics.error_count(), 0u) << render(result.diagnostics);
}

}  // namespace
}  // namespace rubric
