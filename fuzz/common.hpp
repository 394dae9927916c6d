// Shared by the fuzz targets (see fuzz/README.md): the shipped rulesets, loaded once, and a
// check that the tree evaluator and the compiled plan agree on what they score.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "interpreter/plan.hpp"
#include "rubric/rubric.hpp"

namespace rubric::fuzz {

// A bug the fuzzer must report: abort, so that libFuzzer saves the input.
[[noreturn]] inline void bug(const std::string& what) {
  std::fprintf(stderr, "fuzz: %s\n", what.c_str());
  std::abort();
}

inline std::shared_ptr<const ast::Ruleset> load_shipped(const std::string& relative) {
  LoadedRuleset loaded = load_ruleset(std::string(RUBRIC_SOURCE_DIR) + "/" + relative);
  if (!loaded.ok()) bug("a shipped ruleset does not load: " + relative + "\n" + render(loaded.diagnostics));
  return loaded.ruleset;
}

// The shipped rulesets, and the facts-file test ruleset that declares every kind of fact.
inline const std::vector<std::shared_ptr<const ast::Ruleset>>& rulesets() {
  static const std::vector<std::shared_ptr<const ast::Ruleset>> all = {
      load_shipped("rulesets/guangzhou/2023.rubric"),
      load_shipped("rulesets/guangzhou/2021.rubric"),
      load_shipped("tests/diagnostics/facts/ruleset.rubric"),
  };
  return all;
}

// Evaluates [facts] with the tree evaluator and the plan, renders every report, and aborts if
// the two evaluators disagree on the total, the grade or whether there are errors.
inline void evaluate_everything(const ast::Ruleset& ruleset, const Facts& facts) {
  EvalOptions options;
  options.step_budget = 200'000;  // keeps each run short; the limit's error is a normal outcome
  const Evaluation evaluation = evaluate(ruleset, facts, options);
  (void)render_table(ruleset, evaluation, {true, 100});
  (void)render_json(ruleset, evaluation, true);
  (void)render(evaluation.diagnostics);
  for (const Diagnostic& d : evaluation.diagnostics.items()) {
    if (d.code == "E0711") return;  // the plan has no step budget
  }
  const Plan plan(ruleset);
  const PlanResult planned = plan.evaluate(facts);
  if (planned.total != evaluation.total) {
    bug("the plan and the evaluator give different totals: " + (planned.total ? planned.total->to_string() : "none") +
        " and " + (evaluation.total ? evaluation.total->to_string() : "none"));
  }
  const std::string planned_grade =
      planned.grade >= 0 ? ruleset.grades[static_cast<std::size_t>(planned.grade)].name : std::string();
  if (evaluation.total && planned_grade != evaluation.grade) {
    bug("the plan and the evaluator give different grades: " + planned_grade + " and " + evaluation.grade);
  }
}

}  // namespace rubric::fuzz
