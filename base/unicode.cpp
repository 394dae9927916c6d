// UTF-8 decoding and display width; see unicode.hpp.
#include "base/unicode.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace rubric::unicode {

char32_t decode(std::string_view text, std::size_t& offset) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(offset);
  int length = 0;
  char32_t cp = 0;
  if (lead < 0x80) {
    ++offset;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    cp = lead & 0x07;
  } else {
    ++offset;
    return 0xFFFD;
  }
  if (offset + static_cast<std::size_t>(length) > text.size()) {
    ++offset;
    return 0xFFFD;
  }
  for (int i = 1; i < length; ++i) {
    const unsigned char c = byte(offset + static_cast<std::size_t>(i));
    if ((c & 0xC0) != 0x80) {
      ++offset;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  // Overlong encodings, surrogates and values past U+10FFFF are malformed.
  static constexpr std::array<char32_t, 5> kMinimum = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinimum[static_cast<std::size_t>(length)] || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++offset;
    return 0xFFFD;
  }
  offset += static_cast<std::size_t>(length);
  return cp;
}

void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The same rule as decode() (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF),
// checked a byte at a time without decoding: it runs on every cell of a batch and every string
// of the JSON outputs.
bool is_valid_utf8(std::string_view text, std::size_t* bad_offset) noexcept {
  const std::size_t n = text.size();
  const auto at = [&](std::size_t k) { return k < n ? static_cast<unsigned char>(text[k]) : 0u; };
  const auto continuation = [](unsigned b) { return b >= 0x80 && b <= 0xBF; };
  std::size_t i = 0;
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    if (c < 0x80) {
      length = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      if (continuation(at(i + 1))) length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      const unsigned lo = c == 0xE0 ? 0xA0 : 0x80;  // E0 80..9F would be overlong
      const unsigned hi = c == 0xED ? 0x9F : 0xBF;  // ED A0..BF would be a surrogate
      if (at(i + 1) >= lo && at(i + 1) <= hi && continuation(at(i + 2))) length = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      const unsigned lo = c == 0xF0 ? 0x90 : 0x80;  // F0 80..8F would be overlong
      const unsigned hi = c == 0xF4 ? 0x8F : 0xBF;  // F4 90.. would be past U+10FFFF
      if (at(i + 1) >= lo && at(i + 1) <= hi && continuation(at(i + 2)) && continuation(at(i + 3))) length = 4;
    }
    if (length == 0) {
      if (bad_offset != nullptr) *bad_offset = i;
      return false;
    }
    i += length;
  }
  return true;
}

std::string valid_utf8(std::string_view text) {
  if (is_valid_utf8(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size();) encode(decode(text, i), out);
  return out;
}

bool is_invisible_control(char32_t cp) noexcept {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x202A && cp <= 0x202E) || cp == 0x2060 || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

std::string visible(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  std::size_t offset = 0;
  while (offset < text.size()) {
    const std::size_t start = offset;
    const char32_t cp = decode(text, offset);
    if (cp == 0xFFFD && offset - start == 1) {
      static constexpr char kHex[] = "0123456789abcdef";
      const auto byte = static_cast<unsigned char>(text[start]);
      out += "\\x{";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
      out += '}';
    } else if (is_invisible_control(cp) && !(keep_newlines && cp == '\n')) {
      static constexpr char kHex[] = "0123456789abcdef";
      std::string digits;
      for (char32_t v = cp; v != 0 || digits.empty(); v >>= 4) digits.insert(digits.begin(), kHex[v & 0xF]);
      out += "\\u{" + digits + "}";
    } else {
      out.append(text.substr(start, offset - start));
    }
  }
  return out;
}

bool is_xml_char(char32_t cp) noexcept {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         (cp >= 0x10000 && cp <= 0x10FFFF);
}

std::string xml_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t offset = 0;
  while (offset < text.size()) {
    const std::size_t start = offset;
    const char32_t cp = decode(text, offset);
    // A byte that is not UTF-8 decodes as U+FFFD and is written as one.
    if (is_xml_char(cp) && !(cp == 0xFFFD && offset - start == 1)) {
      out.append(text.substr(start, offset - start));
    } else {
      encode(0xFFFD, out);
    }
  }
  return out;
}

namespace {

using Range = std::pair<char32_t, char32_t>;

// East Asian Wide (W) and Fullwidth (F) blocks, after Unicode's EastAsianWidth.txt, coarsened
// to whole blocks; ambiguous-width characters (curly quotes, ×) count as narrow, as wcwidth does.
constexpr std::array<Range, 17> kWide = {{
    {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},
    {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
    {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
    {0x2329, 0x232A},
}};

constexpr std::array<Range, 7> kZero = {{
    {0x0300, 0x036F},
    {0x200B, 0x200F},
    {0x202A, 0x202E},
    {0x2060, 0x2064},
    {0xFE00, 0xFE0F},
    {0xFEFF, 0xFEFF},
    {0x20D0, 0x20FF},
}};

bool in(const auto& ranges, char32_t cp) {
  for (const auto& [lo, hi] : ranges) {
    if (cp >= lo && cp <= hi) return true;
  }
  return false;
}

}  // namespace

int char_width(char32_t cp) noexcept {
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return cp == '\t' ? 1 : 0;
  if (cp < 0x300) return 1;
  if (in(kZero, cp)) return 0;
  if (in(kWide, cp)) return 2;
  return 1;
}

bool ends_with_ascii_ci(std::string_view text, std::string_view suffix) noexcept {
  if (text.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    const char c = text[text.size() - suffix.size() + i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != suffix[i]) return false;
  }
  return true;
}

int display_width(std::string_view text) noexcept {
  int width = 0;
  std::size_t offset = 0;
  while (offset < text.size()) width += char_width(decode(text, offset));
  return width;
}

std::size_t code_points(std::string_view text) noexcept {
  std::size_t count = 0;
  std::size_t offset = 0;
  while (offset < text.size()) {
    decode(text, offset);
    ++count;
  }
  return count;
}

std::string pad(std::string_view text, int width, bool right_align) {
  const int fill = width - display_width(text);
  std::string out;
  if (right_align && fill > 0) out.append(static_cast<std::size_t>(fill), ' ');
  out.append(text);
  if (!right_align && fill > 0) out.append(static_cast<std::size_t>(fill), ' ');
  return out;
}

std::string truncate(std::string_view text, int width) {
  if (display_width(text) <= width) return std::string(text);
  std::string out;
  int used = 0;
  std::size_t offset = 0;
  while (offset < text.size()) {
    const std::size_t start = offset;
    const int w = char_width(decode(text, offset));
    if (used + w > width - 1) break;
    used += w;
    out.append(text.substr(start, offset - start));
  }
  out += "…";
  return out;
}

std::string utf16_message(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const auto message = [](bool little, bool bom) {
    return std::string("this file is UTF-16 (") + (little ? "little" : "big") + "-endian" +
           (bom ? ", with a byte order mark" : "") + "); save it as UTF-8";
  };
  if (text.size() >= 2 && byte(0) == 0xFF && byte(1) == 0xFE) return message(true, true);
  if (text.size() >= 2 && byte(0) == 0xFE && byte(1) == 0xFF) return message(false, true);
  const std::size_t units = std::min<std::size_t>(text.size(), 4096) / 2;
  if (units == 0) return "";
  std::size_t little = 0;
  std::size_t big = 0;
  for (std::size_t u = 0; u < units; ++u) {
    const unsigned char a = byte(2 * u);
    const unsigned char b = byte(2 * u + 1);
    if (b == 0 && a != 0 && a < 0x80) ++little;
    if (a == 0 && b != 0 && b < 0x80) ++big;
  }
  // CJK text has zero bytes too (U+4E00 is 00 4E in little-endian): the ASCII units decide.
  if (little * 4 >= units && little >= 4 * big) return message(true, false);
  if (big * 4 >= units && big >= 4 * little) return message(false, false);
  return "";
}

std::string percent_encoded(std::string_view text, std::string_view plain) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || plain.find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  return out;
}

}  // namespace rubric::unicode
