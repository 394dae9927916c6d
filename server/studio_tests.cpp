// The studio's tests (docs/serve.md, "The studio"): a draft ruleset's tests run as `rubric test
// --coverage` runs them, and its boundary cases generated as `rubric test --boundaries` does, on a
// copy in a folder of its own. The tests are the draft's own `test` blocks and a tests text the
// page sends beside it (what 2023.test.rubric holds on disk). A test's facts are written inline,
// or name a department's newest stored facts: "departments/CODE.json" are the draft's year's,
// "departments/YEAR/CODE.json" another year's (`prior file "departments/2022/CODE.json"`). No
// other file of the server is read.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "base/messages.hpp"
#include "dsl/parser.hpp"
#include "interpreter/tools/testing.hpp"
#include "server/answers.hpp"

namespace rubric::server {

using nlohmann::ordered_json;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kDepartments = "departments/";

// The department and year a test's file names: "departments/CODE.json" is [year]'s,
// "departments/YEAR/CODE.json" YEAR's; null for any other file name.
struct Named {
  std::string code;
  int year = 0;
};
std::optional<Named> department_named(const std::string& file, int year) {
  if (file.size() <= kDepartments.size() + 5 || file.compare(0, kDepartments.size(), kDepartments) != 0) return std::nullopt;
  if (file.compare(file.size() - 5, 5, ".json") != 0) return std::nullopt;
  std::string code = file.substr(kDepartments.size(), file.size() - kDepartments.size() - 5);
  if (code.size() > 5 && code[4] == '/' && std::all_of(code.begin(), code.begin() + 4, [](char c) { return c >= '0' && c <= '9'; })) {
    year = std::stoi(code.substr(0, 4));
    code.erase(0, 5);
  }
  const bool plain = !code.empty() && code.size() <= 100 && code.front() != '.' &&
                     std::none_of(code.begin(), code.end(), [](char c) {
                       return c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
                     });
  if (!plain) return std::nullopt;
  return Named{code, year};
}

// A folder of its own, removed with everything in it when this goes out of scope.
class Scratch {
 public:
  explicit Scratch(const void* owner)
      : dir_(fs::temp_directory_path() / ("rubric-studio-" + std::to_string(::getpid()) + "-" +
                                          std::to_string(reinterpret_cast<std::uintptr_t>(owner)))) {
    fs::create_directories(dir_ / "departments");
  }
  ~Scratch() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  const fs::path& dir() const { return dir_; }
  bool write(const std::string& name, const std::string& text) const {
    std::ofstream out(dir_ / name, std::ios::binary);
    out << text;
    out.close();
    return static_cast<bool>(out);
  }
  // [text] with this folder's path taken out of it: messages name files as the tests do.
  std::string relative(std::string text) const {
    const std::string prefix = dir_.string() + "/";
    for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) text.erase(at, prefix.size());
    return text;
  }

 private:
  fs::path dir_;
};

ordered_json where_json(const Scratch& scratch, const Location& location) {
  ordered_json j;
  j["file"] = location.file ? scratch.relative(location.file->path()) : scratch.relative(location.file_name);
  if (location.file && location.span) {
    const LineColumn at = location.file->line_column(location.span->begin);
    j["line"] = at.line;
    j["column"] = at.column;
  } else {
    j["line"] = nullptr;
    j["column"] = nullptr;
  }
  return j;
}

ordered_json diagnostics_json(const Scratch& scratch, const Diagnostics& diagnostics) {
  ordered_json list = ordered_json::array();
  for (const Diagnostic& d : diagnostics.items()) {
    ordered_json j = where_json(scratch, d.location);
    j["severity"] = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note";
    j["code"] = d.code;
    j["message"] = scratch.relative(d.message);
    j["help"] = scratch.relative(d.help);
    list.push_back(std::move(j));
  }
  return list;
}

// What a run answers: the cases, the coverage, the diagnostics and the boundary cases, with the
// scratch folder's path taken out of every text.
ordered_json run_json(const Scratch& scratch, const TestRun& run, const BoundaryRun& boundaries) {
  ordered_json out;
  ordered_json cases = ordered_json::array();
  for (const CaseResult& c : run.cases) {
    ordered_json j = where_json(scratch, c.location);
    j["test"] = c.test;
    j["case"] = c.name;
    j["passed"] = c.passed;
    ordered_json failures = ordered_json::array();
    for (const std::string& f : c.failures) failures.push_back(scratch.relative(f));
    j["failures"] = std::move(failures);
    cases.push_back(std::move(j));
  }
  out["passed"] = run.cases.size() - run.failed();
  out["failed"] = run.failed();
  out["cases"] = std::move(cases);
  ordered_json uncovered = ordered_json::array();
  for (const BranchInfo& b : run.branches) {
    if (b.covered) continue;
    ordered_json j = where_json(scratch, b.location);
    j["branch"] = b.what;
    uncovered.push_back(std::move(j));
  }
  out["coverage"] = {{"branches", run.branches.size()}, {"covered", run.covered}, {"percent", run.coverage_percent()},
                     {"uncovered", std::move(uncovered)}};
  out["diagnostics"] = diagnostics_json(scratch, run.diagnostics);

  ordered_json skipped = ordered_json::array();
  for (const std::string& s : boundaries.skipped) skipped.push_back(scratch.relative(s));
  out["boundaries"] = {{"cases", boundaries.cases},
                       {"text", scratch.relative(boundaries.text)},
                       {"skipped", std::move(skipped)},
                       {"error", run.cases.empty() ? std::string(tr("the boundary cases start from the facts of the first test; write a test first"))
                                                   : scratch.relative(boundaries.error)}};
  return out;
}

}  // namespace

TestRun run_own_tests(const std::string& name, const std::string& text) {
  const Scratch scratch(&text);
  scratch.write(name, text);  // when it could not be written, the run says the file cannot be read
  return run_tests((scratch.dir() / name).string());
}

Response Service::studio_test(Context& context) {
  const nlohmann::json body = nlohmann::json::parse(context.request.body, nullptr, false);
  if (!body.is_object() || !body.contains("ruleset") || !body["ruleset"].is_string() ||
      (body.contains("tests") && !body["tests"].is_string())) {
    return error(400, "bad_request", tr("the body is a JSON object {\"ruleset\": TEXT, \"tests\": TEXT}"));
  }
  const std::string ruleset = body["ruleset"].get<std::string>();
  const std::string tests = body.value("tests", std::string());
  if (ruleset.size() > kMaxSourceBytes || tests.size() > kMaxSourceBytes) {
    return error(413, "too_large", tr_format("a ruleset or its tests may be at most {} MB", kMaxSourceBytes / (1024 * 1024)));
  }
  std::string name;
  // (Its own tests may name departments' stored facts too: they are checked below.)
  if (std::optional<Response> refused = refuse_draft(context.request, ruleset, std::string(tr("draft.rubric")), name)) return *refused;
  const ParseResult parsed = parse(std::make_shared<const SourceFile>(name, ruleset));
  const std::string tests_name = fs::path(name).stem().string() + ".test.rubric";
  const ParseResult parsed_tests = parse_tests(std::make_shared<const SourceFile>(tests_name, tests));
  if (!parsed.ruleset) return error(422, "ruleset_refused", tr("the draft has errors; its tests run once they are fixed"), &parsed.diagnostics);

  // The departments the tests name, each with the newest version it submitted for the year.
  std::map<std::string, std::string> files;  // "departments/CODE.json" → the facts
  std::optional<std::vector<Department>> departments;  // read once, when a test names one
  const auto stored = [&](const std::string& file) -> std::optional<Response> {
    if (file.empty() || files.count(file) > 0) return std::nullopt;
    if (const std::optional<Named> named = department_named(file, parsed.ruleset->year)) {
      if (!departments) departments = store_.departments();
      const auto d = std::find_if(departments->begin(), departments->end(), [&](const Department& x) { return x.code == named->code; });
      const std::vector<Submission> versions = d != departments->end() ? store_.submissions(d->id, named->year, false)
                                                                       : std::vector<Submission>{};
      const std::optional<Submission> full =
          versions.empty() ? std::nullopt : store_.submission(d->id, named->year, versions.back().version);
      if (full) {
        files[file] = full->facts;
        return std::nullopt;
      }
      return error(422, "ruleset_refused", tr_format("the test names \"{}\", but no department with the code \"{}\" has submitted facts for {}",
                                                     file, named->code, named->year));
    }
    return error(422, "ruleset_refused",
                 tr_format("a test in the studio names a department's stored facts as \"departments/CODE.json\" (or "
                           "\"departments/YEAR/CODE.json\"), or writes its facts inline; \"{}\" is neither",
                           file));
  };
  for (const ParseResult* p : {&parsed, &parsed_tests}) {
    if (!p->ruleset) continue;
    for (const ast::TestBlock& t : p->ruleset->tests) {
      if (!t.cohort_file.empty()) return refuse_file_named(t.cohort_file);
      if (std::optional<Response> r = stored(t.given_file)) return *r;
      if (std::optional<Response> r = stored(t.prior_file)) return *r;
    }
  }

  const Scratch scratch(&body);
  bool written = scratch.write(name, ruleset) && (tests.empty() || scratch.write(tests_name, tests));
  for (const auto& [file, facts] : files) {
    std::error_code ignored;
    fs::create_directories((scratch.dir() / file).parent_path(), ignored);
    written = written && scratch.write(file, facts);
  }
  if (!written) return error(500, "internal", tr("the draft could not be copied to a folder of its own to run its tests"));
  const std::string path = (scratch.dir() / name).string();
  // The boundary cases start from the first test's facts: none without a test. What a run
  // throws is an internal error, told without the folder's path.
  TestRun run;
  BoundaryRun boundaries;
  try {
    run = run_tests(path);
    if (!run.cases.empty()) boundaries = boundary_tests(path);
  } catch (const std::exception& e) {
    return error(500, "internal", std::string(tr("internal error (a bug in rubric): ")) + scratch.relative(e.what()));
  }

  return json_response(run_json(scratch, run, boundaries));
}

}  // namespace rubric::server
