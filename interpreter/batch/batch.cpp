// Batch scoring: the pipeline; see batch.hpp and docs/batch.md.
//
//   open_input ──► Pipeline: reader thread ──► workers ──► writer (this thread) ──► commit
//
// Each step of a row lives in its own file: input (reading), csv_layout (the header), csv_facts,
// csv_document and csv_cells (a CSV row into facts), scoring, results (writing), summary.
#include "interpreter/batch/batch.hpp"

#include <sys/mman.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <system_error>
#include <thread>

#include "base/output_file.hpp"
#include "interpreter/batch/csv_document.hpp"
#include "interpreter/batch/csv_facts.hpp"
#include "interpreter/batch/csv_layout.hpp"
#include "interpreter/batch/input.hpp"
#include "interpreter/batch/results.hpp"
#include "interpreter/batch/prior.hpp"
#include "interpreter/batch/scoring.hpp"
#include "interpreter/batch/summary.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/plan.hpp"

namespace rubric {
namespace batch {
namespace {

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

Pipeline::Pipeline(const ast::Ruleset& rs, const BatchOptions& options, OpenInput& input, OutputFile& output,
                   BatchResult& result, const PriorBatch* prior, std::shared_ptr<const Cohort> cohort)
    : rs_(rs), options_(options), input_(input), output_(output), result_(result), prior_(prior), cohort_(std::move(cohort)),
      jobs_(std::min(kMaxBatchJobs, options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency()))),
      chunk_rows_(std::max<std::size_t>(1, options.chunk_rows)),
      max_in_flight_(4 * static_cast<std::size_t>(jobs_) + 2) {
  collect_leaves(rs, rs.items, leaves_);
  vetoes_ = has_vetoes(rs);
  if (!options.tree_evaluator) plan_.emplace(rs);
  if (input.format == BatchFormat::Csv) csv_facts_.emplace(rs, input.layout);
}

Pipeline::~Pipeline() {
  cancel();
  if (reader_.joinable()) reader_.join();
  for (std::thread& t : workers_) {
    if (t.joinable()) t.join();
  }
}

void Pipeline::cancel() {
  {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
  }
  room_.notify_all();
  work_ready_.notify_all();
}

void Pipeline::halt(bool& out_of_memory, bool reading) noexcept {
  {
    std::lock_guard lock(mutex_);
    out_of_memory = true;
    cancelled_ = true;
    if (reading) reading_done_ = true;
  }
  work_ready_.notify_all();
  done_ready_.notify_all();
  room_.notify_all();
}

void Pipeline::stop(std::string& reason, std::string why) {
  std::lock_guard lock(mutex_);
  if (reason.empty()) reason = std::move(why);
  cancelled_ = true;
  work_ready_.notify_all();
  done_ready_.notify_all();
  room_.notify_all();
}

void Pipeline::run() {
  // With a UTF-8 BOM, as the 自评表 CSV: Excel opens the Chinese names and headings as Chinese.
  if (input_.out_format == BatchFormat::Csv) output_.write("\xEF\xBB\xBF" + csv_header(leaves_, vetoes_));
  // The reader first, but it reads nothing until the workers have started: when not all of them
  // can, memory is short, and nothing may be taking it meanwhile.
  if (!start_reader() || !start_workers()) return;  // the destructor stops the threads: nothing is written
  SummaryBuilder summary(rs_, result_.summary, options_.top, options_.bottom);
  write_chunks(summary);
  cancel();
  reader_.join();
  for (std::thread& t : workers_) t.join();
  if (worker_out_of_memory_ && worker_error_.empty()) {
    worker_error_ = "out of memory: the batch stopped; the output was not written";
  }
  if (reader_out_of_memory_ && read_error_.empty()) {
    read_error_ = fmt::format("{}: reading stopped: out of memory; the output was not written", input_.name);
  }
  if (!worker_error_.empty()) {
    result_.fatal = worker_error_;
    return;
  }
  summary.finish();
  if (!read_error_.empty()) result_.fatal = read_error_;
}

// ---- The reader ---------------------------------------------------------------------------------

bool Pipeline::start_reader() {
  try {
    reader_ = std::thread([this] {
      const auto stop_reading = [this](const std::string& why) {
        std::lock_guard lock(mutex_);
        read_error_ = fmt::format("{}: reading stopped: {}; the output was not written", input_.name, why);
        reading_done_ = true;
        cancelled_ = true;
        work_ready_.notify_all();
        done_ready_.notify_all();
        room_.notify_all();
      };
      try {
        try {
          read_chunks();
        } catch (const std::bad_alloc&) {
          halt(reader_out_of_memory_, true);
        } catch (const std::exception& e) {
          stop_reading(fmt::format("internal error: {}", e.what()));
        } catch (...) {
          stop_reading("internal error: an unknown exception");
        }
      } catch (...) {  // the message itself could not be made
        halt(reader_out_of_memory_, true);
      }
    });
  } catch (const std::system_error& e) {
    result_.fatal = fmt::format("cannot start the thread that reads {}: {}", input_.name, e.what());
    return false;
  }
  return true;
}

std::unique_ptr<Chunk> Pipeline::recycled_chunk() {
  std::unique_ptr<Chunk> chunk;
  {
    std::lock_guard lock(mutex_);
    if (!pool_.empty()) {
      chunk = std::move(pool_.back());
      pool_.pop_back();
    }
  }
  if (!chunk) chunk = std::make_unique<Chunk>();
  chunk->reset();
  return chunk;
}

// Fills [chunk] with up to chunk_rows_ CSV rows, blank lines skipped; false at the end of the input.
bool Pipeline::read_csv_rows(Chunk& chunk) {
  while (chunk.count < chunk_rows_) {
    const std::size_t text_size = chunk.text.size();
    const std::size_t spans_size = chunk.spans.size();
    if (!read_csv_record(*input_.in, chunk.text, chunk.spans, input_.line, &chunk.open_quote)) return false;
    if (chunk.spans.size() - spans_size == 2 && chunk.text.size() == text_size) {  // a blank line
      chunk.spans.resize(spans_size);
      continue;
    }
    chunk.rows.push_back(chunk.spans.size() / 2);
    ++chunk.count;
  }
  return true;
}

// The same for JSON Lines: a line of blanks is no row.
bool Pipeline::read_json_lines(Chunk& chunk) {
  if (chunk.lines.size() < chunk_rows_) chunk.lines.resize(chunk_rows_);
  while (chunk.count < chunk_rows_) {
    std::string& text = chunk.lines[chunk.count];
    if (!read_line(*input_.in, text)) return false;
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    ++chunk.count;
  }
  return true;
}

// The reader thread: chunks of rows onto the queue, waiting while max_in_flight_ are out.
void Pipeline::read_chunks() {
  {
    std::unique_lock lock(mutex_);
    work_ready_.wait(lock, [&] { return workers_started_ || cancelled_; });
    if (cancelled_) {
      reading_done_ = true;
      return;
    }
  }
  std::size_t seq = 0;
  std::size_t row = 0;
  bool more = true;
  while (more) {
    std::unique_ptr<Chunk> chunk = recycled_chunk();
    chunk->seq = seq;
    chunk->first_row = row + 1;
    more = input_.format == BatchFormat::Csv ? read_csv_rows(*chunk) : read_json_lines(*chunk);
    if (input_.in->error()) {
      std::lock_guard lock(mutex_);
      read_error_ = fmt::format("{}: reading stopped: {}; the output was not written", input_.name, std::strerror(errno));
      more = false;
    }
    chunk->bytes_read = input_.in->consumed();
    if (chunk->count == 0) break;
    row += chunk->count;
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return in_flight_ < max_in_flight_ || cancelled_; });
    if (cancelled_) break;
    ++in_flight_;
    ++seq;
    work_.push_back(std::move(chunk));
    work_ready_.notify_one();
  }
  std::lock_guard lock(mutex_);
  reading_done_ = true;
  chunks_total_ = seq;
  work_ready_.notify_all();
  done_ready_.notify_all();
}

// ---- The workers --------------------------------------------------------------------------------

// What the workers must leave free for the chunks in flight and the threads' heaps: glibc maps
// 128 MB of address space to make a thread's heap of 64 MB.
constexpr std::size_t kWorkingRoom = std::size_t{128} << 20;

// Whether [bytes] of address space can still be mapped (under ulimit -v, the threads' stacks take
// it). A mapping that is never touched costs no memory; a system call cannot be optimised away.
bool address_space_left(std::size_t bytes) {
  void* p = ::mmap(nullptr, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) return false;
  ::munmap(p, bytes);
  return true;
}

bool Pipeline::start_workers() {
  const auto worker = [this](unsigned index) {
    // Outside any row (memory for a chunk's results): the chunk is lost, so the batch stops with
    // an error rather than write results with a gap.
    try {
      try {
        work(index);
      } catch (const std::bad_alloc&) {
        halt(worker_out_of_memory_, false);
      } catch (const std::exception& e) {
        stop(worker_error_, fmt::format("internal error: {}; the batch stopped; the output was not written", e.what()));
      } catch (...) {
        stop(worker_error_, "internal error: an unknown exception; the batch stopped; the output was not written");
      }
    } catch (...) {  // the message itself could not be made
      halt(worker_out_of_memory_, false);
    }
  };
  std::string failure;
  running_ = jobs_;  // no thread has started yet
  for (unsigned w = 0; w < jobs_; ++w) {
    // A thread that cannot start, for the system's limit on threads (system_error) or for memory
    // (bad_alloc, from the thread's state), leaves the batch to those that did.
    try {
      workers_.emplace_back(worker, w);
    } catch (const std::system_error& e) {
      failure = e.what();
      break;
    } catch (const std::bad_alloc&) {
      failure = "out of memory";
      break;
    }
  }
  // A thread that could not start, or too little room left once they have, means the threads took
  // what there was (under a memory limit, each thread's stack): half of them end again, and again
  // while room is still short, so that the rest have room to work in.
  const auto started = static_cast<unsigned>(workers_.size());
  for (unsigned keep = failure.empty() ? started : std::max(1u, started / 2);; keep /= 2) {
    end_workers_from(keep);
    if (keep <= 1 || address_space_left(kWorkingRoom)) break;
  }
  {
    std::lock_guard lock(mutex_);
    alive_ = running_;
    workers_started_ = true;
  }
  work_ready_.notify_all();
  if (workers_.empty()) {
    result_.fatal = fmt::format("cannot start a worker thread: {} (the system's limit on threads or memory; try "
                                "a smaller -j, or raise the limit)",
                                failure);
    return false;
  }
  if (!failure.empty()) {
    result_.summary.warnings.push_back(fmt::format("only {} of the {} worker threads could start ({}); the batch ran on {}",
                                                   started, jobs_, failure, workers_.size()));
  } else if (workers_.size() < started) {
    result_.summary.warnings.push_back(fmt::format("{} worker threads left less than {} MB of memory to work in; the "
                                                   "batch ran on {}",
                                                   started, kWorkingRoom >> 20, workers_.size()));
  }
  return true;
}

void Pipeline::end_workers_from(unsigned keep) {
  {
    std::lock_guard lock(mutex_);
    running_ = keep;
  }
  work_ready_.notify_all();
  while (workers_.size() > keep) {
    workers_.back().join();
    workers_.pop_back();
  }
}

// A worker thread: chunks off the queue, each row scored and rendered, the chunk handed to the writer.
void Pipeline::work(unsigned index) {
  {
    std::unique_lock lock(mutex_);
    work_ready_.wait(lock, [&] { return workers_started_ || index >= running_ || cancelled_; });
    if (cancelled_ || index >= running_) return;
  }
  // Memory running out outside any row ends this worker, not the batch: the others go on with its
  // chunk. Only when the last one ends this way does the batch stop.
  std::unique_ptr<Worker> worker;
  try {
    worker.reset(new Worker{Scorer(rs_, plan_ ? &*plan_ : nullptr, leaves_.size(),
                                   FactsOptions{options_.allow_unknown_facts}, prior_, cohort_),
                            std::nullopt, {}, {}, {}, {}});
    if (csv_facts_) worker->direct.emplace(*csv_facts_, cohort_);
  } catch (const std::bad_alloc&) {
    retire(nullptr);
    return;
  }
  for (;;) {
    std::unique_ptr<Chunk> chunk;
    {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [&] { return !work_.empty() || reading_done_ || cancelled_; });
      if (cancelled_ || work_.empty()) return;
      chunk = std::move(work_.front());
      work_.pop_front();
    }
    try {
      chunk->results.resize(chunk->count);
    } catch (const std::bad_alloc&) {
      retire(std::move(chunk));
      return;
    }
    for (std::size_t i = 0; i < chunk->count; ++i) score_row(*chunk, i, *worker);
    std::lock_guard lock(mutex_);
    done_.emplace(chunk->seq, std::move(chunk));
    done_ready_.notify_one();
  }
}

void Pipeline::retire(std::unique_ptr<Chunk> chunk) noexcept {
  {
    std::lock_guard lock(mutex_);
    --alive_;
    try {
      if (chunk && alive_ > 0) work_.push_front(std::move(chunk));
    } catch (const std::bad_alloc&) {
      alive_ = 0;  // the chunk cannot be handed on: the batch cannot be complete
    }
    if (alive_ == 0) {
      worker_out_of_memory_ = true;
      cancelled_ = true;
    }
  }
  work_ready_.notify_all();
  done_ready_.notify_all();
  room_.notify_all();
}

void Pipeline::fail_row(RowResult& r, std::string error) {
  r.total.reset();
  r.grade = -1;
  r.scores.assign(leaves_.size(), std::nullopt);
  r.error = std::move(error);
}

// Row [i] of [chunk] scored into its result and rendered into the chunk's output.
void Pipeline::score_row(Chunk& chunk, std::size_t i, Worker& worker) {
  RowResult& r = chunk.results[i];
  r.row = chunk.first_row + i;
  r.total.reset();
  r.grade = -1;
  r.error.clear();
  // Whatever goes wrong inside one row (a bug, memory running out) is that row's error: the other
  // rows are still scored, and nothing leaves the thread.
  try {
    if (input_.format == BatchFormat::Csv) {
      score_csv_row(chunk, i, r, worker);
    } else {
      r.department.clear();
      r.id.clear();
      if (options_.before_row) options_.before_row(r.row);
      worker.scorer.score(chunk.lines[i], false, r);
      if (r.id.empty()) r.id = r.department;
    }
  } catch (const std::exception& e) {
    fail_row(r, dynamic_cast<const std::bad_alloc*>(&e) != nullptr
                    ? std::string("out of memory while scoring this row; it is not scored")
                    : fmt::format("internal error while scoring this row ({}); it is not scored. This is a bug in "
                                  "rubric: please report it",
                                  e.what()));
  } catch (...) {
    fail_row(r, "internal error while scoring this row (an unknown exception); it is not scored. This is a bug in "
                "rubric: please report it");
  }
  if (r.id.empty()) r.id = std::to_string(r.row);
  write_row(rs_, result_.summary.digits, leaves_, input_.out_format, r, vetoes_, chunk.out);
  r.scores.clear();
}

void Pipeline::score_csv_row(const Chunk& chunk, std::size_t i, RowResult& r, Worker& worker) {
  const CsvLayout& layout = input_.layout;
  const CsvRow row = chunk.csv_row(i);
  assign_utf8(r.id, row.cell(layout.id));
  assign_utf8(r.department, row.cell(layout.department));
  if (options_.before_row) options_.before_row(r.row);
  if (chunk.open_quote && i + 1 == chunk.count) {
    // Everything after the quote went into one cell: nothing of the row can be trusted.
    r.scores.assign(leaves_.size(), std::nullopt);
    const std::size_t field = chunk.open_quote->field;
    r.error = fmt::format("the quote that opens {} on line {} is never closed: the rest of the file was read "
                          "into that cell; it is not scored",
                          field <= layout.headers.size() ? fmt::format("column {}", layout.headers[field - 1])
                                                         : fmt::format("cell {}", field),
                          chunk.open_quote->line);
  } else if (row.fields != layout.headers.size()) {
    // A row longer or shorter than the header has lost its alignment (a stray comma, a cut line):
    // its cells cannot be trusted to be the facts their columns name.
    r.scores.assign(leaves_.size(), std::nullopt);
    r.error = fmt::format("the row has {} cells, but the header names {} columns; it is not scored", row.fields,
                          layout.headers.size());
  } else if (const Facts* facts = worker.direct->convert(row)) {
    worker.errors.clear();
    worker.scorer.score(*facts, worker.errors, r);
  } else {
    CsvRow readable;
    const std::vector<UnreadableCell> unreadable = unreadable_cells(layout, row, readable, worker.cells, worker.spans);
    csv_document(rs_, layout, readable, worker.document);
    worker.scorer.score(worker.document, true, r, unreadable);
  }
}

// ---- The writer ---------------------------------------------------------------------------------

// This thread: the finished chunks in input order into the output and the summary.
void Pipeline::write_chunks(SummaryBuilder& summary) {
  std::size_t next = 0;
  for (;;) {
    std::unique_ptr<Chunk> chunk;
    {
      std::unique_lock lock(mutex_);
      done_ready_.wait(lock, [&] {
        return done_.count(next) > 0 || (reading_done_ && next >= chunks_total_) || !worker_error_.empty() ||
               worker_out_of_memory_ || cancelled_;
      });
      auto it = done_.find(next);
      if (it == done_.end()) break;
      chunk = std::move(it->second);
      done_.erase(it);
    }
    output_.write(chunk->out);
    for (const RowResult& r : chunk->results) summary.add(r);
    if (options_.progress) options_.progress(result_.summary.rows, chunk->bytes_read, input_.size);
    ++next;
    std::lock_guard lock(mutex_);
    --in_flight_;
    pool_.push_back(std::move(chunk));
    room_.notify_one();
    if (!output_.error().empty()) {
      cancelled_ = true;
      room_.notify_all();
      work_ready_.notify_all();
    }
  }
}

}  // namespace
}  // namespace batch

std::optional<BatchFormat> batch_format_of(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".csv" || ext == ".CSV") return BatchFormat::Csv;
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".JSONL") return BatchFormat::JsonLines;
  return std::nullopt;
}

BatchResult run_batch(const ast::Ruleset& rs, const BatchOptions& options) {
  BatchResult result;
  result.summary.digits = total_digits(rs);
  // A ruleset that compares departments reads its input twice: not a stream.
  if (rs.reads_cohort() && !batch::twice_readable(options, result)) return result;
  batch::OpenInput input;
  if (!batch::open_input(rs, options, input, result)) return result;
  std::optional<batch::PriorBatch> prior;
  if (!options.prior.empty() && !rs.reads_prior()) {
    result.summary.warnings.push_back(fmt::format("{}: the ruleset reads no facts of last year (no prior(…)): --prior is not used",
                                                  options.prior));
  } else if (!options.prior.empty()) {
    prior = batch::read_prior_batch(rs, options.prior, options.columns);
    if (!prior->fatal.empty()) {
      result.fatal = prior->fatal;
      return result;
    }
  }
  std::shared_ptr<const Cohort> cohort;
  if (rs.reads_cohort() && !batch::cohort_pass(rs, options, result, cohort)) return result;
  OutputFile output(options.output);
  if (!output.error().empty()) {
    result.fatal = output.error();
    result.output_failed = true;
    return result;
  }
  batch::Pipeline(rs, options, input, output, result, prior ? &*prior : nullptr, cohort).run();
  if (!result.fatal.empty()) return result;
  if (output.error().empty()) output.commit();
  if (!output.error().empty()) {
    result.fatal = output.error();
    result.output_failed = true;
  }
  return result;
}

}  // namespace rubric
