// Source files and locations, shared by every stage of the pipeline.
//
// A [Span] is a pair of byte offsets into one [SourceFile]; line and column are computed only
// when a diagnostic is rendered. Columns count code points (so a caret after three Chinese
// characters reports column 4), and the caret itself is placed by display width.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rubric {

struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct LineColumn {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, in code points
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  // Reads [path]; throws std::runtime_error naming the file when it cannot be read.
  static std::shared_ptr<const SourceFile> read(const std::string& path);

  const std::string& path() const noexcept { return path_; }
  const std::string& text() const noexcept { return text_; }

  LineColumn line_column(std::uint32_t offset) const noexcept;
  // The text of 1-based [line], without its line break.
  std::string_view line_text(std::uint32_t line) const noexcept;
  std::uint32_t line_count() const noexcept { return static_cast<std::uint32_t>(line_starts_.size()); }
  std::uint32_t line_start(std::uint32_t line) const noexcept;
  std::string_view slice(Span span) const noexcept;

 private:
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

using SourcePtr = std::shared_ptr<const SourceFile>;

}  // namespace rubric
