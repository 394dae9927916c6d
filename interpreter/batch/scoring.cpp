// Scoring one row of a batch; see scoring.hpp.
#include "interpreter/batch/scoring.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <variant>

#include "base/messages.hpp"
#include "interpreter/eval/evaluator.hpp"

namespace rubric::batch {

void collect_leaves(const ast::Ruleset& rs, const std::vector<ast::Item>& items, std::vector<Leaf>& out) {
  for (const ast::Item& item : items) {
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) collect_leaves(rs, (*s)->items, out);
    if (const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
      out.push_back({(*i)->name, (*i)->rounding ? (*i)->rounding->digits : rs.rounding.digits});
    }
  }
}

Scorer::Scorer(const ast::Ruleset& rs, const Plan* plan, std::size_t leaves, FactsOptions facts_options,
               const PriorBatch* prior, std::shared_ptr<const Cohort> cohort)
    : rs_(rs), plan_(plan), leaves_(leaves), facts_options_(facts_options), prior_(prior), cohort_(std::move(cohort)) {
  facts_options_.batch_row = true;  // a JSON Lines row may name its id
}

void Scorer::score(const std::string& document, bool csv, RowResult& out, const std::vector<UnreadableCell>& unreadable) {
  FactsResult facts = load_facts(rs_, document, "row", facts_options_);
  if (!csv) out.id = std::move(facts.id);  // a JSON Lines row's "id"; a CSV row's is its cell
  std::vector<std::string> errors;
  for (const UnreadableCell& u : unreadable) {
    errors.push_back(u.error);
    out.problems.push_back({"", u.error, u.column, ""});
  }
  for (const Diagnostic& d : facts.diagnostics.items()) {
    if (d.severity != Severity::Error) continue;
    const std::string& path = d.location.json_path;
    if (path.empty() && !csv && d.location.file && d.location.span) {
      // A syntax error of a JSON Lines row: the line is the row; the column says where.
      errors.push_back(tr_format("at column {}: {}", d.location.file->line_column(d.location.span->begin).column, d.message));
      out.problems.push_back({d.code, errors.back(), "", ""});
    } else if (path.empty() || path == "(document)") {
      errors.push_back(d.message);
      out.problems.push_back({d.code, d.message, "", ""});
    } else if (csv) {
      const std::string column = column_of(path);
      const auto same = [&](const UnreadableCell& u) { return u.column == column; };
      if (std::none_of(unreadable.begin(), unreadable.end(), same)) {
        errors.push_back(tr_format("column {}: {}", column, d.message));
        out.problems.push_back({d.code, d.message, column, ""});
      }
    } else {
      errors.push_back(fmt::format("{}: {}", path, d.message));
      out.problems.push_back({d.code, d.message, "", path});
    }
  }
  out.scores.assign(leaves_, std::nullopt);
  if (!facts.facts || !unreadable.empty()) {
    out.error = fmt::format("{}", fmt::join(errors, "; "));
    return;
  }
  facts.facts->cohort = cohort_;
  score(*facts.facts, errors, out);
}

const Facts* Scorer::with_prior(const Facts& facts, std::vector<std::string>& errors, RowResult& out) {
  const PriorRow* row = find_prior(*prior_, out.id, out.department);
  std::string why;
  if (row == nullptr) {
    why = tr_format("last year's batch {} has no row for {}", prior_->file,
                      out.id.empty() ? fmt::format("\"{}\"", out.department) : tr_format("id {}", out.id));
  } else if (!row->facts) {
    why = row->error;
  } else if (row->facts->year && facts.year && *row->facts->year != *facts.year - 1) {
    why = tr_format("the row of last year's batch ({}) is of {}, not of {}", row->facts->file, *row->facts->year,
                      *facts.year - 1);
  }
  if (!why.empty()) {
    out.problems.push_back({"", why, "", ""});
    errors.push_back(std::move(why));
    out.error = fmt::format("{}", fmt::join(errors, "; "));
    return nullptr;
  }
  with_prior_ = facts;
  with_prior_.prior = row->facts;
  return &with_prior_;
}

void Scorer::score(const Facts& given, std::vector<std::string>& errors, RowResult& out) {
  out.scores.assign(leaves_, std::nullopt);
  if (out.department.empty()) out.department = given.department == "row" ? "" : given.department;
  const Facts* row = prior_ != nullptr ? with_prior(given, errors, out) : &given;
  if (row == nullptr) return;
  if (cohort_ && row->cohort != cohort_) {  // facts the batch did not read itself: given the year here
    if (row != &with_prior_) with_prior_ = *row;
    with_prior_.cohort = cohort_;
    row = &with_prior_;
  }
  const Facts& facts = *row;
  PlanResult& r = plan_result_;
  if (sink_) sink_->take(out.tested);  // nothing of an earlier row stays in the sink
  out.tested.clear();
  TestedSink* tested = sink_.get();
  if (plan_ != nullptr) {
    plan_->evaluate(facts, r, tested);
  } else {
    EvalOptions options;
    options.trace = false;
    options.every_tested = tested;
    read_evaluation(rs_, evaluate(rs_, facts, options), r);
  }
  if (sink_) sink_->take(out.tested);
  out.total = r.total;
  out.grade = r.grade;
  // The plan meets sections' vetoes before the top level's; the ruleset's order is the source's.
  std::vector<const ast::Veto*> applied = r.vetoes;
  std::sort(applied.begin(), applied.end(), [](const ast::Veto* a, const ast::Veto* b) { return a->span.begin < b->span.begin; });
  for (const ast::Veto* v : applied) out.vetoes.push_back(v->text);
  for (std::size_t i = 0; i < leaves_ && i < r.scores.size(); ++i) out.scores[i] = r.scores[i];
  for (std::size_t i = 0; i < r.errors.size(); ++i) {
    errors.push_back(r.errors[i]);
    out.problems.push_back({i < r.error_codes.size() ? r.error_codes[i] : "", r.errors[i], "", ""});
  }
  if (!out.total && errors.empty()) {
    errors.push_back(std::string(tr("the total could not be computed")));
    out.problems.push_back({"", errors.back(), "", ""});
  }
  if (!errors.empty()) out.error = fmt::format("{}", fmt::join(errors, "; "));
}

}  // namespace rubric::batch
