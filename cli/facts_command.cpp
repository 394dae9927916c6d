// rubric facts RULESET: print a blank facts template for the ruleset, ready to fill in.
#include <unistd.h>

#include <fmt/format.h>

#include <iostream>

#include "cli/command.hpp"

namespace rubric::cli {

Command add_facts(CLI::App& parent) {
  struct Options {
    std::string ruleset;
    std::string format = "json";
    std::size_t elements = 3;
    std::string output;
  };
  auto options = std::make_shared<Options>();
  CLI::App* app = parent.add_subcommand(
      "facts", std::string(tr("Print a blank facts template: every fact with its label, type, unit and domain.")));
  app->add_option("RULESET", options->ruleset, std::string(tr("The ruleset file (.rubric)")))->required()->check(input_file());
  app->add_option("--format", options->format,
                  std::string(tr("json: a facts file of one department; xlsx: a workbook to fill in (labels, units, drop-downs, "
                  "input checks; `rubric score` reads it back); csv: one row per fact, with its label, type, unit "
                  "and domain; batch: the header line of a CSV of many departments for `rubric batch`")))
      ->check(one_of({"json", "xlsx", "csv", "batch"}))
      ->capture_default_str();
  app->add_option("--elements", options->elements, std::string(tr("With --format batch: the columns given to each list (its elements 1 to N)")))
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  app->add_option("-o,--output", options->output, std::string(tr("Write the template to this file instead of standard output")));
  app->footer(exit_codes());
  return {app, [options] {
            const LoadedRuleset loaded = load_ruleset(options->ruleset);
            if (!loaded.ok()) {
              print(loaded.diagnostics);
              return kRulesetErrors;
            }
            const std::string target = options->output.empty() ? "-" : options->output;
            if (!outputs_distinct({{target, options->output.empty() ? std::string(tr("standard output")) : "-o"}},
                                  ruleset_inputs(*loaded.ruleset))) {
              return kUsage;
            }
            if (options->format == "xlsx" && options->output.empty() && ::isatty(STDOUT_FILENO) != 0) {
              std::cerr << std::string(tr("error: a workbook is not text: write it to a file with -o 填报.xlsx\n"));
              return kUsage;
            }
            std::string content;
            try {
              if (options->format == "batch") {
                content = render_batch_header(*loaded.ruleset, options->elements);
              } else if (options->format == "xlsx") {
                content = report::render_facts_xlsx(*loaded.ruleset);
              } else {
                content = options->format == "csv" ? render_facts_template_csv(*loaded.ruleset)
                                                   : render_facts_template_json(*loaded.ruleset);
              }
              if (options->output.empty()) {
                std::cout << content;
              } else {
                write_file_atomically(options->output, content);
                std::cerr << tr_format("wrote {}\n", options->output);
              }
            } catch (const std::exception& e) {
              std::cerr << std::string(tr("error: ")) << e.what() << "\n";
              return kWriteFailed;
            }
            return kOk;
          }};
}

}  // namespace rubric::cli
