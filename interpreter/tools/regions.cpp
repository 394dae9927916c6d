// rubric diff's impact regions; see regions.hpp.
#include "interpreter/tools/regions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "base/messages.hpp"
#include "dsl/visit.hpp"
#include "interpreter/check/analysis.hpp"
#include "interpreter/check/checker.hpp"
#include "interpreter/check/interval.hpp"

namespace rubric {

namespace {

std::string folded(const ast::Ruleset& rs, Span span) { return analysis::fold(rs.slice(span)); }

// One arm of a tier table or brackets: the subject's values it takes, tried in order.
struct Arm {
  const ast::Expr* result = nullptr;
  Range takes;
};

struct Table {
  const ast::Expr* subject = nullptr;
  std::vector<Arm> arms;
  std::vector<Decimal> bounds;  // every bound written, for cutting the subject's line
  bool percent = false;         // bounds written as percents
};

// [bound] as a number, noting a percent in [t]; nullopt for a name or an expression of names.
std::optional<Decimal> bound_of(const ast::Expr& bound, Table& t) {
  const auto v = constant_value(bound);
  if (!v) return std::nullopt;
  t.percent = t.percent || bound.type == ast::TypeKind::Percent;
  t.bounds.push_back(*v);
  return v;
}

// The table [score] of [rs] is, if it is one whose every bound is a number.
std::optional<Table> table_of(const ast::Ruleset& rs, const ast::Expr& score) {
  Table t;
  if (const auto* tiered = std::get_if<ast::Tiered>(&score.node)) {
    t.subject = tiered->subject.get();
    for (const ast::Tier& tier : tiered->tiers) {
      Arm arm{tier.result.get(), Range::all()};
      const ast::Interval& iv = tier.interval;
      if (iv.lo.value) {
        const auto v = bound_of(*iv.lo.value, t);
        if (!v) return std::nullopt;
        arm.takes.lo = End::finite(*v, iv.lo_closed);
      }
      if (iv.hi.value) {
        const auto v = bound_of(*iv.hi.value, t);
        if (!v) return std::nullopt;
        arm.takes.hi = End::finite(*v, iv.hi_closed);
      }
      t.arms.push_back(arm);
    }
  } else if (const auto* brackets = std::get_if<ast::Brackets>(&score.node)) {
    t.subject = brackets->subject.get();
    for (const ast::BracketArm& b : brackets->arms) {
      Arm arm{b.result.get(), Range::all()};
      if (b.bound) {
        const auto v = bound_of(*b.bound, t);
        if (!v) return std::nullopt;
        arm.takes = compared_range(b.compare, *v);
      }
      t.arms.push_back(arm);
    }
  } else if (const auto* when = std::get_if<ast::When>(&score.node)) {
    // `when x >= 100% -> points when x >= 60% -> … otherwise 0`: brackets written as a when,
    // every condition comparing the same subject with a number.
    for (const ast::WhenArm& w : when->arms) {
      Arm arm{w.result.get(), Range::all()};
      if (w.condition) {
        const auto* b = std::get_if<ast::Binary>(&w.condition->node);
        using Op = ast::BinaryOp;
        if (b == nullptr || !(b->op == Op::Lt || b->op == Op::Le || b->op == Op::Gt || b->op == Op::Ge || b->op == Op::Eq)) {
          return std::nullopt;
        }
        if (t.subject == nullptr) t.subject = b->lhs.get();
        if (folded(rs, t.subject->span) != folded(rs, b->lhs->span)) return std::nullopt;
        const auto v = bound_of(*b->rhs, t);
        if (!v) return std::nullopt;
        arm.takes = compared_range(b->op, *v);
      }
      t.arms.push_back(arm);
    }
    if (t.subject == nullptr) return std::nullopt;
  } else {
    return std::nullopt;
  }
  return t;
}

// The arm [t] takes at [x], the first that takes it as the evaluator does; -1 for none.
int arm_at(const Table& t, const Decimal& x) {
  for (std::size_t i = 0; i < t.arms.size(); ++i) {
    if (t.arms[i].takes.contains(x)) return static_cast<int>(i);
  }
  return -1;
}

// The let named [name]: an indicator's own ([lets]) first, then one outside indicators.
const ast::Let* find_let(const ast::Ruleset& rs, const std::vector<ast::Let>* lets, const std::string& name) {
  if (lets != nullptr) {
    for (const ast::Let& l : *lets) {
      if (l.name == name) return &l;
    }
  }
  for (const ast::Let* l : outer_lets(rs)) {
    if (l->name == name) return l;
  }
  return nullptr;
}

void names_in(const ast::Expr& e, std::vector<const ast::NameRef*>& out) {
  if (const auto* n = std::get_if<ast::NameRef>(&e.node)) out.push_back(n);
  ast::for_each_child(e, [&](const ast::Expr& child) { names_in(child, out); });
}

// What a name stands for in [rs], so that the two sides can be compared: a fact's type and
// domain (not its label or its direction, which do not change a score), a let's value with what
// the names in it stand for, "" for a function's parameter or a loop's variable (what the call
// gives them). "?" when it cannot be told.
std::string meaning(const ast::Ruleset& rs, const std::vector<ast::Let>* lets, const ast::NameRef& n, int depth = 0) {
  if (depth > 16) return "?";
  switch (n.kind) {
    case ast::NameKind::Fact: {
      if (n.index >= rs.facts.size()) return "?";
      const ast::FactDecl& f = rs.facts[n.index];
      std::string out = "fact " + (f.type ? ast::describe_for_people(*f.type) : std::string("?"));
      if (f.domain) out += " in " + folded(rs, f.domain->span);
      return out;
    }
    case ast::NameKind::Let: {
      const ast::Let* l = find_let(rs, lets, n.name);
      if (l == nullptr || !l->value) return "?";
      std::string out = "let " + folded(rs, l->value->span);
      std::vector<const ast::NameRef*> inside;
      names_in(*l->value, inside);
      for (const ast::NameRef* m : inside) out += " [" + m->name + ": " + meaning(rs, lets, *m, depth + 1) + "]";
      return out;
    }
    default: return "";
  }
}

// Whether every name the two tables read stands for the same on both sides (a name read on one
// side only is compared as the formulas are).
bool same_names(const ast::Ruleset& a, const std::vector<ast::Let>* a_lets, const std::vector<const ast::Expr*>& x,
                const ast::Ruleset& b, const std::vector<ast::Let>* b_lets, const std::vector<const ast::Expr*>& y) {
  const auto meanings = [](const ast::Ruleset& rs, const std::vector<ast::Let>* lets,
                           const std::vector<const ast::Expr*>& exprs) {
    std::map<std::string, std::string> out;
    std::vector<const ast::NameRef*> names;
    for (const ast::Expr* e : exprs) names_in(*e, names);
    for (const ast::NameRef* n : names) out.emplace(n->name, meaning(rs, lets, *n));
    return out;
  };
  const auto in_a = meanings(a, a_lets, x);
  const auto in_b = meanings(b, b_lets, y);
  for (const auto& [name, m] : in_a) {
    const auto it = in_b.find(name);
    if (m == "?" || (it != in_b.end() && it->second != m)) return false;
  }
  return true;
}

// One piece of the subject's line: a bound, or the open stretch between two.
struct Piece {
  Range range;
  Decimal probe;  // a value inside it
  int old_arm = -1;
  int new_arm = -1;
  Comparison comparison = Comparison::Same;
  std::vector<std::string> depends;
};

Piece piece(Range range, Decimal probe) {
  Piece p;
  p.range = range;
  p.probe = probe;
  return p;
}

std::vector<Piece> pieces_of(std::vector<Decimal> bounds) {
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  const Decimal one = Decimal::from_int(1);
  const Decimal two = Decimal::from_int(2);
  if (bounds.empty()) return {piece(Range::all(), Decimal{})};
  std::vector<Piece> out;
  out.push_back(piece(Range{End::minus_infinity(), End::finite(bounds.front(), false)}, bounds.front() - one));
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    out.push_back(piece(Range::point(bounds[i]), bounds[i]));
    if (i + 1 < bounds.size()) {
      out.push_back(piece(Range{End::finite(bounds[i], false), End::finite(bounds[i + 1], false)},
                          (bounds[i] + bounds[i + 1]) / two));
    }
  }
  out.push_back(piece(Range{End::finite(bounds.back(), false), End::plus_infinity()}, bounds.back() + one));
  return out;
}

// The values a fact subject can take: its declared domain, or its type's ([0, inf) for a percent,
// money or count); [whole] for a count. Nullopt for any other subject, whose values are not known
// here.
std::optional<Range> domain_of(const ast::Ruleset& rs, const ast::Expr& subject, bool& whole) {
  const auto* n = std::get_if<ast::NameRef>(&subject.node);
  if (n == nullptr || n->kind != ast::NameKind::Fact || n->index >= rs.facts.size()) return std::nullopt;
  const ast::FactDecl& f = rs.facts[n->index];
  if (!f.type) return std::nullopt;
  whole = f.type->kind == ast::TypeKind::Count;
  if (!f.domain) {
    switch (f.type->kind) {
      case ast::TypeKind::Percent:
      case ast::TypeKind::Money:
      case ast::TypeKind::Count: return Range::at_least(Decimal{});
      case ast::TypeKind::Number: return Range::all();
      default: return std::nullopt;
    }
  }
  Range r;
  const ast::Interval& d = *f.domain;
  if (d.lo.value) {
    const auto v = constant_value(*d.lo.value);
    if (!v) return std::nullopt;
    r.lo = End::finite(*v, d.lo_closed);
  }
  if (d.hi.value) {
    const auto v = constant_value(*d.hi.value);
    if (!v) return std::nullopt;
    r.hi = End::finite(*v, d.hi_closed);
  }
  return r;
}

// The pieces of the subject's line cut at [bounds], each with its two arms and their comparison.
std::vector<Piece> compared(const Table& x, const Table& y, const std::vector<Decimal>& bounds, const ast::Ruleset& a,
                            std::optional<Decimal> old_points, const ast::Ruleset& b, std::optional<Decimal> new_points,
                            const std::string& subject, std::vector<Decimal>& roots) {
  std::vector<Piece> pieces = pieces_of(bounds);
  for (Piece& p : pieces) {
    p.old_arm = arm_at(x, p.probe);
    p.new_arm = arm_at(y, p.probe);
    if (p.old_arm < 0 || p.new_arm < 0) {
      p.comparison = p.old_arm == p.new_arm ? Comparison::Same : Comparison::Different;
      continue;
    }
    const bool point = p.range.is_point();
    std::optional<Decimal> root;
    p.comparison = compare_scores(a, *x.arms[static_cast<std::size_t>(p.old_arm)].result, old_points, b,
                                  *y.arms[static_cast<std::size_t>(p.new_arm)].result, new_points, subject,
                                  point ? std::optional(p.probe) : std::nullopt, &p.depends, &root);
    if (!point && root && p.range.contains(*root)) roots.push_back(*root);
  }
  return pieces;
}

}  // namespace

std::vector<const ast::Let*> outer_lets(const ast::Ruleset& rs) {
  std::vector<const ast::Let*> out;
  for (const ast::Let& l : rs.lets) out.push_back(&l);
  const auto walk = [&](const auto& self, const std::vector<ast::Item>& items) -> void {
    for (const ast::Item& item : items) {
      if (const auto* l = std::get_if<ast::Let>(&item)) out.push_back(l);
      if (const auto* sec = std::get_if<std::unique_ptr<ast::Section>>(&item)) self(self, (*sec)->items);
    }
  };
  walk(walk, rs.items);
  return out;
}

std::optional<ImpactRegions> impact_regions(const ast::Ruleset& a, const ast::Expr& old_score,
                                            std::optional<Decimal> old_points, const ast::Ruleset& b,
                                            const ast::Expr& new_score, std::optional<Decimal> new_points,
                                            const std::vector<ast::Let>* old_lets, const std::vector<ast::Let>* new_lets) {
  const auto x = table_of(a, old_score);
  const auto y = table_of(b, new_score);
  if (!x || !y) return std::nullopt;
  const std::string subject = folded(a, x->subject->span);
  const auto exprs = [](const Table& t) {
    std::vector<const ast::Expr*> out{t.subject};
    for (const Arm& arm : t.arms) out.push_back(arm.result);
    return out;
  };
  if (subject != folded(b, y->subject->span) || !same_names(a, old_lets, exprs(*x), b, new_lets, exprs(*y))) {
    return std::nullopt;
  }
  // Where one side has no tier, the two differ only for values the subject can take.
  bool whole = false;
  const std::optional<Range> domain = domain_of(b, *y->subject, whole);
  std::vector<Decimal> bounds = x->bounds;
  bounds.insert(bounds.end(), y->bounds.begin(), y->bounds.end());
  std::vector<Piece> pieces;
  try {
    // Two formulas of the subject alone that are equal at one value inside a piece (rate × 10
    // and 8 at 80%) cut it there too.
    for (int round = 0; round < 8; ++round) {
      std::vector<Decimal> roots;
      pieces = compared(*x, *y, bounds, a, old_points, b, new_points, subject, roots);
      if (roots.empty()) break;
      bounds.insert(bounds.end(), roots.begin(), roots.end());
    }
  } catch (const DecimalError&) {
    return std::nullopt;
  }
  for (Piece& p : pieces) {
    if (p.comparison == Comparison::Same) continue;
    if (domain) {
      p.range = intersect(p.range, *domain);
      const bool empty = p.range.empty() || (whole && !p.range.contains_integer());
      if (empty) p.comparison = Comparison::Same;
    } else if (p.old_arm < 0 || p.new_arm < 0) {
      p.comparison = Comparison::Same;  // values the subject may never take: left to W0401
    }
  }
  ImpactRegions out;
  out.subject = analysis::labelled(b, new_lets, *y->subject, folded(b, y->subject->span));
  const bool percent = x->percent || y->percent;
  const auto score_text = [&](const ast::Ruleset& rs, const Table& t, int arm) {
    return arm < 0 ? std::string(tr("no tier: not scored"))
                   : folded(rs, t.arms[static_cast<std::size_t>(arm)].result->span);
  };
  for (std::size_t i = 0; i < pieces.size();) {
    const Piece& p = pieces[i];
    if (p.comparison == Comparison::Same) {
      ++i;
      continue;
    }
    // Joined with the following pieces of the same two arms and the same finding.
    std::size_t j = i + 1;
    while (j < pieces.size() && pieces[j].old_arm == p.old_arm && pieces[j].new_arm == p.new_arm &&
           pieces[j].comparison == p.comparison && pieces[j].depends == p.depends) {
      ++j;
    }
    ImpactRegion r;
    const Range joined{p.range.lo, pieces[j - 1].range.hi};
    r.where = joined.is_point() ? format_bound(joined.lo.value, percent) : joined.to_string(percent);
    r.old_score = score_text(a, *x, p.old_arm);
    r.new_score = score_text(b, *y, p.new_arm);
    r.sure = p.comparison == Comparison::Different;
    r.depends = p.depends;
    out.regions.push_back(std::move(r));
    i = j;
  }
  return out;
}

}  // namespace rubric
