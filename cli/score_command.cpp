// rubric score [RULESET] FACTS…: score departments and print the table (or JSON), or write the
// official self-evaluation table as a report to hand in (--format xlsx|html|md|csv, -o FILE).
//
// The ruleset is named directly, or chosen by year from a scheme folder (--scheme guangzhou):
// the newest ruleset not after the year given with --year, or else the year each facts file
// names. Facts of one year scored with a ruleset that does not apply to that year are refused
// unless --any-year is given.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include "cli/command.hpp"

namespace rubric::cli {
namespace {

struct ScoreOptions {
  std::vector<std::string> files;
  std::string scheme;
  int year = 0;
  std::string rulesets = "rulesets";
  bool any_year = false;
  bool allow_unknown_facts = false;
  std::string format = "table";
  bool explain = false;
  int width = 0;
  std::string output;  // -o: the report file ("" for standard output)
  std::string prior;   // --prior: the department's facts of last year, for prior(FACT)
  std::string cohort;  // --cohort: the year's departments (a batch file), for year_mean(FACT) …
};

// The formats that render the official table (report/official_table.hpp), one department each.
bool is_report_format(const std::string& format) {
  return format == "xlsx" || format == "html" || format == "md" || format == "csv";
}

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec);
}

class Session {
 public:
  explicit Session(const ScoreOptions& options) : options_(options) {}
  int run();

 private:
  const LoadedRuleset& load(const std::string& path) {
    auto it = loaded_.find(path);
    if (it == loaded_.end()) {
      it = loaded_.emplace(path, load_ruleset(path)).first;
      print(it->second.diagnostics);  // once; a department it fails has them in its JSON result
    }
    return it->second;
  }
  // The scheme folder of --scheme, listed once; null (after printing why) when the folder has
  // problems: a file that breaks the naming rule or two rulesets of one year stop the choice.
  const std::vector<SchemeRuleset>* scheme() {
    if (!scheme_listed_) {
      scheme_listed_ = true;
      const std::string folder = (std::filesystem::path(options_.rulesets) / options_.scheme).string();
      Diagnostics problems;
      scheme_ = list_scheme(folder, problems);
      say(problems);
      scheme_ok_ = !problems.has_errors();
      scheme_missing_ = !problems.empty() && problems.items().front().code == "E0801";
    }
    return scheme_ok_ ? &scheme_ : nullptr;
  }
  const std::vector<SchemeRuleset>& siblings(const std::string& ruleset_path) {
    const std::string folder = std::filesystem::path(ruleset_path).parent_path().string();
    auto it = schemes_.find(folder);
    if (it == schemes_.end()) {
      Diagnostics ignored;  // problems with other files of the folder are not this command's
      it = schemes_.emplace(folder, list_scheme(folder.empty() ? "." : folder, ignored)).first;
    }
    return it->second;
  }
  // The ruleset for one facts file, or "" after printing why there is none.
  std::string choose(const std::string& facts_file, const std::string& text, std::optional<int> facts_year);
  // Scores [facts_file] ([text] its JSON, or [workbook] the filled-in workbook it is) with the
  // ruleset at [ruleset_path].
  void score(const std::string& ruleset_path, const std::string& facts_file, const std::string* text,
             const FactsWorkbook* workbook = nullptr);
  void write_report(const ast::Ruleset& ruleset, const Evaluation& result, const Facts& facts);
  bool attach_prior_facts(const ast::Ruleset& ruleset, Facts& facts);
  bool attach_cohort(const ast::Ruleset& ruleset, Facts& facts);
  std::shared_ptr<const Cohort> cohort_;  // --cohort, read once for every FACTS file
  // With a report format or -o: the usage error (after printing why) of options that cannot
  // write one report; nullopt when they can.
  std::optional<int> refuse_report_options() const;
  // The ruleset (named, or chosen once by --scheme and --year) and the facts files of the command
  // line; the exit status (after printing why) when there is no ruleset to use.
  std::optional<int> name_files();
  // Reads [file] once (a pipe or standard input cannot be read again), chooses its ruleset and
  // scores it.
  void score_file(const std::string& file);
  // Prints [diagnostics]; with --format json, they also go into the result of the file being
  // scored, so that the document holds everything said about each department.
  void say(const Diagnostics& diagnostics, bool summary = true) {
    print(diagnostics, summary);
    if (current_ != nullptr) current_->diagnostics.append(diagnostics);
  }
  void say_read_error(const std::string& path, const InputText& input) { say(read_error(path, input), false); }

  const ScoreOptions& options_;
  std::map<std::string, LoadedRuleset> loaded_;
  std::map<std::string, std::vector<SchemeRuleset>> schemes_;
  std::vector<SchemeRuleset> scheme_;
  bool scheme_listed_ = false;
  bool scheme_ok_ = false;
  bool scheme_missing_ = false;  // E0801: no such folder (a bad command line)
  std::vector<std::string> facts_files_;
  std::string ruleset_;  // named directly, or chosen once by --year
  int status_ = kOk;
  bool stop_ = false;  // an output would replace an input: nothing more is written
  std::vector<ScoredDepartment> json_results_;  // --format json: one for each facts file
  ScoredDepartment* current_ = nullptr;         // the one being scored
};

std::string Session::choose(const std::string& facts_file, const std::string& text, std::optional<int> facts_year) {
  std::string path = ruleset_;
  if (path.empty()) {
    if (!facts_year) {
      // A file that is not JSON names no year because it is not JSON: say that.
      if (const Diagnostics syntax = facts_syntax_errors(text, facts_file); syntax.has_errors()) {
        say(syntax, false);
        std::cerr << tr_format("{}: not scored: the facts have errors\n", facts_file);
        return "";
      }
      Diagnostics no_year;
      report_no_year(facts_file, no_year);
      say(no_year, false);
      return "";
    }
    const auto* listed = scheme();
    if (listed == nullptr) {
      status_ = std::max(status_, kRulesetErrors);
      return "";
    }
    const auto& rulesets = *listed;
    Diagnostics none;
    const SchemeRuleset* chosen = choose_ruleset(rulesets, options_.scheme, *facts_year, facts_file, none);
    if (chosen == nullptr) {
      say(none, false);
      return "";
    }
    std::cerr << tr_format("{}: scored with {} ({} criteria, for {})\n", facts_file, chosen->path, options_.scheme,
                             years_covered(rulesets, *chosen));
    return chosen->path;
  }
  if (facts_year && !options_.any_year) {
    // The ruleset's own errors come first, always: a file that does not load has no year to
    // compare (a GBK comment or a file too large must not read as "criteria of another year").
    const LoadedRuleset& loaded = load(path);
    if (!loaded.ok()) return path;  // score() reports it (exit 1)
    // Its own header's year, beside the other rulesets of its folder (named or not by the
    // scheme's rule: a draft named on the command line is chosen by the user).
    std::vector<SchemeRuleset> rulesets;
    for (const SchemeRuleset& r : siblings(path)) {
      if (!same_file(r.path, path)) rulesets.push_back(r);
    }
    const SchemeRuleset own{loaded.ruleset->year, loaded.ruleset->scheme, path};
    rulesets.push_back(own);
    std::sort(rulesets.begin(), rulesets.end(), [](const SchemeRuleset& a, const SchemeRuleset& b) { return a.year < b.year; });
    Diagnostics other_year;
    if (!holds_year(rulesets, own, *facts_year, facts_file, other_year)) {
      say(other_year, false);
      return "";
    }
  }
  return path;
}

void Session::score(const std::string& ruleset_path, const std::string& file, const std::string* text,
                    const FactsWorkbook* workbook) {
  const LoadedRuleset& loaded = load(ruleset_path);
  if (!loaded.ok()) {
    if (current_ != nullptr) current_->diagnostics.append(loaded.diagnostics);
    status_ = std::max(status_, kRulesetErrors);
    return;
  }
  if (current_ != nullptr) current_->ruleset = loaded.ruleset.get();
  // The ruleset chosen by year, and the files it extends, are inputs too.
  std::vector<NamedFile> inputs = ruleset_inputs(*loaded.ruleset);
  inputs.push_back({file, std::string(tr("the facts file"))});
  if (!options_.prior.empty()) inputs.push_back({options_.prior, std::string(tr("last year's facts file (--prior)"))});
  if (!options_.cohort.empty()) inputs.push_back({options_.cohort, std::string(tr("the year's departments (--cohort)"))});
  if (!outputs_distinct({{options_.output, "-o"}, {"-", std::string(tr("standard output"))}}, inputs)) {
    status_ = kUsage;
    stop_ = true;
    return;
  }
  const FactsOptions facts_options{options_.allow_unknown_facts};
  FactsResult facts = text != nullptr ? load_facts(*loaded.ruleset, *text, file == "-" ? "<stdin>" : file, facts_options)
                                      : read_facts_xlsx(*loaded.ruleset, *workbook, facts_options);
  say(facts.diagnostics, false);
  if (!facts.facts) {
    std::cerr << tr_format("{}: not scored: the facts have errors\n", unicode::visible(file));
    status_ = kFactsFailed;
    return;
  }
  if (!options_.prior.empty() && !attach_prior_facts(*loaded.ruleset, *facts.facts)) return;
  if (!options_.cohort.empty() && !attach_cohort(*loaded.ruleset, *facts.facts)) return;
  const Evaluation result = evaluate(*loaded.ruleset, *facts.facts);
  say(result.diagnostics, false);
  if (!result.total) status_ = kFactsFailed;
  if (current_ != nullptr) {
    current_->evaluation = result;
    return;
  }
  if (is_report_format(options_.format)) {
    // The official table is handed in: one with a score missing is never written, lest it be
    // handed in (or replace a good one) unnoticed.
    if (!result.total) {
      std::cerr << tr_format("{}: no report written: the department could not be scored (see the errors above)\n",
                               unicode::visible(facts.facts->file));
      return;
    }
    write_report(*loaded.ruleset, result, *facts.facts);
    return;
  }
  TableOptions table;
  table.explain = options_.explain;
  table.width = options_.width > 0 ? options_.width : terminal_width();
  if (&file != &facts_files_.front()) std::cout << '\n';
  std::cout << render_table(*loaded.ruleset, result, table);
}

// --prior: last year's facts, read for the facts the ruleset reads with prior(…). False (reported)
// when they have errors: the department is then not scored.
bool Session::attach_prior_facts(const ast::Ruleset& ruleset, Facts& facts) {
  if (!ruleset.reads_prior()) {
    Diagnostics unused;
    unused.warning("W0603", Location::in_json(options_.prior, "facts"),
                   std::string(tr("the ruleset reads no facts of last year (no prior(…)): --prior is not used")));
    say(unused, false);
    return true;
  }
  const Diagnostics diagnostics = read_prior(ruleset, facts, options_.prior);
  say(diagnostics, false);
  if (!diagnostics.has_errors()) return true;
  std::cerr << tr_format("{}: not scored: last year's facts ({}) have errors\n", unicode::visible(facts.file),
                           unicode::visible(options_.prior));
  status_ = kFactsFailed;
  return false;
}

// --cohort: the year's departments, a batch file read once, for the rules that compare (year_mean(…) …).
bool Session::attach_cohort(const ast::Ruleset& ruleset, Facts& facts) {
  if (!ruleset.reads_cohort()) {
    Diagnostics unused;
    unused.warning("W0604", Location::in_json(options_.cohort, ""),
                   std::string(tr("the ruleset compares no department with the year's others (no year_mean(…) …): --cohort is not used")));
    say(unused, false);
    return true;
  }
  if (!cohort_) {
    std::string fatal;
    cohort_ = read_cohort(ruleset, options_.cohort, BatchColumns{}, fatal);
    if (!cohort_) {
      std::cerr << tr_format("error: {}\n", unicode::visible(fatal));
      status_ = kFactsFailed;
      return false;
    }
    if (cohort_->refused > 0) {
      std::cerr << tr_format("warning: {}: {} of {} departments have errors and are not in the year's figures; check "
                               "them with rubric batch\n",
                               unicode::visible(options_.cohort), cohort_->refused,
                               cohort_->refused + cohort_->departments);
    }
  }
  facts.cohort = cohort_;
  return true;
}

void Session::write_report(const ast::Ruleset& ruleset, const Evaluation& result, const Facts& facts) {
  const report::OfficialTable table = report::build_official_table(ruleset, result, &facts);
  const std::string& format = options_.format;
  std::string content;
  if (format == "xlsx") {
    content = report::render_xlsx(table);
  } else if (format == "html") {
    content = report::render_html(table);
  } else if (format == "md") {
    content = report::render_markdown(table);
  } else {
    content = report::render_csv(table, !options_.output.empty());  // Excel needs the BOM in a file
  }
  if (options_.output.empty()) {
    std::cout << content;
    return;
  }
  try {
    write_file_atomically(options_.output, content);
    std::cerr << tr_format("{}: wrote {}\n", facts.file, options_.output);
  } catch (const std::exception& e) {
    std::cerr << std::string(tr("error: ")) << e.what() << "\n";
    status_ = std::max(status_, kWriteFailed);
  }
}

std::optional<int> Session::refuse_report_options() const {
  if (!is_report_format(options_.format) && options_.output.empty()) return std::nullopt;
  const std::size_t facts_count = options_.scheme.empty() ? options_.files.size() - 1 : options_.files.size();
  if (!is_report_format(options_.format)) {
    std::cerr << std::string(tr("score: -o writes a report: use it with --format xlsx, html, md or csv\n"));
    return kUsage;
  }
  if (options_.format == "xlsx" && options_.output.empty()) {
    std::cerr << std::string(tr("score: --format xlsx writes a file: give it with -o FILE.xlsx\n"));
    return kUsage;
  }
  if (facts_count > 1) {
    std::cerr << tr_format("score: --format {} reports one department: give one FACTS file "
                             "(rubric batch reports on many)\n",
                             options_.format);
    return kUsage;
  }
  return std::nullopt;
}

std::optional<int> Session::name_files() {
  if (options_.scheme.empty()) {
    if (options_.files.size() < 2) {
      std::cerr << std::string(tr("score: give a RULESET and at least one FACTS file, or --scheme NAME and FACTS files\n"));
      return kUsage;
    }
    ruleset_ = options_.files.front();
    facts_files_.assign(options_.files.begin() + 1, options_.files.end());
    return std::nullopt;
  }
  facts_files_ = options_.files;
  if (options_.year != 0) {
    const std::string folder = (std::filesystem::path(options_.rulesets) / options_.scheme).string();
    Diagnostics problems;
    const auto rulesets = list_scheme(folder, problems);
    say(problems);
    if (problems.has_errors()) return problems.items().front().code == "E0801" ? kUsage : kRulesetErrors;
    Diagnostics none;
    const SchemeRuleset* chosen = choose_ruleset(rulesets, options_.scheme, options_.year, "", none);
    if (chosen == nullptr) {
      if (!rulesets.empty()) say(none, false);
      return kUsage;
    }
    std::cerr << tr_format("using {}: the newest {} ruleset not after {} (its criteria apply to {})\n", chosen->path,
                             options_.scheme, options_.year, years_covered(rulesets, *chosen));
    ruleset_ = chosen->path;
  } else if (scheme() == nullptr) {
    // A scheme folder whose files break its naming rule chooses nothing: no guess, no score.
    return scheme_missing_ ? kUsage : kRulesetErrors;
  }
  return std::nullopt;
}

void Session::score_file(const std::string& file) {
  if (is_xlsx_path(file)) {  // a filled-in workbook of rubric facts --format xlsx
    const FactsWorkbook workbook = open_facts_workbook(file);  // read once: its year, then its facts
    const std::string ruleset = choose(file, "{}", xlsx_facts_year(workbook));
    if (ruleset.empty()) {
      status_ = std::max(status_, kFactsFailed);
      return;
    }
    score(ruleset, file, nullptr, &workbook);
    return;
  }
  InputText input = read_input(file, kFactsReadLimit);
  if (!input.text) {
    say_read_error(file == "-" ? "<stdin>" : file, input);
    std::cerr << tr_format("{}: not scored: the facts have errors\n", file == "-" ? "<stdin>" : file);
    status_ = std::max(status_, kFactsFailed);
    return;
  }
  if (const std::string utf16 = unicode::utf16_message(*input.text); !utf16.empty()) {
    // Said before anything else: the year and all the rest are unreadable in it.
    say_read_error(file == "-" ? "<stdin>" : file, InputText{std::nullopt, "E0021", utf16, unicode::kUtf16Help});
    std::cerr << tr_format("{}: not scored: the facts have errors\n", file == "-" ? "<stdin>" : file);
    status_ = std::max(status_, kFactsFailed);
    return;
  }
  const std::string ruleset = choose(file, *input.text, facts_year(*input.text));
  if (ruleset.empty()) {
    status_ = std::max(status_, kFactsFailed);
    return;
  }
  score(ruleset, file, &*input.text);
}

int Session::run() {
  if (const auto usage = refuse_report_options()) return *usage;
  if (const auto status = name_files()) return *status;
  if (!options_.prior.empty() && facts_files_.size() > 1) {
    std::cerr << std::string(tr("rubric score: --prior goes with one FACTS file (last year's facts of that department); "
                 "for many departments use 'rubric batch … --prior LAST_YEAR_BATCH'\n"));
    return kUsage;
  }
  {
    std::vector<NamedFile> inputs;
    if (!ruleset_.empty()) inputs.push_back({ruleset_, std::string(tr("the ruleset"))});
    for (const std::string& file : facts_files_) inputs.push_back({file, std::string(tr("the facts file"))});
    if (!outputs_distinct({{options_.output, "-o"}, {"-", std::string(tr("standard output"))}}, inputs)) return kUsage;
  }
  if (!ruleset_.empty()) load(ruleset_);  // the ruleset's own problems first, whatever the facts
  for (const std::string& file : facts_files_) {
    if (options_.format == "json") {
      json_results_.push_back({file == "-" ? "<stdin>" : file, nullptr, std::nullopt, {}});
      current_ = &json_results_.back();
    }
    score_file(file);
    current_ = nullptr;
    if (stop_) return status_;
  }
  // One document, whatever befell the files: a department whose facts were refused is a result
  // with its diagnostics, not a missing entry.
  if (options_.format == "json") std::cout << render_score_json(json_results_);
  return status_;
}

}  // namespace

Command add_score(CLI::App& parent) {
  auto options = std::make_shared<ScoreOptions>();
  CLI::App* app = parent.add_subcommand(
      "score", std::string(tr("Score departments' facts with a ruleset and print the table.\n"
               "  rubric score RULESET FACTS…\n"
               "  rubric score --scheme guangzhou [--year 2024] FACTS…   (the ruleset is chosen by year)")));
  app->add_option("FILES", options->files, std::string(tr("RULESET then FACTS files; only FACTS files with --scheme")))
      ->required()
      ->check(input_file());
  app->add_option("--scheme", options->scheme, std::string(tr("Choose the ruleset from this scheme's folder by year")));
  app->add_option("--year", options->year, std::string(tr("With --scheme: the year whose criteria apply (default: the facts' year)")))
      ->check(CLI::Range(1900, 9999));
  app->add_option("--rulesets", options->rulesets, std::string(tr("The folder of schemes")))->capture_default_str();
  app->add_flag("--any-year", options->any_year, std::string(tr("Score facts even with a ruleset that does not apply to their year")));
  app->add_option("--format", options->format, std::string(tr("Output format")))
      ->check(one_of({"table", "json", "xlsx", "html", "md", "csv"}))
      ->capture_default_str()
      ->description(std::string(tr("Output format: table and json for reading; xlsx, html, md and csv write the official "
                    "self-evaluation table (自评表) to hand in")));
  app->add_option("-o,--output", options->output,
                  std::string(tr("Write the report to FILE (required for xlsx; html, md and csv go to standard output without it)")));
  app->add_flag("--allow-unknown-facts", options->allow_unknown_facts,
                std::string(tr("Report keys of the facts the ruleset does not declare as warnings and ignore them, instead of "
                "refusing the facts")));
  app->add_option("--cohort", options->cohort,
                  std::string(tr("The year's departments (a batch file, .csv or .jsonl), for rules that compare a department with "
                  "the others: year_mean(FACT), year_rank(FACT) …")));
  app->add_option("--prior", options->prior,
                  std::string(tr("The department's facts of last year, for rules that read prior(FACT) (one FACTS file)")));
  app->add_flag("--explain", options->explain, std::string(tr("Show every step of each indicator's evaluation")));
  app->add_option("--width", options->width, std::string(tr("Table width in display cells (default: $COLUMNS or 120)")))
      ->check(CLI::Range(60, 1000));
  app->footer(exit_codes());
  return {app, [options] { return Session(*options).run(); }};
}

}  // namespace rubric::cli
