// Scoring departments under two rulesets; see impact.hpp.
#include "interpreter/tools/impact.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "interpreter/eval/evaluator.hpp"

namespace rubric {

std::vector<ImpactRow> compute_impact(const ast::Ruleset& old_ruleset, const ast::Ruleset& new_ruleset,
                                      const std::vector<std::string>& facts_files, const FactsOptions& options) {
  std::vector<ImpactRow> rows;
  for (const std::string& file : facts_files) {
    ImpactRow row;
    row.file = file;
    std::string text;
    try {
      text = SourceFile::read(file, kFactsReadLimit)->text();
    } catch (const std::exception& e) {
      row.error = e.what();
      rows.push_back(std::move(row));
      continue;
    }
    const auto score = [&](const ast::Ruleset& rs, std::optional<Decimal>& total, std::string& grade,
                           const char* side) {
      const FactsResult facts = load_facts(rs, text, file, options);
      if (!facts.facts) {
        const auto& items = facts.diagnostics.items();
        const auto& first = *std::find_if(items.begin(), items.end(),
                                          [](const Diagnostic& d) { return d.severity == Severity::Error; });
        row.error = fmt::format("{} ruleset: {}{}", side,
                                first.location.json_path.empty() ? "" : first.location.json_path + ": ", first.message);
        return;
      }
      if (row.department.empty()) row.department = facts.facts->department;
      EvalOptions untraced;
      untraced.trace = false;
      const Evaluation e = evaluate(rs, *facts.facts, untraced);
      if (!e.total) {
        row.error = fmt::format("{} ruleset: {}", side,
                                e.diagnostics.empty() ? std::string("no total") : e.diagnostics.items().front().message);
        return;
      }
      total = e.total;
      grade = e.grade;
    };
    score(old_ruleset, row.old_total, row.old_grade, "old");
    score(new_ruleset, row.new_total, row.new_grade, "new");
    if (row.department.empty()) row.department = file;
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const ImpactRow& a, const ImpactRow& b) {
    const auto x = a.change();
    const auto y = b.change();
    if (x.has_value() != y.has_value()) return x.has_value();
    if (!x) return false;
    return x->abs() > y->abs();
  });
  return rows;
}

}  // namespace rubric
