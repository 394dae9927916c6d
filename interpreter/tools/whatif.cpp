// `rubric whatif`: the smallest change to a department's facts that reaches a grade or a total; see
// whatif.hpp for the method.
#include "interpreter/tools/whatif.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>

#include "base/messages.hpp"
#include "interpreter/eval/evaluator.hpp"

namespace rubric::whatif {
namespace {

// A place searched on a grid: a number of any kind, or a date (a day number).
bool numeric(ast::TypeKind k) {
  return k == ast::TypeKind::Number || k == ast::TypeKind::Percent || k == ast::TypeKind::Money ||
         k == ast::TypeKind::Count || k == ast::TypeKind::Date;
}
bool changeable(const ast::TypeRef& t) {
  return numeric(t.kind) || t.kind == ast::TypeKind::Bool || t.kind == ast::TypeKind::Enum;
}

std::optional<Decimal> constant(const ast::Bound& b) {
  if (!b.value) return std::nullopt;
  if (const auto* n = std::get_if<ast::NumberLit>(&b.value->node)) return n->value;
  if (const auto* u = std::get_if<ast::Unary>(&b.value->node)) {
    if (const auto* n = std::get_if<ast::NumberLit>(&u->operand->node)) return -n->value;
  }
  return std::nullopt;
}

// The text field of a record that names it (the first text field), for the label of its element.
std::string element_name(const ast::TypeRef& record, const Value& element) {
  if (record.kind != ast::TypeKind::Record || !element.is_list()) return "";
  for (std::size_t i = 0; i < record.fields.size() && i < element.list().size(); ++i) {
    if (record.fields[i].type->kind == ast::TypeKind::Text && element.list()[i].is_text()) return element.list()[i].text();
  }
  return "";
}

std::string fact_label(const ast::FactDecl& f) { return f.label.empty() ? f.name : f.label; }

// ---- Changing facts --------------------------------------------------------------------------

Value with(const Value& fact, const Place& p, const Value& x) {
  if (!p.element) return x;
  auto items = std::make_shared<std::vector<Value>>(fact.list());
  Value& e = (*items)[*p.element];
  if (p.field) {
    auto fields = std::make_shared<std::vector<Value>>(e.list());
    (*fields)[*p.field] = x;
    e = Value(ValueList(std::move(fields)));
  } else {
    e = x;
  }
  return Value(ValueList(std::move(items)));
}

Value at(const Value& fact, const Place& p) {
  if (!p.element) return fact;
  const Value& e = fact.list()[*p.element];
  return p.field ? e.list()[*p.field] : e;
}

using Changes = std::vector<std::pair<const Place*, Value>>;

// One department scored: its total and grade, and the branches it took.
struct Probe {
  bool scored = false;  // the facts meet the requirements and the total was computed
  Decimal total;
  std::string grade;
  std::vector<std::uint64_t> path;
};

class Scorer {
 public:
  Scorer(const ast::Ruleset& rs, const Facts& facts, const Target& target) : rs_(rs), base_(facts), target_(target) {
    for (std::size_t i = 0; i < rs.grades.size(); ++i) rank_[rs.grades[i].name] = i;
    for (const Value& v : facts.values) size_ += v.is_list() ? 1 + v.list().size() : 1;
    for (std::size_t i = 0; i < rs.facts.size(); ++i) note_scale(*rs.facts[i].type, facts.values[i]);
  }
  // Whether [percent]% of the work allowed (kWhatifWork) is used up. Whole numbers: the budget
  // is a count, and nothing in whatif is a binary fraction.
  bool spent(std::size_t percent = 100) const { return evaluations * size_ * 100 >= percent * kWhatifWork; }
  // The largest magnitude among the department's values of [kind] (at least 1, at most 10^12): how
  // far a value of that kind at 0 is searched when its domain has no end.
  Decimal scale(ast::TypeKind kind) const {
    const auto it = scales_.find(kind);
    return it == scales_.end() ? Decimal::from_int(1) : it->second;
  }

  Probe score(const Changes& changes) {
    Facts facts = base_;
    for (const auto& [place, x] : changes) {
      facts.values[place->fact] = with(facts.values[place->fact], *place, x);
      facts.supplied[place->fact] = true;
    }
    ++evaluations;
    Probe out;
    if (!rs_.requirements.empty() && unmet_requirements(rs_, facts, facts.file).has_errors()) return out;
    EvalOptions options;
    options.trace = false;
    options.decisions = &out.path;
    const Evaluation e = evaluate(rs_, facts, options);
    if (!e.total || e.diagnostics.has_errors()) return out;
    out.scored = true;
    out.total = *e.total;
    out.grade = e.grade;
    return out;
  }

  // Whether [a] is nearer the target than [b]: a better grade, or the same grade and a higher
  // total. A veto lifted or a grade condition met counts though the total stays.
  bool better(const Probe& a, const Probe& b) const {
    if (!a.scored) return false;
    if (!b.scored) return true;
    const std::size_t ra = rank_of(a.grade);
    const std::size_t rb = rank_of(b.grade);
    if (ra != rb) return ra < rb;
    return a.total > b.total;
  }

  bool reaches(const Probe& p) const {
    if (!p.scored) return false;
    if (target_.total && p.total < *target_.total) return false;
    if (target_.grade.empty()) return true;
    const auto want = rank_.find(target_.grade);
    const auto got = rank_.find(p.grade);
    return want != rank_.end() && got != rank_.end() && got->second <= want->second;
  }

  std::size_t evaluations = 0;

 private:
  const ast::Ruleset& rs_;
  const Facts& base_;
  const Target& target_;
  std::size_t rank_of(const std::string& grade) const {
    const auto it = rank_.find(grade);
    return it == rank_.end() ? rank_.size() : it->second;
  }

  void note_scale(const ast::TypeRef& t, const Value& v) {
    if (v.is_number() && numeric(t.kind) && t.kind != ast::TypeKind::Date) {
      const Decimal m = std::min(v.number().abs(), Decimal::from_int(1'000'000'000'000));
      auto [it, added] = scales_.emplace(t.kind, std::max(m, Decimal::from_int(1)));
      if (!added && m > it->second) it->second = m;
    } else if (v.is_list() && t.kind == ast::TypeKind::List) {
      for (const Value& e : v.list()) note_scale(*t.element, e);
    } else if (v.is_list() && t.kind == ast::TypeKind::Record) {
      for (std::size_t i = 0; i < t.fields.size() && i < v.list().size(); ++i) note_scale(*t.fields[i].type, v.list()[i]);
    }
  }

  std::map<std::string, std::size_t> rank_;
  std::map<ast::TypeKind, Decimal> scales_;
  std::size_t size_ = 0;  // the values of the facts: what one evaluation costs
};

// ---- One number on its grid ------------------------------------------------------------------

// The values of a number place: x0 + k × unit for k in [lo, hi], x0 the department's own value.
struct Grid {
  Decimal x0;
  Decimal unit;
  std::int64_t lo = 0;
  std::int64_t hi = 0;

  Decimal value(std::int64_t k) const { return x0 + Decimal::from_int(k) * unit; }
};

// How far an unbounded domain is searched: this many times the department's own value (at least
// this many units of the place's resolution). A date is moved by up to a year either way.
constexpr std::int64_t kReach = 1000;
constexpr std::int64_t kDaysReach = 366;

Grid grid_of(const Place& p, const Decimal& x0, const Decimal& magnitude) {
  Grid g;
  g.x0 = x0;
  const ast::TypeKind kind = p.type->kind;
  if (kind == ast::TypeKind::Date) {
    g.unit = Decimal::from_int(1);
    g.lo = -kDaysReach;
    g.hi = kDaysReach;
    return g;
  }
  const int decimals = kind == ast::TypeKind::Count ? 0 : kind == ast::TypeKind::Percent ? 4 : 2;
  const int scale = std::max(decimals, x0.normalized().scale());
  g.unit = Decimal::from_parts(1, scale);
  // An open end: 1,000 times the department's value, or its values of this kind (a money fact at
  // 0 beside a budget of 5,000 is searched to 5,000,000); a percent at least to 1,000%.
  const Decimal floor = kind == ast::TypeKind::Percent ? Decimal::from_int(1) : magnitude;
  const Decimal span = std::max(x0.abs(), floor) * Decimal::from_int(kReach);
  std::optional<Decimal> lo;
  std::optional<Decimal> hi;
  bool lo_open = false;
  bool hi_open = false;
  if (p.domain != nullptr) {
    lo = constant(p.domain->lo);
    hi = constant(p.domain->hi);
    lo_open = !p.domain->lo_closed;
    hi_open = !p.domain->hi_closed;
  } else if (kind != ast::TypeKind::Number) {
    lo = Decimal{};
  }
  // Steps are held within ±2^60, so that a difference of two never overflows: a department's
  // value with 15 decimals (4000.000000000000001) still gets its whole range, in steps of its
  // own resolution, up to 2^60 of them.
  constexpr std::int64_t kMaxSteps = std::int64_t{1} << 60;
  const auto steps = [&](const Decimal& d, bool up) {
    const Decimal q = d / g.unit;
    const Decimal r = up ? q.ceil() : q.floor();
    const std::int64_t n = r.to_int64().value_or(r.sign() < 0 ? -kMaxSteps : kMaxSteps);
    return std::clamp(n, -kMaxSteps, kMaxSteps);
  };
  // The domain's ends on the grid: an open end excludes the value on it.
  if (lo) {
    g.lo = steps(*lo - x0, true);
    if (lo_open && g.value(g.lo) == *lo) ++g.lo;
  } else {
    g.lo = -steps(span, false);
  }
  if (hi) {
    g.hi = steps(*hi - x0, false);
    if (hi_open && g.value(g.hi) == *hi) --g.hi;
  } else {
    g.hi = steps(span, false);
  }
  g.lo = std::min<std::int64_t>(g.lo, 0);
  g.hi = std::max<std::int64_t>(g.hi, 0);
  return g;
}

// Two values in one piece: the same branches in the same order (or both refused by a requirement,
// or both failing: no value between is searched).
bool same_piece(const Probe& a, const Probe& b) { return a.scored == b.scored && a.path == b.path; }

class NumberSearch {
 public:
  NumberSearch(Scorer& scorer, const Place& place, const Changes& others, const Grid& grid)
      : scorer_(scorer), place_(place), others_(others), grid_(grid) {}

  const Probe& at(std::int64_t k) {
    auto it = cache_.find(k);
    if (it != cache_.end()) return it->second;
    Changes changes = others_;
    changes.emplace_back(&place_, Value(grid_.value(k)));
    return cache_.emplace(k, scorer_.score(changes)).first->second;
  }
  bool reaches(std::int64_t k) { return scorer_.reaches(at(k)); }

  // The step nearest 0 in [from, to] (either order) that reaches the target: the pieces between
  // are told apart by their branches, and the total moves one way inside each.
  std::optional<std::int64_t> nearest(std::int64_t from, std::int64_t to) {
    if (reaches(from)) return from;
    if (from == to) return std::nullopt;
    const Probe& a = at(from);
    const Probe& b = at(to);
    if (same_piece(a, b)) {
      if (!reaches(to)) return std::nullopt;
      std::int64_t no = from;
      std::int64_t yes = to;
      while (no - yes > 1 || yes - no > 1) {
        const std::int64_t mid = no + (yes - no) / 2;
        (reaches(mid) ? yes : no) = mid;
      }
      return yes;
    }
    if (to - from == 1 || from - to == 1) return reaches(to) ? std::optional(to) : std::nullopt;
    const std::int64_t mid = from + (to - from) / 2;
    if (auto found = nearest(from, mid)) return found;
    return nearest(mid, to);
  }

  // The step in [from, to] whose total is highest (the nearest to 0 among equals).
  std::int64_t best(std::int64_t from, std::int64_t to) {
    std::int64_t found = from;
    walk(from, to, found, std::max<std::int64_t>(1, (to - from) / 64));
    return found;
  }

 private:
  void consider(std::int64_t k, std::int64_t& found) {
    const Probe& p = at(k);
    const Probe& f = at(found);
    const bool tie = p.scored && f.scored && !scorer_.better(f, p) && std::abs(k) < std::abs(found);
    if (scorer_.better(p, f) || tie) found = k;
  }
  // Two values that cannot be scored (outside a calendar's year, against a requirement) may have
  // values between that can: such a stretch is split down to [coarse] steps, not further.
  void walk(std::int64_t from, std::int64_t to, std::int64_t& found, std::int64_t coarse) {
    consider(from, found);
    consider(to, found);
    const Probe& a = at(from);
    const Probe& b = at(to);
    if (to - from <= 1) return;
    if (a.scored && b.scored && a.path == b.path) return;
    if (!a.scored && !b.scored && to - from <= coarse) return;
    const std::int64_t mid = from + (to - from) / 2;
    walk(from, mid, found, coarse);
    walk(mid, to, found, coarse);
  }

  Scorer& scorer_;
  const Place& place_;
  const Changes& others_;
  const Grid& grid_;
  std::map<std::int64_t, Probe> cache_;
};

// ---- Any place ---------------------------------------------------------------------------------

// The other values a bool or an enum place may take.
std::vector<Value> alternatives(const Place& p, const Value& now) {
  std::vector<Value> out;
  if (p.type->kind == ast::TypeKind::Bool) {
    out.emplace_back(!now.boolean());
  } else {
    for (const std::string& m : p.type->members) {
      if (!now.is_text() || m != now.text()) out.emplace_back(m);
    }
  }
  return out;
}

struct Found {
  Value to;
  Probe probe;
  std::optional<Value> one_less;
};

// The smallest change of [p] (from [now]) that reaches the target with [others] applied.
std::optional<Found> smallest(Scorer& scorer, const Place& p, const Value& now, const Changes& others) {
  if (!numeric(p.type->kind)) {
    std::optional<Found> found;
    for (const Value& v : alternatives(p, now)) {
      Changes changes = others;
      changes.emplace_back(&p, v);
      Probe probe = scorer.score(changes);
      // Among the values that reach it, the one that asks least: the lowest total.
      if (scorer.reaches(probe) && (!found || probe.total < found->probe.total)) found = Found{v, std::move(probe), {}};
    }
    return found;
  }
  const Grid grid = grid_of(p, now.number(), scorer.scale(p.type->kind));
  NumberSearch search(scorer, p, others, grid);
  const auto up = grid.hi > 0 ? search.nearest(1, grid.hi) : std::nullopt;
  const auto down = grid.lo < 0 ? search.nearest(-1, grid.lo) : std::nullopt;
  std::optional<std::int64_t> k;
  if (up && (!down || *up <= -*down)) k = up;
  else k = down;
  if (!k) return std::nullopt;
  const std::int64_t less = *k > 0 ? *k - 1 : *k + 1;
  return Found{Value(grid.value(*k)), search.at(*k), Value(grid.value(less))};
}

// The value of [p] that gives the highest total, and that total.
std::optional<Found> best(Scorer& scorer, const Place& p, const Value& now) {
  if (!numeric(p.type->kind)) {
    std::optional<Found> found;
    for (const Value& v : alternatives(p, now)) {
      Probe probe = scorer.score({{&p, v}});
      if (probe.scored && (!found || scorer.better(probe, found->probe))) found = Found{v, std::move(probe), {}};
    }
    return found;
  }
  const Grid grid = grid_of(p, now.number(), scorer.scale(p.type->kind));
  const Changes none;
  NumberSearch search(scorer, p, none, grid);
  const std::int64_t k = search.best(grid.lo, grid.hi);
  if (k == 0 || !search.at(k).scored || !scorer.better(search.at(k), search.at(0))) return std::nullopt;
  return Found{Value(grid.value(k)), search.at(k), {}};
}

// ---- Several places together -----------------------------------------------------------------

constexpr std::size_t kCandidates = 12;
constexpr std::size_t kLargestSet = 4;

struct Candidate {
  const Place* place;
  Value now;
  Value best;
  Probe at_best;  // the department with this place at its best value
};

// Each subset of [n] candidates of [size], in order, as indices; [visit] returns true to stop.
bool subsets(std::size_t n, std::size_t size, const std::function<bool(const std::vector<std::size_t>&)>& visit) {
  std::vector<std::size_t> pick(size);
  for (std::size_t i = 0; i < size; ++i) pick[i] = i;
  if (size > n) return false;
  while (true) {
    if (visit(pick)) return true;
    std::size_t i = size;
    while (i > 0 && pick[i - 1] == n - size + i - 1) --i;
    if (i == 0) return false;
    ++pick[i - 1];
    for (std::size_t j = i; j < size; ++j) pick[j] = pick[j - 1] + 1;
  }
}

// [changes] with each made, in turn, as small as the others (at their values then) allow.
Changes shrunk(Scorer& scorer, Changes changes, const std::vector<const Candidate*>& of) {
  for (std::size_t j = 0; j < changes.size(); ++j) {
    Changes others = changes;
    others.erase(others.begin() + static_cast<std::ptrdiff_t>(j));
    if (auto found = smallest(scorer, *of[j]->place, of[j]->now, others)) changes[j].second = found->to;
  }
  return changes;
}

// The share of [c]'s room that [to] uses: (to − now) / (best − now); 1 for a bool or an enum.
Decimal share(const Candidate& c, const Value& to) {
  if (!to.is_number() || !c.best.is_number()) return Decimal::from_int(1);
  const Decimal room = c.best.number() - c.now.number();
  if (room.is_zero()) return Decimal::from_int(1);
  return ((to.number() - c.now.number()) / room).abs();
}

// The set [pick] with each change made as small as the others allow, the changes shrunk in each
// rotation of their order (which is shrunk first decides what the others must make up), and the
// least costly kept; nullopt if none reaches the target (cannot happen: each step kept it reached).
std::optional<Combination> cheapest(Scorer& scorer, const std::vector<Candidate>& candidates,
                                    const std::vector<std::size_t>& pick) {
  std::optional<Combination> out;
  for (std::size_t r = 0; r < pick.size(); ++r) {
    Changes changes;
    std::vector<const Candidate*> of;
    for (std::size_t j = 0; j < pick.size(); ++j) {
      const Candidate& c = candidates[pick[(j + r) % pick.size()]];
      changes.emplace_back(c.place, c.best);
      of.push_back(&c);
    }
    changes = shrunk(scorer, std::move(changes), of);
    const Probe probe = scorer.score(changes);
    if (!scorer.reaches(probe)) continue;
    Combination c{{}, probe.total, probe.grade, Decimal{}};
    for (std::size_t j = 0; j < changes.size(); ++j) c.cost += share(*of[j], changes[j].second);
    if (out && out->cost <= c.cost) continue;
    // Shown in the order of the set, whichever rotation won.
    for (std::size_t j = 0; j < changes.size(); ++j) {
      const std::size_t k = (j + pick.size() - r) % pick.size();
      c.changes.push_back({*changes[k].first, of[k]->now, changes[k].second});
    }
    out = std::move(c);
  }
  return out;
}

// Sets of reaching places tried at the smallest size that has any.
constexpr std::size_t kSetsTried = 20;

void combine(Scorer& scorer, const std::vector<Candidate>& candidates, Answer& answer) {
  for (std::size_t size = 2; size <= std::min(kLargestSet, candidates.size()); ++size) {
    std::vector<std::vector<std::size_t>> reaching;
    subsets(candidates.size(), size, [&](const std::vector<std::size_t>& pick) {
      Changes changes;
      for (const std::size_t i : pick) changes.emplace_back(candidates[i].place, candidates[i].best);
      if (scorer.reaches(scorer.score(changes))) reaching.push_back(pick);
      return reaching.size() == kSetsTried || scorer.spent();
    });
    for (const std::vector<std::size_t>& pick : reaching) {
      if (auto c = cheapest(scorer, candidates, pick)) answer.combinations.push_back(std::move(*c));
    }
    if (answer.combinations.empty()) continue;
    std::stable_sort(answer.combinations.begin(), answer.combinations.end(),
                     [](const Combination& x, const Combination& y) { return x.cost < y.cost; });
    if (answer.combinations.size() > kShownCombinations) answer.combinations.resize(kShownCombinations);
    return;
  }
}

// [search] for one place; nullopt when a value it would try is beyond a decimal's range (a fact of
// 10^35 searched up to 1,000 times itself): that place is left out, counted in Answer::skipped.
template <typename Search>
std::optional<Found> guarded(Search search, std::size_t* skipped) {
  try {
    return search();
  } catch (const DecimalError&) {
    if (skipped != nullptr) ++*skipped;
    return std::nullopt;
  }
}

// The places in the order searched: the facts themselves first, then the elements of list facts,
// so that a long list does not use up the work before the other facts are tried.
std::vector<const Place*> search_order(const std::vector<Place>& all) {
  std::vector<const Place*> out;
  for (const Place& p : all) {
    if (!p.element) out.push_back(&p);
  }
  for (const Place& p : all) {
    if (p.element) out.push_back(&p);
  }
  return out;
}

// The work the single changes may take, and the best values of the candidates for combinations
// after them, in percent of kWhatifWork; the rest is for the combinations themselves.
constexpr std::size_t kSinglesPercent = 60;
constexpr std::size_t kCandidatesPercent = 80;

void singles(Scorer& scorer, const Facts& facts, const std::vector<Place>& all, Answer& answer) {
  const std::vector<const Place*> order = search_order(all);
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (scorer.spent(kSinglesPercent)) {
      answer.not_tried = order.size() - i;
      break;
    }
    const Place& p = *order[i];
    const Value now = at(facts.values[p.fact], p);
    auto found = guarded([&] { return smallest(scorer, p, now, {}); }, &answer.skipped);
    if (!found) continue;
    Single s{{p, now, found->to}, found->probe.total, found->probe.grade, false, found->one_less};
    // Scored again, apart from the search: the change reaches the target, one step less does not.
    const bool reaches = scorer.reaches(scorer.score({{&p, found->to}}));
    const bool less_misses = !found->one_less || found->one_less->number() == now.number() ||
                             !scorer.reaches(scorer.score({{&p, *found->one_less}}));
    s.verified = reaches && less_misses;
    answer.singles.push_back(std::move(s));
  }
  // Shown in the order the facts are declared.
  std::stable_sort(answer.singles.begin(), answer.singles.end(), [&](const Single& a, const Single& b) {
    const auto key = [](const Place& p) { return std::make_pair(p.fact, p.element.value_or(0)); };
    return key(a.change.place) < key(b.change.place);
  });
}

}  // namespace

std::vector<Place> places(const ast::Ruleset& rs, const Facts& facts) {
  std::vector<Place> out;
  for (std::uint32_t i = 0; i < rs.facts.size(); ++i) {
    const ast::FactDecl& f = rs.facts[i];
    if (f.fixed) continue;
    const ast::TypeRef& t = *f.type;
    const Place fact{i, {}, {}, &t, f.domain ? &*f.domain : nullptr, f.name, fact_label(f), f.unit};
    if (changeable(t)) {
      out.push_back(fact);
      continue;
    }
    if (t.kind != ast::TypeKind::List || !facts.values[i].is_list()) continue;
    const ast::TypeRef& e = *t.element;
    const auto& items = facts.values[i].list();
    for (std::size_t k = 0; k < items.size(); ++k) {
      const std::string name = element_name(e, items[k]);
      const std::string item = name.empty() ? tr_format("{} item {}", fact_label(f), k + 1)
                                            : tr_format("{} item {} “{}”", fact_label(f), k + 1, name);
      if (changeable(e)) {
        out.push_back({i, k, {}, &e, f.domain ? &*f.domain : nullptr, fmt::format("{}[{}]", f.name, k), item, f.unit});
        continue;
      }
      if (e.kind != ast::TypeKind::Record) continue;
      for (std::size_t j = 0; j < e.fields.size(); ++j) {
        const ast::Field& field = e.fields[j];
        if (field.fixed || !changeable(*field.type)) continue;
        const std::string label = tr_format("{}: {}", item, field.label.empty() ? field.name : field.label);
        out.push_back({i, k, j, field.type.get(), field.domain ? &*field.domain : nullptr,
                       fmt::format("{}[{}].{}", f.name, k, field.name), label, ""});
      }
    }
  }
  return out;
}

std::optional<Target> parse_target(const ast::Ruleset& rs, const std::string& text, const std::string& grade,
                                   std::string& error) {
  const auto threshold = [&](const std::string& name) -> std::optional<Target> {
    for (const ast::GradeArm& g : rs.grades) {
      if (g.name == name) return Target{g.name, g.threshold};
    }
    return std::nullopt;
  };
  if (text.empty()) {
    for (std::size_t i = 0; i < rs.grades.size(); ++i) {
      if (rs.grades[i].name == grade) return i == 0 ? std::nullopt : threshold(rs.grades[i - 1].name);
    }
    if (!rs.grades.empty()) return threshold(rs.grades.back().name);
    error = std::string(tr("the ruleset has no grades; name a total to aim for with --target"));
    return std::nullopt;
  }
  if (auto t = threshold(text)) return t;
  try {
    if (auto total = Decimal::parse(text)) return Target{"", *total};
  } catch (const DecimalError&) {
    error = tr_format("the total '{}' has more digits than a decimal holds (38)", text);
    return std::nullopt;
  }
  std::vector<std::string> names;
  for (const ast::GradeArm& g : rs.grades) names.push_back(g.name);
  error = tr_format("'{}' is neither a grade of the ruleset ({}) nor a total such as 95", text, fmt::join(names, "、"));
  return std::nullopt;
}

Answer what_if(const ast::Ruleset& rs, const Facts& facts, const Target& target) {
  Answer answer;
  answer.target = target;
  Scorer scorer(rs, facts, target);
  const Probe now = scorer.score({});
  answer.total = now.total;
  answer.grade = now.grade;
  for (const ast::FactDecl& f : rs.facts) {
    if (f.fixed) answer.fixed.push_back(fact_label(f));
    if (f.type->kind == ast::TypeKind::List && f.type->element->kind == ast::TypeKind::Record) {
      for (const ast::Field& field : f.type->element->fields) {
        if (field.fixed && !f.fixed) {
          answer.fixed.push_back(tr_format("{}: {}", fact_label(f), field.label.empty() ? field.name : field.label));
        }
      }
    }
  }
  if (scorer.reaches(now)) {
    answer.reached = true;
    return answer;
  }
  const std::vector<Place> all = places(rs, facts);
  answer.places = all.size();
  singles(scorer, facts, all, answer);
  if (answer.singles.empty()) {
    std::vector<Candidate> candidates;
    for (const Place* place : search_order(all)) {
      if (scorer.spent(kCandidatesPercent)) break;
      const Place& p = *place;
      const Value v = at(facts.values[p.fact], p);
      if (auto b = guarded([&] { return best(scorer, p, v); }, nullptr); b && scorer.better(b->probe, now)) {
        candidates.push_back({&p, v, b->to, b->probe});
      }
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](const Candidate& a, const Candidate& b) { return scorer.better(a.at_best, b.at_best); });
    if (candidates.size() > kCandidates) candidates.resize(kCandidates);
    try {
      combine(scorer, candidates, answer);
    } catch (const DecimalError&) {
      answer.combinations.clear();  // a value beyond a decimal's range: no combination is claimed
    }
  }
  answer.evaluations = scorer.evaluations;
  return answer;
}

std::string shown(const Value& v, const Place& place) {
  if (v.is_bool()) return v.boolean() ? std::string(tr("yes")) : std::string(tr("no"));
  if (v.is_text()) return v.text();
  if (!v.is_number()) return "";
  const std::string number = format_number(v.number(), place.type->kind, 6);
  return place.unit.empty() ? number : number + " " + place.unit;
}

std::optional<Answer> answer_for(const ast::Ruleset& rs, const Facts& facts, const Decimal& total, const std::string& grade,
                                 const std::string& target_text, std::string& error) {
  const auto target = parse_target(rs, target_text, grade, error);
  if (target) return what_if(rs, facts, *target);
  if (!error.empty()) return std::nullopt;
  Answer top;
  top.total = total;
  top.grade = grade;
  top.top_grade = true;
  return top;
}

}  // namespace rubric::whatif
