// Source files and locations, shared by every stage of the pipeline.
//
// A [Span] is a pair of byte offsets into one [SourceFile]; line and column are computed only
// when a diagnostic is rendered. Columns count code points (so a caret after three Chinese
// characters reports column 4), and the caret itself is placed by display width.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
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

// Ruleset files larger than this are rejected before parsing (E0012).
inline constexpr std::size_t kMaxSourceBytes = 4 * 1024 * 1024;

// How much of an input may be read, and how to say that a file is larger.
struct ReadLimit {
  std::size_t max_bytes;
  const char* code;  // the error code of a file that is larger (E0012 for rulesets, E0609 for facts)
  const char* what;  // "rulesets may be", "a facts file may be": completes "… at most N bytes"
};

// The text of an input file, or why there is none. [path] "-" is standard input.
struct InputText {
  std::optional<std::string> text;
  std::string code;     // E0014 cannot read, E0020 a directory, the limit's code when too large
  std::string message;  // without the path
  std::string help;
};

// Reads [path] once, whatever it is (a file, a pipe, a device, /dev/stdin, "-"), and stops as
// soon as it holds more than [limit.max_bytes]: /dev/zero or /dev/urandom cost one buffer, not all
// memory. A directory is said to be one; a regular file larger than the limit is refused by its
// size without reading it.
InputText read_input(const std::string& path, const ReadLimit& limit);

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  // Reads [path] with read_input(); throws std::runtime_error ("PATH: MESSAGE [CODE]") naming the
  // file when it cannot be read. The default limit is a ruleset's (kMaxSourceBytes).
  static std::shared_ptr<const SourceFile> read(const std::string& path);
  static std::shared_ptr<const SourceFile> read(const std::string& path, const ReadLimit& limit);

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
