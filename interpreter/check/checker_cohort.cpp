// `year_mean(FACT)`, `year_min`, `year_max`, `year_rank`, `year_count`, `year_percentile(FACT, P)`:
// a fact compared across the departments of the year scored together (docs/language.md, "Scores
// relative to the year's departments").
#include <fmt/format.h>

#include "interpreter/check/checker_internal.hpp"
#include "base/messages.hpp"

namespace rubric::checking {

namespace {

// year_percentile's share: a literal percentage in [0%, 100%], so that the figure is one the
// year's list holds, and the analysis knows it.
bool percentile_share(const ast::Expr& e) {
  const auto* n = std::get_if<ast::NumberLit>(&e.node);
  return n != nullptr && n->percent && n->value.sign() >= 0 && n->value <= Decimal::from_int(1);
}

}  // namespace

ast::YearOf year_of(std::string_view callee) {
  if (callee == "year_mean") return ast::YearOf::Mean;
  if (callee == "year_min") return ast::YearOf::Min;
  if (callee == "year_max") return ast::YearOf::Max;
  if (callee == "year_rank") return ast::YearOf::Rank;
  if (callee == "year_count") return ast::YearOf::Count;
  if (callee == "year_percentile") return ast::YearOf::Percentile;
  return ast::YearOf::None;
}

TypeRefPtr Checker::year_call(ast::Expr& e, ast::Call& c, const std::vector<TypeRefPtr>& args) {
  const ast::YearOf kind = year_of(c.callee);
  const std::size_t arity = kind == ast::YearOf::Percentile ? 2 : 1;
  if (c.args.size() != arity) {
    arity_error(e, c, arity, arity).help =
        kind == ast::YearOf::Percentile
            ? std::string(tr("year_percentile(FACT, SHARE) is the value of FACT that SHARE of the year's departments reach or stay "
              "below, e.g. year_percentile(execution, 75%)"))
            : tr_format("{}(FACT) reads one fact of every department of the year", c.callee);
    return kUnknown;
  }
  const auto* name = std::get_if<ast::NameRef>(&c.args[0]->node);
  if (name == nullptr || name->kind != ast::NameKind::Fact || !numeric(args[0])) {
    if (name != nullptr && name->kind == ast::NameKind::Unresolved) return kUnknown;  // reported as unknown
    error("E0314", c.args[0]->span,
          tr_format("{}(…) compares a fact across the year's departments: its argument must be the name of a "
                      "number, percent, money or count fact",
                      c.callee))
        .help = std::string(tr("write e.g. year_mean(execution_rate); a value computed from facts is compared through the facts it "
                "is computed from"));
    return kUnknown;
  }
  if (kind == ast::YearOf::Percentile && !percentile_share(*c.args[1])) {
    error("E0314", c.args[1]->span, std::string(tr("year_percentile(…)'s share must be a percentage written as it is, from 0% to 100%")))
        .help = std::string(tr("write e.g. year_percentile(execution, 75%): the value that 75% of the year's departments reach or "
                "stay below"));
    return kUnknown;
  }
  c.year_of = kind;
  if (rs_.cohort_facts.size() < rs_.facts.size()) rs_.cohort_facts.resize(rs_.facts.size());
  rs_.cohort_facts[name->index] = true;
  return kind == ast::YearOf::Rank || kind == ast::YearOf::Count ? kCount : args[0];
}

}  // namespace rubric::checking
