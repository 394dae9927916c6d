// Every expression's span covers exactly its text: the basis (评分依据) and the messages show a
// node by the source text of its span, so a span that stops inside a parenthesis shows
// `1 * (a + b = 0.75` ([9] item 10).
#include <gtest/gtest.h>

#include <functional>

#include "dsl/visit.hpp"
#include "support.hpp"

namespace rubric {
namespace {

using namespace testing;

// The spans inside [ruleset] whose text does not balance its parentheses.
std::vector<std::string> unbalanced_spans(const ast::Ruleset& ruleset) {
  std::vector<std::string> out;
  const auto check = [&](const ast::ExprPtr& root) {
    if (!root) return;
    ast::walk(*root, [&](const ast::Expr& e) {
      const std::string_view text = ruleset.slice(e.span);
      // An interval may open with '(' and close with ']' or the other way round: count both kinds
      // of bracket as one.
      int depth = 0;
      for (const char c : text) {
        if (c == '(' || c == '[') ++depth;
        if ((c == ')' || c == ']') && --depth < 0) break;
      }
      if (depth != 0) out.emplace_back(text);
      return true;
    });
  };
  std::function<void(const std::vector<ast::Item>&)> items = [&](const std::vector<ast::Item>& list) {
    for (const ast::Item& item : list) {
      if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
        items((*s)->items);
      } else if (const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
        for (const ast::Let& let : (*i)->lets) check(let.value);
        check((*i)->score);
      } else {
        check(std::get<ast::Let>(item).value);
      }
    }
  };
  for (const ast::Define& d : ruleset.defines) check(d.body);
  for (const ast::Let& let : ruleset.lets) check(let.value);
  items(ruleset.items);
  return out;
}

std::string ruleset_scoring(const std::string& expression) {
  return "ruleset \"括号\" scheme p year 2024\ntotal 10\n"
         "facts {\n  a : number in [0, 1] \"甲\"\n  b : number in [0, 1] \"乙\"\n  rs : list of { x: number in [0, 1] } \"丙\"\n}\n"
         "section 甲 points 10 {\n  indicator 乙 points 10 {\n    score " +
         expression + "\n  }\n}\ngrade { 优 >= 9; 差 otherwise }\n";
}

TEST(Spans, ParenthesesStayInsideTheSpansThatHoldThem) {
  for (const std::string expression :
       {"1 * (a + b)", "(a + b) * 1", "((a) + b) * 2 - (1)", "min(1 * (a + b), 10)", "(sum(r in rs: (r).x)) * (10)",
        "sum(r in rs: (r.x) + (a))", "10 * (a + (b * (a)))", "-(a) + 1", "when (a > 0.5) and (b < 1) -> (10) otherwise (0)"}) {
    const auto ruleset = load_ok(ruleset_scoring(expression));
    ASSERT_TRUE(ruleset) << expression;
    EXPECT_EQ(unbalanced_spans(*ruleset), std::vector<std::string>{}) << expression;
  }
}

TEST(Spans, TheShippedRulesetsHaveNoSpanCuttingAParenthesis) {
  for (const char* path : {"/rulesets/guangzhou/2021.rubric", "/rulesets/guangzhou/2023.rubric"}) {
    const LoadedRuleset loaded = load_ruleset(kSourceDir + path);
    ASSERT_TRUE(loaded.ok()) << path;
    EXPECT_EQ(unbalanced_spans(*loaded.ruleset), std::vector<std::string>{}) << path;
  }
}

TEST(Spans, TheBasisShowsTheWholeExpression) {
  const auto ruleset = load_ok(ruleset_scoring("1 * (a + b) * 5"));
  const Scored scored = score(ruleset, R"({"department":"x","facts":{"a":0.5,"b":0.25,"rs":[{"x":0}]}})");
  const NodeResult* node = scored.find("乙");
  ASSERT_NE(node, nullptr) << scored.errors;
  EXPECT_EQ(node->basis.rfind("得分 = 1 × （甲 + 乙） × 5 = 3.75", 0), 0U) << node->basis;
}

}  // namespace
}  // namespace rubric
