// A tree evaluation read as a plan's result; see plan.hpp.
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/plan.hpp"
#include "interpreter/eval/plan_code.hpp"
#include "interpreter/eval/cohort.hpp"

namespace rubric {
namespace {

// The score of every indicator under [node], depth-first in table order.
void collect(const NodeResult& node, std::vector<std::optional<Decimal>>& out) {
  if (!node.is_section) {
    out.push_back(node.score);
    return;
  }
  for (const NodeResult& child : node.children) collect(child, out);
}

}  // namespace

void read_evaluation(const ast::Ruleset& ruleset, const Evaluation& evaluation, PlanResult& out) {
  out.total = evaluation.total;
  out.grade = -1;
  out.scores.clear();
  out.clear_errors();
  out.vetoes = evaluation.vetoes;
  if (evaluation.total) {
    for (std::size_t g = 0; g < ruleset.grades.size(); ++g) {
      if (ruleset.grades[g].name == evaluation.grade) {
        out.grade = static_cast<int>(g);
        break;
      }
    }
  }
  for (const NodeResult& n : evaluation.nodes) collect(n, out.scores);
  for (const Diagnostic& d : evaluation.diagnostics.items()) {
    if (d.severity == Severity::Error) {
      out.errors.push_back(d.message);
      out.error_codes.push_back(d.code);
    }
  }
}

PlanResult Plan::evaluate(const Facts& facts) const {
  PlanResult out;
  evaluate(facts, out);
  return out;
}

// The day numbers [from] and [to] (whole Nums) counted with [calendar]: nullopt outside it.
std::optional<plan::Num> plan::working_days(const WorkCalendar& calendar, const plan::Num& from, const plan::Num& to) {
  const auto a = from.decimal().to_int64();
  const auto b = to.decimal().to_int64();
  const auto days = a && b ? calendar.working_days(*a, *b) : std::nullopt;
  if (!days) return std::nullopt;
  return plan::Num::of_int(*days);
}

std::optional<plan::Num> plan::year_of(const Facts& facts, const plan::Node& n, const Decimal& share) {
  if (!facts.cohort) return std::nullopt;
  const auto value =
      year_value(*facts.cohort, static_cast<ast::YearOf>(n.sub), n.index, facts.values[n.index].number(), share);
  if (!value) return std::nullopt;
  return plan::Num(*value);
}

}  // namespace rubric
