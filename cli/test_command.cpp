// rubric test [PATH…]: run the tests written in the language beside each ruleset.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"

namespace rubric::cli {
namespace {

struct TestCommandOptions {
  std::vector<std::string> paths = {"rulesets"};
  bool allow_unknown_facts = false;
  std::string filter;
  std::string format = "text";
  bool coverage = false;
  bool boundaries = false;
  bool update = false;
  int threshold = 0;
};

// Rulesets named directly, and every ruleset below the folders named (not the .test.rubric files).
std::optional<std::vector<std::string>> rulesets_in(const std::vector<std::string>& paths) {
  return files_below(
      paths,
      [](const std::filesystem::path& p) {
        return p.extension() == ".rubric" && p.filename().string().find(".test.rubric") == std::string::npos;
      },
      std::string(tr("rulesets (*.rubric other than *.test.rubric)")));
}

std::string where(const Location& l) {
  if (l.file && l.span) {
    const LineColumn lc = l.file->line_column(l.span->begin);
    return fmt::format("{}:{}", l.file->path(), lc.line);
  }
  return l.file_name;
}

// --boundaries: print the generated boundary tests of each ruleset (the skipped bounds go to
// stderr as well as into the text, as comments).
int run_boundaries(const std::vector<std::string>& rulesets) {
  int status = kOk;
  for (const std::string& path : rulesets) {
    const BoundaryRun run = boundary_tests(path);
    print(run.diagnostics);
    if (!run.error.empty()) std::cerr << tr_format("{}: error: {}\n", path, run.error);
    if (run.text.empty()) {
      status = run.diagnostics.has_errors() && run.error.empty() ? kRulesetErrors : kFactsFailed;
      continue;
    }
    std::cout << run.text;
    std::cerr << tr_format("{}: {} boundary cases, {} skipped\n", path, run.cases, run.skipped.size());
  }
  return status;
}

// No case ran: a test run that tests nothing is a failure, not a pass (E1101, E1102).
Diagnostics nothing_ran(const TestCommandOptions& options, const std::vector<TestRun>& runs) {
  Diagnostics out;
  std::size_t cases = 0;
  for (const TestRun& run : runs) cases += run.cases.size();
  if (cases > 0 || runs.empty()) return out;
  if (options.filter.empty()) {
    out.error("E1101", {}, runs.size() == 1 ? std::string(tr("the ruleset has no tests")) : std::string(tr("none of the rulesets has tests"))).help =
        std::string(tr("write `test` blocks in the ruleset, or a NAME.test.rubric beside NAME.rubric (docs/language.md, "
        "\"Tests\"); `rubric test --boundaries` writes a first file of cases"));
  } else {
    std::vector<std::string> names;
    for (const TestRun& run : runs) names.insert(names.end(), run.names.begin(), run.names.end());
    std::string message = tr_format("--filter \"{}\" matches no case", options.filter);
    if (auto guess = closest_match(options.filter, names)) message += tr_format("; did you mean \"{}\"?", *guess);
    out.error("E1102", {}, std::move(message)).help =
        std::string(tr("a case is matched by its name as \"test / case\"; run without --filter to see them all"));
  }
  return out;
}

// --update: each failing expectation rewritten in its file to what the ruleset gives now, and
// every change printed. Returns the exit status: 0 when every failure was updated, 3 when some
// could not be (refused facts, unknown names, conflicts), 5 when a file could not be written.
int update_tests(const std::vector<TestRun>& runs) {
  std::vector<std::string> conflicts;
  const std::vector<UpdatedFile> files = apply_updates(runs, conflicts);
  int status = kOk;
  std::size_t changed = 0;
  for (const UpdatedFile& file : files) {
    try {
      write_file_atomically(file.path, file.text);
    } catch (const std::exception& e) {
      std::cerr << e.what() << "\n";
      status = kWriteFailed;
      continue;
    }
    for (const ExpectationUpdate* u : file.applied) {
      const LineColumn lc = u->location.file->line_column(u->location.span->begin);
      std::cout << tr_format("{}:{}: {}: {} → {}\n", unicode::visible(file.path), lc.line, u->what, u->old_text,
                               u->new_text);
      ++changed;
    }
  }
  for (const std::string& c : conflicts) std::cout << c << "\n";
  std::size_t left = conflicts.size();
  for (const TestRun& run : runs) {
    for (const CaseResult& c : run.cases) {
      if (c.not_updatable == 0) continue;
      left += c.not_updatable;
      std::cout << tr_format("  ✗ {}{} ({}): not updated\n", c.test, c.test == c.name ? "" : " / " + c.name,
                               where(c.location));
      for (const std::string& f : c.failures) std::cout << tr_format("    {}\n", f);
    }
  }
  std::cout << tr_format("{} expectation{} updated in {} file{}", changed, changed == 1 ? "" : "s", files.size(),
                           files.size() == 1 ? "" : "s");
  if (left > 0) std::cout << tr_format("; {} failure{} left as {}", left, left == 1 ? "" : "s", left == 1 ? std::string(tr("it was")) : std::string(tr("they were")));
  std::cout << "\n";
  if (status == kOk && left > 0) status = kFactsFailed;
  return status;
}

// --format json: the document of the run (docs/schema/test.schema.json).
nlohmann::ordered_json test_document(const std::vector<TestRun>& runs, const TestCommandOptions& options, std::size_t total,
                                     std::size_t failures) {
  nlohmann::ordered_json j = json::document("test");
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const TestRun& run : runs) {
    nlohmann::ordered_json r = {{"ruleset", run.ruleset}, {"passed", run.cases.size() - run.failed()}, {"failed", run.failed()}};
    nlohmann::ordered_json cases = nlohmann::ordered_json::array();
    for (const CaseResult& c : run.cases) {
      cases.push_back({{"test", c.test}, {"case", c.name}, {"passed", c.passed}, {"at", where(c.location)}, {"failures", c.failures}});
    }
    r["cases"] = std::move(cases);
    if (options.coverage) {
      nlohmann::ordered_json uncovered = nlohmann::ordered_json::array();
      for (const BranchInfo& b : run.branches) {
        if (!b.covered) uncovered.push_back({{"branch", b.what}, {"at", where(b.location)}});
      }
      r["coverage"] = {{"branches", run.branches.size()}, {"covered", run.covered}, {"percent", run.coverage_percent()},
                       {"uncovered", std::move(uncovered)}};
    }
    r["diagnostics"] = json::diagnostics(run.diagnostics);
    list.push_back(std::move(r));
  }
  j["rulesets"] = std::move(list);
  j["passed"] = total - failures;
  j["failed"] = failures;
  return j;
}

int run_test_command(const TestCommandOptions& options) {
  const std::optional<std::vector<std::string>> rulesets = rulesets_in(options.paths);
  if (!rulesets) return kUsage;
  std::vector<NamedFile> inputs;
  for (const std::string& path : *rulesets) inputs.push_back({path, std::string(tr("the ruleset"))});
  if (!outputs_distinct({{"-", std::string(tr("standard output"))}}, inputs)) return kUsage;
  if (options.boundaries) return run_boundaries(*rulesets);
  std::vector<TestRun> runs;
  for (const std::string& path : *rulesets) {
    runs.push_back(run_tests(path, {options.filter, options.allow_unknown_facts}));
  }
  const Diagnostics none = nothing_ran(options, runs);
  if (options.update) {
    for (const TestRun& run : runs) print(run.diagnostics);
    std::cout.flush();
    print(none, false);
    if (none.has_errors()) return kFactsFailed;
    for (const TestRun& run : runs) {
      if (run.diagnostics.has_errors()) return kRulesetErrors;  // nothing is rewritten from a ruleset that did not load
    }
    return update_tests(runs);
  }
  bool failed = none.has_errors();
  std::size_t total = 0;
  std::size_t failures = 0;
  for (const TestRun& run : runs) {
    total += run.cases.size();
    failures += run.failed();
    if (!run.ok()) failed = true;
    if (options.coverage && run.coverage_percent() < options.threshold) failed = true;
  }
  if (options.format == "json") {
    const nlohmann::ordered_json j = test_document(runs, options, total, failures);
    std::cout << json::dump(j, 2) << "\n";
    print(none, false);
    return failed ? kFactsFailed : kOk;
  }
  for (const TestRun& run : runs) {
    print(run.diagnostics);
    std::cout << tr_format("{}: {} passed, {} failed\n", run.ruleset, run.cases.size() - run.failed(), run.failed());
    for (const CaseResult& c : run.cases) {
      if (c.passed) continue;
      std::cout << tr_format("  ✗ {}{} ({})\n", c.test, c.test == c.name ? "" : " / " + c.name, where(c.location));
      for (const std::string& f : c.failures) std::cout << tr_format("    {}\n", f);
      if (!c.trace.empty()) std::cout << c.trace;
    }
    if (options.coverage) {
      std::cout << tr_format("  coverage: {} of {} branches ({}%)\n", run.covered, run.branches.size(),
                               run.coverage_percent());
      for (const BranchInfo& b : run.branches) {
        if (!b.covered) std::cout << tr_format("    not covered: {} ({})\n", b.what, where(b.location));
      }
      if (run.coverage_percent() < options.threshold) {
        std::cout << tr_format("  coverage {}% is below the threshold {}%\n", run.coverage_percent(), options.threshold);
      }
    }
  }
  std::cout << tr_format("{} passed, {} failed\n", total - failures, failures);
  std::cout.flush();
  print(none, false);
  return failed ? kFactsFailed : kOk;
}

}  // namespace

Command add_test(CLI::App& parent) {
  auto options = std::make_shared<TestCommandOptions>();
  CLI::App* app = parent.add_subcommand(
      "test", std::string(tr("Run the tests beside each ruleset (its test blocks and NAME.test.rubric); exit 3 if any fails.")));
  app->add_option("PATH", options->paths, std::string(tr("Rulesets, or folders of them (default: rulesets)")))->check(CLI::ExistingPath);
  app->add_option("--filter", options->filter, std::string(tr("Run only the cases whose 'test / case' name contains this text")));
  app->add_option("--format", options->format, std::string(tr("Output format")))->check(one_of({"text", "json"}))->capture_default_str();
  app->add_flag("--allow-unknown-facts", options->allow_unknown_facts,
                std::string(tr("Report keys of the facts the ruleset does not declare as warnings and ignore them, instead of "
                "refusing the facts")));
  app->add_flag("--coverage", options->coverage, std::string(tr("Report which branches (tiers, arms, deductions, bands, grades) the tests reach")));
  app->add_flag("--boundaries", options->boundaries,
                std::string(tr("Print, as a test file ready to paste, the cases just below, at and just above every tier, bracket "
                "and judged band bound, with the scores the ruleset gives")));
  CLI::Option* update = app->add_flag("--update", options->update,
                std::string(tr("Rewrite each failing expectation in its test file to what the ruleset gives now (keeping the rest "
                "of the file as it is), and print every change")));
  update->excludes("--boundaries");
  app->add_option("--threshold", options->threshold, std::string(tr("With --coverage: fail below this percentage")))->check(CLI::Range(0, 100));
  app->footer(exit_codes());
  return {app, [options] { return run_test_command(*options); }};
}

}  // namespace rubric::cli
