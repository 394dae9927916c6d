// The 2023 rules by hand in int64 fixed point; see handwritten_fixed.hpp.
#include "handwritten_fixed.hpp"

#include <algorithm>
#include <stdexcept>

namespace handwritten::fixed {
namespace {

__extension__ typedef __int128 Wide;

constexpr std::int64_t kMicroPerCent = kUnit / 100;  // 10^4
constexpr std::int64_t kTermUnit = 1'000'000'000'000;  // completion terms are summed at 10^-12

std::int64_t micros(const rubric::Decimal& d) {
  const rubric::Decimal scaled = d * rubric::Decimal::from_int(kUnit);
  const auto v = scaled.to_int64();
  if (!v) throw std::runtime_error("not a fixed-point value: " + d.to_string());
  return *v;
}

// [num] / [den] rounded half away from zero; [den] > 0.
std::int64_t div_half_up(Wide num, Wide den) {
  const bool negative = num < 0;
  const Wide m = negative ? -num : num;
  Wide q = m / den;
  if (2 * (m % den) >= den) ++q;
  return static_cast<std::int64_t>(negative ? -q : q);
}

// [num] / [den] rounded half to even; [den] > 0, [num] >= 0.
std::int64_t div_half_even(Wide num, Wide den) {
  Wide q = num / den;
  const Wide twice = 2 * (num % den);
  if (twice > den || (twice == den && q % 2 != 0)) ++q;
  return static_cast<std::int64_t>(q);
}

// One completion term at 10^-12: 0 below 60%, rate × weight below 100%, the weight up to 150%, half
// the weight above. The rate is actual / target, compared by cross-multiplying.
std::int64_t completion(const Completion& c) {
  const Wide a = c.actual;
  const Wide t = c.target;
  const std::int64_t weight = c.weight * (kTermUnit / kUnit);
  if (a * 10 < t * 6) return 0;
  if (a < t) return div_half_even(a * c.weight * (kTermUnit / kUnit), t);
  if (a * 10 <= t * 15) return weight;
  return weight / 2;
}

std::int64_t deduct(std::int64_t start, std::int64_t total) { return std::max<std::int64_t>(0, start - total); }

std::int64_t flag(bool b, std::int64_t cents) { return b ? cents : 0; }

// 结转结余率 and 固定资产利用率: brackets on a quotient, each bound tested by cross-multiplying.
std::int64_t carry_over(std::int64_t end, std::int64_t total) {
  const Wide e = end;
  const Wide t = total;
  if (e * 100 <= t * 10) return 200;
  if (e * 100 <= t * 20) return 100;
  if (e * 100 <= t * 30) return 50;
  return 0;
}

std::int64_t utilisation(std::int64_t in_use, std::int64_t total) {
  const Wide u = in_use;
  const Wide t = total;
  if (u * 100 >= t * 90) return 200;
  if (u * 100 >= t * 75) return 150;
  if (u * 100 >= t * 60) return 100;
  return 0;
}

}  // namespace

Department convert(const handwritten::Department& d) {
  Department f;
  f.goals_reported = d.goals_reported;
  const auto completions = [](const std::vector<handwritten::Completion>& from, std::vector<Completion>& to) {
    for (const auto& c : from) to.push_back({micros(c.target), micros(c.actual), micros(c.weight)});
  };
  completions(d.outputs, f.outputs);
  completions(d.benefits, f.benefits);
  for (const auto& j : d.judgements) f.awarded.push_back(micros(j.awarded));
  for (const auto& m : d.monthly) f.monthly.push_back(micros(m));
  f.to_assess = d.to_assess;
  f.unassessed = d.unassessed;
  f.carry_end = micros(d.carry_end);
  f.carry_total = micros(d.carry_open) + micros(d.general) + micros(d.fund);
  f.audit = d.audit;
  f.unclear = d.unclear;
  f.repeated = d.repeated;
  f.budget_disc = d.budget_disc;
  f.final_disc = d.final_disc;
  f.budget_problems = d.budget_problems;
  f.final_problems = d.final_problems;
  f.goals_disclosed = d.goals_disclosed;
  f.self_disclosed = d.self_disclosed;
  f.funds_rate = d.funds_rules == Rules::Missing ? 0 : micros(d.funds_rate);
  f.duties_rate = d.duties_rules == Rules::Missing ? 0 : micros(d.duties_rate);
  f.late_alerts = d.late_alerts;
  f.rectification = d.rectification;
  f.linked = d.linked;
  f.goals_returned = d.goals_returned;
  f.monitoring_done = d.monitoring_done;
  f.monitoring_submitted = d.monitoring_submitted;
  f.self_eval_done = d.self_eval_done;
  f.subordinate_not_organised = d.subordinate_not_organised;
  f.self_eval_submitted = d.self_eval_submitted;
  f.intent_rate = micros(d.intent_rate);
  f.intent_timely = d.intent_timely;
  f.controls = d.controls;
  f.complaints = d.complaints;
  f.contract_rate = micros(d.contract_rate);
  f.contracts_filed = d.contracts_filed;
  f.sme_reserved = micros(d.sme_reserved);
  f.sme_actual = micros(d.sme_actual);
  f.config_violations = d.config_violations;
  f.income_overdue = d.income_overdue;
  f.stocktake = d.stocktake;
  f.quality_rate = micros(d.quality_rate);
  f.asset_rules = d.asset_rules;
  f.asset_problems = d.asset_problems;
  f.assets_in_use = micros(d.assets_in_use);
  f.assets_total = micros(d.assets_total);
  f.public_budget = micros(d.public_budget);
  f.public_spent = micros(d.public_spent);
  f.sangong_budget = micros(d.sangong_budget);
  f.sangong_spent = micros(d.sangong_spent);
  return f;
}

Result score(const Department& d) {
  Result r;
  auto& s = r.cents;
  // 整体效能: completion terms at 10^-12, rounded to cents once.
  std::int64_t sum = 0;
  if (d.goals_reported) {
    for (const Completion& o : d.outputs) sum += completion(o);
  }
  s[0] = div_half_up(sum, kTermUnit / 100);
  sum = 0;
  if (d.goals_reported) {
    for (const Completion& b : d.benefits) sum += completion(b);
    for (const std::int64_t a : d.awarded) sum += a * (kTermUnit / kUnit);
  }
  s[1] = div_half_up(sum, kTermUnit / 100);
  std::int64_t months = 0;
  for (const std::int64_t m : d.monthly) months += std::min(m, kUnit);
  s[2] = div_half_up(static_cast<Wide>(months) * 10, static_cast<Wide>(d.monthly.size()) * kMicroPerCent);
  // 预算编制, 预算执行
  s[3] = deduct(300, (d.to_assess > 3 ? 50 : 100) * d.unassessed);
  s[4] = carry_over(d.carry_end, d.carry_total);
  s[5] = deduct(200, 50 * d.audit + 50 * d.unclear + 100 * d.repeated);
  // 信息公开
  if (d.budget_disc == Disclosure::None || d.final_disc == Disclosure::None) {
    s[6] = 0;
  } else {
    s[6] = flag(d.budget_disc == Disclosure::OnTime, 50) + flag(d.budget_problems == 0, 50) +
           flag(d.final_disc == Disclosure::OnTime, 50) + flag(d.final_problems == 0, 50);
  }
  s[7] = flag(d.goals_disclosed, 100) + flag(d.self_disclosed, 100);
  // 绩效管理: 50% × (rate × 5) each, in cents.
  s[8] = div_half_up(static_cast<Wide>(d.funds_rate + d.duties_rate) * 250, kUnit);
  s[9] = 30 * deduct(3, d.late_alerts) + flag(d.rectification, 90) + flag(d.linked, 120);
  s[10] = flag(d.goals_returned == 0, 200) + flag(d.monitoring_done, 100) + flag(d.monitoring_submitted, 100) +
          flag(d.self_eval_done, 100) + flag(!d.subordinate_not_organised, 100) + flag(d.self_eval_submitted, 100);
  // 采购管理
  s[11] = flag(d.intent_rate >= kUnit, 50);
  s[12] = flag(d.intent_timely, 150);
  s[13] = flag(d.controls, 100);
  s[14] = deduct(200, 100 * d.complaints);
  s[15] = d.contract_rate >= kUnit ? 300 : d.contract_rate * 10 >= kUnit * 9 ? 200 : d.contract_rate * 10 >= kUnit * 8 ? 100 : 0;
  s[16] = flag(d.contracts_filed, 100);
  s[17] = d.sme_actual >= d.sme_reserved ? 100 : div_half_up(static_cast<Wide>(d.sme_actual) * 100, d.sme_reserved);
  // 资产管理
  s[18] = deduct(200, 100 * d.config_violations);
  s[19] = deduct(100, 50 * d.income_overdue);
  s[20] = flag(d.stocktake, 100);
  s[21] = div_half_up(static_cast<Wide>(d.quality_rate) * 200, kUnit);
  s[22] = deduct(200, flag(!d.asset_rules, 50) + 50 * d.asset_problems);
  s[23] = utilisation(d.assets_in_use, d.assets_total);
  // 运行成本: 0.5 off per started 5% over the budget.
  const std::int64_t over = d.public_spent - d.public_budget;
  if (over <= 0) {
    s[24] = 200;
  } else {
    const Wide num = static_cast<Wide>(over) * 20;
    const auto steps = static_cast<std::int64_t>((num + d.public_budget - 1) / d.public_budget);
    s[24] = deduct(200, 50 * steps);
  }
  s[25] = flag(d.sangong_spent <= d.sangong_budget, 200);

  std::int64_t total = 0;
  for (const std::int64_t x : s) total += x;
  r.total = total;
  r.grade = total >= 9000 ? "优" : total >= 8000 ? "良" : total >= 6000 ? "中" : "差";
  return r;
}

}  // namespace handwritten::fixed
