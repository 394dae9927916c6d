// The sites `rubric test --boundaries` probes: every tiered, brackets and judged inside an
// indicator (also inside the functions it calls), with its constant bounds and the fact that moves
// its tested value. Separate from boundaries.cpp, which probes and writes the cases, because
// finding sites is a walk over the checked syntax tree and needs no facts or evaluation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/decimal.hpp"
#include "dsl/ast.hpp"

namespace rubric::boundaries {

// A fact a probe changes: the fact itself, or a field (or the value) of element 0 of a list fact.
struct Var {
  std::uint32_t fact = 0;
  bool element = false;           // element 0 of a list
  std::optional<std::uint32_t> field;  // a field of that element
  ast::TypeKind kind = ast::TypeKind::Number;

  bool operator==(const Var&) const = default;
};

struct Bound {
  Decimal value;
  std::string text;    // as written
  std::string member;  // judged: the band's category
  // A tiered's outer edge: no tier lies on one side of it (the lowest lower bound, the highest
  // upper bound), so crossing it leaves the tiers rather than moving to another.
  bool edge = false;
  // The bound's own value scores with the values below it: a tier [60%, 100%] ends at it, or a
  // bracket `<= 10%` or `> 10%` stops there. Otherwise with those above ([100%, 150%], `>= 90%`).
  bool with_lower = false;
};

struct Site {
  const ast::Indicator* indicator = nullptr;
  std::string what;  // "brackets rate"
  const ast::Expr* subject = nullptr;
  std::vector<std::uint32_t> path;  // the calls it is reached through and the subject (EvalOptions::tested)
  std::optional<Var> var;
  std::string var_text;  // "carryover_year_end", "outputs[0].actual"
  std::optional<Var> category;  // judged: the fact naming the category
  ast::TypeKind kind = ast::TypeKind::Number;  // how tested values are shown
  std::vector<Bound> bounds;
  std::vector<std::string> skipped;
};

// Every site of [rs], in source order: the lets outside indicators first where they stand, then
// each indicator's lets and score.
// The walk follows every call into its function (a site per call) and stops after kMaxSiteVisits
// expressions, setting [truncated]: functions that call each other twice over (f39 makes 2^39
// calls) are not walked to the end.
inline constexpr std::size_t kMaxSiteVisits = 200'000;
std::vector<Site> collect_sites(const ast::Ruleset& rs, bool* truncated = nullptr);

}  // namespace rubric::boundaries
