// JSON text for every JSON output (score, diff, test, facts templates): nlohmann's value tree,
// written by a serializer of our own that
//   - writes a Decimal put in with exact() as a JSON number with its exact digits. The digits are
//     held in a value of another JSON type (a binary value of subtype kExactSubtype), which no
//     string or other value read from user input can ever be, so a string is never mistaken for a
//     number (nlohmann itself would write numbers through binary doubles);
//   - writes valid UTF-8 whatever the strings hold: each byte that is not part of well-formed
//     UTF-8 (a GBK file name, say) is written as U+FFFD, and control characters are escaped as
//     \u00XX. It never throws on text (nlohmann's dump() throws type_error.316).
// The layout is nlohmann's dump(indent) byte for byte: same indentation, same escapes.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "base/decimal.hpp"

namespace rubric::json {

inline constexpr std::uint64_t kExactSubtype = 0xDEC;

// [d] as a JSON value that dump() writes as a number with its exact digits.
nlohmann::ordered_json exact(const Decimal& d);

// [value] as JSON text, pretty-printed with [indent] spaces (compact when negative).
std::string dump(const nlohmann::ordered_json& value, int indent = 2);

// Which control characters a JSON string names with a letter; every other one below U+0020 is
// written \u00XX (lowercase hex). The quote and the backslash are always \" and \\.
enum class NamedEscapes {
  BfnrtAll,    // \b \f \n \r \t: nlohmann's dump(), so every output of dump() above
  NewlineTab,  // \n \r \t only (\b, \f as \u0008, \u000c): the batch's results and facts documents
};

// [text] as a JSON string (quotes included), appended to [out]: the one JSON string writer of every
// output. The text written is valid UTF-8 whatever [text] holds: each byte that is not part of
// well-formed UTF-8 is written as U+FFFD.
void write_string(std::string& out, std::string_view text, NamedEscapes named = NamedEscapes::BfnrtAll);

}  // namespace rubric::json
