// JSON output; see json.hpp.
#include "report/json.hpp"

#include <algorithm>

#include "base/hash.hpp"
#include "base/json_text.hpp"

namespace rubric {
namespace {

using nlohmann::ordered_json;

using json::exact;

ordered_json location(const ast::Ruleset& rs, Span span) {
  const LineColumn lc = rs.line_column(span.begin);
  return {{"line", lc.line}, {"column", lc.column}};
}

ordered_json node_json(const ast::Ruleset& rs, const NodeResult& node, bool with_trace) {
  ordered_json j;
  j["kind"] = node.is_section ? "section" : "indicator";
  j["name"] = node.name;
  if (node.points.range) {
    j["points"] = {{"min", exact(node.points.lo)}, {"max", exact(node.points.hi)}};
  } else {
    j["points"] = exact(node.points.hi);
  }
  j["score"] = node.score ? exact(*node.score) : ordered_json(nullptr);
  // Not applicable: an alternative not chosen (choose), or `applies when` false (no score, not summed,
  // unless scored full: "not_applicable": "full").
  if (!node.applies || node.not_applicable != NodeResult::NotApplicable::No) j["applies"] = false;
  if (node.not_applicable != NodeResult::NotApplicable::No) {
    j["not_applicable"] = node.not_applicable == NodeResult::NotApplicable::Full ? "full" : "shared";
  }
  // Scored against a share of its section's points: "points" is the share, this what it declares.
  if (node.declared_points) j["declared_points"] = exact(*node.declared_points);
  if (!node.is_section) {
    j["raw"] = node.raw ? exact(*node.raw) : ordered_json(nullptr);
    j["basis"] = node.basis;
    if (!node.vetoed.empty()) {
      j["vetoed"] = node.vetoed;
      j["unvetoed_score"] = node.unvetoed ? exact(*node.unvetoed) : ordered_json(nullptr);
    }
    if (with_trace) {
      ordered_json steps = ordered_json::array();
      for (const TraceStep& s : node.trace) {
        ordered_json step = location(rs, s.span);
        step["depth"] = s.depth;
        step["text"] = s.text;
        steps.push_back(std::move(step));
      }
      j["trace"] = std::move(steps);
    }
    const ast::Indicator& ind = *node.indicator;
    if (!ind.explain.empty()) j["explain"] = ind.explain;
    if (!ind.standard.empty()) j["standard"] = ind.standard;
    if (!ind.evidence.empty()) j["evidence"] = ind.evidence;
    if (!node.evidence.empty()) j["evidence_given"] = node.evidence;
  }
  if (node.claimed) {
    j["claimed"] = exact(*node.claimed);
    j["claim_differs"] = node.claim_differs();
  }
  if (!node.error.empty()) j["error"] = node.error;
  if (node.section != nullptr && node.section->extra) {
    j["extra"] = true;  // outside the total (加减分项): the sum of its parts held within its points
    if (node.score) j["basis"] = node.basis;
    j["uncapped_score"] = node.uncapped ? exact(*node.uncapped) : ordered_json(nullptr);
  }
  if (node.is_section) {
    ordered_json children = ordered_json::array();
    for (const NodeResult& child : node.children) children.push_back(node_json(rs, child, with_trace));
    j["children"] = std::move(children);
  }
  return j;
}

}  // namespace

namespace {

ordered_json department_json(const ScoredDepartment& d, const std::vector<const ast::Ruleset*>& rulesets,
                             bool with_trace) {
  ordered_json j;
  j["file"] = d.file;
  const Evaluation* evaluation = d.evaluation ? &*d.evaluation : nullptr;
  j["scored"] = evaluation != nullptr && evaluation->total.has_value();
  j["department"] = evaluation != nullptr ? ordered_json(evaluation->department) : ordered_json(nullptr);
  j["year"] = evaluation != nullptr && evaluation->year ? ordered_json(*evaluation->year) : ordered_json(nullptr);
  const auto index = std::find(rulesets.begin(), rulesets.end(), d.ruleset);
  j["ruleset"] = d.ruleset != nullptr ? ordered_json(index - rulesets.begin()) : ordered_json(nullptr);
  j["total"] = evaluation != nullptr && evaluation->total ? exact(*evaluation->total) : ordered_json(nullptr);
  j["grade"] = evaluation != nullptr && evaluation->total ? ordered_json(evaluation->grade) : ordered_json(nullptr);
  if (evaluation != nullptr) {
    if (evaluation->base_total) j["base_total"] = exact(*evaluation->base_total);
    if (!evaluation->vetoes.empty()) {
      ordered_json vetoes = ordered_json::array();
      for (const ast::Veto* v : evaluation->vetoes) vetoes.push_back(v->text);
      j["vetoes"] = std::move(vetoes);
    }
    if (!evaluation->grade_notes.empty()) j["grade_notes"] = evaluation->grade_notes;
    if (evaluation->claimed_total) j["claimed_total"] = exact(*evaluation->claimed_total);
    if (evaluation->has_claims()) j["claim_differences"] = json::claim_differences(*evaluation);
  }
  ordered_json nodes = ordered_json::array();
  if (evaluation != nullptr) {
    for (const NodeResult& node : evaluation->nodes) nodes.push_back(node_json(*d.ruleset, node, with_trace));
  }
  j["sections"] = std::move(nodes);
  j["diagnostics"] = json::diagnostics(d.diagnostics);
  return j;
}

}  // namespace

std::string render_score_json(const std::vector<ScoredDepartment>& departments, bool with_trace) {
  std::vector<const ast::Ruleset*> rulesets;  // in the order first used
  for (const ScoredDepartment& d : departments) {
    if (d.ruleset != nullptr && std::find(rulesets.begin(), rulesets.end(), d.ruleset) == rulesets.end()) {
      rulesets.push_back(d.ruleset);
    }
  }
  ordered_json j = json::document("score");
  ordered_json listed = ordered_json::array();
  for (const ast::Ruleset* r : rulesets) listed.push_back(json::ruleset(*r));
  j["rulesets"] = std::move(listed);
  ordered_json results = ordered_json::array();
  for (const ScoredDepartment& d : departments) results.push_back(department_json(d, rulesets, with_trace));
  j["results"] = std::move(results);
  return json::dump(j, 2) + "\n";
}

std::string render_check_json(const std::vector<CheckedFile>& files) {
  ordered_json j = json::document("check");
  ordered_json list = ordered_json::array();
  for (const CheckedFile& f : files) {
    ordered_json file;
    file["file"] = f.file;
    file["ok"] = f.ok;
    file["errors"] = f.diagnostics.error_count();
    file["warnings"] = f.diagnostics.warning_count();
    file["ruleset"] = f.ruleset != nullptr ? json::ruleset(*f.ruleset) : ordered_json(nullptr);
    file["diagnostics"] = json::diagnostics(f.diagnostics);
    list.push_back(std::move(file));
  }
  j["files"] = std::move(list);
  return json::dump(j, 2) + "\n";
}

namespace json {

ordered_json document(const std::string& name) {
  ordered_json j;
  j["schema"] = "rubric/" + name;
  j["schema_version"] = kJsonSchemaVersion;
  return j;
}

ordered_json ruleset(const ast::Ruleset& ruleset) {
  ordered_json j;
  j["name"] = ruleset.name;
  j["file"] = ruleset.source->path();
  j["scheme"] = ruleset.scheme;
  j["year"] = ruleset.year;
  j["total"] = ruleset.total ? exact(*ruleset.total) : ordered_json(nullptr);
  std::vector<std::string_view> texts;
  for (const SourcePtr& source : ruleset.sources) texts.push_back(source->text());
  if (texts.empty()) texts.push_back(ruleset.source->text());
  j["sha256"] = sha256_hex(texts);
  return j;
}

namespace {

// Where a diagnostic or a note is: a file with line and column, or a facts file's JSON path.
void put_location(ordered_json& j, const Location& location) {
  if (location.file && location.span) {
    const LineColumn lc = location.file->line_column(location.span->begin);
    j["file"] = location.file->path();
    j["line"] = lc.line;
    j["column"] = lc.column;
  } else {
    j["file"] = location.file ? location.file->path() : location.file_name;
    if (!location.json_path.empty()) j["path"] = location.json_path;
  }
}

const char* severity_name(Severity severity) {
  return severity == Severity::Error ? "error" : severity == Severity::Warning ? "warning" : "note";
}

}  // namespace

ordered_json claim_differences(const Evaluation& evaluation) {
  ordered_json differences = ordered_json::array();
  for (const ClaimDifference& c : rubric::claim_differences(evaluation)) {
    differences.push_back({{"name", c.name},
                           {"is_total", c.is_total},
                           {"claimed", exact(c.claimed)},
                           {"computed", c.computed ? exact(*c.computed) : ordered_json(nullptr)}});
  }
  return differences;
}

ordered_json diagnostics(const Diagnostics& diagnostics) {
  ordered_json list = ordered_json::array();
  for (const Diagnostic& d : diagnostics.items()) {
    ordered_json j;
    j["severity"] = severity_name(d.severity);
    j["code"] = d.code;
    j["message"] = d.message;
    put_location(j, d.location);
    if (!d.help.empty()) j["help"] = d.help;
    if (!d.notes.empty()) {
      ordered_json notes = ordered_json::array();
      for (const Note& n : d.notes) {
        ordered_json note{{"message", n.message}};
        if (n.location) put_location(note, *n.location);
        notes.push_back(std::move(note));
      }
      j["notes"] = std::move(notes);
    }
    list.push_back(std::move(j));
  }
  return list;
}

}  // namespace json
}  // namespace rubric
