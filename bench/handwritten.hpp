// The 2023 Guangzhou rules (rulesets/guangzhou/2023.rubric) written by hand in C++: the yardstick
// Rubric is measured against. Exact arithmetic with rubric::Decimal, the same operations in the
// same order as the ruleset, so that every score agrees to the last digit. Valid input only: the
// generator (bench/generate.cpp) produces no invalid department, so checks of domains and judged
// bands are left out (which only flatters this side of the comparison).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/decimal.hpp"

namespace handwritten {

using rubric::Decimal;

struct Completion {
  Decimal target, actual, weight;
};
struct Judgement {
  int level = 0;  // 0 达成, 1 部分达成, 2 未达成
  Decimal weight, awarded;
};
enum class Disclosure { OnTime, Late, None };
enum class Rules { Complete, Gaps, Missing };

struct Department {
  std::string id, name;
  bool goals_reported = true;
  std::vector<Completion> outputs, benefits;
  std::vector<Judgement> judgements;
  std::vector<Decimal> monthly;
  std::int64_t to_assess = 0, unassessed = 0;
  Decimal carry_end, carry_open, general, fund;
  std::int64_t audit = 0, unclear = 0, repeated = 0;
  Disclosure budget_disc = Disclosure::OnTime, final_disc = Disclosure::OnTime;
  std::int64_t budget_problems = 0, final_problems = 0;
  bool goals_disclosed = false, self_disclosed = false;
  Rules funds_rules = Rules::Complete, duties_rules = Rules::Complete;
  Decimal funds_rate = Decimal::from_int(1), duties_rate = Decimal::from_int(1);
  std::int64_t late_alerts = 0;
  bool rectification = false, linked = false;
  std::int64_t goals_returned = 0;
  bool monitoring_done = false, monitoring_submitted = false, self_eval_done = false;
  bool subordinate_not_organised = false, self_eval_submitted = false;
  Decimal intent_rate;
  bool intent_timely = false, controls = false;
  std::int64_t complaints = 0;
  Decimal contract_rate;
  bool contracts_filed = false;
  Decimal sme_reserved, sme_actual;
  std::int64_t config_violations = 0, income_overdue = 0;
  bool stocktake = false;
  bool quality_ok = true;
  Decimal quality_rate = Decimal::from_int(1);
  bool asset_rules = false;
  std::int64_t asset_problems = 0;
  Decimal assets_in_use, assets_total, public_budget, public_spent, sangong_budget, sangong_spent;
};

inline constexpr int kIndicators = 26;
extern const std::array<const char*, kIndicators> kIndicatorNames;

struct Result {
  std::array<Decimal, kIndicators> scores;
  Decimal total;
  const char* grade = "";
};

Result score(const Department& d);

// Reads the generator's CSV (header, then one department per line, no quoted fields).
class CsvReader {
 public:
  // Maps the header's columns; returns false if a column it needs is absent.
  bool header(std::string_view line);
  // Parses one line into [d] (reusing its storage).
  void row(std::string_view line, Department& d);

 private:
  std::vector<int> column_;  // field index -> what it is
  std::vector<std::string_view> cells_;
};

}  // namespace handwritten
