// Reading a batch's input: a buffered reader of the file, CSV records (RFC 4180) and JSON Lines
// lines taken from it, and one CSV row's cells as views into a chunk's buffer.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rubric::batch {

// A buffered reader of a file, counting the bytes consumed. Bytes are taken one at a time with
// get(), or a run at a time from window() and advance().
class Input {
 public:
  explicit Input(std::FILE* file) : file_(file), buffer_(1 << 20) {}
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

// One CSV record (RFC 4180), appended to [text] with the [begin, end) offsets of each field
// appended to [spans]. Returns false at the end of the input. [line] counts physical lines.
// Runs of ordinary bytes are copied at once: most cells need no byte-by-byte decisions. When the
// file ends inside a quoted field, [open] (if given) says where its quote began.
bool read_csv_record(Input& in, std::string& text, std::vector<std::size_t>& spans, std::size_t& line,
                     std::optional<OpenQuote>* open = nullptr);

// The same, as a vector of fields (for the header and parse_csv()).
bool read_csv_record(Input& in, std::vector<std::string>& fields, std::size_t& line);

// One line of JSON Lines input into [out], without its line break (LF or CRLF); false at the end.
bool read_line(Input& in, std::string& out);

// One row's cells, in a chunk's flat buffer: field i is text[spans[2i], spans[2i+1]).
struct CsvRow {
  const char* text = nullptr;
  const std::size_t* spans = nullptr;
  std::size_t fields = 0;

  std::string_view cell(int col) const {
    if (col < 0 || static_cast<std::size_t>(col) >= fields) return {};
    const std::size_t* s = spans + 2 * static_cast<std::size_t>(col);
    return {text + s[0], s[1] - s[0]};
  }
  std::size_t bytes() const { return fields == 0 ? 0 : spans[2 * fields - 1] - spans[0]; }
};

}  // namespace rubric::batch
