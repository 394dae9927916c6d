// The departments near each bound between two tiers; see crowding.hpp.
#include "interpreter/tools/crowding.hpp"

#include <algorithm>

#include "interpreter/check/analysis.hpp"
#include "interpreter/eval/value.hpp"
#include "interpreter/tools/boundary_sites.hpp"

namespace rubric {

std::string CrowdedBound::reach_text() const {
  if (kind == ast::TypeKind::Percent) return (reach * Decimal::from_int(100)).normalized().to_string() + " 个百分点";
  return format_number(reach, kind);
}

BoundCrowding::BoundCrowding(const ast::Ruleset& ruleset) {
  for (const boundaries::Site& site : boundaries::collect_sites(ruleset, &partial_)) {
    if (site.subject == nullptr) continue;
    const auto key = std::make_pair(site.indicator, site.subject);
    // A function's tiers are a site per call; their bounds are the same expressions.
    if (sites_.count(key) > 0) continue;
    Decimal scale;
    for (const boundaries::Bound& b : site.bounds) scale = std::max(scale, b.value.abs());
    const Decimal reach = site.kind == ast::TypeKind::Count ? Decimal::from_int(1) : scale / Decimal::from_int(100);
    if (reach.sign() <= 0) continue;
    // Its label, as the 评分依据 names it; the source where it has none.
    std::string subject = analysis::label_of(ruleset, site.indicator != nullptr ? &site.indicator->lets : nullptr, *site.subject);
    if (subject.empty()) subject = analysis::fold(ruleset.slice(site.subject->span));
    std::vector<std::uint32_t>& watched = sites_[key];
    for (const boundaries::Bound& b : site.bounds) {
      if (b.edge || !b.member.empty()) continue;  // not between two tiers; a judged band
      CrowdedBound c;
      c.indicator = site.indicator != nullptr ? site.indicator->name : "";
      c.subject = subject;
      c.bound = b.text;
      c.value = b.value;
      c.kind = site.kind;
      c.reach = reach;
      c.with_lower = b.with_lower;
      watched.push_back(static_cast<std::uint32_t>(bounds_.size()));
      bounds_.push_back(std::move(c));
    }
  }
}

void BoundCrowding::Department::tested(const ast::Indicator* indicator, const ast::Expr& subject, const Decimal& value) {
  const auto it = crowding_.sites_.find({indicator, &subject});
  if (it == crowding_.sites_.end()) return;
  for (const std::uint32_t i : it->second) {
    const CrowdedBound& b = crowding_.bounds_[i];
    // The two sides mirror each other: with the bound's own value below, (b − reach, b] and
    // (b, b + reach]; with it above, [b − reach, b) and [b, b + reach).
    const bool lower = b.with_lower ? value <= b.value : value < b.value;
    const bool near = lower ? (b.with_lower ? b.value - b.reach < value : b.value - b.reach <= value)
                            : (b.with_lower ? value <= b.value + b.reach : value < b.value + b.reach);
    if (!near) continue;
    for (const std::uint32_t code : {3 * i + (lower ? 0 : 1), 3 * i + 2}) {
      if (seen_[code] != 0) continue;
      seen_[code] = 1;
      kept_.push_back(code);
    }
  }
}

void BoundCrowding::Department::take(std::vector<std::uint32_t>& out) {
  for (const std::uint32_t code : kept_) seen_[code] = 0;
  out.swap(kept_);
  kept_.clear();
}

void BoundCrowding::add(const std::vector<std::uint32_t>& kept) {
  ++departments_;
  for (const std::uint32_t code : kept) {
    if (code / 3 >= bounds_.size()) continue;
    CrowdedBound& b = bounds_[code / 3];
    ++(code % 3 == 0 ? b.below : code % 3 == 1 ? b.above : b.either);
  }
}

void BoundCrowding::add(Department& department) {
  std::vector<std::uint32_t> kept;
  department.take(kept);
  add(kept);
}

std::vector<CrowdedBound> BoundCrowding::finish() const {
  std::vector<CrowdedBound> out;
  for (const CrowdedBound& b : bounds_) {
    if (b.near() > 0) out.push_back(b);
  }
  std::stable_sort(out.begin(), out.end(), [](const CrowdedBound& a, const CrowdedBound& b) { return a.near() > b.near(); });
  return out;
}

}  // namespace rubric
