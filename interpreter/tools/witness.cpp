// Facts that show a score leaves its points; see witness.hpp.
#include "interpreter/tools/witness.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "dsl/visit.hpp"
#include "interpreter/check/checker.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/facts.hpp"
#include "interpreter/eval/value.hpp"
#include "base/messages.hpp"

namespace rubric {
namespace {

// What an indicator reads: the facts (also through its lets, the lets it names and the functions
// it calls), and the constants its rules are written with.
struct Reads {
  std::set<std::uint32_t> facts;
  std::vector<Decimal> constants;
};

class ReadCollector {
 public:
  explicit ReadCollector(const ast::Ruleset& rs) : rs_(rs) {
    for (const ast::Let& l : rs.lets) lets_[l.slot] = &l;
    items(rs.items);
  }

  Reads of(const ast::Indicator& ind) {
    // An indicator's lets take slots after the globals, which other indicators' lets reuse.
    for (const ast::Let& l : ind.lets) lets_[l.slot] = &l;
    if (ind.applies) expr(*ind.applies);
    for (const ast::Let& l : ind.lets) expr(*l.value);
    if (ind.score) expr(*ind.score);
    if (!ind.choice.empty()) out_.facts.insert(ind.choice_fact);
    return out_;
  }

 private:
  void items(const std::vector<ast::Item>& children) {
    for (const ast::Item& item : children) {
      if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
        items((*s)->items);
      } else if (const auto* l = std::get_if<ast::Let>(&item)) {
        lets_[l->slot] = l;
      }
    }
  }

  void expr(const ast::Expr& e) {
    if (const auto* n = std::get_if<ast::NameRef>(&e.node)) {
      if (n->kind == ast::NameKind::Fact) out_.facts.insert(n->index);
      const auto let = lets_.find(n->index);
      if (n->kind == ast::NameKind::Let && let != lets_.end() && seen_lets_.insert(let->second).second) {
        expr(*let->second->value);
      }
      return;
    }
    if (const auto* lit = std::get_if<ast::NumberLit>(&e.node)) {
      out_.constants.push_back(lit->value);
      return;
    }
    if (const auto* c = std::get_if<ast::Call>(&e.node); c != nullptr && c->define_index >= 0) {
      const auto index = static_cast<std::size_t>(c->define_index);
      if (index < rs_.defines.size() && seen_defines_.insert(index).second) expr(*rs_.defines[index].body);
    }
    ast::for_each_child(e, [&](const ast::Expr& child) { expr(child); });
  }

  const ast::Ruleset& rs_;
  std::map<std::uint32_t, const ast::Let*> lets_;
  std::set<const ast::Let*> seen_lets_;
  std::set<std::size_t> seen_defines_;
  Reads out_;
};

bool number_like(ast::TypeKind k) {
  return k == ast::TypeKind::Number || k == ast::TypeKind::Percent || k == ast::TypeKind::Money ||
         k == ast::TypeKind::Count || k == ast::TypeKind::Date;
}

// The values a number-like fact (or field) is tried with: its domain's ends, the constants the
// rules are written with and one step either side of each, 0 and 1, and (without an upper end)
// values well past the largest constant.
std::vector<Decimal> number_candidates(ast::TypeKind kind, const std::optional<ast::Interval>& domain,
                                       const std::vector<Decimal>& constants) {
  const Decimal step = kind == ast::TypeKind::Count || kind == ast::TypeKind::Date ? Decimal::from_int(1)
                       : kind == ast::TypeKind::Percent                            ? Decimal::parse("0.0001").value()
                                                                                   : Decimal::parse("0.01").value();
  const bool nonnegative = kind == ast::TypeKind::Percent || kind == ast::TypeKind::Money || kind == ast::TypeKind::Count;
  std::optional<Decimal> lo = nonnegative ? std::optional(Decimal::from_int(0)) : std::nullopt;
  std::optional<Decimal> hi;
  bool lo_closed = true;
  bool hi_closed = true;
  if (domain) {
    lo = domain->lo.value ? constant_value(*domain->lo.value) : std::nullopt;
    hi = domain->hi.value ? constant_value(*domain->hi.value) : std::nullopt;
    lo_closed = domain->lo_closed;
    hi_closed = domain->hi_closed;
  }
  std::vector<Decimal> raw;
  try {
    Decimal biggest = Decimal::from_int(1);
    for (const Decimal& c : constants) {
      raw.insert(raw.end(), {c - step, c, c + step});
      biggest = std::max(biggest, c.abs());
    }
    raw.insert(raw.end(), {Decimal::from_int(0), Decimal::from_int(1)});
    if (lo) raw.push_back(lo_closed ? *lo : *lo + step);
    if (hi) raw.push_back(hi_closed ? *hi : *hi - step);
    if (!hi) raw.insert(raw.end(), {biggest * Decimal::from_int(10), biggest * Decimal::from_int(1000)});
    if (!lo) raw.insert(raw.end(), {-biggest * Decimal::from_int(10), -biggest * Decimal::from_int(1000)});
  } catch (const DecimalError&) {
    // a constant too large to step from: the candidates found so far
  }
  std::vector<Decimal> out;
  for (const Decimal& v : raw) {
    if (lo && (lo_closed ? v < *lo : v <= *lo)) continue;
    if (hi && (hi_closed ? v > *hi : v >= *hi)) continue;
    if ((kind == ast::TypeKind::Count || kind == ast::TypeKind::Date) && !v.is_integer()) continue;
    out.push_back(v);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  constexpr std::size_t kMost = 48;
  if (out.size() > kMost) {  // evenly spaced, both ends kept
    std::vector<Decimal> thinned;
    for (std::size_t i = 0; i < kMost; ++i) thinned.push_back(out[i * (out.size() - 1) / (kMost - 1)]);
    out = std::move(thinned);
  }
  return out;
}

// One thing the search changes: a fact's value, a list fact's length, or a field (or the value) of
// every element of a list fact, all elements alike.
struct Dim {
  std::uint32_t fact = 0;
  enum class What : std::uint8_t { Value, Length, Element } what = What::Value;
  std::optional<std::size_t> field;  // Element of a list of records: the field
  std::vector<Value> candidates;
  ast::TypeKind kind = ast::TypeKind::Number;  // how a value is shown
};

std::vector<Value> candidates(const ast::TypeRef& type, const std::optional<ast::Interval>& domain,
                              const std::vector<Decimal>& constants) {
  std::vector<Value> out;
  if (number_like(type.kind)) {
    for (const Decimal& d : number_candidates(type.kind, domain, constants)) out.emplace_back(d);
  } else if (type.kind == ast::TypeKind::Bool) {
    out = {Value(false), Value(true)};
  } else if (type.kind == ast::TypeKind::Enum) {
    for (const std::string& m : type.members) out.emplace_back(m);
  }
  return out;  // a text is not varied
}

// A value of [type] in [domain] for what the search does not vary.
Value neutral(const ast::TypeRef& type, const std::optional<ast::Interval>& domain) {
  if (number_like(type.kind)) {
    const auto c = number_candidates(type.kind, domain, {});
    return c.empty() ? Value(Decimal::from_int(0)) : Value(c.front());
  }
  switch (type.kind) {
    case ast::TypeKind::Bool: return Value(false);
    case ast::TypeKind::Enum: return type.members.empty() ? Value(std::string()) : Value(type.members.front());
    case ast::TypeKind::List: return Value(std::make_shared<const std::vector<Value>>());
    default: return Value(std::string());
  }
}

class Search {
 public:
  Search(const ast::Ruleset& rs, const UnsureBound& bound, std::size_t budget)
      : rs_(rs), bound_(bound), ind_(*bound.indicator), budget_(budget) {
    const Reads reads = ReadCollector(rs).of(ind_);
    base_.year = rs.year;
    base_.values.resize(rs.facts.size());
    base_.supplied.assign(rs.facts.size(), true);
    for (std::size_t i = 0; i < rs.facts.size(); ++i) base_.values[i] = neutral(*rs.facts[i].type, rs.facts[i].domain);
    for (const std::uint32_t f : reads.facts) add_dims(f, reads.constants);
    const ast::Rounding rounding = ind_.rounding ? *ind_.rounding : rs.rounding;
    digits_ = rounding.digits;
    mode_ = rounding.mode;
  }

  // The choice of each dimension that puts the score beyond the points, if one is found.
  std::optional<std::vector<std::size_t>> run() {
    if (dims_.empty()) return std::nullopt;
    std::size_t combinations = 1;
    for (const Dim& d : dims_) {
      combinations *= d.candidates.size();
      if (combinations > budget_) break;
    }
    if (combinations <= budget_) return every_combination();
    // A coordinate search from the lowest, the highest and the middle candidates.
    for (int start = 0; start < 3 && evaluations_ < budget_; ++start) {
      std::vector<std::size_t> at;
      for (const Dim& d : dims_) {
        const std::size_t n = d.candidates.size();
        at.push_back(start == 0 ? 0 : start == 1 ? n - 1 : n / 2);
      }
      if (auto w = climb(at)) return w;
    }
    return std::nullopt;
  }

  // "rate = 200%, targets = 2 × {target: 1, actual: 0}": the facts of [choice] the rules read.
  std::string describe(const std::vector<std::size_t>& choice) const {
    std::vector<std::string> parts;
    const Facts facts = facts_for(choice);
    for (std::size_t i = 0; i < dims_.size(); ++i) {
      const Dim& d = dims_[i];
      if (d.what == Dim::What::Element) continue;  // shown with the list's length
      const ast::FactDecl& decl = rs_.facts[d.fact];
      const std::string label = decl.label.empty() ? "" : fmt::format("（{}）", decl.label);
      if (d.what == Dim::What::Value) {
        parts.push_back(fmt::format("{}{} = {}", decl.name, label, shown(facts.values[d.fact], d.kind)));
        continue;
      }
      const auto& elements = facts.values[d.fact].list();
      if (elements.empty()) {
        parts.push_back(fmt::format("{}{} = []", decl.name, label));
        continue;
      }
      parts.push_back(fmt::format("{}{} = {} × {}", decl.name, label, elements.size(), element_text(decl, elements[0])));
    }
    return fmt::format("{}", fmt::join(parts, ", "));
  }

  const std::optional<Decimal>& found_raw() const { return found_raw_; }
  std::size_t evaluations() const { return evaluations_; }

 private:
  void add_dims(std::uint32_t f, const std::vector<Decimal>& constants) {
    const ast::FactDecl& decl = rs_.facts[f];
    const ast::TypeRef& type = *decl.type;
    if (type.kind != ast::TypeKind::List) {
      Dim d{f, Dim::What::Value, std::nullopt, candidates(type, decl.domain, constants), type.kind};
      if (d.candidates.size() > 1) dims_.push_back(std::move(d));
      return;
    }
    Dim length{f, Dim::What::Length, std::nullopt, {}, ast::TypeKind::Count};
    for (const int n : {0, 1, 2, 3, 10}) length.candidates.emplace_back(Decimal::from_int(n));
    dims_.push_back(std::move(length));
    const ast::TypeRef& element = *type.element;
    if (element.kind == ast::TypeKind::Record) {
      for (std::size_t i = 0; i < element.fields.size(); ++i) {
        const ast::Field& field = element.fields[i];
        Dim d{f, Dim::What::Element, i, candidates(*field.type, field.domain, constants), field.type->kind};
        if (d.candidates.size() > 1) dims_.push_back(std::move(d));
      }
    } else {
      Dim d{f, Dim::What::Element, std::nullopt, candidates(element, decl.domain, constants), element.kind};
      if (d.candidates.size() > 1) dims_.push_back(std::move(d));
    }
  }

  Facts facts_for(const std::vector<std::size_t>& choice) const {
    Facts facts = base_;
    std::map<std::uint32_t, Value> elements;  // a list fact's element, as the choice makes it
    std::map<std::uint32_t, std::size_t> lengths;
    for (std::size_t i = 0; i < dims_.size(); ++i) {
      const Dim& d = dims_[i];
      const Value& v = d.candidates[choice[i]];
      if (d.what == Dim::What::Value) facts.values[d.fact] = v;
      if (d.what == Dim::What::Length) lengths[d.fact] = static_cast<std::size_t>(v.number().to_int64().value_or(0));
      if (d.what != Dim::What::Element) continue;
      const ast::TypeRef& element = *rs_.facts[d.fact].type->element;
      if (!d.field) {
        elements[d.fact] = v;
        continue;
      }
      auto [it, fresh] = elements.try_emplace(d.fact, neutral_element(element));
      std::vector<Value> fields = it->second.list();
      fields[*d.field] = v;
      it->second = Value(std::make_shared<const std::vector<Value>>(std::move(fields)));
    }
    for (const auto& [fact, n] : lengths) {
      const ast::FactDecl& decl = rs_.facts[fact];
      const auto found = elements.find(fact);
      const Value element = found != elements.end() ? found->second : neutral_element(*decl.type->element, decl.domain);
      facts.values[fact] = Value(std::make_shared<const std::vector<Value>>(n, element));
    }
    return facts;
  }

  static Value neutral_element(const ast::TypeRef& element, const std::optional<ast::Interval>& domain = std::nullopt) {
    if (element.kind != ast::TypeKind::Record) return neutral(element, domain);
    std::vector<Value> fields;
    for (const ast::Field& f : element.fields) fields.push_back(neutral(*f.type, f.domain));
    return Value(std::make_shared<const std::vector<Value>>(std::move(fields)));
  }

  static std::string shown(const Value& v, ast::TypeKind kind) {
    if (v.is_number() && kind == ast::TypeKind::Date) {
      const auto day = v.number().to_int64();
      return day ? format_date(*day) : format_value(v, kind);
    }
    return v.is_text() ? fmt::format("\"{}\"", v.text()) : format_value(v, kind);
  }

  std::string element_text(const ast::FactDecl& decl, const Value& element) const {
    const ast::TypeRef& type = *decl.type->element;
    if (type.kind != ast::TypeKind::Record) return shown(element, type.kind);
    std::vector<std::string> fields;
    for (std::size_t i = 0; i < type.fields.size(); ++i) {
      fields.push_back(fmt::format("{}: {}", type.fields[i].name, shown(element.list()[i], type.fields[i].type->kind)));
    }
    return fmt::format("{{{}}}", fmt::join(fields, ", "));
  }

  // How far the score goes in the direction that leaves the points (higher is further), or null
  // when these facts give it no score.
  std::optional<Decimal> reach(const std::vector<std::size_t>& choice) {
    ++evaluations_;
    EvalOptions options;
    options.trace = false;
    options.step_budget = 200'000;
    const Facts facts = facts_for(choice);
    if (!unmet_requirements(rs_, facts, "").empty()) return std::nullopt;  // refused facts prove nothing
    const Evaluation ev = evaluate(rs_, facts, options);
    std::optional<Decimal> raw;
    const auto find = [&](const auto& self, const NodeResult& node) -> void {
      if (node.indicator == &ind_) raw = node.raw;
      for (const NodeResult& child : node.children) self(self, child);
    };
    for (const NodeResult& node : ev.nodes) find(find, node);
    if (!raw) return std::nullopt;
    const Decimal rounded = raw->round(digits_, mode_);
    if (bound_.above ? rounded > ind_.points.hi : rounded < ind_.points.lo) found_raw_ = *raw;
    return bound_.above ? *raw : -*raw;
  }

  bool better(const std::optional<Decimal>& a, const std::optional<Decimal>& b) { return a && (!b || *a > *b); }

  // Every combination, the one that goes furthest kept: the witness shown is the worst case.
  std::optional<std::vector<std::size_t>> every_combination() {
    std::vector<std::size_t> at(dims_.size(), 0);
    std::optional<std::vector<std::size_t>> best;
    std::optional<Decimal> best_reach;
    std::optional<Decimal> best_raw;
    while (true) {
      found_raw_.reset();
      const auto r = reach(at);
      if (found_raw_ && better(r, best_reach)) {
        best = at;
        best_reach = r;
        best_raw = found_raw_;
      }
      std::size_t i = 0;
      for (; i < at.size(); ++i) {
        if (++at[i] < dims_[i].candidates.size()) break;
        at[i] = 0;
      }
      if (i == at.size()) break;
    }
    found_raw_ = best_raw;
    return best;
  }

  std::optional<std::vector<std::size_t>> climb(std::vector<std::size_t> at) {
    std::optional<Decimal> best = reach(at);
    if (found_raw_) return at;
    for (int round = 0; round < 4; ++round) {
      bool moved = false;
      for (std::size_t i = 0; i < dims_.size(); ++i) {
        const std::size_t kept = at[i];
        std::size_t best_k = kept;
        for (std::size_t k = 0; k < dims_[i].candidates.size(); ++k) {
          if (k == kept) continue;
          if (evaluations_ >= budget_) return std::nullopt;
          at[i] = k;
          const auto r = reach(at);
          if (found_raw_) return at;
          if (better(r, best)) {
            best = r;
            best_k = k;
          }
        }
        at[i] = best_k;
        moved = moved || best_k != kept;
      }
      if (!moved) break;
    }
    return std::nullopt;
  }

  const ast::Ruleset& rs_;
  const UnsureBound& bound_;
  const ast::Indicator& ind_;
  Facts base_;
  std::vector<Dim> dims_;
  int digits_ = 2;
  RoundingMode mode_ = RoundingMode::HalfUp;
  std::size_t budget_ = 0;  // evaluations allowed
  std::size_t evaluations_ = 0;
  std::optional<Decimal> found_raw_;
};

}  // namespace

Diagnostics with_witnesses(const LoadedRuleset& loaded) {
  if (!loaded.ok() || loaded.unsure_bounds.empty()) return loaded.diagnostics;
  std::vector<const Diagnostic*> proven_notes;
  Diagnostics found;
  std::size_t indicators = 0;
  const auto count = [&](const auto& self, const std::vector<ast::Item>& items) -> void {
    for (const ast::Item& item : items) {
      if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) self(self, (*s)->items);
      if (std::holds_alternative<std::unique_ptr<ast::Indicator>>(item)) ++indicators;
    }
  };
  count(count, loaded.ruleset->items);
  std::size_t left = kWitnessWork / std::max<std::size_t>(1, indicators);  // evaluations, all bounds together
  for (const UnsureBound& u : loaded.unsure_bounds) {
    if (left == 0) break;
    Search search(*loaded.ruleset, u, std::min(left, kWitnessEvaluations));
    const auto witness = search.run();
    left -= std::min(left, search.evaluations());
    if (!witness) continue;
    const ast::Indicator& ind = *u.indicator;
    const Decimal& raw = *search.found_raw();
    Diagnostic d = u.warning;
    d.message = u.above ? tr_format("'{}' can score {}, more than its {} points", ind.name, raw.to_string(),
                                      ind.points.hi.to_string())
                        : tr_format("'{}' can score {}, less than its floor {}", ind.name, raw.to_string(),
                                      ind.points.lo.to_string());
    d.notes.insert(d.notes.begin(),
                   Note{tr_format("these facts give it {}: {}; a department with such facts is not scored (E0702)",
                                    raw.to_string(), search.describe(*witness)),
                        std::nullopt});
    found.add(std::move(d));
    for (const Diagnostic& n : loaded.diagnostics.items()) {
      if (n.severity == Severity::Note && n.code == u.note.code && n.message == u.note.message) proven_notes.push_back(&n);
    }
  }
  Diagnostics out;
  for (const Diagnostic& d : loaded.diagnostics.items()) {
    if (std::find(proven_notes.begin(), proven_notes.end(), &d) == proven_notes.end()) out.add(d);
  }
  out.append(found);
  return out;
}

}  // namespace rubric
