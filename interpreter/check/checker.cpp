// The checker; see checker.hpp. Codes E01xx are about facts, E02xx names, E03xx types, E04xx
// the indicator tree, E05xx grades; W-codes are warnings.
#include "interpreter/check/checker.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "base/messages.hpp"
#include "dsl/keywords.hpp"
#include "interpreter/check/checker_internal.hpp"
#include "stdlib/builtins.hpp"

namespace rubric {

std::optional<Decimal> constant_value(const ast::Expr& expr) {
  try {
    if (const auto* n = std::get_if<ast::NumberLit>(&expr.node)) return n->value;
    if (const auto* u = std::get_if<ast::Unary>(&expr.node)) {
      if (u->op != ast::UnaryOp::Neg) return std::nullopt;
      if (auto v = constant_value(*u->operand)) return -*v;
      return std::nullopt;
    }
    if (const auto* b = std::get_if<ast::Binary>(&expr.node)) {
      const auto lhs = constant_value(*b->lhs);
      const auto rhs = constant_value(*b->rhs);
      if (!lhs || !rhs) return std::nullopt;
      switch (b->op) {
        case ast::BinaryOp::Add: return *lhs + *rhs;
        case ast::BinaryOp::Sub: return *lhs - *rhs;
        case ast::BinaryOp::Mul: return *lhs * *rhs;
        case ast::BinaryOp::Div: return rhs->is_zero() ? std::nullopt : std::optional(*lhs / *rhs);
        default: return std::nullopt;
      }
    }
  } catch (const DecimalError&) {
  }
  return std::nullopt;
}

namespace checking {

// ---- Declarations --------------------------------------------------------------------------

void Checker::report_unused_locals(std::size_t from) {
  if (!skipped_.empty()) return;  // the uses may be in a statement skipped after a syntax error
  for (std::size_t i = from; i < locals_.size(); ++i) {
    if (!locals_[i].used && locals_[i].kind == ast::NameKind::Let) {
      if (from == 0) {  // a top-level let, which an extending ruleset may remove
        unused("W0203", locals_[i].span, tr_later("let"), locals_[i].name, tr_format("'{}' is never used", locals_[i].name),
               std::string(tr("remove the 'let', or use it")));
        continue;
      }
      warning("W0203", locals_[i].span, tr_format("'{}' is never used", locals_[i].name))
          .help = std::string(tr("remove the 'let', or use it"));
    }
  }
}

void Checker::defines() {
  define_used_.assign(rs_.defines.size(), false);
  for (std::size_t i = 0; i < rs_.defines.size(); ++i) {
    ast::Define& d = rs_.defines[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (rs_.defines[j].name == d.name) {
        error("E0211", d.name_span, tr_format("function '{}' is defined twice", d.name))
            .notes.push_back({std::string(tr("first defined here")), rs_.at(rs_.defines[j].name_span)});
        define_used_[i] = true;  // calls go to the first one; "never called" would be noise
      }
    }
    if (stdlib::find_builtin(d.name) != nullptr || stdlib::list_aggregate(d.name) != stdlib::Aggregate::None) {
      error("E0212", d.name_span, tr_format("'{}' is a built-in function and cannot be redefined", rs_.slice(d.name_span)))
          .help = std::string(tr("give the function another name"));
      define_used_[i] = true;
    }
    const std::uint32_t saved_next = frame_next_;
    frame_next_ = 0;
    const std::size_t mark = locals_.size();
    for (std::size_t p = 0; p < d.params.size(); ++p) {
      for (std::size_t q = 0; q < p; ++q) {
        if (d.params[q] == d.params[p]) {
          error("E0213", d.param_spans[p], tr_format("parameter '{}' is listed twice", d.params[p]));
        }
      }
      locals_.push_back({d.params[p], ast::NameKind::Param, new_slot(), kUnknown, d.param_spans[p], false, nullptr});
    }
    define_limit_ = static_cast<int>(i);
    expr(*d.body);
    define_limit_ = -1;
    d.frame_size = frame_next_;
    locals_.resize(mark);
    frame_next_ = saved_next;
  }
}

void Checker::let(ast::Let& l) {
  for (const Local& local : locals_) {
    if (local.name == l.name) {
      warning("W0202", l.name_span, tr_format("'{}' shadows an earlier '{}'", l.name, l.name))
          .notes.push_back({std::string(tr("the earlier one is here")), rs_.at(local.span)});
      break;
    }
  }
  for (const ast::FactDecl& f : rs_.facts) {
    if (f.name == l.name) {
      warning("W0202", l.name_span, tr_format("'{}' shadows the fact of the same name", l.name));
    }
  }
  const TypeRefPtr t = expr(*l.value);
  l.slot = new_slot();
  locals_.push_back({l.name, ast::NameKind::Let, l.slot, t, l.name_span, false, &l});
}

void Checker::indicator(ast::Indicator& ind) {
  indicator_ = &ind;
  const std::size_t mark = locals_.size();
  if (ind.applies) expect_bool(*ind.applies, expr(*ind.applies), std::string(tr("the condition of 'applies when'")));
  for (ast::Let& l : ind.lets) let(l);
  if (ind.score) {
    const TypeRefPtr t = expr(*ind.score);
    if (!unknown(t) && !numeric(t)) {
      error("E0403", ind.score->span, tr_format("the score of '{}' must be a number, but this is {}", ind.name,
                                                  type_name(t)));
    }
  } else if (!overlaps_skipped(ind.span)) {
    error("E0401", ind.name_span, tr_format("indicator '{}' has no 'score'", ind.name))
        .help = std::string(tr("add 'score EXPRESSION', e.g. 'score points' for full marks"));
  }
  report_unused_locals(mark);
  locals_.resize(mark);
  indicator_ = nullptr;
}


void Checker::items(std::vector<ast::Item>& children, std::vector<ast::Veto>& vetoes, const std::string& parent,
                    const ast::Section* section, const std::vector<Span>& changed, Span whole) {
  const ast::PointsSpec* points = section != nullptr ? &section->points : nullptr;
  const std::size_t mark = locals_.size();
  std::map<std::string, Span> names;
  std::set<std::uint32_t> choice_groups;  // counted once: one alternative is assessed
  choices(children);
  shares(children, section);
  Decimal sum;
  std::vector<std::string> parts;
  Decimal total_sum;  // top level only: sum plus the upper ends of signed ranges
  std::vector<std::string> total_parts;
  for (ast::Item& item : children) {
    if (auto* l = std::get_if<ast::Let>(&item)) {
      let(*l);
      continue;
    }
    const std::string* name = nullptr;
    Span name_span;
    const ast::PointsSpec* child_points = nullptr;
    if (auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      items((*s)->items, (*s)->vetoes, tr_format("section '{}'", (*s)->name), s->get(), (*s)->changed_parts,
            (*s)->span);
      name = &(*s)->name;
      name_span = (*s)->name_span;
      child_points = &(*s)->points;
    } else if (auto* ind = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
      indicator(**ind);
      name = &(*ind)->name;
      name_span = (*ind)->name_span;
      child_points = &(*ind)->points;
    }
    if (auto [it, inserted] = names.emplace(*name, name_span); !inserted) {
      error("E0402", name_span, tr_format("'{}' appears twice in {}", *name, parent))
          .notes.push_back({std::string(tr("first here")), rs_.at(it->second)});
    }
    // A signed range (a bonus/penalty item) is not part of its section's points; at the top level
    // its upper end counts toward the total, the most a department can score. An extra section
    // is outside the total.
    const auto* child_section = std::get_if<std::unique_ptr<ast::Section>>(&item);
    if (child_section != nullptr && (*child_section)->extra) continue;
    const auto* child_indicator = std::get_if<std::unique_ptr<ast::Indicator>>(&item);
    if (child_indicator != nullptr && !(*child_indicator)->choice.empty() &&
        !choice_groups.insert((*child_indicator)->choice_group).second) {
      continue;
    }
    if (!child_points->range) {
      sum += child_points->hi;
      parts.push_back(fmt::format("{} {}", *name, child_points->hi.to_string()));
    } else if (points == nullptr) {
      total_sum += child_points->hi;
      total_parts.push_back(tr_format("{} (at most) {}", *name, child_points->hi.to_string()));
    }
  }
  total_sum += sum;
  total_parts.insert(total_parts.begin(), parts.begin(), parts.end());
  this->vetoes(vetoes);
  report_unused_locals(mark);
  locals_.resize(mark);
  if (parts_may_be_skipped(whole)) return;
  // A shared section's points are shared among its indicators: theirs are proportions.
  if (points != nullptr && !points->range && !section->extra && !section->shared && !parts.empty() &&
      sum != points->hi) {
    Diagnostic& d = sum_error("E0404", points->span, changed, tr_format("{} and its points are declared here, in the base ruleset", parent),
                              tr_format("the parts of {} add up to {}, not its {} points", parent, sum.to_string(),
                                          points->hi.to_string()));
    d.notes.insert(d.notes.begin(), {tr_format("parts: {}", fmt::join(parts, " + ")), std::nullopt});
  }
  // No parts at all is E0410 (degenerate()): the ruleset scores nothing, whatever its total.
  if (points == nullptr && rs_.total && !total_parts.empty() && total_sum != *rs_.total) {
    Diagnostic& d = sum_error("E0405", rs_.total_span, changed, std::string(tr("the total is declared here, in the base ruleset")),
                              tr_format("the top-level sections add up to {}, not the ruleset's total {}",
                                          total_sum.to_string(), rs_.total->to_string()));
    d.notes.insert(d.notes.begin(), {tr_format("parts: {}", fmt::join(total_parts, " + ")), std::nullopt});
  }
}

Diagnostic& Checker::sum_error(const char* code, Span declared, const std::vector<Span>& changed,
                               const std::string& declared_note, std::string message) {
  // In an extending ruleset, a sum the base declares and a change of the extending file broke is
  // shown at that change, the line the author wrote, with the base's declaration as a note.
  if (changed.empty() || rs_.at(declared).file == rs_.source) return error(code, declared, std::move(message));
  Diagnostic& d = error(code, changed.back(), std::move(message));
  d.notes.push_back({declared_note, rs_.at(declared)});
  for (std::size_t i = 0; i + 1 < changed.size(); ++i) {
    d.notes.push_back({std::string(tr("this change alters the sum too")), rs_.at(changed[i])});
  }
  return d;
}

void Checker::grades() {
  if (rs_.grades.empty()) {
    if (rs_.grade_span.end == 0) {
      if (skipped_begins_with("grade")) return;  // the table did not parse
      warning("W0503", rs_.header_span, std::string(tr("the ruleset has no 'grade' table; totals will have no grade")))
          .help = std::string(tr("add e.g. 'grade { 优 >= 90; 良 >= 80; 中 >= 60; 差 otherwise }'"));
    } else if (!skipped_begins_with("grade")) {
      error("E0501", rs_.grade_span, std::string(tr("the 'grade' table is empty")))
          .help = std::string(tr("list the grades best first, e.g. 'grade { 优 >= 90; 良 >= 80; 中 >= 60; 差 otherwise }'"));
    }
    return;
  }
  std::optional<Decimal> previous;
  for (std::size_t i = 0; i < rs_.grades.size(); ++i) {
    const ast::GradeArm& g = rs_.grades[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (rs_.grades[j].name == g.name) error("E0503", g.span, tr_format("grade '{}' is listed twice", g.name));
    }
    if (!g.threshold) {
      if (i + 1 != rs_.grades.size()) {
        error("E0501", g.span, std::string(tr("'otherwise' must be the last grade: the grades after it can never be given")));
      }
      continue;
    }
    if (previous && *g.threshold >= *previous) {
      error("E0502", g.span,
            tr_format("grade thresholds must descend: {} follows {}", g.threshold->to_string(), previous->to_string()))
          .help = std::string(tr("list the best grade first"));
    }
    previous = g.threshold;
  }
  const bool has_otherwise = std::any_of(rs_.grades.begin(), rs_.grades.end(),
                                         [](const ast::GradeArm& g) { return !g.threshold; });
  if (!has_otherwise) {
    error("E0501", rs_.grades.back().span, std::string(tr("the last grade must be 'otherwise', so that every total gets a grade")))
        .help = tr_format("e.g. '{} otherwise'", rs_.grades.back().name);
  }
}

namespace {

std::size_t count_indicators(const std::vector<ast::Item>& items) {
  std::size_t n = 0;
  for (const ast::Item& item : items) {
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) n += count_indicators((*s)->items);
    if (std::holds_alternative<std::unique_ptr<ast::Indicator>>(item)) ++n;
  }
  return n;
}

}  // namespace

// Rulesets that check but can score nothing: every department would get 0 (and, without a grade
// table, no grade) with exit 0. A ruleset with no indicator at all (an empty file after its
// header, `extends ""`, an extends that removes every indicator), or a total of 0.
void Checker::degenerate() {
  if (count_indicators(rs_.items) == 0) {
    if (parts_may_be_skipped(Span{})) return;  // the indicators may be in what did not parse
    auto& d = error("E0410", rs_.header_span, std::string(tr("the ruleset has no indicators: it would score every department 0")));
    d.help = rs_.extends.empty() ? std::string(tr("add the sections and indicators of the criteria (see docs/language.md)"))
                                 : std::string(tr("the changes remove every indicator of the base; keep at least one"));
    return;
  }
  if (rs_.total && rs_.total->is_zero()) {
    error("E0411", rs_.total_span, std::string(tr("the ruleset's total is 0: it would score every department 0")))
        .help = std::string(tr("write the total of the criteria's points, e.g. 'total 100'"));
  }
}

void Checker::run() {
  if (rs_.name.empty() && rs_.year == 0) return;  // the header failed to parse
  facts();
  calendars();
  defines();
  requirements();
  for (ast::Let& l : rs_.lets) let(l);
  const std::size_t globals = locals_.size();
  items(rs_.items, rs_.vetoes, std::string(tr("the ruleset")), nullptr, rs_.changed_parts, Span{});
  extra_sections();
  // Top-level lets stay visible through the whole tree; report those never used.
  report_unused_locals(0);
  locals_.resize(globals);
  rs_.frame_size = frame_next_;
  grades();
  grade_conditions();
  degenerate();
  // After a syntax error the uses may be in a skipped statement: "never used" would be noise.
  if (!skipped_.empty()) return;
  for (std::size_t i = 0; i < rs_.facts.size(); ++i) {
    const auto first = std::find_if(rs_.facts.begin(), rs_.facts.end(),
                                    [&](const ast::FactDecl& f) { return f.name == rs_.facts[i].name; });
    if (first != rs_.facts.begin() + static_cast<std::ptrdiff_t>(i)) continue;  // a duplicate, reported as E0101
    if (!fact_used_[i]) {
      unused("W0102", rs_.facts[i].name_span, tr_later("fact"), rs_.facts[i].name,
             tr_format("fact '{}' is never used", rs_.facts[i].name), std::string(tr("remove it, or use it in a score")));
    }
  }
  for (std::size_t i = 0; i < rs_.defines.size(); ++i) {
    if (!define_used_[i]) {
      unused("W0111", rs_.defines[i].name_span, tr_later("function"), rs_.defines[i].name,
             tr_format("function '{}' is never called", rs_.defines[i].name), std::string(tr("remove it, or call it")));
    }
  }
}

void Checker::unused(const char* code, Span decl, const std::string& what, const std::string& name, std::string message,
                     std::string help) {
  if (rs_.at(decl).file == rs_.source) {
    warning(code, decl, std::move(message)).help = std::move(help);
    return;
  }
  // Declared in a base ruleset: the author of the extending file cannot edit it, but can remove
  // it. When a change of theirs removed its last reader, the warning is at that change.
  // Code the author writes, in the keywords of the file being checked: `remove fact x`, `删除 填报项 x`.
  const KeywordSet keywords = current_keywords();
  const std::string remove = fmt::format("{} {} {}", keyword_in("remove", keywords).value_or("remove"),
                                         keyword_in(what, keywords).value_or(what), name);
  const auto dropped = std::find_if(rs_.dropped_reads.rbegin(), rs_.dropped_reads.rend(),
                                    [&](const auto& read) { return read.first == name; });
  if (dropped == rs_.dropped_reads.rend()) {
    warning(code, decl, std::move(message)).help =
        tr_format("{}; or, in the extending ruleset, write '{}'", help, remove);
    return;
  }
  Diagnostic& d = warning(code, dropped->second,
                          tr_format("{} '{}' of the base ruleset is no longer used: this change removed its last use",
                                      tr(what), name));
  d.notes.push_back({tr_format("'{}' is declared here, in the base ruleset", name), rs_.at(decl)});
  d.help = tr_format("write '{}' below this line{}", remove,
                       what == "fact" ? std::string(tr("; departments are then no longer asked for it")) : "");
}

}  // namespace checking

Diagnostics check(ast::Ruleset& ruleset, const std::vector<Span>& skipped) {
  Diagnostics diagnostics;
  checking::Checker(ruleset, skipped, diagnostics).run();
  return diagnostics;
}

}  // namespace rubric
