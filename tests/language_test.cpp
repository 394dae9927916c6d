// Every construct of the language, through the public API: a small ruleset in a string, facts,
// and the scores (or errors) they must give.
#include "support.hpp"

namespace rubric::testing {
namespace {

// A ruleset with one indicator of [points] whose score is [score]; [facts] and [extra] are
// spliced in as written.
std::string one(const std::string& facts, const std::string& score, const std::string& points = "10",
                const std::string& extra = "") {
  return "ruleset \"t\" scheme test year 2023\n" + extra + "\nfacts {\n" + facts +
         "\n}\nsection S points " + points + " {\n  indicator I points " + points + " {\n    score " + score +
         "\n  }\n}\n";
}

struct Case {
  std::string name;
  std::string facts_decl;
  std::string score;
  std::string facts;
  std::string expected;  // the indicator's rounded score, or "error:CODE"
  std::string points = "10";
  std::string extra = "";
};

void run_cases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Scored s = score(one(c.facts_decl, c.score, c.points, c.extra), c.facts);
    if (c.expected.rfind("error:", 0) == 0) {
      EXPECT_FALSE(s.score("I").has_value());
      EXPECT_NE(s.errors.find("[" + c.expected.substr(6) + "]"), std::string::npos) << s.errors;
    } else {
      ASSERT_TRUE(s.score("I").has_value()) << s.errors;
      EXPECT_EQ(*s.score("I"), dec(c.expected)) << "got " << s.score("I")->to_string();
    }
  }
}

TEST(Language, Arithmetic) {
  run_cases({
      {"exact tenths", "", "0.1 + 0.2", "{}", "0.3"},
      {"precedence", "", "1 + 2 * 3", "{}", "7"},
      {"parentheses", "", "(1 + 2) * 3", "{}", "9"},
      {"unary minus", "", "10 - -2 - 3", "{}", "9"},
      {"division", "", "1 / 4 * 8", "{}", "2"},
      {"percent literal", "", "60% * 10", "{}", "6"},
      {"fractional percent", "", "99.875% * 10", "{}", "9.99"},
      {"points", "", "points / 2", "{}", "5"},
      {"division by zero", "x: number", "1 / x", "{\"x\": 0}", "error:E0701"},
  });
}

TEST(Language, FactTypes) {
  run_cases({
      {"number", "x: number", "x", "{\"x\": 2.5}", "2.5"},
      {"percent as text", "p: percent", "p * 10", "{\"p\": \"95%\"}", "9.5"},
      {"percent as fraction", "p: percent", "p * 10", "{\"p\": 0.95}", "9.5"},
      {"money", "m: money", "m / 100000000000000", "{\"m\": 999999999999999.999999}", "10"},
      {"count", "n: count", "n", "{\"n\": 3}", "3"},
      {"bool", "b: bool", "when b -> 1 otherwise 0", "{\"b\": true}", "1"},
      {"text", "t: text", "when t == \"是\" -> 2 otherwise 0", "{\"t\": \"是\"}", "2"},
      {"enum", "e: enum { 达成, 未达成 }", "when e == \"达成\" -> 3 otherwise 0", "{\"e\": \"达成\"}", "3"},
      {"list of numbers", "xs: list of number", "sum(xs)", "{\"xs\": [1, 2, 3.5]}", "6.5"},
      {"list of records", "rs: list of { name: text, v: number }", "sum(r in rs: r.v)",
       "{\"rs\": [{\"name\": \"a\", \"v\": 1}, {\"name\": \"b\", \"v\": 2}]}", "3"},
      {"default used", "n: count default 2", "n", "{}", "2"},
      {"default overridden", "n: count default 2", "n", "{\"n\": 5}", "5"},
  });
}

TEST(Language, FactDomains) {
  run_cases({
      {"negative count", "n: count", "n", "{\"n\": -1}", "error:E0604"},
      {"fractional count", "n: count", "n", "{\"n\": 1.5}", "error:E0604"},
      {"negative money", "m: money", "0", "{\"m\": -1}", "error:E0604"},
      {"negative percent", "p: percent", "0", "{\"p\": \"-1%\"}", "error:E0604"},
      {"declared domain allows negative", "p: percent in [-100%, inf)", "when p < 0 -> 1 otherwise 0",
       "{\"p\": \"-5%\"}", "1"},
      {"outside declared domain", "p: percent in [0, 100%]", "0", "{\"p\": \"101%\"}", "error:E0604"},
      {"open bound excludes", "x: number in (0, inf)", "0", "{\"x\": 0}", "error:E0604"},
      {"missing fact", "x: number", "x", "{}", "error:E0602"},
      {"wrong type", "x: number", "x", "{\"x\": \"abc\"}", "error:E0603"},
      {"enum misspelled", "e: enum { 达成, 未达成 }", "0", "{\"e\": \"达到\"}", "error:E0605"},
      {"record field missing", "rs: list of { v: number }", "0", "{\"rs\": [{}]}", "error:E0602"},
      {"record field outside its domain", "rs: list of { w: number in [0, inf) }", "0", "{\"rs\": [{\"w\": -5}]}",
       "error:E0604"},
      {"record field inside its domain", "rs: list of { w: number in [0, inf) }", "sum(r in rs: r.w)",
       "{\"rs\": [{\"w\": 5}]}", "5"},
  });
}

TEST(Language, Tiered) {
  const std::string tiers =
      "tiered r { [0, 60%) -> 0  [60%, 100%) -> r * points  [100%, 150%] -> points  (150%, inf) -> points / 2 }";
  run_cases({
      {"below threshold", "r: percent", tiers, "{\"r\": \"59.99%\"}", "0"},
      {"at threshold", "r: percent", tiers, "{\"r\": \"60%\"}", "6"},
      {"proportional", "r: percent", tiers, "{\"r\": \"99.99%\"}", "10.00", "10"},
      {"full at 100%", "r: percent", tiers, "{\"r\": \"100%\"}", "10"},
      {"full at 150%", "r: percent", tiers, "{\"r\": \"150%\"}", "10"},
      {"half above 150%", "r: percent", tiers, "{\"r\": \"150.01%\"}", "5"},
      {"gap is an error", "r: percent", "tiered r { [0, 50%) -> 0  (50%, inf) -> 1 }", "{\"r\": \"50%\"}",
       "error:E0704"},
      {"shared bound that agrees", "r: percent", "tiered r { [0, 100%] -> r * points  [100%, inf) -> points }",
       "{\"r\": \"100%\"}", "10"},
      {"shared bound that disagrees", "r: percent", "tiered r { [0, 100%] -> 0  [100%, inf) -> points }",
       "{\"r\": \"100%\"}", "error:E0705"},
  });
  // The proportional tier is exact before rounding: 99.99% × 10 = 9.999 → 10.00 (half up).
  const Scored s = score(one("r: percent", tiers), "{\"r\": \"99.99%\"}");
  EXPECT_EQ(*s.find("I")->raw, dec("9.999"));
}

TEST(Language, Brackets) {
  const std::string b = "brackets r { <= 10% -> 2  <= 20% -> 1  <= 30% -> 0.5  otherwise -> 0 }";
  run_cases({
      {"first arm", "r: percent", b, "{\"r\": \"10%\"}", "2", "2"},
      {"second arm", "r: percent", b, "{\"r\": \"10.01%\"}", "1", "2"},
      {"third arm", "r: percent", b, "{\"r\": \"30%\"}", "0.5", "2"},
      {"otherwise", "r: percent", b, "{\"r\": \"30.01%\"}", "0", "2"},
      {"greater-equal arms", "r: percent", "brackets r { >= 90% -> 2  >= 75% -> 1.5  otherwise -> 0 }",
       "{\"r\": \"75%\"}", "1.5", "2"},
      {"no arm takes it", "r: percent", "brackets r { < 10% -> 2 }", "{\"r\": \"10%\"}", "error:E0707", "2"},
      {"equality arm", "r: percent", "brackets r { == 100% -> 3  otherwise -> 0 }", "{\"r\": 1}", "3", "3"},
  });
}

TEST(Language, Deductions) {
  run_cases({
      {"per count", "n: count", "deduct 0.5 per n until zero", "{\"n\": 3}", "0.5", "2"},
      {"until zero floors", "n: count", "deduct 0.5 per n until zero", "{\"n\": 9}", "0", "2"},
      {"several deductions, one floor", "a: count\nb: count", "deduct 0.5 per a deduct 1 per b until zero",
       "{\"a\": 1, \"b\": 1}", "0.5", "2"},
      {"conditional deduction", "ok: bool\nn: count", "deduct 0.5 when not ok deduct 0.5 per n until zero",
       "{\"ok\": false, \"n\": 1}", "1", "2"},
      {"fixed deduction", "", "deduct 0.25", "{}", "1.75", "2"},
      {"from a start", "n: count", "deduct 1 per n from 1.5 until zero", "{\"n\": 1}", "0.5", "2"},
      {"until a floor", "n: count", "deduct 1 per n until 0.5", "{\"n\": 5}", "0.5", "2"},
      {"no floor goes below zero", "n: count", "deduct 1 per n", "{\"n\": 3}", "error:E0702", "2"},
      {"stepped deduction", "over: percent", "deduct 0.5 per steps(over, 5%) until zero", "{\"over\": \"5%\"}",
       "1.5", "2"},
      {"stepped deduction, started step", "over: percent", "deduct 0.5 per steps(over, 5%) until zero",
       "{\"over\": \"5.01%\"}", "1", "2"},
  });
}

TEST(Language, WeightedParts) {
  run_cases({
      {"30/30/40", "a: bool\nb: bool\nc: bool",
       "weighted { 30% \"一\" -> when a -> points otherwise 0  30% -> when b -> points otherwise 0  40% -> when c -> "
       "points otherwise 0 }",
       "{\"a\": true, \"b\": false, \"c\": true}", "2.1", "3"},
      {"parts with deductions", "n: count",
       "weighted { 50% -> deduct 1 per n until zero  50% -> points }", "{\"n\": 1}", "1.5", "2"},
  });
  EXPECT_NE(diagnostics_of(one("", "weighted { 30% -> 1  30% -> 1 }")).find("[E0406]"), std::string::npos);
}

TEST(Language, JudgedBands) {
  const std::string decl = "s: number\nlevel: enum { 达成, 部分达成, 未达成 }";
  const std::string judged =
      "judged s by level { 达成 -> [80% * points, points]  部分达成 -> [60% * points, 80% * points)  未达成 -> [0, 60% * "
      "points) }";
  run_cases({
      {"inside its band", decl, judged, "{\"s\": 17, \"level\": \"达成\"}", "17", "20"},
      {"at the band's closed bound", decl, judged, "{\"s\": 16, \"level\": \"达成\"}", "16", "20"},
      {"outside its band", decl, judged, "{\"s\": 15.99, \"level\": \"达成\"}", "error:E0708", "20"},
      {"at the band's open bound", decl, judged, "{\"s\": 16, \"level\": \"部分达成\"}", "error:E0708", "20"},
      {"lower band", decl, judged, "{\"s\": 5, \"level\": \"未达成\"}", "5", "20"},
  });
  EXPECT_NE(diagnostics_of(one(decl, "judged s by level { 达成 -> [0, 1] 部分达成 -> [0, 1] }")).find("[E0309]"),
            std::string::npos);
}

TEST(Language, Conditions) {
  run_cases({
      {"first arm", "x: number", "when x > 5 -> 3 when x > 2 -> 2 otherwise 1", "{\"x\": 6}", "3"},
      {"second arm", "x: number", "when x > 5 -> 3 when x > 2 -> 2 otherwise 1", "{\"x\": 3}", "2"},
      {"otherwise", "x: number", "when x > 5 -> 3 when x > 2 -> 2 otherwise 1", "{\"x\": 0}", "1"},
      {"and/or/not", "a: bool\nb: bool", "when a and not b or false -> 1 otherwise 0",
       "{\"a\": true, \"b\": false}", "1"},
      {"comparisons", "x: number", "when x >= 1 and x <= 1 and x == 1 and x != 2 and x < 2 and x > 0 -> 1 otherwise 0",
       "{\"x\": 1}", "1"},
  });
}

TEST(Language, Aggregates) {
  const std::string decl = "rs: list of { name: text, v: number, ok: bool }";
  const std::string facts =
      "{\"rs\": [{\"name\": \"a\", \"v\": 1, \"ok\": true}, {\"name\": \"b\", \"v\": 4, \"ok\": false}, {\"name\": "
      "\"c\", \"v\": 7, \"ok\": true}]}";
  run_cases({
      {"sum", decl, "sum(r in rs: r.v)", facts, "12", "20"},
      {"sum with filter", decl, "sum(r in rs where r.ok: r.v)", facts, "8", "20"},
      {"mean", decl, "mean(r in rs: r.v)", facts, "4", "20"},
      {"count", decl, "count(r in rs where r.v > 2)", facts, "2", "20"},
      {"min", decl, "min(r in rs: r.v)", facts, "1", "20"},
      {"max", decl, "max(r in rs where r.ok: r.v)", facts, "7", "20"},
      {"any", decl, "when any(r in rs: r.v > 6) -> 1 otherwise 0", facts, "1", "20"},
      {"all", decl, "when all(r in rs: r.ok) -> 1 otherwise 0", facts, "0", "20"},
      {"mean of capped values", "ms: list of percent", "mean(m in ms: min(m, 100%)) * points",
       "{\"ms\": [\"100%\", \"110%\", \"99.49%\", \"99.26%\"]}", "9.97", "10"},
      {"mean of a list", "xs: list of number", "mean(xs)", "{\"xs\": [1, 2]}", "1.5"},
      {"count of a list", "xs: list of number", "count(xs)", "{\"xs\": [1, 2]}", "2"},
      {"max of a list", "xs: list of number", "max(xs)", "{\"xs\": [1, 2]}", "2"},
      {"sum of nothing is zero", "xs: list of number", "sum(xs)", "{\"xs\": []}", "0"},
      {"mean of nothing is an error", "xs: list of number", "mean(x in xs: x)", "{\"xs\": []}", "error:E0710"},
  });
}

TEST(Language, BuiltIns) {
  run_cases({
      {"min", "", "min(3, 1, 2)", "{}", "1"},
      {"max", "", "max(3, 1, 2)", "{}", "3"},
      {"clamp", "", "clamp(12, 0, 10)", "{}", "10"},
      {"abs", "", "abs(-2.5)", "{}", "2.5"},
      {"round", "", "round(2.675, 2)", "{}", "2.68"},
      {"floor", "", "floor(2.675, 2)", "{}", "2.67"},
      {"ceil", "", "ceil(2.671, 2)", "{}", "2.68"},
      {"floor of a negative", "", "floor(-1.5) + 3", "{}", "1"},
      {"steps of nothing", "", "steps(0, 5%)", "{}", "0"},
      {"steps", "", "steps(10.01%, 5%)", "{}", "3"},
      {"bad clamp", "", "clamp(1, 2, 0)", "{}", "error:E0712"},
      {"bad step", "", "steps(1, 0)", "{}", "error:E0712"},
  });
}

TEST(Language, LetsAndDefines) {
  const std::string source = R"(ruleset "t" scheme test year 2023
facts { a: number  b: number }
define half(x) = x / 2
define twice_half(x) = half(x) * 2
let base = a + b
section 部分 points 10 {
  let offset = 1
  indicator 一 points 10 {
    let 合计 = base + offset
    score min(twice_half(合计), points)
  }
}
)";
  const Scored s = score(source, R"({"a": 2, "b": 3})");
  ASSERT_TRUE(s.score("一")) << s.errors;
  EXPECT_EQ(*s.score("一"), dec("6"));
}

TEST(Language, ChineseNamesEverywhere) {
  const std::string source = R"(ruleset "中文规则" scheme 广州 year 2023
facts { 完成率 : percent "产出指标完成率"  审计问题数 : count }
define 完成得分(率, 分) = tiered 率 { [0, 100%) -> 率 * 分  [100%, inf) -> 分 }
section 履职效能 points 10 {
  indicator 产出 points 5 { score 完成得分(完成率, points) }
  indicator "“三公”经费" points 5 { score deduct 1 per 审计问题数 until zero }
}
grade { 优 >= 9; 差 otherwise }
)";
  const Scored s = score(source, R"({"完成率": "80%", "审计问题数": 1})");
  EXPECT_EQ(*s.score("产出"), dec("4")) << s.errors;
  EXPECT_EQ(*s.score("“三公”经费"), dec("4"));
  EXPECT_EQ(s.evaluation.grade, "差");
}

TEST(Language, KeywordFollowedByChineseIsAName) {
  // "score分数" is one identifier, not the keyword score followed by 分数.
  const std::string source = R"(ruleset "t" scheme test year 2023
facts { score分数 : number }
section S points 10 { indicator I points 10 { score score分数 } }
)";
  EXPECT_EQ(*score(source, R"({"score分数": 7})").score("I"), dec("7"));
}

TEST(Language, CommentsAndAdjacentStrings) {
  const std::string source = R"(# a comment
ruleset "t" scheme test year 2023  # trailing comment
section S points 10 {
  indicator I points 10 {
    explain "第一段" "第二段"   # joined
    standard "标准"
    evidence "材料一", "材料二"
    score 10 # full marks
  }
}
)";
  const auto rs = load_ok(source);
  const auto& section = std::get<std::unique_ptr<ast::Section>>(rs->items[0]);
  const auto& ind = std::get<std::unique_ptr<ast::Indicator>>(section->items[0]);
  EXPECT_EQ(ind->explain, "第一段第二段");
  EXPECT_EQ(ind->evidence, (std::vector<std::string>{"材料一", "材料二"}));
}

TEST(Language, RoundingModes) {
  struct Row {
    std::string mode;
    std::string value;
    std::string expected;
  };
  for (const Row& r : std::vector<Row>{{"half_up", "2.675", "2.68"},
                                       {"half_up", "2.665", "2.67"},
                                       {"half_even", "2.665", "2.66"},
                                       {"half_even", "2.675", "2.68"},
                                       {"down", "2.679", "2.67"},
                                       {"up", "2.671", "2.68"},
                                       {"half_up", "9.9875", "9.99"}}) {
    SCOPED_TRACE(r.mode + " " + r.value);
    const Scored s = score(one("", r.value, "10", "rounding 2 " + r.mode), "{}");
    ASSERT_TRUE(s.score("I")) << s.errors;
    EXPECT_EQ(*s.score("I"), dec(r.expected));
  }
}

TEST(Language, IndicatorRoundingOverridesTheRuleset) {
  const std::string source = R"(ruleset "t" scheme test year 2023
rounding 2 half_up
section S points 20 {
  indicator A points 10 { score 2.675 }
  indicator B points 10 { rounding 1 down  score 2.675 }
}
)";
  const Scored s = score(source, "{}");
  EXPECT_EQ(*s.score("A"), dec("2.68"));
  EXPECT_EQ(*s.score("B"), dec("2.6"));
  // Sections add the rounded scores.
  EXPECT_EQ(*s.score("S"), dec("5.28"));
}

TEST(Language, SectionsAddRoundedScores) {
  // Each indicator rounds 1/3 to 0.33; the section is 0.99, not round(1) = 1.00.
  const std::string source = R"(ruleset "t" scheme test year 2023
section S points 3 {
  indicator A points 1 { score 1 / 3 }
  indicator B points 1 { score 1 / 3 }
  indicator C points 1 { score 1 / 3 }
}
)";
  const Scored s = score(source, "{}");
  EXPECT_EQ(*s.score("S"), dec("0.99"));
  EXPECT_EQ(*s.evaluation.total, dec("0.99"));
}

TEST(Language, SignedRangeSectionAndGrades) {
  const std::string source = R"(ruleset "t" scheme test year 2023
total 15
facts { bonus : number in [-5, 5]  x : number }
section 主体 points 10 { indicator 得分 points 10 { score x } }
section 加减分项 points -5 to 5 { indicator 加减分 points -5 to 5 { score bonus } }
grade { 优 >= 90%  * 10; 良 >= 8; 差 otherwise }
)";
  // A threshold must be a number literal: "90% * 10" is a syntax error.
  EXPECT_NE(diagnostics_of(source).find("error"), std::string::npos);
  const std::string fixed = R"(ruleset "t" scheme test year 2023
total 15
facts { bonus : number in [-5, 5]  x : number }
section 主体 points 10 { indicator 得分 points 10 { score x } }
section 加减分项 points -5 to 5 { indicator 加减分 points -5 to 5 { score bonus } }
grade { 优 >= 9; 良 >= 8; 差 otherwise }
)";
  struct Row {
    std::string facts;
    std::string total;
    std::string grade;
  };
  for (const Row& r : std::vector<Row>{{R"({"x": 8, "bonus": 1})", "9", "优"},
                                       {R"({"x": 9, "bonus": -1})", "8", "良"},
                                       {R"({"x": 8.99, "bonus": -1})", "7.99", "差"}}) {
    SCOPED_TRACE(r.facts);
    const Scored s = score(fixed, r.facts);
    ASSERT_TRUE(s.evaluation.total) << s.errors;
    EXPECT_EQ(*s.evaluation.total, dec(r.total));
    EXPECT_EQ(s.evaluation.grade, r.grade);
  }
}

TEST(Language, OneFailingIndicatorDoesNotStopTheOthers) {
  const std::string source = R"(ruleset "t" scheme test year 2023
facts { a : number  b : number }
section S points 20 {
  indicator 好 points 10 { score 10 }
  indicator 坏 points 10 { score a / b }
}
)";
  const Scored s = score(source, R"({"a": 1, "b": 0})");
  EXPECT_EQ(*s.score("好"), dec("10"));
  EXPECT_FALSE(s.score("坏"));
  EXPECT_FALSE(s.evaluation.total);
  // The error names the indicator, the rule's location and the values involved.
  EXPECT_NE(s.errors.find("test.rubric:5:33: error: indicator '坏': division by zero: a is 1 and b is 0 [E0701]"),
            std::string::npos)
      << s.errors;
}

TEST(Language, ScoreAbovePointsIsAnErrorNotAClamp) {
  const Scored s = score(one("x: number", "x", "10"), R"({"x": 10.01})");
  EXPECT_FALSE(s.score("I"));
  EXPECT_NE(s.errors.find("the score 10.01 is outside the indicator's points [0, 10]"), std::string::npos) << s.errors;
}

// An unknown fact is an error (E0610): ignored, a misspelt key would leave the fact it was meant for
// at its default. With FactsOptions::allow_unknown (--allow-unknown-facts) it is the warning W0601.
TEST(Language, UnknownFactIsAnErrorUnlessAllowed) {
  const auto rs = load_ok(one("x: number", "x"));
  const std::string document = R"({"department": "d", "year": 2023, "facts": {"x": 1, "y": 2}})";
  const FactsResult refused = load_facts(*rs, document, "f.json");
  EXPECT_FALSE(refused.facts);
  EXPECT_NE(render(refused.diagnostics).find("error: unknown fact \"y\" [E0610]"), std::string::npos)
      << render(refused.diagnostics);
  const FactsResult allowed = load_facts(*rs, document, "f.json", FactsOptions{true});
  ASSERT_TRUE(allowed.facts);
  EXPECT_EQ(allowed.diagnostics.warning_count(), 1U);
  EXPECT_NE(render(allowed.diagnostics).find("unknown fact \"y\" is ignored [W0601]"), std::string::npos);
}

TEST(Language, NumbersInFactsAreReadExactly) {
  // 0.1 and 0.2 are not representable in binary; read as text they add up to exactly 0.3.
  const Scored s = score(one("a: number\nb: number", "when a + b == 0.3 -> 1 otherwise 0"), R"({"a": 0.1, "b": 0.2})");
  EXPECT_EQ(*s.score("I"), dec("1"));
}

TEST(Language, BasisExplainsTheDecision) {
  const Scored s = score(one("r: percent", "tiered r { [0, 60%) -> 0  [60%, inf) -> points }"), R"({"r": "75%"})");
  const NodeResult* node = s.find("I");
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(node->basis, "r = 75% ∈ [60%, inf) → 10; 得分 10.00");
}

}  // namespace
}  // namespace rubric::testing
