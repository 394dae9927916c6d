// The tree-walking evaluator; see evaluator.hpp.
#include "interpreter/eval/evaluator.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "dsl/visit.hpp"
#include "interpreter/check/interval.hpp"
#include "stdlib/builtins.hpp"

namespace rubric {
namespace {

// A user-facing evaluation error at [span]; the indicator being evaluated is added when it is
// reported.
struct EvalError {
  std::string code;
  Span span;
  std::string message;
  std::string help;
};

[[noreturn]] void fail(std::string code, Span span, std::string message, std::string help = {}) {
  throw EvalError{std::move(code), span, std::move(message), std::move(help)};
}

// The 评分依据 is written in Chinese, as the table a department hands in: how a rounding mode
// and an aggregate read there.
std::string_view rounding_words(RoundingMode mode) {
  switch (mode) {
    case RoundingMode::HalfUp: return "四舍五入";
    case RoundingMode::HalfEven: return "四舍六入五成双";
    case RoundingMode::Down: return "向零舍去";
    case RoundingMode::Up: return "远离零进位";
  }
  return "";
}
std::string_view aggregate_words(const std::string& func) {
  if (func == "sum") return "合计";
  if (func == "mean") return "平均值";
  if (func == "min") return "最小值";
  if (func == "max") return "最大值";
  return func;
}

class Evaluator {
 public:
  Evaluator(const ast::Ruleset& ruleset, const Facts& facts, const EvalOptions& options, Evaluation& out)
      : rs_(ruleset), facts_(facts), options_(options), out_(out), section_digits_(total_digits(ruleset)) {}

  void run();

 private:
  NodeResult section(const ast::Section& s);
  NodeResult indicator(const ast::Indicator& ind);
  void bind_let(const ast::Let& l);

  Value eval(const ast::Expr& e);
  Value eval_impl(const ast::Expr& e);
  Decimal num(const ast::Expr& e) {
    Value v = eval(e);
    if (!v.is_number()) fail("E0714", e.span, fmt::format("expected a number here, but the value is {}", format_value(v, e.type)));
    return v.number();
  }
  bool truth(const ast::Expr& e) {
    Value v = eval(e);
    if (!v.is_bool()) fail("E0714", e.span, fmt::format("expected a bool here, but the value is {}", format_value(v, e.type)));
    return v.boolean();
  }
  Value name(const ast::Expr& e, const ast::NameRef& n);
  Value binary(const ast::Expr& e, const ast::Binary& b);
  Value call(const ast::Expr& e, const ast::Call& c);
  Value comprehension(const ast::Expr& e, const ast::Comprehension& c);
  Value tiered(const ast::Expr& e, const ast::Tiered& t);
  Value brackets(const ast::Expr& e, const ast::Brackets& b);
  Value deduct(const ast::Expr& e, const ast::Deduct& d);
  Value weighted(const ast::Expr& e, const ast::Weighted& w);
  Value judged(const ast::Expr& e, const ast::Judged& j);
  Value when(const ast::Expr& e, const ast::When& w);
  bool contains(const ast::Interval& iv, const Decimal& value);
  // An interval with its bounds evaluated, e.g. "[16, 20]" for [80% * w, w].
  std::string interval_text(const ast::Interval& iv, ast::TypeKind kind) {
    const auto bound = [&](const ast::Bound& b) {
      return b.value ? show(num(*b.value), kind) : b.infinity > 0 ? std::string("inf") : std::string("-inf");
    };
    return fmt::format("{}{}, {}{}", iv.lo_closed ? "[" : "(", bound(iv.lo), bound(iv.hi), iv.hi_closed ? "]" : ")");
  }

  // "不满足 X" for a condition that failed; "满足 Y" when X is 'not Y', so the 评分依据 a department
  // hands in never reads "不满足 not Y".
  std::string unmet(const ast::Expr& condition) const {
    if (const auto* u = std::get_if<ast::Unary>(&condition.node); u != nullptr && u->op == ast::UnaryOp::Not) {
      return "满足 " + src(u->operand->span);
    }
    return "不满足 " + src(condition.span);
  }
  std::string src(Span span) const {
    // Source text on one line, runs of whitespace folded to one space.
    std::string text;
    for (const char c : rs_.slice(span)) {
      const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      if (space && (text.empty() || text.back() == ' ')) continue;
      text += space ? ' ' : c;
    }
    return text;
  }
  std::string show(const Decimal& d, ast::TypeKind kind) const { return format_number(d, kind); }
  void cover(Branch kind, Span span) {
    if (options_.coverage != nullptr) options_.coverage->insert(branch_key(kind, span.begin));
  }
  void step(Span span, std::string text, bool decision, std::string why = {}) {
    if (trace_ != nullptr && (decision || options_.trace)) {
      trace_->push_back({depth_, span, prefix_ + std::move(text), decision, options_.trace ? std::move(why) : std::string()});
    }
  }
  // Records the value a tiered, brackets or judged tests (see EvalOptions::tested).
  void observe(const ast::Expr& subject, const Decimal& x) {
    if (options_.tested != nullptr) options_.tested->emplace(std::make_pair(indicator_, subject.span.begin), x);
  }
  void record_let(const ast::Let& l, const Value& v) {
    if (options_.trace) out_.lets.emplace_back(&l, v);
  }

  const ast::Ruleset& rs_;
  const Facts& facts_;
  const EvalOptions& options_;
  Evaluation& out_;

  std::vector<Value> globals_;          // the department's frame: every let and loop variable
  std::vector<std::string> failed_;     // per slot: why its let failed, "" if it did not
  std::vector<Value>* frame_ = nullptr;  // the current frame (globals_, or a function's)
  std::vector<TraceStep>* trace_ = nullptr;
  const ast::Indicator* indicator_ = nullptr;
  RoundingMode mode_ = RoundingMode::HalfUp;
  int depth_ = 0;
  int calls_ = 0;
  int nested_ = 0;  // eval() calls in progress
  static constexpr int kMaxEvalNesting = 4000;
  std::uint64_t steps_ = 0;
  std::string prefix_;  // names the list element being evaluated, in trace steps
  int section_digits_ = 2;  // total_digits(): the decimals sections are shown with
};

// ---- Tree ----------------------------------------------------------------------------------

void Evaluator::run() {
  globals_.assign(rs_.frame_size, Value{});
  failed_.assign(rs_.frame_size, std::string{});
  frame_ = &globals_;
  mode_ = rs_.rounding.mode;
  for (const ast::Let& l : rs_.lets) bind_let(l);
  bool complete = true;
  Decimal total;
  for (const ast::Item& item : rs_.items) {
    NodeResult node;
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      node = section(**s);
    } else if (const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
      node = indicator(**i);
    } else {
      bind_let(std::get<ast::Let>(item));
      continue;
    }
    if (node.score) {
      total += *node.score;
    } else {
      complete = false;
    }
    out_.nodes.push_back(std::move(node));
  }
  if (complete) {
    out_.total = total;
    out_.grade = grade_for(rs_, total);
    for (const ast::GradeArm& g : rs_.grades) {
      if (g.name == out_.grade) cover(Branch::Grade, g.span);
    }
  }
}

void Evaluator::bind_let(const ast::Let& l) {
  try {
    globals_[l.slot] = eval(*l.value);
    failed_[l.slot].clear();
    record_let(l, globals_[l.slot]);
  } catch (const EvalError& e) {
    failed_[l.slot] = e.message;
    auto& d = out_.diagnostics.error(e.code, rs_.at(e.span), fmt::format("in 'let {}': {}", l.name, e.message));
    d.help = e.help;
  } catch (const DecimalError& e) {
    failed_[l.slot] = e.what();
    out_.diagnostics.error("E0706", rs_.at(l.span), fmt::format("in 'let {}': {}", l.name, e.what()));
  }
}

NodeResult Evaluator::section(const ast::Section& s) {
  NodeResult node;
  node.is_section = true;
  node.digits = section_digits_;
  node.name = s.name;
  node.section = &s;
  node.points = s.points;
  bool complete = true;
  Decimal sum;
  for (const ast::Item& item : s.items) {
    if (const auto* child = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      node.children.push_back(section(**child));
    } else if (const auto* ind = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
      node.children.push_back(indicator(**ind));
    } else {
      bind_let(std::get<ast::Let>(item));
      continue;
    }
    const NodeResult& last = node.children.back();
    if (last.score) {
      sum += *last.score;
    } else {
      complete = false;
    }
  }
  if (!complete) {
    node.error = "a part of it could not be scored";
    return node;
  }
  if (sum < s.points.lo || sum > s.points.hi) {
    node.error = fmt::format("scored {}, outside its range [{}, {}]", sum.to_string(), s.points.lo.to_string(),
                             s.points.hi.to_string());
    out_.diagnostics.error("E0703", rs_.at(s.name_span),
                           fmt::format("section '{}' {}", s.name, node.error))
        .help = "a section's score is the sum of its parts; its range bounds that sum";
    return node;
  }
  node.score = sum;
  return node;
}

NodeResult Evaluator::indicator(const ast::Indicator& ind) {
  NodeResult node;
  node.name = ind.name;
  node.indicator = &ind;
  node.points = ind.points;
  if (const Decimal* claimed = facts_.claimed.find(ind.name)) node.claimed = *claimed;
  const ast::Rounding rounding = ind.rounding ? *ind.rounding : rs_.rounding;
  node.digits = rounding.digits;
  indicator_ = &ind;
  mode_ = rounding.mode;
  trace_ = &node.trace;
  depth_ = 0;
  prefix_.clear();
  try {
    for (const ast::Let& l : ind.lets) {
      const Value v = eval(*l.value);
      globals_[l.slot] = v;
      failed_[l.slot].clear();
      record_let(l, v);
      step(l.span, fmt::format("{} = {}", l.name, format_value(v, l.value->type)), true);
    }
    const Decimal raw = num(*ind.score);
    node.raw = raw;
    const Decimal score = raw.round(rounding.digits, rounding.mode);
    if (score < ind.points.lo || score > ind.points.hi) {
      fail("E0702", ind.score->span,
           fmt::format("the score {} is outside the indicator's points [{}, {}]", show(raw, ast::TypeKind::Number),
                       ind.points.lo.to_string(), ind.points.hi.to_string()),
           "a rule must keep the score within the points; add 'until zero' to a deduction, or cap the formula "
           "with min(…, points)");
    }
    node.score = score;
    if (raw != score) {
      step(ind.score->span,
           fmt::format("{} 保留 {} 位小数（{}）→ {}", raw.to_string(), rounding.digits, rounding_words(rounding.mode),
                       score.to_fixed(rounding.digits)),
           false);
    }
  } catch (const EvalError& e) {
    node.error = e.message;
    auto& d = out_.diagnostics.error(e.code, rs_.at(e.span),
                                     fmt::format("indicator '{}': {}", ind.name, e.message));
    d.help = e.help;
  } catch (const DecimalError& e) {
    node.error = e.what();
    out_.diagnostics.error("E0706", rs_.at(ind.score ? ind.score->span : ind.span),
                           fmt::format("indicator '{}': {}", ind.name, e.what()));
  }
  // 评分依据: the decisions made at the indicator's own level and one level down.
  std::vector<std::string> parts;
  for (const TraceStep& s : node.trace) {
    if (s.decision && s.depth <= 1) parts.push_back(s.text);
  }
  constexpr std::size_t kMaxBasisParts = 10;
  if (parts.size() > kMaxBasisParts) {
    const std::size_t more = parts.size() - kMaxBasisParts;
    parts.resize(kMaxBasisParts);
    parts.push_back(fmt::format("…另 {} 项", more));
  }
  if (node.score) {
    const bool plain = !std::holds_alternative<ast::NumberLit>(ind.score->node) &&
                       !std::holds_alternative<ast::PointsRef>(ind.score->node);
    if (parts.empty() && plain) parts.push_back(fmt::format("{} = {}", src(ind.score->span), show(*node.raw, ast::TypeKind::Number)));
    std::string result = fmt::format("得分 {}", node.score->to_fixed(node.digits));
    if (*node.raw != *node.score) result += fmt::format("（{} 四舍五入）", node.raw->to_string());
    if (rounding.mode != RoundingMode::HalfUp && *node.raw != *node.score) {
      result = fmt::format("得分 {}（{} {}）", node.score->to_fixed(node.digits), node.raw->to_string(),
                           rounding_words(rounding.mode));
    }
    parts.push_back(result);
  } else {
    parts.push_back("未能评分：" + node.error);
  }
  node.basis = fmt::format("{}", fmt::join(parts, "; "));
  trace_ = nullptr;
  indicator_ = nullptr;
  return node;
}

// ---- Expressions ---------------------------------------------------------------------------

Value Evaluator::eval(const ast::Expr& e) {
  if (++steps_ > options_.step_budget) {
    fail("E0711", e.span, fmt::format("evaluation took more than {} steps", options_.step_budget),
         "the ruleset or the facts are too large for one evaluation");
  }
  // Bounds the recursion below: function calls multiply the depth of their bodies.
  if (nested_ >= kMaxEvalNesting) {
    fail("E0711", e.span, fmt::format("expressions and the calls in them nest more than {} deep", kMaxEvalNesting));
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
        fail("E0713", e.span, fmt::format("'{}' could not be computed: {}", n.name, failed_[n.index]));
      }
      return (*frame_)[n.index];
    case ast::NameKind::Param:
    case ast::NameKind::Loop: return (*frame_)[n.index];
    case ast::NameKind::Unresolved: break;
  }
  fail("E0799", e.span, fmt::format("internal: '{}' was not resolved by the checker", n.name));
}

Value Evaluator::binary(const ast::Expr& e, const ast::Binary& b) {
  using Op = ast::BinaryOp;
  if (b.op == Op::And) return Value(truth(*b.lhs) && truth(*b.rhs));
  if (b.op == Op::Or) return Value(truth(*b.lhs) || truth(*b.rhs));
  const Value lhs = eval(*b.lhs);
  const Value rhs = eval(*b.rhs);
  if (b.op == Op::Eq || b.op == Op::Ne) {
    bool equal = false;
    if (lhs.is_number() && rhs.is_number()) equal = lhs.number() == rhs.number();
    else if (lhs.is_text() && rhs.is_text()) equal = lhs.text() == rhs.text();
    else if (lhs.is_bool() && rhs.is_bool()) equal = lhs.boolean() == rhs.boolean();
    return Value(b.op == Op::Eq ? equal : !equal);
  }
  if (!lhs.is_number() || !rhs.is_number()) fail("E0714", e.span, "arithmetic needs numbers");
  const Decimal& x = lhs.number();
  const Decimal& y = rhs.number();
  switch (b.op) {
    case Op::Add: return Value(x + y);
    case Op::Sub: return Value(x - y);
    case Op::Mul: return Value(x * y);
    case Op::Div:
      if (y.is_zero()) {
        fail("E0701", e.span,
             fmt::format("division by zero: {} is {} and {} is 0", src(b.lhs->span), show(x, b.lhs->type), src(b.rhs->span)),
             "guard the division, e.g. 'when total == 0 -> … otherwise …'");
      }
      return Value(x / y);
    case Op::Lt: return Value(x < y);
    case Op::Le: return Value(x <= y);
    case Op::Gt: return Value(x > y);
    case Op::Ge: return Value(x >= y);
    default: break;
  }
  fail("E0799", e.span, "internal: unknown operator");
}

Value Evaluator::call(const ast::Expr& e, const ast::Call& c) {
  if (c.define_index >= 0) {
    const ast::Define& d = rs_.defines[static_cast<std::size_t>(c.define_index)];
    std::vector<Value> frame(std::max<std::size_t>(d.frame_size, d.params.size()));
    for (std::size_t i = 0; i < c.args.size(); ++i) frame[i] = eval(*c.args[i]);
    if (++calls_ > options_.max_call_depth) {
      fail("E0711", e.span, fmt::format("function calls nest more than {} deep", options_.max_call_depth));
    }
    std::vector<Value>* saved = frame_;
    frame_ = &frame;
    struct Restore {
      Evaluator& ev;
      std::vector<Value>* frame;
      ~Restore() {
        ev.frame_ = frame;
        --ev.calls_;
      }
    } restore{*this, saved};
    return eval(*d.body);
  }
  std::vector<Decimal> args;
  if (stdlib::is_list_aggregate(c.callee) && c.args.size() == 1) {
    const Value v = eval(*c.args[0]);
    if (v.is_list()) {
      const auto& items = v.list();
      if (c.callee == "count") return Value(Decimal::from_int(static_cast<std::int64_t>(items.size())));
      if (items.empty() && c.callee != "sum") {
        fail("E0710", e.span, fmt::format("{} of an empty list: {} has no elements", c.callee, src(c.args[0]->span)));
      }
      Decimal acc;
      for (std::size_t i = 0; i < items.size(); ++i) {
        const Decimal& x = items[i].number();
        if (c.callee == "sum" || c.callee == "mean") acc += x;
        else if (i == 0) acc = x;
        else if (c.callee == "min") acc = std::min(acc, x);
        else acc = std::max(acc, x);
      }
      if (c.callee == "mean") acc = acc / Decimal::from_int(static_cast<std::int64_t>(items.size()));
      return Value(acc);
    }
    args.push_back(v.number());
  } else {
    for (const auto& a : c.args) args.push_back(num(*a));
  }
  const stdlib::Builtin* b = stdlib::find_builtin(c.callee);
  if (b == nullptr) fail("E0799", e.span, fmt::format("internal: unknown function '{}'", c.callee));
  try {
    return Value(b->call(args, stdlib::BuiltinContext{mode_}));
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
  const Value list = eval(*c.list);
  if (!list.is_list()) fail("E0714", c.list->span, "expected a list");
  const auto& items = list.list();
  std::vector<Value>& frame = *frame_;
  const std::string saved_prefix = prefix_;
  std::size_t taken = 0;
  Decimal acc;
  bool any = false;
  bool all = true;
  ++depth_;
  for (std::size_t i = 0; i < items.size(); ++i) {
    frame[c.slot] = items[i];
    prefix_ = saved_prefix + "[" + element_name(items[i], i) + "] ";
    if (c.filter && !truth(*c.filter)) continue;
    if (c.func == "count") {
      ++taken;
      continue;
    }
    if (c.func == "any" || c.func == "all") {
      const bool v = c.body ? truth(*c.body) : true;
      any = any || v;
      all = all && v;
      ++taken;
      continue;
    }
    const Decimal x = c.body ? num(*c.body) : items[i].number();
    if (taken == 0 && (c.func == "min" || c.func == "max")) acc = x;
    else if (c.func == "min") acc = std::min(acc, x);
    else if (c.func == "max") acc = std::max(acc, x);
    else acc += x;
    ++taken;
  }
  --depth_;
  prefix_ = saved_prefix;
  if (c.func == "count") {
    step(e.span, fmt::format("{} 的计数 = {}", src(c.list->span), taken), false);
    return Value(Decimal::from_int(static_cast<std::int64_t>(taken)));
  }
  if (c.func == "any") return Value(any);
  if (c.func == "all") return Value(all);
  if (taken == 0 && c.func != "sum") {
    fail("E0710", e.span, fmt::format("{} of no elements: {} has none{}", c.func, src(c.list->span),
                                      c.filter ? " that pass the filter" : ""));
  }
  if (c.func == "mean") acc = acc / Decimal::from_int(static_cast<std::int64_t>(taken));
  step(e.span, fmt::format("{} 的{} = {}（共 {} 项）", src(c.list->span), aggregate_words(c.func), show(acc, e.type), taken),
       depth_ == 0);
  return Value(acc);
}

bool Evaluator::contains(const ast::Interval& iv, const Decimal& value) {
  return interval_contains(iv, value, [&](const ast::Expr& b) { return num(b); });
}

Value Evaluator::tiered(const ast::Expr& e, const ast::Tiered& t) {
  const Decimal x = num(*t.subject);
  observe(*t.subject, x);
  // Show the value the way the bounds are written: a rate compared with 60% reads as a percent.
  ast::TypeKind kind = t.subject->type;
  for (const auto& tier : t.tiers) {
    if (tier.interval.lo.value && tier.interval.lo.value->type == ast::TypeKind::Percent) kind = ast::TypeKind::Percent;
  }
  const ast::Tier* chosen = nullptr;
  std::optional<Decimal> result;
  for (const auto& tier : t.tiers) {
    if (!contains(tier.interval, x)) continue;
    const Decimal r = num(*tier.result);
    if (chosen != nullptr && r != *result) {
      fail("E0705", e.span,
           fmt::format("{} = {} lies in two tiers that disagree: {} gives {}, {} gives {}", src(t.subject->span),
                       show(x, kind), src(chosen->interval.span), result->to_string(), src(tier.interval.span),
                       r.to_string()),
           "make one of the bounds open, e.g. '[60%, 100%)', so that exactly one tier takes the value");
    }
    if (chosen == nullptr) {
      chosen = &tier;
      result = r;
    }
  }
  if (chosen == nullptr) {
    fail("E0704", e.span, fmt::format("no tier takes {} = {}", src(t.subject->span), show(x, kind)),
         "add a tier for this value, or declare the fact's domain so such values are rejected");
  }
  cover(Branch::Tier, chosen->span);
  // Which bounds held: "60% ≤ 75% < 100%".
  std::string why;
  if (options_.trace) {
    const ast::Interval& iv = chosen->interval;
    if (iv.lo.value) why += fmt::format("{} {} ", show(num(*iv.lo.value), kind), iv.lo_closed ? "≤" : "<");
    why += show(x, kind);
    if (iv.hi.value) why += fmt::format(" {} {}", iv.hi_closed ? "≤" : "<", show(num(*iv.hi.value), kind));
    if (!iv.lo.value && !iv.hi.value) why += " 在 (-inf, inf) 内";
  }
  step(chosen->span, fmt::format("{} = {} ∈ {} → {}", src(t.subject->span), show(x, kind), src(chosen->interval.span),
                                 show(*result, ast::TypeKind::Number)),
       true, why);
  return Value(*result);
}

Value Evaluator::brackets(const ast::Expr& e, const ast::Brackets& b) {
  const Decimal x = num(*b.subject);
  observe(*b.subject, x);
  std::vector<std::string> failed;  // the arms tried before the one taken
  ast::TypeKind kind = b.subject->type;
  for (const auto& arm : b.arms) {
    if (arm.bound && arm.bound->type == ast::TypeKind::Percent) kind = ast::TypeKind::Percent;
  }
  for (const auto& arm : b.arms) {
    bool taken = true;
    std::string why = "其余情形";
    if (arm.bound) {
      const Decimal bound = num(*arm.bound);
      switch (arm.compare) {
        case ast::BinaryOp::Lt: taken = x < bound; break;
        case ast::BinaryOp::Le: taken = x <= bound; break;
        case ast::BinaryOp::Gt: taken = x > bound; break;
        case ast::BinaryOp::Ge: taken = x >= bound; break;
        default: taken = x == bound; break;
      }
      why = fmt::format("{} {}", ast::to_string(arm.compare), show(bound, kind));
    }
    if (!taken) {
      failed.push_back(fmt::format("不满足 {}", why));
      continue;
    }
    const Decimal r = num(*arm.result);
    cover(Branch::Bracket, arm.span);
    failed.push_back(arm.bound ? fmt::format("满足 {} {}", show(x, kind), why) : std::string("其余情形（otherwise）"));
    step(arm.span, fmt::format("{} = {}, {} → {}", src(b.subject->span), show(x, kind), why, show(r, ast::TypeKind::Number)), true,
         fmt::format("{}", fmt::join(failed, "；")));
    return Value(r);
  }
  fail("E0707", e.span, fmt::format("no bracket takes {} = {}", src(b.subject->span), show(x, kind)),
       "add 'otherwise -> …' as the last arm");
}

Value Evaluator::deduct(const ast::Expr& e, const ast::Deduct& d) {
  const Decimal start = d.start ? num(*d.start) : indicator_->points.hi;
  Decimal total;
  for (const auto& item : d.items) {
    const Decimal amount = num(*item.amount);
    Decimal taken;
    switch (item.kind) {
      case ast::DeductionKind::Fixed:
        taken = amount;
        cover(Branch::Deduction, item.span);
        step(item.span, fmt::format("扣 {}", amount.to_string()), true);
        break;
      case ast::DeductionKind::Per: {
        const Decimal n = num(*item.operand);
        taken = amount * n;
        if (!n.is_zero()) {
          cover(Branch::Deduction, item.span);
          step(item.span, fmt::format("扣 {} × {} ({}) = {}", amount.to_string(), show(n, item.operand->type),
                                      src(item.operand->span), taken.to_string()),
               true);
        }
        break;
      }
      case ast::DeductionKind::When:
        if (truth(*item.operand)) {
          taken = amount;
          cover(Branch::Deduction, item.span);
          step(item.span, fmt::format("扣 {} ({})", amount.to_string(), src(item.operand->span)), true);
        }
        break;
    }
    total += taken;
  }
  Decimal result = start - total;
  if (total.is_zero()) {
    step(e.span, fmt::format("无扣分 → {}", start.to_string()), true);
    return Value(result);
  }
  if (d.floor) {
    const Decimal floor = num(*d.floor);
    if (result < floor) {
      cover(Branch::Floor, e.span);
      step(e.span, fmt::format("{} − {} = {}, 扣完为止 → {}", start.to_string(), total.to_string(), result.to_string(),
                               floor.to_string()),
           true);
      return Value(floor);
    }
  }
  step(e.span, fmt::format("{} − {} = {}", start.to_string(), total.to_string(), result.to_string()), true);
  return Value(result);
}

Value Evaluator::weighted(const ast::Expr& /*e*/, const ast::Weighted& w) {
  Decimal total;
  for (std::size_t i = 0; i < w.parts.size(); ++i) {
    const ast::Part& part = w.parts[i];
    const Decimal weight = num(*part.weight);
    const std::string saved = prefix_;
    prefix_ += part.label.empty() ? fmt::format("[第 {} 部分] ", i + 1) : fmt::format("[{}] ", part.label);
    ++depth_;
    const Decimal value = num(*part.value);
    --depth_;
    prefix_ = saved;
    const Decimal share = weight * value;
    total += share;
    step(part.span, fmt::format("{}{} × {} = {}", part.label.empty() ? "" : part.label + " ",
                                show(weight, ast::TypeKind::Percent), value.to_string(), share.to_string()),
         true);
  }
  return Value(total);
}

Value Evaluator::judged(const ast::Expr& e, const ast::Judged& j) {
  const Value category = eval(*j.category);
  const std::string& member = category.text();
  for (const auto& band : j.bands) {
    if (band.member != member) continue;
    if (band.value) {
      // The category fixes the score; the judged score is not looked at.
      const Decimal fixed = num(*band.value);
      cover(Branch::Band, band.member_span);
      step(band.member_span,
           fmt::format("{}：按类别定分 {}（不看 {}）", member, show(fixed, ast::TypeKind::Number), src(j.score->span)),
           true);
      return Value(fixed);
    }
    const Decimal score = num(*j.score);
    observe(*j.score, score);
    if (!contains(band.interval, score)) {
      fail("E0708", j.score->span,
           fmt::format("the judged score {} is outside the band of '{}': {}", show(score, j.score->type), member,
                       interval_text(band.interval, j.score->type)),
           "a judged score must fall inside the band its category allows; correct the score or the category");
    }
    cover(Branch::Band, band.member_span);
    step(band.member_span,
         fmt::format("{}: {} ∈ {}", member, show(score, j.score->type), interval_text(band.interval, j.score->type)),
         true);
    return Value(score);
  }
  fail("E0709", e.span, fmt::format("category '{}' has no band", member));
}

Value Evaluator::when(const ast::Expr& /*e*/, const ast::When& w) {
  std::vector<std::string> failed;  // the conditions tried before the arm taken
  for (const auto& arm : w.arms) {
    if (arm.condition && !truth(*arm.condition)) {
      if (options_.trace) failed.push_back(unmet(*arm.condition));
      continue;
    }
    if (options_.trace && arm.condition) failed.push_back(fmt::format("满足 {}", src(arm.condition->span)));
    const std::string why = failed.size() > 1 ? fmt::format("{}", fmt::join(failed, "；")) : std::string();
    cover(Branch::WhenArm, arm.span);
    const std::size_t mark = trace_ != nullptr ? trace_->size() : 0;
    const Value v = eval(*arm.result);
    // Say which arm was taken: its condition, or for a lone 'otherwise' the condition that failed.
    std::string head = "其余情形";
    if (arm.condition) {
      head = fmt::format("满足 {}", src(arm.condition->span));
    } else if (w.arms.size() == 2) {
      head = unmet(*w.arms.front().condition);
    }
    const bool nested = trace_ != nullptr && std::any_of(trace_->begin() + static_cast<std::ptrdiff_t>(mark),
                                                         trace_->end(), [](const TraceStep& s) { return s.decision; });
    if (nested) {
      // The arm's own steps explain its value; the condition goes before them.
      trace_->insert(trace_->begin() + static_cast<std::ptrdiff_t>(mark), {depth_, arm.span, prefix_ + head, true, why});
    } else {
      step(arm.span, fmt::format("{} → {}", head, format_value(v, arm.result->type)), true, why);
    }
    return v;
  }
  fail("E0707", w.arms.back().span, "no 'when' arm applies");
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

}  // namespace

namespace {

int most_digits(const std::vector<ast::Item>& items, int digits) {
  for (const ast::Item& item : items) {
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) digits = most_digits((*s)->items, digits);
    if (const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
      if ((*i)->rounding) digits = std::max(digits, (*i)->rounding->digits);
    }
  }
  return digits;
}

}  // namespace

int total_digits(const ast::Ruleset& ruleset) { return most_digits(ruleset.items, ruleset.rounding.digits); }

std::string grade_for(const ast::Ruleset& ruleset, const Decimal& total) {
  for (const ast::GradeArm& g : ruleset.grades) {
    if (!g.threshold || total >= *g.threshold) return g.name;
  }
  return "";
}

bool Evaluation::has_claims() const {
  if (claimed_total) return true;
  const auto any = [](const auto& self, const NodeResult& node) -> bool {
    if (node.claimed) return true;
    return std::any_of(node.children.begin(), node.children.end(), [&](const NodeResult& c) { return self(self, c); });
  };
  return std::any_of(nodes.begin(), nodes.end(), [&](const NodeResult& n) { return any(any, n); });
}

std::vector<ClaimDifference> claim_differences(const Evaluation& evaluation) {
  std::vector<ClaimDifference> out;
  const auto walk = [&](const auto& self, const NodeResult& node) -> void {
    if (node.claim_differs()) out.push_back({node.name, *node.claimed, node.score, false});
    for (const NodeResult& child : node.children) self(self, child);
  };
  for (const NodeResult& node : evaluation.nodes) walk(walk, node);
  if (evaluation.claimed_total && (!evaluation.total || *evaluation.total != *evaluation.claimed_total)) {
    out.push_back({"总分", *evaluation.claimed_total, evaluation.total, true});
  }
  return out;
}

Evaluation evaluate(const ast::Ruleset& ruleset, const Facts& facts, const EvalOptions& options) {
  Evaluation out;
  out.claimed_total = facts.claimed.total;
  out.file = facts.file;
  out.department = facts.department;
  out.year = facts.year;
  Evaluator(ruleset, facts, options, out).run();
  return out;
}

}  // namespace rubric
