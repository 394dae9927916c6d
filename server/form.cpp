#include "server/form.hpp"

#include "base/json_text.hpp"
#include "interpreter/check/checker.hpp"
#include "report/json.hpp"
#include "report/template.hpp"

namespace rubric::server {

namespace {

using nlohmann::ordered_json;

const char* kind_name(ast::TypeKind kind) {
  switch (kind) {
    case ast::TypeKind::Number: return "number";
    case ast::TypeKind::Percent: return "percent";
    case ast::TypeKind::Money: return "money";
    case ast::TypeKind::Count: return "count";
    case ast::TypeKind::Bool: return "bool";
    case ast::TypeKind::Text: return "text";
    case ast::TypeKind::Enum: return "enum";
    case ast::TypeKind::List: return "list";
    case ast::TypeKind::Record: return "record";
    case ast::TypeKind::Date: return "date";
    case ast::TypeKind::Unknown: break;
  }
  return "unknown";
}

// A bound as the facts document writes it: "0", "150%" for a percent, null when infinite.
ordered_json bound_json(const ast::Bound& bound, ast::TypeKind kind) {
  if (bound.value == nullptr) return nullptr;
  const std::optional<Decimal> value = constant_value(*bound.value);
  if (!value) return nullptr;
  if (kind == ast::TypeKind::Percent) return (*value * Decimal::from_int(100)).to_string() + "%";
  return value->to_string();
}

ordered_json domain_json(const std::optional<ast::Interval>& domain, ast::TypeKind kind) {
  if (!domain) return nullptr;
  ordered_json j;
  j["min"] = bound_json(domain->lo, kind);
  j["min_closed"] = domain->lo_closed && domain->lo.value != nullptr;
  j["max"] = bound_json(domain->hi, kind);
  j["max_closed"] = domain->hi_closed && domain->hi.value != nullptr;
  return j;
}

ordered_json type_json(const ast::TypeRef& type) {
  ordered_json j;
  j["type"] = kind_name(type.kind);
  if (type.kind == ast::TypeKind::Enum) j["members"] = type.members;
  if (type.kind == ast::TypeKind::List) j["element"] = type_json(*type.element);
  if (type.kind == ast::TypeKind::Record) {
    ordered_json fields = ordered_json::array();
    for (const ast::Field& f : type.fields) {
      ordered_json field = type_json(*f.type);
      field["name"] = f.name;
      field["label"] = f.label;
      field["domain"] = domain_json(f.domain, f.type->kind);
      fields.push_back(std::move(field));
    }
    j["fields"] = std::move(fields);
  }
  return j;
}

}  // namespace

ordered_json form_json(int year, const ast::Ruleset& ruleset) {
  ordered_json out;
  out["year"] = year;
  out["ruleset"] = json::ruleset(ruleset);
  out["ruleset"].erase("file");  // the path on the server is not the form's business
  out["digits"] = ruleset.rounding.digits;  // scores are shown with these, as the 自评表 prints them
  ordered_json facts = ordered_json::array();
  ordered_json blank = ordered_json::object();
  for (const ast::FactDecl& f : ruleset.facts) {
    ordered_json j;
    j["name"] = f.name;
    j["label"] = f.label;
    ordered_json type = type_json(*f.type);
    for (auto it = type.begin(); it != type.end(); ++it) j[it.key()] = it.value();
    j["unit"] = f.unit;
    j["domain"] = domain_json(f.domain, f.type->kind);
    j["required"] = !f.has_default();
    j["default"] = fact_default_json(f);
    j["describe"] = describe_fact(ruleset, *f.type, f.domain);
    if (f.has_default()) blank[f.name] = j["default"];
    facts.push_back(std::move(j));
  }
  out["facts"] = std::move(facts);
  ordered_json document;
  document["department"] = "";
  document["year"] = year;
  document["facts"] = std::move(blank);
  out["blank"] = std::move(document);
  return out;
}

}  // namespace rubric::server
