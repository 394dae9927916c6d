// Batch scoring: every department of a CSV or JSON Lines file, scored with one ruleset, written
// to a CSV or JSON Lines file in input order (see docs/batch.md for the column conventions).
//
//   reader thread ──► bounded queue of chunks ──► N worker threads ──► in-order writer (caller)
//
// Memory stays flat however large the input: at most a fixed number of chunks (of a few hundred
// rows each) are in flight, and the reader waits for the writer when that many are. A row whose
// facts are invalid or whose evaluation fails gets its error in the output's error column and
// the batch goes on. The output is written to a temporary file beside the target and renamed
// over it at the end, so an interrupted run never leaves half a file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "base/decimal.hpp"

namespace rubric {

struct Cohort;  // interpreter/eval/facts.hpp
class TestedSink;  // interpreter/eval/evaluator.hpp

enum class BatchFormat { Csv, JsonLines };

// The format a file name's extension names: .csv, or .jsonl / .ndjson; nullopt otherwise.
std::optional<BatchFormat> batch_format_of(const std::string& path);

// The most worker threads a batch runs (-j): scoring is CPU-bound, so threads beyond the cores
// only cost memory (a stack each). A worker that cannot start (the system's thread or memory
// limit) is reported in the summary's warnings and the batch runs on those that did start.
inline constexpr unsigned kMaxBatchJobs = 64;

// Which CSV columns hold each department's id and name (--id-column, --name-column): a column of
// the header, named exactly as written there; empty: the column "id" and the column "department".
// A named column that is not in the header, or that is a fact's, stops the batch (E0615). For
// JSON Lines input they are an error: a row's keys are the facts document's, "id" and "department".
struct BatchColumns {
  std::string id;
  std::string name;
  bool empty() const { return id.empty() && name.empty(); }
};

struct BatchOptions {
  std::string input;   // "-": standard input, read once as it streams in, like a file
  std::string output;
  // The input's format whatever its name says (--input-format); needed when the name has no
  // known extension, as "-" has none. Unset: the extension's (batch_format_of).
  std::optional<BatchFormat> input_format;
  unsigned jobs = 0;          // worker threads; 0: one per core (at most kMaxBatchJobs)
  std::size_t top = 0;        // rank this many best totals in the summary
  std::size_t bottom = 0;     // … and this many worst
  std::size_t chunk_rows = 256;  // rows per unit of work
  // Called from the writer (the calling thread) now and then with rows written, bytes of input
  // read and the input's size (0 when unknown); used for a progress bar.
  std::function<void(std::size_t rows, std::uint64_t bytes_read, std::uint64_t bytes_total)> progress;
  // Evaluate with the tree evaluator instead of the compiled plan (for comparisons).
  bool tree_evaluator = false;
  // For tests: called by a worker before it scores each row (1-based). What it throws is what an
  // unexpected failure inside the scoring would throw: it becomes that row's error.
  std::function<void(std::size_t row)> before_row;
  // Columns and JSON Lines keys the ruleset does not declare are warnings, not errors
  // (--allow-unknown-facts; see FactsOptions).
  bool allow_unknown_facts = false;
  BatchColumns columns;
  // Last year's batch (--prior, .csv or .jsonl), for the rules that read prior(FACT): each row is
  // matched to its department's row of it by id, or by name (batch/prior.hpp).
  std::string prior;
  // When set, each worker scores with a sink of its own (made here, in the worker) that receives
  // every value a tiered or brackets tests (EvalOptions::every_tested); what it keeps of each
  // department (TestedSink::take) is given to on_tested, from the writer (the calling thread), in
  // input order, for each department that got a total and no error: how a report finds the
  // departments near a tier's bound.
  std::function<std::unique_ptr<TestedSink>()> tested_sink;
  std::function<void(std::size_t row, const std::vector<std::uint32_t>& kept)> on_tested;
};

struct RankedRow {
  std::size_t row = 0;  // 1-based: the first department of the file is row 1
  std::string id;
  std::string department;
  Decimal total;
  std::string grade;
};

struct BatchSummary {
  std::size_t rows = 0;
  std::size_t errors = 0;                    // rows with an error
  std::vector<std::size_t> error_rows;       // the first few rows with an error
  std::vector<std::pair<std::string, std::size_t>> grades;  // every grade of the ruleset, in its order
  std::optional<Decimal> mean, min, max;     // over the rows that have a total
  std::vector<RankedRow> top, bottom;        // best first; worst first
  std::vector<std::string> warnings;         // about the input as a whole (e.g. an ignored column)
  int digits = 2;                            // decimals totals are shown with
};

struct BatchResult {
  std::string fatal;  // why nothing (or not everything) could be scored: unreadable input, bad header
  bool output_failed = false;  // [fatal] says why the results could not be written (the old file is kept)
  BatchSummary summary;
  bool ok() const { return fatal.empty() && summary.errors == 0; }
};

// The year's departments of the batch file [path], for year_mean(FACT) …: every row's facts,
// a row with errors refused (counted, not in the cohort). Null with [fatal] set when the file
// cannot be read.
std::shared_ptr<const Cohort> read_cohort(const ast::Ruleset& rs, const std::string& path, const BatchColumns& columns,
                                          std::string& fatal);

// Scores every department of [options.input] and writes [options.output]. Never throws for bad
// input: a problem with the whole input is in [fatal], a problem with a row is in its error column.
BatchResult run_batch(const ast::Ruleset& ruleset, const BatchOptions& options);

// The closing summary as text: rows, errors, grade counts, mean/min/max, the rankings.
std::string render_batch_summary(const BatchSummary& summary);

}  // namespace rubric
