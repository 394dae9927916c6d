// rubric diff's impact regions; see regions.hpp.
#include "interpreter/tools/regions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "dsl/visit.hpp"
#include "interpreter/check/analysis.hpp"
#include "interpreter/check/interval.hpp"

namespace rubric {

namespace {

// Source text on one line, runs of whitespace folded to one space.
std::string folded(const ast::Ruleset& rs, Span span) {
  std::string out;
  for (const char c : rs.slice(span)) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// One arm of a tier table or brackets: the subject values it is tried on, in order.
struct Arm {
  const ast::Expr* result = nullptr;
  // Tiered: the interval. Brackets: the comparison with its bound (none: otherwise).
  const ast::Interval* interval = nullptr;
  ast::BinaryOp compare = ast::BinaryOp::Le;
  std::optional<Decimal> bound;
  bool otherwise = false;
};

struct Table {
  const ast::Expr* subject = nullptr;
  std::vector<Arm> arms;
  std::vector<Decimal> bounds;  // every bound written, for cutting the subject's line
  bool percent = false;         // bounds written as percents
  bool brackets = false;
};

// A bound written as a number (60%, -5%, 1000); nullopt for a name or an expression.
std::optional<Decimal> literal(const ast::Expr& e, bool& percent) {
  if (const auto* n = std::get_if<ast::NumberLit>(&e.node)) {
    if (n->date) return std::nullopt;
    percent = percent || n->percent;
    return n->value;
  }
  if (const auto* u = std::get_if<ast::Unary>(&e.node); u != nullptr && u->op == ast::UnaryOp::Neg) {
    const auto v = literal(*u->operand, percent);
    if (v) return Decimal{} - *v;
  }
  return std::nullopt;
}

// The table [score] is, if it is one whose every bound is a number.
std::optional<Table> table_of(const ast::Expr& score) {
  Table t;
  if (const auto* tiered = std::get_if<ast::Tiered>(&score.node)) {
    t.subject = tiered->subject.get();
    for (const ast::Tier& tier : tiered->tiers) {
      Arm arm;
      arm.result = tier.result.get();
      arm.interval = &tier.interval;
      for (const ast::Bound* b : {&tier.interval.lo, &tier.interval.hi}) {
        if (!b->value) continue;
        const auto v = literal(*b->value, t.percent);
        if (!v) return std::nullopt;
        t.bounds.push_back(*v);
      }
      t.arms.push_back(arm);
    }
  } else if (const auto* brackets = std::get_if<ast::Brackets>(&score.node)) {
    t.subject = brackets->subject.get();
    t.brackets = true;
    for (const ast::BracketArm& b : brackets->arms) {
      Arm arm;
      arm.result = b.result.get();
      arm.compare = b.compare;
      arm.otherwise = !b.bound;
      if (b.bound) {
        arm.bound = literal(*b.bound, t.percent);
        if (!arm.bound) return std::nullopt;
        t.bounds.push_back(*arm.bound);
      }
      t.arms.push_back(arm);
    }
  } else {
    return std::nullopt;
  }
  return t;
}

bool holds(const ast::Bound& b, bool closed, const Decimal& x, bool lower) {
  if (!b.value) return b.infinity < 0 ? lower : !lower;
  bool ignored = false;
  const Decimal v = *literal(*b.value, ignored);
  if (lower) return closed ? !(x < v) : v < x;
  return closed ? !(v < x) : x < v;
}

// The arm [t] takes at [x], the first that takes it as the evaluator does; -1 for none.
int arm_at(const Table& t, const Decimal& x) {
  for (std::size_t i = 0; i < t.arms.size(); ++i) {
    const Arm& a = t.arms[i];
    bool taken = a.otherwise;
    if (a.interval != nullptr) {
      taken = holds(a.interval->lo, a.interval->lo_closed, x, true) && holds(a.interval->hi, a.interval->hi_closed, x, false);
    } else if (a.bound) {
      switch (a.compare) {
        case ast::BinaryOp::Lt: taken = x < *a.bound; break;
        case ast::BinaryOp::Le: taken = !(*a.bound < x); break;
        case ast::BinaryOp::Gt: taken = *a.bound < x; break;
        case ast::BinaryOp::Ge: taken = !(x < *a.bound); break;
        default: taken = x == *a.bound; break;
      }
    }
    if (taken) return static_cast<int>(i);
  }
  return -1;
}

// What a name in a subject stands for in [rs], so that the two sides can be compared: a fact's
// declaration, a let's value (the indicator's own first, of [lets]), "" for a function's
// parameter or a loop's variable, which mean what the call gives them.
std::string meaning(const ast::Ruleset& rs, const std::vector<ast::Let>* lets, const ast::NameRef& n) {
  switch (n.kind) {
    case ast::NameKind::Fact:
      return n.index < rs.facts.size() ? "fact " + folded(rs, rs.facts[n.index].span) : "?";
    case ast::NameKind::Let: {
      if (lets != nullptr) {
        for (const ast::Let& l : *lets) {
          if (l.name == n.name) return "let " + folded(rs, l.value->span);
        }
      }
      for (const ast::Let& l : rs.lets) {
        if (l.name == n.name) return "let " + folded(rs, l.value->span);
      }
      return "?";
    }
    default: return "";
  }
}

void names_in(const ast::Expr& e, std::vector<const ast::NameRef*>& out) {
  if (const auto* n = std::get_if<ast::NameRef>(&e.node)) out.push_back(n);
  ast::for_each_child(e, [&](const ast::Expr& child) { names_in(child, out); });
}

// Whether the two subjects (written alike) read what means the same in both rulesets.
bool same_subject(const ast::Ruleset& a, const std::vector<ast::Let>* a_lets, const ast::Expr& x, const ast::Ruleset& b,
                  const std::vector<ast::Let>* b_lets, const ast::Expr& y) {
  std::vector<const ast::NameRef*> in_x, in_y;
  names_in(x, in_x);
  names_in(y, in_y);
  if (in_x.size() != in_y.size()) return false;
  for (std::size_t i = 0; i < in_x.size(); ++i) {
    if (in_x[i]->name != in_y[i]->name || in_x[i]->kind != in_y[i]->kind) return false;
    const std::string m = meaning(a, a_lets, *in_x[i]);
    if (m == "?" || m != meaning(b, b_lets, *in_y[i])) return false;
  }
  return true;
}

// The subject as messages name it: a fact's or let's label beside its text.
std::string subject_name(const ast::Ruleset& rs, const std::vector<ast::Let>* lets, const ast::Expr& subject) {
  const std::string text = folded(rs, subject.span);
  const auto* n = std::get_if<ast::NameRef>(&subject.node);
  if (n == nullptr) return text;
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
  return label.empty() ? text : text + "（" + label + "）";
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

}  // namespace

std::optional<ImpactRegions> impact_regions(const ast::Ruleset& a, const ast::Expr& old_score,
                                            std::optional<Decimal> old_points, const ast::Ruleset& b,
                                            const ast::Expr& new_score, std::optional<Decimal> new_points,
                                            const std::vector<ast::Let>* old_lets, const std::vector<ast::Let>* new_lets) {
  const auto x = table_of(old_score);
  const auto y = table_of(new_score);
  if (!x || !y) return std::nullopt;
  const std::string subject = folded(a, x->subject->span);
  if (subject != folded(b, y->subject->span) || !same_subject(a, old_lets, *x->subject, b, new_lets, *y->subject)) {
    return std::nullopt;
  }
  std::vector<Decimal> bounds = x->bounds;
  bounds.insert(bounds.end(), y->bounds.begin(), y->bounds.end());
  std::vector<Piece> pieces;
  try {
    pieces = pieces_of(std::move(bounds));
  } catch (const DecimalError&) {
    return std::nullopt;
  }
  for (Piece& p : pieces) {
    p.old_arm = arm_at(*x, p.probe);
    p.new_arm = arm_at(*y, p.probe);
    if (p.old_arm < 0 || p.new_arm < 0) continue;  // a value one side takes in no tier: W0401's business
    const std::optional<Decimal> at = p.range.is_point() ? std::optional(p.probe) : std::nullopt;
    p.comparison = compare_scores(a, *x->arms[static_cast<std::size_t>(p.old_arm)].result, old_points, b,
                                  *y->arms[static_cast<std::size_t>(p.new_arm)].result, new_points, subject, at, &p.depends);
  }
  ImpactRegions out;
  out.subject = subject_name(b, new_lets, *y->subject);
  const bool percent = x->percent || y->percent;
  for (std::size_t i = 0; i < pieces.size();) {
    const Piece& p = pieces[i];
    if (p.old_arm < 0 || p.new_arm < 0 || p.comparison == Comparison::Same) {
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
    r.old_score = folded(a, x->arms[static_cast<std::size_t>(p.old_arm)].result->span);
    r.new_score = folded(b, y->arms[static_cast<std::size_t>(p.new_arm)].result->span);
    r.sure = p.comparison == Comparison::Different;
    r.depends = p.depends;
    out.regions.push_back(std::move(r));
    i = j;
  }
  return out;
}

}  // namespace rubric
