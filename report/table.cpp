// The terminal score table; see table.hpp.
#include "report/table.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "base/unicode.hpp"
#include "report/official_table.hpp"

namespace rubric {

std::vector<std::string> wrap(std::string_view text, int width) {
  std::vector<std::string> lines;
  std::string line;
  int used = 0;
  std::size_t last_break = std::string::npos;  // byte index in [line] after a space
  int used_at_break = 0;
  std::size_t offset = 0;
  while (offset < text.size()) {
    const std::size_t start = offset;
    const char32_t cp = unicode::decode(text, offset);
    const std::string_view ch = text.substr(start, offset - start);
    const int w = unicode::char_width(cp);
    if (used + w > width && !line.empty()) {
      if (last_break != std::string::npos && last_break > 0) {
        lines.push_back(line.substr(0, last_break));
        line = line.substr(last_break);
        used -= used_at_break;
      } else {
        lines.push_back(line);
        line.clear();
        used = 0;
      }
      last_break = std::string::npos;
      while (!line.empty() && line.front() == ' ') {
        line.erase(0, 1);
        --used;
      }
    }
    line += ch;
    used += w;
    if (cp == ' ') {
      last_break = line.size();
      used_at_break = used;
    }
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

namespace {

std::string points_text(const ast::PointsSpec& p) {
  return p.range ? fmt::format("{}~{}", p.lo.to_string(), p.hi.to_string()) : p.hi.to_string();
}

struct Row {
  std::string name;
  std::string points;
  std::string claimed;  // the department's own score (自评), when the facts give one
  std::string score;
  std::string basis;
  const NodeResult* node;
  int depth;
};

void collect(const NodeResult& node, int depth, int digits, std::vector<Row>& rows) {
  Row row;
  // Names, basis and errors may quote the user's text: control characters are shown, not sent.
  row.name = std::string(static_cast<std::size_t>(depth) * 2, ' ') + unicode::visible(node.name);
  row.points = points_text(node.points);
  if (node.score) {
    row.score = node.score->to_fixed(node.is_section ? digits : node.digits);
  } else {
    row.score = node.applies ? "—" : "不适用";
  }
  if (node.claimed) row.claimed = node.claimed->to_fixed(node.is_section ? digits : node.digits);
  // A computed score that differs from the claimed one is marked, so a reader's eye finds it.
  if (node.claim_differs()) row.score = "≠ " + row.score;
  // A section has no basis of its own, except an extra section: how its parts were held.
  const bool extra = node.section != nullptr && node.section->extra;
  std::string basis = node.basis;
  if (node.is_section && (!node.score || !extra)) basis = node.score ? "" : "未完成: " + node.error;
  row.basis = unicode::visible(basis);
  row.node = &node;
  row.depth = depth;
  rows.push_back(std::move(row));
  for (const NodeResult& child : node.children) collect(child, depth + 1, digits, rows);
}

// A line of the table without its trailing blanks, and its line break.
std::string trim(std::string line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line + "\n";
}

// 评价等级 with the grades ticked, and why it is not the total's alone (一票否决, a floor).
std::string grade_lines(const ast::Ruleset& ruleset, const Evaluation& evaluation, int name_width, const std::string& gap) {
  if (!evaluation.total) {
    return trim(unicode::pad("评价等级", name_width) + gap + "— (some indicators could not be scored; see the errors)");
  }
  std::string grades;
  for (const ast::GradeArm& g : ruleset.grades) {
    grades += (g.name == evaluation.grade ? "☑" : "☐") + unicode::visible(g.name) + " ";
  }
  std::string out = trim(unicode::pad("评价等级", name_width) + gap + unicode::visible(evaluation.grade) + "    " + grades);
  for (const std::string& note : evaluation.grade_notes) {
    out += trim(unicode::pad("", name_width) + gap + unicode::visible(note));
  }
  return out;
}

}  // namespace

std::string render_table(const ast::Ruleset& ruleset, const Evaluation& evaluation, const TableOptions& options) {
  std::vector<Row> rows;
  const int digits = total_digits(ruleset);
  for (const NodeResult& node : evaluation.nodes) collect(node, 0, digits, rows);
  const bool claims = evaluation.has_claims();

  // The columns: 指标 | 分值 | [自评] | 得分 | 评分依据; the last one wraps to fit the width.
  std::string total_points;
  if (const auto most = report::highest_total(ruleset)) total_points = most->to_string();
  std::string total = evaluation.total ? evaluation.total->to_fixed(digits) : "—";
  const bool total_differs =
      evaluation.claimed_total && (!evaluation.total || *evaluation.total != *evaluation.claimed_total);
  if (total_differs) total = "≠ " + total;
  const std::string claimed_total = evaluation.claimed_total ? evaluation.claimed_total->to_fixed(digits) : "";

  constexpr int kMaxNameWidth = 44;
  int name_width = unicode::display_width("评价等级");
  int points_width = std::max(unicode::display_width("分值"), unicode::display_width(total_points));
  int claimed_width = claims ? std::max(unicode::display_width("自评"), unicode::display_width(claimed_total)) : 0;
  int score_width = std::max(unicode::display_width("得分"), unicode::display_width(total));
  for (Row& row : rows) {
    row.name = unicode::truncate(row.name, kMaxNameWidth);
    name_width = std::max(name_width, unicode::display_width(row.name));
    points_width = std::max(points_width, unicode::display_width(row.points));
    if (claims) claimed_width = std::max(claimed_width, unicode::display_width(row.claimed));
    score_width = std::max(score_width, unicode::display_width(row.score));
  }
  const std::string gap = "  ";
  const int fixed = name_width + points_width + score_width + 6 + (claims ? claimed_width + 2 : 0);
  const int basis_width = std::max(30, options.width - fixed);
  const std::string indent(static_cast<std::size_t>(fixed), ' ');
  const auto cells = [&](const std::string& name, const std::string& points, const std::string& claimed,
                         const std::string& score) {
    std::string line = unicode::pad(name, name_width) + gap + unicode::pad(points, points_width, true) + gap;
    if (claims) line += unicode::pad(claimed, claimed_width, true) + gap;
    return line + unicode::pad(score, score_width, true) + gap;
  };
  const std::string rule(static_cast<std::size_t>(std::min(options.width, fixed + basis_width)), '-');

  std::string out;
  out += fmt::format("{}（{}，{}年度）\n", unicode::visible(ruleset.name), unicode::visible(ruleset.scheme), ruleset.year);
  out += fmt::format("部门：{}", unicode::visible(evaluation.department));
  if (evaluation.year) out += fmt::format("    年度：{}", *evaluation.year);
  out += "\n\n";
  out += trim(cells("指标", "分值", "自评", "得分") + "评分依据");
  out += rule + "\n";
  for (const Row& row : rows) {
    const auto lines = wrap(row.basis, basis_width);
    out += trim(cells(row.name, row.points, row.claimed, row.score) + lines.front());
    for (std::size_t i = 1; i < lines.size(); ++i) out += indent + lines[i] + "\n";
    if (options.explain && !row.node->is_section) {
      for (const TraceStep& step : row.node->trace) {
        const std::string lead = std::string(static_cast<std::size_t>(row.depth * 2 + 4 + step.depth * 2), ' ');
        const LineColumn lc = ruleset.line_column(step.span.begin);
        out += fmt::format("{}· {}  (line {})\n", lead, unicode::visible(step.text), lc.line);
      }
    }
  }
  out += rule + "\n";
  if (evaluation.base_total && ruleset.total) {
    out += trim(cells("基本得分", ruleset.total->to_string(), "", evaluation.base_total->to_fixed(digits)));
  }
  out += trim(cells("总分", total_points, claimed_total, total));
  out += grade_lines(ruleset, evaluation, name_width, gap);
  if (claims) {
    const std::size_t differences = claim_differences(evaluation).size();
    out += differences == 0 ? std::string("自评分与计算结果一致 (claimed scores match)\n")
                            : fmt::format("≠ 标出 {} 处自评分与计算结果不一致 (claimed ≠ computed)\n", differences);
  }
  return out;
}

}  // namespace rubric
