// rubric explain RULESET FACTS [INDICATOR]: the evaluation as a readable derivation.
#include <fmt/format.h>

#include <iostream>

#include "cli/command.hpp"

namespace rubric::cli {
namespace {

struct ExplainOptions {
  std::string ruleset;
  std::string facts;
  std::string indicator;
};

void explain(const ast::Ruleset& rs, const NodeResult& node, const std::string& path, const std::string& only,
             bool& found) {
  const std::string here = path.empty() ? node.name : path + " / " + node.name;
  if (node.is_section) {
    for (const NodeResult& child : node.children) explain(rs, child, here, only, found);
    if (only.empty() || only == node.name) {
      if (only == node.name) found = true;
      if (!only.empty()) {
        std::cout << fmt::format("{} (section, {} points) = {}\n", here, node.points.hi.to_string(),
                                 node.score ? node.score->to_string() : "— " + node.error);
      }
    }
    return;
  }
  if (!only.empty() && only != node.name) return;
  found = true;
  const LineColumn lc = rs.line_column(node.indicator->span.begin);
  std::cout << fmt::format("{} ({} points, {}:{})\n", here, node.points.hi.to_string(), rs.at(node.indicator->span).file->path(),
                           lc.line);
  for (const TraceStep& step : node.trace) {
    std::cout << fmt::format("  {}{}  [line {}]\n", std::string(static_cast<std::size_t>(step.depth) * 2, ' '), step.text,
                             rs.line_column(step.span.begin).line);
  }
  if (node.score) {
    std::cout << fmt::format("  = {}\n\n", node.score->to_fixed(node.digits));
  } else {
    std::cout << fmt::format("  error: {}\n\n", node.error);
  }
}

int run_explain(const ExplainOptions& options) {
  const LoadedRuleset loaded = load_ruleset(options.ruleset);
  if (!loaded.ok()) {
    print(loaded.diagnostics);
    return kRulesetErrors;
  }
  const FactsResult facts = read_facts(*loaded.ruleset, options.facts);
  print(facts.diagnostics, false);
  if (!facts.facts) return kFactsFailed;
  const Evaluation result = evaluate(*loaded.ruleset, *facts.facts);
  bool found = false;
  for (const NodeResult& node : result.nodes) explain(*loaded.ruleset, node, "", options.indicator, found);
  if (!found) {
    std::cerr << fmt::format("error: the ruleset has no indicator or section '{}'\n", options.indicator);
    return kUsage;
  }
  if (options.indicator.empty()) {
    std::cout << fmt::format("总分 = {}{}\n", result.total ? result.total->to_string() : "—",
                             result.total ? fmt::format(" → {}", result.grade) : std::string());
  }
  return result.total || !options.indicator.empty() ? kOk : kFactsFailed;
}

}  // namespace

Command add_explain(CLI::App& parent) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* app = parent.add_subcommand(
      "explain", "Print the evaluation as a derivation: each value, the tier chosen and why, each deduction, the rounding.");
  app->add_option("RULESET", options->ruleset, "The ruleset file (.rubric)")->required()->check(CLI::ExistingFile);
  app->add_option("FACTS", options->facts, "A facts file (JSON)")->required()->check(CLI::ExistingFile);
  app->add_option("INDICATOR", options->indicator, "Only this indicator or section");
  app->footer(kExitCodes);
  return {app, [options] { return run_explain(*options); }};
}

}  // namespace rubric::cli
