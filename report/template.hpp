// Blank facts templates: what a department must supply for a ruleset, ready to fill in.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "dsl/ast.hpp"

namespace rubric {

// A facts document with every fact: defaults filled in, required values null, a list of records
// with one blank record. Under "_about", each fact's label, type, unit and domain (keys starting
// with '_' are ignored when facts are read).
std::string render_facts_template_json(const ast::Ruleset& ruleset);
// One row per fact (and per record field, as "outputs[].target"): name, label, type, unit,
// domain, default, and an empty value column.
std::string render_facts_template_csv(const ast::Ruleset& ruleset);
// The header line of a batch CSV (docs/batch.md): id, department, year, then one column per fact,
// a list with [elements] columns (outputs.1.name … outputs.N.weight, monthly_execution.1 …).
std::string render_batch_header(const ast::Ruleset& ruleset, std::size_t elements);

// A fact's default as a facts document writes it ("95%" for a percent, [] for `default []`),
// null when it has none.
nlohmann::ordered_json fact_default_json(const ast::FactDecl& fact);

// How a fact's type and domain read in a template: "percent in [0, 100%]", "count ≥ 0".
std::string describe_fact(const ast::Ruleset& ruleset, const ast::TypeRef& type,
                          const std::optional<ast::Interval>& domain);

}  // namespace rubric
