// Fuzzes the facts JSON loader: any bytes as a facts file, `facts_year` on it, and the file read
// against the ruleset it is for (fuzz::ruleset_for): the 2023 or 2021 ruleset, or the facts test
// ruleset (which declares every kind of fact: records, enums, lists, domains). The diagnostics are
// rendered, with the JSON text under them.
#include <cstddef>
#include <cstdint>

#include "common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)rubric::facts_year(text);
  const auto& ruleset = *rubric::fuzz::rulesets()[rubric::fuzz::ruleset_for(text)];
  const rubric::FactsResult read = rubric::load_facts(ruleset, text, "fuzz.json");
  (void)rubric::render(read.diagnostics);
  if (read.facts && read.diagnostics.has_errors()) rubric::fuzz::bug("facts returned together with errors");
  return 0;
}
