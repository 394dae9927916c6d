// The fill-in workbook of `rubric facts --format xlsx`; see facts_xlsx.hpp.
#include "report/facts_xlsx.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>
#include <vector>

#include "base/unicode.hpp"
#include "interpreter/check/checker.hpp"
#include "report/template.hpp"
#include "report/xlsx_workbook.hpp"

namespace rubric::report {
namespace {

using xlsx::check;
using xlsx::Workbook;

constexpr int kListRows = 200;  // rows with input checks in a list's sheet

// A sheet name Excel accepts: at most 31 characters, none of []:*?/\, and unique.
std::string sheet_name(std::string wanted, std::set<std::string>& taken) {
  std::string clean;
  for (const char c : wanted) {
    if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) clean += c;
  }
  // 31 characters, not bytes: cut at a character boundary.
  std::size_t chars = 0;
  std::size_t cut = clean.size();
  for (std::size_t i = 0; i < clean.size(); ++i) {
    if ((static_cast<unsigned char>(clean[i]) & 0xC0) == 0x80) continue;
    if (chars++ == 28) {
      cut = i;
      break;
    }
  }
  clean = clean.substr(0, cut);
  if (clean.empty()) clean = "列表";
  std::string name = clean;
  for (int n = 2; taken.count(name) > 0; ++n) name = fmt::format("{}{}", clean, n);
  taken.insert(name);
  return name;
}

// The limits of a numeric fact as a data validation (a whole number for a count).
void number_validation(const ast::Ruleset& rs, lxw_worksheet* sheet, lxw_row_t first, lxw_row_t last, lxw_col_t col,
                       ast::TypeKind kind, const std::optional<ast::Interval>& domain, const std::string& label,
                       const std::string& how) {
  lxw_data_validation v{};
  std::string input = how.substr(0, 250);
  v.input_message = input.data();
  v.validate = kind == ast::TypeKind::Count ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
  std::optional<Decimal> lo = kind == ast::TypeKind::Number ? std::nullopt : std::optional(Decimal());
  std::optional<Decimal> hi;
  bool lo_closed = true;
  if (domain) {
    lo = domain->lo.value ? constant_value(*domain->lo.value) : std::nullopt;
    hi = domain->hi.value ? constant_value(*domain->hi.value) : std::nullopt;
    lo_closed = domain->lo_closed;
  }
  if (lo && hi) {
    v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    v.minimum_number = xlsx::number(*lo);
    v.maximum_number = xlsx::number(*hi);
  } else if (lo) {
    v.criteria = lo_closed ? LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO : LXW_VALIDATION_CRITERIA_GREATER_THAN;
    v.value_number = xlsx::number(*lo);
  } else if (hi) {
    v.criteria = LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO;
    v.value_number = xlsx::number(*hi);
  } else {
    v.validate = LXW_VALIDATION_TYPE_DECIMAL;
    v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    v.minimum_number = -1e15;
    v.maximum_number = 1e15;
  }
  const std::string message = fmt::format("{}：{}", label, how);
  (void)rs;
  std::string title = "数据不符合要求";
  v.error_title = title.data();
  std::string text = message.substr(0, 250);
  v.error_message = text.data();
  check(worksheet_data_validation_range(sheet, first, col, last, col, &v), "data validation");
}

// A drop-down of [choices]; a list longer than Excel's 255 characters is written on the hidden
// sheet [lists] and named by its range.
void choice_validation(lxw_worksheet* sheet, lxw_row_t first, lxw_row_t last, lxw_col_t col,
                       const std::vector<std::string>& choices, lxw_worksheet* lists, const std::string& lists_name,
                       int& lists_col) {
  lxw_data_validation v{};
  std::string joined = fmt::format("{}", fmt::join(choices, ","));
  std::vector<char*> items;
  std::vector<std::string> copies = choices;
  std::string formula;
  if (joined.size() <= 250) {
    v.validate = LXW_VALIDATION_TYPE_LIST;
    for (std::string& c : copies) items.push_back(c.data());
    items.push_back(nullptr);
    v.value_list = items.data();
  } else {
    const auto c = static_cast<lxw_col_t>(lists_col++);
    for (std::size_t i = 0; i < choices.size(); ++i) {
      check(worksheet_write_string(lists, static_cast<lxw_row_t>(i), c, choices[i].c_str(), nullptr), "choices");
    }
    const std::string column = xlsx_in_column(c);
    formula = fmt::format("='{}'!${}$1:${}${}", lists_name, column, column, choices.size());
    v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    v.value_formula = formula.data();
  }
  std::string title = "请从下拉列表中选择";
  v.error_title = title.data();
  std::string text = "只能填写下拉列表中的选项";
  v.error_message = text.data();
  check(worksheet_data_validation_range(sheet, first, col, last, col, &v), "data validation");
}

// A bound as the cell shows it: 100% for a percentage, 1,000.5 for money as written.
std::string bound_text(const ast::Ruleset& rs, const ast::Bound& b) { return std::string(rs.slice(b.span)); }

// What may be written in a cell of [type], for the person filling it in: "百分比，如 95%；不小于 0%，
// 不大于 100%".
std::string how_to_fill(const ast::Ruleset& rs, const ast::TypeRef& type, const std::optional<ast::Interval>& domain) {
  std::string text;
  switch (type.kind) {
    case ast::TypeKind::Count: text = "个数：不小于 0 的整数"; break;
    case ast::TypeKind::Percent: text = "百分比，如 95%"; break;
    case ast::TypeKind::Money: text = "金额"; break;
    case ast::TypeKind::Bool: return "从下拉列表选择“是”或“否”";
    case ast::TypeKind::Enum: return fmt::format("从下拉列表选择：{}", fmt::join(type.members, "、"));
    case ast::TypeKind::Text: return "文字";
    case ast::TypeKind::Date: text = "日期，如 2024-02-09"; break;
    default: text = "数值"; break;
  }
  std::vector<std::string> limits;
  if (domain) {
    if (domain->lo.value) limits.push_back(fmt::format("{} {}", domain->lo_closed ? "不小于" : "大于", bound_text(rs, domain->lo)));
    if (domain->hi.value) limits.push_back(fmt::format("{} {}", domain->hi_closed ? "不大于" : "小于", bound_text(rs, domain->hi)));
  } else if (type.kind == ast::TypeKind::Percent || type.kind == ast::TypeKind::Money) {
    limits.push_back("不小于 0");
  }
  if (!limits.empty()) text += fmt::format("；{}", fmt::join(limits, "，"));
  return text;
}

// The lines [text] takes in a wrapped cell [width] characters wide (a CJK character is two).
int lines_in(const std::string& text, int width) {
  const int cells = unicode::display_width(text);
  return std::max(1, (cells + width - 3) / (width - 2));
}

}  // namespace

std::string xlsx_in_column(unsigned column) {
  std::string letters;
  for (unsigned c = column + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters;
}

namespace {

// The workbook, one sheet at a time.
class FactsWorkbook {
 public:
  explicit FactsWorkbook(const ast::Ruleset& rs) : rs_(rs), wb_(book_.get()) {
    text_ = xlsx::base_format(wb_);
    head_ = xlsx::base_format(wb_);
    format_set_bold(head_);
    format_set_bg_color(head_, 0xDDEBF7);
    format_set_align(head_, LXW_ALIGN_CENTER);
    title_ = xlsx::base_format(wb_, false);
    format_set_bold(title_);
    format_set_font_size(title_, 14);
    note_ = xlsx::base_format(wb_, false);
    format_set_font_color(note_, 0x595959);
    id_ = xlsx::base_format(wb_);
    format_set_font_color(id_, 0x808080);
    format_set_font_size(id_, 8);
  }

  std::string write() {
    std::set<std::string> taken{std::string(kFactsSheet), std::string(kMetaSheet), std::string(kChoicesSheet)};
    lxw_worksheet* main = workbook_add_worksheet(wb_, kFactsSheet);
    for (const ast::FactDecl& f : rs_.facts) {
      if (f.type->kind == ast::TypeKind::List) lists_.emplace_back(&f, sheet_name(f.label.empty() ? f.name : f.label, taken));
    }
    std::vector<lxw_worksheet*> list_sheets;
    for (const auto& [f, name] : lists_) list_sheets.push_back(workbook_add_worksheet(wb_, name.c_str()));
    choices_ = workbook_add_worksheet(wb_, kChoicesSheet);
    lxw_worksheet* meta = workbook_add_worksheet(wb_, kMetaSheet);
    facts_sheet(main);
    for (std::size_t i = 0; i < lists_.size(); ++i) list_sheet(*lists_[i].first, list_sheets[i]);
    meta_sheet(meta);
    worksheet_hide(meta);
    worksheet_hide(choices_);
    worksheet_activate(main);
    return book_.bytes();
  }

 private:
  // A yellow cell to fill, formatted for [kind]: a percentage as one, so that 95% is typed so.
  lxw_format* fill_in(ast::TypeKind kind) {
    lxw_format* f = xlsx::base_format(wb_);
    format_set_bg_color(f, 0xFFF2CC);
    if (kind == ast::TypeKind::Percent) format_set_num_format(f, "0.00%");
    if (kind == ast::TypeKind::Money) format_set_num_format(f, "#,##0.00");
    if (kind == ast::TypeKind::Count) format_set_num_format(f, "0");
    if (kind == ast::TypeKind::Date) format_set_num_format(f, "yyyy-mm-dd");
    if (kind == ast::TypeKind::Text || kind == ast::TypeKind::Enum || kind == ast::TypeKind::Bool) {
      format_set_num_format(f, "@");
    }
    return f;
  }

  // 填报: the department, the year, one row per fact that is not a list.
  void facts_sheet(lxw_worksheet* main) {
    check(worksheet_set_column(main, 0, 0, 46, text_), "column");
    check(worksheet_set_column(main, 1, 1, 22, nullptr), "column");
    check(worksheet_set_column(main, 2, 2, 8, text_), "column");
    check(worksheet_set_column(main, 3, 3, 40, text_), "column");
    check(worksheet_set_column(main, 4, 4, 18, id_), "column");
    const std::string heading = fmt::format("{}（{}年度）数据填报表", rs_.name, rs_.year);
    check(worksheet_merge_range(main, 0, 0, 0, 4, heading.c_str(), title_), "title");
    check(worksheet_merge_range(main, 1, 0, 1, 4,
                                "在黄色单元格中填写本部门的数据：百分比可直接输入 95%，是否与类别从下拉列表选择，列表类"
                                "数据在各自的工作表中逐行填写。请勿修改“标识”一栏和各工作表的名称。",
                                note_),
          "note");
    check(worksheet_set_row(main, 1, 42, nullptr), "row");
    // Printed on pages one sheet wide, across, with the heading row on each page.
    worksheet_set_landscape(main);
    worksheet_set_paper(main, 9);  // A4
    worksheet_fit_to_pages(main, 1, 0);
    check(worksheet_repeat_rows(main, kHeaderRow, kHeaderRow), "print");
    check(worksheet_write_string(main, kDepartmentRow, 0, "部门名称", text_), "cell");
    check(worksheet_write_blank(main, kDepartmentRow, 1, fill_in(ast::TypeKind::Text)), "cell");
    check(worksheet_write_string(main, kYearRow, 0, "年度", text_), "cell");
    check(worksheet_write_number(main, kYearRow, 1, rs_.year, fill_in(ast::TypeKind::Count)), "cell");
    const char* headers[] = {"填报项", "填写值", "单位", "填写说明", "标识（请勿修改）"};
    for (lxw_col_t c = 0; c < 5; ++c) check(worksheet_write_string(main, kHeaderRow, c, headers[c], head_), "header");
    worksheet_freeze_panes(main, kHeaderRow + 1, 0);
    lxw_row_t row = kHeaderRow + 1;
    std::size_t list_index = 0;
    for (const ast::FactDecl& f : rs_.facts) {
      const std::string label = f.label.empty() ? f.name : f.label;
      if (f.type->kind == ast::TypeKind::List) {
        const std::string where = fmt::format("在工作表“{}”中逐行填写", lists_[list_index++].second);
        check(worksheet_set_row(main, row, 14.0 * std::max(lines_in(label, 46), lines_in(where, 40)) + 2, nullptr), "row");
        check(worksheet_write_string(main, row, 0, label.c_str(), text_), "cell");
        check(worksheet_write_string(main, row, 1, kSeeRight, text_), "cell");
        check(worksheet_write_string(main, row, 3, where.c_str(), text_), "cell");
      } else {
        fact_row(main, row, f, label);
      }
      ++row;
    }
  }

  // A fact's row: its label, the cell to fill (with its default and its check), its unit, how
  // to fill it and its identifier.
  void fact_row(lxw_worksheet* main, lxw_row_t row, const ast::FactDecl& f, const std::string& label) {
    // A wrapped cell's row is as high as its lines (a spreadsheet does not always grow it).
    const std::string how = how_to_fill(rs_, *f.type, f.domain);
    check(worksheet_set_row(main, row, 14.0 * std::max({1, lines_in(label, 46), lines_in(how, 40)}) + 2, nullptr), "row");
    check(worksheet_write_string(main, row, 0, label.c_str(), text_), "cell");
    check(worksheet_write_string(main, row, 2, f.unit.c_str(), text_), "cell");
    check(worksheet_write_string(main, row, 3, how.c_str(), text_), "cell");
    check(worksheet_write_string(main, row, 4, f.name.c_str(), id_), "cell");
    const ast::TypeKind kind = f.type->kind;
    lxw_format* cell = fill_in(kind);
    const std::optional<Decimal> def = f.default_value ? constant_value(*f.default_value) : std::nullopt;
    if (kind == ast::TypeKind::Bool) {
      const auto* b = f.default_value ? std::get_if<ast::BoolLit>(&f.default_value->node) : nullptr;
      check(b ? worksheet_write_string(main, row, 1, b->value ? "是" : "否", cell) : worksheet_write_blank(main, row, 1, cell),
            "cell");
      choice_validation(main, row, row, 1, {"是", "否"}, choices_, kChoicesSheet, choices_col_);
    } else if (kind == ast::TypeKind::Enum) {
      const auto* s = f.default_value ? std::get_if<ast::StringLit>(&f.default_value->node) : nullptr;
      check(s ? worksheet_write_string(main, row, 1, s->value.c_str(), cell) : worksheet_write_blank(main, row, 1, cell),
            "cell");
      choice_validation(main, row, row, 1, f.type->members, choices_, kChoicesSheet, choices_col_);
    } else if (kind == ast::TypeKind::Text) {
      check(worksheet_write_blank(main, row, 1, cell), "cell");
    } else {
      check(def && kind != ast::TypeKind::Date ? worksheet_write_number(main, row, 1, xlsx::number(*def), cell)
                                               : worksheet_write_blank(main, row, 1, cell),
            "cell");
      if (kind != ast::TypeKind::Date) number_validation(rs_, main, row, row, 1, kind, f.domain, label, how);
    }
  }

  // A list's sheet: a row per element, a column per field.
  void list_sheet(const ast::FactDecl& f, lxw_worksheet* sheet) {
    const ast::TypeRef& element = *f.type->element;
    std::vector<const ast::Field*> fields;
    for (const ast::Field& field : element.fields) fields.push_back(&field);
    const auto columns = static_cast<lxw_col_t>(element.kind == ast::TypeKind::Record ? fields.size() : 1);
    const std::string label = f.label.empty() ? f.name : f.label;
    check(worksheet_merge_range(sheet, 0, 0, 0, std::max<lxw_col_t>(columns, 2) - 1, label.c_str(), title_), "title");
    check(worksheet_merge_range(sheet, 1, 0, 1, std::max<lxw_col_t>(columns, 2) - 1,
                                "每行填写一项；行数不够可继续往下填写。请勿修改第 4 行的标识。", note_),
          "note");
    check(worksheet_set_row(sheet, 1, 30, nullptr), "row");
    int header_lines = 1;
    for (lxw_col_t c = 0; c < columns; ++c) {
      const ast::Field* field = element.kind == ast::TypeKind::Record ? fields[c] : nullptr;
      const ast::TypeRef& type = field ? *field->type : element;
      const std::string heading = field ? (field->label.empty() ? field->name : field->label) : label;
      const int width = type.kind == ast::TypeKind::Text || type.kind == ast::TypeKind::Enum ? 36 : 16;
      header_lines = std::max(header_lines, lines_in(heading, width));
      check(worksheet_set_column(sheet, c, c, width, nullptr), "column");
      check(worksheet_write_string(sheet, kListHeaderRow, c, heading.c_str(), head_), "header");
      check(worksheet_write_string(sheet, kListHeaderRow + 1, c, field ? field->name.c_str() : "值", id_), "id");
      lxw_format* cell = fill_in(type.kind);
      const lxw_row_t first = kListHeaderRow + 2;
      const lxw_row_t last = first + kListRows - 1;
      for (lxw_row_t r = first; r <= last; ++r) check(worksheet_write_blank(sheet, r, c, cell), "cell");
      const std::optional<ast::Interval>& domain = field ? field->domain : f.domain;
      if (type.kind == ast::TypeKind::Enum) {
        choice_validation(sheet, first, last, c, type.members, choices_, kChoicesSheet, choices_col_);
      } else if (type.kind == ast::TypeKind::Bool) {
        choice_validation(sheet, first, last, c, {"是", "否"}, choices_, kChoicesSheet, choices_col_);
      } else if (type.kind != ast::TypeKind::Text && type.kind != ast::TypeKind::Date) {
        number_validation(rs_, sheet, first, last, c, type.kind, domain, heading, how_to_fill(rs_, type, domain));
      }
    }
    check(worksheet_set_row(sheet, kListHeaderRow, 14.0 * header_lines + 2, nullptr), "row");
    worksheet_freeze_panes(sheet, kListHeaderRow + 2, 0);
    worksheet_set_landscape(sheet);
    worksheet_set_paper(sheet, 9);
    worksheet_fit_to_pages(sheet, 1, 0);
  }

  // What the reader needs: the version, and which sheet holds which list.
  void meta_sheet(lxw_worksheet* meta) {
    check(worksheet_write_string(meta, 0, 0, "rubric facts workbook", nullptr), "meta");
    check(worksheet_write_number(meta, 0, 1, 1, nullptr), "meta");
    check(worksheet_write_string(meta, 1, 0, "ruleset", nullptr), "meta");
    check(worksheet_write_string(meta, 1, 1, rs_.name.c_str(), nullptr), "meta");
    for (std::size_t i = 0; i < lists_.size(); ++i) {
      const auto r = static_cast<lxw_row_t>(2 + i);
      check(worksheet_write_string(meta, r, 0, lists_[i].first->name.c_str(), nullptr), "meta");
      check(worksheet_write_string(meta, r, 1, lists_[i].second.c_str(), nullptr), "meta");
    }
  }

  const ast::Ruleset& rs_;
  Workbook book_;
  lxw_workbook* wb_;
  lxw_format* text_ = nullptr;
  lxw_format* head_ = nullptr;
  lxw_format* title_ = nullptr;
  lxw_format* note_ = nullptr;
  lxw_format* id_ = nullptr;
  lxw_worksheet* choices_ = nullptr;  // the hidden sheet of drop-down lists too long to inline
  int choices_col_ = 0;
  std::vector<std::pair<const ast::FactDecl*, std::string>> lists_;  // list facts and their sheets
};

}  // namespace

std::string render_facts_xlsx(const ast::Ruleset& rs) { return FactsWorkbook(rs).write(); }

}  // namespace rubric::report
