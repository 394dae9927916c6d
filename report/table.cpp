// The terminal score table; see table.hpp.
#include "report/table.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "dsl/unicode.hpp"

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
  std::string score;
  std::string basis;
  const NodeResult* node;
  int depth;
};

void collect(const NodeResult& node, int depth, int digits, std::vector<Row>& rows) {
  Row row;
  row.name = std::string(static_cast<std::size_t>(depth) * 2, ' ') + node.name;
  row.points = points_text(node.points);
  if (node.score) {
    row.score = node.score->to_fixed(node.is_section ? digits : node.digits);
  } else {
    row.score = "—";
  }
  row.basis = node.is_section ? (node.score ? "" : "未完成: " + node.error) : node.basis;
  row.node = &node;
  row.depth = depth;
  rows.push_back(std::move(row));
  for (const NodeResult& child : node.children) collect(child, depth + 1, digits, rows);
}

}  // namespace

std::string render_table(const ast::Ruleset& ruleset, const Evaluation& evaluation, const TableOptions& options) {
  std::vector<Row> rows;
  const int digits = ruleset.rounding.digits;
  for (const NodeResult& node : evaluation.nodes) collect(node, 0, digits, rows);
  constexpr int kMaxNameWidth = 44;
  int name_width = unicode::display_width("指标");
  int points_width = unicode::display_width("分值");
  int score_width = unicode::display_width("得分");
  for (Row& row : rows) {
    row.name = unicode::truncate(row.name, kMaxNameWidth);
    name_width = std::max(name_width, unicode::display_width(row.name));
    points_width = std::max(points_width, unicode::display_width(row.points));
    score_width = std::max(score_width, unicode::display_width(row.score));
  }
  const int basis_width = std::max(30, options.width - name_width - points_width - score_width - 6);
  const std::string gap = "  ";
  const std::string indent(static_cast<std::size_t>(name_width + points_width + score_width + 6), ' ');

  std::string out;
  out += fmt::format("{}（{}，{}年度）\n", ruleset.name, ruleset.scheme, ruleset.year);
  out += fmt::format("部门：{}", evaluation.department);
  if (evaluation.year) out += fmt::format("    年度：{}", *evaluation.year);
  out += "\n\n";
  out += unicode::pad("指标", name_width) + gap + unicode::pad("分值", points_width, true) + gap +
         unicode::pad("得分", score_width, true) + gap + "评分依据\n";
  out += std::string(static_cast<std::size_t>(std::min(options.width, name_width + points_width + score_width + 6 + basis_width)), '-') + "\n";
  for (const Row& row : rows) {
    const auto lines = wrap(row.basis, basis_width);
    out += unicode::pad(row.name, name_width) + gap + unicode::pad(row.points, points_width, true) + gap +
           unicode::pad(row.score, score_width, true) + gap + lines.front();
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
    for (std::size_t i = 1; i < lines.size(); ++i) out += indent + lines[i] + "\n";
    if (options.explain && !row.node->is_section) {
      for (const TraceStep& step : row.node->trace) {
        const std::string lead = std::string(static_cast<std::size_t>(row.depth * 2 + 4 + step.depth * 2), ' ');
        const LineColumn lc = ruleset.source->line_column(step.span.begin);
        out += fmt::format("{}· {}  (line {})\n", lead, step.text, lc.line);
      }
    }
  }
  out += std::string(static_cast<std::size_t>(std::min(options.width, name_width + points_width + score_width + 6 + basis_width)), '-') + "\n";
  std::string total_points;
  if (ruleset.total) total_points = ruleset.total->to_string();

  const std::string total = evaluation.total ? evaluation.total->to_fixed(digits) : "—";
  out += unicode::pad("总分", name_width) + gap + unicode::pad(total_points, points_width, true) + gap +
         unicode::pad(total, score_width, true) + "\n";
  if (evaluation.total) {
    std::string grades;
    for (const ast::GradeArm& g : ruleset.grades) {
      grades += (g.name == evaluation.grade ? "☑" : "☐") + g.name + " ";
    }
    out += unicode::pad("评价等级", name_width) + gap + evaluation.grade + "    " + grades + "\n";
  } else {
    out += unicode::pad("评价等级", name_width) + gap + "— (some indicators could not be scored; see the errors)\n";
  }
  return out;
}

}  // namespace rubric
