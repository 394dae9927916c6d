// The checker's internals, shared by its files (see checker.hpp for what it checks):
//   checker.cpp              the walk over declarations: defines, lets, indicators, sections and
//                            their points, grades
//   checker_names.cpp        facts and their domains, names, expected types, intervals
//   checker_expressions.cpp  the type of each expression, one case per kind of node
// Internal to interpreter/check/.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"
#include "base/messages.hpp"
#include "dsl/ast.hpp"

namespace rubric::checking {

using ast::TypeKind;
using ast::TypeRef;
using ast::TypeRefPtr;

inline TypeRefPtr simple(TypeKind kind) {
  auto t = std::make_shared<TypeRef>();
  t->kind = kind;
  return t;
}

inline const TypeRefPtr kUnknown = simple(TypeKind::Unknown);
inline const TypeRefPtr kNumber = simple(TypeKind::Number);
inline const TypeRefPtr kPercent = simple(TypeKind::Percent);
inline const TypeRefPtr kMoney = simple(TypeKind::Money);
inline const TypeRefPtr kCount = simple(TypeKind::Count);
inline const TypeRefPtr kBool = simple(TypeKind::Bool);
inline const TypeRefPtr kText = simple(TypeKind::Text);

inline bool numeric(const TypeRefPtr& t) {
  return t->kind == TypeKind::Number || t->kind == TypeKind::Percent || t->kind == TypeKind::Money ||
         t->kind == TypeKind::Count;
}
TypeRefPtr date_type();                     // checker_dates.cpp
ast::YearOf year_of(std::string_view callee);  // checker_cohort.cpp
inline bool unknown(const TypeRefPtr& t) { return t->kind == TypeKind::Unknown; }

inline std::string format_percent(const Decimal& d) { return (d * Decimal::from_int(100)).to_string() + "%"; }

inline TypeRefPtr of_kind(TypeKind kind) {
  switch (kind) {
    case TypeKind::Percent: return kPercent;
    case TypeKind::Money: return kMoney;
    case TypeKind::Count: return kCount;
    case TypeKind::Bool: return kBool;
    case TypeKind::Text: return kText;
    case TypeKind::Unknown: return kUnknown;
    case TypeKind::Date: return date_type();
    default: return kNumber;
  }
}

inline std::string type_name(const TypeRefPtr& t) {
  switch (t->kind) {
    case TypeKind::Enum: return std::string(tr("an enum"));
    case TypeKind::List: return std::string(tr("a list"));
    case TypeKind::Record: return std::string(tr("a record"));
    case TypeKind::Bool: return std::string(tr("a bool"));
    case TypeKind::Text: return std::string(tr("a text"));
    case TypeKind::Unknown: return std::string(tr("unknown"));
    case TypeKind::Number: return std::string(tr("a number"));
    case TypeKind::Date: return std::string(tr("a date"));
    default: return tr_format("a number ({})", ast::describe(*t));
  }
}

struct Local {
  std::string name;
  ast::NameKind kind;
  std::uint32_t index;
  TypeRefPtr type;
  Span span;
  bool used = false;
  const ast::Let* let = nullptr;
};

class Checker {
 public:
  Checker(ast::Ruleset& ruleset, const std::vector<Span>& skipped, Diagnostics& diagnostics)
      : rs_(ruleset), skipped_(skipped), diags_(diagnostics) {}

  void run();

 private:
  Diagnostic& error(const std::string& code, Span at, std::string message) {
    return (unknown_after_skip(at) ? discarded_ : diags_).error(code, rs_.at(at), std::move(message));
  }
  Diagnostic& warning(const std::string& code, Span at, std::string message) {
    return (unknown_after_skip(at) ? discarded_ : diags_).warning(code, rs_.at(at), std::move(message));
  }
  // Whether a diagnostic at [at] is in a base ruleset that a change of the extending file, skipped
  // after a syntax error, may have altered: any part of the base may have been removed or
  // replaced by it, so what the checker finds there is not reported (it goes to [discarded_]).
  bool unknown_after_skip(Span at);
  bool overlaps_skipped(Span s) const {
    return std::any_of(skipped_.begin(), skipped_.end(),
                       [&](Span k) { return k.begin < s.end && s.begin < k.end; });
  }
  // Whether a statement the parser skipped after a syntax error may have been a part of [whole]
  // (a section's span; the top level when empty): a section or indicator, or in an extending
  // ruleset a change. Its sum is then unknown, and "the parts do not add up" only repeats the
  // syntax error.
  bool parts_may_be_skipped(Span whole);
  // Whether a skipped statement begins with [word] ("grade").
  bool skipped_begins_with(std::string_view word);
  // Whether [name] is a word of a statement the parser skipped after a syntax error: its
  // declaration was probably there, so "unknown name" would only repeat that error.
  bool in_skipped(std::string_view name);
  // Marks the fact or binding named [name] as used: a misspelled use still means it is used.
  void mark_used(const std::string& name);

  void facts();
  void domain(const ast::Interval& iv, const TypeRefPtr& type, const std::string& what);
  void fields(const TypeRef& type);
  void defines();
  // The parts of [section] (null: the top level of the ruleset).
  void items(std::vector<ast::Item>& items, std::vector<ast::Veto>& vetoes, const std::string& parent,
             const ast::Section* section, const std::vector<Span>& changed, Span whole);
  // E0413, E0414, W0406: extra sections (加减分项) at the top level, after the others, with a cap
  // their parts can reach.
  void extra_sections();
  void extra_section_limits(const ast::Section& s);
  // E0418–E0420: the indicators among [children] that may not apply, and a shared [section]
  // (checker_shares.cpp).
  void shares(const std::vector<ast::Item>& children, const ast::Section* section);
  // E0415–E0417: the 'choose' groups among [children] (checker_choices.cpp).
  void choices(std::vector<ast::Item>& children);
  void choice_group(const std::vector<ast::Indicator*>& group);
  void choice_members(const std::vector<ast::Indicator*>& group, const ast::FactDecl& fact,
                      const std::vector<std::string>& names);
  // W0102, W0111 or W0203 for the [what] ("fact", "function", "let") [name] declared at [decl]
  // and never read; see checker.cpp.
  void unused(const char* code, Span decl, const std::string& what, const std::string& name, std::string message,
              std::string help);
  // For E0201/E0208 on [name]: if the extending ruleset removed it, says where, and returns true.
  bool removed_here(Diagnostic& d, const std::string& name);
  // E0404/E0405 for the sum declared at [declared]; see checker.cpp.
  Diagnostic& sum_error(const char* code, Span declared, const std::vector<Span>& changed,
                        const std::string& declared_note, std::string message);
  void indicator(ast::Indicator& ind);
  void let(ast::Let& l);
  void grades();
  void vetoes(std::vector<ast::Veto>& vetoes);
  void requirements();
  void grade_conditions();
  void degenerate();
  void report_unused_locals(std::size_t from);

  TypeRefPtr expr(ast::Expr& e);
  TypeRefPtr expr_impl(ast::Expr& e);
  TypeRefPtr name(ast::Expr& e, ast::NameRef& n);
  TypeRefPtr call(ast::Expr& e, ast::Call& c);
  TypeRefPtr prior_call(ast::Expr& e, ast::Call& c, const std::vector<TypeRefPtr>& args);
  TypeRefPtr working_days_call(ast::Expr& e, ast::Call& c, const std::vector<TypeRefPtr>& args);
  TypeRefPtr year_call(ast::Expr& e, ast::Call& c, const std::vector<TypeRefPtr>& args);
  TypeRefPtr date_binary(ast::Expr& e, ast::Binary& b, const TypeRefPtr& lt, const TypeRefPtr& rt);
  void calendars();
  TypeRefPtr define_call(ast::Expr& e, ast::Call& c, std::size_t i);
  Diagnostic& arity_error(ast::Expr& e, const ast::Call& c, int min_args, int max_args);
  TypeRefPtr comprehension(ast::Expr& e, ast::Comprehension& c);
  TypeRefPtr binary(ast::Expr& e, ast::Binary& b);
  TypeRefPtr points_ref(ast::Expr& e);
  TypeRefPtr member_access(ast::Expr& e, ast::Member& m);
  TypeRefPtr unary(ast::Unary& u);
  TypeRefPtr tiered(ast::Tiered& t);
  TypeRefPtr brackets(ast::Brackets& b);
  TypeRefPtr deduct(ast::Expr& e, ast::Deduct& d);
  TypeRefPtr weighted(ast::Expr& e, ast::Weighted& w);
  TypeRefPtr judged(ast::Expr& e, ast::Judged& j);
  TypeRefPtr when(ast::When& w);
  void interval(ast::Interval& iv, std::string_view what);
  void expect_numeric(ast::Expr& e, const TypeRefPtr& t, std::string_view what);
  void expect_bool(ast::Expr& e, const TypeRefPtr& t, std::string_view what);
  void check_enum_literal(const TypeRefPtr& enum_type, ast::Expr& literal);
  std::uint32_t new_slot() { return frame_next_++; }
  std::vector<std::string> visible_names() const;

  ast::Ruleset& rs_;
  const std::vector<Span>& skipped_;
  std::optional<std::set<std::string_view, std::less<>>> skipped_words_;  // built on first use
  std::optional<bool> change_skipped_;  // unknown_after_skip(): a change of the extending file was skipped
  Diagnostics discarded_;
  Diagnostics& diags_;
  std::vector<Local> locals_;
  std::vector<bool> fact_used_;
  std::vector<const ast::Veto*> vetoes_;  // every veto, for grade_conditions()
  std::vector<bool> define_used_;
  std::uint32_t frame_next_ = 0;
  const ast::Indicator* indicator_ = nullptr;  // the indicator being checked, for `points`
  int define_limit_ = -1;  // while checking define #k, only defines before k may be called
};

}  // namespace rubric::checking
