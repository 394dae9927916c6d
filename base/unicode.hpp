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

// Whether [text] ends with [suffix], ASCII letters in any case ([suffix] given in lower case):
// "2023.RUBRIC" ends with ".rubric", "填报.XLSX" with ".xlsx".
bool ends_with_ascii_ci(std::string_view text, std::string_view suffix) noexcept;

// [text] with every byte that is not part of well-formed UTF-8 replaced by U+FFFD (one U+FFFD
// per bad byte, as the batch results do for ids and names): what every JSON output writes.
std::string valid_utf8(std::string_view text);

// A control, bidirectional formatting or zero-width character, which a terminal would act on or
// show as nothing: C0 controls, DEL, C1 controls (U+0080–U+009F); U+061C, U+200E, U+200F,
// U+202A–U+202E, U+2066–U+2069 (the marks, overrides and isolates of "Trojan Source"); and
// U+200B–U+200D, U+2060, U+FEFF (zero-width spaces and joiners, a byte order mark).
bool is_invisible_control(char32_t cp) noexcept;

// [text] made safe to print on a terminal: each character of is_invisible_control() is shown as
// \u{1b} (its code point in hex), each byte that is not UTF-8 as \x{b2}. A newline is kept when
// [keep_newlines], else shown as \u{a}; a backslash is kept as it is.
std::string visible(std::string_view text, bool keep_newlines = false);

// Whether XML 1.0 allows [cp] in a document: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
// [#x10000-#x10FFFF].
bool is_xml_char(char32_t cp) noexcept;

// [text] with every character XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF) and every
// byte that is not UTF-8 replaced by U+FFFD: what the XLSX and HTML writers write.
std::string xml_text(std::string_view text);

// Number of code points in [text].
std::size_t code_points(std::string_view text) noexcept;

// Pads [text] with spaces on the right (or left when [right_align]) to [width] cells.
std::string pad(std::string_view text, int width, bool right_align = false);

// Cuts [text] to at most [width] cells, ending with "…" when anything was cut.
std::string truncate(std::string_view text, int width);

// [text] percent-encoded byte by byte (RFC 3986): ASCII letters and digits, and the characters of
// [plain], stay as they are; every other byte becomes %XX. For URIs and Content-Disposition.
std::string percent_encoded(std::string_view text, std::string_view plain);

}  // namespace rubric::unicode
