// A CSV row as a facts document; see csv_document.hpp.
#include "interpreter/batch/csv_document.hpp"

#include <fmt/format.h>

#include "base/decimal.hpp"
#include "base/json_text.hpp"
#include "base/messages.hpp"
#include "base/unicode.hpp"
#include "interpreter/batch/csv_cells.hpp"

namespace rubric::batch {
namespace {

// A cell as the JSON value the facts loader expects for [type]: numbers and booleans bare when
// they are well formed, anything else as a string (which the loader then reports).
void json_cell(std::string& out, std::string_view cell, ast::TypeKind type) {
  if (is_number_kind(type) && is_json_number(cell)) {
    out += cell;
  } else if (const auto b = type == ast::TypeKind::Bool ? read_bool_cell(cell) : std::nullopt) {
    out += *b ? "true" : "false";  // as a spreadsheet writes it: TRUE, 1, 是 …
  } else {
    json::write_string(out, cell);
  }
}

}  // namespace

bool is_json_number(std::string_view s) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

void csv_document(const ast::Ruleset& rs, const CsvLayout& layout, const CsvRow& row, std::string& out) {
  out.clear();
  out += "{\"department\":";
  json::write_string(out, row.cell(layout.department));
  const std::string_view year = row.cell(layout.year);
  if (!year.empty()) {
    out += ",\"year\":";
    json_cell(out, year, ast::TypeKind::Number);
  }
  out += ",\"facts\":{";
  bool first = true;
  for (std::size_t i = 0; i < rs.facts.size(); ++i) {
    const FactColumns& fc = layout.facts[i];
    const ast::TypeRef& type = *rs.facts[i].type;
    const auto key = [&] {
      if (!first) out += ',';
      first = false;
      json::write_string(out, rs.facts[i].name);
      out += ':';
    };
    if (fc.scalar >= 0) {
      const std::string_view cell = row.cell(fc.scalar);
      if (cell.empty()) continue;
      key();
      json_cell(out, cell, type.kind);
    } else if (!fc.elements.empty()) {
      std::size_t last = 0;
      for (std::size_t e = 0; e < fc.elements.size(); ++e) {
        if (!row.cell(fc.elements[e]).empty()) last = e + 1;
      }
      key();  // a list whose cells are all empty is the empty list
      out += '[';
      for (std::size_t e = 0; e < last; ++e) {
        if (e > 0) out += ',';
        const std::string_view cell = row.cell(fc.elements[e]);
        if (cell.empty()) {
          out += "null";  // a gap: reported as this element's error
        } else {
          json_cell(out, cell, type.element->kind);
        }
      }
      out += ']';
    } else if (!fc.records.empty()) {
      std::size_t last = 0;
      for (std::size_t e = 0; e < fc.records.size(); ++e) {
        for (const int col : fc.records[e]) {
          if (!row.cell(col).empty()) last = e + 1;
        }
      }
      key();
      out += '[';
      for (std::size_t e = 0; e < last; ++e) {
        if (e > 0) out += ',';
        const auto& cols = fc.records[e];
        bool any = false;
        for (const int col : cols) any = any || !row.cell(col).empty();
        if (!any) {
          out += "null";
          continue;
        }
        out += '{';
        bool first_field = true;
        for (std::size_t f = 0; f < cols.size(); ++f) {
          const std::string_view cell = row.cell(cols[f]);
          if (cell.empty()) continue;
          if (!first_field) out += ',';
          first_field = false;
          json::write_string(out, type.element->fields[f].name);
          out += ':';
          json_cell(out, cell, type.element->fields[f].type->kind);
        }
        out += '}';
      }
      out += ']';
    }
  }
  out += "}}";
}

std::string column_of(std::string_view path) {
  if (path.rfind("facts.", 0) == 0) path.remove_prefix(6);
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos) break;
      std::size_t n = 0;
      for (std::size_t k = i + 1; k < close; ++k) n = n * 10 + static_cast<std::size_t>(path[k] - '0');
      out += fmt::format(".{}", n + 1);
      i = close;
    } else {
      out += path[i];
    }
  }
  return out;
}

std::vector<UnreadableCell> unreadable_cells(const CsvLayout& layout, const CsvRow& row, CsvRow& readable,
                                             std::string& buffer, std::vector<std::size_t>& spans) {
  std::vector<UnreadableCell> out;
  buffer.clear();
  spans.clear();
  for (std::size_t c = 0; c < row.fields; ++c) {
    std::string_view cell = row.cell(static_cast<int>(c));
    const bool numeric = c < layout.numeric.size() && layout.numeric[c];
    const ast::TypeKind kind = c < layout.kinds.size() ? layout.kinds[c] : ast::TypeKind::Unknown;
    const std::string& header = c < layout.headers.size() ? layout.headers[c] : std::string();
    std::size_t bad = 0;
    std::string error;
    if (!unicode::is_valid_utf8(cell, &bad)) {
      error = tr_format("column {}: the cell is not UTF-8 text (byte 0x{:02X} at byte {} of the cell); save the file as "
                          "UTF-8 (in Excel: \"CSV UTF-8\"), not GBK",
                          header, static_cast<unsigned char>(cell[bad]), bad + 1);
    } else if (numeric && is_json_number(cell)) {
      try {
        (void)Decimal::parse(cell);
      } catch (const DecimalError&) {
        error = tr_format("column {}: the number {} cannot be held exactly (at most 38 significant digits and 24 decimals)",
                            header, cell);
      }
    } else if (!cell.empty()) {
      if (std::string why = spreadsheet_cell_error(cell, kind); !why.empty()) error = tr_format("column {}: {}", header, why);
    }
    if (!error.empty()) {
      out.push_back({header, std::move(error)});
      cell = numeric ? "0" : "?";
    }
    spans.push_back(buffer.size());
    buffer += cell;
    spans.push_back(buffer.size());
  }
  readable = CsvRow{buffer.data(), spans.data(), row.fields};
  return out;
}

void assign_utf8(std::string& out, std::string_view text) {
  if (unicode::is_valid_utf8(text)) {
    out.assign(text);
    return;
  }
  out.clear();
  for (std::size_t i = 0; i < text.size();) unicode::encode(unicode::decode(text, i), out);
}

}  // namespace rubric::batch
