// The rule author's studio in the service (docs/serve.md, "The studio"): a draft ruleset checked
// as the author types, with each diagnostic's place and fix counted as the browser counts (UTF-16
// code units, as the Language Server Protocol), and its impact on the year: every department's
// stored total and grade against what the draft gives them, the ranks and the grades before and
// after, and the structural diff against the ruleset the year is served with.
#include <algorithm>
#include <map>

#include "base/messages.hpp"
#include "dsl/parser.hpp"
#include "report/diff_report.hpp"
#include "report/json.hpp"
#include "server/answers.hpp"
#include "studio/document.hpp"

namespace rubric::server {

using nlohmann::ordered_json;

namespace {

ordered_json position_json(studio::Position p) { return {{"line", p.line}, {"character", p.character}}; }
ordered_json range_json(studio::Range r) { return {{"start", position_json(r.start)}, {"end", position_json(r.end)}}; }

// A draft's file name, from ?name= ("草稿.rubric" when none): a plain file name.
std::optional<std::string> draft_name(const Request& request) {
  const auto named = request.query.find("name");
  std::string name = named != request.query.end() ? named->second : std::string(tr("draft.rubric"));
  if (name.empty() || name.find('/') != std::string::npos || name.find('\\') != std::string::npos || name[0] == '.') {
    return std::nullopt;
  }
  return name;
}

// 1-based ranks by total, highest first; equal totals share a rank (1, 2, 2, 4).
std::map<std::int64_t, int> ranks(std::vector<std::pair<std::int64_t, Decimal>> totals) {
  std::sort(totals.begin(), totals.end(), [](const auto& a, const auto& b) { return b.second < a.second; });
  std::map<std::int64_t, int> out;
  for (std::size_t i = 0; i < totals.size(); ++i) {
    const bool tied = i > 0 && totals[i].second == totals[i - 1].second;
    out[totals[i].first] = tied ? out[totals[i - 1].first] : static_cast<int>(i) + 1;
  }
  return out;
}

}  // namespace

std::string file_named(const ast::Ruleset& ruleset) {
  if (!ruleset.extends.empty()) return ruleset.extends;
  for (const ast::TestBlock& t : ruleset.tests) {
    for (const std::string* file : {&t.given_file, &t.prior_file, &t.cohort_file}) {
      if (!file->empty()) return *file;
    }
  }
  return "";
}

Response refuse_file_named(const std::string& file) {
  return error(422, "ruleset_refused",
               tr_format("an uploaded ruleset stands alone: it may not name the file \"{}\" (extends, or a test's "
                         "given/prior/cohort file); write the facts of its tests inline",
                         file));
}

Response Service::studio_check(Context& context) {
  const std::optional<std::string> name = draft_name(context.request);
  if (!name) return error(400, "bad_request", tr("the name of a ruleset file is a plain file name, such as 2024.rubric"));
  const ParseResult parsed = parse(std::make_shared<const SourceFile>(*name, context.request.body));
  if (parsed.ruleset && !file_named(*parsed.ruleset).empty()) return refuse_file_named(file_named(*parsed.ruleset));
  const studio::Document document(*name, context.request.body);
  ordered_json list = ordered_json::array();
  for (const Diagnostic& d : document.diagnostics().items()) {
    ordered_json j;
    j["severity"] = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note";
    j["code"] = d.code;
    j["message"] = d.message;
    j["help"] = d.help;
    j["range"] = document.here(d.location) ? range_json(document.range(*d.location.span)) : ordered_json(nullptr);
    if (const std::optional<studio::Fix> fix = studio::fix(document, d)) {
      j["fix"] = {{"title", fix->title}, {"range", range_json(document.range(fix->span))}, {"text", fix->replacement}};
    }
    list.push_back(std::move(j));
  }
  ordered_json out;
  out["errors"] = document.diagnostics().error_count();
  out["warnings"] = document.diagnostics().warning_count();
  out["diagnostics"] = std::move(list);
  return json_response(out);
}

Response Service::studio_impact(Context& context) {
  const std::optional<std::string> name = draft_name(context.request);
  if (!name) return error(400, "bad_request", tr("the name of a ruleset file is a plain file name, such as 2024.rubric"));
  const ParseResult parsed = parse(std::make_shared<const SourceFile>(*name, context.request.body));
  if (parsed.ruleset && !file_named(*parsed.ruleset).empty()) return refuse_file_named(file_named(*parsed.ruleset));
  LoadedRuleset loaded = load_ruleset_source(*name, context.request.body);
  if (!loaded.ok()) return error(422, "ruleset_refused", tr("the draft has errors; its impact is shown once they are fixed"), &loaded.diagnostics);
  const ServedYear draft{loaded.ruleset->year, loaded.ruleset->scheme, loaded.ruleset,
                         json::ruleset(*loaded.ruleset)["sha256"].get<std::string>()};
  const std::optional<ServedYear> served = catalog_.find(draft.year);

  DiffReport diff;
  diff.old_path = served ? served->ruleset->name : "";
  diff.new_path = *name;
  diff.old_ruleset = served ? served->ruleset.get() : nullptr;
  diff.new_ruleset = loaded.ruleset.get();
  if (served) diff.changes = diff_rulesets(*served->ruleset, *loaded.ruleset);

  // Each department's newest version, as stored (the total and grade it handed in), and as the
  // draft scores the same facts.
  std::vector<std::pair<std::int64_t, Decimal>> before_totals, after_totals;
  std::map<std::string, int> before_grades, after_grades;
  ordered_json departments = ordered_json::array();
  std::vector<ImpactRow> rows;
  for (const Submission& s : store_.latest_submissions(draft.year)) {
    const std::optional<Department> department = store_.department(s.department_id);
    const std::optional<Submission> full = store_.submission(s.department_id, s.year, s.version);
    if (!department || !full) continue;
    ImpactRow row;
    row.department = department->name;
    row.file = department->code + " v" + std::to_string(s.version);
    row.old_total = Decimal::parse(s.total);
    row.old_grade = s.grade;
    if (row.old_total) before_totals.emplace_back(s.department_id, *row.old_total);
    ++before_grades[s.grade];
    const Scoring scored = score_facts(draft, full->facts);
    if (scored.evaluation && scored.evaluation->total && !scored.diagnostics.has_errors()) {
      row.new_total = scored.evaluation->total;
      row.new_grade = scored.evaluation->grade;
      after_totals.emplace_back(s.department_id, *row.new_total);
      ++after_grades[row.new_grade];
    } else {
      const std::vector<Diagnostic>& items = scored.diagnostics.items();
      const auto first = std::find_if(items.begin(), items.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
      row.error = first != items.end() ? first->message : std::string(tr("not scored"));
    }
    ordered_json j;
    j["department"] = {{"id", department->id}, {"code", department->code}, {"name", department->name}};
    j["version"] = s.version;
    j["before"] = {{"total", ordered_json::parse(s.total)}, {"grade", s.grade}};
    j["after"] = row.new_total ? ordered_json{{"total", ordered_json::parse(row.new_total->to_string())}, {"grade", row.new_grade}}
                               : ordered_json(nullptr);
    // The change, exact (after − before), for the page to show as it is.
    j["change"] = row.change() ? ordered_json::parse(row.change()->to_string()) : ordered_json(nullptr);
    j["error"] = row.error.empty() ? ordered_json(nullptr) : ordered_json(row.error);
    departments.push_back(std::move(j));
    rows.push_back(std::move(row));
  }
  const std::map<std::int64_t, int> rank_before = ranks(before_totals);
  const std::map<std::int64_t, int> rank_after = ranks(after_totals);
  for (ordered_json& j : departments) {
    const std::int64_t id = j["department"]["id"].get<std::int64_t>();
    if (rank_before.count(id)) j["before"]["rank"] = rank_before.at(id);
    if (rank_after.count(id) && !j["after"].is_null()) j["after"]["rank"] = rank_after.at(id);
  }
  sort_impact(rows);
  diff.impact = std::move(rows);

  ordered_json out;
  out["year"] = draft.year;
  out["ruleset"] = json::ruleset(*loaded.ruleset);
  out["ruleset"].erase("file");
  out["served"] = served ? ordered_json(served->sha256) : ordered_json(nullptr);
  out["warnings"] = json::diagnostics(loaded.diagnostics);
  out["departments"] = std::move(departments);
  out["grades"] = {{"before", before_grades}, {"after", after_grades}};
  // The diff as `rubric diff --format json` writes it, spliced in as it is: its numbers are exact.
  Response r;
  r.body = splice(out, {{"diff", render_diff_json(diff)}});
  return r;
}

}  // namespace rubric::server
