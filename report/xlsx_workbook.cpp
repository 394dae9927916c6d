// Shared XLSX helpers; see xlsx_workbook.hpp.
#include "report/xlsx_workbook.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <unzip.h>
#include <zip.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace rubric::report::xlsx {
namespace {

// The shortest text that reads back as the double [text] reads as; [text] itself when it is
// not a number.
std::string shortest(std::string_view text) {
  const std::string copy(text);
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size() || !std::isfinite(value)) return copy;
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (result.ec != std::errc()) return copy;
  return std::string(buffer, result.ptr);
}

// Appends [xml] from [from] up to [to], with the text of every <[tag]>…</[tag]> in it rewritten.
void rewrite_values(std::string& out, std::string_view xml, std::size_t from, std::size_t to, std::string_view open,
                    std::string_view close) {
  while (from < to) {
    const std::size_t at = xml.find(open, from);
    if (at == std::string_view::npos || at >= to) break;
    const std::size_t begin = at + open.size();
    const std::size_t end = xml.find(close, begin);
    if (end == std::string_view::npos || end > to) break;
    out.append(xml.substr(from, begin - from));
    out += shortest(xml.substr(begin, end - begin));
    from = end;
  }
  out.append(xml.substr(from, to - from));
}

bool needs_rewrite(std::string_view name) {
  const bool xml = name.size() > 4 && name.substr(name.size() - 4) == ".xml";
  return xml && (name.rfind("xl/worksheets/sheet", 0) == 0 || name.rfind("xl/charts/chart", 0) == 0);
}

// Copies the zip [from] to [to], passing worksheets and charts through shortest_numbers().
void rewrite_zip(const std::string& from, const std::string& to) {
  unzFile in = unzOpen(from.c_str());
  if (in == nullptr) throw std::runtime_error("xlsx: cannot reopen the workbook");
  zipFile out = zipOpen(to.c_str(), APPEND_STATUS_CREATE);
  if (out == nullptr) {
    unzClose(in);
    throw std::runtime_error("xlsx: cannot create the workbook");
  }
  std::string failure;
  for (int rc = unzGoToFirstFile(in); rc == UNZ_OK && failure.empty(); rc = unzGoToNextFile(in)) {
    unz_file_info info{};
    char name[1024];
    if (unzGetCurrentFileInfo(in, &info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK ||
        unzOpenCurrentFile(in) != UNZ_OK) {
      failure = "cannot read the workbook";
      break;
    }
    std::string content;
    char buffer[16384];
    int n = 0;
    while ((n = unzReadCurrentFile(in, buffer, sizeof buffer)) > 0) content.append(buffer, static_cast<std::size_t>(n));
    unzCloseCurrentFile(in);
    if (n < 0) {
      failure = fmt::format("cannot read {} of the workbook", name);
      break;
    }
    if (needs_rewrite(name)) content = shortest_numbers(content);
    zip_fileinfo zi{};
    zi.tmz_date.tm_sec = info.tmu_date.tm_sec;
    zi.tmz_date.tm_min = info.tmu_date.tm_min;
    zi.tmz_date.tm_hour = info.tmu_date.tm_hour;
    zi.tmz_date.tm_mday = info.tmu_date.tm_mday;
    zi.tmz_date.tm_mon = info.tmu_date.tm_mon;
    zi.tmz_date.tm_year = info.tmu_date.tm_year;
    zi.dosDate = info.dosDate;
    if (zipOpenNewFileInZip(out, name, &zi, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, Z_DEFAULT_COMPRESSION) !=
            ZIP_OK ||
        zipWriteInFileInZip(out, content.data(), static_cast<unsigned>(content.size())) != ZIP_OK ||
        zipCloseFileInZip(out) != ZIP_OK) {
      failure = fmt::format("cannot write {} of the workbook", name);
    }
  }
  unzClose(in);
  if (zipClose(out, nullptr) != ZIP_OK && failure.empty()) failure = "cannot finish the workbook";
  if (!failure.empty()) throw std::runtime_error("xlsx: " + failure);
}

}  // namespace

Workbook::Workbook(bool constant_memory) : file_("rubric-xlsx") {
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  workbook_ = workbook_new_opt(file_.path().c_str(), &options);
  if (workbook_ == nullptr) throw std::runtime_error("xlsx: cannot create the workbook");
}

Workbook::~Workbook() {
  if (workbook_ != nullptr) workbook_close(workbook_);
}

std::string Workbook::bytes() {
  lxw_workbook* wb = workbook_;
  workbook_ = nullptr;
  check(workbook_close(wb), "writing the workbook");
  const ScratchFile exact("rubric-xlsx-exact");
  rewrite_zip(file_.path(), exact.path());
  std::ifstream in(exact.path(), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void check(lxw_error error, const char* what) {
  if (error != LXW_NO_ERROR) throw std::runtime_error(fmt::format("xlsx: {}: {}", what, lxw_strerror(error)));
}

lxw_format* base_format(lxw_workbook* workbook, bool border) {
  lxw_format* f = workbook_add_format(workbook);
  format_set_font_name(f, kFont);
  format_set_font_size(f, kFontSize);
  format_set_text_wrap(f);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  if (border) format_set_border(f, LXW_BORDER_THIN);
  return f;
}

std::string decimals_format(int digits) {
  return digits <= 0 ? "0" : "0." + std::string(static_cast<std::size_t>(digits), '0');
}

double number(const Decimal& value) { return std::strtod(value.to_string().c_str(), nullptr); }

double width_for(int display_width) { return display_width * 1.15 + 2.5; }

std::string shortest_numbers(std::string_view xml) {
  std::string out;
  out.reserve(xml.size());
  std::size_t from = 0;
  // Worksheets: <c r="I6" s="12"><v>9.960000000000001</v></c>; a cell with t="…" holds a
  // string index, a boolean, inline text or a formula's text, and is left alone.
  for (std::size_t at = xml.find("<c "); at != std::string_view::npos; at = xml.find("<c ", at + 1)) {
    const std::size_t tag_end = xml.find('>', at);
    if (tag_end == std::string_view::npos) break;
    const std::string_view tag = xml.substr(at, tag_end - at);
    if (tag.back() == '/' || tag.find(" t=\"") != std::string_view::npos) continue;
    const std::size_t cell_end = xml.find("</c>", tag_end);
    if (cell_end == std::string_view::npos) break;
    out.append(xml.substr(from, tag_end - from));
    rewrite_values(out, xml, tag_end, cell_end, "<v>", "</v>");
    from = cell_end;
  }
  // Charts: the cached values of a series, <c:numCache>…<c:v>9.960000000000001</c:v>….
  for (std::size_t at = xml.find("<c:numCache>", from); at != std::string_view::npos;
       at = xml.find("<c:numCache>", from)) {
    const std::size_t end = xml.find("</c:numCache>", at);
    if (end == std::string_view::npos) break;
    out.append(xml.substr(from, at - from));
    rewrite_values(out, xml, at, end, "<c:v>", "</c:v>");
    from = end;
  }
  out.append(xml.substr(from));
  return out;
}

}  // namespace rubric::report::xlsx
