// Diagnostics as data: every user-facing problem found by any stage (parse, check, facts,
// evaluation) is a [Diagnostic] with a severity, a stable code, a location and a message. They
// are collected in a [Diagnostics] list and rendered once, clang-style:
//
//   rulesets/x.rubric:12:19: error: unknown name 'audit_isues' [E0201]
//      12 |   deduct 0.5 per audit_isues
//         |                  ^~~~~~~~~~~
//      = help: did you mean 'audit_issues'?
//
// The codes and their fixes are listed in docs/errors.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/source.hpp"

namespace rubric {

enum class Severity { Error, Warning, Note };

// Where a diagnostic points: a span of a source file, a JSON path inside a facts file, or only
// a file name.
struct Location {
  SourcePtr file;
  std::optional<Span> span;
  std::string file_name;  // used when [file] is null (e.g. a facts file)
  std::string json_path;  // e.g. "facts.outputs[2].target"

  static Location at(SourcePtr file, Span span) { return {std::move(file), span, {}, {}}; }
  static Location in_json(std::string file_name, std::string json_path) {
    return {nullptr, std::nullopt, std::move(file_name), std::move(json_path)};
  }
};

struct Note {
  std::string message;
  std::optional<Location> location;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;  // "E0201"
  std::string message;
  Location location;
  std::string help;  // one line, e.g. "did you mean 'audit_issues'?"
  std::vector<Note> notes;
};

class Diagnostics {
 public:
  Diagnostic& error(std::string code, Location location, std::string message);
  Diagnostic& warning(std::string code, Location location, std::string message);
  void add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
  void append(const Diagnostics& other);
  // An input at [path] that could not be read (read_input's [input] has no text), as the error
  // that says why.
  Diagnostic& unreadable(const std::string& path, const InputText& input);

  bool has_errors() const noexcept;
  std::size_t error_count() const noexcept;
  std::size_t warning_count() const noexcept;
  const std::vector<Diagnostic>& items() const noexcept { return items_; }
  bool empty() const noexcept { return items_.empty(); }

 private:
  std::vector<Diagnostic> items_;
};

// Renders one diagnostic as text, with the source line and a caret when it has a span.
std::string render(const Diagnostic& diagnostic);
// Renders all, sorted by file and position, then a summary line ("2 errors, 1 warning").
std::string render(const Diagnostics& diagnostics, bool summary = true);

// The closest of [candidates] to [name] by edit distance (in code points), if it is close
// enough to be a likely misspelling; used for "did you mean …".
std::optional<std::string> closest_match(std::string_view name,
                                         const std::vector<std::string>& candidates);

}  // namespace rubric
