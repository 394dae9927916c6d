// Checks of vetoes (一票否决) and of the conditions a grade may carry: a veto's condition is a
// bool, the grade it caps at is in the grade table, a grade's floor is a share of the points and
// names a section that exists. See docs/language.md, "Vetoes and grade conditions".
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

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

// A veto's condition, in the scope it is written in (the section's lets are visible). Its grade is
// checked by grade_conditions(), once the grade table is known.
void Checker::vetoes(std::vector<ast::Veto>& vetoes) {
  for (ast::Veto& v : vetoes) {
    expect_bool(*v.condition, expr(*v.condition), "a veto's condition");
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
      auto& d = error("E0504", v->grade_span, fmt::format("the veto caps the grade at '{}', which the grade table does not have", v->grade));
      if (auto guess = closest_match(v->grade, names)) {
        d.help = fmt::format("did you mean '{}'?", *guess);
      } else if (!names.empty()) {
        d.help = fmt::format("the grades are {}", fmt::join(names, ", "));
      }
    } else if (at == names.begin() && !v->zero) {
      warning("W0504", v->grade_span,
              fmt::format("the veto caps the grade at '{}', the best grade: it changes nothing", v->grade))
          .help = "name the grade a department gets at most when the veto applies, e.g. the lowest";
    }
  }
  for (ast::GradeArm& g : rs_.grades) {
    if (!g.floor) continue;
    if (g.floor->sign() <= 0 || *g.floor > Decimal::from_int(1)) {
      error("E0505", g.floor_span, fmt::format("grade '{}' asks for a share of the points of {}%, outside (0, 100%]",
                                               g.name, (*g.floor * Decimal::from_int(100)).to_string()))
          .help = "write the share an indicator must reach, e.g. 'unless any indicator below 60%'";
    }
    if (g.floor_section.empty()) continue;
    g.floor_scope = find_section(rs_.items, g.floor_section);
    if (g.floor_scope == nullptr) {
      std::vector<std::string> sections;
      section_names(rs_.items, sections);
      auto& d = error("E0506", g.floor_section_span, fmt::format("grade '{}' names section '{}', which the ruleset does not have",
                                                                 g.name, g.floor_section));
      if (auto guess = closest_match(g.floor_section, sections)) d.help = fmt::format("did you mean '{}'?", *guess);
    }
  }
}

}  // namespace rubric::checking
