// Finding the sites of `rubric test --boundaries`; see boundary_sites.hpp.
#include "interpreter/tools/boundary_sites.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "dsl/compare.hpp"
#include "dsl/visit.hpp"
#include "interpreter/check/checker.hpp"

namespace rubric::boundaries {
namespace {

bool numeric(ast::TypeKind k) {
  return k == ast::TypeKind::Number || k == ast::TypeKind::Percent || k == ast::TypeKind::Money ||
         k == ast::TypeKind::Count;
}

// What the names of an expression stand for where it is evaluated: the lets in scope (by slot),
// the arguments of the function being walked (by parameter slot) and the lists loop variables run
// over (by slot), each in the scope of its caller.
struct Env {
  const std::map<std::uint32_t, const ast::Let*>* lets = nullptr;
  std::map<std::uint32_t, const ast::Expr*> params;
  std::map<std::uint32_t, const ast::Expr*> loops;
  const Env* caller = nullptr;  // the scope of the arguments
  std::string call;  // the innermost call that leads here, as written: "part(a1 / 4, 5)"
  std::vector<std::uint32_t> calls;  // the offsets of the calls that lead here, outermost first
};

class Sites {
 public:
  explicit Sites(const ast::Ruleset& rs) : rs_(rs) {}

  std::vector<Site> collect() {
    std::map<std::uint32_t, const ast::Let*> lets;
    // The ruleset's own lets, before its table: each may read the ones above it.
    for (const ast::Let& l : rs_.lets) {
      lets[l.slot] = &l;
      Env env;
      env.lets = &lets;
      indicator_ = nullptr;
      expr(*l.value, env);
    }
    items(rs_.items, lets);
    return std::move(out_);
  }

 private:
  void items(const std::vector<ast::Item>& list, std::map<std::uint32_t, const ast::Let*> lets) {
    for (const ast::Item& item : list) {
      if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) items((*s)->items, lets);
      if (const auto* l = std::get_if<ast::Let>(&item)) {
        lets[l->slot] = l;
        Env env;
        env.lets = &lets;
        indicator_ = nullptr;
        expr(*l->value, env);
      }
      if (const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
        auto inner = lets;
        indicator_ = i->get();
        Env env;
        env.lets = &inner;
        if ((*i)->applies) expr(*(*i)->applies, env);
        for (const ast::Let& l : (*i)->lets) {
          expr(*l.value, env);
          inner[l.slot] = &l;
        }
        if ((*i)->score) expr(*(*i)->score, env);
      }
    }
  }

  // Element 0 of [list] when it is a list fact.
  static std::optional<Var> list_var(const ast::Expr* list) {
    if (list == nullptr) return std::nullopt;
    const auto* n = std::get_if<ast::NameRef>(&list->node);
    if (n == nullptr || n->kind != ast::NameKind::Fact) return std::nullopt;
    Var v;
    v.fact = n->index;
    v.element = true;
    return v;
  }

  // A field of a loop variable: that field of element 0 of the list the loop runs over.
  std::optional<Var> member_var(const ast::Member& m, const Env& env, bool want_numeric) const {
    const auto* object = std::get_if<ast::NameRef>(&m.object->node);
    if (object == nullptr || object->kind != ast::NameKind::Loop) return std::nullopt;
    auto it = env.loops.find(object->index);
    if (it == env.loops.end()) return std::nullopt;
    auto v = list_var(it->second);
    if (!v) return std::nullopt;
    const ast::TypeRef& element = *rs_.facts[v->fact].type->element;
    if (element.kind != ast::TypeKind::Record || m.field_index >= element.fields.size()) return std::nullopt;
    const ast::TypeKind k = element.fields[m.field_index].type->kind;
    if (want_numeric ? !numeric(k) : k != ast::TypeKind::Enum) return std::nullopt;
    v->field = m.field_index;
    v->kind = k;
    return v;
  }

  // The fact that moves [e], first in source order; [want_numeric] for a tested value, not for a
  // judged category.
  std::optional<Var> find_var(const ast::Expr& e, const Env& env, bool want_numeric, int depth = 0) {
    if (depth > 64) return std::nullopt;
    if (const auto* n = std::get_if<ast::NameRef>(&e.node)) {
      switch (n->kind) {
        case ast::NameKind::Fact: {
          const ast::TypeKind k = rs_.facts[n->index].type->kind;
          if (want_numeric ? !numeric(k) : k != ast::TypeKind::Enum) return std::nullopt;
          return Var{n->index, false, std::nullopt, k};
        }
        case ast::NameKind::Let: {
          if (env.lets == nullptr) return std::nullopt;
          auto it = env.lets->find(n->index);
          if (it == env.lets->end()) return std::nullopt;
          return find_var(*it->second->value, env, want_numeric, depth + 1);
        }
        case ast::NameKind::Param: {
          auto it = env.params.find(n->index);
          if (it == env.params.end() || env.caller == nullptr) return std::nullopt;
          return find_var(*it->second, *env.caller, want_numeric, depth + 1);
        }
        case ast::NameKind::Loop: {
          auto it = env.loops.find(n->index);
          if (it == env.loops.end()) return std::nullopt;
          auto v = list_var(it->second);
          if (!v) return std::nullopt;
          const ast::TypeRef& element = *rs_.facts[v->fact].type->element;
          if (want_numeric ? !numeric(element.kind) : element.kind != ast::TypeKind::Enum) return std::nullopt;
          v->kind = element.kind;
          return v;
        }
        case ast::NameKind::Unresolved: return std::nullopt;
      }
    }
    if (const auto* m = std::get_if<ast::Member>(&e.node)) return member_var(*m, env, want_numeric);
    if (const auto* u = std::get_if<ast::Unary>(&e.node)) return find_var(*u->operand, env, want_numeric, depth + 1);
    if (const auto* b = std::get_if<ast::Binary>(&e.node)) {
      if (auto v = find_var(*b->lhs, env, want_numeric, depth + 1)) return v;
      return find_var(*b->rhs, env, want_numeric, depth + 1);
    }
    if (const auto* c = std::get_if<ast::Call>(&e.node)) {
      if (c->define_index >= 0) {
        Env inner;
        inner.caller = &env;
        for (std::size_t i = 0; i < c->args.size(); ++i) inner.params[static_cast<std::uint32_t>(i)] = c->args[i].get();
        return find_var(*rs_.defines[static_cast<std::size_t>(c->define_index)].body, inner, want_numeric, depth + 1);
      }
      for (const auto& a : c->args) {
        if (auto v = find_var(*a, env, want_numeric, depth + 1)) return v;
      }
      return std::nullopt;
    }
    if (const auto* c = std::get_if<ast::Comprehension>(&e.node)) {
      Env inner = env;
      inner.loops[c->slot] = c->list.get();
      if (c->body) return find_var(*c->body, inner, want_numeric, depth + 1);
      return list_var(c->list.get());
    }
    return std::nullopt;
  }

  std::string var_text(const Var& v) const {
    std::string out = rs_.facts[v.fact].name;
    if (v.element) out += "[0]";
    if (v.field) out += "." + rs_.facts[v.fact].type->element->fields[*v.field].name;
    return out;
  }

  void site(Site s, const ast::Expr& subject, const Env& env) {
    s.indicator = indicator_;
    s.subject = &subject;
    // A function's tiers are tested once per call, each call a site of its own: say which.
    if (!env.call.empty()) s.what += ", in " + env.call;
    s.path = env.calls;
    s.path.push_back(subject.span.begin);
    s.var = find_var(subject, env, true);
    if (s.var) s.var_text = var_text(*s.var);
    if (s.kind != ast::TypeKind::Percent) s.kind = subject.type;
    out_.push_back(std::move(s));
  }

  void bound(Site& s, const ast::Bound& b, const std::string& member = {}) {
    if (!b.value) return;
    const std::string text(rs_.slice(b.value->span));
    auto v = constant_value(*b.value);
    if (!v) {
      const std::string why = member.empty() ? fmt::format("bound {} is not a constant", text)
                                             : fmt::format("band {}: bound {} is not a constant", member, text);
      if (std::find(s.skipped.begin(), s.skipped.end(), why) == s.skipped.end()) s.skipped.push_back(why);
      return;
    }
    if (b.value->type == ast::TypeKind::Percent) s.kind = ast::TypeKind::Percent;
    for (const Bound& seen : s.bounds) {
      if (seen.value == *v && seen.member == member) return;
    }
    s.bounds.push_back({*v, text, member});
  }

  std::string src(const ast::Expr& e) const {
    std::string out;
    for (const char c : rs_.slice(e.span)) {
      const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      if (space && (out.empty() || out.back() == ' ')) continue;
      out += space ? ' ' : c;
    }
    return out;
  }

  // The tier (its index) that takes a value just below [b] ([side] −1), [b] itself (0) or a value
  // just above it (+1); −1 when none does. A tier with an end that is not a constant is taken to
  // reach [b] only where its other end is [b].
  int tier_at(const ast::Tiered& t, const Decimal& b, int side) const {
    for (std::size_t i = 0; i < t.tiers.size(); ++i) {
      const ast::Interval& iv = t.tiers[i].interval;
      const std::optional<Decimal> lo = iv.lo.value ? constant_value(*iv.lo.value) : std::nullopt;
      const std::optional<Decimal> hi = iv.hi.value ? constant_value(*iv.hi.value) : std::nullopt;
      const bool lo_inf = !iv.lo.value, hi_inf = !iv.hi.value;
      bool in = false;
      if (!lo_inf && !lo) {
        in = hi && *hi == b && (side < 0 || (side == 0 && iv.hi_closed));
      } else if (!hi_inf && !hi) {
        in = lo && *lo == b && (side > 0 || (side == 0 && iv.lo_closed));
      } else {
        const bool lo_ok = lo_inf || (side < 0 ? *lo < b : side == 0 ? *lo < b || (*lo == b && iv.lo_closed) : *lo <= b);
        const bool hi_ok = hi_inf || (side > 0 ? *hi > b : side == 0 ? *hi > b || (*hi == b && iv.hi_closed) : *hi >= b);
        in = lo_ok && hi_ok;
      }
      if (in) return static_cast<int>(i);
    }
    return -1;
  }

  // The arm (its index) of a brackets that takes a value just below [b], [b] or just above it, as
  // tier_at; kUnknownArm when an arm before it compares with a bound that is not a constant.
  static constexpr int kUnknownArm = -2;
  int arm_at(const ast::Brackets& node, const Decimal& b, int side) const {
    for (std::size_t i = 0; i < node.arms.size(); ++i) {
      const ast::BracketArm& arm = node.arms[i];
      if (!arm.bound) return static_cast<int>(i);  // otherwise
      const auto c = constant_value(*arm.bound);
      if (!c) return kUnknownArm;
      const int order = *c == b ? side : b < *c ? -1 : 1;  // the value against the arm's bound
      if (ast::comparison_holds(arm.compare, order)) return static_cast<int>(i);
    }
    return -1;
  }

  // Whether [b] lies between two tiers (or arms), from the ones that take a value just below it,
  // its own value and a value just above it, and which of them its own value goes with.
  static void classify(Bound& b, int below, int at, int above) {
    if (at < 0) {  // the bound's own value is in no tier: between two, it is counted above
      b.edge = below < 0 || above < 0;
      return;
    }
    if (below == at && above == at) {
      b.edge = true;  // the same tier on both sides: not a bound between tiers
    } else if (below == at) {
      b.edge = above < 0;
      b.with_lower = true;
    } else if (above == at) {
      b.edge = below < 0;
    } else {
      // A tier of this one value ([100%, 100%], `== 50`): at the bottom or the top of the table it
      // is a bound between it and its neighbour; between two others it is left out.
      b.edge = (below < 0) == (above < 0);
      b.with_lower = below < 0;
    }
  }

  void tiered_site(const ast::Tiered& node, const Env& env) {
    Site s;
    s.what = "tiered " + src(*node.subject);
    for (const auto& tier : node.tiers) {
      bound(s, tier.interval.lo);
      bound(s, tier.interval.hi);
    }
    for (Bound& b : s.bounds) {
      classify(b, tier_at(node, b.value, -1), tier_at(node, b.value, 0), tier_at(node, b.value, 1));
    }
    site(std::move(s), *node.subject, env);
  }

  void brackets_site(const ast::Brackets& node, const Env& env) {
    Site s;
    s.what = "brackets " + src(*node.subject);
    for (const auto& arm : node.arms) {
      if (!arm.bound) continue;
      const std::string text(rs_.slice(arm.bound->span));
      if (auto v = constant_value(*arm.bound)) {
        if (arm.bound->type == ast::TypeKind::Percent) s.kind = ast::TypeKind::Percent;
        bool seen = false;
        for (const Bound& x : s.bounds) seen = seen || x.value == *v;
        if (!seen) {
          Bound b{*v, text, {}, false, false};
          const int below = arm_at(node, *v, -1), at = arm_at(node, *v, 0), above = arm_at(node, *v, 1);
          if (below == kUnknownArm || at == kUnknownArm || above == kUnknownArm) {
            // An arm before the decision compares with a bound that is not a constant: the
            // bound's own value goes with `<= b` and `> b` below, with `< b` and `>= b` above.
            b.with_lower = arm.compare == ast::BinaryOp::Le || arm.compare == ast::BinaryOp::Gt;
          } else {
            classify(b, below, at, above);
          }
          s.bounds.push_back(std::move(b));
        }
      } else {
        s.skipped.push_back(fmt::format("bound {} is not a constant", text));
      }
    }
    site(std::move(s), *node.subject, env);
  }

  void judged_site(const ast::Judged& node, const Env& env) {
    Site s;
    s.what = fmt::format("judged {} by {}", src(*node.score), src(*node.category));
    for (const auto& band : node.bands) {
      if (band.value) continue;  // a fixed band has no bounds
      bound(s, band.interval.lo, band.member);
      bound(s, band.interval.hi, band.member);
    }
    s.category = find_var(*node.category, env, false);
    if (!s.category) s.skipped.push_back("the category is not a fact that a test can set");
    site(std::move(s), *node.score, env);
  }

  void expr(const ast::Expr& e, const Env& env, int depth = 0) {
    if (depth > 64) return;
    // Functions that call each other twice over (f39 makes 2^39 calls) would take for ever.
    if (++visits_ > kMaxSiteVisits) {
      truncated_ = true;
      return;
    }
    const auto children = [&](const auto& node) {
      ast::for_each_child(node, [&](const ast::Expr& child) { expr(child, env, depth + 1); });
    };
    // Sites are looked for where the score's values flow: not in interval or bracket bounds,
    // a deduction's start and floor, the parts' weights, or inside a judged score.
    ast::visit(e, ast::overloaded{
                      [](const ast::Leaf auto&) {},
                      [&](const ast::Member& m) { children(m); },
                      [&](const ast::Unary& u) { children(u); },
                      [&](const ast::Binary& b) { children(b); },
                      [&](const ast::Call& c) {
                        children(c);
                        if (c.define_index >= 0) {
                          Env inner;
                          inner.caller = &env;
                          inner.calls = env.calls;
                          inner.calls.push_back(e.span.begin);
                          inner.call = src(e);
                          for (std::size_t i = 0; i < c.args.size(); ++i) {
                            inner.params[static_cast<std::uint32_t>(i)] = c.args[i].get();
                          }
                          expr(*rs_.defines[static_cast<std::size_t>(c.define_index)].body, inner, depth + 1);
                        }
                      },
                      [&](const ast::Comprehension& c) {
                        expr(*c.list, env, depth + 1);
                        Env inner = env;
                        inner.loops[c.slot] = c.list.get();
                        if (c.filter) expr(*c.filter, inner, depth + 1);
                        if (c.body) expr(*c.body, inner, depth + 1);
                      },
                      [&](const ast::Tiered& t) {
                        tiered_site(t, env);
                        expr(*t.subject, env, depth + 1);
                        for (const auto& tier : t.tiers) expr(*tier.result, env, depth + 1);
                      },
                      [&](const ast::Brackets& b) {
                        brackets_site(b, env);
                        expr(*b.subject, env, depth + 1);
                        for (const auto& arm : b.arms) expr(*arm.result, env, depth + 1);
                      },
                      [&](const ast::Deduct& d) {
                        for (const auto& item : d.items) {
                          expr(*item.amount, env, depth + 1);
                          if (item.operand) expr(*item.operand, env, depth + 1);
                        }
                      },
                      [&](const ast::Weighted& w) {
                        for (const auto& part : w.parts) expr(*part.value, env, depth + 1);
                      },
                      [&](const ast::Judged& j) { judged_site(j, env); },
                      [&](const ast::When& w) { children(w); },
                  });
  }

  const ast::Ruleset& rs_;
  const ast::Indicator* indicator_ = nullptr;
  std::vector<Site> out_;
  std::size_t visits_ = 0;

 public:
  bool truncated_ = false;
};

}  // namespace

std::vector<Site> collect_sites(const ast::Ruleset& rs, bool* truncated) {
  Sites sites(rs);
  std::vector<Site> out = sites.collect();
  if (truncated != nullptr) *truncated = sites.truncated_;
  return out;
}

}  // namespace rubric::boundaries
