// The analysis of the rule shapes: tiers, brackets, deductions, weighted parts, judged bands and
// `when`. See analyzer.hpp.
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

// ---- Tiers ---------------------------------------------------------------------------------

AbstractValue Analyzer::tiered(const ast::Expr& e, const ast::Tiered& t) {
  AbstractValue subject = eval(*t.subject);
  if (subject.kind != Kind::Number) subject = unknown(Kind::Number, subject.why.empty() ? std::string(tr("the value is unknown")) : subject.why);
  const Range domain = subject.range;
  const std::string name = src(t.subject->span);
  bool percent = t.subject->type == ast::TypeKind::Percent;
  // Each tier's interval, when its bounds are constants.
  std::vector<std::optional<Range>> ranges;
  bool all_constant = true;
  for (const ast::Tier& tier : t.tiers) {
    const ast::Interval& iv = tier.interval;
    Range r;
    bool ok = true;
    for (const auto* b : {&iv.lo, &iv.hi}) {
      if (!b->value) continue;
      if (b->value->type == ast::TypeKind::Percent) percent = true;
      const auto v = constant(*b->value);
      if (!v) {
        ok = false;
        continue;
      }
      (b == &iv.lo ? r.lo : r.hi) = End::finite(*v, b == &iv.lo ? iv.lo_closed : iv.hi_closed);
    }
    ranges.push_back(ok ? std::optional(r) : std::nullopt);
    all_constant = all_constant && ok;
  }
  std::optional<AbstractValue> result;
  std::vector<Piece> pieces;
  for (std::size_t i = 0; i < t.tiers.size(); ++i) {
    const ast::Tier& tier = t.tiers[i];
    const std::size_t mark = narrowed_.size();
    Range part;
    if (ranges[i]) {
      part = intersect(*ranges[i], domain);
      arm(tier.interval.span, !part.empty(),
          tr_format("no value of {} reaches the tier {}: {} lies in {}", name, src(tier.interval.span), name,
                      domain.to_string(percent)),
          std::string(tr("remove the tier, or correct its bounds (or the fact's declared domain)")));
      if (part.empty()) continue;
      narrow_to(*t.subject, subject, part);
    }
    const AbstractValue v = eval(*tier.result);
    join(result, v);
    if (all_constant) pieces.push_back({part, tier.result.get(), tier.interval.span, slopes_of(v), v.range});
    narrowed_.resize(mark);
  }
  if (result) steps(*t.subject, subject, std::move(pieces), percent, *result);
  if (!all_constant) {
    report(Severity::Note, "W0401", t.subject->span,
           tr_format("unsure: the tiers of {} were not checked for gaps and overlaps, because a bound is not a "
                       "constant",
                       name),
           "");
  } else {
    std::vector<Range> tiers;
    for (const auto& r : ranges) tiers.push_back(*r);
    tier_gaps(t, subject, tiers, name, percent);
    tier_overlaps(t, domain, tiers, name, percent);
  }
  (void)e;
  if (!result) return number(Range::empty_range());
  return *result;
}

// W0401: the values of [subject] (the subject of [t], shown as [name]) that no tier takes.
void Analyzer::tier_gaps(const ast::Tiered& t, const AbstractValue& subject, const std::vector<Range>& tiers,
                         const std::string& name, bool percent) {
  const Range domain = subject.range;
  for (const Range& gap : subtract(domain, tiers)) {
    if (subject.whole && !gap.contains_integer()) continue;
    // Point at the tier just after the gap, else the one just before it.
    Span at = t.subject->span;
    for (std::size_t i = 0; i < tiers.size(); ++i) {
      if (gap.hi.inf == 0 && tiers[i].lo.inf == 0 && tiers[i].lo.value == gap.hi.value) {
        at = t.tiers[i].interval.span;
        break;
      }
      if (gap.lo.inf == 0 && tiers[i].hi.inf == 0 && tiers[i].hi.value == gap.lo.value) at = t.tiers[i].interval.span;
    }
    report_if(subject, "W0401", at, tr_format("no tier takes {} in {}", name, gap.to_string(percent)),
              tr_format("extend a tier or add one for {}; if such values cannot occur, declare the fact's domain",
                          gap.to_string(percent)),
              call_site_notes(name, domain, percent));
  }
}

// E0412: tiers that take the same values of the subject and give them different scores; W0402
// when the scores differ by other names, which might agree for every department, and as a note
// (with --unsure) when the analysis cannot compare them.
void Analyzer::tier_overlaps(const ast::Tiered& t, const Range& domain, const std::vector<Range>& tiers,
                             const std::string& name, bool percent) {
  for (std::size_t j = 0; j < tiers.size(); ++j) {
    for (std::size_t i = 0; i < j; ++i) {
      const Range shared = intersect(intersect(tiers[i], tiers[j]), domain);
      if (shared.empty()) continue;
      const bool point = shared.is_point();
      const std::optional<Decimal> points =
          indicator_ != nullptr && !indicator_->points.range ? std::optional(indicator_->points.hi) : std::nullopt;
      const Agreement a = agree(rs_, *t.tiers[i].result, *t.tiers[j].result, name,
                                point ? std::optional(shared.lo.value) : std::nullopt, points);
      if (a == Agreement::Same) continue;
      const std::string where = point ? fmt::format("{} = {}", name, shared.to_string(percent))
                                      : tr_format("{} in {}", name, shared.to_string(percent));
      std::vector<Note> notes{{std::string(tr("the other tier is here")), rs_.at(t.tiers[i].interval.span)}};
      const std::string help =
          point ? tr_format("make one of the two bounds open, so that only one tier takes {}", shared.to_string(percent))
                : std::string(tr("move a bound so that the tiers do not overlap"));
      if (a == Agreement::Different) {
        // The rules contradict themselves there: a department with that value could not be scored
        // (E0705), so the ruleset is refused now rather than that department later.
        report(Severity::Error, "E0412", t.tiers[j].interval.span,
               tr_format("the tiers {} and {} both take {}, where they give different scores ({} and {})",
                           src(t.tiers[i].interval.span), src(t.tiers[j].interval.span), where,
                           src(t.tiers[i].result->span), src(t.tiers[j].result->span)),
               help, std::move(notes));
      } else if (a == Agreement::MayDiffer) {
        report(Severity::Warning, "W0402", t.tiers[j].interval.span,
               tr_format("the tiers {} and {} both take {}, where they can give different scores ({} and {})",
                           src(t.tiers[i].interval.span), src(t.tiers[j].interval.span), where,
                           src(t.tiers[i].result->span), src(t.tiers[j].result->span)),
               help, std::move(notes));
      } else {
        report(Severity::Note, "W0402", t.tiers[j].interval.span,
               tr_format("unsure: the tiers {} and {} both take {}; the analysis cannot tell whether {} and {} "
                           "agree there",
                           src(t.tiers[i].interval.span), src(t.tiers[j].interval.span), where,
                           src(t.tiers[i].result->span), src(t.tiers[j].result->span)),
               help, std::move(notes));
      }
    }
  }
}

AbstractValue Analyzer::brackets(const ast::Brackets& b) {
  AbstractValue subject = eval(*b.subject);
  if (subject.kind != Kind::Number) subject = unknown(Kind::Number, subject.why.empty() ? std::string(tr("the value is unknown")) : subject.why);
  const Range domain = subject.range;
  const std::string name = src(b.subject->span);
  bool percent = b.subject->type == ast::TypeKind::Percent;
  for (const auto& a : b.arms) {
    if (a.bound && a.bound->type == ast::TypeKind::Percent) percent = true;
  }
  std::vector<Range> taken;  // what the arms so far take
  bool constant_so_far = true;
  bool has_otherwise = false;
  std::optional<AbstractValue> result;
  std::vector<Piece> pieces;
  for (const auto& a : b.arms) {
    Range set;
    if (a.bound) {
      const auto c = constant(*a.bound);
      if (!c) constant_so_far = false;
      if (c) set = compared_range(a.compare, *c);
    } else {
      has_otherwise = true;
    }
    const std::size_t mark = narrowed_.size();
    Range reach;
    if (constant_so_far) {
      const auto left = subtract(intersect(set, domain), taken);
      const std::string what = a.bound ? std::string(tr("this arm")) : "'otherwise'";
      const std::string why =
          intersect(set, domain).empty() ? tr_format("{} lies in {}", name, domain.to_string(percent))
          : a.bound ? tr_format("the arms above already take every value of {} that meets it", name)
                    : tr_format("the arms above take every value of {} in {}", name, domain.to_string(percent));
      arm(a.span, !left.empty(), tr_format("{} is never taken: {}", what, why),
          std::string(tr("remove it, or correct its bound (or the order of the arms)")));
      if (left.empty()) continue;
      reach = left.front();
      for (const Range& r : left) reach = hull(reach, r);
      narrow_to(*b.subject, subject, reach);
      taken.push_back(set);
    }
    const AbstractValue v = eval(*a.result);
    join(result, v);
    if (constant_so_far) pieces.push_back({reach, a.result.get(), a.span, slopes_of(v), v.range});
    narrowed_.resize(mark);
  }
  if (!constant_so_far) pieces.clear();  // the arms before a bound that is not a constant
  if (result) steps(*b.subject, subject, std::move(pieces), percent, *result);
  if (constant_so_far && !has_otherwise) {
    for (const Range& gap : subtract(domain, taken)) {
      if (subject.whole && !gap.contains_integer()) continue;
      report_if(subject, "W0401", b.subject->span, tr_format("no bracket takes {} in {}", name, gap.to_string(percent)),
                tr_format("add 'otherwise -> …' as the last arm, or an arm for {}", gap.to_string(percent)),
                call_site_notes(name, domain, percent));
    }
  }
  if (!result) return number(Range::empty_range());
  return *result;
}

// ---- Deductions, weighted parts, judged bands, conditions ----------------------------------

AbstractValue Analyzer::deduct(const ast::Deduct& d) {
  AbstractValue value = d.start ? eval(*d.start)
                        : indicator_ != nullptr ? number(Range::point(indicator_->points.hi))
                                                : unknown(Kind::Number, std::string(tr("the deduction has no start")));
  for (const auto& item : d.items) {
    const AbstractValue amount = eval(*item.amount);
    AbstractValue taken = amount;
    if (item.kind == ast::DeductionKind::Per) {
      const AbstractValue n = eval(*item.operand);
      if (amount.kind == Kind::Number && n.kind == Kind::Number) {
        taken = combine(amount, n, multiply(amount.range, n.range), amount.whole && n.whole);
        taken.slope = merged_slopes(amount, sign_of(n.range), n, sign_of(amount.range));
      } else {
        taken = unknown(Kind::Number, std::string(tr("a deduction is not a number")));
      }
    } else if (item.kind == ast::DeductionKind::When) {
      const AbstractValue cond = eval(*item.operand);
      if (taken.kind == Kind::Number) taken.range = hull(taken.range, Range::point(Decimal{}));
      merge_deps(taken, cond);
    }
    if (value.kind != Kind::Number || taken.kind != Kind::Number) {
      value = unknown(Kind::Number, value.why.empty() ? taken.why : value.why);
      continue;
    }
    std::map<std::string, int> slope = merged_slopes(value, 1, taken, -1);
    value = combine(value, taken, add(value.range, negate(taken.range)), value.whole && taken.whole);
    value.slope = std::move(slope);
  }
  if (d.floor) {
    const AbstractValue floor = eval(*d.floor);
    if (floor.kind == Kind::Number && value.kind == Kind::Number) {
      std::map<std::string, int> slope = merged_slopes(value, 1, floor, 1);
      value = combine(value, floor, maximum(value.range, floor.range), false);
      value.slope = std::move(slope);
    }
  }
  return value;
}

AbstractValue Analyzer::weighted(const ast::Weighted& w) {
  AbstractValue total = number(Range::point(Decimal{}));
  for (const auto& part : w.parts) {
    const AbstractValue weight = eval(*part.weight);
    const AbstractValue value = eval(*part.value);
    if (weight.kind != Kind::Number || value.kind != Kind::Number || total.kind != Kind::Number) {
      total = unknown(Kind::Number, std::string(tr("a part is not a number")));
      continue;
    }
    AbstractValue share = combine(weight, value, multiply(weight.range, value.range), false);
    share.slope = merged_slopes(weight, sign_of(value.range), value, sign_of(weight.range));
    std::map<std::string, int> slope = merged_slopes(total, 1, share, 1);
    total = combine(total, share, add(total.range, share.range), false);
    total.slope = std::move(slope);
  }
  return total;
}

AbstractValue Analyzer::judged(const ast::Judged& j) {
  const AbstractValue score = eval(*j.score);
  const AbstractValue category = eval(*j.category);
  std::optional<AbstractValue> result;
  for (const ast::Band& band : j.bands) {
    if (band.value) {  // `member -> VALUE`: the category fixes the score
      join(result, eval(*band.value));
      continue;
    }
    if (score.kind != Kind::Number) {
      join(result, unknown(Kind::Number, std::string(tr("the judged score is not a number"))));
      continue;
    }
    // The score, where it lies in the band.
    Range r;
    AbstractValue bounds = number(Range::all());
    if (band.interval.lo.value) {
      const AbstractValue lo = eval(*band.interval.lo.value);
      if (lo.kind == Kind::Number) {
        r.lo = lo.range.lo;
        if (r.lo.inf == 0) r.lo.closed = r.lo.closed && band.interval.lo_closed;
        merge_deps(bounds, lo);
      }
    }
    if (band.interval.hi.value) {
      const AbstractValue hi = eval(*band.interval.hi.value);
      if (hi.kind == Kind::Number) {
        r.hi = hi.range.hi;
        if (r.hi.inf == 0) r.hi.closed = r.hi.closed && band.interval.hi_closed;
        merge_deps(bounds, hi);
      }
    }
    AbstractValue v = score;
    v.range = intersect(score.range, r);
    if (!bounds.deps.empty() && v.exact) {
      v.exact = false;
      v.why = std::string(tr("the band's bounds are not constants"));
    }
    merge_deps(v, bounds);
    if (!v.range.empty()) join(result, v);
  }
  if (!result) return number(Range::empty_range());
  merge_deps(*result, category);
  return *result;
}

bool Analyzer::narrow(const ast::Expr& cond, bool truth, bool& feasible) {
  using Op = ast::BinaryOp;
  if (const auto* u = std::get_if<ast::Unary>(&cond.node); u != nullptr && u->op == ast::UnaryOp::Not) {
    return narrow(*u->operand, !truth, feasible);
  }
  if (const auto* b = std::get_if<ast::Binary>(&cond.node)) {
    if ((b->op == Op::And && truth) || (b->op == Op::Or && !truth)) {
      const bool l = narrow(*b->lhs, truth, feasible);
      const bool r = narrow(*b->rhs, truth, feasible);
      return l && r;
    }
    if (b->op == Op::And || b->op == Op::Or) return false;
    const bool comparison = b->op == Op::Lt || b->op == Op::Le || b->op == Op::Gt || b->op == Op::Ge ||
                            b->op == Op::Eq || b->op == Op::Ne;
    if (!comparison) return false;
    // Text, enum and bool comparisons do not bear on any number.
    const auto numeric = [](const ast::Expr& x) {
      return x.type == ast::TypeKind::Number || x.type == ast::TypeKind::Percent || x.type == ast::TypeKind::Money ||
             x.type == ast::TypeKind::Count;
    };
    if (!numeric(*b->lhs) && !numeric(*b->rhs)) return b->lhs->type != ast::TypeKind::Unknown;
    // X op CONSTANT, or CONSTANT op X (then the comparison is mirrored), where X is a name or any
    // other expression (narrowed by its text, as a tier's subject is).
    const ast::Expr* subject = b->lhs.get();
    Op op = b->op;
    auto c = constant(*b->rhs);
    if (!c) {
      subject = b->rhs.get();
      c = constant(*b->lhs);
      switch (op) {
        case Op::Lt: op = Op::Gt; break;
        case Op::Le: op = Op::Ge; break;
        case Op::Gt: op = Op::Lt; break;
        case Op::Ge: op = Op::Le; break;
        default: break;
      }
    }
    if (!c) return false;
    if (!truth) {
      switch (op) {
        case Op::Lt: op = Op::Ge; break;
        case Op::Le: op = Op::Gt; break;
        case Op::Gt: op = Op::Le; break;
        case Op::Ge: op = Op::Lt; break;
        case Op::Eq: op = Op::Ne; break;
        default: op = Op::Eq; break;
      }
    }
    Range set;
    switch (op) {
      case Op::Lt: set = Range{End::minus_infinity(), End::finite(*c, false)}; break;
      case Op::Le: set = Range{End::minus_infinity(), End::finite(*c, true)}; break;
      case Op::Gt: set = Range{End::finite(*c, false), End::plus_infinity()}; break;
      case Op::Ge: set = Range::at_least(*c); break;
      case Op::Eq: set = Range::point(*c); break;
      default: return true;  // != takes out one value: the interval stays as it is
    }
    const AbstractValue current = eval(*subject);
    if (current.kind != Kind::Number) return false;
    const Range narrowed = intersect(current.range, set);
    if (narrowed.empty()) feasible = false;
    narrow_to(*subject, current, narrowed);
    return true;
  }
  // A bool fact, field or literal bears on no number.
  return cond.type == ast::TypeKind::Bool &&
         (std::holds_alternative<ast::NameRef>(cond.node) || std::holds_alternative<ast::Member>(cond.node) ||
          std::holds_alternative<ast::BoolLit>(cond.node));
}

// The subject of a `when` whose every condition compares one same expression with a constant
// (`when n > 3 -> … otherwise …`): its arms are then the pieces of a brackets; null otherwise.
const ast::Expr* Analyzer::compared_subject(const ast::When& w) {
  const ast::Expr* subject = nullptr;
  for (const auto& a : w.arms) {
    if (!a.condition) break;
    const auto* b = std::get_if<ast::Binary>(&a.condition->node);
    using Op = ast::BinaryOp;
    if (b == nullptr || !(b->op == Op::Lt || b->op == Op::Le || b->op == Op::Gt || b->op == Op::Ge || b->op == Op::Eq)) {
      return nullptr;
    }
    if (b->lhs->type == ast::TypeKind::Text || b->lhs->type == ast::TypeKind::Bool || !constant(*b->rhs)) return nullptr;
    if (subject != nullptr && src(subject->span) != src(b->lhs->span)) return nullptr;
    subject = b->lhs.get();
  }
  return subject;
}

AbstractValue Analyzer::when(const ast::When& w) {
  const std::size_t mark = narrowed_.size();
  std::optional<AbstractValue> result;
  const ast::Expr* subject_expr = compared_subject(w);
  std::vector<Piece> pieces;
  std::vector<Range> taken;
  const AbstractValue subject = subject_expr != nullptr ? eval(*subject_expr) : AbstractValue{};
  std::vector<std::string> switched;  // what the conditions read
  std::vector<Range> scores;          // each arm's, as analysed where it applies
  for (const auto& a : w.arms) {
    const std::size_t arm_mark = narrowed_.size();
    bool feasible = true;
    bool understood = true;
    AbstractValue cond;
    if (a.condition) {
      cond = eval(*a.condition);
      switched.insert(switched.end(), cond.deps.begin(), cond.deps.end());
      understood = narrow(*a.condition, true, feasible);
    }
    if (feasible) {
      AbstractValue v = eval(*a.result);
      if (!understood && v.exact && v.kind == Kind::Number) {
        for (const std::string& d : cond.deps) {
          if (std::binary_search(v.deps.begin(), v.deps.end(), d)) {
            v.exact = false;
            v.why = tr_format("it depends on a condition the analysis does not follow ({})", src(a.condition->span));
            break;
          }
        }
      }
      join(result, v);
      scores.push_back(v.kind == Kind::Number ? v.range : Range::empty_range());
      if (subject_expr != nullptr && subject.kind == Kind::Number) {
        // The arm's piece of the subject: what its comparison takes that the arms above do not.
        Range set;
        if (a.condition) {
          const auto& b = std::get<ast::Binary>(a.condition->node);
          set = compared_range(b.op, *constant(*b.rhs));
        }
        const std::vector<Range> left = subtract(intersect(set, subject.range), taken);
        if (!left.empty()) {
          Range reach = left.front();
          for (const Range& r : left) reach = hull(reach, r);
          pieces.push_back({reach, a.result.get(), a.span, slopes_of(v), v.range});
        }
        taken.push_back(set);
      }
    }
    narrowed_.resize(arm_mark);
    if (!a.condition) break;
    // The later arms are analysed with this condition false.
    bool rest_feasible = true;
    narrow(*a.condition, false, rest_feasible);
    if (!rest_feasible) break;
  }
  narrowed_.resize(mark);
  if (!result) return number(Range::empty_range());
  if (subject_expr != nullptr && subject.kind == Kind::Number) {
    const bool percent = subject_expr->type == ast::TypeKind::Percent;
    steps(*subject_expr, subject, std::move(pieces), percent, *result);
    return *result;
  }
  if (slopes_) switched_ways(w, scores, switched, *result);
  return *result;
}

// Which arm applies switches with what the conditions read, which move the result both ways;
// except in `when L <= R -> A otherwise B` (or <, >, >=) whose arms' scores lie one above the
// other: then L and R move it one way each (`when spent <= budget -> points otherwise 0`: more
// spent never raises it, a larger budget never lowers it).
void Analyzer::switched_ways(const ast::When& w, const std::vector<Range>& scores, const std::vector<std::string>& switched,
                             AbstractValue& result) {
  int truth_raises = 0;  // +1: the result is higher where the condition holds; −1 lower
  const ast::Binary* b = nullptr;
  if (w.arms.size() == 2 && w.arms[0].condition && !w.arms[1].condition && scores.size() == 2) {
    b = std::get_if<ast::Binary>(&w.arms[0].condition->node);
    using Op = ast::BinaryOp;
    if (b != nullptr && !(b->op == Op::Lt || b->op == Op::Le || b->op == Op::Gt || b->op == Op::Ge)) b = nullptr;
    const auto at_least = [](const Range& x, const Range& y) {  // every value of x ≥ every value of y
      return !x.empty() && !y.empty() && x.lo.inf == 0 && y.hi.inf == 0 && !(x.lo.value < y.hi.value);
    };
    truth_raises = at_least(scores[0], scores[1]) ? 1 : at_least(scores[1], scores[0]) ? -1 : 0;
  }
  if (b == nullptr || truth_raises == 0) {
    for (const std::string& dep : switched) result.slope[dep] = 0;
    return;
  }
  const AbstractValue l = eval(*b->lhs);
  const AbstractValue r = eval(*b->rhs);
  const bool less = b->op == ast::BinaryOp::Lt || b->op == ast::BinaryOp::Le;  // holds where L is small
  const std::map<std::string, int> truth = merged_slopes(l, less ? -1 : 1, r, less ? 1 : -1);
  for (const std::string& dep : switched) {
    const auto t = truth.find(dep);
    const int through = t == truth.end() ? 0 : t->second * truth_raises;
    const auto own = result.slope.find(dep);
    const bool reads = std::binary_search(result.deps.begin(), result.deps.end(), dep) || own != result.slope.end();
    result.slope[dep] = own == result.slope.end() ? (reads ? 0 : through) : own->second == through ? through : 0;
  }
}

}  // namespace rubric::analysis
