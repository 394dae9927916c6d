// Differential fuzzing of the compiled plan (interpreter/eval/plan.hpp) against the tree evaluator
// (interpreter/eval/evaluator.hpp), the reference, on the shipped rulesets (rulesets/guangzhou/2023 and
// 2021).
//
// The input bytes are not a facts file: FuzzedDataProvider turns them into a *valid* Facts object
// for one of the two rulesets, one value for every declared fact, of the declared type and inside
// the declared domain (counts whole, percents/money/counts not negative unless a domain allows it,
// list domains on every element, record fields in order), so every input is scored, none is
// rejected. Numbers are drawn mostly from the ruleset's own literals (its tier bounds, points,
// thresholds, as written and divided by 100 for percents), their neighbours one unit of the 1st to
// 8th decimal away (where a tier or a rounding changes), and multiples of numbers made earlier in
// the same input (a judged score of 80% of its weight). A list has 1 to 13 items, or none. A fact
// with a default may be left out, as the facts reader does (supplied = false, the default's value).
//
// RUBRIC_FUZZ_CHECK_FACTS=1 writes every generated facts object as JSON and reads it back with
// load_facts (it must read cleanly), and says at the end how many inputs were scored whole (with a
// total); RUBRIC_FUZZ_VERBOSE=1 also prints every evaluation error. On 9,471 inputs: all read
// back, 49% had a total; the others have an indicator error (a judged score outside its band, a
// mean of no months), which the two evaluators must report alike too.
//
// Then both evaluators score it, and they must give the same:
//   - score of every indicator (PlanResult::scores, depth-first in table order),
//   - score of every section: the plan exposes no section scores, so the evaluator's section scores
//     are compared with the sums of the plan's indicator scores (none when a part has none or the
//     sum is outside the section's range, as the evaluator says),
//   - total and grade, and the error messages, in order.
// The plan evaluates into one PlanResult reused across inputs, as the batch does.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common.hpp"
#include "interpreter/check/checker.hpp"

namespace {

using rubric::Decimal;
using rubric::Value;
namespace ast = rubric::ast;
using K = ast::TypeKind;

struct Domain {
  std::optional<Decimal> lo, hi;
  bool lo_closed = true, hi_closed = true;
  bool declared = false;
};

Domain domain_of(const std::optional<ast::Interval>& iv) {
  Domain d;
  if (!iv) return d;
  d.declared = true;
  if (iv->lo.value) d.lo = rubric::constant_value(*iv->lo.value);
  if (iv->hi.value) d.hi = rubric::constant_value(*iv->hi.value);
  d.lo_closed = iv->lo_closed;
  d.hi_closed = iv->hi_closed;
  return d;
}

// What the facts reader accepts for a number of [kind] in [d] (interpreter/eval/facts_validate.cpp, check_domain).
bool valid(const Decimal& v, K kind, const Domain& d) {
  if (kind == K::Count && !v.is_integer()) return false;
  if (d.declared) {
    if (d.lo && (d.lo_closed ? v < *d.lo : v <= *d.lo)) return false;
    if (d.hi && (d.hi_closed ? v > *d.hi : v >= *d.hi)) return false;
    return true;
  }
  const bool nonnegative = kind == K::Percent || kind == K::Money || kind == K::Count;
  return !(nonnegative && v.sign() < 0);
}

struct Target {
  std::shared_ptr<const ast::Ruleset> ruleset;
  std::unique_ptr<rubric::Plan> plan;
  std::vector<Decimal> literals;  // every number written in the ruleset, and each / 100
};

// Every number literal of the ruleset's files ("60%" gives 0.6 and 60; "0.9" gives 0.9 and 0.009).
std::vector<Decimal> literals_of(const ast::Ruleset& rs) {
  std::vector<Decimal> out = {Decimal(), Decimal::from_int(1), Decimal::from_int(100)};
  for (const auto& source : rs.sources) {
    const std::string& t = source->text();
    for (std::size_t i = 0; i < t.size();) {
      if (t[i] < '0' || t[i] > '9') {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < t.size() && ((t[j] >= '0' && t[j] <= '9') || t[j] == '.')) ++j;
      try {
        if (auto d = Decimal::parse(t.substr(i, j - i))) {
          out.push_back(*d);
          out.push_back(*d / Decimal::from_int(100));
        }
      } catch (const rubric::DecimalError&) {
      }
      i = j;
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const std::vector<Target>& targets() {
  static const std::vector<Target> all = [] {
    std::vector<Target> t;
    for (const char* path : {"rulesets/guangzhou/2023.rubric", "rulesets/guangzhou/2021.rubric"}) {
      Target x;
      x.ruleset = rubric::fuzz::load_shipped(path);
      x.plan = std::make_unique<rubric::Plan>(*x.ruleset);
      x.literals = literals_of(*x.ruleset);
      t.push_back(std::move(x));
    }
    return t;
  }();
  return all;
}

Decimal pow10_fraction(int k) {  // 10^-k
  return Decimal::from_parts(1, k);
}

// The numbers made so far for this input: a later one may be a multiple of an earlier one, as a
// judged score is of its weight (`awarded` in [80% × weight, weight]) or a spending of its budget.
std::vector<Decimal>& earlier() {
  static std::vector<Decimal> numbers;
  return numbers;
}

Decimal remember(const Decimal& v) {
  if (earlier().size() < 64) earlier().push_back(v);
  return v;
}

// A number the facts reader would accept for [kind] in [d].
Decimal number(FuzzedDataProvider& in, K kind, const Domain& d, const std::vector<Decimal>& literals) {
  const auto style = in.ConsumeIntegral<std::uint8_t>();
  Decimal v;
  const auto literal = [&] { return literals[in.ConsumeIntegralInRange<std::size_t>(0, literals.size() - 1)]; };
  switch (style % 10) {
    case 0:
    case 1: v = literal(); break;
    case 2:
    case 3: {  // next to a literal: a tier bound ± one unit of the 1st..8th decimal
      const Decimal step = pow10_fraction(in.ConsumeIntegralInRange<int>(0, 8));
      v = literal() + ((style & 8) ? step : -step);
      break;
    }
    case 4: v = Decimal::from_int(in.ConsumeIntegralInRange<std::int64_t>(0, 1000)); break;
    case 5:  // any value with up to 8 decimals
      v = Decimal::from_parts(in.ConsumeIntegral<std::int32_t>(), in.ConsumeIntegralInRange<int>(0, 8));
      break;
    case 6:  // money-sized: up to 10^15 with up to 6 decimals
      v = Decimal::from_parts(in.ConsumeIntegralInRange<std::int64_t>(0, 999'999'999'999'999'999LL),
                              in.ConsumeIntegralInRange<int>(0, 6));
      break;
    case 7:  // a bound of the domain itself
      v = (style & 8) ? d.hi.value_or(Decimal()) : d.lo.value_or(Decimal());
      break;
    default:  // an earlier number times a literal (0.8, 0.6, 1, 100, …)
      if (earlier().empty()) {
        v = literal();
      } else {
        const Decimal base = earlier()[in.ConsumeIntegralInRange<std::size_t>(0, earlier().size() - 1)];
        try {
          v = (base * literal()).round(8, rubric::RoundingMode::HalfEven);
        } catch (const rubric::DecimalError&) {
          v = base;
        }
      }
      break;
  }
  if (style & 16) v = -v;
  if (kind == K::Count) v = v.abs().floor();
  if (valid(v, kind, d)) return remember(v);
  // Outside: move it to the nearest end of the domain that is allowed.
  const Decimal unit = kind == K::Count ? Decimal::from_int(1) : pow10_fraction(6);
  const std::optional<Decimal> lo = d.declared ? d.lo : std::optional<Decimal>(Decimal());
  for (const Decimal& c : {lo ? (d.lo_closed || !d.declared ? *lo : *lo + unit) : v,
                           d.hi ? (d.hi_closed ? *d.hi : *d.hi - unit) : v, v.abs(), Decimal(), Decimal::from_int(1)}) {
    const Decimal w = kind == K::Count ? c.ceil() : c;
    if (valid(w, kind, d)) return remember(w);
  }
  rubric::fuzz::bug("no valid number for a declared domain");
}

Value value_of(FuzzedDataProvider& in, const ast::TypeRef& type, const Domain& d, const std::vector<Decimal>& literals,
               int depth) {
  switch (type.kind) {
    case K::Number:
    case K::Percent:
    case K::Money:
    case K::Count: return number(in, type.kind, d, literals);
    case K::Bool: return in.ConsumeBool();
    case K::Date:  // a day of 2023 to 2025: calendars of 2024 are the usual, days past them an error both ways
      return Value(Decimal::from_int(rubric::days_from_civil(2023, 1, 1) + in.ConsumeIntegralInRange<int>(0, 3 * 366)));
    case K::Text: {
      static const char* const pool[] = {"", "x", "产出", "效益指标", "a\"b"};
      return std::string(pool[in.ConsumeIntegralInRange<int>(0, 4)]);
    }
    case K::Enum:
      if (type.members.empty()) return std::string();
      return type.members[in.ConsumeIntegralInRange<std::size_t>(0, type.members.size() - 1)];
    case K::List: {
      auto items = std::make_shared<std::vector<Value>>();
      // 1 to 13 items, or none; 1 when the bytes have run out (an empty list is an error where a
      // mean is taken, and it should not be what most inputs test).
      const std::size_t n = depth > 2 ? 0 : (in.ConsumeIntegral<std::uint8_t>() + 1u) % 14;
      for (std::size_t i = 0; i < n && type.element; ++i) items->push_back(value_of(in, *type.element, d, literals, depth + 1));
      return rubric::ValueList(std::move(items));
    }
    case K::Record: {
      auto fields = std::make_shared<std::vector<Value>>();
      for (const ast::Field& f : type.fields) {
        fields->push_back(f.type ? value_of(in, *f.type, domain_of(f.domain), literals, depth + 1) : Value());
      }
      return rubric::ValueList(std::move(fields));
    }
    case K::Unknown: break;
  }
  return Value();
}

// The facts reader's value for a fact left out (interpreter/eval/facts.cpp, default_value).
std::optional<Value> default_of(const ast::Expr& e) {
  if (const auto* s = std::get_if<ast::StringLit>(&e.node)) return Value(s->value);
  if (const auto* b = std::get_if<ast::BoolLit>(&e.node)) return Value(b->value);
  if (auto d = rubric::constant_value(e)) return Value(*d);
  return std::nullopt;
}

// [v] as the JSON of a facts file: for RUBRIC_FUZZ_CHECK_FACTS=1, which reads every generated
// facts object back with load_facts to show that the facts reader accepts it as it is.
void to_json(const Value& v, const ast::TypeRef& type, std::string& out) {
  switch (type.kind) {
    case K::Bool: out += v.boolean() ? "true" : "false"; return;
    case K::Text:
    case K::Enum: out += nlohmann::json(v.text()).dump(); return;
    case K::Date: out += "\"" + rubric::format_date(v.number().to_int64().value_or(0)) + "\""; return;
    case K::List:
      out += '[';
      for (std::size_t i = 0; i < v.list().size(); ++i) {
        if (i > 0) out += ',';
        to_json(v.list()[i], *type.element, out);
      }
      out += ']';
      return;
    case K::Record:
      out += '{';
      for (std::size_t i = 0; i < type.fields.size(); ++i) {
        if (i > 0) out += ',';
        out += nlohmann::json(type.fields[i].name).dump() + ':';
        to_json(v.list()[i], *type.fields[i].type, out);
      }
      out += '}';
      return;
    default: out += v.number().to_string(); return;
  }
}

void check_facts_read_back(const ast::Ruleset& rs, const rubric::Facts& facts) {
  std::string doc = "{\"department\": \"fuzz\", \"year\": " + std::to_string(rs.year) + ", \"facts\": {";
  bool first = true;
  for (std::size_t i = 0; i < rs.facts.size(); ++i) {
    if (!facts.supplied[i]) continue;
    doc += (first ? "" : ", ") + nlohmann::json(rs.facts[i].name).dump() + ": ";
    to_json(facts.values[i], *rs.facts[i].type, doc);
    first = false;
  }
  doc += "}}";
  const rubric::FactsResult read = rubric::load_facts(rs, doc, "fuzz.json");
  if (!read.facts) rubric::fuzz::bug("the facts reader refuses generated facts:\n" + rubric::render(read.diagnostics) + "\n" + doc);
}

std::string show(const std::optional<Decimal>& d) { return d ? d->to_string() : "none"; }

// Compares the evaluator's node (and below) with the plan's indicator scores from [next] on;
// returns the section sum the plan's scores give for it.
std::optional<Decimal> compare_node(const rubric::NodeResult& node, const rubric::PlanResult& planned, std::size_t& next) {
  if (!node.is_section) {
    if (next >= planned.scores.size()) rubric::fuzz::bug("the plan has fewer indicator scores than the evaluator");
    const std::optional<Decimal>& p = planned.scores[next++];
    if (p != node.score) {
      rubric::fuzz::bug("indicator '" + node.name + "': the plan gives " + show(p) + ", the evaluator " + show(node.score));
    }
    return p;
  }
  std::optional<Decimal> sum = Decimal();
  for (const rubric::NodeResult& child : node.children) {
    const std::optional<Decimal> part = compare_node(child, planned, next);
    if (sum && part) {
      sum = *sum + *part;
    } else {
      sum.reset();
    }
  }
  if (sum && (*sum < node.points.lo || *sum > node.points.hi)) sum.reset();
  if (sum != node.score) {
    rubric::fuzz::bug("section '" + node.name + "': the plan's indicator scores add up to " + show(sum) +
                      ", the evaluator gives " + show(node.score));
  }
  return sum;
}

void compare(const ast::Ruleset& rs, const rubric::Evaluation& tree, const rubric::PlanResult& planned) {
  std::size_t next = 0;
  for (const rubric::NodeResult& node : tree.nodes) (void)compare_node(node, planned, next);
  if (next != planned.scores.size()) rubric::fuzz::bug("the plan has more indicator scores than the evaluator");
  if (planned.total != tree.total) {
    rubric::fuzz::bug("totals differ: the plan gives " + show(planned.total) + ", the evaluator " + show(tree.total));
  }
  const std::string grade = planned.grade >= 0 ? rs.grades.at(static_cast<std::size_t>(planned.grade)).name : "";
  if (grade != tree.grade) rubric::fuzz::bug("grades differ: the plan gives '" + grade + "', the evaluator '" + tree.grade + "'");
  std::vector<std::string> errors;
  for (const rubric::Diagnostic& d : tree.diagnostics.items()) {
    if (d.severity == rubric::Severity::Error) errors.push_back(d.message);
  }
  if (planned.errors != errors) {
    std::string both = "errors differ:\n  plan:";
    for (const auto& e : planned.errors) both += "\n    " + e;
    both += "\n  evaluator:";
    for (const auto& e : errors) both += "\n    " + e;
    rubric::fuzz::bug(both);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const Target& target = targets()[in.ConsumeBool() ? 1 : 0];
  const ast::Ruleset& rs = *target.ruleset;
  earlier().clear();
  rubric::Facts facts;
  facts.file = "fuzz.json";
  facts.department = "fuzz";
  facts.year = rs.year;
  facts.values.resize(rs.facts.size());
  facts.supplied.resize(rs.facts.size());
  for (std::size_t i = 0; i < rs.facts.size(); ++i) {
    const ast::FactDecl& decl = rs.facts[i];
    if (decl.default_value && (in.ConsumeIntegral<std::uint8_t>() & 7) == 0) {
      if (auto v = default_of(*decl.default_value)) facts.values[i] = *v;
      continue;
    }
    facts.supplied[i] = true;
    if (decl.type) facts.values[i] = value_of(in, *decl.type, domain_of(decl.domain), target.literals, 0);
  }

  static const bool check_facts = std::getenv("RUBRIC_FUZZ_CHECK_FACTS") != nullptr;
  if (check_facts) check_facts_read_back(rs, facts);

  rubric::EvalOptions options;
  options.trace = false;  // the scores are compared, not the 评分依据
  const rubric::Evaluation tree = rubric::evaluate(rs, facts, options);
  for (const rubric::Diagnostic& d : tree.diagnostics.items()) {
    if (d.code == "E0711") return 0;  // an evaluation limit: the plan has none
  }
  // Into a PlanResult reused across inputs (of both rulesets, lists of every length): the batch's
  // way, and the same code as evaluate(facts) after a fresh PlanResult.
  static rubric::PlanResult planned;
  target.plan->evaluate(facts, planned);
  compare(rs, tree, planned);
  if (check_facts) {  // and how many inputs are scored whole
    static std::size_t inputs = 0, totals = 0;
    static const bool registered = std::atexit([] {
      std::fprintf(stderr, "plan_vs_tree_fuzzer: %zu inputs, %zu with a total\n", inputs, totals);
    }) == 0;
    (void)registered;
    ++inputs;
    totals += tree.total ? 1 : 0;
    static const bool verbose = std::getenv("RUBRIC_FUZZ_VERBOSE") != nullptr;
    if (verbose) {
      for (const rubric::Diagnostic& d : tree.diagnostics.items()) std::fprintf(stderr, "ERR %s %s\n", d.code.c_str(), d.message.substr(0, 70).c_str());
    }
  }
  return 0;
}
