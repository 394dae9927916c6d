// The test runner and branch coverage; see testing.hpp.
#include "interpreter/tools/testing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "base/messages.hpp"
#include "dsl/parser.hpp"
#include "dsl/visit.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/batch/batch.hpp"
#include "interpreter/eval/facts.hpp"
#include "interpreter/check/loader.hpp"

namespace rubric {

std::size_t TestRun::failed() const {
  return static_cast<std::size_t>(std::count_if(cases.begin(), cases.end(), [](const CaseResult& c) { return !c.passed; }));
}

int TestRun::coverage_percent() const {
  if (branches.empty()) return 100;
  return static_cast<int>(covered * 100 / branches.size());
}

namespace {

namespace fs = std::filesystem;

const NodeResult* find_node(const std::vector<NodeResult>& nodes, const std::string& name) {
  for (const NodeResult& n : nodes) {
    if (n.name == name) return &n;
    if (const NodeResult* found = find_node(n.children, name)) return found;
  }
  return nullptr;
}

void node_names(const std::vector<NodeResult>& nodes, std::vector<std::string>& out) {
  for (const NodeResult& n : nodes) {
    out.push_back(n.name);
    node_names(n.children, out);
  }
}

std::string trace_of(const ast::Ruleset& rs, const NodeResult& node) {
  std::string out;
  for (const TraceStep& step : node.trace) {
    out += tr_format("      {}· {}  (line {})\n", std::string(static_cast<std::size_t>(step.depth) * 2, ' '), step.text,
                       rs.line_column(step.span.begin).line);
  }
  return out;
}

// Every branch of the ruleset, in source order.
class Branches {
 public:
  explicit Branches(const ast::Ruleset& rs) : rs_(rs) {}

  std::vector<std::pair<std::uint64_t, BranchInfo>> collect() {
    for (const ast::Define& d : rs_.defines) expr(*d.body, std::string(tr("function ")) + d.name);
    for (const ast::Let& l : rs_.lets) expr(*l.value, std::string(tr("let ")) + l.name);
    items(rs_.items);
    vetoes(rs_.vetoes);
    for (const ast::GradeArm& g : rs_.grades) add(Branch::Grade, g.span, std::string(tr("grade ")) + g.name);
    return std::move(out_);
  }

 private:
  void add(Branch kind, Span span, std::string what) {
    out_.push_back({branch_key(kind, span.begin), BranchInfo{std::move(what), rs_.at(span), false}});
  }
  std::string text(Span span) const {
    std::string t(rs_.slice(span));
    std::string out;
    for (char c : t) {
      const bool space = c == '\n' || c == ' ' || c == '\t' || c == '\r';
      if (space && (out.empty() || out.back() == ' ')) continue;
      out += space ? ' ' : c;
    }
    return out.size() > 60 ? out.substr(0, 57) + "…" : out;
  }
  void items(const std::vector<ast::Item>& list) {
    for (const ast::Item& item : list) {
      if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
        items((*s)->items);
        vetoes((*s)->vetoes);
        // An extra section is covered when a test's parts go past its points and are held.
        if ((*s)->extra) add(Branch::Cap, (*s)->extra_span, tr_format("extra section {} held at its limit", (*s)->name));
      }
      if (const auto* l = std::get_if<ast::Let>(&item)) expr(*l->value, std::string(tr("let ")) + l->name);
      if (const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
        // An indicator that may not apply is covered both ways: a test where it applies, one where not.
        if ((*i)->applies) {
          expr(*(*i)->applies, (*i)->name);
          add(Branch::Applies, (*i)->applies_span, tr_format("{} applies", (*i)->name));
          add(Branch::NotApplicable, (*i)->applies_span, tr_format("{} does not apply", (*i)->name));
        }
        for (const ast::Let& l : (*i)->lets) expr(*l.value, (*i)->name);
        if ((*i)->score) expr(*(*i)->score, (*i)->name);
      }
    }
  }
  // A veto is covered when a test makes it apply.
  void vetoes(const std::vector<ast::Veto>& list) {
    for (const ast::Veto& v : list) {
      expr(*v.condition, std::string(tr("veto ")) + v.text);
      add(Branch::Veto, v.span, tr_format("veto \"{}\" applies", v.text));
    }
  }
  // The branches of [e], in source order. Interval and bracket bounds, a deduction's start and
  // floor, and the parts' weights are not looked into.
  void expr(const ast::Expr& e, const std::string& owner) {
    const auto children = [&](const auto& node) {
      ast::for_each_child(node, [&](const ast::Expr& child) { expr(child, owner); });
    };
    ast::visit(e, ast::overloaded{
                      [](const ast::Leaf auto&) {},
                      [&](const ast::Member& m) { children(m); },
                      [&](const ast::Unary& u) { children(u); },
                      [&](const ast::Binary& b) { children(b); },
                      [&](const ast::Call& c) { children(c); },
                      [&](const ast::Comprehension& c) { children(c); },
                      [&](const ast::Tiered& t) { tiered(t, owner); },
                      [&](const ast::Brackets& b) { brackets(b, owner); },
                      [&](const ast::Deduct& d) { deduct(e, d, owner); },
                      [&](const ast::Weighted& w) {
                        for (const auto& part : w.parts) expr(*part.value, owner);
                      },
                      [&](const ast::Judged& j) { judged(j, owner); },
                      [&](const ast::When& w) { when(w, owner); },
                  });
  }
  void tiered(const ast::Tiered& t, const std::string& owner) {
    expr(*t.subject, owner);
    for (const auto& tier : t.tiers) {
      add(Branch::Tier, tier.span, tr_format("{}: tier {}", owner, text(tier.interval.span)));
      expr(*tier.result, owner);
    }
  }
  void brackets(const ast::Brackets& b, const std::string& owner) {
    expr(*b.subject, owner);
    for (const auto& arm : b.arms) {
      add(Branch::Bracket, arm.span, tr_format("{}: bracket {}", owner, text(arm.span)));
      expr(*arm.result, owner);
    }
  }
  void deduct(const ast::Expr& e, const ast::Deduct& d, const std::string& owner) {
    for (const auto& item : d.items) {
      add(Branch::Deduction, item.span, fmt::format("{}: {}", owner, text(item.span)));
      expr(*item.amount, owner);
      if (item.operand) expr(*item.operand, owner);
    }
    if (d.floor) add(Branch::Floor, e.span, tr_format("{}: the floor (until …) reached", owner));
  }
  void judged(const ast::Judged& j, const std::string& owner) {
    expr(*j.score, owner);
    expr(*j.category, owner);
    for (const auto& band : j.bands) {
      add(Branch::Band, band.member_span,
          tr_format("{}: judged {} {}", owner, band.value ? std::string(tr("fixed band")) : "band", band.member));
      if (band.value) expr(*band.value, owner);
    }
  }
  void when(const ast::When& w, const std::string& owner) {
    for (const auto& arm : w.arms) {
      add(Branch::WhenArm, arm.span,
          fmt::format("{}: {}", owner, arm.condition ? std::string(tr("when ")) + text(arm.condition->span) : std::string("otherwise")));
      if (arm.condition) expr(*arm.condition, owner);
      expr(*arm.result, owner);
    }
  }

  const ast::Ruleset& rs_;
  std::vector<std::pair<std::uint64_t, BranchInfo>> out_;
};

class CaseCheck;

class Runner {
 public:
  Runner(const std::string& path, const ast::Ruleset& rs, const TestOptions& options, TestRun& run)
      : path_(path), rs_(rs), options_(options), run_(run) {}

  void test(const ast::TestBlock& block, const ast::Ruleset& holder);
  std::set<std::uint64_t> covered;

 private:
  std::optional<std::string> facts_text(const ast::TestBlock& block, const ast::TestCase& c, std::string& error);
  void check(const ast::TestBlock& block, const ast::TestCase& c, const ast::Ruleset& holder);
  void expect(const ast::Expectation& e, const Evaluation& eval, CaseCheck& check, CaseResult& result);
  void expect_node(const ast::Expectation& e, const Evaluation& eval, CaseCheck& check, CaseResult& result);

  std::shared_ptr<const Cohort> cohort(const ast::TestBlock& block, std::string& error);

  const std::string& path_;
  const ast::Ruleset& rs_;
  const TestOptions& options_;
  TestRun& run_;
  std::map<std::string, std::shared_ptr<const Cohort>> cohorts_;  // by `cohort file`, read once
};


std::optional<std::string> Runner::facts_text(const ast::TestBlock& block, const ast::TestCase& c, std::string& error) {
  return test_facts(path_, rs_, block, c.overrides, error);
}

}  // namespace

namespace {

// The path of file [name] of a test in [block] (relative to the file the test is written in), if
// it lies within the ruleset's folder.
std::optional<fs::path> test_file_path(const std::string& path_, const ast::TestBlock& block, const std::string& name,
                                       std::string& error) {
  const fs::path folder = fs::path(block.file).parent_path();
  const fs::path file = folder / name;
  std::error_code ec;
  // absolute first: weakly_canonical leaves a relative path that does not exist relative, and a
  // missing file would then read as one outside the folder.
  const fs::path ruleset_folder = fs::path(path_).parent_path().empty() ? fs::path(".") : fs::path(path_).parent_path();
  const auto relative = fs::weakly_canonical(fs::absolute(file, ec), ec)
                            .lexically_relative(fs::weakly_canonical(fs::absolute(ruleset_folder, ec), ec));
  if (relative.empty() || *relative.begin() == "..") {
    error = tr_format("the facts file '{}' lies outside the ruleset's folder", name);
    return std::nullopt;
  }
  return file;
}

// The facts file [name] of a test in [block], read.
std::optional<std::string> read_test_file(const std::string& path_, const ast::TestBlock& block, const std::string& name,
                                          std::string& error) {
  const auto file = test_file_path(path_, block, name, error);
  if (!file) return std::nullopt;
  try {
    return SourceFile::read(file->string(), kFactsReadLimit)->text();
  } catch (const std::exception&) {
    error = tr_format("cannot read the facts file '{}' (relative to {})", name, block.file);
    return std::nullopt;
  }
}

}  // namespace

std::optional<std::string> test_prior(const std::string& ruleset_path, const ast::TestBlock& block, std::string& error) {
  if (!block.prior_file.empty()) return read_test_file(ruleset_path, block, block.prior_file, error);
  return fmt::format(R"({{"facts": {}}})", block.prior);
}

std::optional<std::string> test_facts(const std::string& path_, const ast::Ruleset& rs_, const ast::TestBlock& block,
                                      const std::string& overrides, std::string& error) {
  std::string document;
  if (!block.given_file.empty()) {
    auto text = read_test_file(path_, block, block.given_file, error);
    if (!text) return std::nullopt;
    document = std::move(*text);
    if (!block.given.empty()) {
      auto merged = override_facts(document, block.given, error);
      if (!merged) return std::nullopt;
      document = *merged;
    }
  } else {
    document = fmt::format(R"({{"department": "{}", "year": {}, "facts": {}}})", "test", rs_.year,
                           block.given.empty() ? "{}" : block.given);
  }
  if (!overrides.empty()) {
    auto merged = override_facts(document, overrides, error);
    if (!merged) return std::nullopt;
    document = *merged;
  }
  return document;
}

namespace {

bool has_code(const Diagnostics& d, const std::string& code) {
  return std::any_of(d.items().begin(), d.items().end(), [&](const Diagnostic& x) { return x.code == code; });
}

// The code of the error that left indicator [name] without a score; "" for a section (its parts
// failed) or when none is found.
std::string error_code_of(const Evaluation& eval, const std::string& name) {
  const NodeResult* node = find_node(eval.nodes, name);
  return node != nullptr ? node->error_code : "";
}

// One case's results, and what --update would write for each expectation that failed.
class CaseCheck {
 public:
  CaseCheck(CaseResult& result, const ast::Ruleset& holder) : result_(result), holder_(holder) {}

  // A failure an update cannot fix.
  void fail(std::string why) {
    record(std::move(why));
    ++result_.not_updatable;
  }
  // A failure fixed by writing [now] ("= 1.5", "error E0707") in place of [e]'s value.
  void fail(std::string why, const ast::Expectation& e, const std::string& what, const std::string& now) {
    record(std::move(why));
    const std::string old_text(holder_.slice(e.what_span));
    result_.updates.push_back({holder_.at(e.what_span), what, old_text, now});
  }

 private:
  void record(std::string why) {
    result_.passed = false;
    result_.failures.push_back(std::move(why));
  }
  CaseResult& result_;
  const ast::Ruleset& holder_;
};

// `cohort file "…"`: the year's departments of the test, a batch file read once for all its cases.
std::shared_ptr<const Cohort> Runner::cohort(const ast::TestBlock& block, std::string& error) {
  const auto path = test_file_path(path_, block, block.cohort_file, error);
  if (!path) return nullptr;
  auto& cached = cohorts_[path->string()];
  if (!cached) cached = read_cohort(rs_, path->string(), BatchColumns{}, error);
  if (cached && cached->refused > 0) {  // a test must not compare with fewer departments than it names
    error = tr_format("{} of the {} departments of '{}' have errors; see them with rubric batch", cached->refused,
                        cached->refused + cached->departments, block.cohort_file);
    return nullptr;
  }
  return cached;
}

void Runner::check(const ast::TestBlock& block, const ast::TestCase& c, const ast::Ruleset& holder) {
  CaseResult result;
  result.test = block.name;
  result.name = c.name;
  result.location = holder.at(c.span);
  CaseCheck check(result, holder);
  std::string error;
  const auto text = facts_text(block, c, error);
  if (!text) {
    check.fail(std::string(tr("facts: ")) + error);
    run_.cases.push_back(std::move(result));
    return;
  }
  FactsResult facts =
      load_facts(rs_, *text, fmt::format("{} / {}", block.name, c.name), FactsOptions{options_.allow_unknown_facts});
  if (facts.facts && (!block.prior.empty() || !block.prior_file.empty())) {
    const auto prior = test_prior(path_, block, error);
    const Diagnostics d = prior ? attach_prior(rs_, *facts.facts, *prior, block.prior_file.empty() ? "prior" : block.prior_file)
                                : Diagnostics{};
    if (!prior || d.has_errors()) {
      check.fail(prior ? std::string(tr("last year's facts (prior) have errors:\n")) + render(d, false) : std::string(tr("last year's facts (prior): ")) + error);
      run_.cases.push_back(std::move(result));
      return;
    }
  }
  if (facts.facts && !block.cohort_file.empty()) {
    facts.facts->cohort = cohort(block, error);
    if (!facts.facts->cohort) {
      check.fail(std::string(tr("the year's departments (cohort): ")) + error);
      run_.cases.push_back(std::move(result));
      return;
    }
  }
  if (!facts.facts) {
    bool expected = false;
    for (const ast::Expectation& e : c.expectations) {
      if (e.target == ast::ExpectTarget::Facts && has_code(facts.diagnostics, e.error_code)) expected = true;
    }
    if (!expected) check.fail(std::string(tr("the facts were refused:\n")) + render(facts.diagnostics, false));
    run_.cases.push_back(std::move(result));
    return;
  }
  EvalOptions options;
  options.coverage = &covered;
  const Evaluation eval = evaluate(rs_, *facts.facts, options);
  for (const ast::Expectation& e : c.expectations) expect(e, eval, check, result);
  run_.cases.push_back(std::move(result));
}

void Runner::expect(const ast::Expectation& e, const Evaluation& eval, CaseCheck& check, CaseResult& result) {
  switch (e.target) {
    case ast::ExpectTarget::Facts:
      check.fail(tr_format("expected the facts to be refused with {}, but they were accepted", e.error_code));
      return;
    case ast::ExpectTarget::Total: {
      const std::string no_total = eval.diagnostics.items().empty() ? "" : eval.diagnostics.items().front().code;
      if (!e.error_code.empty()) {
        if (eval.total) {
          check.fail(tr_format("expected no total ({}), got {}", e.error_code, eval.total->to_string()), e, "total",
                     "= " + eval.total->to_string());
        }
      } else if (!eval.total) {
        const std::string why = tr_format("total: expected {}, but some indicator could not be scored:\n{}",
                                            e.number->to_string(), render(eval.diagnostics, false));
        if (no_total.empty()) {
          check.fail(why);
        } else {
          check.fail(why, e, "total", "error " + no_total);
        }
      } else if (*eval.total != *e.number) {
        check.fail(tr_format("total: expected {}, got {}", e.number->to_string(), eval.total->to_string()), e,
                   "total", "= " + eval.total->to_string());
      }
      return;
    }
    case ast::ExpectTarget::Grade: {
      if (eval.grade == e.text) return;
      // A grade the ruleset does not have can never be given: say so, with the one meant.
      std::vector<std::string> grades;
      for (const ast::GradeArm& g : rs_.grades) grades.push_back(g.name);
      std::string unknown;
      if (std::find(grades.begin(), grades.end(), e.text) == grades.end()) {
        unknown = tr_format(" (the ruleset has no grade '{}'", e.text);
        if (auto guess = closest_match(e.text, grades)) unknown += tr_format("; did you mean '{}'?", *guess);
        unknown += ")";
      }
      if (eval.total) {
        check.fail(tr_format("grade: expected {}, got {}{}", e.text, eval.grade, unknown), e, "grade",
                   "= " + eval.grade);
      } else {
        check.fail(tr_format("grade: expected {}, got none{}", e.text, unknown));
      }
      return;
    }
    case ast::ExpectTarget::Indicator:
      expect_node(e, eval, check, result);
      return;
  }
}

void Runner::expect_node(const ast::Expectation& e, const Evaluation& eval, CaseCheck& check, CaseResult& result) {
  const NodeResult* node = find_node(eval.nodes, e.name);
  if (node == nullptr) {
    std::vector<std::string> names;
    node_names(eval.nodes, names);
    std::string why = tr_format("the ruleset has no indicator or section '{}'", e.name);
    if (auto guess = closest_match(e.name, names)) why += tr_format(" (did you mean '{}'?)", *guess);
    check.fail(why);
    return;
  }
  if (!e.error_code.empty()) {
    if (node->score || !has_code(eval.diagnostics, e.error_code)) {
      const std::string why = tr_format("{}: expected error {}, got {}", e.name, e.error_code,
                                          node->score ? node->score->to_string() : std::string(tr("another error: ")) + node->error);
      const std::string code = node->score ? "" : error_code_of(eval, e.name);
      if (node->score) {
        check.fail(why, e, e.name, "= " + node->score->to_string());
      } else if (!code.empty()) {
        check.fail(why, e, e.name, "error " + code);
      } else {
        check.fail(why);
      }
      result.trace += tr_format("    {}:\n{}", e.name, trace_of(rs_, *node));
    }
  } else if (!e.number) {  // `= 不适用`
    const bool not_applicable = !node->applies || node->not_applicable != NodeResult::NotApplicable::No;
    if (!not_applicable) {
      const std::string got = node->score ? "= " + node->score->to_string() : "error " + error_code_of(eval, e.name);
      check.fail(tr_format("{}: expected 不适用, but it applies: {}", e.name, got), e, e.name, got);
    }
  } else if (!node->applies) {
    check.fail(tr_format("{}: expected {}, but it does not apply (不适用)", e.name, e.number->to_string()), e, e.name,
               "= 不适用");
  } else if (!node->score) {
    const std::string why =
        tr_format("{}: expected {}, but it could not be scored: {}", e.name, e.number->to_string(), node->error);
    const std::string code = error_code_of(eval, e.name);
    if (code.empty()) {
      check.fail(why);
    } else {
      check.fail(why, e, e.name, "error " + code);
    }
  } else if (*node->score != *e.number) {
    check.fail(tr_format("{}: expected {}, got {}", e.name, e.number->to_string(), node->score->to_string()), e,
               e.name, "= " + node->score->to_string());
    result.trace += tr_format("    {}:\n{}", e.name, trace_of(rs_, *node));
  }
}

void Runner::test(const ast::TestBlock& block, const ast::Ruleset& holder) {
  for (const ast::TestCase& c : block.cases) {
    const std::string full = block.name == c.name ? block.name : block.name + " / " + c.name;
    for (const std::string* name : {&full, &block.name, &c.name}) {
      if (std::find(run_.names.begin(), run_.names.end(), *name) == run_.names.end()) run_.names.push_back(*name);
    }
    if (!options_.filter.empty() && full.find(options_.filter) == std::string::npos) continue;
    check(block, c, holder);
  }
}

}  // namespace

TestRun run_tests(const std::string& ruleset_path, const TestOptions& options) {
  TestRun run;
  run.ruleset = ruleset_path;
  const LoadedRuleset loaded = load_ruleset(ruleset_path);
  run.diagnostics.append(loaded.diagnostics);
  if (!loaded.ok()) return run;
  const ast::Ruleset& rs = *loaded.ruleset;
  Runner runner(ruleset_path, rs, options, run);
  for (const ast::TestBlock& block : rs.tests) runner.test(block, rs);
  // The sibling test file.
  fs::path sibling(ruleset_path);
  sibling.replace_extension(".test.rubric");
  std::unique_ptr<ast::Ruleset> tests;
  if (fs::exists(sibling)) {
    ParseResult parsed = parse_tests(SourceFile::read(sibling.string()));
    run.diagnostics.append(parsed.diagnostics);
    if (parsed.ruleset && !parsed.diagnostics.has_errors()) {
      for (const ast::TestBlock& block : parsed.ruleset->tests) runner.test(block, *parsed.ruleset);
    }
  }
  for (auto& [key, info] : Branches(rs).collect()) {
    info.covered = runner.covered.count(key) > 0;
    if (info.covered) ++run.covered;
    run.branches.push_back(std::move(info));
  }
  return run;
}

std::vector<UpdatedFile> apply_updates(const std::vector<TestRun>& runs, std::vector<std::string>& conflicts) {
  // Per file, the updates by where they start; one place rewritten two ways is a conflict.
  struct Pending {
    SourcePtr file;
    std::map<std::uint32_t, const ExpectationUpdate*> edits;
    std::set<std::uint32_t> conflicting;
  };
  std::vector<Pending> files;
  for (const TestRun& run : runs) {
    for (const CaseResult& c : run.cases) {
      for (const ExpectationUpdate& u : c.updates) {
        auto it = std::find_if(files.begin(), files.end(), [&](const Pending& p) { return p.file == u.location.file; });
        if (it == files.end()) it = files.insert(files.end(), Pending{u.location.file, {}, {}});
        const auto [at, inserted] = it->edits.emplace(u.location.span->begin, &u);
        if (!inserted && at->second->new_text != u.new_text && it->conflicting.insert(at->first).second) {
          const LineColumn lc = u.location.file->line_column(at->first);
          conflicts.push_back(tr_format("{}:{}: {}: the cases of this test give {} and {}; not updated",
                                          u.location.file->path(), lc.line, u.what, at->second->new_text.substr(0),
                                          u.new_text));
        }
      }
    }
  }
  std::vector<UpdatedFile> out;
  for (Pending& p : files) {
    for (std::uint32_t begin : p.conflicting) p.edits.erase(begin);
    if (p.edits.empty()) continue;
    UpdatedFile updated{p.file->path(), p.file->text(), {}};
    // From the end of the file back, so that the offsets still ahead stay right.
    for (auto it = p.edits.rbegin(); it != p.edits.rend(); ++it) {
      const Span span = *it->second->location.span;
      updated.text.replace(span.begin, span.end - span.begin, it->second->new_text);
    }
    for (const auto& [begin, u] : p.edits) updated.applied.push_back(u);
    out.push_back(std::move(updated));
  }
  return out;
}

}  // namespace rubric
