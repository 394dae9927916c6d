// rubric check RULESET…: parse, check and analyse rulesets, reporting every problem found.
#include <fmt/format.h>

#include <iostream>

#include "cli/command.hpp"

namespace rubric::cli {

namespace {

// --directions: which way each indicator's score moves as each fact it reads grows.
void print_directions(const std::string& shown, const ast::Ruleset& ruleset) {
  std::vector<Direction> directions;
  AnalysisOptions options;
  options.directions = &directions;
  analyse(ruleset, options);
  std::cout << tr_format("{}: which way each score moves as a fact it reads grows, the other facts held\n", shown);
  const ast::Indicator* current = nullptr;
  for (const Direction& d : directions) {
    if (d.indicator != current) {
      current = d.indicator;
      std::cout << "  " << current->name << "\n";
    }
    const std::string fact = d.label.empty() ? d.fact : d.fact + "（" + d.label + "）";
    const std::string way = d.way > 0   ? std::string(tr("more never lowers the score"))
                            : d.way < 0 ? std::string(tr("more never raises the score"))
                                        : std::string(tr("either way, or the analysis cannot tell"));
    if (d.declared == 0) {
      std::cout << tr_format("    {}: {}\n", fact, way);
    } else {
      const std::string declared = d.declared > 0 ? std::string(tr("declared more is better"))
                                                   : std::string(tr("declared more is worse"));
      const bool against = d.way == -d.declared;
      std::cout << (against ? tr_format("    {}: {} ({}: against it, W0408)\n", fact, way, declared)
                            : tr_format("    {}: {} ({})\n", fact, way, declared));
    }
  }
}

}  // namespace

Command add_check(CLI::App& parent) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto werror = std::make_shared<bool>(false);
  auto unsure = std::make_shared<bool>(false);
  auto format = std::make_shared<std::string>("text");
  auto directions = std::make_shared<bool>(false);
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
  app->add_flag("--directions", *directions,
                std::string(tr("Also print which way each indicator's score moves as each fact it reads grows (more "
                               "is better, more is worse, either way)")));
  app->footer(exit_codes());
  return {app, [files, werror, unsure, format, directions] {
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
              if (*directions && *format == "text" && loaded.ok()) print_directions(shown, *loaded.ruleset);
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
