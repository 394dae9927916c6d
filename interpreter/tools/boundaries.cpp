// Boundary cases for `rubric test --boundaries`; see boundary_tests() in testing.hpp.
//
// The work in three steps. Sites (boundary_sites.cpp): every tiered, brackets and judged inside an
// indicator (also inside the functions it calls), with its constant bounds, and the fact that
// moves its tested value, found by following lets, function arguments and list elements. Probes: for each target
// (bound − step, bound, bound + step) the fact's value that puts the tested value exactly on the
// target, found by evaluating the ruleset with the evaluator's record of tested values
// (EvalOptions::tested). Text: one test block per site, one case per probe, the expectation being
// what the ruleset gives.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "base/json_text.hpp"
#include "dsl/parser.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/facts.hpp"
#include "interpreter/tools/testing.hpp"
#include "interpreter/tools/boundary_sites.hpp"
#include "interpreter/check/loader.hpp"

namespace rubric {
namespace {

namespace fs = std::filesystem;
using boundaries::Bound;
using boundaries::Site;
using boundaries::Var;

// ---- Facts as JSON text ----------------------------------------------------------------------

// [s] as a JSON string, by the one JSON string writer (base/json_text.hpp): every control
// character escaped, so that the overrides are JSON whatever a fact's text holds.
std::string json_string(const std::string& s) {
  std::string out;
  json::write_string(out, s);
  return out;
}

std::string json_value(const Value& v, const ast::TypeRef& type) {
  if (v.is_bool()) return v.boolean() ? "true" : "false";
  if (v.is_text()) return json_string(v.text());
  if (v.is_number()) {
    if (type.kind == ast::TypeKind::Percent) return json_string((v.number() * Decimal::from_int(100)).to_string() + "%");
    return v.number().to_string();
  }
  std::vector<std::string> parts;
  if (type.kind == ast::TypeKind::Record) {
    for (std::size_t i = 0; i < v.list().size() && i < type.fields.size(); ++i) {
      parts.push_back(json_string(type.fields[i].name) + ": " + json_value(v.list()[i], *type.fields[i].type));
    }
    return fmt::format("{{{}}}", fmt::join(parts, ", "));
  }
  for (const Value& x : v.list()) parts.push_back(json_value(x, *type.element));
  return fmt::format("[{}]", fmt::join(parts, ", "));
}

// [fact] with [var]'s place set to [x]; nullopt when the list has no element 0.
std::optional<Value> with_value(const Value& fact, const Var& var, const Value& x) {
  if (!var.element) return x;
  if (!fact.is_list() || fact.list().empty()) return std::nullopt;
  auto items = std::make_shared<std::vector<Value>>(fact.list());
  if (var.field) {
    if (!(*items)[0].is_list()) return std::nullopt;
    auto fields = std::make_shared<std::vector<Value>>((*items)[0].list());
    if (*var.field >= fields->size()) return std::nullopt;
    (*fields)[*var.field] = x;
    (*items)[0] = Value(ValueList(std::move(fields)));
  } else {
    (*items)[0] = x;
  }
  return Value(ValueList(std::move(items)));
}

std::optional<Value> value_at(const Value& fact, const Var& var) {
  if (!var.element) return fact;
  if (!fact.is_list() || fact.list().empty()) return std::nullopt;
  const Value& e = fact.list()[0];
  if (!var.field) return e;
  if (!e.is_list() || *var.field >= e.list().size()) return std::nullopt;
  return e.list()[*var.field];
}

// ---- Probes ----------------------------------------------------------------------------------

struct Outcome {
  bool refused = false;          // the facts were refused
  std::string code;              // the error code (refused, or the indicator failed)
  std::optional<Decimal> score;  // the indicator's rounded score
  int digits = 2;
  std::optional<Decimal> tested;  // the value the site tested
};

class Prober {
 public:
  Prober(const ast::Ruleset& rs, const Facts& base, std::string document)
      : rs_(rs), base_(base), document_(std::move(document)) {}

  // The overrides that set each of [changes] on the base facts, as a JSON object.
  std::optional<std::string> overrides(const std::vector<std::pair<Var, Value>>& changes) const {
    std::map<std::uint32_t, Value> facts;
    for (const auto& [var, x] : changes) {
      const Value current = facts.count(var.fact) ? facts[var.fact] : base_.values[var.fact];
      auto changed = with_value(current, var, x);
      if (!changed) return std::nullopt;
      facts[var.fact] = *changed;
    }
    std::vector<std::string> parts;
    for (const auto& [index, v] : facts) {
      parts.push_back(json_string(rs_.facts[index].name) + ": " + json_value(v, *rs_.facts[index].type));
    }
    return fmt::format("{{ {} }}", fmt::join(parts, ", "));
  }

  Outcome run(const Site& site, const std::string& overrides) const {
    Outcome out;
    std::string error;
    auto document = override_facts(document_, overrides, error);
    if (!document) {
      out.refused = true;
      out.code = "E0600";  // invalid JSON
      return out;
    }
    const FactsResult facts = load_facts(rs_, *document, "boundary");
    if (!facts.facts) {
      out.refused = true;
      for (const Diagnostic& d : facts.diagnostics.items()) {
        if (d.severity == Severity::Error) {
          out.code = d.code;
          break;
        }
      }
      return out;
    }
    std::map<std::pair<const ast::Indicator*, TestedPath>, Decimal> tested;
    EvalOptions options;
    options.trace = false;
    options.tested = &tested;
    const Evaluation eval = evaluate(rs_, *facts.facts, options);
    if (auto it = tested.find({site.indicator, site.path}); it != tested.end()) out.tested = it->second;
    const NodeResult* node = find(eval.nodes, site.indicator);
    if (node != nullptr) {
      out.score = node->score;
      out.digits = node->digits;
    }
    if (!out.score) {
      const std::string prefix = fmt::format("indicator '{}':", site.indicator->name);
      for (const Diagnostic& d : eval.diagnostics.items()) {
        if (d.severity == Severity::Error && (out.code.empty() || d.message.rfind(prefix, 0) == 0)) out.code = d.code;
        if (d.message.rfind(prefix, 0) == 0) break;
      }
    }
    return out;
  }

 private:
  static const NodeResult* find(const std::vector<NodeResult>& nodes, const ast::Indicator* ind) {
    for (const NodeResult& n : nodes) {
      if (n.indicator == ind && !n.is_section) return &n;
      if (const NodeResult* f = find(n.children, ind)) return f;
    }
    return nullptr;
  }

  const ast::Ruleset& rs_;
  const Facts& base_;
  std::string document_;
};

// [s] as a string literal of the language (dsl/grammar.hpp: the escapes \" \\ \n \t; a tab may
// also stand as it is). Not JSON: the language has no \r, \b, \f or \u escape.
std::string quote(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string show(const Decimal& d, ast::TypeKind kind) { return format_number(d, kind, 24); }

// ---- Text ------------------------------------------------------------------------------------

// [text] on one line: runs of white space become one space.
std::string one_line(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

// The block whose facts the probes start from: the ruleset's own first test, then its sibling
// .test.rubric's; [storage] keeps the sibling's syntax tree alive. Null when there is none.
const ast::TestBlock* base_block(const ast::Ruleset& rs, const std::string& ruleset_path,
                                 std::unique_ptr<ast::Ruleset>& storage) {
  if (!rs.tests.empty()) return &rs.tests.front();
  fs::path sibling(ruleset_path);
  sibling.replace_extension(".test.rubric");
  if (!fs::exists(sibling)) return nullptr;
  ParseResult parsed = parse_tests(SourceFile::read(sibling.string()));
  if (!parsed.ruleset || parsed.diagnostics.has_errors() || parsed.ruleset->tests.empty()) return nullptr;
  storage = std::move(parsed.ruleset);
  return &storage->tests.front();
}

// Writes the test block of each site, one case per target that a value of its fact reaches, and
// records in the run what it skips and how many cases it wrote.
class CaseWriter {
 public:
  CaseWriter(const ast::Ruleset& rs, const Facts& base, const Prober& prober, const Decimal& unit, BoundaryRun& run)
      : rs_(rs), base_(base), prober_(prober), unit_(unit), run_(run) {}

  // The test block of [site] under [given], or "" when no case reaches any of its bounds.
  std::string block(const Site& site, const std::string& given) {
    for (const std::string& why : site.skipped) skip(site, why);
    if (site.bounds.empty()) return "";
    if (site.indicator == nullptr) {
      skip(site, "it is evaluated in a let outside any indicator; a test expects indicator scores");
      return "";
    }
    if (!site.var) {
      skip(site, "the tested value depends on no number-like fact that a test can set");
      return "";
    }
    if (site.category.has_value() == false && site.what.rfind("judged", 0) == 0) return "";
    const Var& var = *site.var;
    const auto base_value = value_at(base_.values[var.fact], var);
    if (!base_value || !base_value->is_number()) {
      skip(site, fmt::format("{} has no element 0 in the base facts", rs_.facts[var.fact].name));
      return "";
    }
    const Decimal step = site.kind == ast::TypeKind::Percent ? unit_ / Decimal::from_int(100)
                         : var.kind == ast::TypeKind::Count && site.subject->type == ast::TypeKind::Count
                             ? Decimal::from_int(1)
                             : unit_;
    const std::string subject = one_line(rs_.slice(site.subject->span));
    std::vector<std::string> cases;
    for (const Bound& b : site.bounds) {
      BoundProbe probe{site, b, {}, base_value->number(), subject, {}};
      if (!b.member.empty()) probe.fixed.emplace_back(*site.category, Value(b.member));
      const auto base_changes = prober_.overrides(probe.fixed);
      probe.at_base = prober_.run(site, base_changes ? *base_changes : "{}");
      const struct {
        const char* where;
        Decimal target;
      } targets[] = {{"below", b.value - step}, {"at", b.value}, {"above", b.value + step}};
      for (const auto& t : targets) {
        if (auto c = target_case(probe, t.where, t.target)) cases.push_back(std::move(*c));
      }
    }
    if (cases.empty()) return "";
    run_.cases += cases.size();
    return fmt::format("\ntest {} {{\n  {}\n{}}}\n", quote(fmt::format("边界：{} / {}", owner(site), site.what)), given,
                       fmt::join(cases, ""));
  }

 private:
  // What the targets of one bound share.
  struct BoundProbe {
    const Site& site;
    const Bound& bound;
    std::vector<std::pair<Var, Value>> fixed;  // judged: the band's category
    Decimal x0;                                // the fact's value in the base facts
    std::string subject;                       // the tested value as written, on one line
    Outcome at_base;                           // the base facts with [fixed] applied
  };

  static std::string owner(const Site& site) {
    return site.indicator != nullptr ? site.indicator->name : "(let outside an indicator)";
  }

  void skip(const Site& site, const std::string& why) {
    run_.skipped.push_back(fmt::format("{}: {}: {}", owner(site), site.what, why));
  }

  // The case that puts the tested value on [target], or nullopt (and a skip) when no value of the
  // fact does.
  std::optional<std::string> target_case(const BoundProbe& p, const char* where, const Decimal& target) {
    const Site& site = p.site;
    const Var& var = *site.var;
    const auto changes = [&](const Decimal& x) {
      auto all = p.fixed;
      all.emplace_back(var, Value(x));
      return prober_.overrides(all);
    };
    // The fact's value: the target itself when the fact is the tested value, else solved for on
    // the line through the base and the target, rounded to as few decimals as make the tested
    // value exact.
    std::optional<std::string> found;
    std::string refused;  // the code the facts were last refused with
    Outcome outcome;
    const auto attempt = [&](const Decimal& x) {
      auto o = changes(x);
      if (!o) return false;
      Outcome r = prober_.run(site, *o);
      if (r.refused) refused = r.code;
      // A value outside the fact's domain is refused: a real outcome when the fact is the
      // tested value itself (the base shows s(x0) = x0).
      if (r.refused && x == target && p.at_base.tested && *p.at_base.tested == p.x0) {
        found = o;
        outcome = r;
        return true;
      }
      if (!r.tested || *r.tested != target) return false;
      found = o;
      outcome = r;
      return true;
    };
    if (!attempt(target) && p.at_base.tested) {
      // A second point of the line: the target's value itself, or (when that is the base's value,
      // as 100% = 1 is when the base has a1 = 1 and r = a1 / 4) one more than the base's.
      const Decimal x1 = target != p.x0 ? target : p.x0 + Decimal::from_int(1);
      const Outcome direct = prober_.run(site, changes(x1).value_or("{}"));
      if (direct.tested && *direct.tested != *p.at_base.tested) {
        try {
          // The tested value s(x) is taken to be linear: x = x0 + (t − s0)(x1 − x0)/(s1 − s0).
          const Decimal x = p.x0 + (target - *p.at_base.tested) * (x1 - p.x0) / (*direct.tested - *p.at_base.tested);
          for (int d = 0; d <= 12 && !found; ++d) attempt(x.round(d, RoundingMode::HalfUp));
        } catch (const DecimalError&) {
        }
      }
    }
    const Bound& b = p.bound;
    const std::string name = fmt::format("{} = {} ({} {}{})", p.subject, show(target, site.kind), where, b.text,
                                         b.member.empty() ? "" : ", " + b.member);
    if (!found) {
      skip(site, fmt::format("{} {}: no value of {} gives {} = {} exactly{}", where, b.text, site.var_text, p.subject,
                             show(target, site.kind),
                             !p.at_base.tested ? " (the base facts do not reach it)"
                             : refused.empty() ? ""
                                               : fmt::format(" (the facts refuse the values tried: {})", refused)));
      return std::nullopt;
    }
    std::string expect;
    if (outcome.refused) {
      expect = fmt::format("expect error {}", outcome.code);
    } else if (outcome.score) {
      expect = fmt::format("expect {} = {}", site.indicator->name, outcome.score->to_fixed(outcome.digits));
    } else {
      expect = fmt::format("expect {} error {}", site.indicator->name, outcome.code);
    }
    return fmt::format("  case {} with {}\n    {}\n", quote(name), *found, expect);
  }

  const ast::Ruleset& rs_;
  const Facts& base_;
  const Prober& prober_;
  Decimal unit_;
  BoundaryRun& run_;
};

}  // namespace

BoundaryRun boundary_tests(const std::string& ruleset_path) {
  BoundaryRun run;
  run.ruleset = ruleset_path;
  const LoadedRuleset loaded = load_ruleset(ruleset_path);
  run.diagnostics.append(loaded.diagnostics);
  if (!loaded.ok()) return run;
  const ast::Ruleset& rs = *loaded.ruleset;

  std::unique_ptr<ast::Ruleset> sibling_tests;
  const ast::TestBlock* block = base_block(rs, ruleset_path, sibling_tests);
  if (block == nullptr) {
    run.error =
        "no test to take the base facts from: --boundaries changes one fact at a time of the facts the ruleset's "
        "first test gives; write a test with 'given file \"…\"' (or 'given { … }') in the ruleset or its "
        ".test.rubric file";
    return run;
  }
  std::string error;
  const auto document = test_facts(ruleset_path, rs, *block, "", error);
  if (!document) {
    run.error = "the base facts: " + error;
    return run;
  }
  const FactsResult base = load_facts(rs, *document, "base facts");
  if (!base.facts) {
    run.diagnostics.append(base.diagnostics);
    return run;
  }
  const Prober prober(rs, *base.facts, *document);

  std::string given = block->given_file.empty() ? fmt::format("given {}", block->given)
                                                : fmt::format("given file {}", quote(block->given_file));
  if (!block->given_file.empty() && !block->given.empty()) given += " with " + block->given;

  const int digits = rs.rounding.digits;
  Decimal unit = Decimal::from_int(1);
  for (int i = 0; i < digits; ++i) unit = unit / Decimal::from_int(10);
  std::string text = fmt::format(
      "# Boundary cases of {}, generated by `rubric test --boundaries`: each tier, bracket and judged\n"
      "# band bound, the tested value just below, at and just above it, with the score the ruleset gives.\n"
      "# Base facts: the first test's ('{}'); each case changes one fact of them.\n"
      "# Step: the facts declare no precision, so the ruleset's rounding ({} decimals) is used: {} for\n"
      "# numbers and money, {}% for percents, 1 for counts.\n",
      fs::path(ruleset_path).filename().string(), block->name, digits, unit.to_string(), unit.to_string());

  CaseWriter writer(rs, *base.facts, prober, unit, run);
  bool truncated = false;
  for (const Site& site : boundaries::collect_sites(rs, &truncated)) text += writer.block(site, given);
  if (truncated) {
    run.skipped.push_back(fmt::format("the functions' calls were followed through {} expressions only: the tiers "
                                      "reached after that are not probed",
                                      boundaries::kMaxSiteVisits));
  }
  if (!run.skipped.empty()) {
    text += "\n# Skipped:\n";
    for (const std::string& s : run.skipped) text += "#   " + s + "\n";
  }
  run.text = std::move(text);
  return run;
}

}  // namespace rubric
