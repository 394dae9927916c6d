// rubric diff's impact regions (interpreter/tools/regions.cpp): where two rulesets score an
// indicator differently for every department, decided from the rules; each region found is
// checked by scoring a value inside it and values outside it under both rulesets.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

#include "interpreter/tools/diff.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

// A ruleset of one indicator of 10 points over 完成率, scored by [score].
std::string ruleset(const std::string& score, const std::string& lets = "") {
  return "ruleset \"区域\" scheme test year 2023\n"
         "facts {\n  rate : percent in [0, 300%] \"完成率\"\n  actual : number in [0, inf)\n  target : number in (0, inf)\n}\n"
         "section 甲 points 10 {\n  indicator 乙 points 10 {\n" + lets + "    score " + score + "\n  }\n}\n"
         "grade { 优 >= 9; 差 otherwise }\n";
}

const DiffEntry* rule_change(const std::vector<DiffEntry>& entries) {
  for (const DiffEntry& e : entries) {
    if (e.kind == DiffKind::RuleChanged || e.kind == DiffKind::FunctionChanged) return &e;
  }
  return nullptr;
}

struct Pair {
  std::shared_ptr<const ast::Ruleset> old_rs, new_rs;
  std::vector<DiffEntry> entries;
};

Pair diff_of(const std::string& old_text, const std::string& new_text) {
  Pair p{load_ok(old_text, "old.rubric"), load_ok(new_text, "new.rubric"), {}};
  if (p.old_rs && p.new_rs) p.entries = diff_rulesets(*p.old_rs, *p.new_rs);
  return p;
}

// The indicator's score under [rs] for 完成率 = [rate].
Decimal scored(const std::shared_ptr<const ast::Ruleset>& rs, const std::string& rate) {
  const Scored s = score(rs, R"({"year": 2023, "facts": {"rate": ")" + rate + R"(", "actual": 1, "target": 1}})");
  EXPECT_TRUE(s.errors.empty()) << s.errors;
  return s.score("乙").value_or(Decimal::from_int(-1));
}

// Scored under both rulesets: the values [inside] the regions found score differently, the
// values [outside] them alike.
void expect_scored(const Pair& p, std::initializer_list<const char*> inside, std::initializer_list<const char*> outside) {
  for (const char* rate : inside) EXPECT_NE(scored(p.old_rs, rate), scored(p.new_rs, rate)) << rate << " is inside";
  for (const char* rate : outside) EXPECT_EQ(scored(p.old_rs, rate), scored(p.new_rs, rate)) << rate << " is outside";
}

const std::string kOld = "tiered rate {\n [0, 60%) -> 0\n [60%, 100%) -> rate * points\n [100%, 300%] -> points\n }";

TEST(Regions, HalfMarksAbove150PercentAreOneRegion) {
  const std::string now =
      "tiered rate {\n [0, 60%) -> 0\n [60%, 100%) -> rate * points\n [100%, 150%] -> points\n (150%, 300%] -> points / 2\n }";
  const Pair p = diff_of(ruleset(kOld), ruleset(now));
  const DiffEntry* e = rule_change(p.entries);
  ASSERT_NE(e, nullptr);
  ASSERT_TRUE(e->regions.has_value());
  EXPECT_EQ(e->regions->subject, "rate（完成率）");
  ASSERT_EQ(e->regions->regions.size(), 1U);
  const ImpactRegion& r = e->regions->regions[0];
  EXPECT_EQ(r.where, "(150%, 300%]");
  EXPECT_EQ(r.old_score, "points");
  EXPECT_EQ(r.new_score, "points / 2");
  EXPECT_TRUE(r.sure);
  // Scored: inside the region the two differ, at its bound and below they agree.
  expect_scored(p, {"150.01%", "200%", "300%"}, {"0%", "59.99%", "60%", "99%", "100%", "150%"});
}

TEST(Regions, AMovedBoundIsTheStretchBetweenItsTwoPlaces) {
  const std::string now = "tiered rate {\n [0, 50%) -> 0\n [50%, 100%) -> rate * points\n [100%, 300%] -> points\n }";
  const Pair p = diff_of(ruleset(kOld), ruleset(now));
  const DiffEntry* e = rule_change(p.entries);
  ASSERT_NE(e, nullptr);
  ASSERT_TRUE(e->regions.has_value());
  ASSERT_EQ(e->regions->regions.size(), 1U);
  EXPECT_EQ(e->regions->regions[0].where, "[50%, 60%)");
  EXPECT_EQ(e->regions->regions[0].old_score, "0");
  EXPECT_EQ(e->regions->regions[0].new_score, "rate * points");
  expect_scored(p, {"50%", "55%", "59.99%"}, {"49.99%", "60%", "80%", "100%", "250%"});
}

TEST(Regions, ARuleRewrittenToTheSameEffectScoresAlikeEverywhere) {
  const Pair p = diff_of(ruleset("brackets rate {\n < 60% -> 0\n otherwise -> points\n }"),
                         ruleset("tiered rate {\n [0, 60%) -> 0\n [60%, 300%] -> points\n }"));
  const DiffEntry* e = rule_change(p.entries);
  ASSERT_NE(e, nullptr);
  ASSERT_TRUE(e->regions.has_value());
  EXPECT_TRUE(e->regions->regions.empty());
}

// 采购意向公开合规性's shape: a when on a comparison is brackets, and a tier table may replace it.
TEST(Regions, AWhenOnComparisonsIsATableToo) {
  const Pair p = diff_of(ruleset("when rate >= 100% -> points otherwise 0"),
                         ruleset("when rate >= 90% -> points when rate >= 60% -> points / 2 otherwise 0"));
  const DiffEntry* e = rule_change(p.entries);
  ASSERT_NE(e, nullptr);
  ASSERT_TRUE(e->regions.has_value());
  ASSERT_EQ(e->regions->regions.size(), 2U);
  EXPECT_EQ(e->regions->regions[0].where, "[60%, 90%)");
  EXPECT_EQ(e->regions->regions[0].new_score, "points / 2");
  EXPECT_EQ(e->regions->regions[1].where, "[90%, 100%)");
  EXPECT_EQ(e->regions->regions[1].new_score, "points");
  expect_scored(p, {"60%", "75%", "90%", "99.99%"}, {"0%", "59.99%", "100%", "250%"});
  // A condition on anything else is not a table: no regions.
  const Pair q = diff_of(ruleset("when rate >= 100% -> points otherwise 0"),
                         ruleset("when rate >= 100% and actual > 0 -> points otherwise 0"));
  ASSERT_NE(rule_change(q.entries), nullptr);
  EXPECT_FALSE(rule_change(q.entries)->regions.has_value());
}

TEST(Regions, AFunctionsTiersAreComparedWithItsParameters) {
  const auto with = [](const std::string& above) {
    return "ruleset \"区域\" scheme test year 2023\n"
           "facts {\n  rate : percent in [0, 300%] \"完成率\"\n}\n"
           "define completion(r, pts) = tiered r {\n [0, 100%) -> r * pts\n [100%, 150%] -> pts\n (150%, inf) -> " +
           above + "\n}\n"
           "section 甲 points 10 {\n  indicator 乙 points 10 {\n    score completion(rate, points)\n  }\n}\n"
           "grade { 优 >= 9; 差 otherwise }\n";
  };
  const Pair p = diff_of(with("pts"), with("pts / 2"));
  const DiffEntry* e = rule_change(p.entries);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, DiffKind::FunctionChanged);
  ASSERT_TRUE(e->regions.has_value());
  ASSERT_EQ(e->regions->regions.size(), 1U);
  const ImpactRegion& r = e->regions->regions[0];
  EXPECT_EQ(r.where, "(150%, inf)");
  EXPECT_FALSE(r.sure);  // pts = 0 makes them equal
  EXPECT_EQ(r.depends, std::vector<std::string>{"pts"});
}

TEST(Regions, NoRegionsWhenTheSubjectMeansSomethingElse) {
  // Both tiers are over `ratio`, but the new one divides by another fact: not comparable.
  const Pair p = diff_of(ruleset("tiered ratio {\n [0, 1) -> 0\n [1, inf) -> points\n }", "    let ratio = actual / target\n"),
                         ruleset("tiered ratio {\n [0, 1) -> 0\n [1, inf) -> points / 2\n }", "    let ratio = actual / rate\n"));
  const DiffEntry* e = rule_change(p.entries);
  ASSERT_NE(e, nullptr);
  EXPECT_FALSE(e->regions.has_value());
  // Defined alike, they are.
  const Pair same = diff_of(ruleset("tiered ratio {\n [0, 1) -> 0\n [1, inf) -> points\n }", "    let ratio = actual / target\n"),
                            ruleset("tiered ratio {\n [0, 1) -> 0\n [1, inf) -> points / 2\n }", "    let ratio = actual / target\n"));
  const DiffEntry* f = rule_change(same.entries);
  ASSERT_NE(f, nullptr);
  ASSERT_TRUE(f->regions.has_value());
  ASSERT_EQ(f->regions->regions.size(), 1U);
  EXPECT_EQ(f->regions->regions[0].where, "[1, inf)");
}

// A ruleset of one indicator over a count.
std::string count_ruleset(const std::string& score) {
  return "ruleset \"区域\" scheme test year 2023\nfacts {\n  n : count \"问题数\"\n}\n"
         "section 甲 points 10 {\n  indicator 乙 points 10 {\n    score " + score + "\n  }\n}\n"
         "grade { 优 >= 9; 差 otherwise }\n";
}

// What a value a tier reads stands for is compared too: a changed let means no regions (diff
// lists the let), not "alike".
TEST(Regions, ALetTheScoresReadThatChangedMeansNoRegions) {
  const std::string score = "tiered rate {\n [0, 60%) -> 0\n [60%, 300%] -> k\n }";
  const Pair p = diff_of(ruleset(score, "    let k = 5\n"), ruleset(score, "    let k = 6\n"));
  const DiffEntry* e = rule_change(p.entries);
  ASSERT_NE(e, nullptr);
  EXPECT_FALSE(e->regions.has_value());
  // A top-level let the subject reads through another: diff lists it, and the rule gets no regions.
  const auto with_base = [](const std::string& base, const std::string& bound) {
    return "ruleset \"区域\" scheme test year 2023\n"
           "facts {\n  actual : number in [0, inf)\n  target : number in (0, inf)\n}\n"
           "let base = " + base + "\n"
           "section 甲 points 10 {\n  indicator 乙 points 10 {\n    let ratio = base\n"
           "    score tiered ratio {\n [0, " + bound + ") -> 0\n [" + bound + ", inf) -> points\n }\n  }\n}\n"
           "grade { 优 >= 9; 差 otherwise }\n";
  };
  const Pair q = diff_of(with_base("actual / target", "1"), with_base("actual / target / 2", "0.5"));
  bool let_listed = false;
  for (const DiffEntry& d : q.entries) let_listed = let_listed || (d.kind == DiffKind::LetChanged && d.subject == "let base");
  EXPECT_TRUE(let_listed);
  ASSERT_NE(rule_change(q.entries), nullptr);
  EXPECT_FALSE(rule_change(q.entries)->regions.has_value());
  // The base changed alone: the rules read the same, and the change is still listed.
  const Pair r = diff_of(with_base("actual / target", "1"), with_base("actual / target / 2", "1"));
  ASSERT_EQ(r.entries.size(), 1U);
  EXPECT_EQ(r.entries[0].kind, DiffKind::LetChanged);
}

TEST(Regions, ValuesOneSideNoLongerScoresAreARegion) {
  const Pair p = diff_of(ruleset("tiered rate {\n [0, 60%) -> 0\n [60%, 300%] -> points\n }"),
                         ruleset("tiered rate {\n [0, 60%) -> 0\n [60%, 200%] -> points\n }"));
  const DiffEntry* e = rule_change(p.entries);
  ASSERT_NE(e, nullptr);
  ASSERT_TRUE(e->regions.has_value());
  ASSERT_EQ(e->regions->regions.size(), 1U);  // clipped to the fact's domain, [0, 300%]
  EXPECT_EQ(e->regions->regions[0].where, "(200%, 300%]");
  EXPECT_EQ(e->regions->regions[0].new_score, "no tier: not scored");
  const Scored at = score(p.new_rs, R"({"year": 2023, "facts": {"rate": "250%", "actual": 1, "target": 1}})");
  EXPECT_NE(at.errors.find("E0704"), std::string::npos) << at.errors;
}

TEST(Regions, TwoFormulasEqualAtOneValueAreCutThere) {
  const Pair p = diff_of(ruleset("tiered rate {\n [0, 60%) -> 0\n [60%, 100%] -> rate * points\n (100%, 300%] -> points\n }"),
                         ruleset("tiered rate {\n [0, 60%) -> 0\n [60%, 100%] -> points * 0.8\n (100%, 300%] -> points\n }"));
  const DiffEntry* e = rule_change(p.entries);
  ASSERT_NE(e, nullptr);
  ASSERT_TRUE(e->regions.has_value());
  ASSERT_EQ(e->regions->regions.size(), 2U);
  EXPECT_EQ(e->regions->regions[0].where, "[60%, 80%)");
  EXPECT_EQ(e->regions->regions[1].where, "(80%, 100%]");
  expect_scored(p, {"60%", "79%", "81%", "100%"}, {"80%"});
}

TEST(Regions, RegionsHoldOnlyValuesTheSubjectCanTake) {
  // A count: between 3 and 4 there is no value.
  const Pair p = diff_of(count_ruleset("brackets n {\n > 3 -> 0\n otherwise -> points\n }"),
                         count_ruleset("brackets n {\n >= 4 -> 0\n otherwise -> points\n }"));
  const DiffEntry* e = rule_change(p.entries);
  ASSERT_NE(e, nullptr);
  ASSERT_TRUE(e->regions.has_value());
  EXPECT_TRUE(e->regions->regions.empty());
  // A percent declared in [0, 300%]: nothing below 0.
  const Pair q = diff_of(ruleset("brackets rate {\n < 60% -> 1\n otherwise -> points\n }"),
                         ruleset("brackets rate {\n < 60% -> 2\n otherwise -> points\n }"));
  ASSERT_NE(rule_change(q.entries), nullptr);
  ASSERT_TRUE(rule_change(q.entries)->regions.has_value());
  ASSERT_EQ(rule_change(q.entries)->regions->regions.size(), 1U);
  EXPECT_EQ(rule_change(q.entries)->regions->regions[0].where, "[0%, 60%)");
}

TEST(Regions, ALabelOrADirectionOfTheSubjectDoesNotMatter) {
  std::string declared = ruleset("tiered rate {\n [0, 60%) -> 0\n [60%, 300%] -> points / 2\n }");
  declared.replace(declared.find("\"完成率\""), std::string("\"完成率\"").size(), "\"年度完成率\" more is better");
  const Pair p = diff_of(ruleset("tiered rate {\n [0, 60%) -> 0\n [60%, 300%] -> points\n }"), declared);
  const DiffEntry* e = rule_change(p.entries);
  ASSERT_NE(e, nullptr);
  ASSERT_TRUE(e->regions.has_value());
  ASSERT_EQ(e->regions->regions.size(), 1U);
  bool fact_listed = false;
  for (const DiffEntry& d : p.entries) fact_listed = fact_listed || (d.kind == DiffKind::FactChanged && d.subject == "fact rate");
  EXPECT_TRUE(fact_listed);  // the direction is a change diff lists
}

TEST(Regions, DiffPrintsThemInTextAndJson) {
  const auto dir = std::filesystem::temp_directory_path() / ("rubric_regions_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "old.rubric") << ruleset(kOld);
  std::ofstream(dir / "new.rubric") << ruleset(
      "tiered rate {\n [0, 60%) -> 0\n [60%, 100%) -> rate * points\n [100%, 150%] -> points\n (150%, 300%] -> points / 2\n }");
  const std::string files = (dir / "old.rubric").string() + " " + (dir / "new.rubric").string();
  const CliResult text = run_cli("diff " + files);
  EXPECT_NE(text.out.find("      where the two score differently, for every department, by rate（完成率）:\n"
                          "        (150%, 300%]: points → points / 2\n"),
            std::string::npos)
      << text.out;
  const CliResult zh = run_cli("--lang zh diff " + files);
  EXPECT_NE(zh.out.find("新旧规则得分不同的范围（对所有部门，按 rate（完成率））：\n        (150%, 300%]：points → points / 2"),
            std::string::npos)
      << zh.out;
  const CliResult json = run_cli("diff --format json " + files);
  EXPECT_NE(json.out.find(R"("regions": {)"), std::string::npos) << json.out;
  EXPECT_NE(json.out.find(R"("where": "(150%, 300%]")"), std::string::npos) << json.out;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rubric::testing
