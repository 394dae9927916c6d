// rubric batch RULESET INPUT -o OUTPUT: score every department of a CSV or JSON Lines file
// (interpreter/batch/batch.hpp does the work), show progress on a terminal, print a summary.
#include <fmt/format.h>

#include <charconv>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/command.hpp"

namespace rubric::cli {
namespace {

struct BatchCliOptions {
  std::string ruleset;
  std::string input;
  std::string input_format;  // "" (by the extension), "csv" or "jsonl"
  std::string output;
  std::string report;  // "" for none; .html or .xlsx
  unsigned jobs = 0;
  std::size_t top = 0;
  std::size_t bottom = 0;
  bool quiet = false;
  bool tree = false;
  bool allow_unknown_facts = false;
  std::string prior;  // --prior: last year's batch
  std::string id_column;    // "" for "id"
  std::string name_column;  // "" for "department"
};

// A one-line progress bar on stderr: rows, rate, share of the input read, ETA.
class ProgressBar {
 public:
  void update(std::size_t rows, std::uint64_t read, std::uint64_t total, bool final = false) {
    const auto now = std::chrono::steady_clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();  // display only
    const double rate = seconds > 0 ? static_cast<double>(rows) / seconds : 0;
    std::string line;
    if (total > 0) {
      const double share = std::min(1.0, static_cast<double>(read) / static_cast<double>(total));
      constexpr int kWidth = 30;
      const int filled = static_cast<int>(share * kWidth);
      const double eta = share > 0 ? seconds * (1 - share) / share : 0;
      line = tr_format("\r[{}{}] {:3.0f}%  {} rows  {:.0f} rows/s  ETA {:.0f}s ", std::string(static_cast<std::size_t>(filled), '#'),
                         std::string(static_cast<std::size_t>(kWidth - filled), '.'), share * 100, rows, rate, eta);
    } else {
      line = tr_format("\r{} rows  {:.0f} rows/s ", rows, rate);
    }
    std::cerr << line << std::flush;
    shown_ = true;
  }
  void finish() {
    if (shown_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
  bool shown_ = false;
};

// --report: built from the results file just written (read back row by row; see
// report/batch_report.hpp) and the values the tiers tested as the batch scored. False when it
// could not be written (said on standard error).
bool write_report(const ast::Ruleset& ruleset, const BatchCliOptions& o, const std::string& kind, const BoundCrowding& crowding) {
  try {
    report::BatchReport summary = report::read_batch_report(ruleset, o.output);
    summary.crowded = crowding.finish();
    summary.crowding_measured = true;
    summary.crowding_partial = crowding.partial();
    write_file_atomically(o.report, kind == "html" ? report::render_batch_html(summary) : report::render_batch_xlsx(summary));
    std::cerr << tr_format("wrote {}\n", o.report);
    return true;
  } catch (const std::exception& e) {
    std::cerr << std::string(tr("error: ")) << e.what() << "\n";
    return false;
  }
}

int run_batch_command(const BatchCliOptions& o) {
  std::optional<BatchFormat> input_format;
  if (!o.input_format.empty()) input_format = o.input_format == "csv" ? BatchFormat::Csv : BatchFormat::JsonLines;
  if (!input_format && o.input == "-") {
    std::cerr << std::string(tr("error: standard input has no extension to tell its format: give --input-format csv or "
                 "--input-format jsonl\n"));
    return kUsage;
  }
  std::error_code ec;
  if (!input_format && !std::filesystem::is_directory(o.input, ec) && !batch_format_of(o.input)) {  // a folder: of workbooks
    std::cerr << tr_format("error: {}: the input must be .csv, .jsonl or .ndjson (or give its format with "
                             "--input-format csv|jsonl)\n",
                             o.input);
    return kUsage;
  }
  if (!batch_format_of(o.output)) {
    std::cerr << tr_format("error: {}: the output must be .csv, .jsonl or .ndjson\n", o.output);
    return kUsage;
  }
  const auto report_kind = [&]() -> std::string {
    const std::string ext = std::filesystem::path(o.report).extension().string();
    if (ext == ".html" || ext == ".htm") return "html";
    if (ext == ".xlsx") return "xlsx";
    return "";
  }();
  if (!o.report.empty() && report_kind.empty()) {
    std::cerr << tr_format("error: {}: the report must be .html or .xlsx (--report FILE.html or FILE.xlsx)\n",
                             o.report);
    return kUsage;
  }
  const LoadedRuleset loaded = load_ruleset(o.ruleset);
  if (!loaded.ok()) {
    print(loaded.diagnostics);
    return kRulesetErrors;
  }
  std::vector<NamedFile> inputs = ruleset_inputs(*loaded.ruleset);
  inputs.push_back({o.input, std::string(tr("the input"))});
  if (!o.prior.empty()) inputs.push_back({o.prior, std::string(tr("last year's batch (--prior)"))});
  if (!outputs_distinct({{o.output, "-o"}, {o.report, "--report"}, {"-", std::string(tr("standard output"))}}, inputs)) return kUsage;
  BatchOptions options;
  options.input = o.input;
  options.input_format = input_format;
  options.output = o.output;
  options.jobs = o.jobs;
  options.top = o.top;
  options.bottom = o.bottom;
  options.tree_evaluator = o.tree;
  options.allow_unknown_facts = o.allow_unknown_facts;
  options.prior = o.prior;
  options.columns = {o.id_column, o.name_column};
  // The report's 临近档位边界的部门 needs every value the tiers tested, which the results file does not hold.
  std::optional<BoundCrowding> crowding;
  if (!o.report.empty()) {
    crowding.emplace(*loaded.ruleset);
    options.tested_sink = [&crowding] { return crowding->sink(); };
    options.on_tested = [&crowding](std::size_t, const std::vector<std::uint32_t>& kept) { crowding->add(kept); };
  }
  ProgressBar bar;
  if (!o.quiet && ::isatty(STDERR_FILENO) != 0) {
    options.progress = [&bar](std::size_t rows, std::uint64_t read, std::uint64_t total) { bar.update(rows, read, total); };
  }
  const BatchResult result = run_batch(*loaded.ruleset, options);
  bar.finish();
  for (const std::string& w : result.summary.warnings) std::cerr << std::string(tr("warning: ")) << unicode::visible(w, true) << "\n";
  if (!result.fatal.empty()) {
    // The batch stopped and its output was not written: no summary (it would describe results
    // that are nowhere) and no report (it would be read from whatever file -o names already).
    std::cerr << std::string(tr("error: ")) << unicode::visible(result.fatal, true) << "\n";
    return result.output_failed ? kWriteFailed : kFactsFailed;
  }
  // The ranking quotes ids and names: their control characters are shown, not sent.
  std::cout << unicode::visible(render_batch_summary(result.summary), true);
  if (!o.report.empty() && !write_report(*loaded.ruleset, o, report_kind, *crowding)) return kWriteFailed;
  return result.ok() ? kOk : kFactsFailed;
}

}  // namespace

Command add_batch(CLI::App& parent) {
  auto options = std::make_shared<BatchCliOptions>();
  CLI::App* app = parent.add_subcommand(
      "batch",
      std::string(tr("Score every department of a CSV or JSON Lines file; write one row per department (id, total, grade, every "
      "indicator's score, error) to a CSV or JSON Lines file, in input order. See docs/batch.md.")));
  app->add_option("RULESET", options->ruleset, std::string(tr("The ruleset file (.rubric)")))->required()->check(input_file());
  app->add_option("INPUT", options->input,
                  std::string(tr("Departments: .csv (one per row) or .jsonl (one facts document per line); a folder "
                                 "of filled-in workbooks (rubric facts --format xlsx, one .xlsx per department); - for "
                                 "standard input, with --input-format")))
      ->required()
      ->check(input_file_or_folder());
  app->add_option("--input-format", options->input_format,
                  std::string(tr("The input's format, csv or jsonl, whatever its name: required when INPUT is -")))
      ->check(one_of({"csv", "jsonl"}));
  app->add_option("-o,--output", options->output, std::string(tr("The results: .csv or .jsonl")))->required();
  app->add_option("--report", options->report,
                  std::string(tr("Also write a report of the batch: FILE.html or FILE.xlsx (ranking, grade distribution with a chart, "
                  "per-section averages)")));
  app->add_option("-j,--jobs", options->jobs,
                  tr_format("Worker threads, 1 to {} (default: one per core)", kMaxBatchJobs))
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            unsigned long n = 0;
            const char* end = text.data() + text.size();
            const auto [at, ec] = std::from_chars(text.data(), end, n);
            if (ec != std::errc() || at != end || n < 1 || n > kMaxBatchJobs) {
              return tr_format("-j {}: the number of worker threads must be from 1 to {} (scoring uses one core "
                                 "per thread: more threads than cores do not score faster; the default is one per core)",
                                 text, kMaxBatchJobs);
            }
            return {};
          },
          fmt::format("1-{}", kMaxBatchJobs)));
  app->add_option("--top", options->top, std::string(tr("List the N best totals in the summary")));
  app->add_option("--bottom", options->bottom, std::string(tr("List the N worst totals in the summary")));
  app->add_flag("-q,--quiet", options->quiet, std::string(tr("No progress bar")));
  app->add_option("--prior", options->prior,
                  std::string(tr("Last year's batch (.csv or .jsonl), for rules that read prior(FACT): rows matched by id, or by name")))
      ->check(input_file());
  app->add_flag("--allow-unknown-facts", options->allow_unknown_facts,
                std::string(tr("Ignore, with a warning, columns and JSON Lines keys the ruleset does not declare, instead of refusing "
                "them")));
  app->add_option("--id-column", options->id_column,
                  std::string(tr("CSV input: the column that holds each department's id (default: the column \"id\"), named as in "
                  "the header")))
      ->check(CLI::Validator([](std::string& text) { return text.empty() ? std::string(tr("the column's name is empty")) : ""; }, "NAME"));
  app->add_option("--name-column", options->name_column,
                  std::string(tr("CSV input: the column that holds each department's name (default: the column \"department\"), "
                  "named as in the header")))
      ->check(CLI::Validator([](std::string& text) { return text.empty() ? std::string(tr("the column's name is empty")) : ""; }, "NAME"));
  app->add_flag("--tree-evaluator", options->tree, std::string(tr("Evaluate with the tree evaluator instead of the compiled plan")));
  app->footer(exit_codes() + std::string(tr(" For batch: 3 means some rows have errors (see the error column).")));
  return {app, [options] { return run_batch_command(*options); }};
}

}  // namespace rubric::cli
