// The JSON contract for programs (docs/schema/, docs/json.md): every command's --format json
// writes one top-level object that names its schema and the schema's version, so that a program
// can tell what it reads. Decimal values are JSON numbers with their exact digits (never through
// binary floating point); diagnostics are objects, in the language messages are shown in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json_text.hpp"
#include "dsl/ast.hpp"
#include "interpreter/eval/evaluator.hpp"

namespace rubric {

// The version of every JSON document Rubric writes (docs/json.md, "Compatibility"): a minor
// version adds, a major one changes or removes.
inline constexpr const char* kJsonSchemaVersion = "1.0";

// One department of `rubric score --format json`: its file, the ruleset it was scored with,
// and everything reported about it, so that a department whose facts were refused is in the
// results too.
struct ScoredDepartment {
  std::string file;                       // the facts file ("<stdin>" for standard input)
  const ast::Ruleset* ruleset = nullptr;  // null when no ruleset could be used for it
  std::optional<Evaluation> evaluation;   // nullopt when it was not evaluated (its facts refused)
  Diagnostics diagnostics;                // every problem reported for it, in the order reported
};

// The document of `rubric score --format json` (docs/schema/score.schema.json).
std::string render_score_json(const std::vector<ScoredDepartment>& departments, bool with_trace = true);

// One file of `rubric check --format json`.
struct CheckedFile {
  std::string file;
  const ast::Ruleset* ruleset = nullptr;  // null when it did not load (it has errors)
  Diagnostics diagnostics;
  bool ok = false;  // no error (and, with --werror, no warning)
};

// The document of `rubric check --format json` (docs/schema/check.schema.json).
std::string render_check_json(const std::vector<CheckedFile>& files);

namespace json {

// The first members of every document: {"schema": "rubric/NAME", "schema_version": "1.0"}.
nlohmann::ordered_json document(const std::string& name);

// A ruleset as the documents name it: name, file, scheme, year, total and its content hash.
nlohmann::ordered_json ruleset(const ast::Ruleset& ruleset);

// The claimed scores (自评分) that differ from the computed ones: name, is_total (whether it is the
// claimed total), claimed, computed.
nlohmann::ordered_json claim_differences(const Evaluation& evaluation);

// Diagnostics as a list of objects: severity, code, message, help, file, line and column (or
// the JSON path of a facts file), and notes.
nlohmann::ordered_json diagnostics(const Diagnostics& diagnostics);

}  // namespace json
}  // namespace rubric
