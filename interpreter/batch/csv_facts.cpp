// A CSV row straight into the facts; see csv_facts.hpp.
#include "interpreter/batch/csv_facts.hpp"

#include <string>
#include <variant>

#include "base/unicode.hpp"
#include "interpreter/batch/csv_cells.hpp"
#include "interpreter/batch/csv_document.hpp"
#include "interpreter/check/checker.hpp"

namespace rubric::batch {
namespace {

// A string the loader takes as it is: valid UTF-8 (RFC 3629, as the JSON reader takes it) within
// its length limit.
bool is_plain_string(std::string_view s) { return s.size() <= kMaxJsonStringBytes && unicode::is_valid_utf8(s); }

void set_text(Value& v, std::string_view text) {
  if (auto* s = std::get_if<std::string>(&v.data)) {
    s->assign(text);
  } else {
    v.data.emplace<std::string>(text);
  }
}

}  // namespace

CellSpec::CellSpec(const ast::TypeRef& t, const std::optional<ast::Interval>& domain) : type(&t) {
  if (!domain) return;
  has_domain = true;
  if (domain->lo.value) lo = constant_value(*domain->lo.value);
  if (domain->hi.value) hi = constant_value(*domain->hi.value);
  lo_closed = domain->lo_closed;
  hi_closed = domain->hi_closed;
}

bool CellSpec::convert(std::string_view cell, Value& out) const {
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
    case ast::TypeKind::Bool: {
      const std::optional<bool> b = read_bool_cell(cell);  // as json_cell() writes it into the document
      if (!b) return false;
      out.data.emplace<bool>(*b);
      return true;
    }
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
    case ast::TypeKind::Date: {  // only 2024-02-09, as the facts file takes it
      const auto day = parse_date(cell);
      if (!day) return false;
      out.data.emplace<Decimal>(Decimal::from_int(*day));
      return true;
    }
    case ast::TypeKind::List:
    case ast::TypeKind::Record:
    case ast::TypeKind::Unknown: break;
  }
  return false;
}

bool CellSpec::in_domain(const Decimal& value) const {
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

CsvFactsPlan::CsvFactsPlan(const ast::Ruleset& rs, const CsvLayout& layout) : layout_(layout) {
  facts_.resize(rs.facts.size());
  for (std::size_t i = 0; i < rs.facts.size(); ++i) {
    const ast::FactDecl& decl = rs.facts[i];
    const FactColumns& fc = layout.facts[i];
    FactSpec& f = facts_[i];
    if (decl.default_empty) {
      f.has_default = true;
      f.default_value = Value(std::make_shared<const std::vector<Value>>());
    } else if (decl.default_value) {
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

CsvFacts::CsvFacts(const CsvFactsPlan& plan, std::shared_ptr<const Cohort> cohort)
    : plan_(plan), lists_(plan.facts_.size()) {
  facts_.file = "row";
  facts_.cohort = std::move(cohort);
  facts_.values.resize(plan.facts_.size());
  facts_.supplied.resize(plan.facts_.size());
}

const Facts* CsvFacts::convert(const CsvRow& row) {
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

std::vector<Value>& CsvFacts::reuse(Buffer& b) {
  if (!b || b.use_count() > 1) b = std::make_shared<std::vector<Value>>();
  return *b;
}

bool CsvFacts::fact(std::size_t i, const CsvRow& row) {
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

}  // namespace rubric::batch
