// What changed between two rulesets, in words a rule author reads at a glance.
//
// Sections and indicators are matched by name. A node found under another parent has moved; an
// indicator that disappears while another with the same points and the same rule appears has
// been renamed. Points, rules (shown on both sides), functions, facts, rounding, the total and
// the grade table are compared too. Where both sides of a rule are tier tables of the same
// shape, the change is narrowed to the tiers and bounds that differ; where both are tier tables or
// brackets over the same subject, of any shape, the regions of the subject where the two score
// differently are given too.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "interpreter/tools/regions.hpp"

namespace rubric {

enum class DiffKind {
  Added,
  Removed,
  Moved,
  Renamed,
  PointsChanged,
  RuleChanged,
  TextChanged,
  FunctionAdded,
  FunctionRemoved,
  FunctionChanged,
  FactAdded,
  FactRemoved,
  FactChanged,
  LetAdded,        // a named value (`let`) at the top level or in a section
  LetRemoved,
  LetChanged,
  SettingChanged,  // header, rounding, total, grades
};

std::string_view to_string(DiffKind kind);

struct DiffEntry {
  DiffKind kind;
  std::string subject;   // "indicator 部门预算资金支出率", "function completion", "fact audit_issues"
  std::string where;     // the node's path, "管理效率 / 预算执行" (new side when it exists)
  std::string summary;   // one line: "points 2 → 10", "moved from 管理效能 / 资金管理"
  std::string old_text;  // both sides, where showing them helps
  std::string new_text;
  // A rule or function whose two sides are tier tables or brackets over the same subject: where,
  // for every department, the two score differently (regions.hpp).
  std::optional<ImpactRegions> regions;
};

std::vector<DiffEntry> diff_rulesets(const ast::Ruleset& old_ruleset, const ast::Ruleset& new_ruleset);

}  // namespace rubric
