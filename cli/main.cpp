// The rubric program: parses the command line and calls the library. Nothing here knows how a
// ruleset is parsed, checked or evaluated.
//
// Exit codes (also in `rubric --help`):
//   0  success
//   1  the ruleset has errors (nothing was scored)
//   2  the command line is wrong
//   3  at least one facts file could not be scored (the others were)
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "rubric/rubric.hpp"

namespace {

constexpr int kOk = 0;
constexpr int kRulesetErrors = 1;
constexpr int kUsage = 2;
constexpr int kFactsFailed = 3;

constexpr const char* kExitCodes =
    "Exit codes: 0 success; 1 the ruleset has errors; 2 bad command line; "
    "3 some facts file could not be scored (the others were).";

void print(const rubric::Diagnostics& diagnostics, bool summary = true) {
  if (!diagnostics.empty()) std::cerr << rubric::render(diagnostics, summary);
}

int run_check(const std::vector<std::string>& files) {
  int status = kOk;
  for (const std::string& file : files) {
    const rubric::LoadedRuleset loaded = rubric::load_ruleset(file);
    print(loaded.diagnostics);
    if (!loaded.ok()) {
      status = kRulesetErrors;
    } else if (loaded.diagnostics.empty()) {
      std::cerr << fmt::format("{}: ok\n", file);
    }
  }
  return status;
}

struct ScoreOptions {
  std::string ruleset;
  std::vector<std::string> facts;
  std::string format = "table";
  bool explain = false;
  int width = 0;
};

int terminal_width() {
  if (const char* columns = std::getenv("COLUMNS")) {
    try {
      return std::max(60, std::stoi(columns));
    } catch (const std::exception&) {
    }
  }
  return 120;
}

int run_score(const ScoreOptions& options) {
  const rubric::LoadedRuleset loaded = rubric::load_ruleset(options.ruleset);
  if (!loaded.ok()) {
    print(loaded.diagnostics);
    return kRulesetErrors;
  }
  int status = kOk;
  const bool json = options.format == "json";
  std::vector<std::string> json_outputs;
  for (const std::string& file : options.facts) {
    const rubric::FactsResult facts = rubric::read_facts(*loaded.ruleset, file);
    print(facts.diagnostics, false);
    if (!facts.facts) {
      std::cerr << fmt::format("{}: not scored: the facts have errors\n", file);
      status = kFactsFailed;
      continue;
    }
    const rubric::Evaluation result = rubric::evaluate(*loaded.ruleset, *facts.facts);
    print(result.diagnostics, false);
    if (!result.total) status = kFactsFailed;
    if (json) {
      json_outputs.push_back(rubric::render_json(*loaded.ruleset, result));
    } else {
      rubric::TableOptions table;
      table.explain = options.explain;
      table.width = options.width > 0 ? options.width : terminal_width();
      std::cout << rubric::render_table(*loaded.ruleset, result, table);
      if (&file != &options.facts.back()) std::cout << '\n';
    }
  }
  if (json) {
    if (json_outputs.size() == 1) {
      std::cout << json_outputs.front();
    } else {
      std::cout << "[\n";
      for (std::size_t i = 0; i < json_outputs.size(); ++i) {
        std::string item = json_outputs[i];
        while (!item.empty() && item.back() == '\n') item.pop_back();
        std::cout << item << (i + 1 < json_outputs.size() ? ",\n" : "\n");
      }
      std::cout << "]\n";
    }
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Rubric: scoring criteria as versioned, testable rulesets.\n"
               "Score a department's facts with the criteria of its year, and check rulesets."};
  app.footer(kExitCodes);
  app.require_subcommand(1);
  app.set_version_flag("--version", "rubric 0.1.0");

  std::vector<std::string> check_files;
  CLI::App* check = app.add_subcommand("check", "Parse and check rulesets; report every problem found.");
  check->add_option("RULESET", check_files, "Ruleset files (.rubric)")->required()->check(CLI::ExistingFile);
  check->footer(kExitCodes);

  ScoreOptions score_options;
  CLI::App* score = app.add_subcommand("score", "Score departments' facts with a ruleset and print the table.");
  score->add_option("RULESET", score_options.ruleset, "The ruleset file (.rubric)")->required()->check(CLI::ExistingFile);
  score->add_option("FACTS", score_options.facts, "Facts files (JSON), one per department")->required()->check(CLI::ExistingFile);
  score->add_option("--format", score_options.format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  score->add_flag("--explain", score_options.explain, "Show every step of each indicator's evaluation");
  score->add_option("--width", score_options.width, "Table width in display cells (default: $COLUMNS or 120)")
      ->check(CLI::Range(60, 1000));
  score->footer(kExitCodes);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  }
  if (check->parsed()) return run_check(check_files);
  if (score->parsed()) return run_score(score_options);
  return kUsage;
}
