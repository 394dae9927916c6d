// The report of `rubric diff`: what changed between two rulesets and, given departments' facts,
// whom it affects. As text for a terminal, Markdown, or JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "base/decimal.hpp"
#include "interpreter/tools/diff.hpp"
#include "interpreter/tools/impact.hpp"

namespace rubric {

struct DiffReport {
  std::string old_path;
  std::string new_path;
  const ast::Ruleset* old_ruleset = nullptr;
  const ast::Ruleset* new_ruleset = nullptr;
  std::vector<DiffEntry> changes;
  std::optional<std::vector<ImpactRow>> impact;  // with --facts
  // With --facts: the departments near each bound between tiers under each ruleset (crowding.hpp).
  std::vector<CrowdedBound> old_crowded, new_crowded;
};

std::string render_diff_text(const DiffReport& report);
std::string render_diff_markdown(const DiffReport& report);
std::string render_diff_json(const DiffReport& report);

}  // namespace rubric
