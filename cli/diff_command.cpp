// rubric diff OLD NEW [--facts PATH…]: what changed between two rulesets, and whom it affects.
#include <filesystem>
#include <iostream>

#include "cli/command.hpp"

namespace rubric::cli {
namespace {

struct DiffOptions {
  std::string old_path;
  std::string new_path;
  std::vector<std::string> facts;
  std::string format = "table";
  bool allow_unknown_facts = false;
};

// Facts files named directly, and every *.json below the folders named.
std::vector<std::string> expand(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    if (!fs::is_directory(path)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& entry : fs::recursive_directory_iterator(path)) {
      if (entry.is_regular_file() && entry.path().extension() == ".json") found.push_back(entry.path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

int run_diff(const DiffOptions& options) {
  const LoadedRuleset old_ruleset = load_ruleset(options.old_path);
  const LoadedRuleset new_ruleset = load_ruleset(options.new_path);
  print(old_ruleset.diagnostics);
  print(new_ruleset.diagnostics);
  if (!old_ruleset.ok() || !new_ruleset.ok()) return kRulesetErrors;
  const std::vector<std::string> facts_files = expand(options.facts);
  std::vector<NamedFile> inputs = ruleset_inputs(*old_ruleset.ruleset);
  for (NamedFile& f : ruleset_inputs(*new_ruleset.ruleset)) inputs.push_back(std::move(f));
  for (const std::string& file : facts_files) inputs.push_back({file, "the facts file"});
  if (!outputs_distinct({{"-", "standard output"}}, inputs)) return kUsage;
  DiffReport report;
  report.old_path = options.old_path;
  report.new_path = options.new_path;
  report.old_ruleset = old_ruleset.ruleset.get();
  report.new_ruleset = new_ruleset.ruleset.get();
  report.changes = diff_rulesets(*old_ruleset.ruleset, *new_ruleset.ruleset);
  if (!options.facts.empty()) {
    report.impact = compute_impact(*old_ruleset.ruleset, *new_ruleset.ruleset, facts_files,
                                   FactsOptions{options.allow_unknown_facts});
  }
  if (options.format == "json") {
    std::cout << render_diff_json(report);
  } else if (options.format == "md") {
    std::cout << render_diff_markdown(report);
  } else {
    std::cout << render_diff_text(report);
  }
  return kOk;
}

}  // namespace

Command add_diff(CLI::App& parent) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App* app = parent.add_subcommand(
      "diff", "What changed between two rulesets; with --facts, each department's total and grade under both.");
  app->add_option("OLD", options->old_path, "The earlier ruleset")->required()->check(input_file());
  app->add_option("NEW", options->new_path, "The later ruleset")->required()->check(input_file());
  app->add_option("--facts", options->facts, "Facts files, or folders of them, to measure the impact on")
      ->check(CLI::ExistingPath);
  app->add_flag("--allow-unknown-facts", options->allow_unknown_facts,
                "Ignore keys of the facts a ruleset does not declare (a fact the new rules dropped), instead of "
                "leaving that department unscored under it");
  app->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "md", "json"}))
      ->capture_default_str();
  app->footer(kExitCodes);
  return {app, [options] { return run_diff(*options); }};
}

}  // namespace rubric::cli
