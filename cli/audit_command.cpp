// rubric audit RULESET FACTS…: list every claimed score (自评分) that differs from what the rules
// give, and exit 4 when there is any.
#include <fmt/format.h>

#include <iostream>

#include "cli/command.hpp"

namespace rubric::cli {
namespace {

struct AuditOptions {
  std::string ruleset;
  std::vector<std::string> facts;
  bool allow_unknown_facts = false;
  std::string format = "text";
};

// --format json: the document of the run (docs/schema/audit.schema.json), a result per facts file.
class AuditDocument {
 public:
  explicit AuditDocument(bool on) : on_(on) {}
  void ruleset(const ast::Ruleset* ruleset, const Diagnostics& diagnostics) {
    if (!on_) return;
    document_["ruleset"] = ruleset != nullptr ? json::ruleset(*ruleset) : nlohmann::ordered_json(nullptr);
    document_["diagnostics"] = json::diagnostics(diagnostics);
  }
  void result(const std::string& file, const Evaluation* evaluation, const Diagnostics& diagnostics) {
    if (!on_) return;
    nlohmann::ordered_json r;
    r["file"] = file;
    r["audited"] = evaluation != nullptr;
    r["department"] = evaluation != nullptr ? nlohmann::ordered_json(evaluation->department) : nlohmann::ordered_json(nullptr);
    r["has_claims"] = evaluation != nullptr && evaluation->has_claims();
    r["differences"] = evaluation != nullptr ? json::claim_differences(*evaluation) : nlohmann::ordered_json::array();
    r["diagnostics"] = json::diagnostics(diagnostics);
    results_.push_back(std::move(r));
  }
  void print() {
    if (!on_) return;
    document_["results"] = std::move(results_);
    std::cout << json::dump(document_, 2) << "\n";
  }

 private:
  bool on_;
  nlohmann::ordered_json document_ = json::document("audit");
  nlohmann::ordered_json results_ = nlohmann::ordered_json::array();
};

std::string signed_difference(const Decimal& computed, const Decimal& claimed) {
  const Decimal d = computed - claimed;
  return (d.sign() > 0 ? "+" : "") + d.to_string();
}

int run_audit(const AuditOptions& options) {
  const LoadedRuleset loaded = load_ruleset(options.ruleset);
  const bool text = options.format == "text";
  AuditDocument document(!text);
  document.ruleset(loaded.ruleset.get(), loaded.diagnostics);
  if (!loaded.ok()) {
    print(loaded.diagnostics);
    document.print();
    return kRulesetErrors;
  }
  std::vector<NamedFile> inputs = ruleset_inputs(*loaded.ruleset);
  for (const std::string& file : options.facts) inputs.push_back({file, std::string(tr("the facts file"))});
  if (!outputs_distinct({{"-", std::string(tr("standard output"))}}, inputs)) return kUsage;
  const int digits = total_digits(*loaded.ruleset);
  bool failed = false;
  bool differences = false;
  for (const std::string& file : options.facts) {
    const FactsResult facts = read_facts(*loaded.ruleset, file, FactsOptions{options.allow_unknown_facts});
    print(facts.diagnostics, false);
    if (!facts.facts) {
      std::cerr << tr_format("{}: not audited: the facts have errors\n", unicode::visible(file));
      document.result(file, nullptr, facts.diagnostics);
      failed = true;
      continue;
    }
    const Evaluation result = evaluate(*loaded.ruleset, *facts.facts);
    print(result.diagnostics, false);
    Diagnostics all = facts.diagnostics;
    all.append(result.diagnostics);
    document.result(file, &result, all);
    if (!claim_differences(result).empty()) differences = true;
    if (!text) continue;
    if (!result.has_claims()) {
      std::cout << tr_format("{} ({}): no claimed scores to audit\n", unicode::visible(result.department),
                               unicode::visible(file));
      continue;
    }
    const auto found = claim_differences(result);
    if (found.empty()) {
      std::cout << tr_format("{} ({}): every claimed score matches\n", unicode::visible(result.department),
                               unicode::visible(file));
      continue;
    }
    differences = true;
    std::cout << tr_format("{} ({}): {} claimed score{} differ{}\n", unicode::visible(result.department), unicode::visible(file), found.size(),
                             found.size() == 1 ? "" : "s", found.size() == 1 ? "s" : "");
    int width = 0;
    for (const ClaimDifference& d : found) width = std::max(width, unicode::display_width(unicode::visible(d.name)));
    for (const ClaimDifference& d : found) {
      const std::string computed = d.computed ? d.computed->to_fixed(digits) : "—";
      const std::string delta = d.computed ? fmt::format(" ({})", signed_difference(*d.computed, d.claimed)) : "";
      std::cout << tr_format("  {}  claimed {}  computed {}{}\n", unicode::pad(unicode::visible(d.name), width),
                               d.claimed.to_fixed(digits), computed, delta);
    }
  }
  document.print();
  if (failed) return kFactsFailed;
  return differences ? kDifferences : kOk;
}

}  // namespace

Command add_audit(CLI::App& parent) {
  auto options = std::make_shared<AuditOptions>();
  CLI::App* app = parent.add_subcommand(
      "audit", std::string(tr("List the claimed scores (自评分) that differ from what the rules give; exit 4 if any do.")));
  app->add_option("RULESET", options->ruleset, std::string(tr("The ruleset file (.rubric)")))->required()->check(input_file());
  app->add_option("FACTS", options->facts, std::string(tr("Facts files (JSON) with \"claimed\" scores")))
      ->required()
      ->check(input_file());
  app->add_flag("--allow-unknown-facts", options->allow_unknown_facts,
                std::string(tr("Report keys of the facts the ruleset does not declare as warnings and ignore them, instead of "
                "refusing the facts")));
  app->add_option("--format", options->format, std::string(tr("Output format")))
      ->check(one_of({"text", "json"}))
      ->capture_default_str();
  app->footer(exit_codes());
  return {app, [options] { return run_audit(*options); }};
}

}  // namespace rubric::cli
