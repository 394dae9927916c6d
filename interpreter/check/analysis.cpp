// The static analysis; see analysis.hpp, and analyzer.hpp for how its files divide the work. The
// walk mirrors the evaluator (interpreter/eval/evaluator*.cpp) node for node, with an abstract
// [AbstractValue] (an interval and what is known about it) in place of a value.
#include "interpreter/check/analysis.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <memory>

#include "base/messages.hpp"
#include "dsl/visit.hpp"
#include "interpreter/check/analyzer.hpp"
#include "interpreter/check/checker.hpp"
#include "interpreter/check/interval.hpp"
#include "stdlib/builtins.hpp"

namespace rubric {
namespace analysis {

Diagnostics Analyzer::run() {
  for (const ast::FactDecl& f : rs_.facts) {
    facts_.push_back(f.type ? declared(*f.type, f.domain, f.name, f.direction, &f.label)
                            : unknown(Kind::Unknown, std::string(tr("a fact of unknown type"))));
    if (slopes_) seed_slopes(facts_.back());
    declare(facts_.back());
  }
  globals_.slots.assign(rs_.frame_size, AbstractValue{});
  frame_ = &globals_;
  bool stopped = false;
  try {
    for (const ast::Let& l : rs_.lets) bind(l);
    items(rs_.items);
  } catch (const BudgetExhausted&) {
    stopped = true;
  }
  for (const auto& [begin, a] : arms_) {
    if (!a.reached) report(Severity::Warning, "W0403", a.span, a.message, a.help, a.notes);
  }
  Diagnostics out;
  for (const auto& [key, f] : findings_) {
    if (f.severity == Severity::Note && f.unsure && !options_.unsure) continue;
    Diagnostic d;
    d.severity = f.severity;
    d.code = f.code;
    d.message = f.message;
    d.location = rs_.at(f.span);
    d.help = f.help;
    d.notes = f.notes;
    out.add(std::move(d));
  }
  if (stopped && options_.unsure) {
    Diagnostic d;
    d.severity = Severity::Note;
    d.message = tr_format("unsure: the analysis stopped after {} steps; what follows in the ruleset was not analysed",
                            kStepBudget);
    d.location = rs_.at(rs_.header_span);
    out.add(std::move(d));
  }
  return out;
}

void Analyzer::items(const std::vector<ast::Item>& children) {
  for (const ast::Item& item : children) {
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      items((*s)->items);
    } else if (const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
      indicator(**i);
    } else {
      bind(std::get<ast::Let>(item));
    }
  }
}

void Analyzer::bind(const ast::Let& l) {
  const AbstractValue v = eval(*l.value);
  if (l.slot < globals_.slots.size()) globals_.slots[l.slot] = v;
}

void Analyzer::indicator(const ast::Indicator& ind) {
  indicator_ = &ind;
  against_.clear();
  for (const ast::Let& l : ind.lets) bind(l);
  if (ind.score) {
    const AbstractValue score = eval(*ind.score);
    check_bounds(ind, score);
    if (options_.directions != nullptr && score.kind == Kind::Number) record_directions(ind, score);
    if (options_.monotonicity && score.kind == Kind::Number) check_declared(ind, score);
  }
  indicator_ = nullptr;
}

// Whether a score whose supremum is [hi] can be rounded above [points] (and, mirrored, below).
bool rounds_above(const End& hi, const Decimal& points, const ast::Rounding& rounding) {
  if (hi.inf > 0) return true;
  if (hi.inf < 0) return false;
  try {
    // Just below an open end; 10^-24 is the finest step a Decimal has.
    const Decimal v = hi.closed ? hi.value : hi.value - Decimal::from_parts(1, Decimal::kMaxScale);
    return v.round(rounding.digits, rounding.mode) > points;
  } catch (const DecimalError&) {
    return false;
  }
}

bool rounds_below(const End& lo, const Decimal& floor, const ast::Rounding& rounding) {
  if (lo.inf < 0) return true;
  if (lo.inf > 0) return false;
  try {
    const Decimal v = lo.closed ? lo.value : lo.value + Decimal::from_parts(1, Decimal::kMaxScale);
    return v.round(rounding.digits, rounding.mode) < floor;
  } catch (const DecimalError&) {
    return false;
  }
}

void Analyzer::check_bounds(const ast::Indicator& ind, const AbstractValue& score) {
  if (score.kind != Kind::Number || score.range.empty()) return;
  const ast::Rounding rounding = ind.rounding ? *ind.rounding : rs_.rounding;
  const Range& r = score.range;
  const Note lies{tr_format("the score lies in {} for facts in their declared domains; such facts stop the "
                              "evaluation with E0702",
                              r.to_string(false)),
                  std::nullopt};
  if (rounds_above(r.hi, ind.points.hi, rounding)) {
    const std::string how = r.hi.inf > 0 ? std::string(tr("without limit")) : tr_format("up to {}", r.hi.value.to_string());
    out_of_bounds(ind, score, true,
                  tr_format("'{}' can score {}, more than its {} points", ind.name, how, ind.points.hi.to_string()),
                  std::string(tr("cap the score, e.g. 'min(…, points)', or narrow the domains of the facts it uses")), lies);
  }
  if (rounds_below(r.lo, ind.points.lo, rounding)) {
    const std::string how = r.lo.inf < 0 ? std::string(tr("without limit below")) : tr_format("as low as {}", r.lo.value.to_string());
    out_of_bounds(ind, score, false,
                  tr_format("'{}' can score {}, less than its floor {}", ind.name, how, ind.points.lo.to_string()),
                  std::string(tr("add 'until zero' to the deduction, or bound the score, e.g. 'max(…, 0)'")), lies);
  }
}

void Analyzer::out_of_bounds(const ast::Indicator& ind, const AbstractValue& score, bool above, std::string message,
                             std::string help, Note lies) {
  const char* code = above ? "W0404" : "W0405";
  if (!score.exact && unsure_bounds_ != nullptr) {
    UnsureBound u;
    u.indicator = &ind;
    u.above = above;
    u.warning.severity = Severity::Warning;
    u.warning.code = code;
    u.warning.message = message;
    u.warning.location = rs_.at(ind.score->span);
    u.warning.help = help;
    u.note = u.warning;
    u.note.severity = Severity::Note;
    u.note.message = tr_format("unsure: {}; the analysis cannot tell, because {}", message, score.why);
    u.note.notes = {lies};
    unsure_bounds_->push_back(std::move(u));
  }
  report_if(score, code, ind.score->span, std::move(message), std::move(help), {std::move(lies)});
}

// ---- Findings ------------------------------------------------------------------------------

void Analyzer::report(Severity severity, std::string code, Span span, std::string message, std::string help,
                      std::vector<Note> notes, bool unsure) {
  const auto key = std::make_pair(code, span.begin);
  auto it = findings_.find(key);
  // The first finding at a place stands, except that a sure one replaces an unsure one.
  if (it != findings_.end() && !(it->second.severity == Severity::Note && severity != Severity::Note)) return;
  findings_[key] = Finding{severity, std::move(code), span, std::move(message), std::move(help), std::move(notes),
                           severity == Severity::Note && unsure};
}

void Analyzer::report_if(const AbstractValue& basis, std::string code, Span span, std::string message,
                         std::string help, std::vector<Note> notes) {
  if (basis.exact) {
    report(Severity::Warning, std::move(code), span, std::move(message), std::move(help), std::move(notes));
    return;
  }
  report(Severity::Note, std::move(code), span,
         tr_format("unsure: {}; the analysis cannot tell, because {}", message, basis.why), std::move(help),
         std::move(notes));
}

void Analyzer::arm(Span span, bool reached, const std::string& message, const std::string& help) {
  auto [it, inserted] = arms_.try_emplace(span.begin);
  Arm& a = it->second;
  if (inserted) {
    a.span = span;
    a.message = message;
    a.help = help;
    if (!call_sites_.empty()) a.notes.push_back({std::string(tr("in the call analysed here")), rs_.at(call_sites_.back())});
  }
  a.reached = a.reached || reached;
}

std::vector<Note> Analyzer::call_site_notes(const std::string& subject, const Range& domain, bool percent) {
  std::vector<Note> notes;
  if (!call_sites_.empty()) {
    notes.push_back({tr_format("{} lies in {} in this call", subject, domain.to_string(percent)),
                     rs_.at(call_sites_.back())});
  }
  return notes;
}

}  // namespace analysis

Diagnostics analyse(const ast::Ruleset& ruleset, const AnalysisOptions& options,
                    std::vector<UnsureBound>* unsure_bounds) {
  return analysis::Analyzer(ruleset, options, unsure_bounds).run();
}

}  // namespace rubric
