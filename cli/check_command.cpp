// rubric check RULESET…: parse, check and analyse rulesets, reporting every problem found.
#include <fmt/format.h>

#include <iostream>

#include "cli/command.hpp"

namespace rubric::cli {

Command add_check(CLI::App& parent) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto werror = std::make_shared<bool>(false);
  auto unsure = std::make_shared<bool>(false);
  auto format = std::make_shared<std::string>("text");
  CLI::App* app = parent.add_subcommand("check", std::string(tr("Parse, check and analyse rulesets; report every problem found.")));
  app->add_option("RULESET", *files, std::string(tr("Ruleset files (.rubric)")))->required()->check(input_file());
  app->add_flag("--werror", *werror, std::string(tr("Treat warnings as errors: exit 1 when there are any")));
  app->add_flag("--unsure", *unsure,
                std::string(tr("Also list, as notes, what the static analysis could not decide (see docs/language.md, "
                "\"Static analysis\")")));
  app->add_option("--format", *format, std::string(tr("Output format: text (the diagnostics on standard error) or json "
                                                       "(one document on standard output, docs/schema/check.schema.json)")))
      ->check(one_of({"text", "json"}))
      ->capture_default_str();
  app->footer(exit_codes());
  return {app, [files, werror, unsure, format] {
            int status = kOk;
            std::vector<LoadedRuleset> kept;  // --format json: the rulesets the document names
            std::vector<CheckedFile> checked;
            for (const std::string& file : *files) {
              LoadOptions options;
              options.unsure = *unsure;
              options.monotonicity = true;
              const LoadedRuleset loaded = load_ruleset(file, options);
              // As the diagnostics name it: standard input is "<stdin>"; control characters shown.
              const std::string shown = file == "-" ? "<stdin>" : unicode::visible(file);
              // What the analysis was unsure of is tried with facts: found, it is a warning.
              const Diagnostics diagnostics = with_witnesses(loaded);
              print(diagnostics);
              if (!loaded.ok()) {
                status = kRulesetErrors;
              } else if (*werror && diagnostics.warning_count() > 0) {
                std::cerr << tr_format("{}: warnings are errors (--werror)\n", shown);
                status = kRulesetErrors;
              } else if (diagnostics.warning_count() == 0 && diagnostics.error_count() == 0) {
                std::cerr << tr_format("{}: ok\n", shown);
              }
              if (*format == "json") {
                const bool ok = loaded.ok() && !(*werror && diagnostics.warning_count() > 0);
                checked.push_back({file == "-" ? "<stdin>" : file, loaded.ruleset.get(), diagnostics, ok});
                kept.push_back(loaded);
              }
            }
            if (*format == "json") std::cout << render_check_json(checked);
            return status;
          }};
}

}  // namespace rubric::cli
