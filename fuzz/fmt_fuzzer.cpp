// Fuzzes the formatter (dsl/format.hpp, `rubric fmt`): any bytes as a ruleset, or as a test file
// when its first word is `test`. For every input that parses without errors:
//   - format_source gives a text (never E0001, the formatter's internal error: its own safety net
//     found a changed tree or a lost comment);
//   - formatting is idempotent: fmt(fmt(x)) == fmt(x);
//   - fmt(x) parses to the same syntax tree as x (ast::dump, which leaves out spans), checked here
//     independently of the formatter's own safety net.
// Input that does not parse is not formatted, and says why.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common.hpp"
#include "dsl/ast_dump.hpp"
#include "dsl/format.hpp"
#include "dsl/parser.hpp"

namespace {

// The formatter's reading of SourceKind::Auto for a path that says nothing: a test file when the
// first word, after a BOM, blanks and comments, is `test`.
bool starts_with_test(const std::string& t) {
  std::size_t i = t.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  while (i < t.size()) {
    if (t[i] == '#') {
      i = t.find('\n', i);
      if (i == std::string::npos) return false;
    } else if (t[i] != ' ' && t[i] != '\t' && t[i] != '\r' && t[i] != '\n') {
      break;
    }
    ++i;
  }
  return t.compare(i, 4, "test") == 0 && (i + 4 == t.size() || !std::isalpha(static_cast<unsigned char>(t[i + 4])));
}

std::string internal_errors(const rubric::Diagnostics& diagnostics) {
  std::string out;
  for (const rubric::Diagnostic& d : diagnostics.items()) {
    if (d.code == "E0001") out += d.message + "\n";
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  const bool tests = starts_with_test(text);
  const rubric::SourceKind kind = tests ? rubric::SourceKind::Tests : rubric::SourceKind::Ruleset;
  const auto source = std::make_shared<rubric::SourceFile>("fuzz.rubric", std::move(text));

  const rubric::FormatResult first = rubric::format_source(source, kind);
  if (const std::string internal = internal_errors(first.diagnostics); !internal.empty()) {
    rubric::fuzz::bug("the formatter failed on a source that parses:\n" + internal);
  }
  if (!first.text) {
    // Not formatted: the formatter's parse (dsl/parser.hpp's parse, which it calls) found errors.
    if (!first.diagnostics.has_errors()) rubric::fuzz::bug("no formatted text, and no error saying why");
    return 0;
  }
  const rubric::ParseResult parsed = tests ? rubric::parse_tests(source) : rubric::parse(source);
  if (!parsed.ruleset || parsed.diagnostics.has_errors()) rubric::fuzz::bug("a source with parse errors was formatted");

  // fmt(x) parses to the same tree as x.
  const auto formatted = std::make_shared<rubric::SourceFile>("fuzz.rubric", *first.text);
  const rubric::ParseResult again = tests ? rubric::parse_tests(formatted) : rubric::parse(formatted);
  if (!again.ruleset || again.diagnostics.has_errors()) {
    rubric::fuzz::bug("the formatted text does not parse:\n" + rubric::render(again.diagnostics) + "\n--- formatted:\n" +
                      *first.text);
  }
  const std::string before = rubric::ast::dump(*parsed.ruleset);
  const std::string after = rubric::ast::dump(*again.ruleset);
  if (before != after) {
    rubric::fuzz::bug("formatting changed the syntax tree:\n--- before:\n" + before + "\n--- after:\n" + after +
                      "\n--- formatted:\n" + *first.text);
  }

  // fmt(fmt(x)) == fmt(x).
  const rubric::FormatResult second = rubric::format_source(formatted, kind);
  if (!second.text) {
    rubric::fuzz::bug("the formatted text could not be formatted again:\n" + internal_errors(second.diagnostics) +
                      "\n--- formatted:\n" + *first.text);
  }
  if (*second.text != *first.text) {
    rubric::fuzz::bug("formatting is not idempotent:\n--- fmt(x):\n" + *first.text + "\n--- fmt(fmt(x)):\n" + *second.text);
  }
  return 0;
}
