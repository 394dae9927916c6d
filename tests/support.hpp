// Helpers shared by the tests: scoring a ruleset held in a string, and running the rubric
// program as a user would.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include <sys/wait.h>

#include "paths.hpp"
#include "rubric/rubric.hpp"

namespace rubric::testing {

inline const std::string kSourceDir = kSourceDirPath;
inline const std::string kBinary = kBinaryPath;

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Every .rubric file below [folder] of the source tree, sorted.
inline std::vector<std::string> rubric_files_below(const std::string& folder) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kSourceDir + "/" + folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".rubric") out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A ruleset loaded from [source]; the test fails with the rendered diagnostics if it has errors.
inline std::shared_ptr<const ast::Ruleset> load_ok(const std::string& source, const std::string& name = "test.rubric") {
  LoadedRuleset loaded = load_ruleset_source(name, source);
  EXPECT_TRUE(loaded.ok()) << render(loaded.diagnostics);
  return loaded.ruleset;
}

// The rendered diagnostics of loading [source] (empty when it is clean).
inline std::string diagnostics_of(const std::string& source, const std::string& name = "test.rubric") {
  return render(load_ruleset_source(name, source).diagnostics);
}

struct Scored {
  std::shared_ptr<const ast::Ruleset> ruleset;
  Evaluation evaluation;
  std::string errors;  // rendered facts and evaluation diagnostics

  // The score of the indicator or section named [name], searched depth-first.
  std::optional<Decimal> score(const std::string& name) const {
    const NodeResult* node = find(name);
    return node != nullptr ? node->score : std::nullopt;
  }
  const NodeResult* find(const std::string& name) const {
    for (const NodeResult& n : evaluation.nodes) {
      if (const NodeResult* found = find_in(n, name)) return found;
    }
    return nullptr;
  }

 private:
  static const NodeResult* find_in(const NodeResult& node, const std::string& name) {
    if (node.name == name) return &node;
    for (const NodeResult& child : node.children) {
      if (const NodeResult* found = find_in(child, name)) return found;
    }
    return nullptr;
  }
};

// Scores [facts_json] (the "facts" object only, or a whole document when it has "facts").
inline Scored score(const std::shared_ptr<const ast::Ruleset>& ruleset, const std::string& facts_json) {
  Scored out;
  out.ruleset = ruleset;
  if (!ruleset) return out;
  const std::string document =
      facts_json.find("\"facts\"") != std::string::npos ? facts_json
                                                         : R"({"department": "测试部门", "year": 2023, "facts": )" + facts_json + "}";
  FactsResult facts = load_facts(*ruleset, document, "facts.json");
  out.errors = render(facts.diagnostics, false);
  if (!facts.facts) return out;
  out.evaluation = evaluate(*ruleset, *facts.facts);
  out.errors += render(out.evaluation.diagnostics, false);
  return out;
}

inline Scored score(const std::string& source, const std::string& facts_json) {
  return score(load_ok(source), facts_json);
}

inline Decimal dec(std::string_view text) { return *Decimal::parse(text); }

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the rubric program with [args] (a shell-quoted argument string) from the source folder.
inline CliResult run_cli(const std::string& args) {
  static int counter = 0;
  const auto dir = std::filesystem::temp_directory_path();
  const std::string base = (dir / ("rubric_cli_" + std::to_string(::getpid()) + "_" + std::to_string(counter++))).string();
  const std::string command =
      "cd '" + kSourceDir + "' && '" + kBinary + "' " + args + " >'" + base + ".out' 2>'" + base + ".err'";
  const int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_text(base + ".out");
  result.err = read_text(base + ".err");
  std::filesystem::remove(base + ".out");
  std::filesystem::remove(base + ".err");
  return result;
}

}  // namespace rubric::testing
