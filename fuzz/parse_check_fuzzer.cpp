// Fuzzes the ruleset parser and checker: any bytes as a .rubric file. A ruleset that checks clean
// is then evaluated on facts made up from its declarations (each fact of its type), by both
// evaluators, which must agree. The diagnostics are rendered; the reports of an evaluation are
// evaluate_fuzzer's job.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "common.hpp"

namespace {

// A JSON value of [type]: a small, valid instance. Only the outermost list gets two elements:
// nested lists (`list of list of …`, or lists in records in lists) get one, or the sample of a
// deeply nested type would double at every level.
std::string sample(const rubric::ast::TypeRef& type, bool outer = true) {
  using K = rubric::ast::TypeKind;
  switch (type.kind) {
    case K::Number:
    case K::Money:
    case K::Count: return "1";
    case K::Percent: return "\"50%\"";
    case K::Bool: return "true";
    case K::Text: return "\"x\"";
    case K::Date: return "\"2024-02-09\"";
    case K::Enum: return type.members.empty() ? "\"\"" : nlohmann::json(type.members.front()).dump();
    case K::List: {
      if (!type.element) return "[]";
      const std::string one = sample(*type.element, false);
      return outer ? "[" + one + ", " + one + "]" : "[" + one + "]";
    }
    case K::Record: {
      std::string out = "{";
      for (const auto& f : type.fields) {
        if (out.size() > 1) out += ", ";
        out += nlohmann::json(f.name).dump() + ": " + (f.type ? sample(*f.type, outer) : "0");
      }
      return out + "}";
    }
    case K::Unknown: break;
  }
  return "null";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const rubric::LoadedRuleset loaded = rubric::load_ruleset_source("fuzz.rubric", text);
  (void)rubric::render(loaded.diagnostics);
  if (!loaded.ok()) return 0;
  std::string facts = R"({"department": "fuzz", "year": 2023, "facts": {)";
  bool first = true;
  for (const auto& decl : loaded.ruleset->facts) {
    if (!decl.type) continue;
    facts += (first ? "" : ", ") + nlohmann::json(decl.name).dump() + ": " + sample(*decl.type);
    first = false;
  }
  facts += "}}";
  const rubric::FactsResult read = rubric::load_facts(*loaded.ruleset, facts, "fuzz.json");
  (void)rubric::render(read.diagnostics);
  if (read.facts) rubric::fuzz::evaluate_everything(*loaded.ruleset, *read.facts);
  return 0;
}
