// rubric whatif --format json; see whatif_report.hpp.
#include "report/whatif_report.hpp"

#include <nlohmann/json.hpp>

#include "base/json_text.hpp"
#include "interpreter/eval/value.hpp"
#include "report/json.hpp"

namespace rubric {
namespace {

using nlohmann::ordered_json;

// [v] as a facts file writes it (docs/json.md): a bool or a name as itself, a number exact, a
// percent as "96.5%", a date as "2024-02-09" — so that a program can put it back into the facts.
ordered_json facts_value(const Value& v, const whatif::Place& p) {
  if (v.is_bool()) return v.boolean();
  if (v.is_text()) return v.text();
  if (!v.is_number()) return nullptr;
  switch (p.type->kind) {
    case ast::TypeKind::Percent: return format_number(v.number(), ast::TypeKind::Percent, 24);
    case ast::TypeKind::Date: return format_number(v.number(), ast::TypeKind::Date);
    default: return json::exact(v.number());
  }
}

ordered_json change(const whatif::Change& c) {
  return {{"fact", c.place.path},
          {"label", c.place.label},
          {"from", facts_value(c.from, c.place)},
          {"to", facts_value(c.to, c.place)}};
}

ordered_json answer_json(const whatif::Answer& a) {
  ordered_json j;
  j["total"] = json::exact(a.total);
  j["grade"] = a.grade;
  j["target"] = {{"grade", a.target.grade.empty() ? ordered_json(nullptr) : ordered_json(a.target.grade)},
                 {"total", a.target.total ? json::exact(*a.target.total) : ordered_json(nullptr)}};
  j["top_grade"] = a.top_grade;
  j["reached"] = a.reached;
  ordered_json singles = ordered_json::array();
  for (const whatif::Single& s : a.singles) {
    ordered_json one = change(s.change);
    one["total"] = json::exact(s.total);
    one["grade"] = s.grade;
    one["verified"] = s.verified;
    singles.push_back(std::move(one));
  }
  j["singles"] = std::move(singles);
  ordered_json combinations = ordered_json::array();
  for (const whatif::Combination& c : a.combinations) {
    ordered_json changes = ordered_json::array();
    for (const whatif::Change& ch : c.changes) changes.push_back(change(ch));
    combinations.push_back({{"changes", std::move(changes)},
                            {"total", json::exact(c.total)},
                            {"grade", c.grade},
                            {"cost", json::exact(c.cost.round(4, RoundingMode::HalfUp))}});
  }
  j["combinations"] = std::move(combinations);
  j["fixed"] = a.fixed;
  j["places"] = a.places;
  j["evaluations"] = a.evaluations;
  j["not_tried"] = a.not_tried;
  j["skipped"] = a.skipped;
  return j;
}

}  // namespace

std::string render_whatif_json(const ast::Ruleset* ruleset, const std::string& file, const std::string& department,
                               const whatif::Answer* answer, const Diagnostics& diagnostics) {
  ordered_json j = json::document("whatif");
  j["ruleset"] = ruleset != nullptr ? json::ruleset(*ruleset) : ordered_json(nullptr);
  j["file"] = file;
  j["department"] = department.empty() ? ordered_json(nullptr) : ordered_json(department);
  j["diagnostics"] = json::diagnostics(diagnostics);
  j["answer"] = answer != nullptr ? answer_json(*answer) : ordered_json(nullptr);
  return json::dump(j, 2) + "\n";
}

}  // namespace rubric
