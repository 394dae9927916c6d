// The evaluator: tiers, brackets, deductions, weighted parts, judged bands and `when`. See
// evaluator_internal.hpp.
#include <fmt/format.h>

#include <algorithm>

#include "dsl/compare.hpp"
#include "dsl/visit.hpp"
#include "interpreter/check/interval.hpp"
#include "interpreter/eval/evaluator_internal.hpp"

namespace rubric::evaluation {

bool Evaluator::contains(const ast::Interval& iv, const Decimal& value) {
  return interval_contains(iv, value, [&](const ast::Expr& b) { return num(b); });
}

// What a tier or arm gives: "得 5 分" for a number written as such (or the points), "得分 = 完成率 ×
// 分值 = 4.875" for a formula.
std::string Evaluator::result_words(const ast::Expr& result, const Decimal& value) const {
  const bool constant = std::holds_alternative<ast::NumberLit>(result.node) ||
                        std::holds_alternative<ast::PointsRef>(result.node) ||
                        std::holds_alternative<ast::NameRef>(result.node);
  if (constant) return fmt::format("得 {} 分", exact_or_about(value, 4));
  return fmt::format("得分 = {} = {}", said(result), exact_or_about(value, 4));
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
           tr_format("{} = {} lies in two tiers that disagree: {} gives {}, {} gives {}", src(t.subject->span),
                       show(x, kind), src(chosen->interval.span), result->to_string(), src(tier.interval.span),
                       r.to_string()),
           std::string(tr("make one of the bounds open, e.g. '[60%, 100%)', so that exactly one tier takes the value")));
    }
    if (chosen == nullptr) {
      chosen = &tier;
      result = r;
    }
  }
  if (chosen == nullptr) {
    fail("E0704", e.span, tr_format("no tier takes {} = {}", src(t.subject->span), show(x, kind)),
         std::string(tr("add a tier for this value, or declare the fact's domain so such values are rejected")));
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
       true, why,
       fmt::format("{} {}，{}，{}", said(*t.subject), people(x, kind), interval_words(chosen->interval, kind),
                   result_words(*chosen->result, *result)));
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
      taken = ast::comparison_holds(arm.compare, x < bound ? -1 : x == bound ? 0 : 1);
      why = fmt::format("{} {}", ast::to_string(arm.compare), show(bound, kind));
    }
    if (!taken) {
      failed.push_back(fmt::format("不满足 {}", why));
      continue;
    }
    const Decimal r = num(*arm.result);
    cover(Branch::Bracket, arm.span);
    failed.push_back(arm.bound ? fmt::format("满足 {} {}", show(x, kind), why) : std::string("其余情形（otherwise）"));
    std::string plain = fmt::format("{} {}，", said(*b.subject), people(x, kind));
    if (arm.bound) {
      const ast::BinaryOp op = arm.compare;
      plain += fmt::format("{} {}", op == ast::BinaryOp::Lt ? "低于" : op == ast::BinaryOp::Le ? "不高于" : op == ast::BinaryOp::Gt ? "高于" : op == ast::BinaryOp::Ge ? "不低于" : "等于",
                           people(num(*arm.bound), kind));
    } else {
      plain += "属其余情形";
    }
    step(arm.span, fmt::format("{} = {}, {} → {}", src(b.subject->span), show(x, kind), why, show(r, ast::TypeKind::Number)), true,
         fmt::format("{}", fmt::join(failed, "；")), fmt::format("{}，{}", plain, result_words(*arm.result, r)));
    return Value(r);
  }
  fail("E0707", e.span, tr_format("no bracket takes {} = {}", src(b.subject->span), show(x, kind)),
       std::string(tr("add 'otherwise -> …' as the last arm")));
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
        step(item.span, fmt::format("扣 {}", amount.to_string()), true, {},
             amount.is_zero() ? std::string() : fmt::format("扣 {} 分", amount.to_string()));
        break;
      case ast::DeductionKind::Per: {
        const Decimal n = num(*item.operand);
        taken = amount * n;
        if (!n.is_zero()) {
          cover(Branch::Deduction, item.span);
          step(item.span, fmt::format("扣 {} × {} ({}) = {}", amount.to_string(), show(n, item.operand->type),
                                      src(item.operand->span), taken.to_string()),
               true, {},
               fmt::format("{} {}，每个扣 {} 分，共扣 {} 分", said(*item.operand), people(n, item.operand->type),
                           amount.to_string(), taken.to_string()));
        }
        break;
      }
      case ast::DeductionKind::When:
        if (truth(*item.operand)) {
          taken = amount;
          cover(Branch::Deduction, item.span);
          step(item.span, fmt::format("扣 {} ({})", amount.to_string(), src(item.operand->span)), true, {},
               fmt::format("{}，扣 {} 分", said_condition(*item.operand, true), amount.to_string()));
        }
        break;
    }
    total += taken;
  }
  Decimal result = start - total;
  if (total.is_zero()) {
    step(e.span, fmt::format("无扣分 → {}", start.to_string()), true, {}, fmt::format("无扣分，得 {} 分", start.to_string()));
    return Value(result);
  }
  if (d.floor) {
    const Decimal floor = num(*d.floor);
    if (result < floor) {
      cover(Branch::Floor, e.span);
      step(e.span, fmt::format("{} − {} = {}, 扣完为止 → {}", start.to_string(), total.to_string(), result.to_string(),
                               floor.to_string()),
           true, {},
           fmt::format("{} 分扣减 {} 分，扣完为止，得 {} 分", start.to_string(), total.to_string(), floor.to_string()));
      return Value(floor);
    }
  }
  step(e.span, fmt::format("{} − {} = {}", start.to_string(), total.to_string(), result.to_string()), true, {},
       fmt::format("{} 分扣减 {} 分，得 {} 分", start.to_string(), total.to_string(), result.to_string()));
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
         true, {},
         fmt::format("{}得 {} 分，按 {} 计 {} 分", part.label.empty() ? fmt::format("第 {} 部分", i + 1) : part.label,
                     people(value, ast::TypeKind::Number), people(weight, ast::TypeKind::Percent),
                     people(share, ast::TypeKind::Number)));
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
           true, {}, fmt::format("{}为“{}”，按类别定 {} 分", said(*j.category), member, people(fixed, ast::TypeKind::Number)));
      return Value(fixed);
    }
    const Decimal score = num(*j.score);
    observe(*j.score, score, false);  // a band of a judged score, not a bound a fact crosses
    if (!contains(band.interval, score)) {
      fail("E0708", j.score->span,
           tr_format("the judged score {} is outside the band of '{}': {}", show(score, j.score->type), member,
                       interval_text(band.interval, j.score->type)),
           std::string(tr("a judged score must fall inside the band its category allows; correct the score or the category")));
    }
    cover(Branch::Band, band.member_span);
    step(band.member_span,
         fmt::format("{}: {} ∈ {}", member, show(score, j.score->type), interval_text(band.interval, j.score->type)),
         true, {},
         [&] {
           const std::string band_words = interval_words(band.interval, j.score->type);
           return fmt::format("{}为“{}”，{} {}{}{}", said(*j.category), member, said(*j.score), people(score, j.score->type),
                              band_words.empty() ? "" : "，", band_words);
         }());
    return Value(score);
  }
  fail("E0709", e.span, tr_format("category '{}' has no band", member));
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
    std::string plain_head = "属其余情形";
    if (arm.condition) {
      head = fmt::format("满足 {}", src(arm.condition->span));
      plain_head = said_condition(*arm.condition, true);
    } else if (w.arms.size() == 2) {
      head = unmet(*w.arms.front().condition);
      plain_head = said_condition(*w.arms.front().condition, false);
    }
    const bool nested = trace_ != nullptr && std::any_of(trace_->begin() + static_cast<std::ptrdiff_t>(mark),
                                                         trace_->end(), [](const TraceStep& s) { return s.decision; });
    if (nested) {
      // The arm's own steps explain its value; the condition goes before them.
      trace_->insert(trace_->begin() + static_cast<std::ptrdiff_t>(mark),
                     {depth_, arm.span, prefix_ + head, true, why, prefix_ + plain_head, {}});
    } else {
      const std::string result = v.is_number() ? result_words(*arm.result, v.number()) : "为 " + format_value(v, arm.result->type);
      step(arm.span, fmt::format("{} → {}", head, format_value(v, arm.result->type)), true, why,
           fmt::format("{}，{}", plain_head, result));
    }
    return v;
  }
  fail("E0707", w.arms.back().span, std::string(tr("no 'when' arm applies")));
}

}  // namespace rubric::evaluation
