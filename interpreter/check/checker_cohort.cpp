// `year_mean(FACT)`, `year_min`, `year_max`, `year_rank`: a fact compared across the departments
// of the year scored together (docs/language.md, "Scores relative to the year's departments").
#include <fmt/format.h>

#include "interpreter/check/checker_internal.hpp"

namespace rubric::checking {

ast::YearOf year_of(std::string_view callee) {
  if (callee == "year_mean") return ast::YearOf::Mean;
  if (callee == "year_min") return ast::YearOf::Min;
  if (callee == "year_max") return ast::YearOf::Max;
  if (callee == "year_rank") return ast::YearOf::Rank;
  return ast::YearOf::None;
}

TypeRefPtr Checker::year_call(ast::Expr& e, ast::Call& c, const std::vector<TypeRefPtr>& args) {
  const ast::YearOf kind = year_of(c.callee);
  if (c.args.size() != 1) {
    arity_error(e, c, 1, 1).help = fmt::format("{}(FACT) reads one fact of every department of the year", c.callee);
    return kUnknown;
  }
  const auto* name = std::get_if<ast::NameRef>(&c.args[0]->node);
  if (name == nullptr || name->kind != ast::NameKind::Fact || !numeric(args[0])) {
    if (name != nullptr && name->kind == ast::NameKind::Unresolved) return kUnknown;  // reported as unknown
    error("E0314", c.args[0]->span,
          fmt::format("{}(…) compares a fact across the year's departments: its argument must be the name of a "
                      "number, percent, money or count fact",
                      c.callee))
        .help = "write e.g. year_mean(execution_rate); a value computed from facts is compared through the facts it "
                "is computed from";
    return kUnknown;
  }
  c.year_of = kind;
  if (rs_.cohort_facts.size() < rs_.facts.size()) rs_.cohort_facts.resize(rs_.facts.size());
  rs_.cohort_facts[name->index] = true;
  return kind == ast::YearOf::Rank ? kCount : args[0];
}

}  // namespace rubric::checking
