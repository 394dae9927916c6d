// `fixed` (docs/language.md, "Facts"): what a department cannot change within its year, held as
// given by rubric whatif (tests/whatif_test.cpp). Scoring ignores it; here, the syntax.
#include <gtest/gtest.h>

#include <string>

#include "dsl/format.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

// `fixed` is an option of a fact and of a record's field, in either keyword set; a fact may still be
// called fixed (the ':' after it tells it apart), and the formatter keeps the word.
TEST(Fixed, AFactOrFieldMayBeFixedAndAFactMayStillBeCalledFixed) {
  const char* source = R"(ruleset "固定" scheme test year 2023
facts {
  budget : money "预算" fixed
  fixed : number in [0, 10] "名为 fixed 的填报项"
  items : list of { target: number "目标值" fixed, actual: number "实际值" }
}
indicator 甲 points 10 { score min(fixed, points) }
grade { 优 >= 9; 差 otherwise }
)";
  const auto rs = load_ok(source);
  ASSERT_TRUE(rs);
  ASSERT_EQ(rs->facts.size(), 3U);
  EXPECT_TRUE(rs->facts[0].fixed);
  EXPECT_EQ(rs->facts[1].name, "fixed");
  EXPECT_FALSE(rs->facts[1].fixed);
  EXPECT_TRUE(rs->facts[2].type->element->fields[0].fixed);
  EXPECT_FALSE(rs->facts[2].type->element->fields[1].fixed);
  EXPECT_NE(diagnostics_of(R"(ruleset "x" scheme t year 2023
facts { a : number fixed fixed }
indicator 甲 points 10 { score a }
)").find("E0008"), std::string::npos);
  const FormatResult zh = format_source(std::make_shared<SourceFile>("f.rubric", source), SourceKind::Ruleset, KeywordSet::Zh);
  ASSERT_TRUE(zh.text.has_value()) << render(zh.diagnostics);
  EXPECT_NE(zh.text->find("budget : 金额 \"预算\" 固定"), std::string::npos) << *zh.text;
  EXPECT_NE(zh.text->find("target: 数值 \"目标值\" 固定,"), std::string::npos) << *zh.text;
  const auto back = load_ok(*zh.text);
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->facts[0].fixed);
  EXPECT_TRUE(back->facts[2].type->element->fields[0].fixed);
}

}  // namespace
}  // namespace rubric::testing
