// The compiled evaluation plan; see plan.hpp.
//
// The fast path walks the checked tree (every name already resolved by the checker to a fact
// index or a frame slot) without building traces, explanations or result trees: values are small
// views (a Decimal, a bool, or a pointer to a text or list owned by the facts or the ruleset), the
// frames live on one per-thread stack, built-ins are called with their arguments on the stack, and
// enum and text comparisons compare in place. Nothing is allocated per department but the result.
//
// Errors: the fast path does not format messages. At the first problem of any kind (a division by
// zero, a value no tier takes, a score outside its points, a decimal overflow, the step budget) it
// gives up on that department and the tree evaluator scores it instead, so the scores, totals,
// grades and error messages are exactly the evaluator's, by construction.
#include "interpreter/eval/plan.hpp"

#include <algorithm>
#include <array>

#include "interpreter/eval/evaluator.hpp"
#include "interpreter/check/interval.hpp"
#include "stdlib/builtins.hpp"

namespace rubric {
namespace {

struct Fallback {};

[[noreturn]] void give_up() { throw Fallback{}; }

// A value during fast evaluation; texts and lists point into the facts or the ruleset.
struct V {
  enum class Kind : unsigned char { Number, Bool, Text, List };
  Kind kind = Kind::Number;
  bool b = false;
  Decimal num;
  const std::string* text = nullptr;
  const std::vector<Value>* list = nullptr;

  static V number(const Decimal& d) {
    V v;
    v.num = d;
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
      case 2: v.kind = Kind::Text; v.text = &std::get<std::string>(value.data); break;
      default: v.kind = Kind::List; v.list = std::get<ValueList>(value.data).get(); break;
    }
    return v;
  }
};

enum class Aggregate : unsigned char { Sum, Mean, Count, Min, Max, Any, All };

Aggregate aggregate_of(const std::string& name) {
  if (name == "sum") return Aggregate::Sum;
  if (name == "mean") return Aggregate::Mean;
  if (name == "count") return Aggregate::Count;
  if (name == "min") return Aggregate::Min;
  if (name == "max") return Aggregate::Max;
  if (name == "any") return Aggregate::Any;
  return Aggregate::All;
}

class Fast {
 public:
  Fast(const ast::Ruleset& rs, const Facts& facts, std::vector<V>& stack) : rs_(rs), facts_(facts), stack_(stack) {}

  void run(PlanResult& out) {
    out.total.reset();
    out.grade = -1;
    out.scores.clear();
    out.errors.clear();
    if (stack_.size() < rs_.frame_size + 64) stack_.resize(rs_.frame_size + 64);
    top_ = rs_.frame_size;
    base_ = 0;
    mode_ = rs_.rounding.mode;
    for (const ast::Let& l : rs_.lets) stack_[l.slot] = eval(*l.value);
    Decimal total;
    for (const ast::Item& item : rs_.items) total += node(item, out);
    out.total = total;
    for (std::size_t g = 0; g < rs_.grades.size(); ++g) {
      if (!rs_.grades[g].threshold || total >= *rs_.grades[g].threshold) {
        out.grade = static_cast<int>(g);
        break;
      }
    }
  }

 private:
  // The score of an item (0 for a let, which is bound).
  Decimal node(const ast::Item& item, PlanResult& out) {
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      Decimal sum;
      for (const ast::Item& child : (*s)->items) sum += node(child, out);
      if (sum < (*s)->points.lo || sum > (*s)->points.hi) give_up();
      return sum;
    }
    if (const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
      const ast::Indicator& ind = **i;
      const ast::Rounding& rounding = ind.rounding ? *ind.rounding : rs_.rounding;
      indicator_ = &ind;
      mode_ = rounding.mode;
      for (const ast::Let& l : ind.lets) stack_[l.slot] = eval(*l.value);
      const Decimal score = num(*ind.score).round(rounding.digits, rounding.mode);
      if (score < ind.points.lo || score > ind.points.hi) give_up();
      out.scores.emplace_back(score);
      return score;
    }
    const ast::Let& l = std::get<ast::Let>(item);
    stack_[l.slot] = eval(*l.value);
    return Decimal{};
  }

  V& slot(std::uint32_t index) { return stack_[base_ + index]; }

  Decimal num(const ast::Expr& e) {
    const V v = eval(e);
    if (v.kind != V::Kind::Number) give_up();
    return v.num;
  }
  bool truth(const ast::Expr& e) {
    const V v = eval(e);
    if (v.kind != V::Kind::Bool) give_up();
    return v.b;
  }

  bool contains(const ast::Interval& iv, const Decimal& x) {
    return interval_contains(iv, x, [&](const ast::Expr& b) { return num(b); });
  }

  V eval(const ast::Expr& e) {
    if (++steps_ > kStepBudget) give_up();
    return std::visit([&](const auto& n) { return eval_node(e, n); }, e.node);
  }

  V eval_node(const ast::Expr&, const ast::NumberLit& n) { return V::number(n.value); }
  V eval_node(const ast::Expr&, const ast::StringLit& n) {
    V v;
    v.kind = V::Kind::Text;
    v.text = &n.value;
    return v;
  }
  V eval_node(const ast::Expr&, const ast::BoolLit& n) { return V::boolean(n.value); }
  V eval_node(const ast::Expr&, const ast::PointsRef&) { return V::number(indicator_->points.hi); }
  V eval_node(const ast::Expr&, const ast::NameRef& n) {
    switch (n.kind) {
      case ast::NameKind::Fact: return V::of(facts_.values[n.index]);
      case ast::NameKind::Let:
      case ast::NameKind::Param:
      case ast::NameKind::Loop: return slot(n.index);
      case ast::NameKind::Unresolved: break;
    }
    give_up();
  }
  V eval_node(const ast::Expr&, const ast::Member& m) {
    const V object = eval(*m.object);
    if (object.kind != V::Kind::List) give_up();
    return V::of((*object.list)[m.field_index]);
  }
  V eval_node(const ast::Expr&, const ast::Unary& u) {
    if (u.op == ast::UnaryOp::Not) return V::boolean(!truth(*u.operand));
    return V::number(-num(*u.operand));
  }
  V eval_node(const ast::Expr&, const ast::Binary& b) {
    using Op = ast::BinaryOp;
    if (b.op == Op::And) return V::boolean(truth(*b.lhs) && truth(*b.rhs));
    if (b.op == Op::Or) return V::boolean(truth(*b.lhs) || truth(*b.rhs));
    const V x = eval(*b.lhs);
    const V y = eval(*b.rhs);
    if (b.op == Op::Eq || b.op == Op::Ne) {
      bool equal = false;
      if (x.kind == V::Kind::Number && y.kind == V::Kind::Number) equal = x.num == y.num;
      else if (x.kind == V::Kind::Text && y.kind == V::Kind::Text) equal = *x.text == *y.text;
      else if (x.kind == V::Kind::Bool && y.kind == V::Kind::Bool) equal = x.b == y.b;
      return V::boolean(b.op == Op::Eq ? equal : !equal);
    }
    if (x.kind != V::Kind::Number || y.kind != V::Kind::Number) give_up();
    switch (b.op) {
      case Op::Add: return V::number(x.num + y.num);
      case Op::Sub: return V::number(x.num - y.num);
      case Op::Mul: return V::number(x.num * y.num);
      case Op::Div:
        if (y.num.is_zero()) give_up();
        return V::number(x.num / y.num);
      case Op::Lt: return V::boolean(x.num < y.num);
      case Op::Le: return V::boolean(x.num <= y.num);
      case Op::Gt: return V::boolean(x.num > y.num);
      case Op::Ge: return V::boolean(x.num >= y.num);
      default: break;
    }
    give_up();
  }
  V eval_node(const ast::Expr&, const ast::Call& c) {
    if (c.define_index >= 0) {
      const ast::Define& d = rs_.defines[static_cast<std::size_t>(c.define_index)];
      const std::size_t size = std::max<std::size_t>(d.frame_size, d.params.size());
      const std::size_t frame = top_;
      const std::size_t saved_top = top_;
      top_ = frame + size;  // calls made while evaluating the arguments go above this frame
      if (stack_.size() < top_) stack_.resize(top_ + 64);
      for (std::size_t i = 0; i < c.args.size(); ++i) {
        const V v = eval(*c.args[i]);  // evaluated in the caller's frame
        stack_[frame + i] = v;
      }
      if (++calls_ > kMaxCallDepth) give_up();
      const std::size_t saved_base = base_;
      base_ = frame;
      const V result = eval(*d.body);
      base_ = saved_base;
      top_ = saved_top;
      --calls_;
      return result;
    }
    std::array<Decimal, 8> small;
    std::vector<Decimal> large;
    std::size_t n = 0;
    if (stdlib::is_list_aggregate(c.callee) && c.args.size() == 1) {
      const V v = eval(*c.args[0]);
      if (v.kind == V::Kind::List) {
        const auto& items = *v.list;
        const Aggregate a = aggregate_of(c.callee);
        if (a == Aggregate::Count) return V::number(Decimal::from_int(static_cast<std::int64_t>(items.size())));
        if (items.empty() && a != Aggregate::Sum) give_up();
        Decimal acc;
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (!items[i].is_number()) give_up();
          const Decimal& x = items[i].number();
          if (a == Aggregate::Sum || a == Aggregate::Mean) acc += x;
          else if (i == 0) acc = x;
          else if (a == Aggregate::Min) acc = std::min(acc, x);
          else acc = std::max(acc, x);
        }
        if (a == Aggregate::Mean) acc = acc / Decimal::from_int(static_cast<std::int64_t>(items.size()));
        return V::number(acc);
      }
      if (v.kind != V::Kind::Number) give_up();
      small[n++] = v.num;
    } else if (c.args.size() <= small.size()) {
      for (const auto& arg : c.args) small[n++] = num(*arg);
    } else {
      for (const auto& arg : c.args) large.push_back(num(*arg));
    }
    const stdlib::Builtin* b = stdlib::find_builtin(c.callee);
    if (b == nullptr) give_up();
    try {
      const std::span<const Decimal> args = large.empty() ? std::span<const Decimal>(small.data(), n) : std::span<const Decimal>(large);
      return V::number(b->call(args, stdlib::BuiltinContext{mode_}));
    } catch (const stdlib::BuiltinError&) {
      give_up();
    }
  }
  V eval_node(const ast::Expr&, const ast::Comprehension& c) {
    const V list = eval(*c.list);
    if (list.kind != V::Kind::List) give_up();
    const auto& items = *list.list;
    const Aggregate a = aggregate_of(c.func);
    std::size_t taken = 0;
    Decimal acc;
    bool any = false;
    bool all = true;
    for (std::size_t i = 0; i < items.size(); ++i) {
      slot(c.slot) = V::of(items[i]);
      if (c.filter && !truth(*c.filter)) continue;
      if (a == Aggregate::Count) {
        ++taken;
        continue;
      }
      if (a == Aggregate::Any || a == Aggregate::All) {
        const bool v = c.body ? truth(*c.body) : true;
        any = any || v;
        all = all && v;
        ++taken;
        continue;
      }
      Decimal x;
      if (c.body) {
        x = num(*c.body);
      } else {
        if (!items[i].is_number()) give_up();
        x = items[i].number();
      }
      if (taken == 0 && (a == Aggregate::Min || a == Aggregate::Max)) acc = x;
      else if (a == Aggregate::Min) acc = std::min(acc, x);
      else if (a == Aggregate::Max) acc = std::max(acc, x);
      else acc += x;
      ++taken;
    }
    if (a == Aggregate::Count) return V::number(Decimal::from_int(static_cast<std::int64_t>(taken)));
    if (a == Aggregate::Any) return V::boolean(any);
    if (a == Aggregate::All) return V::boolean(all);
    if (taken == 0 && a != Aggregate::Sum) give_up();
    if (a == Aggregate::Mean) acc = acc / Decimal::from_int(static_cast<std::int64_t>(taken));
    return V::number(acc);
  }
  V eval_node(const ast::Expr&, const ast::Tiered& t) {
    const Decimal x = num(*t.subject);
    std::optional<Decimal> result;
    for (const auto& tier : t.tiers) {
      if (!contains(tier.interval, x)) continue;
      const Decimal r = num(*tier.result);
      if (result && r != *result) give_up();
      if (!result) result = r;
    }
    if (!result) give_up();
    return V::number(*result);
  }
  V eval_node(const ast::Expr&, const ast::Brackets& b) {
    const Decimal x = num(*b.subject);
    for (const auto& arm : b.arms) {
      if (arm.bound) {
        const Decimal bound = num(*arm.bound);
        bool taken = false;
        switch (arm.compare) {
          case ast::BinaryOp::Lt: taken = x < bound; break;
          case ast::BinaryOp::Le: taken = x <= bound; break;
          case ast::BinaryOp::Gt: taken = x > bound; break;
          case ast::BinaryOp::Ge: taken = x >= bound; break;
          default: taken = x == bound; break;
        }
        if (!taken) continue;
      }
      return V::number(num(*arm.result));
    }
    give_up();
  }
  V eval_node(const ast::Expr&, const ast::Deduct& d) {
    const Decimal start = d.start ? num(*d.start) : indicator_->points.hi;
    Decimal total;
    for (const auto& item : d.items) {
      const Decimal amount = num(*item.amount);
      switch (item.kind) {
        case ast::DeductionKind::Fixed: total += amount; break;
        case ast::DeductionKind::Per: total += amount * num(*item.operand); break;
        case ast::DeductionKind::When:
          if (truth(*item.operand)) total += amount;
          break;
      }
    }
    const Decimal result = start - total;
    if (total.is_zero()) return V::number(result);
    if (d.floor) {
      const Decimal floor = num(*d.floor);
      if (result < floor) return V::number(floor);
    }
    return V::number(result);
  }
  V eval_node(const ast::Expr&, const ast::Weighted& w) {
    Decimal total;
    for (const ast::Part& part : w.parts) {
      const Decimal weight = num(*part.weight);
      total += weight * num(*part.value);
    }
    return V::number(total);
  }
  V eval_node(const ast::Expr&, const ast::Judged& j) {
    const V category = eval(*j.category);
    if (category.kind != V::Kind::Text) give_up();
    for (const auto& band : j.bands) {
      if (band.member != *category.text) continue;
      if (band.value) return V::number(num(*band.value));  // a fixed band: the score is ignored
      const Decimal score = num(*j.score);
      if (!contains(band.interval, score)) give_up();
      return V::number(score);
    }
    give_up();
  }
  V eval_node(const ast::Expr&, const ast::When& w) {
    for (const auto& arm : w.arms) {
      if (arm.condition && !truth(*arm.condition)) continue;
      return eval(*arm.result);
    }
    give_up();
  }

  static constexpr std::uint64_t kStepBudget = EvalOptions{}.step_budget;
  static constexpr int kMaxCallDepth = EvalOptions{}.max_call_depth;

  const ast::Ruleset& rs_;
  const Facts& facts_;
  std::vector<V>& stack_;
  std::size_t base_ = 0;
  std::size_t top_ = 0;
  const ast::Indicator* indicator_ = nullptr;
  RoundingMode mode_ = RoundingMode::HalfUp;
  std::uint64_t steps_ = 0;
  int calls_ = 0;
};

void collect(const NodeResult& node, std::vector<std::optional<Decimal>>& out) {
  if (!node.is_section) {
    out.push_back(node.score);
    return;
  }
  for (const NodeResult& child : node.children) collect(child, out);
}

}  // namespace

struct Plan::Impl {
  const ast::Ruleset& rs;
};

Plan::Plan(const ast::Ruleset& ruleset) : impl_(std::make_unique<Impl>(Impl{ruleset})) {}
Plan::~Plan() = default;
Plan::Plan(Plan&&) noexcept = default;
Plan& Plan::operator=(Plan&&) noexcept = default;

PlanResult Plan::evaluate(const Facts& facts) const {
  PlanResult out;
  evaluate(facts, out);
  return out;
}

void Plan::evaluate(const Facts& facts, PlanResult& out) const {
  thread_local std::vector<V> stack;
  try {
    Fast(impl_->rs, facts, stack).run(out);
    return;
  } catch (const Fallback&) {
  } catch (const DecimalError&) {
  }
  // The slow path: the tree evaluator, for its exact errors.
  EvalOptions options;
  options.trace = false;
  const Evaluation ev = rubric::evaluate(impl_->rs, facts, options);
  out.total = ev.total;
  out.grade = -1;
  out.scores.clear();
  out.errors.clear();
  if (ev.total) {
    for (std::size_t g = 0; g < impl_->rs.grades.size(); ++g) {
      if (impl_->rs.grades[g].name == ev.grade) {
        out.grade = static_cast<int>(g);
        break;
      }
    }
  }
  for (const NodeResult& n : ev.nodes) collect(n, out.scores);
  for (const Diagnostic& d : ev.diagnostics.items()) {
    if (d.severity == Severity::Error) out.errors.push_back(d.message);
  }
}

}  // namespace rubric
