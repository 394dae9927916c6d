// Reading an .xlsx workbook's cells: minizip opens the package, expat parses its XML (the
// workbook, its relationships, the shared strings, the styles and each worksheet). Nothing is
// searched for as text: every value comes from the element and attribute it is defined by
// (ECMA-376 Part 1, SpreadsheetML).
//
// A number is given as Excel keeps it: the text of its <v>, a double, rounded to the 15
// significant digits Excel shows and takes as typed (so a typed 99.875% is 0.99875, whatever
// digits the double carries beyond them). Whether a number cell is shown as a percentage or as a
// date comes from its style's number format, so that a reader can tell 95% (0.95) from 95.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rubric::xlsx_in {

struct Cell {
  enum class Kind { Number, Text, Bool, Error };
  Kind kind = Kind::Text;
  std::string text;      // Number: plain decimal text ("0.99875", "-12"); Text: the string; Bool: "1"/"0"; Error: "#N/A"
  bool percent = false;  // a number shown as a percentage (its style's number format has '%')
  bool date = false;     // a number shown as a date (a serial day number, 1 = 1900-01-01)
};

struct Sheet {
  std::string name;
  bool hidden = false;
  std::map<std::pair<int, int>, Cell> cells;  // by (row, column), both from 1; empty cells absent
  int rows = 0;                               // the last row that has a cell

  const Cell* at(int row, int column) const {
    const auto it = cells.find({row, column});
    return it == cells.end() ? nullptr : &it->second;
  }
};

struct Workbook {
  std::vector<Sheet> sheets;  // in the workbook's order

  const Sheet* sheet(const std::string& name) const {
    for (const Sheet& s : sheets) {
      if (s.name == name) return &s;
    }
    return nullptr;
  }
};

// Reads the workbook at [path]; nullopt with [error] set ("not an .xlsx workbook (…)") when it
// cannot be read.
std::optional<Workbook> read_workbook(const std::string& path, std::string& error);

// "B7" for row 7, column 2.
std::string cell_name(int row, int column);

}  // namespace rubric::xlsx_in
