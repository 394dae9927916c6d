// UTF-8 decoding and terminal display width.
//
// Rubric is written and read in Chinese, so every place that lines text up (the caret under a
// diagnostic, the columns of a score table) measures text in display cells, not bytes: a CJK
// character is two cells wide, a combining mark none.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace rubric::unicode {

// Decodes the code point starting at [text][offset] and advances [offset] past it. A malformed
// sequence decodes as U+FFFD and advances by one byte, so callers never loop forever.
char32_t decode(std::string_view text, std::size_t& offset) noexcept;

// Appends the UTF-8 encoding of [cp] to [out].
void encode(char32_t cp, std::string& out);

// True when [text] is well-formed UTF-8; otherwise [bad_offset] receives the first bad byte.
bool is_valid_utf8(std::string_view text, std::size_t* bad_offset = nullptr) noexcept;

// Display cells of one code point: 0 for combining marks and zero-width characters, 2 for East
// Asian wide and fullwidth characters, 1 otherwise. Tabs count as 1; callers expand them first.
int char_width(char32_t cp) noexcept;

// Display cells of a whole string.
int display_width(std::string_view text) noexcept;

// Number of code points in [text].
std::size_t code_points(std::string_view text) noexcept;

// Pads [text] with spaces on the right (or left when [right_align]) to [width] cells.
std::string pad(std::string_view text, int width, bool right_align = false);

// Cuts [text] to at most [width] cells, ending with "…" when anything was cut.
std::string truncate(std::string_view text, int width);

}  // namespace rubric::unicode
