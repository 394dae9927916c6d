// Facts: a department's JSON document, read exactly and validated against the ruleset.
//
// The JSON is read with nlohmann's SAX interface so that every number keeps its original text
// (no binary floating point ever touches a value) and duplicate keys are caught. Each fact is
// checked against its declaration: type, domain, required fields. Errors name the JSON path
// ("facts.outputs[2].target") and what was expected. A key the ruleset does not declare (a fact, a
// record's field, a claimed indicator, a top-level key) is an error (E0610, E0611): ignored, it
// would let the fact's default change the score unseen. FactsOptions::allow_unknown makes them
// warnings (W0601, W0602) for tools that add their own metadata.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "base/diagnostic.hpp"
#include "base/messages.hpp"
#include "interpreter/eval/value.hpp"

namespace rubric {

// The scores a department claims for itself (自评分), to be compared with the computed ones:
// "claimed": {"total": 95.96, "indicators": {"部门预算资金支出率": 9.96, …}}.
struct Claims {
  std::optional<Decimal> total;
  std::vector<std::pair<std::string, Decimal>> indicators;  // by indicator name, in file order

  const Decimal* find(const std::string& name) const {
    for (const auto& [n, v] : indicators) {
      if (n == name) return &v;
    }
    return nullptr;
  }
  bool empty() const { return !total && indicators.empty(); }
};

// A department's facts of last year, for `prior(FACT)` (`--prior FILE`): only the facts the
// ruleset reads so (ast::Ruleset::prior_facts) are read from it; the others are left empty.
struct PriorFacts {
  std::string file;
  std::optional<int> year;
  std::vector<Value> values;   // by fact index in the ruleset
  std::vector<bool> supplied;  // false where the default was used
};

// The departments of the year scored together (a batch, or `rubric score --cohort FILE`), for
// `year_mean(FACT)` …: each compared fact's values in every department whose facts were read
// (cohort.cpp). A department whose facts have errors is not in it, and is counted in [refused].
struct Cohort {
  std::string source;
  std::size_t departments = 0;
  std::size_t refused = 0;
  std::vector<std::vector<Decimal>> values;  // by fact index, ascending; empty where not compared
  // by fact index, computed once (CohortBuilder::finish); null without values, or when their sum
  // cannot be held exactly
  std::vector<std::optional<Decimal>> means;
};

struct Facts {
  std::string file;
  std::string department;
  std::optional<int> year;
  std::vector<Value> values;     // by fact index in the ruleset
  std::vector<bool> supplied;    // false where the default was used
  Claims claimed;
  // The documents the department names as each indicator's evidence (参考佐证材料), by indicator
  // name, in file order: what its table lists instead of the kind of evidence the ruleset expects.
  std::vector<std::pair<std::string, std::vector<std::string>>> evidence;
  std::shared_ptr<const PriorFacts> prior;  // null when no facts of last year were given
  std::shared_ptr<const Cohort> cohort;     // null when scored alone
};

struct FactsResult {
  std::optional<Facts> facts;  // absent when there were errors
  Diagnostics diagnostics;
  // FactsOptions::batch_row only: the row's top-level "id" as text (a whole number as written),
  // kept even when the facts have errors, so that an error row still names its department.
  // Empty when the row has none or it is not a string or a whole number.
  std::string id;
};

// Documents nested deeper than this are rejected (hostile input must not exhaust the stack).
inline constexpr int kMaxJsonDepth = 64;
// Sizes beyond any real department's facts (E0609): they bound the time and memory that one
// hostile file can take.
inline constexpr std::size_t kMaxFactsBytes = 16 * 1024 * 1024;  // the whole file
inline constexpr ReadLimit kFactsReadLimit{kMaxFactsBytes, "E0609", tr_later("a facts file may be")};
inline constexpr std::size_t kMaxJsonItems = 100'000;             // a list's items or an object's keys
inline constexpr std::size_t kMaxJsonStringBytes = 64 * 1024;     // one string or key, in bytes

struct FactsOptions {
  // Keys the ruleset does not declare are warnings (W0601, W0602) instead of errors (E0610,
  // E0611): `--allow-unknown-facts`.
  bool allow_unknown = false;
  // The document is a row of a batch's JSON Lines input (docs/batch.md): it may also hold a
  // top-level "id", a string or a whole number, returned in FactsResult::id. A facts file
  // (`rubric score`) has no id, and refuses the key like any other it does not know.
  bool batch_row = false;
  // Only the facts marked here are read and checked; the document's other facts and its
  // "claimed" are not looked at: a department's facts of last year (`--prior`, marked by
  // ast::Ruleset::prior_facts; last year's ruleset may have declared others), or a row read for
  // the year's figures (ast::Ruleset::cohort_facts).
  const std::vector<bool>* only = nullptr;
  // Refuse facts that do not meet the ruleset's requirements (E0620). Off only where facts are
  // drawn at random to compare the two evaluators, which must agree on any facts.
  bool requirements = true;
};

FactsResult load_facts(const ast::Ruleset& ruleset, const std::string& json_text, const std::string& file_name,
                       const FactsOptions& options = {});
// Reads the facts file at [path] ("-": standard input) and validates it against [ruleset].
FactsResult read_facts(const ast::Ruleset& ruleset, const std::string& path, const FactsOptions& options = {});

// Reads [json_text] as the facts of last year of the department of [facts] and attaches them
// (Facts::prior): the facts the ruleset reads with prior(…), validated as any facts (E06xx, with
// the prior file's name). The document must be of the same department (when it names one) and of
// the year before [facts]' (when both name one): E0616 otherwise, and nothing is attached.
Diagnostics attach_prior(const ast::Ruleset& ruleset, Facts& facts, const std::string& json_text,
                         const std::string& file_name);
// The same, read from the file at [path].
Diagnostics read_prior(const ast::Ruleset& ruleset, Facts& facts, const std::string& path);

// One number of a fact as it is written, read by the one rule of every input format (JSON facts
// files, JSON Lines rows, CSV cells; docs/decimals.md, "How a number is written"):
// - [text] is a number literal (a JSON number, or a CSV cell that is one; [quoted] false): its
//   exact value. For a percent it is the fraction, and only a fraction from -1 to 1 (−100% to
//   100%) is taken: `94.78` could mean 94.78% or 9478%, so it is refused (E0612) with both ways
//   of writing it.
// - [text] is a string (a JSON "…", or a CSV cell that is not a number literal; [quoted] true):
//   only a percent may be one, written with its sign, "94.78%". Anything else is E0603.
// On failure [value] is absent and [code], [message] and [help] say why (E0603, E0607, E0612).
struct FactNumber {
  std::optional<Decimal> value;
  std::string code;
  std::string message;
  std::string help;
};
FactNumber read_fact_number(std::string_view text, ast::TypeKind kind, bool quoted);

// The syntax errors of a facts document (not JSON, text after it, duplicate keys, too large or
// deep: E0600, E0606, E0608, E0609, E0613), found before any ruleset is chosen: a file that is
// not JSON is reported as such, not as a file that names no year.
Diagnostics facts_syntax_errors(const std::string& json_text, const std::string& file_name);

// The "year" a facts document names, read before any ruleset is chosen; null when the text is
// not JSON or names no whole year.
std::optional<int> facts_year(const std::string& json_text);

// [document] (a facts document) with each fact of [overrides] (a JSON object of facts) put in
// place of the document's: how a test changes one fact of a facts file. Numbers keep their
// text. Returns nullopt, with [error] set, when either is not valid JSON.
std::optional<std::string> override_facts(const std::string& document, const std::string& overrides, std::string& error);

}  // namespace rubric
