// The analysis of expressions. See analyzer.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <memory>

#include "dsl/visit.hpp"
#include "base/messages.hpp"
#include "interpreter/check/analyzer.hpp"
#include "interpreter/check/checker.hpp"
#include "interpreter/check/interval.hpp"
#include "stdlib/builtins.hpp"

namespace rubric::analysis {

// ---- Expressions ---------------------------------------------------------------------------

AbstractValue Analyzer::eval(const ast::Expr& e) {
  if (++steps_ > kStepBudget) throw BudgetExhausted{};
  // Inside an arm, the arm's subject written again has the arm's interval, not its own.
  std::string text;
  for (auto it = narrowed_.rbegin(); it != narrowed_.rend(); ++it) {
    if (it->text.empty() || it->frame != frame_->id) continue;
    if (text.empty()) text = src(e.span);
    if (it->text == text) return it->value;
  }
  try {
    return eval_impl(e);
  } catch (const DecimalError&) {
    return unknown(Kind::Number, std::string(tr("a bound is too large for exact arithmetic")));
  }
}

std::optional<Decimal> Analyzer::constant(const ast::Expr& e) {
  const AbstractValue v = eval(e);
  if (v.kind == Kind::Number && v.range.is_point() && v.deps.empty()) return v.range.lo.value;
  return std::nullopt;
}

AbstractValue Analyzer::name(const ast::NameRef& n) {
  const int frame = n.kind == ast::NameKind::Fact ? -1 : frame_->id;
  for (auto it = narrowed_.rbegin(); it != narrowed_.rend(); ++it) {
    // (An expression narrowed by its text, `a / t`, is not a name: its index means nothing.)
    if (it->text.empty() && it->frame == frame && it->index == n.index) return it->value;
  }
  switch (n.kind) {
    case ast::NameKind::Fact:
      if (n.index < facts_.size()) return facts_[n.index];
      break;
    case ast::NameKind::Let:
    case ast::NameKind::Param:
    case ast::NameKind::Loop:
      if (n.index < frame_->slots.size()) return frame_->slots[n.index];
      break;
    case ast::NameKind::Unresolved: break;
  }
  return unknown(Kind::Unknown, tr_format("'{}' is not resolved", n.name));
}

AbstractValue Analyzer::binary(const ast::Expr& e, const ast::Binary& b) {
  using Op = ast::BinaryOp;
  const AbstractValue l = eval(*b.lhs);
  const AbstractValue r = eval(*b.rhs);
  if (b.op != Op::Add && b.op != Op::Sub && b.op != Op::Mul && b.op != Op::Div) {
    AbstractValue v;
    v.kind = Kind::Bool;
    v.deps = l.deps;
    merge_deps(v, r);
    return v;
  }
  if (l.kind != Kind::Number || r.kind != Kind::Number) {
    AbstractValue v = unknown(Kind::Number, !l.why.empty() ? l.why : r.why);
    if (v.why.empty()) v.why = std::string(tr("an operand is not a number"));
    v.deps = l.deps;
    merge_deps(v, r);
    return v;
  }
  // Which way each dependency moves the result: a + b and a − b as a and ±b do; a × b as a does
  // times b's sign and b does times a's; a ÷ b as a does times b's sign, and b against a's sign.
  const auto with_slope = [](AbstractValue v, std::map<std::string, int> slope) {
    v.slope = std::move(slope);
    return v;
  };
  switch (b.op) {
    case Op::Add: return with_slope(combine(l, r, add(l.range, r.range), l.whole && r.whole), merged_slopes(l, 1, r, 1));
    case Op::Sub:
      return with_slope(combine(l, r, add(l.range, negate(r.range)), l.whole && r.whole), merged_slopes(l, 1, r, -1));
    case Op::Mul:
      return with_slope(combine(l, r, multiply(l.range, r.range), l.whole && r.whole),
                        merged_slopes(l, sign_of(r.range), r, sign_of(l.range)));
    default: break;
  }
  if (auto q = divide(l.range, r.range)) {
    return with_slope(combine(l, r, *q, false), merged_slopes(l, sign_of(r.range), r, -sign_of(l.range)));
  }
  AbstractValue v = combine(l, r, Range::all(), false);
  v.exact = false;
  v.why = tr_format("the divisor {} can be 0", src(b.rhs->span));
  (void)e;
  return v;
}

AbstractValue Analyzer::call(const ast::Expr& e, const ast::Call& c) {
  if (c.prior) {  // last year's value lies in the same domain; it is not this year's fact
    AbstractValue v = eval(*c.args[0]);
    v.slope.clear();
    return v;
  }
  if (c.year_of == ast::YearOf::Rank || c.year_of == ast::YearOf::Count) {
    return number(Range::at_least(Decimal::from_int(1)), true);
  }
  if (c.year_of != ast::YearOf::None) {  // the year's mean, least, greatest or percentile lies in the fact's domain
    AbstractValue v = eval(*c.args[0]);
    v.exact = false;
    v.why = std::string(tr("it depends on the other departments of the year"));
    v.slope.clear();
    return v;
  }
  if (c.working_days) {  // a whole number of days that the calendar decides, not an interval of the dates
    AbstractValue v = combine(eval(*c.args[0]), eval(*c.args[1]), Range::all(), true);
    v.exact = false;
    v.why = std::string(tr("working days are counted with the calendar"));
    return v;
  }
  if (c.define_index >= 0 && static_cast<std::size_t>(c.define_index) < rs_.defines.size()) {
    const ast::Define& d = rs_.defines[static_cast<std::size_t>(c.define_index)];
    if (call_sites_.size() >= static_cast<std::size_t>(kMaxCallDepth)) {
      return unknown(Kind::Number, std::string(tr("calls nest too deep to analyse")));
    }
    Frame frame;
    frame.id = next_frame_++;
    frame.slots.assign(std::max<std::size_t>(d.frame_size, d.params.size()), AbstractValue{});
    for (std::size_t i = 0; i < c.args.size() && i < frame.slots.size(); ++i) frame.slots[i] = eval(*c.args[i]);
    Frame* saved = frame_;
    frame_ = &frame;
    call_sites_.push_back(e.span);
    struct Restore {
      Analyzer& a;
      Frame* frame;
      ~Restore() {
        a.frame_ = frame;
        a.call_sites_.pop_back();
      }
    } restore{*this, saved};
    return eval(*d.body);
  }
  if (c.aggregate != stdlib::Aggregate::None) {
    const AbstractValue list = eval(*c.args[0]);
    if (list.kind == Kind::List) {
      const AbstractValue element = list.element ? *list.element : unknown(Kind::Unknown, std::string(tr("an element of unknown type")));
      return aggregate(c.aggregate, element, list.list_name);
    }
    return builtin(c, {list});
  }
  std::vector<AbstractValue> args;
  for (const auto& a : c.args) args.push_back(eval(*a));
  return builtin(c, std::move(args));
}

namespace {

// min(a, b) ([least]) or max(a, b): it follows each argument's way.
AbstractValue extreme(const AbstractValue& a, const AbstractValue& b, bool least, bool whole) {
  AbstractValue v = combine(a, b, least ? minimum(a.range, b.range) : maximum(a.range, b.range), whole);
  v.slope = merged_slopes(a, 1, b, 1);
  return v;
}

}  // namespace

AbstractValue Analyzer::builtin(const ast::Call& c, std::vector<AbstractValue> args) {
  for (const AbstractValue& a : args) {
    if (a.kind != Kind::Number) {
      AbstractValue v = unknown(Kind::Number, a.why.empty() ? std::string(tr("an argument is not a number")) : a.why);
      for (const AbstractValue& b : args) merge_deps(v, b);
      return v;
    }
  }
  if (c.builtin == nullptr) {
    return unknown(Kind::Number, tr_format("'{}' is not a function the analysis knows", c.callee));
  }
  using stdlib::BuiltinId;
  const BuiltinId f = c.builtin->id;
  if ((f == BuiltinId::Min || f == BuiltinId::Max) && !args.empty()) {
    AbstractValue acc = args[0];
    for (std::size_t i = 1; i < args.size(); ++i) acc = extreme(acc, args[i], f == BuiltinId::Min, acc.whole && args[i].whole);
    return acc;
  }
  if (f == BuiltinId::Clamp && args.size() == 3) return extreme(extreme(args[0], args[2], true, false), args[1], false, false);
  if (f == BuiltinId::Abs && args.size() == 1) {
    AbstractValue v = args[0];
    const int sign = sign_of(v.range);
    for (auto& [dep, way] : v.slope) way *= sign;
    v.range = absolute(v.range);
    return v;
  }
  const bool rounds = f == BuiltinId::Round || f == BuiltinId::Floor || f == BuiltinId::Ceil;
  if (rounds && !args.empty() && args.size() <= 2) {
    int digits = 0;
    if (args.size() == 2) {
      const auto d = args[1].range.is_point() ? args[1].range.lo.value.to_int64() : std::nullopt;
      if (!d || *d < 0 || *d > 12) {
        return unknown(Kind::Number, tr_format("the decimals of '{}' are not a constant", c.callee));
      }
      digits = static_cast<int>(*d);
    }
    AbstractValue v = args[0];
    const Decimal unit = Decimal::from_parts(1, digits);
    const auto apply = [&](const End& end, bool upper) -> End {
      if (end.inf != 0) return end;
      Decimal x = f == BuiltinId::Floor ? end.value.floor(digits)
                  : f == BuiltinId::Ceil ? end.value.ceil(digits)
                                         : end.value.round(digits, rs_.rounding.mode);
      // floor of values just below a step is the step below it (and ceil mirrored).
      if (f == BuiltinId::Floor && upper && !end.closed && x == end.value) x = x - unit;
      if (f == BuiltinId::Ceil && !upper && !end.closed && x == end.value) x = x + unit;
      return End::finite(x, true);
    };
    v.range = Range{apply(v.range.lo, false), apply(v.range.hi, true)};
    v.whole = digits == 0 && f != BuiltinId::Round;
    return v;
  }
  if (f == BuiltinId::Steps && args.size() == 2) {
    const auto step = args[1].range.is_point() ? std::optional(args[1].range.lo.value) : std::nullopt;
    if (!step || step->sign() <= 0) return unknown(Kind::Number, std::string(tr("the step of 'steps' is not a positive constant")));
    // steps(x, s) is 0 for x <= 0, else ceil(x / s): it does not decrease as x grows.
    const auto at = [&](const Decimal& x) { return x.sign() <= 0 ? Decimal{} : (x / *step).ceil(); };
    const Range& x = args[0].range;
    End lo = End::finite(Decimal{});
    if (x.lo.inf == 0) {
      lo = End::finite(x.lo.closed || x.lo.value.sign() < 0 ? at(x.lo.value)
                                                            : (x.lo.value / *step).floor() + Decimal::from_int(1));
    }
    const End hi = x.hi.inf != 0 ? x.hi : End::finite(at(x.hi.value));
    AbstractValue v = args[0];
    v.range = Range{lo, hi};
    v.whole = true;
    return v;
  }
  return unknown(Kind::Number, tr_format("'{}' is not a function the analysis knows", c.callee));
}

// sum, mean, count, min, max, any, all over a list whose elements are [body].
AbstractValue Analyzer::aggregate(stdlib::Aggregate func, const AbstractValue& body, const std::string& list_name) {
  using stdlib::Aggregate;
  const std::string length_why =
      tr_format("it depends on the number of elements of '{}', which no declaration bounds", list_name);
  if (func == Aggregate::Any || func == Aggregate::All) {
    AbstractValue v;
    v.kind = Kind::Bool;
    v.deps = body.deps;
    return v;
  }
  if (func == Aggregate::Count) {
    AbstractValue v = number(Range::at_least(Decimal{}), true);
    v.exact = false;
    v.why = length_why;
    return v;
  }
  if (body.kind != Kind::Number) return unknown(Kind::Number, body.why.empty() ? std::string(tr("the elements are not numbers")) : body.why);
  if (func == Aggregate::Sum) {
    // Any number of elements: 0 for none, without bound in the direction the elements go.
    AbstractValue v = body;
    const int lo_sign = body.range.lo.inf != 0 ? body.range.lo.inf : body.range.lo.value.sign();
    const int hi_sign = body.range.hi.inf != 0 ? body.range.hi.inf : body.range.hi.value.sign();
    v.range.lo = lo_sign < 0 ? End::minus_infinity() : End::finite(Decimal{});
    v.range.hi = hi_sign > 0 ? End::plus_infinity() : End::finite(Decimal{});
    if (lo_sign < 0 || hi_sign > 0) {
      v.exact = false;
      v.why = length_why;
    }
    return v;
  }
  AbstractValue v = body;  // mean, min and max lie within the elements' range
  if (func == Aggregate::Mean) v.whole = false;
  return v;
}

AbstractValue Analyzer::comprehension(const ast::Comprehension& c) {
  const AbstractValue list = eval(*c.list);
  AbstractValue element = unknown(Kind::Unknown, std::string(tr("an element of unknown type")));
  if (list.kind == Kind::List && list.element) {
    // Each element is a new value: its dependencies are its own.
    element = *list.element;
    const std::string tag = fmt::format("#{}", next_element_++);
    if (element.kind == Kind::Record) {
      for (std::size_t i = 0; i < element.fields.size(); ++i) {
        if (element.fields[i].kind == Kind::List) continue;
        element.fields[i].deps = {c.var + "." + element.field_names[i] + tag};
        if (slopes_ && element.fields[i].kind == Kind::Number) element.fields[i].slope = {{element.fields[i].deps[0], 1}};
      }
    } else {
      element.deps = {c.var + tag};
      if (slopes_ && element.kind == Kind::Number) element.slope = {{element.deps[0], 1}};
    }
    declare(element);
  }
  if (c.slot < frame_->slots.size()) frame_->slots[c.slot] = element;
  if (c.filter) eval(*c.filter);
  const AbstractValue body = c.body ? eval(*c.body) : element;
  return aggregate(c.aggregate, body, list.kind == Kind::List ? list.list_name : src(c.list->span));
}

void Analyzer::narrow_to(const ast::Expr& subject, const AbstractValue& value, const Range& range) {
  if (value.kind != Kind::Number) return;
  AbstractValue v = value;
  v.range = range;
  const auto* n = std::get_if<ast::NameRef>(&subject.node);
  if (n == nullptr) {
    // Any other expression is known by its text: the same text in the same frame names the same
    // facts, lets and parameters, so it has the same value.
    narrowed_.push_back({frame_->id, 0, std::move(v), src(subject.span)});
    return;
  }
  if (n->kind == ast::NameKind::Unresolved) return;
  narrowed_.push_back({n->kind == ast::NameKind::Fact ? -1 : frame_->id, n->index, std::move(v), ""});
}

// One case per kind of node; ast::visit makes a missing case a compile error.
AbstractValue Analyzer::eval_impl(const ast::Expr& e) {
  return ast::visit(e, ast::overloaded{
                           [&](const ast::NumberLit& n) { return number(Range::point(n.value), n.value.is_integer()); },
                           [&](const ast::StringLit&) { return of_kind(Kind::Text); },
                           [&](const ast::BoolLit&) { return of_kind(Kind::Bool); },
                           [&](const ast::PointsRef&) { return points_ref(); },
                           [&](const ast::NameRef& n) { return name(n); },
                           [&](const ast::Member& n) { return member_access(n); },
                           [&](const ast::Unary& n) { return unary(n); },
                           [&](const ast::Binary& n) { return binary(e, n); },
                           [&](const ast::Call& n) { return call(e, n); },
                           [&](const ast::Comprehension& n) { return comprehension(n); },
                           [&](const ast::Tiered& n) { return tiered(e, n); },
                           [&](const ast::Brackets& n) { return brackets(n); },
                           [&](const ast::Deduct& n) { return deduct(n); },
                           [&](const ast::Weighted& n) { return weighted(n); },
                           [&](const ast::Judged& n) { return judged(n); },
                           [&](const ast::When& n) { return when(n); },
                       });
}

AbstractValue Analyzer::points_ref() {
  if (indicator_ == nullptr) return unknown(Kind::Number, std::string(tr("'points' outside an indicator")));
  return number(Range::point(indicator_->points.hi), indicator_->points.hi.is_integer());
}

AbstractValue Analyzer::member_access(const ast::Member& m) {
  const AbstractValue object = eval(*m.object);
  if (object.kind == Kind::Record && m.field_index < object.fields.size()) return object.fields[m.field_index];
  return unknown(Kind::Unknown, tr_format("the field '{}' is unknown", m.field));
}

AbstractValue Analyzer::unary(const ast::Unary& u) {
  AbstractValue v = eval(*u.operand);
  if (u.op == ast::UnaryOp::Not) {
    v.kind = Kind::Bool;
    v.slope.clear();
    return v;
  }
  if (v.kind == Kind::Number) v.range = negate(v.range);
  for (auto& [dep, way] : v.slope) way = -way;
  return v;
}

}  // namespace rubric::analysis
