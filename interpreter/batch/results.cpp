// Writing a batch's results; see results.hpp.
#include "interpreter/batch/results.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/csv_cell.hpp"
#include "base/json_text.hpp"
#include "interpreter/batch/csv_document.hpp"

namespace rubric::batch {
namespace {

// The escapes the results have always had (\b and \f as \u0008, \u000c): outputs stay byte for byte.
constexpr json::NamedEscapes kEscapes = json::NamedEscapes::NewlineTab;

// A text cell: neutralised against formula injection (a name starting with '=', '+', '-', '@', a
// tab or a CR gets a single quote in front; see csv_cell.hpp) and quoted as needed. Numbers
// (total, scores) are written without it and stay numbers.
void csv_field(std::string& out, std::string_view text) { append_csv_text(out, text); }

}  // namespace

bool has_vetoes(const ast::Ruleset& rs) {
  const auto in = [](const auto& self, const std::vector<ast::Item>& items) -> bool {
    for (const ast::Item& item : items) {
      const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item);
      if (s != nullptr && (!(*s)->vetoes.empty() || self(self, (*s)->items))) return true;
    }
    return false;
  };
  return !rs.vetoes.empty() || in(in, rs.items);
}

std::string csv_header(const std::vector<Leaf>& leaves, bool vetoes) {
  std::string out = "row,id,department,total,grade";
  for (const Leaf& l : leaves) {
    out += ',';
    csv_field(out, l.name);
  }
  out += vetoes ? ",vetoes,error\n" : ",error\n";
  return out;
}

void write_row(const ast::Ruleset& rs, int digits, const std::vector<Leaf>& leaves, BatchFormat format, const RowResult& r,
               bool vetoes, std::string& out) {
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
    if (vetoes) {
      out += ',';
      csv_field(out, fmt::format("{}", fmt::join(r.vetoes, "；")));
    }
    out += ',';
    csv_field(out, r.error);
    out += '\n';
    return;
  }
  out += fmt::format("{{\"row\":{},\"id\":", r.row);
  json::write_string(out, r.id, kEscapes);
  out += ",\"department\":";
  json::write_string(out, r.department, kEscapes);
  out += ",\"total\":";
  out += r.total ? r.total->to_fixed(digits) : "null";
  out += ",\"grade\":";
  if (r.grade >= 0) {
    json::write_string(out, grade, kEscapes);
  } else {
    out += "null";
  }
  out += ",\"scores\":{";
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    if (i > 0) out += ',';
    json::write_string(out, leaves[i].name, kEscapes);
    out += ':';
    out += r.scores[i] ? r.scores[i]->to_fixed(leaves[i].digits) : "null";
  }
  out += "},\"vetoes\":[";
  for (std::size_t i = 0; i < r.vetoes.size(); ++i) {
    if (i > 0) out += ',';
    json::write_string(out, r.vetoes[i], kEscapes);
  }
  out += "],\"error\":";
  if (r.error.empty()) {
    out += "null";
  } else {
    json::write_string(out, r.error, kEscapes);
  }
  out += ",\"diagnostics\":[";
  // An error said in one text only (a CSV row cut short, a workbook that cannot be opened) is one
  // problem without a code.
  const std::vector<RowProblem> one{{"", r.error, "", ""}};
  const std::vector<RowProblem>& problems = r.problems.empty() && !r.error.empty() ? one : r.problems;
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const RowProblem& p = problems[i];
    out += i > 0 ? ",{\"code\":" : "{\"code\":";
    json::write_string(out, p.code, kEscapes);
    out += ",\"message\":";
    json::write_string(out, p.message, kEscapes);
    if (!p.column.empty()) {
      out += ",\"column\":";
      json::write_string(out, p.column, kEscapes);
    }
    if (!p.path.empty()) {
      out += ",\"path\":";
      json::write_string(out, p.path, kEscapes);
    }
    out += '}';
  }
  out += "]}\n";
}

}  // namespace rubric::batch
