// closest_match() (base/diagnostic.hpp), the "did you mean …" of every name a user types: edits
// are counted in code points, so a Chinese name is as forgiving as a Latin one of its length, and
// a suggestion is made only when it is likely (the rule is in docs/errors.md).
#include <gtest/gtest.h>

#include "base/diagnostic.hpp"

namespace rubric {
namespace {

std::string guess(std::string_view name, const std::vector<std::string>& candidates) {
  return closest_match(name, candidates).value_or("(none)");
}

TEST(ClosestMatch, LatinNamesWithinAThirdOfTheirLength) {
  EXPECT_EQ(guess("audit_isues", {"audit_issues", "budget"}), "audit_issues");
  EXPECT_EQ(guess("cuont", {"count", "percent"}), "count");  // a swap is one edit
  EXPECT_EQ(guess("scor", {"check", "score", "audit"}), "score");
  EXPECT_EQ(guess("bach", {"batch", "check"}), "batch");
  EXPECT_EQ(guess("--fromat", {"--format", "--output"}), "--format");
  EXPECT_EQ(guess("htm", {"table", "json", "html", "md"}), "html");
  EXPECT_EQ(guess("zzzzz", {"score", "check"}), "(none)");
}

TEST(ClosestMatch, ChineseNamesCountCodePointsNotBytes) {
  // One character of a four- or five-character name: missing, extra, replaced.
  EXPECT_EQ(guess("结转结余", {"结转结余率", "财务管理合规性"}), "结转结余率");
  EXPECT_EQ(guess("结转结余率率", {"结转结余率"}), "结转结余率");
  EXPECT_EQ(guess("结转余率", {"结转结余率"}), "结转结余率");
  EXPECT_EQ(guess("按时公布", {"按时公开", "逾期公开", "未公开"}), "按时公开");
  EXPECT_EQ(guess("已组识", {"已组织", "未组织", "无下属单位"}), "已组织");
  // Two of four differ: not a misspelling (each character is a word's worth of meaning).
  EXPECT_EQ(guess("结转余额", {"结转结余率"}), "(none)");
}

TEST(ClosestMatch, ANameCutShortOrRunOnWhenOnlyOneHoldsIt) {
  EXPECT_EQ(guess("按时", {"按时公开", "逾期公开", "未公开"}), "按时公开");
  EXPECT_EQ(guess("逾期", {"按时公开", "逾期公开", "未公开"}), "逾期公开");
  EXPECT_EQ(guess("公开", {"按时公开", "逾期公开", "未公开"}), "(none)");  // in all three: which?
  EXPECT_EQ(guess("结转", {"结转结余率"}), "(none)");                      // less than half of it
  EXPECT_EQ(guess("部门预算资金支出率情况", {"部门预算资金支出率"}), "部门预算资金支出率");
}

TEST(ClosestMatch, OneCharacterIsNotAMisspellingOfAnother) {
  EXPECT_EQ(guess("忧", {"优", "良", "中", "差"}), "(none)");
  EXPECT_EQ(guess("x", {"y"}), "(none)");
  EXPECT_EQ(guess("优秀", {"优", "良"}), "优");  // one of two characters added
  EXPECT_EQ(guess("ab", {"ba"}), "ba");
}

TEST(ClosestMatch, TheClosestWinsAndTheNameItselfIsNoSuggestion) {
  EXPECT_EQ(guess("score", {"score"}), "(none)");
  EXPECT_EQ(guess("scored", {"scores", "score"}), "scores");
  EXPECT_EQ(guess("", {"a", "b"}), "(none)");
}

}  // namespace
}  // namespace rubric
