// The impact of a change of rules: each department's total and grade under the old ruleset and
// the new one (`rubric diff OLD NEW --facts …`; report/diff_report.hpp lays it out).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/decimal.hpp"
#include "dsl/ast.hpp"
#include "interpreter/batch/batch.hpp"
#include "interpreter/eval/facts.hpp"
#include "interpreter/tools/crowding.hpp"

namespace rubric {

// One department scored under both rulesets.
struct ImpactRow {
  std::string file;
  std::string department;
  std::optional<Decimal> old_total;
  std::optional<Decimal> new_total;
  std::string old_grade;
  std::string new_grade;
  std::string error;  // why it could not be scored under one of them
  // Every indicator's rounded score under each, in table order (the batch results' columns; nullopt
  // where there is none); empty when it was not scored under that ruleset.
  std::vector<std::optional<Decimal>> old_scores, new_scores;

  std::optional<Decimal> change() const {
    if (!old_total || !new_total) return std::nullopt;
    return *new_total - *old_total;
  }
};

// The departments near each bound between tiers under each ruleset (interpreter/tools/crowding.hpp),
// counted over the departments each scores.
struct ImpactCrowding {
  ImpactCrowding(const ast::Ruleset& old_ruleset, const ast::Ruleset& new_ruleset) : old_bounds(old_ruleset), new_bounds(new_ruleset) {}
  BoundCrowding old_bounds, new_bounds;
};

// Scores each facts file under both rulesets (facts of any year: this is a what-if). Rows come
// back sorted by the size of the change, largest first; unscored rows last.
// Keys the rulesets do not declare refuse the facts under that ruleset ([options].allow_unknown:
// `rubric diff --allow-unknown-facts` reads them as warnings and ignores them).
// With [crowding], also counts the departments near each ruleset's tier bounds.
std::vector<ImpactRow> compute_impact(const ast::Ruleset& old_ruleset, const ast::Ruleset& new_ruleset,
                                      const std::vector<std::string>& facts_files, const FactsOptions& options = {},
                                      ImpactCrowding* crowding = nullptr);

// The same for the departments of a batch input (.csv, .jsonl: what `rubric batch` reads, by its
// rules, docs/batch.md): each ruleset scores the whole file as a batch would, and the two results
// are paired row by row. The rows are appended to [rows] unsorted (sort_impact orders them), each
// named "FILE row N". Returns why the input as a whole could not be scored under a ruleset (an
// unreadable file, a header naming no fact of it), "" when it could. [columns]: the CSV columns of
// the id and the name (--id-column, --name-column), as BatchOptions::columns.
std::string compute_batch_impact(const ast::Ruleset& old_ruleset, const ast::Ruleset& new_ruleset,
                                 const std::string& input, const FactsOptions& options, const BatchColumns& columns,
                                 std::vector<ImpactRow>& rows, ImpactCrowding* crowding = nullptr);

// Largest change first; rows without a change (unscored under one ruleset) last, in their order.
void sort_impact(std::vector<ImpactRow>& rows);

}  // namespace rubric
