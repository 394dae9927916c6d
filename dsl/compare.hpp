// Whether a comparison `x OP y` holds, given how x orders against y (negative, zero, positive):
// the one reading of a brackets arm's comparison, for the evaluator, the plan and the tools that
// reason about which arm takes a value.
#pragma once

#include "dsl/ast.hpp"

namespace rubric::ast {

// [op] is Lt, Le, Gt, Ge or Eq (a brackets arm's comparison); anything else reads as Eq.
constexpr bool comparison_holds(BinaryOp op, int order) {
  switch (op) {
    case BinaryOp::Lt: return order < 0;
    case BinaryOp::Le: return order <= 0;
    case BinaryOp::Gt: return order > 0;
    case BinaryOp::Ge: return order >= 0;
    default: return order == 0;
  }
}

}  // namespace rubric::ast
