// Reading CSV (RFC 4180) as it streams in, for every CSV rubric reads (a batch's input, its
// results read back by `--report`): fields separated by commas; a quoted field may hold commas,
// line breaks and quotes written twice; a record ends at LF, CRLF or a lone CR. A file is read
// through a buffer, never whole: a reader holds one record at a time.
//
// A quote that opens inside a field (a"b) is an ordinary character; text after a field's closing
// quote ("a"b) is kept as part of the field. A UTF-8 BOM is left to the caller (the batch removes
// it from the header's first cell).
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rubric {

// A buffered reader of a file (which it does not close), counting the bytes consumed. Bytes are
// taken one at a time with get(), or a run at a time from window() and advance().
class ByteReader {
 public:
  explicit ByteReader(std::FILE* file) : file_(file), buffer_(1 << 20) {}
  int get() {
    if (pos_ == end_ && !refill()) return EOF;
    ++consumed_;
    return static_cast<unsigned char>(buffer_[pos_++]);
  }
  int peek() {
    if (pos_ == end_ && !refill()) return EOF;
    return static_cast<unsigned char>(buffer_[pos_]);
  }
  // The buffered bytes not yet consumed (refilled when there are none); empty at the end.
  std::string_view window() {
    if (pos_ == end_) refill();
    return {buffer_.data() + pos_, end_ - pos_};
  }
  void advance(std::size_t n) {
    pos_ += n;
    consumed_ += n;
  }
  bool error() const { return std::ferror(file_) != 0; }
  std::uint64_t consumed() const { return consumed_; }

 private:
  bool refill() {
    end_ = std::fread(buffer_.data(), 1, buffer_.size(), file_);
    pos_ = 0;
    return end_ != 0;
  }

  std::FILE* file_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::uint64_t consumed_ = 0;
};

// Where the quote that the end of the file left open began: its line and field (both from 1).
struct OpenQuote {
  std::size_t line = 0;
  std::size_t field = 0;
};

// One CSV record, appended to [text] with the [begin, end) offsets of each field appended to
// [spans]. Returns false at the end of the input. [line] counts physical lines (a line break
// inside a quoted field counts). Runs of ordinary bytes are copied at once: most cells need no
// byte-by-byte decisions. When the file ends inside a quoted field, [open] (if given) says where
// its quote began.
bool read_csv_record(ByteReader& in, std::string& text, std::vector<std::size_t>& spans, std::size_t& line,
                     std::optional<OpenQuote>* open = nullptr);

// The same, as a vector of fields.
bool read_csv_record(ByteReader& in, std::vector<std::string>& fields, std::size_t& line);

// Splits CSV text into records of fields, by read_csv_record. Used by tests; readers of files stream.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

// Reads a CSV file one record at a time, so that a reader of a large file (report/batch_report.cpp
// reading a batch's results) streams it instead of parsing it whole.
class CsvRecords {
 public:
  // Opens [path]; throws std::runtime_error when it cannot be read.
  explicit CsvRecords(const std::string& path);
  ~CsvRecords();
  CsvRecords(const CsvRecords&) = delete;
  CsvRecords& operator=(const CsvRecords&) = delete;
  // The next record's fields; false at the end of the file.
  bool next(std::vector<std::string>& fields);
  // The physical line the last record returned by next() started on (1 for the first).
  std::size_t line() const { return record_line_; }

 private:
  struct Reader;
  std::unique_ptr<Reader> reader_;
  std::size_t next_line_ = 1;
  std::size_t record_line_ = 0;
};

}  // namespace rubric
