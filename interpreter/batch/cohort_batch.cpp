// The year's departments of a batch file, read whole before any is scored (the first of the two
// passes of a batch whose rules compare departments); see batch.hpp.
#include <fmt/format.h>

#include "interpreter/batch/prior.hpp"
#include "base/messages.hpp"
#include "interpreter/eval/cohort.hpp"

namespace rubric {

std::shared_ptr<const Cohort> read_cohort(const ast::Ruleset& rs, const std::string& path, const BatchColumns& columns,
                                          std::string& fatal) {
  CohortBuilder builder(rs, path);
  FactsOptions options;
  options.batch_row = true;
  options.only = &rs.cohort_facts;  // a row's other facts do not change the year's figures
  fatal = batch::for_each_document(rs, path, columns, [&](const std::string& document, std::size_t, const std::string&) {
    const FactsResult facts = load_facts(rs, document, path, options);
    if (facts.facts) {
      builder.add(*facts.facts);
    } else {
      builder.refuse();
    }
  });
  if (!fatal.empty()) return nullptr;
  return builder.finish();
}

namespace batch {

// A batch whose rules compare its departments (year_mean(FACT) …) reads its input twice, so it
// must be a file whose name says its format.
bool twice_readable(const BatchOptions& options, BatchResult& result) {
  if (options.input == "-" || !batch_format_of(options.input)) {
    result.fatal = tr_format("{}: the ruleset compares each department with the year's others (year_mean(…) …), so "
                               "the input is read twice, first for the year's figures: give a .csv or .jsonl file, not {}",
                               options.input == "-" ? "<stdin>" : options.input,
                               options.input == "-" ? std::string(tr("standard input")) : std::string(tr("a file of another name")));
    return false;
  }
  return true;
}

// The first pass of such a batch: the input read whole, every row's facts into the cohort.
bool cohort_pass(const ast::Ruleset& rs, const BatchOptions& options, BatchResult& result,
                 std::shared_ptr<const Cohort>& cohort) {
  cohort = read_cohort(rs, options.input, options.columns, result.fatal);
  if (!cohort) return false;
  if (cohort->refused > 0) {
    result.summary.warnings.push_back(tr_format("{} of {} departments have errors in the facts compared across the year (year_mean(…) …) and are not in the "
        "year's figures the others are scored against; correct them and run the batch again, since they change the "
        "others' scores",
        cohort->refused, cohort->refused + cohort->departments));
  }
  return true;
}

}  // namespace batch

}  // namespace rubric
