// Publishing a year's ruleset through the service (POST /api/v1/rulesets): only a ruleset that
// checks clean, without a warning, and passes the tests written in its file is published. What
// is published is kept for good, with its hash, who published it and when; it replaces its year's
// ruleset for new scores, and the versions scored before keep theirs.
#include "base/messages.hpp"
#include "dsl/parser.hpp"
#include "interpreter/check/loader.hpp"
#include "interpreter/tools/testing.hpp"
#include "report/json.hpp"
#include "server/answers.hpp"

namespace rubric::server {

using nlohmann::ordered_json;

namespace {

ordered_json stored_json(const StoredRuleset& r) {
  ordered_json j;
  j["sha256"] = r.sha256;
  j["scheme"] = r.scheme;
  j["year"] = r.year;
  j["name"] = r.name;
  j["published_at"] = r.published_at;
  j["published_by"] = r.published_by.empty() ? ordered_json(nullptr) : ordered_json(r.published_by);
  return j;
}

}  // namespace

Response Service::rulesets(Context& context) {
  if (context.account->role == Role::Officer) return error(403, "forbidden", tr("only the bureau sees the rulesets kept"));
  ordered_json list = ordered_json::array();
  for (const StoredRuleset& r : store_.rulesets(false)) list.push_back(stored_json(r));
  return json_response(list);
}

Response Service::ruleset_source(Context& context, const std::string& sha256) {
  if (context.account->role == Role::Officer) return error(403, "forbidden", tr("only the bureau sees the rulesets kept"));
  const std::optional<StoredRuleset> r = store_.ruleset(sha256);
  if (!r) return error(404, "no_ruleset", tr("no ruleset has this hash"));
  Response out;
  out.content_type = "text/plain; charset=utf-8";
  out.body = r->source;
  return out;
}

Response Service::publish(Context& context) {
  if (context.account->role != Role::Admin) return error(403, "forbidden", tr("only a bureau administrator publishes rulesets"));
  // An uploaded ruleset stands alone: it names no file of the server, neither a ruleset it
  // extends nor facts for its tests (reading those would show the server's files in messages).
  std::string name;
  if (std::optional<Response> refused = refuse_draft(context.request, context.request.body, "ruleset.rubric", name, true)) return *refused;
  LoadedRuleset loaded = load_ruleset_source(name, context.request.body);
  if (loaded.diagnostics.has_errors() || loaded.diagnostics.warning_count() > 0 || !loaded.ruleset) {
    return error(422, "ruleset_refused", tr("the ruleset does not check clean (errors or warnings); it was not published"),
                 &loaded.diagnostics);
  }
  if (!loaded.ruleset->tests.empty()) {
    const TestRun run = run_own_tests(name, context.request.body);
    if (!run.ok()) {
      Diagnostics failures = run.diagnostics;
      for (const CaseResult& c : run.cases) {
        if (c.passed) continue;
        std::string message = c.test + " / " + c.name;
        for (const std::string& f : c.failures) message += "\n" + f;
        failures.error("E1103", c.location, message);
      }
      return error(422, "tests_failed", tr("the ruleset's own tests fail; it was not published"), &failures);
    }
  }
  const std::string sha256 = json::ruleset(*loaded.ruleset)["sha256"].get<std::string>();
  if (store_.ruleset(sha256)) return error(409, "already_kept", tr("this very ruleset is kept already"));
  const StoredRuleset kept{sha256, loaded.ruleset->scheme, loaded.ruleset->year, loaded.ruleset->name,
                           context.request.body, timestamp_now(), context.account->login};
  store_.keep_ruleset(kept);
  // Served from the store, as every other server on the database will serve it: the year's
  // last published ruleset (this one, unless another server published one since).
  catalog_.refresh(store_);
  return json_response(stored_json(kept), 201);
}

}  // namespace rubric::server
