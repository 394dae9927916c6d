// Comparing two rulesets; see diff.hpp.
#include "interpreter/tools/diff.hpp"
#include "base/messages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/diagnostic.hpp"

namespace rubric {

std::string_view to_string(DiffKind kind) {
  switch (kind) {
    case DiffKind::Added: return "added";
    case DiffKind::Removed: return "removed";
    case DiffKind::Moved: return "moved";
    case DiffKind::Renamed: return "renamed";
    case DiffKind::PointsChanged: return "points";
    case DiffKind::RuleChanged: return "rule";
    case DiffKind::TextChanged: return "text";
    case DiffKind::FunctionAdded: return "function added";
    case DiffKind::FunctionRemoved: return "function removed";
    case DiffKind::FunctionChanged: return "function";
    case DiffKind::FactAdded: return "fact added";
    case DiffKind::FactRemoved: return "fact removed";
    case DiffKind::FactChanged: return "fact";
    case DiffKind::LetAdded: return "let added";
    case DiffKind::LetRemoved: return "let removed";
    case DiffKind::LetChanged: return "let";
    case DiffKind::SettingChanged: return "setting";
  }
  return "";
}

namespace {

// Source text on one line, whitespace folded and comments dropped, so that layout changes are
// not rule changes.
std::string normalized(const ast::Ruleset& rs, Span span) {
  const std::string_view text = rs.slice(span);
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!in_string && c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    if (c == '"' && (i == 0 || text[i - 1] != '\\')) in_string = !in_string;
    const bool space = !in_string && (c == ' ' || c == '\n' || c == '\t' || c == '\r');
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string points_text(const ast::PointsSpec& p) {
  return p.range ? fmt::format("{} to {}", p.lo.to_string(), p.hi.to_string()) : p.hi.to_string();
}

struct Node {
  bool section = false;
  std::string name;
  std::string parent;  // path of the parent, "" at the top
  const ast::Section* s = nullptr;
  const ast::Indicator* i = nullptr;
  std::string rule;  // lets and score, normalized (indicators)
};

std::string path_of(const std::string& parent, const std::string& name) {
  return parent.empty() ? name : parent + " / " + name;
}

void collect(const ast::Ruleset& rs, const std::vector<ast::Item>& items, const std::string& parent,
             std::vector<Node>& out) {
  for (const ast::Item& item : items) {
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      out.push_back({true, (*s)->name, parent, s->get(), nullptr, ""});
      collect(rs, (*s)->items, path_of(parent, (*s)->name), out);
    } else if (const auto* ind = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
      Node n{false, (*ind)->name, parent, nullptr, ind->get(), ""};
      if ((*ind)->applies) n.rule += normalized(rs, (*ind)->applies_span) + "; ";
      for (const ast::Let& l : (*ind)->lets) n.rule += normalized(rs, l.span) + "; ";
      if ((*ind)->score) n.rule += "score " + normalized(rs, (*ind)->score->span);
      if ((*ind)->rounding) n.rule += fmt::format("; rounding {} {}", (*ind)->rounding->digits, to_string((*ind)->rounding->mode));
      out.push_back(std::move(n));
    }
  }
}

const ast::PointsSpec& points_of(const Node& n) { return n.section ? n.s->points : n.i->points; }
std::string kind_of(const Node& n) { return n.section ? tr_later("section") : tr_later("indicator"); }

// The first tier table in an expression, if any.
const ast::Tiered* tiers_in(const ast::Expr& e) {
  if (const auto* t = std::get_if<ast::Tiered>(&e.node)) return t;
  if (const auto* w = std::get_if<ast::When>(&e.node)) {
    for (const auto& arm : w->arms) {
      if (const ast::Tiered* t = tiers_in(*arm.result)) return t;
    }
  }
  return nullptr;
}

// Narrows a change between two tier tables of the same length to the bounds and scores that
// differ. A bound shared by two neighbouring tiers that moved together is one change.
std::vector<std::string> tier_changes(const ast::Ruleset& a, const ast::Tiered& x, const ast::Ruleset& b,
                                      const ast::Tiered& y) {
  std::vector<std::string> out;
  if (x.tiers.size() != y.tiers.size()) return out;
  const auto bound = [](const ast::Ruleset& rs, const ast::Bound& bd) {
    return bd.value ? normalized(rs, bd.value->span) : bd.infinity > 0 ? std::string("inf") : std::string("-inf");
  };
  const std::size_t n = x.tiers.size();
  std::vector<bool> lo_done(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const ast::Interval& p = x.tiers[i].interval;
    const ast::Interval& q = y.tiers[i].interval;
    const std::string p_hi = bound(a, p.hi);
    const std::string q_hi = bound(b, q.hi);
    const bool hi_changed = p_hi != q_hi || p.hi_closed != q.hi_closed;
    if (hi_changed) {
      const std::string from = p_hi + (p.hi_closed ? "]" : ")");
      const std::string to = q_hi + (q.hi_closed ? "]" : ")");
      // The next tier's lower bound moved the same way: one shared bound.
      if (i + 1 < n) {
        const ast::Interval& pn = x.tiers[i + 1].interval;
        const ast::Interval& qn = y.tiers[i + 1].interval;
        if (bound(a, pn.lo) == p_hi && bound(b, qn.lo) == q_hi && bound(a, pn.lo) != bound(b, qn.lo)) {
          lo_done[i + 1] = true;
          out.push_back(tr_format("the bound between tier {} and tier {}: {} → {} ({} → {}, then {} → {})", i + 1,
                                    i + 2, p_hi, q_hi, normalized(a, p.span), normalized(b, q.span),
                                    normalized(a, pn.span), normalized(b, qn.span)));
          continue;
        }
      }
      out.push_back(tr_format("tier {} upper bound: {} → {}", i + 1, from, to));
    }
    const std::string p_lo = bound(a, p.lo);
    const std::string q_lo = bound(b, q.lo);
    if (!lo_done[i] && (p_lo != q_lo || p.lo_closed != q.lo_closed)) {
      out.push_back(tr_format("tier {} lower bound: {}{} → {}{}", i + 1, p.lo_closed ? "[" : "(", p_lo,
                                q.lo_closed ? "[" : "(", q_lo));
    }
    const std::string pr = normalized(a, x.tiers[i].result->span);
    const std::string qr = normalized(b, y.tiers[i].result->span);
    if (pr != qr) out.push_back(tr_format("tier {} {}: score {} → {}", i + 1, normalized(b, q.span), pr, qr));
  }
  return out;
}

// The names of the indicators whose rule mentions [function] (for "affects …").
std::vector<std::string> callers(const std::vector<Node>& nodes, const std::string& function) {
  std::vector<std::string> out;
  for (const Node& n : nodes) {
    if (!n.section && n.rule.find(function + "(") != std::string::npos) out.push_back(n.name);
  }
  return out;
}

class Differ {
 public:
  Differ(const ast::Ruleset& a, const ast::Ruleset& b) : a_(a), b_(b) {
    collect(a, a.items, "", old_nodes_);
    collect(b, b.items, "", new_nodes_);
  }

  std::vector<DiffEntry> run() {
    settings();
    nodes();
    functions();
    lets();
    facts();
    return std::move(out_);
  }

 private:
  void add(DiffKind kind, std::string subject, std::string where, std::string summary, std::string old_text = {},
           std::string new_text = {}) {
    out_.push_back({kind, std::move(subject), std::move(where), std::move(summary), std::move(old_text),
                    std::move(new_text), std::nullopt});
  }
  void settings();
  static std::string vetoes(const ast::Ruleset& rs);
  void calendars();
  void nodes();
  void pair_renamed(std::vector<const Node*>& removed, std::vector<const Node*>& added);
  void list_gone_or_new(const std::vector<const Node*>& nodes, DiffKind kind, const char* verb);
  void compare(const Node& x, const Node& y);
  std::string translated(const std::string& path) const;
  void functions();
  void lets();
  void facts();

  const ast::Ruleset& a_;
  const ast::Ruleset& b_;
  std::vector<Node> old_nodes_;
  std::vector<Node> new_nodes_;
  std::vector<DiffEntry> out_;
  std::map<std::string, std::string> renamed_;  // old section name → new
};

namespace {

void veto_texts(const ast::Ruleset& rs, const std::string& where, const std::vector<ast::Veto>& vetoes,
                std::vector<std::string>& out) {
  for (const ast::Veto& v : vetoes) {
    std::vector<std::string> effects;
    if (v.zero) effects.emplace_back("zero");
    if (!v.grade.empty()) effects.push_back("grade " + v.grade);
    out.push_back(fmt::format("{}veto \"{}\" when {} -> {}", where, v.text, normalized(rs, v.condition->span),
                              fmt::join(effects, ", ")));
  }
}

void section_vetoes(const ast::Ruleset& rs, const std::vector<ast::Item>& items, std::vector<std::string>& out) {
  for (const ast::Item& item : items) {
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      veto_texts(rs, "in " + (*s)->name + ": ", (*s)->vetoes, out);
      section_vetoes(rs, (*s)->items, out);
    }
  }
}

}  // namespace

// Every veto of [rs], where it is, on one line: a change of any is a change of the criteria.
std::string Differ::vetoes(const ast::Ruleset& rs) {
  std::vector<std::string> out;
  veto_texts(rs, "", rs.vetoes, out);
  section_vetoes(rs, rs.items, out);
  return fmt::format("{}", fmt::join(out, "; "));
}

void Differ::settings() {
  if (a_.name != b_.name) add(DiffKind::SettingChanged, "name", "", std::string(tr("the ruleset's name changed")), a_.name, b_.name);
  if (a_.scheme != b_.scheme) add(DiffKind::SettingChanged, "scheme", "", tr_format("scheme {} → {}", a_.scheme, b_.scheme));
  if (a_.year != b_.year) add(DiffKind::SettingChanged, "year", "", tr_format("year {} → {}", a_.year, b_.year));
  const auto total = [](const ast::Ruleset& rs) { return rs.total ? rs.total->to_string() : std::string("(none)"); };
  if (total(a_) != total(b_)) add(DiffKind::SettingChanged, "total", "", tr_format("total {} → {}", total(a_), total(b_)));
  const auto rounding = [](const ast::Ruleset& rs) {
    return fmt::format("rounding {} {}", rs.rounding.digits, to_string(rs.rounding.mode));
  };
  if (rounding(a_) != rounding(b_)) add(DiffKind::SettingChanged, "rounding", "", fmt::format("{} → {}", rounding(a_), rounding(b_)));
  const auto grades = [](const ast::Ruleset& rs) {
    std::vector<std::string> arms;
    for (const auto& g : rs.grades) {
      std::string arm = g.threshold ? g.name + " >= " + g.threshold->to_string() : g.name + " otherwise";
      if (g.floor) {
        arm += fmt::format(" unless any indicator{} below {}%",
                           g.floor_section.empty() ? "" : " in " + g.floor_section,
                           (*g.floor * Decimal::from_int(100)).to_string());
      }
      arms.push_back(arm);
    }
    return fmt::format("{}", fmt::join(arms, "; "));
  };
  if (grades(a_) != grades(b_)) add(DiffKind::SettingChanged, "grade", "", std::string(tr("the grade table changed")), grades(a_), grades(b_));
  if (vetoes(a_) != vetoes(b_)) add(DiffKind::SettingChanged, "veto", "", std::string(tr("the vetoes (一票否决) changed")), vetoes(a_), vetoes(b_));
  // A changed requirement on the facts accepts or refuses other departments.
  const auto requirements = [](const ast::Ruleset& rs) {
    std::vector<std::string> out;
    for (const ast::Requirement& r : rs.requirements) {
      out.push_back(fmt::format("require \"{}\": {}", r.text, normalized(rs, r.condition->span)));
    }
    return fmt::format("{}", fmt::join(out, "; "));
  };
  if (requirements(a_) != requirements(b_)) {
    add(DiffKind::SettingChanged, "require", "", std::string(tr("the requirements on the facts changed")), requirements(a_),
        requirements(b_));
  }
  calendars();
}

// Each year's calendar of working days, as the days that changed: a changed holiday changes every
// working_days(…) count that spans it.
void Differ::calendars() {
  const auto of_year = [](const std::set<std::int64_t>& days, int year) {
    std::set<std::int64_t> out;
    for (const std::int64_t d : days) {
      if (civil_from_days(d).year == year) out.insert(d);
    }
    return out;
  };
  const auto listed = [](const std::set<std::int64_t>& from, const std::set<std::int64_t>& without) {
    std::vector<std::string> out;
    for (const std::int64_t d : from) {
      if (without.count(d) == 0) out.push_back(format_date(d));
    }
    return out;
  };
  std::set<int> years = a_.work_calendar.years;
  years.insert(b_.work_calendar.years.begin(), b_.work_calendar.years.end());
  for (const int year : years) {
    const bool before = a_.work_calendar.years.count(year) != 0;
    const bool after = b_.work_calendar.years.count(year) != 0;
    std::vector<std::string> parts;
    for (const bool holiday : {true, false}) {
      const auto old_days = of_year(holiday ? a_.work_calendar.holidays : a_.work_calendar.workdays, year);
      const auto new_days = of_year(holiday ? b_.work_calendar.holidays : b_.work_calendar.workdays, year);
      const char* what = holiday ? tr_later("holidays") : tr_later("workdays");
      if (const auto added = listed(new_days, old_days); !added.empty()) {
        parts.push_back(tr_format("{} added: {}", tr(what), fmt::join(added, ", ")));
      }
      if (const auto removed = listed(old_days, new_days); !removed.empty()) {
        parts.push_back(tr_format("{} removed: {}", tr(what), fmt::join(removed, ", ")));
      }
    }
    if (before && after && parts.empty()) continue;
    const char* how = !before ? tr_later("added") : !after ? tr_later("removed") : tr_later("changed");
    add(DiffKind::SettingChanged, "calendar", "",
        tr_format("the calendar of {} {}{}{}", year, tr(how), parts.empty() ? "" : ": ", fmt::join(parts, "; ")));
  }
}

// A parent path with the renamed sections' old names replaced by their new ones, so that a child
// of a renamed section does not count as moved.
std::string Differ::translated(const std::string& path) const {
  std::string out;
  std::size_t start = 0;
  while (start <= path.size() && !path.empty()) {
    const std::size_t end = path.find(" / ", start);
    std::string part = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (auto it = renamed_.find(part); it != renamed_.end()) part = it->second;
    out += (out.empty() ? "" : " / ") + part;
    if (end == std::string::npos) break;
    start = end + 3;
  }
  return out;
}

void Differ::compare(const Node& x, const Node& y) {
  const std::string subject = kind_of(y) + " " + y.name;
  const std::string& where = y.parent;
  if (x.section != y.section) {
    add(DiffKind::RuleChanged, subject, where, tr_format("was a {}, now a {}", tr(kind_of(x)), tr(kind_of(y))));
  }
  if (translated(x.parent) != y.parent) {
    add(DiffKind::Moved, subject, where,
        tr_format("moved from {} to {}", x.parent.empty() ? std::string(tr("the top level")) : x.parent,
                    y.parent.empty() ? std::string(tr("the top level")) : y.parent));
  }
  if (points_text(points_of(x)) != points_text(points_of(y))) {
    add(DiffKind::PointsChanged, subject, where,
        tr_format("points {} → {}", points_text(points_of(x)), points_text(points_of(y))));
  }
  if (x.section && y.section && x.s->extra != y.s->extra) {
    add(DiffKind::RuleChanged, subject, where,
        x.s->extra ? std::string(tr("no longer extra: now part of the total"))
                   : std::string(tr("now extra: outside the total, the sum of its parts held within its points")));
  }
  if (x.section && y.section && (x.s->shared != y.s->shared || x.s->at_least != y.s->at_least)) {
    const auto shared_text = [](const ast::Section& s) {
      return s.shared ? tr_format("shared at least {}", s.at_least) : std::string(tr("not shared"));
    };
    add(DiffKind::RuleChanged, subject, where, fmt::format("{} → {}", shared_text(*x.s), shared_text(*y.s)));
  }
  if (x.section || y.section) return;
  if (x.rule != y.rule) {
    const ast::Tiered* tx = x.i->score ? tiers_in(*x.i->score) : nullptr;
    const ast::Tiered* ty = y.i->score ? tiers_in(*y.i->score) : nullptr;
    std::vector<std::string> narrowed;
    if (tx != nullptr && ty != nullptr && x.i->lets.size() == y.i->lets.size()) narrowed = tier_changes(a_, *tx, b_, *ty);
    const std::string summary = narrowed.empty() ? std::string(tr("the rule changed")) : fmt::format("{}", fmt::join(narrowed, "; "));
    add(DiffKind::RuleChanged, subject, where, summary, x.rule, y.rule);
    if (x.i->score && y.i->score) {
      out_.back().regions = impact_regions(a_, *x.i->score, x.i->points.hi, b_, *y.i->score, y.i->points.hi,
                                           &x.i->lets, &y.i->lets);
    }
  }
  const auto text_change = [&](const std::string& old_text, const std::string& new_text, const char* what) {
    if (old_text == new_text) return;
    const char* how = old_text.empty() ? tr_later("added") : new_text.empty() ? tr_later("removed") : tr_later("changed");
    add(DiffKind::TextChanged, subject, where, fmt::format("{} {}", tr(what), tr(how)), old_text, new_text);
  };
  text_change(x.i->explain, y.i->explain, tr_later("指标解释 (explain)"));
  text_change(x.i->standard, y.i->standard, tr_later("评分标准 (standard)"));
}

void Differ::nodes() {
  std::map<std::string, const Node*> old_by_name;
  std::map<std::string, const Node*> new_by_name;
  for (const Node& n : old_nodes_) old_by_name.emplace(n.name, &n);
  for (const Node& n : new_nodes_) new_by_name.emplace(n.name, &n);
  std::vector<const Node*> removed;
  std::vector<const Node*> added;
  for (const Node& n : old_nodes_) {
    if (!new_by_name.count(n.name)) removed.push_back(&n);
  }
  for (const Node& n : new_nodes_) {
    if (!old_by_name.count(n.name)) added.push_back(&n);
  }
  pair_renamed(removed, added);
  list_gone_or_new(removed, DiffKind::Removed, tr_later("removed"));
  list_gone_or_new(added, DiffKind::Added, tr_later("added"));
  for (const Node& y : new_nodes_) {
    auto it = old_by_name.find(y.name);
    if (it != old_by_name.end()) compare(*it->second, y);
  }
}

// Takes out of [removed] and [added] each pair that is one node renamed, and reports the rename
// and what else changed. Renamed: the same kind, under the same parent (as renamed), and either
// the same rule and points (an indicator), or a similar name (a section: 成本管理 → 运行成本,
// 管理效能 → 管理效率). Sections are paired top-down, so that a renamed parent is known when its
// children are.
void Differ::pair_renamed(std::vector<const Node*>& removed, std::vector<const Node*>& added) {
  const auto children = [](const ast::Section& s) {
    std::vector<std::string> names;
    for (const ast::Item& item : s.items) {
      if (const auto* c = std::get_if<std::unique_ptr<ast::Section>>(&item)) names.push_back((*c)->name);
      if (const auto* c = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) names.push_back((*c)->name);
    }
    return names;
  };
  const auto similar = [](const std::string& x, const std::string& y) {
    return closest_match(x, {y}).has_value();
  };
  for (auto r = removed.begin(); r != removed.end();) {
    const Node& old_node = **r;
    auto match = std::find_if(added.begin(), added.end(), [&](const Node* n) {
      if (n->section != old_node.section || translated(old_node.parent) != n->parent) return false;
      if (!n->section) return n->rule == old_node.rule && points_text(points_of(*n)) == points_text(points_of(old_node));
      const auto a = children(*n->s);
      const auto b = children(*old_node.s);
      const bool shares_child = std::any_of(a.begin(), a.end(), [&](const std::string& c) {
        return std::find(b.begin(), b.end(), c) != b.end();
      });
      return shares_child || similar(old_node.name, n->name);
    });
    if (match == added.end()) {
      ++r;
      continue;
    }
    renamed_[old_node.name] = (*match)->name;
    const std::string subject = kind_of(**match) + " " + (*match)->name;
    add(DiffKind::Renamed, subject, (*match)->parent, tr_format("renamed from {}", old_node.name));
    if (points_text(points_of(old_node)) != points_text(points_of(**match))) {
      add(DiffKind::PointsChanged, subject, (*match)->parent,
          tr_format("points {} → {}", points_text(points_of(old_node)), points_text(points_of(**match))));
    }
    if (!(*match)->section) compare(old_node, **match);
    added.erase(match);
    r = removed.erase(r);
  }
}

// Reports each of [nodes] as [kind], its summary opening with [verb] ("removed", "added"). A
// removed or added section speaks for its children: they are listed under it, not again.
void Differ::list_gone_or_new(const std::vector<const Node*>& nodes, DiffKind kind, const char* verb) {
  for (const Node* n : nodes) {
    const bool parent_listed = std::any_of(nodes.begin(), nodes.end(), [&](const Node* p) {
      return p->section && path_of(p->parent, p->name) == n->parent;
    });
    if (parent_listed) continue;
    std::string summary = tr_format("{} ({} points)", tr(verb), points_text(points_of(*n)));
    if (n->section) {
      std::vector<std::string> parts;
      for (const Node* c : nodes) {
        if (c->parent.rfind(path_of(n->parent, n->name), 0) == 0 && !c->section) {
          parts.push_back(fmt::format("{} {}", c->name, points_text(points_of(*c))));
        }
      }
      if (!parts.empty()) summary += tr_format(", with {}", fmt::join(parts, ", "));
    }
    add(kind, kind_of(*n) + " " + n->name, n->parent, summary, kind == DiffKind::Removed ? n->rule : "",
        kind == DiffKind::Added ? n->rule : "");
  }
}

void Differ::functions() {
  for (const ast::Define& d : a_.defines) {
    const auto it = std::find_if(b_.defines.begin(), b_.defines.end(), [&](const ast::Define& e) { return e.name == d.name; });
    if (it == b_.defines.end()) {
      add(DiffKind::FunctionRemoved, std::string("function ") + d.name, "", std::string(tr("removed")), normalized(a_, d.span), "");
      continue;
    }
    const std::string x = normalized(a_, d.span);
    const std::string y = normalized(b_, it->span);
    if (x == y) continue;
    std::vector<std::string> narrowed;
    const ast::Tiered* tx = tiers_in(*d.body);
    const ast::Tiered* ty = tiers_in(*it->body);
    if (tx != nullptr && ty != nullptr && d.params == it->params) narrowed = tier_changes(a_, *tx, b_, *ty);
    std::string summary = narrowed.empty() ? std::string(tr("the body changed")) : fmt::format("{}", fmt::join(narrowed, "; "));
    const auto affected = callers(new_nodes_, d.name);
    if (!affected.empty()) summary += tr_format(" (used by {})", fmt::join(affected, ", "));
    add(DiffKind::FunctionChanged, std::string("function ") + d.name, "", summary, x, y);
    if (d.params == it->params) out_.back().regions = impact_regions(a_, *d.body, std::nullopt, b_, *it->body, std::nullopt);
  }
  for (const ast::Define& d : b_.defines) {
    const bool existed = std::any_of(a_.defines.begin(), a_.defines.end(), [&](const ast::Define& e) { return e.name == d.name; });
    if (!existed) add(DiffKind::FunctionAdded, std::string("function ") + d.name, "", std::string(tr("added")), "", normalized(b_, d.span));
  }
}

// The named values outside indicators (`let` at the top level or in a section), by name: a change
// of one changes every score that reads it, so it is listed as a rule change is.
void Differ::lets() {
  const std::vector<const ast::Let*> old_lets = outer_lets(a_);
  const std::vector<const ast::Let*> new_lets = outer_lets(b_);
  const auto find = [](const std::vector<const ast::Let*>& in, const std::string& name) -> const ast::Let* {
    for (const ast::Let* l : in) {
      if (l->name == name) return l;
    }
    return nullptr;
  };
  for (const ast::Let* l : old_lets) {
    const ast::Let* now = find(new_lets, l->name);
    if (now == nullptr) {
      add(DiffKind::LetRemoved, "let " + l->name, "", std::string(tr("removed")), normalized(a_, l->span), "");
    } else if (normalized(a_, l->value->span) != normalized(b_, now->value->span)) {
      add(DiffKind::LetChanged, "let " + l->name, "", std::string(tr("its value changed, and with it every score that reads it")),
          normalized(a_, l->span), normalized(b_, now->span));
    }
  }
  for (const ast::Let* l : new_lets) {
    if (find(old_lets, l->name) == nullptr) {
      add(DiffKind::LetAdded, "let " + l->name, "", std::string(tr("added")), "", normalized(b_, l->span));
    }
  }
}

void Differ::facts() {
  const auto describe_fact = [](const ast::Ruleset& rs, const ast::FactDecl& f) {
    std::string text = ast::describe(*f.type);
    if (f.domain) text += " in " + normalized(rs, f.domain->span);
    if (f.default_value) text += " default " + normalized(rs, f.default_value->span);
    if (f.default_empty) text += " default []";
    if (!f.unit.empty()) text += " unit " + f.unit;
    if (f.fixed) text += " fixed";
    if (f.direction != 0) text += f.direction > 0 ? " more is better" : " more is worse";
    return text;
  };
  for (const ast::FactDecl& f : a_.facts) {
    const auto it = std::find_if(b_.facts.begin(), b_.facts.end(), [&](const ast::FactDecl& g) { return g.name == f.name; });
    if (it == b_.facts.end()) {
      add(DiffKind::FactRemoved, std::string("fact ") + f.name, "", tr_format("removed: {}", f.label.empty() ? describe_fact(a_, f) : f.label));
      continue;
    }
    const std::string x = describe_fact(a_, f);
    const std::string y = describe_fact(b_, *it);
    if (x != y) add(DiffKind::FactChanged, std::string("fact ") + f.name, "", std::string(tr("its type, domain, default, unit, 'fixed' or direction changed")), x, y);
    if (f.label != it->label) add(DiffKind::FactChanged, std::string("fact ") + f.name, "", std::string(tr("its label changed")), f.label, it->label);
  }
  for (const ast::FactDecl& f : b_.facts) {
    const bool existed = std::any_of(a_.facts.begin(), a_.facts.end(), [&](const ast::FactDecl& g) { return g.name == f.name; });
    if (!existed) add(DiffKind::FactAdded, std::string("fact ") + f.name, "", tr_format("added: {}", f.label.empty() ? describe_fact(b_, f) : f.label));
  }
}

}  // namespace

std::vector<DiffEntry> diff_rulesets(const ast::Ruleset& old_ruleset, const ast::Ruleset& new_ruleset) {
  return Differ(old_ruleset, new_ruleset).run();
}

}  // namespace rubric
