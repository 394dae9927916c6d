// Lowering a checked ruleset into the plan's flat form; see plan_code.hpp.
//
// Operands are lowered before the node that uses them, so a node whose operands all came out as
// constants can be folded on the spot: it is computed once, here, with the operations the plan
// runs (Num, built-ins by pointer), and replaced by one constant that keeps the steps and height of
// everything it replaced. A fold that fails (a division by zero, an overflow, a built-in's error)
// is not made: the node stays, and fails at run time like the tree's, which then reports it.
#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "interpreter/check/interval.hpp"
#include "interpreter/eval/plan_code.hpp"

namespace rubric::plan {
namespace {

class Lowerer {
 public:
  Lowerer(const ast::Ruleset& rs, Code& code) : rs_(rs), code_(code) {}

  void run() {
    code_.frame_size = rs_.frame_size;
    code_.mode = rs_.rounding.mode;
    code_.calendar = &rs_.work_calendar;
    for (const ast::Define& d : rs_.defines) {
      code_.defines.push_back(expr(*d.body));
      code_.define_size.push_back(static_cast<std::uint32_t>(std::max<std::size_t>(d.frame_size, d.params.size())));
    }
    for (const ast::Let& l : rs_.lets) code_.top_lets.push_back({l.slot, expr(*l.value)});
    const auto [first, count] = items(rs_.items);
    (void)first;
    code_.top_count = count;
    std::tie(code_.top_vetoes_first, code_.top_vetoes_count) = vetoes(rs_.vetoes);
    for (const ast::GradeArm& g : rs_.grades) {
      code_.grades.push_back(g.threshold ? Num(*g.threshold) : Num());
      code_.grade_open.push_back(!g.threshold);
      GradeFloor floor;
      if (g.floor) {
        const auto [from, to] = g.floor_scope != nullptr ? section_indicators_[g.floor_scope]
                                                         : std::pair<std::uint32_t, std::uint32_t>{0, code_.indicators};
        for (std::uint32_t i = from; i < to; ++i) {
          if (indicator_points_[i]) floor.least.emplace_back(i, *g.floor * *indicator_points_[i]);
        }
      }
      code_.grade_floors.push_back(std::move(floor));
    }
    totals();
  }

 private:
  // ---- The table -------------------------------------------------------------------------

  // Lowers [src] into a block of consecutive items; returns where it starts and its size.
  std::pair<std::uint32_t, std::uint32_t> items(const std::vector<ast::Item>& src) {
    const auto first = static_cast<std::uint32_t>(code_.items.size());
    code_.items.resize(first + src.size());
    for (std::size_t i = 0; i < src.size(); ++i) {
      Item item;
      if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&src[i])) {
        item.kind = Item::Kind::Section;
        item.lo = (*s)->points.lo;
        item.hi = (*s)->points.hi;
        item.extra = (*s)->extra;
        item.shared = (*s)->shared;
        const std::uint32_t indicators_before = code_.indicators;
        in_extra_ = (*s)->extra || in_extra_;
        const auto [f, n] = items((*s)->items);
        in_extra_ = in_extra_ && !(*s)->extra;
        item.first = f;
        item.count = n;
        std::tie(item.vetoes_first, item.vetoes_count) = vetoes((*s)->vetoes);
        section_indicators_[s->get()] = {indicators_before, code_.indicators};
      } else if (const auto* ind = std::get_if<std::unique_ptr<ast::Indicator>>(&src[i])) {
        item = indicator(**ind);
      } else {
        const ast::Let& l = std::get<ast::Let>(src[i]);
        item.kind = Item::Kind::Let;
        item.let = {l.slot, expr(*l.value)};
      }
      code_.items[first + i] = item;
    }
    return {first, static_cast<std::uint32_t>(src.size())};
  }

  // Lowers [src] into a block of consecutive vetoes; returns where it starts and its size.
  std::pair<std::uint32_t, std::uint32_t> vetoes(const std::vector<ast::Veto>& src) {
    std::vector<Veto> lowered;
    for (const ast::Veto& v : src) {
      Veto veto{expr(*v.condition), v.zero, -1, &v};
      for (std::size_t g = 0; g < rs_.grades.size(); ++g) {
        if (rs_.grades[g].name == v.grade) veto.cap = static_cast<int>(g);
      }
      lowered.push_back(veto);
    }
    const auto first = static_cast<std::uint32_t>(code_.vetoes.size());
    code_.vetoes.insert(code_.vetoes.end(), lowered.begin(), lowered.end());
    return {first, static_cast<std::uint32_t>(lowered.size())};
  }

  Item indicator(const ast::Indicator& ind) {
    Item item;
    ++code_.indicators;
    indicator_points_.push_back(ind.points.range || in_extra_ ? std::nullopt : std::optional<Decimal>(ind.points.hi));
    item.kind = Item::Kind::Indicator;
    item.indicator = &ind;
    if (!ind.choice.empty()) {
      item.choice_fact = ind.choice_fact;
      item.choice_name = &ind.name;
    }
    item.lo = ind.points.lo;
    item.hi = ind.points.hi;
    indicator_ = &ind;
    if (ind.applies) item.applies = expr(*ind.applies);
    const ast::Rounding& rounding = ind.rounding ? *ind.rounding : rs_.rounding;
    item.digits = rounding.digits;
    item.mode = rounding.mode;
    indicator_ = &ind;
    std::vector<Let> lets;
    for (const ast::Let& l : ind.lets) lets.push_back({l.slot, expr(*l.value)});
    item.lets_first = static_cast<std::uint32_t>(code_.lets.size());
    item.lets_count = static_cast<std::uint32_t>(lets.size());
    code_.lets.insert(code_.lets.end(), lets.begin(), lets.end());
    item.score = expr(*ind.score);
    indicator_ = nullptr;
    return item;
  }

  // ---- Nodes ---------------------------------------------------------------------------------

  std::uint32_t add(const Node& n) {
    code_.nodes.push_back(n);
    return static_cast<std::uint32_t>(code_.nodes.size() - 1);
  }
  const Node& node(std::uint32_t i) const { return code_.nodes[i]; }
  bool is_number(std::uint32_t i) const { return i != kNone && node(i).op == Op::Number; }
  bool is_bool(std::uint32_t i) const { return i != kNone && node(i).op == Op::Bool; }
  const Num& number(std::uint32_t i) const { return code_.numbers[node(i).index]; }

  Node make(Op op, std::uint32_t a = kNone, std::uint32_t b = kNone) const {
    Node n;
    n.op = op;
    n.a = a;
    n.b = b;
    return n;
  }
  std::uint32_t kids(const std::vector<std::uint32_t>& list, Node& n) {
    n.first = static_cast<std::uint32_t>(code_.kids.size());
    n.count = static_cast<std::uint32_t>(list.size());
    code_.kids.insert(code_.kids.end(), list.begin(), list.end());
    return n.first;
  }

  // A constant standing for [replaced] (operand nodes) and the node that combined them.
  std::uint32_t constant(Op op, std::uint32_t index, const std::vector<std::uint32_t>& replaced) {
    Node n = make(op);
    n.index = index;
    std::uint32_t height = 0;
    for (const std::uint32_t r : replaced) {
      n.steps += node(r).steps;
      height = std::max(height, node(r).height);
    }
    n.height = 1 + height;
    return add(n);
  }
  std::uint32_t fold_number(const Num& v, const std::vector<std::uint32_t>& replaced) {
    code_.numbers.push_back(v);
    return constant(Op::Number, static_cast<std::uint32_t>(code_.numbers.size() - 1), replaced);
  }
  std::uint32_t fold_bool(bool v, const std::vector<std::uint32_t>& replaced) {
    return constant(Op::Bool, v ? 1 : 0, replaced);
  }
  std::uint32_t fail() {
    ++code_.fallbacks;
    return add(make(Op::Fail));
  }

  std::uint32_t expr(const ast::Expr& e) {
    return std::visit([&](const auto& n) { return lower(n); }, e.node);
  }

  std::uint32_t lower(const ast::NumberLit& n) { return fold_number(n.value, {}); }
  std::uint32_t lower(const ast::StringLit& n) {
    code_.texts.push_back(&n.value);
    return constant(Op::Text, static_cast<std::uint32_t>(code_.texts.size() - 1), {});
  }
  std::uint32_t lower(const ast::BoolLit& n) { return fold_bool(n.value, {}); }
  std::uint32_t lower(const ast::PointsRef&) {
    if (indicator_ != nullptr) return fold_number(indicator_->points.hi, {});
    return add(make(Op::Points));
  }
  std::uint32_t lower(const ast::NameRef& n) {
    Node out = make(n.kind == ast::NameKind::Fact ? Op::Fact : Op::Slot);
    if (n.kind == ast::NameKind::Unresolved) return fail();
    out.index = n.index;
    return add(out);
  }
  std::uint32_t lower(const ast::Member& m) {
    Node out = make(Op::Member, expr(*m.object));
    out.index = m.field_index;
    return add(out);
  }
  std::uint32_t lower(const ast::Unary& u) {
    const std::uint32_t a = expr(*u.operand);
    if (u.op == ast::UnaryOp::Not) return is_bool(a) ? fold_bool(node(a).index == 0, {a}) : add(make(Op::Not, a));
    return is_number(a) ? fold_number(-number(a), {a}) : add(make(Op::Neg, a));
  }
  std::uint32_t lower(const ast::Binary& b);
  std::uint32_t lower(const ast::Call& c);
  std::uint32_t builtin(const ast::Call& c);
  std::uint32_t lower(const ast::Comprehension& c) {
    Comprehension out;
    out.kind = c.aggregate;
    out.list = expr(*c.list);
    out.filter = c.filter ? expr(*c.filter) : kNone;
    out.body = c.body ? expr(*c.body) : kNone;
    out.slot = c.slot;
    code_.comprehensions.push_back(out);
    Node n = make(Op::Comprehension);
    n.index = static_cast<std::uint32_t>(code_.comprehensions.size() - 1);
    return add(n);
  }
  std::uint32_t lower(const ast::Tiered& t);
  std::uint32_t lower(const ast::Brackets& b);
  std::uint32_t lower(const ast::Deduct& d) {
    Deduct out;
    out.start = d.start ? expr(*d.start) : kNone;
    for (const ast::Deduction& item : d.items) {
      Deduction x;
      x.kind = item.kind;
      x.amount = expr(*item.amount);
      x.operand = item.operand ? expr(*item.operand) : kNone;
      out.items.push_back(x);
    }
    out.floor = d.floor ? expr(*d.floor) : kNone;
    code_.deducts.push_back(std::move(out));
    Node n = make(Op::Deduct);
    n.index = static_cast<std::uint32_t>(code_.deducts.size() - 1);
    return add(n);
  }
  std::uint32_t lower(const ast::Weighted& w) {
    std::vector<std::uint32_t> pairs;
    for (const ast::Part& p : w.parts) {
      pairs.push_back(expr(*p.weight));
      pairs.push_back(expr(*p.value));
    }
    Node n = make(Op::Weighted);
    kids(pairs, n);
    n.count = static_cast<std::uint32_t>(w.parts.size());
    return add(n);
  }
  std::uint32_t lower(const ast::Judged& j);
  std::uint32_t lower(const ast::When& w) {
    std::vector<std::uint32_t> pairs;
    for (const ast::WhenArm& arm : w.arms) {
      pairs.push_back(arm.condition ? expr(*arm.condition) : kNone);
      pairs.push_back(expr(*arm.result));
    }
    Node n = make(Op::When);
    kids(pairs, n);
    n.count = static_cast<std::uint32_t>(w.arms.size());
    return add(n);
  }

  bool sorted_tiers(const ast::Tiered& t, const std::vector<TierArm>& arms, SortedTiered& out) const;
  template <typename F>
  void for_each_operand(const Node& n, F&& f) const;
  void totals();

  const ast::Ruleset& rs_;
  Code& code_;
  const ast::Indicator* indicator_ = nullptr;  // null in a function body and outside indicators
  // Each indicator's points in table order; none for a signed range or an extra section's item,
  // which a grade's floor skips.
  std::vector<std::optional<Decimal>> indicator_points_;
  bool in_extra_ = false;  // lowering an extra section's items (extra sections are not nested)
  // Each section's indicators, as [first, end) indices in table order: for the grades' floors.
  std::map<const ast::Section*, std::pair<std::uint32_t, std::uint32_t>> section_indicators_;
};

std::uint32_t Lowerer::lower(const ast::Binary& b) {
  using BOp = ast::BinaryOp;
  const std::uint32_t x = expr(*b.lhs);
  const std::uint32_t y = expr(*b.rhs);
  static constexpr Op kOps[] = {Op::Add, Op::Sub, Op::Mul, Op::Div, Op::Lt, Op::Le,
                                Op::Gt,  Op::Ge,  Op::Eq,  Op::Ne,  Op::And, Op::Or};
  const Op op = kOps[static_cast<int>(b.op)];
  if (is_bool(x) && is_bool(y)) {
    const bool l = node(x).index != 0;
    const bool r = node(y).index != 0;
    switch (b.op) {
      case BOp::And: return fold_bool(l && r, {x, y});
      case BOp::Or: return fold_bool(l || r, {x, y});
      case BOp::Eq: return fold_bool(l == r, {x, y});
      case BOp::Ne: return fold_bool(l != r, {x, y});
      default: break;
    }
  }
  if (is_number(x) && is_number(y)) {
    const Num& l = number(x);
    const Num& r = number(y);
    try {
      switch (b.op) {
        case BOp::Add: return fold_number(l + r, {x, y});
        case BOp::Sub: return fold_number(l - r, {x, y});
        case BOp::Mul: return fold_number(l * r, {x, y});
        case BOp::Div:
          if (!r.is_zero()) return fold_number(l / r, {x, y});
          break;
        case BOp::Lt: return fold_bool(l < r, {x, y});
        case BOp::Le: return fold_bool(l <= r, {x, y});
        case BOp::Gt: return fold_bool(l > r, {x, y});
        case BOp::Ge: return fold_bool(l >= r, {x, y});
        case BOp::Eq: return fold_bool(l == r, {x, y});
        case BOp::Ne: return fold_bool(l != r, {x, y});
        default: break;
      }
    } catch (const DecimalError&) {
      // Not folded: the tree reports the overflow.
    }
  }
  return add(make(op, x, y));
}

std::uint32_t Lowerer::lower(const ast::Call& c) {
  if (c.prior) {  // last year's value of the fact args[0]
    Node out = make(Op::Prior);
    out.index = std::get<ast::NameRef>(c.args[0]->node).index;
    return add(out);
  }
  if (c.working_days) return add(make(Op::WorkingDays, expr(*c.args[0]), expr(*c.args[1])));
  if (c.year_of != ast::YearOf::None) {
    Node out = make(Op::YearOf);
    out.index = std::get<ast::NameRef>(c.args[0]->node).index;
    out.sub = static_cast<std::uint8_t>(c.year_of);
    if (c.year_of == ast::YearOf::Percentile) out.a = expr(*c.args[1]);  // the share, a literal
    return add(out);
  }
  if (c.define_index < 0) return builtin(c);
  std::vector<std::uint32_t> args;
  for (const auto& a : c.args) args.push_back(expr(*a));
  Node n = make(Op::Define);
  kids(args, n);
  n.index = static_cast<std::uint32_t>(c.define_index);
  return add(n);
}

std::uint32_t Lowerer::builtin(const ast::Call& c) {
  std::vector<std::uint32_t> args;
  for (const auto& a : c.args) args.push_back(expr(*a));
  // As the checker resolved it: c.aggregate when the one argument may be a list, c.builtin.
  const stdlib::Builtin* fn = c.builtin;
  const bool aggregate = c.aggregate != Aggregate::None;
  if (fn == nullptr && !aggregate) return fail();
  Op op = Op::Builtin;
  if (aggregate) op = Op::ListAggregate;
  else if (fn->id == stdlib::BuiltinId::Min) op = Op::Min;
  else if (fn->id == stdlib::BuiltinId::Max) op = Op::Max;
  Node n = make(op);
  n.a = aggregate ? args[0] : kNone;
  n.sub = static_cast<std::uint8_t>(c.aggregate);
  code_.builtins.push_back(fn);
  n.index = static_cast<std::uint32_t>(code_.builtins.size() - 1);
  kids(args, n);
  // Constant arguments: computed now (not round(), whose mode is the calling indicator's).
  const bool constant = std::all_of(args.begin(), args.end(), [&](std::uint32_t a) { return is_number(a); });
  if (constant && fn != nullptr && fn->id != stdlib::BuiltinId::Round && !args.empty()) {
    std::vector<Decimal> values;
    for (const std::uint32_t a : args) values.push_back(number(a).decimal());
    try {
      return fold_number(fn->call(values, stdlib::BuiltinContext{rs_.rounding.mode}), args);
    } catch (const stdlib::BuiltinError&) {
    } catch (const DecimalError&) {
    }
  }
  return add(n);
}

std::uint32_t Lowerer::lower(const ast::Tiered& t) {
  Tiered out;
  out.subject = expr(*t.subject);
  out.source = t.subject.get();
  Node n = make(Op::Tiered);
  std::uint32_t height = 0;
  for (const ast::Tier& tier : t.tiers) {
    TierArm arm;
    arm.lo = tier.interval.lo.value ? expr(*tier.interval.lo.value) : kNone;
    arm.hi = tier.interval.hi.value ? expr(*tier.interval.hi.value) : kNone;
    arm.lo_closed = tier.interval.lo_closed;
    arm.hi_closed = tier.interval.hi_closed;
    arm.result = expr(*tier.result);
    for (const std::uint32_t b : {arm.lo, arm.hi}) {
      if (b == kNone) continue;
      n.steps += node(b).steps;
      height = std::max(height, node(b).height);
    }
    out.arms.push_back(arm);
  }
  out.sorted = sorted_tiers(t, out.arms, out.fast);
  if (out.sorted) n.height = 1 + height;  // the bounds are not evaluated: they count here
  else n.steps = 1;
  code_.tiereds.push_back(std::move(out));
  n.index = static_cast<std::uint32_t>(code_.tiereds.size() - 1);
  return add(n);
}

// The segments of a tiered whose finite bounds are all constants: the distinct bounds sorted,
// and for each point and each gap between them the tiers that take it (tested on a value inside).
bool Lowerer::sorted_tiers(const ast::Tiered& t, const std::vector<TierArm>& arms, SortedTiered& out) const {
  std::vector<Decimal> bounds;
  for (const TierArm& arm : arms) {
    for (const std::uint32_t b : {arm.lo, arm.hi}) {
      if (b == kNone) continue;
      if (!is_number(b)) return false;
      bounds.push_back(number(b).decimal());
    }
  }
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  try {
    const std::size_t m = bounds.size();
    for (std::size_t s = 0; s <= 2 * m; ++s) {
      out.seg_first.push_back(static_cast<std::uint32_t>(out.takers.size()));
      const std::size_t i = s / 2;
      Decimal x;
      if (s % 2 == 1) x = bounds[i];
      else if (m == 0) x = Decimal{};
      else if (i == 0) x = bounds[0] - Decimal::from_int(1);
      else if (i == m) x = bounds[m - 1] + Decimal::from_int(1);
      else x = (bounds[i - 1] + bounds[i]) / Decimal::from_int(2);
      const bool empty_gap = s % 2 == 0 && i > 0 && i < m && (x == bounds[i - 1] || x == bounds[i]);
      for (std::size_t k = 0; k < arms.size() && !empty_gap; ++k) {
        const ast::Interval& iv = t.tiers[k].interval;
        const auto bound = [&](const ast::Expr& e) { return number(&e == iv.lo.value.get() ? arms[k].lo : arms[k].hi).decimal(); };
        if (interval_contains(iv, x, bound)) out.takers.push_back(arms[k].result);
      }
    }
    out.seg_first.push_back(static_cast<std::uint32_t>(out.takers.size()));
  } catch (const DecimalError&) {
    return false;
  }
  for (const Decimal& b : bounds) out.bounds.push_back(b);
  return true;
}

std::uint32_t Lowerer::lower(const ast::Brackets& b) {
  Brackets out;
  out.subject = expr(*b.subject);
  out.source = b.subject.get();
  Node n = make(Op::Brackets);
  std::uint32_t height = 0;
  for (const ast::BracketArm& arm : b.arms) {
    BracketArm x;
    x.compare = arm.compare;
    x.otherwise = !arm.bound;
    if (arm.bound) {
      x.bound = expr(*arm.bound);
      if (is_number(x.bound)) {
        x.constant = true;
        x.value = number(x.bound);
        n.steps += node(x.bound).steps;
        height = std::max(height, node(x.bound).height);
      }
    }
    x.result = expr(*arm.result);
    out.arms.push_back(x);
  }
  n.height = 1 + height;
  code_.brackets.push_back(std::move(out));
  n.index = static_cast<std::uint32_t>(code_.brackets.size() - 1);
  return add(n);
}

std::uint32_t Lowerer::lower(const ast::Judged& j) {
  Judged out;
  out.score = expr(*j.score);
  out.category = expr(*j.category);
  for (const ast::Band& band : j.bands) {
    Band x;
    x.member = &band.member;
    if (band.value) {
      x.value = expr(*band.value);
    } else {
      x.lo = band.interval.lo.value ? expr(*band.interval.lo.value) : kNone;
      x.hi = band.interval.hi.value ? expr(*band.interval.hi.value) : kNone;
      x.lo_closed = band.interval.lo_closed;
      x.hi_closed = band.interval.hi_closed;
    }
    out.bands.push_back(x);
  }
  code_.judgeds.push_back(std::move(out));
  Node n = make(Op::Judged);
  n.index = static_cast<std::uint32_t>(code_.judgeds.size() - 1);
  return add(n);
}

// Calls [f] with every node that evaluating [n] may evaluate directly (a called function's body
// included), each once.
template <typename F>
void Lowerer::for_each_operand(const Node& n, F&& f) const {
  const auto some = [&](std::uint32_t i) {
    if (i != kNone) f(i);
  };
  const auto kids = [&](std::uint32_t count) {
    for (std::uint32_t i = 0; i < count; ++i) some(code_.kids[n.first + i]);
  };
  switch (n.op) {
    case Op::Member: case Op::Neg: case Op::Not: case Op::ListAggregate: some(n.a); break;
    case Op::And: case Op::Or: case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: case Op::Lt: case Op::Le:
    case Op::Gt: case Op::Ge: case Op::Eq: case Op::Ne: some(n.a); some(n.b); break;
    case Op::Min: case Op::Max: case Op::Builtin: kids(n.count); break;
    case Op::Weighted: case Op::When: kids(2 * n.count); break;
    case Op::Define: kids(n.count); some(code_.defines[n.index]); break;
    case Op::Comprehension: {
      const Comprehension& c = code_.comprehensions[n.index];
      for (const std::uint32_t i : {c.list, c.filter, c.body}) some(i);
      break;
    }
    case Op::Tiered: {
      const Tiered& t = code_.tiereds[n.index];
      some(t.subject);
      for (const TierArm& arm : t.arms) {
        if (!t.sorted) {
          some(arm.lo);
          some(arm.hi);
        }
        some(arm.result);
      }
      break;
    }
    case Op::Brackets: {
      const Brackets& b = code_.brackets[n.index];
      some(b.subject);
      for (const BracketArm& arm : b.arms) {
        if (!arm.constant) some(arm.bound);
        some(arm.result);
      }
      break;
    }
    case Op::Deduct: {
      const Deduct& d = code_.deducts[n.index];
      some(d.start);
      some(d.floor);
      for (const Deduction& item : d.items) {
        some(item.amount);
        some(item.operand);
      }
      break;
    }
    case Op::Judged: {
      const Judged& j = code_.judgeds[n.index];
      some(j.score);
      some(j.category);
      for (const Band& band : j.bands) {
        for (const std::uint32_t i : {band.value, band.lo, band.hi}) some(i);
      }
      break;
    }
    default: break;
  }
}

// Code::steps and Code::height of every node, and each comprehension's steps per element. An
// operand is lowered before the node that uses it, and a function's body before any call, so one
// pass in index order sees every operand's totals first.
void Lowerer::totals() {
  constexpr std::uint64_t kMany = UINT64_MAX / 4;  // saturates: only compared with the budget
  const std::size_t n = code_.nodes.size();
  code_.steps.assign(n, 0);
  code_.height.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const Node& node = code_.nodes[i];
    std::uint64_t steps = node.steps;
    std::uint32_t height = node.height;
    for_each_operand(node, [&](std::uint32_t k) {
      steps = std::min(kMany, steps + code_.steps[k]);
      height = std::max(height, code_.height[k] + 1);
    });
    code_.steps[i] = steps;
    code_.height[i] = height;
    if (node.op == Op::Comprehension) {
      Comprehension& c = code_.comprehensions[node.index];
      c.round_steps = (c.filter != kNone ? code_.steps[c.filter] : 0) + (c.body != kNone ? code_.steps[c.body] : 0);
    }
  }
}

}  // namespace

Code lower(const ast::Ruleset& ruleset) {
  Code code;
  Lowerer(ruleset, code).run();
  return code;
}

}  // namespace rubric::plan
