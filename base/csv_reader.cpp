// Reading CSV; see csv_reader.hpp.
#include "base/csv_reader.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace rubric {

bool read_csv_record(ByteReader& in, std::string& text, std::vector<std::size_t>& spans, std::size_t& line,
                     std::optional<OpenQuote>* open) {
  if (in.peek() == EOF) return false;
  const std::size_t first_span = spans.size();
  std::size_t quote_line = 0;
  std::size_t field_begin = text.size();
  spans.push_back(field_begin);
  const auto end_field = [&] { spans.push_back(text.size()); };
  bool quoted = false;
  bool was_quoted = false;
  for (;;) {
    {
      const std::string_view w = in.window();
      std::size_t n = 0;
      if (quoted) {
        while (n < w.size() && w[n] != '"' && w[n] != '\n') ++n;
      } else {
        while (n < w.size() && w[n] != ',' && w[n] != '\n' && w[n] != '\r' && w[n] != '"') ++n;
      }
      text.append(w.data(), n);
      in.advance(n);
    }
    const int c = in.get();
    if (c == EOF) {
      if (quoted && open != nullptr) *open = OpenQuote{quote_line, (spans.size() - first_span) / 2 + 1};
      end_field();
      return true;
    }
    if (quoted) {
      if (c == '"') {
        if (in.peek() == '"') {
          in.get();
          text += '"';
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        text += static_cast<char>(c);
      }
      continue;
    }
    if (c == '"' && text.size() == field_begin && !was_quoted) {
      quoted = true;
      was_quoted = true;
      quote_line = line;
    } else if (c == ',') {
      end_field();
      field_begin = text.size();
      spans.push_back(field_begin);
      was_quoted = false;
    } else if (c == '\n') {
      ++line;
      end_field();
      return true;
    } else if (c == '\r') {
      if (in.peek() == '\n') continue;
      ++line;
      end_field();
      return true;
    } else {
      text += static_cast<char>(c);
    }
  }
}

bool read_csv_record(ByteReader& in, std::vector<std::string>& fields, std::size_t& line) {
  std::string text;
  std::vector<std::size_t> spans;
  fields.clear();
  if (!read_csv_record(in, text, spans, line)) return false;
  for (std::size_t i = 0; i + 1 < spans.size(); i += 2) fields.emplace_back(text.substr(spans[i], spans[i + 1] - spans[i]));
  return true;
}

struct CsvRecords::Reader {
  explicit Reader(std::FILE* f) : file(f), in(f) {}
  ~Reader() { std::fclose(file); }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  std::FILE* file;
  ByteReader in;
};

CsvRecords::CsvRecords(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) throw std::runtime_error(fmt::format("{}: cannot read the file: {}", path, std::strerror(errno)));
  reader_ = std::make_unique<Reader>(f);
}

CsvRecords::~CsvRecords() = default;

bool CsvRecords::next(std::vector<std::string>& fields) {
  record_line_ = next_line_;
  return read_csv_record(reader_->in, fields, next_line_);
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::FILE* f = ::fmemopen(const_cast<char*>(text.data()), text.size(), "r");
  std::vector<std::vector<std::string>> out;
  if (f == nullptr) return out;
  ByteReader in(f);
  std::vector<std::string> fields;
  std::size_t line = 1;
  while (read_csv_record(in, fields, line)) out.push_back(fields);
  std::fclose(f);
  return out;
}

}  // namespace rubric
