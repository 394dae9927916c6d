// Rubric's public interface: load a ruleset, read a department's facts, score them, report.
//
//   auto loaded = rubric::load_ruleset("rulesets/guangzhou/2023.rubric");
//   if (!loaded.ok()) { std::cerr << rubric::render(loaded.diagnostics); return 1; }
//   auto facts = rubric::read_facts(*loaded.ruleset, "facts.json");
//   if (!facts.facts) { std::cerr << rubric::render(facts.diagnostics); return 1; }
//   rubric::Evaluation result = rubric::evaluate(*loaded.ruleset, *facts.facts);
//   std::cout << rubric::render_table(result, {});
//
// Nothing here throws for bad input: every problem with a ruleset, a facts file or an evaluation
// comes back as diagnostics (see base/diagnostic.hpp). Only programming errors throw.
#pragma once

#include <memory>
#include <string>

#include "dsl/ast.hpp"
#include "base/diagnostic.hpp"
#include "dsl/format.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/facts.hpp"
#include "interpreter/check/scheme.hpp"
#include "interpreter/tools/testing.hpp"
#include "interpreter/tools/diff.hpp"
#include "report/diff_report.hpp"
#include "report/json.hpp"
#include "report/table.hpp"
#include "report/template.hpp"

namespace rubric {

// A ruleset that parsed and checked without errors is ready to evaluate; ruleset is null
// otherwise. Warnings are in diagnostics either way.
struct LoadedRuleset {
  std::shared_ptr<const ast::Ruleset> ruleset;
  Diagnostics diagnostics;
  bool ok() const { return ruleset != nullptr; }
};

// How a ruleset is loaded. The static analysis (interpreter/check/analysis.hpp) runs after the
// checker unless [analyse] is false; its findings are warnings, so they never stop a ruleset
// from loading. [unsure] adds, as notes, what the analysis could not decide (rubric check
// --unsure).
struct LoadOptions {
  bool analyse = true;
  bool unsure = false;
};

// Parses and checks a ruleset held in memory ([path] names it in messages).
LoadedRuleset load_ruleset_source(const std::string& path, std::string text, const LoadOptions& options = {});
// Reads, parses and checks the ruleset file at [path].
LoadedRuleset load_ruleset(const std::string& path, const LoadOptions& options = {});

// Reads the facts file at [path] and validates it against [ruleset].
FactsResult read_facts(const ast::Ruleset& ruleset, const std::string& path, const FactsOptions& options = {});

}  // namespace rubric
