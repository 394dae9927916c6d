// rubric explain RULESET FACTS [INDICATOR]: the evaluation as a readable derivation.
#include <fmt/format.h>

#include <iostream>
#include <sstream>

#include "cli/command.hpp"

namespace rubric::cli {
namespace {

struct ExplainOptions {
  std::string ruleset;
  std::string facts;
  std::string indicator;
  bool allow_unknown_facts = false;
};

const char* kind_word(ValueSource::Kind kind) {
  switch (kind) {
    case ValueSource::Kind::Fact:
    case ValueSource::Kind::Default: return tr_later("fact");
    case ValueSource::Kind::Let: return tr_later("let");
    case ValueSource::Kind::Function:
    case ValueSource::Kind::Builtin: return tr_later("function");
  }
  return "";
}

// The derivation is written here and printed at the end through unicode::visible: names, values
// and basis quote the user's text, whose control characters must not reach the terminal.
std::ostringstream out;

struct Context {
  const ast::Ruleset& rs;
  const Facts& facts;
  const Evaluation& evaluation;
  const std::string& only;
  bool found = false;
};

// One indicator: where its values came from, each step with why it was taken, the rounding.
void explain_indicator(Context& ctx, const NodeResult& node, const std::string& here) {
  const ast::Ruleset& rs = ctx.rs;
  const LineColumn lc = rs.line_column(node.indicator->span.begin);
  out << tr_format("{} ({} points, {}:{})\n", here, node.points.hi.to_string(),
                           rs.at(node.indicator->span).file->path(), lc.line);
  bool stopped = false;
  const std::vector<ValueSource> sources = value_sources(rs, ctx.facts, ctx.evaluation, *node.indicator, &stopped);
  if (!sources.empty() || stopped) {
    out << std::string(tr("  values:\n"));
    for (const ValueSource& s : sources) {
      const std::string head =
          s.value.empty() ? fmt::format("{} {}", tr(kind_word(s.kind)), s.name) : fmt::format("{} {} = {}", tr(kind_word(s.kind)), s.name, s.value);
      out << tr_format("    {}  ({})\n", head, s.origin);
    }
    if (stopped) {
      out << tr_format("    … and more: finding them took more than {} steps, the evaluation's budget (E0711)\n",
                         EvalOptions{}.step_budget);
    }
  }
  out << std::string(tr("  derivation:\n"));
  for (const TraceStep& step : node.trace) {
    const std::string indent(static_cast<std::size_t>(step.depth) * 2, ' ');
    out << tr_format("    {}{}  [line {}]\n", indent, step.text, rs.line_column(step.span.begin).line);
    if (!step.why.empty()) out << tr_format("    {}  because {}\n", indent, step.why);
  }
  if (node.score) {
    const ast::Rounding rounding = node.indicator->rounding ? *node.indicator->rounding : rs.rounding;
    const std::string whose = node.indicator->rounding ? std::string(tr("the indicator's")) : std::string(tr("the ruleset's"));
    if (*node.raw != *node.score) {
      out << tr_format("  rounding: {} → {} ({} rounding: {} decimals, {})\n", node.raw->to_string(),
                               node.score->to_fixed(node.digits), whose, rounding.digits, to_string(rounding.mode));
    } else {
      out << tr_format("  rounding: {} needs none ({} rounding: {} decimals, {})\n", node.raw->to_string(), whose,
                               rounding.digits, to_string(rounding.mode));
    }
    out << tr_format("  = {}\n\n", node.score->to_fixed(node.digits));
  } else {
    out << tr_format("  error: {}\n\n", node.error);
  }
}

void explain(Context& ctx, const NodeResult& node, const std::string& path) {
  const std::string here = path.empty() ? node.name : path + " / " + node.name;
  const std::string& only = ctx.only;
  if (node.is_section) {
    if (only == node.name) {
      // A section asked for by name: all its indicators, then its sum.
      Context inner{ctx.rs, ctx.facts, ctx.evaluation, std::string(), false};
      for (const NodeResult& child : node.children) explain(inner, child, here);
      ctx.found = true;
      out << tr_format("{} (section, {} points) = {}\n", here, node.points.hi.to_string(),
                               node.score ? node.score->to_string() : "— " + node.error);
      return;
    }
    for (const NodeResult& child : node.children) explain(ctx, child, here);
    return;
  }
  if (!only.empty() && only != node.name) return;
  ctx.found = true;
  explain_indicator(ctx, node, here);
}

// The names of every indicator and section below [nodes], for "did you mean …".
void node_names(const std::vector<NodeResult>& nodes, std::vector<std::string>& names) {
  for (const NodeResult& node : nodes) {
    names.push_back(node.name);
    node_names(node.children, names);
  }
}

int run_explain(const ExplainOptions& options) {
  const LoadedRuleset loaded = load_ruleset(options.ruleset);
  if (!loaded.ok()) {
    print(loaded.diagnostics);
    return kRulesetErrors;
  }
  std::vector<NamedFile> inputs = ruleset_inputs(*loaded.ruleset);
  inputs.push_back({options.facts, std::string(tr("the facts file"))});
  if (!outputs_distinct({{"-", std::string(tr("standard output"))}}, inputs)) return kUsage;
  const FactsResult facts = read_facts(*loaded.ruleset, options.facts, FactsOptions{options.allow_unknown_facts});
  print(facts.diagnostics, false);
  if (!facts.facts) return kFactsFailed;
  const Evaluation result = evaluate(*loaded.ruleset, *facts.facts);
  Context ctx{*loaded.ruleset, *facts.facts, result, options.indicator, options.indicator.empty()};
  for (const NodeResult& node : result.nodes) explain(ctx, node, "");
  std::cout << unicode::visible(out.str(), true);
  if (!ctx.found) {
    std::vector<std::string> names;
    node_names(result.nodes, names);
    Diagnostics diagnostics;
    std::string message = tr_format("the ruleset has no indicator or section '{}'", options.indicator);
    if (auto guess = closest_match(options.indicator, names)) message += tr_format("; did you mean '{}'?", *guess);
    diagnostics.error("", {}, std::move(message)).help = std::string(tr("`rubric explain RULESET FACTS` explains them all"));
    print(diagnostics, false);
    return kUsage;
  }
  if (options.indicator.empty()) {
    std::cout << fmt::format("总分 = {}{}\n", result.total ? result.total->to_string() : "—",
                             result.total ? fmt::format(" → {}", unicode::visible(result.grade)) : std::string());
  }
  return result.total || !options.indicator.empty() ? kOk : kFactsFailed;
}

}  // namespace

Command add_explain(CLI::App& parent) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* app = parent.add_subcommand(
      "explain", std::string(tr("Print the evaluation as a derivation: each value with where it came from (fact, default, let, function), "
      "the tier or arm chosen and why, each deduction, the rounding.")));
  app->add_option("RULESET", options->ruleset, std::string(tr("The ruleset file (.rubric)")))->required()->check(input_file());
  app->add_option("FACTS", options->facts, std::string(tr("A facts file (JSON)")))->required()->check(input_file());
  app->add_option("INDICATOR", options->indicator, std::string(tr("Only this indicator or section")));
  app->add_flag("--allow-unknown-facts", options->allow_unknown_facts,
                std::string(tr("Report keys of the facts the ruleset does not declare as warnings and ignore them, instead of "
                "refusing the facts")));
  app->footer(exit_codes());
  return {app, [options] { return run_explain(*options); }};
}

}  // namespace rubric::cli
