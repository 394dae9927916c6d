// Text cells of the CSV files rubric writes for spreadsheets (the batch results, the 自评表 CSV),
// safe from formula injection as the OWASP guidance on CSV injection describes.
//
// A spreadsheet runs a cell that starts with '=', '+', '-' or '@' as a formula (and a tab or a
// carriage return can hide such a start): a department named =HYPERLINK("http://…","点此") would
// become a live link. Such a text is written with a single quote in front, inside quotation marks:
// "'=HYPERLINK(…)". The spreadsheet shows the text and runs nothing.
//   - A text that is a plain number (-3.5, +2, -5%) is a number to a spreadsheet, never a formula:
//     it is written as it is, so numbers stay numbers.
//   - A text that already starts with a single quote gets one more, so that the rule is
//     reversible: csv_text_value() removes exactly one leading quote from a text cell that has
//     one, and gives back the original text (how `rubric batch --report` reads results back).
// Cells are quoted in quotation marks when they hold a comma, a quotation mark, a newline or a CR.
#pragma once

#include <string>
#include <string_view>

namespace rubric {

// Whether [text] would be written with a single quote in front (see above).
bool csv_needs_neutralising(std::string_view text) noexcept;

// Appends [text] to [out] as one CSV text cell, neutralised and quoted as needed.
void append_csv_text(std::string& out, std::string_view text);

// [text] as one CSV text cell (append_csv_text() into a new string).
std::string csv_text(std::string_view text);

// The original text of a cell append_csv_text() wrote (after CSV unquoting): one leading single
// quote removed, if there is one.
std::string csv_text_value(std::string text);

}  // namespace rubric
