// The departments near each bound between tiers (interpreter/tools/crowding.cpp): the values the
// tiers test, recorded alike by the tree evaluator and the compiled plan; the counts on purpose-made
// departments, whose values are chosen on, just below and just above each bound; a whole batch
// (the values gathered as it scores) and the batch report's section.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>
#include <fstream>
#include <string>
#include <vector>

#include "interpreter/batch/batch.hpp"
#include "interpreter/eval/plan.hpp"
#include "interpreter/tools/crowding.hpp"
#include "report/batch_report.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

// part() is called twice in 乙 (a site's values from both calls count); 丁's 100% is a bound
// between two tiers, its 0 and 200% are edges; 丙 is brackets over a count.
constexpr const char* kRules = R"(ruleset "边界" scheme test year 2023
facts {
  rate : percent in [0, 200%] "完成率"
  rate2 : percent in [0, 200%] "第二完成率"
  issues : count in [0, inf) "问题个数"
  outputs : list of { actual : number in [0, inf) "实际", target : number in (0, inf) "目标" } "产出"
}
define part(r "比率") = tiered r {
  [0, 60%)      -> 0
  [60%, 100%)   -> 1
  [100%, 200%]  -> 2
}
section 甲 points 14 {
  indicator 乙 points 4 { score part(rate) + part(rate2) }
  indicator 丙 points 3 {
    score brackets issues {
      <= 0 -> 3
      <= 2 -> 1
      otherwise -> 0
    }
  }
  indicator 丁 points 3 {
    score tiered rate {
      [0, 100%)    -> 0
      [100%, 200%] -> 3
    }
  }
  indicator 戊 points 4 { score sum(o in outputs: part(o.actual / o.target)) / 2 }
}
grade { 优 >= 9; 差 otherwise }
)";

std::string facts(const std::string& rate, const std::string& rate2, int issues, const std::string& outputs = "[]") {
  return R"({"department": "部门", "year": 2023, "facts": {"rate": ")" + rate + R"(", "rate2": ")" + rate2 +
         R"(", "issues": )" + std::to_string(issues) + R"(, "outputs": )" + outputs + "}}";
}

Facts loaded(const ast::Ruleset& rs, const std::string& document) {
  FactsResult r = load_facts(rs, document, "facts.json");
  EXPECT_TRUE(r.facts) << render(r.diagnostics, false);
  return r.facts ? *r.facts : Facts{};
}

// Every value given, in order.
struct TestedValue {
  const ast::Indicator* indicator;
  const ast::Expr* subject;
  Decimal value;
};
struct Collect : TestedSink {
  std::vector<TestedValue> values;
  void tested(const ast::Indicator* indicator, const ast::Expr& subject, const Decimal& value) override {
    values.push_back({indicator, &subject, value});
  }
  void take(std::vector<std::uint32_t>& out) override { out.clear(); }
};

std::vector<TestedValue> tree_tested(const ast::Ruleset& rs, const Facts& f) {
  Collect out;
  EvalOptions options;
  options.trace = false;
  options.every_tested = &out;
  evaluate(rs, f, options);
  return out.values;
}

// What [crowding]'s sink keeps of the department [f], scored by the tree evaluator.
std::vector<std::uint32_t> kept(const BoundCrowding& crowding, const ast::Ruleset& rs, const Facts& f) {
  BoundCrowding::Department sink(crowding);
  EvalOptions options;
  options.trace = false;
  options.every_tested = &sink;
  evaluate(rs, f, options);
  std::vector<std::uint32_t> out;
  sink.take(out);
  return out;
}

// The bound [text] of the site in [indicator], or a failure.
const CrowdedBound* find(const std::vector<CrowdedBound>& all, const std::string& indicator, const std::string& text) {
  for (const CrowdedBound& c : all) {
    if (c.indicator == indicator && c.bound == text) return &c;
  }
  return nullptr;
}

TEST(Crowding, PlanRecordsTheValuesTheTreeEvaluatorRecords) {
  const auto rs = load_ok(kRules);
  const Plan plan(*rs);
  for (const std::string& document :
       {facts("99.5%", "60%", 0), facts("100%", "59%", 3, R"([{"actual": 3, "target": 4}, {"actual": 1, "target": 1}])"),
        facts("0%", "200%", 2)}) {
    SCOPED_TRACE(document);
    const Facts f = loaded(*rs, document);
    std::vector<TestedValue> tree = tree_tested(*rs, f);
    Collect collect;
    PlanResult result;
    plan.evaluate(f, result, &collect);
    std::vector<TestedValue> planned = collect.values;
    // The same values, whatever order the two evaluate the operands of a + in.
    const auto order = [](const TestedValue& a, const TestedValue& b) {
      return std::tie(a.indicator, a.subject) != std::tie(b.indicator, b.subject) ? std::tie(a.indicator, a.subject) < std::tie(b.indicator, b.subject)
                                                                                  : a.value < b.value;
    };
    std::sort(tree.begin(), tree.end(), order);
    std::sort(planned.begin(), planned.end(), order);
    ASSERT_EQ(tree.size(), planned.size());
    for (std::size_t i = 0; i < tree.size(); ++i) {
      EXPECT_EQ(tree[i].indicator, planned[i].indicator) << i;
      EXPECT_EQ(tree[i].subject, planned[i].subject) << i;
      EXPECT_EQ(tree[i].value, planned[i].value) << i;
    }
  }
  // 乙 tests part() twice, 丙 once, 丁 once, 戊 once per output.
  const Facts f = loaded(*rs, facts("99.5%", "60%", 0, R"([{"actual": 3, "target": 4}, {"actual": 1, "target": 1}])"));
  EXPECT_EQ(tree_tested(*rs, f).size(), 2u + 1u + 1u + 2u);
}

TEST(Crowding, CountsEachDepartmentOnceOnTheSideItIs) {
  const auto rs = load_ok(kRules);
  BoundCrowding crowding(*rs);
  // reach: a hundredth of 200% = 2 percentage points for the rates; 1 for the count.
  crowding.add(kept(crowding, *rs, loaded(*rs, facts("98%", "99.9%", 0))));   // both calls of part() below 100%: once
  crowding.add(kept(crowding, *rs, loaded(*rs, facts("100%", "60%", 1))));    // at 100% and at 60%
  crowding.add(kept(crowding, *rs, loaded(*rs, facts("101.99%", "58%", 2))));  // just above 100%; 58% is 2 points below 60%
  crowding.add(kept(crowding, *rs, loaded(*rs, facts("102%", "57.99%", 3))));  // 2 points above: not near; 57.99% not near
  const std::vector<CrowdedBound> all = crowding.finish();
  const CrowdedBound* b100 = find(all, "乙", "100%");
  ASSERT_NE(b100, nullptr);
  EXPECT_EQ(b100->below, 1u);
  EXPECT_EQ(b100->above, 2u);
  EXPECT_EQ(b100->subject, "比率");
  EXPECT_EQ(b100->reach, dec("0.02"));
  EXPECT_EQ(b100->reach_text(), "2 个百分点");
  const CrowdedBound* b60 = find(all, "乙", "60%");
  ASSERT_NE(b60, nullptr);
  EXPECT_EQ(b60->below, 1u);
  EXPECT_EQ(b60->above, 1u);
  // 丁's 100% is between its two tiers; its 0 and 200% are the table's edges, never listed.
  const CrowdedBound* d100 = find(all, "丁", "100%");
  ASSERT_NE(d100, nullptr);
  EXPECT_EQ(d100->subject, "完成率");
  EXPECT_FALSE(d100->with_lower);  // [100%, 200%] takes 100%
  EXPECT_EQ(d100->below, 1u);
  EXPECT_EQ(d100->above, 2u);
  EXPECT_EQ(find(all, "丁", "0"), nullptr);
  EXPECT_EQ(find(all, "丁", "200%"), nullptr);
  EXPECT_EQ(find(all, "乙", "200%"), nullptr);
  // 丙: brackets over a count, reach 1. `<= 0` and `<= 2` take their bound's value: it counts on
  // the lower side, (b − 1, b], and the next count up on the upper side, (b, b + 1].
  const CrowdedBound* c0 = find(all, "丙", "0");
  const CrowdedBound* c2 = find(all, "丙", "2");
  ASSERT_NE(c0, nullptr);
  ASSERT_NE(c2, nullptr);
  EXPECT_TRUE(c0->with_lower);
  EXPECT_EQ(c0->below, 1u);  // issues 0
  EXPECT_EQ(c0->above, 1u);  // issues 1
  EXPECT_EQ(c2->below, 1u);  // issues 2
  EXPECT_EQ(c2->above, 1u);  // issues 3
  EXPECT_EQ(c2->reach_text(), "1");
  // The most crowded first.
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_GE(all[i - 1].near(), all[i].near());
  EXPECT_EQ(crowding.departments(), 4u);
}

// A tier closed at its top ([0, 50%]) takes the bound's value: it counts on the lower side, and
// the upper side is (50%, 51%].
TEST(Crowding, AValueOnTheBoundCountsWithTheTierThatTakesIt) {
  const auto rs = load_ok(R"(ruleset "闭" scheme test year 2023
facts { rate : percent in [0, 100%] "比率" }
section 甲 points 1 {
  indicator 乙 points 1 {
    score tiered rate {
      [0, 50%]     -> 0
      (50%, 100%]  -> 1
    }
  }
}
grade { 优 >= 1; 差 otherwise }
)");
  BoundCrowding crowding(*rs);
  for (const char* rate : {"49.5%", "50%", "50.5%", "51%", "49%", "51.01%"}) {
    crowding.add(kept(crowding, *rs, loaded(*rs, std::string(R"({"department": "部门", "year": 2023, "facts": {"rate": ")") + rate + "\"}}")));
  }
  const std::vector<CrowdedBound> all = crowding.finish();  // find() points into it
  const CrowdedBound* b = find(all, "乙", "50%");
  ASSERT_NE(b, nullptr);
  EXPECT_TRUE(b->with_lower);
  EXPECT_EQ(b->below, 2u);  // (49%, 50%]: 49.5%, 50%; not 49%
  EXPECT_EQ(b->above, 2u);  // (50%, 51%]: 50.5%, 51%; not 51.01%
}

// Tiers in the ruleset's own lets (before its table) and in a section's are watched too, as tested
// by the plan and by the tree evaluator alike (they were once missed: the walk skipped the former).
TEST(Crowding, TiersInLetsOutsideIndicatorsAreWatched) {
  const auto rs = load_ok(R"(ruleset "顶层" scheme test year 2023
facts { rate : percent in [0, 100%] "完成率" }
let level "档次" = tiered rate {
  [0, 60%)    -> 0
  [60%, 100%] -> 1
}
section 甲 points 10 {
  let inner "内档" = tiered rate {
    [0, 50%)    -> 0
    [50%, 100%] -> 1
  }
  indicator 乙 points 5 { score level * 5 }
  indicator 丙 points 5 { score inner * 5 }
}
grade { 优 >= 9; 差 otherwise }
)");
  const Plan plan(*rs);
  BoundCrowding by_tree(*rs), by_plan(*rs);
  for (const char* rate : {"59.5%", "60%", "49.5%", "50%"}) {
    const Facts f = loaded(*rs, std::string(R"({"department": "部门", "year": 2023, "facts": {"rate": ")") + rate + "\"}}");
    by_tree.add(kept(by_tree, *rs, f));
    BoundCrowding::Department sink(by_plan);
    PlanResult result;
    plan.evaluate(f, result, &sink);
    by_plan.add(sink);
  }
  for (const BoundCrowding* c : {&by_tree, &by_plan}) {
    const std::vector<CrowdedBound> all = c->finish();
    for (const char* bound : {"60%", "50%"}) {
      const CrowdedBound* b = find(all, "", bound);
      ASSERT_NE(b, nullptr) << bound;
      EXPECT_EQ(b->below, 1u) << bound;
      EXPECT_EQ(b->above, 1u) << bound;
    }
  }
}

TEST(Crowding, ListElementsCountTheirDepartmentOnce) {
  const auto rs = load_ok(kRules);
  BoundCrowding crowding(*rs);
  // Two outputs at 99% of target and one at 100%: one department below 100% and at it.
  crowding.add(kept(
      crowding, *rs, loaded(*rs, facts("50%", "50%", 5,
                             R"([{"actual": 99, "target": 100}, {"actual": 198, "target": 200}, {"actual": 1, "target": 1}])"))));
  const std::vector<CrowdedBound> all = crowding.finish();  // find() points into it
  const CrowdedBound* b = find(all, "戊", "100%");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->subject, "比率");
  EXPECT_EQ(b->below, 1u);
  EXPECT_EQ(b->above, 1u);
  EXPECT_EQ(b->near(), 1u);  // one department, on both sides
}

// However many values a department's tiers test, its sink keeps at most three numbers per bound.
TEST(Crowding, ASinkKeepsAtMostThreeNumbersPerBound) {
  const auto rs = load_ok(kRules);
  const BoundCrowding crowding(*rs);
  std::string outputs = "[";
  for (int i = 0; i < 2000; ++i) outputs += std::string(i > 0 ? ", " : "") + R"({"actual": )" + std::to_string(95 + i % 10) + R"(, "target": 100})";
  outputs += "]";
  const std::vector<std::uint32_t> k = kept(crowding, *rs, loaded(*rs, facts("50%", "50%", 9, outputs)));
  EXPECT_EQ(k.size(), 3u);  // 戊's 100%: 98% and 99% below, 100% and 101% above, and near at all
  EXPECT_EQ(std::set<std::uint32_t>(k.begin(), k.end()).size(), 3u);
}

// The counts of one department set per bound text of indicator 甲 in [rules] (one fact, x).
std::map<std::string, std::pair<std::size_t, std::size_t>> counts(const std::string& rules, const std::vector<std::string>& xs) {
  const auto rs = load_ok(rules);
  const Plan plan(*rs);
  BoundCrowding by_tree(*rs), by_plan(*rs);
  for (const std::string& x : xs) {
    const Facts f = loaded(*rs, R"({"department": "部门", "year": 2023, "facts": {"x": )" + x + "}}");
    by_tree.add(kept(by_tree, *rs, f));
    BoundCrowding::Department sink(by_plan);
    PlanResult result;
    plan.evaluate(f, result, &sink);
    by_plan.add(sink);
  }
  std::map<std::string, std::pair<std::size_t, std::size_t>> out, plan_out;
  for (const CrowdedBound& c : by_tree.finish()) out[c.bound] = {c.below, c.above};
  for (const CrowdedBound& c : by_plan.finish()) plan_out[c.bound] = {c.below, c.above};
  EXPECT_EQ(out, plan_out);
  return out;
}

std::string one_rule(const std::string& facts, const std::string& score) {
  return "ruleset \"形\" scheme test year 2023\nfacts {\n" + facts + "\n}\nsection 乙 points 3 {\n  indicator 甲 points 3 {\n    score " +
         score + "\n  }\n}\ngrade { 优 >= 3; 差 otherwise }\n";
}

using Counts = std::map<std::string, std::pair<std::size_t, std::size_t>>;

// The shapes a review found wrong: bounds not constants, one-value tiers at the ends, brackets'
// edges and `==`, and values the 评分依据's words evaluate again (the tree evaluator's quietly()).
TEST(Crowding, TheShapesOfTiersAndBracketsAReviewFound) {
  // [0, t) and [t, 100]: 0 and 100 are the table's edges, whatever t is.
  EXPECT_EQ(counts(one_rule("x : number in [0, 100]\n t : number in [1, 99] default 50", "tiered x { [0, t) -> 0  [t, 100] -> 2 }"),
                   {"0", "99.5", "100"}),
            Counts{});
  // A tier of one value at the top is a bound between it and the tier below.
  EXPECT_EQ(counts(one_rule("x : percent in [0, 100%]", "tiered x { [0, 90%) -> 0  [90%, 100%) -> 2  [100%, 100%] -> 3 }"),
                   {"\"100%\"", "\"99.5%\"", "\"100%\""}),
            (Counts{{"100%", {1, 2}}}));
  // … and at the bottom, with its own value below.
  EXPECT_EQ(counts(one_rule("x : percent in [0, 100%]", "tiered x { [0, 0] -> 3  (0, 50%) -> 1  [50%, 100%] -> 0 }"),
                   {"\"0%\"", "\"0.5%\"", "\"0%\""}),
            (Counts{{"0", {2, 1}}}));
  // Brackets without `otherwise`: the lowest bound is an edge (below it no arm applies).
  EXPECT_EQ(counts(one_rule("x : number in [60, 100]", "brackets x {\n >= 90 -> 2\n >= 60 -> 1\n }"), {"60", "60.5", "89.5", "90"}),
            (Counts{{"90", {1, 1}}}));
  // `== 50` between two `otherwise`s is a tier of one value between two others: left out.
  EXPECT_EQ(counts(one_rule("x : number in [0, 100]", "brackets x {\n == 50 -> 2\n otherwise -> 0\n }"), {"49.9", "50", "50.2"}),
            Counts{});
  // `when ok and h(x) > 0`: with ok false the rule never tests h(x); the words do not count.
  EXPECT_EQ(counts("ruleset \"形\" scheme test year 2023\nfacts {\n x : number in [0, 100]\n ok : bool default false\n}\n"
                   "define h(v \"H\") = tiered v { [0, 50) -> 0  [50, 100] -> 1 }\n"
                   "section 乙 points 2 {\n  indicator 甲 points 2 { score when ok and h(x) > 0 -> 2 otherwise 0 }\n}\n"
                   "grade { 优 >= 2; 差 otherwise }\n",
                   {"49.5"}),
            Counts{});
}

class CrowdingBatch : public ::testing::Test {
 protected:
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("rubric-crowding-" + std::to_string(::getpid()));
  void SetUp() override { std::filesystem::create_directories(dir); }
  void TearDown() override { std::filesystem::remove_all(dir); }
};

// A batch gathers the tested values as it scores (through the plan), and counts as scoring each
// department on its own with the tree evaluator does; a row with an error is not counted.
TEST_F(CrowdingBatch, TheBatchCountsWhatTheTreeEvaluatorCounts) {
  const auto rs = load_ok(kRules);
  const std::vector<std::string> rates = {"59%", "60%", "61.5%", "98%", "99.99%", "100%", "101%", "150%", "0%", "200%"};
  std::string jsonl;
  BoundCrowding expected(*rs);
  for (std::size_t i = 0; i < 60; ++i) {
    const std::string doc = facts(rates[i % rates.size()], rates[(i * 7) % rates.size()], static_cast<int>(i % 4),
                                  R"([{"actual": )" + std::to_string(90 + i % 20) + R"(, "target": 100}])");
    jsonl += doc + "\n";
    expected.add(kept(expected, *rs, loaded(*rs, doc)));
  }
  jsonl += R"({"department": "错", "year": 2023, "facts": {"rate": "300%", "rate2": "1%", "issues": 0, "outputs": []}})" "\n";
  std::ofstream(dir / "in.jsonl") << jsonl;
  BatchOptions options;
  options.input = (dir / "in.jsonl").string();
  options.output = (dir / "out.csv").string();
  options.jobs = 2;
  options.chunk_rows = 7;
  BoundCrowding gathered(*rs);
  std::size_t rows = 0;
  options.tested_sink = [&] { return gathered.sink(); };
  options.on_tested = [&](std::size_t row, const std::vector<std::uint32_t>& tested) {
    EXPECT_EQ(row, ++rows);  // in input order, the row with an error left out
    gathered.add(tested);
  };
  const BatchResult result = run_batch(*rs, options);
  ASSERT_TRUE(result.fatal.empty()) << result.fatal;
  EXPECT_EQ(result.summary.errors, 1u);
  EXPECT_EQ(gathered.departments(), 60u);
  const std::vector<CrowdedBound> a = expected.finish();
  const std::vector<CrowdedBound> b = gathered.finish();
  ASSERT_EQ(a.size(), b.size());
  ASSERT_FALSE(a.empty());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].indicator, b[i].indicator);
    EXPECT_EQ(a[i].bound, b[i].bound);
    EXPECT_EQ(a[i].below, b[i].below) << a[i].indicator << " " << a[i].bound;
    EXPECT_EQ(a[i].above, b[i].above) << a[i].indicator << " " << a[i].bound;
  }

  // The report shows them, the most crowded first, when measured; says nothing when not.
  report::BatchReport report = report::read_batch_report(*rs, options.output);
  EXPECT_EQ(report::render_batch_html(report).find("临近档位边界的部门"), std::string::npos);
  report.crowded = b;
  report.crowding_measured = true;
  const std::string html = report::render_batch_html(report);
  const std::size_t section = html.find("<h2>临近档位边界的部门</h2>");
  ASSERT_NE(section, std::string::npos);
  const std::string first = fmt::format("<td class=\"name\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                                        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
                                        b[0].indicator, b[0].subject, b[0].bound, b[0].reach_text(), b[0].below, b[0].above,
                                        b[0].near());
  EXPECT_NE(html.find(first, section), std::string::npos) << html.substr(section, 1500);
  EXPECT_FALSE(report::render_batch_xlsx(report).empty());
}

TEST(Crowding, NoDepartmentNearSaysSo) {
  const auto rs = load_ok(kRules);
  BoundCrowding crowding(*rs);
  crowding.add(kept(crowding, *rs, loaded(*rs, facts("30%", "30%", 10))));
  EXPECT_TRUE(crowding.finish().empty());
  report::BatchReportBuilder builder(*rs);
  builder.add(1, "1", "部门", dec("1"), "差", {dec("0"), dec("0"), dec("0"), dec("0")}, "");
  report::BatchReport report = builder.finish();
  report.crowding_measured = true;
  EXPECT_NE(report::render_batch_html(report).find("没有部门的测算值临近档位边界"), std::string::npos);
}

}  // namespace
}  // namespace rubric::testing
