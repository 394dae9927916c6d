// Source files and line/column lookup; see source.hpp.
#include "base/source.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "base/messages.hpp"
#include "base/unicode.hpp"

namespace rubric {

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

InputText read_input(const std::string& path, const ReadLimit& limit) {
  InputText out;
  const auto fail = [&](const char* code, std::string message, std::string help) {
    out.code = code;
    out.message = std::move(message);
    out.help = std::move(help);
    return out;
  };
  const bool standard_input = path == "-";
  const int fd = standard_input ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    return fail("E0014", std::string(tr("cannot read the file: ")) + std::strerror(errno),
                std::string(tr("check the path and its permissions")));
  }
  struct Closer {
    int fd;
    bool own;
    ~Closer() {
      if (own) ::close(fd);
    }
  } closer{fd, !standard_input};
  struct stat st {};
  if (::fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      return fail("E0020", std::string(tr("this is a directory, not a file")), std::string(tr("give the path of a file in it")));
    }
    if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > limit.max_bytes) {
      return fail(limit.code,
                  tr_format("the file is {} bytes; {} at most {} bytes", st.st_size, tr(limit.what), limit.max_bytes), "");
    }
  }
  std::string text;
  constexpr std::size_t kChunk = 64 * 1024;
  while (text.size() <= limit.max_bytes) {
    const std::size_t old = text.size();
    text.resize(old + kChunk);
    const ssize_t n = ::read(fd, text.data() + old, kChunk);
    if (n < 0) {
      text.resize(old);
      if (errno == EINTR) continue;
      if (errno == EISDIR) return fail("E0020", std::string(tr("this is a directory, not a file")), std::string(tr("give the path of a file in it")));
      return fail("E0014", std::string(tr("cannot read the file: ")) + std::strerror(errno),
                  std::string(tr("check the path and its permissions")));
    }
    text.resize(old + static_cast<std::size_t>(n));
    if (n == 0) break;
  }
  if (text.size() > limit.max_bytes) {
    return fail(limit.code, tr_format("the input is more than {} bytes; {} at most {} bytes", limit.max_bytes,
                                        tr(limit.what), limit.max_bytes),
                "");
  }
  out.text = std::move(text);
  return out;
}

std::shared_ptr<const SourceFile> SourceFile::read(const std::string& path) {
  return read(path, ReadLimit{kMaxSourceBytes, "E0012", tr_later("rulesets may be")});
}

std::shared_ptr<const SourceFile> SourceFile::read(const std::string& path, const ReadLimit& limit) {
  InputText input = read_input(path, limit);
  if (!input.text) throw std::runtime_error(fmt::format("{}: {} [{}]", path, input.message, input.code));
  return std::make_shared<const SourceFile>(path, std::move(*input.text));
}

LineColumn SourceFile::line_column(std::uint32_t offset) const noexcept {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  const std::uint32_t start = line_starts_[line - 1];
  const auto before = std::string_view(text_).substr(start, offset - start);
  return {line, static_cast<std::uint32_t>(unicode::code_points(before)) + 1};
}

std::uint32_t SourceFile::line_start(std::uint32_t line) const noexcept {
  if (line == 0 || line > line_starts_.size()) return static_cast<std::uint32_t>(text_.size());
  return line_starts_[line - 1];
}

std::string_view SourceFile::line_text(std::uint32_t line) const noexcept {
  if (line == 0 || line > line_starts_.size()) return {};
  const std::uint32_t start = line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] : static_cast<std::uint32_t>(text_.size());
  while (end > start && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return std::string_view(text_).substr(start, end - start);
}

std::string_view SourceFile::slice(Span span) const noexcept {
  const auto size = static_cast<std::uint32_t>(text_.size());
  const std::uint32_t begin = std::min(span.begin, size);
  const std::uint32_t end = std::clamp(span.end, begin, size);
  return std::string_view(text_).substr(begin, end - begin);
}

}  // namespace rubric
