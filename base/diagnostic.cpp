// Collecting and rendering diagnostics; see diagnostic.hpp.
#include "base/diagnostic.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "base/messages.hpp"
#include "base/unicode.hpp"

namespace rubric {

Diagnostic& Diagnostics::error(std::string code, Location location, std::string message) {
  items_.push_back({Severity::Error, std::move(code), std::move(message), std::move(location), {}, {}});
  return items_.back();
}

Diagnostic& Diagnostics::warning(std::string code, Location location, std::string message) {
  items_.push_back({Severity::Warning, std::move(code), std::move(message), std::move(location), {}, {}});
  return items_.back();
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

Diagnostic& Diagnostics::unreadable(const std::string& path, const InputText& input) {
  Diagnostic& d = error(input.code, Location::in_json(path, ""), input.message);
  if (!input.help.empty()) d.help = input.help;
  return d;
}

bool Diagnostics::has_errors() const noexcept { return error_count() > 0; }

std::size_t Diagnostics::error_count() const noexcept {
  return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::Error;
  }));
}

std::size_t Diagnostics::warning_count() const noexcept {
  return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::Warning;
  }));
}

namespace {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Error: return tr("error");
    case Severity::Warning: return tr("warning");
    case Severity::Note: return tr("note");
  }
  return tr("error");
}

// Tabs are shown as four spaces, both in the quoted line and when placing the caret; other
// control characters (and bidirectional overrides) as \u{1b}, so that what the terminal shows is
// what the file holds and the caret still lands under its character (see unicode::visible).
std::string expand_tabs(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\t') {
      out += unicode::visible(text.substr(start, i - start));
      if (i < text.size()) out += "    ";
      start = i + 1;
    }
  }
  return out;
}

std::string header(const Location& location) {
  if (location.file && location.span) {
    const LineColumn lc = location.file->line_column(location.span->begin);
    return fmt::format("{}:{}:{}", unicode::visible(location.file->path()), lc.line, lc.column);
  }
  const std::string name = unicode::visible(location.file ? location.file->path() : location.file_name);
  if (!location.json_path.empty()) return fmt::format("{}: {}", name, unicode::visible(location.json_path));
  return name;
}

// The quoted source line with a caret under the span: '^' under its first character, '~' under
// the rest of it on the same line. Widths are display cells, so CJK text keeps the caret aligned.
void render_snippet(const Location& location, std::string& out) {
  if (!location.file || !location.span) return;
  const SourceFile& file = *location.file;
  const Span span = *location.span;
  const LineColumn lc = file.line_column(span.begin);
  const std::string_view line = file.line_text(lc.line);
  const std::uint32_t line_begin = file.line_start(lc.line);
  const std::uint32_t line_end = line_begin + static_cast<std::uint32_t>(line.size());
  const std::string number = std::to_string(lc.line);
  const std::string gutter(number.size(), ' ');

  // A span may start past the line's text: on a '\r' the line drops, or at the end of the file.
  const std::uint32_t begin = std::clamp(span.begin, line_begin, line_end);
  const auto prefix = line.substr(0, begin - line_begin);
  const std::uint32_t mark_end = std::clamp(span.end, begin, line_end);
  const auto marked = line.substr(begin - line_begin, mark_end - begin);
  const int indent = unicode::display_width(expand_tabs(prefix));
  const int width = std::max(1, unicode::display_width(expand_tabs(marked)));

  out += fmt::format(" {} | {}\n", number, expand_tabs(line));
  out += fmt::format(" {} | {}^{}\n", gutter, std::string(static_cast<std::size_t>(indent), ' '),
                     std::string(static_cast<std::size_t>(width - 1), '~'));
}

}  // namespace

std::string render(const Diagnostic& diagnostic) {
  // A problem of no file (a year given on the command line) is "error: …".
  const std::string where = header(diagnostic.location);
  std::string out = tr_format("{}{}: {}", where.empty() ? "" : where + ": ", severity_name(diagnostic.severity),
                              unicode::visible(diagnostic.message, true));
  if (!diagnostic.code.empty()) out += fmt::format(" [{}]", diagnostic.code);
  out += '\n';
  render_snippet(diagnostic.location, out);
  if (!diagnostic.help.empty()) out += tr_format("  = help: {}\n", unicode::visible(diagnostic.help, true));
  for (const Note& note : diagnostic.notes) {
    if (note.location) {
      out += tr_format("{}: note: {}\n", header(*note.location), unicode::visible(note.message, true));
      render_snippet(*note.location, out);
    } else {
      out += tr_format("  = note: {}\n", unicode::visible(note.message, true));
    }
  }
  return out;
}

std::string render(const Diagnostics& diagnostics, bool summary) {
  std::vector<const Diagnostic*> sorted;
  for (const Diagnostic& d : diagnostics.items()) sorted.push_back(&d);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic* a, const Diagnostic* b) {
    const auto& la = a->location;
    const auto& lb = b->location;
    if (la.file && lb.file && la.file == lb.file && la.span && lb.span) {
      return la.span->begin < lb.span->begin;
    }
    return false;
  });
  std::string out;
  for (const Diagnostic* d : sorted) out += render(*d);
  if (summary) {
    const std::size_t errors = diagnostics.error_count();
    const std::size_t warnings = diagnostics.warning_count();
    if (errors > 0 || warnings > 0) {
      std::vector<std::string> parts;
      if (errors > 0) parts.push_back(errors == 1 ? std::string(tr("1 error")) : tr_format("{} errors", errors));
      if (warnings > 0) parts.push_back(warnings == 1 ? std::string(tr("1 warning")) : tr_format("{} warnings", warnings));
      out += tr_format("{} generated.\n", fmt::format("{}", fmt::join(parts, tr(" and "))));
    }
  }
  return out;
}

namespace {

std::vector<char32_t> code_point_vector(std::string_view text) {
  std::vector<char32_t> out;
  std::size_t offset = 0;
  while (offset < text.size()) out.push_back(unicode::decode(text, offset));
  return out;
}

// Edits are insertions, deletions, substitutions and swaps of two neighbours ("cuont" is one
// edit from "count"): the optimal string alignment distance.
std::size_t edit_distance(const std::vector<char32_t>& a, const std::vector<char32_t>& b) {
  std::vector<std::size_t> before(b.size() + 1);  // row i - 2
  std::vector<std::size_t> above(b.size() + 1);   // row i - 1
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    before.swap(above);
    above.swap(row);
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      row[j] = std::min({above[j] + 1, row[j - 1] + 1, above[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = std::min(row[j], before[j - 2] + 1);
    }
  }
  return row[b.size()];
}

// Whether the shorter of [a] and [b] is a run of the longer one's code points, at least two of
// them and at least half of the longer: "按时" in "按时公开", a name cut short or run on.
bool contains_most(const std::vector<char32_t>& a, const std::vector<char32_t>& b) {
  const auto& shorter = a.size() <= b.size() ? a : b;
  const auto& longer = a.size() <= b.size() ? b : a;
  if (shorter.size() < 2 || shorter.size() * 2 < longer.size()) return false;
  return std::search(longer.begin(), longer.end(), shorter.begin(), shorter.end()) != longer.end();
}

}  // namespace

std::optional<std::string> closest_match(std::string_view name,
                                         const std::vector<std::string>& candidates) {
  const auto target = code_point_vector(name);
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  std::vector<const std::string*> containing;
  for (const std::string& candidate : candidates) {
    if (candidate == name) continue;
    const auto other = code_point_vector(candidate);
    if (contains_most(target, other) &&
        std::find_if(containing.begin(), containing.end(), [&](const std::string* c) { return *c == candidate; }) ==
            containing.end()) {
      containing.push_back(&candidate);
    }
    // A likely misspelling: at most a third of the longer name differs (at least one edit), and
    // not all of it (a one-character name is not a misspelling of another one).
    const std::size_t longest = std::max(target.size(), other.size());
    const std::size_t limit = std::min(std::max<std::size_t>(1, longest / 3), longest - 1);
    // The lengths alone rule most pairs out, and keep a huge name from costing length × length.
    const std::size_t length_gap = target.size() > other.size() ? target.size() - other.size() : other.size() - target.size();
    if (length_gap > limit) continue;
    const std::size_t distance = edit_distance(target, other);
    if (distance <= limit && (!best || distance < best_distance)) {
      best = candidate;
      best_distance = distance;
    }
  }
  // A name that several candidates hold ("公开" in 按时公开, 逾期公开, 未公开) could mean any of
  // them: no guess. Else a name cut short or run on, when only one candidate holds it (or is held by it).
  if (containing.size() > 1) return std::nullopt;
  if (!best && containing.size() == 1) best = *containing.front();
  return best;
}

}  // namespace rubric
