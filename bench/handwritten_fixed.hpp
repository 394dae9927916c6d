// The 2023 Guangzhou rules by hand a second time, in plain int64 fixed point: the limit a plan of
// exact decimals can approach. Inputs are held as integers of millionths (every value the
// generator writes has at most 6 decimals), scores as integers of cents. Comparisons of quotients
// are made by cross-multiplying (exact), a quotient that is a score is rounded once to cents, and
// the completion terms are summed at 10^-12 before rounding, so the results are those of the
// Decimal program (handwritten.hpp) on the generated data; bench_eval checks that they are, for
// every department, before measuring anything.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "handwritten.hpp"

namespace handwritten::fixed {

inline constexpr std::int64_t kUnit = 1'000'000;  // a value v is held as v × 10^6

struct Completion {
  std::int64_t target, actual, weight;
};

struct Department {
  bool goals_reported = true;
  std::vector<Completion> outputs, benefits;
  std::vector<std::int64_t> awarded;  // the judged scores
  std::vector<std::int64_t> monthly;
  std::int64_t to_assess = 0, unassessed = 0;
  std::int64_t carry_end = 0, carry_total = 0;  // carry_total: opening + general + fund
  std::int64_t audit = 0, unclear = 0, repeated = 0;
  Disclosure budget_disc = Disclosure::OnTime, final_disc = Disclosure::OnTime;
  std::int64_t budget_problems = 0, final_problems = 0;
  bool goals_disclosed = false, self_disclosed = false;
  std::int64_t funds_rate = kUnit, duties_rate = kUnit;  // 0 when the rules are missing
  std::int64_t late_alerts = 0;
  bool rectification = false, linked = false;
  std::int64_t goals_returned = 0;
  bool monitoring_done = false, monitoring_submitted = false, self_eval_done = false;
  bool subordinate_not_organised = false, self_eval_submitted = false;
  std::int64_t intent_rate = 0;
  bool intent_timely = false, controls = false;
  std::int64_t complaints = 0;
  std::int64_t contract_rate = 0;
  bool contracts_filed = false;
  std::int64_t sme_reserved = 0, sme_actual = 0;
  std::int64_t config_violations = 0, income_overdue = 0;
  bool stocktake = false;
  std::int64_t quality_rate = kUnit;
  bool asset_rules = false;
  std::int64_t asset_problems = 0;
  std::int64_t assets_in_use = 0, assets_total = 0, public_budget = 0, public_spent = 0;
  std::int64_t sangong_budget = 0, sangong_spent = 0;
};

struct Result {
  std::array<std::int64_t, kIndicators> cents;
  std::int64_t total = 0;  // cents
  const char* grade = "";
};

// [d] in fixed point; throws std::runtime_error for a value with more than 6 decimals or too
// large for int64 millionths (the generator writes none).
Department convert(const handwritten::Department& d);

Result score(const Department& d);

}  // namespace handwritten::fixed
