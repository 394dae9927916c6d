// The CSV header of a batch's input; see csv_layout.hpp.
#include "interpreter/batch/csv_layout.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <string_view>

#include "base/diagnostic.hpp"

namespace rubric::batch {
namespace {

// "3" -> 3; nullopt for anything that is not a positive whole number of reasonable size.
std::optional<std::size_t> element_number(std::string_view text) {
  if (text.empty() || text.size() > 6 || text[0] == '0') return std::nullopt;
  std::size_t n = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

// Why column [name] (of fact [fact], which the ruleset does not declare) stops the batch, with a
// did-you-mean or where the id and the name go. Ignored, a misspelt column would leave its fact
// at the default and change the score unseen.
std::string unknown_column(const ast::Ruleset& rs, const std::string& name, const std::string& fact) {
  std::vector<std::string> declared;
  for (const ast::FactDecl& f : rs.facts) declared.push_back(f.name);
  const auto guess = closest_match(fact, declared);
  std::string hint = guess ? fmt::format("did you mean \"{}\"? ", *guess) : "";
  for (const char* id : {"ID", "Id", "编号", "序号", "代码"}) {
    if (name == id) hint = "the department's id goes in the column \"id\"; ";
  }
  for (const char* department : {"name", "Name", "部门", "部门名称", "单位", "单位名称", "名称"}) {
    if (name == department) hint = "the department's name goes in the column \"department\"; ";
  }
  return fmt::format("column \"{}\": the ruleset has no fact \"{}\" [E0614]\n  = help: {}the columns are id, department, "
                     "year, the facts of the ruleset (`rubric facts RULESET --format batch` writes them) and comment "
                     "columns starting with \"_\"; --allow-unknown-facts ignores other columns with a warning",
                     name, fact, hint);
}

// Column [c] named [name] of list fact [fact] of [type]: "FACT.N" or "FACT.N.FIELD" ([rest] is what
// follows "FACT."), placed in [fc]; returns why it cannot be ("" when it can).
std::string place_element(const ast::TypeRef& type, const std::string& name, const std::string& fact,
                          const std::string& rest, std::size_t c, FactColumns& fc, CsvLayout& layout) {
  const int col = static_cast<int>(c);
  const auto dot2 = rest.find('.');
  const auto n = element_number(rest.substr(0, dot2));
  if (!n) return fmt::format("column \"{}\": expected an element number from 1 after \"{}.\"", name, fact);
  if (type.element->kind != ast::TypeKind::Record) {
    if (dot2 != std::string::npos) {
      return fmt::format("column \"{}\": the elements of \"{}\" are not records; the column is {}.{}", name, fact, fact, *n);
    }
    if (fc.elements.size() < *n) fc.elements.resize(*n, -1);
    fc.elements[*n - 1] = col;
    layout.numeric[c] = is_number_kind(type.element->kind);
    return {};
  }
  if (dot2 == std::string::npos) {
    return fmt::format("column \"{}\": the elements of \"{}\" are records; name a field, e.g. {}.{}.{}", name, fact, fact,
                       *n, type.element->fields.front().name);
  }
  const std::string field = rest.substr(dot2 + 1);
  std::size_t f = 0;
  while (f < type.element->fields.size() && type.element->fields[f].name != field) ++f;
  if (f == type.element->fields.size()) {
    std::vector<std::string> names;
    for (const auto& fd : type.element->fields) names.push_back(fd.name);
    return fmt::format("column \"{}\": the records of \"{}\" have no field \"{}\" (they have {})", name, fact, field,
                       fmt::join(names, ", "));
  }
  if (fc.records.size() < *n) fc.records.resize(*n, std::vector<int>(type.element->fields.size(), -1));
  fc.records[*n - 1][f] = col;
  layout.numeric[c] = is_number_kind(type.element->fields[f].type->kind);
  return {};
}

}  // namespace

bool is_number_kind(ast::TypeKind k) {
  return k == ast::TypeKind::Number || k == ast::TypeKind::Percent || k == ast::TypeKind::Money ||
         k == ast::TypeKind::Count;
}

std::string compile_header(const ast::Ruleset& rs, const std::vector<std::string>& header, CsvLayout& layout,
                           std::vector<std::string>& warnings, bool allow_unknown) {
  if (header.size() >= 3 && header[0] == "name" && header[1] == "label" && header[2] == "type") {
    return "this is the facts template of one department (`rubric facts --format csv`: one fact a row); "
           "batch input has one department a row and one column a fact: write its header with "
           "`rubric facts RULESET --format batch` (see docs/batch.md)";
  }
  layout.headers = header;
  layout.facts.assign(rs.facts.size(), FactColumns{});
  layout.numeric.assign(header.size(), false);
  std::map<std::string, int> seen;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& name = header[c];
    const int col = static_cast<int>(c);
    if (!seen.emplace(name, col).second) return fmt::format("column {} (\"{}\") appears twice", c + 1, name);
    if (name == "id") { layout.id = col; continue; }
    if (name == "department") { layout.department = col; continue; }
    if (name == "year") { layout.year = col; layout.numeric[c] = true; continue; }
    if (name.empty() || name[0] == '_') continue;  // a comment column
    const auto dot = name.find('.');
    const std::string fact = name.substr(0, dot);
    std::size_t index = 0;
    while (index < rs.facts.size() && rs.facts[index].name != fact) ++index;
    if (index == rs.facts.size()) {
      if (!allow_unknown) return unknown_column(rs, name, fact);
      warnings.push_back(fmt::format("column \"{}\": the ruleset has no fact \"{}\"; the column is ignored", name, fact));
      continue;
    }
    const ast::TypeRef& type = *rs.facts[index].type;
    FactColumns& fc = layout.facts[index];
    if (dot == std::string::npos) {
      if (type.kind == ast::TypeKind::List) {
        return fmt::format("column \"{}\": \"{}\" is a list; give its elements as columns {}.1, {}.2, …{}", name, fact, fact,
                           fact, type.element->kind == ast::TypeKind::Record ? " with a field, e.g. " + fact + ".1." + type.element->fields.front().name : "");
      }
      fc.scalar = col;
      layout.numeric[c] = is_number_kind(type.kind);
      continue;
    }
    if (type.kind != ast::TypeKind::List) {
      return fmt::format("column \"{}\": \"{}\" is not a list; its column is \"{}\"", name, fact, fact);
    }
    if (std::string bad = place_element(type, name, fact, name.substr(dot + 1), c, fc, layout); !bad.empty()) return bad;
  }
  return {};
}

}  // namespace rubric::batch
