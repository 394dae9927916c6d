// The evaluator: tiers, brackets, deductions, weighted parts, judged bands and `when`. See
// evaluator_internal.hpp.
#include <fmt/format.h>

#include <algorithm>

#include "dsl/visit.hpp"
#include "interpreter/check/interval.hpp"
#include "interpreter/eval/evaluator_internal.hpp"

namespace rubric::evaluation {

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

}  // namespace rubric::evaluation
