// A batch of filled-in workbooks: a folder of the .xlsx files departments handed back, each one
// row of the results; see batch.hpp (run_batch) and docs/batch.md.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>

#include "base/output_file.hpp"
#include "base/messages.hpp"
#include "interpreter/batch/pipeline.hpp"
#include "interpreter/batch/results.hpp"
#include "interpreter/batch/scoring.hpp"
#include "interpreter/batch/summary.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/facts_xlsx.hpp"
#include "interpreter/eval/plan.hpp"

namespace rubric::batch {

namespace fs = std::filesystem;

bool is_workbook_folder(const BatchOptions& options) {
  std::error_code ec;
  return options.input != "-" && fs::is_directory(options.input, ec);
}

BatchResult run_workbooks(const ast::Ruleset& rs, const BatchOptions& options) {
  BatchResult result;
  result.summary.digits = total_digits(rs);
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(options.input, ec)) {
    if (is_xlsx_path(entry.path().string()) && entry.path().filename().string().rfind("~$", 0) != 0) {
      files.push_back(entry.path());  // "~$…": the lock file of a workbook open in Excel
    }
  }
  std::sort(files.begin(), files.end());
  const auto format = batch_format_of(options.output);
  if (ec || files.empty()) {
    result.fatal = tr_format("{}: the folder holds no .xlsx workbook{}", options.input, ec ? ": " + ec.message() : "");
    return result;
  }
  if (!format) {
    result.fatal = tr_format("{}: the output must be .csv, .jsonl or .ndjson", options.output);
    return result;
  }
  if (rs.reads_cohort() || rs.reads_prior()) {
    // Both need a second file of the year's or last year's departments, which a folder is not yet.
    result.fatal = tr_format("{}: the ruleset compares the departments of the year or reads last year's figures; a "
                               "folder of workbooks cannot be scored with it yet: score each workbook with rubric score "
                               "--cohort/--prior, or the departments as one CSV",
                               options.input);
    return result;
  }
  OutputFile output(options.output);
  if (!output.error().empty()) {
    result.fatal = output.error();
    result.output_failed = true;
    return result;
  }
  std::vector<Leaf> leaves;
  collect_leaves(rs, rs.items, leaves);
  const bool vetoes = has_vetoes(rs);
  std::optional<Plan> plan;
  if (!options.tree_evaluator) plan.emplace(rs);
  Scorer scorer(rs, plan ? &*plan : nullptr, leaves.size(), FactsOptions{options.allow_unknown_facts});
  SummaryBuilder summary(rs, result.summary, options.top, options.bottom);
  if (*format == BatchFormat::Csv) output.write("\xEF\xBB\xBF" + csv_header(leaves, vetoes));
  std::string text;
  for (std::size_t i = 0; i < files.size(); ++i) {
    RowResult r;
    r.row = i + 1;
    r.id = files[i].filename().string();
    FactsResult facts = read_facts_xlsx(rs, files[i].string(), FactsOptions{options.allow_unknown_facts});
    if (facts.facts) {
      r.department = facts.facts->department;
      std::vector<std::string> errors;
      scorer.score(*facts.facts, errors, r);
    } else {
      // The workbook's own errors, each at its cell: "填报!B40: … [E0623]".
      std::vector<std::string> errors;
      for (const Diagnostic& d : facts.diagnostics.items()) {
        if (d.severity != Severity::Error) continue;
        const std::string& at = d.location.json_path;
        errors.push_back(fmt::format("{}{} [{}]", at.empty() ? "" : at + ": ", d.message, d.code));
      }
      r.scores.assign(leaves.size(), std::nullopt);
      r.error = fmt::format("{}", fmt::join(errors, "; "));
    }
    text.clear();
    write_row(rs, result.summary.digits, leaves, *format, r, vetoes, text);
    output.write(text);
    summary.add(r);
    if (options.progress) options.progress(r.row, r.row, files.size());
  }
  summary.finish();
  if (output.error().empty()) output.commit();
  if (!output.error().empty()) {
    result.fatal = output.error();
    result.output_failed = true;
  }
  return result;
}

}  // namespace rubric::batch
