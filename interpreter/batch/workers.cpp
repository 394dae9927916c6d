// The workers of a batch's pipeline: started (as many as can, with room to work in), each
// scoring chunks of rows off the queue; see pipeline.hpp.
#include "interpreter/batch/pipeline.hpp"

#include <sys/mman.h>

#include <fmt/format.h>

#include <algorithm>
#include <new>
#include <system_error>

#include "base/messages.hpp"
#include "interpreter/batch/csv_document.hpp"

namespace rubric::batch {

// ---- The workers --------------------------------------------------------------------------------

namespace {

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

}  // namespace

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
        stop(worker_error_, tr_format("internal error: {}; the batch stopped; the output was not written", e.what()));
      } catch (...) {
        stop(worker_error_, std::string(tr("internal error: an unknown exception; the batch stopped; the output was not written")));
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
      failure = std::string(tr("out of memory"));
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
    result_.fatal = tr_format("cannot start a worker thread: {} (the system's limit on threads or memory; try "
                                "a smaller -j, or raise the limit)",
                                failure);
    return false;
  }
  if (!failure.empty()) {
    result_.summary.warnings.push_back(tr_format("only {} of the {} worker threads could start ({}); the batch ran on {}",
                                                   started, jobs_, failure, workers_.size()));
  } else if (workers_.size() < started) {
    result_.summary.warnings.push_back(tr_format("{} worker threads left less than {} MB of memory to work in; the "
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
    if (options_.tested_sink) worker->scorer.record_tested(options_.tested_sink());
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
  r.problems.assign(1, RowProblem{"", r.error, "", ""});
}

// Row [i] of [chunk] scored into its result and rendered into the chunk's output.
void Pipeline::score_row(Chunk& chunk, std::size_t i, Worker& worker) {
  RowResult& r = chunk.results[i];
  r.row = chunk.first_row + i;
  r.total.reset();
  r.grade = -1;
  r.error.clear();
  r.problems.clear();
  r.vetoes.clear();  // the results of a chunk are used again: nothing of an earlier row may stay
  r.tested.clear();
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
                    ? std::string(tr("out of memory while scoring this row; it is not scored"))
                    : tr_format("internal error while scoring this row ({}); it is not scored. This is a bug in "
                                  "rubric: please report it",
                                  e.what()));
  } catch (...) {
    fail_row(r, std::string(tr("internal error while scoring this row (an unknown exception); it is not scored. This is a bug in "
                "rubric: please report it")));
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
    r.error = tr_format("the quote that opens {} on line {} is never closed: the rest of the file was read "
                          "into that cell; it is not scored",
                          field <= layout.headers.size() ? tr_format("column {}", layout.headers[field - 1])
                                                         : tr_format("cell {}", field),
                          chunk.open_quote->line);
  } else if (row.fields != layout.headers.size()) {
    // A row longer or shorter than the header has lost its alignment (a stray comma, a cut line):
    // its cells cannot be trusted to be the facts their columns name.
    r.scores.assign(leaves_.size(), std::nullopt);
    r.error = tr_format("the row has {} cells, but the header names {} columns; it is not scored", row.fields,
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

}  // namespace rubric::batch
