// JSON text; see json_text.hpp.
#include "base/json_text.hpp"

#include "base/unicode.hpp"

namespace rubric::json {
namespace {

using nlohmann::ordered_json;

void write(std::string& out, const ordered_json& v, int indent, int level) {
  const bool pretty = indent >= 0;
  const auto newline = [&](int at) {
    if (!pretty) return;
    out += '\n';
    out.append(static_cast<std::size_t>(indent) * static_cast<std::size_t>(at), ' ');
  };
  switch (v.type()) {
    case ordered_json::value_t::object: {
      if (v.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out += ',';
        first = false;
        newline(level + 1);
        write_string(out, it.key());
        out += pretty ? ": " : ":";
        write(out, it.value(), indent, level + 1);
      }
      newline(level);
      out += '}';
      return;
    }
    case ordered_json::value_t::array: {
      if (v.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      bool first = true;
      for (const ordered_json& element : v) {
        if (!first) out += ',';
        first = false;
        newline(level + 1);
        write(out, element, indent, level + 1);
      }
      newline(level);
      out += ']';
      return;
    }
    case ordered_json::value_t::string: write_string(out, v.get_ref<const std::string&>()); return;
    case ordered_json::value_t::binary: {
      const auto& bytes = v.get_binary();
      if (bytes.has_subtype() && bytes.subtype() == kExactSubtype) {
        out.append(bytes.begin(), bytes.end());  // the digits of a Decimal, put there by exact()
      } else {
        out += "null";  // no output holds other binary values
      }
      return;
    }
    case ordered_json::value_t::discarded:
    case ordered_json::value_t::null: out += "null"; return;
    case ordered_json::value_t::boolean:
    case ordered_json::value_t::number_integer:
    case ordered_json::value_t::number_unsigned:
    case ordered_json::value_t::number_float: out += v.dump(); return;  // no text in these: dump() cannot throw
  }
}

}  // namespace

void write_string(std::string& out, std::string_view text, NamedEscapes named) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string repaired;
  if (!unicode::is_valid_utf8(text)) {
    repaired = unicode::valid_utf8(text);
    text = repaired;
  }
  const bool bf = named == NamedEscapes::BfnrtAll;
  out += '"';
  std::size_t copied = 0;  // text[copied, i) needs no escape and is appended in one go
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text, copied, i - copied);
    copied = i + 1;
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '\b':
        if (bf) {
          out += "\\b";
          continue;
        }
        break;
      case '\f':
        if (bf) {
          out += "\\f";
          continue;
        }
        break;
      default: break;
    }
    out += "\\u00";
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  }
  out.append(text, copied, text.size() - copied);
  out += '"';
}

ordered_json exact(const Decimal& d) {
  const std::string digits = d.to_string();
  return ordered_json::binary(std::vector<std::uint8_t>(digits.begin(), digits.end()), kExactSubtype);
}

std::string dump(const ordered_json& value, int indent) {
  std::string out;
  write(out, value, indent, 0);
  return out;
}

}  // namespace rubric::json
