// Whether two tier scores agree. See analyzer.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <memory>
#include <set>

#include "dsl/visit.hpp"
#include "interpreter/check/analyzer.hpp"
#include "interpreter/check/checker.hpp"
#include "interpreter/check/interval.hpp"
#include "stdlib/builtins.hpp"

namespace rubric::analysis {

namespace {

// ---- Comparing two tiers' scores -----------------------------------------------------------
//
// A tier's score as a polynomial over opaque atoms (names, fields, calls: anything that is not
// +, −, × or ÷ by a constant), so that `rate * pts` at rate = 100% and `pts` compare equal. Two
// scores agree when their polynomials are equal; they can disagree when the polynomials differ.

using Monomial = std::vector<std::string>;  // sorted atoms
using Polynomial = std::map<Monomial, Decimal>;

class PolynomialBuilder {
 public:
  PolynomialBuilder(const ast::Ruleset& rs, std::string subject, std::optional<Decimal> at,
                    std::optional<Decimal> points)
      : rs_(rs), subject_(std::move(subject)), at_(at), points_(points) {}

  std::optional<Polynomial> of(const ast::Expr& e) {
    const std::string text = fold(rs_.slice(e.span));
    if (text == subject_) return at_ ? constant(*at_) : atom(text, e);
    if (const auto* n = std::get_if<ast::NumberLit>(&e.node)) return constant(n->value);
    if (std::holds_alternative<ast::PointsRef>(e.node) && points_) return constant(*points_);
    if (const auto* u = std::get_if<ast::Unary>(&e.node); u != nullptr && u->op == ast::UnaryOp::Neg) {
      auto p = of(*u->operand);
      if (!p) return std::nullopt;
      return scaled(*p, Decimal::from_int(-1));
    }
    if (const auto* b = std::get_if<ast::Binary>(&e.node)) {
      if (b->op == ast::BinaryOp::Add || b->op == ast::BinaryOp::Sub || b->op == ast::BinaryOp::Mul ||
          b->op == ast::BinaryOp::Div) {
        auto l = of(*b->lhs);
        auto r = of(*b->rhs);
        if (!l || !r) return std::nullopt;
        switch (b->op) {
          case ast::BinaryOp::Add: return sum(*l, *r, Decimal::from_int(1));
          case ast::BinaryOp::Sub: return sum(*l, *r, Decimal::from_int(-1));
          case ast::BinaryOp::Mul: return product(*l, *r);
          default: {
            const auto c = as_constant(*r);
            if (!c || c->is_zero()) return opaque(text, e);
            bool inexact = false;
            const Decimal inverse = Decimal::divide(Decimal::from_int(1), *c, &inexact);
            if (inexact) return opaque(text, e);
            return scaled(*l, inverse);
          }
        }
      }
    }
    return opaque(text, e);
  }

  // The expression of each atom, by its text.
  const std::map<std::string, const ast::Expr*>& atoms() const { return atoms_; }

 private:
  static Polynomial constant(const Decimal& v) {
    Polynomial p;
    if (!v.is_zero()) p[{}] = v;
    return p;
  }
  Polynomial atom(const std::string& text, const ast::Expr& e) {
    atoms_.emplace(text, &e);
    return Polynomial{{Monomial{text}, Decimal::from_int(1)}};
  }
  // An expression the polynomial does not look into. When the subject is fixed, one that
  // mentions it cannot be compared (min(rate, 1) at rate = 100% is 1, but it is not seen).
  std::optional<Polynomial> opaque(const std::string& text, const ast::Expr& e) {
    if (at_ && mentions(text, subject_)) return std::nullopt;
    return atom(text, e);
  }
  static std::optional<Decimal> as_constant(const Polynomial& p) {
    if (p.empty()) return Decimal{};
    if (p.size() == 1 && p.begin()->first.empty()) return p.begin()->second;
    return std::nullopt;
  }
  static Polynomial scaled(const Polynomial& p, const Decimal& k) {
    Polynomial out;
    for (const auto& [m, c] : p) {
      const Decimal v = c * k;
      if (!v.is_zero()) out[m] = v;
    }
    return out;
  }
  static Polynomial sum(const Polynomial& a, const Polynomial& b, const Decimal& sign) {
    Polynomial out = a;
    for (const auto& [m, c] : b) {
      const Decimal v = out[m] + c * sign;
      if (v.is_zero()) {
        out.erase(m);
      } else {
        out[m] = v;
      }
    }
    return out;
  }
  static Polynomial product(const Polynomial& a, const Polynomial& b) {
    Polynomial out;
    for (const auto& [ma, ca] : a) {
      for (const auto& [mb, cb] : b) {
        Monomial m = ma;
        m.insert(m.end(), mb.begin(), mb.end());
        std::sort(m.begin(), m.end());
        const Decimal v = out[m] + ca * cb;
        if (v.is_zero()) {
          out.erase(m);
        } else {
          out[m] = v;
        }
      }
    }
    return out;
  }

  const ast::Ruleset& rs_;
  std::string subject_;
  std::optional<Decimal> at_;
  std::optional<Decimal> points_;
  std::map<std::string, const ast::Expr*> atoms_;
};

// a − b, term by term.
Polynomial minus(const Polynomial& a, const Polynomial& b) {
  Polynomial difference = a;
  for (const auto& [m, c] : b) {
    const Decimal v = difference[m] - c;
    if (v.is_zero()) {
      difference.erase(m);
    } else {
      difference[m] = v;
    }
  }
  return difference;
}

}  // namespace

// Whether two tier scores agree where the subject (text [subject]) is [at], or everywhere when
// [at] is empty.
Agreement agree(const ast::Ruleset& rs, const ast::Expr& a, const ast::Expr& b, const std::string& subject,
                std::optional<Decimal> at, std::optional<Decimal> points) {
  if (fold(rs.slice(a.span)) == fold(rs.slice(b.span))) return Agreement::Same;
  try {
    PolynomialBuilder builder(rs, subject, at, points);
    const auto pa = builder.of(a);
    const auto pb = builder.of(b);
    if (!pa || !pb) return Agreement::Unknown;
    if (*pa == *pb) return Agreement::Same;
    // The difference, term by term: sure when no term names anything but the subject (a nonzero
    // polynomial in one variable is nonzero somewhere on a range, and at a point the subject is
    // already a number).
    const Polynomial difference = minus(*pa, *pb);
    for (const auto& [m, c] : difference) {
      if (std::any_of(m.begin(), m.end(), [&](const std::string& atom) { return atom != subject; })) {
        return Agreement::MayDiffer;
      }
    }
    return Agreement::Different;
  } catch (const DecimalError&) {
    return Agreement::Unknown;
  }
}

std::optional<Difference> difference_at(const ast::Ruleset& rs, const ast::Expr& below, const ast::Expr& above,
                                        const std::string& subject, const Decimal& at, std::optional<Decimal> points) {
  try {
    PolynomialBuilder builder(rs, subject, at, points);
    const auto pb = builder.of(below);
    const auto pa = builder.of(above);
    if (!pa || !pb) return std::nullopt;
    const Polynomial difference = minus(*pa, *pb);
    Difference out;
    for (const auto& [m, c] : difference) {
      Difference::Term term{c, {}};
      for (const std::string& atom : m) term.atoms.push_back(builder.atoms().at(atom));
      out.terms.push_back(std::move(term));
    }
    return out;
  } catch (const DecimalError&) {
    return std::nullopt;
  }
}

}  // namespace rubric::analysis

namespace rubric {

Comparison compare_scores(const ast::Ruleset& ra, const ast::Expr& a, std::optional<Decimal> points_a,
                          const ast::Ruleset& rb, const ast::Expr& b, std::optional<Decimal> points_b,
                          const std::string& subject, std::optional<Decimal> at, std::vector<std::string>* depends,
                          std::optional<Decimal>* root) {
  using namespace analysis;
  try {
    PolynomialBuilder in_a(ra, subject, at, points_a);
    PolynomialBuilder in_b(rb, subject, at, points_b);
    const auto pa = in_a.of(a);
    const auto pb = in_b.of(b);
    if (!pa || !pb) return Comparison::Unknown;
    if (*pa == *pb) return Comparison::Same;
    const Polynomial difference = minus(*pa, *pb);
    std::set<std::string> others;
    for (const auto& [m, c] : difference) {
      for (const std::string& atom : m) {
        if (atom != subject) others.insert(atom);
      }
    }
    if (others.empty()) {
      // c0 + c1 × subject: equal where the subject is −c0 / c1, when that is a decimal.
      const auto c0 = difference.find(Monomial{});
      const auto c1 = difference.find(Monomial{subject});
      const std::size_t linear = (c0 != difference.end() ? 1 : 0) + (c1 != difference.end() ? 1 : 0);
      if (root != nullptr && c1 != difference.end() && linear == difference.size()) {
        bool inexact = false;
        const Decimal zero_at = Decimal::divide(c0 != difference.end() ? Decimal{} - c0->second : Decimal{}, c1->second, &inexact);
        if (!inexact) *root = zero_at;
      }
      return Comparison::Different;
    }
    if (depends != nullptr) depends->assign(others.begin(), others.end());
    return Comparison::MayDiffer;
  } catch (const DecimalError&) {
    return Comparison::Unknown;
  }
}

}  // namespace rubric
