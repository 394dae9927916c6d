// Requirements on the facts, vetoes (一票否决) and the grade: which requirements the facts do not
// meet, which vetoes apply, the parts they zero, and the grade the total, the grades' floors and
// the vetoes' caps give. See docs/language.md, "Requirements on the facts" and "Vetoes and grade
// conditions".
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "dsl/visit.hpp"
#include "base/messages.hpp"
#include "interpreter/eval/evaluator_internal.hpp"

namespace rubric {
namespace evaluation {

namespace {

// Every indicator under [node] scores 0; its basis says which veto and what the rules gave.
void zero(NodeResult& node, const std::string& text) {
  if (node.is_section) {
    for (NodeResult& child : node.children) zero(child, text);
    if (node.score) node.score = Decimal();
    return;
  }
  if (!node.score) return;  // an indicator that failed stays failed: its error is still an error
  node.unvetoed = node.score;
  node.vetoed = text;
  node.basis = fmt::format("一票否决（{}）：得 0 分；按评分标准得分 {}", text, node.score->to_fixed(node.digits));
  node.score = Decimal();
  node.raw = Decimal();
}

const NodeResult* find_section(const std::vector<NodeResult>& nodes, const ast::Section* section) {
  for (const NodeResult& n : nodes) {
    if (n.section == section) return &n;
    if (const NodeResult* inner = find_section(n.children, section)) return inner;
  }
  return nullptr;
}

// The first indicator under [nodes] that scores below [share] of its points. A bonus/penalty
// item (`points -5 to 5`) and the items of an extra section have no share to reach: they are not
// looked at.
const NodeResult* below_floor(const std::vector<NodeResult>& nodes, const Decimal& share) {
  for (const NodeResult& n : nodes) {
    if (n.is_section) {
      if (n.section != nullptr && n.section->extra) continue;
      if (const NodeResult* inner = below_floor(n.children, share)) return inner;
    } else if (n.score && !n.points.range && *n.score < share * n.points.hi) {
      return &n;
    }
  }
  return nullptr;
}

}  // namespace

Diagnostics Evaluator::requirements(const std::string& file) {
  globals_.assign(rs_.frame_size, Value{});
  failed_.assign(rs_.frame_size, std::string{});
  frame_ = &globals_;
  mode_ = rs_.rounding.mode;
  Diagnostics out;
  for (const ast::Requirement& r : rs_.requirements) {
    std::string why;
    try {
      if (truth(*r.condition)) continue;
      why = compared(*r.condition);
    } catch (const EvalError& e) {
      why = std::string(tr("it cannot be evaluated: ")) + e.message;
    } catch (const DecimalError& e) {
      why = std::string(tr("it cannot be evaluated: ")) + e.what();
    }
    auto& d = out.error("E0620", Location::in_json(file, "facts"),
                        tr_format("the facts do not meet the ruleset's requirement \"{}\"", r.text));
    if (!why.empty()) d.notes.push_back({why, std::nullopt});
    d.notes.push_back({tr_format("required here: {}", src(r.condition->span)), rs_.at(r.span)});
    d.help = std::string(tr("correct the facts: the ruleset scores no department whose facts do not meet it"));
  }
  return out;
}

std::string Evaluator::compared(const ast::Expr& condition) {
  std::vector<std::string> parts;
  ast::walk(condition, [&](const ast::Expr& e) {
    const auto* b = std::get_if<ast::Binary>(&e.node);
    if (b == nullptr || b->op == ast::BinaryOp::And || b->op == ast::BinaryOp::Or) return b != nullptr;
    for (const ast::Expr* side : {b->lhs.get(), b->rhs.get()}) {
      if (std::holds_alternative<ast::NumberLit>(side->node)) continue;
      try {
        parts.push_back(fmt::format("{} = {}", src(side->span), format_value(eval(*side), side->type)));
      } catch (const EvalError&) {
      } catch (const DecimalError&) {
      }
    }
    return false;
  });
  return fmt::format("{}", fmt::join(parts, ", "));
}

bool Evaluator::vetoes(const std::vector<ast::Veto>& vetoes, std::vector<NodeResult>& nodes) {
  mode_ = rs_.rounding.mode;
  for (const ast::Veto& v : vetoes) {
    bool applies = false;
    try {
      applies = truth(*v.condition);
    } catch (const EvalError& e) {
      auto& d = out_.diagnostics.error(e.code, rs_.at(e.span), tr_format("in veto \"{}\": {}", v.text, e.message));
      d.help = e.help;
      d.notes = e.notes;
      return false;
    } catch (const DecimalError& e) {
      out_.diagnostics.error("E0706", rs_.at(v.condition->span), tr_format("in veto \"{}\": {}", v.text, e.what()));
      return false;
    }
    if (!applies) continue;
    cover(Branch::Veto, v.span);
    out_.vetoes.push_back(&v);
    if (v.zero) {
      for (NodeResult& n : nodes) zero(n, v.text);
    }
  }
  return true;
}

void Evaluator::grade(const Decimal& total) {
  std::size_t chosen = rs_.grades.size();
  for (std::size_t g = 0; g < rs_.grades.size(); ++g) {
    const ast::GradeArm& arm = rs_.grades[g];
    if (arm.threshold && total < *arm.threshold) continue;
    if (arm.floor) {
      const NodeResult* scope = arm.floor_scope != nullptr ? find_section(out_.nodes, arm.floor_scope) : nullptr;
      const NodeResult* low = below_floor(scope != nullptr ? scope->children : out_.nodes, *arm.floor);
      if (low != nullptr) {
        out_.grade_notes.push_back(fmt::format("不评为{}：{}得分 {}，低于分值 {} 的 {}", arm.name, low->name,
                                               low->score->to_fixed(low->digits), low->points.hi.to_string(),
                                               show(*arm.floor, ast::TypeKind::Percent)));
        continue;
      }
    }
    chosen = g;
    break;
  }
  for (const ast::Veto* v : out_.vetoes) {
    if (v->grade.empty()) continue;
    out_.grade_notes.push_back(fmt::format("一票否决（{}）：评价等级至多为{}", v->text, v->grade));
    for (std::size_t g = 0; g < rs_.grades.size(); ++g) {
      if (rs_.grades[g].name == v->grade && (chosen == rs_.grades.size() || g > chosen)) chosen = g;
    }
  }
  if (chosen == rs_.grades.size()) return;
  out_.grade = rs_.grades[chosen].name;
  cover(Branch::Grade, rs_.grades[chosen].span);
}

}  // namespace evaluation
}  // namespace rubric
