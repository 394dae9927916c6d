// The official table's rows and merges; see official_table.hpp.
#include "report/official_table.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace rubric::report {

std::string points_text(const ast::PointsSpec& p) {
  return p.range ? fmt::format("{}~{}", p.lo.to_string(), p.hi.to_string()) : p.hi.to_string();
}

std::optional<Decimal> highest_total(const ast::Ruleset& ruleset) {
  if (!ruleset.total) return std::nullopt;
  Decimal most = *ruleset.total;
  for (const ast::Item& item : ruleset.items) {
    const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item);
    if (s != nullptr && (*s)->extra) most += (*s)->points.hi;
  }
  return most;
}

std::string grade_range(const ast::Ruleset& ruleset, std::size_t i) {
  const ast::GradeArm& g = ruleset.grades[i];
  std::string upper;
  if (i == 0) {
    if (const auto most = highest_total(ruleset)) upper = "≤" + most->to_string() + "分";
  } else if (ruleset.grades[i - 1].threshold) {
    upper = "<" + ruleset.grades[i - 1].threshold->to_string() + "分";
  }
  if (g.threshold) return g.threshold->to_string() + "分≤得分" + upper;
  return "得分" + upper;
}

namespace {

// "7788.95" -> "7,788.95"
std::string grouped(const Decimal& value, int digits) {
  std::string text = value.to_fixed(digits);
  std::string sign;
  if (!text.empty() && text.front() == '-') {
    sign = "-";
    text.erase(0, 1);
  }
  const std::size_t dot = text.find('.');
  std::string whole = text.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : text.substr(dot);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) whole.insert(static_cast<std::size_t>(i), ",");
  return sign + whole + fraction;
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

struct Builder {
  const ast::Ruleset& ruleset;
  OfficialTable& table;

  void indicator(const NodeResult& node, const std::string& l1, const std::string& l1p, const std::string& l2,
                 const std::string& l2p) {
    OfficialRow row;
    row.level1 = l1;
    row.level1_points = l1p;
    row.level2 = l2;
    row.level2_points = l2p;
    row.name = node.name;
    row.points = points_text(node.points);
    row.digits = node.digits;
    if (node.indicator != nullptr) {
      row.explain = node.indicator->explain;
      row.standard = node.indicator->standard;
      // The department's own documents where it names them, else the kind the ruleset expects.
      for (const std::string& e : node.evidence.empty() ? node.indicator->evidence : node.evidence) {
        if (!row.evidence.empty()) row.evidence += "、";
        row.evidence += e;
      }
    }
    if (node.score) {
      row.score = node.score->to_fixed(node.digits);
      row.score_value = node.score;
      row.basis = node.basis;
    } else if (!node.applies) {
      row.score = "不适用";  // an alternative not chosen (二者择其一): shown, marked, not summed
      row.applies = false;
      row.basis = node.basis;
    } else {
      row.basis = "未能评分：" + node.error;
      table.errors.push_back(node.name + ": " + node.error);
    }
    if (node.claimed) {
      row.claimed = node.claimed->to_fixed(node.digits);
      row.claimed_value = node.claimed;
    }
    row.differs = node.claim_differs();
    table.rows.push_back(std::move(row));
  }

  void bar(const NodeResult& node, int level) {
    SectionBar b;
    b.level = level;
    b.name = node.name;
    b.score = node.score;
    b.points = node.points.hi;
    b.points_text = points_text(node.points);
    b.score_text = node.score ? node.score->to_fixed(table.digits) : "—";
    table.sections.push_back(std::move(b));
  }

  // The rows under level-2 section [node] of level-1 section (l1, l1p); [path] is its level-2
  // text, deeper sections extend it.
  void level2(const NodeResult& node, const std::string& l1, const std::string& l1p, const std::string& path) {
    for (const NodeResult& child : node.children) {
      if (child.is_section) {
        level2(child, l1, l1p, path + " / " + child.name);
      } else {
        indicator(child, l1, l1p, path, points_text(node.points));
      }
    }
  }

  void level1(const NodeResult& node) {
    if (!node.is_section) {  // an indicator at the top level: no level 1 or 2
      indicator(node, "", "", "", "");
      return;
    }
    bar(node, 1);
    const std::string l1p = points_text(node.points);
    for (const NodeResult& child : node.children) {
      if (child.is_section) {
        bar(child, 2);
        level2(child, node.name, l1p, child.name);
      } else {
        indicator(child, node.name, l1p, "", "");
      }
    }
  }
};

// Runs of equal keys over the rows, as groups.
template <typename Key>
std::vector<RowGroup> groups(const std::vector<OfficialRow>& rows, Key key) {
  std::vector<RowGroup> out;
  for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
    const auto k = key(rows[static_cast<std::size_t>(i)]);
    if (!out.empty() && i > 0 && key(rows[static_cast<std::size_t>(i - 1)]) == k) {
      out.back().last = i;
    } else {
      out.push_back({i, i, std::get<0>(k), std::get<1>(k)});
    }
  }
  return out;
}

}  // namespace

const char* heading(Column column) {
  switch (column) {
    case kLevel1: return "一级指标";
    case kLevel1Points: return "分值";
    case kLevel2: return "二级指标";
    case kLevel2Points: return "分值";
    case kLevel3: return "三级指标";
    case kLevel3Points: return "分值";
    case kExplain: return "指标解释";
    case kStandard: return "评分标准";
    case kScore: return "得分";
    case kClaimed: return "自评分";
    case kBasis: return "评分依据";
    case kEvidence: return "参考佐证材料名称";
  }
  return "";
}

std::vector<Column> OfficialTable::columns() const {
  std::vector<Column> out = {kLevel1, kLevel1Points, kLevel2, kLevel2Points, kLevel3, kLevel3Points,
                             kExplain, kStandard, kScore};
  if (claims) out.push_back(kClaimed);
  out.push_back(kBasis);
  out.push_back(kEvidence);
  return out;
}

const std::string& OfficialTable::cell(const OfficialRow& row, Column column) const {
  switch (column) {
    case kLevel1: return row.level1;
    case kLevel1Points: return row.level1_points;
    case kLevel2: return row.level2;
    case kLevel2Points: return row.level2_points;
    case kLevel3: return row.name;
    case kLevel3Points: return row.points;
    case kExplain: return row.explain;
    case kStandard: return row.standard;
    case kScore: return row.score;
    case kClaimed: return row.claimed;
    case kBasis: return row.basis;
    case kEvidence: return row.evidence;
  }
  return row.name;
}

std::string OfficialTable::grade_ticks() const {
  std::string out;
  for (const GradeBox& g : grades) {
    if (!out.empty()) out += " ";
    out += (g.ticked ? "☑" : "☐") + g.name;
  }
  return out;
}

std::string OfficialTable::grade_line() const {
  std::string out;
  for (const GradeBox& g : grades) {
    if (!out.empty()) out += "； ";
    out += (g.ticked ? "☑" : "☐") + g.name + " " + g.range;
  }
  return out;
}

std::string OfficialTable::claims_note() const {
  if (!claims) return "";
  if (differences == 0) return "自评分与计算结果一致。";
  return fmt::format("有 {} 处自评分与按评分标准计算的得分不一致（已标出）。", differences);
}

namespace {

void subtotals(const ast::Ruleset& ruleset, const Evaluation& evaluation, OfficialTable& table) {
  const auto extra = [](const NodeResult& n) { return n.section != nullptr && n.section->extra; };
  if (std::none_of(evaluation.nodes.begin(), evaluation.nodes.end(), extra)) return;
  SubtotalRow base{"基本得分", ruleset.total ? ruleset.total->to_string() : "", "", evaluation.base_total, ""};
  if (evaluation.base_total) base.score = evaluation.base_total->to_fixed(table.digits);
  table.subtotals.push_back(std::move(base));
  for (const NodeResult& n : evaluation.nodes) {
    if (!extra(n)) continue;
    table.subtotals.push_back({n.name, points_text(n.points), n.score ? n.score->to_fixed(table.digits) : "", n.score,
                               n.score ? n.basis : "未能评分：" + n.error});
  }
}

}  // namespace

OfficialTable build_official_table(const ast::Ruleset& ruleset, const Evaluation& evaluation, const Facts* facts) {
  OfficialTable table;
  table.title = ruleset.name;
  table.scheme = ruleset.scheme;
  table.ruleset_year = ruleset.year;
  table.department = evaluation.department;
  table.year = std::to_string(evaluation.year.value_or(ruleset.year));
  table.digits = total_digits(ruleset);
  table.claims = evaluation.has_claims();

  if (facts != nullptr) {
    for (std::size_t i = 0; i < ruleset.facts.size() && i < facts->values.size(); ++i) {
      const ast::FactDecl& decl = ruleset.facts[i];
      if (decl.unit != "万元" || !(contains(decl.label, "预算") || contains(decl.label, "决算"))) continue;
      const Value& value = facts->values[i];
      if (!value.is_number()) continue;
      table.budget.push_back({decl.label, grouped(value.number(), 2), decl.unit, value.number()});
    }
  }

  Builder builder{ruleset, table};
  for (const NodeResult& node : evaluation.nodes) builder.level1(node);
  table.level1_groups = groups(table.rows, [](const OfficialRow& r) { return std::tuple(r.level1, r.level1_points); });
  table.level2_groups = groups(table.rows, [](const OfficialRow& r) {
    return std::tuple(r.level1 + '\x1f' + r.level2, r.level2_points);
  });
  for (RowGroup& g : table.level2_groups) g.name = table.rows[static_cast<std::size_t>(g.first)].level2;

  subtotals(ruleset, evaluation, table);
  if (const auto most = highest_total(ruleset)) table.total_points = most->to_string();
  if (evaluation.total) {
    table.total = evaluation.total->to_fixed(table.digits);
    table.total_value = evaluation.total;
    table.grade = evaluation.grade;
    table.grade_notes = evaluation.grade_notes;
  }
  if (evaluation.claimed_total) {
    table.claimed_total = evaluation.claimed_total->to_fixed(table.digits);
    table.claimed_total_value = evaluation.claimed_total;
    table.total_differs = !evaluation.total || *evaluation.total != *evaluation.claimed_total;
  }
  for (std::size_t i = 0; i < ruleset.grades.size(); ++i) {
    table.grades.push_back({ruleset.grades[i].name, grade_range(ruleset, i),
                            evaluation.total && ruleset.grades[i].name == evaluation.grade});
  }
  table.differences = claim_differences(evaluation).size();
  return table;
}

}  // namespace rubric::report
