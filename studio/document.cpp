// A document being edited: its text analysed as `rubric check` would, its syntax tree, and
// positions counted as the Language Server Protocol counts them (UTF-16 code units).
#include "studio/document.hpp"

#include "dsl/format.hpp"
#include "dsl/parser.hpp"

namespace rubric::studio {

namespace {

// The bytes of the UTF-8 sequence that [lead] begins (1 for a byte that begins none, so that
// invalid text still advances).
std::uint32_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0 && lead < 0xF8) return 4;
  if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

Document::Document(std::string path, std::string text)
    : source_(std::make_shared<const SourceFile>(path, text)), keywords_(detect_keywords(text)) {
  if (is_test_file(path)) {
    // A file of tests (2023.test.rubric) holds only `test` blocks: what the parser says of them.
    ParseResult parsed = parse_tests(source_);
    loaded_.diagnostics = std::move(parsed.diagnostics);
    parsed_ = std::move(parsed.ruleset);
    return;
  }
  LoadOptions options;
  options.monotonicity = true;  // as rubric check: where a score goes against its rule's way (W0407)
  loaded_ = load_ruleset_source(path, std::move(text), options);
  parsed_ = parse(source_).ruleset;
}

Position position_in(const SourceFile& file, std::uint32_t offset) {
  const std::string& text = file.text();
  if (offset > text.size()) offset = static_cast<std::uint32_t>(text.size());
  const LineColumn lc = file.line_column(offset);
  std::uint32_t character = 0;
  for (std::uint32_t i = file.line_start(lc.line); i < offset;) {
    const std::uint32_t length = sequence_length(static_cast<unsigned char>(text[i]));
    character += length == 4 ? 2 : 1;  // beyond the Basic Multilingual Plane: a surrogate pair
    i += length;
  }
  return {lc.line - 1, character};
}

Position Document::position(std::uint32_t offset) const { return position_in(*source_, offset); }

Range Document::range(Span span) const { return {position(span.begin), position(span.end)}; }

std::uint32_t Document::offset(Position position) const {
  const std::string& text = source_->text();
  if (position.line >= source_->line_count()) return static_cast<std::uint32_t>(text.size());
  std::uint32_t i = source_->line_start(position.line + 1);
  const std::uint32_t end = i + static_cast<std::uint32_t>(source_->line_text(position.line + 1).size());
  for (std::uint32_t counted = 0; i < end && counted < position.character;) {
    const std::uint32_t length = sequence_length(static_cast<unsigned char>(text[i]));
    counted += length == 4 ? 2 : 1;
    i += length;
  }
  return std::min(i, end);
}

bool Document::here(const Location& location) const {
  return location.file != nullptr && location.span && location.file->path() == source_->path();
}

}  // namespace rubric::studio
