// Shared by the fuzz targets (see fuzz/README.md): the shipped rulesets and their plans, loaded
// once, and a check that the tree evaluator and the compiled plan agree on what they score.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/eval/plan.hpp"
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

// The compiled plan of each of rulesets(), built once (building one per input cost more than
// evaluating with it).
inline const Plan& shipped_plan(std::size_t index) {
  static const std::vector<std::unique_ptr<Plan>> plans = [] {
    std::vector<std::unique_ptr<Plan>> p;
    for (const auto& rs : rulesets()) p.push_back(std::make_unique<Plan>(*rs));
    return p;
  }();
  return *plans.at(index);
}

// Which of rulesets() a facts document is for: the one with the most facts of its own (declared by
// no other of them) named in the text as a JSON key; the 2023 ruleset when none is named. One
// ruleset per input instead of all three: reading the same document three times tripled the cost
// of every input, and each ruleset still gets the documents written for it (the seeds are).
inline std::size_t ruleset_for(const std::string& text) {
  static const std::vector<std::vector<std::string>> own = [] {
    std::vector<std::vector<std::string>> keys(rulesets().size());
    for (std::size_t i = 0; i < rulesets().size(); ++i) {
      for (const ast::FactDecl& f : rulesets()[i]->facts) {
        bool shared = false;
        for (std::size_t j = 0; j < rulesets().size(); ++j) {
          for (const ast::FactDecl& g : rulesets()[j]->facts) shared = shared || (j != i && g.name == f.name);
        }
        if (!shared) keys[i].push_back("\"" + f.name + "\"");
      }
    }
    return keys;
  }();
  std::size_t best = 0, best_hits = 0;
  for (std::size_t i = 0; i < own.size(); ++i) {
    std::size_t hits = 0;
    for (const std::string& key : own[i]) hits += text.find(key) != std::string::npos ? 1 : 0;
    if (hits > best_hits) {
      best = i;
      best_hits = hits;
    }
  }
  return best;
}

struct EvaluateOptions {
  // Render the table (with --explain), the JSON and the diagnostics: evaluate_fuzzer's job.
  bool render = false;
  // The ruleset's plan when it is built already (a shipped ruleset); otherwise one is built.
  const Plan* plan = nullptr;
};

// Evaluates [facts] with the tree evaluator and the plan and aborts if the two disagree on the
// total, the grade or whether there are errors (plan_vs_tree_fuzzer compares every score).
inline void evaluate_everything(const ast::Ruleset& ruleset, const Facts& facts, const EvaluateOptions& what = {}) {
  EvalOptions options;
  // Keeps each run short: a fuzzed ruleset, or facts with lists of thousands of items, that needs
  // more stops with E0711, a normal outcome (and the plan is not compared).
  options.step_budget = 20'000;
  const Evaluation evaluation = evaluate(ruleset, facts, options);
  if (what.render) {
    (void)render_table(ruleset, evaluation, {true, 100});
    (void)render_score_json({ScoredDepartment{facts.file, &ruleset, evaluation, evaluation.diagnostics}}, true);
    (void)render(evaluation.diagnostics);
  }
  for (const Diagnostic& d : evaluation.diagnostics.items()) {
    if (d.code == "E0711") return;  // the plan has no step budget
  }
  std::optional<Plan> built;
  if (what.plan == nullptr) built.emplace(ruleset);
  const PlanResult planned = (what.plan != nullptr ? *what.plan : *built).evaluate(facts);
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
