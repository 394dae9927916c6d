// Tests of dsl/visit.hpp: the one visitor over expressions. That a visitor without a case for some
// kind of node does not compile cannot be a test here; every ast::visit in the library is one.
#include "dsl/visit.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rubric::ast {
namespace {

ExprPtr num(int n) { return make(Span{}, NumberLit{Decimal::from_int(n), false}); }
ExprPtr name(std::string text) { return make(Span{}, NameRef{std::move(text)}); }

// `tiered x { [1, 2) -> 3, [4, inf) -> 5 }`
ExprPtr tiered() {
  Tiered t;
  t.subject = name("x");
  Tier low;
  low.interval.lo.value = num(1);
  low.interval.hi.value = num(2);
  low.result = num(3);
  t.tiers.push_back(std::move(low));
  Tier high;
  high.interval.lo.value = num(4);
  high.interval.hi.infinity = 1;
  high.result = num(5);
  t.tiers.push_back(std::move(high));
  return make(Span{}, std::move(t));
}

std::string text(const Expr& e) {
  return visit(e, overloaded{
                      [](const NumberLit& n) { return n.value.to_string(); },
                      [](const NameRef& n) { return n.name; },
                      [](const Leaf auto&) { return std::string("leaf"); },
                      [](const auto&) { return std::string("node"); },
                  });
}

TEST(Visit, CallsTheCaseForTheNodeHeld) {
  EXPECT_EQ(text(*num(7)), "7");
  EXPECT_EQ(text(*name("y")), "y");
  EXPECT_EQ(text(*make(Span{}, BoolLit{true})), "leaf");
  EXPECT_EQ(text(*tiered()), "node");
}

TEST(Visit, ChildrenInSourceOrderWithIntervalBoundsAndWithoutInfinities) {
  const ExprPtr t = tiered();
  std::vector<std::string> seen;
  for_each_child(*t, [&](const Expr& child) { seen.push_back(text(child)); });
  EXPECT_EQ(seen, (std::vector<std::string>{"x", "1", "2", "3", "4", "5"}));
}

TEST(Visit, ChildrenOfAVisitedNode) {
  Binary b{BinaryOp::Add, num(1), name("z")};
  std::vector<std::string> seen;
  for_each_child(b, [&](const Expr& child) { seen.push_back(text(child)); });
  EXPECT_EQ(seen, (std::vector<std::string>{"1", "z"}));
}

TEST(Visit, WalkGoesDepthFirstAndCanSkipWhatIsInside) {
  Call call{"max", Span{}, {}};
  call.args.push_back(tiered());
  call.args.push_back(make(Span{}, Unary{UnaryOp::Neg, num(9)}));
  const ExprPtr e = make(Span{}, std::move(call));
  int all = 0;
  walk(*e, [&](const Expr&) { return ++all > 0; });
  EXPECT_EQ(all, 10);  // the call, the tiers and their 6 children, the negation and its operand
  std::vector<std::string> numbers;
  walk(*e, [&](const Expr& x) {
    if (std::holds_alternative<Tiered>(x.node)) return false;
    if (const auto* n = std::get_if<NumberLit>(&x.node)) numbers.push_back(n->value.to_string());
    return true;
  });
  EXPECT_EQ(numbers, (std::vector<std::string>{"9"}));
}

TEST(Visit, MutableTreesGetMutableNodes) {
  const ExprPtr e = make(Span{}, Unary{UnaryOp::Neg, num(2)});
  walk(*e, [](Expr& x) {
    visit(x, overloaded{
                 [](NumberLit& n) { n.percent = true; },
                 [](auto&) {},
             });
    return true;
  });
  EXPECT_TRUE(std::get<NumberLit>(std::get<Unary>(e->node).operand->node).percent);
}

}  // namespace
}  // namespace rubric::ast
