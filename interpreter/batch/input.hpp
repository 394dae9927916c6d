// Reading a batch's input: opening it (and a CSV's header), JSON Lines lines, and one CSV row's
// cells as views into a chunk's buffer. CSV records come from base/csv_reader.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/csv_reader.hpp"
#include "interpreter/batch/batch.hpp"
#include "interpreter/batch/csv_layout.hpp"

namespace rubric::batch {

// One line of JSON Lines input into [out], without its line break (LF or CRLF); false at the end.
bool read_line(ByteReader& in, std::string& out);

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

// The input of a batch, opened, with what comes before its rows read (a CSV's header).
struct OpenInput {
  BatchFormat format = BatchFormat::Csv;
  BatchFormat out_format = BatchFormat::Csv;
  std::string name;  // in messages: the path, or <stdin>
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file{nullptr, &std::fclose};
  std::uint64_t size = 0;  // 0 when unknown (not a regular file)
  std::optional<ByteReader> in;
  std::size_t line = 1;  // the physical line the next record starts on
  CsvLayout layout;      // CSV input: which column holds what
};

// Opens [options.input] (standard input for "-") and reads up to its first row (a CSV's header, into
// [input.layout]); false with [result.fatal] set when the input cannot be scored at all.
bool open_input(const ast::Ruleset& rs, const BatchOptions& options, OpenInput& input, BatchResult& result);

}  // namespace rubric::batch
