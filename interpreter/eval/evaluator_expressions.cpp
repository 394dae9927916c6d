// The evaluator: expressions, calls and aggregates. See evaluator_internal.hpp.
#include <fmt/format.h>

#include <algorithm>

#include "dsl/visit.hpp"
#include "base/messages.hpp"
#include "interpreter/check/interval.hpp"
#include "interpreter/eval/cohort.hpp"
#include "interpreter/eval/evaluator_internal.hpp"
#include "stdlib/builtins.hpp"

namespace rubric::evaluation {

namespace {

// How an aggregate reads in the 评分依据 (see rounding_words in evaluator.cpp).
std::string_view aggregate_words(const ast::Comprehension& c) {
  if (c.aggregate == stdlib::Aggregate::Sum) return "合计";
  if (c.aggregate == stdlib::Aggregate::Mean) return "平均值";
  if (c.aggregate == stdlib::Aggregate::Min) return "最小值";
  if (c.aggregate == stdlib::Aggregate::Max) return "最大值";
  return c.func;
}

}  // namespace

// ---- Expressions ---------------------------------------------------------------------------

Value Evaluator::eval(const ast::Expr& e) {
  if (++steps_ > options_.step_budget) {
    fail("E0711", e.span, tr_format("evaluation took more than {} steps", options_.step_budget),
         std::string(tr("the ruleset or the facts are too large for one evaluation")));
  }
  // Bounds the recursion below: function calls multiply the depth of their bodies.
  if (nested_ >= kMaxEvalNesting) {
    fail("E0711", e.span, tr_format("expressions and the calls in them nest more than {} deep", kMaxEvalNesting));
  }
  ++nested_;
  struct Unnest {
    int& nested;
    ~Unnest() { --nested; }
  } unnest{nested_};
  try {
    return eval_impl(e);
  } catch (const DecimalError& err) {
    fail(err.kind() == DecimalError::Kind::DivisionByZero ? "E0701" : "E0706", e.span, err.what());
  }
}

Value Evaluator::name(const ast::Expr& e, const ast::NameRef& n) {
  switch (n.kind) {
    case ast::NameKind::Fact: return facts_.values[n.index];
    case ast::NameKind::Let:
      if (frame_ == &globals_ && !failed_[n.index].empty()) {
        fail("E0713", e.span, tr_format("'{}' could not be computed: {}", n.name, failed_[n.index]));
      }
      return (*frame_)[n.index];
    case ast::NameKind::Param:
    case ast::NameKind::Loop: return (*frame_)[n.index];
    case ast::NameKind::Unresolved: break;
  }
  fail("E0799", e.span, tr_format("internal: '{}' was not resolved by the checker", n.name));
}

Value Evaluator::binary(const ast::Expr& e, const ast::Binary& b) {
  using Op = ast::BinaryOp;
  if (b.op == Op::And) return Value(truth(*b.lhs) && truth(*b.rhs));
  if (b.op == Op::Or) return Value(truth(*b.lhs) || truth(*b.rhs));
  const Value lhs = eval(*b.lhs);
  const Value rhs = eval(*b.rhs);
  // Two numbers compared: which side of the other the left one is (below, on, above), not only
  // the outcome, so that `p == 50%` is three pieces for rubric whatif, not one with a hole.
  const auto side = [](const Decimal& x, const Decimal& y) -> std::uint64_t { return x < y ? 0 : x == y ? 1 : 2; };
  if (b.op == Op::Eq || b.op == Op::Ne) {
    bool equal = false;
    if (lhs.is_number() && rhs.is_number()) {
      equal = lhs.number() == rhs.number();
      choice(e.span, side(lhs.number(), rhs.number()));
    } else {
      if (lhs.is_text() && rhs.is_text()) equal = lhs.text() == rhs.text();
      else if (lhs.is_bool() && rhs.is_bool()) equal = lhs.boolean() == rhs.boolean();
      choice(e.span, equal ? 1 : 0);
    }
    return Value(b.op == Op::Eq ? equal : !equal);
  }
  if (!lhs.is_number() || !rhs.is_number()) fail("E0714", e.span, std::string(tr("arithmetic needs numbers")));
  const Decimal& x = lhs.number();
  const Decimal& y = rhs.number();
  switch (b.op) {
    case Op::Add: return Value(x + y);
    case Op::Sub: return Value(x - y);
    case Op::Mul: return Value(x * y);
    case Op::Div:
      if (y.is_zero()) {
        fail("E0701", e.span,
             tr_format("division by zero: {} is {} and {} is 0", src(b.lhs->span), show(x, b.lhs->type), src(b.rhs->span)),
             std::string(tr("guard the division, e.g. 'when total == 0 -> … otherwise …'")));
      }
      return Value(x / y);
    case Op::Lt: choice(e.span, side(x, y)); return Value(x < y);
    case Op::Le: choice(e.span, side(x, y)); return Value(x <= y);
    case Op::Gt: choice(e.span, side(x, y)); return Value(x > y);
    case Op::Ge: choice(e.span, side(x, y)); return Value(x >= y);
    default: break;
  }
  fail("E0799", e.span, std::string(tr("internal: unknown operator")));
}

// A call of a user `define`: its body in a frame of the arguments.
Value Evaluator::call_define(const ast::Expr& e, const ast::Call& c) {
  const ast::Define& d = rs_.defines[static_cast<std::size_t>(c.define_index)];
  std::vector<Value> frame(std::max<std::size_t>(d.frame_size, d.params.size()));
  for (std::size_t i = 0; i < c.args.size(); ++i) frame[i] = eval(*c.args[i]);
  if (++calls_ > options_.max_call_depth) {
    fail("E0711", e.span, tr_format("function calls nest more than {} deep", options_.max_call_depth));
  }
  std::vector<Value>* saved = frame_;
  frame_ = &frame;
  const ast::Define* saved_define = define_;
  define_ = &d;
  const bool tracked = options_.tested != nullptr;
  if (tracked) call_path_.push_back(e.span.begin);
  struct Restore {
    Evaluator& ev;
    std::vector<Value>* frame;
    const ast::Define* define;
    bool tracked;
    ~Restore() {
      ev.frame_ = frame;
      ev.define_ = define;
      --ev.calls_;
      if (tracked) ev.call_path_.pop_back();
    }
  } restore{*this, saved, saved_define, tracked};
  // `explain` shows each call with the values it was given and what it gave, above the steps
  // taken inside it: completion(rate = 102%, pts = 5) = 5; the first kMaxTracedCalls of an
  // indicator, so that a ruleset of many calls does not fill the trace.
  if (!options_.trace || trace_ == nullptr || traced_calls_ > kMaxTracedCalls) return eval(*d.body);
  if (++traced_calls_ > kMaxTracedCalls) {
    trace_->push_back(TraceStep{depth_, e.span, fmt::format("（其后的函数调用不再逐一列出：每个指标最多列出 {} 次）", kMaxTracedCalls), false, "", "", ""});
    return eval(*d.body);
  }
  const std::size_t mark = trace_->size();
  trace_->push_back(TraceStep{depth_, e.span, "", false, "", "", ""});
  Value result;
  try {
    result = eval(*d.body);
  } catch (...) {
    trace_->erase(trace_->begin() + static_cast<std::ptrdiff_t>(mark));
    throw;
  }
  std::vector<std::string> given;
  for (std::size_t i = 0; i < c.args.size() && i < d.params.size(); ++i) {
    given.push_back(fmt::format("{} = {}", d.params[i], format_value(frame[i], c.args[i]->type)));
  }
  (*trace_)[mark].text = prefix_ + fmt::format("{}({}) = {}", d.name, fmt::join(given, ", "), format_value(result, e.type));
  return result;
}

// `prior(FACT)`: the fact's value in the department's facts of last year.
Value Evaluator::prior(const ast::Expr& e, const ast::Call& c) {
  const auto& n = std::get<ast::NameRef>(c.args[0]->node);
  const ast::FactDecl& fact = rs_.facts[n.index];
  const std::string label = fact.label.empty() ? fact.name : fact.label;
  if (!facts_.prior) {
    fail("E0716", e.span,
         tr_format("the rule reads last year's '{}' ({}), but no facts of last year were given", fact.name, label),
         std::string(tr("pass the department's facts of last year: rubric score RULESET FACTS --prior LAST_YEAR_FACTS "
         "(rubric batch: --prior LAST_YEAR_BATCH)")));
  }
  const Value& v = facts_.prior->values[n.index];
  step_once(e.span, fmt::format("上年{} = {}", label, format_value(v, e.type)),
            "上年" + said(*c.args[0]) + is_value(v.is_number() ? people(v.number(), e.type) : format_value(v, e.type)),
            "上年" + said(*c.args[0]));
  return v;
}

// `working_days(FROM, TO)`: the working days after FROM up to TO, by the ruleset's calendar.
Value Evaluator::working_days(const ast::Expr& e, const ast::Call& c) {
  const Decimal from = num(*c.args[0]);
  const Decimal to = num(*c.args[1]);
  const auto a = from.to_int64();
  const auto b = to.to_int64();
  const auto days = a && b ? rs_.work_calendar.working_days(*a, *b) : std::nullopt;
  if (!days) {
    const std::int64_t outside = a && b ? (rs_.work_calendar.covers(*a) ? *b : *a) : 0;
    std::vector<std::string> years;
    for (const int y : rs_.work_calendar.years) years.push_back(std::to_string(y));
    fail("E0717", e.span,
         tr_format("the ruleset's calendar has no working days of {} (it covers {}): cannot count from {} to {}",
                     civil_from_days(outside).year, fmt::join(years, ", "), format_date(a.value_or(0)),
                     format_date(b.value_or(0))),
         std::string(tr("add that year's calendar (its holidays and the weekend days worked) to the ruleset, as the official notice "
         "lists them")));
  }
  const std::string counted = fmt::format("{} 至 {} 的工作日 {} 天", format_date(*a), format_date(*b), *days);
  step(e.span, counted, true, {},
       fmt::format("{} {} 至{} {} 的工作日 {} 天", said(*c.args[0]), format_date(*a), said(*c.args[1]), format_date(*b), *days));
  return Value(Decimal::from_int(*days));
}

// `year_mean(FACT)` …: the fact across the year's departments (Facts::cohort).
Value Evaluator::year_of(const ast::Expr& e, const ast::Call& c) {
  const auto& n = std::get<ast::NameRef>(c.args[0]->node);
  const ast::FactDecl& fact = rs_.facts[n.index];
  const std::string label = fact.label.empty() ? fact.name : fact.label;
  if (!facts_.cohort) {
    fail("E0718", e.span,
         tr_format("the rule compares '{}' ({}) with the other departments of the year, but it was scored alone",
                     fact.name, label),
         std::string(tr("score the year's departments together: rubric batch RULESET DEPARTMENTS -o RESULTS, or rubric score "
         "RULESET FACTS --cohort DEPARTMENTS")));
  }
  const Cohort& cohort = *facts_.cohort;
  const Decimal own = facts_.values[n.index].number();
  const bool percentile = c.year_of == ast::YearOf::Percentile;
  const Decimal share = percentile ? std::get<ast::NumberLit>(c.args[1]->node).value : Decimal();
  const auto value = year_value(cohort, c.year_of, n.index, own, share);
  if (!value) {
    fail("E0718", e.span,
         tr_format("the year's figure of '{}' ({}) cannot be had from {}: no department there has it, or their sum "
                     "is beyond 38 digits",
                     fact.name, label, cohort.source));
  }
  const bool counted = c.year_of == ast::YearOf::Rank || c.year_of == ast::YearOf::Count;
  const std::string shown = format_number(*value, counted ? ast::TypeKind::Count : e.type);
  const std::size_t count = cohort.departments;
  const std::string what = c.year_of == ast::YearOf::Mean ? "平均值"
                           : c.year_of == ast::YearOf::Min ? "最小值"
                           : c.year_of == ast::YearOf::Max ? "最大值"
                                                           : fmt::format("第 {} 百分位数", format_number(share * Decimal::from_int(100), ast::TypeKind::Number));
  const std::string name = said(*c.args[0]);
  std::string text;
  std::string plain;
  if (c.year_of == ast::YearOf::Rank) {
    text = fmt::format("{} {} 在本年 {} 个部门中排第 {} 名", label, format_number(own, c.args[0]->type), count, shown);
    plain = fmt::format("{} {} 在本年 {} 个部门中排第 {} 名", name, people(own, c.args[0]->type), count, shown);
  } else if (c.year_of == ast::YearOf::Count) {
    text = fmt::format("本年填报{}的部门 {} 个", label, shown);
    plain = fmt::format("本年填报{}的部门 {} 个", name, shown);
  } else {
    text = fmt::format("本年 {} 个部门{}的{} = {}", count, label, what, shown);
    plain = fmt::format("本年 {} 个部门{}的{}{}", count, name, what, is_value(people(*value, e.type)));
  }
  step_once(e.span, std::move(text), std::move(plain));
  return Value(*value);
}

Value Evaluator::call(const ast::Expr& e, const ast::Call& c) {
  if (c.prior) return prior(e, c);
  if (c.year_of != ast::YearOf::None) return year_of(e, c);
  if (c.working_days) return working_days(e, c);
  if (c.define_index >= 0) return call_define(e, c);
  // A built-in, as the checker resolved it: c.aggregate when the one argument may be a list, c.builtin.
  using stdlib::Aggregate;
  std::vector<Decimal> args;
  if (c.aggregate != Aggregate::None) {
    const Value v = eval(*c.args[0]);
    if (v.is_list()) {
      const auto& items = v.list();
      if (c.aggregate == Aggregate::Count) return Value(Decimal::from_int(static_cast<std::int64_t>(items.size())));
      if (items.empty() && c.aggregate != Aggregate::Sum) {
        fail("E0710", e.span, tr_format("{} of an empty list: {} has no elements", c.callee, src(c.args[0]->span)),
             "", empty_list_notes(*c.args[0]));
      }
      Decimal acc;
      std::size_t which = 0;  // the element min or max is
      for (std::size_t i = 0; i < items.size(); ++i) {
        const Decimal& x = items[i].number();
        if (c.aggregate == Aggregate::Sum || c.aggregate == Aggregate::Mean) acc += x;
        else if (i == 0 || (c.aggregate == Aggregate::Min ? x < acc : x > acc)) {
          acc = x;
          which = i;
        }
      }
      if (c.aggregate == Aggregate::Min || c.aggregate == Aggregate::Max) choice(e.span, which);
      if (c.aggregate == Aggregate::Mean) acc = acc / Decimal::from_int(static_cast<std::int64_t>(items.size()));
      return Value(acc);
    }
    args.push_back(v.number());
  } else {
    for (const auto& a : c.args) args.push_back(num(*a));
  }
  const stdlib::Builtin* b = c.builtin;
  if (b == nullptr) fail("E0799", e.span, tr_format("internal: unknown function '{}'", c.callee));
  try {
    const Decimal result = b->call(args, stdlib::BuiltinContext{mode_});
    if (b->name == "min" || b->name == "max" || b->name == "clamp" || b->name == "abs") {
      // The argument given back (abs: 1 when it negated its argument, which is no argument).
      std::size_t which = args.size();
      for (std::size_t i = 0; i < args.size() && which == args.size(); ++i) {
        if (args[i] == result) which = i;
      }
      choice(e.span, which);
    }
    return Value(result);
  } catch (const stdlib::BuiltinError& err) {
    fail("E0712", e.span, err.what());
  }
}

// A short name for list element [index]: its first text field (e.g. an output's name), or #n.
std::string element_name(const Value& element, std::size_t index) {
  if (element.is_list()) {
    for (const Value& field : element.list()) {
      if (field.is_text()) return field.text();
    }
  }
  return fmt::format("#{}", index + 1);
}

Value Evaluator::comprehension(const ast::Expr& e, const ast::Comprehension& c) {
  using stdlib::Aggregate;  // as the checker resolved c.func
  const Value list = eval(*c.list);
  if (!list.is_list()) fail("E0714", c.list->span, std::string(tr("expected a list")));
  const auto& items = list.list();
  std::vector<Value>& frame = *frame_;
  const std::string saved_prefix = prefix_;
  std::size_t taken = 0;
  std::size_t which = 0;  // the element min or max is (EvalOptions::decisions)
  Decimal acc;
  bool any = false;
  bool all = true;
  ++depth_;
  loops_.emplace_back(c.slot, c.list.get());
  struct PopLoop {
    std::vector<std::pair<std::uint32_t, const ast::Expr*>>& loops;
    ~PopLoop() { loops.pop_back(); }
  } pop{loops_};
  for (std::size_t i = 0; i < items.size(); ++i) {
    frame[c.slot] = items[i];
    prefix_ = saved_prefix + "[" + element_name(items[i], i) + "] ";
    if (c.filter && !truth(*c.filter)) continue;
    if (c.aggregate == Aggregate::Count) {
      ++taken;
      continue;
    }
    if (c.aggregate == Aggregate::Any || c.aggregate == Aggregate::All) {
      const bool v = c.body ? truth(*c.body) : true;
      any = any || v;
      all = all && v;
      ++taken;
      continue;
    }
    const Decimal x = c.body ? num(*c.body) : items[i].number();
    const bool extreme = c.aggregate == Aggregate::Min || c.aggregate == Aggregate::Max;
    if (!extreme) {
      acc += x;
    } else if (taken == 0 || (c.aggregate == Aggregate::Min ? x < acc : x > acc)) {
      acc = x;
      which = i;
    }
    ++taken;
  }
  --depth_;
  prefix_ = saved_prefix;
  if (c.aggregate == Aggregate::Count) {
    step(e.span, fmt::format("{} 的计数 = {}", src(c.list->span), taken), false);
    return Value(Decimal::from_int(static_cast<std::int64_t>(taken)));
  }
  if (c.aggregate == Aggregate::Any) return Value(any);
  if (c.aggregate == Aggregate::All) return Value(all);
  if (taken == 0 && c.aggregate != Aggregate::Sum) {
    fail("E0710", e.span,
         tr_format("{} of no elements: {} has none{}", c.func, src(c.list->span),
                     c.filter ? tr(" that pass the filter") : std::string_view()),
         "", empty_list_notes(*c.list));
  }
  if (c.aggregate == Aggregate::Min || c.aggregate == Aggregate::Max) choice(e.span, which);
  if (c.aggregate == Aggregate::Mean) acc = acc / Decimal::from_int(static_cast<std::int64_t>(taken));
  step(e.span, fmt::format("{} 的{} = {}（共 {} 项）", src(c.list->span), aggregate_words(c), show(acc, e.type), taken),
       depth_ == 0, {}, fmt::format("{}{}（共 {} 项）", said(e), is_value(people(acc, e.type)), taken));
  return Value(acc);
}

// One case per kind of node; ast::visit makes a missing case a compile error.
Value Evaluator::eval_impl(const ast::Expr& e) {
  return ast::visit(e, ast::overloaded{
                           [&](const ast::NumberLit& n) { return Value(n.value); },
                           [&](const ast::StringLit& n) { return Value(n.value); },
                           [&](const ast::BoolLit& n) { return Value(n.value); },
                           [&](const ast::PointsRef&) { return Value(indicator_->points.hi); },
                           [&](const ast::NameRef& n) { return name(e, n); },
                           [&](const ast::Member& n) {
                             const Value object = eval(*n.object);
                             return object.list()[n.field_index];
                           },
                           [&](const ast::Unary& n) {
                             if (n.op == ast::UnaryOp::Not) return Value(!truth(*n.operand));
                             return Value(-num(*n.operand));
                           },
                           [&](const ast::Binary& n) { return binary(e, n); },
                           [&](const ast::Call& n) { return call(e, n); },
                           [&](const ast::Comprehension& n) { return comprehension(e, n); },
                           [&](const ast::Tiered& n) { return tiered(e, n); },
                           [&](const ast::Brackets& n) { return brackets(e, n); },
                           [&](const ast::Deduct& n) { return deduct(e, n); },
                           [&](const ast::Weighted& n) { return weighted(e, n); },
                           [&](const ast::Judged& n) { return judged(e, n); },
                           [&](const ast::When& n) { return when(e, n); },
                       });
}

std::vector<Note> Evaluator::empty_list_notes(const ast::Expr& list) const {
  const auto* n = std::get_if<ast::NameRef>(&list.node);
  if (n == nullptr || n->kind != ast::NameKind::Fact || n->index >= rs_.facts.size()) return {};
  const std::string& name = rs_.facts[n->index].name;
  const bool supplied = facts_.supplied.empty() || n->index >= facts_.supplied.size() || facts_.supplied[n->index];
  if (!supplied) {
    return {{tr_format("'{}' is not in the facts, and its default is an empty list", name),
             Location::in_json(facts_.file, "facts")}};
  }
  const Value& v = facts_.values[n->index];
  const std::size_t size = v.is_list() ? v.list().size() : 0;
  if (size == 0) return {{std::string(tr("this list is empty")), Location::in_json(facts_.file, "facts." + name)}};
  return {{tr_format("this list has {} element{}, and none passes the filter", size, size == 1 ? "" : "s"),
           Location::in_json(facts_.file, "facts." + name)}};
}

}  // namespace rubric::evaluation
