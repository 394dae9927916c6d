// rubric whatif RULESET FACTS [--target GRADE|TOTAL]: the smallest change to one department's
// facts that reaches the next grade or a total (interpreter/tools/whatif.hpp).
#include <fmt/format.h>

#include <iostream>

#include "cli/command.hpp"

namespace rubric::cli {
namespace {

struct WhatifOptions {
  std::string ruleset;
  std::string facts;
  std::string target;
  bool allow_unknown_facts = false;
  bool show_fixed = false;
  std::string format = "text";
  std::string prior;   // --prior, as rubric score's
  std::string cohort;  // --cohort, as rubric score's
};

// Where what is said goes: stderr as it comes (text), or kept for the document (json).
class Output {
 public:
  explicit Output(bool json) : json_(json) {}
  void say(const Diagnostics& d) {
    if (json_) {
      kept_.append(d);
    } else {
      print(d, false);
    }
  }
  const Diagnostics& kept() const { return kept_; }

 private:
  bool json_;
  Diagnostics kept_;
};

// --prior and --cohort, as rubric score reads them; false (reported) when they cannot be used.
bool attach(const WhatifOptions& options, const ast::Ruleset& rs, Facts& facts, Output& out) {
  Diagnostics unused;
  if (!options.prior.empty() && !rs.reads_prior()) {
    unused.warning("W0603", Location::in_json(options.prior, "facts"),
                   std::string(tr("the ruleset reads no facts of last year (no prior(…)): --prior is not used")));
  }
  if (!options.cohort.empty() && !rs.reads_cohort()) {
    unused.warning("W0604", Location::in_json(options.cohort, ""),
                   std::string(tr("the ruleset compares no department with the year's others (no year_mean(…) …): --cohort is not used")));
  }
  out.say(unused);
  if (!options.prior.empty() && rs.reads_prior()) {
    const Diagnostics d = read_prior(rs, facts, options.prior);
    out.say(d);
    if (d.has_errors()) return false;
  }
  if (!options.cohort.empty() && rs.reads_cohort()) {
    std::string fatal;
    auto cohort = read_cohort(rs, options.cohort, BatchColumns{}, fatal);
    if (!cohort) {
      Diagnostics d;
      d.error("", Location::in_json(options.cohort, ""), fatal);
      out.say(d);
      return false;
    }
    facts.cohort = std::move(cohort);
  }
  return true;
}

std::string goal(const whatif::Target& t) {
  if (!t.grade.empty()) {
    return t.total ? tr_format("grade {} (a total of at least {})", t.grade, t.total->to_string())
                   : tr_format("grade {}", t.grade);
  }
  return tr_format("a total of at least {}", t.total->to_string());
}

// "4 → 0 (4 fewer)" for a number; "no → yes" otherwise.
std::string change_text(const whatif::Change& c) {
  const std::string from = whatif::shown(c.from, c.place);
  const std::string to = whatif::shown(c.to, c.place);
  if (!c.from.is_number() || !c.to.is_number()) return fmt::format("{} → {}", from, to);
  const Decimal by = c.to.number() - c.from.number();
  const whatif::Place& p = c.place;
  if (p.type->kind == ast::TypeKind::Date) {
    return by.sign() > 0 ? tr_format("{} → {} ({} days later)", from, to, by.to_string())
                         : tr_format("{} → {} ({} days earlier)", from, to, (-by).to_string());
  }
  const std::string amount = whatif::shown(Value(by.abs()), p);
  return by.sign() > 0 ? tr_format("{} → {} (up {})", from, to, amount) : tr_format("{} → {} (down {})", from, to, amount);
}

void print_text(const std::string& who, const whatif::Answer& a, int digits, bool show_fixed) {
  const auto total = [digits](const Decimal& d) { return d.to_fixed(digits); };
  std::string out = tr_format("{}: total {}, grade {}.\n", who, total(a.total), a.grade);
  if (a.top_grade) {
    out += tr_format("The grade {} is already the best; name a total to aim for with --target.\n", a.grade);
    std::cout << unicode::visible(out, true);
    return;
  }
  out += tr_format("Target: {}.\n", goal(a.target));
  if (a.reached) {
    out += std::string(tr("The department already reaches it.\n"));
    std::cout << unicode::visible(out, true);
    return;
  }
  if (!a.singles.empty()) {
    out += std::string(tr("\nEach of these changes alone reaches it (the other facts as given):\n"));
    for (const whatif::Single& s : a.singles) {
      out += tr_format("  {}: {}; total {}, grade {}\n", s.change.place.label, change_text(s.change), total(s.total), s.grade);
      if (!s.verified) out += std::string(tr("    (not confirmed: scored again, it did not behave as the search found)\n"));
    }
  } else if (!a.combinations.empty()) {
    out += tr_format("\nNo single fact reaches it; {} together do. The least change first:\n", a.combinations.front().changes.size());
    for (std::size_t i = 0; i < a.combinations.size(); ++i) {
      const whatif::Combination& c = a.combinations[i];
      out += tr_format("  {}. total {}, grade {}\n", i + 1, total(c.total), c.grade);
      for (const whatif::Change& ch : c.changes) out += tr_format("     {}: {}\n", ch.place.label, change_text(ch));
    }
  } else {
    out += a.not_tried > 0 ? std::string(tr("\nNo change was found that reaches it before the search stopped (see below).\n"))
                           : std::string(tr("\nNo change of one fact, nor of up to four together, was found that reaches it in "
                                            "the range searched (docs/analysis.md says how far).\n"));
  }
  out += tr_format("\n{} facts and fields tried, {} departments scored.\n", a.places - a.not_tried, a.evaluations);
  if (a.not_tried > 0) {
    out += tr_format("The search stopped at its limit of work: {} facts and fields were not tried.\n", a.not_tried);
  }
  if (a.skipped > 0) {
    out += tr_format("{} facts and fields were left out: their values are too large to search.\n", a.skipped);
  }
  if (!a.fixed.empty() && !show_fixed) {
    out += tr_format("{} facts and fields the ruleset declares fixed are held as given (--show-fixed lists them).\n", a.fixed.size());
  } else if (!a.fixed.empty()) {
    out += std::string(tr("Held as given, the ruleset declaring them fixed:\n"));
    for (const std::string& f : a.fixed) out += "  " + f + "\n";
  }
  std::cout << unicode::visible(out, true);
}

int run_whatif(const WhatifOptions& options) {
  const bool json = options.format == "json";
  Output out(json);
  const auto fail = [&](const ast::Ruleset* rs, int status) {
    if (json) std::cout << render_whatif_json(rs, options.facts, "", nullptr, out.kept());
    return status;
  };
  const LoadedRuleset loaded = load_ruleset(options.ruleset);
  if (!loaded.ok()) {
    if (json) {
      out.say(loaded.diagnostics);
    } else {
      print(loaded.diagnostics);
    }
    return fail(nullptr, kRulesetErrors);
  }
  const ast::Ruleset& rs = *loaded.ruleset;
  FactsResult facts = read_facts(rs, options.facts, FactsOptions{options.allow_unknown_facts});
  out.say(facts.diagnostics);
  if (!facts.facts || !attach(options, rs, *facts.facts, out)) return fail(&rs, kFactsFailed);
  EvalOptions quiet;
  quiet.trace = false;
  const Evaluation now = evaluate(rs, *facts.facts, quiet);
  if (!now.total) {
    out.say(now.diagnostics);
    return fail(&rs, kFactsFailed);
  }
  std::string error;
  const auto found = whatif::answer_for(rs, *facts.facts, *now.total, now.grade, options.target, error);
  if (!found) {
    Diagnostics d;
    d.error("", {}, error).help = std::string(tr("--target takes a grade (优) or a total (95)"));
    out.say(d);
    return fail(&rs, kUsage);
  }
  const whatif::Answer& answer = *found;
  const std::string& department = facts.facts->department;
  if (json) {
    std::cout << render_whatif_json(&rs, options.facts, department, &answer, out.kept());
  } else {
    print_text(department.empty() ? options.facts : department, answer, rs.rounding.digits, options.show_fixed);
  }
  return kOk;
}

}  // namespace

Command add_whatif(CLI::App& parent) {
  auto options = std::make_shared<WhatifOptions>();
  CLI::App* app = parent.add_subcommand(
      "whatif", std::string(tr("For one department: the smallest change to each fact that reaches the next grade or a "
                               "total, exactly, each answer scored again (see docs/analysis.md)")));
  app->add_option("RULESET", options->ruleset, std::string(tr("The ruleset file (.rubric)")))->required()->check(input_file());
  app->add_option("FACTS", options->facts, std::string(tr("A facts file (JSON)")))->required()->check(input_file());
  app->add_option("--target", options->target,
                  std::string(tr("A grade of the ruleset (优) or a total (95); by default the grade above the department's")));
  app->add_option("--format", options->format,
                  std::string(tr("Output format: text, or json (one document on standard output, "
                                 "docs/schema/whatif.schema.json)")))
      ->check(one_of({"text", "json"}))
      ->capture_default_str();
  app->add_option("--cohort", options->cohort,
                  std::string(tr("The year's departments (a batch file, .csv or .jsonl), for rules that compare a department "
                                 "with the others; their figures are held as given")));
  app->add_option("--prior", options->prior,
                  std::string(tr("The department's facts of last year, for rules that read prior(FACT); held as given")));
  app->add_flag("--show-fixed", options->show_fixed,
                std::string(tr("List the facts and fields held as given because the ruleset declares them fixed")));
  app->add_flag("--allow-unknown-facts", options->allow_unknown_facts,
                std::string(tr("Report keys of the facts the ruleset does not declare as warnings and ignore them, instead of "
                "refusing the facts")));
  app->footer(exit_codes());
  return {app, [options] { return run_whatif(*options); }};
}

}  // namespace rubric::cli
