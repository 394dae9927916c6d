// The CSV header of a batch's input; see csv_layout.hpp.
#include "interpreter/batch/csv_layout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>

#include "base/diagnostic.hpp"
#include "base/messages.hpp"
#include "interpreter/eval/value.hpp"

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

// [name] as one word of a command line: quoted when the shell would split it or read into it.
std::string shell_word(const std::string& name) {
  if (name.find_first_of(" \t\"'$`\\|&;<>()*?[]#~!{}") == std::string::npos && !name.empty()) return name;
  std::string out = "'";
  for (const char c : name) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// [s] without the spaces and tabs around it.
std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// Why column [name] (of fact [fact], which the ruleset does not declare) stops the batch, with a
// did-you-mean or where the id and the name go. Ignored, a misspelt column would leave its fact
// at the default and change the score unseen.
std::string unknown_column(const ast::Ruleset& rs, const std::string& name, const std::string& fact,
                           const BatchColumns& columns) {
  std::vector<std::string> declared;
  for (const ast::FactDecl& f : rs.facts) declared.push_back(f.name);
  const auto guess = closest_match(fact, declared);
  std::string hint = guess ? tr_format("did you mean \"{}\"? ", *guess) : "";
  const std::string id = columns.id.empty() ? "id" : columns.id;
  const std::string department = columns.name.empty() ? "department" : columns.name;
  for (const char* id_like : {"id", "ID", "Id", "编号", "序号", "代码", "单位编号", "部门编号"}) {
    if (name != id_like) continue;
    hint = columns.id.empty()
               ? tr_format("the department's id goes in the column \"id\", or say which column holds it: --id-column {}; ",
                             shell_word(name))
               : tr_format("the id is the column \"{}\" (--id-column); ", columns.id);
  }
  for (const char* name_like : {"department", "name", "Name", "部门", "部门名称", "单位", "单位名称", "名称"}) {
    if (name != name_like) continue;
    hint = columns.name.empty() ? tr_format("the department's name goes in the column \"department\", or say which "
                                              "column holds it: --name-column {}; ",
                                              shell_word(name))
                                : tr_format("the name is the column \"{}\" (--name-column); ", columns.name);
  }
  if (const std::string_view bare = trimmed(name); bare != name) {
    hint = tr_format("the column's name has spaces around it: without them it is \"{}\"; ", bare);
  }
  return tr_format("column \"{}\": the ruleset has no fact \"{}\" [E0614]\n  = help: {}the columns are {}, "
                     "year, the facts of the ruleset (`rubric facts RULESET --format batch` writes them) and comment "
                     "columns starting with \"_\"; --allow-unknown-facts ignores other columns with a warning",
                     name, fact, hint, id == department ? id : id + ", " + department);
}

// The column [wanted] that [option] (--id-column or --name-column, the department's [what]) names,
// into [out]; returns why it cannot be that column ("" when it can).
std::string named_column(const ast::Ruleset& rs, const std::vector<std::string>& header, const char* option,
                         const char* what, const std::string& wanted, int& out) {
  const auto at = std::find(header.begin(), header.end(), wanted);
  if (at == header.end()) {
    const auto guess = closest_match(wanted, header);
    return tr_format("{} {}: the header has no column \"{}\" [E0615]\n  = help: {}name a column of the first line "
                       "exactly as it is written there",
                       option, shell_word(wanted), wanted, guess ? tr_format("did you mean \"{}\"? ", *guess) : "");
  }
  const std::string fact = wanted.substr(0, wanted.find('.'));
  const bool is_fact = std::any_of(rs.facts.begin(), rs.facts.end(), [&](const ast::FactDecl& f) { return f.name == fact; });
  if (is_fact || wanted == "year") {
    return tr_format("{} {}: the column \"{}\" is the {}; it cannot also be the department's {} [E0615]", option,
                       shell_word(wanted), wanted, is_fact ? tr_format("fact \"{}\" of the ruleset", fact) : "year",
                       what);
  }
  out = static_cast<int>(at - header.begin());
  return {};
}

// Column [c] named [name] of list fact [fact] of [type]: "FACT.N" or "FACT.N.FIELD" ([rest] is what
// follows "FACT."), placed in [fc]; returns why it cannot be ("" when it can).
std::string place_element(const ast::TypeRef& type, const std::string& name, const std::string& fact,
                          const std::string& rest, std::size_t c, FactColumns& fc, CsvLayout& layout) {
  const int col = static_cast<int>(c);
  const auto dot2 = rest.find('.');
  const auto n = element_number(rest.substr(0, dot2));
  if (!n) return tr_format("column \"{}\": expected an element number from 1 after \"{}.\"", name, fact);
  if (type.element->kind != ast::TypeKind::Record) {
    if (dot2 != std::string::npos) {
      return tr_format("column \"{}\": the elements of \"{}\" are not records; the column is {}.{}", name, fact, fact, *n);
    }
    if (fc.elements.size() < *n) fc.elements.resize(*n, -1);
    fc.elements[*n - 1] = col;
    layout.numeric[c] = is_number_kind(type.element->kind);
    layout.kinds[c] = type.element->kind;
    return {};
  }
  if (dot2 == std::string::npos) {
    return tr_format("column \"{}\": the elements of \"{}\" are records; name a field, e.g. {}.{}.{}", name, fact, fact,
                       *n, type.element->fields.front().name);
  }
  const std::string field = rest.substr(dot2 + 1);
  std::size_t f = 0;
  while (f < type.element->fields.size() && type.element->fields[f].name != field &&
         type.element->fields[f].label != field) {
    ++f;
  }
  if (f == type.element->fields.size()) {
    std::vector<std::string> names;
    for (const auto& fd : type.element->fields) names.push_back(fd.name);
    return tr_format("column \"{}\": the records of \"{}\" have no field \"{}\" (they have {})", name, fact, field,
                       fmt::join(names, ", "));
  }
  if (fc.records.size() < *n) fc.records.resize(*n, std::vector<int>(type.element->fields.size(), -1));
  fc.records[*n - 1][f] = col;
  layout.numeric[c] = is_number_kind(type.element->fields[f].type->kind);
  layout.kinds[c] = type.element->fields[f].type->kind;
  return {};
}

}  // namespace

std::size_t labelled_fact(const ast::Ruleset& rs, const std::string& header) {
  std::size_t found = rs.facts.size();
  for (std::size_t i = 0; i < rs.facts.size(); ++i) {
    const std::string& label = rs.facts[i].label;
    if (rs.facts[i].name == header) return i;
    if (label.empty() || (label != header && short_label(label) != header)) continue;
    if (found != rs.facts.size()) return kAmbiguous;
    found = i;
  }
  return found;
}

bool is_number_kind(ast::TypeKind k) {
  return k == ast::TypeKind::Number || k == ast::TypeKind::Percent || k == ast::TypeKind::Money ||
         k == ast::TypeKind::Count;
}

std::string compile_header(const ast::Ruleset& rs, const std::vector<std::string>& header, const BatchColumns& columns,
                           CsvLayout& layout, std::vector<std::string>& warnings, bool allow_unknown) {
  if (header.size() >= 3 && header[0] == "name" && header[1] == "label" && header[2] == "type") {
    return std::string(tr("this is the facts template of one department (`rubric facts --format csv`: one fact a row); "
           "batch input has one department a row and one column a fact: write its header with "
           "`rubric facts RULESET --format batch` (see docs/batch.md)"));
  }
  layout.headers = header;
  layout.facts.assign(rs.facts.size(), FactColumns{});
  layout.numeric.assign(header.size(), false);
  layout.kinds.assign(header.size(), ast::TypeKind::Unknown);
  if (!columns.id.empty()) {
    if (std::string bad = named_column(rs, header, "--id-column", "id", columns.id, layout.id); !bad.empty()) return bad;
  }
  if (!columns.name.empty()) {
    if (std::string bad = named_column(rs, header, "--name-column", "name", columns.name, layout.department); !bad.empty()) {
      return bad;
    }
  }
  std::map<std::string, int> seen;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& name = header[c];
    const int col = static_cast<int>(c);
    if (!seen.emplace(name, col).second) return tr_format("column {} (\"{}\") appears twice", c + 1, name);
    if (col == layout.id || col == layout.department) continue;  // named by --id-column, --name-column
    if (name == "id" && columns.id.empty()) { layout.id = col; continue; }
    if (name == "department" && columns.name.empty()) { layout.department = col; continue; }
    if (name == "year") { layout.year = col; layout.numeric[c] = true; continue; }
    if (name.empty() || name[0] == '_') continue;  // a comment column
    // A fact by its name, or by its label as the form calls it ("预算执行率", or "部门整体绩效目标产出
    // 指标" for a label that ends in a parenthesis): spreadsheets made for people head their columns so.
    std::size_t index = labelled_fact(rs, name);
    const auto dot = index < rs.facts.size() ? std::string::npos : name.find('.');
    const std::string fact = index < rs.facts.size() ? rs.facts[index].name : name.substr(0, dot);
    if (index == rs.facts.size() && dot != std::string::npos) index = labelled_fact(rs, fact);
    if (index == kAmbiguous || (index == rs.facts.size() && labelled_fact(rs, name) == kAmbiguous)) {
      return tr_format("column \"{}\": more than one fact has this label; head the column with the fact's name "
                         "(`rubric facts RULESET` lists them)",
                         name);
    }
    if (index == rs.facts.size()) {
      index = 0;
      while (index < rs.facts.size() && rs.facts[index].name != fact) ++index;
    }
    if (index == rs.facts.size()) {
      if (!allow_unknown) return unknown_column(rs, name, fact, columns);
      warnings.push_back(tr_format("column \"{}\": the ruleset has no fact \"{}\"; the column is ignored", name, fact));
      continue;
    }
    const ast::TypeRef& type = *rs.facts[index].type;
    FactColumns& fc = layout.facts[index];
    if (dot == std::string::npos) {
      if (type.kind == ast::TypeKind::List) {
        return tr_format("column \"{}\": \"{}\" is a list; give its elements as columns {}.1, {}.2, …{}", name, fact, fact,
                           fact, type.element->kind == ast::TypeKind::Record ? std::string(tr(" with a field, e.g. ")) + fact + ".1." + type.element->fields.front().name : "");
      }
      fc.scalar = col;
      layout.numeric[c] = is_number_kind(type.kind);
      layout.kinds[c] = type.kind;
      continue;
    }
    if (type.kind != ast::TypeKind::List) {
      return tr_format("column \"{}\": \"{}\" is not a list; its column is \"{}\"", name, fact, fact);
    }
    if (std::string bad = place_element(type, name, fact, name.substr(dot + 1), c, fc, layout); !bad.empty()) return bad;
  }
  return {};
}

}  // namespace rubric::batch
