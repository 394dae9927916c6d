// Reading a batch's input: JSON Lines lines and one CSV row's cells as views into a chunk's
// buffer. CSV records come from base/csv_reader.hpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/csv_reader.hpp"

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

}  // namespace rubric::batch
