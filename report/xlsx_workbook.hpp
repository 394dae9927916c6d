// What every XLSX report shares (report/xlsx.cpp, report/batch_report_xlsx.cpp): a libxlsxwriter
// workbook written to a temporary file and returned as bytes, the base cell format (宋体 10pt,
// wrapped, vertically centred), number formats with a ruleset's decimals, column widths from
// display widths, and exact numbers.
//
// Exact numbers. A cell holds a binary double; a score is an exact decimal. number() gives the
// double nearest the decimal (strtod of its text, never arithmetic). libxlsxwriter then writes
// every double with 16 significant digits ("%.16G"), and for 9.96 that is "9.960000000000001":
// the same double when read back, but not the text the bureau's decimal was. Workbook::bytes()
// therefore rewrites the value of every number cell (and every number in a chart's cache) as
// the shortest text that reads back as the same double, which for a decimal of up to 15
// significant digits is that decimal: <v>9.96</v>.
#pragma once

#include <xlsxwriter.h>

#include <string>
#include <string_view>

#include "base/decimal.hpp"
#include "base/output_file.hpp"

namespace rubric::report::xlsx {

inline constexpr const char* kFont = "宋体";
inline constexpr double kFontSize = 10;

// A workbook in a temporary file, removed when this is destroyed.
class Workbook {
 public:
  // [constant_memory]: libxlsxwriter writes each row as soon as the next starts (rows must then
  // be written in order, and strings are stored inline) — for sheets of many rows.
  explicit Workbook(bool constant_memory = false);
  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_workbook* get() const { return workbook_; }
  // Closes the workbook and returns the bytes of the .xlsx file, its numbers written exactly
  // (see above). Throws std::runtime_error if libxlsxwriter or the rewrite fails.
  std::string bytes();

 private:
  ScratchFile file_;  // libxlsxwriter writes the workbook here, then bytes() rewrites it
  lxw_workbook* workbook_ = nullptr;
};

// Throws std::runtime_error "xlsx: [what]: …" unless [error] is LXW_NO_ERROR.
void check(lxw_error error, const char* what);

// 宋体 10pt, wrapped text, vertically centred, with a thin border when [border].
lxw_format* base_format(lxw_workbook* workbook, bool border = true);

// "0.00" for 2 digits, "0" for 0 (format_set_num_format copies it).
std::string decimals_format(int digits);

// The double nearest [value]: strtod of its exact text.
double number(const Decimal& value);

// A column width (Excel's unit, the width of a '0') that fits [display_width] cells of text
// (a CJK character is 2 cells) in a 10-point font, with a little padding.
double width_for(int display_width);

// [xml] (a worksheet's or a chart's) with every number value written as the shortest text that
// reads back as the same double: <v>9.960000000000001</v> -> <v>9.96</v> in a cell without a
// type attribute (a number cell), and <c:v> likewise inside <c:numCache>. Text is unchanged.
std::string shortest_numbers(std::string_view xml);

}  // namespace rubric::report::xlsx
