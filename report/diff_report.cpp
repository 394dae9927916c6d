// Rendering `rubric diff`; see diff_report.hpp.
#include "report/diff_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/json_text.hpp"
#include "base/messages.hpp"
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
                     {"text", summary_text(s)}}}};
  }
  return json::dump(j, 2) + "\n";
}

}  // namespace rubric
