// One way to walk the syntax tree's expressions, so that a new kind of node is added in one place
// and the compiler points at every walk that must learn it (docs/architecture.md, "Adding a
// construct: the files you touch").
//
// Two tools, for two kinds of walk:
//
//  - ast::visit(expr, overloaded{...}) calls the case for the node [expr] holds. It is exhaustive:
//    a visitor without a case for some kind of node does not compile, and the error names the
//    kind. The checker, the evaluator, the analysis and the dump are written this way, because
//    every kind of node means something different to them.
//
//  - ast::for_each_child(expr, f) calls [f] on each expression directly inside [expr], in the
//    order they are written; ast::for_each_child(node, f) does the same for a node already
//    visited. A walk that cares about a few kinds (collect names, find coverage points) handles
//    those and hands every other kind to for_each_child, without listing them.
//
// A walk that is not over every child on purpose (provenance leaves out interval bounds, say)
// lists its cases with ast::visit, so that a new kind is still a compile error there.
#pragma once

#include <concepts>
#include <type_traits>
#include <utility>
#include <variant>

#include "dsl/ast.hpp"

namespace rubric::ast {

// `overloaded{[&](const Binary& b) {...}, [&](const Call& c) {...}}`: one lambda per kind of node.
template <typename... Fs>
struct overloaded : Fs... {
  using Fs::operator()...;
};
template <typename... Fs>
overloaded(Fs...) -> overloaded<Fs...>;

// The kinds of node with no expression inside: `[](const ast::Leaf auto&) {}` is one case for all
// of them. A new kind of leaf is added here (and to ExprNode).
template <typename T>
concept Leaf = std::same_as<std::remove_const_t<T>, NumberLit> || std::same_as<std::remove_const_t<T>, StringLit> ||
               std::same_as<std::remove_const_t<T>, BoolLit> || std::same_as<std::remove_const_t<T>, PointsRef> ||
               std::same_as<std::remove_const_t<T>, NameRef>;

namespace detail {

template <typename>
inline constexpr bool kAlwaysFalse = false;

// Instantiated once per kind of node, so that a missing case names the kind in the error.
template <typename Visitor, typename Node>
struct Handles {
  static_assert(std::is_invocable_v<Visitor, Node&>,
                "ast::visit: the visitor has no case for this kind of node (Node, in the line above); add one");
  static constexpr bool value = true;
};

template <typename Visitor, bool Const, typename... Nodes>
constexpr bool handles_all(const std::variant<Nodes...>*) {
  return (Handles<Visitor, std::conditional_t<Const, const Nodes, Nodes>>::value && ...);
}

template <typename E>
concept AnExpr = std::same_as<std::remove_const_t<E>, Expr>;

}  // namespace detail

// Calls [visitor] with the node [e] holds (const if [e] is), and returns what it returns. Every
// kind of node must have a case.
template <detail::AnExpr E, typename Visitor>
decltype(auto) visit(E& e, Visitor&& visitor) {
  static_assert(detail::handles_all<std::remove_reference_t<Visitor>, std::is_const_v<E>>(
      static_cast<const ExprNode*>(nullptr)));
  return std::visit(std::forward<Visitor>(visitor), e.node);
}

// Calls [f] on each expression directly inside [node], in source order: the parts of an interval
// (its bounds), of a tier, an arm, a deduction, a part or a band included. Absent optional parts
// (a filter, an `otherwise` condition, an infinite bound) are skipped.
template <typename Node, typename F>
void for_each_child(Node& node, F&& f) {
  using T = std::remove_const_t<Node>;
  const auto opt = [&](auto& child) {
    if (child) f(*child);
  };
  const auto interval = [&](auto& iv) {
    opt(iv.lo.value);
    opt(iv.hi.value);
  };
  if constexpr (Leaf<T>) {
    // nothing inside
  } else if constexpr (std::is_same_v<T, Member>) {
    f(*node.object);
  } else if constexpr (std::is_same_v<T, Unary>) {
    f(*node.operand);
  } else if constexpr (std::is_same_v<T, Binary>) {
    f(*node.lhs);
    f(*node.rhs);
  } else if constexpr (std::is_same_v<T, Call>) {
    for (auto& a : node.args) f(*a);
  } else if constexpr (std::is_same_v<T, Comprehension>) {
    f(*node.list);
    opt(node.filter);
    opt(node.body);
  } else if constexpr (std::is_same_v<T, Tiered>) {
    f(*node.subject);
    for (auto& tier : node.tiers) {
      interval(tier.interval);
      f(*tier.result);
    }
  } else if constexpr (std::is_same_v<T, Brackets>) {
    f(*node.subject);
    for (auto& arm : node.arms) {
      opt(arm.bound);
      f(*arm.result);
    }
  } else if constexpr (std::is_same_v<T, Deduct>) {
    for (auto& item : node.items) {
      f(*item.amount);
      opt(item.operand);
    }
    opt(node.start);
    opt(node.floor);
  } else if constexpr (std::is_same_v<T, Weighted>) {
    for (auto& part : node.parts) {
      f(*part.weight);
      f(*part.value);
    }
  } else if constexpr (std::is_same_v<T, Judged>) {
    f(*node.score);
    f(*node.category);
    for (auto& band : node.bands) {
      interval(band.interval);
      opt(band.value);
    }
  } else if constexpr (std::is_same_v<T, When>) {
    for (auto& arm : node.arms) {
      opt(arm.condition);
      f(*arm.result);
    }
  } else {
    static_assert(detail::kAlwaysFalse<T>, "ast::for_each_child: a kind of node whose children are not listed here");
  }
}

template <detail::AnExpr E, typename F>
void for_each_child(E& e, F&& f) {
  visit(e, [&](auto& node) { for_each_child(node, f); });
}

// Calls [f] on [e] and, while [f] returns true, on everything inside it, depth first in source
// order. [f] returns false to skip what is inside a node.
template <detail::AnExpr E, typename F>
void walk(E& e, F&& f) {
  if (!f(e)) return;
  for_each_child(e, [&](E& child) { walk(child, f); });
}

}  // namespace rubric::ast
