// rubric check RULESET…: parse and check rulesets, reporting every problem found.
#include <fmt/format.h>

#include <iostream>

#include "cli/command.hpp"

namespace rubric::cli {

Command add_check(CLI::App& parent) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* app = parent.add_subcommand("check", "Parse and check rulesets; report every problem found.");
  app->add_option("RULESET", *files, "Ruleset files (.rubric)")->required()->check(CLI::ExistingFile);
  app->footer(kExitCodes);
  return {app, [files] {
            int status = kOk;
            for (const std::string& file : *files) {
              const LoadedRuleset loaded = load_ruleset(file);
              print(loaded.diagnostics);
              if (!loaded.ok()) {
                status = kRulesetErrors;
              } else if (loaded.diagnostics.empty()) {
                std::cerr << fmt::format("{}: ok\n", file);
              }
            }
            return status;
          }};
}

}  // namespace rubric::cli
