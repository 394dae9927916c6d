// The year's departments as one cohort; see cohort.hpp.
#include "interpreter/eval/cohort.hpp"

#include <algorithm>

namespace rubric {

CohortBuilder::CohortBuilder(const ast::Ruleset& ruleset, std::string source)
    : rs_(ruleset), cohort_(std::make_shared<Cohort>()) {
  cohort_->source = std::move(source);
  cohort_->values.resize(rs_.facts.size());
}

void CohortBuilder::add(const Facts& facts) {
  ++cohort_->departments;
  for (std::size_t i = 0; i < rs_.cohort_facts.size() && i < facts.values.size(); ++i) {
    if (rs_.cohort_facts[i] && facts.values[i].is_number()) cohort_->values[i].push_back(facts.values[i].number());
  }
}

std::shared_ptr<const Cohort> CohortBuilder::finish() {
  cohort_->means.assign(cohort_->values.size(), std::nullopt);
  for (std::size_t i = 0; i < cohort_->values.size(); ++i) {
    auto& v = cohort_->values[i];
    std::sort(v.begin(), v.end());
    if (v.empty()) continue;
    try {
      Decimal sum;
      for (const Decimal& x : v) sum += x;
      cohort_->means[i] = sum / Decimal::from_int(static_cast<std::int64_t>(v.size()));
    } catch (const DecimalError&) {
      // Left null: the rules that read it are not scored (E0718), the batch goes on.
    }
  }
  return cohort_;
}

std::optional<Decimal> year_value(const Cohort& cohort, ast::YearOf kind, std::size_t fact, const Decimal& own,
                                  const Decimal& share) {
  if (fact >= cohort.values.size() || cohort.values[fact].empty()) return std::nullopt;
  const std::vector<Decimal>& v = cohort.values[fact];
  switch (kind) {
    case ast::YearOf::Min: return v.front();
    case ast::YearOf::Max: return v.back();
    case ast::YearOf::Rank: {
      const auto greater = v.end() - std::upper_bound(v.begin(), v.end(), own);
      return Decimal::from_int(static_cast<std::int64_t>(greater) + 1);
    }
    case ast::YearOf::Mean: return cohort.means[fact];
    case ast::YearOf::Count: return Decimal::from_int(static_cast<std::int64_t>(v.size()));
    case ast::YearOf::Percentile: {
      // ⌈share × n⌉, exactly: share is a literal in [0, 1] (the checker), so the place is in [0, n].
      const auto place = (share * Decimal::from_int(static_cast<std::int64_t>(v.size()))).ceil().to_int64();
      const auto k = std::clamp<std::size_t>(place ? static_cast<std::size_t>(*place) : v.size(), 1, v.size());
      return v[k - 1];
    }
    case ast::YearOf::None: break;
  }
  return std::nullopt;
}

}  // namespace rubric
