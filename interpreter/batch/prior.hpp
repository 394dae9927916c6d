// Last year's batch (`rubric batch … --prior FILE`): each department's facts of last year, read
// whole before the batch starts, for the rules that read prior(FACT). A row of this year's batch
// finds its department's row by id, or by name when it has no id (docs/batch.md, "Last year's
// figures"). Only the facts the ruleset reads with prior(…) are read from it; its other columns or
// keys are last year's and are not looked at.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "dsl/ast.hpp"
#include "interpreter/batch/batch.hpp"
#include "interpreter/eval/facts.hpp"

namespace rubric::batch {

struct PriorRow {
  std::shared_ptr<const PriorFacts> facts;  // null when the row has errors
  std::string error;                        // why it cannot be used: its errors, or a second row of its key
  std::size_t line = 0;                     // where it starts in last year's file
  bool twice = false;                       // [error] says the key has two rows (the first two)
};

struct PriorBatch {
  std::string file;
  std::map<std::string, PriorRow> by_id;
  std::map<std::string, PriorRow> by_name;
  std::string fatal;  // why the file cannot be used at all
};

// Calls [row] with each row of the batch file [path] (.csv, .jsonl or .ndjson; [columns] as for
// the batch's own CSV input) as a facts document, its first line and its CSV id cell ("" for JSON
// Lines); a CSV header may have columns [rs] does not declare. Why the file cannot be read, or "".
std::string for_each_document(const ast::Ruleset& rs, const std::string& path, const BatchColumns& columns,
                              const std::function<void(const std::string&, std::size_t, const std::string&)>& row);

// A batch whose rules compare its departments (year_mean(FACT) …) reads its input twice: false,
// with [result].fatal, when it is standard input or its name says no format (cohort_batch.cpp).
bool twice_readable(const BatchOptions& options, BatchResult& result);
// The first pass of such a batch: every row's facts into [cohort]; false when the input cannot
// be read (cohort_batch.cpp).
bool cohort_pass(const ast::Ruleset& rs, const BatchOptions& options, BatchResult& result,
                 std::shared_ptr<const Cohort>& cohort);

// Reads [path] (.csv, .jsonl or .ndjson; [columns] as for the batch's own CSV input).
PriorBatch read_prior_batch(const ast::Ruleset& rs, const std::string& path, const BatchColumns& columns);

// The row of [prior] for a department of this year's batch, with [id] (may be "") and [name]:
// by id when both batches have ids, else by name; null when there is none.
const PriorRow* find_prior(const PriorBatch& prior, const std::string& id, const std::string& name);

}  // namespace rubric::batch
