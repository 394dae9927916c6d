// Where a ruleset is fragile over a batch of departments: how many departments sit close to each
// bound between two tiers (a tiered's bound, a brackets' bound), so that moving that bound a little
// moves them to another tier. Part of the batch report (report/batch_report.hpp) and of
// `rubric diff --facts` (report/diff_report.hpp); see docs/analysis.md.
//
// Each department is evaluated with a Department sink (EvalOptions::every_tested), which keeps only
// which bounds its values came near and on which side, at most two numbers per bound however many
// values its tiers test (a function's tiers called twice, a loop over a list); add() counts them.
// A batch gives each worker a sink of its own (BatchOptions::tested_sink) and adds what they kept
// in the writer.
//
// Near means within the bound's reach, one hundredth of the largest bound of its tiered or brackets
// (1 percentage point for tiers up to 100%), or 1 for a count, on either side of the bound: the
// side of the tier below it, and the side of the tier above it. A value on the bound counts on the
// side whose tier takes it (`<= 10%`: below; `>= 90%`: above).
// A tiered's outer edges (below its lowest tier, above its highest) are not bounds between tiers
// and are left out, as are a tier of one value between two others (`== 50`), bounds that are not
// constants and judged bands (boundaries::Bound::edge says which).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/decimal.hpp"
#include "dsl/ast.hpp"
#include "interpreter/eval/evaluator.hpp"

namespace rubric {

struct CrowdedBound {
  std::string indicator;  // the indicator's name; "" for a let outside every indicator
  std::string subject;    // the tested value's label ("完成率"), or its source where it has none
  std::string bound;      // the bound as written: "95%"
  Decimal value;          // the bound's value
  ast::TypeKind kind = ast::TypeKind::Number;  // how the tested values are shown
  Decimal reach;          // how near counts
  // Whether the bound's own value scores with the values below it (a tier [60%, 100%] ends at it,
  // a bracket `<= 10%`) rather than with those above (a tier [100%, 150%], a bracket `>= 90%`).
  bool with_lower = false;
  std::size_t below = 0;  // departments on its lower side: [value − reach, value), or (value − reach, value]
  std::size_t above = 0;  // departments on its upper side: [value, value + reach), or (value, value + reach]

  // Departments near it on either side: each once, though one whose tiers test values on both sides
  // (two calls of a function, a list) is in [below] and in [above].
  std::size_t either = 0;
  std::size_t near() const { return either; }
  // The reach as people read it: "1 个百分点", "1", "10000".
  std::string reach_text() const;
};

class BoundCrowding {
 public:
  explicit BoundCrowding(const ast::Ruleset& ruleset);

  // One department's values as they are tested. Any number may gather at once (one per batch
  // worker): they only read the BoundCrowding. take() gives 3 × bound + 0 (below), + 1 (above) and
  // + 2 (either), each once.
  class Department : public TestedSink {
   public:
    explicit Department(const BoundCrowding& crowding) : crowding_(crowding), seen_(3 * crowding.bounds_.size(), 0) {}
    void tested(const ast::Indicator* indicator, const ast::Expr& subject, const Decimal& value) override;
    void take(std::vector<std::uint32_t>& out) override;

   private:
    const BoundCrowding& crowding_;
    std::vector<std::uint8_t> seen_;
    std::vector<std::uint32_t> kept_;
  };
  std::unique_ptr<TestedSink> sink() const { return std::make_unique<Department>(*this); }

  // One department: what its Department kept (TestedSink::take).
  void add(const std::vector<std::uint32_t>& kept);
  void add(Department& department);

  std::size_t departments() const { return departments_; }
  // Whether the walk for the tiers stopped early (boundaries::collect_sites): the bounds of the
  // tiers it did not reach are not watched.
  bool partial() const { return partial_; }
  // The bounds with at least one department near, the most crowded first (then in source order).
  std::vector<CrowdedBound> finish() const;

 private:
  std::map<std::pair<const ast::Indicator*, const ast::Expr*>, std::vector<std::uint32_t>> sites_;  // → bounds_
  std::vector<CrowdedBound> bounds_;
  std::size_t departments_ = 0;
  bool partial_ = false;
};

}  // namespace rubric
