// The 2023 rules by hand; see handwritten.hpp.
#include "handwritten.hpp"

#include <algorithm>
#include <stdexcept>

namespace handwritten {

const std::array<const char*, kIndicators> kIndicatorNames = {
    "部门整体绩效目标产出指标完成情况", "部门整体绩效目标效益指标完成情况", "部门预算资金支出率",
    "新增预算项目事前绩效评估", "结转结余率", "财务管理合规性", "预决算公开合规性", "绩效信息公开情况",
    "绩效管理制度建设", "绩效结果应用", "绩效管理制度执行", "采购意向公开合规性", "采购意向公开完整性、及时性",
    "采购内控制度建设", "采购活动合规性", "采购合同签订时效性", "合同备案时效性", "采购政策效能", "资产配置合规性",
    "资产收益上缴的及时性", "资产盘点情况", "数据质量", "资产管理合规性", "固定资产利用率", "公用经费控制率",
    "“三公”经费控制情况"};

namespace {

const Decimal kZero;
const Decimal kOne = Decimal::from_int(1);
const Decimal kTwo = Decimal::from_int(2);
const Decimal kThree = Decimal::from_int(3);
const Decimal kHalf = Decimal::from_parts(5, 1);
const Decimal k60 = Decimal::from_parts(60, 2);
const Decimal k150 = Decimal::from_parts(150, 2);
const Decimal k10 = Decimal::from_parts(10, 2);
const Decimal k20 = Decimal::from_parts(20, 2);
const Decimal k30 = Decimal::from_parts(30, 2);
const Decimal k40 = Decimal::from_parts(40, 2);
const Decimal k50 = Decimal::from_parts(50, 2);
const Decimal k75 = Decimal::from_parts(75, 2);
const Decimal k80 = Decimal::from_parts(80, 2);
const Decimal k90 = Decimal::from_parts(90, 2);
const Decimal k5 = Decimal::from_parts(5, 2);
const Decimal k1_5 = Decimal::from_parts(15, 1);
const Decimal kHundred = Decimal::from_int(100);

Decimal completion(const Decimal& rate, const Decimal& pts) {
  if (rate < k60) return kZero;
  if (rate < kOne) return rate * pts;
  if (rate <= k150) return pts;
  return pts / kTwo;
}

// deduct … until zero: start − total, at least 0.
Decimal deduct(const Decimal& start, const Decimal& total) {
  const Decimal result = start - total;
  return result.sign() < 0 ? kZero : result;
}

Decimal flag(bool b, const Decimal& points) { return b ? points : kZero; }

}  // namespace

Result score(const Department& d) {
  Result r;
  auto& s = r.scores;
  // 整体效能
  Decimal sum;
  if (d.goals_reported) {
    for (const Completion& o : d.outputs) sum += completion(o.actual / o.target, o.weight);
  }
  s[0] = sum;
  sum = Decimal{};
  if (d.goals_reported) {
    Decimal judged;
    for (const Completion& b : d.benefits) sum += completion(b.actual / b.target, b.weight);
    for (const Judgement& j : d.judgements) judged += j.awarded;
    sum = sum + judged;
  }
  s[1] = sum;
  Decimal months;
  for (const Decimal& m : d.monthly) months += std::min(m, kOne);
  s[2] = months / Decimal::from_int(static_cast<std::int64_t>(d.monthly.size())) * Decimal::from_int(10);
  // 预算编制, 预算执行
  s[3] = deduct(kThree, (d.to_assess > 3 ? kHalf : kOne) * Decimal::from_int(d.unassessed));
  const Decimal carry = d.carry_end / (d.carry_open + d.general + d.fund);
  s[4] = carry <= k10 ? kTwo : carry <= k20 ? kOne : carry <= k30 ? kHalf : kZero;
  s[5] = deduct(kTwo, kHalf * Decimal::from_int(d.audit) + kHalf * Decimal::from_int(d.unclear) +
                          kOne * Decimal::from_int(d.repeated));
  // 信息公开
  if (d.budget_disc == Disclosure::None || d.final_disc == Disclosure::None) {
    s[6] = kZero;
  } else {
    const Decimal budget = flag(d.budget_disc == Disclosure::OnTime, kOne) + flag(d.budget_problems == 0, kOne);
    const Decimal final = flag(d.final_disc == Disclosure::OnTime, kOne) + flag(d.final_problems == 0, kOne);
    s[6] = k50 * budget + k50 * final;
  }
  s[7] = k50 * flag(d.goals_disclosed, kTwo) + k50 * flag(d.self_disclosed, kTwo);
  // 绩效管理
  const Decimal five = Decimal::from_int(5);
  const Decimal funds = d.funds_rules == Rules::Missing ? kZero : d.funds_rate;
  const Decimal duties = d.duties_rules == Rules::Missing ? kZero : d.duties_rate;
  s[8] = k50 * (funds * five) + k50 * (duties * five);
  s[9] = k30 * deduct(kThree, kOne * Decimal::from_int(d.late_alerts)) + k30 * flag(d.rectification, kThree) +
         k40 * flag(d.linked, kThree);
  s[10] = flag(d.goals_returned == 0, kTwo) + (flag(d.monitoring_done, kOne) + flag(d.monitoring_submitted, kOne)) +
          (flag(d.self_eval_done, kOne) + flag(!d.subordinate_not_organised, kOne) + flag(d.self_eval_submitted, kOne));
  // 采购管理
  s[11] = flag(d.intent_rate >= kOne, kHalf);
  s[12] = flag(d.intent_timely, k1_5);
  s[13] = flag(d.controls, kOne);
  s[14] = deduct(kTwo, kOne * Decimal::from_int(d.complaints));
  s[15] = d.contract_rate >= kOne ? kThree : d.contract_rate >= k90 ? kTwo : d.contract_rate >= k80 ? kOne : kZero;
  s[16] = flag(d.contracts_filed, kOne);
  s[17] = std::min(d.sme_actual / d.sme_reserved, kOne) * kOne;
  // 资产管理
  s[18] = deduct(kTwo, kOne * Decimal::from_int(d.config_violations));
  s[19] = deduct(kOne, kHalf * Decimal::from_int(d.income_overdue));
  s[20] = flag(d.stocktake, kOne);
  s[21] = d.quality_rate * kTwo;
  s[22] = deduct(kTwo, flag(!d.asset_rules, kHalf) + kHalf * Decimal::from_int(d.asset_problems));
  const Decimal use = d.assets_in_use / d.assets_total;
  s[23] = use >= k90 ? kTwo : use >= k75 ? k1_5 : use >= k60 ? kOne : kZero;
  // 运行成本
  const Decimal over = (d.public_spent - d.public_budget) / d.public_budget;
  s[24] = over.sign() <= 0 ? kTwo : deduct(kTwo, kHalf * (over / k5).ceil());
  s[25] = flag(d.sangong_spent <= d.sangong_budget, kTwo);

  Decimal total;
  for (Decimal& x : s) {
    x = x.round(2, rubric::RoundingMode::HalfUp);
    total += x;
  }
  r.total = total;
  r.grade = total >= kHundred * k90 ? "优" : total >= kHundred * k80 ? "良" : total >= kHundred * k60 ? "中" : "差";
  return r;
}

// ---- CSV -----------------------------------------------------------------------------------

namespace {

enum Column : int {
  kIgnore = -1,
  kId = 0, kName,
  kGoalsReported, kToAssess, kUnassessed, kCarryEnd, kCarryOpen, kGeneral, kFund, kAudit, kUnclear, kRepeated,
  kBudgetDisc, kFinalDisc, kBudgetProblems, kFinalProblems, kGoalsDisclosed, kSelfDisclosed, kFundsRules,
  kFundsRate, kDutiesRules, kDutiesRate, kLateAlerts, kRectification, kLinked, kGoalsReturned, kMonitoringDone,
  kMonitoringSubmitted, kSelfEvalDone, kSubordinate, kSelfEvalSubmitted, kIntentRate, kIntentTimely, kControls,
  kComplaints, kContractRate, kContractsFiled, kSmeReserved, kSmeActual, kConfigViolations, kIncomeOverdue,
  kStocktake, kQuality, kQualityRate, kAssetRules, kAssetProblems, kInUse, kAssetsTotal, kPublicBudget,
  kPublicSpent, kSangongBudget, kSangongSpent, kScalarEnd,
  kOutputs = 1000, kBenefits = 2000, kJudgements = 3000, kMonthly = 4000,
};

const char* const kScalarNames[] = {
    "id", "department", "goals_reported", "new_projects_to_assess", "new_projects_unassessed", "carryover_year_end",
    "carryover_opening", "general_appropriation", "fund_appropriation", "audit_issues", "unclear_issues",
    "repeated_issues", "budget_disclosure", "final_disclosure", "budget_disclosure_problems",
    "final_disclosure_problems", "perf_goals_disclosed", "self_eval_disclosed", "perf_rules_funds",
    "perf_rules_funds_rate", "perf_duties", "perf_duties_rate", "late_alerts", "rectification_reported",
    "results_linked", "goals_returned", "monitoring_done", "monitoring_submitted", "self_eval_done",
    "subordinate_self_eval", "self_eval_submitted", "intent_disclosure_rate", "intent_timely",
    "procurement_controls", "complaints_upheld", "contract_timely_rate", "contracts_filed_timely", "sme_reserved",
    "sme_actual", "asset_config_violations", "asset_income_overdue", "asset_stocktake", "data_quality",
    "data_quality_rate", "asset_rules", "asset_problems", "fixed_assets_in_use", "fixed_assets_total",
    "public_budget", "public_spent", "sangong_budget", "sangong_spent"};

Decimal number(std::string_view text) {
  const auto d = Decimal::parse(text);
  if (!d) throw std::runtime_error("not a number: " + std::string(text));
  return *d;
}
Decimal percent(std::string_view text) {
  if (!text.empty() && text.back() == '%') return number(text.substr(0, text.size() - 1)) / Decimal::from_int(100);
  return number(text);
}
std::int64_t count(std::string_view text) { return text.empty() ? 0 : *number(text).to_int64(); }
Decimal money_or_zero(std::string_view text) { return text.empty() ? Decimal{} : number(text); }
Decimal rate_or_one(std::string_view text) { return text.empty() ? Decimal::from_int(1) : percent(text); }
bool boolean(std::string_view text) { return text == "true"; }
Disclosure disclosure(std::string_view text) {
  return text == "按时公开" ? Disclosure::OnTime : text == "逾期公开" ? Disclosure::Late : Disclosure::None;
}
Rules rules(std::string_view text) { return text == "完整" ? Rules::Complete : text == "有缺漏" ? Rules::Gaps : Rules::Missing; }

void split(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      out.push_back(line.substr(start));
      return;
    }
    out.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

int field_of(std::string_view name, std::string_view prefix, int base, const std::vector<std::string_view>& fields) {
  if (name.substr(0, prefix.size()) != prefix) return kIgnore;
  name.remove_prefix(prefix.size());
  const std::size_t dot = name.find('.');
  const int index = std::stoi(std::string(name.substr(0, dot))) - 1;
  if (fields.empty()) return base + index;
  const std::string_view field = name.substr(dot + 1);
  for (std::size_t f = 0; f < fields.size(); ++f) {
    if (fields[f] == field) return base + index * 4 + static_cast<int>(f);
  }
  return kIgnore;
}

}  // namespace

bool CsvReader::header(std::string_view line) {
  split(line, cells_);
  column_.clear();
  int found = 0;
  for (const std::string_view name : cells_) {
    int code = kIgnore;
    for (int i = 0; i < kScalarEnd; ++i) {
      if (name == kScalarNames[i]) code = i;
    }
    if (code != kIgnore) ++found;
    if (code == kIgnore) code = field_of(name, "outputs.", kOutputs, {"name", "target", "actual", "weight"});
    if (code == kIgnore) code = field_of(name, "benefits.", kBenefits, {"name", "target", "actual", "weight"});
    if (code == kIgnore) code = field_of(name, "benefit_judgements.", kJudgements, {"name", "level", "weight", "awarded"});
    if (code == kIgnore) code = field_of(name, "monthly_execution.", kMonthly, {});
    column_.push_back(code);
  }
  return found == kScalarEnd;
}

void CsvReader::row(std::string_view line, Department& d) {
  split(line, cells_);
  d.outputs.clear();
  d.benefits.clear();
  d.judgements.clear();
  d.monthly.clear();
  for (std::size_t c = 0; c < cells_.size() && c < column_.size(); ++c) {
    const std::string_view v = cells_[c];
    const int code = column_[c];
    if (code >= kOutputs) {
      if (v.empty()) continue;
      const int group = code / 1000 * 1000;
      const int rest = code - group;
      if (group == kMonthly) {
        d.monthly.push_back(percent(v));
        continue;
      }
      const auto index = static_cast<std::size_t>(rest / 4);
      const int field = rest % 4;
      if (group == kJudgements) {
        if (d.judgements.size() <= index) d.judgements.resize(index + 1);
        Judgement& j = d.judgements[index];
        if (field == 1) j.level = v == "达成年度指标" ? 0 : v == "部分达成年度指标并具有一定效果" ? 1 : 2;
        if (field == 2) j.weight = number(v);
        if (field == 3) j.awarded = number(v);
        continue;
      }
      auto& list = group == kOutputs ? d.outputs : d.benefits;
      if (list.size() <= index) list.resize(index + 1);
      Completion& o = list[index];
      if (field == 1) o.target = number(v);
      if (field == 2) o.actual = number(v);
      if (field == 3) o.weight = number(v);
      continue;
    }
    switch (code) {
      case kId: d.id = v; break;
      case kName: d.name = v; break;
      case kGoalsReported: d.goals_reported = v.empty() || boolean(v); break;
      case kToAssess: d.to_assess = count(v); break;
      case kUnassessed: d.unassessed = count(v); break;
      case kCarryEnd: d.carry_end = number(v); break;
      case kCarryOpen: d.carry_open = number(v); break;
      case kGeneral: d.general = number(v); break;
      case kFund: d.fund = money_or_zero(v); break;
      case kAudit: d.audit = count(v); break;
      case kUnclear: d.unclear = count(v); break;
      case kRepeated: d.repeated = count(v); break;
      case kBudgetDisc: d.budget_disc = disclosure(v); break;
      case kFinalDisc: d.final_disc = disclosure(v); break;
      case kBudgetProblems: d.budget_problems = count(v); break;
      case kFinalProblems: d.final_problems = count(v); break;
      case kGoalsDisclosed: d.goals_disclosed = boolean(v); break;
      case kSelfDisclosed: d.self_disclosed = boolean(v); break;
      case kFundsRules: d.funds_rules = rules(v); break;
      case kFundsRate: d.funds_rate = rate_or_one(v); break;
      case kDutiesRules: d.duties_rules = rules(v); break;
      case kDutiesRate: d.duties_rate = rate_or_one(v); break;
      case kLateAlerts: d.late_alerts = count(v); break;
      case kRectification: d.rectification = boolean(v); break;
      case kLinked: d.linked = boolean(v); break;
      case kGoalsReturned: d.goals_returned = count(v); break;
      case kMonitoringDone: d.monitoring_done = boolean(v); break;
      case kMonitoringSubmitted: d.monitoring_submitted = boolean(v); break;
      case kSelfEvalDone: d.self_eval_done = boolean(v); break;
      case kSubordinate: d.subordinate_not_organised = v == "未组织"; break;
      case kSelfEvalSubmitted: d.self_eval_submitted = boolean(v); break;
      case kIntentRate: d.intent_rate = percent(v); break;
      case kIntentTimely: d.intent_timely = boolean(v); break;
      case kControls: d.controls = boolean(v); break;
      case kComplaints: d.complaints = count(v); break;
      case kContractRate: d.contract_rate = percent(v); break;
      case kContractsFiled: d.contracts_filed = boolean(v); break;
      case kSmeReserved: d.sme_reserved = number(v); break;
      case kSmeActual: d.sme_actual = number(v); break;
      case kConfigViolations: d.config_violations = count(v); break;
      case kIncomeOverdue: d.income_overdue = count(v); break;
      case kStocktake: d.stocktake = boolean(v); break;
      case kQuality: d.quality_ok = v == "合格"; break;
      case kQualityRate: d.quality_rate = rate_or_one(v); break;
      case kAssetRules: d.asset_rules = boolean(v); break;
      case kAssetProblems: d.asset_problems = count(v); break;
      case kInUse: d.assets_in_use = number(v); break;
      case kAssetsTotal: d.assets_total = number(v); break;
      case kPublicBudget: d.public_budget = number(v); break;
      case kPublicSpent: d.public_spent = number(v); break;
      case kSangongBudget: d.sangong_budget = number(v); break;
      case kSangongSpent: d.sangong_spent = number(v); break;
      default: break;
    }
  }
}

}  // namespace handwritten
