// The pipeline of one batch (batch.cpp): its chunks of rows, and the threads that read, score
// and write them. Internal to interpreter/batch/: batch.cpp has the reader and the writer,
// workers.cpp the workers.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/output_file.hpp"
#include "interpreter/batch/batch.hpp"
#include "interpreter/batch/csv_facts.hpp"
#include "interpreter/batch/input.hpp"
#include "interpreter/batch/results.hpp"
#include "interpreter/batch/scoring.hpp"
#include "interpreter/batch/summary.hpp"
#include "interpreter/eval/plan.hpp"

namespace rubric::batch {

// A folder of filled-in workbooks (rubric facts --format xlsx) as the input: each *.xlsx in name
// order one row, its file name the id (workbooks.cpp). No cohort and no prior figures yet.
bool is_workbook_folder(const BatchOptions& options);
BatchResult run_workbooks(const ast::Ruleset& rs, const BatchOptions& options);

// A unit of work. Chunks are recycled once written, so their buffers stop growing after the first
// few: reading, scoring and writing a row allocate nothing in the steady state.
struct Chunk {
  std::size_t seq = 0;
  std::size_t first_row = 0;
  // CSV input: every cell of the chunk in [text]; field k is text[spans[2k], spans[2k+1]), and
  // row i has the fields from rows[i] to rows[i + 1].
  std::string text;
  std::vector<std::size_t> spans;
  std::vector<std::size_t> rows;
  std::vector<std::string> lines;  // JSON Lines input
  std::size_t count = 0;
  std::uint64_t bytes_read = 0;  // input consumed when the chunk was complete
  std::string out;               // the rendered output rows
  std::vector<RowResult> results;  // light: scores cleared, kept for the summary
  std::optional<OpenQuote> open_quote;  // the file ended inside a quoted cell of the last row

  CsvRow csv_row(std::size_t i) const {
    return CsvRow{text.data(), spans.data() + 2 * rows[i], rows[i + 1] - rows[i]};
  }
  void reset() {
    count = 0;
    text.clear();
    spans.clear();
    rows.assign(1, 0);
    out.clear();
    open_quote.reset();
  }
};

// What one worker thread keeps from row to row.
struct Worker {
  Scorer scorer;
  std::optional<CsvFacts> direct;  // CSV input: the direct path
  std::string document;            // the facts document of a row that takes the document path
  std::vector<std::string> errors;
  std::string cells;  // an unreadable row's cells, with stand-ins
  std::vector<std::size_t> spans;
};

// The threads of one batch and what they share:
//
//   reader thread ──► bounded queue of chunks ──► N worker threads ──► in-order writer (caller)
//
// Every thread is joined on every path out, an exception's included (the destructor): a
// std::thread destroyed while it runs would end the process (and leave the temporary file).
class Pipeline {
 public:
  Pipeline(const ast::Ruleset& rs, const BatchOptions& options, OpenInput& input, OutputFile& output,
           BatchResult& result, const PriorBatch* prior, std::shared_ptr<const Cohort> cohort);
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Scores every row into the output and the summary; sets [result.fatal] when the batch stopped.
  // The caller commits the output when it did not.
  void run();

 private:
  // The reader.
  bool start_reader();
  void read_chunks();
  std::unique_ptr<Chunk> recycled_chunk();
  bool read_csv_rows(Chunk& chunk);
  bool read_json_lines(Chunk& chunk);
  // The workers.
  bool start_workers();
  void work(unsigned index);
  // Before the workers start work: those numbered [keep] or more end, and are joined.
  void end_workers_from(unsigned keep);
  // A worker that ran out of memory outside any row ends: its [chunk] (if any) goes back to the
  // queue for the others; the last worker to end so stops the batch. Allocates nothing that can fail.
  void retire(std::unique_ptr<Chunk> chunk) noexcept;
  void score_row(Chunk& chunk, std::size_t i, Worker& worker);
  void score_csv_row(const Chunk& chunk, std::size_t i, RowResult& r, Worker& worker);
  void fail_row(RowResult& r, std::string error);
  // The writer.
  void write_chunks(SummaryBuilder& summary);
  // Stopping: [why] in [reason] (if it holds none yet), and every thread told. Takes the lock.
  void stop(std::string& reason, std::string why);
  void cancel();
  // Stops the batch as out of memory without allocating anything (a catch handler under a memory
  // limit must not throw again: that ends the process).
  void halt(bool& out_of_memory, bool reading) noexcept;

  const ast::Ruleset& rs_;
  const BatchOptions& options_;
  OpenInput& input_;
  OutputFile& output_;
  BatchResult& result_;
  const PriorBatch* prior_;  // --prior: last year's batch, or null
  std::shared_ptr<const Cohort> cohort_;  // the year's departments, for year_mean(…) …, or null
  std::vector<Leaf> leaves_;
  bool vetoes_ = false;  // the ruleset has a veto: the results CSV says which applied
  std::optional<Plan> plan_;
  std::optional<CsvFactsPlan> csv_facts_;
  unsigned jobs_;
  std::size_t chunk_rows_;
  std::size_t max_in_flight_;

  std::mutex mutex_;
  std::condition_variable work_ready_;  // workers wait for chunks
  std::condition_variable done_ready_;  // the writer waits for finished chunks
  std::condition_variable room_;        // the reader waits for room
  std::deque<std::unique_ptr<Chunk>> work_;
  std::map<std::size_t, std::unique_ptr<Chunk>> done_;
  std::vector<std::unique_ptr<Chunk>> pool_;  // written chunks, to be refilled
  std::size_t in_flight_ = 0;
  bool reading_done_ = false;
  // The workers wait for every thread to have started before they allocate anything, and those
  // numbered [running_] or more end then (see start_workers()).
  bool workers_started_ = false;
  unsigned running_ = 0;
  unsigned alive_ = 0;  // the workers that have not retired()
  bool cancelled_ = false;
  std::size_t chunks_total_ = 0;
  std::string read_error_;
  std::string worker_error_;  // what stopped a worker outside any row (then the batch stops)
  // Out of memory where even the message could not be made: set without allocating (halt()), the
  // message is written once the threads have ended.
  bool reader_out_of_memory_ = false;
  bool worker_out_of_memory_ = false;
  std::thread reader_;
  std::vector<std::thread> workers_;
};

}  // namespace rubric::batch
