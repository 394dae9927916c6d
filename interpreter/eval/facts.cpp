// Reading and validating facts; see facts.hpp.
#include "interpreter/eval/facts.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <unordered_set>

#include "base/unicode.hpp"
#include "interpreter/check/checker.hpp"

namespace rubric {
namespace {

// A JSON value whose numbers keep their source text.
// An object's member. Not a std::pair: with clang, std::pair<std::string, Json> cannot be
// instantiated while Json is being defined.
struct Member;

struct Json {
  enum class Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  std::string text;  // a number's literal text, or a string's value
  std::vector<Json> items;
  std::vector<Member> members;

  const Json* find(std::string_view key) const;
};

struct Member {
  std::string first;
  Json second;
};

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
    case Json::Kind::Number: return fmt::format("the number {}", j.text);
    case Json::Kind::String: return fmt::format("the string \"{}\"", j.text.size() > 40 ? j.text.substr(0, 40) + "…" : j.text);
    case Json::Kind::Array: return "a list";
    case Json::Kind::Object: return "an object";
  }
  return "a value";
}

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
      return too_large(slot_path(), fmt::format("a string of {} bytes is longer than the {} allowed", value.size(),
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
      return too_large(paths_.back(), fmt::format("a key of {} bytes is longer than the {} allowed", value.size(),
                                                  kMaxJsonStringBytes));
    }
    if (object.members.size() >= kMaxJsonItems) {
      return too_large(paths_.back(), fmt::format("the object has more than {} keys", kMaxJsonItems));
    }
    // A set per open object: a linear search per key would make a file of many keys quadratic.
    if (!keys_.back().insert(value).second) {
      diagnostics_.error("E0606", Location::in_json(file_, path_with(value)),
                         fmt::format("\"{}\" is given twice", value))
          .help = "a key may appear once in an object; remove one of them (the first would count)";
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
  bool list_too_long() { return too_large(paths_.back(), fmt::format("the list has more than {} items", kMaxJsonItems)); }
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

// nlohmann's message reads "[json.exception.parse_error.101] parse error at line 15, column 23:
// syntax error while parsing object - unexpected string literal; expected '}'".
// The lexer stops just after the token it could not use (or, in a bad literal, after the first
// character that cannot belong to one); the span marks that token.
JsonError json_error(const std::string& text, std::size_t position, std::string what) {
  JsonError out;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    out.message = "invalid JSON: the file is empty";
    out.help = "a facts file is an object: {\"department\": …, \"year\": …, \"facts\": { … }}";
    return out;
  }
  position = std::min(position, text.size());
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
  if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
  std::string context;
  if (constexpr std::string_view kPrefix = "syntax error while parsing "; what.rfind(kPrefix, 0) == 0) {
    what = what.substr(kPrefix.size());
    if (const auto dash = what.find(" - "); dash != std::string::npos) {
      context = what.substr(0, dash);
      what = what.substr(dash + 3);
    }
  }
  // The token found, in words.
  std::string found = fmt::format("'{}'", text.substr(out.begin, out.end - out.begin));
  if (what.find("unexpected string literal") != std::string::npos) found = "a string";
  if (what.find("unexpected number literal") != std::string::npos) found = "a number";
  if (what.find("unexpected end of input") != std::string::npos) found = "the end of the file";
  const std::size_t before = previous_char(text, out.begin);
  const auto line_of = [&](std::size_t at) { return std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1; };
  const bool after_comma = before != std::string::npos && text[before] == ',';

  if (what.find("expected end of input") != std::string::npos && found != "the end of the file") {
    // A value is complete and something follows it: a second object, a stray character, a line
    // of JSON Lines pasted twice. Nothing after the value may be ignored.
    out.code = "E0613";
    out.message = fmt::format("invalid JSON: {} after the end of the JSON value", found == "a string" || found == "a number"
                                                                                    ? found
                                                                                    : "text " + found);
    out.help = "a facts document is one JSON value; remove what follows it (another department goes in a file, or a "
               "JSON Lines line, of its own)";
  } else if (const auto overflow = what.find("number overflow parsing '"); overflow != std::string::npos) {
    // nlohmann also converts every number to binary floating point and refuses one beyond its range.
    const std::string number = what.substr(overflow + 25, what.find('\'', overflow + 25) - overflow - 25);
    out.message = fmt::format("the number {} is out of range", number);
    out.help = "numbers have at most 38 significant digits and 24 decimals (see docs/decimals.md)";
  } else if (what.find("invalid string: control character U+000A") != std::string::npos) {
    out.message = "invalid JSON: a string must end with '\"' on the same line";
    out.help = "write a line break inside a string as \\n";
  } else if (const auto detail = what.find("invalid string: "); detail != std::string::npos) {
    out.message = fmt::format("invalid JSON: {}", what.substr(detail, what.find(';', detail) - detail));
    out.end = position;
  } else if (what.find("invalid literal") != std::string::npos) {
    const std::string read = text.substr(out.begin, out.end - out.begin);
    if (read.find('/') != std::string::npos || read.find('#') != std::string::npos) {
      out.message = "invalid JSON: JSON has no comments";
      out.help = "write a remark as a key starting with \"_\", e.g. \"_note\": \"…\"";
    } else if (context == "object key") {
      out.message = "invalid JSON: expected a key in quotation marks \"…\"";
      out.help = "JSON keys and strings are written in \"…\", e.g. \"audit_issues\": 3";
    } else {
      out.message = fmt::format("invalid JSON: '{}' is not a value", read);
      out.help = "a value is a number, a \"string\", true, false, null, a list [ … ] or an object { … }";
    }
  } else if (after_comma && (context == "object key" || context == "value")) {
    out.message = fmt::format("invalid JSON: expected another item after ',', found {}", found);
    out.help = "remove the ',' after the last item: JSON allows no trailing comma";
  } else if (context == "object" || context == "array") {
    const char close = context == "object" ? '}' : ']';
    out.message = fmt::format("invalid JSON: expected ',' or '{}' after {}, found {}", close,
                              context == "object" ? "a member" : "an item", found);
    if (found == "the end of the file") {
      out.message = fmt::format("invalid JSON: the file ends before the {} is closed with '{}'", context == "object" ? "object" : "list", close);
    } else if (before != std::string::npos && line_of(before) < line_of(out.begin)) {
      out.help = fmt::format("is a ',' missing at the end of line {}?", line_of(before));
    } else {
      out.help = "separate the items with ','";
    }
  } else if (context == "object separator") {
    out.message = fmt::format("invalid JSON: expected ':' after the key, found {}", found);
  } else if (context == "value") {
    out.message = fmt::format("invalid JSON: expected a value, found {}", found);
  } else {
    out.message = fmt::format("invalid JSON: {}", what);
  }
  if (out.end <= out.begin) out.end = out.begin + 1;
  return out;
}

class Validator {
 public:
  Validator(const ast::Ruleset& ruleset, const std::string& file, Diagnostics& diagnostics, const FactsOptions& options)
      : rs_(ruleset), file_(file), diags_(diagnostics), options_(options) {}

  std::optional<Value> convert(const Json& j, const ast::TypeRef& type, const std::optional<ast::Interval>& domain,
                               const std::string& path);
  Diagnostic& error(const std::string& code, const std::string& path, std::string message) {
    return diags_.error(code, Location::in_json(file_, path), std::move(message));
  }
  // A key the ruleset does not declare: an error [code] ("unknown fact \"x\""), or, with
  // --allow-unknown-facts, the warning [warning_code] ("… is ignored"). [help] is the did-you-mean
  // or what the object may hold.
  Diagnostic& unknown(const char* code, const char* warning_code, const std::string& path, const std::string& what,
                      std::string help) {
    if (options_.allow_unknown) {
      auto& d = diags_.warning(warning_code, Location::in_json(file_, path), fmt::format("{} is ignored", what));
      d.help = std::move(help);
      return d;
    }
    auto& d = diags_.error(code, Location::in_json(file_, path), what);
    d.help = std::move(help);
    d.notes.push_back({std::string(kUnknownNote), std::nullopt});
    return d;
  }
  static constexpr std::string_view kUnknownNote =
      "a key the ruleset does not declare is refused, not ignored; --allow-unknown-facts ignores such keys with a "
      "warning";

 private:
  std::optional<Decimal> number(const Json& j, const ast::TypeRef& type, const std::string& path);
  void check_domain(const Decimal& value, const ast::TypeRef& type, const std::optional<ast::Interval>& domain,
                    const std::string& path);

  const ast::Ruleset& rs_;
  const std::string& file_;
  Diagnostics& diags_;
  const FactsOptions& options_;
};

std::string format_interval(const ast::Interval& iv, const ast::Ruleset& rs) {
  return std::string(rs.slice(iv.span));
}

std::optional<Decimal> Validator::number(const Json& j, const ast::TypeRef& type, const std::string& path) {
  if (j.kind != Json::Kind::Number && j.kind != Json::Kind::String) {
    error("E0603", path, fmt::format("expected {}, found {}", type.kind == ast::TypeKind::Percent ? "a percent" : "a number",
                                     describe(j)));
    return std::nullopt;
  }
  FactNumber read = read_fact_number(j.text, type.kind, j.kind == Json::Kind::String);
  if (!read.value) {
    auto& d = error(read.code, path, std::move(read.message));
    d.help = std::move(read.help);
  }
  return read.value;
}

void Validator::check_domain(const Decimal& value, const ast::TypeRef& type,
                             const std::optional<ast::Interval>& domain, const std::string& path) {
  const auto shown = [&](const Decimal& d) { return format_number(d, type.kind); };
  if (type.kind == ast::TypeKind::Count && !value.is_integer()) {
    error("E0604", path, fmt::format("a count must be a whole number, not {}", value.to_string()));
    return;
  }
  if (domain) {
    const auto lo = domain->lo.value ? constant_value(*domain->lo.value) : std::nullopt;
    const auto hi = domain->hi.value ? constant_value(*domain->hi.value) : std::nullopt;
    const bool below = lo && (domain->lo_closed ? value < *lo : value <= *lo);
    const bool above = hi && (domain->hi_closed ? value > *hi : value >= *hi);
    if (below || above) {
      error("E0604", path, fmt::format("{} is outside the declared domain {}", shown(value), format_interval(*domain, rs_)));
    }
    return;
  }
  const bool nonnegative = type.kind == ast::TypeKind::Percent || type.kind == ast::TypeKind::Money ||
                           type.kind == ast::TypeKind::Count;
  if (nonnegative && value.sign() < 0) {
    auto& d = error("E0604", path, fmt::format("{} is negative, but a {} is at least 0", shown(value), ast::describe(type)));
    if (type.kind != ast::TypeKind::Count) {
      d.help = "if negative values are meant, the ruleset must declare a domain such as 'in [-100%, inf)'";
    }
  }
}

std::optional<Value> Validator::convert(const Json& j, const ast::TypeRef& type,
                                        const std::optional<ast::Interval>& domain, const std::string& path) {
  switch (type.kind) {
    case ast::TypeKind::Number:
    case ast::TypeKind::Percent:
    case ast::TypeKind::Money:
    case ast::TypeKind::Count: {
      auto value = number(j, type, path);
      if (!value) return std::nullopt;
      check_domain(*value, type, domain, path);
      return Value(*value);
    }
    case ast::TypeKind::Bool:
      if (j.kind != Json::Kind::Bool) {
        error("E0603", path, fmt::format("expected true or false, found {}", describe(j))).help =
            "write true or false, without quotes";
        return std::nullopt;
      }
      return Value(j.boolean);
    case ast::TypeKind::Text:
      if (j.kind != Json::Kind::String) {
        error("E0603", path, fmt::format("expected a string, found {}", describe(j)));
        return std::nullopt;
      }
      return Value(j.text);
    case ast::TypeKind::Enum: {
      if (j.kind != Json::Kind::String) {
        error("E0603", path, fmt::format("expected one of {}, found {}", fmt::join(type.members, ", "), describe(j)));
        return std::nullopt;
      }
      if (std::find(type.members.begin(), type.members.end(), j.text) == type.members.end()) {
        auto& d = error("E0605", path,
                        fmt::format("\"{}\" is not one of {}", j.text, fmt::join(type.members, ", ")));
        if (auto guess = closest_match(j.text, type.members)) d.help = fmt::format("did you mean \"{}\"?", *guess);
        return std::nullopt;
      }
      return Value(j.text);
    }
    case ast::TypeKind::List: {
      if (j.kind != Json::Kind::Array) {
        error("E0603", path, fmt::format("expected a list ({}), found {}", ast::describe(type), describe(j)));
        return std::nullopt;
      }
      auto items = std::make_shared<std::vector<Value>>();
      bool ok = true;
      for (std::size_t i = 0; i < j.items.size(); ++i) {
        auto item = convert(j.items[i], *type.element, domain, fmt::format("{}[{}]", path, i));
        if (item) {
          items->push_back(std::move(*item));
        } else {
          ok = false;
        }
      }
      if (!ok) return std::nullopt;
      return Value(ValueList(std::move(items)));
    }
    case ast::TypeKind::Record: {
      if (j.kind != Json::Kind::Object) {
        error("E0603", path, fmt::format("expected an object ({}), found {}", ast::describe(type), describe(j)));
        return std::nullopt;
      }
      auto fields = std::make_shared<std::vector<Value>>();
      bool ok = true;
      std::vector<std::string> names;
      for (const ast::Field& f : type.fields) {
        names.push_back(f.name);
        const Json* member = j.find(f.name);
        if (member == nullptr) {
          error("E0602", path, fmt::format("the field \"{}\" ({}) is missing", f.name, ast::describe(*f.type)));
          ok = false;
          continue;
        }
        auto value = convert(*member, *f.type, f.domain, path + "." + f.name);
        if (value) {
          fields->push_back(std::move(*value));
        } else {
          ok = false;
        }
      }
      for (const auto& [key, value] : j.members) {
        if (std::find(names.begin(), names.end(), key) == names.end()) {
          auto guess = closest_match(key, names);
          unknown("E0610", "W0601", path + "." + key, fmt::format("unknown field \"{}\"", key),
                  guess ? fmt::format("did you mean \"{}\"?", *guess)
                        : fmt::format("the fields are {}", fmt::join(names, ", ")));
        }
      }
      if (!ok) return std::nullopt;
      return Value(ValueList(std::move(fields)));
    }
    case ast::TypeKind::Unknown: break;
  }
  return std::nullopt;
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

void collect_indicators(const std::vector<ast::Item>& items, std::vector<std::string>& names) {
  for (const ast::Item& item : items) {
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) collect_indicators((*s)->items, names);
    if (const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) names.push_back((*i)->name);
  }
}

// "claimed": {"total": N, "indicators": {NAME: N, …}}
void read_claims(const Json& claimed, const ast::Ruleset& ruleset, Validator& validator, Diagnostics& diags,
                 const std::string& file_name, bool allow_unknown, Claims& out) {
  if (claimed.kind != Json::Kind::Object) {
    validator.error("E0603", "claimed", fmt::format("expected an object {{\"total\", \"indicators\"}}, found {}", describe(claimed)));
    return;
  }
  std::vector<std::string> names;
  collect_indicators(ruleset.items, names);
  for (const auto& [key, value] : claimed.members) {
    if (key == "total") {
      if (auto total = json_number(value)) {
        out.total = *total;
      } else {
        validator.error("E0603", "claimed.total", fmt::format("expected the claimed total as a number, found {}", describe(value)));
      }
    } else if (key == "indicators" && value.kind == Json::Kind::Object) {
      for (const auto& [name, score] : value.members) {
        const std::string path = "claimed.indicators." + name;
        if (std::find(names.begin(), names.end(), name) == names.end()) {
          auto guess = closest_match(name, names);
          if (allow_unknown) {
            auto& d = diags.warning("W0602", Location::in_json(file_name, path),
                                    fmt::format("the ruleset has no indicator \"{}\"; its claimed score is ignored", name));
            if (guess) d.help = fmt::format("did you mean \"{}\"?", *guess);
          } else {
            auto& d = diags.error("E0611", Location::in_json(file_name, path),
                                  fmt::format("the ruleset has no indicator \"{}\" to compare this claimed score with", name));
            d.help = guess ? fmt::format("did you mean \"{}\"?", *guess)
                           : "name the indicator as the ruleset does (see `rubric facts RULESET`), or remove the claim";
          }
          continue;
        }
        if (auto v = json_number(score)) {
          out.indicators.emplace_back(name, *v);
        } else {
          validator.error("E0603", path, fmt::format("expected a claimed score, found {}", describe(score)));
        }
      }
    } else if (key == "indicators") {
      validator.error("E0603", "claimed.indicators",
                      fmt::format("expected an object of indicator names and scores, found {}", describe(value)));
    } else {
      auto guess = closest_match(key, {"total", "indicators"});
      validator.unknown("E0610", "W0601", "claimed." + key, fmt::format("unknown key \"{}\"", key),
                        guess ? fmt::format("did you mean \"{}\"?", *guess) : "\"claimed\" has \"total\" and \"indicators\"");
    }
  }
}

std::optional<Value> default_value(const ast::Expr& e) {
  if (const auto* s = std::get_if<ast::StringLit>(&e.node)) return Value(s->value);
  if (const auto* b = std::get_if<ast::BoolLit>(&e.node)) return Value(b->value);
  if (auto d = constant_value(e)) return Value(*d);
  return std::nullopt;
}

}  // namespace

FactNumber read_fact_number(std::string_view text, ast::TypeKind kind, bool quoted) {
  FactNumber out;
  const bool percent = kind == ast::TypeKind::Percent;
  const auto fail = [&](const char* code, std::string message, std::string help) {
    out.value.reset();
    out.code = code;
    out.message = std::move(message);
    out.help = std::move(help);
    return out;
  };
  const auto as_string = [&] {
    return fmt::format("the string \"{}\"", text.size() > 40 ? std::string(text.substr(0, 40)) + "…" : std::string(text));
  };
  std::string_view digits = text;
  if (quoted) {
    if (!percent || text.empty() || text.back() != '%') {
      std::optional<Decimal> plain;
      try {
        plain = Decimal::parse(text);
      } catch (const DecimalError&) {
      }
      std::string help;
      if (percent) {
        // "95" meant as 95%: show both ways of writing it.
        help = plain ? fmt::format("write \"{}%\", or the fraction {}", text, (*plain / Decimal::from_int(100)).to_string())
                     : "write a percent as \"99.5%\" or as the fraction 0.995";
      } else {
        help = "write the number without quotes";
      }
      return fail("E0603", fmt::format("expected {}, found {}", percent ? "a percent" : "a number", as_string()), std::move(help));
    }
    digits.remove_suffix(1);
  }
  try {
    auto value = Decimal::parse(digits);
    if (!value) {
      return fail("E0603", fmt::format("expected {}, found {}", percent ? "a percent" : "a number", quoted ? as_string() : std::string(text)),
                  percent ? "write a percent as \"99.5%\" (digits, one '.', no spaces or separators) or as the fraction 0.995"
                          : "");
    }
    if (quoted) {
      *value = *value / Decimal::from_int(100);
    } else if (percent && (*value > Decimal::from_int(1) || *value < Decimal::from_int(-1))) {
      // 94.78 for a percent: 94.78% (the sign left out) or 9478% (the fraction)? Refused, never guessed.
      const std::string shown = value->to_string();
      return fail("E0612", fmt::format("the number {} is ambiguous for a percent: it could mean {}% or {}%", std::string(text),
                                       shown, (*value * Decimal::from_int(100)).to_string()),
                  fmt::format("write a percent with its sign, \"{}%\", or as a fraction from -1 to 1, e.g. {} for {}%", shown,
                              (*value / Decimal::from_int(100)).to_string(), shown));
    }
    out.value = value;
    return out;
  } catch (const DecimalError&) {
    return fail("E0607", fmt::format("the number {} cannot be held exactly", std::string(text)),
                "numbers have at most 38 significant digits and 24 decimals");
  }
}

namespace {

// Reads [json_text] into [builder]; false, with the syntax errors in [diags], when it is not one
// JSON document within the limits.
bool parse_document(const std::string& json_text, const std::string& file_name, Builder& builder, Diagnostics& diags) {
  if (json_text.size() > kMaxFactsBytes) {
    diags.error("E0609", Location::in_json(file_name, "(document)"),
                fmt::format("the file is {} bytes; a facts file may be at most {} bytes", json_text.size(), kMaxFactsBytes));
    return false;
  }
  if (const std::string utf16 = unicode::utf16_message(json_text); !utf16.empty()) {
    diags.error("E0021", Location::in_json(file_name, ""), utf16).help = unicode::kUtf16Help;
    return false;
  }
  const bool parsed = nlohmann::json::sax_parse(json_text, &builder, nlohmann::json::input_format_t::json, true);
  if (!parsed) {
    auto source = std::make_shared<const SourceFile>(file_name, json_text);
    const auto at = static_cast<std::uint32_t>(builder.error_position > 0 ? builder.error_position - 1 : 0);
    if (builder.too_large_at) {
      diags.error("E0609", Location::in_json(file_name, builder.too_large_at->first), builder.too_large_at->second);
      return false;
    }
    if (builder.too_deep) {
      diags.error("E0608", Location::at(source, {at, at + 1}),
                  fmt::format("the document is nested more than {} levels deep", kMaxJsonDepth));
      return false;
    }
    const JsonError e = json_error(json_text, builder.error_position, builder.error_message);
    auto& d = diags.error(e.code, Location::at(source, {static_cast<std::uint32_t>(e.begin), static_cast<std::uint32_t>(e.end)}),
                          e.message);
    d.help = e.help;
    return false;
  }
  return true;
}

}  // namespace

Diagnostics facts_syntax_errors(const std::string& json_text, const std::string& file_name) {
  Diagnostics diags;
  Builder builder(file_name, diags);
  parse_document(json_text, file_name, builder, diags);
  return diags;
}

namespace {

// A JSON number written as a whole number ("17", "-3"), not "1.0" or "1e3": a batch row's id is
// copied as it is written, so only a literal that reads the same as text is taken.
bool is_whole_literal(std::string_view text) {
  if (!text.empty() && text[0] == '-') text.remove_prefix(1);
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The keys of a facts document beside "facts" and "claimed": "department", "year", comments
// ("_…"), with FactsOptions::batch_row a row's "id" (into [id]), and any other key refused.
void read_top_level(const Json& root, Validator& validator, const FactsOptions& options, Facts& facts, std::string& id) {
  for (const auto& [key, value] : root.members) {
    if (key == "department") {
      if (value.kind == Json::Kind::String) {
        facts.department = value.text;
      } else {
        validator.error("E0603", "department", fmt::format("expected the department's name as a string, found {}", describe(value)));
      }
    } else if (key == "year") {
      const auto year = json_number(value);
      const auto whole = year ? year->to_int64() : std::nullopt;
      if (!whole || *whole < 1900 || *whole > 9999) {
        validator.error("E0603", "year", fmt::format("expected the year as a whole number, found {}", describe(value)))
            .help = "write it as a number, e.g. \"year\": 2023";
      } else {
        facts.year = static_cast<int>(*whole);
      }
    } else if (key == "id" && options.batch_row) {
      if (value.kind == Json::Kind::String || (value.kind == Json::Kind::Number && is_whole_literal(value.text))) {
        id = value.text;
      } else {
        validator.error("E0603", "id", fmt::format("expected the row's id as a string or a whole number, found {}", describe(value)))
            .help = "write it as \"id\": \"D1\" or \"id\": 17";
      }
    } else if (key != "facts" && key != "claimed" && key.rfind('_', 0) != 0) {  // "_…" keys are comments
      const std::vector<std::string> keys = options.batch_row
                                                ? std::vector<std::string>{"id", "department", "year", "facts", "claimed"}
                                                : std::vector<std::string>{"department", "year", "facts", "claimed"};
      auto guess = closest_match(key, keys);
      validator.unknown("E0610", "W0601", key, fmt::format("unknown key \"{}\"", key),
                        guess ? fmt::format("did you mean \"{}\"?", *guess)
                        : options.batch_row
                            ? "the keys of a batch row are \"id\", \"department\", \"year\", \"facts\" and \"claimed\"; "
                              "a key starting with \"_\" is a comment"
                            : "the keys of a facts file are \"department\", \"year\", \"facts\" and \"claimed\"; a "
                              "key starting with \"_\" is a comment");
    }
  }
}

}  // namespace

FactsResult load_facts(const ast::Ruleset& ruleset, const std::string& json_text, const std::string& file_name,
                       const FactsOptions& options) {
  FactsResult result;
  Diagnostics& diags = result.diagnostics;
  Builder builder(file_name, diags);
  if (!parse_document(json_text, file_name, builder, diags)) return result;
  const Json& root = builder.root;
  Validator validator(ruleset, file_name, diags, options);
  if (root.kind != Json::Kind::Object) {
    validator.error("E0603", "(document)", fmt::format("expected an object {{\"department\", \"year\", \"facts\"}}, found {}", describe(root)));
    return result;
  }
  Facts facts;
  facts.file = file_name;
  read_top_level(root, validator, options, facts, result.id);
  if (facts.department.empty()) facts.department = file_name;
  const Json* given = root.find("facts");
  if (given == nullptr || given->kind != Json::Kind::Object) {
    validator.error(given == nullptr ? "E0602" : "E0603", "facts",
                    given == nullptr ? "the document has no \"facts\" object"
                                     : fmt::format("expected an object of facts, found {}", describe(*given)));
    return result;
  }
  std::vector<std::string> declared;
  for (const auto& f : ruleset.facts) declared.push_back(f.name);
  for (const auto& [key, value] : given->members) {
    if (std::find(declared.begin(), declared.end(), key) == declared.end()) {
      auto guess = closest_match(key, declared);
      validator.unknown("E0610", "W0601", "facts." + key, fmt::format("unknown fact \"{}\"", key),
                        guess ? fmt::format("did you mean \"{}\"?", *guess)
                              : "`rubric facts RULESET` lists the facts the ruleset declares");
    }
  }
  facts.values.resize(ruleset.facts.size());
  facts.supplied.resize(ruleset.facts.size());
  for (std::size_t i = 0; i < ruleset.facts.size(); ++i) {
    const ast::FactDecl& decl = ruleset.facts[i];
    const std::string path = "facts." + decl.name;
    const Json* value = given->find(decl.name);
    if (value == nullptr) {
      if (decl.default_value) {
        if (auto d = default_value(*decl.default_value)) facts.values[i] = *d;
        continue;
      }
      auto& d = validator.error("E0602", path, fmt::format("missing fact \"{}\" ({}{})", decl.name,
                                                         ast::describe(*decl.type),
                                                         decl.label.empty() ? "" : ": " + decl.label));
      d.help = "add it to \"facts\", or give the declaration a default";
      continue;
    }
    facts.supplied[i] = true;
    if (auto v = validator.convert(*value, *decl.type, decl.domain, path)) facts.values[i] = std::move(*v);
  }
  if (const Json* claimed = root.find("claimed")) read_claims(*claimed, ruleset, validator, diags, file_name, options.allow_unknown, facts.claimed);
  if (!diags.has_errors()) result.facts = std::move(facts);
  return result;
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
      error = "nested too deeply";
    } else if (builder.too_large_at) {
      error = builder.too_large_at->second;
    } else {
      const JsonError e = json_error(text, builder.error_position, builder.error_message);
      const std::size_t at = std::min(e.begin, text.size());
      const auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1;
      const std::size_t line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
      const std::size_t column = at - (line_start == std::string::npos || at == 0 ? 0 : line_start + 1) + 1;
      error = fmt::format("line {}, column {}: {}", line, column, e.message);
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
    error = "expected JSON objects";
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

FactsResult read_facts(const ast::Ruleset& ruleset, const std::string& path, const FactsOptions& options) {
  InputText input = read_input(path, kFactsReadLimit);
  if (!input.text) {
    FactsResult result;
    result.diagnostics.unreadable(path, input);
    return result;
  }
  return load_facts(ruleset, *input.text, path == "-" ? "<stdin>" : path, options);
}

}  // namespace rubric
