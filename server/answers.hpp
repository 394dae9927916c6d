// Inside the service: a request in context, and how the service answers: JSON, errors as
// {"error": {"code", "message", "diagnostics"}}.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostic.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/facts.hpp"
#include "interpreter/tools/testing.hpp"
#include "server/service.hpp"

namespace rubric::studio {
struct Range;
}

namespace rubric::server {

// A request with the account and session it came with (none when it has no valid cookie).
struct Service::Context {
  const Request& request;
  std::optional<Account> account;
  std::optional<Session> session;
  bool via_token = false;  // the account is a portal's API token acting for its department
  Response refusal;  // Service::access's answer when it refuses
};

// The access rules the route table applies: the bureau reads every department's forms, an
// officer only its own.
inline bool is_bureau(const Account& a) { return a.role == Role::Admin || a.role == Role::Viewer; }
inline bool may_read(const Account& a, std::int64_t department) { return is_bureau(a) || a.department_id == department; }

// A department's facts scored with a year's ruleset, as `rubric score --format json` reports them.
struct Scoring {
  std::optional<Facts> facts;
  std::optional<Evaluation> evaluation;
  Diagnostics diagnostics;
  std::string document;  // the score document
};
Scoring score_facts(const ServedYear& year, const std::string& body);

// The first file an uploaded ruleset names (the ruleset it extends, a test's given, prior or
// cohort file), "" when none: an uploaded ruleset stands alone, since reading those would show
// the server's files in messages.
std::string file_named(const ast::Ruleset& ruleset);
Response refuse_file_named(const std::string& file);
// The studio's and publishing's intake of a draft [text]: its file name (?name=, [fallback] when
// none, set in [name]) and, when it cannot be taken, the answer that says why (a name that is not
// a plain file name; a ruleset it extends; with [with_tests], a file its tests name, which running
// them would read).
std::optional<Response> refuse_draft(const Request& request, const std::string& text, const std::string& fallback,
                                     std::string& name, bool with_tests = false);

// The tests written in the ruleset's own file, run on a copy of it in a folder of its own.
TestRun run_own_tests(const std::string& name, const std::string& text);

// The rank of [total] among [totals] (all the year's), highest first: equal totals share a rank
// (1, 2, 2, 4).
inline int rank_among(const std::vector<Decimal>& totals, const Decimal& total) {
  int above = 0;
  for (const Decimal& t : totals) above += t > total ? 1 : 0;
  return above + 1;
}

// The file name an upload gives in ?name= ([fallback] when none), if it is a plain file name
// (no folder, not hidden): what publishing and the studio call the ruleset in messages.
std::optional<std::string> uploaded_name(const Request& request, const std::string& fallback);

Response json_response(const nlohmann::ordered_json& value, int status = 200);
// A place in a draft as the studio's answers give it: {"start", "end"}, each {"line",
// "character"} counted from 0 in UTF-16 code units.
nlohmann::ordered_json range_json(const studio::Range& range);
// An error: [status] says its class, [code] what it is for a program, [message] for a person.
Response error(int status, std::string_view code, std::string_view message, const Diagnostics* diagnostics = nullptr);
// [head] as JSON with members whose values are JSON texts kept exactly as they are (facts
// documents and score documents: their numbers must not go through binary floating point).
std::string splice(const nlohmann::ordered_json& head, const std::vector<std::pair<std::string, std::string>>& raw);

}  // namespace rubric::server
