// The checker; see checker.hpp. Codes E01xx are about facts, E02xx names, E03xx types, E04xx
// the indicator tree, E05xx grades; W-codes are warnings.
#include "interpreter/check/checker.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "dsl/visit.hpp"
#include "stdlib/builtins.hpp"

namespace rubric {

std::optional<Decimal> constant_value(const ast::Expr& expr) {
  try {
    if (const auto* n = std::get_if<ast::NumberLit>(&expr.node)) return n->value;
    if (const auto* u = std::get_if<ast::Unary>(&expr.node)) {
      if (u->op != ast::UnaryOp::Neg) return std::nullopt;
      if (auto v = constant_value(*u->operand)) return -*v;
      return std::nullopt;
    }
    if (const auto* b = std::get_if<ast::Binary>(&expr.node)) {
      const auto lhs = constant_value(*b->lhs);
      const auto rhs = constant_value(*b->rhs);
      if (!lhs || !rhs) return std::nullopt;
      switch (b->op) {
        case ast::BinaryOp::Add: return *lhs + *rhs;
        case ast::BinaryOp::Sub: return *lhs - *rhs;
        case ast::BinaryOp::Mul: return *lhs * *rhs;
        case ast::BinaryOp::Div: return rhs->is_zero() ? std::nullopt : std::optional(*lhs / *rhs);
        default: return std::nullopt;
      }
    }
  } catch (const DecimalError&) {
  }
  return std::nullopt;
}

namespace {

using ast::TypeKind;
using ast::TypeRef;
using ast::TypeRefPtr;

TypeRefPtr simple(TypeKind kind) {
  auto t = std::make_shared<TypeRef>();
  t->kind = kind;
  return t;
}

const TypeRefPtr kUnknown = simple(TypeKind::Unknown);
const TypeRefPtr kNumber = simple(TypeKind::Number);
const TypeRefPtr kPercent = simple(TypeKind::Percent);
const TypeRefPtr kMoney = simple(TypeKind::Money);
const TypeRefPtr kCount = simple(TypeKind::Count);
const TypeRefPtr kBool = simple(TypeKind::Bool);
const TypeRefPtr kText = simple(TypeKind::Text);

bool numeric(const TypeRefPtr& t) {
  return t->kind == TypeKind::Number || t->kind == TypeKind::Percent || t->kind == TypeKind::Money ||
         t->kind == TypeKind::Count;
}
bool unknown(const TypeRefPtr& t) { return t->kind == TypeKind::Unknown; }

std::string format_percent(const Decimal& d) { return (d * Decimal::from_int(100)).to_string() + "%"; }

TypeRefPtr of_kind(TypeKind kind) {
  switch (kind) {
    case TypeKind::Percent: return kPercent;
    case TypeKind::Money: return kMoney;
    case TypeKind::Count: return kCount;
    case TypeKind::Bool: return kBool;
    case TypeKind::Text: return kText;
    case TypeKind::Unknown: return kUnknown;
    default: return kNumber;
  }
}

std::string type_name(const TypeRefPtr& t) {
  switch (t->kind) {
    case TypeKind::Enum: return "an enum";
    case TypeKind::List: return "a list";
    case TypeKind::Record: return "a record";
    case TypeKind::Bool: return "a bool";
    case TypeKind::Text: return "a text";
    case TypeKind::Unknown: return "unknown";
    case TypeKind::Number: return "a number";
    default: return fmt::format("a number ({})", ast::describe(*t));
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
    return diags_.error(code, rs_.at(at), std::move(message));
  }
  Diagnostic& warning(const std::string& code, Span at, std::string message) {
    return diags_.warning(code, rs_.at(at), std::move(message));
  }
  bool overlaps_skipped(Span s) const {
    return std::any_of(skipped_.begin(), skipped_.end(),
                       [&](Span k) { return k.begin < s.end && s.begin < k.end; });
  }
  // Whether [name] is a word of a statement the parser skipped after a syntax error: its
  // declaration was probably there, so "unknown name" would only repeat that error.
  bool in_skipped(std::string_view name);
  // Marks the fact or binding named [name] as used: a misspelled use still means it is used.
  void mark_used(const std::string& name);

  void facts();
  void domain(const ast::Interval& iv, const TypeRefPtr& type, const std::string& what);
  void fields(const TypeRef& type);
  void defines();
  void items(std::vector<ast::Item>& items, const std::string& parent, const ast::PointsSpec* points);
  void indicator(ast::Indicator& ind);
  void let(ast::Let& l);
  void grades();
  void degenerate();
  void report_unused_locals(std::size_t from);

  TypeRefPtr expr(ast::Expr& e);
  TypeRefPtr expr_impl(ast::Expr& e);
  TypeRefPtr name(ast::Expr& e, ast::NameRef& n);
  TypeRefPtr call(ast::Expr& e, ast::Call& c);
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
  Diagnostics& diags_;
  std::vector<Local> locals_;
  std::vector<bool> fact_used_;
  std::vector<bool> define_used_;
  std::uint32_t frame_next_ = 0;
  const ast::Indicator* indicator_ = nullptr;  // the indicator being checked, for `points`
  int define_limit_ = -1;  // while checking define #k, only defines before k may be called
};

bool is_word_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return std::isalnum(b) != 0 || c == '_' || b >= 0x80;
}

bool Checker::in_skipped(std::string_view name) {
  // The words of the skipped text, collected once: searching the text for every unknown name
  // was quadratic in the file's size (a fuzzed ruleset of 37 KB with a skipped facts block took
  // seconds under AddressSanitizer).
  if (!skipped_words_) {
    skipped_words_.emplace();
    for (const Span k : skipped_) {
      const std::string_view text = rs_.slice(k);
      std::size_t at = 0;
      while (at < text.size()) {
        if (!is_word_byte(text[at])) {
          ++at;
          continue;
        }
        const std::size_t begin = at;
        while (at < text.size() && is_word_byte(text[at])) ++at;
        skipped_words_->insert(text.substr(begin, at - begin));
      }
    }
  }
  return skipped_words_->count(name) > 0;
}

void Checker::mark_used(const std::string& name) {
  for (auto it = locals_.rbegin(); it != locals_.rend(); ++it) {
    if (it->name == name) {
      it->used = true;
      return;
    }
  }
  for (std::size_t i = 0; i < rs_.facts.size(); ++i) {
    if (rs_.facts[i].name == name) fact_used_[i] = true;
  }
}

// ---- Facts ---------------------------------------------------------------------------------

void Checker::facts() {
  fact_used_.assign(rs_.facts.size(), false);
  std::map<std::string, const ast::FactDecl*> seen;
  for (ast::FactDecl& f : rs_.facts) {
    if (auto [it, inserted] = seen.emplace(f.name, &f); !inserted) {
      auto& d = error("E0101", f.name_span, fmt::format("fact '{}' is declared twice", f.name));
      d.notes.push_back({"first declared here", rs_.at(it->second->name_span)});
    }
    const TypeRefPtr t = f.type;
    const bool is_numeric = numeric(t);
    if (f.domain) domain(*f.domain, t, fmt::format("fact '{}'", f.name));
    fields(*t);
    if (f.default_value) {
      const TypeRefPtr dt = expr(*f.default_value);
      const bool ok = (is_numeric && numeric(dt) && constant_value(*f.default_value)) ||
                      (t->kind == TypeKind::Bool && dt->kind == TypeKind::Bool) ||
                      ((t->kind == TypeKind::Text || t->kind == TypeKind::Enum) && dt->kind == TypeKind::Text);
      const bool same_kind = (is_numeric && numeric(dt)) || dt->kind == t->kind ||
                             (t->kind == TypeKind::Enum && dt->kind == TypeKind::Text);
      if (!ok && !same_kind && !unknown(dt)) {
        error("E0105", f.default_value->span,
              fmt::format("the default of fact '{}' is {}, but the fact is {}", f.name, type_name(dt), type_name(t)));
      } else if (!ok) {
        error("E0105", f.default_value->span,
              fmt::format("the default of fact '{}' must be a constant of its type ({})", f.name, ast::describe(*t)));
      } else if (t->kind == TypeKind::Enum) {
        check_enum_literal(t, *f.default_value);
      }
    }
    if (!f.unit.empty() && !is_numeric) {
      warning("W0104", f.span, fmt::format("fact '{}' is {}; a unit has no meaning for it", f.name, type_name(t)));
    }
  }
}

// A declared domain: for numbers only, with constant bounds (facts are checked against it before
// any evaluation, so its bounds cannot depend on anything).
void Checker::domain(const ast::Interval& iv, const TypeRefPtr& type, const std::string& what) {
  const TypeRefPtr element = type->kind == TypeKind::List ? type->element : type;
  if (!numeric(element)) {
    error("E0103", iv.span,
          fmt::format("{} is {}: only number, percent, money and count values take a domain", what, type_name(element)));
    return;
  }
  std::optional<Decimal> bounds[2];
  const ast::Bound* ends[2] = {&iv.lo, &iv.hi};
  for (int i = 0; i < 2; ++i) {
    if (!ends[i]->value) continue;
    bounds[i] = constant_value(*ends[i]->value);
    if (!bounds[i]) error("E0104", ends[i]->value->span, "a domain's bounds must be constants, e.g. [0, 100%]");
  }
  if (iv.lo.infinity > 0 || iv.hi.infinity < 0) {
    error("E0407", iv.span, "a domain cannot start at inf or end at -inf");
  } else if (bounds[0] && bounds[1] &&
             (*bounds[0] > *bounds[1] || (*bounds[0] == *bounds[1] && !(iv.lo_closed && iv.hi_closed)))) {
    error("E0407", iv.span, fmt::format("the domain {} is empty: no value lies in it", rs_.slice(iv.span)))
        .help = "write the lower bound first, e.g. [0, 100%]";
  }
  if ((iv.lo.infinity != 0 && iv.lo_closed) || (iv.hi.infinity != 0 && iv.hi_closed)) {
    error("E0408", iv.span, "an infinite bound must be open: write '(-inf' or 'inf)'");
  }
}

// Record fields may carry domains too: `list of { weight: number in [0, inf) }`.
void Checker::fields(const TypeRef& type) {
  if (type.kind == TypeKind::List) fields(*type.element);
  if (type.kind != TypeKind::Record) return;
  for (const ast::Field& f : type.fields) {
    if (f.domain) domain(*f.domain, f.type, fmt::format("field '{}'", f.name));
    fields(*f.type);
  }
}

// ---- Names ---------------------------------------------------------------------------------

std::vector<std::string> Checker::visible_names() const {
  std::vector<std::string> names;
  for (const Local& l : locals_) names.push_back(l.name);
  for (const ast::FactDecl& f : rs_.facts) names.push_back(f.name);
  return names;
}

TypeRefPtr Checker::name(ast::Expr& e, ast::NameRef& n) {
  for (auto it = locals_.rbegin(); it != locals_.rend(); ++it) {
    if (it->name == n.name) {
      it->used = true;
      n.kind = it->kind;
      n.index = it->index;
      return it->type;
    }
  }
  for (std::size_t i = 0; i < rs_.facts.size(); ++i) {
    if (rs_.facts[i].name == n.name) {
      fact_used_[i] = true;
      n.kind = ast::NameKind::Fact;
      n.index = static_cast<std::uint32_t>(i);
      return rs_.facts[i].type;
    }
  }
  if (in_skipped(n.name)) return kUnknown;
  auto& d = error("E0201", e.span, fmt::format("unknown name '{}'", n.name));
  if (auto guess = closest_match(n.name, visible_names())) {
    d.help = fmt::format("did you mean '{}'?", *guess);
    mark_used(*guess);
  } else {
    d.help = "declare it in 'facts { … }' or bind it with 'let'";
  }
  return kUnknown;
}

void Checker::check_enum_literal(const TypeRefPtr& enum_type, ast::Expr& literal) {
  const auto* s = std::get_if<ast::StringLit>(&literal.node);
  if (s == nullptr) return;
  const auto& members = enum_type->members;
  if (std::find(members.begin(), members.end(), s->value) != members.end()) return;
  auto& d = error("E0304", literal.span, fmt::format("'{}' is not a member of {}", s->value, ast::describe(*enum_type)));
  if (auto guess = closest_match(s->value, members)) d.help = fmt::format("did you mean '{}'?", *guess);
}

void Checker::expect_numeric(ast::Expr& e, const TypeRefPtr& t, std::string_view what) {
  if (!unknown(t) && !numeric(t)) {
    error("E0301", e.span, fmt::format("{} must be a number, but this is {}", what, type_name(t)));
  }
}

void Checker::expect_bool(ast::Expr& e, const TypeRefPtr& t, std::string_view what) {
  if (!unknown(t) && t->kind != TypeKind::Bool) {
    auto& d = error("E0301", e.span, fmt::format("{} must be a bool, but this is {}", what, type_name(t)));
    const std::string_view text = rs_.slice(e.span);
    const bool short_text = text.size() <= 40 && text.find('\n') == std::string_view::npos;
    if (numeric(t)) d.help = fmt::format("compare it, e.g. '{} > 0'", short_text ? text : "x");
  }
}

void Checker::interval(ast::Interval& iv, std::string_view what) {
  std::optional<Decimal> lo;
  std::optional<Decimal> hi;
  if (iv.lo.value) {
    expect_numeric(*iv.lo.value, expr(*iv.lo.value), "an interval bound");
    lo = constant_value(*iv.lo.value);
  }
  if (iv.hi.value) {
    expect_numeric(*iv.hi.value, expr(*iv.hi.value), "an interval bound");
    hi = constant_value(*iv.hi.value);
  }
  if (iv.lo.infinity > 0 || iv.hi.infinity < 0) {
    error("E0407", iv.span, fmt::format("{} cannot start at inf or end at -inf", what));
    return;
  }
  if (lo && hi && (*lo > *hi || (*lo == *hi && !(iv.lo_closed && iv.hi_closed)))) {
    error("E0407", iv.span, fmt::format("{} {} is empty: no value lies in it", what, rs_.slice(iv.span)))
        .help = "write the lower bound first, e.g. [60%, 100%)";
  }
  if ((iv.lo.infinity != 0 && iv.lo_closed) || (iv.hi.infinity != 0 && iv.hi_closed)) {
    error("E0408", iv.span, "an infinite bound must be open: write '(-inf' or 'inf)'");
  }
}

// ---- Expressions ---------------------------------------------------------------------------

TypeRefPtr Checker::expr(ast::Expr& e) {
  TypeRefPtr t = expr_impl(e);
  e.type = t->kind;
  return t;
}

TypeRefPtr Checker::binary(ast::Expr& e, ast::Binary& b) {
  const TypeRefPtr lt = expr(*b.lhs);
  const TypeRefPtr rt = expr(*b.rhs);
  using Op = ast::BinaryOp;
  const std::string op(ast::to_string(b.op));
  switch (b.op) {
    case Op::And:
    case Op::Or:
      expect_bool(*b.lhs, lt, fmt::format("the left side of '{}'", op));
      expect_bool(*b.rhs, rt, fmt::format("the right side of '{}'", op));
      return kBool;
    case Op::Eq:
    case Op::Ne: {
      if (unknown(lt) || unknown(rt)) return kBool;
      const bool textual_l = lt->kind == TypeKind::Text || lt->kind == TypeKind::Enum;
      const bool textual_r = rt->kind == TypeKind::Text || rt->kind == TypeKind::Enum;
      if ((numeric(lt) && numeric(rt)) || (textual_l && textual_r) ||
          (lt->kind == TypeKind::Bool && rt->kind == TypeKind::Bool)) {
        if (lt->kind == TypeKind::Enum) check_enum_literal(lt, *b.rhs);
        if (rt->kind == TypeKind::Enum) check_enum_literal(rt, *b.lhs);
        return kBool;
      }
      auto& d = error("E0302", e.span, fmt::format("cannot compare {} with {}", type_name(lt), type_name(rt)));
      const bool enum_left = lt->kind == TypeKind::Enum;
      const TypeRefPtr& enum_side = enum_left ? lt : rt;
      if (enum_side->kind == TypeKind::Enum && !enum_side->members.empty()) {
        const std::string_view name = rs_.slice((enum_left ? b.lhs : b.rhs)->span);
        d.help = fmt::format("compare it with a member's name as a string, e.g. '{} {} \"{}\"'",
                             name.size() <= 40 ? name : "x", op, enum_side->members.front());
      }
      return kBool;
    }
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
      expect_numeric(*b.lhs, lt, fmt::format("the left side of '{}'", op));
      expect_numeric(*b.rhs, rt, fmt::format("the right side of '{}'", op));
      return kBool;
    default:
      break;
  }
  expect_numeric(*b.lhs, lt, fmt::format("the left side of '{}'", op));
  expect_numeric(*b.rhs, rt, fmt::format("the right side of '{}'", op));
  // A side that is not a number has been reported: the result's type is unknown, not a second error.
  if (!numeric(lt) || !numeric(rt)) return kUnknown;
  if (b.op == Op::Add || b.op == Op::Sub) return lt->kind == rt->kind ? lt : kNumber;
  if (b.op == Op::Mul) {
    if (lt->kind == TypeKind::Percent) return of_kind(rt->kind == TypeKind::Count ? TypeKind::Number : rt->kind);
    if (rt->kind == TypeKind::Percent) return of_kind(lt->kind == TypeKind::Count ? TypeKind::Number : lt->kind);
    return kNumber;
  }
  if (const auto divisor = constant_value(*b.rhs); divisor && divisor->is_zero()) {
    error("E0310", b.rhs->span, "division by zero");
  }
  // Money over money is a rate, such as (spent − budget) / budget.
  if (lt->kind == TypeKind::Money && rt->kind == TypeKind::Money) return kPercent;
  if (rt->kind == TypeKind::Percent || rt->kind == TypeKind::Count || rt->kind == TypeKind::Number) {
    return lt->kind == TypeKind::Count ? kNumber : lt;
  }
  return kNumber;
}

TypeRefPtr Checker::call(ast::Expr& e, ast::Call& c) {
  std::vector<TypeRefPtr> args;
  for (auto& a : c.args) args.push_back(expr(*a));
  // "'clamp' takes 3 arguments, but 2 were given"
  const auto arity_error = [&](int min_args, int max_args) -> Diagnostic& {
    const auto plural = [](int n) { return n == 1 ? "" : "s"; };
    const std::string takes = min_args == max_args ? fmt::format("{} argument{}", min_args, plural(min_args))
                              : max_args < 0       ? fmt::format("at least {} argument{}", min_args, plural(min_args))
                                                   : fmt::format("{} or {} arguments", min_args, max_args);
    return error("E0209", e.span, fmt::format("'{}' takes {}, but {} {} given", c.callee, takes, c.args.size(),
                                              c.args.size() == 1 ? "was" : "were"));
  };
  // A user-defined function.
  for (std::size_t i = 0; i < rs_.defines.size(); ++i) {
    const ast::Define& d = rs_.defines[i];
    if (d.name != c.callee) continue;
    if (define_limit_ >= 0 && static_cast<int>(i) >= define_limit_) {
      define_used_[i] = true;  // it is called, only in the wrong place
      if (static_cast<int>(i) == define_limit_) {
        error("E0210", c.callee_span, fmt::format("'{}' calls itself: recursion is not allowed", c.callee))
            .help = "count steps with 'steps(x, size)', or repeat over a list with sum(…), count(…), …";
      } else {
        error("E0210", c.callee_span,
              fmt::format("'{}' is defined below: a function may only call functions defined before it", c.callee))
            .notes.push_back({fmt::format("'{}' is defined here; move it above the function that calls it", c.callee),
                              rs_.at(d.name_span)});
      }
      return kUnknown;
    }
    define_used_[i] = true;
    c.define_index = static_cast<std::int32_t>(i);
    if (c.args.size() != d.params.size()) {
      const int n = static_cast<int>(d.params.size());
      arity_error(n, n).notes.push_back(
          {fmt::format("defined here as {}({})", d.name, fmt::join(d.params, ", ")), rs_.at(d.name_span)});
    }
    // Parameters are untyped, so a call's type is known only at run time, where it is checked.
    return kUnknown;
  }
  // sum(xs), mean(xs), count(xs), min(xs), max(xs) over a list of numbers.
  if (stdlib::is_list_aggregate(c.callee) && c.args.size() == 1 && args[0]->kind == TypeKind::List) {
    const TypeRefPtr element = args[0]->element;
    if (c.callee == "count") return kCount;
    if (!numeric(element)) {
      error("E0301", c.args[0]->span,
            fmt::format("'{}' of a list needs numbers, but the list holds {}", c.callee, type_name(element)))
          .help = fmt::format("use '{}(x in list: expression)' to say what to add up", c.callee);
      return kUnknown;
    }
    return element;
  }
  if (const stdlib::Builtin* b = stdlib::find_builtin(c.callee)) {
    const auto n = static_cast<int>(c.args.size());
    if (n < b->min_args || (b->max_args >= 0 && n > b->max_args)) {
      arity_error(b->min_args, b->max_args).help = fmt::format("{}: {}", b->signature, b->summary);
      return kNumber;
    }
    for (std::size_t i = 0; i < c.args.size(); ++i) {
      expect_numeric(*c.args[i], args[i], fmt::format("argument {} of '{}'", i + 1, c.callee));
    }
    if (c.callee == "steps") return kCount;
    return args.empty() || !numeric(args[0]) ? kNumber : args[0];
  }
  // any(…) and all(…) exist only as comprehensions: they need a condition for each element.
  if (c.callee == "any" || c.callee == "all") {
    error("E0311", e.span, fmt::format("'{}' needs a condition for each element", c.callee)).help =
        fmt::format("write {}(x in list: condition), e.g. {}(o in outputs: o.actual >= o.target)", c.callee, c.callee);
    return kBool;
  }
  // sum(x), mean(x), count(x) of something that is not a list.
  if (stdlib::is_list_aggregate(c.callee)) {
    if (c.args.size() != 1) {
      arity_error(1, 1).help =
          fmt::format("'{}' goes over a list: {}(list) or {}(x in list: expression)", c.callee, c.callee, c.callee);
    } else if (!unknown(args[0])) {
      error("E0305", c.args[0]->span, fmt::format("'{}' goes over a list, but this is {}", c.callee, type_name(args[0])));
    }
    return kUnknown;
  }
  if (in_skipped(c.callee)) return kUnknown;
  std::vector<std::string> names;
  for (const auto& d : rs_.defines) names.push_back(d.name);
  for (const auto& b : stdlib::builtins()) names.emplace_back(b.name);
  for (const char* a : {"sum", "mean", "count", "any", "all"}) names.emplace_back(a);
  auto& d = error("E0208", c.callee_span, fmt::format("unknown function '{}'", c.callee));
  if (auto guess = closest_match(c.callee, names)) {
    d.help = fmt::format("did you mean '{}'?", *guess);
  } else {
    d.help = fmt::format("the functions are {}", fmt::join(names, ", "));
  }
  return kUnknown;
}

TypeRefPtr Checker::comprehension(ast::Expr& e, ast::Comprehension& c) {
  const TypeRefPtr list = expr(*c.list);
  TypeRefPtr element = kUnknown;
  if (list->kind == TypeKind::List) {
    element = list->element;
  } else if (!unknown(list)) {
    error("E0305", c.list->span, fmt::format("'{}' goes over a list, but this is {}", c.func, type_name(list)));
  }
  const std::size_t mark = locals_.size();
  c.slot = new_slot();
  locals_.push_back({c.var, ast::NameKind::Loop, c.slot, element, c.var_span, false, nullptr});
  if (c.filter) expect_bool(*c.filter, expr(*c.filter), "a 'where' filter");
  TypeRefPtr body = element;
  if (c.body) body = expr(*c.body);
  locals_.resize(mark);
  if (c.func == "count") {
    if (c.body) {
      error("E0311", c.body->span, "'count' counts elements and takes no ':' expression")
          .help = fmt::format("filter with 'where': count({} in {} where {})", c.var, rs_.slice(c.list->span),
                              rs_.slice(c.body->span));
    }
    return kCount;
  }
  if (c.func == "any" || c.func == "all") {
    if (c.body) expect_bool(*c.body, body, fmt::format("the expression of '{}'", c.func));
    return kBool;
  }
  if (!c.body && !numeric(element) && !unknown(element)) {
    error("E0311", e.span, fmt::format("'{}' needs ': expression' to say which number of each element to use", c.func));
    return kUnknown;
  }
  expect_numeric(c.body ? *c.body : e, body, fmt::format("the expression of '{}'", c.func));
  return numeric(body) ? body : kUnknown;
}

// One case per kind of node; ast::visit makes a missing case a compile error.
TypeRefPtr Checker::expr_impl(ast::Expr& e) {
  return ast::visit(
      e, ast::overloaded{
             [&](ast::NumberLit& n) -> TypeRefPtr { return n.percent ? kPercent : kNumber; },
             [&](ast::StringLit&) -> TypeRefPtr { return kText; },
             [&](ast::BoolLit&) -> TypeRefPtr { return kBool; },
             [&](ast::PointsRef&) -> TypeRefPtr { return points_ref(e); },
             [&](ast::NameRef& n) -> TypeRefPtr { return name(e, n); },
             [&](ast::Member& n) -> TypeRefPtr { return member_access(e, n); },
             [&](ast::Unary& n) -> TypeRefPtr { return unary(n); },
             [&](ast::Binary& n) -> TypeRefPtr { return binary(e, n); },
             [&](ast::Call& n) -> TypeRefPtr { return call(e, n); },
             [&](ast::Comprehension& n) -> TypeRefPtr { return comprehension(e, n); },
             [&](ast::Tiered& n) -> TypeRefPtr { return tiered(n); },
             [&](ast::Brackets& n) -> TypeRefPtr { return brackets(n); },
             [&](ast::Deduct& n) -> TypeRefPtr { return deduct(e, n); },
             [&](ast::Weighted& n) -> TypeRefPtr { return weighted(e, n); },
             [&](ast::Judged& n) -> TypeRefPtr { return judged(e, n); },
             [&](ast::When& n) -> TypeRefPtr { return when(n); },
         });
}

TypeRefPtr Checker::points_ref(ast::Expr& e) {
  if (indicator_ == nullptr) {
    error("E0204", e.span, "'points' is only available inside an indicator")
        .help = "pass the points to the function as a parameter";
  }
  return kNumber;
}

TypeRefPtr Checker::member_access(ast::Expr& e, ast::Member& m) {
  const TypeRefPtr object = expr(*m.object);
  if (unknown(object)) return kUnknown;
  if (object->kind != TypeKind::Record) {
    error("E0306", e.span, fmt::format("'.{}' needs a record, but this is {}", m.field, type_name(object)));
    return kUnknown;
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < object->fields.size(); ++i) {
    if (object->fields[i].name == m.field) {
      m.field_index = static_cast<std::uint32_t>(i);
      return object->fields[i].type;
    }
    names.push_back(object->fields[i].name);
  }
  auto& d = error("E0307", m.field_span, fmt::format("the record has no field '{}'", m.field));
  if (auto guess = closest_match(m.field, names)) {
    d.help = fmt::format("did you mean '{}'?", *guess);
  } else {
    d.help = fmt::format("its fields are {}", fmt::join(names, ", "));
  }
  return kUnknown;
}

TypeRefPtr Checker::unary(ast::Unary& u) {
  const TypeRefPtr t = expr(*u.operand);
  if (u.op == ast::UnaryOp::Not) {
    expect_bool(*u.operand, t, "the operand of 'not'");
    return kBool;
  }
  expect_numeric(*u.operand, t, "the operand of '-'");
  return numeric(t) ? t : kUnknown;
}

TypeRefPtr Checker::tiered(ast::Tiered& t) {
  expect_numeric(*t.subject, expr(*t.subject), "the value of 'tiered'");
  TypeRefPtr result = kUnknown;
  for (auto& tier : t.tiers) {
    interval(tier.interval, "the tier");
    const TypeRefPtr r = expr(*tier.result);
    expect_numeric(*tier.result, r, "a tier's score");
    if (unknown(result)) result = r;
  }
  return numeric(result) ? result : kNumber;
}

TypeRefPtr Checker::brackets(ast::Brackets& b) {
  expect_numeric(*b.subject, expr(*b.subject), "the value of 'brackets'");
  TypeRefPtr result = kUnknown;
  for (auto& arm : b.arms) {
    if (arm.bound) expect_numeric(*arm.bound, expr(*arm.bound), "a bracket's bound");
    const TypeRefPtr r = expr(*arm.result);
    expect_numeric(*arm.result, r, "a bracket's score");
    if (unknown(result)) result = r;
  }
  return numeric(result) ? result : kNumber;
}

TypeRefPtr Checker::deduct(ast::Expr& e, ast::Deduct& d) {
  if (!d.start && indicator_ == nullptr) {
    error("E0204", e.span, "'deduct' outside an indicator needs 'from START'")
        .help = "deductions start from the indicator's points; elsewhere write 'from' and a value";
  }
  for (auto& item : d.items) {
    expect_numeric(*item.amount, expr(*item.amount), "a deduction's amount");
    if (item.kind == ast::DeductionKind::Per) {
      expect_numeric(*item.operand, expr(*item.operand), "what a deduction is 'per'");
    } else if (item.kind == ast::DeductionKind::When) {
      expect_bool(*item.operand, expr(*item.operand), "a deduction's 'when' condition");
    }
  }
  if (d.start) expect_numeric(*d.start, expr(*d.start), "the start of a deduction ('from')");
  if (d.floor) expect_numeric(*d.floor, expr(*d.floor), "the floor of a deduction ('until')");
  return kNumber;
}

TypeRefPtr Checker::weighted(ast::Expr& e, ast::Weighted& w) {
  Decimal total;
  bool all_constant = true;
  std::vector<std::string> weights;
  for (auto& part : w.parts) {
    weights.emplace_back(rs_.slice(part.weight->span));
    expect_numeric(*part.weight, expr(*part.weight), "a part's weight");
    expect_numeric(*part.value, expr(*part.value), "a part's score");
    if (auto weight = constant_value(*part.weight)) {
      total += *weight;
    } else {
      all_constant = false;
    }
  }
  if (all_constant && total != Decimal::from_int(1)) {
    auto& d = error("E0406", e.span, fmt::format("the weights add up to {}, not 100%", format_percent(total)));
    d.notes.push_back({fmt::format("weights: {}", fmt::join(weights, " + ")), std::nullopt});
    d.help = "each part's weight is a share of the score; together they must make 100%";
  }
  return kNumber;
}

TypeRefPtr Checker::judged(ast::Expr& e, ast::Judged& j) {
  const TypeRefPtr score = expr(*j.score);
  expect_numeric(*j.score, score, "a judged score");
  const TypeRefPtr category = expr(*j.category);
  if (!unknown(category) && category->kind != TypeKind::Enum) {
    error("E0308", j.category->span,
          fmt::format("the category of 'judged' must be an enum, but this is {}", type_name(category)));
  }
  std::vector<std::string> seen;
  for (auto& band : j.bands) {
    if (band.value) {
      expect_numeric(*band.value, expr(*band.value), "a category's fixed score");
    } else {
      interval(band.interval, "the band");
    }
    if (std::find(seen.begin(), seen.end(), band.member) != seen.end()) {
      error("E0309", band.member_span, fmt::format("category '{}' has two bands", band.member));
    }
    seen.push_back(band.member);
    if (category->kind == TypeKind::Enum &&
        std::find(category->members.begin(), category->members.end(), band.member) == category->members.end()) {
      auto& d = error("E0304", band.member_span,
                      fmt::format("'{}' is not a member of {}", band.member, ast::describe(*category)));
      if (auto guess = closest_match(band.member, category->members)) {
        d.help = fmt::format("did you mean '{}'?", *guess);
        seen.push_back(*guess);  // so that "'…' has no band" does not repeat this mistake
      }
    }
  }
  if (category->kind == TypeKind::Enum) {
    for (const auto& member : category->members) {
      if (std::find(seen.begin(), seen.end(), member) == seen.end()) {
        error("E0309", e.span, fmt::format("category '{}' has no band", member))
            .help = "every member of the category's enum needs a band";
      }
    }
  }
  return numeric(score) ? score : kNumber;
}

TypeRefPtr Checker::when(ast::When& w) {
  TypeRefPtr result = kUnknown;
  for (auto& arm : w.arms) {
    if (arm.condition) expect_bool(*arm.condition, expr(*arm.condition), "a 'when' condition");
    const TypeRefPtr t = expr(*arm.result);
    if (unknown(result)) result = t;
  }
  return result;
}

// ---- Declarations --------------------------------------------------------------------------

void Checker::report_unused_locals(std::size_t from) {
  if (!skipped_.empty()) return;  // the uses may be in a statement skipped after a syntax error
  for (std::size_t i = from; i < locals_.size(); ++i) {
    if (!locals_[i].used && locals_[i].kind == ast::NameKind::Let) {
      warning("W0203", locals_[i].span, fmt::format("'{}' is never used", locals_[i].name))
          .help = "remove the 'let', or use it";
    }
  }
}

void Checker::defines() {
  define_used_.assign(rs_.defines.size(), false);
  for (std::size_t i = 0; i < rs_.defines.size(); ++i) {
    ast::Define& d = rs_.defines[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (rs_.defines[j].name == d.name) {
        error("E0211", d.name_span, fmt::format("function '{}' is defined twice", d.name))
            .notes.push_back({"first defined here", rs_.at(rs_.defines[j].name_span)});
        define_used_[i] = true;  // calls go to the first one; "never called" would be noise
      }
    }
    if (stdlib::find_builtin(d.name) != nullptr || stdlib::is_list_aggregate(d.name)) {
      error("E0212", d.name_span, fmt::format("'{}' is a built-in function and cannot be redefined", d.name))
          .help = "give the function another name";
      define_used_[i] = true;
    }
    const std::uint32_t saved_next = frame_next_;
    frame_next_ = 0;
    const std::size_t mark = locals_.size();
    for (std::size_t p = 0; p < d.params.size(); ++p) {
      for (std::size_t q = 0; q < p; ++q) {
        if (d.params[q] == d.params[p]) {
          error("E0213", d.param_spans[p], fmt::format("parameter '{}' is listed twice", d.params[p]));
        }
      }
      locals_.push_back({d.params[p], ast::NameKind::Param, new_slot(), kUnknown, d.param_spans[p], false, nullptr});
    }
    define_limit_ = static_cast<int>(i);
    expr(*d.body);
    define_limit_ = -1;
    d.frame_size = frame_next_;
    locals_.resize(mark);
    frame_next_ = saved_next;
  }
}

void Checker::let(ast::Let& l) {
  for (const Local& local : locals_) {
    if (local.name == l.name) {
      warning("W0202", l.name_span, fmt::format("'{}' shadows an earlier '{}'", l.name, l.name))
          .notes.push_back({"the earlier one is here", rs_.at(local.span)});
      break;
    }
  }
  for (const ast::FactDecl& f : rs_.facts) {
    if (f.name == l.name) {
      warning("W0202", l.name_span, fmt::format("'{}' shadows the fact of the same name", l.name));
    }
  }
  const TypeRefPtr t = expr(*l.value);
  l.slot = new_slot();
  locals_.push_back({l.name, ast::NameKind::Let, l.slot, t, l.name_span, false, &l});
}

void Checker::indicator(ast::Indicator& ind) {
  indicator_ = &ind;
  const std::size_t mark = locals_.size();
  for (ast::Let& l : ind.lets) let(l);
  if (ind.score) {
    const TypeRefPtr t = expr(*ind.score);
    if (!unknown(t) && !numeric(t)) {
      error("E0403", ind.score->span, fmt::format("the score of '{}' must be a number, but this is {}", ind.name,
                                                  type_name(t)));
    }
  } else if (!overlaps_skipped(ind.span)) {
    error("E0401", ind.name_span, fmt::format("indicator '{}' has no 'score'", ind.name))
        .help = "add 'score EXPRESSION', e.g. 'score points' for full marks";
  }
  report_unused_locals(mark);
  locals_.resize(mark);
  indicator_ = nullptr;
}


void Checker::items(std::vector<ast::Item>& children, const std::string& parent, const ast::PointsSpec* points) {
  const std::size_t mark = locals_.size();
  std::map<std::string, Span> names;
  Decimal sum;
  std::vector<std::string> parts;
  Decimal total_sum;  // top level only: sum plus the upper ends of signed ranges
  std::vector<std::string> total_parts;
  for (ast::Item& item : children) {
    if (auto* l = std::get_if<ast::Let>(&item)) {
      let(*l);
      continue;
    }
    const std::string* name = nullptr;
    Span name_span;
    const ast::PointsSpec* child_points = nullptr;
    if (auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      items((*s)->items, fmt::format("section '{}'", (*s)->name), &(*s)->points);
      name = &(*s)->name;
      name_span = (*s)->name_span;
      child_points = &(*s)->points;
    } else if (auto* ind = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
      indicator(**ind);
      name = &(*ind)->name;
      name_span = (*ind)->name_span;
      child_points = &(*ind)->points;
    }
    if (auto [it, inserted] = names.emplace(*name, name_span); !inserted) {
      error("E0402", name_span, fmt::format("'{}' appears twice in {}", *name, parent))
          .notes.push_back({"first here", rs_.at(it->second)});
    }
    // A signed range (a bonus/penalty item) is not part of its section's points; at the top level
    // its upper end counts toward the total, the most a department can score.
    if (!child_points->range) {
      sum += child_points->hi;
      parts.push_back(fmt::format("{} {}", *name, child_points->hi.to_string()));
    } else if (points == nullptr) {
      total_sum += child_points->hi;
      total_parts.push_back(fmt::format("{} (at most) {}", *name, child_points->hi.to_string()));
    }
  }
  total_sum += sum;
  total_parts.insert(total_parts.begin(), parts.begin(), parts.end());
  report_unused_locals(mark);
  locals_.resize(mark);
  if (points != nullptr && !points->range && !parts.empty() && sum != points->hi) {
    error("E0404", points->span,
          fmt::format("the parts of {} add up to {}, not its {} points", parent, sum.to_string(), points->hi.to_string()))
        .notes.push_back({fmt::format("parts: {}", fmt::join(parts, " + ")), std::nullopt});
  }
  // No parts at all is E0410 (degenerate()): the ruleset scores nothing, whatever its total.
  if (points == nullptr && rs_.total && !total_parts.empty() && total_sum != *rs_.total) {
    error("E0405", rs_.total_span,
          fmt::format("the top-level sections add up to {}, not the ruleset's total {}", total_sum.to_string(),
                      rs_.total->to_string()))
        .notes.push_back({fmt::format("parts: {}", fmt::join(total_parts, " + ")), std::nullopt});
  }
}

void Checker::grades() {
  if (rs_.grades.empty()) {
    if (rs_.grade_span.end == 0) {
      warning("W0503", rs_.header_span, "the ruleset has no 'grade' table; totals will have no grade")
          .help = "add e.g. 'grade { 优 >= 90; 良 >= 80; 中 >= 60; 差 otherwise }'";
    } else {
      error("E0501", rs_.grade_span, "the 'grade' table is empty")
          .help = "list the grades best first, e.g. 'grade { 优 >= 90; 良 >= 80; 中 >= 60; 差 otherwise }'";
    }
    return;
  }
  std::optional<Decimal> previous;
  for (std::size_t i = 0; i < rs_.grades.size(); ++i) {
    const ast::GradeArm& g = rs_.grades[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (rs_.grades[j].name == g.name) error("E0503", g.span, fmt::format("grade '{}' is listed twice", g.name));
    }
    if (!g.threshold) {
      if (i + 1 != rs_.grades.size()) {
        error("E0501", g.span, "'otherwise' must be the last grade: the grades after it can never be given");
      }
      continue;
    }
    if (previous && *g.threshold >= *previous) {
      error("E0502", g.span,
            fmt::format("grade thresholds must descend: {} follows {}", g.threshold->to_string(), previous->to_string()))
          .help = "list the best grade first";
    }
    previous = g.threshold;
  }
  const bool has_otherwise = std::any_of(rs_.grades.begin(), rs_.grades.end(),
                                         [](const ast::GradeArm& g) { return !g.threshold; });
  if (!has_otherwise) {
    error("E0501", rs_.grades.back().span, "the last grade must be 'otherwise', so that every total gets a grade")
        .help = fmt::format("e.g. '{} otherwise'", rs_.grades.back().name);
  }
}

namespace {

std::size_t count_indicators(const std::vector<ast::Item>& items) {
  std::size_t n = 0;
  for (const ast::Item& item : items) {
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) n += count_indicators((*s)->items);
    if (std::holds_alternative<std::unique_ptr<ast::Indicator>>(item)) ++n;
  }
  return n;
}

}  // namespace

// Rulesets that check but can score nothing: every department would get 0 (and, without a grade
// table, no grade) with exit 0. A ruleset with no indicator at all (an empty file after its
// header, `extends ""`, an extends that removes every indicator), or a total of 0.
void Checker::degenerate() {
  if (count_indicators(rs_.items) == 0) {
    auto& d = error("E0410", rs_.header_span, "the ruleset has no indicators: it would score every department 0");
    d.help = rs_.extends.empty() ? "add the sections and indicators of the criteria (see docs/language.md)"
                                 : "the changes remove every indicator of the base; keep at least one";
    return;
  }
  if (rs_.total && rs_.total->is_zero()) {
    error("E0411", rs_.total_span, "the ruleset's total is 0: it would score every department 0")
        .help = "write the total of the criteria's points, e.g. 'total 100'";
  }
}

void Checker::run() {
  if (rs_.name.empty() && rs_.year == 0) return;  // the header failed to parse
  facts();
  defines();
  for (ast::Let& l : rs_.lets) let(l);
  const std::size_t globals = locals_.size();
  items(rs_.items, "the ruleset", nullptr);
  // Top-level lets stay visible through the whole tree; report those never used.
  report_unused_locals(0);
  locals_.resize(globals);
  rs_.frame_size = frame_next_;
  grades();
  degenerate();
  // After a syntax error the uses may be in a skipped statement: "never used" would be noise.
  if (!skipped_.empty()) return;
  for (std::size_t i = 0; i < rs_.facts.size(); ++i) {
    const auto first = std::find_if(rs_.facts.begin(), rs_.facts.end(),
                                    [&](const ast::FactDecl& f) { return f.name == rs_.facts[i].name; });
    if (first != rs_.facts.begin() + static_cast<std::ptrdiff_t>(i)) continue;  // a duplicate, reported as E0101
    if (!fact_used_[i]) {
      warning("W0102", rs_.facts[i].name_span, fmt::format("fact '{}' is never used", rs_.facts[i].name))
          .help = "remove it, or use it in a score";
    }
  }
  for (std::size_t i = 0; i < rs_.defines.size(); ++i) {
    if (!define_used_[i]) {
      warning("W0111", rs_.defines[i].name_span, fmt::format("function '{}' is never called", rs_.defines[i].name));
    }
  }
}

}  // namespace

Diagnostics check(ast::Ruleset& ruleset, const std::vector<Span>& skipped) {
  Diagnostics diagnostics;
  Checker(ruleset, skipped, diagnostics).run();
  return diagnostics;
}

}  // namespace rubric
