// Rubric's public interface: load a ruleset, read a department's facts, score them, report.
//
//   auto loaded = rubric::load_ruleset("rulesets/guangzhou/2023.rubric");
//   if (!loaded.ok()) { std::cerr << rubric::render(loaded.diagnostics); return 1; }
//   auto facts = rubric::read_facts(*loaded.ruleset, "rulesets/guangzhou/examples/guangzhou-internet-court-2023.json");
//   if (!facts.facts) { std::cerr << rubric::render(facts.diagnostics); return 1; }
//   rubric::Evaluation result = rubric::evaluate(*loaded.ruleset, *facts.facts);
//   std::cout << rubric::render_table(*loaded.ruleset, result, {});
//
// (tests/header_example_test.cpp compiles and runs these lines, and fails when they differ from
// its copy.)
//
// Nothing here throws for bad input: every problem with a ruleset, a facts file or an evaluation
// comes back as diagnostics (see base/diagnostic.hpp). Only programming errors throw.
//
// One public header per stage, in the order data flows; each includes the ones below it, and
// this one includes them all. The program (cli/) includes nothing else.
#pragma once

#include "rubric/base.hpp"
#include "rubric/dsl.hpp"
#include "rubric/check.hpp"
#include "rubric/eval.hpp"
#include "rubric/batch.hpp"
#include "rubric/tools.hpp"
#include "rubric/report.hpp"
