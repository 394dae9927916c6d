// Syntax errors and recovery: the message and help for a failed parse, and the statement to blank
// out before parsing again (see parser.hpp). Internal to dsl/.
#pragma once

#include <cstddef>
#include <string>
#include <tao/pegtl/parse_error.hpp>

#include "base/diagnostic.hpp"
#include "base/source.hpp"

namespace rubric::parsing {

// The message of the parse error raised past kMaxNestingDepth levels (E0015).
inline constexpr const char* kTooDeep = "nested too deeply";

// Finds the statement holding [offset]: from the nearest line above that starts a statement, to
// the next line (at brace depth zero) that starts or ends one. Returns false when no statement
// can be cut out without unbalancing braces, e.g. an error in a section's header.
bool statement_around(const std::string& text, std::size_t offset, Span& out);

// Reports [e], a parse error in [text] (the text of [source], perhaps with statements blanked
// out), as a diagnostic with the offending token and help. Returns the offset it reported: where
// the mistake is (the end of a line that lacks something, rather than the next line's token that
// revealed it), the place the statement to skip is found from.
std::size_t report_syntax_error(const std::string& text, const SourcePtr& source, const tao::pegtl::parse_error& e,
                         Diagnostics& diagnostics);

}  // namespace rubric::parsing
