// Indicators that do not apply to every department (不适用), and the shares of their points.
//
// `applies when C otherwise full`: when C is false the indicator scores its points. `otherwise
// shared`, and every indicator of a `shared` section: it has no score, and the indicators of its
// section that apply are scored against a share of the points instead of their own. A share is in
// proportion to an indicator's declared points, apportioned to the smallest unit of its rounding
// by the largest remainder (ties to the earlier row), so that the shares add up exactly; the
// indicator's rules score it against its declared points and that score is scaled to the share,
// then rounded once. See docs/language.md, "Indicators that do not apply".
#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "interpreter/eval/evaluator_internal.hpp"
#include "base/messages.hpp"

namespace rubric::evaluation {

bool Evaluator::applicable(const ast::Indicator& ind, NodeResult& node) {
  if (!ind.applies) return true;
  bool holds = false;
  indicator_ = &ind;
  mode_ = (ind.rounding ? *ind.rounding : rs_.rounding).mode;  // as the plan, which reads it with the score
  trace_ = &node.trace;
  depth_ = 0;
  prefix_.clear();
  try {
    holds = truth(*ind.applies);
  } catch (const EvalError& e) {
    node.error = e.message;
    auto& d = out_.diagnostics.error(e.code, rs_.at(e.span),
                                     tr_format("indicator '{}', in 'applies when': {}", ind.name, e.message));
    d.help = e.help;
    d.notes = e.notes;
  } catch (const DecimalError& e) {
    node.error = e.what();
    out_.diagnostics.error("E0706", rs_.at(ind.applies->span),
                           tr_format("indicator '{}', in 'applies when': {}", ind.name, e.what()));
  }
  trace_ = nullptr;
  indicator_ = nullptr;
  if (!node.error.empty()) {
    node.basis = "未能评分：" + node.error;
    return false;
  }
  if (holds) {
    cover(Branch::Applies, ind.applies_span);
    return true;
  }
  cover(Branch::NotApplicable, ind.applies_span);
  const std::string why = not_applicable_why(*ind.applies);
  if (ind.otherwise == ast::Indicator::Otherwise::Full) {
    node.not_applicable = NodeResult::NotApplicable::Full;
    node.digits = (ind.rounding ? *ind.rounding : rs_.rounding).digits;
    node.score = ind.points.hi;
    node.raw = ind.points.hi;
    node.basis = fmt::format("不适用（{}），按满分 {} 分计", why, ind.points.hi.to_string());
  } else {
    node.not_applicable = NodeResult::NotApplicable::Shared;
    node.applies = false;
    node.basis = fmt::format("不适用（{}），其 {} 分由本节适用的指标按分值比例分担", why, ind.points.hi.to_string());
  }
  return false;
}

// Why an indicator does not apply, in words: "有生态效益目标：否" for a bool fact (by its label),
// the condition's text otherwise.
std::string Evaluator::not_applicable_why(const ast::Expr& condition) const {
  const ast::Expr* e = &condition;
  bool negated = false;
  if (const auto* u = std::get_if<ast::Unary>(&e->node); u != nullptr && u->op == ast::UnaryOp::Not) {
    e = u->operand.get();
    negated = true;
  }
  if (const auto* n = std::get_if<ast::NameRef>(&e->node); n != nullptr && n->kind == ast::NameKind::Fact) {
    const ast::FactDecl& fact = rs_.facts[n->index];
    return fmt::format("{}：{}", fact.label.empty() ? fact.name : fact.label, negated ? "是" : "否");
  }
  return "不满足适用条件 " + src(condition.span);
}

bool Evaluator::share(const ast::Section& s, NodeResult& node) {
  using NA = NodeResult::NotApplicable;
  std::vector<NodeResult*> takers;
  std::vector<std::string> givers;
  Decimal weights;
  Decimal given;
  for (NodeResult& child : node.children) {
    if (child.is_section) continue;
    if (child.not_applicable == NA::Shared) {
      givers.push_back(fmt::format("「{}」", child.name));
      given += child.points.hi;
      continue;
    }
    if (!child.applies || child.not_applicable == NA::Full) continue;  // not chosen, or scored full
    if (!child.score) return true;  // a part failed: the section is not scored, and says so
    takers.push_back(&child);
    weights += child.points.hi;
  }
  if (!s.shared && givers.empty()) return true;
  const auto refuse = [&](std::string message, std::string help) {
    node.error = message;
    out_.diagnostics.error("E0715", rs_.at(s.shared ? s.shared_span : s.name_span),
                           tr_format("section '{}': {}", s.name, message))
        .help = std::move(help);
    return false;
  };
  if (s.shared && takers.size() < s.at_least) {
    return refuse(tr_format("{} of its indicators apply, and at least {} must", takers.size(), s.at_least),
                  std::string(tr("the facts their 'applies when' reads decide which apply; check them, or lower 'shared at least'")));
  }
  if (takers.empty() || weights.sign() <= 0) {
    return refuse(tr_format("no indicator of it applies, so the points of {} cannot be shared", fmt::join(givers, "、")),
                  std::string(tr("an indicator that does not apply gives its points to those that do; give one of them "
                  "'otherwise full', or make the section 'shared at least 1' so that the facts are refused instead")));
  }
  const Decimal pool = s.shared ? s.points.hi : weights + given;
  if (pool == weights) return true;
  // Apportioned in units of the takers' finest common rounding (finer if the pool needs it).
  int digits = section_digits_;
  for (const NodeResult* t : takers) digits = std::min(digits, t->digits);
  while (pool.floor(digits) != pool && digits < Decimal::kMaxScale) ++digits;
  const Decimal unit = Decimal::from_parts(1, digits);
  std::vector<Decimal> shares;
  std::vector<Decimal> rest;
  Decimal left = pool;
  for (const NodeResult* t : takers) {
    const Decimal exact = pool * t->points.hi / weights;
    shares.push_back(exact.floor(digits));
    rest.push_back(exact - shares.back());
    left -= shares.back();
  }
  std::vector<std::size_t> order(takers.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rest[a] > rest[b]; });
  for (std::size_t k = 0; k < order.size() && left >= unit; ++k) {
    shares[order[k]] += unit;
    left -= unit;
  }
  const std::string why =
      s.shared ? (givers.empty() ? fmt::format("本节 {} 分由各指标按分值比例分担", pool.to_string())
                                 : fmt::format("{}不适用，本节 {} 分由适用的 {} 项指标按分值比例分担",
                                               fmt::join(givers, "、"), pool.to_string(), takers.size()))
               : fmt::format("{}不适用，其分值由本节适用的指标按分值比例分担", fmt::join(givers, "、"));
  for (std::size_t i = 0; i < takers.size(); ++i) scale(*takers[i], shares[i], why);
  return true;
}

// [node], scored by its rules against its declared points, scored against [share] instead.
void Evaluator::scale(NodeResult& node, const Decimal& share, const std::string& why) {
  const Decimal declared = node.points.hi;
  if (share == declared) return;
  const ast::Rounding rounding = node.indicator->rounding ? *node.indicator->rounding : rs_.rounding;
  const Decimal raw = *node.raw * share / declared;
  const Decimal score = raw.round(rounding.digits, rounding.mode);
  std::string text = fmt::format("{}，本项分值由 {} 分调整为 {} 分：{} × {} ÷ {} = {}，得分 {}", why, declared.to_string(),
                                 share.to_string(), node.raw->to_string(), share.to_string(), declared.to_string(),
                                 raw.to_string(), score.to_fixed(node.digits));
  if (raw != score) text += rounding.mode == RoundingMode::HalfUp ? "（四舍五入）" : "（按本项的舍入方式）";
  // The basis ends with the rules' result against the declared points ("得分 36.00"): it stays,
  // as what the points were scored against, followed by the share.
  const std::size_t result = node.basis.rfind("得分 ");
  const std::string head = result == std::string::npos ? node.basis + "；" : node.basis.substr(0, result);
  const std::string before = result == std::string::npos ? std::string() : node.basis.substr(result + std::string("得分 ").size());
  node.basis = fmt::format("{}按分值 {} 分计得 {}；{}", head, declared.to_string(), before, text);
  node.trace.push_back({0, node.indicator->name_span, text, true, {}, text, {}});
  node.declared_points = declared;
  node.points.hi = share;
  node.raw = raw;
  node.score = score;
}

}  // namespace rubric::evaluation
