// Tests in the language: running the `test` blocks of a ruleset and its sibling test file, and
// measuring which branches of the rules they exercise.
//
// A ruleset's tests are the `test` blocks of its own file and of the file beside it with the
// same name and the ending .test.rubric (2023.rubric → 2023.test.rubric). Each case scores its
// facts (a facts file, a JSON object, or a file with some facts changed) and compares totals,
// grades, indicator scores and expected errors. Facts files named by a test are found relative
// to the file that names them and must lie in the ruleset's folder.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "base/diagnostic.hpp"

namespace rubric {

// A failing expectation rewritten to what the ruleset gives now (`rubric test --update`):
// "= 2" becomes "= 1.5", "= 1" becomes "error E0707", "error E0708" becomes "= 0".
struct ExpectationUpdate {
  Location location;     // the "= 2" or "error E0708" part, in the file that holds the test
  std::string what;      // "结转结余率", "total", "grade"
  std::string old_text;  // as written
  std::string new_text;
};

struct CaseResult {
  std::string test;
  std::string name;
  Location location;
  bool passed = true;
  std::vector<std::string> failures;  // "结转结余率: expected 1, got 2"
  std::string trace;                  // the derivation of each indicator that failed
  std::vector<ExpectationUpdate> updates;  // for the failures an update can fix
  std::size_t not_updatable = 0;           // failures it cannot (refused facts, an unknown name)
};

// A branch of a rule, for coverage.
struct BranchInfo {
  std::string what;  // "tier [0, 60%) of completion", "grade 优"
  Location location;
  bool covered = false;
};

struct TestRun {
  std::string ruleset;
  std::vector<CaseResult> cases;
  // The names every case answers --filter to, run or filtered out: "test / case", "test" and
  // "case" (for "did you mean …" when a filter matches none).
  std::vector<std::string> names;
  Diagnostics diagnostics;  // problems loading the ruleset or its tests
  std::vector<BranchInfo> branches;
  std::size_t covered = 0;

  std::size_t failed() const;
  bool ok() const { return !diagnostics.has_errors() && failed() == 0; }
  // Covered branches in percent, rounded down; 100 when the ruleset has no branches.
  int coverage_percent() const;
};

struct TestOptions {
  std::string filter;  // run only cases whose "test / case" name contains this text
  bool allow_unknown_facts = false;  // unknown keys in the facts are warnings (see FactsOptions)
};

TestRun run_tests(const std::string& ruleset_path, const TestOptions& options = {});

// The updates of [runs] applied to the files that hold them: each file's new text, in the order
// the files were first named. An expectation that two cases would rewrite differently (one
// written outside the cases of a block with several) is left as it is and named in [conflicts].
struct UpdatedFile {
  std::string path;
  std::string text;
  std::vector<const ExpectationUpdate*> applied;
};
std::vector<UpdatedFile> apply_updates(const std::vector<TestRun>& runs, std::vector<std::string>& conflicts);

// The facts document a test block gives (its facts file, its JSON object, or the file with the
// JSON's facts replaced), with [overrides] (a case's JSON object, "" for none) applied. Returns
// nullopt with [error] set when a file cannot be read, lies outside the ruleset's folder, or a
// JSON object is invalid.
// The facts of last year a test gives (`prior file "…"` or `prior {…}`), as a document for
// attach_prior(); nullopt with [error] set when the file cannot be read.
std::optional<std::string> test_prior(const std::string& ruleset_path, const ast::TestBlock& block, std::string& error);

std::optional<std::string> test_facts(const std::string& ruleset_path, const ast::Ruleset& ruleset,
                                      const ast::TestBlock& block, const std::string& overrides, std::string& error);

// Boundary cases (`rubric test --boundaries`): for every bound of a tier, a bracket arm and a
// judged band, the tested value just below, at and just above it, each scored, written as a
// ready-to-paste test file in the language's own test syntax.
//
// The base facts are those of the ruleset's first test block (its own file's, then its
// .test.rubric's): a probe changes one fact of them. The fact changed is the first fact the
// tested value depends on (through lets, function arguments and list elements: element 0 of a
// list); when the tested value is computed from it (rate = a / b), the value of the fact that
// puts the tested value exactly on the target is solved for (the dependence must be linear) and
// checked by evaluating. The step is the ruleset's rounding digits (facts declare no precision of
// their own): 10^-digits for numbers, 10^-digits % for percents, 1 for counts.
//
// A bound that is not a constant, a tested value that no single fact moves linearly, or one the
// base facts do not reach is listed in [skipped] with the reason.
struct BoundaryRun {
  std::string ruleset;
  std::string text;                  // the test file, or "" when the ruleset could not be loaded
  std::size_t cases = 0;
  std::vector<std::string> skipped;  // "结转结余率: brackets rate: why"
  Diagnostics diagnostics;           // the ruleset's or the base facts' problems
  std::string error;                 // no base facts to start from
};
BoundaryRun boundary_tests(const std::string& ruleset_path);

}  // namespace rubric
