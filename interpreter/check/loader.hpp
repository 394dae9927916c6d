// Loading a ruleset: read, parse, merge its `extends` chain, check, and run the static analysis.
//
// Nothing here throws for bad input: every problem comes back as diagnostics. A ruleset is
// returned only when it has no errors, so whatever holds a LoadedRuleset's tree may evaluate it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "dsl/ast.hpp"
#include "interpreter/check/analysis.hpp"

namespace rubric {

// A ruleset that parsed and checked without errors is ready to evaluate; ruleset is null
// otherwise. Warnings are in diagnostics either way.
struct LoadedRuleset {
  std::shared_ptr<const ast::Ruleset> ruleset;
  Diagnostics diagnostics;
  // Scores the analysis could not be sure leave their points (analysis.hpp): `rubric check` looks
  // for facts that show they do (interpreter/tools/witness.hpp).
  std::vector<UnsureBound> unsure_bounds;
  bool ok() const { return ruleset != nullptr; }
};

// How a ruleset is loaded. The static analysis (analysis.hpp) runs after the checker unless
// [analyse] is false; its findings are warnings, except E0412 (tiers that contradict each other),
// which stops the ruleset from loading as the checker's errors do.
// [unsure] adds, as notes, what the analysis could not decide (rubric check --unsure);
// [monotonicity] the steps where a score goes against its rule's way (W0407, rubric check).
struct LoadOptions {
  bool analyse = true;
  bool unsure = false;
  bool monotonicity = false;
};

// Parses and checks a ruleset held in memory ([path] names it in messages).
LoadedRuleset load_ruleset_source(const std::string& path, std::string text, const LoadOptions& options = {});
// Reads, parses and checks the ruleset file at [path] ("-": standard input).
LoadedRuleset load_ruleset(const std::string& path, const LoadOptions& options = {});

}  // namespace rubric
