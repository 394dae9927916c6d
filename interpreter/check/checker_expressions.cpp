// The checker: the type of each expression. See checker_internal.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "dsl/visit.hpp"
#include "base/messages.hpp"
#include "interpreter/check/checker.hpp"
#include "interpreter/check/checker_internal.hpp"
#include "stdlib/builtins.hpp"

namespace rubric::checking {

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
      expect_bool(*b.lhs, lt, tr_format("the left side of '{}'", op));
      expect_bool(*b.rhs, rt, tr_format("the right side of '{}'", op));
      return kBool;
    default:
      if (lt->kind == TypeKind::Date || rt->kind == TypeKind::Date) return date_binary(e, b, lt, rt);
      break;
  }
  switch (b.op) {
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
      auto& d = error("E0302", e.span, tr_format("cannot compare {} with {}", type_name(lt), type_name(rt)));
      const bool enum_left = lt->kind == TypeKind::Enum;
      const TypeRefPtr& enum_side = enum_left ? lt : rt;
      if (enum_side->kind == TypeKind::Enum && !enum_side->members.empty()) {
        const std::string_view name = rs_.slice((enum_left ? b.lhs : b.rhs)->span);
        d.help = tr_format("compare it with a member's name as a string, e.g. '{} {} \"{}\"'",
                             name.size() <= 40 ? name : "x", op, enum_side->members.front());
      }
      return kBool;
    }
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
      expect_numeric(*b.lhs, lt, tr_format("the left side of '{}'", op));
      expect_numeric(*b.rhs, rt, tr_format("the right side of '{}'", op));
      return kBool;
    default:
      break;
  }
  expect_numeric(*b.lhs, lt, tr_format("the left side of '{}'", op));
  expect_numeric(*b.rhs, rt, tr_format("the right side of '{}'", op));
  // A side that is not a number has been reported: the result's type is unknown, not a second error.
  if (!numeric(lt) || !numeric(rt)) return kUnknown;
  if (b.op == Op::Add || b.op == Op::Sub) return lt->kind == rt->kind ? lt : kNumber;
  if (b.op == Op::Mul) {
    if (lt->kind == TypeKind::Percent) return of_kind(rt->kind == TypeKind::Count ? TypeKind::Number : rt->kind);
    if (rt->kind == TypeKind::Percent) return of_kind(lt->kind == TypeKind::Count ? TypeKind::Number : lt->kind);
    return kNumber;
  }
  if (const auto divisor = constant_value(*b.rhs); divisor && divisor->is_zero()) {
    error("E0310", b.rhs->span, std::string(tr("division by zero")));
  }
  // Money over money is a rate, such as (spent − budget) / budget.
  if (lt->kind == TypeKind::Money && rt->kind == TypeKind::Money) return kPercent;
  if (rt->kind == TypeKind::Percent || rt->kind == TypeKind::Count || rt->kind == TypeKind::Number) {
    return lt->kind == TypeKind::Count ? kNumber : lt;
  }
  return kNumber;
}

// "'clamp' takes 3 arguments, but 2 were given"
Diagnostic& Checker::arity_error(ast::Expr& e, const ast::Call& c, int min_args, int max_args) {
  const auto plural = [](int n) { return n == 1 ? "" : "s"; };
  const std::string takes = min_args == max_args ? tr_format("{} argument{}", min_args, plural(min_args))
                            : max_args < 0       ? tr_format("at least {} argument{}", min_args, plural(min_args))
                                                 : tr_format("{} or {} arguments", min_args, max_args);
  return error("E0209", e.span, tr_format("'{}' takes {}, but {} {} given", c.callee, takes, c.args.size(),
                                            c.args.size() == 1 ? "was" : "were"));
}

// A call of the user-defined function rs_.defines[i].
TypeRefPtr Checker::define_call(ast::Expr& e, ast::Call& c, std::size_t i) {
  const ast::Define& d = rs_.defines[i];
  if (define_limit_ >= 0 && static_cast<int>(i) >= define_limit_) {
    define_used_[i] = true;  // it is called, only in the wrong place
    if (static_cast<int>(i) == define_limit_) {
      error("E0210", c.callee_span, tr_format("'{}' calls itself: recursion is not allowed", c.callee))
          .help = std::string(tr("count steps with 'steps(x, size)', or repeat over a list with sum(…), count(…), …"));
    } else {
      error("E0210", c.callee_span,
            tr_format("'{}' is defined below: a function may only call functions defined before it", c.callee))
          .notes.push_back({tr_format("'{}' is defined here; move it above the function that calls it", c.callee),
                            rs_.at(d.name_span)});
    }
    return kUnknown;
  }
  define_used_[i] = true;
  c.define_index = static_cast<std::int32_t>(i);
  if (c.args.size() != d.params.size()) {
    const int n = static_cast<int>(d.params.size());
    arity_error(e, c, n, n).notes.push_back(
        {tr_format("defined here as {}({})", d.name, fmt::join(d.params, ", ")), rs_.at(d.name_span)});
  }
  // Parameters are untyped, so a call's type is known only at run time, where it is checked.
  return kUnknown;
}

// `prior(FACT)`: the department's value of a fact last year (docs/language.md, "Last year's
// figures"). Its argument is a fact's name, not an expression: last year's facts are read for it.
TypeRefPtr Checker::prior_call(ast::Expr& e, ast::Call& c, const std::vector<TypeRefPtr>& args) {
  if (c.args.size() != 1) {
    arity_error(e, c, 1, 1).help = std::string(tr("prior(FACT) reads one fact's value last year, e.g. prior(three_public_expense)"));
    return kUnknown;
  }
  const auto* name = std::get_if<ast::NameRef>(&c.args[0]->node);
  if (name == nullptr || name->kind != ast::NameKind::Fact) {
    if (name != nullptr && name->kind == ast::NameKind::Unresolved) return kUnknown;  // reported as unknown
    error("E0312", c.args[0]->span, std::string(tr("prior(…) reads a fact's value last year: its argument must be a fact's name")))
        .help = std::string(tr("write e.g. prior(three_public_expense); to compare with a computed value, compute it from prior(…) "
                "of each fact it uses"));
    return kUnknown;
  }
  c.prior = true;
  if (rs_.prior_facts.size() < rs_.facts.size()) rs_.prior_facts.resize(rs_.facts.size());
  rs_.prior_facts[name->index] = true;
  return args[0];
}

TypeRefPtr Checker::call(ast::Expr& e, ast::Call& c) {
  std::vector<TypeRefPtr> args;
  for (auto& a : c.args) args.push_back(expr(*a));
  // A user-defined function.
  for (std::size_t i = 0; i < rs_.defines.size(); ++i) {
    if (rs_.defines[i].name == c.callee) return define_call(e, c, i);
  }
  if (c.callee == "prior") return prior_call(e, c, args);
  if (c.callee == "working_days") return working_days_call(e, c, args);
  if (year_of(c.callee) != ast::YearOf::None) return year_call(e, c, args);
  // A built-in, resolved here once: the later stages read the pointer and the kind, not the name.
  c.builtin = stdlib::find_builtin(c.callee);
  c.aggregate = c.args.size() == 1 ? stdlib::list_aggregate(c.callee) : stdlib::Aggregate::None;
  // sum(xs), mean(xs), count(xs), min(xs), max(xs) over a list of numbers.
  if (c.aggregate != stdlib::Aggregate::None && args[0]->kind == TypeKind::List) {
    const TypeRefPtr element = args[0]->element;
    if (c.aggregate == stdlib::Aggregate::Count) return kCount;
    if (!numeric(element)) {
      error("E0301", c.args[0]->span,
            tr_format("'{}' of a list needs numbers, but the list holds {}", c.callee, type_name(element)))
          .help = tr_format("use '{}(x in list: expression)' to say what to add up", c.callee);
      return kUnknown;
    }
    return element;
  }
  if (const stdlib::Builtin* b = c.builtin) {
    const auto n = static_cast<int>(c.args.size());
    if (n < b->min_args || (b->max_args >= 0 && n > b->max_args)) {
      arity_error(e, c, b->min_args, b->max_args).help = fmt::format("{}: {}", b->signature, b->summary);
      return kNumber;
    }
    for (std::size_t i = 0; i < c.args.size(); ++i) {
      expect_numeric(*c.args[i], args[i], tr_format("argument {} of '{}'", i + 1, c.callee));
    }
    if (b->id == stdlib::BuiltinId::Steps) return kCount;
    return args.empty() || !numeric(args[0]) ? kNumber : args[0];
  }
  // any(…) and all(…) exist only as comprehensions: they need a condition for each element.
  if (c.callee == "any" || c.callee == "all") {
    error("E0311", e.span, tr_format("'{}' needs a condition for each element", c.callee)).help =
        tr_format("write {}(x in list: condition), e.g. {}(o in outputs: o.actual >= o.target)", c.callee, c.callee);
    return kBool;
  }
  // sum(x), mean(x), count(x) of something that is not a list.
  if (stdlib::list_aggregate(c.callee) != stdlib::Aggregate::None) {
    if (c.args.size() != 1) {
      arity_error(e, c, 1, 1).help =
          tr_format("'{}' goes over a list: {}(list) or {}(x in list: expression)", c.callee, c.callee, c.callee);
    } else if (!unknown(args[0])) {
      error("E0305", c.args[0]->span, tr_format("'{}' goes over a list, but this is {}", c.callee, type_name(args[0])));
    }
    return kUnknown;
  }
  if (in_skipped(c.callee)) return kUnknown;
  std::vector<std::string> names;
  for (const auto& d : rs_.defines) names.push_back(d.name);
  for (const auto& b : stdlib::builtins()) names.emplace_back(b.name);
  for (const char* a : {"sum", "mean", "count", "any", "all"}) names.emplace_back(a);
  auto& d = error("E0208", c.callee_span, tr_format("unknown function '{}'", c.callee));
  if (removed_here(d, c.callee)) return kUnknown;
  if (auto guess = closest_match(c.callee, names)) {
    d.help = tr_format("did you mean '{}'?", *guess);
  } else {
    d.help = tr_format("the functions are {}", fmt::join(names, ", "));
  }
  return kUnknown;
}

TypeRefPtr Checker::comprehension(ast::Expr& e, ast::Comprehension& c) {
  c.aggregate = stdlib::aggregate_named(c.func);  // resolved here once, like a built-in call
  const TypeRefPtr list = expr(*c.list);
  TypeRefPtr element = kUnknown;
  if (list->kind == TypeKind::List) {
    element = list->element;
  } else if (!unknown(list)) {
    error("E0305", c.list->span, tr_format("'{}' goes over a list, but this is {}", c.func, type_name(list)));
  }
  const std::size_t mark = locals_.size();
  c.slot = new_slot();
  locals_.push_back({c.var, ast::NameKind::Loop, c.slot, element, c.var_span, false, nullptr});
  if (c.filter) expect_bool(*c.filter, expr(*c.filter), std::string(tr("a 'where' filter")));
  TypeRefPtr body = element;
  if (c.body) body = expr(*c.body);
  locals_.resize(mark);
  if (c.func == "count") {
    if (c.body) {
      error("E0311", c.body->span, std::string(tr("'count' counts elements and takes no ':' expression")))
          .help = tr_format("filter with 'where': count({} in {} where {})", c.var, rs_.slice(c.list->span),
                              rs_.slice(c.body->span));
    }
    return kCount;
  }
  if (c.func == "any" || c.func == "all") {
    if (c.body) expect_bool(*c.body, body, tr_format("the expression of '{}'", c.func));
    return kBool;
  }
  if (!c.body && !numeric(element) && !unknown(element)) {
    error("E0311", e.span, tr_format("'{}' needs ': expression' to say which number of each element to use", c.func));
    return kUnknown;
  }
  expect_numeric(c.body ? *c.body : e, body, tr_format("the expression of '{}'", c.func));
  return numeric(body) ? body : kUnknown;
}

// One case per kind of node; ast::visit makes a missing case a compile error.
TypeRefPtr Checker::expr_impl(ast::Expr& e) {
  return ast::visit(
      e, ast::overloaded{
             [&](ast::NumberLit& n) -> TypeRefPtr { return n.date ? date_type() : n.percent ? kPercent : kNumber; },
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
    error("E0204", e.span, std::string(tr("'points' is only available inside an indicator")))
        .help = std::string(tr("pass the points to the function as a parameter"));
  }
  return kNumber;
}

TypeRefPtr Checker::member_access(ast::Expr& e, ast::Member& m) {
  const TypeRefPtr object = expr(*m.object);
  if (unknown(object)) return kUnknown;
  if (object->kind != TypeKind::Record) {
    error("E0306", e.span, tr_format("'.{}' needs a record, but this is {}", m.field, type_name(object)));
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
  auto& d = error("E0307", m.field_span, tr_format("the record has no field '{}'", m.field));
  if (auto guess = closest_match(m.field, names)) {
    d.help = tr_format("did you mean '{}'?", *guess);
  } else {
    d.help = tr_format("its fields are {}", fmt::join(names, ", "));
  }
  return kUnknown;
}

TypeRefPtr Checker::unary(ast::Unary& u) {
  const TypeRefPtr t = expr(*u.operand);
  if (u.op == ast::UnaryOp::Not) {
    expect_bool(*u.operand, t, std::string(tr("the operand of 'not'")));
    return kBool;
  }
  expect_numeric(*u.operand, t, std::string(tr("the operand of '-'")));
  return numeric(t) ? t : kUnknown;
}

TypeRefPtr Checker::tiered(ast::Tiered& t) {
  expect_numeric(*t.subject, expr(*t.subject), std::string(tr("the value of 'tiered'")));
  TypeRefPtr result = kUnknown;
  for (auto& tier : t.tiers) {
    interval(tier.interval, std::string(tr("the tier")));
    const TypeRefPtr r = expr(*tier.result);
    expect_numeric(*tier.result, r, std::string(tr("a tier's score")));
    if (unknown(result)) result = r;
  }
  return numeric(result) ? result : kNumber;
}

TypeRefPtr Checker::brackets(ast::Brackets& b) {
  expect_numeric(*b.subject, expr(*b.subject), std::string(tr("the value of 'brackets'")));
  TypeRefPtr result = kUnknown;
  for (auto& arm : b.arms) {
    if (arm.bound) expect_numeric(*arm.bound, expr(*arm.bound), std::string(tr("a bracket's bound")));
    const TypeRefPtr r = expr(*arm.result);
    expect_numeric(*arm.result, r, std::string(tr("a bracket's score")));
    if (unknown(result)) result = r;
  }
  return numeric(result) ? result : kNumber;
}

TypeRefPtr Checker::deduct(ast::Expr& e, ast::Deduct& d) {
  if (!d.start && indicator_ == nullptr) {
    error("E0204", e.span, std::string(tr("'deduct' outside an indicator needs 'from START'")))
        .help = std::string(tr("deductions start from the indicator's points; elsewhere write 'from' and a value"));
  }
  for (auto& item : d.items) {
    expect_numeric(*item.amount, expr(*item.amount), std::string(tr("a deduction's amount")));
    if (item.kind == ast::DeductionKind::Per) {
      expect_numeric(*item.operand, expr(*item.operand), std::string(tr("what a deduction is 'per'")));
    } else if (item.kind == ast::DeductionKind::When) {
      expect_bool(*item.operand, expr(*item.operand), std::string(tr("a deduction's 'when' condition")));
    }
  }
  if (d.start) expect_numeric(*d.start, expr(*d.start), std::string(tr("the start of a deduction ('from')")));
  if (d.floor) expect_numeric(*d.floor, expr(*d.floor), std::string(tr("the floor of a deduction ('until')")));
  return kNumber;
}

TypeRefPtr Checker::weighted(ast::Expr& e, ast::Weighted& w) {
  Decimal total;
  bool all_constant = true;
  std::vector<std::string> weights;
  for (auto& part : w.parts) {
    weights.emplace_back(rs_.slice(part.weight->span));
    expect_numeric(*part.weight, expr(*part.weight), std::string(tr("a part's weight")));
    expect_numeric(*part.value, expr(*part.value), std::string(tr("a part's score")));
    if (auto weight = constant_value(*part.weight)) {
      total += *weight;
    } else {
      all_constant = false;
    }
  }
  if (all_constant && total != Decimal::from_int(1)) {
    auto& d = error("E0406", e.span, tr_format("the weights add up to {}, not 100%", format_percent(total)));
    d.notes.push_back({tr_format("weights: {}", fmt::join(weights, " + ")), std::nullopt});
    d.help = std::string(tr("each part's weight is a share of the score; together they must make 100%"));
  }
  return kNumber;
}

TypeRefPtr Checker::judged(ast::Expr& e, ast::Judged& j) {
  const TypeRefPtr score = expr(*j.score);
  expect_numeric(*j.score, score, std::string(tr("a judged score")));
  const TypeRefPtr category = expr(*j.category);
  if (!unknown(category) && category->kind != TypeKind::Enum) {
    error("E0308", j.category->span,
          tr_format("the category of 'judged' must be an enum, but this is {}", type_name(category)));
  }
  std::vector<std::string> seen;
  for (auto& band : j.bands) {
    if (band.value) {
      expect_numeric(*band.value, expr(*band.value), std::string(tr("a category's fixed score")));
    } else {
      interval(band.interval, std::string(tr("the band")));
    }
    if (std::find(seen.begin(), seen.end(), band.member) != seen.end()) {
      error("E0309", band.member_span, tr_format("category '{}' has two bands", band.member));
    }
    seen.push_back(band.member);
    if (category->kind == TypeKind::Enum &&
        std::find(category->members.begin(), category->members.end(), band.member) == category->members.end()) {
      auto& d = error("E0304", band.member_span,
                      tr_format("'{}' is not a member of {}", band.member, ast::describe(*category)));
      if (auto guess = closest_match(band.member, category->members)) {
        d.help = tr_format("did you mean '{}'?", *guess);
        seen.push_back(*guess);  // so that "'…' has no band" does not repeat this mistake
      }
    }
  }
  if (category->kind == TypeKind::Enum) {
    for (const auto& member : category->members) {
      if (std::find(seen.begin(), seen.end(), member) == seen.end()) {
        error("E0309", e.span, tr_format("category '{}' has no band", member))
            .help = std::string(tr("every member of the category's enum needs a band"));
      }
    }
  }
  return numeric(score) ? score : kNumber;
}

TypeRefPtr Checker::when(ast::When& w) {
  TypeRefPtr result = kUnknown;
  for (auto& arm : w.arms) {
    if (arm.condition) expect_bool(*arm.condition, expr(*arm.condition), std::string(tr("a 'when' condition")));
    const TypeRefPtr t = expr(*arm.result);
    if (unknown(result)) result = t;
  }
  return result;
}

}  // namespace rubric::checking
