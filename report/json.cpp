// JSON output; see json.hpp.
#include "report/json.hpp"

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

ordered_json diagnostics_json(const Diagnostics& diagnostics) {
  ordered_json list = ordered_json::array();
  for (const Diagnostic& d : diagnostics.items()) {
    ordered_json j;
    j["severity"] = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note";
    j["code"] = d.code;
    j["message"] = d.message;
    if (d.location.file && d.location.span) {
      const LineColumn lc = d.location.file->line_column(d.location.span->begin);
      j["file"] = d.location.file->path();
      j["line"] = lc.line;
      j["column"] = lc.column;
    } else {
      j["file"] = d.location.file_name;
      if (!d.location.json_path.empty()) j["path"] = d.location.json_path;
    }
    if (!d.help.empty()) j["help"] = d.help;
    list.push_back(std::move(j));
  }
  return list;
}

}  // namespace

std::string render_json(const ast::Ruleset& ruleset, const Evaluation& evaluation, bool with_trace) {
  ordered_json j;
  j["department"] = evaluation.department;
  j["year"] = evaluation.year ? ordered_json(*evaluation.year) : ordered_json(nullptr);
  j["total"] = evaluation.total ? exact(*evaluation.total) : ordered_json(nullptr);
  if (evaluation.base_total) j["base_total"] = exact(*evaluation.base_total);
  j["grade"] = evaluation.total ? ordered_json(evaluation.grade) : ordered_json(nullptr);
  if (!evaluation.vetoes.empty()) {
    ordered_json vetoes = ordered_json::array();
    for (const ast::Veto* v : evaluation.vetoes) vetoes.push_back(v->text);
    j["vetoes"] = std::move(vetoes);
  }
  if (!evaluation.grade_notes.empty()) j["grade_notes"] = evaluation.grade_notes;
  if (evaluation.claimed_total) j["claimed_total"] = exact(*evaluation.claimed_total);
  if (evaluation.has_claims()) {
    ordered_json differences = ordered_json::array();
    for (const ClaimDifference& d : claim_differences(evaluation)) {
      differences.push_back({{"name", d.name},
                             {"claimed", exact(d.claimed)},
                             {"computed", d.computed ? exact(*d.computed) : ordered_json(nullptr)}});
    }
    j["claim_differences"] = std::move(differences);
  }
  j["ruleset"] = {{"name", ruleset.name}, {"scheme", ruleset.scheme}, {"year", ruleset.year},
                  {"file", ruleset.source->path()}};
  if (ruleset.total) j["ruleset"]["total"] = exact(*ruleset.total);
  j["facts_file"] = evaluation.file;
  ordered_json nodes = ordered_json::array();
  for (const NodeResult& node : evaluation.nodes) nodes.push_back(node_json(ruleset, node, with_trace));
  j["sections"] = std::move(nodes);
  j["diagnostics"] = diagnostics_json(evaluation.diagnostics);
  return json::dump(j, 2) + "\n";
}

}  // namespace rubric
