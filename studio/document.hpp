// The rule author's studio: what an editor needs to know about a ruleset being edited — its
// diagnostics, the name under the cursor, what that name is and where it is declared, what may
// be written there, the indicator tree, and the fixes a diagnostic suggests. One analysis for
// every editor: `rubric lsp` (studio/lsp.hpp) speaks it to VS Code, Neovim or Emacs.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "dsl/ast.hpp"
#include "dsl/keywords.hpp"
#include "interpreter/check/loader.hpp"

namespace rubric::studio {

// A place in a document as the Language Server Protocol counts it: a 0-based line and a 0-based
// count of UTF-16 code units into that line (what every editor's protocol client uses).
struct Position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
  bool operator==(const Position&) const = default;
};
struct Range {
  Position start;
  Position end;
  bool operator==(const Range&) const = default;
};

// A ruleset (or a file of tests) as it stands in the editor, analysed once per change.
class Document {
 public:
  // [path] is the file's place on disk: `extends` and `given file` are read relative to it.
  Document(std::string path, std::string text);

  const std::string& path() const { return source_->path(); }
  const std::string& text() const { return source_->text(); }
  const SourceFile& source() const { return *source_; }
  KeywordSet keywords() const { return keywords_; }

  // What `rubric check` says of the text: the parser's, the checker's and the analysis'
  // diagnostics. Those about another file (a base it extends) are included; the editor shows
  // them at the top of this one. A file of tests (*.test.rubric) gets the parser's only.
  const Diagnostics& diagnostics() const { return loaded_.diagnostics; }
  // The checked ruleset, when the text has no errors.
  const ast::Ruleset* checked() const { return loaded_.ruleset.get(); }
  // The syntax tree of what parses, errors or not; null when nothing does. Names are not
  // resolved in it: the studio looks them up by name.
  const ast::Ruleset* tree() const { return parsed_.get(); }

  Position position(std::uint32_t offset) const;
  Range range(Span span) const;
  // The byte offset of [position]; a position past the end of its line is the line's end.
  std::uint32_t offset(Position position) const;
  // Whether [location] points into this document (not a base it extends, not a facts file).
  bool here(const Location& location) const;

 private:
  std::shared_ptr<const SourceFile> source_;
  KeywordSet keywords_;
  LoadedRuleset loaded_;
  std::unique_ptr<ast::Ruleset> parsed_;
};

// The name (a fact, a let, a function, a parameter, a section or an indicator) that [offset] is
// in or just after; an empty span when it is in none.
Span name_at(const Document& document, std::uint32_t offset);

// What the name at [offset] is, as Markdown: its declaration's first line, and for a fact its
// label, type, unit and range; null when the name is none of the above.
struct Hover {
  std::string markdown;
  Span span;  // the name hovered
};
std::optional<Hover> hover(const Document& document, std::uint32_t offset);

// Where the name at [offset] is declared, in this document; null when it is not declared here.
std::optional<Span> definition(const Document& document, std::uint32_t offset);

// Where the name at [offset] is declared when that is in a ruleset this one extends (a fact, a
// function, a value or a section of the base): the base's file and the name's span in it. Null
// when it is declared here, nowhere, or the document has errors (the bases are read by checking).
struct Elsewhere {
  SourcePtr file;
  Span span;
};
std::optional<Elsewhere> definition_in_base(const Document& document, std::uint32_t offset);

// A place in [file] as the Language Server Protocol counts it (UTF-16 code units).
Position position_in(const SourceFile& file, std::uint32_t offset);

// What may be written at [offset]: the facts, the functions, the lets in scope, the sections and
// indicators, the built-ins and the keywords of the document's set.
struct Completion {
  enum class Kind { Fact, Let, Function, Parameter, Section, Indicator, Builtin, Keyword };
  std::string label;
  Kind kind = Kind::Keyword;
  std::string detail;  // a fact's label and type, a function's signature, an indicator's points
};
std::vector<Completion> completions(const Document& document, std::uint32_t offset);

// The indicator tree with points, then the facts and the functions.
struct Symbol {
  enum class Kind { Section, Indicator, Fact, Function, Test };
  std::string name;
  std::string detail;
  Kind kind = Kind::Section;
  Span span;       // the whole declaration
  Span name_span;  // its name
  std::vector<Symbol> children;
};
std::vector<Symbol> symbols(const Document& document);

// A change to the text that a diagnostic suggests: the name it guessed ("did you mean 'x'?"), or
// the half-width form of full-width punctuation.
struct Fix {
  std::string title;
  Span span;
  std::string replacement;
};
std::optional<Fix> fix(const Document& document, const Diagnostic& diagnostic);

}  // namespace rubric::studio
