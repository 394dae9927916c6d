// Where the values of a derivation come from (`rubric explain`); see value_sources() in
// evaluator.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "base/messages.hpp"
#include "dsl/visit.hpp"
#include "interpreter/eval/evaluator.hpp"

namespace rubric {
namespace {

using Lets = std::map<std::uint32_t, const ast::Let*>;

// The lets visible in [target]: the top level's and its enclosing sections' (declared before it).
bool scope_of(const std::vector<ast::Item>& items, const ast::Indicator& target, Lets& lets) {
  for (const ast::Item& item : items) {
    if (const auto* l = std::get_if<ast::Let>(&item)) lets[l->slot] = l;
    if (const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
      if (i->get() == &target) return true;
    }
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      Lets inner = lets;
      if (scope_of((*s)->items, target, inner)) {
        lets = std::move(inner);
        return true;
      }
    }
  }
  return false;
}

struct Env {
  const Lets* lets = nullptr;
  std::map<std::uint32_t, const ast::Expr*> params;  // argument expressions, in [caller]
  std::map<std::uint32_t, const ast::Expr*> loops;   // the list each loop variable runs over
  const Env* caller = nullptr;
};

// Thrown when the walk has taken its budget of steps.
struct Exhausted {};

class Sources {
 public:
  Sources(const ast::Ruleset& rs, const Facts& facts, const Evaluation& ev, std::uint64_t budget)
      : rs_(rs), facts_(facts), budget_(budget) {
    for (const auto& [let, value] : ev.lets) values_[let] = &value;
  }

  std::vector<ValueSource> of(const ast::Indicator& ind) {
    Lets lets;
    for (const ast::Let& l : rs_.lets) lets[l.slot] = &l;
    scope_of(rs_.items, ind, lets);
    Env env;
    env.lets = &lets;
    try {
      if (ind.applies) expr(*ind.applies, env, 0);
      for (const ast::Let& l : ind.lets) {
        expr(*l.value, env, 0);
        lets[l.slot] = &l;
      }
      if (ind.score) expr(*ind.score, env, 0);
    } catch (const Exhausted&) {
      stopped = true;  // the sources found so far are listed
    }
    // The fields of one list element together ("outputs[0].actual, outputs[0].target, …"), where
    // the list was first met.
    std::map<std::string, std::size_t> first;
    std::vector<std::tuple<std::size_t, std::size_t, std::size_t>> keys;  // list's first, element, own
    for (std::size_t i = 0; i < out_.size(); ++i) {
      const std::string& n = out_[i].name;
      const auto bracket = n.find('[');
      if (bracket == std::string::npos || out_[i].kind == ValueSource::Kind::Function) {
        keys.emplace_back(i, 0, i);
        continue;
      }
      const std::size_t at = first.emplace(n.substr(0, bracket), i).first->second;
      keys.emplace_back(at, std::stoul(n.substr(bracket + 1)), i);
    }
    std::sort(keys.begin(), keys.end());
    std::vector<ValueSource> sorted;
    for (const auto& k : keys) sorted.push_back(std::move(out_[std::get<2>(k)]));
    return sorted;
  }

  bool stopped = false;  // the walk took its budget of steps

 private:
  std::string where(Span span) const {
    const Location at = rs_.at(span);
    const LineColumn lc = rs_.line_column(span.begin);
    return fmt::format("{}:{}:{}", at.file ? std::filesystem::path(at.file->path()).filename().string() : "?", lc.line,
                       lc.column);
  }
  void add(ValueSource s) {
    if (!seen_.insert(s.name).second) return;
    out_.push_back(std::move(s));
  }
  void fact(std::uint32_t index, const std::string& name, const Value& v, ast::TypeKind kind, const std::string& path) {
    const std::string shown = format_value(v, kind);
    if (!facts_.supplied.empty() && index < facts_.supplied.size() && !facts_.supplied[index]) {
      add({ValueSource::Kind::Default, name, shown, tr_format("default {}, not in the facts", shown)});
    } else {
      add({ValueSource::Kind::Fact, name, shown, fmt::format("{}, {}", facts_.file, path)});
    }
  }

  // The list fact [e] (through lets and arguments) runs over, or nullopt.
  std::optional<std::uint32_t> list_fact(const ast::Expr& e, const Env& env, int depth) const {
    if (depth > 64) return std::nullopt;
    const auto* n = std::get_if<ast::NameRef>(&e.node);
    if (n == nullptr) return std::nullopt;
    if (n->kind == ast::NameKind::Fact) return n->index;
    if (n->kind == ast::NameKind::Let && env.lets != nullptr) {
      auto it = env.lets->find(n->index);
      if (it != env.lets->end()) return list_fact(*it->second->value, env, depth + 1);
    }
    if (n->kind == ast::NameKind::Param && env.caller != nullptr) {
      auto it = env.params.find(n->index);
      if (it != env.params.end()) return list_fact(*it->second, *env.caller, depth + 1);
    }
    return std::nullopt;
  }

  void expr(const ast::Expr& e, const Env& env, int depth) {
    if (depth > 64) return;
    // The same budget as the evaluation's (EvalOptions::step_budget): functions that call each
    // other twice at every level would otherwise be walked 2^depth times.
    if (++steps_ > budget_) throw Exhausted{};
    const auto children = [&](const auto& node) {
      ast::for_each_child(node, [&](const ast::Expr& child) { expr(child, env, depth + 1); });
    };
    // Interval bounds, bracket bounds, a deduction's floor, the parts' weights and the fixed
    // scores of judged bands are left out, as they always were.
    ast::visit(e, ast::overloaded{
                      [&](const ast::NameRef& n) { name(n, env, depth); },
                      [](const ast::Leaf auto&) {},
                      [&](const ast::Member& m) { member(e, m, env, depth); },
                      [&](const ast::Unary& u) { children(u); },
                      [&](const ast::Binary& b) { children(b); },
                      [&](const ast::Call& c) { call(c, env, depth); },
                      [&](const ast::Comprehension& c) {
                        Env inner = env;
                        inner.loops[c.slot] = c.list.get();
                        // A list read element by element through fields is listed by its fields;
                        // otherwise whole.
                        if (c.body == nullptr || !reads_fields(*c.body, c.slot)) expr(*c.list, env, depth + 1);
                        if (c.filter) expr(*c.filter, inner, depth + 1);
                        if (c.body) expr(*c.body, inner, depth + 1);
                      },
                      [&](const ast::Tiered& t) {
                        expr(*t.subject, env, depth + 1);
                        for (const auto& tier : t.tiers) expr(*tier.result, env, depth + 1);
                      },
                      [&](const ast::Brackets& b) {
                        expr(*b.subject, env, depth + 1);
                        for (const auto& arm : b.arms) expr(*arm.result, env, depth + 1);
                      },
                      [&](const ast::Deduct& d) {
                        for (const auto& item : d.items) {
                          expr(*item.amount, env, depth + 1);
                          if (item.operand) expr(*item.operand, env, depth + 1);
                        }
                        if (d.start) expr(*d.start, env, depth + 1);
                      },
                      [&](const ast::Weighted& w) {
                        for (const auto& part : w.parts) expr(*part.value, env, depth + 1);
                      },
                      [&](const ast::Judged& j) {
                        expr(*j.category, env, depth + 1);
                        expr(*j.score, env, depth + 1);
                      },
                      [&](const ast::When& w) { children(w); },
                  });
  }

  // Whether [e] reads a field of the loop variable in [slot].
  static bool reads_fields(const ast::Expr& e, std::uint32_t slot) {
    bool found = false;
    const auto walk = [&](const auto& self, const ast::Expr& x) -> void {
      if (found) return;
      const auto children = [&](const auto& node) {
        ast::for_each_child(node, [&](const ast::Expr& child) { self(self, child); });
      };
      ast::visit(x, ast::overloaded{
                        [&](const ast::Member& m) {
                          if (const auto* n = std::get_if<ast::NameRef>(&m.object->node)) {
                            if (n->kind == ast::NameKind::Loop && n->index == slot) found = true;
                          }
                          self(self, *m.object);
                        },
                        [&](const ast::Unary& u) { children(u); },
                        [&](const ast::Binary& b) { children(b); },
                        [&](const ast::Call& c) { children(c); },
                        [&](const ast::Judged& j) {
                          self(self, *j.score);
                          self(self, *j.category);
                        },
                        [&](const ast::When& w) { children(w); },
                        // Not looked into: a field read only inside one of these lists the
                        // list whole as well as by its fields.
                        [](const ast::Comprehension&) {},
                        [](const ast::Tiered&) {},
                        [](const ast::Brackets&) {},
                        [](const ast::Deduct&) {},
                        [](const ast::Weighted&) {},
                        [](const ast::Leaf auto&) {},
                    });
    };
    walk(walk, e);
    return found;
  }

  void name(const ast::NameRef& n, const Env& env, int depth) {
    switch (n.kind) {
      case ast::NameKind::Fact: {
        const ast::FactDecl& decl = rs_.facts[n.index];
        const ast::TypeRef& type = *decl.type;
        const ast::TypeKind kind = type.kind == ast::TypeKind::List && type.element ? type.element->kind : type.kind;
        fact(n.index, decl.name, facts_.values[n.index], kind, "facts." + decl.name);
        break;
      }
      case ast::NameKind::Let: {
        if (env.lets == nullptr) break;
        auto it = env.lets->find(n.index);
        if (it == env.lets->end()) break;
        const ast::Let& l = *it->second;
        // The let's own sources first, so that a reader meets them before the let; once only (its
        // sources do not depend on where it is read).
        if (walked_.insert(&l).second) expr(*l.value, env, depth + 1);
        const auto v = values_.find(&l);
        add({ValueSource::Kind::Let, l.name, v != values_.end() ? format_value(*v->second, l.value->type) : "(not computed)",
             tr_format("let at {}", where(l.name_span))});
        break;
      }
      case ast::NameKind::Param:
      case ast::NameKind::Loop:
      case ast::NameKind::Unresolved: break;
    }
  }

  void member(const ast::Expr& e, const ast::Member& m, const Env& env, int depth) {
    const auto* object = std::get_if<ast::NameRef>(&m.object->node);
    if (object == nullptr || object->kind != ast::NameKind::Loop) {
      expr(*m.object, env, depth + 1);
      return;
    }
    auto it = env.loops.find(object->index);
    if (it == env.loops.end()) return;
    const auto index = list_fact(*it->second, env, depth + 1);
    if (!index) {
      expr(*it->second, env, depth + 1);
      return;
    }
    const ast::FactDecl& decl = rs_.facts[*index];
    const Value& list = facts_.values[*index];
    if (!list.is_list()) return;
    for (std::size_t i = 0; i < list.list().size(); ++i) {
      const Value& element = list.list()[i];
      if (!element.is_list() || m.field_index >= element.list().size()) continue;
      const std::string name = fmt::format("{}[{}].{}", decl.name, i, m.field);
      fact(*index, name, element.list()[m.field_index], e.type, "facts." + name);
    }
  }

  void call(const ast::Call& c, const Env& env, int depth) {
    if (c.prior) {
      const std::uint32_t index = std::get<ast::NameRef>(c.args[0]->node).index;
      const ast::FactDecl& decl = rs_.facts[index];
      const std::string name = fmt::format("prior({})", decl.name);
      if (!facts_.prior) {
        add({ValueSource::Kind::Fact, name, "", std::string(tr("last year's facts were not given (--prior)"))});
      } else {
        const std::string shown = format_value(facts_.prior->values[index], c.args[0]->type);
        add({ValueSource::Kind::Fact, name, shown,
             facts_.prior->supplied[index] ? fmt::format("{}, facts.{}", facts_.prior->file, decl.name)
                                           : tr_format("default {}, not in last year's facts", shown)});
      }
      return;
    }
    for (const auto& a : c.args) expr(*a, env, depth + 1);
    if (c.define_index < 0) {
      add({ValueSource::Kind::Builtin, c.callee, "", std::string(tr("built-in function"))});
      return;
    }
    const ast::Define& d = rs_.defines[static_cast<std::size_t>(c.define_index)];
    add({ValueSource::Kind::Function, fmt::format("{}({})", d.name, fmt::join(d.params, ", ")), "",
         tr_format("function at {}", where(d.name_span))});
    Env inner;
    inner.caller = &env;
    for (std::size_t i = 0; i < c.args.size(); ++i) inner.params[static_cast<std::uint32_t>(i)] = c.args[i].get();
    expr(*d.body, inner, depth + 1);
  }

  const ast::Ruleset& rs_;
  const Facts& facts_;
  std::map<const ast::Let*, const Value*> values_;
  std::set<std::string> seen_;
  std::set<const ast::Let*> walked_;
  std::vector<ValueSource> out_;
  std::uint64_t budget_;
  std::uint64_t steps_ = 0;
};

}  // namespace

std::vector<ValueSource> value_sources(const ast::Ruleset& ruleset, const Facts& facts, const Evaluation& evaluation,
                                       const ast::Indicator& indicator, bool* stopped, std::uint64_t step_budget) {
  Sources sources(ruleset, facts, evaluation, step_budget);
  std::vector<ValueSource> out = sources.of(indicator);
  if (stopped != nullptr) *stopped = sources.stopped;
  return out;
}

}  // namespace rubric
