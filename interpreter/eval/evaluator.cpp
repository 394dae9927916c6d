// The tree-walking evaluator; see evaluator.hpp.
#include "interpreter/eval/evaluator.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "base/messages.hpp"
#include "interpreter/check/interval.hpp"
#include "interpreter/eval/evaluator_internal.hpp"
#include "stdlib/builtins.hpp"

namespace rubric {

namespace evaluation {
namespace {

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

}  // namespace

// ---- Tree ----------------------------------------------------------------------------------

// 评分依据: the decisions made at the indicator's own level and one level down, in their plain
// words (TraceStep::plain), then the score: "得分 9.9875，四舍五入为 9.99".
std::string Evaluator::basis(const ast::Indicator& ind, const NodeResult& node, const ast::Rounding& rounding) const {
  std::vector<std::string> parts;
  // A part that says what a value is, before one that says it again with the value: "固定资产利用
  // 率为 99.56%" just before "固定资产利用率 99.56%，不低于 90%，得 2 分" is said once.
  std::string pending;  // the name the last part said the value of
  for (const TraceStep& s : node.trace) {
    if (!s.decision || s.depth > 1 || s.plain.empty()) continue;
    if (!pending.empty() && s.plain.rfind(pending + " ", 0) == 0) parts.pop_back();
    pending = s.names;
    parts.push_back(s.plain);
  }
  constexpr std::size_t kMaxBasisParts = 10;
  if (parts.size() > kMaxBasisParts) {
    const std::size_t more = parts.size() - kMaxBasisParts;
    parts.resize(kMaxBasisParts);
    parts.push_back(fmt::format("…另 {} 项", more));
  }
  if (!node.score) {
    parts.push_back("未能评分：" + node.error);
    return fmt::format("{}", fmt::join(parts, "；"));
  }
  const bool formula = !std::holds_alternative<ast::NumberLit>(ind.score->node) &&
                       !std::holds_alternative<ast::PointsRef>(ind.score->node);
  if (parts.empty() && formula) {
    parts.push_back(fmt::format("得分 = {} = {}", said(*ind.score), exact_or_about(*node.raw, node.digits + 4)));
  }
  std::string result = fmt::format("得分 {}", node.score->to_fixed(node.digits));
  if (*node.raw != *node.score) {
    // The unrounded score where rounding decides, to as many decimals as show it (at most six).
    const std::string raw = exact_or_about(*node.raw, node.digits + 4);
    result = fmt::format("得分{}，{}为 {}", raw.rfind("约 ", 0) == 0 ? is_value(raw) : " " + raw, rounding_words(rounding.mode),
                         node.score->to_fixed(node.digits));
  }
  parts.push_back(result);
  return fmt::format("{}", fmt::join(parts, "；"));
}

void Evaluator::run() {
  globals_.assign(rs_.frame_size, Value{});
  failed_.assign(rs_.frame_size, std::string{});
  frame_ = &globals_;
  mode_ = rs_.rounding.mode;
  for (const ast::Let& l : rs_.lets) bind_let(l);
  for (const ast::Item& item : rs_.items) {
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      out_.nodes.push_back(section(**s));
    } else if (const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
      out_.nodes.push_back(indicator(**i));
    } else {
      bind_let(std::get<ast::Let>(item));
    }
  }
  bool complete = vetoes(rs_.vetoes, out_.nodes);
  Decimal total;
  std::optional<Decimal> base;
  for (const NodeResult& node : out_.nodes) {
    if (node.section != nullptr && node.section->extra && !base) base = total;
    if (node.score) {
      total += *node.score;
    } else if (node.applies) {
      complete = false;
    }
  }
  if (complete) {
    out_.total = total;
    out_.base_total = base;
    grade(total);
  }
}

void Evaluator::bind_let(const ast::Let& l) {
  try {
    globals_[l.slot] = eval(*l.value);
    failed_[l.slot].clear();
    record_let(l, globals_[l.slot]);
  } catch (const EvalError& e) {
    failed_[l.slot] = e.message;
    auto& d = out_.diagnostics.error(e.code, rs_.at(e.span), tr_format("in 'let {}': {}", l.name, e.message));
    d.help = e.help;
    d.notes = e.notes;
  } catch (const DecimalError& e) {
    failed_[l.slot] = e.what();
    out_.diagnostics.error("E0706", rs_.at(l.span), tr_format("in 'let {}': {}", l.name, e.what()));
  }
}

NodeResult Evaluator::section(const ast::Section& s) {
  NodeResult node;
  node.is_section = true;
  node.digits = section_digits_;
  node.name = s.name;
  node.section = &s;
  node.points = s.points;
  for (const ast::Item& item : s.items) {
    if (const auto* child = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      node.children.push_back(section(**child));
    } else if (const auto* ind = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
      node.children.push_back(indicator(**ind));
    } else {
      bind_let(std::get<ast::Let>(item));
    }
  }
  if (!share(s, node)) return node;
  if (!vetoes(s.vetoes, node.children)) {
    node.error = std::string(tr("a veto's condition could not be evaluated"));
    return node;
  }
  bool complete = true;
  Decimal sum;
  for (const NodeResult& child : node.children) {
    if (child.score) {
      sum += *child.score;
    } else if (child.applies) {
      complete = false;
    }
  }
  if (!complete) {
    node.error = std::string(tr("a part of it could not be scored"));
    return node;
  }
  if (s.extra) {
    node.score = capped(s, sum, node);
    return node;
  }
  if (sum < s.points.lo || sum > s.points.hi) {
    node.error = tr_format("scored {}, outside its range [{}, {}]", sum.to_string(), s.points.lo.to_string(),
                             s.points.hi.to_string());
    out_.diagnostics.error("E0703", rs_.at(s.name_span),
                           tr_format("section '{}' {}", s.name, node.error))
        .help = std::string(tr("a section's score is the sum of its parts; its range bounds that sum"));
    return node;
  }
  node.score = sum;
  return node;
}

// An extra section's score: the sum of its parts held within its points. Its basis says so when
// the points hold it ("各项合计 6.00 分，超过上限 5 分，按 5 分计").
Decimal Evaluator::capped(const ast::Section& s, const Decimal& sum, NodeResult& node) {
  const bool over = sum > s.points.hi;
  if (!over && sum >= s.points.lo) {
    node.basis = fmt::format("各项合计 {} 分", sum.to_fixed(node.digits));
    return sum;
  }
  cover(Branch::Cap, s.extra_span);
  node.uncapped = sum;
  const Decimal& bound = over ? s.points.hi : s.points.lo;
  node.basis = fmt::format("各项合计 {} 分，{}{} 分，按 {} 分计", sum.to_fixed(node.digits),
                           over ? "超过上限 " : "低于下限 ", bound.to_string(), bound.to_string());
  return bound;
}

// Begins [ind]'s [node]; returns whether it is assessed: an alternative of a 'choose' that the
// fact does not name is not applicable, and [node] says which one is.
bool Evaluator::chosen(const ast::Indicator& ind, NodeResult& node) const {
  node.name = ind.name;
  node.indicator = &ind;
  node.points = ind.points;
  if (const Decimal* claimed = facts_.claimed.find(ind.name)) node.claimed = *claimed;
  for (const auto& [name, documents] : facts_.evidence) {
    if (name == ind.name) node.evidence.insert(node.evidence.end(), documents.begin(), documents.end());
  }
  if (ind.choice.empty()) return true;
  const Value& chosen = facts_.values[ind.choice_fact];
  if (!chosen.is_text() || chosen.text() == ind.name) return true;
  node.applies = false;
  node.basis = fmt::format("不适用：择一考核，本年考核「{}」", chosen.text());
  return false;
}

NodeResult Evaluator::indicator(const ast::Indicator& ind) {
  NodeResult node;
  if (!chosen(ind, node) || !applicable(ind, node)) return node;
  const ast::Rounding rounding = ind.rounding ? *ind.rounding : rs_.rounding;
  node.digits = rounding.digits;
  indicator_ = &ind;
  mode_ = rounding.mode;
  trace_ = &node.trace;
  depth_ = 0;
  traced_calls_ = 0;
  prefix_.clear();
  try {
    for (const ast::Let& l : ind.lets) {
      const Value v = eval(*l.value);
      globals_[l.slot] = v;
      failed_[l.slot].clear();
      record_let(l, v);
      // In the 评分依据 only when the let has a label: "完成率为 97.5%".
      std::string plain;
      if (!l.label.empty()) {
        const std::string shown = v.is_number() ? people(v.number(), l.value->type) : format_value(v, l.value->type);
        plain = l.label + is_value(shown);
      }
      step(l.span, fmt::format("{} = {}", l.name, format_value(v, l.value->type)), true, {}, std::move(plain), l.label);
    }
    const Decimal raw = num(*ind.score);
    node.raw = raw;
    const Decimal score = raw.round(rounding.digits, rounding.mode);
    if (score < ind.points.lo || score > ind.points.hi) {
      fail("E0702", ind.score->span,
           tr_format("the score {} is outside the indicator's points [{}, {}]", show(raw, ast::TypeKind::Number),
                       ind.points.lo.to_string(), ind.points.hi.to_string()),
           std::string(tr("a rule must keep the score within the points; add 'until zero' to a deduction, or cap the formula "
           "with min(…, points)")));
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
    node.error_code = e.code;
    auto& d = out_.diagnostics.error(e.code, rs_.at(e.span),
                                     tr_format("indicator '{}': {}", ind.name, e.message));
    d.help = e.help;
    d.notes = e.notes;
  } catch (const DecimalError& e) {
    node.error = e.what();
    node.error_code = "E0706";
    out_.diagnostics.error("E0706", rs_.at(ind.score ? ind.score->span : ind.span),
                           tr_format("indicator '{}': {}", ind.name, e.what()));
  }
  node.basis = basis(ind, node, rounding);
  trace_ = nullptr;
  indicator_ = nullptr;
  return node;
}

}  // namespace evaluation

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

Diagnostics unmet_requirements(const ast::Ruleset& ruleset, const Facts& facts, const std::string& file) {
  if (ruleset.requirements.empty()) return {};
  Evaluation scratch;
  const EvalOptions options{.trace = false};
  return evaluation::Evaluator(ruleset, facts, options, scratch).requirements(file);
}

Evaluation evaluate(const ast::Ruleset& ruleset, const Facts& facts, const EvalOptions& options) {
  Evaluation out;
  out.claimed_total = facts.claimed.total;
  out.file = facts.file;
  out.department = facts.department;
  out.year = facts.year;
  evaluation::Evaluator(ruleset, facts, options, out).run();
  return out;
}

}  // namespace rubric
