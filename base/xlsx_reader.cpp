// Reading an .xlsx workbook's cells; see xlsx_reader.hpp.
#include "base/xlsx_reader.hpp"

#include <expat.h>
#include <fmt/format.h>
#include <unzip.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string_view>

namespace rubric::xlsx_in {
namespace {

constexpr std::size_t kMaxPart = std::size_t{64} << 20;  // a part larger than this is refused (a zip bomb)

// The parts of the package, by name.
struct Package {
  std::map<std::string, std::string> parts;
  const std::string* part(const std::string& name) const {
    const auto it = parts.find(name);
    return it == parts.end() ? nullptr : &it->second;
  }
};

bool read_package(const std::string& path, Package& out, std::string& error) {
  unzFile zip = unzOpen(path.c_str());
  if (zip == nullptr) {
    error = "not an .xlsx workbook (it is not a zip package)";
    return false;
  }
  const std::unique_ptr<void, int (*)(unzFile)> closer(zip, &unzClose);
  for (int rc = unzGoToFirstFile(zip); rc == UNZ_OK; rc = unzGoToNextFile(zip)) {
    unz_file_info info{};
    char name[1024];
    if (unzGetCurrentFileInfo(zip, &info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK) {
      error = "not an .xlsx workbook (its zip directory cannot be read)";
      return false;
    }
    const std::string_view n(name);
    const bool wanted = n == "xl/workbook.xml" || n == "xl/_rels/workbook.xml.rels" || n == "xl/sharedStrings.xml" ||
                        n == "xl/styles.xml" || n.rfind("xl/worksheets/", 0) == 0;
    if (!wanted) continue;
    if (info.uncompressed_size > kMaxPart) {
      error = fmt::format("{} of the workbook is larger than {} MB", name, kMaxPart >> 20);
      return false;
    }
    if (unzOpenCurrentFile(zip) != UNZ_OK) {
      error = fmt::format("{} of the workbook cannot be read", name);
      return false;
    }
    std::string content;
    char buffer[16384];
    int got = 0;
    while ((got = unzReadCurrentFile(zip, buffer, sizeof buffer)) > 0) {
      content.append(buffer, static_cast<std::size_t>(got));
      if (content.size() > kMaxPart) break;
    }
    unzCloseCurrentFile(zip);
    if (got < 0 || content.size() > kMaxPart) {
      error = fmt::format("{} of the workbook cannot be read", name);
      return false;
    }
    out.parts.emplace(name, std::move(content));
  }
  if (out.part("xl/workbook.xml") == nullptr) {
    error = "not an .xlsx workbook (it has no xl/workbook.xml)";
    return false;
  }
  return true;
}

// An element's local name and its attributes by local name (namespaces are told apart only
// where SpreadsheetML needs it: r:id).
struct Element {
  std::string_view name;
  std::map<std::string_view, std::string_view> attributes;
  std::string_view relationship_id;  // r:id
};

std::string_view local(const char* qualified) {
  const std::string_view q(qualified);
  const std::size_t bar = q.rfind('|');
  return bar == std::string_view::npos ? q : q.substr(bar + 1);
}

// Parses [xml], calling [open] and [close] for each element and [text] for character data.
class Sax {
 public:
  std::function<void(const Element&)> open;
  std::function<void(std::string_view)> close;
  std::function<void(std::string_view)> text;

  bool parse(const std::string& xml, std::string& error, const std::string& part) {
    const std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> parser(XML_ParserCreateNS(nullptr, '|'),
                                                                          &XML_ParserFree);
    XML_SetUserData(parser.get(), this);
    XML_SetElementHandler(parser.get(), &Sax::on_open, &Sax::on_close);
    XML_SetCharacterDataHandler(parser.get(), &Sax::on_text);
    if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE) == XML_STATUS_ERROR) {
      error = fmt::format("{} of the workbook is not well-formed XML (line {}: {})", part,
                          XML_GetCurrentLineNumber(parser.get()), XML_ErrorString(XML_GetErrorCode(parser.get())));
      return false;
    }
    return true;
  }

 private:
  static void on_open(void* self, const char* name, const char** attributes) {
    auto* sax = static_cast<Sax*>(self);
    Element e;
    e.name = local(name);
    for (const char** a = attributes; *a != nullptr; a += 2) {
      const std::string_view qualified(a[0]);
      e.attributes[local(a[0])] = a[1];
      if (local(a[0]) == "id" && qualified.find("relationships|") != std::string_view::npos) e.relationship_id = a[1];
    }
    if (sax->open) sax->open(e);
  }
  static void on_close(void* self, const char* name) {
    auto* sax = static_cast<Sax*>(self);
    if (sax->close) sax->close(local(name));
  }
  static void on_text(void* self, const char* s, int length) {
    auto* sax = static_cast<Sax*>(self);
    if (sax->text) sax->text(std::string_view(s, static_cast<std::size_t>(length)));
  }
};

std::string attribute(const Element& e, std::string_view name) {
  const auto it = e.attributes.find(name);
  return it == e.attributes.end() ? std::string() : std::string(it->second);
}

// The number formats Excel has built in that show a percentage or a date.
bool builtin_percent(int id) { return id == 9 || id == 10; }
bool builtin_date(int id) { return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58); }

// What a custom format code shows: a '%' outside quotes is a percentage; a y, m or d outside
// quotes and brackets (and not after '\') is a date.
void classify(const std::string& code, bool& percent, bool& date) {
  bool quoted = false;
  int bracket = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == '[') ++bracket;
    if (c == ']' && bracket > 0) --bracket;
    if (bracket > 0) continue;
    if (c == '%') percent = true;
    if (c == 'y' || c == 'Y' || c == 'd' || c == 'D' || c == 'm' || c == 'M') date = true;
  }
}

struct Style {
  bool percent = false;
  bool date = false;
};

bool read_styles(const Package& package, std::vector<Style>& styles, std::string& error) {
  const std::string* xml = package.part("xl/styles.xml");
  if (xml == nullptr) return true;  // every cell in the default style
  std::map<int, std::string> custom;
  bool in_cell_xfs = false;
  Sax sax;
  sax.open = [&](const Element& e) {
    if (e.name == "numFmt") custom[std::atoi(attribute(e, "numFmtId").c_str())] = attribute(e, "formatCode");
    if (e.name == "cellXfs") in_cell_xfs = true;
    if (e.name == "xf" && in_cell_xfs) {
      const int id = std::atoi(attribute(e, "numFmtId").c_str());
      Style s;
      s.percent = builtin_percent(id);
      s.date = builtin_date(id);
      if (const auto it = custom.find(id); it != custom.end()) classify(it->second, s.percent, s.date);
      styles.push_back(s);
    }
  };
  sax.close = [&](std::string_view name) {
    if (name == "cellXfs") in_cell_xfs = false;
  };
  return sax.parse(*xml, error, "xl/styles.xml");
}

bool read_shared_strings(const Package& package, std::vector<std::string>& strings, std::string& error) {
  const std::string* xml = package.part("xl/sharedStrings.xml");
  if (xml == nullptr) return true;
  std::string current;
  bool in_t = false;
  int phonetic = 0;  // <rPh>: a reading aid, not part of the text
  Sax sax;
  sax.open = [&](const Element& e) {
    if (e.name == "si") current.clear();
    if (e.name == "rPh") ++phonetic;
    if (e.name == "t") in_t = true;
  };
  sax.close = [&](std::string_view name) {
    if (name == "t") in_t = false;
    if (name == "rPh") --phonetic;
    if (name == "si") strings.push_back(current);
  };
  sax.text = [&](std::string_view s) {
    if (in_t && phonetic == 0) current.append(s);
  };
  return sax.parse(*xml, error, "xl/sharedStrings.xml");
}

// "B7" → (7, 2); false when it is not a cell reference.
bool parse_reference(std::string_view ref, int& row, int& column) {
  std::size_t i = 0;
  column = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && column < 20000) column = column * 26 + (ref[i++] - 'A' + 1);
  row = 0;
  const std::size_t digits = i;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && row < 2000000) row = row * 10 + (ref[i++] - '0');
  return column > 0 && row > 0 && i == ref.size() && i > digits;
}

// A double as plain decimal text rounded to 15 significant digits: 0.99875, 12, -0.000015.
std::string plain_decimal(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.14e", value);  // d.dddddddddddddde±x: 15 significant digits
  const std::string text(buffer);
  const bool negative = text[0] == '-';
  const std::size_t e = text.find('e');
  const int exponent = std::atoi(text.c_str() + e + 1);
  std::string digits;
  for (std::size_t i = negative ? 1 : 0; i < e; ++i) {
    if (text[i] != '.') digits += text[i];
  }
  const int point = exponent + 1;  // value = 0.[digits] × 10^point
  std::string out;
  if (point <= 0) {
    out = "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (static_cast<std::size_t>(point) >= digits.size()) {
    out = digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0');
  } else {
    out = digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
  }
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  if (out == "0" || out.empty()) return "0";
  return negative ? "-" + out : out;
}

// The value of a cell of type [type] (its t attribute) whose <v> (or inline string) is [value],
// into [cell]; false with [error] ("holds '…', which is not a number") when it has none.
bool typed_value(const std::string& type, const std::string& value, const std::vector<std::string>& strings, Cell& cell,
                 std::string& error) {
  if (type == "s") {
    const auto index = static_cast<std::size_t>(std::strtoul(value.c_str(), nullptr, 10));
    if (index >= strings.size()) {
      error = fmt::format("names shared string {}, which the workbook does not have", value);
      return false;
    }
    cell.kind = Cell::Kind::Text;
    cell.text = strings[index];
  } else if (type == "str" || type == "inlineStr") {
    cell.kind = Cell::Kind::Text;
    cell.text = value;
  } else if (type == "b") {
    cell.kind = Cell::Kind::Bool;
    cell.text = value == "1" || value == "true" ? "1" : "0";
  } else if (type == "e") {
    cell.kind = Cell::Kind::Error;
    cell.text = value;
  } else if (type == "d") {  // an ISO 8601 date cell (rare): kept as text
    cell.kind = Cell::Kind::Text;
    cell.text = value.substr(0, 10);
  } else {
    char* end = nullptr;
    const double d = std::strtod(value.c_str(), &end);
    if (end == value.c_str() || *end != '\0' || !std::isfinite(d)) {
      error = fmt::format("holds '{}', which is not a number", value);
      return false;
    }
    cell.kind = Cell::Kind::Number;
    cell.text = plain_decimal(d);
  }
  return true;
}

bool read_sheet(const std::string& xml, const std::string& part, const std::vector<std::string>& strings,
                const std::vector<Style>& styles, Sheet& sheet, std::string& error) {
  Cell cell;
  int row = 0;
  int column = 0;
  std::string type;
  std::string value;
  bool in_value = false;
  bool in_inline = false;
  bool has_value = false;
  bool bad = false;
  int current_row = 0;
  int next_column = 1;
  Sax sax;
  sax.open = [&](const Element& e) {
    if (e.name == "row") {
      const std::string r = attribute(e, "r");
      current_row = r.empty() ? current_row + 1 : std::atoi(r.c_str());
      next_column = 1;
    } else if (e.name == "c") {
      const std::string r = attribute(e, "r");
      if (r.empty()) {
        row = current_row;
        column = next_column;
      } else if (!parse_reference(r, row, column)) {
        bad = true;
        error = fmt::format("{}: '{}' is not a cell reference", part, r);
      }
      next_column = column + 1;
      type = attribute(e, "t");
      const std::string s = attribute(e, "s");
      const std::size_t style = s.empty() ? 0 : static_cast<std::size_t>(std::atoi(s.c_str()));
      cell = Cell{};
      if (style < styles.size()) {
        cell.percent = styles[style].percent;
        cell.date = styles[style].date;
      }
      value.clear();
      has_value = false;
    } else if (e.name == "v") {
      in_value = true;
      has_value = true;
    } else if (e.name == "is") {
      in_inline = true;
      has_value = true;
    }
  };
  sax.text = [&](std::string_view s) {
    if (in_value || in_inline) value.append(s);
  };
  sax.close = [&](std::string_view name) {
    if (name == "v") in_value = false;
    if (name == "is") in_inline = false;
    if (name != "c" || !has_value || bad) return;
    if (!typed_value(type, value, strings, cell, error)) {
      bad = true;
      error = fmt::format("{}: cell {} {}", part, cell_name(row, column), error);
      return;
    }
    if (cell.kind == Cell::Kind::Text && cell.text.empty()) return;
    sheet.cells[{row, column}] = cell;
    sheet.rows = std::max(sheet.rows, row);
  };
  return sax.parse(xml, error, part) && !bad;
}

}  // namespace

std::string cell_name(int row, int column) {
  std::string letters;
  for (int c = column; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row);
}

std::optional<Workbook> read_workbook(const std::string& path, std::string& error) {
  Package package;
  if (!read_package(path, package, error)) return std::nullopt;
  std::vector<Style> styles;
  std::vector<std::string> strings;
  if (!read_styles(package, styles, error) || !read_shared_strings(package, strings, error)) return std::nullopt;

  std::map<std::string, std::string> targets;  // relationship id → part name
  if (const std::string* rels = package.part("xl/_rels/workbook.xml.rels")) {
    Sax sax;
    sax.open = [&](const Element& e) {
      if (e.name != "Relationship") return;
      std::string target = attribute(e, "Target");
      target = target.rfind('/', 0) == 0 ? target.substr(1) : "xl/" + target;
      targets[attribute(e, "Id")] = target;
    };
    if (!sax.parse(*rels, error, "xl/_rels/workbook.xml.rels")) return std::nullopt;
  }
  Workbook book;
  std::vector<std::string> parts;
  Sax sax;
  sax.open = [&](const Element& e) {
    if (e.name != "sheet") return;
    Sheet s;
    s.name = attribute(e, "name");
    const std::string state = attribute(e, "state");
    s.hidden = state == "hidden" || state == "veryHidden";
    const auto it = targets.find(std::string(e.relationship_id));
    parts.push_back(it == targets.end() ? std::string() : it->second);
    book.sheets.push_back(std::move(s));
  };
  if (!sax.parse(*package.part("xl/workbook.xml"), error, "xl/workbook.xml")) return std::nullopt;
  for (std::size_t i = 0; i < book.sheets.size(); ++i) {
    const std::string* xml = package.part(parts[i]);
    if (xml == nullptr) {
      error = fmt::format("the sheet '{}' of the workbook has no worksheet part", book.sheets[i].name);
      return std::nullopt;
    }
    if (!read_sheet(*xml, parts[i], strings, styles, book.sheets[i], error)) return std::nullopt;
  }
  return book;
}

}  // namespace rubric::xlsx_in
