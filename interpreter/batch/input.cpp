// Reading a batch's input; see input.hpp.
#include "interpreter/batch/input.hpp"

#include <sys/stat.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "base/messages.hpp"
#include "base/unicode.hpp"

namespace rubric::batch {

namespace {

// Reads a CSV input's header into [input.layout]; false with [fatal] set when it cannot be used.
bool read_header(const ast::Ruleset& rs, const BatchOptions& options, OpenInput& input, BatchResult& result) {
  std::vector<std::string> header;
  if (!read_csv_record(*input.in, header, input.line)) {
    result.fatal = tr_format("{}: the file is empty; the first line must name the columns", input.name);
    return false;
  }
  if (!header.empty() && header[0].rfind("\xEF\xBB\xBF", 0) == 0) header[0].erase(0, 3);  // a UTF-8 BOM
  const std::string bad = compile_header(rs, header, options.columns, input.layout, result.summary.warnings,
                                          options.allow_unknown_facts);
  if (!bad.empty()) {
    result.fatal = tr_format("{}: line 1: {}", input.name, bad);
    return false;
  }
  return true;
}

}  // namespace

bool open_input(const ast::Ruleset& rs, const BatchOptions& options, OpenInput& input, BatchResult& result) {
  const auto format = options.input_format ? options.input_format : batch_format_of(options.input);
  const auto out_format = batch_format_of(options.output);
  const bool from_stdin = options.input == "-";
  input.name = from_stdin ? "<stdin>" : options.input;
  if (!format) {
    result.fatal = from_stdin ? std::string(tr("<stdin>: standard input has no extension; say its format (--input-format)"))
                              : tr_format("{}: the input must be .csv, .jsonl or .ndjson", options.input);
    return false;
  }
  if (!out_format) {
    result.fatal = tr_format("{}: the output must be .csv, .jsonl or .ndjson", options.output);
    return false;
  }
  if (*format == BatchFormat::JsonLines && !options.columns.empty()) {
    // A row is a facts document, whose keys are fixed ("id", "department"): the program writing it names them so.
    result.fatal = tr_format("{}: {} names a CSV column; a JSON Lines row is a facts document, whose id and name are "
                               "its keys \"id\" and \"department\" [E0615]",
                               input.name, options.columns.id.empty() ? "--name-column" : "--id-column");
    return false;
  }
  input.format = *format;
  input.out_format = *out_format;
  // Standard input is read like a file, but not closed: it is not ours.
  input.file = {from_stdin ? stdin : std::fopen(options.input.c_str(), "rb"),
                from_stdin ? +[](std::FILE*) { return 0; } : &std::fclose};
  if (!input.file) {
    result.fatal = tr_format("{}: cannot read the file: {}", input.name, std::strerror(errno));
    return false;
  }
  struct stat st {};
  if (::fstat(::fileno(input.file.get()), &st) == 0 && S_ISREG(st.st_mode)) input.size = static_cast<std::uint64_t>(st.st_size);
  input.in.emplace(input.file.get());
  if (const std::string utf16 = unicode::utf16_message(input.in->window()); !utf16.empty()) {
    result.fatal = tr_format("{}: {} [E0021]\n  = help: {}", input.name, utf16, unicode::kUtf16Help);
    return false;
  }
  return input.format != BatchFormat::Csv || read_header(rs, options, input, result);
}

bool read_line(ByteReader& in, std::string& out) {
  out.clear();
  if (in.peek() == EOF) return false;
  for (;;) {
    const std::string_view w = in.window();
    if (w.empty()) break;
    const std::size_t n = w.find('\n');
    out.append(w.data(), n == std::string_view::npos ? w.size() : n);
    in.advance(n == std::string_view::npos ? w.size() : n + 1);
    if (n != std::string_view::npos) break;
  }
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return true;
}

}  // namespace rubric::batch
