// Batch scoring: the pipeline; see batch.hpp and docs/batch.md.
//
//   open_input ──► Pipeline: reader thread ──► workers ──► writer (this thread) ──► commit
//
// Each step of a row lives in its own file: input (reading), csv_layout (the header), csv_facts,
// csv_document and csv_cells (a CSV row into facts), scoring, results (writing), summary.
#include "interpreter/batch/batch.hpp"
#include "interpreter/batch/pipeline.hpp"

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

#include "base/messages.hpp"
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
    worker_error_ = std::string(tr("out of memory: the batch stopped; the output was not written"));
  }
  if (reader_out_of_memory_ && read_error_.empty()) {
    read_error_ = tr_format("{}: reading stopped: out of memory; the output was not written", input_.name);
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
        read_error_ = tr_format("{}: reading stopped: {}; the output was not written", input_.name, why);
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
          stop_reading(tr_format("internal error: {}", e.what()));
        } catch (...) {
          stop_reading(std::string(tr("internal error: an unknown exception")));
        }
      } catch (...) {  // the message itself could not be made
        halt(reader_out_of_memory_, true);
      }
    });
  } catch (const std::system_error& e) {
    result_.fatal = tr_format("cannot start the thread that reads {}: {}", input_.name, e.what());
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
      read_error_ = tr_format("{}: reading stopped: {}; the output was not written", input_.name, std::strerror(errno));
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
    for (const RowResult& r : chunk->results) {
      summary.add(r);
      if (options_.on_tested && options_.tested_sink && r.error.empty() && r.total) options_.on_tested(r.row, r.tested);
    }
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

}  // namespace batch

std::optional<BatchFormat> batch_format_of(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".csv" || ext == ".CSV") return BatchFormat::Csv;
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".JSONL") return BatchFormat::JsonLines;
  return std::nullopt;
}

BatchResult run_batch(const ast::Ruleset& rs, const BatchOptions& options) {
  if (batch::is_workbook_folder(options)) return batch::run_workbooks(rs, options);
  BatchResult result;
  result.summary.digits = total_digits(rs);
  // A ruleset that compares departments reads its input twice: not a stream.
  if (rs.reads_cohort() && !batch::twice_readable(options, result)) return result;
  batch::OpenInput input;
  if (!batch::open_input(rs, options, input, result)) return result;
  std::optional<batch::PriorBatch> prior;
  if (!options.prior.empty() && !rs.reads_prior()) {
    result.summary.warnings.push_back(tr_format("{}: the ruleset reads no facts of last year (no prior(…)): --prior is not used",
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
