// The facts reader: each JSON value checked against its fact's declared type and domain, and the
// claimed scores. See facts_internal.hpp.
#include <fmt/format.h>

#include <algorithm>

#include "interpreter/check/checker.hpp"
#include "interpreter/eval/facts_internal.hpp"

namespace rubric {
namespace facts_detail {
namespace {

std::string format_interval(const ast::Interval& iv, const ast::Ruleset& rs) {
  return std::string(rs.slice(iv.span));
}

void collect_indicators(const std::vector<ast::Item>& items, std::vector<std::string>& names) {
  for (const ast::Item& item : items) {
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) collect_indicators((*s)->items, names);
    if (const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) names.push_back((*i)->name);
  }
}

}  // namespace

std::optional<Decimal> Validator::number(const Json& j, const ast::TypeRef& type, const std::string& path) {
  if (j.kind != Json::Kind::Number && j.kind != Json::Kind::String) {
    error("E0603", path, tr_format("expected {}, found {}", type.kind == ast::TypeKind::Percent ? tr("a percent") : tr("a number"),
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

std::string Validator::labels(const std::string& path, std::string& fact_label) const {
  constexpr std::string_view kFacts = "facts.";
  if (path.rfind(kFacts, 0) != 0) return "";
  const std::size_t end = path.find_first_of(".[", kFacts.size());
  const std::string name = path.substr(kFacts.size(), end == std::string::npos ? std::string::npos : end - kFacts.size());
  const auto fact = std::find_if(rs_.facts.begin(), rs_.facts.end(), [&](const ast::FactDecl& f) { return f.name == name; });
  if (fact == rs_.facts.end() || fact->label.empty()) return "";
  fact_label = fact->label;
  std::string out = tr_format("the fact: “{}”", fact->label);
  // A field of a record (of a list's element): the last ".NAME" of the path.
  const std::size_t dot = path.rfind('.');
  const ast::TypeRef* type = fact->type.get();
  while (type != nullptr && type->kind == ast::TypeKind::List) type = type->element.get();
  if (dot != std::string::npos && dot >= kFacts.size() + name.size() && type != nullptr &&
      type->kind == ast::TypeKind::Record) {
    const std::string field = path.substr(dot + 1);
    for (const ast::Field& f : type->fields) {
      if (f.name == field && !f.label.empty()) out += tr_format(", its field “{}”", f.label);
    }
  }
  return out;
}

void Validator::check_domain(const Decimal& value, const ast::TypeRef& type,
                             const std::optional<ast::Interval>& domain, const std::string& path) {
  const auto shown = [&](const Decimal& d) { return format_number(d, type.kind); };
  if (type.kind == ast::TypeKind::Count && !value.is_integer()) {
    error("E0604", path, tr_format("a count must be a whole number, not {}", value.to_string()));
    return;
  }
  if (domain) {
    const auto lo = domain->lo.value ? constant_value(*domain->lo.value) : std::nullopt;
    const auto hi = domain->hi.value ? constant_value(*domain->hi.value) : std::nullopt;
    const bool below = lo && (domain->lo_closed ? value < *lo : value <= *lo);
    const bool above = hi && (domain->hi_closed ? value > *hi : value >= *hi);
    if (below || above) {
      error("E0604", path, tr_format("{} is outside the declared domain {}", shown(value), format_interval(*domain, rs_)));
    }
    return;
  }
  const bool nonnegative = type.kind == ast::TypeKind::Percent || type.kind == ast::TypeKind::Money ||
                           type.kind == ast::TypeKind::Count;
  if (nonnegative && value.sign() < 0) {
    auto& d = error("E0604", path, tr_format("{} is negative, but a {} is at least 0", shown(value), ast::describe_for_people(type)));
    if (type.kind != ast::TypeKind::Count) {
      d.help = std::string(tr("if negative values are meant, the ruleset must declare a domain such as 'in [-100%, inf)'"));
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
        error("E0603", path, tr_format("expected true or false, found {}", describe(j))).help =
            std::string(tr("write true or false, without quotes"));
        return std::nullopt;
      }
      return Value(j.boolean);
    case ast::TypeKind::Text:
      if (j.kind != Json::Kind::String) {
        error("E0603", path, tr_format("expected a string, found {}", describe(j)));
        return std::nullopt;
      }
      return Value(j.text);
    case ast::TypeKind::Enum: {
      if (j.kind != Json::Kind::String) {
        error("E0603", path, tr_format("expected one of {}, found {}", fmt::join(type.members, ", "), describe(j)));
        return std::nullopt;
      }
      if (std::find(type.members.begin(), type.members.end(), j.text) == type.members.end()) {
        auto& d = error("E0605", path,
                        tr_format("\"{}\" is not one of {}", j.text, fmt::join(type.members, ", ")));
        if (auto guess = closest_match(j.text, type.members)) d.help = tr_format("did you mean \"{}\"?", *guess);
        return std::nullopt;
      }
      return Value(j.text);
    }
    case ast::TypeKind::Date: {
      // Only "2024-02-09": a date read another way could be another day (see base/date.hpp).
      if (j.kind != Json::Kind::String) {
        error("E0603", path, tr_format("expected a date such as \"2024-02-09\", found {}", describe(j))).help =
            std::string(tr("write a date as a string \"年-月-日\", e.g. \"2024-02-09\""));
        return std::nullopt;
      }
      const auto day = parse_date(j.text);
      if (!day) {
        error("E0603", path, tr_format("\"{}\" is not a date: {}", j.text, date_problem(j.text))).help =
            std::string(tr("write a date as \"年-月-日\" with a day that exists, e.g. \"2024-02-09\""));
        return std::nullopt;
      }
      return Value(Decimal::from_int(*day));
    }
    case ast::TypeKind::List: return list(j, type, domain, path);
    case ast::TypeKind::Record: return record(j, type, path);
    case ast::TypeKind::Unknown: break;
  }
  return std::nullopt;
}

std::optional<Value> Validator::list(const Json& j, const ast::TypeRef& type, const std::optional<ast::Interval>& domain,
                                     const std::string& path) {
  if (j.kind != Json::Kind::Array) {
    error("E0603", path, tr_format("expected a list ({}), found {}", ast::describe_for_people(type), describe(j)));
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

std::optional<Value> Validator::record(const Json& j, const ast::TypeRef& type, const std::string& path) {
  if (j.kind != Json::Kind::Object) {
    error("E0603", path, tr_format("expected an object ({}), found {}", ast::describe_for_people(type), describe(j)));
    return std::nullopt;
  }
  auto fields = std::make_shared<std::vector<Value>>();
  bool ok = true;
  std::vector<std::string> names;
  for (const ast::Field& f : type.fields) {
    names.push_back(f.name);
    const Json* member = j.find(f.name);
    if (member == nullptr) {
      error("E0602", path, tr_format("the field \"{}\" ({}) is missing", f.name, ast::describe_for_people(*f.type)));
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
      unknown("E0610", "W0601", path + "." + key, tr_format("unknown field \"{}\"", key),
              guess ? tr_format("did you mean \"{}\"?", *guess)
                    : tr_format("the fields are {}", fmt::join(names, ", ")));
    }
  }
  if (!ok) return std::nullopt;
  return Value(ValueList(std::move(fields)));
}

// "claimed": {"total": N, "indicators": {NAME: N, …}}
void read_claims(const Json& claimed, const ast::Ruleset& ruleset, Validator& validator, Diagnostics& diags,
                 const std::string& file_name, bool allow_unknown, Claims& out) {
  if (claimed.kind != Json::Kind::Object) {
    validator.error("E0603", "claimed", tr_format("expected an object {{\"total\", \"indicators\"}}, found {}", describe(claimed)));
    return;
  }
  std::vector<std::string> names;
  collect_indicators(ruleset.items, names);
  for (const auto& [key, value] : claimed.members) {
    if (key == "total") {
      if (auto total = json_number(value)) {
        out.total = *total;
      } else {
        validator.error("E0603", "claimed.total", tr_format("expected the claimed total as a number, found {}", describe(value)));
      }
    } else if (key == "indicators" && value.kind == Json::Kind::Object) {
      for (const auto& [name, score] : value.members) {
        const std::string path = "claimed.indicators." + name;
        if (std::find(names.begin(), names.end(), name) == names.end()) {
          auto guess = closest_match(name, names);
          if (allow_unknown) {
            auto& d = diags.warning("W0602", Location::in_json(file_name, path),
                                    tr_format("the ruleset has no indicator \"{}\"; its claimed score is ignored", name));
            if (guess) d.help = tr_format("did you mean \"{}\"?", *guess);
          } else {
            auto& d = diags.error("E0611", Location::in_json(file_name, path),
                                  tr_format("the ruleset has no indicator \"{}\" to compare this claimed score with", name));
            d.help = guess ? tr_format("did you mean \"{}\"?", *guess)
                           : std::string(tr("name the indicator as the ruleset does (see `rubric facts RULESET`), or remove the claim"));
          }
          continue;
        }
        if (auto v = json_number(score)) {
          out.indicators.emplace_back(name, *v);
        } else {
          validator.error("E0603", path, tr_format("expected a claimed score, found {}", describe(score)));
        }
      }
    } else if (key == "indicators") {
      validator.error("E0603", "claimed.indicators",
                      tr_format("expected an object of indicator names and scores, found {}", describe(value)));
    } else {
      auto guess = closest_match(key, {"total", "indicators"});
      validator.unknown("E0610", "W0601", "claimed." + key, tr_format("unknown key \"{}\"", key),
                        guess ? tr_format("did you mean \"{}\"?", *guess) : std::string(tr("\"claimed\" has \"total\" and \"indicators\"")));
    }
  }
}

void read_evidence(const Json& evidence, const ast::Ruleset& ruleset, Validator& validator, Diagnostics& diags,
                   const std::string& file_name, bool allow_unknown,
                   std::vector<std::pair<std::string, std::vector<std::string>>>& out) {
  if (evidence.kind != Json::Kind::Object) {
    validator.error("E0603", "evidence",
                    tr_format("expected an object of indicator names and documents, found {}", describe(evidence)))
        .help = std::string(tr("write e.g. \"evidence\": {\"结转结余率\": [\"2023年度部门决算报告\"]}"));
    return;
  }
  std::vector<std::string> names;
  collect_indicators(ruleset.items, names);
  for (const auto& [name, documents] : evidence.members) {
    const std::string path = "evidence." + name;
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      auto guess = closest_match(name, names);
      auto& d = allow_unknown
                    ? diags.warning("W0602", Location::in_json(file_name, path),
                                    tr_format("the ruleset has no indicator \"{}\"; its evidence is ignored", name))
                    : diags.error("E0611", Location::in_json(file_name, path),
                                  tr_format("the ruleset has no indicator \"{}\" to attach this evidence to", name));
      d.help = guess ? tr_format("did you mean \"{}\"?", *guess)
                     : std::string(tr("name the indicator as the ruleset does (see `rubric facts RULESET`)"));
      continue;
    }
    std::vector<std::string> list;
    if (documents.kind == Json::Kind::String) {
      list.push_back(documents.text);
    } else if (documents.kind == Json::Kind::Array) {
      for (std::size_t i = 0; i < documents.items.size(); ++i) {
        if (documents.items[i].kind == Json::Kind::String) {
          list.push_back(documents.items[i].text);
        } else {
          validator.error("E0603", fmt::format("{}[{}]", path, i),
                          tr_format("expected a document's name as a string, found {}", describe(documents.items[i])));
        }
      }
    } else {
      validator.error("E0603", path,
                      tr_format("expected a document's name, or a list of them, found {}", describe(documents)));
      continue;
    }
    out.emplace_back(name, std::move(list));
  }
}

}  // namespace facts_detail

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
    return tr_format("the string \"{}\"", text.size() > 40 ? std::string(text.substr(0, 40)) + "…" : std::string(text));
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
        help = plain ? tr_format("write \"{}%\", or the fraction {}", text, (*plain / Decimal::from_int(100)).to_string())
                     : std::string(tr("write a percent as \"99.5%\" or as the fraction 0.995"));
      } else {
        help = std::string(tr("write the number without quotes"));
      }
      return fail("E0603", tr_format("expected {}, found {}", percent ? tr("a percent") : tr("a number"), as_string()), std::move(help));
    }
    digits.remove_suffix(1);
  }
  try {
    auto value = Decimal::parse(digits);
    if (!value) {
      return fail("E0603", tr_format("expected {}, found {}", percent ? tr("a percent") : tr("a number"), quoted ? as_string() : std::string(text)),
                  percent ? std::string(tr("write a percent as \"99.5%\" (digits, one '.', no spaces or separators) or as the fraction 0.995"))
                          : "");
    }
    if (quoted) {
      *value = *value / Decimal::from_int(100);
    } else if (percent && (*value > Decimal::from_int(1) || *value < Decimal::from_int(-1))) {
      // 94.78 for a percent: 94.78% (the sign left out) or 9478% (the fraction)? Refused, never guessed.
      const std::string shown = value->to_string();
      return fail("E0612", tr_format("the number {} is ambiguous for a percent: it could mean {}% or {}%", std::string(text),
                                       shown, (*value * Decimal::from_int(100)).to_string()),
                  tr_format("write a percent with its sign, \"{}%\", or as a fraction from -1 to 1, e.g. {} for {}%", shown,
                              (*value / Decimal::from_int(100)).to_string(), shown));
    }
    out.value = value;
    return out;
  } catch (const DecimalError&) {
    return fail("E0607", tr_format("the number {} cannot be held exactly", std::string(text)),
                std::string(tr("numbers have at most 38 significant digits and 24 decimals")));
  }
}

}  // namespace rubric
