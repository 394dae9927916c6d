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

// When [text] is UTF-16 (what Windows Notepad saves as "Unicode"): the error message that says
// so, naming the byte order and whether there is a byte order mark, e.g. "this file is UTF-16
// (little-endian, with a byte order mark); save it as UTF-8"; "" otherwise. A file is taken for
// UTF-16 when it starts with FF FE or FE FF, or when, in its first 4 KiB, at least a quarter of
// the 2-byte units are an ASCII character and a zero byte (always in the same order).
std::string utf16_message(std::string_view text);
// The help given with utf16_message (how to save the file as UTF-8).
inline constexpr const char* kUtf16Help =
    "in Notepad: 文件 → 另存为 → 编码 选 UTF-8; or convert it: iconv -f UTF-16 -t UTF-8 FILE > NEW_FILE";

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
