// The grammar itself: PEGTL's analysis finds rules that could loop without consuming input.
#include <gtest/gtest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "dsl/grammar.hpp"

TEST(Grammar, HasNoRulesThatLoopWithoutConsumingInput) {
  EXPECT_EQ(tao::pegtl::analyze<rubric::grammar::file>(1), 0U);
}
