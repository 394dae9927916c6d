// rubric facts RULESET: print a blank facts template for the ruleset, ready to fill in.
#include <iostream>

#include "cli/command.hpp"

namespace rubric::cli {

Command add_facts(CLI::App& parent) {
  struct Options {
    std::string ruleset;
    std::string format = "json";
    std::size_t elements = 3;
  };
  auto options = std::make_shared<Options>();
  CLI::App* app = parent.add_subcommand(
      "facts", "Print a blank facts template: every fact with its label, type, unit and domain.");
  app->add_option("RULESET", options->ruleset, "The ruleset file (.rubric)")->required()->check(input_file());
  app->add_option("--format", options->format,
                  "json: a facts file of one department; csv: one row per fact, with its label, type, unit "
                  "and domain; batch: the header line of a CSV of many departments for `rubric batch`")
      ->check(one_of({"json", "csv", "batch"}))
      ->capture_default_str();
  app->add_option("--elements", options->elements, "With --format batch: the columns given to each list (its elements 1 to N)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  app->footer(kExitCodes);
  return {app, [options] {
            const LoadedRuleset loaded = load_ruleset(options->ruleset);
            if (!loaded.ok()) {
              print(loaded.diagnostics);
              return kRulesetErrors;
            }
            if (!outputs_distinct({{"-", "standard output"}}, ruleset_inputs(*loaded.ruleset))) return kUsage;
            if (options->format == "batch") {
              std::cout << render_batch_header(*loaded.ruleset, options->elements);
            } else {
              std::cout << (options->format == "csv" ? render_facts_template_csv(*loaded.ruleset)
                                                     : render_facts_template_json(*loaded.ruleset));
            }
            return kOk;
          }};
}

}  // namespace rubric::cli
