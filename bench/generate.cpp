// Generates N realistic departments for the 2023 Guangzhou ruleset, deterministically from a seed,
// as CSV (the column conventions of docs/batch.md) and optionally JSON Lines.
//
//   rubric_bench_generate N OUT.csv [OUT.jsonl] [--seed S]
//
// The values are chosen to exercise what matters: every tier and bracket of every indicator,
// values exactly on tier bounds (completion exactly 60%, 100%, 150%; carry-over exactly 10%, 20%,
// 30%; overspending exactly 5%, 10%), monthly rates whose mean gives half-cent scores (where
// rounding decides), and non-terminating quotients. Every row is valid: all implementations must
// score every department.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "base/decimal.hpp"

namespace {

using rubric::Decimal;

// splitmix64: the same numbers on every platform and library.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // 0 .. n-1
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  template <typename T>
  const T& pick(const std::vector<T>& items) { return items[static_cast<std::size_t>(below(static_cast<int>(items.size())))]; }
  // A money amount in [lo, hi) with two decimals.
  Decimal money(int lo, int hi) { return Decimal::from_parts(lo * 100 + below((hi - lo) * 100), 2); }

 private:
  std::uint64_t state_;
};

Decimal dec(const char* text) { return *Decimal::parse(text); }
std::string pct(const Decimal& fraction) { return (fraction * Decimal::from_int(100)).to_string() + "%"; }

const int kMaxOutputs = 5;
const int kMaxBenefits = 4;
const int kMaxJudgements = 2;
const int kMaxMonths = 12;

const char* const kScalarColumns[] = {
    "goals_reported", "new_projects_to_assess", "new_projects_unassessed", "carryover_year_end", "carryover_opening",
    "general_appropriation", "fund_appropriation", "audit_issues", "unclear_issues", "repeated_issues",
    "budget_disclosure", "final_disclosure", "budget_disclosure_problems", "final_disclosure_problems",
    "perf_goals_disclosed", "self_eval_disclosed", "perf_rules_funds", "perf_rules_funds_rate", "perf_duties",
    "perf_duties_rate", "late_alerts", "rectification_reported", "results_linked", "goals_returned",
    "monitoring_done", "monitoring_submitted", "self_eval_done", "subordinate_self_eval", "self_eval_submitted",
    "intent_disclosure_rate", "intent_timely", "procurement_controls", "complaints_upheld", "contract_timely_rate",
    "contracts_filed_timely", "sme_reserved", "sme_actual", "asset_config_violations", "asset_income_overdue",
    "asset_stocktake", "data_quality", "data_quality_rate", "asset_rules", "asset_problems", "fixed_assets_in_use",
    "fixed_assets_total", "public_budget", "public_spent", "sangong_budget", "sangong_spent"};

struct Record {
  std::string name;
  std::string a, b, c, d;  // target, actual, weight (or level, weight, awarded)
};

struct Department {
  std::vector<Record> outputs, benefits, judgements;
  std::vector<std::string> months;
  std::vector<std::pair<std::string, std::string>> scalars;  // column, value ("" for not supplied)
};

// actual / target hitting every completion tier and its bounds.
void completion_pair(Random& r, std::string& target, std::string& actual) {
  static const std::vector<const char*> ratios = {"0.4", "0.59", "0.6", "0.75", "0.9", "0.995", "1", "1.2", "1.5", "1.51", "2"};
  const Decimal t = Decimal::from_int(20 * (1 + r.below(50)));
  Decimal a;
  if (r.chance(25)) {
    // A quotient that does not terminate, e.g. 28623 / 28046.
    const Decimal t2 = Decimal::from_int(1000 + r.below(30000));
    a = Decimal::from_int(t2.to_int64().value() * (70 + r.below(60)) / 100 + 1);
    target = t2.to_string();
    actual = a.to_string();
    return;
  }
  a = t * dec(r.pick(ratios));
  target = t.to_string();
  actual = a.to_string();
}

Department generate(Random& r, int index) {
  Department d;
  // 产出: weights partition 20.
  static const std::vector<int> output_counts = {2, 4, 5};
  const int n_out = r.pick(output_counts);
  for (int i = 0; i < n_out; ++i) {
    Record rec;
    rec.name = "产出" + std::to_string(i + 1);
    completion_pair(r, rec.a, rec.b);
    rec.c = std::to_string(20 / n_out);
    d.outputs.push_back(rec);
  }
  // 效益: quantified and judged, weights partition 20 (5 each).
  const int n_judged = r.below(kMaxJudgements + 1);
  const int n_benefits = 4 - n_judged;
  for (int i = 0; i < n_benefits; ++i) {
    Record rec;
    rec.name = "效益" + std::to_string(i + 1);
    completion_pair(r, rec.a, rec.b);
    rec.c = "5";
    d.benefits.push_back(rec);
  }
  for (int i = 0; i < n_judged; ++i) {
    static const std::vector<std::pair<const char*, std::vector<const char*>>> levels = {
        {"达成年度指标", {"4", "4.25", "4.5", "4.8", "5"}},
        {"部分达成年度指标并具有一定效果", {"3", "3.25", "3.5", "3.99"}},
        {"未达成年度指标且效果较差", {"0", "1.5", "2.5", "2.99"}}};
    const auto& level = levels[static_cast<std::size_t>(r.chance(70) ? 0 : r.chance(60) ? 1 : 2)];
    d.judgements.push_back({"定性" + std::to_string(i + 1), level.first, "5", r.pick(level.second), ""});
  }
  // 支出率: 8 to 12 months; two-decimal rates give means whose score ends in a half cent.
  const int months = 8 + r.below(5);
  for (int m = 0; m < months; ++m) {
    if (r.chance(60)) {
      d.months.push_back("100%");
    } else if (r.chance(20)) {
      d.months.push_back(pct(Decimal::from_parts(10000 + r.below(3000), 4)));  // over 100%: capped
    } else {
      d.months.push_back(pct(Decimal::from_parts(9000 + r.below(1000), 4)));
    }
  }
  auto set = [&](const char* column, std::string value) { d.scalars.emplace_back(column, std::move(value)); };
  auto flag = [&](const char* column, int percent_true) { set(column, r.chance(percent_true) ? "true" : "false"); };
  flag("goals_reported", 97);
  const int to_assess = r.below(7);
  set("new_projects_to_assess", std::to_string(to_assess));
  set("new_projects_unassessed", r.chance(70) ? "" : std::to_string(r.below(to_assess + 1)));
  // 结转结余率 exactly on 10%, 20%, 30% and in between.
  static const std::vector<const char*> carry = {"0", "0.05", "0.1", "0.15", "0.2", "0.25", "0.3", "0.35"};
  const Decimal opening = r.chance(30) ? Decimal{} : r.money(0, 2000);
  const Decimal general = r.money(1000, 20000);
  const Decimal fund = r.chance(80) ? Decimal{} : r.money(0, 500);
  set("carryover_year_end", ((opening + general + fund) * dec(r.pick(carry))).to_string());
  set("carryover_opening", opening.to_string());
  set("general_appropriation", general.to_string());
  set("fund_appropriation", r.chance(50) && fund.is_zero() ? "" : fund.to_string());
  set("audit_issues", r.chance(50) ? "" : std::to_string(r.below(6)));
  set("unclear_issues", std::to_string(r.chance(85) ? 0 : r.below(3)));
  set("repeated_issues", std::to_string(r.chance(90) ? 0 : r.below(3)));
  static const std::vector<const char*> disclosure = {"按时公开", "按时公开", "按时公开", "按时公开", "按时公开",
                                                      "按时公开", "按时公开", "按时公开", "逾期公开", "未公开"};
  set("budget_disclosure", r.pick(disclosure));
  set("final_disclosure", r.pick(disclosure));
  set("budget_disclosure_problems", std::to_string(r.chance(80) ? 0 : r.below(3)));
  set("final_disclosure_problems", std::to_string(r.chance(80) ? 0 : r.below(3)));
  flag("perf_goals_disclosed", 90);
  flag("self_eval_disclosed", 85);
  static const std::vector<const char*> gap_rates = {"50%", "60%", "75%", "80%", "90%", "95%", "99.9%"};
  for (const char* which : {"perf_rules_funds", "perf_duties"}) {
    const int k = r.below(100);
    const std::string rate_column = std::string(which) + "_rate";
    if (k < 80) {
      set(which, "完整");
      set(rate_column.c_str(), r.chance(50) ? "" : "100%");
    } else if (k < 95) {
      set(which, "有缺漏");
      set(rate_column.c_str(), r.pick(gap_rates));
    } else {
      set(which, "未出台");
      set(rate_column.c_str(), "");
    }
  }
  set("late_alerts", std::to_string(r.chance(70) ? 0 : r.below(5)));
  flag("rectification_reported", 85);
  flag("results_linked", 80);
  set("goals_returned", std::to_string(r.chance(85) ? 0 : r.below(3)));
  flag("monitoring_done", 95);
  flag("monitoring_submitted", 90);
  flag("self_eval_done", 95);
  static const std::vector<const char*> subordinate = {"已组织", "已组织", "已组织", "未组织", "无下属单位"};
  set("subordinate_self_eval", r.pick(subordinate));
  flag("self_eval_submitted", 90);
  static const std::vector<const char*> intent = {"100%", "100%", "100%", "100%", "95.5%", "90%"};
  set("intent_disclosure_rate", r.pick(intent));
  flag("intent_timely", 85);
  flag("procurement_controls", 95);
  set("complaints_upheld", std::to_string(r.chance(85) ? 0 : r.below(4)));
  static const std::vector<const char*> contract = {"100%", "100%", "100%", "95%", "90%", "89.99%", "80%", "79.99%", "50%"};
  set("contract_timely_rate", r.pick(contract));
  flag("contracts_filed_timely", 80);
  static const std::vector<const char*> sme = {"0.5", "0.75", "0.995", "1", "1", "1.2"};
  const Decimal reserved = r.money(10, 1000);
  set("sme_reserved", reserved.to_string());
  set("sme_actual", r.chance(20) ? r.money(0, 1000).to_string() : (reserved * dec(r.pick(sme))).to_string());
  set("asset_config_violations", std::to_string(r.chance(85) ? 0 : r.below(4)));
  set("asset_income_overdue", std::to_string(r.chance(85) ? 0 : r.below(4)));
  flag("asset_stocktake", 92);
  if (r.chance(88)) {
    set("data_quality", "合格");
    set("data_quality_rate", "");
  } else {
    set("data_quality", "有缺陷");
    set("data_quality_rate", r.pick(gap_rates));
  }
  flag("asset_rules", 90);
  set("asset_problems", std::to_string(r.chance(70) ? 0 : r.below(5)));
  static const std::vector<const char*> use = {"1", "0.95", "0.9", "0.85", "0.75", "0.7", "0.6", "0.5"};
  const Decimal total_assets = r.money(100, 50000);
  set("fixed_assets_in_use", r.chance(20) ? r.money(50, 100).to_string()
                                          : (total_assets * dec(r.pick(use))).to_string());
  set("fixed_assets_total", total_assets.to_string());
  // 公用经费控制率: overspending exactly on the 5% steps and just past them.
  static const std::vector<const char*> spend = {"0.9", "0.98", "1", "1", "1.01", "1.05", "1.0501", "1.1", "1.15", "1.2", "1.5"};
  const Decimal budget = r.money(50, 2000);
  set("public_budget", budget.to_string());
  set("public_spent", (budget * dec(r.pick(spend))).to_string());
  const Decimal sangong = r.money(1, 100);
  set("sangong_budget", sangong.to_string());
  set("sangong_spent", r.chance(15) ? (sangong + dec("0.01")).to_string() : r.chance(10) ? sangong.to_string()
                                                                         : (sangong * dec("0.9")).to_string());
  (void)index;
  return d;
}

std::string json_value(const std::string& column, const std::string& value) {
  // Numbers and booleans bare; percents, enums and text quoted.
  if (value == "true" || value == "false") return value;
  if (!value.empty() && (value.back() == '%' || (value[0] & 0x80) != 0)) return "\"" + value + "\"";
  (void)column;
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> positional;
  std::uint64_t seed = 2023;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else {
      positional.emplace_back(argv[i]);
    }
  }
  if (positional.size() < 2) {
    std::fprintf(stderr, "usage: rubric_bench_generate N OUT.csv [OUT.jsonl] [--seed S]\n");
    return 2;
  }
  const long n = std::strtol(positional[0].c_str(), nullptr, 10);
  std::FILE* csv = std::fopen(positional[1].c_str(), "w");
  std::FILE* jsonl = positional.size() > 2 ? std::fopen(positional[2].c_str(), "w") : nullptr;
  if (csv == nullptr || (positional.size() > 2 && jsonl == nullptr)) {
    std::perror("rubric_bench_generate");
    return 1;
  }
  std::string header = "id,department";
  for (int i = 1; i <= kMaxOutputs; ++i) {
    for (const char* f : {"name", "target", "actual", "weight"}) header += ",outputs." + std::to_string(i) + "." + f;
  }
  for (int i = 1; i <= kMaxBenefits; ++i) {
    for (const char* f : {"name", "target", "actual", "weight"}) header += ",benefits." + std::to_string(i) + "." + f;
  }
  for (int i = 1; i <= kMaxJudgements; ++i) {
    for (const char* f : {"name", "level", "weight", "awarded"}) header += ",benefit_judgements." + std::to_string(i) + "." + f;
  }
  for (int i = 1; i <= kMaxMonths; ++i) header += ",monthly_execution." + std::to_string(i);
  for (const char* c : kScalarColumns) header += std::string(",") + c;
  std::fprintf(csv, "%s\n", header.c_str());

  Random r(seed);
  std::string line;
  std::string json;
  for (long k = 0; k < n; ++k) {
    const Department d = generate(r, static_cast<int>(k));
    const std::string id = "D" + std::to_string(k + 1);
    const std::string name = "部门" + std::to_string(k + 1);
    line = id + "," + name;
    const auto records = [&](const std::vector<Record>& recs, int max) {
      for (int i = 0; i < max; ++i) {
        if (static_cast<std::size_t>(i) < recs.size()) {
          const Record& rec = recs[static_cast<std::size_t>(i)];
          line += "," + rec.name + "," + rec.a + "," + rec.b + "," + rec.c;
        } else {
          line += ",,,,";
        }
      }
    };
    records(d.outputs, kMaxOutputs);
    records(d.benefits, kMaxBenefits);
    records(d.judgements, kMaxJudgements);
    for (int i = 0; i < kMaxMonths; ++i) line += "," + (static_cast<std::size_t>(i) < d.months.size() ? d.months[static_cast<std::size_t>(i)] : "");
    for (const auto& [column, value] : d.scalars) line += "," + value;
    std::fprintf(csv, "%s\n", line.c_str());
    if (jsonl != nullptr) {
      json = "{\"department\":\"" + name + "\",\"year\":2023,\"facts\":{";
      const auto list = [&](const char* fact, const std::vector<Record>& recs, const char* f1, const char* f2, const char* f3) {
        json += std::string("\"") + fact + "\":[";
        for (std::size_t i = 0; i < recs.size(); ++i) {
          const Record& rec = recs[i];
          json += (i > 0 ? ",{" : "{") + std::string("\"name\":\"") + rec.name + "\",\"" + f1 + "\":" + json_value(f1, rec.a) +
                  ",\"" + f2 + "\":" + json_value(f2, rec.b) + ",\"" + f3 + "\":" + json_value(f3, rec.c) + "}";
        }
        json += "],";
      };
      list("outputs", d.outputs, "target", "actual", "weight");
      list("benefits", d.benefits, "target", "actual", "weight");
      list("benefit_judgements", d.judgements, "level", "weight", "awarded");
      json += "\"monthly_execution\":[";
      for (std::size_t i = 0; i < d.months.size(); ++i) json += (i > 0 ? ",\"" : "\"") + d.months[i] + "\"";
      json += "]";
      for (const auto& [column, value] : d.scalars) {
        if (!value.empty()) json += ",\"" + column + "\":" + json_value(column, value);
      }
      json += "}}";
      std::fprintf(jsonl, "%s\n", json.c_str());
    }
  }
  std::fclose(csv);
  if (jsonl != nullptr) std::fclose(jsonl);
  return 0;
}
