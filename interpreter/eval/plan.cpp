// The compiled evaluation plan; see plan.hpp. The lowered form is in plan_code.hpp.
//
// The runner walks the flat nodes of the lowered ruleset with one switch: values are small views (a
// Num, a bool, or a pointer to a text or list owned by the facts or the ruleset), frames live on one
// per-thread stack, min and max compare in place, other built-ins are called through their pointer
// with the arguments on the stack. Nothing is allocated per department (a reused PlanResult).
//
// Errors: the runner formats no messages. At the first problem of any kind (a division by zero, a
// value no tier takes, a score outside its points, a decimal overflow, the step budget or nesting
// limit, charged ahead as plan_code.hpp says, a construct not lowered, a fact of last year or a day
// of the calendar missing) it gives up on that department and the tree evaluator scores it: the
// scores, totals, grades and error messages are exactly the evaluator's, by construction.
#include "interpreter/eval/plan.hpp"

#include <algorithm>
#include <array>

#include "dsl/compare.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/plan_code.hpp"

namespace rubric {
namespace {

using plan::kNone;
using plan::Num;
using plan::Op;

struct Fallback {};
[[noreturn]] void give_up() { throw Fallback{}; }
// The same, where an expression needs a value of some type.
[[noreturn]] Num give_up_num() { throw Fallback{}; }
[[noreturn]] bool give_up_bool() { throw Fallback{}; }

// A value during evaluation; texts and lists point into the facts or the ruleset.
struct V {
  enum class Kind : unsigned char { Number, Bool, Text, List };
  Num num;
  const void* ptr = nullptr;
  Kind kind = Kind::Number;
  bool b = false;

  static V number(const Num& n) {
    V v;
    v.num = n;
    return v;
  }
  static V boolean(bool x) {
    V v;
    v.kind = Kind::Bool;
    v.b = x;
    return v;
  }
  static V of(const Value& value) {
    V v;
    switch (value.data.index()) {
      case 0: v.num = std::get<Decimal>(value.data); break;
      case 1: v.kind = Kind::Bool; v.b = std::get<bool>(value.data); break;
      case 2: v.kind = Kind::Text; v.ptr = &std::get<std::string>(value.data); break;
      default: v.kind = Kind::List; v.ptr = std::get<ValueList>(value.data).get(); break;
    }
    return v;
  }
  const std::string& text() const { return *static_cast<const std::string*>(ptr); }
  const std::vector<Value>& list() const { return *static_cast<const std::vector<Value>*>(ptr); }
};

class Runner {
 public:
  Runner(const plan::Code& code, const Facts& facts, std::vector<V>& stack, TestedSink* tested)
      : code_(code), facts_(facts), stack_(stack), tested_(tested) {}

  void run(PlanResult& out) {
    out.total.reset();
    out.grade = -1;
    out.scores.clear();
    out.clear_errors();
    out.vetoes.clear();
    out.scores.reserve(code_.indicators);
    if (stack_.size() < code_.frame_size + 64) stack_.resize(code_.frame_size + 64);
    top_ = code_.frame_size;
    base_ = 0;
    mode_ = code_.mode;
    for (const plan::Let& l : code_.top_lets) stack_[l.slot] = top(l.value);
    Num total;
    for (std::uint32_t i = 0; i < code_.top_count; ++i) total = total + item(code_.items[i], out);
    vetoes(code_.top_vetoes_first, code_.top_vetoes_count, 0, total, out);
    out.total = total.decimal();
    for (std::size_t g = 0; g < code_.grades.size() && out.grade < 0; ++g) {
      if (!code_.grade_open[g] && total < code_.grades[g]) continue;
      const auto& least = code_.grade_floors[g].least;
      const bool low = std::any_of(least.begin(), least.end(), [&](const auto& l) {
        return out.scores[l.first] && *out.scores[l.first] < l.second;  // none: an alternative not chosen
      });
      if (!low) out.grade = static_cast<int>(g);
    }
    out.grade = std::max(out.grade, cap_);
  }

 private:
  // The score of an item (0 for a let, which is bound).
  Num item(const plan::Item& it, PlanResult& out) {
    switch (it.kind) {
      case plan::Item::Kind::Section: {
        if (it.shared) give_up();  // the shares are the tree evaluator's
        Num sum;
        const std::size_t scored = out.scores.size();
        for (std::uint32_t i = 0; i < it.count; ++i) sum = sum + item(code_.items[it.first + i], out);
        vetoes(it.vetoes_first, it.vetoes_count, scored, sum, out);
        if (it.extra) return sum < it.lo ? it.lo : sum > it.hi ? it.hi : sum;
        if (sum < it.lo || sum > it.hi) give_up();
        return sum;
      }
      case plan::Item::Kind::Indicator: {
        if (it.choice_fact != plan::kNone && !chosen(it)) {
          out.scores.emplace_back(std::nullopt);  // an alternative not chosen: not applicable
          return Num();
        }
        points_ = &it.hi;
        mode_ = it.mode;
        indicator_ = it.indicator;
        if (it.applies != kNone) {
          charge(it.applies);
          if (!truth(it.applies)) give_up();  // not applicable: scored full or shared, by the tree evaluator
        }
        for (std::uint32_t i = 0; i < it.lets_count; ++i) {
          const plan::Let& l = code_.lets[it.lets_first + i];
          stack_[l.slot] = top(l.value);
        }
        charge(it.score);
        const Num score = num(it.score).round(it.digits, it.mode);
        indicator_ = nullptr;
        if (score < it.lo || score > it.hi) give_up();
        out.scores.emplace_back(score.decimal());
        return score;
      }
      case plan::Item::Kind::Let: stack_[it.let.slot] = top(it.let.value); return Num();
    }
    give_up();
  }

  bool chosen(const plan::Item& it) const {
    const Value& v = facts_.values[it.choice_fact];
    return !v.is_text() || v.text() == *it.choice_name;
  }

  // The vetoes [first, first + count) of a section whose indicators' scores start at
  // out.scores[scored] and add up to [sum]: one that applies with 'zero' zeroes them.
  void vetoes(std::uint32_t first, std::uint32_t count, std::size_t scored, Num& sum, PlanResult& out) {
    mode_ = code_.mode;
    points_ = nullptr;
    for (std::uint32_t i = first; i < first + count; ++i) {
      const plan::Veto& v = code_.vetoes[i];
      charge(v.condition);
      if (!truth(v.condition)) continue;
      out.vetoes.push_back(v.source);
      cap_ = std::max(cap_, v.cap);
      if (!v.zero) continue;
      std::fill(out.scores.begin() + static_cast<std::ptrdiff_t>(scored), out.scores.end(), Decimal());
      sum = Num();
    }
  }

  V& slot(std::uint32_t index) { return stack_[base_ + index]; }
  const Num& points() const {
    if (points_ == nullptr) give_up();
    return *points_;
  }

  // A node's value as a number (a bool): a constant, fact or slot is read in place, the
  // operations that give a number are run by num_node() without wrapping their value in a V, any
  // other node is evaluated by eval() and its value checked.
  [[gnu::always_inline]] Num num(std::uint32_t index) {
    const plan::Node& n = code_.nodes[index];
    switch (n.op) {
      case Op::Number: return code_.numbers[n.index];
      case Op::Fact: return number(facts_.values[n.index]);
      default: return num_node(index);
    }
  }
  [[gnu::always_inline]] bool truth(std::uint32_t index) {
    const plan::Node& n = code_.nodes[index];
    switch (n.op) {
      case Op::Bool: return n.index != 0;
      case Op::Fact: return boolean(facts_.values[n.index]);
      default: return truth_node(index);
    }
  }
  Num num_node(std::uint32_t index) { return num_op(code_.nodes[index]); }
  bool truth_node(std::uint32_t index) { return truth_op(code_.nodes[index]); }
  V eval(std::uint32_t index) { return dispatch(code_.nodes[index]); }
  // Charges the steps node [index] can take (see plan_code.hpp) before it is evaluated from the
  // top, and gives up where the tree evaluator would stop.
  void charge(std::uint32_t index) {
    steps_ += code_.steps[index];
    if (steps_ > kStepBudget || code_.height[index] > kMaxNesting) give_up();
  }
  V top(std::uint32_t index) {
    charge(index);
    return eval(index);
  }

  // The three switches below split the operations between them: each is run by one of them and
  // passed on to it by the others, which only check the kind of its value.
  Num num_op(const plan::Node& n) {
    switch (n.op) {
      case Op::Number: return code_.numbers[n.index];
      case Op::Fact: return number(facts_.values[n.index]);
      case Op::Slot: return slot(n.index).kind == V::Kind::Number ? slot(n.index).num : give_up_num();
      case Op::Member: return number(field(n));
      case Op::Add: return num(n.a) + num(n.b);
      case Op::Sub: return num(n.a) - num(n.b);
      case Op::Mul: return num(n.a) * num(n.b);
      case Op::Div: return divide(n);
      case Op::WorkingDays:  // outside the calendar (E0717) or scored alone (E0718): the tree's error
      case Op::YearOf: {
        const auto v = n.op == Op::WorkingDays ? plan::working_days(*code_.calendar, num(n.a), num(n.b)) : year_of(n);
        return v ? *v : give_up_num();
      }
      case Op::Min:
      case Op::Max: return extreme(n);
      case Op::Tiered: return tiered(code_.tiereds[n.index]);
      case Op::Brackets: return brackets(code_.brackets[n.index]);
      case Op::Deduct: return deduct(code_.deducts[n.index]);
      case Op::Weighted: return weighted(n);
      case Op::When: return num(arm(n));
      default: {
        const V value = dispatch(n);
        if (value.kind != V::Kind::Number) give_up();
        return value.num;
      }
    }
  }
  bool truth_op(const plan::Node& n) {
    switch (n.op) {
      case Op::Bool: return n.index != 0;
      case Op::Fact: return boolean(facts_.values[n.index]);
      case Op::Slot: return slot(n.index).kind == V::Kind::Bool ? slot(n.index).b : give_up_bool();
      case Op::Member: return boolean(field(n));
      case Op::Not: return !truth(n.a);
      case Op::And: return truth(n.a) && truth(n.b);
      case Op::Or: return truth(n.a) || truth(n.b);
      case Op::Lt: return num(n.a) < num(n.b);
      case Op::Le: return num(n.a) <= num(n.b);
      case Op::Gt: return num(n.a) > num(n.b);
      case Op::Ge: return num(n.a) >= num(n.b);
      case Op::Eq: return equal(n);
      case Op::Ne: return !equal(n);
      case Op::When: return truth(arm(n));
      default: {
        const V value = dispatch(n);
        if (value.kind != V::Kind::Bool) give_up();
        return value.b;
      }
    }
  }
  V dispatch(const plan::Node& n) {
    switch (n.op) {
      case Op::Number: case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: case Op::Min: case Op::Max: case Op::WorkingDays: case Op::YearOf:
      case Op::Tiered: case Op::Brackets: case Op::Deduct: case Op::Weighted: return V::number(num_op(n));
      case Op::Bool: case Op::Not: case Op::And: case Op::Or: case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge:
      case Op::Eq: case Op::Ne: return V::boolean(truth_op(n));
      case Op::Text: return text(code_.texts[n.index]);
      case Op::Fact: return V::of(facts_.values[n.index]);
      case Op::Prior: return facts_.prior ? V::of(facts_.prior->values[n.index]) : (give_up(), V{});  // E0716: the tree's
      case Op::Slot: return slot(n.index);
      case Op::Points: return V::number(points());
      case Op::Member: return V::of(field(n));
      case Op::Neg: return V::number(-num(n.a));
      case Op::Builtin: return builtin(n);
      case Op::ListAggregate: return list_aggregate(n);
      case Op::Define: return call(n);
      case Op::Comprehension: return comprehension(code_.comprehensions[n.index]);
      case Op::Judged: return judged(code_.judgeds[n.index]);
      case Op::When: return eval(arm(n));
      case Op::Fail: break;
    }
    give_up();
  }

  static Num number(const Value& value) {
    if (!value.is_number()) give_up();
    return value.number();
  }
  static bool boolean(const Value& value) {
    if (!value.is_bool()) give_up();
    return value.boolean();
  }
  std::uint32_t kid(const plan::Node& n, std::uint32_t i) const { return code_.kids[n.first + i]; }
  // The field [n.index] of the record [n.a].
  const Value& field(const plan::Node& n) {
    const plan::Node& record = code_.nodes[n.a];  // mostly a loop variable: read in place
    const V object = record.op == Op::Slot ? slot(record.index) : eval(n.a);
    if (object.kind != V::Kind::List) give_up();
    return object.list()[n.index];
  }
  static V text(const std::string* s) {
    V v;
    v.kind = V::Kind::Text;
    v.ptr = s;
    return v;
  }

  std::optional<Num> year_of(const plan::Node& n) { return plan::year_of(facts_, n, n.a == kNone ? Decimal() : num(n.a).decimal()); }
  Num divide(const plan::Node& n) {
    const Num x = num(n.a);
    const Num y = num(n.b);
    if (y.is_zero()) give_up();
    return x / y;
  }
  bool equal(const plan::Node& n) {
    const V x = eval(n.a);
    const V y = eval(n.b);
    if (x.kind != y.kind) return false;
    switch (x.kind) {
      case V::Kind::Number: return x.num == y.num;
      case V::Kind::Text: return x.text() == y.text();
      case V::Kind::Bool: return x.b == y.b;
      case V::Kind::List: break;
    }
    return false;
  }
  Num extreme(const plan::Node& n) {
    Num best = num(kid(n, 0));
    for (std::uint32_t i = 1; i < n.count; ++i) {
      const Num x = num(kid(n, i));
      if (n.op == Op::Min ? x < best : best < x) best = x;
    }
    return best;
  }
  // The rarer operations are kept out of line, so that the frames of the recursive num(), truth()
  // and dispatch() stay small.
  [[gnu::noinline]] V builtin(const plan::Node& n) {
    std::array<Decimal, 8> args;
    if (n.count > args.size()) give_up();
    for (std::uint32_t i = 0; i < n.count; ++i) args[i] = num(kid(n, i)).decimal();
    try {
      return V::number(code_.builtins[n.index]->call(std::span<const Decimal>(args.data(), n.count), stdlib::BuiltinContext{mode_}));
    } catch (const stdlib::BuiltinError&) {
      give_up();
    }
  }
  [[gnu::noinline]] V list_aggregate(const plan::Node& n);
  [[gnu::noinline]] V call(const plan::Node& n);
  [[gnu::noinline]] V comprehension(const plan::Comprehension& c);
  [[gnu::noinline]] Num tiered(const plan::Tiered& t);
  [[gnu::noinline]] Num brackets(const plan::Brackets& b);
  [[gnu::noinline]] Num deduct(const plan::Deduct& d);
  Num weighted(const plan::Node& n) {
    Num total;
    for (std::uint32_t i = 0; i < n.count; ++i) {
      const Num weight = num(kid(n, 2 * i));
      total = total + weight * num(kid(n, 2 * i + 1));
    }
    return total;
  }
  [[gnu::noinline]] V judged(const plan::Judged& j);
  // The result node of the first arm of 'when' [n] whose condition holds.
  std::uint32_t arm(const plan::Node& n) {
    for (std::uint32_t i = 0; i < n.count; ++i) {
      const std::uint32_t condition = kid(n, 2 * i);
      if (condition != kNone && !truth(condition)) continue;
      return kid(n, 2 * i + 1);
    }
    give_up();
  }
  // Whether [x] lies between the bounds (nodes, kNone when infinite), as interval_contains tests.
  bool within(const Num& x, std::uint32_t lo, bool lo_closed, std::uint32_t hi, bool hi_closed) {
    if (lo != kNone) {
      const Num bound = num(lo);
      if (lo_closed ? x < bound : x <= bound) return false;
    }
    if (hi != kNone) {
      const Num bound = num(hi);
      if (hi_closed ? x > bound : x >= bound) return false;
    }
    return true;
  }

  static constexpr std::uint64_t kStepBudget = EvalOptions{}.step_budget;
  static constexpr int kMaxCallDepth = EvalOptions{}.max_call_depth;
  static constexpr std::uint64_t kMaxNesting = 4000;  // the tree evaluator's kMaxEvalNesting

  const plan::Code& code_;
  const Facts& facts_;
  std::vector<V>& stack_;
  TestedSink* tested_ = nullptr;  // EvalOptions::every_tested
  const ast::Indicator* indicator_ = nullptr;   // the indicator being scored, for tested_
  std::size_t base_ = 0;
  std::size_t top_ = 0;
  const Num* points_ = nullptr;
  RoundingMode mode_ = RoundingMode::HalfUp;
  int cap_ = -1;  // the worst grade a veto that applied allows (an index into the grades), -1 for none
  std::uint64_t steps_ = 0;
  int calls_ = 0;
};

V Runner::list_aggregate(const plan::Node& n) {
  const V v = eval(n.a);
  const auto kind = static_cast<plan::Aggregate>(n.sub);
  if (v.kind == V::Kind::Number) {
    const stdlib::Builtin* fn = code_.builtins[n.index];
    if (fn == nullptr) give_up();
    const Decimal arg = v.num.decimal();
    try {
      return V::number(fn->call(std::span<const Decimal>(&arg, 1), stdlib::BuiltinContext{mode_}));
    } catch (const stdlib::BuiltinError&) {
      give_up();
    }
  }
  if (v.kind != V::Kind::List) give_up();
  const auto& items = v.list();
  if (kind == plan::Aggregate::Count) return V::number(Num::of_int(static_cast<std::int64_t>(items.size())));
  if (items.empty() && kind != plan::Aggregate::Sum) give_up();
  Num acc;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_number()) give_up();
    const Num x = items[i].number();
    if (kind == plan::Aggregate::Sum || kind == plan::Aggregate::Mean) acc = acc + x;
    else if (i == 0) acc = x;
    else if (kind == plan::Aggregate::Min ? x < acc : acc < x) acc = x;
  }
  if (kind == plan::Aggregate::Mean) acc = acc / Num::of_int(static_cast<std::int64_t>(items.size()));
  return V::number(acc);
}

V Runner::call(const plan::Node& n) {
  const std::size_t size = code_.define_size[n.index];
  const std::size_t frame = top_;
  const std::size_t saved_top = top_;
  top_ = frame + size;  // calls made while evaluating the arguments go above this frame
  if (stack_.size() < top_) stack_.resize(top_ + 64);
  for (std::uint32_t i = 0; i < n.count; ++i) {
    const V v = eval(kid(n, i));  // evaluated in the caller's frame
    stack_[frame + i] = v;
  }
  if (++calls_ > kMaxCallDepth) give_up();
  const std::size_t saved_base = base_;
  base_ = frame;
  const V result = eval(code_.defines[n.index]);
  base_ = saved_base;
  top_ = saved_top;
  --calls_;
  return result;
}

V Runner::comprehension(const plan::Comprehension& c) {
  using plan::Aggregate;
  const V list = eval(c.list);
  if (list.kind != V::Kind::List) give_up();
  const auto& items = list.list();
  std::size_t taken = 0;
  Num acc;
  bool any = false;
  bool all = true;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {  // the first element's steps were charged with the whole expression
      steps_ += c.round_steps;
      if (steps_ > kStepBudget) give_up();
    }
    slot(c.slot) = V::of(items[i]);
    if (c.filter != kNone && !truth(c.filter)) continue;
    if (c.kind == Aggregate::Count) {
      ++taken;
      continue;
    }
    if (c.kind == Aggregate::Any || c.kind == Aggregate::All) {
      const bool v = c.body != kNone ? truth(c.body) : true;
      any = any || v;
      all = all && v;
      ++taken;
      continue;
    }
    Num x;
    if (c.body != kNone) {
      x = num(c.body);
    } else {
      if (!items[i].is_number()) give_up();
      x = items[i].number();
    }
    if (taken == 0 && (c.kind == Aggregate::Min || c.kind == Aggregate::Max)) acc = x;
    else if (c.kind == Aggregate::Min) acc = x < acc ? x : acc;
    else if (c.kind == Aggregate::Max) acc = acc < x ? x : acc;
    else acc = acc + x;
    ++taken;
  }
  if (c.kind == Aggregate::Count) return V::number(Num::of_int(static_cast<std::int64_t>(taken)));
  if (c.kind == Aggregate::Any) return V::boolean(any);
  if (c.kind == Aggregate::All) return V::boolean(all);
  if (taken == 0 && c.kind != Aggregate::Sum) give_up();
  if (c.kind == Aggregate::Mean) acc = acc / Num::of_int(static_cast<std::int64_t>(taken));
  return V::number(acc);
}

Num Runner::tiered(const plan::Tiered& t) {
  const Num x = num(t.subject);
  if (tested_ != nullptr) tested_->tested(indicator_, *t.source, x.decimal());
  const std::uint32_t* first = nullptr;
  const std::uint32_t* last = nullptr;
  if (t.sorted) {
    const auto& bounds = t.fast.bounds;
    const auto i = static_cast<std::size_t>(std::lower_bound(bounds.begin(), bounds.end(), x) - bounds.begin());
    const std::size_t segment = i < bounds.size() && bounds[i] == x ? 2 * i + 1 : 2 * i;
    first = t.fast.takers.data() + t.fast.seg_first[segment];
    last = t.fast.takers.data() + t.fast.seg_first[segment + 1];
  }
  std::optional<Num> result;
  const auto take = [&](std::uint32_t node) {
    const Num r = num(node);
    if (result && r != *result) give_up();
    if (!result) result = r;
  };
  if (t.sorted) {
    for (const std::uint32_t* p = first; p != last; ++p) take(*p);
  } else {
    for (const plan::TierArm& arm : t.arms) {
      if (within(x, arm.lo, arm.lo_closed, arm.hi, arm.hi_closed)) take(arm.result);
    }
  }
  if (!result) give_up();
  return *result;
}

Num Runner::brackets(const plan::Brackets& b) {
  const Num x = num(b.subject);
  if (tested_ != nullptr) tested_->tested(indicator_, *b.source, x.decimal());
  for (const plan::BracketArm& arm : b.arms) {
    if (!arm.otherwise) {
      const Num bound = arm.constant ? arm.value : num(arm.bound);
      if (!ast::comparison_holds(arm.compare, compare(x, bound))) continue;
    }
    return num(arm.result);
  }
  give_up();
}

Num Runner::deduct(const plan::Deduct& d) {
  const Num start = d.start != kNone ? num(d.start) : points();
  Num total;
  for (const plan::Deduction& item : d.items) {
    const Num amount = num(item.amount);
    switch (item.kind) {
      case ast::DeductionKind::Fixed: total = total + amount; break;
      case ast::DeductionKind::Per: total = total + amount * num(item.operand); break;
      case ast::DeductionKind::When:
        if (truth(item.operand)) total = total + amount;
        break;
    }
  }
  const Num result = start - total;
  if (total.is_zero()) return result;
  if (d.floor != kNone) {
    const Num floor = num(d.floor);
    if (result < floor) return floor;
  }
  return result;
}

V Runner::judged(const plan::Judged& j) {
  const V category = eval(j.category);
  if (category.kind != V::Kind::Text) give_up();
  for (const plan::Band& band : j.bands) {
    if (*band.member != category.text()) continue;
    if (band.value != kNone) return V::number(num(band.value));  // a fixed band: the score is ignored
    const Num score = num(j.score);
    if (!within(score, band.lo, band.lo_closed, band.hi, band.hi_closed)) give_up();
    return V::number(score);
  }
  give_up();
}

}  // namespace

struct Plan::Impl {
  const ast::Ruleset& rs;
  plan::Code code;
};

Plan::Plan(const ast::Ruleset& ruleset) : impl_(std::make_unique<Impl>(Impl{ruleset, plan::lower(ruleset)})) {}
Plan::~Plan() = default;
Plan::Plan(Plan&&) noexcept = default;
Plan& Plan::operator=(Plan&&) noexcept = default;

std::size_t Plan::fallbacks() const { return impl_->code.fallbacks; }

void Plan::evaluate(const Facts& facts, PlanResult& out, TestedSink* tested) const {
  thread_local std::vector<V> stack;
  try {
    Runner(impl_->code, facts, stack, tested).run(out);
    return;
  } catch (const Fallback&) {
  } catch (const DecimalError&) {
  }
  // The slow path: the tree evaluator, for its exact errors. It gives [tested] again the values
  // the plan gave before it gave up (TestedSink takes them as given once).
  EvalOptions options;
  options.trace = false;
  options.every_tested = tested;
  read_evaluation(impl_->rs, rubric::evaluate(impl_->rs, facts, options), out);
}

}  // namespace rubric
