// A CSV row straight into the facts, for the common case: every cell of the row is well formed.
// Its cells are converted by their declared type straight into the facts' values (domains checked
// in place), without the facts document. The conversion accepts exactly what load_facts() accepts
// from the document csv_document() writes, and gives the same values; at the first cell it would
// report (or might: a doubt is enough), it declines, and the row takes the document path, whose
// loader words every error of the row. So the errors are the loader's by construction, and this
// path never has to word one.
//
// Nothing is allocated per row once the buffers have grown: lists and records are refilled in
// place when no one else holds them, texts are assigned into the strings already there.
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "base/decimal.hpp"
#include "dsl/ast.hpp"
#include "interpreter/batch/csv_layout.hpp"
#include "interpreter/batch/input.hpp"
#include "interpreter/eval/facts.hpp"
#include "interpreter/eval/value.hpp"

namespace rubric::batch {

// How one cell is read: the declared type of a scalar fact, a list's element or a record field.
struct CellSpec {
  const ast::TypeRef* type = nullptr;
  bool has_domain = false;
  std::optional<Decimal> lo, hi;  // the domain's bounds (absent: unbounded)
  bool lo_closed = false, hi_closed = false;

  CellSpec() = default;
  CellSpec(const ast::TypeRef& t, const std::optional<ast::Interval>& domain);

  // A non-empty [cell] as the loader would read it (see Validator::convert and check_domain in
  // facts.cpp), into [out]; false where the loader would report an error.
  bool convert(std::string_view cell, Value& out) const;
  bool in_domain(const Decimal& value) const;
};

// What the direct path knows of the ruleset and the header, shared by every worker.
class CsvFactsPlan {
 public:
  CsvFactsPlan(const ast::Ruleset& rs, const CsvLayout& layout);

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
  // [cohort]: the year's departments the batch gathered, given to every row's facts (or null).
  explicit CsvFacts(const CsvFactsPlan& plan, std::shared_ptr<const Cohort> cohort = nullptr);

  // Fills the facts of [row]; nullptr when some cell is not plainly valid (the row must then take
  // the document path, which words its errors).
  const Facts* convert(const CsvRow& row);

 private:
  using Spec = CsvFactsPlan::FactSpec;
  using Buffer = std::shared_ptr<std::vector<Value>>;

  // A list buffer to refill: [b] itself when no value holds it any more, else a fresh one.
  static std::vector<Value>& reuse(Buffer& b);

  struct ListBuffers {
    Buffer list;
    std::vector<Buffer> records;
  };

  bool fact(std::size_t i, const CsvRow& row);

  const CsvFactsPlan& plan_;
  Facts facts_;
  std::vector<ListBuffers> lists_;  // by fact index
};

}  // namespace rubric::batch
