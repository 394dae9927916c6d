// Evaluation only, and ruleset load: Rubric (compiled plan, and the tree evaluator) against the
// 2023 rules written by hand in C++, with Decimal (handwritten.cpp) and in int64 fixed point
// (handwritten_fixed.cpp), on the same generated departments in the same run. Before measuring,
// every department is scored by all four and they must agree on every indicator's score, the
// total and the grade.
//
//   rubric_bench_eval RULESET DATA.csv DATA.jsonl [Google Benchmark flags]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "handwritten.hpp"
#include "handwritten_fixed.hpp"
#include "interpreter/eval/plan.hpp"
#include "rubric/rubric.hpp"

namespace {

std::string g_ruleset_path;
std::string g_ruleset_text;
std::shared_ptr<const rubric::ast::Ruleset> g_ruleset;
std::unique_ptr<rubric::Plan> g_plan;
std::vector<rubric::Facts> g_facts;
std::vector<handwritten::Department> g_departments;
std::vector<handwritten::fixed::Department> g_fixed;

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool load(const std::string& csv, const std::string& jsonl) {
  g_ruleset_text = read_all(g_ruleset_path);
  rubric::LoadedRuleset loaded = rubric::load_ruleset_source(g_ruleset_path, g_ruleset_text);
  if (!loaded.ok()) {
    std::fputs(rubric::render(loaded.diagnostics).c_str(), stderr);
    return false;
  }
  g_ruleset = loaded.ruleset;
  g_plan = std::make_unique<rubric::Plan>(*g_ruleset);
  std::ifstream lines(jsonl);
  std::size_t n = 0;
  for (std::string line; std::getline(lines, line);) {
    rubric::FactsResult f = rubric::load_facts(*g_ruleset, line, "line " + std::to_string(++n));
    if (!f.facts) {
      std::fputs(rubric::render(f.diagnostics).c_str(), stderr);
      return false;
    }
    g_facts.push_back(std::move(*f.facts));
  }
  std::ifstream rows(csv);
  handwritten::CsvReader reader;
  std::string line;
  std::getline(rows, line);
  if (!reader.header(line)) return false;
  while (std::getline(rows, line)) {
    g_departments.emplace_back();
    reader.row(line, g_departments.back());
    g_fixed.push_back(handwritten::fixed::convert(g_departments.back()));
  }
  return g_facts.size() == g_departments.size() && !g_facts.empty();
}

// Every implementation must give every department the same scores, total and grade.
bool agree() {
  std::size_t differ = 0;
  for (std::size_t i = 0; i < g_facts.size(); ++i) {
    const handwritten::Result h = handwritten::score(g_departments[i]);
    const handwritten::fixed::Result f = handwritten::fixed::score(g_fixed[i]);
    const rubric::PlanResult p = g_plan->evaluate(g_facts[i]);
    rubric::EvalOptions options;
    options.trace = false;
    const rubric::Evaluation t = rubric::evaluate(*g_ruleset, g_facts[i], options);
    bool same = p.total && t.total && *p.total == h.total && *t.total == h.total && p.grade >= 0 &&
                g_ruleset->grades[static_cast<std::size_t>(p.grade)].name == h.grade && t.grade == h.grade &&
                p.scores.size() == h.scores.size();
    for (std::size_t k = 0; same && k < h.scores.size(); ++k) same = p.scores[k] && *p.scores[k] == h.scores[k];
    same = same && rubric::Decimal::from_parts(f.total, 2) == h.total && std::string_view(f.grade) == h.grade;
    for (std::size_t k = 0; same && k < h.scores.size(); ++k) same = rubric::Decimal::from_parts(f.cents[k], 2) == h.scores[k];
    if (!same && ++differ <= 5) {
      std::fprintf(stderr, "department %zu: hand-written %s %s, int64 %s, plan %s, tree %s\n", i + 1,
                   h.total.to_string().c_str(), h.grade, rubric::Decimal::from_parts(f.total, 2).to_string().c_str(),
                   p.total ? p.total->to_string().c_str() : "-", t.total ? t.total->to_string().c_str() : "-");
      for (const auto& e : p.errors) std::fprintf(stderr, "  %s\n", e.c_str());
    }
  }
  std::fprintf(stderr, "agreement: %zu departments, %zu differ\n", g_facts.size(), differ);
  return differ == 0;
}

// How many departments a benchmark cycles through: all of them (10,000: their data is mostly out
// of the caches, as in the runs this file has always reported), or the first 100 (argument 100:
// their data stays in the caches, as a batch row's facts are, built just before they are scored).
std::size_t cycle(const benchmark::State& state, std::size_t all) {
  return std::min<std::size_t>(all, static_cast<std::size_t>(state.range(0)));
}

void BM_Handwritten(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(handwritten::score(g_departments[i]));
    if (++i == cycle(state, g_departments.size())) i = 0;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_HandwrittenFixed(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(handwritten::fixed::score(g_fixed[i]));
    if (++i == cycle(state, g_fixed.size())) i = 0;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// As `rubric batch` calls it: into a result whose storage is reused from one department to the next.
void BM_RubricPlan(benchmark::State& state) {
  std::size_t i = 0;
  rubric::PlanResult result;
  for (auto _ : state) {
    g_plan->evaluate(g_facts[i], result);
    benchmark::DoNotOptimize(result);
    if (++i == cycle(state, g_facts.size())) i = 0;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// As `rubric batch --report` calls it: the plan also gives every tested value to a sink that keeps
// which tier bounds the department is near (interpreter/tools/crowding.hpp), taken after each one.
void BM_RubricPlanCrowding(benchmark::State& state) {
  static const rubric::BoundCrowding crowding(*g_ruleset);
  rubric::BoundCrowding::Department sink(crowding);
  std::vector<std::uint32_t> kept;
  std::size_t i = 0;
  rubric::PlanResult result;
  for (auto _ : state) {
    g_plan->evaluate(g_facts[i], result, &sink);
    sink.take(kept);
    benchmark::DoNotOptimize(result);
    benchmark::DoNotOptimize(kept);
    if (++i == cycle(state, g_facts.size())) i = 0;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_RubricTree(benchmark::State& state) {
  rubric::EvalOptions options;
  options.trace = false;
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(rubric::evaluate(*g_ruleset, g_facts[i], options));
    if (++i == cycle(state, g_facts.size())) i = 0;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_LoadRuleset(benchmark::State& state) {
  for (auto _ : state) {
    rubric::LoadedRuleset loaded = rubric::load_ruleset_source(g_ruleset_path, g_ruleset_text);
    rubric::Plan plan(*loaded.ruleset);
    benchmark::DoNotOptimize(plan);
  }
}

// What `rubric check` does to the ruleset: parse, check and analyse it, then look for facts that
// prove what the analysis was unsure of (witness.hpp). Arg 0 without the monotonicity analysis,
// 1 with it (W0407): the baseline and the figure, in the same run.
void BM_CheckRuleset(benchmark::State& state) {
  rubric::LoadOptions options;
  options.monotonicity = state.range(0) == 1;
  for (auto _ : state) {
    const rubric::LoadedRuleset loaded = rubric::load_ruleset_source(g_ruleset_path, g_ruleset_text, options);
    benchmark::DoNotOptimize(rubric::with_witnesses(loaded));
  }
}

// rubric whatif for one generated department, aiming 2 points above its total (below 100): one
// question, to set against one evaluation (BM_RubricTree) in the same run.
void BM_Whatif(benchmark::State& state) {
  rubric::EvalOptions options;
  options.trace = false;
  const rubric::Facts& facts = g_facts[0];
  const rubric::Evaluation now = rubric::evaluate(*g_ruleset, facts, options);
  const rubric::Decimal aim = std::min(*now.total + rubric::Decimal::from_int(2), rubric::Decimal::from_int(100));
  const rubric::whatif::Target target{"", aim};
  std::size_t evaluations = 0;
  for (auto _ : state) {
    const rubric::whatif::Answer answer = rubric::whatif::what_if(*g_ruleset, facts, target);
    evaluations = answer.evaluations;
    benchmark::DoNotOptimize(answer);
  }
  state.counters["evaluations"] = static_cast<double>(evaluations);
}

}  // namespace

BENCHMARK(BM_Whatif)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CheckRuleset)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Handwritten)->Arg(1'000'000)->Arg(100);
BENCHMARK(BM_HandwrittenFixed)->Arg(1'000'000)->Arg(100);
BENCHMARK(BM_RubricPlan)->Arg(1'000'000)->Arg(100);
BENCHMARK(BM_RubricPlanCrowding)->Arg(1'000'000)->Arg(100);
BENCHMARK(BM_RubricTree)->Arg(1'000'000)->Arg(100);
BENCHMARK(BM_LoadRuleset)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc != 4) {
    std::fprintf(stderr, "usage: rubric_bench_eval RULESET DATA.csv DATA.jsonl [benchmark flags]\n");
    return 2;
  }
  g_ruleset_path = argv[1];
  if (!load(argv[2], argv[3])) {
    std::fprintf(stderr, "cannot load the ruleset or the data\n");
    return 1;
  }
  if (!agree()) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
