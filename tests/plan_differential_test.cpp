// The compiled plan against the tree evaluator, its reference, on many generated departments:
// every shipped ruleset and every program of tests/language/ is scored both ways on facts drawn at
// random (from a fixed seed) from values that matter (tier bounds, zero, negatives, huge values,
// non-terminating quotients, missing optional facts, empty and long lists), and on the facts the
// language files give. Scores, totals, grades and error messages must be the same. Also: every
// shipped ruleset lowers completely (no expression is left to the tree evaluator).
#include <filesystem>

#include "base/date.hpp"
#include "interpreter/eval/plan.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

void collect(const NodeResult& node, std::vector<std::optional<Decimal>>& out) {
  if (!node.is_section) {
    out.push_back(node.score);
    return;
  }
  for (const NodeResult& child : node.children) collect(child, out);
}

// Scores [document] both ways; false when the facts do not load (nothing to compare).
bool same_both_ways(const ast::Ruleset& rs, const Plan& plan, const std::string& document, const std::string& what) {
  // Facts the ruleset's requirements refuse are compared too: drawn at random, weights rarely add
  // up to an indicator's points.
  FactsOptions facts_options;
  facts_options.requirements = false;
  const FactsResult facts = load_facts(rs, document, "facts.json", facts_options);
  if (!facts.facts) return false;
  PlanResult p;
  plan.evaluate(*facts.facts, p);
  EvalOptions options;
  options.trace = false;
  const Evaluation t = evaluate(rs, *facts.facts, options);
  std::vector<std::optional<Decimal>> scores;
  for (const NodeResult& n : t.nodes) collect(n, scores);
  std::vector<std::string> errors;
  for (const Diagnostic& d : t.diagnostics.items()) {
    if (d.severity == Severity::Error) errors.push_back(d.message);
  }
  EXPECT_EQ(p.total, t.total) << what << "\n" << document;
  EXPECT_EQ(p.grade >= 0 ? rs.grades[static_cast<std::size_t>(p.grade)].name : "", t.grade) << what;
  EXPECT_EQ(p.scores, scores) << what << "\n" << document;
  EXPECT_EQ(p.errors, errors) << what << "\n" << document;
  return true;
}

// splitmix64, as bench/generate.cpp: the same facts on every platform.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::size_t below(std::size_t n) {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<std::size_t>((z ^ (z >> 31)) % n);
  }
  template <typename T>
  const T& pick(const std::vector<T>& items) { return items[below(items.size())]; }

 private:
  std::uint64_t state_;
};

const std::vector<std::string> kNumbers = {"0",      "0.01",  "1",    "2",      "3",        "5",     "10",   "20",
                                           "28046",  "28623", "99.995", "1000", "123456.78", "-1",   "-0.5", "0.3333",
                                           "1e-6",   "7",     "60",   "100",    "150",      "1e12",  "4.25", "99999999999999.99"};
const std::vector<std::string> kPercents = {"\"0%\"",   "\"59.99%\"", "\"60%\"",  "\"75.5%\"",   "\"99.49%\"",
                                            "\"100%\"", "\"150%\"",   "\"150.01%\"", "\"33.333%\"", "0.5",
                                            "\"5%\"",   "\"10%\"",    "\"-5%\"",   "\"99.995%\"", "1"};
const std::vector<std::string> kCounts = {"0", "1", "2", "3", "4", "7", "100"};

// The value of a candidate as the facts loader reads it: "60%" is 0.6, "1e3" is 1000.
Decimal candidate_value(std::string text) {
  if (!text.empty() && text.front() == '"') text = text.substr(1, text.size() - 2);
  const bool percent = !text.empty() && text.back() == '%';
  if (percent) text.pop_back();
  const Decimal v = *Decimal::parse(text);
  return percent ? v / Decimal::from_int(100) : v;
}

// Whether [text] lies in [domain] (bounds that are not literals are taken as met).
bool in_domain(const std::optional<ast::Interval>& domain, const std::string& text) {
  if (!domain) return true;
  const Decimal x = candidate_value(text);
  const auto literal = [](const ast::Bound& b) -> std::optional<Decimal> {
    if (!b.value) return std::nullopt;
    if (const auto* n = std::get_if<ast::NumberLit>(&b.value->node)) return n->value;
    return std::nullopt;
  };
  const auto lo = literal(domain->lo);
  const auto hi = literal(domain->hi);
  if (lo && (domain->lo_closed ? x < *lo : x <= *lo)) return false;
  if (hi && (domain->hi_closed ? x > *hi : x >= *hi)) return false;
  return true;
}

// A number drawn from [values], inside [domain] when one of them is.
std::string pick_in(const std::vector<std::string>& values, const std::optional<ast::Interval>& domain, Random& r) {
  for (int tries = 0; tries < 20; ++tries) {
    const std::string& v = r.pick(values);
    if (in_domain(domain, v)) return v;
  }
  return r.pick(values);
}

std::string value_of(const ast::TypeRef& type, Random& r, const std::optional<ast::Interval>& domain = std::nullopt,
                     int depth = 0) {
  switch (type.kind) {
    case ast::TypeKind::Bool: return r.below(2) != 0 ? "true" : "false";
    case ast::TypeKind::Enum: return "\"" + r.pick(type.members) + "\"";
    case ast::TypeKind::Text: return "\"x\"";
    case ast::TypeKind::Percent: return pick_in(kPercents, domain, r);
    case ast::TypeKind::Count: return pick_in(kCounts, domain, r);
    case ast::TypeKind::Date:  // around 2024, some days past a calendar of 2024
      return "\"" + format_date(days_from_civil(2023, 12, 20) + static_cast<std::int64_t>(r.below(390))) + "\"";
    case ast::TypeKind::List: {
      std::string out = "[";
      const std::size_t n = r.below(depth == 0 ? 7 : 3);
      for (std::size_t i = 0; i < n; ++i) out += (i > 0 ? "," : "") + value_of(*type.element, r, std::nullopt, depth + 1);
      return out + "]";
    }
    case ast::TypeKind::Record: {
      std::string out = "{";
      for (std::size_t i = 0; i < type.fields.size(); ++i) {
        const ast::Field& f = type.fields[i];
        out += (i > 0 ? ",\"" : "\"") + f.name + "\":" + value_of(*f.type, r, f.domain, depth + 1);
      }
      return out + "}";
    }
    default: return pick_in(kNumbers, domain, r);
  }
}

// A facts document for [rs]: every fact drawn at random; one with a default is sometimes left out.
std::string random_facts(const ast::Ruleset& rs, Random& r) {
  std::string facts;
  for (const ast::FactDecl& f : rs.facts) {
    if (f.has_default() && r.below(4) == 0) continue;
    facts += (facts.empty() ? "\"" : ",\"") + f.name + "\":" + value_of(*f.type, r, f.domain);
  }
  return "{\"department\": \"d\", \"year\": " + std::to_string(rs.year) + ", \"facts\": {" + facts + "}}";
}

// Scores [n] random departments both ways; returns how many had facts that loaded.
int compare_random(const ast::Ruleset& rs, int n, std::uint64_t seed, const std::string& what) {
  const Plan plan(rs);
  Random r(seed);
  int loaded = 0;
  for (int i = 0; i < n; ++i) {
    if (same_both_ways(rs, plan, random_facts(rs, r), what + " #" + std::to_string(i))) ++loaded;
  }
  return loaded;
}

std::vector<std::string> shipped_rulesets() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kSourceDir + "/rulesets")) {
    const std::string path = entry.path().string();
    if (entry.path().extension() == ".rubric" && path.find(".test.rubric") == std::string::npos) out.push_back(path);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(PlanDifferential, ShippedRulesetsLowerCompletely) {
  const auto paths = shipped_rulesets();
  ASSERT_GE(paths.size(), 2u);
  for (const std::string& path : paths) {
    const LoadedRuleset loaded = load_ruleset(path);
    ASSERT_TRUE(loaded.ok()) << path;
    EXPECT_EQ(Plan(*loaded.ruleset).fallbacks(), 0u) << path;
  }
}

TEST(PlanDifferential, AgreesOnGeneratedDepartmentsForEveryShippedRuleset) {
  for (const std::string& path : shipped_rulesets()) {
    const LoadedRuleset loaded = load_ruleset(path);
    ASSERT_TRUE(loaded.ok()) << path;
    // Some drawn facts do not load (a list field outside its domain); most do.
    EXPECT_GE(compare_random(*loaded.ruleset, 3000, 2023, path), 1000) << path;
  }
}

// The example department with each of its numbers replaced, one at a time, by edge values.
TEST(PlanDifferential, AgreesOnEdgeValuesOfTheExample) {
  const LoadedRuleset loaded = load_ruleset(kSourceDir + "/rulesets/guangzhou/2023.rubric");
  ASSERT_TRUE(loaded.ok());
  const Plan plan(*loaded.ruleset);
  const std::string doc = read_text(kSourceDir + "/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json");
  int compared = 0;
  for (const ast::FactDecl& f : loaded.ruleset->facts) {
    const ast::TypeKind kind = f.type->kind;
    if (kind == ast::TypeKind::List || kind == ast::TypeKind::Enum || kind == ast::TypeKind::Bool) continue;
    const auto& values = kind == ast::TypeKind::Percent ? kPercents : kind == ast::TypeKind::Count ? kCounts : kNumbers;
    for (const std::string& v : values) {
      std::string error;
      const auto changed = override_facts(doc, "{\"" + f.name + "\": " + v + "}", error);
      ASSERT_TRUE(changed) << error;
      if (same_both_ways(*loaded.ruleset, plan, *changed, f.name + " = " + v)) ++compared;
    }
  }
  EXPECT_GE(compared, 200);
}

// The step budget: the plan charges steps ahead (plan_code.hpp) and must give up wherever the tree
// stops, so the department gets the tree's E0711; just under the budget both score it.
TEST(PlanDifferential, AgreesAtTheStepBudget) {
  const auto rs = load_ok(R"(ruleset "t" scheme test year 2023
facts {
  xs : list of number
}
define twice(x) = x + x
section S points 100000000000 {
  indicator Pairs points 100000000000 { score sum(x in xs: sum(y in xs where y > 0: twice(y))) }
}
)");
  ASSERT_TRUE(rs);
  const Plan plan(*rs);
  for (const int n : {10, 1000, 2000}) {
    std::string xs;
    for (int i = 0; i < n; ++i) xs += (i > 0 ? "," : "") + std::to_string(i % 7);
    const std::string doc = "{\"facts\": {\"xs\": [" + xs + "]}}";
    EXPECT_TRUE(same_both_ways(*rs, plan, doc, std::to_string(n) + " elements")) << n;
    PlanResult p;
    plan.evaluate(*load_facts(*rs, doc, "facts.json").facts, p);
    EXPECT_EQ(p.total.has_value(), n < 2000) << n;  // 2,000² elements take more than 10,000,000 steps
  }
}

// Each program of tests/language/*.rubric (split at its `### ` lines), on the facts its `given`
// lines give and on random facts.
TEST(PlanDifferential, AgreesOnTheLanguageTests) {
  int programs = 0;
  int documents = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kSourceDir + "/tests/language")) {
    if (entry.path().extension() != ".rubric") continue;
    const std::string text = read_text(entry.path().string());
    std::vector<std::string> chunks;
    for (std::size_t at = text.find("\n### "); at != std::string::npos;) {
      const std::size_t next = text.find("\n### ", at + 1);
      chunks.push_back(text.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1));
      at = next;
    }
    for (const std::string& chunk : chunks) {
      const LoadedRuleset loaded = load_ruleset_source("language.rubric", chunk);
      if (!loaded.ok()) continue;  // a program that is meant not to load
      ++programs;
      const std::string what = entry.path().filename().string() + ": " + chunk.substr(0, chunk.find('\n'));
      const Plan plan(*loaded.ruleset);
      for (std::size_t at = chunk.find("given {"); at != std::string::npos; at = chunk.find("given {", at + 1)) {
        const std::size_t end = chunk.find(" expect", at);
        const std::string facts = chunk.substr(at + 6, end == std::string::npos ? std::string::npos : end - at - 6);
        if (same_both_ways(*loaded.ruleset, plan, "{\"facts\": " + facts + "}", what + ": " + facts)) ++documents;
      }
      documents += compare_random(*loaded.ruleset, 40, 7, what);
    }
  }
  EXPECT_GE(programs, 50);
  EXPECT_GE(documents, 1000);
}

}  // namespace
}  // namespace rubric::testing
