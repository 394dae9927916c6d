// Checks of what lies outside the plain sum of points: requirements on the facts, vetoes (一票否决),
// the conditions a grade may carry, and extra sections (加减分项). A requirement is a bool over this
// year's facts (its lets are not yet bound when facts are read, last year's and the year's figures
// are not the department's own facts). A veto's condition is a bool, the grade it caps at is in
// the grade table, a grade's floor is a share of the points and names a section that exists and
// is not extra; an extra section is at the top level, after the others, with a limit its parts
// can reach. See docs/language.md, "Vetoes and grade conditions" and "Extra sections".
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <functional>

#include "dsl/visit.hpp"
#include "base/messages.hpp"
#include "dsl/keywords.hpp"
#include "interpreter/check/checker_internal.hpp"

namespace rubric::checking {

namespace {

const ast::Section* find_section(const std::vector<ast::Item>& items, const std::string& name) {
  for (const ast::Item& item : items) {
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      if ((*s)->name == name) return s->get();
      if (const ast::Section* inner = find_section((*s)->items, name)) return inner;
    }
  }
  return nullptr;
}

void section_names(const std::vector<ast::Item>& items, std::vector<std::string>& out) {
  for (const ast::Item& item : items) {
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      out.push_back((*s)->name);
      section_names((*s)->items, out);
    }
  }
}

}  // namespace

// A requirement's condition: checked before any let is declared, so only facts and functions are
// in scope.
void Checker::requirements() {
  std::vector<std::string> lets;
  for (const ast::Let& l : rs_.lets) lets.push_back(l.name);
  for (ast::Requirement& r : rs_.requirements) {
    bool reads_let = false;
    ast::walk(*r.condition, [&](ast::Expr& e) {
      const auto* n = std::get_if<ast::NameRef>(&e.node);
      const bool fact = n != nullptr && std::any_of(rs_.facts.begin(), rs_.facts.end(),
                                                    [&](const ast::FactDecl& f) { return f.name == n->name; });
      if (n != nullptr && !fact && std::find(lets.begin(), lets.end(), n->name) != lets.end()) {
        error("E0315", e.span, tr_format("a requirement reads the department's facts; it cannot read let '{}'", n->name))
            .help = std::string(tr("a requirement is checked when the facts are read, before any let is bound: write it with the facts "
                    "themselves"));
        reads_let = true;
      }
      return true;
    });
    if (reads_let) continue;
    expect_bool(*r.condition, expr(*r.condition), std::string(tr("a requirement")));
    ast::walk(*r.condition, [&](ast::Expr& e) {
      const auto* c = std::get_if<ast::Call>(&e.node);
      if (c != nullptr && (c->prior || c->year_of != ast::YearOf::None)) {
        error("E0315", e.span, tr_format("a requirement reads the department's facts of this year; {}(…) cannot be used in one", c->callee))
            .help = std::string(tr("a requirement refuses a department's facts when they are read; compare with last year's or the "
                    "year's figures in a score or a veto instead"));
      }
      return true;
    });
  }
}

// A veto's condition, in the scope it is written in (the section's lets are visible). Its grade is
// checked by grade_conditions(), once the grade table is known.
void Checker::vetoes(std::vector<ast::Veto>& vetoes) {
  for (ast::Veto& v : vetoes) {
    expect_bool(*v.condition, expr(*v.condition), std::string(tr("a veto's condition")));
    vetoes_.push_back(&v);
  }
}

void Checker::grade_conditions() {
  std::vector<std::string> names;
  for (const ast::GradeArm& g : rs_.grades) names.push_back(g.name);
  for (const ast::Veto* v : vetoes_) {
    if (v->grade.empty()) continue;
    const auto at = std::find(names.begin(), names.end(), v->grade);
    if (at == names.end()) {
      auto& d = error("E0504", v->grade_span, tr_format("the veto caps the grade at '{}', which the grade table does not have", v->grade));
      if (auto guess = closest_match(v->grade, names)) {
        d.help = tr_format("did you mean '{}'?", *guess);
      } else if (!names.empty()) {
        d.help = tr_format("the grades are {}", fmt::join(names, ", "));
      }
    } else if (at == names.begin() && !v->zero) {
      warning("W0504", v->grade_span,
              tr_format("the veto caps the grade at '{}', the best grade: it changes nothing", v->grade))
          .help = std::string(tr("name the grade a department gets at most when the veto applies, e.g. the lowest"));
    }
  }
  for (ast::GradeArm& g : rs_.grades) {
    if (!g.floor) continue;
    if (g.floor->sign() <= 0 || *g.floor > Decimal::from_int(1)) {
      error("E0505", g.floor_span, tr_format("grade '{}' asks for a share of the points of {}%, outside (0, 100%]",
                                               g.name, (*g.floor * Decimal::from_int(100)).to_string()))
          .help = std::string(tr("write the share an indicator must reach, e.g. 'unless any indicator below 60%'"));
    }
    if (g.floor_section.empty()) continue;
    g.floor_scope = find_section(rs_.items, g.floor_section);
    if (g.floor_scope != nullptr && g.floor_scope->extra) {
      error("E0506", g.floor_section_span,
            tr_format("grade '{}' names the extra section '{}': its items are bonuses and penalties, with no share "
                        "of points to reach", g.name, g.floor_section))
          .help = std::string(tr("name a section of the total, or leave out 'in …' to look at every indicator of the total"));
    } else if (g.floor_scope == nullptr) {
      std::vector<std::string> sections;
      section_names(rs_.items, sections);
      auto& d = error("E0506", g.floor_section_span, tr_format("grade '{}' names section '{}', which the ruleset does not have",
                                                                 g.name, g.floor_section));
      if (auto guess = closest_match(g.floor_section, sections)) d.help = tr_format("did you mean '{}'?", *guess);
    }
  }
}

namespace {

// A points spec as written: `5`, or `-5 to 5`.
std::string range_text(const Decimal& lo, const Decimal& hi) {
  return lo.is_zero() ? hi.to_string() : fmt::format("{} {} {}", lo.to_string(), keyword_in("to", current_keywords()).value_or("to"), hi.to_string());
}

// E0413 for every extra section below the top level.
void nested_extras(const std::vector<ast::Item>& items, const std::string& parent,
                   const std::function<void(const ast::Section&, const std::string&)>& report) {
  for (const ast::Item& item : items) {
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      if ((*s)->extra) report(**s, parent);
      nested_extras((*s)->items, (*s)->name, report);
    }
  }
}

}  // namespace

void Checker::extra_sections() {
  const ast::Section* first_extra = nullptr;
  for (const ast::Item& item : rs_.items) {
    const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item);
    const auto* ind = std::get_if<std::unique_ptr<ast::Indicator>>(&item);
    if (s != nullptr) {
      nested_extras((*s)->items, (*s)->name, [&](const ast::Section& inner, const std::string& parent) {
        error("E0413", inner.extra_span,
              tr_format("extra section '{}' is inside section '{}': extra sections are outside the total, at the "
                          "top level", inner.name, parent))
            .help = std::string(tr("move it to the top level, after the other sections; inside a section, a bonus or penalty is "
                    "an indicator with a signed range, e.g. 'points -5 to 5'"));
      });
    }
    if (s != nullptr && (*s)->extra) {
      if (first_extra == nullptr) first_extra = s->get();
      extra_section_limits(**s);
    } else if (first_extra != nullptr && (s != nullptr || ind != nullptr)) {
      const std::string& name = s != nullptr ? (*s)->name : (*ind)->name;
      error("E0414", s != nullptr ? (*s)->name_span : (*ind)->name_span,
            tr_format("'{}' follows the extra section '{}': the sections of the total come first", name,
                        first_extra->name))
          .help = std::string(tr("move the extra sections (加减分项) to the end: the table shows the total before them (基本得分), "
                  "then each of them"));
    }
  }
}

// W0406: an extra section whose parts cannot reach its upper (or lower) limit.
void Checker::extra_section_limits(const ast::Section& s) {
  Decimal lo, hi;
  bool parts = false;
  for (const ast::Item& item : s.items) {
    const ast::PointsSpec* p = nullptr;
    if (const auto* c = std::get_if<std::unique_ptr<ast::Section>>(&item)) p = &(*c)->points;
    if (const auto* c = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) p = &(*c)->points;
    if (p == nullptr) continue;
    parts = true;
    lo += p->lo;
    hi += p->hi;
  }
  if (!parts || parts_may_be_skipped(s.span)) return;
  if (hi < s.points.hi) {
    warning("W0406", s.points.span,
            tr_format("the parts of extra section '{}' add up to at most {}: its upper limit {} is never reached",
                        s.name, hi.to_string(), s.points.hi.to_string()))
        .help = tr_format("if the parts' points are right, write 'points {}'", range_text(s.points.lo, hi));
  }
  if (lo > s.points.lo) {
    warning("W0406", s.points.span,
            tr_format("the parts of extra section '{}' add up to at least {}: its lower limit {} is never reached",
                        s.name, lo.to_string(), s.points.lo.to_string()))
        .help = tr_format("if the parts' points are right, write 'points {}'", range_text(lo, s.points.hi));
  }
}

}  // namespace rubric::checking
