// Reading reports back in tests: the XLSX as the zip of XML it is (cells with their text or
// number as stored, merged ranges, fills), the HTML checked for balanced tags.
#pragma once

#include <unistd.h>
#include <unzip.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "support.hpp"

namespace rubric::testing {

inline std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("rubric_report_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

// Whether the zip file at [path] has an entry [name].
inline bool has_entry(const std::string& path, const std::string& name) {
  unzFile zip = unzOpen(path.c_str());
  if (zip == nullptr) return false;
  const bool found = unzLocateFile(zip, name.c_str(), 1) == UNZ_OK;
  unzClose(zip);
  return found;
}

// The entry [name] of the zip file at [path] ("" and a test failure when missing).
inline std::string unzip_entry(const std::string& path, const std::string& name) {
  unzFile zip = unzOpen(path.c_str());
  if (zip == nullptr) {
    ADD_FAILURE() << path << " is not a zip file";
    return "";
  }
  std::string out;
  if (unzLocateFile(zip, name.c_str(), 1) != UNZ_OK || unzOpenCurrentFile(zip) != UNZ_OK) {
    ADD_FAILURE() << path << " has no " << name;
  } else {
    char buffer[8192];
    int n = 0;
    while ((n = unzReadCurrentFile(zip, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
    unzCloseCurrentFile(zip);
  }
  unzClose(zip);
  return out;
}

inline std::string xml_unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    const std::size_t end = text.find(';', i);
    const std::string_view entity = text.substr(i + 1, end - i - 1);
    if (entity == "amp") out += '&';
    else if (entity == "lt") out += '<';
    else if (entity == "gt") out += '>';
    else if (entity == "quot") out += '"';
    else if (entity == "apos") out += '\'';
    i = end;
  }
  return out;
}

inline std::string attribute(std::string_view tag, const std::string& name) {
  const std::string key = " " + name + "=\"";
  const std::size_t at = tag.find(key);
  if (at == std::string_view::npos) return "";
  const std::size_t begin = at + key.size();
  return std::string(tag.substr(begin, tag.find('"', begin) - begin));
}

// The sheet's cells by reference ("A1"): the shown text (shared strings resolved) and the style.
struct Cell {
  std::string text;
  int style = 0;
};

struct Workbook {
  std::map<std::string, Cell> cells;
  std::set<std::string> merges;
  std::vector<int> cell_fills;  // the fill of each cell format (styles.xml cellXfs)
  std::string sheet_xml;

  // The reference of the first cell whose text is [text] ("" when none).
  std::string find(const std::string& text) const {
    for (const auto& [ref, cell] : cells) {
      if (cell.text == text) return ref;
    }
    return "";
  }
  const std::string& text(const std::string& ref) const {
    static const std::string empty;
    auto it = cells.find(ref);
    return it == cells.end() ? empty : it->second.text;
  }
  // A number cell's value as the sheet shows it with [digits] decimals.
  std::string number(const std::string& ref, int digits = 2) const {
    const auto value = Decimal::parse(text(ref));
    return value ? value->to_fixed(digits) : "not a number: " + text(ref);
  }
  bool filled(const std::string& ref) const {
    auto it = cells.find(ref);
    if (it == cells.end()) return false;
    const auto s = static_cast<std::size_t>(it->second.style);
    return s < cell_fills.size() && cell_fills[s] > 1;  // fills 0 and 1 are Excel's defaults
  }
};

// Sheet [sheet] (1-based) of the workbook at [path]. Text cells may be shared strings (t="s") or
// inline strings (t="inlineStr", as libxlsxwriter writes them in constant-memory mode).
inline Workbook read_workbook(const std::string& path, int sheet = 1) {
  Workbook wb;
  std::vector<std::string> strings;
  const std::string shared = has_entry(path, "xl/sharedStrings.xml") ? unzip_entry(path, "xl/sharedStrings.xml") : "";
  for (std::size_t at = shared.find("<si>"); at != std::string::npos; at = shared.find("<si>", at + 1)) {
    const std::size_t end = shared.find("</si>", at);
    std::string text;
    // Every <t> run of the string item.
    for (std::size_t t = shared.find("<t", at); t != std::string::npos && t < end; t = shared.find("<t", t + 1)) {
      const std::size_t open_end = shared.find('>', t);
      const std::size_t close = shared.find("</t>", open_end);
      text += xml_unescape(std::string_view(shared).substr(open_end + 1, close - open_end - 1));
    }
    strings.push_back(text);
  }
  wb.sheet_xml = unzip_entry(path, "xl/worksheets/sheet" + std::to_string(sheet) + ".xml");
  const std::string& xml = wb.sheet_xml;
  for (std::size_t at = xml.find("<c "); at != std::string::npos; at = xml.find("<c ", at + 1)) {
    const std::size_t tag_end = xml.find('>', at);
    const std::string_view tag = std::string_view(xml).substr(at, tag_end - at + 1);
    Cell cell;
    const std::string style = attribute(tag, "s");
    cell.style = style.empty() ? 0 : std::stoi(style);
    if (tag.substr(tag.size() - 2) != "/>") {
      const std::size_t v = xml.find("<v>", tag_end);
      const std::size_t c_end = xml.find("</c>", tag_end);
      if (attribute(tag, "t") == "inlineStr") {
        const std::size_t t = xml.find("<t", tag_end);
        const std::size_t open_end = xml.find('>', t);
        cell.text = xml_unescape(std::string_view(xml).substr(open_end + 1, xml.find("</t>", open_end) - open_end - 1));
      } else if (v != std::string::npos && v < c_end) {
        const std::string value = xml.substr(v + 3, xml.find("</v>", v) - v - 3);
        cell.text = attribute(tag, "t") == "s" ? strings.at(std::stoul(value)) : value;
      }
    }
    wb.cells[attribute(tag, "r")] = cell;
  }
  for (std::size_t at = xml.find("<mergeCell "); at != std::string::npos; at = xml.find("<mergeCell ", at + 1)) {
    wb.merges.insert(attribute(std::string_view(xml).substr(at, xml.find('>', at) - at + 1), "ref"));
  }
  const std::string styles = unzip_entry(path, "xl/styles.xml");
  const std::size_t xfs = styles.find("<cellXfs");
  const std::size_t xfs_end = styles.find("</cellXfs>");
  for (std::size_t at = styles.find("<xf ", xfs); at != std::string::npos && at < xfs_end;
       at = styles.find("<xf ", at + 1)) {
    const std::string fill = attribute(std::string_view(styles).substr(at, styles.find('>', at) - at + 1), "fillId");
    wb.cell_fills.push_back(fill.empty() ? 0 : std::stoi(fill));
  }
  return wb;
}

inline std::string column_of(const std::string& ref) { return ref.substr(0, ref.find_first_of("0123456789")); }
inline int row_of(const std::string& ref) { return std::stoi(ref.substr(ref.find_first_of("0123456789"))); }

// Whether every element of an HTML document is closed in order ("" when so, else what is wrong).
// Void elements (<meta>, <col>, <br>) and self-closed tags need no end tag; <style> is raw text.
inline std::string unbalanced(const std::string& html) {
  static const std::set<std::string> kVoid = {"meta", "col", "br", "hr", "img", "input", "link"};
  std::vector<std::string> open;
  std::size_t at = 0;
  while ((at = html.find('<', at)) != std::string::npos) {
    if (html.compare(at, 2, "<!") == 0) {
      at = html.find('>', at);
      continue;
    }
    const std::size_t end = html.find('>', at);
    if (end == std::string::npos) return "a tag is not closed with '>'";
    std::string tag = html.substr(at + 1, end - at - 1);
    at = end + 1;
    const bool closing = !tag.empty() && tag.front() == '/';
    const bool self_closed = !tag.empty() && tag.back() == '/';
    if (closing) tag.erase(0, 1);
    const std::string name = tag.substr(0, tag.find_first_of(" \t\n/"));
    if (closing) {
      if (open.empty() || open.back() != name) {
        return "</" + name + "> closes <" + (open.empty() ? std::string("nothing") : open.back()) + ">";
      }
      open.pop_back();
    } else if (!self_closed && !kVoid.contains(name)) {
      open.push_back(name);
      if (name == "style" || name == "script") {
        at = html.find("</" + name + ">", at);
        if (at == std::string::npos) return "<" + name + "> is not closed";
      }
    }
  }
  return open.empty() ? "" : "<" + open.back() + "> is not closed";
}

}  // namespace rubric::testing
