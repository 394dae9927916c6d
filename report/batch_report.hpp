// The report of a whole batch (rubric batch … --report FILE.html|FILE.xlsx): a header (the
// ruleset, its scheme and year, how many departments, how many could not be scored), the ranking
// of every department by total (ties share a rank; each top-level section's score beside the
// total), the departments that could not be scored with their error, the grade distribution
// (HTML: an inline SVG bar chart; XLSX: a native chart over the counts), each section's
// average, minimum and maximum, and where the ranking is fragile: each indicator's share of the
// spread of totals, and how many departments sit within a point of each grade's threshold.
//
// The report is built from the results file run_batch() writes (CSV or JSON Lines; see
// docs/batch.md), read back one row at a time, so the batch itself is not slowed down and this
// holds, per department, only what the report shows: row, id, name, total, grade, the top-level
// section scores and the error. The per-section statistics are running sums.
//
// Every figure is an exact decimal. A section's score is the sum of its indicators' rounded
// scores (as the evaluator adds them up). An average is the exact mean rounded to the ruleset's
// digits half-up (四舍五入); the minimum and maximum are exact. They are taken over the
// departments that have a total.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "base/decimal.hpp"
#include "interpreter/tools/crowding.hpp"

namespace rubric::report {

// One department as the report shows it.
struct BatchDepartment {
  std::size_t row = 0;  // 1-based, as in the results file
  std::size_t rank = 0;  // 1 for the best total; equal totals share a rank (1, 2, 2, 4); 0 if unranked
  std::string id;
  std::string name;
  std::optional<Decimal> total;
  std::string grade;
  std::vector<std::optional<Decimal>> sections;  // by BatchReport::columns
  std::string error;
};

// A top-level section (or a top-level indicator): a column of the ranking.
struct BatchColumn {
  std::string name;
  std::string points;  // "50", or "-5~5"
};

// The statistics of one section's score (or of the total) over the ranked departments.
struct ScoreStats {
  std::string name;
  int level = 1;              // 1: top-level; 2: a section inside one; 0: the total
  std::string points;
  std::size_t count = 0;      // departments with a score for it
  std::optional<Decimal> mean;  // rounded half-up to the ruleset's digits
  std::optional<Decimal> min, max;
};

struct GradeCount {
  std::string name;   // 优
  std::string range;  // "90分≤得分≤100分"
  std::size_t count = 0;
};

// How much one indicator decides the ranking: its share of the spread of the totals, the covariance
// of its score with the total over the total's variance. The shares of all indicators add up to
// 100% when the total is the sum of their scores (a veto or a capped extra section makes up the
// rest); a share may be negative (an indicator that scores lower where totals are higher).
struct SpreadShare {
  std::string name;
  std::string points;
  Decimal share;  // a fraction, rounded half-up to 4 decimals (0.01%)
  std::optional<Decimal> min, max;
};

// The departments near one grade's threshold: less than kNearGrade below it (a small change would
// lift them to it) and at it or less than kNearGrade above (a small change would drop them below).
inline constexpr int kNearGrade = 1;
// The indicators the HTML lists by their share of the spread (the rest as one line); the same
// number of crowded tier bounds.
inline constexpr std::size_t kShownSpread = 15;
// A share as a percentage with two decimals: "12.34%".
std::string percent_text(const Decimal& fraction);
struct NearGrade {
  std::string grade;
  Decimal threshold;
  std::size_t below = 0;
  std::size_t above = 0;
};

struct BatchReport {
  std::string title;  // the ruleset's name
  std::string scheme;
  int year = 0;
  int digits = 2;     // the ruleset's rounding digits: totals, scores and averages are shown with these
  std::size_t rows = 0;
  std::size_t errors = 0;  // departments that could not be scored (listed in [failed])
  std::vector<BatchColumn> columns;
  std::vector<BatchDepartment> ranking;  // best first; equal totals in input order
  std::vector<BatchDepartment> failed;   // in input order
  std::vector<GradeCount> grades;        // every grade of the ruleset, in its order
  std::vector<ScoreStats> sections;      // levels 1 and 2, in table order
  ScoreStats total;
  // The indicators whose scores differ between departments, the largest share (either sign) first; empty when
  // the totals do not differ. [constant]: how many indicators score the same everywhere.
  std::vector<SpreadShare> spread;
  std::size_t constant = 0;
  std::vector<NearGrade> near_grades;  // each grade with a threshold, in the ruleset's order
  // The bounds between tiers that departments sit near (interpreter/tools/crowding.hpp), the most
  // crowded first. Measured only where the departments' tested values were at hand (rubric batch
  // --report): [crowding_measured] says so; a report read from a results file alone has none.
  std::vector<CrowdedBound> crowded;
  bool crowding_measured = false;
  bool crowding_partial = false;  // BoundCrowding::partial(): some tiers were not watched

  // How the averages are rounded, in a sentence: "平均分为精确平均值按 2 位小数四舍五入（half-up）；…".
  std::string rounding_note() const;
  // [count] as a share of the ranked departments: "43.1%" (one decimal, half-up); "—" when none.
  std::string share_text(std::size_t count) const;
};

// Builds a report from departments given one at a time, in input order.
class BatchReportBuilder {
 public:
  explicit BatchReportBuilder(const ast::Ruleset& ruleset);

  // The indicators in table order: the score columns of the batch's results.
  const std::vector<std::string>& indicators() const { return indicator_names_; }

  // One department. [scores] are its indicators' rounded scores, in indicators() order (nullopt
  // where there is none). A department with an error, or without a total, is listed as failed.
  void add(std::size_t row, std::string id, std::string name, const std::optional<Decimal>& total, std::string grade,
           const std::vector<std::optional<Decimal>>& scores, std::string error);

  BatchReport finish();

 private:
  struct Accumulator {
    Decimal sum;
    std::size_t count = 0;
    std::optional<Decimal> min, max;
    void add(const Decimal& value);
  };
  BatchReport report_;
  std::vector<std::string> indicator_names_;
  std::vector<std::string> indicator_points_;
  std::vector<std::size_t> column_of_;   // by indicator: its top-level column
  std::vector<int> stats_of_;            // by indicator: its level-2 entry in report_.sections, or -1
  std::vector<std::size_t> column_stats_;  // by column: its entry in report_.sections
  std::vector<Accumulator> accumulators_;  // by report_.sections
  Accumulator total_;
  // By indicator: the sum of its scores and of its score times the total, for its share of the
  // spread; with the sum of the totals' squares.
  struct Spread {
    Decimal sum;
    Decimal product;
    Accumulator range;
  };
  std::vector<Spread> spread_;
  Decimal squares_;
  bool spread_overflow_ = false;  // a total or a product beyond a decimal: no spread section
  void finish_spread(BatchReport& report) const;
};

// Reads the results file [path] that run_batch() wrote for [ruleset] (.csv, or .jsonl/.ndjson)
// and builds the report. Throws std::runtime_error naming the file when it cannot be read or is
// not the results of this ruleset.
BatchReport read_batch_report(const ast::Ruleset& ruleset, const std::string& path);

// One self-contained HTML file (no scripts, nothing external), with print CSS for A4.
// The HTML lists the first and the last kShownAtEachEnd departments of the ranking (and of the
// failed ones) and says how many it leaves out between: a browser opens it at any batch size.
inline constexpr std::size_t kShownAtEachEnd = 100;
std::string render_batch_html(const BatchReport& report);

// The bytes of an .xlsx workbook: sheets 排名, 等级分布 (with a chart), 分项平均, 排名因素 (each
// indicator's share of the spread, the departments near each grade's threshold), 档位边界 (the
// departments near each bound between tiers, when measured) and, when some departments could not
// be scored, 未能评分. Throws std::runtime_error if libxlsxwriter fails.
std::string render_batch_xlsx(const BatchReport& report);

}  // namespace rubric::report
