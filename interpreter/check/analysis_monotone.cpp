// Monotonicity: which way a value moves as each fact it reads grows, the others held, and where a
// tiered or brackets score steps against the way it goes elsewhere (W0407). See analyzer.hpp.
//
// Every number the analysis computes carries its slopes: a fact is +1 in itself; a + b, a × b,
// a ÷ b, min, max, clamp, sums and means pass them on by the signs of their operands' intervals;
// a choice (the arms of a when, the tiers of a tiered) keeps a way only where every arm agrees.
// A tiered or brackets adds the steps between its pieces: where the subject passes a bound the
// score goes up, stays or goes down, decided exactly from the two arms' scores at the bound, as
// polynomials in what they read bounded by those names' intervals (pts − pts / 2 at 150%, with
// pts ≥ 0, never goes up). When most steps and pieces go one way and a step goes the other, that
// step is where more of a fact lowers the score (or less of it raises it): W0407.
//
// A fact or field may declare its direction (`more is better`, `more is worse`). Then a step, a
// tier or a whole score that moves against it is a warning, W0408, whatever the others do; a step
// that goes the declared way is no note.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "base/messages.hpp"
#include "interpreter/check/analyzer.hpp"

namespace rubric::analysis {

namespace {

constexpr int kIndependent = 2;

// Which way [v] moves with [dep]: +1, −1, 0 (both ways, or unknown), kIndependent when it does
// not read it.
int way_of(const AbstractValue& v, const std::string& dep) {
  if (const auto it = v.slope.find(dep); it != v.slope.end()) return it->second;
  return std::binary_search(v.deps.begin(), v.deps.end(), dep) ? 0 : kIndependent;
}

// The names a value reads, with or without a way.
std::set<std::string> read_by(const AbstractValue& v) {
  std::set<std::string> out(v.deps.begin(), v.deps.end());
  for (const auto& [dep, way] : v.slope) out.insert(dep);
  return out;
}

// Where the subject's values begin, for putting the pieces in order.
bool starts_before(const Range& a, const Range& b) {
  if (a.lo.inf != b.lo.inf) return a.lo.inf < b.lo.inf;
  if (a.lo.inf != 0) return false;
  if (a.lo.value != b.lo.value) return a.lo.value < b.lo.value;
  return a.lo.closed && !b.lo.closed;
}


// The way a piece's score, whose slopes are [slope], moves with the subject, through the facts the
// subject reads. A fact the subject moves both ways, or unknown ways ((x − b) / b in b), says
// nothing of it: the facts it moves one way decide, if there are any. kIndependent when the score
// reads none of them.
int way_in_subject(const AbstractValue& subject, const std::map<std::string, int>& slope) {
  int way = kIndependent;
  bool unknown = false;
  for (const std::string& dep : read_by(subject)) {
    const int s = way_of(subject, dep);
    const auto it = slope.find(dep);
    if (it == slope.end()) continue;  // the score does not read it
    if (s == 0 || s == kIndependent) {
      unknown = true;
      continue;
    }
    const int w = it->second * s;
    way = way == kIndependent ? w : way == w ? way : 0;
  }
  return way == kIndependent && unknown ? 0 : way;
}

}  // namespace

// [subject] as a message names it: a fact's, a let's or a parameter's label beside its name, as
// "rate（完成率）", so that an official reads what the rule calls it. See analysis.hpp.
std::string labelled(const ast::Ruleset& rs, const std::vector<ast::Let>* lets, const ast::Expr& subject, const std::string& text) {
  const std::string label = label_of(rs, lets, subject);
  return label.empty() ? text : text + "（" + label + "）";
}

std::string label_of(const ast::Ruleset& rs, const std::vector<ast::Let>* lets, const ast::Expr& subject) {
  const auto* n = std::get_if<ast::NameRef>(&subject.node);
  if (n == nullptr) return {};
  std::string label;
  if (n->kind == ast::NameKind::Fact && n->index < rs.facts.size()) label = rs.facts[n->index].label;
  if (n->kind == ast::NameKind::Let) {
    for (const std::vector<ast::Let>* list : {lets, &rs.lets}) {
      if (list == nullptr) continue;
      for (const ast::Let& l : *list) {
        if (l.name == n->name && label.empty()) label = l.label;
      }
    }
  }
  if (n->kind == ast::NameKind::Param) {
    for (const ast::Define& d : rs.defines) {
      if (d.span.begin <= subject.span.begin && subject.span.end <= d.span.end && n->index < d.param_labels.size()) {
        label = d.param_labels[n->index];
      }
    }
  }
  return label;
}

void seed_slopes(AbstractValue& v) {
  if (v.kind == Kind::Number && v.deps.size() == 1) v.slope = {{v.deps[0], 1}};
  if (v.element) {
    auto element = std::make_shared<AbstractValue>(*v.element);
    seed_slopes(*element);
    v.element = std::move(element);
  }
  for (AbstractValue& field : v.fields) seed_slopes(field);
}

std::map<std::string, int> merged_slopes(const AbstractValue& a, int sa, const AbstractValue& b, int sb) {
  // Neither says a way: every dependency is unknown, as an empty map already says (without slopes).
  if (a.slope.empty() && b.slope.empty()) return {};
  std::set<std::string> deps = read_by(a);
  deps.merge(read_by(b));
  std::map<std::string, int> out;
  for (const std::string& dep : deps) {
    int x = way_of(a, dep);
    int y = way_of(b, dep);
    if (x != kIndependent) x *= sa;
    if (y != kIndependent) y *= sb;
    out[dep] = x == kIndependent ? y : y == kIndependent ? x : x == y ? x : 0;
  }
  return out;
}

std::map<std::string, int> slopes_of(const AbstractValue& v) { return merged_slopes(v, 1, AbstractValue{}, 1); }

int sign_of(const Range& r) {
  if (r.lo.inf == 0 && r.lo.value.sign() >= 0) return 1;
  if (r.hi.inf == 0 && r.hi.value.sign() <= 0) return -1;
  return 0;
}

void Analyzer::record_directions(const ast::Indicator& ind, const AbstractValue& score) {
  struct Way {
    int way = 0;
    int declared = 0;
    std::string label;
  };
  // By the name shown and the declaration: the elements of a list are one, the same field of two
  // lists (both read as o.actual) two when they are declared apart.
  std::map<std::pair<std::string, int>, Way> ways;
  for (const auto& [dep, way] : slopes_of(score)) {
    const std::string shown = shown_dep(dep);
    Way w{way, 0, {}};
    if (const auto it = declared_.find(dep); it != declared_.end()) {
      w.declared = it->second.way;
      if (it->second.label != nullptr) w.label = *it->second.label;
    }
    for (const ast::FactDecl& f : rs_.facts) {
      if (f.name == shown) w.label = f.label;
    }
    const auto [it, fresh] = ways.emplace(std::make_pair(shown, w.declared), w);
    if (!fresh && it->second.way != way) it->second.way = 0;
  }
  for (const auto& [key, w] : ways) options_.directions->push_back({&ind, key.first, w.label, w.way, w.declared});
}

void Analyzer::declare(const AbstractValue& v) {
  if (v.direction != 0 && v.deps.size() == 1) declared_[v.deps[0]] = {v.direction, v.label};
  for (const AbstractValue& field : v.fields) declare(field);
  if (v.element) declare(*v.element);  // a list read whole: mean(xs), min(xs)
}

std::string Analyzer::declared_name(const std::string& dep) const {
  const auto it = declared_.find(dep);
  const std::string shown = shown_dep(dep);
  if (it == declared_.end() || it->second.label == nullptr || it->second.label->empty()) return shown;
  return shown + "（" + *it->second.label + "）";
}

std::vector<std::string> Analyzer::against(const AbstractValue& subject, int way, bool& all_declared) const {
  std::vector<std::string> out;
  bool any = false;
  all_declared = true;
  for (const std::string& dep : read_by(subject)) {
    const int w = way_of(subject, dep);
    if (w != 1 && w != -1) continue;
    any = true;
    const auto it = declared_.find(dep);
    if (it == declared_.end()) {
      all_declared = false;
    } else if (way * w == -it->second.way) {
      out.push_back(dep);
    }
  }
  all_declared = all_declared && any;
  return out;
}

namespace {

std::string declared_word(int way) { return std::string(way > 0 ? tr("'more is better'") : tr("'more is worse'")); }

// "so more X can lower the score" for each of [deps], moved [effect] by more of it.
void effect_notes(std::vector<Note>& notes, const std::string& shown, int effect) {
  notes.push_back({effect < 0 ? tr_format("so more {} can lower the score", shown)
                              : tr_format("so more {} can raise the score", shown),
                   std::nullopt});
}

}  // namespace

Analyzer::StepWords Analyzer::step_words(const ast::Expr& subject_expr, const Piece& below, const Piece& above,
                                         const Decimal& at, bool percent) const {
  StepWords w;
  w.bound = format_bound(at, percent);
  w.subject = labelled(rs_, indicator_ != nullptr ? &indicator_->lets : nullptr, subject_expr, src(subject_expr.span));
  w.below = below.range.hi.closed ? tr_format("at {}", w.bound) : tr_format("just below {}", w.bound);
  w.above = above.range.lo.closed ? tr_format("from {}", w.bound) : tr_format("above {}", w.bound);
  return w;
}

void Analyzer::report_against(const ast::Expr& subject_expr, const AbstractValue& subject, const Piece& below,
                              const Piece& above, const Decimal& at, int way, bool percent,
                              const std::vector<std::string>& deps) {
  const std::string name = src(subject_expr.span);
  const StepWords words = step_words(subject_expr, below, above, at, percent);
  const Declared& first = declared_.at(deps.front());
  std::vector<std::string> shown;
  std::vector<Note> notes;
  for (const std::string& dep : deps) {
    const std::string s = declared_name(dep);
    const int declared = declared_.at(dep).way;
    against_.insert(dep);
    if (declared != first.way) {  // declared the other way: said in a note of its own
      notes.push_back({tr_format("{} is declared {}", s, declared_word(declared)), std::nullopt});
    } else if (std::find(shown.begin(), shown.end(), s) != shown.end()) {
      continue;
    } else {
      shown.push_back(s);
    }
    effect_notes(notes, shown_dep(dep), way * way_of(subject, dep));
  }
  for (Note& n : call_site_notes(name, subject.range, percent)) notes.push_back(std::move(n));
  const std::string facts = fmt::format("{}", fmt::join(shown, ", "));
  std::string message =
      way < 0 ? tr_format("{} is declared {}, but the score goes down where {} rises past {}: {} it is {}, {} it is {}",
                          facts, declared_word(first.way), words.subject, words.bound, words.below, src(below.result->span),
                          words.above, src(above.result->span))
              : tr_format("{} is declared {}, but the score goes up where {} rises past {}: {} it is {}, {} it is {}",
                          facts, declared_word(first.way), words.subject, words.bound, words.below, src(below.result->span),
                          words.above, src(above.result->span));
  report(Severity::Warning, "W0408", above.span, std::move(message),
         std::string(tr("if the criteria mean this step, the declaration is wrong: remove it, and rubric check only "
                        "notes the step (W0407); if they do not, make the score at the bound move the declared way")),
         std::move(notes), false);
}

bool Analyzer::declared_step(const ast::Expr& subject_expr, const AbstractValue& subject, const std::vector<Piece>& pieces,
                             std::size_t below, const Decimal& at, int way, bool percent) {
  bool all_declared = false;
  const std::vector<std::string> deps = against(subject, way, all_declared);
  if (!deps.empty()) report_against(subject_expr, subject, pieces[below], pieces[below + 1], at, way, percent, deps);
  return !deps.empty() || all_declared;
}

// A tier or arm whose own score moves against a declared direction: W0408 at its score.
void Analyzer::pieces_against(const std::vector<Piece>& pieces) {
  for (const Piece& p : pieces) {
    for (const auto& [dep, way] : p.slope) {
      const auto it = declared_.find(dep);
      if (it == declared_.end() || way != -it->second.way || p.result == nullptr) continue;
      against_.insert(dep);
      const std::string fact = declared_name(dep);
      std::vector<Note> notes;
      effect_notes(notes, shown_dep(dep), way);
      report(Severity::Warning, "W0408", p.result->span,
             way < 0 ? tr_format("{} is declared {}, but in this tier the score goes down as it grows", fact,
                                 declared_word(it->second.way))
                     : tr_format("{} is declared {}, but in this tier the score goes up as it grows", fact,
                                 declared_word(it->second.way)),
             std::string(tr("if the criteria mean it, the declaration is wrong; if not, the tier's score is")),
             std::move(notes), false);
    }
  }
}

// A whole score that moves against a declared direction, where no step or tier was named: W0408,
// one for the score, the first such fact in its message and any others in its notes.
void Analyzer::check_declared(const ast::Indicator& ind, const AbstractValue& score) {
  std::vector<std::string> said;
  std::vector<std::string> untold;  // declared, read, and no way the analysis can tell (W0409)
  for (const auto& [dep, way] : slopes_of(score)) {
    const auto it = declared_.find(dep);
    if (it == declared_.end() || against_.count(dep) > 0) continue;
    if (way == 0) {
      const std::string name = declared_name(dep);
      if (std::find(untold.begin(), untold.end(), name) == untold.end()) untold.push_back(name);
      continue;
    }
    if (way != -it->second.way) continue;
    against_.insert(dep);
    const std::string fact = declared_name(dep);
    said.push_back(way < 0 ? tr_format("{} is declared {}, but the score of '{}' goes down as it grows, the other facts held",
                                       fact, declared_word(it->second.way), ind.name)
                           : tr_format("{} is declared {}, but the score of '{}' goes up as it grows, the other facts held",
                                       fact, declared_word(it->second.way), ind.name));
  }
  if (!untold.empty() && said.empty()) {
    report(Severity::Note, "W0409", ind.score->span,
           tr_format("which way the score of '{}' moves as {} grows is more than the analysis can tell: the declared "
                     "direction is not checked here",
                     ind.name, fmt::join(untold, ", ")),
           std::string(tr("check this rule by hand, or with tests on either side of its bounds (rubric test "
                          "--boundaries)")),
           {}, false);
  }
  if (said.empty()) return;
  std::vector<Note> notes;
  for (std::size_t i = 1; i < said.size(); ++i) notes.push_back({said[i], std::nullopt});
  report(Severity::Warning, "W0408", ind.score->span, said.front(),
         std::string(tr("either the rule or the declaration is wrong; rubric check --directions shows which way "
                        "each score moves")),
         std::move(notes), false);
}

// The step at [at] from [below]'s score to [above]'s, the subject held there.
int Analyzer::step_at(const ast::Expr& subject_expr, const AbstractValue& subject, const Piece& below, const Piece& above,
                      const Decimal& at) {
  const std::optional<Decimal> points = indicator_ != nullptr ? std::optional(indicator_->points.hi) : std::nullopt;
  const auto d = difference_at(rs_, *below.result, *above.result, src(subject_expr.span), at, points);
  if (!d) {
    // Scores the comparison does not look into (a deduction by steps of the subject): decided
    // when every score of one piece lies above every score of the other, wherever the subject is
    // in them, and so at the bound too.
    const auto all_below = [](const Range& a, const Range& b) {  // every value of a < every value of b
      return a.hi.inf == 0 && b.lo.inf == 0 && (a.hi.value < b.lo.value || (a.hi.value == b.lo.value && !(a.hi.closed && b.lo.closed)));
    };
    if (below.score.empty() || above.score.empty()) return kStepEither;
    return all_below(above.score, below.score) ? -1 : all_below(below.score, above.score) ? 1 : kStepEither;
  }
  // Bound the difference with the intervals of what it reads, the subject held at the bound.
  const std::size_t mark = narrowed_.size();
  narrow_to(subject_expr, subject, Range::point(at));
  Range total = Range::point(Decimal{});
  bool numbers = true;
  for (const Difference::Term& term : d->terms) {
    Range product = Range::point(term.coefficient);
    for (const ast::Expr* atom : term.atoms) {
      const AbstractValue v = eval(*atom);
      if (v.kind != Kind::Number) numbers = false;
      product = multiply(product, v.range);
    }
    total = add(total, product);
  }
  narrowed_.resize(mark);
  if (!numbers) return kStepEither;
  const int lo = total.lo.inf != 0 ? total.lo.inf : total.lo.value.sign();
  const int hi = total.hi.inf != 0 ? total.hi.inf : total.hi.value.sign();
  return lo >= 0 && hi <= 0 ? 0 : lo >= 0 ? 1 : hi <= 0 ? -1 : kStepEither;
}

// W0407 for the step of [way] (+1 up, −1 down) from [below] to [above] at [at].
void Analyzer::report_step(const ast::Expr& subject_expr, const AbstractValue& subject, const Piece& below,
                           const Piece& above, const Decimal& at, int way, bool percent) {
  const std::string name = src(subject_expr.span);
  const StepWords words = step_words(subject_expr, below, above, at, percent);
  const bool drop = way < 0;
  std::string message =
      drop ? tr_format("the score goes down where {} rises past {}, though it goes up elsewhere: {} it is {}, {} it is {}",
                       words.subject, words.bound, words.below, src(below.result->span), words.above, src(above.result->span))
           : tr_format("the score goes up where {} rises past {}, though it goes down elsewhere: {} it is {}, {} it is {}",
                       words.subject, words.bound, words.below, src(below.result->span), words.above, src(above.result->span));
  std::vector<std::string> more, less;
  for (const std::string& dep : read_by(subject)) {
    const int w = way_of(subject, dep);
    if (w == 1) more.push_back(shown_dep(dep));
    if (w == -1) less.push_back(shown_dep(dep));
  }
  more.erase(std::unique(more.begin(), more.end()), more.end());
  less.erase(std::unique(less.begin(), less.end()), less.end());
  const std::string more_text = fmt::format("{}", fmt::join(more, ", "));
  const std::string less_text = fmt::format("{}", fmt::join(less, ", "));
  std::vector<Note> notes;
  if (!more.empty()) {
    notes.push_back({drop ? tr_format("so more {} can lower the score", more_text)
                          : tr_format("so more {} can raise the score", more_text),
                     std::nullopt});
  }
  if (!less.empty()) {
    notes.push_back({drop ? tr_format("so less {} can lower the score", less_text)
                          : tr_format("so less {} can raise the score", less_text),
                     std::nullopt});
  }
  for (Note& n : call_site_notes(name, subject.range, percent)) notes.push_back(std::move(n));
  report(Severity::Note, "W0407", above.span, std::move(message),
         std::string(tr("if the rule means it, nothing is wrong; if not, make the scores at either side of the "
                        "bound go the same way as the others")),
         std::move(notes), false);
}

void Analyzer::steps(const ast::Expr& subject_expr, const AbstractValue& subject, std::vector<Piece> pieces, bool percent,
                     AbstractValue& result) {
  if (!slopes_ || result.kind != Kind::Number) return;
  // The way each piece's score moves with the subject: through the facts the subject reads.
  const auto piece_way = [&](const Piece& p) { return way_in_subject(subject, p.slope); };
  std::sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) { return starts_before(a.range, b.range); });
  struct Step {
    std::size_t below;
    Decimal at;
    int way;  // +1, 0, −1, kStepEither
    bool declared;  // decided by declared directions (W0408), not by the other steps
  };
  std::vector<Step> list;
  int ups = 0, downs = 0, unknowns = pieces.empty() ? 1 : 0;
  const auto count = [&](int way) {
    ups += way == 1 ? 1 : 0;
    downs += way == -1 ? 1 : 0;
    unknowns += way == 0 || way == kStepEither ? 1 : 0;
  };
  for (const Piece& p : pieces) {
    const int way = piece_way(p);
    if (way != kIndependent) count(way);
  }
  for (std::size_t i = 0; i + 1 < pieces.size(); ++i) {
    const Range& below = pieces[i].range;
    const Range& above = pieces[i + 1].range;
    if (below.hi.inf != 0 || above.lo.inf != 0 || below.hi.value != above.lo.value) continue;  // a gap: no step
    const int way = step_at(subject_expr, subject, pieces[i], pieces[i + 1], above.lo.value);
    if (way != 0) count(way);
    list.push_back({i, above.lo.value, way, false});
  }
  // Declared directions first: a step against one is W0408, one that goes the declared way of
  // every fact it moves with is no note, whatever the other steps do.
  if (options_.monotonicity && !declared_.empty()) {
    pieces_against(pieces);
    for (Step& s : list) {
      s.declared = s.way == 1 || s.way == -1 ? declared_step(subject_expr, subject, pieces, s.below, s.at, s.way, percent)
                                             : false;
    }
  }
  // Which way the subject moves the score: one way when every step and piece goes that way (or
  // stays).
  const int way = unknowns > 0 || (ups > 0 && downs > 0) ? 0 : downs > 0 ? -1 : 1;
  if (options_.monotonicity && ups > 0 && downs > 0) {
    // The steps against the way most go. As many each way, the way from the lowest values to the
    // highest decides (a pass mark, 0 then a formula, rises); when it does not, all are shown.
    int most = ups > downs ? 1 : downs > ups ? -1 : 0;
    if (most == 0) {
      const Range& first = pieces.front().score;
      const Range& last = pieces.back().score;
      const auto at_least = [](const Range& a, const Range& b) {  // every value of a ≥ every value of b
        return a.lo.inf == 0 && b.hi.inf == 0 && !(a.lo.value < b.hi.value);
      };
      most = at_least(last, first) && !at_least(first, last) ? 1 : at_least(first, last) && !at_least(last, first) ? -1 : 0;
    }
    for (const Step& s : list) {
      if (!s.declared && ((s.way == -1 && most >= 0) || (s.way == 1 && most <= 0))) {
        report_step(subject_expr, subject, pieces[s.below], pieces[s.below + 1], s.at, s.way, percent);
      }
    }
  }
  // The subject's facts move the result as the subject moves it, and as the arms read them.
  for (const std::string& dep : read_by(subject)) {
    const int s = way_of(subject, dep);
    const int through = way == 0 || s == 0 || s == kIndependent ? 0 : way * s;
    const int own = way_of(result, dep);
    result.slope[dep] = own == kIndependent ? through : own == through ? own : 0;
  }
}

}  // namespace rubric::analysis
