// Loading a facts document: the top-level keys, each declared fact or its default. See
// facts_internal.hpp for the other files of the facts reader.
#include "interpreter/eval/facts.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "base/messages.hpp"
#include "interpreter/check/checker.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/facts_internal.hpp"

namespace rubric {

using namespace facts_detail;

namespace {

std::optional<Value> default_value(const ast::Expr& e) {
  if (const auto* s = std::get_if<ast::StringLit>(&e.node)) return Value(s->value);
  if (const auto* b = std::get_if<ast::BoolLit>(&e.node)) return Value(b->value);
  if (auto d = constant_value(e)) return Value(*d);
  return std::nullopt;
}

// A JSON number written as a whole number ("17", "-3"), not "1.0" or "1e3": a batch row's id is
// copied as it is written, so only a literal that reads the same as text is taken.
bool is_whole_literal(std::string_view text) {
  if (!text.empty() && text[0] == '-') text.remove_prefix(1);
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The keys of a facts document beside "facts" and "claimed": "department", "year", comments
// ("_…"), with FactsOptions::batch_row a row's "id" (into [id]), and any other key refused.
void read_top_level(const Json& root, Validator& validator, const FactsOptions& options, Facts& facts, std::string& id) {
  for (const auto& [key, value] : root.members) {
    if (key == "department") {
      if (value.kind == Json::Kind::String) {
        facts.department = value.text;
      } else {
        validator.error("E0603", "department", tr_format("expected the department's name as a string, found {}", describe(value)));
      }
    } else if (key == "year") {
      const auto year = json_number(value);
      const auto whole = year ? year->to_int64() : std::nullopt;
      if (!whole || *whole < 1900 || *whole > 9999) {
        validator.error("E0603", "year", tr_format("expected the year as a whole number, found {}", describe(value)))
            .help = std::string(tr("write it as a number, e.g. \"year\": 2023"));
      } else {
        facts.year = static_cast<int>(*whole);
      }
    } else if (key == "id" && options.batch_row) {
      if (value.kind == Json::Kind::String || (value.kind == Json::Kind::Number && is_whole_literal(value.text))) {
        id = value.text;
      } else {
        validator.error("E0603", "id", tr_format("expected the row's id as a string or a whole number, found {}", describe(value)))
            .help = std::string(tr("write it as \"id\": \"D1\" or \"id\": 17"));
      }
    } else if (key != "facts" && key != "claimed" && key != "evidence" && key.rfind('_', 0) != 0) {  // "_…": comments
      const std::vector<std::string> keys =
          options.batch_row ? std::vector<std::string>{"id", "department", "year", "facts", "claimed", "evidence"}
                            : std::vector<std::string>{"department", "year", "facts", "claimed", "evidence"};
      auto guess = closest_match(key, keys);
      validator.unknown("E0610", "W0601", key, tr_format("unknown key \"{}\"", key),
                        guess ? tr_format("did you mean \"{}\"?", *guess)
                        : options.batch_row
                            ? std::string(tr("the keys of a batch row are \"id\", \"department\", \"year\", \"facts\", \"claimed\" and "
                              "\"evidence\"; a key starting with \"_\" is a comment"))
                            : std::string(tr("the keys of a facts file are \"department\", \"year\", \"facts\", \"claimed\" and "
                              "\"evidence\"; a key starting with \"_\" is a comment")));
    }
  }
}

}  // namespace

FactsResult load_facts(const ast::Ruleset& ruleset, const std::string& json_text, const std::string& file_name,
                       const FactsOptions& options) {
  FactsResult result;
  Diagnostics& diags = result.diagnostics;
  const std::optional<Json> document = parse_document(json_text, file_name, diags);
  if (!document) return result;
  const Json& root = *document;
  Validator validator(ruleset, file_name, diags, options);
  if (root.kind != Json::Kind::Object) {
    validator.error("E0603", "(document)", tr_format("expected an object {{\"department\", \"year\", \"facts\"}}, found {}", describe(root)));
    return result;
  }
  Facts facts;
  facts.file = file_name;
  read_top_level(root, validator, options, facts, result.id);
  if (facts.department.empty()) facts.department = file_name;
  const Json* given = root.find("facts");
  if (given == nullptr || given->kind != Json::Kind::Object) {
    validator.error(given == nullptr ? "E0602" : "E0603", "facts",
                    given == nullptr ? std::string(tr("the document has no \"facts\" object"))
                                     : tr_format("expected an object of facts, found {}", describe(*given)));
    return result;
  }
  std::vector<std::string> declared;
  for (const auto& f : ruleset.facts) declared.push_back(f.name);
  for (const auto& [key, value] : given->members) {
    if (options.only != nullptr) break;  // last year's facts: only those read with prior(…)
    if (std::find(declared.begin(), declared.end(), key) == declared.end()) {
      auto guess = closest_match(key, declared);
      validator.unknown("E0610", "W0601", "facts." + key, tr_format("unknown fact \"{}\"", key),
                        guess ? tr_format("did you mean \"{}\"?", *guess)
                              : std::string(tr("`rubric facts RULESET` lists the facts the ruleset declares")));
    }
  }
  facts.values.resize(ruleset.facts.size());
  facts.supplied.resize(ruleset.facts.size());
  for (std::size_t i = 0; i < ruleset.facts.size(); ++i) {
    const ast::FactDecl& decl = ruleset.facts[i];
    if (options.only != nullptr && (i >= options.only->size() || !(*options.only)[i])) continue;
    const std::string path = "facts." + decl.name;
    const Json* value = given->find(decl.name);
    if (value == nullptr) {
      if (decl.default_empty) {
        facts.values[i] = Value(std::make_shared<const std::vector<Value>>());
        continue;
      }
      if (decl.default_value) {
        if (auto d = default_value(*decl.default_value)) facts.values[i] = *d;
        continue;
      }
      auto& d = validator.error("E0602", path,
                                decl.label.empty()
                                    ? tr_format("missing fact \"{}\" ({})", decl.name, ast::describe_for_people(*decl.type))
                                    : tr_format("missing fact \"{}\" ({}: {})", decl.name, ast::describe_for_people(*decl.type),
                                                decl.label));
      d.help = std::string(tr("add it to \"facts\", or give the declaration a default"));
      continue;
    }
    facts.supplied[i] = true;
    if (auto v = validator.convert(*value, *decl.type, decl.domain, path)) facts.values[i] = std::move(*v);
  }
  if (const Json* claimed = root.find("claimed"); claimed != nullptr && options.only == nullptr) read_claims(*claimed, ruleset, validator, diags, file_name, options.allow_unknown, facts.claimed);
  if (const Json* evidence = root.find("evidence"); evidence != nullptr && options.only == nullptr) {
    read_evidence(*evidence, ruleset, validator, diags, file_name, options.allow_unknown, facts.evidence);
  }
  // The ruleset's requirements on the facts, once each fact is valid (not for last year's facts or
  // the year's figures, which are read in part).
  if (!diags.has_errors() && options.only == nullptr && options.requirements) diags.append(unmet_requirements(ruleset, facts, file_name));
  if (!diags.has_errors()) result.facts = std::move(facts);
  return result;
}

Diagnostics attach_prior(const ast::Ruleset& ruleset, Facts& facts, const std::string& json_text,
                         const std::string& file_name) {
  FactsOptions options;
  options.only = &ruleset.prior_facts;
  FactsResult last = load_facts(ruleset, json_text, file_name, options);
  if (!last.facts) return std::move(last.diagnostics);
  Diagnostics diags = std::move(last.diagnostics);
  const bool named = last.facts->department != file_name;  // load_facts names an unnamed one by its file
  if (named && last.facts->department != facts.department) {
    diags.error("E0616", Location::in_json(file_name, "department"),
                tr_format("the facts of last year are of \"{}\", not of \"{}\"", last.facts->department,
                            facts.department))
        .help = std::string(tr("pass the same department's facts of last year with --prior"));
    return diags;
  }
  if (last.facts->year && facts.year && *last.facts->year != *facts.year - 1) {
    diags.error("E0616", Location::in_json(file_name, "year"),
                tr_format("the facts given as last year's are of {}, not of {}", *last.facts->year, *facts.year - 1))
        .help = std::string(tr("pass the department's facts of the year before with --prior"));
    return diags;
  }
  auto prior = std::make_shared<PriorFacts>();
  prior->file = file_name;
  prior->year = last.facts->year;
  prior->values = std::move(last.facts->values);
  prior->supplied = std::move(last.facts->supplied);
  facts.prior = std::move(prior);
  return diags;
}

Diagnostics read_prior(const ast::Ruleset& ruleset, Facts& facts, const std::string& path) {
  InputText input = read_input(path, kFactsReadLimit);
  if (!input.text) {
    Diagnostics diags;
    diags.unreadable(path, input);
    return diags;
  }
  return attach_prior(ruleset, facts, *input.text, path == "-" ? "<stdin>" : path);
}

FactsResult read_facts(const ast::Ruleset& ruleset, const std::string& path, const FactsOptions& options) {
  InputText input = read_input(path, kFactsReadLimit);
  if (!input.text) {
    FactsResult result;
    result.diagnostics.unreadable(path, input);
    return result;
  }
  return load_facts(ruleset, *input.text, path == "-" ? "<stdin>" : path, options);
}

}  // namespace rubric
