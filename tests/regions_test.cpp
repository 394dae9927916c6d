// rubric diff's impact regions (interpreter/tools/regions.cpp): where two rulesets score an
// indicator differently for every department, decided from the rules; each region found is
// checked by scoring a value inside it and values outside it under both rulesets.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
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
  for (const char* inside : {"150.01%", "200%", "300%"}) EXPECT_NE(scored(p.old_rs, inside), scored(p.new_rs, inside)) << inside;
  for (const char* outside : {"0%", "59.99%", "60%", "99%", "100%", "150%"}) {
    EXPECT_EQ(scored(p.old_rs, outside), scored(p.new_rs, outside)) << outside;
  }
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
  for (const char* inside : {"50%", "55%", "59.99%"}) EXPECT_NE(scored(p.old_rs, inside), scored(p.new_rs, inside)) << inside;
  for (const char* outside : {"49.99%", "60%", "80%", "100%", "250%"}) {
    EXPECT_EQ(scored(p.old_rs, outside), scored(p.new_rs, outside)) << outside;
  }
}

TEST(Regions, ARuleRewrittenToTheSameEffectScoresAlikeEverywhere) {
  const Pair p = diff_of(ruleset("brackets rate {\n < 60% -> 0\n otherwise -> points\n }"),
                         ruleset("tiered rate {\n [0, 60%) -> 0\n [60%, 300%] -> points\n }"));
  const DiffEntry* e = rule_change(p.entries);
  ASSERT_NE(e, nullptr);
  ASSERT_TRUE(e->regions.has_value());
  EXPECT_TRUE(e->regions->regions.empty());
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
