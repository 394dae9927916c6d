// Facts from a filled-in workbook; see facts_xlsx.hpp.
#include "interpreter/eval/facts_xlsx.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "base/date.hpp"
#include "base/json_text.hpp"
#include "base/messages.hpp"
#include "base/unicode.hpp"
#include "base/xlsx_reader.hpp"

namespace rubric {
namespace {

using namespace facts_xlsx_layout;  // NOLINT
using nlohmann::ordered_json;
using xlsx_in::Cell;
using xlsx_in::Sheet;

constexpr const char* kRemake = tr_later("make the workbook with 'rubric facts RULESET --format xlsx -o 填报.xlsx' and fill it in");

std::string where(const Sheet& sheet, int row, int column) { return sheet.name + "!" + xlsx_in::cell_name(row, column); }

// Reads the cells into a facts document, remembering which cell each value came from.
class Reader {
 public:
  Reader(const ast::Ruleset& rs, const std::string& path, FactsResult& out) : rs_(rs), path_(path), out_(out) {}

  std::optional<std::string> document(const xlsx_in::Workbook& book);
  // The cell a facts error's JSON path names ("facts.outputs[1].weight" → "产出指标!D6").
  std::string cell_of(const std::string& json_path) const;

 private:
  // The value of [cell] for a fact or field of [type]; null (with an error) when it cannot be one.
  std::optional<ordered_json> value(const Cell& cell, const ast::TypeRef& type, const std::string& where,
                                    const std::string& label);
  void error(const std::string& where, std::string message, std::string help) {
    out_.diagnostics.error("E0623", Location::in_json(path_, where), std::move(message)).help = std::move(help);
  }
  void list(const ast::FactDecl& f, const Sheet& sheet, ordered_json& facts);
  void unread(const Sheet& sheet, const std::pair<int, int>& at, const Cell& cell) {
    error(where(sheet, at.first, at.second),
          tr_format("the cell holds '{}', but no fact is read from it (its row or column has no identifier)", cell.text),
          std::string(tr("write each value in the yellow cell of its fact's row, or in a column of its list; a value "
                         "elsewhere would be lost")));
  }

  const ast::Ruleset& rs_;
  const std::string& path_;
  FactsResult& out_;
  std::map<std::string, std::string> cells_;  // JSON path → "sheet!B7"
};

std::optional<ordered_json> Reader::value(const Cell& cell, const ast::TypeRef& type, const std::string& at,
                                          const std::string& label) {
  if (cell.kind == Cell::Kind::Error) {
    error(at, tr_format("the cell of '{}' shows the error {}", label, cell.text), std::string(tr("type the value itself in the cell")));
    return std::nullopt;
  }
  const bool number = cell.kind == Cell::Kind::Number;
  switch (type.kind) {
    case ast::TypeKind::Percent:
      if (number && !cell.percent) {
        error(at,
              tr_format("'{}' is a percentage, but the cell holds {} and is not shown as a percentage: it could mean "
                          "{}% or {}%",
                          label, cell.text, cell.text, (*Decimal::parse(cell.text) * Decimal::from_int(100)).to_string()),
              std::string(tr("type it with its percent sign (95%), or give the cell the percentage format")));
        return std::nullopt;
      }
      break;
    case ast::TypeKind::Date:
      if (number && !cell.date) {
        error(at, tr_format("'{}' is a date, but the cell holds the number {}", label, cell.text),
              std::string(tr("type the date as 2024-02-09, or give the cell a date format")));
        return std::nullopt;
      }
      if (number) {
        // A serial day number: 1 is 1900-01-01, and Excel counts a 29 February 1900 that never was.
        const auto serial = Decimal::parse(cell.text)->to_int64();
        if (!serial || *serial < 61) {
          error(at, tr_format("'{}' holds the day number {}, which is not a whole day after 1900-02-28", label, cell.text),
                std::string(tr("type the date as 2024-02-09")));
          return std::nullopt;
        }
        return ordered_json(format_date(*serial - 25569));
      }
      break;
    case ast::TypeKind::Bool:
      if (cell.kind == Cell::Kind::Bool) return ordered_json(cell.text == "1");
      if (cell.kind == Cell::Kind::Text && (cell.text == "是" || cell.text == "否")) return ordered_json(cell.text == "是");
      break;
    case ast::TypeKind::Text:
    case ast::TypeKind::Enum:
      return ordered_json(cell.text);  // a number typed as a category's name is its text
    default: break;
  }
  if (number) return json::exact(*Decimal::parse(cell.text));
  return ordered_json(cell.text);  // read and checked as the same text in a facts file
}

void Reader::list(const ast::FactDecl& f, const Sheet& sheet, ordered_json& facts) {
  const ast::TypeRef& element = *f.type->element;
  const bool record = element.kind == ast::TypeKind::Record;
  // The columns by the identifiers of row 4, so that a column moved is still read right.
  std::map<int, const ast::Field*> columns;
  if (record) {
    for (const auto& [at, cell] : sheet.cells) {
      if (at.first != static_cast<int>(kListHeaderRow) + 2) continue;
      for (const ast::Field& field : element.fields) {
        if (cell.text == field.name) columns[at.second] = &field;
      }
    }
    for (const ast::Field& field : element.fields) {
      const bool found = std::any_of(columns.begin(), columns.end(), [&](const auto& c) { return c.second == &field; });
      if (!found) {
        out_.diagnostics
            .error("E0622", Location::in_json(path_, sheet.name + "!" + std::to_string(kListHeaderRow + 2)),
                   tr_format("the sheet of '{}' has no column '{}' in row {}", f.label.empty() ? f.name : f.label,
                               field.name, kListHeaderRow + 2))
            .help = std::string(tr("the identifiers of row 4 must stay as the workbook was made; ")) + std::string(tr(kRemake));
        return;
      }
    }
  }
  for (const auto& [at, cell] : sheet.cells) {
    const bool read = record ? columns.count(at.second) > 0 : at.second == 1;
    if (at.first > static_cast<int>(kListHeaderRow) + 2 && !read) unread(sheet, at, cell);
  }
  ordered_json items = ordered_json::array();
  for (int row = static_cast<int>(kListHeaderRow) + 3; row <= sheet.rows; ++row) {
    const std::string path = fmt::format("facts.{}[{}]", f.name, items.size());
    if (!record) {
      const Cell* cell = sheet.at(row, 1);
      if (cell == nullptr) continue;  // a blank row
      cells_[path] = where(sheet, row, 1);
      if (auto v = value(*cell, element, where(sheet, row, 1), f.label.empty() ? f.name : f.label)) items.push_back(*v);
      continue;
    }
    ordered_json item = ordered_json::object();
    bool any = false;
    for (const auto& [column, field] : columns) {
      const Cell* cell = sheet.at(row, column);
      if (cell == nullptr) continue;
      any = true;
      cells_[path + "." + field->name] = where(sheet, row, column);
      if (auto v = value(*cell, *field->type, where(sheet, row, column), field->label.empty() ? field->name : field->label)) {
        item[field->name] = *v;
      }
    }
    if (!any) continue;  // a blank row
    cells_[path] = fmt::format("{}!{}:{}", sheet.name, xlsx_in::cell_name(row, columns.begin()->first),
                               xlsx_in::cell_name(row, columns.rbegin()->first));
    items.push_back(std::move(item));
  }
  cells_["facts." + f.name] = sheet.name;
  facts[f.name] = std::move(items);
}

std::optional<std::string> Reader::document(const xlsx_in::Workbook& book) {
  const Sheet* main = book.sheet(kFactsSheet);
  const Sheet* meta = book.sheet(kMetaSheet);
  const Cell* mark = meta ? meta->at(1, 1) : nullptr;
  if (main == nullptr || mark == nullptr || mark->text != "rubric facts workbook") {
    out_.diagnostics.error("E0622", Location::in_json(path_, ""),
                           std::string(tr("the workbook is not a fill-in workbook of rubric (its sheets 填报 and _rubric are missing)")))
        .help = tr(kRemake);
    return std::nullopt;
  }
  ordered_json doc = ordered_json::object();
  if (const Cell* department = main->at(kDepartmentRow + 1, 2)) doc["department"] = department->text;
  if (const Cell* year = main->at(kYearRow + 1, 2)) {
    const auto whole = year->kind == Cell::Kind::Number ? Decimal::parse(year->text)->to_int64() : std::nullopt;
    if (!whole) {
      error(where(*main, kYearRow + 1, 2), tr_format("the year is '{}', not a year", year->text), std::string(tr("type the year, e.g. 2023")));
      return std::nullopt;
    }
    doc["year"] = *whole;
  }
  ordered_json facts = ordered_json::object();
  std::map<std::string, int> rows;  // fact → its row on 填报, by the identifiers of column E
  std::set<int> fact_rows;
  for (const auto& [at, cell] : main->cells) {
    if (at.second == 5 && at.first > static_cast<int>(kHeaderRow) + 1) {
      rows[cell.text] = at.first;
      fact_rows.insert(at.first);
    }
  }
  // A value where no fact is read (a row without an identifier, a column right of E) would be
  // lost without a word: it is an error, as an unknown key of a facts file is.
  for (const auto& [at, cell] : main->cells) {
    const bool value_cell = at.second == 2 && fact_rows.count(at.first) == 0 && cell.text != kSeeRight;
    if (at.first > static_cast<int>(kHeaderRow) + 1 && (value_cell || at.second > 5)) unread(*main, at, cell);
  }
  for (const ast::FactDecl& f : rs_.facts) {
    if (f.type->kind == ast::TypeKind::List) {
      std::string sheet_name;
      for (int r = 3; meta->at(r, 1) != nullptr; ++r) {
        if (meta->at(r, 1)->text == f.name && meta->at(r, 2) != nullptr) sheet_name = meta->at(r, 2)->text;
      }
      const Sheet* sheet = sheet_name.empty() ? nullptr : book.sheet(sheet_name);
      if (sheet == nullptr) {
        out_.diagnostics.error("E0622", Location::in_json(path_, ""),
                               tr_format("the workbook has no sheet for '{}' ({})", f.label.empty() ? f.name : f.label, f.name))
            .help = std::string(tr("the workbook was made for another ruleset, or a sheet was renamed; ")) + std::string(tr(kRemake));
        continue;
      }
      list(f, *sheet, facts);
      continue;
    }
    const auto row = rows.find(f.name);
    if (row == rows.end()) {
      out_.diagnostics.error("E0622", Location::in_json(path_, std::string(kFactsSheet) + "!E"),
                             tr_format("the sheet 填报 has no row for '{}' ({})", f.label.empty() ? f.name : f.label, f.name))
          .help = std::string(tr("the workbook was made for another ruleset, or a row was deleted; ")) + std::string(tr(kRemake));
      continue;
    }
    const Cell* cell = main->at(row->second, 2);
    cells_["facts." + f.name] = where(*main, row->second, 2);
    if (cell == nullptr) continue;  // left empty: the default, or the error that there is none
    if (auto v = value(*cell, *f.type, where(*main, row->second, 2), f.label.empty() ? f.name : f.label)) {
      facts[f.name] = *v;
    }
  }
  doc["facts"] = std::move(facts);
  if (out_.diagnostics.has_errors()) return std::nullopt;
  return json::dump(doc, -1);
}

std::string Reader::cell_of(const std::string& json_path) const {
  // The longest path recorded that [json_path] starts with: a field's cell, else its row's.
  std::string best;
  std::string cell;
  for (const auto& [path, at] : cells_) {
    const bool prefix = json_path.rfind(path, 0) == 0 &&
                        (json_path.size() == path.size() || json_path[path.size()] == '.' || json_path[path.size()] == '[');
    if (prefix && path.size() > best.size()) {
      best = path;
      cell = at;
    }
  }
  if (cell.empty()) return json_path;
  return json_path.rfind("facts.", 0) == 0 ? fmt::format("{} ({})", cell, json_path.substr(6)) : cell;
}

}  // namespace

bool is_xlsx_path(const std::string& path) { return unicode::ends_with_ascii_ci(path, ".xlsx"); }

FactsWorkbook open_facts_workbook(const std::string& path) {
  FactsWorkbook out;
  out.path = path;
  out.book = xlsx_in::read_workbook(path, out.failure);
  return out;
}

std::optional<int> xlsx_facts_year(const FactsWorkbook& workbook) {
  const Sheet* main = workbook.book ? workbook.book->sheet(kFactsSheet) : nullptr;
  const Cell* year = main ? main->at(kYearRow + 1, 2) : nullptr;
  if (year == nullptr || year->kind != Cell::Kind::Number) return std::nullopt;
  const auto whole = Decimal::parse(year->text)->to_int64();
  if (!whole || *whole < 1900 || *whole > 9999) return std::nullopt;
  return static_cast<int>(*whole);
}

FactsResult read_facts_xlsx(const ast::Ruleset& ruleset, const FactsWorkbook& workbook, const FactsOptions& options) {
  FactsResult out;
  const std::string& path = workbook.path;
  if (!workbook.book) {
    out.diagnostics.error("E0622", Location::in_json(path, ""), workbook.failure).help = tr(kRemake);
    return out;
  }
  const auto& book = workbook.book;
  Reader reader(ruleset, path, out);
  const std::optional<std::string> document = reader.document(*book);
  if (!document) return out;
  FactsResult facts = load_facts(ruleset, *document, path, options);
  Diagnostics at_cells;
  for (Diagnostic d : facts.diagnostics.items()) {
    if (!d.location.json_path.empty()) d.location.json_path = reader.cell_of(d.location.json_path);
    if (d.code == "E0602") d.help = std::string(tr("fill in the cell"));  // "add it to \"facts\"" is said of a JSON file
    at_cells.add(std::move(d));
  }
  facts.diagnostics = std::move(at_cells);
  return facts;
}

}  // namespace rubric
