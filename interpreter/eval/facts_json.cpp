// The facts reader: JSON text into a tree whose numbers keep their text, and its syntax errors in
// words a person editing JSON by hand can act on. See facts_internal.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "base/unicode.hpp"
#include "base/messages.hpp"
#include "interpreter/eval/facts_internal.hpp"

namespace rubric {
namespace facts_detail {

const Json* Json::find(std::string_view key) const {
  for (const auto& [k, v] : members) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string describe(const Json& j) {
  switch (j.kind) {
    case Json::Kind::Null: return "null";
    case Json::Kind::Bool: return j.boolean ? "true" : "false";
    case Json::Kind::Number: return tr_format("the number {}", j.text);
    case Json::Kind::String: return tr_format("the string \"{}\"", j.text.size() > 40 ? j.text.substr(0, 40) + "…" : j.text);
    case Json::Kind::Array: return std::string(tr("a list"));
    case Json::Kind::Object: return std::string(tr("an object"));
  }
  return std::string(tr("a value"));
}

// A JSON number's exact value; nullopt for anything else or a number too large to hold.
std::optional<Decimal> json_number(const Json& j) {
  if (j.kind != Json::Kind::Number) return std::nullopt;
  try {
    return Decimal::parse(j.text);
  } catch (const DecimalError&) {
    return std::nullopt;
  }
}

namespace {

class Builder : public nlohmann::json_sax<nlohmann::json> {
 public:
  Builder(const std::string& file, Diagnostics& diagnostics) : file_(file), diagnostics_(diagnostics) {}

  bool null() override { return put(Json{}); }
  bool boolean(bool value) override {
    Json j;
    j.kind = Json::Kind::Bool;
    j.boolean = value;
    return put(std::move(j));
  }
  bool number_integer(number_integer_t value) override { return number(std::to_string(value)); }
  bool number_unsigned(number_unsigned_t value) override { return number(std::to_string(value)); }
  bool number_float(number_float_t /*unused: binary*/, const string_t& text) override { return number(text); }
  bool string(string_t& value) override {
    if (value.size() > kMaxJsonStringBytes) {
      return too_large(slot_path(), tr_format("a string of {} bytes is longer than the {} allowed", value.size(),
                                                kMaxJsonStringBytes));
    }
    Json j;
    j.kind = Json::Kind::String;
    j.text = std::move(value);
    return put(std::move(j));
  }
  bool binary(binary_t& /*unused*/) override { return put(Json{}); }
  bool start_object(std::size_t /*unused*/) override { return open(Json::Kind::Object); }
  bool key(string_t& value) override {
    Json& object = *stack_.back();
    if (value.size() > kMaxJsonStringBytes) {
      return too_large(paths_.back(), tr_format("a key of {} bytes is longer than the {} allowed", value.size(),
                                                  kMaxJsonStringBytes));
    }
    if (object.members.size() >= kMaxJsonItems) {
      return too_large(paths_.back(), tr_format("the object has more than {} keys", kMaxJsonItems));
    }
    // A set per open object: a linear search per key would make a file of many keys quadratic.
    if (!keys_.back().insert(value).second) {
      diagnostics_.error("E0606", Location::in_json(file_, path_with(value)),
                         tr_format("\"{}\" is given twice", value))
          .help = std::string(tr("a key may appear once in an object; remove one of them (the first would count)"));
    }
    object.members.push_back(Member{value, Json{}});
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t /*unused*/) override { return open(Json::Kind::Array); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string& /*unused*/, const nlohmann::detail::exception& e) override {
    error_position = position;
    error_message = e.what();
    return false;
  }

  Json root;
  std::size_t error_position = 0;
  std::string error_message;
  bool too_deep = false;
  std::optional<std::pair<std::string, std::string>> too_large_at;  // path and message, for E0609

 private:
  bool too_large(std::string path, std::string message) {
    too_large_at.emplace(path.empty() ? "(document)" : std::move(path), std::move(message));
    return false;
  }
  bool number(const std::string& text) {
    Json j;
    j.kind = Json::Kind::Number;
    j.text = text;
    return put(std::move(j));
  }
  Json* slot() {
    if (stack_.empty()) return &root;
    Json& parent = *stack_.back();
    if (parent.kind == Json::Kind::Array) {
      if (parent.items.size() >= kMaxJsonItems) return nullptr;
      parent.items.emplace_back();
      return &parent.items.back();
    }
    return &parent.members.back().second;
  }
  bool put(Json value) {
    Json* j = slot();
    if (j == nullptr) return list_too_long();
    *j = std::move(value);
    return true;
  }
  bool list_too_long() { return too_large(paths_.back(), tr_format("the list has more than {} items", kMaxJsonItems)); }
  bool open(Json::Kind kind) {
    if (stack_.size() >= static_cast<std::size_t>(kMaxJsonDepth)) {
      too_deep = true;
      return false;
    }
    std::string path = slot_path();
    Json* j = slot();
    if (j == nullptr) return list_too_long();
    paths_.push_back(std::move(path));
    j->kind = kind;
    stack_.push_back(j);
    keys_.emplace_back();
    return true;
  }
  bool close() {
    stack_.pop_back();
    paths_.pop_back();
    keys_.pop_back();
    return true;
  }
  // The JSON path of the value about to be put, e.g. "facts.outputs[2]".
  std::string slot_path() const {
    if (stack_.empty()) return "";
    const Json& parent = *stack_.back();
    if (parent.kind == Json::Kind::Array) return fmt::format("{}[{}]", paths_.back(), parent.items.size());
    return path_with(parent.members.back().first);
  }
  std::string path_with(const std::string& key) const {
    return paths_.empty() || paths_.back().empty() ? key : paths_.back() + "." + key;
  }

  const std::string& file_;
  Diagnostics& diagnostics_;
  std::vector<Json*> stack_;
  std::vector<std::string> paths_;  // the path of each open object or array
  std::vector<std::unordered_set<std::string>> keys_;  // the keys seen in each open object
};

// A syntax error in a facts file, in words a person editing JSON by hand can act on.
struct JsonError {
  std::string code = "E0600";
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string message;
  std::string help;
};

// The last character before [offset] that is not white space, or npos.
std::size_t previous_char(const std::string& text, std::size_t offset) {
  while (offset > 0) {
    --offset;
    if (std::string_view(" \t\r\n").find(text[offset]) == std::string_view::npos) return offset;
  }
  return std::string::npos;
}

// Marks in [out] the token at which nlohmann stopped: the lexer stops just after the token it
// could not use (or, in a bad literal, after the first character that cannot belong to one).
// [what] is nlohmann's message.
void mark_token(const std::string& text, std::size_t position, const std::string& what, JsonError& out) {
  const auto word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || static_cast<unsigned char>(c) >= 0x80 ||
           std::string_view("._+-'/#").find(c) != std::string_view::npos;
  };
  out.end = position;
  out.begin = position > 0 ? position - 1 : 0;
  if (position == text.size() && what.find("end of input") != std::string::npos) {
    out.begin = std::min(previous_char(text, position), text.size() - 1);
    out.end = out.begin + 1;
  } else if (what.find("invalid string") != std::string::npos) {
    out.begin = text.rfind('"', out.begin);
    if (out.begin == std::string::npos) out.begin = position - 1;
    out.end = text.find('\n', out.begin);
    if (out.end == std::string::npos) out.end = text.size();
  } else if (position > 0 && text[position - 1] == '"') {
    std::size_t i = position - 1;
    while (i > 0 && !(text[i - 1] == '"' && (i < 2 || text[i - 2] != '\\'))) --i;
    out.begin = i > 0 ? i - 1 : 0;
  } else if (what.find("invalid literal") != std::string::npos) {
    if (position > 1 && !word(text[position - 1])) --out.end;  // the character that ended the bad literal
    out.begin = out.end;
    while (out.begin > 0 && word(text[out.begin - 1])) --out.begin;
    if (out.begin == out.end) out.begin = out.end - 1;
  } else if (position > 0 && word(text[position - 1])) {
    while (out.begin > 0 && word(text[out.begin - 1])) --out.begin;
  }
}

// Takes nlohmann's prefixes off [what] ("[json.exception.parse_error.101] parse error at …: ",
// "syntax error while parsing object - ") and returns what was being parsed ("object", "value",
// "object key", …), or "" when the message does not say.
std::string take_context(std::string& what) {
  if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
  std::string context;
  if (constexpr std::string_view kPrefix = "syntax error while parsing "; what.rfind(kPrefix, 0) == 0) {
    what = what.substr(kPrefix.size());
    if (const auto dash = what.find(" - "); dash != std::string::npos) {
      context = what.substr(0, dash);
      what = what.substr(dash + 3);
    }
  }
  return context;
}

// The message and help of [out], whose token is marked: [what] is nlohmann's complaint and
// [context] what it was parsing (see take_context).
void explain(const std::string& text, std::size_t position, const std::string& what, const std::string& context,
             JsonError& out) {
  // The token found, in words.
  std::string found = fmt::format("'{}'", text.substr(out.begin, out.end - out.begin));
  if (what.find("unexpected string literal") != std::string::npos) found = tr_later("a string");
  if (what.find("unexpected number literal") != std::string::npos) found = tr_later("a number");
  if (what.find("unexpected end of input") != std::string::npos) found = tr_later("the end of the file");
  // What was found in the people's words: the file's own text ('x') as it is.
  const std::string found_words = found.front() == '\'' ? found : std::string(tr(found));
  const std::size_t before = previous_char(text, out.begin);
  const auto line_of = [&](std::size_t at) { return std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1; };
  const bool after_comma = before != std::string::npos && text[before] == ',';

  if (what.find("expected end of input") != std::string::npos && found != "the end of the file") {
    // A value is complete and something follows it: a second object, a stray character, a line
    // of JSON Lines pasted twice. Nothing after the value may be ignored.
    out.code = "E0613";
    out.message = tr_format("invalid JSON: {} after the end of the JSON value", found == "a string" || found == "a number"
                                                                                    ? found_words
                                                                                    : tr_format("text {}", found));
    out.help = std::string(tr("a facts document is one JSON value; remove what follows it (another department goes in a file, or a "
               "JSON Lines line, of its own)"));
  } else if (const auto overflow = what.find("number overflow parsing '"); overflow != std::string::npos) {
    // nlohmann also converts every number to binary floating point and refuses one beyond its range.
    const std::string number = what.substr(overflow + 25, what.find('\'', overflow + 25) - overflow - 25);
    out.message = tr_format("the number {} is out of range", number);
    out.help = std::string(tr("numbers have at most 38 significant digits and 24 decimals (see docs/decimals.md)"));
  } else if (what.find("invalid string: control character U+000A") != std::string::npos) {
    out.message = std::string(tr("invalid JSON: a string must end with '\"' on the same line"));
    out.help = std::string(tr("write a line break inside a string as \\n"));
  } else if (const auto detail = what.find("invalid string: "); detail != std::string::npos) {
    out.message = tr_format("invalid JSON: {}", what.substr(detail, what.find(';', detail) - detail));
    out.end = position;
  } else if (what.find("invalid literal") != std::string::npos) {
    const std::string read = text.substr(out.begin, out.end - out.begin);
    if (read.find('/') != std::string::npos || read.find('#') != std::string::npos) {
      out.message = std::string(tr("invalid JSON: JSON has no comments"));
      out.help = std::string(tr("write a remark as a key starting with \"_\", e.g. \"_note\": \"…\""));
    } else if (context == "object key") {
      out.message = std::string(tr("invalid JSON: expected a key in quotation marks \"…\""));
      out.help = std::string(tr("JSON keys and strings are written in \"…\", e.g. \"audit_issues\": 3"));
    } else {
      out.message = tr_format("invalid JSON: '{}' is not a value", read);
      out.help = std::string(tr("a value is a number, a \"string\", true, false, null, a list [ … ] or an object { … }"));
    }
  } else if (after_comma && (context == "object key" || context == "value")) {
    out.message = tr_format("invalid JSON: expected another item after ',', found {}", found_words);
    out.help = std::string(tr("remove the ',' after the last item: JSON allows no trailing comma"));
  } else if (context == "object" || context == "array") {
    const char close = context == "object" ? '}' : ']';
    out.message = tr_format("invalid JSON: expected ',' or '{}' after {}, found {}", close,
                              context == "object" ? std::string(tr("a member")) : std::string(tr("an item")), found_words);
    if (found == "the end of the file") {
      out.message = context == "object" ? tr_format("invalid JSON: the file ends before the object is closed with '{}'", close)
                                       : tr_format("invalid JSON: the file ends before the list is closed with '{}'", close);
    } else if (before != std::string::npos && line_of(before) < line_of(out.begin)) {
      out.help = tr_format("is a ',' missing at the end of line {}?", line_of(before));
    } else {
      out.help = std::string(tr("separate the items with ','"));
    }
  } else if (context == "object separator") {
    out.message = tr_format("invalid JSON: expected ':' after the key, found {}", found_words);
  } else if (context == "value") {
    out.message = tr_format("invalid JSON: expected a value, found {}", found_words);
  } else {
    out.message = tr_format("invalid JSON: {}", what);
  }
}

// nlohmann's message reads "[json.exception.parse_error.101] parse error at line 15, column 23:
// syntax error while parsing object - unexpected string literal; expected '}'". The span marks
// the token it stopped at.
JsonError json_error(const std::string& text, std::size_t position, std::string what) {
  JsonError out;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    out.message = std::string(tr("invalid JSON: the file is empty"));
    out.help = std::string(tr("a facts file is an object: {\"department\": …, \"year\": …, \"facts\": { … }}"));
    return out;
  }
  position = std::min(position, text.size());
  mark_token(text, position, what, out);
  const std::string context = take_context(what);
  explain(text, position, what, context, out);
  if (out.end <= out.begin) out.end = out.begin + 1;
  return out;
}

}  // namespace

std::optional<Json> parse_document(const std::string& json_text, const std::string& file_name, Diagnostics& diags) {
  Builder builder(file_name, diags);
  if (json_text.size() > kMaxFactsBytes) {
    diags.error("E0609", Location::in_json(file_name, "(document)"),
                tr_format("the file is {} bytes; a facts file may be at most {} bytes", json_text.size(), kMaxFactsBytes));
    return std::nullopt;
  }
  if (const std::string utf16 = unicode::utf16_message(json_text); !utf16.empty()) {
    diags.error("E0021", Location::in_json(file_name, ""), utf16).help = unicode::kUtf16Help;
    return std::nullopt;
  }
  const bool parsed = nlohmann::json::sax_parse(json_text, &builder, nlohmann::json::input_format_t::json, true);
  if (!parsed) {
    auto source = std::make_shared<const SourceFile>(file_name, json_text);
    const auto at = static_cast<std::uint32_t>(builder.error_position > 0 ? builder.error_position - 1 : 0);
    if (builder.too_large_at) {
      diags.error("E0609", Location::in_json(file_name, builder.too_large_at->first), builder.too_large_at->second);
      return std::nullopt;
    }
    if (builder.too_deep) {
      diags.error("E0608", Location::at(source, {at, at + 1}),
                  tr_format("the document is nested more than {} levels deep", kMaxJsonDepth));
      return std::nullopt;
    }
    const JsonError e = json_error(json_text, builder.error_position, builder.error_message);
    auto& d = diags.error(e.code, Location::at(source, {static_cast<std::uint32_t>(e.begin), static_cast<std::uint32_t>(e.end)}),
                          e.message);
    d.help = e.help;
    return std::nullopt;
  }
  return std::move(builder.root);
}

}  // namespace facts_detail

using namespace facts_detail;

Diagnostics facts_syntax_errors(const std::string& json_text, const std::string& file_name) {
  Diagnostics diags;
  parse_document(json_text, file_name, diags);
  return diags;
}

std::optional<int> facts_year(const std::string& json_text) {
  Diagnostics ignored;
  static const std::string no_file;  // Builder keeps a reference: a temporary "" would dangle
  Builder builder(no_file, ignored);
  if (!nlohmann::json::sax_parse(json_text, &builder, nlohmann::json::input_format_t::json, false)) return std::nullopt;
  const Json* year = builder.root.kind == Json::Kind::Object ? builder.root.find("year") : nullptr;
  if (year == nullptr) return std::nullopt;
  const auto value = json_number(*year);
  const auto whole = value ? value->to_int64() : std::nullopt;
  if (!whole || *whole < 1900 || *whole > 9999) return std::nullopt;
  return static_cast<int>(*whole);
}

namespace {

void write_json(const Json& j, std::string& out) {
  switch (j.kind) {
    case Json::Kind::Null: out += "null"; return;
    case Json::Kind::Bool: out += j.boolean ? "true" : "false"; return;
    case Json::Kind::Number: out += j.text; return;
    case Json::Kind::String: out += nlohmann::json(j.text).dump(); return;
    case Json::Kind::Array:
      out += '[';
      for (std::size_t i = 0; i < j.items.size(); ++i) {
        if (i > 0) out += ',';
        write_json(j.items[i], out);
      }
      out += ']';
      return;
    case Json::Kind::Object:
      out += '{';
      for (std::size_t i = 0; i < j.members.size(); ++i) {
        if (i > 0) out += ',';
        out += nlohmann::json(j.members[i].first).dump() + ':';
        write_json(j.members[i].second, out);
      }
      out += '}';
      return;
  }
}

std::optional<Json> read_json(const std::string& text, std::string& error) {
  Diagnostics ignored;
  static const std::string no_file;  // Builder keeps a reference: a temporary "" would dangle
  Builder builder(no_file, ignored);
  if (!nlohmann::json::sax_parse(text, &builder, nlohmann::json::input_format_t::json, true)) {
    if (builder.too_deep) {
      error = std::string(tr("nested too deeply"));
    } else if (builder.too_large_at) {
      error = builder.too_large_at->second;
    } else {
      const JsonError e = json_error(text, builder.error_position, builder.error_message);
      const std::size_t at = std::min(e.begin, text.size());
      const auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1;
      const std::size_t line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
      const std::size_t column = at - (line_start == std::string::npos || at == 0 ? 0 : line_start + 1) + 1;
      error = tr_format("line {}, column {}: {}", line, column, e.message);
    }
    return std::nullopt;
  }
  return std::move(builder.root);
}

}  // namespace

std::optional<std::string> override_facts(const std::string& document, const std::string& overrides, std::string& error) {
  auto doc = read_json(document, error);
  if (!doc) return std::nullopt;
  auto changes = read_json(overrides, error);
  if (!changes) return std::nullopt;
  if (doc->kind != Json::Kind::Object || changes->kind != Json::Kind::Object) {
    error = std::string(tr("expected JSON objects"));
    return std::nullopt;
  }
  Json* facts = nullptr;
  for (auto& [key, value] : doc->members) {
    if (key == "facts") facts = &value;
  }
  if (facts == nullptr || facts->kind != Json::Kind::Object) {
    doc->members.push_back(Member{"facts", Json{Json::Kind::Object, false, {}, {}, {}}});
    facts = &doc->members.back().second;
  }
  for (auto& [key, value] : changes->members) {
    auto it = std::find_if(facts->members.begin(), facts->members.end(), [&key = key](const auto& m) { return m.first == key; });
    if (it != facts->members.end()) {
      it->second = std::move(value);
    } else {
      facts->members.push_back(Member{key, std::move(value)});
    }
  }
  std::string out;
  write_json(*doc, out);
  return out;
}

}  // namespace rubric
