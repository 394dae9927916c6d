// The report of `rubric diff`: what changed between two rulesets and, given departments' facts,
// whom it affects. As text for a terminal, Markdown, or JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "base/decimal.hpp"
#include "interpreter/tools/diff.hpp"

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

  std::optional<Decimal> change() const {
    if (!old_total || !new_total) return std::nullopt;
    return *new_total - *old_total;
  }
};

// Scores each facts file under both rulesets (facts of any year: this is a what-if). Rows come
// back sorted by the size of the change, largest first; unscored rows last.
std::vector<ImpactRow> compute_impact(const ast::Ruleset& old_ruleset, const ast::Ruleset& new_ruleset,
                                      const std::vector<std::string>& facts_files);

struct DiffReport {
  std::string old_path;
  std::string new_path;
  const ast::Ruleset* old_ruleset = nullptr;
  const ast::Ruleset* new_ruleset = nullptr;
  std::vector<DiffEntry> changes;
  std::optional<std::vector<ImpactRow>> impact;  // with --facts
};

std::string render_diff_text(const DiffReport& report);
std::string render_diff_markdown(const DiffReport& report);
std::string render_diff_json(const DiffReport& report);

}  // namespace rubric
