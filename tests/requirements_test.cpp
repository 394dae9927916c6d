// Requirements on the facts (`require "…": …`, docs/language.md "Requirements on the facts") and
// the facts `rubric check` finds to prove a score leaves its points (interpreter/tools/witness.hpp).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "dsl/format.hpp"
#include "interpreter/batch/batch.hpp"
#include "interpreter/tools/diff.hpp"
#include "interpreter/tools/witness.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRuleset = R"(ruleset "t" scheme test year 2023
total 10
facts {
  outputs : list of { weight: number in [0, inf), done: bool } "产出指标"
  require "各产出指标的分值合计不超过 10 分": sum(o in outputs: o.weight) <= 10
}
indicator 产出 points 10 { score sum(o in outputs: when o.done -> o.weight otherwise 0) }
grade { 优 >= 9; 差 otherwise }
)";

TEST(Requirements, FactsThatMeetThemAreScoredAndOthersRefusedWithTheSum) {
  const auto rs = load_ok(kRuleset);
  ASSERT_TRUE(rs);
  const Scored ok = score(rs, R"({"outputs": [{"weight": 6, "done": true}, {"weight": 4, "done": false}]})");
  EXPECT_EQ(ok.score("产出"), dec("6")) << ok.errors;
  const Scored refused = score(rs, R"({"outputs": [{"weight": 6, "done": true}, {"weight": 4.5, "done": true}]})");
  EXPECT_FALSE(refused.score("产出"));
  EXPECT_NE(refused.errors.find("facts.json: facts: error: the facts do not meet the ruleset's requirement "
                                "\"各产出指标的分值合计不超过 10 分\" [E0620]"),
            std::string::npos)
      << refused.errors;
  EXPECT_NE(refused.errors.find("= note: sum(o in outputs: o.weight) = 10.5"), std::string::npos) << refused.errors;
}

TEST(Requirements, ABatchRowThatDoesNotMeetThemIsAnErrorRowAndTheOthersAreScored) {
  const fs::path dir = fs::temp_directory_path() / ("rubric_require_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "d.jsonl") << R"({"department": "甲", "year": 2023, "facts": {"outputs": [{"weight": 10, "done": true}]}})"
                                 << "\n"
                                 << R"({"department": "乙", "year": 2023, "facts": {"outputs": [{"weight": 11, "done": true}]}})"
                                 << "\n";
  const auto rs = load_ok(kRuleset);
  ASSERT_TRUE(rs);
  BatchOptions options;
  options.input = (dir / "d.jsonl").string();
  options.output = (dir / "o.csv").string();
  const BatchResult result = run_batch(*rs, options);
  const std::string text = read_text(options.output);
  fs::remove_all(dir);
  EXPECT_NE(text.find("甲,10.00,优"), std::string::npos) << text;
  EXPECT_NE(text.find("facts: the facts do not meet the ruleset's requirement"), std::string::npos) << text;
}

TEST(Requirements, FormatKeepsThemAndDiffNamesAChange) {
  std::string messy = kRuleset;
  messy.replace(messy.find("require \""), 9, "require   \"");
  messy.replace(messy.find("\": sum"), 6, "\":sum");
  const FormatResult r = format_source(std::make_shared<SourceFile>("r.rubric", messy));
  ASSERT_TRUE(r.text) << render(r.diagnostics, false);
  EXPECT_NE(r.text->find("\n  require \"各产出指标的分值合计不超过 10 分\": sum(o in outputs: o.weight) <= 10\n}\n"),
            std::string::npos)
      << *r.text;
  std::string looser = kRuleset;
  looser.replace(looser.find("<= 10"), 5, "<= 12");
  const auto before = load_ok(kRuleset);
  const auto after = load_ok(looser);
  ASSERT_TRUE(before && after);
  const std::vector<DiffEntry> changes = diff_rulesets(*before, *after);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].summary, "the requirements on the facts changed");
}

TEST(Requirements, AnExtendingRulesetReplacesOneOfTheSameText) {
  const fs::path dir = fs::temp_directory_path() / ("rubric_require_ext_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "2023.rubric") << kRuleset;
  std::ofstream(dir / "2024.rubric") << "ruleset \"t\" scheme test year 2024 extends \"2023.rubric\"\n"
                                        "facts { require \"各产出指标的分值合计不超过 10 分\": sum(o in outputs: o.weight) <= 8 }\n";
  const LoadedRuleset loaded = load_ruleset((dir / "2024.rubric").string());
  fs::remove_all(dir);
  ASSERT_TRUE(loaded.ok()) << render(loaded.diagnostics, false);
  ASSERT_EQ(loaded.ruleset->requirements.size(), 1u);
  const Scored s = score(loaded.ruleset, R"({"department": "甲", "year": 2024, "facts": {"outputs": [{"weight": 9, "done": true}]}})");
  EXPECT_NE(s.errors.find("E0620"), std::string::npos) << s.errors;
}

// The witness search: a score the analysis is unsure of is proven out of its points by facts, and
// facts a requirement refuses prove nothing.
TEST(Witness, FactsThatLeaveThePointsMakeTheUnsureFindingAWarning) {
  const LoadedRuleset loaded = load_ruleset_source("w.rubric", R"(ruleset "t" scheme test year 2023
total 5
facts { rate : percent in [0, 200%] "完成率" }
indicator 完成率 points 5 { score min(rate, 160%) * 5 - min(rate, 100%) * 0 }
grade { 优 >= 4; 差 otherwise }
)");
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded.diagnostics.warning_count(), 0u);  // the analysis alone is not sure
  ASSERT_EQ(loaded.unsure_bounds.size(), 1u);
  const Diagnostics shown = with_witnesses(loaded);
  ASSERT_EQ(shown.warning_count(), 1u);
  const std::string text = render(shown, false);
  EXPECT_NE(text.find("warning: '完成率' can score 8, more than its 5 points [W0404]"), std::string::npos) << text;
  EXPECT_NE(text.find("these facts give it 8: rate（完成率） = 160%"), std::string::npos) << text;
}

TEST(Witness, ARequirementThatKeepsTheScoreWithinItsPointsLeavesNothingToProve) {
  const LoadedRuleset loaded = load_ruleset_source("w.rubric", kRuleset);
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded.unsure_bounds.size(), 1u);  // a sum over a list of any length
  EXPECT_EQ(with_witnesses(loaded).warning_count(), 0u);
  // Without the requirement, ten elements of weight 10 are found.
  std::string loose = kRuleset;
  loose.erase(loose.find("  require"), loose.find("}\nindicator") - loose.find("  require"));
  const LoadedRuleset unguarded = load_ruleset_source("w.rubric", loose);
  ASSERT_TRUE(unguarded.ok()) << render(unguarded.diagnostics, false);
  const std::string text = render(with_witnesses(unguarded), false);
  EXPECT_NE(text.find("warning: '产出' can score"), std::string::npos) << text;
}

TEST(Witness, TheShippedRulesetsHaveNoScoreFactsCanTakePastItsPoints) {
  for (const char* path : {"rulesets/guangzhou/2021.rubric", "rulesets/guangzhou/2023.rubric",
                           "rulesets/examples/2024.rubric"}) {
    const LoadedRuleset loaded = load_ruleset(kSourceDir + "/" + path);
    ASSERT_TRUE(loaded.ok()) << path;
    EXPECT_EQ(with_witnesses(loaded).warning_count(), 0u) << path << "\n" << render(with_witnesses(loaded), false);
  }
}

}  // namespace
}  // namespace rubric::testing

namespace rubric::testing {
namespace {

// `remove veto "…"` and `remove require "…"` in an extending ruleset: by their text, with
// did-you-mean, and what the removed condition read left unread is a warning at the change.
TEST(Requirements, AnExtendingRulesetRemovesAVetoOrARequirementByItsText) {
  const fs::path dir = fs::temp_directory_path() / ("rubric_remove_text_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "2023.rubric") << R"(ruleset "t" scheme test year 2023
total 10
facts {
  outputs : list of { weight: number in [0, inf), done: bool } "产出指标"
  violation : bool "存在重大违纪违规问题" default false
  require "各产出指标的分值合计不超过 10 分": sum(o in outputs: o.weight) <= 10
}
indicator 产出 points 10 { score min(sum(o in outputs: when o.done -> o.weight otherwise 0), 10) }
veto "存在重大违纪违规问题" when violation -> grade 差
grade { 优 >= 9; 差 otherwise }
)";
  std::ofstream(dir / "2024.rubric") << "ruleset \"t\" scheme test year 2024 extends \"2023.rubric\"\n"
                                        "remove veto \"存在重大违纪违规问题\"\n"
                                        "remove require \"各产出指标的分值合计不超过 10 分\"\n";
  std::ofstream(dir / "typo.rubric") << "ruleset \"t\" scheme test year 2024 extends \"2023.rubric\"\n"
                                        "remove require \"各产出指标的分值合计不超过 10分\"\n";
  const LoadedRuleset loaded = load_ruleset((dir / "2024.rubric").string());
  const LoadedRuleset typo = load_ruleset((dir / "typo.rubric").string());
  fs::remove_all(dir);
  ASSERT_TRUE(loaded.ok()) << render(loaded.diagnostics, false);
  EXPECT_TRUE(loaded.ruleset->vetoes.empty());
  EXPECT_TRUE(loaded.ruleset->requirements.empty());
  const std::string warnings = render(loaded.diagnostics, false);
  EXPECT_NE(warnings.find("fact 'violation' of the base ruleset is no longer used: this change removed its last use"),
            std::string::npos)
      << warnings;
  EXPECT_FALSE(typo.ok());
  const std::string text = render(typo.diagnostics, false);
  EXPECT_NE(text.find("error: the base ruleset has no requirement \"各产出指标的分值合计不超过 10分\" [E0901]"), std::string::npos)
      << text;
  EXPECT_NE(text.find("did you mean \"各产出指标的分值合计不超过 10 分\"?"), std::string::npos) << text;
}

}  // namespace
}  // namespace rubric::testing
