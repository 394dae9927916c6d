// The static analysis; see analysis.hpp. The walk mirrors interpreter/eval/evaluator.cpp node for
// node, with an abstract [AbstractValue] (an interval and what is known about it) in place of a
// value.
#include "interpreter/check/analysis.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <memory>

#include "dsl/visit.hpp"
#include "interpreter/check/checker.hpp"
#include "interpreter/check/interval.hpp"
#include "stdlib/builtins.hpp"

namespace rubric {
namespace {

enum class Kind { Unknown, Number, Bool, Text, List, Record };

// What the analysis knows of a value.
struct AbstractValue {
  Kind kind = Kind::Unknown;
  Range range;         // Number: every value it can take lies in it
  bool whole = false;  // Number: only whole numbers (counts, steps)
  // Number: each end of [range] is reached (or approached, for an open end) by some facts in
  // their domains. False when the range may be wider than the real values; [why] says why.
  bool exact = true;
  std::string why;
  // The facts and list elements it depends on, sorted: an operation on two values that share
  // one is not exact (x − x).
  std::vector<std::string> deps;
  std::shared_ptr<const AbstractValue> element;  // List
  std::string list_name;                         // List: the fact's name, for messages
  std::vector<std::string> field_names;          // Record
  std::vector<AbstractValue> fields;             // Record
};

AbstractValue unknown(Kind kind, std::string why) {
  AbstractValue v;
  v.kind = kind;
  v.exact = false;
  v.why = std::move(why);
  return v;
}

AbstractValue of_kind(Kind kind) {
  AbstractValue v;
  v.kind = kind;
  return v;
}

AbstractValue number(Range range, bool whole = false) {
  AbstractValue v;
  v.kind = Kind::Number;
  v.range = range;
  v.whole = whole;
  return v;
}

// The name a dependency is shown by: "o.actual#3" is "o.actual".
std::string shown_dep(const std::string& dep) { return dep.substr(0, dep.find('#')); }

void merge_deps(AbstractValue& into, const AbstractValue& from) {
  std::vector<std::string> merged;
  std::set_union(into.deps.begin(), into.deps.end(), from.deps.begin(), from.deps.end(), std::back_inserter(merged));
  into.deps = std::move(merged);
}

// The result of an operation on [a] and [b] with the range [range]: exact when both are and they
// depend on nothing in common.
AbstractValue combine(const AbstractValue& a, const AbstractValue& b, Range range, bool whole) {
  AbstractValue v = number(range, whole);
  v.exact = a.exact && b.exact;
  v.why = !a.exact ? a.why : b.why;
  if (v.exact) {
    for (const std::string& d : a.deps) {
      if (std::binary_search(b.deps.begin(), b.deps.end(), d)) {
        v.exact = false;
        v.why = fmt::format("'{}' is used more than once, so the interval may be wider than the values", shown_dep(d));
        break;
      }
    }
  }
  v.deps = a.deps;
  merge_deps(v, b);
  return v;
}

// Either of two values (the arms of a choice).
void join(std::optional<AbstractValue>& acc, const AbstractValue& v) {
  if (!acc) {
    acc = v;
    return;
  }
  if (acc->kind != v.kind) {
    AbstractValue u = unknown(Kind::Unknown, "the arms give values of different kinds");
    merge_deps(u, *acc);
    merge_deps(u, v);
    acc = u;
    return;
  }
  if (acc->kind == Kind::Number) {
    acc->range = hull(acc->range, v.range);
    acc->whole = acc->whole && v.whole;
    if (acc->exact && !v.exact) acc->why = v.why;
    acc->exact = acc->exact && v.exact;
  }
  merge_deps(*acc, v);
}

Range domain_range(const ast::Interval& iv) {
  Range r;
  if (iv.lo.value) {
    if (auto v = constant_value(*iv.lo.value)) r.lo = End::finite(*v, iv.lo_closed);
  }
  if (iv.hi.value) {
    if (auto v = constant_value(*iv.hi.value)) r.hi = End::finite(*v, iv.hi_closed);
  }
  return r;
}

// A fact's (or field's, or element's) value: its declared domain, else its type's default one.
AbstractValue declared(const ast::TypeRef& type, const std::optional<ast::Interval>& domain, const std::string& dep) {
  AbstractValue v;
  switch (type.kind) {
    case ast::TypeKind::Number:
    case ast::TypeKind::Percent:
    case ast::TypeKind::Money:
    case ast::TypeKind::Count:
      v.kind = Kind::Number;
      if (domain) {
        v.range = domain_range(*domain);
      } else if (type.kind != ast::TypeKind::Number) {
        v.range = Range::at_least(Decimal{});
      }
      v.whole = type.kind == ast::TypeKind::Count;
      break;
    case ast::TypeKind::Bool: v.kind = Kind::Bool; break;
    case ast::TypeKind::Text:
    case ast::TypeKind::Enum: v.kind = Kind::Text; break;
    case ast::TypeKind::List:
      v.kind = Kind::List;
      v.list_name = dep;
      if (type.element) v.element = std::make_shared<AbstractValue>(declared(*type.element, domain, dep));
      break;
    case ast::TypeKind::Record:
      v.kind = Kind::Record;
      for (const ast::Field& f : type.fields) {
        v.field_names.push_back(f.name);
        v.fields.push_back(f.type ? declared(*f.type, f.domain, dep + "." + f.name) : AbstractValue{});
      }
      break;
    case ast::TypeKind::Unknown: v = unknown(Kind::Unknown, "a value of unknown type"); break;
  }
  if (v.kind != Kind::List && v.kind != Kind::Record) v.deps = {dep};
  return v;
}

// Source text on one line, runs of whitespace folded to one space (as the evaluator shows it).
std::string fold(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool is_word_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return std::isalnum(b) != 0 || c == '_' || b >= 0x80;
}

// Whether [text] mentions [word] as a whole word.
bool mentions(std::string_view text, std::string_view word) {
  for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const std::size_t end = at + word.size();
    if ((at == 0 || !is_word_byte(text[at - 1])) && (end == text.size() || !is_word_byte(text[end]))) return true;
  }
  return false;
}

// ---- Comparing two tiers' scores -----------------------------------------------------------
//
// A tier's score as a polynomial over opaque atoms (names, fields, calls: anything that is not
// +, −, × or ÷ by a constant), so that `rate * pts` at rate = 100% and `pts` compare equal. Two
// scores agree when their polynomials are equal; they can disagree when the polynomials differ.

using Monomial = std::vector<std::string>;  // sorted atoms
using Polynomial = std::map<Monomial, Decimal>;

class PolynomialBuilder {
 public:
  PolynomialBuilder(const ast::Ruleset& rs, std::string subject, std::optional<Decimal> at)
      : rs_(rs), subject_(std::move(subject)), at_(at) {}

  std::optional<Polynomial> of(const ast::Expr& e) {
    const std::string text = fold(rs_.slice(e.span));
    if (text == subject_) return at_ ? constant(*at_) : atom(text);
    if (const auto* n = std::get_if<ast::NumberLit>(&e.node)) return constant(n->value);
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
            if (!c || c->is_zero()) return opaque(text);
            bool inexact = false;
            const Decimal inverse = Decimal::divide(Decimal::from_int(1), *c, &inexact);
            if (inexact) return opaque(text);
            return scaled(*l, inverse);
          }
        }
      }
    }
    return opaque(text);
  }

 private:
  static Polynomial constant(const Decimal& v) {
    Polynomial p;
    if (!v.is_zero()) p[{}] = v;
    return p;
  }
  static Polynomial atom(const std::string& text) { return Polynomial{{Monomial{text}, Decimal::from_int(1)}}; }
  // An expression the polynomial does not look into. When the subject is fixed, one that
  // mentions it cannot be compared (min(rate, 1) at rate = 100% is 1, but it is not seen).
  std::optional<Polynomial> opaque(const std::string& text) const {
    if (at_ && mentions(text, subject_)) return std::nullopt;
    return atom(text);
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
};

enum class Agreement { Same, Different, Unknown };

// Whether two tier scores agree where the subject (text [subject]) is [at], or everywhere when
// [at] is empty.
Agreement agree(const ast::Ruleset& rs, const ast::Expr& a, const ast::Expr& b, const std::string& subject,
                std::optional<Decimal> at) {
  if (fold(rs.slice(a.span)) == fold(rs.slice(b.span))) return Agreement::Same;
  try {
    PolynomialBuilder builder(rs, subject, at);
    const auto pa = builder.of(a);
    const auto pb = builder.of(b);
    if (!pa || !pb) return Agreement::Unknown;
    return *pa == *pb ? Agreement::Same : Agreement::Different;
  } catch (const DecimalError&) {
    return Agreement::Unknown;
  }
}

// ---- The walk ------------------------------------------------------------------------------

struct BudgetExhausted {};

class Analyzer {
 public:
  Analyzer(const ast::Ruleset& rs, const AnalysisOptions& options) : rs_(rs), options_(options) {}

  Diagnostics run();

 private:
  struct Frame {
    int id = 0;
    std::vector<AbstractValue> slots;
  };
  // A name narrowed by a `when` condition or a tier, while its arm is analysed.
  struct Narrowed {
    int frame = -1;  // -1 for a fact
    std::uint32_t index = 0;
    AbstractValue value;
  };
  struct Finding {
    Severity severity = Severity::Warning;
    std::string code;
    Span span;
    std::string message;
    std::string help;
    std::vector<Note> notes;
  };
  // A tier or bracket arm: whether any analysis of it found a value that reaches it.
  struct Arm {
    Span span;
    bool reached = false;
    std::string message;  // why it is not reached, from the first analysis
    std::string help;
    std::vector<Note> notes;
  };

  void items(const std::vector<ast::Item>& items);
  void indicator(const ast::Indicator& ind);
  void bind(const ast::Let& l);
  void check_bounds(const ast::Indicator& ind, const AbstractValue& score);

  AbstractValue eval(const ast::Expr& e);
  AbstractValue eval_impl(const ast::Expr& e);
  AbstractValue name(const ast::NameRef& n);
  AbstractValue points_ref();
  AbstractValue member_access(const ast::Member& m);
  AbstractValue unary(const ast::Unary& u);
  AbstractValue binary(const ast::Expr& e, const ast::Binary& b);
  AbstractValue call(const ast::Expr& e, const ast::Call& c);
  AbstractValue builtin(const ast::Call& c, std::vector<AbstractValue> args);
  AbstractValue aggregate(const std::string& func, const AbstractValue& body, const std::string& list_name);
  AbstractValue comprehension(const ast::Comprehension& c);
  AbstractValue tiered(const ast::Expr& e, const ast::Tiered& t);
  AbstractValue brackets(const ast::Brackets& b);
  AbstractValue deduct(const ast::Deduct& d);
  AbstractValue weighted(const ast::Weighted& w);
  AbstractValue judged(const ast::Judged& j);
  AbstractValue when(const ast::When& w);

  // Narrows the names [cond] compares with a constant, for [cond] being [truth]. Returns whether
  // the condition was understood (its effect on numbers fully captured); sets [feasible] to
  // false when no value can make it [truth].
  bool narrow(const ast::Expr& cond, bool truth, bool& feasible);
  // Narrows [subject], if it is a name, to [range].
  void narrow_to(const ast::Expr& subject, const AbstractValue& value, const Range& range);
  std::optional<Decimal> constant(const ast::Expr& e);

  void report(Severity severity, std::string code, Span span, std::string message, std::string help,
              std::vector<Note> notes = {});
  // A finding that holds only if the value's range is exact: a warning if it is, else an
  // "unsure" note.
  void report_if(const AbstractValue& basis, std::string code, Span span, std::string message, std::string help,
                 std::vector<Note> notes = {});
  void arm(Span span, bool reached, const std::string& message, const std::string& help);
  std::vector<Note> call_site_notes(const std::string& subject, const Range& domain, bool percent);
  std::string src(Span span) const { return fold(rs_.slice(span)); }

  const ast::Ruleset& rs_;
  const AnalysisOptions& options_;
  std::vector<AbstractValue> facts_;
  Frame globals_;
  Frame* frame_ = nullptr;
  int next_frame_ = 1;
  std::vector<Narrowed> narrowed_;
  std::vector<Span> call_sites_;  // the calls being analysed, innermost last
  const ast::Indicator* indicator_ = nullptr;
  int next_element_ = 0;
  std::uint64_t steps_ = 0;
  // Function calls are analysed at each call, so calls nested in calls multiply; these bound it.
  static constexpr std::uint64_t kStepBudget = 250'000;
  static constexpr int kMaxCallDepth = 64;
  std::map<std::pair<std::string, std::uint32_t>, Finding> findings_;
  std::map<std::uint32_t, Arm> arms_;
};

Diagnostics Analyzer::run() {
  for (const ast::FactDecl& f : rs_.facts) {
    facts_.push_back(f.type ? declared(*f.type, f.domain, f.name) : unknown(Kind::Unknown, "a fact of unknown type"));
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
    if (f.severity == Severity::Note && !options_.unsure) continue;
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
    d.message = fmt::format("unsure: the analysis stopped after {} steps; what follows in the ruleset was not analysed",
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
  for (const ast::Let& l : ind.lets) bind(l);
  if (ind.score) check_bounds(ind, eval(*ind.score));
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
  if (rounds_above(r.hi, ind.points.hi, rounding)) {
    const std::string how = r.hi.inf > 0 ? "without limit" : fmt::format("up to {}", r.hi.value.to_string());
    report_if(score, "W0404", ind.score->span,
              fmt::format("'{}' can score {}, more than its {} points", ind.name, how, ind.points.hi.to_string()),
              "cap the score, e.g. 'min(…, points)', or narrow the domains of the facts it uses",
              {{fmt::format("the score lies in {} for facts in their declared domains; such facts stop the "
                            "evaluation with E0702",
                            r.to_string(false)),
                std::nullopt}});
  }
  if (rounds_below(r.lo, ind.points.lo, rounding)) {
    const std::string how = r.lo.inf < 0 ? "without limit below" : fmt::format("as low as {}", r.lo.value.to_string());
    report_if(score, "W0405", ind.score->span,
              fmt::format("'{}' can score {}, less than its floor {}", ind.name, how, ind.points.lo.to_string()),
              "add 'until zero' to the deduction, or bound the score, e.g. 'max(…, 0)'",
              {{fmt::format("the score lies in {} for facts in their declared domains; such facts stop the "
                            "evaluation with E0702",
                            r.to_string(false)),
                std::nullopt}});
  }
}

// ---- Findings ------------------------------------------------------------------------------

void Analyzer::report(Severity severity, std::string code, Span span, std::string message, std::string help,
                      std::vector<Note> notes) {
  const auto key = std::make_pair(code, span.begin);
  auto it = findings_.find(key);
  // The first finding at a place stands, except that a sure one replaces an unsure one.
  if (it != findings_.end() && !(it->second.severity == Severity::Note && severity == Severity::Warning)) return;
  findings_[key] = Finding{severity, std::move(code), span, std::move(message), std::move(help), std::move(notes)};
}

void Analyzer::report_if(const AbstractValue& basis, std::string code, Span span, std::string message,
                         std::string help, std::vector<Note> notes) {
  if (basis.exact) {
    report(Severity::Warning, std::move(code), span, std::move(message), std::move(help), std::move(notes));
    return;
  }
  report(Severity::Note, std::move(code), span,
         fmt::format("unsure: {}; the analysis cannot tell, because {}", message, basis.why), std::move(help),
         std::move(notes));
}

void Analyzer::arm(Span span, bool reached, const std::string& message, const std::string& help) {
  auto [it, inserted] = arms_.try_emplace(span.begin);
  Arm& a = it->second;
  if (inserted) {
    a.span = span;
    a.message = message;
    a.help = help;
    if (!call_sites_.empty()) a.notes.push_back({"in the call analysed here", rs_.at(call_sites_.back())});
  }
  a.reached = a.reached || reached;
}

std::vector<Note> Analyzer::call_site_notes(const std::string& subject, const Range& domain, bool percent) {
  std::vector<Note> notes;
  if (!call_sites_.empty()) {
    notes.push_back({fmt::format("{} lies in {} in this call", subject, domain.to_string(percent)),
                     rs_.at(call_sites_.back())});
  }
  return notes;
}

// ---- Expressions ---------------------------------------------------------------------------

AbstractValue Analyzer::eval(const ast::Expr& e) {
  if (++steps_ > kStepBudget) throw BudgetExhausted{};
  try {
    return eval_impl(e);
  } catch (const DecimalError&) {
    return unknown(Kind::Number, "a bound is too large for exact arithmetic");
  }
}

std::optional<Decimal> Analyzer::constant(const ast::Expr& e) {
  const AbstractValue v = eval(e);
  if (v.kind == Kind::Number && v.range.is_point() && v.deps.empty()) return v.range.lo.value;
  return std::nullopt;
}

AbstractValue Analyzer::name(const ast::NameRef& n) {
  const int frame = n.kind == ast::NameKind::Fact ? -1 : frame_->id;
  for (auto it = narrowed_.rbegin(); it != narrowed_.rend(); ++it) {
    if (it->frame == frame && it->index == n.index) return it->value;
  }
  switch (n.kind) {
    case ast::NameKind::Fact:
      if (n.index < facts_.size()) return facts_[n.index];
      break;
    case ast::NameKind::Let:
    case ast::NameKind::Param:
    case ast::NameKind::Loop:
      if (n.index < frame_->slots.size()) return frame_->slots[n.index];
      break;
    case ast::NameKind::Unresolved: break;
  }
  return unknown(Kind::Unknown, fmt::format("'{}' is not resolved", n.name));
}

AbstractValue Analyzer::binary(const ast::Expr& e, const ast::Binary& b) {
  using Op = ast::BinaryOp;
  const AbstractValue l = eval(*b.lhs);
  const AbstractValue r = eval(*b.rhs);
  if (b.op != Op::Add && b.op != Op::Sub && b.op != Op::Mul && b.op != Op::Div) {
    AbstractValue v;
    v.kind = Kind::Bool;
    v.deps = l.deps;
    merge_deps(v, r);
    return v;
  }
  if (l.kind != Kind::Number || r.kind != Kind::Number) {
    AbstractValue v = unknown(Kind::Number, !l.why.empty() ? l.why : r.why);
    if (v.why.empty()) v.why = "an operand is not a number";
    v.deps = l.deps;
    merge_deps(v, r);
    return v;
  }
  switch (b.op) {
    case Op::Add: return combine(l, r, add(l.range, r.range), l.whole && r.whole);
    case Op::Sub: return combine(l, r, add(l.range, negate(r.range)), l.whole && r.whole);
    case Op::Mul: return combine(l, r, multiply(l.range, r.range), l.whole && r.whole);
    default: break;
  }
  if (auto q = divide(l.range, r.range)) return combine(l, r, *q, false);
  AbstractValue v = combine(l, r, Range::all(), false);
  v.exact = false;
  v.why = fmt::format("the divisor {} can be 0", src(b.rhs->span));
  (void)e;
  return v;
}

AbstractValue Analyzer::call(const ast::Expr& e, const ast::Call& c) {
  if (c.define_index >= 0 && static_cast<std::size_t>(c.define_index) < rs_.defines.size()) {
    const ast::Define& d = rs_.defines[static_cast<std::size_t>(c.define_index)];
    if (call_sites_.size() >= static_cast<std::size_t>(kMaxCallDepth)) {
      return unknown(Kind::Number, "calls nest too deep to analyse");
    }
    Frame frame;
    frame.id = next_frame_++;
    frame.slots.assign(std::max<std::size_t>(d.frame_size, d.params.size()), AbstractValue{});
    for (std::size_t i = 0; i < c.args.size() && i < frame.slots.size(); ++i) frame.slots[i] = eval(*c.args[i]);
    Frame* saved = frame_;
    frame_ = &frame;
    call_sites_.push_back(e.span);
    struct Restore {
      Analyzer& a;
      Frame* frame;
      ~Restore() {
        a.frame_ = frame;
        a.call_sites_.pop_back();
      }
    } restore{*this, saved};
    return eval(*d.body);
  }
  if (stdlib::is_list_aggregate(c.callee) && c.args.size() == 1) {
    const AbstractValue list = eval(*c.args[0]);
    if (list.kind == Kind::List) {
      const AbstractValue element = list.element ? *list.element : unknown(Kind::Unknown, "an element of unknown type");
      return aggregate(c.callee, element, list.list_name);
    }
    return builtin(c, {list});
  }
  std::vector<AbstractValue> args;
  for (const auto& a : c.args) args.push_back(eval(*a));
  return builtin(c, std::move(args));
}

AbstractValue Analyzer::builtin(const ast::Call& c, std::vector<AbstractValue> args) {
  for (const AbstractValue& a : args) {
    if (a.kind != Kind::Number) {
      AbstractValue v = unknown(Kind::Number, a.why.empty() ? "an argument is not a number" : a.why);
      for (const AbstractValue& b : args) merge_deps(v, b);
      return v;
    }
  }
  const std::string& f = c.callee;
  if ((f == "min" || f == "max") && !args.empty()) {
    AbstractValue acc = args[0];
    for (std::size_t i = 1; i < args.size(); ++i) {
      acc = combine(acc, args[i], f == "min" ? minimum(acc.range, args[i].range) : maximum(acc.range, args[i].range),
                    acc.whole && args[i].whole);
    }
    return acc;
  }
  if (f == "clamp" && args.size() == 3) {
    AbstractValue low = combine(args[0], args[2], minimum(args[0].range, args[2].range), false);
    return combine(low, args[1], maximum(low.range, args[1].range), false);
  }
  if (f == "abs" && args.size() == 1) {
    AbstractValue v = args[0];
    v.range = absolute(v.range);
    return v;
  }
  if ((f == "round" || f == "floor" || f == "ceil") && !args.empty() && args.size() <= 2) {
    int digits = 0;
    if (args.size() == 2) {
      const auto d = args[1].range.is_point() ? args[1].range.lo.value.to_int64() : std::nullopt;
      if (!d || *d < 0 || *d > 12) return unknown(Kind::Number, fmt::format("the decimals of '{}' are not a constant", f));
      digits = static_cast<int>(*d);
    }
    AbstractValue v = args[0];
    const Decimal unit = Decimal::from_parts(1, digits);
    const auto apply = [&](const End& end, bool upper) -> End {
      if (end.inf != 0) return end;
      Decimal x = f == "floor" ? end.value.floor(digits)
                  : f == "ceil" ? end.value.ceil(digits)
                                : end.value.round(digits, rs_.rounding.mode);
      // floor of values just below a step is the step below it (and ceil mirrored).
      if (f == "floor" && upper && !end.closed && x == end.value) x = x - unit;
      if (f == "ceil" && !upper && !end.closed && x == end.value) x = x + unit;
      return End::finite(x, true);
    };
    v.range = Range{apply(v.range.lo, false), apply(v.range.hi, true)};
    v.whole = digits == 0 && f != "round";
    return v;
  }
  if (f == "steps" && args.size() == 2) {
    const auto step = args[1].range.is_point() ? std::optional(args[1].range.lo.value) : std::nullopt;
    if (!step || step->sign() <= 0) return unknown(Kind::Number, "the step of 'steps' is not a positive constant");
    // steps(x, s) is 0 for x <= 0, else ceil(x / s): it does not decrease as x grows.
    const auto at = [&](const Decimal& x) { return x.sign() <= 0 ? Decimal{} : (x / *step).ceil(); };
    const Range& x = args[0].range;
    End lo = End::finite(Decimal{});
    if (x.lo.inf == 0) {
      lo = End::finite(x.lo.closed || x.lo.value.sign() < 0 ? at(x.lo.value)
                                                            : (x.lo.value / *step).floor() + Decimal::from_int(1));
    }
    const End hi = x.hi.inf != 0 ? x.hi : End::finite(at(x.hi.value));
    AbstractValue v = args[0];
    v.range = Range{lo, hi};
    v.whole = true;
    return v;
  }
  return unknown(Kind::Number, fmt::format("'{}' is not a function the analysis knows", f));
}

// sum, mean, count, min, max, any, all over a list whose elements are [body].
AbstractValue Analyzer::aggregate(const std::string& func, const AbstractValue& body, const std::string& list_name) {
  const std::string length_why =
      fmt::format("it depends on the number of elements of '{}', which no declaration bounds", list_name);
  if (func == "any" || func == "all") {
    AbstractValue v;
    v.kind = Kind::Bool;
    v.deps = body.deps;
    return v;
  }
  if (func == "count") {
    AbstractValue v = number(Range::at_least(Decimal{}), true);
    v.exact = false;
    v.why = length_why;
    return v;
  }
  if (body.kind != Kind::Number) return unknown(Kind::Number, body.why.empty() ? "the elements are not numbers" : body.why);
  if (func == "sum") {
    // Any number of elements: 0 for none, without bound in the direction the elements go.
    AbstractValue v = body;
    const int lo_sign = body.range.lo.inf != 0 ? body.range.lo.inf : body.range.lo.value.sign();
    const int hi_sign = body.range.hi.inf != 0 ? body.range.hi.inf : body.range.hi.value.sign();
    v.range.lo = lo_sign < 0 ? End::minus_infinity() : End::finite(Decimal{});
    v.range.hi = hi_sign > 0 ? End::plus_infinity() : End::finite(Decimal{});
    if (lo_sign < 0 || hi_sign > 0) {
      v.exact = false;
      v.why = length_why;
    }
    return v;
  }
  AbstractValue v = body;  // mean, min and max lie within the elements' range
  if (func == "mean") v.whole = false;
  return v;
}

AbstractValue Analyzer::comprehension(const ast::Comprehension& c) {
  const AbstractValue list = eval(*c.list);
  AbstractValue element = unknown(Kind::Unknown, "an element of unknown type");
  if (list.kind == Kind::List && list.element) {
    // Each element is a new value: its dependencies are its own.
    element = *list.element;
    const std::string tag = fmt::format("#{}", next_element_++);
    if (element.kind == Kind::Record) {
      for (std::size_t i = 0; i < element.fields.size(); ++i) {
        if (element.fields[i].kind != Kind::List) element.fields[i].deps = {c.var + "." + element.field_names[i] + tag};
      }
    } else {
      element.deps = {c.var + tag};
    }
  }
  if (c.slot < frame_->slots.size()) frame_->slots[c.slot] = element;
  if (c.filter) eval(*c.filter);
  const AbstractValue body = c.body ? eval(*c.body) : element;
  return aggregate(c.func, body, list.kind == Kind::List ? list.list_name : src(c.list->span));
}

void Analyzer::narrow_to(const ast::Expr& subject, const AbstractValue& value, const Range& range) {
  const auto* n = std::get_if<ast::NameRef>(&subject.node);
  if (n == nullptr || n->kind == ast::NameKind::Unresolved || value.kind != Kind::Number) return;
  AbstractValue v = value;
  v.range = range;
  narrowed_.push_back({n->kind == ast::NameKind::Fact ? -1 : frame_->id, n->index, std::move(v)});
}

// ---- Tiers ---------------------------------------------------------------------------------

AbstractValue Analyzer::tiered(const ast::Expr& e, const ast::Tiered& t) {
  AbstractValue subject = eval(*t.subject);
  if (subject.kind != Kind::Number) subject = unknown(Kind::Number, subject.why.empty() ? "the value is unknown" : subject.why);
  const Range domain = subject.range;
  const std::string name = src(t.subject->span);
  bool percent = t.subject->type == ast::TypeKind::Percent;
  // Each tier's interval, when its bounds are constants.
  std::vector<std::optional<Range>> ranges;
  bool all_constant = true;
  for (const ast::Tier& tier : t.tiers) {
    const ast::Interval& iv = tier.interval;
    Range r;
    bool ok = true;
    for (const auto* b : {&iv.lo, &iv.hi}) {
      if (!b->value) continue;
      if (b->value->type == ast::TypeKind::Percent) percent = true;
      const auto v = constant(*b->value);
      if (!v) {
        ok = false;
        continue;
      }
      (b == &iv.lo ? r.lo : r.hi) = End::finite(*v, b == &iv.lo ? iv.lo_closed : iv.hi_closed);
    }
    ranges.push_back(ok ? std::optional(r) : std::nullopt);
    all_constant = all_constant && ok;
  }
  std::optional<AbstractValue> result;
  for (std::size_t i = 0; i < t.tiers.size(); ++i) {
    const ast::Tier& tier = t.tiers[i];
    const std::size_t mark = narrowed_.size();
    if (ranges[i]) {
      const Range part = intersect(*ranges[i], domain);
      arm(tier.interval.span, !part.empty(),
          fmt::format("no value of {} reaches the tier {}: {} lies in {}", name, src(tier.interval.span), name,
                      domain.to_string(percent)),
          "remove the tier, or correct its bounds (or the fact's declared domain)");
      if (part.empty()) continue;
      narrow_to(*t.subject, subject, part);
    }
    join(result, eval(*tier.result));
    narrowed_.resize(mark);
  }
  if (!all_constant) {
    report(Severity::Note, "W0401", t.subject->span,
           fmt::format("unsure: the tiers of {} were not checked for gaps and overlaps, because a bound is not a "
                       "constant",
                       name),
           "");
  } else {
    std::vector<Range> tiers;
    for (const auto& r : ranges) tiers.push_back(*r);
    for (const Range& gap : subtract(domain, tiers)) {
      if (subject.whole && !gap.contains_integer()) continue;
      // Point at the tier just after the gap, else the one just before it.
      Span at = t.subject->span;
      for (std::size_t i = 0; i < tiers.size(); ++i) {
        if (gap.hi.inf == 0 && tiers[i].lo.inf == 0 && tiers[i].lo.value == gap.hi.value) {
          at = t.tiers[i].interval.span;
          break;
        }
        if (gap.lo.inf == 0 && tiers[i].hi.inf == 0 && tiers[i].hi.value == gap.lo.value) at = t.tiers[i].interval.span;
      }
      report_if(subject, "W0401", at, fmt::format("no tier takes {} in {}", name, gap.to_string(percent)),
                fmt::format("extend a tier or add one for {}; if such values cannot occur, declare the fact's domain",
                            gap.to_string(percent)),
                call_site_notes(name, domain, percent));
    }
    for (std::size_t j = 0; j < tiers.size(); ++j) {
      for (std::size_t i = 0; i < j; ++i) {
        const Range shared = intersect(intersect(tiers[i], tiers[j]), domain);
        if (shared.empty()) continue;
        const bool point = shared.is_point();
        const Agreement a = agree(rs_, *t.tiers[i].result, *t.tiers[j].result, name,
                                  point ? std::optional(shared.lo.value) : std::nullopt);
        if (a == Agreement::Same) continue;
        const std::string where = point ? fmt::format("{} = {}", name, shared.to_string(percent))
                                        : fmt::format("{} in {}", name, shared.to_string(percent));
        std::vector<Note> notes{{"the other tier is here", rs_.at(t.tiers[i].interval.span)}};
        const std::string help =
            point ? fmt::format("make one of the two bounds open, so that only one tier takes {}", shared.to_string(percent))
                  : "move a bound so that the tiers do not overlap";
        if (a == Agreement::Different) {
          report(Severity::Warning, "W0402", t.tiers[j].interval.span,
                 fmt::format("the tiers {} and {} both take {}, where they can give different scores ({} and {})",
                             src(t.tiers[i].interval.span), src(t.tiers[j].interval.span), where,
                             src(t.tiers[i].result->span), src(t.tiers[j].result->span)),
                 help, std::move(notes));
        } else {
          report(Severity::Note, "W0402", t.tiers[j].interval.span,
                 fmt::format("unsure: the tiers {} and {} both take {}; the analysis cannot tell whether {} and {} "
                             "agree there",
                             src(t.tiers[i].interval.span), src(t.tiers[j].interval.span), where,
                             src(t.tiers[i].result->span), src(t.tiers[j].result->span)),
                 help, std::move(notes));
        }
      }
    }
  }
  (void)e;
  if (!result) return number(Range::empty_range());
  return *result;
}

AbstractValue Analyzer::brackets(const ast::Brackets& b) {
  AbstractValue subject = eval(*b.subject);
  if (subject.kind != Kind::Number) subject = unknown(Kind::Number, subject.why.empty() ? "the value is unknown" : subject.why);
  const Range domain = subject.range;
  const std::string name = src(b.subject->span);
  bool percent = b.subject->type == ast::TypeKind::Percent;
  for (const auto& a : b.arms) {
    if (a.bound && a.bound->type == ast::TypeKind::Percent) percent = true;
  }
  std::vector<Range> taken;  // what the arms so far take
  bool constant_so_far = true;
  bool has_otherwise = false;
  std::optional<AbstractValue> result;
  for (const auto& a : b.arms) {
    Range set;
    if (a.bound) {
      const auto c = constant(*a.bound);
      if (!c) constant_so_far = false;
      if (c) {
        switch (a.compare) {
          case ast::BinaryOp::Lt: set = Range{End::minus_infinity(), End::finite(*c, false)}; break;
          case ast::BinaryOp::Le: set = Range{End::minus_infinity(), End::finite(*c, true)}; break;
          case ast::BinaryOp::Gt: set = Range{End::finite(*c, false), End::plus_infinity()}; break;
          case ast::BinaryOp::Ge: set = Range::at_least(*c); break;
          default: set = Range::point(*c); break;
        }
      }
    } else {
      has_otherwise = true;
    }
    const std::size_t mark = narrowed_.size();
    if (constant_so_far) {
      const auto left = subtract(intersect(set, domain), taken);
      const std::string what = a.bound ? "this arm" : "'otherwise'";
      const std::string why =
          intersect(set, domain).empty() ? fmt::format("{} lies in {}", name, domain.to_string(percent))
          : a.bound ? fmt::format("the arms above already take every value of {} that meets it", name)
                    : fmt::format("the arms above take every value of {} in {}", name, domain.to_string(percent));
      arm(a.span, !left.empty(), fmt::format("{} is never taken: {}", what, why),
          "remove it, or correct its bound (or the order of the arms)");
      if (left.empty()) continue;
      Range reach = left.front();
      for (const Range& r : left) reach = hull(reach, r);
      narrow_to(*b.subject, subject, reach);
      taken.push_back(set);
    }
    join(result, eval(*a.result));
    narrowed_.resize(mark);
  }
  if (constant_so_far && !has_otherwise) {
    for (const Range& gap : subtract(domain, taken)) {
      if (subject.whole && !gap.contains_integer()) continue;
      report_if(subject, "W0401", b.subject->span, fmt::format("no bracket takes {} in {}", name, gap.to_string(percent)),
                fmt::format("add 'otherwise -> …' as the last arm, or an arm for {}", gap.to_string(percent)),
                call_site_notes(name, domain, percent));
    }
  }
  if (!result) return number(Range::empty_range());
  return *result;
}

// ---- Deductions, weighted parts, judged bands, conditions ----------------------------------

AbstractValue Analyzer::deduct(const ast::Deduct& d) {
  AbstractValue value = d.start ? eval(*d.start)
                        : indicator_ != nullptr ? number(Range::point(indicator_->points.hi))
                                                : unknown(Kind::Number, "the deduction has no start");
  for (const auto& item : d.items) {
    const AbstractValue amount = eval(*item.amount);
    AbstractValue taken = amount;
    if (item.kind == ast::DeductionKind::Per) {
      const AbstractValue n = eval(*item.operand);
      if (amount.kind == Kind::Number && n.kind == Kind::Number) {
        taken = combine(amount, n, multiply(amount.range, n.range), amount.whole && n.whole);
      } else {
        taken = unknown(Kind::Number, "a deduction is not a number");
      }
    } else if (item.kind == ast::DeductionKind::When) {
      const AbstractValue cond = eval(*item.operand);
      if (taken.kind == Kind::Number) taken.range = hull(taken.range, Range::point(Decimal{}));
      merge_deps(taken, cond);
    }
    if (value.kind != Kind::Number || taken.kind != Kind::Number) {
      value = unknown(Kind::Number, value.why.empty() ? taken.why : value.why);
      continue;
    }
    value = combine(value, taken, add(value.range, negate(taken.range)), value.whole && taken.whole);
  }
  if (d.floor) {
    const AbstractValue floor = eval(*d.floor);
    if (floor.kind == Kind::Number && value.kind == Kind::Number) {
      value = combine(value, floor, maximum(value.range, floor.range), false);
    }
  }
  return value;
}

AbstractValue Analyzer::weighted(const ast::Weighted& w) {
  AbstractValue total = number(Range::point(Decimal{}));
  for (const auto& part : w.parts) {
    const AbstractValue weight = eval(*part.weight);
    const AbstractValue value = eval(*part.value);
    if (weight.kind != Kind::Number || value.kind != Kind::Number || total.kind != Kind::Number) {
      total = unknown(Kind::Number, "a part is not a number");
      continue;
    }
    const AbstractValue share = combine(weight, value, multiply(weight.range, value.range), false);
    total = combine(total, share, add(total.range, share.range), false);
  }
  return total;
}

AbstractValue Analyzer::judged(const ast::Judged& j) {
  const AbstractValue score = eval(*j.score);
  const AbstractValue category = eval(*j.category);
  std::optional<AbstractValue> result;
  for (const ast::Band& band : j.bands) {
    if (band.value) {  // `member -> VALUE`: the category fixes the score
      join(result, eval(*band.value));
      continue;
    }
    if (score.kind != Kind::Number) {
      join(result, unknown(Kind::Number, "the judged score is not a number"));
      continue;
    }
    // The score, where it lies in the band.
    Range r;
    AbstractValue bounds = number(Range::all());
    if (band.interval.lo.value) {
      const AbstractValue lo = eval(*band.interval.lo.value);
      if (lo.kind == Kind::Number) {
        r.lo = lo.range.lo;
        if (r.lo.inf == 0) r.lo.closed = r.lo.closed && band.interval.lo_closed;
        merge_deps(bounds, lo);
      }
    }
    if (band.interval.hi.value) {
      const AbstractValue hi = eval(*band.interval.hi.value);
      if (hi.kind == Kind::Number) {
        r.hi = hi.range.hi;
        if (r.hi.inf == 0) r.hi.closed = r.hi.closed && band.interval.hi_closed;
        merge_deps(bounds, hi);
      }
    }
    AbstractValue v = score;
    v.range = intersect(score.range, r);
    if (!bounds.deps.empty() && v.exact) {
      v.exact = false;
      v.why = "the band's bounds are not constants";
    }
    merge_deps(v, bounds);
    if (!v.range.empty()) join(result, v);
  }
  if (!result) return number(Range::empty_range());
  merge_deps(*result, category);
  return *result;
}

bool Analyzer::narrow(const ast::Expr& cond, bool truth, bool& feasible) {
  using Op = ast::BinaryOp;
  if (const auto* u = std::get_if<ast::Unary>(&cond.node); u != nullptr && u->op == ast::UnaryOp::Not) {
    return narrow(*u->operand, !truth, feasible);
  }
  if (const auto* b = std::get_if<ast::Binary>(&cond.node)) {
    if ((b->op == Op::And && truth) || (b->op == Op::Or && !truth)) {
      const bool l = narrow(*b->lhs, truth, feasible);
      const bool r = narrow(*b->rhs, truth, feasible);
      return l && r;
    }
    if (b->op == Op::And || b->op == Op::Or) return false;
    const bool comparison = b->op == Op::Lt || b->op == Op::Le || b->op == Op::Gt || b->op == Op::Ge ||
                            b->op == Op::Eq || b->op == Op::Ne;
    if (!comparison) return false;
    // Text, enum and bool comparisons do not bear on any number.
    const auto numeric = [](const ast::Expr& x) {
      return x.type == ast::TypeKind::Number || x.type == ast::TypeKind::Percent || x.type == ast::TypeKind::Money ||
             x.type == ast::TypeKind::Count;
    };
    if (!numeric(*b->lhs) && !numeric(*b->rhs)) return b->lhs->type != ast::TypeKind::Unknown;
    // NAME op CONSTANT, or CONSTANT op NAME (then the comparison is mirrored).
    const ast::Expr* subject = b->lhs.get();
    Op op = b->op;
    auto c = constant(*b->rhs);
    if (!c || !std::holds_alternative<ast::NameRef>(subject->node)) {
      subject = b->rhs.get();
      c = constant(*b->lhs);
      switch (op) {
        case Op::Lt: op = Op::Gt; break;
        case Op::Le: op = Op::Ge; break;
        case Op::Gt: op = Op::Lt; break;
        case Op::Ge: op = Op::Le; break;
        default: break;
      }
    }
    if (!c || !std::holds_alternative<ast::NameRef>(subject->node)) return false;
    if (!truth) {
      switch (op) {
        case Op::Lt: op = Op::Ge; break;
        case Op::Le: op = Op::Gt; break;
        case Op::Gt: op = Op::Le; break;
        case Op::Ge: op = Op::Lt; break;
        case Op::Eq: op = Op::Ne; break;
        default: op = Op::Eq; break;
      }
    }
    Range set;
    switch (op) {
      case Op::Lt: set = Range{End::minus_infinity(), End::finite(*c, false)}; break;
      case Op::Le: set = Range{End::minus_infinity(), End::finite(*c, true)}; break;
      case Op::Gt: set = Range{End::finite(*c, false), End::plus_infinity()}; break;
      case Op::Ge: set = Range::at_least(*c); break;
      case Op::Eq: set = Range::point(*c); break;
      default: return true;  // != takes out one value: the interval stays as it is
    }
    const AbstractValue current = eval(*subject);
    if (current.kind != Kind::Number) return false;
    const Range narrowed = intersect(current.range, set);
    if (narrowed.empty()) feasible = false;
    narrow_to(*subject, current, narrowed);
    return true;
  }
  // A bool fact, field or literal bears on no number.
  return cond.type == ast::TypeKind::Bool &&
         (std::holds_alternative<ast::NameRef>(cond.node) || std::holds_alternative<ast::Member>(cond.node) ||
          std::holds_alternative<ast::BoolLit>(cond.node));
}

AbstractValue Analyzer::when(const ast::When& w) {
  const std::size_t mark = narrowed_.size();
  std::optional<AbstractValue> result;
  for (const auto& a : w.arms) {
    const std::size_t arm_mark = narrowed_.size();
    bool feasible = true;
    bool understood = true;
    AbstractValue cond;
    if (a.condition) {
      cond = eval(*a.condition);
      understood = narrow(*a.condition, true, feasible);
    }
    if (feasible) {
      AbstractValue v = eval(*a.result);
      if (!understood && v.exact && v.kind == Kind::Number) {
        for (const std::string& d : cond.deps) {
          if (std::binary_search(v.deps.begin(), v.deps.end(), d)) {
            v.exact = false;
            v.why = fmt::format("it depends on a condition the analysis does not follow ({})", src(a.condition->span));
            break;
          }
        }
      }
      join(result, v);
    }
    narrowed_.resize(arm_mark);
    if (!a.condition) break;
    // The later arms are analysed with this condition false.
    bool rest_feasible = true;
    narrow(*a.condition, false, rest_feasible);
    if (!rest_feasible) break;
  }
  narrowed_.resize(mark);
  if (!result) return number(Range::empty_range());
  return *result;
}

// One case per kind of node; ast::visit makes a missing case a compile error.
AbstractValue Analyzer::eval_impl(const ast::Expr& e) {
  return ast::visit(e, ast::overloaded{
                           [&](const ast::NumberLit& n) { return number(Range::point(n.value), n.value.is_integer()); },
                           [&](const ast::StringLit&) { return of_kind(Kind::Text); },
                           [&](const ast::BoolLit&) { return of_kind(Kind::Bool); },
                           [&](const ast::PointsRef&) { return points_ref(); },
                           [&](const ast::NameRef& n) { return name(n); },
                           [&](const ast::Member& n) { return member_access(n); },
                           [&](const ast::Unary& n) { return unary(n); },
                           [&](const ast::Binary& n) { return binary(e, n); },
                           [&](const ast::Call& n) { return call(e, n); },
                           [&](const ast::Comprehension& n) { return comprehension(n); },
                           [&](const ast::Tiered& n) { return tiered(e, n); },
                           [&](const ast::Brackets& n) { return brackets(n); },
                           [&](const ast::Deduct& n) { return deduct(n); },
                           [&](const ast::Weighted& n) { return weighted(n); },
                           [&](const ast::Judged& n) { return judged(n); },
                           [&](const ast::When& n) { return when(n); },
                       });
}

AbstractValue Analyzer::points_ref() {
  if (indicator_ == nullptr) return unknown(Kind::Number, "'points' outside an indicator");
  return number(Range::point(indicator_->points.hi), indicator_->points.hi.is_integer());
}

AbstractValue Analyzer::member_access(const ast::Member& m) {
  const AbstractValue object = eval(*m.object);
  if (object.kind == Kind::Record && m.field_index < object.fields.size()) return object.fields[m.field_index];
  return unknown(Kind::Unknown, fmt::format("the field '{}' is unknown", m.field));
}

AbstractValue Analyzer::unary(const ast::Unary& u) {
  AbstractValue v = eval(*u.operand);
  if (u.op == ast::UnaryOp::Not) {
    v.kind = Kind::Bool;
    return v;
  }
  if (v.kind == Kind::Number) v.range = negate(v.range);
  return v;
}

}  // namespace

Diagnostics analyse(const ast::Ruleset& ruleset, const AnalysisOptions& options) {
  return Analyzer(ruleset, options).run();
}

}  // namespace rubric
