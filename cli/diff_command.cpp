// rubric diff OLD NEW [--facts PATH…]: what changed between two rulesets, and whom it affects.
#include <fmt/format.h>

#include <algorithm>
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
  BatchColumns columns;  // --id-column, --name-column: of the CSV inputs
};

int run_diff(const DiffOptions& options) {
  const LoadedRuleset old_ruleset = load_ruleset(options.old_path);
  const LoadedRuleset new_ruleset = load_ruleset(options.new_path);
  print(old_ruleset.diagnostics);
  print(new_ruleset.diagnostics);
  if (!old_ruleset.ok() || !new_ruleset.ok()) return kRulesetErrors;
  const std::optional<std::vector<std::string>> named = files_below(
      options.facts, [](const std::filesystem::path& p) { return p.extension() == ".json"; }, std::string(tr("facts files (*.json)")));
  if (!named) return kUsage;
  if (!options.columns.empty() && std::none_of(named->begin(), named->end(), [](const std::string& path) {
        return batch_format_of(path) == BatchFormat::Csv;
      })) {
    std::cerr << tr_format("error: {} names a column of a CSV file given with --facts; there is none\n",
                             options.columns.id.empty() ? "--name-column" : "--id-column");
    return kUsage;
  }
  // Batch inputs (.csv, .jsonl) are scored as `rubric batch` scores them; the rest are facts files.
  std::vector<std::string> facts_files;
  std::vector<std::string> batches;
  for (const std::string& path : *named) (batch_format_of(path) ? batches : facts_files).push_back(path);
  std::vector<NamedFile> inputs = ruleset_inputs(*old_ruleset.ruleset);
  for (NamedFile& f : ruleset_inputs(*new_ruleset.ruleset)) inputs.push_back(std::move(f));
  for (const std::string& file : facts_files) inputs.push_back({file, std::string(tr("the facts file"))});
  for (const std::string& file : batches) inputs.push_back({file, std::string(tr("the departments file"))});
  if (!outputs_distinct({{"-", std::string(tr("standard output"))}}, inputs)) return kUsage;
  DiffReport report;
  report.old_path = options.old_path;
  report.new_path = options.new_path;
  report.old_ruleset = old_ruleset.ruleset.get();
  report.new_ruleset = new_ruleset.ruleset.get();
  report.changes = diff_rulesets(*old_ruleset.ruleset, *new_ruleset.ruleset);
  int status = kOk;
  if (!options.facts.empty()) {
    const FactsOptions facts_options{options.allow_unknown_facts};
    ImpactCrowding crowding(*old_ruleset.ruleset, *new_ruleset.ruleset);
    report.impact = compute_impact(*old_ruleset.ruleset, *new_ruleset.ruleset, facts_files, facts_options, &crowding);
    for (const std::string& input : batches) {
      const std::string fatal =
          compute_batch_impact(*old_ruleset.ruleset, *new_ruleset.ruleset, input, facts_options, options.columns,
                               *report.impact, &crowding);
      if (!fatal.empty()) {
        // The whole file could not be scored: no row of it is in the impact, and the command fails.
        std::cerr << tr_format("error: {}\n", unicode::visible(fatal, true));
        status = kFactsFailed;
      }
    }
    sort_impact(*report.impact);
    report.old_crowded = crowding.old_bounds.finish();
    report.new_crowded = crowding.new_bounds.finish();
    // A department that could not be scored under either ruleset is in the impact with its
    // reason, and the command says so by its exit status, as `score` does.
    for (const ImpactRow& row : *report.impact) {
      if (!row.error.empty()) status = kFactsFailed;
    }
  }
  if (options.format == "json") {
    std::cout << render_diff_json(report);
  } else if (options.format == "md") {
    std::cout << render_diff_markdown(report);
  } else {
    std::cout << render_diff_text(report);
  }
  return status;
}

}  // namespace

Command add_diff(CLI::App& parent) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App* app = parent.add_subcommand(
      "diff", std::string(tr("What changed between two rulesets; with --facts, each department's total and grade under both.")));
  app->add_option("OLD", options->old_path, std::string(tr("The earlier ruleset")))->required()->check(input_file());
  app->add_option("NEW", options->new_path, std::string(tr("The later ruleset")))->required()->check(input_file());
  app->add_option("--facts", options->facts, std::string(tr("Departments to measure the impact on: facts files (.json), folders of them, or batch inputs "
                  "(.csv, .jsonl) as `rubric batch` reads them")))
      ->check(CLI::ExistingPath);
  app->add_flag("--allow-unknown-facts", options->allow_unknown_facts,
                std::string(tr("Ignore keys of the facts a ruleset does not declare (a fact the new rules dropped), instead of "
                "leaving that department unscored under it")));
  app->add_option("--id-column", options->columns.id,
                  std::string(tr("CSV inputs: the column that holds each department's id (default: \"id\"), as `rubric batch --id-column`")));
  app->add_option("--name-column", options->columns.name,
                  std::string(tr("CSV inputs: the column that holds each department's name (default: \"department\"), as `rubric batch "
                  "--name-column`")));
  app->add_option("--format", options->format, std::string(tr("Output format")))
      ->check(one_of({"table", "md", "json"}))
      ->capture_default_str();
  app->footer(exit_codes());
  return {app, [options] { return run_diff(*options); }};
}

}  // namespace rubric::cli
