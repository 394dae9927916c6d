// What a department would have to change to reach the next grade or a total: `rubric whatif`.
//
// Each fact a department can change (not declared `fixed`, not text or a date), and each field of
// each element of a list fact, is a place. For one place, the other facts held as given, the total
// is a function of the place's value. Its pieces are found from the evaluator's record of the
// choices it makes (EvalOptions::decisions: branches, comparisons, which argument min, max or clamp
// gave): where two values make the same choices in the same order, every rule scores them with the
// same formula, and the total moves one way between them unless a formula reads the place twice in
// opposite directions (docs/analysis.md, "Limits").
// The search walks the place's domain on a grid of its resolution (0.01% for a percent, 0.01 for
// money and numbers, 1 for a count, finer when the department's own value has more decimals),
// splits wherever the branches differ, and bisects inside a piece. What it returns is exact at
// that resolution: the value reaches the target and the value one step nearer the department's
// own does not (both scored again, in `Single::verified`).
//
// When no single place reaches the target, the smallest set of places that does is searched for
// (sets of up to four, among the twelve places that can raise the total most); each change in such
// a set is then made as small as the others allow, and the sets are shown by how much of their
// places' room they use (Combination::cost).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "interpreter/eval/facts.hpp"

namespace rubric::whatif {

// A value a department can change: a fact, an element of a list fact, or a field of an element.
struct Place {
  std::uint32_t fact = 0;
  std::optional<std::size_t> element;
  std::optional<std::size_t> field;
  const ast::TypeRef* type = nullptr;      // the place's own type
  const ast::Interval* domain = nullptr;   // its declared domain, if any
  std::string path;                        // "audit_issues", "outputs[1].actual"
  std::string label;                       // in the ruleset's words: "产出指标第 2 项「结案率」的实际完成值"
  std::string unit;                        // the fact's unit ("万元"), "" if none
};

inline constexpr std::size_t kShownCombinations = 5;
// The work one question may take, in values scored: each department scored counts the values of
// its facts (every list element too). The court's 2023 facts take about 200,000; facts with
// thousands of list elements are searched in part, and the answer says how many places were not
// tried, rather than taking minutes.
inline constexpr std::size_t kWhatifWork = 3'000'000;

// What a department aims for: a grade (at least as good as it) or a total (at least it).
struct Target {
  std::string grade;             // "" when a total is aimed for
  std::optional<Decimal> total;  // the total the grade needs, or the total asked for
};

struct Change {
  Place place;
  Value from;
  Value to;
};

// One place whose change alone reaches the target.
struct Single {
  Change change;
  Decimal total;      // the total with the change
  std::string grade;  // and the grade
  // Scored again from the changed facts: the change reaches the target, and the value one step of
  // the place's resolution nearer the department's own does not (for a bool or an enum: the value
  // itself does not).
  bool verified = false;
  std::optional<Value> one_step_less;  // that value (absent for a bool or an enum)
};

// Several places changed together.
struct Combination {
  std::vector<Change> changes;
  Decimal total;
  std::string grade;
  // How much of the places' room it uses: for each place, its change as a share of the change that
  // would raise the total most (1 for a bool or an enum), summed. Combinations are shown by it.
  Decimal cost;
};

struct Answer {
  Decimal total;       // the department's total as it stands
  std::string grade;
  Target target;
  bool top_grade = false;  // no target asked for, and the grade is already the best
  bool reached = false;    // the department already reaches the target
  std::vector<Single> singles;       // in the order of the facts
  // When no single change reaches it: the combinations of the fewest places that do, the least
  // costly first (at most kShownCombinations); empty if none is found.
  std::vector<Combination> combinations;
  std::size_t places = 0;            // places that could change (not_tried of them were not searched)
  std::vector<std::string> fixed;    // the labels of the facts and fields held as given
  std::size_t evaluations = 0;       // departments scored in the search
  std::size_t not_tried = 0;         // places left when the work allowed (kWhatifWork) was used
  std::size_t skipped = 0;           // places whose values would leave a decimal's range
};

// The places of [rs] for [facts]: every changeable fact and every changeable field of every element
// of a list fact, in the order the facts are declared.
std::vector<Place> places(const ast::Ruleset& rs, const Facts& facts);

// [target] for [rs]: the grade named, or a total ("98", "97.5"); nullopt and [error] set when it is
// neither. An empty [text] aims for the grade above [grade] (nullopt without error at the best).
std::optional<Target> parse_target(const ast::Ruleset& rs, const std::string& text, const std::string& grade,
                                   std::string& error);

// What [facts] would need to reach [target] under [rs]. [facts] must be scored without errors.
Answer what_if(const ast::Ruleset& rs, const Facts& facts, const Target& target);

// What [facts], whose total and grade are [total] and [grade] as they stand, would need to reach
// [target_text] (a grade, a total, or "" for the grade above [grade]): what_if's answer, or one with
// top_grade set when there is no grade above. nullopt, with [error] set, when [target_text] is
// neither a grade of [rs] nor a total. What `rubric whatif` and rubric serve's 试算 answer.
std::optional<Answer> answer_for(const ast::Ruleset& rs, const Facts& facts, const Decimal& total, const std::string& grade,
                                 const std::string& target_text, std::string& error);

// [v] as a department would write it: "96.5%", "4", "是", "按时公开", "120.5 万元".
std::string shown(const Value& v, const Place& place);

}  // namespace rubric::whatif
