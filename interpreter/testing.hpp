// Tests in the language: running the `test` blocks of a ruleset and its sibling test file, and
// measuring which branches of the rules they exercise.
//
// A ruleset's tests are the `test` blocks of its own file and of the file beside it with the
// same name and the ending .test.rubric (2023.rubric → 2023.test.rubric). Each case scores its
// facts (a facts file, a JSON object, or a file with some facts changed) and compares totals,
// grades, indicator scores and expected errors. Facts files named by a test are found relative
// to the file that names them and must lie in the ruleset's folder.
#pragma once

#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"

namespace rubric {

struct CaseResult {
  std::string test;
  std::string name;
  Location location;
  bool passed = true;
  std::vector<std::string> failures;  // "结转结余率: expected 1, got 2"
  std::string trace;                  // the derivation of each indicator that failed
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
};

TestRun run_tests(const std::string& ruleset_path, const TestOptions& options = {});

}  // namespace rubric
