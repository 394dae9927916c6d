// Fuzzes evaluation of the shipped rulesets: any bytes as a facts file, read against the ruleset it
// is for (fuzz::ruleset_for: the 2023 or 2021 ruleset, or the facts test ruleset); a file that
// reads without errors is scored by the tree evaluator and the compiled plan, which must agree on
// the total and the grade, and rendered as a table (with --explain), as JSON and as diagnostics.
#include <cstddef>
#include <cstdint>

#include "common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::size_t which = rubric::fuzz::ruleset_for(text);
  const auto& ruleset = *rubric::fuzz::rulesets()[which];
  const rubric::FactsResult read = rubric::load_facts(ruleset, text, "fuzz.json");
  if (read.facts) {
    rubric::fuzz::evaluate_everything(ruleset, *read.facts, {true, &rubric::fuzz::shipped_plan(which)});
  }
  return 0;
}
