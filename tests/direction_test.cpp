// Declared directions (`more is better`, `more is worse`; 越高越好, 越低越好): how they are read and
// written, which types may have one (E0025), and the warnings rubric check gives where a step, a
// tier or a whole score moves against one (W0408, interpreter/check/analysis_monotone.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "dsl/format.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

struct Finding {
  std::string code;
  std::uint32_t line = 0;  // in the score rule: 1 is the line `score` is on
  std::string message;
  std::vector<std::string> notes;
};

// The W0407 and W0408 findings of a one-indicator ruleset whose facts are declared [facts] and
// whose score is [score].
std::vector<Finding> findings(const std::string& facts, const std::string& score) {
  const std::string text =
      "ruleset \"方向\" scheme test year 2023\n"
      "facts {\n" + facts + "\n}\n"
      "section 甲 points 10 {\n"
      "  indicator 乙 points 10 {\n"
      "    score " + score + "\n"
      "  }\n"
      "}\n"
      "grade { 优 >= 9; 差 otherwise }\n";
  LoadOptions options;
  options.monotonicity = true;
  const LoadedRuleset loaded = load_ruleset_source("direction.rubric", text, options);
  EXPECT_FALSE(loaded.diagnostics.has_errors()) << render(loaded.diagnostics, false);
  const auto facts_lines = static_cast<std::uint32_t>(std::count(facts.begin(), facts.end(), '\n'));
  std::vector<Finding> out;
  for (const Diagnostic& d : loaded.diagnostics.items()) {
    if (d.code != "W0407" && d.code != "W0408") continue;
    EXPECT_EQ(d.severity, d.code == "W0408" ? Severity::Warning : Severity::Note) << d.message;
    Finding f{d.code, d.location.file->line_column(d.location.span->begin).line - 6 - facts_lines, d.message, {}};
    for (const Note& n : d.notes) f.notes.push_back(n.message);
    out.push_back(std::move(f));
  }
  return out;
}

// [source] read and checked, without the analysis.
LoadedRuleset parse_source(const std::string& name, const std::string& source) {
  LoadOptions options;
  options.analyse = false;
  return load_ruleset_source(name, source, options);
}

std::optional<std::string> format_source(const std::string& name, const std::string& source, KeywordSet to) {
  const FormatResult r = format_source(std::make_shared<SourceFile>(name, source), SourceKind::Ruleset, to);
  EXPECT_TRUE(r.text.has_value()) << render(r.diagnostics);
  return r.text;
}

const std::string kRate = "  rate : percent in [0, 200%] \"完成率\" more is better";
const std::string kIssues = "  n : count \"问题数\" more is worse";

TEST(Direction, ReadInEitherOrderWithTheOtherOptionsAndOnFields) {
  const char* source = R"(ruleset "方向" scheme test year 2023
facts {
  rate : percent more is better in [0, 200%] "完成率" fixed
  n : count "问题数" more is worse
  more : number
  outputs : list of { target: number fixed "目标" more is worse, actual: number more is better in [0, inf) }
}
indicator 甲 points 10 { score 10 }
grade { 优 >= 9; 差 otherwise }
)";
  const LoadedRuleset parsed = parse_source("order.rubric", source);
  ASSERT_FALSE(parsed.diagnostics.has_errors()) << render(parsed.diagnostics, false);
  const ast::Ruleset& rs = *parsed.ruleset;
  EXPECT_EQ(rs.facts[0].direction, 1);
  EXPECT_TRUE(rs.facts[0].fixed);
  EXPECT_EQ(rs.facts[0].label, "完成率");
  EXPECT_EQ(rs.facts[1].direction, -1);
  EXPECT_EQ(rs.facts[2].name, "more");  // not reserved: the ':' after it makes it a name
  EXPECT_EQ(rs.facts[2].direction, 0);
  const auto& fields = rs.facts[3].type->element->fields;
  EXPECT_EQ(fields[0].direction, -1);
  EXPECT_TRUE(fields[0].fixed);
  EXPECT_EQ(fields[0].label, "目标");
  EXPECT_EQ(fields[1].direction, 1);
  EXPECT_TRUE(fields[1].domain.has_value());
}

TEST(Direction, FormattedInEitherKeywordSetAndBack) {
  const char* source = R"(ruleset "方向" scheme test year 2023
facts {
  rate : percent "完成率" more is better
  outputs : list of { target: number more is worse, actual: number }
}
indicator 甲 points 10 { score 10 }
grade { 优 >= 9; 差 otherwise }
)";
  const auto zh = format_source("order.rubric", source, KeywordSet::Zh);
  ASSERT_TRUE(zh);
  EXPECT_NE(zh->find("rate    : 百分比 \"完成率\" 越高越好"), std::string::npos) << *zh;
  EXPECT_NE(zh->find("target: 数值 越低越好"), std::string::npos) << *zh;
  const LoadedRuleset parsed = parse_source("zh.rubric", *zh);
  ASSERT_FALSE(parsed.diagnostics.has_errors()) << render(parsed.diagnostics, false);
  EXPECT_EQ(parsed.ruleset->facts[0].direction, 1);
  EXPECT_EQ(parsed.ruleset->facts[1].type->element->fields[0].direction, -1);
  const auto en = format_source("zh.rubric", *zh, KeywordSet::En);
  ASSERT_TRUE(en);
  EXPECT_EQ(*en, *format_source("order.rubric", source, KeywordSet::En));
}

// The codes of the errors in [d].
std::vector<std::string> errors(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& x : d.items()) {
    if (x.severity == Severity::Error) out.push_back(x.code);
  }
  return out;
}

TEST(Direction, OnlyNumbersHaveOne) {
  const std::string head = "ruleset \"方向\" scheme test year 2023\nfacts {\n  x : ";
  const std::string tail = "\n}\nindicator 甲 points 10 { score 10 }\ngrade { 优 >= 9; 差 otherwise }\n";
  for (const std::string type : {"bool", "text", "date", "enum { 甲, 乙 }", "{ a: number }"}) {
    const LoadedRuleset parsed = parse_source("types.rubric", head + type + " more is better" + tail);
    EXPECT_EQ(errors(parsed.diagnostics), std::vector<std::string>{"E0025"}) << type << render(parsed.diagnostics, false);
    for (const Diagnostic& d : parsed.diagnostics.items()) {
      if (d.code == "E0025") {
        EXPECT_NE(d.message.find("only a number, percent, money or count"), std::string::npos);
      }
    }
  }
  EXPECT_TRUE(errors(parse_source("list.rubric", head + "list of percent more is worse" + tail).diagnostics).empty());
  EXPECT_EQ(errors(parse_source("twice.rubric", head + "number more is worse more is better" + tail).diagnostics),
            std::vector<std::string>{"E0008"});
}

TEST(Direction, ScoresThatGoTheDeclaredWayHaveNoFinding) {
  EXPECT_TRUE(findings(kRate, "min(rate, 100%) * points").empty());
  EXPECT_TRUE(findings(kIssues, "deduct 0.5 per n until zero").empty());
  EXPECT_TRUE(findings(kRate, "tiered rate {\n [0, 60%) -> 0\n [60%, 100%) -> rate * points\n [100%, 200%] -> points\n }")
                  .empty());
}

TEST(Direction, AStepAgainstTheDeclaredWayIsAWarningNotANote) {
  // Without a declaration the step at 150% is a note (W0407); declared, it is a warning.
  const std::string score = "tiered rate {\n [0, 100%) -> rate * points\n [100%, 150%] -> points\n (150%, 200%] -> points / 2\n }";
  const auto inferred = findings("  rate : percent in [0, 200%] \"完成率\"", score);
  ASSERT_EQ(inferred.size(), 1U);
  EXPECT_EQ(inferred[0].code, "W0407");
  const auto declared = findings(kRate, score);
  ASSERT_EQ(declared.size(), 1U);
  EXPECT_EQ(declared[0].code, "W0408");
  EXPECT_EQ(declared[0].line, 4U);
  EXPECT_EQ(declared[0].message,
            "rate（完成率） is declared 'more is better', but the score goes down where rate（完成率） rises past 150%: "
            "at 150% it is points, above 150% it is points / 2");
  ASSERT_FALSE(declared[0].notes.empty());
  EXPECT_EQ(declared[0].notes[0], "so more rate can lower the score");
}

TEST(Direction, AStepTheDeclarationMeansIsNoNoteEvenAgainstTheMajority) {
  // Two steps up and one down: inferred, the step down is the odd one (W0407); with the fact
  // declared 'more is worse', the two steps up are what is wrong.
  const std::string score = "tiered n {\n [0, 2) -> 2\n [2, 4) -> 6\n [4, 6) -> 10\n [6, inf) -> 0\n }";
  const auto inferred = findings("  n : count \"问题数\"", score);
  ASSERT_EQ(inferred.size(), 1U);
  EXPECT_EQ(inferred[0].code, "W0407");
  EXPECT_EQ(inferred[0].line, 5U);
  const auto declared = findings(kIssues, score);
  ASSERT_EQ(declared.size(), 2U);
  for (const Finding& f : declared) {
    EXPECT_EQ(f.code, "W0408");
    EXPECT_NE(f.message.find("is declared 'more is worse', but the score goes up where n（问题数） rises past"),
              std::string::npos)
        << f.message;
  }
  EXPECT_EQ(declared[0].line, 3U);
  EXPECT_EQ(declared[1].line, 4U);
}

TEST(Direction, ATierOrAWholeScoreAgainstTheDeclaredWayIsNamed) {
  // Within a tier: (1 − rate) falls as rate grows.
  const auto tier = findings(kRate, "tiered rate {\n [0, 100%] -> (1 - rate) * points\n (100%, 200%] -> 0\n }");
  ASSERT_EQ(tier.size(), 1U);
  EXPECT_EQ(tier[0].code, "W0408");
  EXPECT_EQ(tier[0].line, 2U);
  EXPECT_EQ(tier[0].message, "rate（完成率） is declared 'more is better', but in this tier the score goes down as it grows");
  // A whole score: more issues, more points.
  const auto whole = findings(kIssues, "min(n * 2, points)");
  ASSERT_EQ(whole.size(), 1U);
  EXPECT_EQ(whole[0].code, "W0408");
  EXPECT_EQ(whole[0].line, 1U);
  EXPECT_EQ(whole[0].message,
            "n（问题数） is declared 'more is worse', but the score of '乙' goes up as it grows, the other facts held");
}

TEST(Direction, FieldsOfListElementsAreHeldToTheirDeclarations) {
  const std::string facts =
      "  outputs : list of { target: number in (0, inf) \"目标\" more is worse, actual: number in (0, inf) \"实际\" more is better }";
  EXPECT_TRUE(findings(facts, "min(mean(o in outputs: o.actual / o.target), 100%) * points").empty());
  const auto wrong = findings(facts, "min(mean(o in outputs: o.target / o.actual), 100%) * points");
  ASSERT_EQ(wrong.size(), 1U);  // one warning for the score, naming both
  EXPECT_EQ(wrong[0].message,
            "o.actual（实际） is declared 'more is better', but the score of '乙' goes down as it grows, the other facts held");
  ASSERT_EQ(wrong[0].notes.size(), 1U);
  EXPECT_EQ(wrong[0].notes[0],
            "o.target（目标） is declared 'more is worse', but the score of '乙' goes up as it grows, the other facts held");
}

// 公用经费控制率's shape: a rate over a budget the subject reads both ways, full marks up to 0
// and a deduction by steps above it. The budget's unknown way does not hide the spending's, and
// the step at 0, which no formula comparison decides, is decided from the two pieces' scores.
TEST(Direction, ADeductionAboveABoundIsFollowedThroughALet) {
  const std::string text =
      "ruleset \"方向\" scheme test year 2023\n"
      "facts {\n  spent : money \"支出\" more is better\n  budget : money in (0, inf) \"预算\"\n}\n"
      "section 甲 points 10 {\n  indicator 乙 points 10 {\n"
      "    let over \"控制率\" = (spent - budget) / budget\n"
      "    score when over <= 0 -> points\n          otherwise deduct 0.5 per steps(over, 5%) until zero\n  }\n}\n"
      "grade { 优 >= 9; 差 otherwise }\n";
  LoadOptions options;
  options.monotonicity = true;
  const LoadedRuleset loaded = load_ruleset_source("spent.rubric", text, options);
  std::vector<std::string> messages;
  for (const Diagnostic& d : loaded.diagnostics.items()) {
    if (d.code == "W0408") messages.push_back(d.message);
  }
  ASSERT_EQ(messages.size(), 2U) << render(loaded.diagnostics, false);
  EXPECT_EQ(messages[0],
            "spent（支出） is declared 'more is better', but the score goes down where over（控制率） rises past 0%: at 0% it "
            "is points, above 0% it is deduct 0.5 per steps(over, 5%) until zero");
  EXPECT_EQ(messages[1], "spent（支出） is declared 'more is better', but in this tier the score goes down as it grows");
  // Declared the way the rule goes, nothing is said; and --directions infers it.
  std::string right = text;
  right.replace(right.find("more is better"), 14, "more is worse");
  const LoadedRuleset clean = load_ruleset_source("spent.rubric", right, options);
  for (const Diagnostic& d : clean.diagnostics.items()) EXPECT_NE(d.code, "W0408") << d.message;
}

// Found by a review: a list read whole, two facts declared opposite ways in one step, and a
// misspelt direction.
TEST(Direction, AListReadWholeIsHeldToItsDeclaration) {
  const auto found = findings("  xs : list of percent in [0, 100%] \"季度执行率\" more is worse", "mean(xs) * points");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].message,
            "xs（季度执行率） is declared 'more is worse', but the score of '乙' goes up as it grows, the other facts held");
}

TEST(Direction, FactsDeclaredOppositeWaysAreNamedEachWithItsOwn) {
  const auto found = findings("  r : percent in [0, 100%] \"率\" more is better\n  s : percent in [0, 100%] \"率2\" more is worse",
                              "tiered (r - s) {\n [-100%, 0) -> points\n [0, 100%] -> 0\n }");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].message.rfind("r（率） is declared 'more is better', but the score goes down", 0), 0U) << found[0].message;
  bool s_named = false;
  for (const std::string& n : found[0].notes) s_named = s_named || n == "s（率2） is declared 'more is worse'";
  EXPECT_TRUE(s_named);
}

TEST(Direction, AMisspeltDirectionSaysWhatMayFollow) {
  const LoadedRuleset bad = parse_source(
      "bad.rubric", "ruleset \"方向\" scheme test year 2023\nfacts {\n  x : number in [0, 1] more is good\n}\n"
                    "indicator 甲 points 10 { score 10 }\ngrade { 优 >= 9; 差 otherwise }\n");
  ASSERT_TRUE(bad.diagnostics.has_errors());
  EXPECT_NE(bad.diagnostics.items()[0].message.find("expected 'better' or 'worse' after 'more is'"), std::string::npos)
      << render(bad.diagnostics, false);
}

// “三公”经费控制情况's shape: a comparison of two facts whose arms lie one above the other moves the
// score one way in each.
TEST(Direction, AComparisonOfTwoFactsMovesTheScoreOneWayInEach) {
  const std::string facts = "  spent : money \"支出\" more is worse\n  budget : money \"预算\" more is better";
  EXPECT_TRUE(findings(facts, "when spent <= budget -> points otherwise 0").empty());
  const auto wrong = findings(facts, "when spent <= budget -> 0 otherwise points");
  ASSERT_EQ(wrong.size(), 1U);
  EXPECT_EQ(wrong[0].message.rfind("budget（预算） is declared 'more is better', but the score of '乙' goes down", 0), 0U)
      << wrong[0].message;
  ASSERT_EQ(wrong[0].notes.size(), 1U);
  EXPECT_EQ(wrong[0].notes[0].rfind("spent（支出） is declared 'more is worse', but the score of '乙' goes up", 0), 0U);
}

// Where the analysis cannot tell which way a score moves, a declared direction is not checked, and
// check says so (a note).
TEST(Direction, ADeclarationTheAnalysisCannotCheckIsSaidSo) {
  LoadOptions options;
  options.monotonicity = true;
  const std::string text =
      "ruleset \"方向\" scheme test year 2023\nfacts {\n  r : percent in [0, 100%] \"率\" more is better\n}\n"
      "section 甲 points 10 {\n  indicator 乙 points 10 {\n    score when r >= 50% and r <= 80% -> points otherwise 0\n  }\n}\n"
      "grade { 优 >= 9; 差 otherwise }\n";
  const LoadedRuleset loaded = load_ruleset_source("untold.rubric", text, options);
  std::vector<const Diagnostic*> notes;
  for (const Diagnostic& d : loaded.diagnostics.items()) {
    if (d.code == "W0409") notes.push_back(&d);
  }
  ASSERT_EQ(notes.size(), 1U) << render(loaded.diagnostics, false);
  EXPECT_EQ(notes[0]->severity, Severity::Note);
  EXPECT_EQ(notes[0]->message,
            "which way the score of '乙' moves as r（率） grows is more than the analysis can tell: the declared direction "
            "is not checked here");
}

TEST(Direction, AChineseNearMissIsNamed) {
  const LoadedRuleset bad = parse_source(
      "bad.rubric", "规则集 \"方向\" 方案 test 年度 2023\n填报 {\n  x : 数值 越大越好\n}\n"
                    "指标 甲 分值 10 { 评分 10 }\n等级 { 优 >= 9; 差 否则 }\n");
  ASSERT_TRUE(bad.diagnostics.has_errors());
  EXPECT_EQ(bad.diagnostics.items()[0].help,
            "'越大越好' is not a direction: a fact's direction is '越高越好' (more is better) or '越低越好' (more is worse)")
      << render(bad.diagnostics, false);
}

TEST(Direction, MessagesInAChineseFileNameTheChineseWords) {
  const std::string text =
      "规则集 \"方向\" 方案 test 年度 2023\n"
      "填报 {\n  n : 个数 \"问题数\" 越低越好\n}\n"
      "分组 甲 分值 10 {\n  指标 乙 分值 10 {\n    评分 最小(n * 2, 分值)\n  }\n}\n"
      "等级 { 优 >= 9; 差 否则 }\n";
  set_language(Language::Zh);
  LoadOptions options;
  options.monotonicity = true;
  const LoadedRuleset loaded = load_ruleset_source("zh.rubric", text, options);
  set_language(Language::En);
  ASSERT_FALSE(loaded.diagnostics.has_errors()) << render(loaded.diagnostics, false);
  bool found = false;
  for (const Diagnostic& d : loaded.diagnostics.items()) {
    if (d.code != "W0408") continue;
    found = true;
    EXPECT_NE(d.message.find("越低越好"), std::string::npos) << d.message;
    EXPECT_EQ(d.message.find("more"), std::string::npos) << d.message;
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace rubric::testing
