// Text cells of CSV outputs; see csv_cell.hpp.
#include "base/csv_cell.hpp"

namespace rubric {
namespace {

// -?/+? digits, an optional fraction, an optional '%': a number to any spreadsheet.
bool is_plain_number(std::string_view s) noexcept {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  const std::size_t digits = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == digits) return false;
  if (i < s.size() && s[i] == '.') {
    const std::size_t fraction = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == fraction) return false;
  }
  if (i < s.size() && s[i] == '%') ++i;
  return i == s.size();
}

}  // namespace

bool csv_needs_neutralising(std::string_view text) noexcept {
  if (text.empty()) return false;
  switch (text.front()) {
    case '\'': return true;
    case '=':
    case '@':
    case '\t':
    case '\r': return true;
    case '+':
    case '-': return !is_plain_number(text);
    default: return false;
  }
}

void append_csv_text(std::string& out, std::string_view text) {
  const bool neutralise = csv_needs_neutralising(text);
  if (!neutralise && text.find_first_of(",\"\n\r") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  if (neutralise) out += '\'';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string csv_text(std::string_view text) {
  std::string out;
  append_csv_text(out, text);
  return out;
}

std::string csv_text_value(std::string text) {
  if (!text.empty() && text.front() == '\'') text.erase(0, 1);
  return text;
}

}  // namespace rubric
