// The compiled plan's lowered form: a checked ruleset as flat arrays, made once by lower()
// (plan_lower.cpp) and run per department by the plan (plan.cpp).
//
// Every expression is a [Node] in one array, its operands named by index: facts by their index in
// Facts::values, lets, parameters and loop variables by frame slot, built-ins by function pointer,
// min and max by an operation of their own, aggregates by kind. A subexpression of constants (a
// literal, `points`, `60% * 5`, `min(1, 2)`) is folded into one constant when it is lowered. A
// 'tiered' whose bounds are all constants becomes a sorted array of its distinct bounds, searched
// by bisection, with the tiers that take each point and each gap between points worked out once;
// a 'brackets' with constant bounds compares against the folded bounds in order.
//
// The tree evaluator counts a step for every expression it evaluates and stops nesting at a fixed
// depth. A node stands for the expressions it replaced: [steps] counts them (a folded constant, the
// bounds a tiered no longer evaluates) and [height] is how deep they went. Code::steps and
// Code::height add them up over everything a node can evaluate (its operands, a called function's
// body, one round of a comprehension): the plan charges a let's or a score's whole count before
// evaluating it, and a comprehension's round count for each further element, so it gives up
// whenever the tree would have stopped, never later, without counting node by node.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "interpreter/eval/facts.hpp"
#include "interpreter/eval/plan_number.hpp"
#include "stdlib/builtins.hpp"

namespace rubric::plan {

enum class Op : std::uint8_t {
  Number, Bool, Text,  // constants: [index] into numbers, [index] 0/1, [index] into texts
  Fact,                // [index]: the fact
  Prior,               // [index]: the fact last year (prior(FACT)); gives up when none was given
  Slot,                // [index]: a frame slot (let, parameter, loop variable)
  Points,              // the current indicator's points (inside a function body)
  Member,              // [a].field [index]
  Neg, Not,            // [a]
  And, Or,             // [a], [b], short-circuit
  Add, Sub, Mul, Div,  // [a], [b]
  Lt, Le, Gt, Ge, Eq, Ne,
  Min, Max,            // over the [count] operands at kids[first…]
  WorkingDays,         // working_days([a], [b]) by the calendar; gives up outside it (E0717: the tree's)
  YearOf,              // year_mean(fact [index]) …, [sub]: ast::YearOf; gives up scored alone (E0718)
  Builtin,             // builtin [index] over the [count] operands at kids[first…]
  ListAggregate,       // sum/mean/count/min/max of list [a]; [sub]: Aggregate; else builtin [index] of a number
  Define,              // define [index] with the [count] arguments at kids[first…]
  Comprehension,       // comprehensions[index]
  Tiered,              // tiereds[index]
  Brackets,            // brackets[index]
  Deduct,              // deducts[index]
  Weighted,            // pairs (weight, value) at kids[first…], [count] pairs
  Judged,              // judgeds[index]
  When,                // pairs (condition or kNone, result) at kids[first…], [count] pairs
  Fail,                // not lowered: the plan gives up on the department
};

// What a comprehension or a ListAggregate does over its list; one enumeration with the checker's.
using Aggregate = stdlib::Aggregate;

inline constexpr std::uint32_t kNone = UINT32_MAX;

struct Node {
  Op op = Op::Fail;
  std::uint8_t sub = 0;
  std::uint32_t a = kNone, b = kNone;
  std::uint32_t index = 0;
  std::uint32_t first = 0, count = 0;
  std::uint32_t steps = 1;   // tree steps this node stands for, its lowered operands not counted
  std::uint32_t height = 1;  // depth of the expressions it stands for, its lowered operands not counted
};

struct Comprehension {
  Aggregate kind = Aggregate::Sum;
  std::uint32_t list = kNone, filter = kNone, body = kNone;
  std::uint32_t slot = 0;
  std::uint64_t round_steps = 0;  // the steps of one element: filter and body
};

// A tiered with constant bounds. For x: i = the number of [bounds] below x; x == bounds[i] is
// point segment 2i + 1, else gap segment 2i. Segment s is taken by the tiers
// takers[seg_first[s] … seg_first[s + 1]).
struct SortedTiered {
  std::vector<Num> bounds;
  std::vector<std::uint32_t> seg_first;
  std::vector<std::uint32_t> takers;  // result nodes
};

// A tiered with some bound that is not a constant: each tier in order, as the tree does.
struct TierArm {
  std::uint32_t lo = kNone, hi = kNone;  // bound nodes, kNone when infinite
  bool lo_closed = true, hi_closed = true;
  std::uint32_t result = kNone;
};

struct Tiered {
  bool sorted = false;
  SortedTiered fast;
  std::uint32_t subject = kNone;
  const ast::Expr* source = nullptr;  // the tested expression, for EvalOptions::every_tested
  std::vector<TierArm> arms;
};

struct BracketArm {
  ast::BinaryOp compare = ast::BinaryOp::Eq;
  bool otherwise = false;
  bool constant = false;  // [value] is the bound; else [bound] is its node
  Num value;
  std::uint32_t bound = kNone;
  std::uint32_t result = kNone;
};
struct Brackets {
  std::uint32_t subject = kNone;
  const ast::Expr* source = nullptr;  // the tested expression, for EvalOptions::every_tested
  std::vector<BracketArm> arms;
};

struct Deduction {
  ast::DeductionKind kind = ast::DeductionKind::Fixed;
  std::uint32_t amount = kNone, operand = kNone;
};
struct Deduct {
  std::uint32_t start = kNone;  // kNone: the indicator's points
  std::uint32_t floor = kNone;  // kNone: no floor
  std::vector<Deduction> items;
};

struct Band {
  const std::string* member = nullptr;
  std::uint32_t value = kNone;  // a fixed band's score; kNone for an interval band
  std::uint32_t lo = kNone, hi = kNone;
  bool lo_closed = true, hi_closed = true;
};
struct Judged {
  std::uint32_t score = kNone, category = kNone;
  std::vector<Band> bands;
};

struct Let {
  std::uint32_t slot = 0;
  std::uint32_t value = kNone;
};

// `veto "…" when C -> zero, grade G`: its condition, and what it does when that holds.
struct Veto {
  std::uint32_t condition = kNone;
  bool zero = false;
  int cap = -1;  // the grade it caps at (an index into the grades), -1 for none
  const ast::Veto* source = nullptr;  // for PlanResult::vetoes
};

// `优 >= 90 unless any indicator below 60%`: the indicators it looks at (their indices in table
// order) and the score each must reach (the share of its points).
struct GradeFloor {
  std::vector<std::pair<std::uint32_t, Decimal>> least;
};

// The table in evaluation order: a section's parts, an indicator, or a let between them.
struct Item {
  enum class Kind : std::uint8_t { Section, Indicator, Let } kind = Kind::Let;
  std::uint32_t first = 0, count = 0;  // Section: its parts at items[first…]
  std::uint32_t vetoes_first = 0, vetoes_count = 0;  // Section: its vetoes[…]
  Num lo, hi;                          // points
  bool extra = false;                  // Section: an extra section, its sum held within [lo, hi]
  std::uint32_t lets_first = 0, lets_count = 0;  // Indicator: lets[…]
  std::uint32_t score = kNone;                   // Indicator
  const ast::Indicator* indicator = nullptr;     // Indicator
  // Indicator of a 'choose' group: the enum fact, and the name it must have for this one to apply.
  std::uint32_t choice_fact = kNone;
  const std::string* choice_name = nullptr;
  // Indicator: its `applies when` condition. The plan scores an indicator that applies; one that
  // does not, and any shared section, is left to the tree evaluator (the runner gives up).
  std::uint32_t applies = kNone;
  bool shared = false;                 // Section: `shared`
  Let let;                                       // Let
  int digits = 2;
  RoundingMode mode = RoundingMode::HalfUp;
};

struct Code {
  std::vector<Node> nodes;
  std::vector<std::uint32_t> kids;
  std::vector<Num> numbers;
  std::vector<const std::string*> texts;
  std::vector<const stdlib::Builtin*> builtins;
  std::vector<std::uint32_t> defines;      // body node of each define
  std::vector<std::uint32_t> define_size;  // frame slots of each define
  std::vector<Comprehension> comprehensions;
  std::vector<Tiered> tiereds;
  std::vector<Brackets> brackets;
  std::vector<Deduct> deducts;
  std::vector<Judged> judgeds;
  std::vector<Let> lets;           // indicators' lets
  std::vector<Let> top_lets;       // the ruleset's lets
  std::vector<Item> items;         // every section, indicator and let; the top level first
  std::uint32_t top_count = 0;     // items[0 … top_count) are the top level
  std::uint32_t indicators = 0;    // how many of the items are indicators
  std::uint32_t frame_size = 0;
  RoundingMode mode = RoundingMode::HalfUp;  // the ruleset's
  std::vector<Num> grades;          // thresholds; grade_open[g]: `otherwise`
  std::vector<bool> grade_open;
  std::vector<GradeFloor> grade_floors;  // by grade; empty without `unless`
  std::vector<Veto> vetoes;               // every section's, then the top level's
  std::uint32_t top_vetoes_first = 0, top_vetoes_count = 0;
  std::uint32_t fallbacks = 0;      // expressions not lowered (Op::Fail)
  const WorkCalendar* calendar = nullptr;  // the ruleset's, for WorkingDays
  std::vector<std::uint64_t> steps;    // by node: the steps of evaluating it once, all it can reach
  std::vector<std::uint32_t> height;   // by node: the deepest nesting evaluating it can reach
};

// working_days(from, to) of two day numbers by [calendar] (plan_read.cpp); nullopt outside it.
std::optional<Num> working_days(const WorkCalendar& calendar, const Num& from, const Num& to);
// A YearOf node of [facts] (plan_read.cpp); nullopt when they have no cohort, or it no department.
std::optional<Num> year_of(const Facts& facts, const Node& n, const Decimal& share);

// Lowers the checked [ruleset] (which must outlive the code: texts point into it).
Code lower(const ast::Ruleset& ruleset);

}  // namespace rubric::plan
