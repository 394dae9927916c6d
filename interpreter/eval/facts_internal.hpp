// The facts reader's internals, shared by its files (see facts.hpp for what they do):
//   facts.cpp           loading a document: the top-level keys, each declared fact, defaults
//   facts_json.cpp      the JSON text read into a tree whose numbers keep their text, within the
//                       limits, and its syntax errors in words; `override_facts`
//   facts_validate.cpp  a JSON value checked against a fact's type and domain; the claimed scores
// Internal to interpreter/eval/.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/messages.hpp"
#include "base/decimal.hpp"
#include "base/diagnostic.hpp"
#include "dsl/ast.hpp"
#include "interpreter/eval/facts.hpp"

namespace rubric::facts_detail {

// A JSON value whose numbers keep their source text.
// An object's member. Not a std::pair: with clang, std::pair<std::string, Json> cannot be
// instantiated while Json is being defined.
struct Member;

struct Json {
  enum class Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  std::string text;  // a number's literal text, or a string's value
  std::vector<Json> items;
  std::vector<Member> members;

  const Json* find(std::string_view key) const;
};

struct Member {
  std::string first;
  Json second;
};

// [j] in words for a message: "the number 3", "a list".
std::string describe(const Json& j);
// A JSON number's exact value; nullopt for anything else or a number too large to hold.
std::optional<Decimal> json_number(const Json& j);

// Reads [json_text] into a tree; nullopt, with the syntax errors in [diags], when it is not one
// JSON document within the limits. A key given twice is an error in [diags] but not a failure.
std::optional<Json> parse_document(const std::string& json_text, const std::string& file_name, Diagnostics& diags);

// Checks JSON values against the ruleset's declarations; each problem goes into [diagnostics] at
// its JSON path ("facts.outputs[2].target").
class Validator {
 public:
  Validator(const ast::Ruleset& ruleset, const std::string& file, Diagnostics& diagnostics, const FactsOptions& options)
      : rs_(ruleset), file_(file), diags_(diagnostics), options_(options) {}

  std::optional<Value> convert(const Json& j, const ast::TypeRef& type, const std::optional<ast::Interval>& domain,
                               const std::string& path);
  // An error at [path]; one in "facts.…" also names the fact by its label (and the field's), as
  // the department's form calls it: "the fact: “部门整体绩效目标产出指标”, its field “年初目标值”".
  Diagnostic& error(const std::string& code, const std::string& path, std::string message) {
    auto& d = diags_.error(code, Location::in_json(file_, path), std::move(message));
    std::string fact_label;
    const std::string note = labels(path, fact_label);
    if (!note.empty() && d.message.find(fact_label) == std::string::npos) d.notes.push_back({note, std::nullopt});
    return d;
  }
  // A key the ruleset does not declare: an error [code] ("unknown fact \"x\""), or, with
  // --allow-unknown-facts, the warning [warning_code] ("… is ignored"). [help] is the did-you-mean
  // or what the object may hold.
  Diagnostic& unknown(const char* code, const char* warning_code, const std::string& path, const std::string& what,
                      std::string help) {
    if (options_.allow_unknown) {
      auto& d = diags_.warning(warning_code, Location::in_json(file_, path), tr_format("{} is ignored", what));
      d.help = std::move(help);
      return d;
    }
    auto& d = diags_.error(code, Location::in_json(file_, path), what);
    d.help = std::move(help);
    d.notes.push_back({std::string(tr("a key the ruleset does not declare is refused, not ignored; "
                                      "--allow-unknown-facts ignores such keys with a warning")),
                       std::nullopt});
    return d;
  }
  // "the fact: “LABEL”[, its field “LABEL”]" for a "facts.NAME[i].FIELD" path; "" otherwise.
  // [fact_label] receives the fact's label alone.
  std::string labels(const std::string& path, std::string& fact_label) const;

 private:
  std::optional<Decimal> number(const Json& j, const ast::TypeRef& type, const std::string& path);
  void check_domain(const Decimal& value, const ast::TypeRef& type, const std::optional<ast::Interval>& domain,
                    const std::string& path);
  // A list of [type]'s elements, each checked against [domain]; a record of [type]'s fields, each
  // checked against its own domain, with any other key an unknown field.
  std::optional<Value> list(const Json& j, const ast::TypeRef& type, const std::optional<ast::Interval>& domain,
                            const std::string& path);
  std::optional<Value> record(const Json& j, const ast::TypeRef& type, const std::string& path);

  const ast::Ruleset& rs_;
  const std::string& file_;
  Diagnostics& diags_;
  const FactsOptions& options_;
};

// "claimed": {"total": N, "indicators": {NAME: N, …}}
void read_claims(const Json& claimed, const ast::Ruleset& ruleset, Validator& validator, Diagnostics& diags,
                 const std::string& file_name, bool allow_unknown, Claims& out);
// "evidence": {"结转结余率": "…决算报告", "预决算公开合规性": ["…截图", "…"]}: the documents the
// department names as the evidence of each indicator (参考佐证材料), a string or a list of strings.
void read_evidence(const Json& evidence, const ast::Ruleset& ruleset, Validator& validator, Diagnostics& diags,
                   const std::string& file_name, bool allow_unknown,
                   std::vector<std::pair<std::string, std::vector<std::string>>>& out);

}  // namespace rubric::facts_detail
