// The rule author's studio in the service (docs/serve.md, "The studio"): a draft ruleset checked
// as the author types, with each diagnostic's place and fix counted as the browser counts (UTF-16
// code units, as the Language Server Protocol), and its impact on the year: every department's
// stored total and grade against what the draft gives them, the ranks and the grades before and
// after, and the structural diff against the ruleset the year is served with.
#include <algorithm>
#include <map>

#include "base/json_text.hpp"
#include "base/messages.hpp"
#include "dsl/parser.hpp"
#include "report/diff_report.hpp"
#include "report/json.hpp"
#include "server/answers.hpp"
#include "studio/document.hpp"

namespace rubric::server {

using nlohmann::ordered_json;

ordered_json range_json(const studio::Range& r) {
  const auto position = [](studio::Position p) { return ordered_json{{"line", p.line}, {"character", p.character}}; };
  return {{"start", position(r.start)}, {"end", position(r.end)}};
}

namespace {

// A department's newest version as stored (the total and grade it handed in), and as [draft]
// scores its [facts]; why not, when it does not.
ImpactRow rescored(const ServedYear& draft, const Department& department, const Submission& stored, const std::string& facts) {
  ImpactRow row;
  row.department = department.name;
  row.file = department.code + " v" + std::to_string(stored.version);
  row.old_total = *Decimal::parse(stored.total);
  row.old_grade = stored.grade;
  const Scoring scored = score_facts(draft, facts);
  if (scored.evaluation && scored.evaluation->total && !scored.diagnostics.has_errors()) {
    row.new_total = scored.evaluation->total;
    row.new_grade = scored.evaluation->grade;
  } else {
    const std::vector<Diagnostic>& items = scored.diagnostics.items();
    const auto first = std::find_if(items.begin(), items.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
    row.error = first != items.end() ? first->message : std::string(tr("not scored"));
  }
  return row;
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

std::optional<Response> refuse_draft(const Request& request, const std::string& text, const std::string& fallback,
                                     std::string& name, bool with_tests) {
  const std::optional<std::string> uploaded = uploaded_name(request, fallback);
  if (!uploaded) return error(400, "bad_request", tr("the name of a ruleset file is a plain file name, such as 2024.rubric"));
  name = *uploaded;
  // A name that ends in .test.rubric would be read as a file of tests, not as a ruleset.
  if (name.ends_with(".test.rubric")) {
    return error(400, "bad_request", tr("a ruleset's file name does not end in .test.rubric (that names a file of tests)"));
  }
  const ParseResult parsed = parse(std::make_shared<const SourceFile>(name, text));
  if (!parsed.ruleset) return std::nullopt;
  if (!parsed.ruleset->extends.empty()) return refuse_file_named(parsed.ruleset->extends);
  if (with_tests && !file_named(*parsed.ruleset).empty()) return refuse_file_named(file_named(*parsed.ruleset));
  return std::nullopt;
}

Response Service::studio_check(Context& context) {
  std::string name;
  if (std::optional<Response> refused = refuse_draft(context.request, context.request.body, std::string(tr("draft.rubric")), name)) return *refused;
  const studio::Document document(name, context.request.body);
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
  std::string name;
  if (std::optional<Response> refused = refuse_draft(context.request, context.request.body, std::string(tr("draft.rubric")), name)) return *refused;
  LoadedRuleset loaded = load_ruleset_source(name, context.request.body);
  if (!loaded.ok()) return error(422, "ruleset_refused", tr("the draft has errors; its impact is shown once they are fixed"), &loaded.diagnostics);
  const ServedYear draft{loaded.ruleset->year, loaded.ruleset->scheme, loaded.ruleset,
                         json::ruleset(*loaded.ruleset)["sha256"].get<std::string>()};
  const std::optional<ServedYear> served = catalog_.find(draft.year);

  DiffReport diff;
  diff.old_path = served ? served->ruleset->name : "";
  diff.new_path = name;
  diff.old_ruleset = served ? served->ruleset.get() : nullptr;
  diff.new_ruleset = loaded.ruleset.get();
  if (served) diff.changes = diff_rulesets(*served->ruleset, *loaded.ruleset);

  // Each department's newest version, as stored (the total and grade it handed in), and as the
  // draft scores the same facts.
  std::map<std::string, int> before_grades, after_grades;
  std::vector<Decimal> before_totals, after_totals;
  struct Scored {
    Department department;
    int version = 0;
    ImpactRow row;
  };
  std::vector<Scored> scored_rows;
  for (const Submission& s : store_.latest_submissions(draft.year)) {
    const std::optional<Department> department = store_.department(s.department_id);
    const std::optional<Submission> full = store_.submission(s.department_id, s.year, s.version);
    if (!department || !full) continue;
    ImpactRow row = rescored(draft, *department, s, full->facts);
    before_totals.push_back(*row.old_total);
    ++before_grades[row.old_grade];
    if (row.new_total) {
      after_totals.push_back(*row.new_total);
      ++after_grades[row.new_grade];
    }
    scored_rows.push_back({*department, s.version, std::move(row)});
  }
  ordered_json departments = ordered_json::array();
  std::vector<ImpactRow> rows;
  for (Scored& scored : scored_rows) {
    const ImpactRow& row = scored.row;
    const Department& department = scored.department;
    ordered_json j;
    j["department"] = {{"id", department.id}, {"code", department.code}, {"name", department.name}};
    j["version"] = scored.version;
    j["before"] = {{"total", json::exact(*row.old_total)}, {"grade", row.old_grade},
                   {"rank", rank_among(before_totals, *row.old_total)}};
    j["after"] = row.new_total ? ordered_json{{"total", json::exact(*row.new_total)}, {"grade", row.new_grade},
                                              {"rank", rank_among(after_totals, *row.new_total)}}
                               : ordered_json(nullptr);
    // The change, exact (after − before), for the page to show as it is.
    j["change"] = row.change() ? json::exact(*row.change()) : ordered_json(nullptr);
    j["error"] = row.error.empty() ? ordered_json(nullptr) : ordered_json(row.error);
    departments.push_back(std::move(j));
    rows.push_back(std::move(scored.row));
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
