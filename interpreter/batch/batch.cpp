// Batch scoring: the pipeline (reader thread, workers, in-order writer); see batch.hpp and
// docs/batch.md. Each step of a row lives in its own file: input (reading), csv_layout (the
// header), csv_facts and csv_document (a CSV row into facts), scoring, results (writing).
#include "interpreter/batch/batch.hpp"

#include <sys/stat.h>

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
#include "base/unicode.hpp"
#include "interpreter/batch/csv_document.hpp"
#include "interpreter/batch/csv_facts.hpp"
#include "interpreter/batch/csv_layout.hpp"
#include "interpreter/batch/input.hpp"
#include "interpreter/batch/results.hpp"
#include "interpreter/batch/scoring.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/plan.hpp"

namespace rubric {
namespace {

using namespace batch;  // the steps of the pipeline

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

// Keeps the [n] best (or worst) totals; ties keep the earlier row first.
class Ranking {
 public:
  Ranking(std::size_t n, bool best) : n_(n), best_(best) {}
  void offer(const RowResult& r, const std::string& grade) {
    if (n_ == 0 || !r.total) return;
    const auto before = [&](const RankedRow& a, const RankedRow& b) {
      if (a.total != b.total) return best_ ? a.total > b.total : a.total < b.total;
      return a.row < b.row;
    };
    RankedRow row{r.row, r.id, r.department, *r.total, grade};
    if (rows_.size() == n_ && !before(row, rows_.back())) return;
    rows_.insert(std::upper_bound(rows_.begin(), rows_.end(), row, before), row);
    if (rows_.size() > n_) rows_.pop_back();
  }
  std::vector<RankedRow> take() { return std::move(rows_); }

 private:
  std::size_t n_;
  bool best_;
  std::vector<RankedRow> rows_;
};

}  // namespace

std::optional<BatchFormat> batch_format_of(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".csv" || ext == ".CSV") return BatchFormat::Csv;
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".JSONL") return BatchFormat::JsonLines;
  return std::nullopt;
}

BatchResult run_batch(const ast::Ruleset& rs, const BatchOptions& options) {
  BatchResult result;
  BatchSummary& summary = result.summary;
  summary.digits = total_digits(rs);
  const auto in_format = options.input_format ? options.input_format : batch_format_of(options.input);
  const auto out_format = batch_format_of(options.output);
  const bool from_stdin = options.input == "-";
  const std::string input_name = from_stdin ? "<stdin>" : options.input;  // in messages
  if (!in_format) {
    result.fatal = from_stdin ? std::string("<stdin>: standard input has no extension; say its format (--input-format)")
                              : fmt::format("{}: the input must be .csv, .jsonl or .ndjson", options.input);
    return result;
  }
  if (!out_format) {
    result.fatal = fmt::format("{}: the output must be .csv, .jsonl or .ndjson", options.output);
    return result;
  }
  // Standard input is read like a file, but not closed: it is not ours.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(from_stdin ? stdin : std::fopen(options.input.c_str(), "rb"),
                                                       from_stdin ? +[](std::FILE*) { return 0; } : &std::fclose);
  if (!file) {
    result.fatal = fmt::format("{}: cannot read the file: {}", input_name, std::strerror(errno));
    return result;
  }
  std::uint64_t input_size = 0;
  {
    struct stat st {};
    if (::fstat(::fileno(file.get()), &st) == 0 && S_ISREG(st.st_mode)) input_size = static_cast<std::uint64_t>(st.st_size);
  }
  Input in(file.get());
  std::size_t line = 1;

  if (const std::string utf16 = unicode::utf16_message(in.window()); !utf16.empty()) {
    result.fatal = fmt::format("{}: {} [E0021]\n  = help: {}", input_name, utf16, unicode::kUtf16Help);
    return result;
  }
  CsvLayout layout;
  if (*in_format == BatchFormat::Csv) {
    std::vector<std::string> header;
    if (!read_csv_record(in, header, line)) {
      result.fatal = fmt::format("{}: the file is empty; the first line must name the columns", input_name);
      return result;
    }
    if (!header.empty() && header[0].rfind("\xEF\xBB\xBF", 0) == 0) header[0].erase(0, 3);  // a UTF-8 BOM
    const std::string bad = compile_header(rs, header, layout, summary.warnings, options.allow_unknown_facts);
    if (!bad.empty()) {
      result.fatal = fmt::format("{}: line 1: {}", input_name, bad);
      return result;
    }
  }

  std::vector<Leaf> leaves;
  collect_leaves(rs, rs.items, leaves);
  std::optional<Plan> plan;
  if (!options.tree_evaluator) plan.emplace(rs);

  OutputFile output(options.output);
  if (!output.error().empty()) {
    result.fatal = output.error();
    result.output_failed = true;
    return result;
  }
  if (*out_format == BatchFormat::Csv) output.write(csv_header(leaves));

  const unsigned jobs = std::min(kMaxBatchJobs, options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency()));
  const std::size_t chunk_rows = std::max<std::size_t>(1, options.chunk_rows);
  const std::size_t max_in_flight = 4 * static_cast<std::size_t>(jobs) + 2;

  std::mutex mutex;
  std::condition_variable work_ready;   // workers wait for chunks
  std::condition_variable done_ready;   // the writer waits for finished chunks
  std::condition_variable room;         // the reader waits for room
  std::deque<std::unique_ptr<Chunk>> work;
  std::map<std::size_t, std::unique_ptr<Chunk>> done;
  std::vector<std::unique_ptr<Chunk>> pool;  // written chunks, to be refilled
  std::size_t in_flight = 0;
  bool reading_done = false;
  bool cancelled = false;
  std::size_t chunks_total = 0;
  std::string read_error;
  std::string worker_error;  // what stopped a worker outside any row (then the batch stops)

  // Every thread is joined on every path out of here, an exception's included: a std::thread
  // destroyed while it runs would end the process (and leave the temporary file).
  std::thread reader;
  std::vector<std::thread> workers;
  struct Joiner {
    std::mutex& mutex;
    bool& cancelled;
    std::condition_variable& room;
    std::condition_variable& work_ready;
    std::thread& reader;
    std::vector<std::thread>& workers;
    ~Joiner() {
      {
        std::lock_guard lock(mutex);
        cancelled = true;
      }
      room.notify_all();
      work_ready.notify_all();
      if (reader.joinable()) reader.join();
      for (std::thread& t : workers) {
        if (t.joinable()) t.join();
      }
    }
  } joiner{mutex, cancelled, room, work_ready, reader, workers};

  const auto start_reader = [&] {
    std::size_t seq = 0;
    std::size_t row = 0;
    bool more = true;
    while (more) {
      std::unique_ptr<Chunk> chunk;
      {
        std::lock_guard lock(mutex);
        if (!pool.empty()) {
          chunk = std::move(pool.back());
          pool.pop_back();
        }
      }
      if (!chunk) chunk = std::make_unique<Chunk>();
      chunk->reset();
      chunk->seq = seq;
      chunk->first_row = row + 1;
      if (*in_format == BatchFormat::Csv) {
        while (chunk->count < chunk_rows) {
          const std::size_t text_size = chunk->text.size();
          const std::size_t spans_size = chunk->spans.size();
          if (!read_csv_record(in, chunk->text, chunk->spans, line, &chunk->open_quote)) {
            more = false;
            break;
          }
          if (chunk->spans.size() - spans_size == 2 && chunk->text.size() == text_size) {  // a blank line
            chunk->spans.resize(spans_size);
            continue;
          }
          chunk->rows.push_back(chunk->spans.size() / 2);
          ++chunk->count;
        }
      } else {
        if (chunk->lines.size() < chunk_rows) chunk->lines.resize(chunk_rows);
        while (chunk->count < chunk_rows) {
          auto& text = chunk->lines[chunk->count];
          if (!read_line(in, text)) {
            more = false;
            break;
          }
          if (text.find_first_not_of(" \t") == std::string::npos) continue;
          ++chunk->count;
        }
      }
      if (in.error()) {
        std::lock_guard lock(mutex);
        read_error = fmt::format("{}: cannot read the file: {}", input_name, std::strerror(errno));
        more = false;
      }
      chunk->bytes_read = in.consumed();
      if (chunk->count == 0) break;
      row += chunk->count;
      std::unique_lock lock(mutex);
      room.wait(lock, [&] { return in_flight < max_in_flight || cancelled; });
      if (cancelled) break;
      ++in_flight;
      ++seq;
      work.push_back(std::move(chunk));
      work_ready.notify_one();
    }
    std::lock_guard lock(mutex);
    reading_done = true;
    chunks_total = seq;
    work_ready.notify_all();
    done_ready.notify_all();
  };
  try {
    reader = std::thread([&] {
      const auto stop_reading = [&](std::string why) {
        std::lock_guard lock(mutex);
        read_error = fmt::format("{}: reading stopped: {}; the output was not written", input_name, why);
        reading_done = true;
        cancelled = true;
        work_ready.notify_all();
        done_ready.notify_all();
        room.notify_all();
      };
      try {
        start_reader();
      } catch (const std::bad_alloc&) {
        stop_reading("out of memory");
      } catch (const std::exception& e) {
        stop_reading(fmt::format("internal error: {}", e.what()));
      } catch (...) {
        stop_reading("internal error: an unknown exception");
      }
    });
  } catch (const std::system_error& e) {
    result.fatal = fmt::format("cannot start the thread that reads {}: {}", input_name, e.what());
    return result;
  }

  const bool csv_in = *in_format == BatchFormat::Csv;
  std::optional<CsvFactsPlan> csv_facts;
  if (csv_in) csv_facts.emplace(rs, layout);
  const auto work_loop = [&] {
      Scorer scorer(rs, plan ? &*plan : nullptr, leaves.size(), FactsOptions{options.allow_unknown_facts});
      std::optional<CsvFacts> direct;
      if (csv_facts) direct.emplace(*csv_facts);
      std::string document;
      std::vector<std::string> errors;
      std::string cells;  // an unreadable row's cells, with stand-ins
      std::vector<std::size_t> spans;
      for (;;) {
        std::unique_ptr<Chunk> chunk;
        {
          std::unique_lock lock(mutex);
          work_ready.wait(lock, [&] { return !work.empty() || reading_done || cancelled; });
          if (cancelled || work.empty()) return;
          chunk = std::move(work.front());
          work.pop_front();
        }
        chunk->results.resize(chunk->count);
        for (std::size_t i = 0; i < chunk->count; ++i) {
          RowResult& r = chunk->results[i];
          r.row = chunk->first_row + i;
          r.total.reset();
          r.grade = -1;
          r.error.clear();
          // Whatever goes wrong inside one row (a bug, memory running out) is that row's error:
          // the other rows are still scored, and nothing leaves the thread.
          try {
            if (csv_in) {
              const CsvRow row = chunk->csv_row(i);
              assign_utf8(r.id, row.cell(layout.id));
              assign_utf8(r.department, row.cell(layout.department));
              if (options.before_row) options.before_row(r.row);
              if (chunk->open_quote && i + 1 == chunk->count) {
                // Everything after the quote went into one cell: nothing of the row can be trusted.
                r.scores.assign(leaves.size(), std::nullopt);
                const std::size_t field = chunk->open_quote->field;
                r.error = fmt::format("the quote that opens {} on line {} is never closed: the rest of the file was read "
                                      "into that cell; it is not scored",
                                      field <= layout.headers.size() ? fmt::format("column {}", layout.headers[field - 1])
                                                                     : fmt::format("cell {}", field),
                                      chunk->open_quote->line);
              } else if (row.fields != layout.headers.size()) {
                // A row longer or shorter than the header has lost its alignment (a stray comma, a
                // cut line): its cells cannot be trusted to be the facts their columns name.
                r.scores.assign(leaves.size(), std::nullopt);
                r.error = fmt::format("the row has {} cells, but the header names {} columns; it is not scored",
                                      row.fields, layout.headers.size());
              } else if (const Facts* facts = direct->convert(row)) {
                errors.clear();
                scorer.score(*facts, errors, r);
              } else {
                CsvRow readable;
                const std::vector<UnreadableCell> unreadable = unreadable_cells(layout, row, readable, cells, spans);
                csv_document(rs, layout, readable, document);
                scorer.score(document, true, r, unreadable);
              }
            } else {
              r.department.clear();
              r.id.clear();
              if (options.before_row) options.before_row(r.row);
              scorer.score(chunk->lines[i], false, r);
              if (r.id.empty()) r.id = r.department;
            }
          } catch (const std::exception& e) {
            r.total.reset();
            r.grade = -1;
            r.scores.assign(leaves.size(), std::nullopt);
            r.error = dynamic_cast<const std::bad_alloc*>(&e) != nullptr
                          ? std::string("out of memory while scoring this row; it is not scored")
                          : fmt::format("internal error while scoring this row ({}); it is not scored. This is a "
                                        "bug in rubric: please report it",
                                        e.what());
          } catch (...) {
            r.total.reset();
            r.grade = -1;
            r.scores.assign(leaves.size(), std::nullopt);
            r.error = "internal error while scoring this row (an unknown exception); it is not scored. This is a bug in "
                      "rubric: please report it";
          }
          if (r.id.empty()) r.id = std::to_string(r.row);
          write_row(rs, summary.digits, leaves, *out_format, r, chunk->out);
          r.scores.clear();
        }
        std::lock_guard lock(mutex);
        done.emplace(chunk->seq, std::move(chunk));
        done_ready.notify_one();
      }
  };
  const auto stop_batch = [&](std::string why) {
    // Outside any row (memory for a chunk's results): the chunk is lost, so the batch stops with
    // an error rather than write results with a gap.
    std::lock_guard lock(mutex);
    if (worker_error.empty()) worker_error = std::move(why);
    cancelled = true;
    work_ready.notify_all();
    done_ready.notify_all();
    room.notify_all();
  };
  const auto worker = [&] {
    try {
      work_loop();
    } catch (const std::bad_alloc&) {
      stop_batch("out of memory: the batch stopped; the output was not written");
    } catch (const std::exception& e) {
      stop_batch(fmt::format("internal error: {}; the batch stopped; the output was not written", e.what()));
    } catch (...) {
      stop_batch("internal error: an unknown exception; the batch stopped; the output was not written");
    }
  };
  std::string thread_failure;
  for (unsigned w = 0; w < jobs; ++w) {
    try {
      workers.emplace_back(worker);
    } catch (const std::system_error& e) {
      thread_failure = e.what();
      break;
    }
  }
  if (workers.empty()) {
    result.fatal = fmt::format("cannot start a worker thread: {} (the system's limit on threads or memory; try "
                               "a smaller -j, or raise the limit)",
                               thread_failure);
    return result;  // the joiner stops the reader; the output is not written
  }
  if (!thread_failure.empty()) {
    summary.warnings.push_back(fmt::format("only {} of the {} worker threads could start ({}); the batch ran on {}",
                                           workers.size(), jobs, thread_failure, workers.size()));
  }

  // The writer: this thread, in input order.
  Ranking top(options.top, true);
  Ranking bottom(options.bottom, false);
  std::vector<std::size_t> grade_counts(rs.grades.size(), 0);
  Decimal sum;
  std::size_t with_total = 0;
  std::size_t next = 0;
  for (;;) {
    std::unique_ptr<Chunk> chunk;
    {
      std::unique_lock lock(mutex);
      done_ready.wait(lock, [&] {
        return done.count(next) > 0 || (reading_done && next >= chunks_total) || !worker_error.empty() || cancelled;
      });
      auto it = done.find(next);
      if (it == done.end()) break;
      chunk = std::move(it->second);
      done.erase(it);
    }
    output.write(chunk->out);
    for (const RowResult& r : chunk->results) {
      ++summary.rows;
      if (!r.error.empty() || !r.total) {
        ++summary.errors;
        if (summary.error_rows.size() < 10) summary.error_rows.push_back(r.row);
      }
      if (!r.total) continue;
      ++with_total;
      sum += *r.total;
      if (!summary.min || *r.total < *summary.min) summary.min = *r.total;
      if (!summary.max || *r.total > *summary.max) summary.max = *r.total;
      const std::string grade = r.grade >= 0 ? rs.grades[static_cast<std::size_t>(r.grade)].name : "";
      if (r.grade >= 0) ++grade_counts[static_cast<std::size_t>(r.grade)];
      top.offer(r, grade);
      bottom.offer(r, grade);
    }
    if (options.progress) options.progress(summary.rows, chunk->bytes_read, input_size);
    ++next;
    std::lock_guard lock(mutex);
    --in_flight;
    pool.push_back(std::move(chunk));
    room.notify_one();
    if (!output.error().empty()) {
      cancelled = true;
      room.notify_all();
      work_ready.notify_all();
    }
  }
  {
    std::lock_guard lock(mutex);
    cancelled = true;
    room.notify_all();
    work_ready.notify_all();
  }
  reader.join();
  for (std::thread& t : workers) t.join();
  if (!worker_error.empty()) {
    result.fatal = worker_error;
    return result;
  }

  for (std::size_t g = 0; g < rs.grades.size(); ++g) summary.grades.emplace_back(rs.grades[g].name, grade_counts[g]);
  if (with_total > 0) summary.mean = sum / Decimal::from_int(static_cast<std::int64_t>(with_total));
  summary.top = top.take();
  summary.bottom = bottom.take();
  if (!read_error.empty()) {
    result.fatal = read_error;
    return result;
  }
  if (output.error().empty()) output.commit();
  if (!output.error().empty()) {
    result.fatal = output.error();
    result.output_failed = true;
  }
  return result;
}

}  // namespace rubric
