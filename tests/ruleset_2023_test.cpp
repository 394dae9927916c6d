// Tests of rulesets/guangzhou/2023.rubric through the public API: the real ruleset file, the real
// example facts (rulesets/guangzhou/examples/guangzhou-internet-court-2023.json), and one fact
// changed at a time.
//
// Every expected value below was computed by hand from the 评分标准 text of the seed table
// (../shared/seeds/002_0a6ebd2f37bf746c.txt), never copied from the program's output. Where the
// arithmetic is not obvious it is written in the row's comment.
//
// Exact decimals: the example is parsed with nlohmann::json, one fact is edited, and the document
// is dumped again. A decimal written into the document goes through exact("12.34"), a placeholder
// string that dump_exact() replaces with the bare JSON number 12.34, so no edited value ever passes
// through binary floating point. Percent facts are written as strings ("99.99%"), integers as
// nlohmann integers. The decimals already in the example (7788.95, 17671.78, 17749.73, 17.05,
// 16.53) go through a double and back; nlohmann prints the shortest text that round-trips, and
// Ruleset2023Example.RoundTripKeepsTheExampleExact checks that this loses nothing.
#include <nlohmann/json.hpp>

#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <ostream>
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

// ---- edits of the example's "facts" object ---------------------------------------------------

using Edit = std::function<void(json& facts)>;

Edit none() {
  return [](json&) {};
}
Edit set(std::string key, json value) {
  return [key = std::move(key), value = std::move(value)](json& facts) { facts[key] = value; };
}
Edit set_in(std::string list, std::size_t index, std::string field, json value) {
  return [list = std::move(list), index, field = std::move(field), value = std::move(value)](json& facts) {
    facts.at(list).at(index)[field] = value;
  };
}
Edit erase(std::string key) {
  return [key = std::move(key)](json& facts) { facts.erase(key); };
}
Edit all(std::initializer_list<Edit> edits) {
  return [edits = std::vector<Edit>(edits)](json& facts) {
    for (const Edit& e : edits) e(facts);
  };
}
json percents(std::initializer_list<const char*> values) {
  json list = json::array();
  for (const char* v : values) list.push_back(v);
  return list;
}

// The example with [edit] applied, scored with the 2023 ruleset.
Scored score_example(const Edit& edit) {
  json document = example_document();
  edit(document["facts"]);
  return rubric::testing::score(ruleset_2023(), dump_exact(document));
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
// 2. Boundaries of every tiered, brackets, judged, deduct and weighted rule.
// ==============================================================================================

struct Case {
  std::string id;         // the test's name (ASCII)
  std::string what;       // what the row checks
  Edit edit;              // applied to the example's facts
  std::string indicator;  // the indicator (or section) whose score is checked
  std::string expected;   // the rounded score, or the error code ("E0708") of the evaluation
  std::string raw = {};   // the unrounded score, where rounding hides the boundary
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.id << " (" << c.what << ")"; }

// The completion rule of the 产出 and 效益 indicators, for one single indicator whose target is
// 100 and weight 5. The other entries of the example give 15 in both lists: outputs 102, 105, 108
// of 100 (all in 100%-150%, 5 each) and, for 效益, quantified 103 and 110 of 100 (5 each) plus the
// judged 5 of 5. So the indicator scores 15 + completion(actual / 100, 5).
//   完成率60%以下 → 0; 60%-100% → 完成率 × 5; 100%-150% → 5; 高于150% → 5 / 2 = 2.5.
void add_completion_cases(std::vector<Case>& cases, const std::string& prefix, const std::string& list,
                          std::size_t index, const std::string& indicator) {
  const auto actual = [&](const char* id, const char* what, const char* value, const char* expected,
                          const char* raw = "") {
    cases.push_back({prefix + "_" + id, indicator + ": " + what, set_in(list, index, "actual", exact(value)),
                     indicator, expected, raw});
  };
  actual("rate0", "完成率 0% → 0", "0", "15");
  actual("rate59_99", "完成率 59.99%, below the 60% threshold → 0", "59.99", "15");
  actual("rate60", "完成率 60% → 60% × 5 = 3", "60", "18");
  // 60.01% × 5 = 3.0005; 15 + 3.0005 = 18.0005 → 18.00 (third decimal 0).
  actual("rate60_01", "完成率 60.01% → 3.0005", "60.01", "18", "18.0005");
  actual("rate80", "完成率 80% → 4", "80", "19");
  // 99.99% × 5 = 4.9995; 15 + 4.9995 = 19.9995 → 20.00 half up.
  actual("rate99_99", "完成率 99.99% → 4.9995", "99.99", "20", "19.9995");
  // 99% × 5 = 4.95 → 19.95.
  actual("rate99", "完成率 99% → 4.95", "99", "19.95");
  actual("rate100", "完成率 100% → full marks", "100", "20", "20");
  actual("rate100_01", "完成率 100.01% → full marks", "100.01", "20", "20");
  actual("rate149_99", "完成率 149.99% → full marks", "149.99", "20", "20");
  actual("rate150", "完成率 150% → full marks (高于150% excludes 150%)", "150", "20", "20");
  actual("rate150_01", "完成率 150.01% → half marks 2.5", "150.01", "17.5", "17.5");
  actual("rate300", "完成率 300% → half marks 2.5", "300", "17.5");
  // Targets other than 100: 1.8 / 3 = 0.6 exactly → 3; 2 / 3 = 0.666… → 3.333… → 18.33.
  cases.push_back({prefix + "_target3_actual1_8", indicator + ": 1.8 of 3 = 60% → 3",
                   all({set_in(list, index, "target", 3), set_in(list, index, "actual", exact("1.8"))}), indicator,
                   "18"});
  cases.push_back({prefix + "_target3_actual2", indicator + ": 2 of 3 = 66.67% → 3.33",
                   all({set_in(list, index, "target", 3), set_in(list, index, "actual", 2)}), indicator, "18.33"});
  // Not encoded (docs/guangzhou-2023.md, "Not encoded"): weights adding up to more than 20 give a
  // score above the points. (A zero target or a negative value is refused with the facts: see the
  // domain cases.)
  // 5 + 5 + 5 + 6 = 21 > 20 (output 100 of 100 and benefit 101 of 100 both take full marks).
  cases.push_back({prefix + "_weights21", indicator + ": weights adding up to 21 → outside the points",
                   set_in(list, index, "weight", 6), indicator, "E0702"});
  // "如未报整体绩效目标，此项自评不得分".
  cases.push_back({prefix + "_no_goals", indicator + ": goals not reported → 0", set("goals_reported", false),
                   indicator, "0"});
}

std::vector<Case> boundary_cases() {
  std::vector<Case> c;
  const std::string output = "部门整体绩效目标产出指标完成情况";
  const std::string benefit = "部门整体绩效目标效益指标完成情况";

  // ---- 产出 / 效益: the completion rule --------------------------------------------------------
  add_completion_cases(c, "output", "outputs", 3, output);     // 任务四, actual 100
  add_completion_cases(c, "benefit", "benefits", 2, benefit);  // 任务三, actual 101

  // ---- 效益: judged bands of a non-quantified indicator (weight 5) -------------------------------
  // 达成 [80% × 5, 5] = [4, 5]; 部分达成 [3, 4); 未达成 [0, 3). The other three give 15.
  const auto judged = [&](const char* id, const char* what, const char* level, const char* awarded,
                          const char* expected) {
    c.push_back({std::string("judged_") + id, what,
                 all({set_in("benefit_judgements", 0, "level", level),
                      set_in("benefit_judgements", 0, "awarded", exact(awarded))}),
                 benefit, expected});
  };
  judged("reached_5", "达成, 5 of 5 (top of the band)", "达成年度指标", "5", "20");
  judged("reached_4", "达成, 4 = 80% of 5 (含80%) → accepted", "达成年度指标", "4", "19");
  judged("reached_3_99", "达成, 3.99 < 80% of 5 → rejected", "达成年度指标", "3.99", "E0708");
  judged("reached_5_01", "达成, 5.01 above the weight → rejected", "达成年度指标", "5.01", "E0708");
  judged("partly_3", "部分达成, 3 = 60% of 5 (含60%) → accepted", "部分达成年度指标并具有一定效果", "3", "18");
  judged("partly_2_99", "部分达成, 2.99 < 60% → rejected", "部分达成年度指标并具有一定效果", "2.99", "E0708");
  judged("partly_3_99", "部分达成, 3.99 < 80% → accepted", "部分达成年度指标并具有一定效果", "3.99", "18.99");
  judged("partly_4", "部分达成, 4 = 80%: the band's upper bound is open → rejected",
         "部分达成年度指标并具有一定效果", "4", "E0708");
  judged("missed_0", "未达成, 0 → accepted", "未达成年度指标且效果较差", "0", "15");
  judged("missed_2_99", "未达成, 2.99 < 60% → accepted", "未达成年度指标且效果较差", "2.99", "17.99");
  judged("missed_3", "未达成, 3 = 60%: the band's upper bound is open → rejected", "未达成年度指标且效果较差", "3",
         "E0708");
  // The band follows the judged indicator's own weight: 80% of 3 = 2.4. 15 + 2.4 = 17.4.
  c.push_back({"judged_weight3_2_4", "达成 with weight 3: 2.4 = 80% of 3 → accepted",
               all({set_in("benefit_judgements", 0, "weight", 3), set_in("benefit_judgements", 0, "awarded", exact("2.4"))}),
               benefit, "17.4"});
  c.push_back({"judged_weight3_2_39", "达成 with weight 3: 2.39 < 80% of 3 → rejected",
               all({set_in("benefit_judgements", 0, "weight", 3),
                    set_in("benefit_judgements", 0, "awarded", exact("2.39"))}),
               benefit, "E0708"});
  c.push_back({"judged_none", "no non-quantified indicator: the three quantified give 15",
               set("benefit_judgements", json::array()), benefit, "15"});

  // ---- 部门预算资金支出率: mean of the months, each capped at 100%, × 10 -----------------------
  const std::string spending = "部门预算资金支出率";
  c.push_back({"spending_cap_120_80", "120% is counted as 100%: (100% + 80%) / 2 × 10 = 9",
               set("monthly_execution", percents({"120%", "80%"})), spending, "9"});
  c.push_back({"spending_cap_110_90", "110% counts 100%, not compensating: (100% + 90%) / 2 × 10 = 9.5",
               set("monthly_execution", percents({"110%", "90%"})), spending, "9.5"});
  c.push_back({"spending_cap_average_100", "(min(100%,100%) + min(150%,100%)) / 2 = 100% → full marks",
               set("monthly_execution", percents({"100%", "150%"})), spending, "10", "10"});
  c.push_back({"spending_twelve_100", "twelve months at 100% → average exactly 100% → 10",
               set("monthly_execution", percents({"100%", "100%", "100%", "100%", "100%", "100%", "100%", "100%",
                                                  "100%", "100%", "100%", "100%"})),
               spending, "10", "10"});
  c.push_back({"spending_100_01", "a single month at 100.01% is capped → 10",
               set("monthly_execution", percents({"100.01%"})), spending, "10", "10"});
  // (99.99% + 100%) / 2 = 99.995% × 10 = 9.9995 → 10.00 half up.
  c.push_back({"spending_99_995", "average 99.995% just below 100% → 9.9995",
               set("monthly_execution", percents({"99.99%", "100%"})), spending, "10", "9.9995"});
  c.push_back({"spending_99", "average 99% → 9.9", set("monthly_execution", percents({"99%"})), spending, "9.9"});
  // A fraction is a percent too: (0.5 + 100%) / 2 = 75% → 7.5.
  c.push_back({"spending_fraction", "0.5 as a fraction and 100% → 7.5",
               set("monthly_execution", json::array({exact("0.5"), "100%"})), spending, "7.5"});
  c.push_back({"spending_no_month", "no month reported: n = 0 → mean of no elements",
               set("monthly_execution", json::array()), spending, "E0710"});

  // ---- 新增预算项目事前绩效评估: 0.5 each when > 3 projects, else 1 each, until zero ------------
  const std::string assess = "新增预算项目事前绩效评估";
  const auto projects = [&](const char* id, const char* what, int to_assess, int unassessed, const char* expected) {
    c.push_back({std::string("assess_") + id, what,
                 all({set("new_projects_to_assess", to_assess), set("new_projects_unassessed", unassessed)}), assess,
                 expected});
  };
  projects("3_of_3_1", "3 projects (3个以内), 1 not assessed → 3 − 1 = 2", 3, 1, "2");
  projects("4_of_4_1", "4 projects (超过3个), 1 not assessed → 3 − 0.5 = 2.5", 4, 1, "2.5");
  projects("3_of_3_2", "3 projects, 2 not assessed → 1", 3, 2, "1");
  projects("3_of_3_3", "3 projects, 3 not assessed → exactly 0", 3, 3, "0");
  projects("2_of_2_2", "2 projects, 2 not assessed → 1", 2, 2, "1");
  projects("4_of_4_4", "4 projects, 4 not assessed → 3 − 2 = 1", 4, 4, "1");
  projects("6_of_6_6", "6 projects, 6 not assessed → 3 − 3 = exactly 0", 6, 6, "0");
  projects("7_of_7_7", "7 projects, 7 not assessed → 3 − 3.5 stays at 0", 7, 7, "0");
  projects("4_of_4_0", "4 projects, all assessed → 3", 4, 0, "3");
  projects("0_of_0_0", "no project to assess → 3", 0, 0, "3");

  // ---- 结转结余率: year-end / (opening + general + fund) ---------------------------------------
  // Denominator 0 + 1000 + 0 = 1000 万元, so the rate is year-end / 1000.
  const std::string carry = "结转结余率";
  const auto carryover = [&](const char* id, const char* what, const char* year_end, const char* expected) {
    c.push_back({std::string("carryover_") + id, what,
                 all({set("general_appropriation", 1000), set("carryover_year_end", exact(year_end))}), carry,
                 expected});
  };
  carryover("9_999", "99.99 / 1000 = 9.999% ≤ 10% → 2", "99.99", "2");
  carryover("10", "100 / 1000 = 10% ≤ 10% → 2", "100", "2");
  carryover("10_001", "100.01 / 1000 = 10.001%: 10% < rate ≤ 20% → 1", "100.01", "1");
  carryover("20", "200 / 1000 = 20% → 1", "200", "1");
  carryover("20_001", "200.01 / 1000 = 20.001%: 20% < rate ≤ 30% → 0.5", "200.01", "0.5");
  carryover("29_999", "299.99 / 1000 = 29.999% → 0.5", "299.99", "0.5");
  carryover("30", "300 / 1000 = 30% → 0.5", "300", "0.5");
  carryover("30_001", "300.01 / 1000 = 30.001% > 30% → 0", "300.01", "0");
  carryover("100", "1000 / 1000 = 100% → 0", "1000", "0");
  // All three amounts count: 100 / (400 + 500 + 100) = 10% → 2. Without the opening carry-over
  // (100 / 600 = 16.7%) or without the fund (100 / 900 = 11.1%) it would be 1.
  c.push_back({"carryover_denominator_sum", "100 / (400 + 500 + 100) = 10% → 2",
               all({set("carryover_opening", 400), set("general_appropriation", 500), set("fund_appropriation", 100),
                    set("carryover_year_end", 100)}),
               carry, "2"});
  c.push_back({"carryover_denominator_sum_above", "100.01 / (400 + 500 + 100) = 10.001% → 1",
               all({set("carryover_opening", 400), set("general_appropriation", 500), set("fund_appropriation", 100),
                    set("carryover_year_end", exact("100.01"))}),
               carry, "1"});

  // ---- 财务管理合规性: 0.5 / 0.5 / 1 per issue, until zero ----------------------------------------
  const std::string finance = "财务管理合规性";
  const auto issues = [&](const char* id, const char* what, int audit, int unclear, int repeated,
                          const char* expected) {
    c.push_back({std::string("finance_") + id, what,
                 all({set("audit_issues", audit), set("unclear_issues", unclear), set("repeated_issues", repeated)}),
                 finance, expected});
  };
  issues("none", "no issue → 2", 0, 0, 0, "2");
  issues("audit1", "1 issue of kind 1 → 1.5", 1, 0, 0, "1.5");
  issues("audit3", "3 issues of kind 1 → 0.5", 3, 0, 0, "0.5");
  issues("audit4", "4 issues of kind 1 → exactly 0", 4, 0, 0, "0");
  issues("audit5", "5 issues of kind 1 → stays at 0", 5, 0, 0, "0");
  issues("unclear1", "1 issue of kind 2 → 1.5", 0, 1, 0, "1.5");
  issues("unclear4", "4 issues of kind 2 → 0", 0, 4, 0, "0");
  issues("repeated1", "1 issue of kind 3 → 1", 0, 0, 1, "1");
  issues("repeated2", "2 issues of kind 3 → exactly 0", 0, 0, 2, "0");
  issues("repeated3", "3 issues of kind 3 → stays at 0", 0, 0, 3, "0");
  issues("audit1_unclear1", "0.5 + 0.5 → 1", 1, 1, 0, "1");
  issues("one_of_each", "0.5 + 0.5 + 1 → exactly 0", 1, 1, 1, "0");
  issues("many_of_each", "0.5×3 + 0.5×3 + 1×3 = 6 → stays at 0", 3, 3, 3, "0");

  // ---- 预决算公开合规性: 未公开 → 0, else 50% budget + 50% final, each 1 + 1 of 2 ------------------
  const std::string disclosure = "预决算公开合规性";
  c.push_back({"disclosure_budget_late", "budget 逾期: 50% × (0 + 1) + 50% × (1 + 1) = 1.5",
               set("budget_disclosure", "逾期公开"), disclosure, "1.5"});
  c.push_back({"disclosure_final_late", "final 逾期: 50% × 2 + 50% × 1 = 1.5", set("final_disclosure", "逾期公开"),
               disclosure, "1.5"});
  c.push_back({"disclosure_budget_problem", "budget inspection problem: 50% × 1 + 50% × 2 = 1.5",
               set("budget_disclosure_problems", 1), disclosure, "1.5"});
  c.push_back({"disclosure_final_problems", "3 final inspection problems count once: 1.5",
               set("final_disclosure_problems", 3), disclosure, "1.5"});
  c.push_back({"disclosure_budget_late_problem", "budget 逾期 and a problem: 50% × 0 + 50% × 2 = 1",
               all({set("budget_disclosure", "逾期公开"), set("budget_disclosure_problems", 1)}), disclosure, "1"});
  c.push_back({"disclosure_one_each", "budget 逾期, final problem: 50% × 1 + 50% × 1 = 1",
               all({set("budget_disclosure", "逾期公开"), set("final_disclosure_problems", 1)}), disclosure, "1"});
  c.push_back({"disclosure_all_wrong", "both 逾期 with problems → 0",
               all({set("budget_disclosure", "逾期公开"), set("final_disclosure", "逾期公开"),
                    set("budget_disclosure_problems", 1), set("final_disclosure_problems", 1)}),
               disclosure, "0"});
  c.push_back({"disclosure_budget_unpublished", "未公开预算 → 0 outright", set("budget_disclosure", "未公开"),
               disclosure, "0"});
  c.push_back({"disclosure_final_unpublished", "未公开决算 → 0 outright", set("final_disclosure", "未公开"),
               disclosure, "0"});

  // ---- 绩效信息公开情况: 50% / 50%, each full marks or nothing -------------------------------------
  const std::string perf_info = "绩效信息公开情况";
  c.push_back({"perf_info_goals_missing", "goals not disclosed: 50% × 0 + 50% × 2 = 1",
               set("perf_goals_disclosed", false), perf_info, "1"});
  c.push_back({"perf_info_self_eval_missing", "self-evaluation not disclosed: 50% × 2 + 50% × 0 = 1",
               set("self_eval_disclosed", false), perf_info, "1"});
  c.push_back({"perf_info_none", "neither disclosed → 0",
               all({set("perf_goals_disclosed", false), set("self_eval_disclosed", false)}), perf_info, "0"});

  // ---- 绩效管理制度建设: 50% / 50% of 5, judged discretionary rates ------------------------------
  const std::string rules = "绩效管理制度建设";
  c.push_back({"rules_funds_missing", "funds rules 未出台: 50% × 0 + 50% × 5 = 2.5", set("perf_rules_funds", "未出台"),
               rules, "2.5"});
  c.push_back({"rules_duties_missing", "duties rules 未出台: 2.5", set("perf_duties", "未出台"), rules, "2.5"});
  c.push_back({"rules_both_missing", "both 未出台 → 0",
               all({set("perf_rules_funds", "未出台"), set("perf_duties", "未出台")}), rules, "0"});
  c.push_back({"rules_missing_ignores_rate", "未出台 with a rate of 50%: the rate is not used → 2.5",
               all({set("perf_rules_funds", "未出台"), set("perf_rules_funds_rate", "50%")}), rules, "2.5"});
  c.push_back({"rules_funds_gaps_60", "funds 有缺漏 at 60%: 50% × 60% × 5 + 50% × 5 = 1.5 + 2.5 = 4",
               all({set("perf_rules_funds", "有缺漏"), set("perf_rules_funds_rate", "60%")}), rules, "4"});
  c.push_back({"rules_duties_gaps_0", "duties 有缺漏 at 0%: 2.5 + 0 = 2.5",
               all({set("perf_duties", "有缺漏"), set("perf_duties_rate", "0%")}), rules, "2.5"});
  // 50% × 99.99% × 5 = 2.49975; + 2.5 = 4.99975 → 5.00 half up.
  c.push_back({"rules_funds_gaps_99_99", "funds 有缺漏 at 99.99% (just below 100%) → 4.99975",
               all({set("perf_rules_funds", "有缺漏"), set("perf_rules_funds_rate", "99.99%")}), rules, "5",
               "4.99975"});
  c.push_back({"rules_funds_gaps_default", "funds 有缺漏 keeping the default 100%: band [0, 100%) → rejected",
               set("perf_rules_funds", "有缺漏"), rules, "E0708"});
  c.push_back({"rules_duties_gaps_100", "duties 有缺漏 at 100% → rejected",
               all({set("perf_duties", "有缺漏"), set("perf_duties_rate", "100%")}), rules, "E0708"});
  c.push_back({"rules_complete_90", "funds 完整 at 90%: band [100%, 100%] → rejected",
               set("perf_rules_funds_rate", "90%"), rules, "E0708"});

  // ---- 绩效结果应用: 30% / 30% / 40% of 3 ------------------------------------------------------------
  const std::string results = "绩效结果应用";
  // Part 1 is 3 − 1 per late alert, until zero; parts 2 and 3 are 3 or 0.
  c.push_back({"results_late1", "1 late alert: 30% × 2 + 30% × 3 + 40% × 3 = 0.6 + 0.9 + 1.2 = 2.7",
               set("late_alerts", 1), results, "2.7"});
  c.push_back({"results_late2", "2 late alerts: 30% × 1 + 2.1 = 2.4", set("late_alerts", 2), results, "2.4"});
  c.push_back({"results_late3", "3 late alerts: part 1 exactly 0 → 2.1", set("late_alerts", 3), results, "2.1"});
  c.push_back({"results_late4", "4 late alerts: part 1 stays at 0 → 2.1", set("late_alerts", 4), results, "2.1"});
  c.push_back({"results_no_rectification", "rectification not reported: 0.9 + 0 + 1.2 = 2.1",
               set("rectification_reported", false), results, "2.1"});
  c.push_back({"results_not_linked", "results not linked: 0.9 + 0.9 + 0 = 1.8", set("results_linked", false),
               results, "1.8"});
  c.push_back({"results_all_fail", "3 late alerts, nothing reported, nothing linked → 0",
               all({set("late_alerts", 3), set("rectification_reported", false), set("results_linked", false)}),
               results, "0"});

  // ---- 绩效管理制度执行: 2 + (1 + 1) + (1 + 1 + 1) ---------------------------------------------------
  const std::string execution = "绩效管理制度执行";
  c.push_back({"execution_returned1", "goals returned once → 7 − 2 = 5", set("goals_returned", 1), execution, "5"});
  c.push_back({"execution_returned3", "goals returned 3 times (1次及以上) → 5", set("goals_returned", 3), execution,
               "5"});
  c.push_back({"execution_no_monitoring", "monitoring not done → 6", set("monitoring_done", false), execution, "6"});
  c.push_back({"execution_monitoring_not_submitted", "monitoring material not submitted → 6",
               set("monitoring_submitted", false), execution, "6"});
  c.push_back({"execution_no_self_eval", "self-evaluation not done → 6", set("self_eval_done", false), execution,
               "6"});
  c.push_back({"execution_subordinates_not_organised", "subordinate units not organised → 6",
               set("subordinate_self_eval", "未组织"), execution, "6"});
  c.push_back({"execution_subordinates_organised", "subordinate units organised → 7",
               set("subordinate_self_eval", "已组织"), execution, "7"});
  c.push_back({"execution_self_eval_not_submitted", "self-evaluation material not submitted → 6",
               set("self_eval_submitted", false), execution, "6"});
  c.push_back({"execution_all_fail", "everything missing → 0",
               all({set("goals_returned", 1), set("monitoring_done", false), set("monitoring_submitted", false),
                    set("self_eval_done", false), set("subordinate_self_eval", "未组织"),
                    set("self_eval_submitted", false)}),
               execution, "0"});

  // ---- 采购 ---------------------------------------------------------------------------------------
  c.push_back({"intent_rate_99_99", "采购意向 99.99% disclosed (not 100%) → 0",
               set("intent_disclosure_rate", "99.99%"), "采购意向公开合规性", "0"});
  c.push_back({"intent_rate_fraction_1", "采购意向 given as the fraction 1 → 0.5",
               set("intent_disclosure_rate", 1), "采购意向公开合规性", "0.5"});
  c.push_back({"intent_late", "采购意向 not in time → 0", set("intent_timely", false), "采购意向公开完整性、及时性",
               "0"});
  c.push_back({"procurement_no_controls", "no internal-control rules → 0", set("procurement_controls", false),
               "采购内控制度建设", "0"});
  const std::string complaints = "采购活动合规性";
  c.push_back({"complaints1", "1 complaint upheld → 1", set("complaints_upheld", 1), complaints, "1"});
  c.push_back({"complaints2", "2 complaints upheld → exactly 0", set("complaints_upheld", 2), complaints, "0"});
  c.push_back({"complaints3", "3 complaints upheld → stays at 0", set("complaints_upheld", 3), complaints, "0"});

  const std::string contract = "采购合同签订时效性";
  const auto timely = [&](const char* id, const char* rate, const char* expected) {
    c.push_back({std::string("contract_") + id, std::string("合同签订及时率 ") + rate, set("contract_timely_rate", rate),
                 contract, expected});
  };
  timely("100", "100%", "3");        // =100% → 3
  timely("99_99", "99.99%", "2");    // 90% ≤ rate < 100% → 2
  timely("90_01", "90.01%", "2");
  timely("90", "90%", "2");
  timely("89_99", "89.99%", "1");    // 80% ≤ rate < 90% → 1
  timely("80_01", "80.01%", "1");
  timely("80", "80%", "1");
  timely("79_99", "79.99%", "0");    // < 80% → 0
  timely("0", "0%", "0");

  c.push_back({"filing_timely", "合同备案 in time → 1", set("contracts_filed_timely", true), "合同备案时效性", "1"});

  // 采购政策效能: min(actual / reserved, 100%) × 1; reserved 100 万元.
  const std::string sme = "采购政策效能";
  const auto sme_actual = [&](const char* id, const char* what, const char* actual, const char* expected,
                              const char* raw = "") {
    c.push_back({std::string("sme_") + id, what, set("sme_actual", exact(actual)), sme, expected, raw});
  };
  sme_actual("50", "50 / 100 = 50% → 0.5", "50", "0.5");
  sme_actual("0", "0 / 100 → 0", "0", "0");
  sme_actual("99", "99 / 100 = 99% → 0.99", "99", "0.99");
  sme_actual("99_99", "99.99 / 100 = 99.99% → 0.9999 → 1.00", "99.99", "1", "0.9999");
  sme_actual("12_5", "12.5 / 100 = 0.125 → 0.13 (half up, not half even)", "12.5", "0.13", "0.125");
  sme_actual("100_01", "100.01 / 100 = 100.01% is capped → 1", "100.01", "1", "1");
  sme_actual("150", "150 / 100 = 150% is capped → 1", "150", "1", "1");

  // ---- 资产管理 -----------------------------------------------------------------------------------
  c.push_back({"asset_config1", "1 configuration violation → 1", set("asset_config_violations", 1), "资产配置合规性",
               "1"});
  c.push_back({"asset_config2", "2 violations → exactly 0", set("asset_config_violations", 2), "资产配置合规性", "0"});
  c.push_back({"asset_config3", "3 violations → stays at 0", set("asset_config_violations", 3), "资产配置合规性", "0"});
  c.push_back({"asset_income1", "1 overdue payment → 0.5", set("asset_income_overdue", 1), "资产收益上缴的及时性",
               "0.5"});
  c.push_back({"asset_income2", "2 overdue payments → exactly 0", set("asset_income_overdue", 2),
               "资产收益上缴的及时性", "0"});
  c.push_back({"asset_income3", "3 overdue payments → stays at 0", set("asset_income_overdue", 3),
               "资产收益上缴的及时性", "0"});
  c.push_back({"asset_no_stocktake", "no stocktake → 0", set("asset_stocktake", false), "资产盘点情况", "0"});

  const std::string quality = "数据质量";
  c.push_back({"quality_defect_50", "有缺陷 at 50% → 1",
               all({set("data_quality", "有缺陷"), set("data_quality_rate", "50%")}), quality, "1"});
  c.push_back({"quality_defect_0", "有缺陷 at 0% → 0",
               all({set("data_quality", "有缺陷"), set("data_quality_rate", "0%")}), quality, "0"});
  // 99.99% × 2 = 1.9998 → 2.00; 99.74% × 2 = 1.9948 → 1.99.
  c.push_back({"quality_defect_99_99", "有缺陷 at 99.99% → 1.9998",
               all({set("data_quality", "有缺陷"), set("data_quality_rate", "99.99%")}), quality, "2", "1.9998"});
  c.push_back({"quality_defect_99_74", "有缺陷 at 99.74% → 1.9948 → 1.99",
               all({set("data_quality", "有缺陷"), set("data_quality_rate", "99.74%")}), quality, "1.99"});
  c.push_back({"quality_defect_default", "有缺陷 keeping the default 100%: band [0, 100%) → rejected",
               set("data_quality", "有缺陷"), quality, "E0708"});
  c.push_back({"quality_ok_80", "合格 at 80%: band [100%, 100%] → rejected", set("data_quality_rate", "80%"), quality,
               "E0708"});

  const std::string asset_rules = "资产管理合规性";
  const auto asset = [&](const char* id, const char* what, bool rules_present, int problems, const char* expected) {
    c.push_back({std::string("asset_rules_") + id, what,
                 all({set("asset_rules", rules_present), set("asset_problems", problems)}), asset_rules, expected});
  };
  asset("clean", "rules, no problem → 2", true, 0, "2");
  asset("p1", "1 problem → 1.5", true, 1, "1.5");
  asset("p4", "4 problems → exactly 0", true, 4, "0");
  asset("p5", "5 problems → stays at 0", true, 5, "0");
  asset("no_rules", "no rules, no problem → 1.5", false, 0, "1.5");
  asset("no_rules_p3", "no rules and 3 problems: 0.5 + 1.5 → exactly 0", false, 3, "0");
  asset("no_rules_p4", "no rules and 4 problems → stays at 0", false, 4, "0");

  // 固定资产利用率: in use / 1000.
  const std::string fixed = "固定资产利用率";
  const auto in_use = [&](const char* id, const char* what, const char* value, const char* expected) {
    c.push_back({std::string("fixed_") + id, what,
                 all({set("fixed_assets_total", 1000), set("fixed_assets_in_use", exact(value))}), fixed, expected});
  };
  in_use("100", "1000 / 1000 = 100% → 2", "1000", "2");
  in_use("90", "900 / 1000 = 90% (比率≥90%) → 2", "900", "2");
  in_use("89_999", "899.99 / 1000 = 89.999% → 1.5", "899.99", "1.5");
  in_use("75", "750 / 1000 = 75% → 1.5", "750", "1.5");
  in_use("74_999", "749.99 / 1000 = 74.999% → 1", "749.99", "1");
  in_use("60", "600 / 1000 = 60% → 1", "600", "1");
  in_use("59_999", "599.99 / 1000 = 59.999% → 0", "599.99", "0");
  in_use("0", "0 / 1000 → 0", "0", "0");

  // ---- 公用经费控制率: over = (spent − budget) / budget; ≤ 0 → 2, else 0.5 per started 5% ----------
  // "每增加5%（含）扣减0.5分" read as in the ruleset: every started step of 5% costs 0.5, so a rate in
  // (0, 5%] costs 0.5, (5%, 10%] costs 1, (10%, 15%] 1.5, (15%, 20%] 2 (zero), above 20% stays 0.
  const std::string public_cost = "公用经费控制率";
  const auto spent = [&](const char* id, const char* what, const char* value, const char* expected) {
    c.push_back({std::string("public_") + id, what,
                 all({set("public_budget", 100), set("public_spent", exact(value))}), public_cost, expected});
  };
  spent("below", "99 of 100: −1% → 2", "99", "2");
  spent("0", "100 of 100: 0 (控制率≤0) → 2", "100", "2");
  spent("0_01", "100.01 of 100: 0.01% → 1 step → 1.5", "100.01", "1.5");
  spent("5", "105 of 100: 5% (含) → 1 step → 1.5", "105", "1.5");
  spent("5_01", "105.01 of 100: 5.01% → 2 steps → 1", "105.01", "1");
  spent("10", "110 of 100: 10% → 2 steps → 1", "110", "1");
  spent("10_01", "110.01 of 100: 10.01% → 3 steps → 0.5", "110.01", "0.5");
  spent("15", "115 of 100: 15% → 3 steps → 0.5", "115", "0.5");
  spent("15_01", "115.01 of 100: 15.01% → 4 steps → 0", "115.01", "0");
  spent("20", "120 of 100: 20% → 4 steps → exactly 0", "120", "0");
  spent("20_01", "120.01 of 100: 20.01% → 5 steps, stays at 0", "120.01", "0");
  spent("50", "150 of 100: 50% → 10 steps, stays at 0", "150", "0");
  // With the court's budget of 321: 321 × 1.05 = 337.05 → exactly 5% → 1.5; 337.06 → 5.0031…% → 1.
  c.push_back({"public_court_5", "337.05 of 321 = exactly 5% → 1.5", set("public_spent", exact("337.05")),
               public_cost, "1.5"});
  c.push_back({"public_court_5_01", "337.06 of 321 = 5.003% → 1", set("public_spent", exact("337.06")), public_cost,
               "1"});

  // ---- “三公”经费: spent ≤ budget -------------------------------------------------------------------
  c.push_back({"sangong_equal", "17.05 of 17.05 → 2", set("sangong_spent", exact("17.05")), "“三公”经费控制情况", "2"});
  c.push_back({"sangong_over", "17.06 of 17.05 → 0", set("sangong_spent", exact("17.06")), "“三公”经费控制情况", "0"});

  return c;
}

class Ruleset2023Boundary : public ::testing::TestWithParam<Case> {};

TEST_P(Ruleset2023Boundary, Scores) {
  const Case& c = GetParam();
  SCOPED_TRACE(c.id + ": " + c.what);
  ASSERT_TRUE(ruleset_2023());
  const Scored s = score_example(c.edit);
  const NodeResult* node = s.find(c.indicator);
  ASSERT_NE(node, nullptr) << "no node named " << c.indicator << "; diagnostics:\n" << s.errors;
  if (is_error_code(c.expected)) {
    EXPECT_FALSE(node->score.has_value()) << "scored " << *node->score;
    EXPECT_FALSE(node->error.empty());
    EXPECT_TRUE(has_error(s.evaluation.diagnostics, c.expected)) << "diagnostics:\n" << s.errors;
    EXPECT_FALSE(s.evaluation.total.has_value()) << "a total exists although an indicator failed";
    // The others are still scored: 结转结余率 keeps its 2 (no row that fails edits it).
    const NodeResult* other = s.find("结转结余率");
    ASSERT_NE(other, nullptr);
    EXPECT_EQ(other->score, std::optional<Decimal>(dec("2")));
  } else {
    EXPECT_EQ(s.errors, "");
    ASSERT_TRUE(node->score.has_value()) << node->error;
    EXPECT_EQ(*node->score, dec(c.expected));
    if (!c.raw.empty()) {
      ASSERT_TRUE(node->raw.has_value());
      EXPECT_EQ(*node->raw, dec(c.raw));
    }
    EXPECT_TRUE(s.evaluation.total.has_value());
  }
}

INSTANTIATE_TEST_SUITE_P(Rules, Ruleset2023Boundary, ::testing::ValuesIn(boundary_cases()),
                         [](const ::testing::TestParamInfo<Case>& row) { return row.param.id; });

// ==============================================================================================
// Grades: totals of exactly 100, 90, 89.99, 80, 79.99, 60 and 59.99 built from the real facts.
// ==============================================================================================

struct GradeCase {
  std::string id;
  std::string what;
  Edit edit;
  std::string total;
  std::string grade;
};

void PrintTo(const GradeCase& c, std::ostream* os) { *os << c.id << " (" << c.what << ")"; }

// The example with all ten months at 100%: 部门预算资金支出率 10, 履职效能 50, total 50 + 46 = 96.
Edit months_at_100() {
  return set("monthly_execution", percents({"100%", "100%", "100%", "100%", "100%", "100%", "100%", "100%", "100%",
                                            "100%"}));
}

std::vector<GradeCase> grade_cases() {
  // Each edit below lowers (or raises) one indicator by a known amount from the 96 base.
  const Edit sangong_over = set("sangong_spent", exact("17.06"));              // 三公 2 → 0: −2
  const Edit contracts_late = set("contract_timely_rate", "0%");               // 3 → 0: −3
  const Edit one_violation = set("asset_config_violations", 1);                // 2 → 1: −1
  const Edit sme_99 = set("sme_actual", 99);                                   // 1 → 0.99: −0.01
  const Edit sme_0 = set("sme_actual", 0);                                     // 1 → 0: −1
  const Edit goals_returned = set("goals_returned", 1);                        // 7 → 5: −2
  // 385.2 / 321 − 1 = 64.2 / 321 = exactly 20% → 4 steps → 2 → 0: −2.
  const Edit public_20 = set("public_spent", exact("385.2"));
  // Two outputs at 0% completion: 2 × 5 = −10.
  const Edit two_outputs_zero = all({set_in("outputs", 0, "actual", 0), set_in("outputs", 1, "actual", 0)});
  // All outputs and all quantified benefits at 0%: −20 and −15.
  const Edit outputs_and_benefits_zero =
      all({set_in("outputs", 0, "actual", 0), set_in("outputs", 1, "actual", 0), set_in("outputs", 2, "actual", 0),
           set_in("outputs", 3, "actual", 0), set_in("benefits", 0, "actual", 0), set_in("benefits", 1, "actual", 0),
           set_in("benefits", 2, "actual", 0)});
  return {
      {"example", "the example as it is: 95.99", none(), "95.99", "优"},
      {"base96", "all months at 100%: 96", months_at_100(), "96", "优"},
      // 96 + 2 (no audit issue) + 1 (no asset problem) + 1 (contracts filed in time) = 100.
      {"total100", "a perfect department: 100",
       all({months_at_100(), set("audit_issues", 0), set("asset_problems", 0), set("contracts_filed_timely", true)}),
       "100", "优"},
      // 96 − 2 − 3 − 1 = 90.
      {"total90", "exactly 90 → 优", all({months_at_100(), sangong_over, contracts_late, one_violation}), "90", "优"},
      // 90 − 0.01 = 89.99.
      {"total89_99", "89.99 → 良", all({months_at_100(), sangong_over, contracts_late, one_violation, sme_99}), "89.99",
       "良"},
      // 96 − 10 − 2 − 2 − 2 = 80.
      {"total80", "exactly 80 → 良", all({months_at_100(), two_outputs_zero, goals_returned, public_20, sangong_over}),
       "80", "良"},
      // 80 − 0.01 = 79.99.
      {"total79_99", "79.99 → 中",
       all({months_at_100(), two_outputs_zero, goals_returned, public_20, sangong_over, sme_99}), "79.99", "中"},
      // 96 − 20 − 15 − 1 = 60.
      {"total60", "exactly 60 → 中", all({months_at_100(), outputs_and_benefits_zero, sme_0}), "60", "中"},
      // 96 − 20 − 15 − 0.01 − 1 = 59.99.
      {"total59_99", "59.99 → 差", all({months_at_100(), outputs_and_benefits_zero, sme_99, one_violation}), "59.99",
       "差"},
  };
}

class Ruleset2023Grade : public ::testing::TestWithParam<GradeCase> {};

TEST_P(Ruleset2023Grade, TotalAndGrade) {
  const GradeCase& c = GetParam();
  SCOPED_TRACE(c.id + ": " + c.what);
  ASSERT_TRUE(ruleset_2023());
  const Scored s = score_example(c.edit);
  EXPECT_EQ(s.errors, "");
  ASSERT_TRUE(s.evaluation.total.has_value());
  EXPECT_EQ(*s.evaluation.total, dec(c.total));
  EXPECT_EQ(s.evaluation.grade, c.grade);
}

INSTANTIATE_TEST_SUITE_P(Totals, Ruleset2023Grade, ::testing::ValuesIn(grade_cases()),
                         [](const ::testing::TestParamInfo<GradeCase>& row) { return row.param.id; });

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

// ==============================================================================================
// 3. Facts outside their declared domains (or of the wrong type) are rejected with their path.
// ==============================================================================================

struct DomainCase {
  std::string id;
  std::string what;
  Edit edit;
  std::string path;  // the JSON path the error names
  std::string code;
};

void PrintTo(const DomainCase& c, std::ostream* os) { *os << c.id << " (" << c.what << ")"; }

std::vector<DomainCase> domain_cases() {
  return {
      // record fields with domains: a target must be positive, values and weights not negative.
      {"output_target0", "产出 target 0 (a rate needs a positive target)", set_in("outputs", 3, "target", 0),
       "facts.outputs[3].target", "E0604"},
      {"output_actual_negative", "产出 actual −1", set_in("outputs", 3, "actual", -1), "facts.outputs[3].actual",
       "E0604"},
      {"output_weight_negative", "产出 weight −5", set_in("outputs", 3, "weight", -5), "facts.outputs[3].weight",
       "E0604"},
      {"benefit_target0", "效益 target 0", set_in("benefits", 2, "target", 0), "facts.benefits[2].target", "E0604"},
      {"benefit_actual_negative", "效益 actual −1", set_in("benefits", 2, "actual", -1), "facts.benefits[2].actual",
       "E0604"},
      {"judged_awarded_negative", "未达成, a judged score of −0.01",
       set_in("benefit_judgements", 0, "awarded", exact("-0.01")), "facts.benefit_judgements[0].awarded", "E0604"},
      // count: whole numbers ≥ 0
      {"audit_issues_negative", "a negative count", set("audit_issues", -1), "facts.audit_issues", "E0604"},
      {"audit_issues_fraction", "a count that is not whole", set("audit_issues", exact("1.5")), "facts.audit_issues",
       "E0604"},
      {"new_projects_negative", "a negative number of projects", set("new_projects_to_assess", -1),
       "facts.new_projects_to_assess", "E0604"},
      {"late_alerts_negative", "a negative number of late alerts", set("late_alerts", -1), "facts.late_alerts",
       "E0604"},
      {"asset_problems_fraction", "half a problem", set("asset_problems", exact("0.5")), "facts.asset_problems",
       "E0604"},
      {"complaints_negative", "a negative number of complaints", set("complaints_upheld", -2),
       "facts.complaints_upheld", "E0604"},
      // percent in [0, 100%]
      {"intent_rate_above", "采购意向公开比例 100.01% above [0, 100%]", set("intent_disclosure_rate", "100.01%"),
       "facts.intent_disclosure_rate", "E0604"},
      {"intent_rate_negative", "采购意向公开比例 −0.01%", set("intent_disclosure_rate", "-0.01%"),
       "facts.intent_disclosure_rate", "E0604"},
      {"contract_rate_above", "合同签订及时率 101%", set("contract_timely_rate", "101%"), "facts.contract_timely_rate",
       "E0604"},
      // A plain 1.2 could be 1.2% or 120%: refused as ambiguous before any domain is checked.
      {"contract_rate_fraction_above", "合同签订及时率 as the plain number 1.2", set("contract_timely_rate", exact("1.2")),
       "facts.contract_timely_rate", "E0612"},
      {"rules_rate_above", "制度建设得分率 100.01%", set("perf_rules_funds_rate", "100.01%"),
       "facts.perf_rules_funds_rate", "E0604"},
      {"duties_rate_negative", "职责分工得分率 −1%", set("perf_duties_rate", "-1%"), "facts.perf_duties_rate", "E0604"},
      {"quality_rate_above", "数据质量得分率 150%", set("data_quality_rate", "150%"), "facts.data_quality_rate",
       "E0604"},
      // list of percent: each element ≥ 0
      {"month_negative", "a negative monthly rate", set("monthly_execution", percents({"100%", "-1%"})),
       "facts.monthly_execution[1]", "E0604"},
      // money: ≥ 0, divisors > 0
      {"public_spent_negative", "negative spending", set("public_spent", exact("-0.01")), "facts.public_spent",
       "E0604"},
      {"carryover_negative", "a negative carry-over", set("carryover_year_end", -1), "facts.carryover_year_end",
       "E0604"},
      {"general_appropriation_zero", "一般公共预算财政拨款 0, outside (0, inf)", set("general_appropriation", 0),
       "facts.general_appropriation", "E0604"},
      {"sme_reserved_zero", "预留金额 0, outside (0, inf)", set("sme_reserved", 0), "facts.sme_reserved", "E0604"},
      {"fixed_total_zero", "固定资产总额 0, outside (0, inf)", set("fixed_assets_total", 0),
       "facts.fixed_assets_total", "E0604"},
      {"public_budget_zero", "公用经费预算 0, outside (0, inf)", set("public_budget", 0), "facts.public_budget",
       "E0604"},
      {"public_budget_negative", "公用经费预算 −1", set("public_budget", -1), "facts.public_budget", "E0604"},
      // wrong types, unknown members and missing facts
      {"target_string", "a target written as a string", set_in("outputs", 2, "target", "100"),
       "facts.outputs[2].target", "E0603"},
      {"judgement_level_unknown", "a category that is not one of the three", set_in("benefit_judgements", 0, "level", "达成"),
       "facts.benefit_judgements[0].level", "E0605"},
      {"judgement_awarded_missing",
       "a judgement without its score",
       [](json& facts) { facts["benefit_judgements"][0].erase("awarded"); },
       "facts.benefit_judgements[0]",
       "E0602"},
      {"disclosure_unknown", "a disclosure state that is not a member", set("budget_disclosure", "已公开"),
       "facts.budget_disclosure", "E0605"},
      {"bool_as_string", "a bool written as a string", set("intent_timely", "true"), "facts.intent_timely", "E0603"},
      {"sangong_missing", "a required fact left out", erase("sangong_spent"), "facts.sangong_spent", "E0602"},
  };
}

class Ruleset2023Domain : public ::testing::TestWithParam<DomainCase> {};

TEST_P(Ruleset2023Domain, RejectedWithPath) {
  const DomainCase& c = GetParam();
  SCOPED_TRACE(c.id + ": " + c.what);
  const auto rs = ruleset_2023();
  ASSERT_TRUE(rs);
  json document = example_document();
  c.edit(document["facts"]);
  const FactsResult facts = load_facts(*rs, dump_exact(document), "facts.json");
  EXPECT_FALSE(facts.facts.has_value()) << "the facts were accepted";
  bool found = false;
  for (const Diagnostic& d : facts.diagnostics.items()) {
    if (d.severity == Severity::Error && d.code == c.code && d.location.json_path == c.path) found = true;
  }
  EXPECT_TRUE(found) << "expected " << c.code << " at " << c.path << "; got:\n" << render(facts.diagnostics);
  EXPECT_EQ(facts.diagnostics.error_count(), 1u) << render(facts.diagnostics);
  // The rendered message names the path too.
  EXPECT_NE(render(facts.diagnostics).find(c.path), std::string::npos) << render(facts.diagnostics);
}

INSTANTIATE_TEST_SUITE_P(Facts, Ruleset2023Domain, ::testing::ValuesIn(domain_cases()),
                         [](const ::testing::TestParamInfo<DomainCase>& row) { return row.param.id; });

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
