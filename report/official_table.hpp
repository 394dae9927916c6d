// The official self-evaluation table (部门整体支出绩效自评表) as rows and merged groups, built once
// from an evaluation and shared by the file renderers (report/xlsx, report/html, report/markdown,
// report/csv), so that every format has the same columns, the same texts and the same merges.
//
// The official layout has three levels of indicators:
//
//   一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 指标解释 | 评分标准 | 得分 | 评分依据 | 参考佐证材料名称
//
// A ruleset's sections nest to any depth, so they are mapped onto the three levels: level 1 is a
// top-level section, level 2 a section inside it, level 3 an indicator. An indicator directly
// under a level-1 section leaves level 2 blank; sections nested deeper than level 2 are folded
// into the level-2 column as a path ("采购管理 / 政府采购"), with the points of the innermost one.
// Consecutive rows with the same level-1 (level-2) cell form a group, which is one merged cell.
//
// When the facts carry claimed scores (自评分), a 自评分 column follows 得分 and every row whose
// claimed score differs from the computed one is marked.
//
// The header block shows 部门名称 and 年度, and budget figures by this convention: every fact
// the ruleset declares with unit "万元" whose label contains 预算 or 决算, in declaration order,
// with the value the facts give (or its default). Rubric cannot know which facts are a
// department's budget in general; a ruleset without such facts shows none.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/facts.hpp"

namespace rubric::report {

// The columns, in order. kClaimed exists only when the table has claims.
enum Column { kLevel1, kLevel1Points, kLevel2, kLevel2Points, kLevel3, kLevel3Points,
              kExplain, kStandard, kScore, kClaimed, kBasis, kEvidence };

struct OfficialRow {
  std::string level1, level1_points;  // the same on every row of a level-1 group
  std::string level2, level2_points;  // the same on every row of a level-2 group ("" when none)
  std::string name, points;           // the indicator (level 3)
  std::string explain, standard;
  std::string score;                  // "" when it could not be computed
  std::optional<Decimal> score_value;
  std::string claimed;                // "" when not claimed
  std::optional<Decimal> claimed_value;
  bool differs = false;               // claimed and computed differ
  bool applies = true;                // false: an alternative not chosen (二者择其一), 得分 不适用
  std::string basis;                  // 评分依据, or why there is no score
  std::string evidence;               // 参考佐证材料名称, joined with "、"
  int digits = 2;
};

// A run of rows [first, last] sharing a level-1 or level-2 cell: one merged cell.
struct RowGroup {
  int first = 0;
  int last = 0;
  std::string name, points;
};

// One bar of the chart: a section's score against its points.
struct SectionBar {
  int level = 1;  // 1 or 2
  std::string name;
  std::optional<Decimal> score;
  Decimal points;
  std::string score_text, points_text;
};

// With extra sections (加减分项), the rows between the indicators and 总分: 基本得分 (the sum of the
// sections of the total), then each extra section with its basis
// ("各项合计 6.00 分，超过上限 5 分，按 5 分计").
struct SubtotalRow {
  std::string label;   // 基本得分, or the extra section's name
  std::string points;  // "100", "5", "-5~5"
  std::string score;   // "" when it could not be computed
  std::optional<Decimal> score_value;
  std::string basis;
};

struct HeaderFigure {
  std::string label;  // the fact's label
  std::string value;  // "7,788.95"
  std::string unit;   // "万元"
  Decimal number;
};

struct GradeBox {
  std::string name;   // 优
  std::string range;  // "90分≤得分≤100分"
  bool ticked = false;
};

struct OfficialTable {
  std::string title;       // the ruleset's name
  std::string scheme;
  int ruleset_year = 0;
  std::string department;
  std::string year;        // the facts' year, else the ruleset's
  std::vector<HeaderFigure> budget;
  bool claims = false;
  std::vector<OfficialRow> rows;
  std::vector<RowGroup> level1_groups;
  std::vector<RowGroup> level2_groups;
  std::vector<SectionBar> sections;
  std::vector<SubtotalRow> subtotals;  // empty without extra sections
  std::string total_points;  // the most a total can be: with extra sections, their upper limits too
  std::string total;       // "" when some indicator could not be scored
  std::optional<Decimal> total_value;
  std::string claimed_total;
  std::optional<Decimal> claimed_total_value;
  bool total_differs = false;
  std::string grade;       // "" when there is no total
  std::vector<GradeBox> grades;
  std::vector<std::string> grade_notes;  // why the grade is not the total's alone (一票否决, a floor)
  int digits = 2;
  std::size_t differences = 0;  // claimed scores that differ, the total included
  std::vector<std::string> errors;  // why indicators could not be scored

  // The column headings in order (with 自评分 only when there are claims).
  std::vector<Column> columns() const;
  // The text of [column] in [row].
  const std::string& cell(const OfficialRow& row, Column column) const;
  // "☑优 ☐良 ☐中 ☐差".
  std::string grade_ticks() const;
  // "☑优 90分≤得分≤100分； ☐良 80分≤得分<90分；…", as the official table's grade row.
  std::string grade_line() const;
  // A one-line note on the claimed scores ("" without claims).
  std::string claims_note() const;
};

const char* heading(Column column);

// "50", or "-5~5" for a signed range.
std::string points_text(const ast::PointsSpec& points);
// The most a department's total can be: the ruleset's total and the upper limits of its extra
// sections (null without a total).
std::optional<Decimal> highest_total(const ast::Ruleset& ruleset);
// The score range of the ruleset's grade [i], as the official table writes it: "90分≤得分≤100分",
// "80分≤得分<90分", "得分<60分".
std::string grade_range(const ast::Ruleset& ruleset, std::size_t i);

// [facts] may be null: the header block then has no budget figures.
OfficialTable build_official_table(const ast::Ruleset& ruleset, const Evaluation& evaluation, const Facts* facts);

}  // namespace rubric::report
