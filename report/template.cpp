// Facts templates; see template.hpp.
#include "report/template.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include <vector>

#include "interpreter/check/checker.hpp"
#include "base/json_text.hpp"

namespace rubric {
namespace {

using nlohmann::ordered_json;

ordered_json blank(const ast::TypeRef& type) {
  switch (type.kind) {
    case ast::TypeKind::List: {
      ordered_json list = ordered_json::array();
      if (type.element->kind == ast::TypeKind::Record) list.push_back(blank(*type.element));
      return list;
    }
    case ast::TypeKind::Record: {
      ordered_json record = ordered_json::object();
      for (const ast::Field& f : type.fields) record[f.name] = blank(*f.type);
      return record;
    }
    case ast::TypeKind::Text: return "";
    default: return nullptr;
  }
}

}  // namespace

// A default as JSON: numbers as strings of their exact digits would change their type, so a
// template shows numeric defaults through their text (they are small literals).
ordered_json fact_default_json(const ast::FactDecl& f) {
  if (!f.has_default()) return nullptr;
  if (f.default_empty) return ordered_json::array();
  const ast::Expr& e = *f.default_value;
  if (const auto* b = std::get_if<ast::BoolLit>(&e.node)) return b->value;
  if (const auto* s = std::get_if<ast::StringLit>(&e.node)) return s->value;
  if (auto d = constant_value(e)) {
    if (f.type->kind == ast::TypeKind::Percent) return (*d * Decimal::from_int(100)).to_string() + "%";
    if (f.type->kind == ast::TypeKind::Date) return format_date(d->to_int64().value_or(0));
    return ordered_json::parse(d->to_string());
  }
  return nullptr;
}

namespace {

std::string interval_text(const ast::Ruleset& rs, const ast::Interval& iv) { return std::string(rs.slice(iv.span)); }

std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string describe_fact(const ast::Ruleset& ruleset, const ast::TypeRef& type,
                          const std::optional<ast::Interval>& domain) {
  std::string text = ast::describe(type);
  if (domain) {
    text += " in " + interval_text(ruleset, *domain);
  } else if (type.kind == ast::TypeKind::Count) {
    text += " (a whole number ≥ 0)";
  } else if (type.kind == ast::TypeKind::Percent || type.kind == ast::TypeKind::Money) {
    text += " ≥ 0";
  }
  if (type.kind == ast::TypeKind::Percent) text += "; write \"99.5%\" or 0.995";
  if (type.kind == ast::TypeKind::Date) text += "; write \"2024-02-09\" (年-月-日)";
  return text;
}

std::string render_facts_template_json(const ast::Ruleset& ruleset) {
  ordered_json doc;
  doc["department"] = "";
  doc["year"] = ruleset.year;
  ordered_json facts = ordered_json::object();
  ordered_json about = ordered_json::object();
  for (const ast::FactDecl& f : ruleset.facts) {
    facts[f.name] = f.has_default() ? fact_default_json(f) : blank(*f.type);
    std::string line = describe_fact(ruleset, *f.type, f.domain);
    if (!f.unit.empty()) line += fmt::format(", in {}", f.unit);
    if (f.has_default()) line += fmt::format(" (default {})", json::dump(fact_default_json(f), -1));
    if (!f.label.empty()) line = f.label + " — " + line;
    // A list of records: what each field is ("target: 年初目标值").
    if (f.type->kind == ast::TypeKind::List && f.type->element->kind == ast::TypeKind::Record) {
      std::vector<std::string> fields;
      for (const ast::Field& field : f.type->element->fields) {
        if (!field.label.empty()) fields.push_back(fmt::format("{}: {}", field.name, field.label));
      }
      if (!fields.empty()) line += fmt::format("; fields: {}", fmt::join(fields, ", "));
    }
    about[f.name] = line;
  }
  doc["facts"] = std::move(facts);
  // 参考佐证材料: the department names its own documents per indicator; the kind each expects.
  std::vector<std::string> expected;
  const auto walk = [&](const auto& self, const std::vector<ast::Item>& items) -> void {
    for (const ast::Item& item : items) {
      if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) self(self, (*s)->items);
      const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item);
      if (i != nullptr && !(*i)->evidence.empty()) {
        expected.push_back(fmt::format("{}：{}", (*i)->name, fmt::format("{}", fmt::join((*i)->evidence, "、"))));
      }
    }
  };
  walk(walk, ruleset.items);
  if (!expected.empty()) {
    doc["evidence"] = ordered_json::object();
    about["evidence"] = fmt::format(
        "参考佐证材料：按指标名称列出本部门的文件名称，如 {{\"{}\": [\"《……》\"]}}；不填的指标，自评表列出规则要求的材料类别"
        "（{}）",
        expected.front().substr(0, expected.front().find("：")), fmt::join(expected, "；"));
  }
  doc["_about"] = std::move(about);
  return json::dump(doc, 2) + "\n";
}

std::string render_facts_template_csv(const ast::Ruleset& ruleset) {
  std::string out = "name,label,type,unit,domain,default,value\n";
  const auto row = [&](const std::string& name, const std::string& label, const ast::TypeRef& type,
                       const std::string& unit, const std::optional<ast::Interval>& domain, const std::string& def) {
    out += fmt::format("{},{},{},{},{},{},\n", csv_cell(name), csv_cell(label),
                       csv_cell(type.kind == ast::TypeKind::List && type.element->kind == ast::TypeKind::Record
                                    ? "list of records"
                                    : ast::describe(type)),
                       csv_cell(unit), csv_cell(domain ? interval_text(ruleset, *domain) : ""), csv_cell(def));
  };
  for (const ast::FactDecl& f : ruleset.facts) {
    const std::string def = f.default_value ? json::dump(fact_default_json(f), -1) : "";
    const ast::TypeRef& type = *f.type;
    if (type.kind == ast::TypeKind::List && type.element->kind == ast::TypeKind::Record) {
      row(f.name, f.label, type, f.unit, f.domain, def);
      for (const ast::Field& field : type.element->fields) {
        row(f.name + "[]." + field.name, field.label, *field.type, "", field.domain, "");
      }
    } else {
      row(f.name, f.label, type, f.unit, f.domain, def);
    }
  }
  return out;
}

std::string render_batch_header(const ast::Ruleset& ruleset, std::size_t elements) {
  std::vector<std::string> columns{"id", "department", "year"};
  for (const ast::FactDecl& f : ruleset.facts) {
    const ast::TypeRef& type = *f.type;
    if (type.kind != ast::TypeKind::List) {
      columns.push_back(f.name);
      continue;
    }
    for (std::size_t n = 1; n <= elements; ++n) {
      if (type.element->kind != ast::TypeKind::Record) {
        columns.push_back(fmt::format("{}.{}", f.name, n));
        continue;
      }
      for (const ast::Field& field : type.element->fields) columns.push_back(fmt::format("{}.{}.{}", f.name, n, field.name));
    }
  }
  std::string out;
  for (const std::string& c : columns) {
    if (!out.empty()) out += ',';
    out += csv_cell(c);
  }
  out += '\n';
  return out;
}

}  // namespace rubric
