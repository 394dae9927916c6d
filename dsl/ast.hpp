// The syntax tree of a ruleset, as the parser builds it and the checker annotates it.
//
// Every node carries the [Span] of its source text. The checker fills in the few fields marked
// "resolved": which declaration a name refers to, which built-in a call is, a record field's
// index, and static types; the evaluator relies on them and never looks a name up by string.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/diagnostic.hpp"
#include "base/source.hpp"
#include "base/date.hpp"
#include "base/decimal.hpp"

// The built-ins' table lives in stdlib/, above this stage: a call or a comprehension records
// what the checker resolved it to, by pointer and kind, whose types are only declared here.
namespace rubric::stdlib {
struct Builtin;
enum class Aggregate : std::uint8_t;
}  // namespace rubric::stdlib

namespace rubric::ast {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class BinaryOp { Add, Sub, Mul, Div, Lt, Le, Gt, Ge, Eq, Ne, And, Or };
enum class UnaryOp { Neg, Not };

std::string_view to_string(BinaryOp op);

struct NumberLit {
  Decimal value;
  bool percent = false;  // written as "60%"
  bool date = false;     // written as 2024-02-10: [value] is its day number (base/date.hpp)
};
struct StringLit {
  std::string value;
};
struct BoolLit {
  bool value = false;
};
// `points` inside an indicator: the indicator's (upper) points.
struct PointsRef {};

// What a name refers to, filled in by the checker.
enum class NameKind { Unresolved, Fact, Let, Param, Loop };
struct NameRef {
  std::string name;
  NameKind kind = NameKind::Unresolved;  // resolved
  std::uint32_t index = 0;               // resolved: fact index, or local slot
};

struct Member {
  ExprPtr object;
  std::string field;
  Span field_span;
  std::uint32_t field_index = 0;  // resolved
};

struct Unary {
  UnaryOp op;
  ExprPtr operand;
};

struct Binary {
  BinaryOp op;
  ExprPtr lhs;
  ExprPtr rhs;
};

// What `year_mean(FACT)`, `year_min`, `year_max` and `year_rank` read of the year's departments.
enum class YearOf : std::uint8_t { None, Mean, Min, Max, Rank, Count, Percentile };

struct Call {
  std::string callee;
  Span callee_span;
  std::vector<ExprPtr> args;
  std::int32_t define_index = -1;  // resolved: index of a user `define`, or -1 for a built-in
  // resolved, for a built-in: its entry in stdlib::builtins(), or null for sum, mean and count,
  // which exist only over a list.
  const stdlib::Builtin* builtin = nullptr;
  // resolved: with one argument, what the call does when that argument is a list (sum(xs), …,
  // max(xs)); stdlib::Aggregate::None (0) otherwise.
  stdlib::Aggregate aggregate{};
  // resolved: `prior(FACT)`, the department's value of the fact last year (FACT is args[0], a
  // NameRef to the fact), read from the facts given with --prior.
  bool prior = false;
  // resolved: `working_days(FROM, TO)`, counted with the ruleset's calendar.
  bool working_days = false;
  // resolved: `year_mean(FACT)` …: the fact across the departments of the year (its cohort).
  YearOf year_of = YearOf::None;
};

// `sum(o in outputs where o.ok: o.value)`
struct Comprehension {
  std::string func;  // sum, mean, count, min, max, any, all
  Span func_span;
  std::string var;
  Span var_span;
  ExprPtr list;
  ExprPtr filter;  // may be null
  ExprPtr body;    // may be null (count, or a list of numbers)
  std::uint32_t slot = 0;  // resolved: local slot of [var]
  stdlib::Aggregate aggregate{};  // resolved: what [func] does over the list
};

// One end of an interval: an expression, or an infinity.
struct Bound {
  ExprPtr value;  // null when infinite
  int infinity = 0;  // -1 for -inf, +1 for inf
  Span span;
};

struct Interval {
  bool lo_closed = true;
  bool hi_closed = true;
  Bound lo;
  Bound hi;
  Span span;
};

struct Tier {
  Interval interval;
  ExprPtr result;
  Span span;
};
struct Tiered {
  ExprPtr subject;
  std::vector<Tier> tiers;
};

struct BracketArm {
  BinaryOp compare;  // Lt, Le, Gt, Ge or Eq
  ExprPtr bound;     // null for `otherwise`
  ExprPtr result;
  Span span;
};
struct Brackets {
  ExprPtr subject;
  std::vector<BracketArm> arms;  // the `otherwise` arm, if any, is last with a null bound
};

enum class DeductionKind { Fixed, Per, When };
struct Deduction {
  ExprPtr amount;
  DeductionKind kind = DeductionKind::Fixed;
  ExprPtr operand;  // the count (Per) or the condition (When)
  Span span;
};
struct Deduct {
  std::vector<Deduction> items;
  ExprPtr start;  // null: the indicator's points
  ExprPtr floor;  // null: no floor
  bool until_zero = false;
};

struct Part {
  ExprPtr weight;
  std::string label;
  ExprPtr value;
  Span span;
};
struct Weighted {
  std::vector<Part> parts;
};

// `达成 -> [80% * w, w]`: the judged score must lie in the interval and is the value.
// `未出台 -> 0`: a fixed band; [value] is the category's score and the judged score is ignored
// (not evaluated). [interval] is then empty (default-constructed, no bounds).
struct Band {
  std::string member;
  Span member_span;
  Interval interval;
  ExprPtr value;  // the fixed score, or null for an interval band
};
struct Judged {
  ExprPtr score;
  ExprPtr category;
  std::vector<Band> bands;
};

struct WhenArm {
  ExprPtr condition;  // null for `otherwise`
  ExprPtr result;
  Span span;
};
struct When {
  std::vector<WhenArm> arms;  // the `otherwise` arm is last
};

using ExprNode = std::variant<NumberLit, StringLit, BoolLit, PointsRef, NameRef, Member, Unary, Binary,
                              Call, Comprehension, Tiered, Brackets, Deduct, Weighted, Judged, When>;

// Static types, as the checker infers them. Number-like facts keep their declared flavour so
// reports can show a percent as "99.5%" and money with its unit.
// A date is held as its day number (base/date.hpp), a whole Decimal: dates compare as numbers and
// a date minus a date is a count of days; nothing else takes one.
enum class TypeKind { Unknown, Number, Percent, Money, Count, Bool, Text, Enum, List, Record, Date };

struct Expr {
  Span span;
  ExprNode node;
  TypeKind type = TypeKind::Unknown;  // resolved
};

template <typename T>
ExprPtr make(Span span, T node) {
  auto e = std::make_unique<Expr>();
  e->span = span;
  e->node = std::move(node);
  return e;
}

// ---- Declarations -------------------------------------------------------------------------

struct TypeRef;
using TypeRefPtr = std::shared_ptr<const TypeRef>;
struct Field {
  std::string name;
  Span span;
  TypeRefPtr type;
  std::optional<Interval> domain;  // `weight: number in [0, inf)`
  std::string label;               // `target: number "年初目标值"`; "" if none
  bool fixed = false;              // `fixed`: held as given by rubric whatif
  int direction = 0;               // `more is better` +1, `more is worse` −1, else 0
};
// A declared fact type: `percent`, `list of { name: text, weight: number }`, `enum { A, B }`.
struct TypeRef {
  TypeKind kind = TypeKind::Number;
  std::vector<std::string> members;  // Enum
  TypeRefPtr element;                // List
  std::vector<Field> fields;         // Record
  Span span;
};
// The type as a ruleset writes it, in the keyword set of the file being read or checked
// (KeywordScope): "percent", "list of number", or "百分比", "列表 含 数值".
std::string describe(const TypeRef& type);
// The type in the words of the language messages are shown in (base/messages.hpp): for a
// department's facts, where no ruleset file sets the words.
std::string describe_for_people(const TypeRef& type);

struct FactDecl {
  std::string name;
  Span name_span;
  TypeRefPtr type;
  std::string label;
  std::string unit;
  std::optional<Interval> domain;
  ExprPtr default_value;  // a constant; null without one, and for `default []`
  bool default_empty = false;  // `default []`: a list fact left out has no elements
  bool fixed = false;          // `fixed`: the department cannot change it; rubric whatif holds it as given
  // `more is better` (越高越好) +1, `more is worse` (越低越好) −1, 0 when not declared: the way the
  // criteria mean every score that reads it to move, which rubric check holds the rules to (W0408).
  int direction = 0;
  Span direction_span;
  Span default_span;           // the default, either kind
  Span span;

  bool has_default() const { return default_value || default_empty; }
};

// `require "各产出指标分值合计不超过 20 分": sum(o in outputs: o.weight) <= 20` in the facts block:
// a condition on the facts that every department's facts must meet; facts that do not are refused
// (E0620) before anything is scored. It reads facts and functions only.
struct Requirement {
  std::string text;
  ExprPtr condition;
  Span span;
};

struct Define {
  std::string name;
  Span name_span;
  std::vector<std::string> params;
  std::vector<Span> param_spans;
  std::vector<std::string> param_labels;  // by parameter: what the 评分依据 calls it, "" if unsaid
  ExprPtr body;
  Span span;
  std::uint32_t frame_size = 0;  // resolved: local slots its body needs
};

struct Let {
  std::string name;
  Span name_span;
  std::string label;  // `let rate "完成率" = …`: what the 评分依据 calls the value; "" if none
  ExprPtr value;
  Span span;
  std::uint32_t slot = 0;  // resolved
};

struct Rounding {
  int digits = 2;
  RoundingMode mode = RoundingMode::HalfUp;
  Span span;
};

struct PointsSpec {
  Decimal lo;  // 0 unless a signed range `points -5 to 5`
  Decimal hi;
  bool range = false;
  Span span;
};

struct Section;
struct Indicator {
  std::string name;
  Span name_span;
  PointsSpec points;
  std::string explain;
  std::string standard;
  std::vector<std::string> evidence;
  std::optional<Rounding> rounding;
  std::vector<Let> lets;
  ExprPtr score;
  Span span;
  std::uint32_t frame_size = 0;  // resolved
  // `choose carryover_measure { indicator 结转结余率 … indicator 结转结余变动率 … }` (二者择其一):
  // the indicators of one group, of which the one the enum fact names is assessed and the others
  // are not applicable (their points count once in their section).
  std::string choice;              // the fact's name, "" outside a group
  Span choice_span;
  std::uint32_t choice_group = 0;  // the group's identity: where its 'choose' begins
  std::uint32_t choice_fact = 0;   // resolved: the fact's index
  // `applies when has_ecology otherwise shared` (不适用): when the condition is false the indicator
  // does not apply, and is scored full (Full) or gives its points to the indicators of its section
  // that apply, in proportion to theirs (Shared). Unsaid: only in a `shared` section, where Shared
  // is the rule; elsewhere the checker asks for one (E0418).
  enum class Otherwise : std::uint8_t { Unsaid, Full, Shared };
  ExprPtr applies;  // null: it always applies
  Otherwise otherwise = Otherwise::Unsaid;
  Span applies_span;
};

using Item = std::variant<std::unique_ptr<Section>, std::unique_ptr<Indicator>, Let>;

// `veto "存在重大违纪违规问题" when major_violation -> zero, grade 差` (一票否决): when the
// condition holds, the section it is written in (at the top level: every indicator) scores 0, and
// the grade is at most the one named. The condition sees the facts, the top-level lets and the
// lets of its section.
struct Veto {
  std::string text;
  ExprPtr condition;
  bool zero = false;
  std::string grade;  // "" when it does not cap the grade
  Span grade_span;
  Span span;
};

struct Section {
  std::string name;
  Span name_span;
  PointsSpec points;
  std::vector<Item> items;
  std::vector<Veto> vetoes;
  // `extra section 加分项 points 0 to 5`: outside the total; its parts may add up to more than its
  // points, and its score is their sum held within [points.lo, points.hi].
  bool extra = false;
  Span extra_span;
  // `section 效益指标 points 40 shared at least 1` (可选项): its points are shared by its indicators
  // that apply, in proportion to their points, which need not add up to the section's.
  bool shared = false;
  std::uint32_t at_least = 1;  // how many of its indicators must apply
  Span shared_span;
  Span span;
  std::vector<Span> changed_parts;  // extends: the changes to its direct parts (remove, add, override)
};

struct GradeArm {
  std::string name;
  std::optional<Decimal> threshold;  // null for `otherwise`
  Span span;
  // `优 >= 90 unless any indicator [in SECTION] below 60%`: not given when an indicator (of that
  // section, else any) scores below this share of its points.
  std::optional<Decimal> floor;
  Span floor_span;
  std::string floor_section;  // "" for every indicator
  Span floor_section_span;
  const Section* floor_scope = nullptr;  // resolved: the section named, null for every indicator
};

// ---- Tests ---------------------------------------------------------------------------------

enum class ExpectTarget { Total, Grade, Indicator, Facts };
// `expect 结转结余率 = 2`, `expect grade = 优`, `expect 数据质量 error E0708`, `expect error E0604`.
struct Expectation {
  ExpectTarget target = ExpectTarget::Total;
  std::string name;                 // the indicator or section (Indicator)
  std::optional<Decimal> number;    // an expected score or total
  std::string text;                 // an expected grade, or "不适用" (an indicator that does not apply)
  std::string error_code;           // an expected error instead of a value
  Span span;
  Span what_span;                   // "= 2", "== 优" or "error E0708": what `rubric test --update` rewrites
};
struct TestCase {
  std::string name;
  std::string overrides;  // a JSON object of facts that replace the given ones, "" if none
  Span overrides_span;
  std::vector<Expectation> expectations;
  Span span;
};
struct TestBlock {
  std::string name;
  std::string given_file;  // a facts file, relative to the file holding the test
  Span given_file_span;
  std::string given;       // a JSON object of facts (alone, or changes to the file's)
  Span given_span;
  // `prior file "…"` or `prior {…}`: the facts of last year, for prior(FACT); "" if none.
  std::string prior_file;
  Span prior_file_span;
  std::string prior;  // a JSON object of facts
  Span prior_span;
  // `cohort file "…"`: the year's departments, a batch file, for year_mean(FACT) …; "" if none.
  std::string cohort_file;
  Span cohort_file_span;
  std::vector<TestCase> cases;  // a test with expectations but no 'case' has one case of its name
  Span span;
  std::string file;  // the file the test is written in
};

// A change an extending ruleset makes to its base (see docs/language.md, "Extending a ruleset").
enum class ChangeKind { Override, Points, Remove, Add };
// What `remove` removes: an indicator or section (by name), or a declaration of the base.
enum class Removed { Node, Fact, Function, Let, Veto, Requirement };
struct Change {
  ChangeKind kind = ChangeKind::Override;
  Removed removed = Removed::Node;  // Remove
  bool section = false;      // the target is a section (else an indicator); unknown for Remove
  std::string name;          // the node changed, removed or added
  Span name_span;
  std::string parent;        // Add: the section to add to ("" for the top level)
  Span parent_span;
  PointsSpec points;         // Points
  std::vector<Item> item;    // Override, Add: the new node (one element)
  Span span;
};

// `calendar 2024 { holiday 2024-02-10 to 2024-02-17  workday 2024-02-04 … }`: the working days
// of a year, as data (节假日 and 调休上班).
struct CalendarEntry {
  bool holiday = true;  // else a weekend day worked
  std::int64_t from = 0, to = 0;  // day numbers, inclusive
  Span span;
};
struct Calendar {
  int year = 0;
  Span year_span;
  std::vector<CalendarEntry> entries;
  Span span;
};

struct Ruleset {
  // The file the ruleset was written in. A ruleset that extends another also holds its base's
  // files; every span is an offset into one of them, told apart by their base offsets, so any
  // node's location is found with at(), slice() and line_column() below.
  SourcePtr source;
  std::vector<SourcePtr> sources;      // source first, then the files it extends
  std::vector<std::uint32_t> bases;    // the offset each of [sources] starts at

  Location at(Span span) const;
  std::string_view slice(Span span) const;
  LineColumn line_column(std::uint32_t offset) const;
  const SourceFile& file_of(std::uint32_t offset) const;

  std::string extends;  // the base ruleset's path as written, "" if none
  Span extends_span;
  std::vector<Change> changes;  // what this file changes in its base
  std::vector<TestBlock> tests;  // tests written in the ruleset's own file
  bool rounding_given = false;
  std::string name;
  std::string scheme;
  int year = 0;
  Span header_span;
  std::optional<Decimal> total;
  Span total_span;
  Rounding rounding;
  std::vector<FactDecl> facts;
  std::vector<Requirement> requirements;  // in the facts block
  std::vector<Define> defines;
  std::vector<Let> lets;  // top-level
  std::vector<Item> items;  // top-level sections (and indicators)
  std::vector<Veto> vetoes;  // top-level: zero every indicator, cap the grade
  std::vector<Calendar> calendars;
  WorkCalendar work_calendar;  // resolved: the calendars together
  std::vector<GradeArm> grades;
  Span grade_span;
  std::vector<Span> changed_parts;  // extends: the changes to the top-level parts
  // extends: the names read by the parts and declarations the extending file removed or replaced,
  // each with that change; a fact, function or let then left unread is reported at the change.
  std::vector<std::pair<std::string, Span>> dropped_reads;
  // extends: the facts, functions and lets removed by `remove fact|function|let`, with the change.
  std::vector<std::pair<std::string, Span>> removed_declarations;
  std::uint32_t frame_size = 0;  // resolved: slots for top-level lets
  // resolved: by fact index, whether `prior(FACT)` reads it: what a last year's facts file must give.
  std::vector<bool> prior_facts;
  bool reads_prior() const;
  // resolved: by fact index, whether year_mean(FACT) … compares it across the year's departments.
  std::vector<bool> cohort_facts;
  bool reads_cohort() const;
};

}  // namespace rubric::ast
