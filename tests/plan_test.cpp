// The compiled plan (interpreter/eval/plan.hpp) gives exactly what the tree evaluator gives: every
// indicator's score, the total, the grade and the errors, on the shipped examples, on variations
// of them that hit every tier, bound and error, and on a ruleset using every construct.
#include <fmt/format.h>

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

// Scores [document] both ways and expects the same; returns the plan's result.
PlanResult expect_same(const ast::Ruleset& rs, const Plan& plan, const std::string& document, const std::string& what) {
  FactsResult facts = load_facts(rs, document, "facts.json");
  EXPECT_TRUE(facts.facts) << what << "\n" << render(facts.diagnostics);
  if (!facts.facts) return {};
  const PlanResult p = plan.evaluate(*facts.facts);
  const Evaluation t = evaluate(rs, *facts.facts);
  EXPECT_EQ(p.total, t.total) << what;
  EXPECT_EQ(p.grade >= 0 ? rs.grades[static_cast<std::size_t>(p.grade)].name : "", t.grade) << what;
  std::vector<std::optional<Decimal>> scores;
  for (const NodeResult& n : t.nodes) collect(n, scores);
  EXPECT_EQ(p.scores, scores) << what;
  std::vector<std::string> errors;
  for (const Diagnostic& d : t.diagnostics.items()) {
    if (d.severity == Severity::Error) errors.push_back(d.message);
  }
  EXPECT_EQ(p.errors, errors) << what;
  return p;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(Plan, AgreesWithTheEvaluatorOnTheShippedExamples) {
  for (const std::string year : {"2021", "2023"}) {
    const LoadedRuleset loaded = load_ruleset(kSourceDir + "/rulesets/guangzhou/" + year + ".rubric");
    ASSERT_TRUE(loaded.ok());
    const Plan plan(*loaded.ruleset);
    const std::string doc = read_text(kSourceDir + "/rulesets/guangzhou/examples/guangzhou-internet-court-" + year + ".json");
    const PlanResult r = expect_same(*loaded.ruleset, plan, doc, year);
    EXPECT_TRUE(r.total.has_value()) << year;
    if (year == "2023") {
      EXPECT_EQ(r.total, dec("95.99"));
    }
  }
}

TEST(Plan, AgreesOnEveryTierBoundAndError) {
  const LoadedRuleset loaded = load_ruleset(kSourceDir + "/rulesets/guangzhou/2023.rubric");
  ASSERT_TRUE(loaded.ok());
  const Plan plan(*loaded.ruleset);
  const std::string doc = read_text(kSourceDir + "/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json");
  int variants = 0;
  // Completion exactly on and around every tier bound.
  for (const std::string actual : {"0", "59.99", "60", "75.5", "99.99", "100", "150", "150.01", "300", "28623"}) {
    expect_same(*loaded.ruleset, plan, replaced(doc, "\"actual\": 102,", "\"actual\": " + actual + ","), "actual " + actual);
    ++variants;
  }
  // Monthly rates whose mean gives a half cent, and rates over 100%.
  for (const std::string month : {"\"99.5%\"", "\"99.25%\"", "\"120%\"", "0.9", "\"33.333%\""}) {
    expect_same(*loaded.ruleset, plan, replaced(doc, "\"99.49%\"", month), "month " + month);
    ++variants;
  }
  // Overspending on and past the 5% steps; carry-over on the bracket bounds.
  for (const std::string spent : {"321", "337.05", "337.06", "353.1", "481.5", "1000"}) {
    expect_same(*loaded.ruleset, plan, replaced(doc, "\"public_spent\": 319", "\"public_spent\": " + spent), "spent " + spent);
    ++variants;
  }
  for (const std::string carry : {"778.895", "778.896", "1557.79", "2336.685", "5000"}) {
    expect_same(*loaded.ruleset, plan, replaced(doc, "\"carryover_year_end\": 0,", "\"carryover_year_end\": " + carry + ","),
                "carry " + carry);
    ++variants;
  }
  // Errors: a judged score outside its band, a discretionary rate where the rules are complete.
  const PlanResult band = expect_same(
      *loaded.ruleset, plan,
      replaced(doc, "\"level\": \"达成年度指标\", \"weight\": 5, \"awarded\": 5", "\"level\": \"未达成年度指标且效果较差\", \"weight\": 5, \"awarded\": 5"),
      "band");
  EXPECT_FALSE(band.total.has_value());
  EXPECT_EQ(band.errors.size(), 1u);
  const PlanResult rate = expect_same(*loaded.ruleset, plan,
                                      replaced(doc, "\"data_quality\": \"合格\",", "\"data_quality\": \"合格\", \"data_quality_rate\": \"90%\","),
                                      "rate");
  EXPECT_FALSE(rate.total.has_value());
  expect_same(*loaded.ruleset, plan, replaced(doc, "\"goals_reported\": true", "\"goals_reported\": false"), "goals");
  EXPECT_GE(variants, 26);
}

TEST(Plan, AgreesOnEveryConstruct) {
  const auto rs = load_ok(R"(ruleset "t" scheme test year 2023
rounding 2 half_even
facts {
  xs : list of number
  rs : list of { kind: enum { a, b }, v: number, ok: bool }
  n  : number
  k  : enum { a, b }
}
define half(x) = x / 2
define twice(x) = half(x) * 4
define pick(x, y) = when x > y -> x otherwise y
let big = max(r in rs where r.ok: r.v)
section S points 100 {
  let shared = count(r in rs where r.kind == "a")
  indicator A points 10 { score min(pick(twice(n), half(n)), points) }
  indicator B points 10 { score clamp(sum(xs) + mean(xs) - min(xs) + max(xs), 0, points) }
  indicator C points 10 { score when any(r in rs: r.ok) and not all(r in rs: r.ok) -> shared otherwise 0 }
  indicator D points 10 { score brackets big { > 5 -> 10 >= 3 -> 5 } }
  indicator E points 10 { score tiered n { [0, 1] -> 1 [1, 2] -> 1 (2, inf) -> 3 } }
  indicator F points 10 { score deduct 1 per steps(n, 0.3) deduct 0.5 when k == "b" deduct 2 until zero }
  indicator G points 10 { score weighted { 30% -> round(n / 3, 2) 70% "x" -> floor(n) } }
  indicator H points 10 { let h = n / 7  score min(h * 3, points) }
  indicator I points 10 { score judged n by k { a -> [0, 5] b -> (5, 10] } }
  indicator J points 10 { rounding 1 down  score ceil(n / 3, 3) }
}
grade { 优 >= 60; 差 otherwise }
)");
  ASSERT_TRUE(rs);
  const Plan plan(*rs);
  int cases = 0;
  for (const std::string n : {"0", "0.5", "1", "1.999", "2", "2.5", "4.25", "5", "5.01", "9.99", "-1", "12"}) {
    for (const std::string xs : {"[]", "[1]", "[1, 2.5, 3.25]"}) {
      for (const std::string k : {"a", "b"}) {
        const std::string doc = fmt::format(
            R"({{"facts": {{"xs": {}, "n": {}, "k": "{}", "rs": [{{"kind": "a", "v": 4, "ok": true}}, {{"kind": "b", "v": {}, "ok": {}}}]}}}})",
            xs, n, k, n, k == "a" ? "true" : "false");
        expect_same(*rs, plan, doc, doc);
        ++cases;
      }
    }
  }
  EXPECT_EQ(cases, 72);
}

// The total is the exact sum of the rounded scores, graded as it is and shown with the decimals of
// the most precise indicator (total_digits): the plan and the tree agree on 89.995 → 良 (优 is
// >= 90), and on the two values around it.
TEST(Plan, AgreesOnATotalOfMoreDecimalsThanTheRuleset) {
  const LoadedRuleset loaded = load_ruleset(kSourceDir + "/tests/bad-input/trust-total/ruleset.rubric");
  ASSERT_TRUE(loaded.ok()) << render(loaded.diagnostics);
  const ast::Ruleset& rs = *loaded.ruleset;
  EXPECT_EQ(total_digits(rs), 3);
  const Plan plan(rs);
  const auto doc = [](const std::string& a, const std::string& b) {
    return R"({"department": "d", "year": 2023, "facts": {"a": )" + a + R"(, "b": )" + b + "}}";
  };
  struct Case {
    std::string a, b, total, grade;
  };
  for (const Case& c : {Case{"79.995", "10", "89.995", "良"}, Case{"79.9954", "10", "89.995", "良"},
                        Case{"79.9955", "10", "89.996", "良"}, Case{"80", "10", "90", "优"},
                        Case{"70.0049", "9.994", "79.995", "中"}}) {
    const PlanResult r = expect_same(rs, plan, doc(c.a, c.b), c.a + " + " + c.b);
    ASSERT_TRUE(r.total) << c.a;
    EXPECT_EQ(*r.total, dec(c.total)) << c.a;
    EXPECT_EQ(rs.grades[static_cast<std::size_t>(r.grade)].name, c.grade) << c.a;
  }
}

}  // namespace
}  // namespace rubric::testing
