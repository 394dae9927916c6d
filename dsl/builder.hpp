// Building the syntax tree from the PEGTL parse tree: the Builder that parser.cpp runs on a parse
// that succeeded. Its expressions are built in build_expressions.cpp, its declarations and
// statements in build_statements.cpp. Internal to dsl/.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "base/diagnostic.hpp"
#include "dsl/ast.hpp"
#include "dsl/grammar.hpp"

namespace rubric::parsing {

namespace pegtl = tao::pegtl;
namespace g = grammar;
using Node = pegtl::parse_tree::node;

template <typename T>
bool is(const Node& n) {
  return n.is_type<T>();
}

class Builder {
 public:
  Builder(const std::string& text, SourcePtr source, std::uint32_t offset, Diagnostics& diagnostics)
      : base_(text.data()), offset_(offset), source_(std::move(source)), diagnostics_(diagnostics) {}

  std::unique_ptr<ast::Ruleset> build(const Node& root);

 private:
  Span span(const Node& n) const {
    if (n.has_content()) {
      return {offset_ + static_cast<std::uint32_t>(n.m_begin.data - base_),
              offset_ + static_cast<std::uint32_t>(n.m_end.data - base_)};
    }
    if (n.children.empty()) return {};
    return {span(*n.children.front()).begin, span(*n.children.back()).end};
  }

  Diagnostic& error(const std::string& code, Span at, std::string message) {
    return diagnostics_.error(code, Location::at(source_, {at.begin - offset_, at.end - offset_}), std::move(message));
  }

  std::string text_value(const Node& n) const;
  Decimal number_value(const Node& n, bool percent);
  std::optional<std::int64_t> date_value(const Node& n);  // a date_lit's day number; E0022 if no such day
  void calendar(const Node& n, ast::Ruleset& ruleset);
  std::string name_value(const Node& n) const;  // item_name / member_name / grade_name

  ast::ExprPtr expr(const Node& n);
  ast::ExprPtr chain(const Node& n);
  ast::ExprPtr postfix(const Node& n, Span at);
  ast::ExprPtr call(const Node& n, Span at);
  ast::ExprPtr comprehension(const Node& n, Span at);
  ast::ExprPtr tiered(const Node& n, Span at);
  ast::ExprPtr brackets(const Node& n, Span at);
  ast::ExprPtr deduct(const Node& n, Span at);
  ast::ExprPtr weighted(const Node& n, Span at);
  ast::ExprPtr judged(const Node& n, Span at);
  ast::ExprPtr when_expr(const Node& n, Span at);
  // Whether [operands] more chained operands would pass kMaxChainedOperands (E0016, once).
  bool too_long(const Node& n, std::size_t operands);
  ast::Interval interval(const Node& n);
  ast::Bound bound(const Node& n);
  ast::TypeRefPtr type(const Node& n);
  void direction_of(const ast::TypeRef& type, const std::string& name, Span at);
  ast::FactDecl fact(const Node& n);
  ast::Define define(const Node& n);
  ast::Let let(const Node& n);
  ast::Rounding rounding(const Node& n);
  ast::PointsSpec points(const Node& n);
  std::unique_ptr<ast::Indicator> indicator(const Node& n);
  std::unique_ptr<ast::Section> section(const Node& n);
  // The indicators of a 'choose' group, added to [items].
  void choose(const Node& n, std::vector<ast::Item>& items);
  void grades(const Node& n, ast::Ruleset& ruleset);
  ast::Veto veto(const Node& n);
  ast::Change change(const Node& n);
  ast::TestBlock test(const Node& n);
  ast::Expectation expectation(const Node& n);

  const char* base_;
  std::uint32_t offset_;  // added to every span: see parse()
  SourcePtr source_;
  Diagnostics& diagnostics_;
  std::size_t chained_ = 0;  // operands of the chains being built, outermost to innermost
  bool chain_reported_ = false;
};

}  // namespace rubric::parsing
