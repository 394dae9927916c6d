// Scoring departments under two rulesets; see impact.hpp.
#include "interpreter/tools/impact.hpp"
#include "base/messages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "base/csv_reader.hpp"
#include "base/output_file.hpp"
#include "interpreter/batch/batch.hpp"
#include "interpreter/batch/scoring.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/plan.hpp"

namespace rubric {

std::vector<ImpactRow> compute_impact(const ast::Ruleset& old_ruleset, const ast::Ruleset& new_ruleset,
                                      const std::vector<std::string>& facts_files, const FactsOptions& options,
                                      ImpactCrowding* crowding) {
  std::vector<ImpactRow> rows;
  for (const std::string& file : facts_files) {
    ImpactRow row;
    row.file = file;
    std::string text;
    try {
      text = SourceFile::read(file, kFactsReadLimit)->text();
    } catch (const std::exception& e) {
      row.error = e.what();
      rows.push_back(std::move(row));
      continue;
    }
    const auto score = [&](const ast::Ruleset& rs, std::optional<Decimal>& total, std::string& grade,
                           std::vector<std::optional<Decimal>>& scores, BoundCrowding* bounds, const char* side) {
      const FactsResult facts = load_facts(rs, text, file, options);
      if (!facts.facts) {
        const auto& items = facts.diagnostics.items();
        const auto& first = *std::find_if(items.begin(), items.end(),
                                          [](const Diagnostic& d) { return d.severity == Severity::Error; });
        row.error = tr_format("{} ruleset: {}{}", tr(side),
                                first.location.json_path.empty() ? "" : first.location.json_path + ": ", first.message);
        return;
      }
      if (row.department.empty()) row.department = facts.facts->department;
      EvalOptions untraced;
      untraced.trace = false;
      std::optional<BoundCrowding::Department> tested;
      if (bounds != nullptr) untraced.every_tested = &tested.emplace(*bounds);
      const Evaluation e = evaluate(rs, *facts.facts, untraced);
      if (!e.total) {
        row.error = tr_format("{} ruleset: {}", tr(side),
                                e.diagnostics.empty() ? std::string(tr("no total")) : e.diagnostics.items().front().message);
        return;
      }
      total = e.total;
      grade = e.grade;
      PlanResult read;
      read_evaluation(rs, e, read);
      scores = std::move(read.scores);
      if (bounds != nullptr) bounds->add(*tested);
    };
    score(old_ruleset, row.old_total, row.old_grade, row.old_scores, crowding ? &crowding->old_bounds : nullptr, tr_later("old"));
    score(new_ruleset, row.new_total, row.new_grade, row.new_scores, crowding ? &crowding->new_bounds : nullptr, tr_later("new"));
    if (row.department.empty()) row.department = file;
    rows.push_back(std::move(row));
  }
  sort_impact(rows);
  return rows;
}

void sort_impact(std::vector<ImpactRow>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const ImpactRow& a, const ImpactRow& b) {
    const auto x = a.change();
    const auto y = b.change();
    if (x.has_value() != y.has_value()) return x.has_value();
    if (!x) return false;
    return x->abs() > y->abs();
  });
}

namespace {

// One department of a batch's results file, as `rubric batch` wrote it.
struct ResultRow {
  std::string id;
  std::string department;
  std::optional<Decimal> total;
  std::string grade;
  std::vector<std::optional<Decimal>> scores;
  std::string error;
};

// A text cell of the results CSV as it was before the formula-injection guard put a ' in front
// (docs/batch.md, "Output": the guard keeps the value recoverable).
std::string unguarded(const std::string& cell) {
  if (cell.size() >= 2 && cell[0] == '\'' && std::string_view("=+-@\t\r").find(cell[1]) != std::string_view::npos) {
    return cell.substr(1);
  }
  return cell;
}

// Scores [input] with [ruleset] as `rubric batch` does, into a scratch results file read back.
std::string score_batch(const ast::Ruleset& ruleset, const std::string& input, const FactsOptions& options,
                        const BatchColumns& named, std::vector<ResultRow>& out, BoundCrowding* crowding) {
  const ScratchFile results("rubric-impact");
  BatchOptions batch;
  batch.input = input;
  batch.output = results.path() + ".csv";
  batch.allow_unknown_facts = options.allow_unknown;
  batch.columns = named;
  if (crowding != nullptr) {
    batch.tested_sink = [crowding] { return crowding->sink(); };
    batch.on_tested = [crowding](std::size_t, const std::vector<std::uint32_t>& kept) { crowding->add(kept); };
  }
  // Removed when done, and by the cleanup handlers if rubric is killed first.
  struct Remove {
    std::string path;
    int slot = register_temporary(path);
    ~Remove() {
      std::remove(path.c_str());
      unregister_temporary(slot);
    }
  } remove{batch.output};
  const BatchResult result = run_batch(ruleset, batch);
  if (!result.fatal.empty()) return result.fatal;
  CsvRecords records(batch.output);
  std::vector<std::string> fields;
  if (!records.next(fields)) return std::string(tr("the results could not be read back"));
  const std::size_t columns = fields.size();  // row,id,department,total,grade,…indicators…,[vetoes,]error
  std::vector<batch::Leaf> leaves;  // the score columns, as the batch wrote them
  batch::collect_leaves(ruleset, ruleset.items, leaves);
  const std::size_t scores_end = std::min(columns - 1, 5 + leaves.size());
  while (records.next(fields)) {
    if (fields.size() != columns || columns < 6) return std::string(tr("the results could not be read back"));
    ResultRow row;
    row.id = unguarded(fields[1]);
    row.department = unguarded(fields[2]);
    if (!fields[3].empty()) row.total = Decimal::parse(fields[3]);
    row.grade = unguarded(fields[4]);
    for (std::size_t c = 5; c < scores_end; ++c) {
      row.scores.push_back(fields[c].empty() ? std::nullopt : Decimal::parse(fields[c]));
    }
    row.error = unguarded(fields.back());
    out.push_back(std::move(row));
  }
  return "";
}

}  // namespace

std::string compute_batch_impact(const ast::Ruleset& old_ruleset, const ast::Ruleset& new_ruleset,
                                 const std::string& input, const FactsOptions& options, const BatchColumns& columns,
                                 std::vector<ImpactRow>& rows, ImpactCrowding* crowding) {
  std::vector<ResultRow> before;
  std::vector<ResultRow> after;
  if (std::string fatal = score_batch(old_ruleset, input, options, columns, before, crowding ? &crowding->old_bounds : nullptr); !fatal.empty()) {
    return std::string(tr("old ruleset: ")) + fatal;
  }
  if (std::string fatal = score_batch(new_ruleset, input, options, columns, after, crowding ? &crowding->new_bounds : nullptr); !fatal.empty()) {
    return std::string(tr("new ruleset: ")) + fatal;
  }
  for (std::size_t i = 0; i < std::max(before.size(), after.size()); ++i) {
    ImpactRow row;
    row.file = tr_format("{} row {}", input, i + 1);
    const ResultRow* a = i < before.size() ? &before[i] : nullptr;
    const ResultRow* b = i < after.size() ? &after[i] : nullptr;
    row.department = a && !a->department.empty() ? a->department : b ? b->department : "";
    if (row.department.empty()) row.department = row.file;
    if (a) {
      row.old_total = a->total;
      row.old_grade = a->grade;
      if (a->total) row.old_scores = a->scores;
    }
    if (b) {
      row.new_total = b->total;
      row.new_grade = b->grade;
      if (b->total) row.new_scores = b->scores;
    }
    if (a && !a->error.empty()) {
      row.error = std::string(tr("old ruleset: ")) + a->error;
    } else if (b && !b->error.empty()) {
      row.error = std::string(tr("new ruleset: ")) + b->error;
    }
    rows.push_back(std::move(row));
  }
  return "";
}

}  // namespace rubric
