// Batch scoring; see batch.hpp and docs/batch.md.
#include "interpreter/batch/batch.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <system_error>
#include <thread>

#include "base/unicode.hpp"
#include "interpreter/check/checker.hpp"
#include "base/csv_cell.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/facts.hpp"
#include "interpreter/eval/plan.hpp"
#include "base/output_file.hpp"

namespace rubric {
namespace {

// ---- Reading --------------------------------------------------------------------------------

// A buffered reader of a file, counting the bytes consumed. Bytes are taken one at a time with
// get(), or a run at a time from window() and advance().
class Input {
 public:
  explicit Input(std::FILE* file) : file_(file), buffer_(1 << 20) {}
  int get() {
    if (pos_ == end_ && !refill()) return EOF;
    ++consumed_;
    return static_cast<unsigned char>(buffer_[pos_++]);
  }
  int peek() {
    if (pos_ == end_ && !refill()) return EOF;
    return static_cast<unsigned char>(buffer_[pos_]);
  }
  // The buffered bytes not yet consumed (refilled when there are none); empty at the end.
  std::string_view window() {
    if (pos_ == end_) refill();
    return {buffer_.data() + pos_, end_ - pos_};
  }
  void advance(std::size_t n) {
    pos_ += n;
    consumed_ += n;
  }
  bool error() const { return std::ferror(file_) != 0; }
  std::uint64_t consumed() const { return consumed_; }

 private:
  bool refill() {
    end_ = std::fread(buffer_.data(), 1, buffer_.size(), file_);
    pos_ = 0;
    return end_ != 0;
  }

  std::FILE* file_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::uint64_t consumed_ = 0;
};

// Where the quote that the end of the file left open began: its line and field (both from 1).
struct OpenQuote {
  std::size_t line = 0;
  std::size_t field = 0;
};

// One CSV record (RFC 4180), appended to [text] with the [begin, end) offsets of each field
// appended to [spans]. Returns false at the end of the input. [line] counts physical lines.
// Runs of ordinary bytes are copied at once: most cells need no byte-by-byte decisions. When the
// file ends inside a quoted field, [open] (if given) says where its quote began.
bool read_csv_record(Input& in, std::string& text, std::vector<std::size_t>& spans, std::size_t& line,
                     std::optional<OpenQuote>* open = nullptr) {
  if (in.peek() == EOF) return false;
  const std::size_t first_span = spans.size();
  std::size_t quote_line = 0;
  std::size_t field_begin = text.size();
  spans.push_back(field_begin);
  const auto end_field = [&] { spans.push_back(text.size()); };
  bool quoted = false;
  bool was_quoted = false;
  for (;;) {
    {
      const std::string_view w = in.window();
      std::size_t n = 0;
      if (quoted) {
        while (n < w.size() && w[n] != '"' && w[n] != '\n') ++n;
      } else {
        while (n < w.size() && w[n] != ',' && w[n] != '\n' && w[n] != '\r' && w[n] != '"') ++n;
      }
      text.append(w.data(), n);
      in.advance(n);
    }
    const int c = in.get();
    if (c == EOF) {
      if (quoted && open != nullptr) *open = OpenQuote{quote_line, (spans.size() - first_span) / 2 + 1};
      end_field();
      return true;
    }
    if (quoted) {
      if (c == '"') {
        if (in.peek() == '"') {
          in.get();
          text += '"';
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        text += static_cast<char>(c);
      }
      continue;
    }
    if (c == '"' && text.size() == field_begin && !was_quoted) {
      quoted = true;
      was_quoted = true;
      quote_line = line;
    } else if (c == ',') {
      end_field();
      field_begin = text.size();
      spans.push_back(field_begin);
      was_quoted = false;
    } else if (c == '\n') {
      ++line;
      end_field();
      return true;
    } else if (c == '\r') {
      if (in.peek() == '\n') continue;
      ++line;
      end_field();
      return true;
    } else {
      text += static_cast<char>(c);
    }
  }
}

// The same, as a vector of fields (for the header and parse_csv()).
bool read_csv_record(Input& in, std::vector<std::string>& fields, std::size_t& line) {
  std::string text;
  std::vector<std::size_t> spans;
  fields.clear();
  if (!read_csv_record(in, text, spans, line)) return false;
  for (std::size_t i = 0; i + 1 < spans.size(); i += 2) fields.emplace_back(text.substr(spans[i], spans[i + 1] - spans[i]));
  return true;
}

bool read_line(Input& in, std::string& out) {
  out.clear();
  if (in.peek() == EOF) return false;
  for (;;) {
    const std::string_view w = in.window();
    if (w.empty()) break;
    const std::size_t n = w.find('\n');
    out.append(w.data(), n == std::string_view::npos ? w.size() : n);
    in.advance(n == std::string_view::npos ? w.size() : n + 1);
    if (n != std::string_view::npos) break;
  }
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return true;
}

// One row's cells, in a chunk's flat buffer: field i is text[spans[2i], spans[2i+1]).
struct CsvRow {
  const char* text = nullptr;
  const std::size_t* spans = nullptr;
  std::size_t fields = 0;

  std::string_view cell(int col) const {
    if (col < 0 || static_cast<std::size_t>(col) >= fields) return {};
    const std::size_t* s = spans + 2 * static_cast<std::size_t>(col);
    return {text + s[0], s[1] - s[0]};
  }
  std::size_t bytes() const { return fields == 0 ? 0 : spans[2 * fields - 1] - spans[0]; }
};

// ---- The CSV header: which column holds what ------------------------------------------------

struct FactColumns {
  int scalar = -1;                        // a column named after the fact
  std::vector<int> elements;              // list of scalars: column of element i (0-based), or -1
  std::vector<std::vector<int>> records;  // list of records: [element][field] column, or -1
};

struct CsvLayout {
  int id = -1;
  int department = -1;
  int year = -1;
  std::vector<FactColumns> facts;         // by fact index
  std::vector<std::string> headers;
  std::vector<bool> numeric;              // by column: its cells go into the document as numbers
};

bool is_number_kind(ast::TypeKind k) {
  return k == ast::TypeKind::Number || k == ast::TypeKind::Percent || k == ast::TypeKind::Money ||
         k == ast::TypeKind::Count;
}

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
      if (allow_unknown) {
        warnings.push_back(fmt::format("column \"{}\": the ruleset has no fact \"{}\"; the column is ignored", name, fact));
        continue;
      }
      // Ignored, a misspelt column would leave its fact at the default and change the score unseen.
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
    const std::string rest = name.substr(dot + 1);
    const auto dot2 = rest.find('.');
    const auto n = element_number(rest.substr(0, dot2));
    if (!n) return fmt::format("column \"{}\": expected an element number from 1 after \"{}.\"", name, fact);
    if (type.element->kind == ast::TypeKind::Record) {
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
    } else {
      if (dot2 != std::string::npos) {
        return fmt::format("column \"{}\": the elements of \"{}\" are not records; the column is {}.{}", name, fact, fact, *n);
      }
      if (fc.elements.size() < *n) fc.elements.resize(*n, -1);
      fc.elements[*n - 1] = col;
      layout.numeric[c] = is_number_kind(type.element->kind);
    }
  }
  return {};
}

// ---- CSV row -> facts document ----------------------------------------------------------------

void json_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

// A JSON number's syntax: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
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

// A cell as the JSON value the facts loader expects for [type]: numbers and booleans bare when
// they are well formed, anything else as a string (which the loader then reports).
void json_cell(std::string& out, std::string_view cell, ast::TypeKind type) {
  if ((is_number_kind(type) && is_json_number(cell)) || (type == ast::TypeKind::Bool && (cell == "true" || cell == "false"))) {
    out += cell;
  } else {
    json_string(out, cell);
  }
}

void csv_document(const ast::Ruleset& rs, const CsvLayout& layout, const CsvRow& row, std::string& out) {
  out.clear();
  out += "{\"department\":";
  json_string(out, row.cell(layout.department));
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
      json_string(out, rs.facts[i].name);
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
          json_string(out, type.element->fields[f].name);
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

// "facts.outputs[1].target" -> "outputs.2.target": the CSV column a facts path comes from.
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

// A cell the facts document cannot carry: bytes that are not UTF-8 (a file saved as GBK, say), or a
// number no JSON reader holds (1e400). The JSON reader would stop at the first such cell with a
// message naming no column; found before the document is written, each names its column.
struct UnreadableCell {
  std::string column;
  std::string error;
};

// The unreadable cells of [row], in column order. [readable] receives the row with each of them
// replaced by a stand-in of its column's kind (0 or ?), whose text is kept in [buffer]: the loader
// then reports every other cell as usual, and nothing more about these columns.
std::vector<UnreadableCell> unreadable_cells(const CsvLayout& layout, const CsvRow& row, CsvRow& readable,
                                             std::string& buffer, std::vector<std::size_t>& spans) {
  std::vector<UnreadableCell> out;
  buffer.clear();
  spans.clear();
  for (std::size_t c = 0; c < row.fields; ++c) {
    std::string_view cell = row.cell(static_cast<int>(c));
    const bool numeric = c < layout.numeric.size() && layout.numeric[c];
    const std::string& header = c < layout.headers.size() ? layout.headers[c] : std::string();
    std::size_t bad = 0;
    std::string error;
    if (!unicode::is_valid_utf8(cell, &bad)) {
      error = fmt::format("column {}: the cell is not UTF-8 text (byte 0x{:02X} at byte {} of the cell); save the file as "
                          "UTF-8 (in Excel: \"CSV UTF-8\"), not GBK",
                          header, static_cast<unsigned char>(cell[bad]), bad + 1);
    } else if (numeric && is_json_number(cell)) {
      try {
        (void)Decimal::parse(cell);
      } catch (const DecimalError&) {
        error = fmt::format("column {}: the number {} cannot be held exactly (at most 38 significant digits and 24 decimals)",
                            header, cell);
      }
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

// Assigns [text] to [out] with every byte that is not UTF-8 replaced by U+FFFD, so that the output
// file is UTF-8.
void assign_utf8(std::string& out, std::string_view text) {
  if (unicode::is_valid_utf8(text)) {
    out.assign(text);
    return;
  }
  out.clear();
  for (std::size_t i = 0; i < text.size();) unicode::encode(unicode::decode(text, i), out);
}

// ---- CSV row -> facts, directly ---------------------------------------------------------------
//
// The common case: every cell of the row is well formed. Its cells are converted by their declared
// type straight into the facts' values (domains checked in place), without the facts document.
// The conversion accepts exactly what load_facts() accepts from the document csv_document()
// writes, and gives the same values; at the first cell it would report (or might: a doubt is
// enough), it declines, and the row takes the document path, whose loader words every error of the
// row. So the errors are the loader's by construction, and this path never has to word one.
//
// Nothing is allocated per row once the buffers have grown: lists and records are refilled in
// place when no one else holds them, texts are assigned into the strings already there.

// Whether [s] is UTF-8 that the JSON reader takes (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const auto at = [&](std::size_t k) { return i + k < n ? static_cast<unsigned char>(s[i + k]) : 0u; };
    const auto cont = [](unsigned b) { return b >= 0x80 && b <= 0xBF; };
    if (c >= 0xC2 && c <= 0xDF) {
      if (!cont(at(1))) return false;
      i += 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      const unsigned lo = c == 0xE0 ? 0xA0 : 0x80;
      const unsigned hi = c == 0xED ? 0x9F : 0xBF;
      if (at(1) < lo || at(1) > hi || !cont(at(2))) return false;
      i += 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      const unsigned lo = c == 0xF0 ? 0x90 : 0x80;
      const unsigned hi = c == 0xF4 ? 0x8F : 0xBF;
      if (at(1) < lo || at(1) > hi || !cont(at(2)) || !cont(at(3))) return false;
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

// A string the loader takes as it is: valid UTF-8 within its length limit.
bool is_plain_string(std::string_view s) { return s.size() <= kMaxJsonStringBytes && is_valid_utf8(s); }

void set_text(Value& v, std::string_view text) {
  if (auto* s = std::get_if<std::string>(&v.data)) {
    s->assign(text);
  } else {
    v.data.emplace<std::string>(text);
  }
}

// How one cell is read: the declared type of a scalar fact, a list's element or a record field.
struct CellSpec {
  const ast::TypeRef* type = nullptr;
  bool has_domain = false;
  std::optional<Decimal> lo, hi;  // the domain's bounds (absent: unbounded)
  bool lo_closed = false, hi_closed = false;

  CellSpec() = default;
  CellSpec(const ast::TypeRef& t, const std::optional<ast::Interval>& domain) : type(&t) {
    if (!domain) return;
    has_domain = true;
    if (domain->lo.value) lo = constant_value(*domain->lo.value);
    if (domain->hi.value) hi = constant_value(*domain->hi.value);
    lo_closed = domain->lo_closed;
    hi_closed = domain->hi_closed;
  }

  // A non-empty [cell] as the loader would read it (see Validator::convert and check_domain in
  // facts.cpp), into [out]; false where the loader would report an error.
  bool convert(std::string_view cell, Value& out) const {
    const ast::TypeKind kind = type->kind;
    switch (kind) {
      case ast::TypeKind::Number:
      case ast::TypeKind::Percent:
      case ast::TypeKind::Money:
      case ast::TypeKind::Count: {
        // The one rule of every input format (read_fact_number): a cell that is a number literal is
        // what csv_document() writes as a JSON number, any other cell a JSON string.
        const FactNumber value = read_fact_number(cell, kind, !is_json_number(cell));
        if (!value.value || !in_domain(*value.value)) return false;
        out.data.emplace<Decimal>(*value.value);
        return true;
      }
      case ast::TypeKind::Bool:
        if (cell != "true" && cell != "false") return false;
        out.data.emplace<bool>(cell == "true");
        return true;
      case ast::TypeKind::Text:
        if (!is_plain_string(cell)) return false;
        set_text(out, cell);
        return true;
      case ast::TypeKind::Enum:
        for (const std::string& member : type->members) {
          if (member == cell) {
            set_text(out, cell);
            return true;
          }
        }
        return false;
      case ast::TypeKind::List:
      case ast::TypeKind::Record:
      case ast::TypeKind::Unknown: break;
    }
    return false;
  }

  bool in_domain(const Decimal& value) const {
    const ast::TypeKind kind = type->kind;
    if (kind == ast::TypeKind::Count && !value.is_integer()) return false;
    if (has_domain) {
      if (lo && (lo_closed ? value < *lo : value <= *lo)) return false;
      if (hi && (hi_closed ? value > *hi : value >= *hi)) return false;
      return true;
    }
    const bool nonnegative = kind == ast::TypeKind::Percent || kind == ast::TypeKind::Money || kind == ast::TypeKind::Count;
    return !(nonnegative && value.sign() < 0);
  }
};

// What the direct path knows of the ruleset and the header, shared by every worker.
class CsvFactsPlan {
 public:
  CsvFactsPlan(const ast::Ruleset& rs, const CsvLayout& layout) : layout_(layout) {
    facts_.resize(rs.facts.size());
    for (std::size_t i = 0; i < rs.facts.size(); ++i) {
      const ast::FactDecl& decl = rs.facts[i];
      const FactColumns& fc = layout.facts[i];
      FactSpec& f = facts_[i];
      if (decl.default_value) {
        f.has_default = true;
        if (const auto* s = std::get_if<ast::StringLit>(&decl.default_value->node)) {
          f.default_value = Value(s->value);
        } else if (const auto* b = std::get_if<ast::BoolLit>(&decl.default_value->node)) {
          f.default_value = Value(b->value);
        } else if (auto d = constant_value(*decl.default_value)) {
          f.default_value = Value(*d);
        }
      }
      if (fc.scalar >= 0) {
        f.shape = FactSpec::Shape::Scalar;
        f.cell = CellSpec(*decl.type, decl.domain);
      } else if (!fc.elements.empty()) {
        f.shape = FactSpec::Shape::Elements;
        f.cell = CellSpec(*decl.type->element, decl.domain);
      } else if (!fc.records.empty()) {
        f.shape = FactSpec::Shape::Records;
        for (const ast::Field& field : decl.type->element->fields) f.fields.emplace_back(*field.type, field.domain);
      }
      // Beyond the loader's item limit the document path reports it.
      if (fc.elements.size() > kMaxJsonItems || fc.records.size() > kMaxJsonItems) f.always_slow = true;
    }
  }

 private:
  friend class CsvFacts;
  struct FactSpec {
    enum class Shape { Absent, Scalar, Elements, Records } shape = Shape::Absent;
    CellSpec cell;                 // a scalar fact, or a list's elements
    std::vector<CellSpec> fields;  // a list of records: each field
    bool has_default = false;
    Value default_value;           // Decimal zero where the default is not a constant (as the loader)
    bool always_slow = false;
  };
  const CsvLayout& layout_;
  std::vector<FactSpec> facts_;
};

// One worker's converter: the facts it fills, row after row, and the buffers of their lists.
class CsvFacts {
 public:
  explicit CsvFacts(const CsvFactsPlan& plan) : plan_(plan), lists_(plan.facts_.size()) {
    facts_.file = "row";
    facts_.values.resize(plan.facts_.size());
    facts_.supplied.resize(plan.facts_.size());
  }

  // Fills the facts of [row]; nullptr when some cell is not plainly valid (the row must then take
  // the document path, which words its errors).
  const Facts* convert(const CsvRow& row) {
    // Far below the loader's size limit for the document (its escapes take at most 6 bytes a byte).
    if (row.bytes() > kMaxFactsBytes / 8) return nullptr;
    const CsvLayout& layout = plan_.layout_;
    const std::string_view department = row.cell(layout.department);
    if (!is_plain_string(department)) return nullptr;
    facts_.department.assign(department.empty() ? std::string_view(facts_.file) : department);
    facts_.year.reset();
    if (const std::string_view year = row.cell(layout.year); !year.empty()) {
      if (!is_json_number(year)) return nullptr;
      std::optional<Decimal> value;
      try {
        value = Decimal::parse(year);
      } catch (const DecimalError&) {
        return nullptr;
      }
      const auto whole = value ? value->to_int64() : std::nullopt;
      if (!whole || *whole < 1900 || *whole > 9999) return nullptr;
      facts_.year = static_cast<int>(*whole);
    }
    for (std::size_t i = 0; i < plan_.facts_.size(); ++i) {
      if (!fact(i, row)) return nullptr;
    }
    return &facts_;
  }

 private:
  using Spec = CsvFactsPlan::FactSpec;
  using Buffer = std::shared_ptr<std::vector<Value>>;

  // A list buffer to refill: [b] itself when no value holds it any more, else a fresh one.
  static std::vector<Value>& reuse(Buffer& b) {
    if (!b || b.use_count() > 1) b = std::make_shared<std::vector<Value>>();
    return *b;
  }

  struct ListBuffers {
    Buffer list;
    std::vector<Buffer> records;
  };

  bool fact(std::size_t i, const CsvRow& row) {
    const Spec& spec = plan_.facts_[i];
    const FactColumns& fc = plan_.layout_.facts[i];
    Value& value = facts_.values[i];
    if (spec.always_slow) return false;
    const auto absent = [&] {
      if (!spec.has_default) return false;  // a missing fact
      value = spec.default_value;
      facts_.supplied[i] = false;
      return true;
    };
    switch (spec.shape) {
      case Spec::Shape::Absent: return absent();
      case Spec::Shape::Scalar: {
        const std::string_view cell = row.cell(fc.scalar);
        if (cell.empty()) return absent();
        facts_.supplied[i] = true;
        return spec.cell.convert(cell, value);
      }
      case Spec::Shape::Elements: {
        std::size_t last = 0;
        for (std::size_t e = 0; e < fc.elements.size(); ++e) {
          if (!row.cell(fc.elements[e]).empty()) last = e + 1;
        }
        ListBuffers& buffers = lists_[i];
        value = Value();  // let go of last row's list, so that its buffer can be refilled
        std::vector<Value>& items = reuse(buffers.list);
        items.resize(last);
        for (std::size_t e = 0; e < last; ++e) {
          const std::string_view cell = row.cell(fc.elements[e]);
          if (cell.empty() || !spec.cell.convert(cell, items[e])) return false;  // a gap, or a bad cell
        }
        value = Value(ValueList(buffers.list));
        facts_.supplied[i] = true;
        return true;
      }
      case Spec::Shape::Records: {
        std::size_t last = 0;
        for (std::size_t e = 0; e < fc.records.size(); ++e) {
          for (const int col : fc.records[e]) {
            if (!row.cell(col).empty()) last = e + 1;
          }
        }
        ListBuffers& buffers = lists_[i];
        value = Value();
        if (buffers.list) buffers.list->clear();  // let go of last row's records
        std::vector<Value>& items = reuse(buffers.list);
        if (buffers.records.size() < last) buffers.records.resize(last);
        for (std::size_t e = 0; e < last; ++e) {
          std::vector<Value>& fields = reuse(buffers.records[e]);
          const auto& cols = fc.records[e];
          fields.resize(cols.size());
          for (std::size_t f = 0; f < cols.size(); ++f) {
            const std::string_view cell = row.cell(cols[f]);
            // An empty field is a missing field, an empty record a gap: the loader reports both.
            if (cell.empty() || !spec.fields[f].convert(cell, fields[f])) return false;
          }
          items.emplace_back(ValueList(buffers.records[e]));
        }
        value = Value(ValueList(buffers.list));
        facts_.supplied[i] = true;
        return true;
      }
    }
    return false;
  }

  const CsvFactsPlan& plan_;
  Facts facts_;
  std::vector<ListBuffers> lists_;  // by fact index
};

// ---- Scoring one row --------------------------------------------------------------------------

struct Leaf {
  std::string name;
  int digits = 2;
};

void collect_leaves(const ast::Ruleset& rs, const std::vector<ast::Item>& items, std::vector<Leaf>& out) {
  for (const ast::Item& item : items) {
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) collect_leaves(rs, (*s)->items, out);
    if (const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
      out.push_back({(*i)->name, (*i)->rounding ? (*i)->rounding->digits : rs.rounding.digits});
    }
  }
}

struct RowResult {
  std::size_t row = 0;
  std::string id;
  std::string department;
  std::optional<Decimal> total;
  int grade = -1;  // index into the ruleset's grades
  std::vector<std::optional<Decimal>> scores;  // by leaf
  std::string error;
};

void collect_scores(const NodeResult& node, std::vector<std::optional<Decimal>>& out) {
  if (!node.is_section) {
    out.push_back(node.score);
    return;
  }
  for (const NodeResult& child : node.children) collect_scores(child, out);
}

class Scorer {
 public:
  Scorer(const ast::Ruleset& rs, const Plan* plan, std::size_t leaves, FactsOptions facts_options)
      : rs_(rs), plan_(plan), leaves_(leaves), facts_options_(facts_options) {
    facts_options_.batch_row = true;  // a JSON Lines row may name its id
  }

  // Scores a facts document; [csv] says errors name columns rather than JSON paths. [unreadable]:
  // cells found unreadable before the document was written (see unreadable_cells), left out of
  // it; their errors come first, the loader's about their columns are dropped, and a row with
  // any is not scored.
  void score(const std::string& document, bool csv, RowResult& out, const std::vector<UnreadableCell>& unreadable = {}) {
    FactsResult facts = load_facts(rs_, document, "row", facts_options_);
    if (!csv) out.id = std::move(facts.id);  // a JSON Lines row's "id"; a CSV row's is its cell
    std::vector<std::string> errors;
    for (const UnreadableCell& u : unreadable) errors.push_back(u.error);
    for (const Diagnostic& d : facts.diagnostics.items()) {
      if (d.severity != Severity::Error) continue;
      const std::string& path = d.location.json_path;
      if (path.empty() && !csv && d.location.file && d.location.span) {
        // A syntax error of a JSON Lines row: the line is the row; the column says where.
        errors.push_back(fmt::format("at column {}: {}", d.location.file->line_column(d.location.span->begin).column, d.message));
      } else if (path.empty() || path == "(document)") {
        errors.push_back(d.message);
      } else if (csv) {
        const std::string column = column_of(path);
        const auto same = [&](const UnreadableCell& u) { return u.column == column; };
        if (std::none_of(unreadable.begin(), unreadable.end(), same)) errors.push_back(fmt::format("column {}: {}", column, d.message));
      } else {
        errors.push_back(fmt::format("{}: {}", path, d.message));
      }
    }
    out.scores.assign(leaves_, std::nullopt);
    if (!facts.facts || !unreadable.empty()) {
      out.error = fmt::format("{}", fmt::join(errors, "; "));
      return;
    }
    score(*facts.facts, errors, out);
  }

  // Scores valid facts.
  void score(const Facts& facts, std::vector<std::string>& errors, RowResult& out) {
    out.scores.assign(leaves_, std::nullopt);
    if (out.department.empty()) out.department = facts.department == "row" ? "" : facts.department;
    if (plan_ != nullptr) {
      PlanResult& r = plan_result_;
      plan_->evaluate(facts, r);
      out.total = r.total;
      out.grade = r.grade;
      for (std::size_t i = 0; i < leaves_ && i < r.scores.size(); ++i) out.scores[i] = r.scores[i];
      for (const std::string& e : r.errors) errors.push_back(e);
    } else {
      EvalOptions options;
      options.trace = false;
      const Evaluation ev = evaluate(rs_, facts, options);
      out.total = ev.total;
      if (ev.total) {
        for (std::size_t g = 0; g < rs_.grades.size(); ++g) {
          if (rs_.grades[g].name == ev.grade) out.grade = static_cast<int>(g);
        }
      }
      std::vector<std::optional<Decimal>> scores;
      for (const NodeResult& n : ev.nodes) collect_scores(n, scores);
      for (std::size_t i = 0; i < leaves_ && i < scores.size(); ++i) out.scores[i] = scores[i];
      for (const Diagnostic& d : ev.diagnostics.items()) {
        if (d.severity == Severity::Error) errors.push_back(d.message);
      }
    }
    if (!out.total && errors.empty()) errors.push_back("the total could not be computed");
    if (!errors.empty()) out.error = fmt::format("{}", fmt::join(errors, "; "));
  }

 private:
  const ast::Ruleset& rs_;
  const Plan* plan_;
  std::size_t leaves_;
  FactsOptions facts_options_;
  PlanResult plan_result_;  // reused from row to row
};

// ---- Writing ----------------------------------------------------------------------------------

// A text cell: neutralised against formula injection (a name starting with '=', '+', '-', '@', a
// tab or a CR gets a single quote in front; see csv_cell.hpp) and quoted as needed. Numbers
// (total, scores) are written without it and stay numbers.
void csv_field(std::string& out, std::string_view text) { append_csv_text(out, text); }

std::string csv_header(const std::vector<Leaf>& leaves) {
  std::string out = "row,id,department,total,grade";
  for (const Leaf& l : leaves) {
    out += ',';
    csv_field(out, l.name);
  }
  out += ",error\n";
  return out;
}

// [digits]: total_digits(rs), the decimals of the total.
void write_row(const ast::Ruleset& rs, int digits, const std::vector<Leaf>& leaves, BatchFormat format, const RowResult& r,
               std::string& out) {
  const std::string grade = r.grade >= 0 ? rs.grades[static_cast<std::size_t>(r.grade)].name : "";
  if (format == BatchFormat::Csv) {
    out += fmt::format("{},", r.row);
    csv_field(out, r.id);
    out += ',';
    csv_field(out, r.department);
    out += ',';
    if (r.total) out += r.total->to_fixed(digits);
    out += ',';
    csv_field(out, grade);
    for (std::size_t i = 0; i < leaves.size(); ++i) {
      out += ',';
      if (r.scores[i]) out += r.scores[i]->to_fixed(leaves[i].digits);
    }
    out += ',';
    csv_field(out, r.error);
    out += '\n';
    return;
  }
  out += fmt::format("{{\"row\":{},\"id\":", r.row);
  json_string(out, r.id);
  out += ",\"department\":";
  json_string(out, r.department);
  out += ",\"total\":";
  out += r.total ? r.total->to_fixed(digits) : "null";
  out += ",\"grade\":";
  if (r.grade >= 0) {
    json_string(out, grade);
  } else {
    out += "null";
  }
  out += ",\"scores\":{";
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    if (i > 0) out += ',';
    json_string(out, leaves[i].name);
    out += ':';
    out += r.scores[i] ? r.scores[i]->to_fixed(leaves[i].digits) : "null";
  }
  out += "},\"error\":";
  if (r.error.empty()) {
    out += "null";
  } else {
    json_string(out, r.error);
  }
  out += "}\n";
}

// ---- The pipeline -----------------------------------------------------------------------------

// A unit of work. Chunks are recycled once written, so their buffers stop growing after the first
// few: reading, scoring and writing a row allocate nothing in the steady state.
struct Chunk {
  std::size_t seq = 0;
  std::size_t first_row = 0;
  // CSV input: every cell of the chunk in [text]; field k is text[spans[2k], spans[2k+1]), and
  // row i has the fields from rows[i] to rows[i + 1].
  std::string text;
  std::vector<std::size_t> spans;
  std::vector<std::size_t> rows;
  std::vector<std::string> lines;  // JSON Lines input
  std::size_t count = 0;
  std::uint64_t bytes_read = 0;  // input consumed when the chunk was complete
  std::string out;               // the rendered output rows
  std::vector<RowResult> results;  // light: scores cleared, kept for the summary
  std::optional<OpenQuote> open_quote;  // the file ended inside a quoted cell of the last row

  CsvRow csv_row(std::size_t i) const {
    return CsvRow{text.data(), spans.data() + 2 * rows[i], rows[i + 1] - rows[i]};
  }
  void reset() {
    count = 0;
    text.clear();
    spans.clear();
    rows.assign(1, 0);
    out.clear();
    open_quote.reset();
  }
};

// Keeps the [n] best (or worst) totals; ties keep the earlier row first.
class Ranking {
 public:
  Ranking(std::size_t n, bool best) : n_(n), best_(best) {}
  void offer(const RowResult& r, const std::string& grade) {
    if (n_ == 0 || !r.total) return;
    const auto before = [&](const RankedRow& a, const RankedRow& b) {
      if (a.total != b.total) return best_ ? a.total > b.total : a.total < b.total;
      return a.row < b.row;
    };
    RankedRow row{r.row, r.id, r.department, *r.total, grade};
    if (rows_.size() == n_ && !before(row, rows_.back())) return;
    rows_.insert(std::upper_bound(rows_.begin(), rows_.end(), row, before), row);
    if (rows_.size() > n_) rows_.pop_back();
  }
  std::vector<RankedRow> take() { return std::move(rows_); }

 private:
  std::size_t n_;
  bool best_;
  std::vector<RankedRow> rows_;
};

}  // namespace

std::optional<BatchFormat> batch_format_of(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".csv" || ext == ".CSV") return BatchFormat::Csv;
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".JSONL") return BatchFormat::JsonLines;
  return std::nullopt;
}

struct CsvRecords::Reader {
  explicit Reader(std::FILE* f) : file(f), in(f) {}
  ~Reader() { std::fclose(file); }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  std::FILE* file;
  Input in;
};

CsvRecords::CsvRecords(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) throw std::runtime_error(fmt::format("{}: cannot read the file: {}", path, std::strerror(errno)));
  reader_ = std::make_unique<Reader>(f);
}

CsvRecords::~CsvRecords() = default;

bool CsvRecords::next(std::vector<std::string>& fields) {
  record_line_ = next_line_;
  return read_csv_record(reader_->in, fields, next_line_);
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::FILE* f = ::fmemopen(const_cast<char*>(text.data()), text.size(), "r");
  std::vector<std::vector<std::string>> out;
  if (f == nullptr) return out;
  Input in(f);
  std::vector<std::string> fields;
  std::size_t line = 1;
  while (read_csv_record(in, fields, line)) out.push_back(fields);
  std::fclose(f);
  return out;
}

BatchResult run_batch(const ast::Ruleset& rs, const BatchOptions& options) {
  BatchResult result;
  BatchSummary& summary = result.summary;
  summary.digits = total_digits(rs);
  const auto in_format = options.input_format ? options.input_format : batch_format_of(options.input);
  const auto out_format = batch_format_of(options.output);
  const bool from_stdin = options.input == "-";
  const std::string input_name = from_stdin ? "<stdin>" : options.input;  // in messages
  if (!in_format) {
    result.fatal = from_stdin ? std::string("<stdin>: standard input has no extension; say its format (--input-format)")
                              : fmt::format("{}: the input must be .csv, .jsonl or .ndjson", options.input);
    return result;
  }
  if (!out_format) {
    result.fatal = fmt::format("{}: the output must be .csv, .jsonl or .ndjson", options.output);
    return result;
  }
  // Standard input is read like a file, but not closed: it is not ours.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(from_stdin ? stdin : std::fopen(options.input.c_str(), "rb"),
                                                       from_stdin ? +[](std::FILE*) { return 0; } : &std::fclose);
  if (!file) {
    result.fatal = fmt::format("{}: cannot read the file: {}", input_name, std::strerror(errno));
    return result;
  }
  std::uint64_t input_size = 0;
  {
    struct stat st {};
    if (::fstat(::fileno(file.get()), &st) == 0 && S_ISREG(st.st_mode)) input_size = static_cast<std::uint64_t>(st.st_size);
  }
  Input in(file.get());
  std::size_t line = 1;

  if (const std::string utf16 = unicode::utf16_message(in.window()); !utf16.empty()) {
    result.fatal = fmt::format("{}: {} [E0021]\n  = help: {}", input_name, utf16, unicode::kUtf16Help);
    return result;
  }
  CsvLayout layout;
  if (*in_format == BatchFormat::Csv) {
    std::vector<std::string> header;
    if (!read_csv_record(in, header, line)) {
      result.fatal = fmt::format("{}: the file is empty; the first line must name the columns", input_name);
      return result;
    }
    if (!header.empty() && header[0].rfind("\xEF\xBB\xBF", 0) == 0) header[0].erase(0, 3);  // a UTF-8 BOM
    const std::string bad = compile_header(rs, header, layout, summary.warnings, options.allow_unknown_facts);
    if (!bad.empty()) {
      result.fatal = fmt::format("{}: line 1: {}", input_name, bad);
      return result;
    }
  }

  std::vector<Leaf> leaves;
  collect_leaves(rs, rs.items, leaves);
  std::optional<Plan> plan;
  if (!options.tree_evaluator) plan.emplace(rs);

  OutputFile output(options.output);
  if (!output.error().empty()) {
    result.fatal = output.error();
    result.output_failed = true;
    return result;
  }
  if (*out_format == BatchFormat::Csv) output.write(csv_header(leaves));

  const unsigned jobs = std::min(kMaxBatchJobs, options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency()));
  const std::size_t chunk_rows = std::max<std::size_t>(1, options.chunk_rows);
  const std::size_t max_in_flight = 4 * static_cast<std::size_t>(jobs) + 2;

  std::mutex mutex;
  std::condition_variable work_ready;   // workers wait for chunks
  std::condition_variable done_ready;   // the writer waits for finished chunks
  std::condition_variable room;         // the reader waits for room
  std::deque<std::unique_ptr<Chunk>> work;
  std::map<std::size_t, std::unique_ptr<Chunk>> done;
  std::vector<std::unique_ptr<Chunk>> pool;  // written chunks, to be refilled
  std::size_t in_flight = 0;
  bool reading_done = false;
  bool cancelled = false;
  std::size_t chunks_total = 0;
  std::string read_error;
  std::string worker_error;  // what stopped a worker outside any row (then the batch stops)

  // Every thread is joined on every path out of here, an exception's included: a std::thread
  // destroyed while it runs would end the process (and leave the temporary file).
  std::thread reader;
  std::vector<std::thread> workers;
  struct Joiner {
    std::mutex& mutex;
    bool& cancelled;
    std::condition_variable& room;
    std::condition_variable& work_ready;
    std::thread& reader;
    std::vector<std::thread>& workers;
    ~Joiner() {
      {
        std::lock_guard lock(mutex);
        cancelled = true;
      }
      room.notify_all();
      work_ready.notify_all();
      if (reader.joinable()) reader.join();
      for (std::thread& t : workers) {
        if (t.joinable()) t.join();
      }
    }
  } joiner{mutex, cancelled, room, work_ready, reader, workers};

  const auto start_reader = [&] {
    std::size_t seq = 0;
    std::size_t row = 0;
    bool more = true;
    while (more) {
      std::unique_ptr<Chunk> chunk;
      {
        std::lock_guard lock(mutex);
        if (!pool.empty()) {
          chunk = std::move(pool.back());
          pool.pop_back();
        }
      }
      if (!chunk) chunk = std::make_unique<Chunk>();
      chunk->reset();
      chunk->seq = seq;
      chunk->first_row = row + 1;
      if (*in_format == BatchFormat::Csv) {
        while (chunk->count < chunk_rows) {
          const std::size_t text_size = chunk->text.size();
          const std::size_t spans_size = chunk->spans.size();
          if (!read_csv_record(in, chunk->text, chunk->spans, line, &chunk->open_quote)) {
            more = false;
            break;
          }
          if (chunk->spans.size() - spans_size == 2 && chunk->text.size() == text_size) {  // a blank line
            chunk->spans.resize(spans_size);
            continue;
          }
          chunk->rows.push_back(chunk->spans.size() / 2);
          ++chunk->count;
        }
      } else {
        if (chunk->lines.size() < chunk_rows) chunk->lines.resize(chunk_rows);
        while (chunk->count < chunk_rows) {
          auto& text = chunk->lines[chunk->count];
          if (!read_line(in, text)) {
            more = false;
            break;
          }
          if (text.find_first_not_of(" \t") == std::string::npos) continue;
          ++chunk->count;
        }
      }
      if (in.error()) {
        std::lock_guard lock(mutex);
        read_error = fmt::format("{}: cannot read the file: {}", input_name, std::strerror(errno));
        more = false;
      }
      chunk->bytes_read = in.consumed();
      if (chunk->count == 0) break;
      row += chunk->count;
      std::unique_lock lock(mutex);
      room.wait(lock, [&] { return in_flight < max_in_flight || cancelled; });
      if (cancelled) break;
      ++in_flight;
      ++seq;
      work.push_back(std::move(chunk));
      work_ready.notify_one();
    }
    std::lock_guard lock(mutex);
    reading_done = true;
    chunks_total = seq;
    work_ready.notify_all();
    done_ready.notify_all();
  };
  try {
    reader = std::thread([&] {
      const auto stop_reading = [&](std::string why) {
        std::lock_guard lock(mutex);
        read_error = fmt::format("{}: reading stopped: {}; the output was not written", input_name, why);
        reading_done = true;
        cancelled = true;
        work_ready.notify_all();
        done_ready.notify_all();
        room.notify_all();
      };
      try {
        start_reader();
      } catch (const std::bad_alloc&) {
        stop_reading("out of memory");
      } catch (const std::exception& e) {
        stop_reading(fmt::format("internal error: {}", e.what()));
      } catch (...) {
        stop_reading("internal error: an unknown exception");
      }
    });
  } catch (const std::system_error& e) {
    result.fatal = fmt::format("cannot start the thread that reads {}: {}", input_name, e.what());
    return result;
  }

  const bool csv_in = *in_format == BatchFormat::Csv;
  std::optional<CsvFactsPlan> csv_facts;
  if (csv_in) csv_facts.emplace(rs, layout);
  const auto work_loop = [&] {
      Scorer scorer(rs, plan ? &*plan : nullptr, leaves.size(), FactsOptions{options.allow_unknown_facts});
      std::optional<CsvFacts> direct;
      if (csv_facts) direct.emplace(*csv_facts);
      std::string document;
      std::vector<std::string> errors;
      std::string cells;  // an unreadable row's cells, with stand-ins
      std::vector<std::size_t> spans;
      for (;;) {
        std::unique_ptr<Chunk> chunk;
        {
          std::unique_lock lock(mutex);
          work_ready.wait(lock, [&] { return !work.empty() || reading_done || cancelled; });
          if (cancelled || work.empty()) return;
          chunk = std::move(work.front());
          work.pop_front();
        }
        chunk->results.resize(chunk->count);
        for (std::size_t i = 0; i < chunk->count; ++i) {
          RowResult& r = chunk->results[i];
          r.row = chunk->first_row + i;
          r.total.reset();
          r.grade = -1;
          r.error.clear();
          // Whatever goes wrong inside one row (a bug, memory running out) is that row's error:
          // the other rows are still scored, and nothing leaves the thread.
          try {
            if (csv_in) {
              const CsvRow row = chunk->csv_row(i);
              assign_utf8(r.id, row.cell(layout.id));
              assign_utf8(r.department, row.cell(layout.department));
              if (options.before_row) options.before_row(r.row);
              if (chunk->open_quote && i + 1 == chunk->count) {
                // Everything after the quote went into one cell: nothing of the row can be trusted.
                r.scores.assign(leaves.size(), std::nullopt);
                const std::size_t field = chunk->open_quote->field;
                r.error = fmt::format("the quote that opens {} on line {} is never closed: the rest of the file was read "
                                      "into that cell; it is not scored",
                                      field <= layout.headers.size() ? fmt::format("column {}", layout.headers[field - 1])
                                                                     : fmt::format("cell {}", field),
                                      chunk->open_quote->line);
              } else if (row.fields != layout.headers.size()) {
                // A row longer or shorter than the header has lost its alignment (a stray comma, a
                // cut line): its cells cannot be trusted to be the facts their columns name.
                r.scores.assign(leaves.size(), std::nullopt);
                r.error = fmt::format("the row has {} cells, but the header names {} columns; it is not scored",
                                      row.fields, layout.headers.size());
              } else if (const Facts* facts = direct->convert(row)) {
                errors.clear();
                scorer.score(*facts, errors, r);
              } else {
                CsvRow readable;
                const std::vector<UnreadableCell> unreadable = unreadable_cells(layout, row, readable, cells, spans);
                csv_document(rs, layout, readable, document);
                scorer.score(document, true, r, unreadable);
              }
            } else {
              r.department.clear();
              r.id.clear();
              if (options.before_row) options.before_row(r.row);
              scorer.score(chunk->lines[i], false, r);
              if (r.id.empty()) r.id = r.department;
            }
          } catch (const std::exception& e) {
            r.total.reset();
            r.grade = -1;
            r.scores.assign(leaves.size(), std::nullopt);
            r.error = dynamic_cast<const std::bad_alloc*>(&e) != nullptr
                          ? std::string("out of memory while scoring this row; it is not scored")
                          : fmt::format("internal error while scoring this row ({}); it is not scored. This is a "
                                        "bug in rubric: please report it",
                                        e.what());
          } catch (...) {
            r.total.reset();
            r.grade = -1;
            r.scores.assign(leaves.size(), std::nullopt);
            r.error = "internal error while scoring this row (an unknown exception); it is not scored. This is a bug in "
                      "rubric: please report it";
          }
          if (r.id.empty()) r.id = std::to_string(r.row);
          write_row(rs, summary.digits, leaves, *out_format, r, chunk->out);
          r.scores.clear();
        }
        std::lock_guard lock(mutex);
        done.emplace(chunk->seq, std::move(chunk));
        done_ready.notify_one();
      }
  };
  const auto stop_batch = [&](std::string why) {
    // Outside any row (memory for a chunk's results): the chunk is lost, so the batch stops with
    // an error rather than write results with a gap.
    std::lock_guard lock(mutex);
    if (worker_error.empty()) worker_error = std::move(why);
    cancelled = true;
    work_ready.notify_all();
    done_ready.notify_all();
    room.notify_all();
  };
  const auto worker = [&] {
    try {
      work_loop();
    } catch (const std::bad_alloc&) {
      stop_batch("out of memory: the batch stopped; the output was not written");
    } catch (const std::exception& e) {
      stop_batch(fmt::format("internal error: {}; the batch stopped; the output was not written", e.what()));
    } catch (...) {
      stop_batch("internal error: an unknown exception; the batch stopped; the output was not written");
    }
  };
  std::string thread_failure;
  for (unsigned w = 0; w < jobs; ++w) {
    try {
      workers.emplace_back(worker);
    } catch (const std::system_error& e) {
      thread_failure = e.what();
      break;
    }
  }
  if (workers.empty()) {
    result.fatal = fmt::format("cannot start a worker thread: {} (the system's limit on threads or memory; try "
                               "a smaller -j, or raise the limit)",
                               thread_failure);
    return result;  // the joiner stops the reader; the output is not written
  }
  if (!thread_failure.empty()) {
    summary.warnings.push_back(fmt::format("only {} of the {} worker threads could start ({}); the batch ran on {}",
                                           workers.size(), jobs, thread_failure, workers.size()));
  }

  // The writer: this thread, in input order.
  Ranking top(options.top, true);
  Ranking bottom(options.bottom, false);
  std::vector<std::size_t> grade_counts(rs.grades.size(), 0);
  Decimal sum;
  std::size_t with_total = 0;
  std::size_t next = 0;
  for (;;) {
    std::unique_ptr<Chunk> chunk;
    {
      std::unique_lock lock(mutex);
      done_ready.wait(lock, [&] {
        return done.count(next) > 0 || (reading_done && next >= chunks_total) || !worker_error.empty() || cancelled;
      });
      auto it = done.find(next);
      if (it == done.end()) break;
      chunk = std::move(it->second);
      done.erase(it);
    }
    output.write(chunk->out);
    for (const RowResult& r : chunk->results) {
      ++summary.rows;
      if (!r.error.empty() || !r.total) {
        ++summary.errors;
        if (summary.error_rows.size() < 10) summary.error_rows.push_back(r.row);
      }
      if (!r.total) continue;
      ++with_total;
      sum += *r.total;
      if (!summary.min || *r.total < *summary.min) summary.min = *r.total;
      if (!summary.max || *r.total > *summary.max) summary.max = *r.total;
      const std::string grade = r.grade >= 0 ? rs.grades[static_cast<std::size_t>(r.grade)].name : "";
      if (r.grade >= 0) ++grade_counts[static_cast<std::size_t>(r.grade)];
      top.offer(r, grade);
      bottom.offer(r, grade);
    }
    if (options.progress) options.progress(summary.rows, chunk->bytes_read, input_size);
    ++next;
    std::lock_guard lock(mutex);
    --in_flight;
    pool.push_back(std::move(chunk));
    room.notify_one();
    if (!output.error().empty()) {
      cancelled = true;
      room.notify_all();
      work_ready.notify_all();
    }
  }
  {
    std::lock_guard lock(mutex);
    cancelled = true;
    room.notify_all();
    work_ready.notify_all();
  }
  reader.join();
  for (std::thread& t : workers) t.join();
  if (!worker_error.empty()) {
    result.fatal = worker_error;
    return result;
  }

  for (std::size_t g = 0; g < rs.grades.size(); ++g) summary.grades.emplace_back(rs.grades[g].name, grade_counts[g]);
  if (with_total > 0) summary.mean = sum / Decimal::from_int(static_cast<std::int64_t>(with_total));
  summary.top = top.take();
  summary.bottom = bottom.take();
  if (!read_error.empty()) {
    result.fatal = read_error;
    return result;
  }
  if (output.error().empty()) output.commit();
  if (!output.error().empty()) {
    result.fatal = output.error();
    result.output_failed = true;
  }
  return result;
}

std::string render_batch_summary(const BatchSummary& s) {
  std::string out;
  const int d = s.digits;
  out += fmt::format("rows: {}, errors: {}", s.rows, s.errors);
  if (!s.error_rows.empty()) {
    out += fmt::format(" (row{} {}{})", s.error_rows.size() == 1 ? "" : "s", fmt::join(s.error_rows, ", "),
                       s.errors > s.error_rows.size() ? ", …" : "");
  }
  out += '\n';
  if (!s.grades.empty()) {
    std::vector<std::string> parts;
    for (const auto& [name, n] : s.grades) parts.push_back(fmt::format("{} {}", name, n));
    out += fmt::format("grades: {}\n", fmt::join(parts, ", "));
  }
  if (s.mean) {
    out += fmt::format("total: mean {}, min {}, max {}\n", s.mean->to_fixed(d), s.min->to_fixed(d), s.max->to_fixed(d));
  }
  const auto ranking = [&](const char* title, const std::vector<RankedRow>& rows) {
    if (rows.empty()) return;
    out += fmt::format("{} {}:\n", title, rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const RankedRow& r = rows[i];
      out += fmt::format("  {:>3}. {:>7}  {}  row {}  {}{}\n", i + 1, r.total.to_fixed(d), r.grade, r.row, r.id,
                         r.department.empty() || r.department == r.id ? "" : "  " + r.department);
    }
  };
  ranking("top", s.top);
  ranking("bottom", s.bottom);
  return out;
}

}  // namespace rubric
