// The checker resolves every call of a built-in once: after a ruleset loads, each ast::Call that
// is not a `define` holds its stdlib::Builtin or its list aggregate, and each comprehension its
// aggregate, so that the evaluator, the analysis and the plan never look a name up.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "dsl/visit.hpp"
#include "stdlib/builtins.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

// What a walk over a checked tree found: the built-ins and aggregates its calls were resolved
// to, and every node that was not resolved (by its source text).
struct Resolved {
  std::set<const stdlib::Builtin*> builtins;
  std::set<stdlib::Aggregate> call_aggregates;           // sum(xs) … max(xs)
  std::set<stdlib::Aggregate> comprehension_aggregates;  // sum(x in xs: …) … all(x in xs: …)
  std::vector<std::string> unresolved;
  int calls = 0;
};

class Walk {
 public:
  Walk(const ast::Ruleset& rs, Resolved& out) : rs_(rs), out_(out) {}

  void ruleset() {
    for (const ast::Define& d : rs_.defines) expr(*d.body);
    for (const ast::Let& l : rs_.lets) expr(*l.value);
    items(rs_.items);
  }

 private:
  void items(const std::vector<ast::Item>& list) {
    for (const ast::Item& item : list) {
      if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
        items((*s)->items);
      } else if (const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
        for (const ast::Let& l : (*i)->lets) expr(*l.value);
        expr(*(*i)->score);
      } else {
        expr(*std::get<ast::Let>(item).value);
      }
    }
  }

  void expr(const ast::Expr& e) {
    if (const auto* c = std::get_if<ast::Call>(&e.node)) call(e, *c);
    if (const auto* c = std::get_if<ast::Comprehension>(&e.node)) {
      if (c->aggregate == stdlib::Aggregate::None) out_.unresolved.emplace_back(rs_.slice(e.span));
      out_.comprehension_aggregates.insert(c->aggregate);
      EXPECT_EQ(c->aggregate, stdlib::aggregate_named(c->func)) << rs_.slice(e.span);
    }
    ast::for_each_child(e, [&](const ast::Expr& child) { expr(child); });
  }

  void call(const ast::Expr& e, const ast::Call& c) {
    if (c.define_index >= 0 || c.prior || c.working_days || c.year_of != ast::YearOf::None) return;  // a function of the ruleset, last year's value, working days
    ++out_.calls;
    if (c.builtin == nullptr && c.aggregate == stdlib::Aggregate::None) out_.unresolved.emplace_back(rs_.slice(e.span));
    if (c.builtin != nullptr) out_.builtins.insert(c.builtin);
    if (c.aggregate != stdlib::Aggregate::None) out_.call_aggregates.insert(c.aggregate);
    // Resolved to what the name says.
    EXPECT_EQ(c.builtin, stdlib::find_builtin(c.callee)) << rs_.slice(e.span);
    EXPECT_EQ(c.aggregate, c.args.size() == 1 ? stdlib::list_aggregate(c.callee) : stdlib::Aggregate::None)
        << rs_.slice(e.span);
  }

  const ast::Ruleset& rs_;
  Resolved& out_;
};

Resolved resolved(const ast::Ruleset& rs) {
  Resolved out;
  Walk(rs, out).ruleset();
  return out;
}

// Every built-in of the table, and each aggregate in both its forms, in an indicator, a `let`
// and a `define`.
TEST(BuiltinResolution, EveryBuiltinCallIsResolvedByTheChecker) {
  const auto rs = load_ok(R"(ruleset "t" scheme test year 2023
facts {
  a: number in [0, 10]
  xs: list of number
  rs: list of { v: number in [0, 10], ok: bool }
}
define 距离(x) = abs(x - 5)
let 上限 = max(a, 1)
section S points 300 {
  indicator 取值 points 100 {
    let 下限 = min(a, 1, 2)
    score clamp(round(a, 1) + floor(a) + floor(a, 1) + ceil(a) + ceil(a, 2) + steps(a, 2) + 距离(a)
                + 下限 + 上限 + min(a) + max(a), 0, 100)
  }
  indicator 列表 points 100 {
    score clamp(sum(xs) + mean(xs) + count(xs) + min(xs) + max(xs), 0, 100)
  }
  indicator 推导 points 100 {
    score clamp(sum(r in rs: r.v) + mean(r in rs: r.v) + count(r in rs where r.ok) + min(r in rs: r.v)
                + max(r in rs: r.v) + (when any(r in rs: r.ok) -> 1 otherwise 0)
                + (when all(r in rs: r.ok) -> 1 otherwise 0), 0, 100)
  }
}
)");
  ASSERT_NE(rs, nullptr);
  const Resolved r = resolved(*rs);
  EXPECT_TRUE(r.unresolved.empty()) << ::testing::PrintToString(r.unresolved);
  std::set<const stdlib::Builtin*> table;
  for (const stdlib::Builtin& b : stdlib::builtins()) table.insert(&b);
  EXPECT_EQ(r.builtins, table) << "every built-in of the table is called above";
  using stdlib::Aggregate;
  EXPECT_EQ(r.call_aggregates,
            (std::set<Aggregate>{Aggregate::Sum, Aggregate::Mean, Aggregate::Count, Aggregate::Min, Aggregate::Max}));
  EXPECT_EQ(r.comprehension_aggregates, (std::set<Aggregate>{Aggregate::Sum, Aggregate::Mean, Aggregate::Count,
                                                             Aggregate::Min, Aggregate::Max, Aggregate::Any,
                                                             Aggregate::All}));
}

// The same over every program of tests/language/*.rubric that loads, and the shipped rulesets.
TEST(BuiltinResolution, EveryCallOfTheLanguageTestsAndRulesetsIsResolved) {
  std::vector<std::string> programs;
  for (const auto& entry : std::filesystem::directory_iterator(kSourceDir + "/tests/language")) {
    if (entry.path().extension() != ".rubric") continue;
    const std::string text = read_text(entry.path().string());
    for (std::size_t at = text.find("\n### "); at != std::string::npos;) {
      const std::size_t next = text.find("\n### ", at + 1);
      programs.push_back(text.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1));
      at = next;
    }
  }
  int loaded = 0;
  int calls = 0;
  const auto check = [&](const LoadedRuleset& l) {
    if (!l.ok()) return;  // a program that is meant not to load
    ++loaded;
    const Resolved r = resolved(*l.ruleset);
    calls += r.calls;
    EXPECT_TRUE(r.unresolved.empty()) << ::testing::PrintToString(r.unresolved);
  };
  for (const std::string& p : programs) check(load_ruleset_source("language.rubric", p));
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kSourceDir + "/rulesets")) {
    const std::string path = entry.path().string();
    if (entry.path().extension() != ".rubric" || path.ends_with(".test.rubric")) continue;
    check(load_ruleset(path));
  }
  EXPECT_GT(loaded, 50);
  EXPECT_GT(calls, 20);
}

}  // namespace
}  // namespace rubric::testing
