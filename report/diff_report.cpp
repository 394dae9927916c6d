// Rendering `rubric diff`; see diff_report.hpp.
#include "report/diff_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/json_text.hpp"
#include "base/messages.hpp"
#include "report/batch_report.hpp"
#include "report/json.hpp"
#include "report/markdown.hpp"

#include "base/unicode.hpp"

namespace rubric {

namespace {

struct Summary {
  std::size_t scored = 0;
  std::size_t failed = 0;
  std::size_t changed_total = 0;
  std::size_t up = 0;    // to a better grade
  std::size_t down = 0;  // to a worse grade
  const ImpactRow* largest_gain = nullptr;
  const ImpactRow* largest_loss = nullptr;
};

// Grades are ordered best first in the new ruleset's table; a grade it lacks ranks last.
int rank(const ast::Ruleset& rs, const std::string& grade) {
  for (std::size_t i = 0; i < rs.grades.size(); ++i) {
    if (rs.grades[i].name == grade) return static_cast<int>(i);
  }
  return static_cast<int>(rs.grades.size());
}

Summary summarize(const DiffReport& report) {
  Summary s;
  for (const ImpactRow& row : *report.impact) {
    const auto change = row.change();
    if (!change) {
      ++s.failed;
      continue;
    }
    ++s.scored;
    if (!change->is_zero()) ++s.changed_total;
    if (row.old_grade != row.new_grade) {
      if (rank(*report.new_ruleset, row.new_grade) < rank(*report.new_ruleset, row.old_grade)) {
        ++s.up;
      } else {
        ++s.down;
      }
    }
    if (change->sign() > 0 && (!s.largest_gain || *change > *s.largest_gain->change())) s.largest_gain = &row;
    if (change->sign() < 0 && (!s.largest_loss || *change < *s.largest_loss->change())) s.largest_loss = &row;
  }
  return s;
}

std::string signed_text(const Decimal& d) { return (d.sign() > 0 ? "+" : "") + d.to_string(); }

// Where each ruleset is fragile over the departments given, as the batch report measures it
// (report/batch_report.hpp): each indicator's share of the spread of totals, the departments near
// each grade's threshold, and those near each bound between tiers.
struct Side {
  const char* name;  // "old", "new"
  report::BatchReport batch;
  const std::vector<CrowdedBound>* crowded;
};
inline constexpr std::size_t kShownFragile = 8;  // rows of each list the text and Markdown show

std::vector<Side> fragility(const DiffReport& r) {
  std::vector<Side> out;
  for (const bool old : {true, false}) {
    report::BatchReportBuilder builder(old ? *r.old_ruleset : *r.new_ruleset);
    std::size_t n = 0;
    for (const ImpactRow& row : *r.impact) {
      const auto& total = old ? row.old_total : row.new_total;
      const auto& scores = old ? row.old_scores : row.new_scores;
      ++n;
      if (!total || scores.size() != builder.indicators().size()) continue;
      builder.add(n, "", row.department, total, old ? row.old_grade : row.new_grade, scores, "");
    }
    out.push_back({old ? tr_later("old") : tr_later("new"), builder.finish(), old ? &r.old_crowded : &r.new_crowded});
  }
  return out;
}

// How near counts, in the messages' language: "1.5 percentage points" (1.5 个百分点).
std::string reach_words(const CrowdedBound& c) {
  if (c.kind != ast::TypeKind::Percent) return c.reach_text();
  const Decimal points = (c.reach * Decimal::from_int(100)).normalized();
  return tr_format("{} percentage point{}", points.to_string(), points == Decimal::from_int(1) ? "" : "s");
}

// The indicator a bound is in, or what stands for a let outside every indicator.
std::string owner(const CrowdedBound& c) { return c.indicator.empty() ? std::string(tr("(outside indicators)")) : c.indicator; }

std::string near_grades_text(const report::BatchReport& b) {
  std::vector<std::string> parts;
  for (const report::NearGrade& g : b.near_grades) {
    parts.push_back(tr_format("{} {}: {} below, {} at or above", g.grade, g.threshold.to_string(), g.below, g.above));
  }
  return fmt::format("{}", fmt::join(parts, std::string(tr("; "))));
}

std::string fragility_text(const DiffReport& r) {
  const std::vector<Side> sides = fragility(r);
  if (sides[0].batch.ranking.empty() && sides[1].batch.ranking.empty()) return {};
  std::string out = std::string(tr("\nWhere the rules are fragile, over these departments\n"));
  for (const Side& s : sides) {
    out += tr_format("  {}: what decides the ranking (each indicator's share of the spread of totals):", tr(s.name));
    if (s.batch.spread.empty()) out += std::string(tr(" the totals do not differ"));
    out += "\n";
    for (std::size_t i = 0; i < s.batch.spread.size() && i < kShownFragile; ++i) {
      out += fmt::format("    {:>8}  {}\n", report::percent_text(s.batch.spread[i].share), s.batch.spread[i].name);
    }
    out += tr_format("  {}: totals less than {} point from a grade's threshold: {}\n", tr(s.name), report::kNearGrade,
                     near_grades_text(s.batch));
    out += tr_format("  {}: departments near a bound between tiers (on its lower side / upper side):", tr(s.name));
    if (s.crowded->empty()) out += std::string(tr(" none"));
    out += "\n";
    for (std::size_t i = 0; i < s.crowded->size() && i < kShownFragile; ++i) {
      const CrowdedBound& c = (*s.crowded)[i];
      out += tr_format("    {} / {}  {}: {} {} (within {})\n", c.below, c.above, owner(c), c.subject, c.bound, reach_words(c));
    }
  }
  return out;
}

std::string fragility_markdown(const DiffReport& r) {
  const std::vector<Side> sides = fragility(r);
  if (sides[0].batch.ranking.empty() && sides[1].batch.ranking.empty()) return {};
  std::string out = std::string(tr("\n## Where the rules are fragile\n"));
  for (const Side& s : sides) {
    out += fmt::format("\n### {}\n\n", s.name == std::string("old") ? tr("Old ruleset") : tr("New ruleset"));
    if (!s.batch.spread.empty()) {
      out += std::string(tr("| indicator | share of the spread of totals |\n|---|---:|\n"));
      for (std::size_t i = 0; i < s.batch.spread.size() && i < kShownFragile; ++i) {
        out += fmt::format("| {} | {} |\n", report::markdown_text(s.batch.spread[i].name), report::percent_text(s.batch.spread[i].share));
      }
      out += "\n";
    }
    out += tr_format("Totals less than {} point from a grade's threshold: {}.\n\n", report::kNearGrade, near_grades_text(s.batch));
    if (s.crowded->empty()) {
      out += std::string(tr("No department is near a bound between tiers.\n"));
      continue;
    }
    out += std::string(tr("| indicator | tested value | bound | within | lower side | upper side |\n|---|---|---|---|---:|---:|\n"));
    for (std::size_t i = 0; i < s.crowded->size() && i < kShownFragile; ++i) {
      const CrowdedBound& c = (*s.crowded)[i];
      out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", report::markdown_text(owner(c)), report::markdown_text(c.subject),
                         report::markdown_text(c.bound), reach_words(c), c.below, c.above);
    }
  }
  return out;
}

nlohmann::ordered_json fragility_json(const DiffReport& r) {
  using nlohmann::ordered_json;
  ordered_json out = ordered_json::object();
  for (const Side& s : fragility(r)) {
    ordered_json spread = ordered_json::array();
    for (const report::SpreadShare& x : s.batch.spread) spread.push_back({{"indicator", x.name}, {"share", json::exact(x.share)}});
    ordered_json grades = ordered_json::array();
    for (const report::NearGrade& g : s.batch.near_grades) {
      grades.push_back({{"grade", g.grade}, {"threshold", json::exact(g.threshold)}, {"below", g.below}, {"above", g.above}});
    }
    ordered_json bounds = ordered_json::array();
    for (const CrowdedBound& c : *s.crowded) {
      bounds.push_back({{"indicator", c.indicator}, {"subject", c.subject}, {"bound", c.bound}, {"value", json::exact(c.value)},
                        {"within", json::exact(c.reach)}, {"below", c.below}, {"above", c.above}, {"near", c.near()}});
    }
    out[s.name] = {{"spread", std::move(spread)}, {"near_grades", std::move(grades)}, {"near_bounds", std::move(bounds)}};
  }
  return out;
}

std::string summary_text(const Summary& s) {
  std::string text = tr_format("{} department{} scored under both; {} change{} total; {} change{} grade ({} up, {} down)",
                                 s.scored, s.scored == 1 ? "" : "s", s.changed_total, s.changed_total == 1 ? "s" : "",
                                 s.up + s.down, s.up + s.down == 1 ? "s" : "", s.up, s.down);
  if (s.largest_gain) {
    text += tr_format("; largest gain {} ({})", signed_text(*s.largest_gain->change()), s.largest_gain->department);
  }
  if (s.largest_loss) {
    text += tr_format("; largest loss {} ({})", signed_text(*s.largest_loss->change()), s.largest_loss->department);
  }
  if (s.failed > 0) text += tr_format("; {} could not be scored under both", s.failed);
  return text;
}

// The groups the changes are listed in, in this order.
struct Group {
  const char* title;
  std::vector<DiffKind> kinds;
};
const std::vector<Group>& groups() {
  static const std::vector<Group> kGroups = {
      {tr_later("Settings"), {DiffKind::SettingChanged}},
      {tr_later("Sections and indicators"),
       {DiffKind::Added, DiffKind::Removed, DiffKind::Renamed, DiffKind::Moved, DiffKind::PointsChanged,
        DiffKind::RuleChanged, DiffKind::TextChanged}},
      {tr_later("Functions"), {DiffKind::FunctionAdded, DiffKind::FunctionRemoved, DiffKind::FunctionChanged}},
      {tr_later("Named values (let)"), {DiffKind::LetAdded, DiffKind::LetRemoved, DiffKind::LetChanged}},
      {tr_later("Facts"), {DiffKind::FactAdded, DiffKind::FactRemoved, DiffKind::FactChanged}},
  };
  return kGroups;
}

char mark(DiffKind kind) {
  switch (kind) {
    case DiffKind::Added:
    case DiffKind::FunctionAdded:
    case DiffKind::LetAdded:
    case DiffKind::FactAdded: return '+';
    case DiffKind::Removed:
    case DiffKind::FunctionRemoved:
    case DiffKind::LetRemoved:
    case DiffKind::FactRemoved: return '-';
    default: return '~';
  }
}

std::string shorten(const std::string& text, std::size_t max = 400) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + " …";
}

// A change's subject for people: its kind in their language ("section 管理效率" → "分组 管理效率"),
// the settings' names ("year") and the name as they are.
std::string subject_words(const std::string& subject) {
  for (const char* kind : {tr_later("section"), tr_later("indicator"), tr_later("fact"), tr_later("function"), tr_later("let")}) {
    const std::string prefix = std::string(kind) + " ";
    if (subject.rfind(prefix, 0) == 0) return fmt::format("{} {}", tr(kind), subject.substr(prefix.size()));
  }
  return subject;
}

// Where the two sides of a rule score differently, for every department (regions.hpp).
std::string regions_text(const ImpactRegions& r, const std::string& indent) {
  if (r.regions.empty()) return tr_format("{}the two score alike for every value of {}\n", indent, r.subject);
  std::string out = tr_format("{}where the two score differently, for every department, by {}:\n", indent, r.subject);
  for (const ImpactRegion& x : r.regions) {
    std::string why;
    if (!x.sure) {
      why = x.depends.empty() ? std::string(tr(" (they could not be compared there)"))
                              : tr_format(" (unless {} make them equal)", fmt::join(x.depends, ", "));
    }
    out += tr_format("{}  {}: {} → {}{}\n", indent, x.where, x.old_score, x.new_score, why);
  }
  return out;
}

}  // namespace

std::string render_diff_text(const DiffReport& report) {
  std::string out = tr_format("{} → {}: {} change{}\n", report.old_path, report.new_path, report.changes.size(),
                                report.changes.size() == 1 ? "" : "s");
  for (const Group& group : groups()) {
    std::vector<const DiffEntry*> entries;
    for (const DiffEntry& e : report.changes) {
      if (std::find(group.kinds.begin(), group.kinds.end(), e.kind) != group.kinds.end()) entries.push_back(&e);
    }
    if (entries.empty()) continue;
    out += fmt::format("\n{}\n", tr(group.title));
    // The changes of one subject are listed together under it.
    std::vector<std::string> subjects;
    for (const DiffEntry* e : entries) {
      if (std::find(subjects.begin(), subjects.end(), e->subject) == subjects.end()) subjects.push_back(e->subject);
    }
    for (const std::string& subject : subjects) {
      std::vector<const DiffEntry*> mine;
      for (const DiffEntry* e : entries) {
        if (e->subject == subject) mine.push_back(e);
      }
      const DiffEntry& first = *mine.front();
      const char m = mine.size() == 1 ? mark(first.kind) : '~';
      out += fmt::format("  {} {}", m, subject_words(subject));
      if (!first.where.empty()) out += tr_format(" (in {})", first.where);
      const std::string indent = mine.size() == 1 ? "      " : "        ";
      if (mine.size() == 1) {
        out += fmt::format(": {}\n", first.summary);
      } else {
        out += "\n";
      }
      for (const DiffEntry* e : mine) {
        if (mine.size() > 1) out += fmt::format("      {}\n", e->summary);
        if (!e->old_text.empty() && !e->new_text.empty()) {
          out += tr_format("{}old: {}\n{}new: {}\n", indent, shorten(e->old_text), indent, shorten(e->new_text));
        }
        if (e->regions) out += regions_text(*e->regions, indent);
      }
    }
  }
  if (report.impact) {
    const auto& rows = *report.impact;
    out += tr_format("\nImpact on {} department{}\n", rows.size(), rows.size() == 1 ? "" : "s");
    int name_width = unicode::display_width("部门");
    for (const ImpactRow& r : rows) name_width = std::max(name_width, unicode::display_width(r.department));
    out += fmt::format("  {}  {:>9}  {}  {:>9}  {}  {:>8}\n", unicode::pad("部门", name_width), tr("old total"), tr("old"),
                       tr("new total"), tr("new"), tr("change"));
    for (const ImpactRow& r : rows) {
      if (!r.change()) {
        out += tr_format("  {}  not scored: {}\n", unicode::pad(r.department, name_width), r.error);
        continue;
      }
      const std::string grade_change = r.old_grade == r.new_grade ? "" : tr_format("  grade {} → {}", r.old_grade, r.new_grade);
      out += fmt::format("  {}  {:>9}  {}  {:>9}  {}  {:>8}{}\n", unicode::pad(r.department, name_width),
                         r.old_total->to_string(), unicode::pad(r.old_grade, 3), r.new_total->to_string(),
                         unicode::pad(r.new_grade, 3), signed_text(*r.change()), grade_change);
    }
    out += tr_format("Summary: {}\n", summary_text(summarize(report)));
    out += fragility_text(report);
  }
  return out;
}

std::string render_diff_markdown(const DiffReport& report) {
  const auto cell = [](std::string text) {
    std::string out;
    for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
  };
  std::string out = tr_format("# `{}` → `{}`\n\n{} change{}.\n", report.old_path, report.new_path,
                                report.changes.size(), report.changes.size() == 1 ? "" : "s");
  for (const Group& group : groups()) {
    std::vector<const DiffEntry*> entries;
    for (const DiffEntry& e : report.changes) {
      if (std::find(group.kinds.begin(), group.kinds.end(), e.kind) != group.kinds.end()) entries.push_back(&e);
    }
    if (entries.empty()) continue;
    out += tr_format("\n## {}\n\n| | what | where | change | old | new |\n|---|---|---|---|---|---|\n", tr(group.title));
    for (const DiffEntry* e : entries) {
      std::string summary = e->summary;
      if (e->regions) {
        std::string text = regions_text(*e->regions, "");
        for (char& c : text) c = c == '\n' ? ' ' : c;
        summary += "; " + text;
      }
      out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", mark(e->kind), cell(e->subject), cell(e->where),
                         cell(summary), e->old_text.empty() ? "" : "`" + cell(shorten(e->old_text)) + "`",
                         e->new_text.empty() ? "" : "`" + cell(shorten(e->new_text)) + "`");
    }
  }
  if (report.impact) {
    out += std::string(tr("\n## Impact\n\n| 部门 | old total | old grade | new total | new grade | change |\n|---|---:|---|---:|---|---:|\n"));
    for (const ImpactRow& r : *report.impact) {
      if (!r.change()) {
        out += tr_format("| {} | not scored: {} | | | | |\n", report::markdown_text(r.department), report::markdown_text(r.error));
        continue;
      }
      out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", report::markdown_text(r.department), r.old_total->to_string(), r.old_grade,
                         r.new_total->to_string(), r.new_grade, signed_text(*r.change()));
    }
    out += fmt::format("\n{}.\n", summary_text(summarize(report)));
    out += fragility_markdown(report);
  }
  return out;
}

std::string render_diff_json(const DiffReport& report) {
  using nlohmann::ordered_json;
  ordered_json j = json::document("diff");
  j["old"] = report.old_path;
  j["new"] = report.new_path;
  ordered_json changes = ordered_json::array();
  for (const DiffEntry& e : report.changes) {
    ordered_json c = {{"kind", std::string(to_string(e.kind))}, {"subject", e.subject}, {"where", e.where}, {"summary", e.summary}};
    if (!e.old_text.empty()) c["old"] = e.old_text;
    if (!e.new_text.empty()) c["new"] = e.new_text;
    if (e.regions) {
      ordered_json differ = ordered_json::array();
      for (const ImpactRegion& x : e.regions->regions) {
        differ.push_back({{"where", x.where}, {"old", x.old_score}, {"new", x.new_score}, {"sure", x.sure}, {"depends", x.depends}});
      }
      c["regions"] = {{"subject", e.regions->subject}, {"differ", std::move(differ)}};
    }
    changes.push_back(std::move(c));
  }
  j["changes"] = std::move(changes);
  if (report.impact) {
    ordered_json rows = ordered_json::array();
    for (const ImpactRow& r : *report.impact) {
      ordered_json row = {{"department", r.department}, {"file", r.file}};
      // Totals as JSON numbers with their exact digits, as in every document.
      row["old_total"] = r.old_total ? json::exact(*r.old_total) : ordered_json(nullptr);
      row["old_grade"] = r.old_total ? ordered_json(r.old_grade) : ordered_json(nullptr);
      row["new_total"] = r.new_total ? json::exact(*r.new_total) : ordered_json(nullptr);
      row["new_grade"] = r.new_total ? ordered_json(r.new_grade) : ordered_json(nullptr);
      row["change"] = r.change() ? json::exact(*r.change()) : ordered_json(nullptr);
      if (!r.error.empty()) row["error"] = r.error;
      rows.push_back(std::move(row));
    }
    const Summary s = summarize(report);
    j["impact"] = {{"departments", std::move(rows)},
                   {"summary",
                    {{"scored", s.scored},
                     {"not_scored", s.failed},
                     {"total_changed", s.changed_total},
                     {"grade_up", s.up},
                     {"grade_down", s.down},
                     {"text", summary_text(s)}}},
                   {"fragility", fragility_json(report)}};
  }
  return json::dump(j, 2) + "\n";
}

}  // namespace rubric
