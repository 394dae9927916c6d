// Facts: a department's JSON document, read exactly and validated against the ruleset.
//
// The JSON is read with nlohmann's SAX interface so that every number keeps its original text
// (no binary floating point ever touches a value) and duplicate keys are caught. Each fact is
// checked against its declaration: type, domain, required fields. Errors name the JSON path
// ("facts.outputs[2].target") and what was expected; unknown facts are warnings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"
#include "interpreter/value.hpp"

namespace rubric {

struct Facts {
  std::string file;
  std::string department;
  std::optional<int> year;
  std::vector<Value> values;     // by fact index in the ruleset
  std::vector<bool> supplied;    // false where the default was used
};

struct FactsResult {
  std::optional<Facts> facts;  // absent when there were errors
  Diagnostics diagnostics;
};

// Documents nested deeper than this are rejected (hostile input must not exhaust the stack).
inline constexpr int kMaxJsonDepth = 64;

FactsResult load_facts(const ast::Ruleset& ruleset, const std::string& json_text, const std::string& file_name);

}  // namespace rubric
