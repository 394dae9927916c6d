// rubric score RULESET FACTS…: score departments and print the table (or JSON).
#include <fmt/format.h>

#include <iostream>

#include "cli/command.hpp"

namespace rubric::cli {
namespace {

struct ScoreOptions {
  std::string ruleset;
  std::vector<std::string> facts;
  std::string format = "table";
  bool explain = false;
  int width = 0;
};

int run_score(const ScoreOptions& options) {
  const LoadedRuleset loaded = load_ruleset(options.ruleset);
  if (!loaded.ok()) {
    print(loaded.diagnostics);
    return kRulesetErrors;
  }
  int status = kOk;
  const bool json = options.format == "json";
  std::vector<std::string> json_outputs;
  for (const std::string& file : options.facts) {
    const FactsResult facts = read_facts(*loaded.ruleset, file);
    print(facts.diagnostics, false);
    if (!facts.facts) {
      std::cerr << fmt::format("{}: not scored: the facts have errors\n", file);
      status = kFactsFailed;
      continue;
    }
    const Evaluation result = evaluate(*loaded.ruleset, *facts.facts);
    print(result.diagnostics, false);
    if (!result.total) status = kFactsFailed;
    if (json) {
      json_outputs.push_back(render_json(*loaded.ruleset, result));
    } else {
      TableOptions table;
      table.explain = options.explain;
      table.width = options.width > 0 ? options.width : terminal_width();
      std::cout << render_table(*loaded.ruleset, result, table);
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

Command add_score(CLI::App& parent) {
  auto options = std::make_shared<ScoreOptions>();
  CLI::App* app = parent.add_subcommand("score", "Score departments' facts with a ruleset and print the table.");
  app->add_option("RULESET", options->ruleset, "The ruleset file (.rubric)")->required()->check(CLI::ExistingFile);
  app->add_option("FACTS", options->facts, "Facts files (JSON), one per department")
      ->required()
      ->check(CLI::ExistingFile);
  app->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  app->add_flag("--explain", options->explain, "Show every step of each indicator's evaluation");
  app->add_option("--width", options->width, "Table width in display cells (default: $COLUMNS or 120)")
      ->check(CLI::Range(60, 1000));
  app->footer(kExitCodes);
  return {app, [options] { return run_score(*options); }};
}

}  // namespace rubric::cli
