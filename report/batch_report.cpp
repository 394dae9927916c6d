// Building a batch report and reading a batch's results back; see batch_report.hpp.
#include "report/batch_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "interpreter/batch/batch.hpp"
#include "base/csv_cell.hpp"
#include "base/csv_reader.hpp"
#include "report/official_table.hpp"

namespace rubric::report {
namespace {

// The exact mean of [count] values adding up to [sum], rounded half-up to [digits]. The
// quotient sum / count is rounded at the 24th digit when it does not terminate, so the rounded
// mean is checked against the exact bounds with exact products and moved by one unit if needed.
Decimal mean_half_up(const Decimal& sum, std::size_t count, int digits) {
  const Decimal n = Decimal::from_int(static_cast<std::int64_t>(count));
  Decimal m = (sum / n).round(digits, RoundingMode::HalfUp);
  const Decimal unit = Decimal::from_parts(1, digits);
  const Decimal half = Decimal::from_parts(5, digits + 1);
  for (int i = 0; i < 2; ++i) {
    const Decimal low = (m - half) * n;
    const Decimal high = (m + half) * n;
    // sum ≥ 0: m − ½ ≤ mean < m + ½; sum < 0: m − ½ < mean ≤ m + ½ (ties away from zero).
    const bool too_high = sum.sign() >= 0 ? low > sum : low >= sum;
    const bool too_low = sum.sign() >= 0 ? high <= sum : high < sum;
    if (too_high) {
      m -= unit;
    } else if (too_low) {
      m += unit;
    } else {
      break;
    }
  }
  return m;
}

ScoreStats stats_of(ScoreStats s, std::size_t count, const Decimal& sum, const std::optional<Decimal>& min,
                    const std::optional<Decimal>& max, int digits) {
  s.count = count;
  if (count > 0) s.mean = mean_half_up(sum, count, digits);
  s.min = min;
  s.max = max;
  return s;
}

std::optional<Decimal> parse_number(const std::string& text, const std::string& where) {
  if (text.empty()) return std::nullopt;
  const auto value = Decimal::parse(text);
  if (!value) throw std::runtime_error(fmt::format("{}: expected a number, found \"{}\"", where, text));
  return value;
}

void read_csv(const std::string& path, BatchReportBuilder& builder) {
  const std::vector<std::string>& leaves = builder.indicators();
  CsvRecords in(path);
  std::vector<std::string> fields;
  if (!in.next(fields)) throw std::runtime_error(path + ": the results file is empty");
  if (fields[0].rfind("\xEF\xBB\xBF", 0) == 0) fields[0].erase(0, 3);  // a UTF-8 BOM
  // Text cells written with a single quote against formula injection get their text back.
  for (std::string& f : fields) f = csv_text_value(std::move(f));
  // A ruleset with vetoes has a column "vetoes" before "error" (which vetoes applied).
  const bool vetoes = fields.size() == leaves.size() + 7 && fields[fields.size() - 2] == "vetoes";
  const std::size_t width = leaves.size() + (vetoes ? 7 : 6);
  bool ours = fields.size() == width && fields[0] == "row" && fields[1] == "id" && fields[2] == "department" &&
              fields[3] == "total" && fields[4] == "grade" && fields.back() == "error";
  for (std::size_t i = 0; ours && i < leaves.size(); ++i) ours = fields[5 + i] == leaves[i];
  if (!ours) throw std::runtime_error(path + ": not the results of this ruleset (its header differs)");
  std::vector<std::optional<Decimal>> scores(leaves.size());
  while (in.next(fields)) {
    if (fields.size() == 1 && fields[0].empty()) continue;
    const std::string where = fmt::format("{}:{}", path, in.line());
    if (fields.size() != width) {
      throw std::runtime_error(fmt::format("{}: expected {} fields, found {}", where, width, fields.size()));
    }
    for (const std::size_t text : {std::size_t{1}, std::size_t{2}, std::size_t{4}, fields.size() - 1}) {
      fields[text] = csv_text_value(std::move(fields[text]));
    }
    const auto row = parse_number(fields[0], where);
    for (std::size_t i = 0; i < leaves.size(); ++i) scores[i] = parse_number(fields[5 + i], where);
    builder.add(row ? static_cast<std::size_t>(row->to_int64().value_or(0)) : 0, std::move(fields[1]),
                std::move(fields[2]), parse_number(fields[3], where), std::move(fields[4]), scores,
                std::move(fields.back()));
  }
}

// One line of JSON Lines results, read with nlohmann's SAX interface so that numbers keep their
// exact text (a DOM would turn 9.96 into a double).
class ResultLine : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit ResultLine(std::size_t leaves) : scores(leaves) {}

  std::size_t row = 0;
  std::string id, name, grade, error;
  std::optional<Decimal> total;
  std::vector<std::optional<Decimal>> scores;
  std::size_t scores_seen = 0;
  std::string problem;

  bool null() override { return value(std::nullopt, ""); }
  bool boolean(bool) override { return fail("a true or false"); }
  bool number_integer(number_integer_t v) override { return value(Decimal::from_int(v), ""); }
  bool number_unsigned(number_unsigned_t v) override { return value(Decimal::parse(std::to_string(v)), ""); }
  bool number_float(number_float_t, const string_t& text) override {
    const auto d = Decimal::parse(text);
    if (!d) return fail("the number " + text);
    return value(d, "");
  }
  bool string(string_t& text) override { return value(std::nullopt, text, true); }
  bool binary(binary_t&) override { return fail("binary data"); }
  bool start_object(std::size_t) override {
    ++depth_;
    if (in_diagnostics_) return depth_ == 2 || fail("nested objects");
    if (depth_ == 2 && key_ != "scores") return fail("an object in \"" + key_ + "\"");
    return depth_ <= 2 || fail("nested objects");
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool key(string_t& k) override {
    key_ = k;
    return true;
  }
  // "vetoes": [texts], the vetoes that applied, and "diagnostics": [objects], the row's problems;
  // the report shows neither.
  bool start_array(std::size_t) override {
    if (depth_ == 1 && key_ == "diagnostics" && !in_vetoes_ && !in_diagnostics_) {
      in_diagnostics_ = true;
      return true;
    }
    if (depth_ != 1 || key_ != "vetoes" || in_vetoes_ || in_diagnostics_) return fail("an array");
    in_vetoes_ = true;
    return true;
  }
  bool end_array() override {
    in_vetoes_ = false;
    in_diagnostics_ = false;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    problem = e.what();
    return false;
  }

 private:
  bool fail(const std::string& what) {
    problem = "unexpected " + what;
    return false;
  }
  bool value(const std::optional<Decimal>& number, const std::string& text, bool is_text = false) {
    if (in_diagnostics_) return true;  // the row's problems one by one: "error" has them all
    if (in_vetoes_) return is_text || fail("a veto that is not a text");
    if (depth_ == 2) {
      if (is_text) return fail("text among the scores");
      if (scores_seen >= scores.size()) return fail("extra scores");
      scores[scores_seen++] = number;
      return true;
    }
    if (key_ == "row") {
      row = number ? static_cast<std::size_t>(number->to_int64().value_or(0)) : 0;
    } else if (key_ == "id") {
      id = is_text ? text : (number ? number->to_string() : "");
    } else if (key_ == "department") {
      name = text;
    } else if (key_ == "total") {
      total = number;
    } else if (key_ == "grade") {
      grade = text;
    } else if (key_ == "error") {
      error = text;
    }
    return true;
  }
  int depth_ = 0;
  bool in_vetoes_ = false;
  bool in_diagnostics_ = false;
  std::string key_;
};

void read_jsonl(std::istream& in, const std::string& path, BatchReportBuilder& builder) {
  const std::size_t leaves = builder.indicators().size();
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    ResultLine r(leaves);
    const bool ok = nlohmann::json::sax_parse(line, &r);
    if (!ok || r.scores_seen != leaves) {
      throw std::runtime_error(fmt::format("{}:{}: not a result of this ruleset{}", path, n,
                                           r.problem.empty() ? "" : " (" + r.problem + ")"));
    }
    builder.add(r.row, std::move(r.id), std::move(r.name), r.total, std::move(r.grade), r.scores, std::move(r.error));
  }
}

}  // namespace

std::string BatchReport::rounding_note() const {
  return fmt::format(
      "平均分为已评分部门得分的精确平均值，按 {} 位小数四舍五入（half-up）；最低、最高分为实际得分。"
      "一级指标得分为其下各指标（已按评分标准取舍的）得分之和。",
      digits);
}

std::string percent_text(const Decimal& fraction) {
  return (fraction * Decimal::from_int(100)).to_fixed(2) + "%";
}

std::string BatchReport::share_text(std::size_t count) const {
  if (ranking.empty()) return "—";
  const Decimal share = Decimal::from_int(static_cast<std::int64_t>(count)) * Decimal::from_int(100) /
                        Decimal::from_int(static_cast<std::int64_t>(ranking.size()));
  return share.to_fixed(1) + "%";
}

void BatchReportBuilder::Accumulator::add(const Decimal& value) {
  sum += value;
  ++count;
  if (!min || value < *min) min = value;
  if (!max || value > *max) max = value;
}

BatchReportBuilder::BatchReportBuilder(const ast::Ruleset& ruleset) {
  report_.title = ruleset.name;
  report_.scheme = ruleset.scheme;
  report_.year = ruleset.year;
  report_.digits = total_digits(ruleset);
  for (std::size_t i = 0; i < ruleset.grades.size(); ++i) {
    report_.grades.push_back({ruleset.grades[i].name, grade_range(ruleset, i), 0});
  }
  // Every indicator in table order, with the top-level column and the level-2 section it is in.
  const auto walk = [&](const auto& self, const std::vector<ast::Item>& items, std::size_t column, int level2) -> void {
    for (const ast::Item& item : items) {
      if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
        int inner = level2;
        if (level2 < 0) {
          inner = static_cast<int>(report_.sections.size());
          report_.sections.push_back({(*s)->name, 2, points_text((*s)->points), 0, {}, {}, {}});
        }
        self(self, (*s)->items, column, inner);
      } else if (const auto* ind = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
        indicator_names_.push_back((*ind)->name);
        indicator_points_.push_back(points_text((*ind)->points));
        column_of_.push_back(column);
        stats_of_.push_back(level2);
      }
    }
  };
  for (const ast::Item& item : ruleset.items) {
    const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item);
    const auto* ind = std::get_if<std::unique_ptr<ast::Indicator>>(&item);
    if (s == nullptr && ind == nullptr) continue;
    const std::string name = s ? (*s)->name : (*ind)->name;
    const std::string points = points_text(s ? (*s)->points : (*ind)->points);
    const std::size_t column = report_.columns.size();
    report_.columns.push_back({name, points});
    column_stats_.push_back(report_.sections.size());
    report_.sections.push_back({name, 1, points, 0, {}, {}, {}});
    if (s) {
      walk(walk, (*s)->items, column, -1);
    } else {
      indicator_names_.push_back(name);
      indicator_points_.push_back(points);
      column_of_.push_back(column);
      stats_of_.push_back(-1);
    }
  }
  accumulators_.resize(report_.sections.size());
  spread_.resize(indicator_names_.size());
  for (const ast::GradeArm& g : ruleset.grades) {
    if (g.threshold) report_.near_grades.push_back({g.name, *g.threshold, 0, 0});
  }
  report_.total = {"总分", 0, ruleset.total ? ruleset.total->to_string() : "", 0, {}, {}, {}};
}

void BatchReportBuilder::add(std::size_t row, std::string id, std::string name, const std::optional<Decimal>& total,
                             std::string grade, const std::vector<std::optional<Decimal>>& scores, std::string error) {
  ++report_.rows;
  BatchDepartment d;
  d.row = row;
  d.id = std::move(id);
  d.name = std::move(name);
  d.total = total;
  d.grade = std::move(grade);
  d.error = std::move(error);
  if (!d.total || !d.error.empty()) {
    if (d.error.empty()) d.error = "总分无法计算";
    d.total.reset();
    ++report_.errors;
    report_.failed.push_back(std::move(d));
    return;
  }
  // Each section's score: the sum of its indicators' scores. A department with a total has a
  // score for every indicator that applies: one without is an alternative not chosen (choose).
  std::vector<std::optional<Decimal>> sums(report_.sections.size(), Decimal());
  for (std::size_t i = 0; i < indicator_names_.size() && i < scores.size(); ++i) {
    const auto add_to = [&](std::size_t s) {
      if (scores[i]) *sums[s] += *scores[i];
    };
    add_to(column_stats_[column_of_[i]]);
    if (stats_of_[i] >= 0) add_to(static_cast<std::size_t>(stats_of_[i]));
  }
  for (std::size_t s = 0; s < sums.size(); ++s) {
    if (sums[s]) accumulators_[s].add(*sums[s]);
  }
  // An indicator without a score (an alternative not chosen) adds nothing to the total: 0 here.
  // Totals too large to square in a decimal leave the spread out (finish_spread), not the report.
  const Decimal& t = *d.total;
  try {
    if (!spread_overflow_) squares_ += t * t;
    for (std::size_t i = 0; i < spread_.size() && !spread_overflow_; ++i) {
      const Decimal s = i < scores.size() && scores[i] ? *scores[i] : Decimal();
      spread_[i].sum += s;
      spread_[i].product += s * t;
      spread_[i].range.add(s);
    }
  } catch (const DecimalError&) {
    spread_overflow_ = true;
  }
  for (NearGrade& g : report_.near_grades) {
    const Decimal gap = t - g.threshold;
    if (gap.sign() < 0 && gap > -Decimal::from_int(kNearGrade)) ++g.below;
    if (gap.sign() >= 0 && gap < Decimal::from_int(kNearGrade)) ++g.above;
  }
  d.sections.reserve(report_.columns.size());
  for (std::size_t c = 0; c < report_.columns.size(); ++c) d.sections.push_back(sums[column_stats_[c]]);
  total_.add(*d.total);
  for (GradeCount& g : report_.grades) {
    if (g.name == d.grade) ++g.count;
  }
  report_.ranking.push_back(std::move(d));
}

BatchReport BatchReportBuilder::finish() {
  BatchReport report = std::move(report_);
  std::stable_sort(report.ranking.begin(), report.ranking.end(),
                   [](const BatchDepartment& a, const BatchDepartment& b) { return *a.total > *b.total; });
  for (std::size_t i = 0; i < report.ranking.size(); ++i) {
    BatchDepartment& d = report.ranking[i];
    d.rank = i > 0 && *d.total == *report.ranking[i - 1].total ? report.ranking[i - 1].rank : i + 1;
  }
  for (std::size_t s = 0; s < report.sections.size(); ++s) {
    const Accumulator& a = accumulators_[s];
    report.sections[s] = stats_of(report.sections[s], a.count, a.sum, a.min, a.max, report.digits);
  }
  report.total = stats_of(report.total, total_.count, total_.sum, total_.min, total_.max, report.digits);
  finish_spread(report);
  report_ = BatchReport();
  return report;
}

// Each indicator's share of the spread: (n·Σst − Σs·Σt) / (n·Σt² − (Σt)²), exact but for the one
// division. Figures too large for a decimal leave the section out rather than show a wrong share.
void BatchReportBuilder::finish_spread(BatchReport& report) const {
  if (spread_overflow_) return;
  try {
    const Decimal n = Decimal::from_int(static_cast<std::int64_t>(total_.count));
    const Decimal variance = n * squares_ - total_.sum * total_.sum;
    for (std::size_t i = 0; i < spread_.size(); ++i) {
      const Spread& s = spread_[i];
      if (s.range.count == 0 || *s.range.min == *s.range.max) {
        ++report.constant;
        continue;
      }
      if (variance.sign() <= 0) continue;
      const Decimal share = (n * s.product - s.sum * total_.sum) / variance;
      report.spread.push_back({indicator_names_[i], indicator_points_[i], share.round(4, RoundingMode::HalfUp),
                               s.range.min, s.range.max});
    }
  } catch (const DecimalError&) {
    report.spread.clear();
    return;
  }
  std::stable_sort(report.spread.begin(), report.spread.end(),
                   [](const SpreadShare& a, const SpreadShare& b) { return a.share.abs() > b.share.abs(); });
}

BatchReport read_batch_report(const ast::Ruleset& ruleset, const std::string& path) {
  const auto format = batch_format_of(path);
  if (!format) throw std::runtime_error(path + ": the results must be .csv, .jsonl or .ndjson");
  BatchReportBuilder builder(ruleset);
  if (*format == BatchFormat::Csv) {
    read_csv(path, builder);
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot read the results");
    read_jsonl(in, path, builder);
  }
  return builder.finish();
}

}  // namespace rubric::report
