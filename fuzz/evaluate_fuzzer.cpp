// Fuzzes evaluation of the shipped rulesets: any bytes as a facts file; every file that reads
// without errors is scored by the tree evaluator and the compiled plan, which must agree, and
// rendered as a table (with --explain) and as JSON.
#include <cstddef>
#include <cstdint>

#include "common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const auto& ruleset : rubric::fuzz::rulesets()) {
    const rubric::FactsResult read = rubric::load_facts(*ruleset, text, "fuzz.json");
    if (read.facts) rubric::fuzz::evaluate_everything(*ruleset, *read.facts);
  }
  return 0;
}
