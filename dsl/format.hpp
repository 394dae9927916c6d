// The formatter behind `rubric fmt`: one canonical layout for rulesets and test files.
//
// Formatting changes only whitespace, line breaks and comment placement, plus two spellings that
// mean the same (`==` in `expect … ==` becomes `=`, `;` between grade arms is dropped when the
// arms go one per line). Literals keep their source spelling: `100%`, `0.50` and every string
// are copied, never re-rendered. Every comment is kept, with its text. The layout rules are in
// docs/language.md, "Formatting".
//
// The formatter works on PEGTL's parse tree of the source, not on the syntax tree, because the
// syntax tree drops what a layout needs (parentheses, the order of an indicator's lines, how a
// text was split into strings). Source line breaks are kept at a few places where either choice
// reads well (between the arms of a `when`, before a binary operator, between deductions, between
// adjacent strings, before a fact's options, inside a record type or a grade table, after a
// `case` header); everywhere else the layout follows from the construct alone.
#pragma once

#include <optional>
#include <string>

#include "base/diagnostic.hpp"
#include "base/source.hpp"
#include "dsl/keywords.hpp"

namespace rubric {

// What a source holds: a ruleset (`ruleset … scheme … year …` and the rest) or a test file
// (`test` blocks only, named *.test.rubric). Auto decides by the path, and for a path that says
// nothing ("-", stdin) by the first word of the source.
enum class SourceKind { Auto, Ruleset, Tests };

struct FormatResult {
  std::optional<std::string> text;  // the formatted source; null when it could not be formatted
  Diagnostics diagnostics;          // the parser's diagnostics when it has errors
};

// Formats [source]. A source with parse errors is not formatted: [text] is null and the errors
// are in [diagnostics]. As a safety net the result is parsed again and its syntax tree compared
// with the original's; should they ever differ, that is reported as E0001 (an internal error) and
// nothing is returned.
//
// [keywords]: the keyword set to write (`rubric fmt --keywords`); unset, the source's own. A name
// that is a keyword in that set stops the conversion (E0024).
FormatResult format_source(const SourcePtr& source, SourceKind kind = SourceKind::Auto,
                           std::optional<KeywordSet> keywords = std::nullopt);

// Whether [path] names a test file (ends with .test.rubric).
bool is_test_file(const std::string& path);

}  // namespace rubric
