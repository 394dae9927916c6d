// The routes of rubric serve (docs/serve.md): who may do what is decided here, for every
// request, never in the pages.
#include "server/service.hpp"

#include <algorithm>
#include <chrono>
#include <charconv>
#include <map>

#include "base/hash.hpp"
#include "base/json_text.hpp"
#include "base/messages.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/facts.hpp"
#include "interpreter/tools/whatif.hpp"
#include "report/html.hpp"
#include "report/json.hpp"
#include "report/official_table.hpp"
#include "report/whatif_report.hpp"
#include "report/xlsx.hpp"
#include "server/answers.hpp"
#include "server/auth.hpp"
#include "server/form.hpp"

namespace rubric::server {

using nlohmann::ordered_json;

namespace {

// A whole positive number as a path segment writes it: "12", not "012", "+12" or "1e1".
std::optional<std::int64_t> parse_id(const std::string& text) {
  if (text.empty() || text.size() > 18 || text[0] == '0') return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t end = path.find('/', start);
    const std::string part = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!part.empty()) parts.push_back(part);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return parts;
}

bool may_write(const Account& a, std::int64_t department) {
  return a.role == Role::Admin || (a.role == Role::Officer && a.department_id == department);
}

// A ruleset as the API names it: json::ruleset without the file's path on the server, which is
// nobody's business but the server's.
ordered_json ruleset_json(const ast::Ruleset& ruleset) {
  ordered_json j = json::ruleset(ruleset);
  j.erase("file");
  return j;
}

std::string state_of(bool submitted, bool draft) { return submitted ? "submitted" : (draft ? "draft" : "none"); }

}  // namespace

Scoring score_facts(const ServedYear& year, const std::string& body) {
  Scoring out;
  FactsResult read = load_facts(*year.ruleset, body, std::string(tr("form")));
  out.diagnostics.append(read.diagnostics);
  if (read.facts) {
    // Facts of another year are never scored with this year's ruleset without a word.
    if (read.facts->year && *read.facts->year != year.year) {
      out.diagnostics
          .error("E0809", Location::in_json(std::string(tr("form")), "year"),
                 tr_format("the facts are of {}, but this form is of {}", *read.facts->year, year.year))
          .help = tr_format("write \"year\": {} or open the form of {}", year.year, *read.facts->year);
    } else {
      EvalOptions options;
      options.trace = false;
      out.evaluation = evaluate(*year.ruleset, *read.facts, options);
      out.diagnostics.append(out.evaluation->diagnostics);
      out.facts = std::move(read.facts);
    }
  }
  out.document = render_score_json({{std::string(tr("form")), year.ruleset.get(), out.evaluation, out.diagnostics}},
                                   false);
  return out;
}

Service::Service(Store& store, Catalog& catalog, std::function<std::int64_t()> now)
    : store_(store), catalog_(catalog), now_(std::move(now)) {
  if (!now_) {
    now_ = [] {
      return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    };
  }
}

Response Service::handle(const Request& request) {
  Context context{request, std::nullopt, std::nullopt, false, {}};
  try {
    if (!request.bearer.empty()) {
      // A portal's token acts for its department as its officer would; it has no cookie, so no
      // CSRF token either.
      const std::optional<ApiToken> token = store_.api_token(sha256_hex(request.bearer));
      if (!token) return error(401, "bad_token", tr("the API token is unknown or revoked"));
      Account portal;
      portal.login = "token:" + token->name;
      portal.name = token->name;
      portal.role = Role::Officer;
      portal.department_id = token->department_id;
      context.account = portal;
      context.via_token = true;
    } else if (!request.session_token.empty()) {
      context.session = store_.session(sha256_hex(request.session_token), now_());
      if (context.session) context.account = store_.account(context.session->account_id);
    }
    // What another server on the same database published is served here from now on.
    if (request.path.starts_with("/api/")) catalog_.refresh(store_);
    return route(context);
  } catch (const StoreError& e) {
    return error(503, "storage", std::string(tr("the database could not be used; nothing was changed: ")) + e.what());
  } catch (const std::exception& e) {
    return error(500, "internal", std::string(tr("internal error (a bug in rubric): ")) + e.what());
  }
}

Response Service::route(Context& context) {
  const Request& request = context.request;
  const std::vector<std::string> parts = split_path(request.path);
  if (parts.size() >= 2 && parts[0] == "api" && parts[1] == "v1") {
    return api(context, {parts.begin() + 2, parts.end()});
  }
  if (request.method != "GET") return error(405, "method", tr("this address only answers GET"));
  if (parts.empty()) return page(context, "login.html");
  if (parts.size() == 1 && parts[0] == "department") return page(context, "department.html");
  if (parts.size() == 1 && parts[0] == "bureau") return page(context, "bureau.html");
  if (parts.size() == 1 && parts[0] == "studio") return page(context, "studio.html");
  if (parts.size() == 2 && parts[0] == "static") return page(context, parts[1]);
  return error(404, "not_found", tr("no such page"));
}

Response Service::page(const Context&, const std::string& name) {
  for (const Asset& asset : assets()) {
    if (name == asset.name) {
      Response r;
      r.content_type = asset.content_type;
      r.body = asset.content;
      return r;
    }
  }
  return error(404, "not_found", tr("no such page"));
}

// Who may call a route; the department's own routes are checked against the department named.
enum class Service::Who { Anyone, Account, Bureau, Admin, ReadDepartment, WriteDepartment };

struct Service::Args {
  std::optional<ServedYear> year;
  std::optional<Department> department;
  int version = 0;
  std::string sha256;
  std::string format;  // "", "table.xlsx" or "table.html"
};

struct Service::Route {
  const char* method;
  const char* path;  // under /api/v1, with {year}, {department}, {version}, {sha256}
  Who who;
  Response (*run)(Service&, Context&, const Args&);
};

// Every route of the API: docs/serve.md lists them, docs/openapi.json describes them, and a test
// checks that the three agree.
const std::vector<Service::Route>& Service::table() {
  using W = Who;
  static const std::vector<Route> all = {
      {"GET", "/openapi.json", W::Anyone, [](Service& s, Context& c, const Args&) { return s.page(c, "openapi.json"); }},
      {"POST", "/session", W::Anyone, [](Service& s, Context& c, const Args&) { return s.login(c); }},
      {"GET", "/session", W::Anyone, [](Service& s, Context& c, const Args&) { return s.session_info(c); }},
      {"DELETE", "/session", W::Anyone, [](Service& s, Context& c, const Args&) { return s.logout(c); }},
      {"GET", "/years", W::Account, [](Service& s, Context&, const Args&) { return s.years(); }},
      {"GET", "/years/{year}/form", W::Account, [](Service& s, Context&, const Args& a) { return s.form(*a.year); }},
      {"POST", "/years/{year}/score", W::Account, [](Service& s, Context& c, const Args& a) { return s.score(c, *a.year); }},
      {"POST", "/years/{year}/whatif", W::Account, [](Service& s, Context& c, const Args& a) { return s.whatif(c, *a.year); }},
      {"GET", "/years/{year}/overview", W::Bureau, [](Service& s, Context& c, const Args& a) { return s.overview(c, *a.year); }},
      {"GET", "/years/{year}/report.xlsx", W::Bureau,
       [](Service& s, Context& c, const Args& a) { return s.year_report(c, *a.year, "xlsx"); }},
      {"GET", "/years/{year}/report.html", W::Bureau,
       [](Service& s, Context& c, const Args& a) { return s.year_report(c, *a.year, "html"); }},
      {"GET", "/departments", W::Account, [](Service& s, Context& c, const Args&) { return s.departments(c); }},
      {"POST", "/departments/import", W::Admin, [](Service& s, Context& c, const Args&) { return s.import_departments(c); }},
      {"POST", "/departments", W::Admin, [](Service& s, Context& c, const Args&) { return s.add_department(c); }},
      {"POST", "/accounts", W::Admin, [](Service& s, Context& c, const Args&) { return s.add_account(c); }},
      {"POST", "/tokens", W::Admin, [](Service& s, Context& c, const Args&) { return s.add_token(c); }},
      {"DELETE", "/tokens/{sha256}", W::Admin, [](Service& s, Context& c, const Args& a) { return s.revoke_token(c, a.sha256); }},
      {"GET", "/rulesets", W::Bureau, [](Service& s, Context& c, const Args&) { return s.rulesets(c); }},
      {"POST", "/rulesets", W::Admin, [](Service& s, Context& c, const Args&) { return s.publish(c); }},
      {"POST", "/studio/check", W::Admin, [](Service& s, Context& c, const Args&) { return s.studio_check(c); }},
      {"POST", "/studio/impact", W::Admin, [](Service& s, Context& c, const Args&) { return s.studio_impact(c); }},
      {"POST", "/studio/hover", W::Admin, [](Service& s, Context& c, const Args&) { return s.studio_hover(c); }},
      {"POST", "/studio/complete", W::Admin, [](Service& s, Context& c, const Args&) { return s.studio_complete(c); }},
      {"POST", "/studio/format", W::Admin, [](Service& s, Context& c, const Args&) { return s.studio_format(c); }},
      {"POST", "/studio/test", W::Admin, [](Service& s, Context& c, const Args&) { return s.studio_test(c); }},
      {"GET", "/rulesets/{sha256}", W::Bureau,
       [](Service& s, Context& c, const Args& a) { return s.ruleset_source(c, a.sha256); }},
      {"GET", "/departments/{department}/years/{year}", W::ReadDepartment,
       [](Service& s, Context& c, const Args& a) { return s.department_year(c, *a.department, *a.year); }},
      {"PUT", "/departments/{department}/years/{year}/draft", W::WriteDepartment,
       [](Service& s, Context& c, const Args& a) { return s.save_draft(c, *a.department, *a.year); }},
      {"POST", "/departments/{department}/years/{year}/submissions", W::WriteDepartment,
       [](Service& s, Context& c, const Args& a) { return s.submit(c, *a.department, *a.year); }},
      {"GET", "/departments/{department}/years/{year}/submissions/{version}", W::ReadDepartment,
       [](Service& s, Context& c, const Args& a) { return s.submission(c, *a.department, *a.year, a.version, ""); }},
      {"GET", "/departments/{department}/years/{year}/submissions/{version}/table.xlsx", W::ReadDepartment,
       [](Service& s, Context& c, const Args& a) {
         return s.submission(c, *a.department, *a.year, a.version, "table.xlsx");
       }},
      {"GET", "/departments/{department}/years/{year}/submissions/{version}/table.html", W::ReadDepartment,
       [](Service& s, Context& c, const Args& a) {
         return s.submission(c, *a.department, *a.year, a.version, "table.html");
       }},
  };
  return all;
}

std::vector<std::pair<std::string, std::string>> Service::routes() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Route& r : table()) out.emplace_back(r.method, std::string("/api/v1") + r.path);
  return out;
}

namespace {

// Whether [parts] fit [pattern]; the placeholders' values go into [values].
bool matches(const std::string& pattern, const std::vector<std::string>& parts, std::map<std::string, std::string>& values) {
  const std::vector<std::string> expected = split_path(pattern);
  if (expected.size() != parts.size()) return false;
  values.clear();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (expected[i].front() == '{') {
      values[expected[i]] = parts[i];
    } else if (expected[i] != parts[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

Response Service::api(Context& context, const std::vector<std::string>& parts) {
  const Request& request = context.request;
  const Route* route = nullptr;
  bool path_known = false;
  std::map<std::string, std::string> values;
  for (const Route& r : table()) {
    if (!matches(r.path, parts, values)) continue;
    path_known = true;
    if (request.method == r.method) {
      route = &r;
      break;
    }
  }
  if (route == nullptr) {
    if (path_known) return error(405, "method", tr_format("no API route {} {}", request.method, request.path));
    return error(404, "not_found", tr_format("no API route {} {}", request.method, request.path));
  }
  Args args;
  if (route->who != Who::Anyone) {
    if (!context.account) return error(401, "not_logged_in", tr("please log in first"));
    if (request.method != "GET" && !context.via_token && request.csrf != context.session->csrf) {
      return error(403, "csrf", tr("the request lacks this session's X-CSRF-Token; reload the page"));
    }
    if (const Response* refused = access(*route, context, values, args)) return *refused;
  }
  return route->run(*this, context, args);
}

// Checks [route]'s access for [context] and resolves its placeholders into [args]; the refusal,
// or null. (The refusal is kept in the context's last answer.)
const Response* Service::access(const Route& route, Context& context, const std::map<std::string, std::string>& values,
                                Args& args) {
  const Account& account = *context.account;
  Response& refused = context.refusal;
  const auto refuse = [&](Response r) {
    refused = std::move(r);
    return &refused;
  };
  if (route.who == Who::Bureau && !is_bureau(account)) {
    return refuse(error(403, "forbidden", tr("only the bureau sees every department")));
  }
  if (route.who == Who::Admin && account.role != Role::Admin) {
    return refuse(error(403, "forbidden", tr("only a bureau administrator may do this")));
  }
  if (const auto it = values.find("{department}"); it != values.end()) {
    const std::optional<std::int64_t> id = parse_id(it->second);
    // Another department's existence is not told to an officer: 403 either way.
    if (!id || !may_read(account, *id)) return refuse(error(403, "forbidden", tr("you may not see another department's forms")));
    args.department = store_.department(*id);
    if (!args.department) return refuse(error(404, "no_department", tr_format("no department has the number {}", it->second)));
    if (route.who == Who::WriteDepartment && !may_write(account, *id)) {
      return refuse(error(403, "forbidden", tr("you may not change this department's forms")));
    }
  }
  if (const auto it = values.find("{year}"); it != values.end()) {
    const std::optional<std::int64_t> number = parse_id(it->second);
    if (number && *number < 10000) args.year = catalog_.find(static_cast<int>(*number));
    if (!args.year) return refuse(error(404, "no_year", tr_format("no ruleset is served for the year {}", it->second)));
  }
  if (const auto it = values.find("{version}"); it != values.end()) {
    const std::optional<std::int64_t> version = parse_id(it->second);
    if (!version || *version > 1000000) return refuse(error(404, "no_version", tr("no such version")));
    args.version = static_cast<int>(*version);
  }
  if (const auto it = values.find("{sha256}"); it != values.end()) args.sha256 = it->second;
  return nullptr;
}

Response Service::years() {
  ordered_json list = ordered_json::array();
  for (const ServedYear& y : catalog_.years()) {
    ordered_json j;
    j["year"] = y.year;
    j["ruleset"] = ruleset_json(*y.ruleset);
    list.push_back(std::move(j));
  }
  return json_response(list);
}

Response Service::form(const ServedYear& year) { return json_response(form_json(year.year, *year.ruleset)); }

Response Service::score(Context& context, const ServedYear& year) {
  Response r;
  r.body = score_facts(year, context.request.body).document;
  return r;
}

// What the facts would need to reach the next grade (or ?target=, a grade or a total): the
// document of rubric whatif --format json. Facts that cannot be scored get it with their
// diagnostics and no answer, as the score route does; a target that is neither is a 400.
Response Service::whatif(Context& context, const ServedYear& year) {
  const Scoring scored = score_facts(year, context.request.body);
  const std::string file(tr("form"));
  if (!scored.facts || !scored.evaluation || !scored.evaluation->total) {
    return {200, "application/json; charset=utf-8",
            render_whatif_json(year.ruleset.get(), file, "", nullptr, scored.diagnostics), {}, {}, {}};
  }
  const auto asked = context.request.query.find("target");
  std::string problem;
  const auto answer = whatif::answer_for(*year.ruleset, *scored.facts, *scored.evaluation->total, scored.evaluation->grade,
                                         asked == context.request.query.end() ? "" : asked->second, problem);
  if (!answer) return error(400, "bad_target", problem);
  return {200, "application/json; charset=utf-8",
          render_whatif_json(year.ruleset.get(), file, scored.facts->department, &*answer, scored.diagnostics), {}, {}, {}};
}

Response Service::department_year(Context&, const Department& department, const ServedYear& year) {
  ordered_json head;
  head["department"] = {{"id", department.id}, {"code", department.code}, {"name", department.name}};
  head["year"] = year.year;
  const std::vector<Submission> versions = store_.submissions(department.id, year.year, false);
  const std::optional<Draft> draft = store_.draft(department.id, year.year);
  head["state"] = state_of(!versions.empty(), draft.has_value());
  ordered_json list = ordered_json::array();
  for (const Submission& s : versions) {
    ordered_json v;
    v["version"] = s.version;
    v["submitted_at"] = s.submitted_at;
    v["submitted_by"] = s.submitted_by;
    const std::optional<Account> by = store_.account_by_login(s.submitted_by);
    v["submitted_by_name"] = by ? by->name : s.submitted_by;
    v["total"] = json::exact(*Decimal::parse(s.total));
    v["grade"] = s.grade;
    v["claims_differ"] = s.claims_differ;
    v["ruleset_sha256"] = s.ruleset_sha256;
    list.push_back(std::move(v));
  }
  head["versions"] = std::move(list);
  if (!draft) {
    head["draft"] = nullptr;
    return {200, "application/json; charset=utf-8", json::dump(head, -1), {}, {}, {}};
  }
  ordered_json saved;
  saved["saved_at"] = draft->saved_at;
  saved["saved_by"] = draft->saved_by;
  std::string body = splice(head, {{"draft", splice(saved, {{"facts", draft->facts}})}});
  return {200, "application/json; charset=utf-8", std::move(body), {}, {}, {}};
}

Response Service::save_draft(Context& context, const Department& department, const ServedYear& year) {
  const std::string& body = context.request.body;
  if (!ordered_json::accept(body)) {
    return error(400, "bad_request", tr("a draft is a facts document in JSON; this is not JSON"));
  }
  Draft draft{body, timestamp_now(), context.account->login};
  store_.save_draft(department.id, year.year, draft);
  ordered_json j;
  j["saved_at"] = draft.saved_at;
  return json_response(j);
}

Response Service::submit(Context& context, const Department& department, const ServedYear& year) {
  Scoring scored = score_facts(year, context.request.body);
  if (!scored.evaluation || !scored.evaluation->total) {
    return error(422, "facts_refused", tr("the facts have errors; nothing was submitted"), &scored.diagnostics);
  }
  if (scored.evaluation->department != department.name) {
    Diagnostics d;
    d.error("E0810", Location::in_json(std::string(tr("form")), "department"),
            tr_format("the facts are of \"{}\", but this form is of {}", scored.evaluation->department, department.name))
        .help = tr_format("write \"department\": \"{}\"", department.name);
    return error(422, "facts_refused", tr("the facts have errors; nothing was submitted"), &d);
  }
  Submission s;
  s.department_id = department.id;
  s.year = year.year;
  s.facts = context.request.body;
  s.score = scored.document;
  s.ruleset_sha256 = year.sha256;
  s.total = scored.evaluation->total->to_string();
  s.grade = scored.evaluation->grade;
  // The indicators whose claimed score (自评分) differs; a claimed total that differs follows from them.
  for (const ClaimDifference& d : claim_differences(*scored.evaluation)) s.claims_differ += d.is_total ? 0 : 1;
  s.submitted_at = timestamp_now();
  s.submitted_by = context.account->login;
  s.version = store_.add_submission(s);
  ordered_json j;
  j["version"] = s.version;
  j["total"] = json::exact(*scored.evaluation->total);
  j["grade"] = s.grade;
  j["claims_differ"] = s.claims_differ;
  j["ruleset_sha256"] = s.ruleset_sha256;
  j["submitted_at"] = s.submitted_at;
  return json_response(j, 201);
}

Response Service::submission(Context&, const Department& department, const ServedYear& year, int version,
                             const std::string& format) {
  const std::optional<Submission> s = store_.submission(department.id, year.year, version);
  if (!s) return error(404, "no_version", tr("no such version"));
  if (format.empty()) {
    ordered_json head;
    head["version"] = s->version;
    head["submitted_at"] = s->submitted_at;
    head["submitted_by"] = s->submitted_by;
    head["ruleset_sha256"] = s->ruleset_sha256;
    return {200, "application/json; charset=utf-8", splice(head, {{"facts", s->facts}, {"score", s->score}}), {}, {}, {}};
  }
  // The table is made again from the stored facts with the ruleset that scored them (a version
  // submitted before a new ruleset was published keeps its own); a total that came out otherwise
  // than the stored one would be a wrong table, so it is refused rather than served.
  ServedYear scored_with = year;
  scored_with.ruleset = catalog_.by_sha256(s->ruleset_sha256);
  scored_with.sha256 = s->ruleset_sha256;
  if (scored_with.ruleset == nullptr) {
    return error(409, "ruleset_changed",
                 tr("this version was scored with a ruleset that is no longer served; its stored score is kept"));
  }
  Scoring again = score_facts(scored_with, s->facts);
  if (!again.evaluation || !again.evaluation->total || again.evaluation->total->to_string() != s->total) {
    return error(500, "internal", tr("the stored facts no longer give the stored total; the table is not served"));
  }
  const report::OfficialTable table = report::build_official_table(*scored_with.ruleset, *again.evaluation, &*again.facts);
  Response r;
  const std::string stem = department.code + "-" + std::to_string(year.year) + "-v" + std::to_string(version);
  if (format == "table.xlsx") {
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = report::render_xlsx(table);
    r.download_name = stem + ".xlsx";
  } else {
    r.content_type = "text/html; charset=utf-8";
    r.body = report::render_html(table);
  }
  return r;
}

Response Service::overview(Context&, const ServedYear& year) {
  const std::vector<Submission> latest = store_.latest_submissions(year.year);
  const std::vector<std::int64_t> drafts = store_.drafts_of_year(year.year);
  // Ranks by total, highest first; equal totals share a rank (1, 2, 2, 4).
  std::vector<Decimal> totals;
  for (const Submission& s : latest) totals.push_back(*Decimal::parse(s.total));
  ordered_json list = ordered_json::array();
  for (const Department& d : store_.departments()) {
    ordered_json j;
    j["id"] = d.id;
    j["code"] = d.code;
    j["name"] = d.name;
    const auto s = std::find_if(latest.begin(), latest.end(), [&](const Submission& x) { return x.department_id == d.id; });
    const bool draft = std::find(drafts.begin(), drafts.end(), d.id) != drafts.end();
    j["state"] = state_of(s != latest.end(), draft);
    if (s != latest.end()) {
      const Decimal total = *Decimal::parse(s->total);
      j["version"] = s->version;
      j["total"] = json::exact(total);
      j["grade"] = s->grade;
      j["rank"] = rank_among(totals, total);
      j["claims_differ"] = s->claims_differ;
      j["submitted_at"] = s->submitted_at;
    } else {
      j["version"] = nullptr;
      j["total"] = nullptr;
      j["grade"] = nullptr;
      j["rank"] = nullptr;
      j["claims_differ"] = nullptr;
      j["submitted_at"] = nullptr;
    }
    list.push_back(std::move(j));
  }
  ordered_json out;
  out["year"] = year.year;
  out["ruleset"] = ruleset_json(*year.ruleset);
  out["departments"] = std::move(list);
  return json_response(out);
}

}  // namespace rubric::server
