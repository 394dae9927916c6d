// rubric serve: every API route with its access rules, through the Service (no socket), on each
// store: SQLite, and PostgreSQL when RUBRIC_TEST_POSTGRES names a server. The stores themselves
// are tested in server_store_test.cpp, the program over HTTP in server_process_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "server/auth.hpp"
#include "server/service.hpp"
#include "server/store.hpp"
#include "server_backends.hpp"
#include "support.hpp"

namespace rubric::server {
namespace {

using nlohmann::json;
using rubric::testing::read_text;

const std::string kRoot = rubric::testing::kSourceDirPath;
const std::string kCourt2023 = kRoot + "/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json";

// A service on a fresh database with the Guangzhou scheme, a bureau administrator and viewer,
// and two departments with an officer each; once on SQLite and once on PostgreSQL (skipped
// without RUBRIC_TEST_POSTGRES: scripts/test-postgres).
class ServerApi : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<rubric::testing::TestDatabase>(GetParam());
    if (database_->skipped()) GTEST_SKIP() << rubric::testing::kNoPostgres;
    store_ = database_->open(true);
    ASSERT_EQ(load_catalog({kRoot + "/rulesets/guangzhou"}, *store_, catalog_), "");
    service_ = std::make_unique<Service>(*store_, catalog_, [this] { return now_; });
    court_ = store_->add_department({0, "court", "广州互联网法院"});
    water_ = store_->add_department({0, "water", "广州市水务局"});
    add("admin", Role::Admin, std::nullopt);
    add("viewer", Role::Viewer, std::nullopt);
    add("court", Role::Officer, court_);
    add("water", Role::Officer, water_);
  }

  void add(const std::string& login, Role role, std::optional<std::int64_t> department) {
    Account a;
    a.login = login;
    a.name = login;
    a.role = role;
    a.department_id = department;
    // Argon2id is slow on purpose: each password is hashed once for all the tests.
    static std::map<std::string, std::string> hashes;
    if (!hashes.count(login)) hashes[login] = hash_password("password-" + login);
    a.password_hash = hashes[login];
    store_->add_account(a);
  }

  struct Client {
    std::string token;
    std::string csrf;
  };

  Response call(const std::string& method, const std::string& path, const std::string& body = "",
                const Client* client = nullptr, bool with_csrf = true) {
    return service_->handle(request(method, path, body, client, with_csrf));
  }

  static Request request(const std::string& method, const std::string& path, const std::string& body,
                         const Client* client, bool with_csrf = true) {
    Request r;
    r.method = method;
    r.path = path.substr(0, path.find('?'));
    if (path.find('?') != std::string::npos) {
      std::string query = path.substr(path.find('?') + 1);
      while (!query.empty()) {
        const std::string pair = query.substr(0, query.find('&'));
        r.query[pair.substr(0, pair.find('='))] = pair.find('=') == std::string::npos ? "" : pair.substr(pair.find('=') + 1);
        query.erase(0, pair.size() + (pair.size() < query.size() ? 1 : 0));
      }
    }
    r.body = body;
    if (client != nullptr) {
      r.session_token = client->token;
      if (with_csrf) r.csrf = client->csrf;
    }
    return r;
  }

  Client login(const std::string& login) {
    const Response r = call("POST", "/api/v1/session", json{{"login", login}, {"password", "password-" + login}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.set_cookies.size(), 1u);
    const std::string& cookie = r.set_cookies.at(0);
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
    const std::size_t eq = cookie.find('=');
    return {cookie.substr(eq + 1, cookie.find(';') - eq - 1), json::parse(r.body)["csrf"].get<std::string>()};
  }

  std::string year_path(std::int64_t department) { return "/api/v1/departments/" + std::to_string(department) + "/years/2023"; }

  std::unique_ptr<rubric::testing::TestDatabase> database_;  // outlives the store
  std::unique_ptr<Store> store_;
  Catalog catalog_;
  std::unique_ptr<Service> service_;
  std::int64_t now_ = 1'800'000'000;
  std::int64_t court_ = 0;
  std::int64_t water_ = 0;
};

INSTANTIATE_TEST_SUITE_P(, ServerApi, ::testing::ValuesIn(rubric::testing::kBackends), rubric::testing::backend_name);

std::string error_code(const Response& r) { return json::parse(r.body)["error"]["code"].get<std::string>(); }

// The department page's 试算: what the court's facts would need, as rubric whatif answers it, each
// change scored again; nothing is stored.
TEST_P(ServerApi, WhatifAnswersWhatTheFactsWouldNeed) {
  const Client court = login("court");
  const std::string facts = read_text(kCourt2023);
  const json top = json::parse(call("POST", "/api/v1/years/2023/whatif", facts, &court).body);
  EXPECT_EQ(top["schema"], "rubric/whatif");
  EXPECT_EQ(top["answer"]["grade"], "优");
  EXPECT_TRUE(top["answer"]["top_grade"].get<bool>());  // 95.99 is 优 already: nothing above it

  const Response asked = call("POST", "/api/v1/years/2023/whatif?target=97", facts, &court);
  ASSERT_EQ(asked.status, 200) << asked.body;
  const json answer = json::parse(asked.body)["answer"];
  EXPECT_EQ(answer["total"].dump(), "95.99");
  EXPECT_EQ(answer["target"]["total"].dump(), "97");
  ASSERT_FALSE(answer["singles"].empty());
  for (const json& single : answer["singles"]) {
    EXPECT_TRUE(single["verified"].get<bool>()) << single.dump();
    EXPECT_GE(rubric::Decimal::parse(single["total"].dump()).value(), *rubric::Decimal::parse("97")) << single.dump();
  }

  EXPECT_EQ(error_code(call("POST", "/api/v1/years/2023/whatif?target=甲", facts, &court)), "bad_target");
  // Facts that cannot be scored: the diagnostics, and no answer.
  const json refused = json::parse(call("POST", "/api/v1/years/2023/whatif", R"({"year": 2023, "facts": {}})", &court).body);
  EXPECT_TRUE(refused["answer"].is_null());
  EXPECT_FALSE(refused["diagnostics"].empty());
  // Nothing was stored.
  EXPECT_EQ(json::parse(call("GET", year_path(court_), "", &court).body)["state"], "none");
}

TEST_P(ServerApi, TheCourtSubmitsItsFactsAndGets9599WithTheClaimFlagged) {
  const Client court = login("court");
  const std::string facts = read_text(kCourt2023);
  const Response preview = call("POST", "/api/v1/years/2023/score", facts, &court);
  ASSERT_EQ(preview.status, 200);
  const json document = json::parse(preview.body);
  EXPECT_EQ(document["schema"], "rubric/score");
  EXPECT_EQ(document["results"][0]["total"].dump(), "95.99");

  const Response submitted = call("POST", year_path(court_) + "/submissions", facts, &court);
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const json answer = json::parse(submitted.body);
  EXPECT_EQ(answer["version"], 1);
  EXPECT_EQ(answer["total"].dump(), "95.99");
  EXPECT_EQ(answer["grade"], "优");
  EXPECT_EQ(answer["claims_differ"], 1);  // 部门预算资金支出率 9.96 ≠ 9.99 (the total 95.96 ≠ 95.99 follows from it)
  EXPECT_EQ(answer["ruleset_sha256"], catalog_.find(2023)->sha256);

  // A correction is a new version; the first is kept as it was.
  EXPECT_EQ(json::parse(call("POST", year_path(court_) + "/submissions", facts, &court).body)["version"], 2);
  const json state = json::parse(call("GET", year_path(court_), "", &court).body);
  EXPECT_EQ(state["state"], "submitted");
  ASSERT_EQ(state["versions"].size(), 2u);
  const Response first = call("GET", year_path(court_) + "/submissions/1", "", &court);
  ASSERT_EQ(first.status, 200);
  // The stored facts come back byte for byte, inside the answer.
  EXPECT_NE(first.body.find(facts), std::string::npos);

  const Response xlsx = call("GET", year_path(court_) + "/submissions/1/table.xlsx", "", &court);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(xlsx.download_name, "court-2023-v1.xlsx");
  const Response html = call("GET", year_path(court_) + "/submissions/2/table.html", "", &court);
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("95.99"), std::string::npos);
}

TEST_P(ServerApi, ADepartmentSeesAndChangesOnlyItsOwnForms) {
  const Client water = login("water");
  const std::string facts = read_text(kCourt2023);
  EXPECT_EQ(call("GET", year_path(court_), "", &water).status, 403);
  EXPECT_EQ(call("PUT", year_path(court_) + "/draft", facts, &water).status, 403);
  EXPECT_EQ(call("POST", year_path(court_) + "/submissions", facts, &water).status, 403);
  EXPECT_EQ(call("GET", year_path(court_) + "/submissions/1", "", &water).status, 403);
  EXPECT_EQ(call("GET", year_path(court_) + "/submissions/1/table.xlsx", "", &water).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/years/2023/overview", "", &water).status, 403);
  // A department that does not exist is not told apart from another's.
  EXPECT_EQ(call("GET", "/api/v1/departments/999/years/2023", "", &water).status, 403);
  const json listed = json::parse(call("GET", "/api/v1/departments", "", &water).body);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["code"], "water");
  EXPECT_EQ(call("POST", "/api/v1/departments", R"({"code":"x","name":"y"})", &water).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/accounts", R"({"login":"x","role":"admin","password":"12345678"})", &water).status, 403);
}

TEST_P(ServerApi, TheBureauViewerReadsEverythingAndChangesNothing) {
  const Client court = login("court");
  ASSERT_EQ(call("POST", year_path(court_) + "/submissions", read_text(kCourt2023), &court).status, 201);
  const Client viewer = login("viewer");
  EXPECT_EQ(call("GET", year_path(court_), "", &viewer).status, 200);
  EXPECT_EQ(call("GET", year_path(court_) + "/submissions/1/table.html", "", &viewer).status, 200);
  EXPECT_EQ(call("PUT", year_path(court_) + "/draft", "{}", &viewer).status, 403);
  EXPECT_EQ(call("POST", year_path(court_) + "/submissions", read_text(kCourt2023), &viewer).status, 403);
  const json overview = json::parse(call("GET", "/api/v1/years/2023/overview", "", &viewer).body);
  ASSERT_EQ(overview["departments"].size(), 2u);
  EXPECT_EQ(overview["departments"][0]["state"], "submitted");
  EXPECT_EQ(overview["departments"][0]["total"].dump(), "95.99");
  EXPECT_EQ(overview["departments"][0]["rank"], 1);
  EXPECT_EQ(overview["departments"][0]["claims_differ"], 1);
  EXPECT_EQ(overview["departments"][1]["state"], "none");
}

TEST_P(ServerApi, TheAdministratorAddsDepartmentsAndAccountsAndActsForADepartment) {
  const Client admin = login("admin");
  const Response added = call("POST", "/api/v1/departments", R"({"code":"edu","name":"广州市教育局"})", &admin);
  ASSERT_EQ(added.status, 201) << added.body;
  const std::int64_t edu = json::parse(added.body)["id"].get<std::int64_t>();
  EXPECT_EQ(call("POST", "/api/v1/departments", R"({"code":"edu","name":"again"})", &admin).status, 409);
  const std::string account = json{{"login", "edu"}, {"role", "officer"}, {"password", "password-edu"}, {"department", edu}}.dump();
  EXPECT_EQ(call("POST", "/api/v1/accounts", account, &admin).status, 201);
  EXPECT_EQ(call("POST", "/api/v1/accounts", account, &admin).status, 409);
  EXPECT_EQ(call("POST", "/api/v1/accounts", R"({"login":"x","role":"officer","password":"12345678"})", &admin).status, 400);
  const Client edu_officer = login("edu");
  EXPECT_EQ(call("GET", year_path(edu), "", &edu_officer).status, 200);
  EXPECT_EQ(call("PUT", year_path(court_) + "/draft", "{\"facts\": {}}", &admin).status, 200);
}

TEST_P(ServerApi, EveryChangeNeedsTheSessionsCsrfToken) {
  const Client court = login("court");
  const Response r = call("PUT", year_path(court_) + "/draft", "{}", &court, false);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(error_code(r), "csrf");
  Client wrong = court;
  wrong.csrf = "0000";
  EXPECT_EQ(call("POST", year_path(court_) + "/submissions", "{}", &wrong).status, 403);
  EXPECT_FALSE(store_->draft(court_, 2023).has_value());
  EXPECT_EQ(call("DELETE", "/api/v1/session", "", &court, false).status, 403);
  EXPECT_EQ(call("DELETE", "/api/v1/session", "", &court).status, 204);
  EXPECT_EQ(call("GET", year_path(court_), "", &court).status, 401);
}

TEST_P(ServerApi, FailedLoginsAreLimitedPerAccount) {
  for (int i = 0; i < Service::kLoginAttempts; ++i) {
    EXPECT_EQ(call("POST", "/api/v1/session", R"({"login":"court","password":"wrong"})").status, 401);
  }
  // Even the right password waits until the window has passed.
  const Response blocked = call("POST", "/api/v1/session", R"({"login":"court","password":"password-court"})");
  EXPECT_EQ(blocked.status, 429);
  EXPECT_EQ(error_code(blocked), "too_many_attempts");
  now_ += Service::kLoginWindow + 1;
  EXPECT_EQ(call("POST", "/api/v1/session", R"({"login":"court","password":"password-court"})").status, 200);
}

TEST_P(ServerApi, ASessionEnds) {
  const Client court = login("court");
  now_ += Service::kSessionSeconds + 1;
  EXPECT_EQ(call("GET", "/api/v1/session", "", &court).status, 401);
}

TEST_P(ServerApi, RefusedFactsAreNotSubmittedAndSayWhere) {
  const Client court = login("court");
  std::string facts = read_text(kCourt2023);
  const std::string from = "\"audit_issues\": 4";
  ASSERT_NE(facts.find(from), std::string::npos);
  facts.replace(facts.find(from), from.size(), "\"audit_issues\": -1");
  const Response r = call("POST", year_path(court_) + "/submissions", facts, &court);
  ASSERT_EQ(r.status, 422) << r.body;
  const json e = json::parse(r.body)["error"];
  EXPECT_EQ(e["code"], "facts_refused");
  ASSERT_FALSE(e["diagnostics"].empty());
  EXPECT_EQ(e["diagnostics"][0]["path"], "facts.audit_issues");
  EXPECT_TRUE(store_->submissions(court_, 2023, false).empty());
}

TEST_P(ServerApi, FactsOfAnotherYearOrDepartmentAreRefused) {
  const Client court = login("court");
  std::string facts = read_text(kCourt2023);
  const Response other_department = call("POST", year_path(court_) + "/submissions",
                                         std::string(facts).replace(facts.find("广州互联网法院"), 21, "广州市水务局"), &court);
  ASSERT_EQ(other_department.status, 422);
  EXPECT_EQ(json::parse(other_department.body)["error"]["diagnostics"][0]["code"], "E0810");
  facts.replace(facts.find("\"year\": 2023"), 12, "\"year\": 2021");
  const json scored = json::parse(call("POST", "/api/v1/years/2023/score", facts, &court).body);
  EXPECT_EQ(scored["results"][0]["diagnostics"][0]["code"], "E0809");
  EXPECT_TRUE(scored["results"][0]["total"].is_null());
}

TEST_P(ServerApi, MalformedRequestsGetJsonErrors) {
  EXPECT_EQ(call("POST", "/api/v1/session", "not json").status, 400);
  EXPECT_EQ(call("POST", "/api/v1/session", R"({"login": 1})").status, 400);
  EXPECT_EQ(call("GET", "/api/v1/years").status, 401);
  const Client court = login("court");
  EXPECT_EQ(call("GET", "/api/v1/nothing", "", &court).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/years/1999/form", "", &court).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/departments/01/years/2023", "", &court).status, 403);
  EXPECT_EQ(call("GET", year_path(court_) + "/submissions/1", "", &court).status, 404);
  EXPECT_EQ(call("GET", year_path(court_) + "/submissions/x", "", &court).status, 404);
  EXPECT_EQ(call("PUT", year_path(court_) + "/draft", "{not json", &court).status, 400);
  EXPECT_EQ(call("POST", "/", "", &court).status, 405);
  for (const Response& r : {call("GET", "/api/v1/nothing", "", &court), call("POST", "/api/v1/session", "x")}) {
    EXPECT_TRUE(json::parse(r.body)["error"]["message"].is_string()) << r.body;
  }
}

TEST_P(ServerApi, TheFormDescribesEveryFact) {
  const Client court = login("court");
  const Response r = call("GET", "/api/v1/years/2023/form", "", &court);
  ASSERT_EQ(r.status, 200);
  const json form = json::parse(r.body);
  EXPECT_EQ(form["facts"].size(), catalog_.find(2023)->ruleset->facts.size());
  bool found_list = false;
  for (const json& f : form["facts"]) {
    if (f["name"] == "outputs") {
      found_list = true;
      EXPECT_EQ(f["type"], "list");
      EXPECT_EQ(f["element"]["type"], "record");
      EXPECT_EQ(f["element"]["fields"][1]["label"], "年初目标值");
      EXPECT_EQ(f["element"]["fields"][1]["domain"]["min"], "0");
      EXPECT_EQ(f["element"]["fields"][1]["domain"]["min_closed"], false);
    }
    if (f["name"] == "audit_issues") {
      EXPECT_EQ(f["type"], "count");
      EXPECT_EQ(f["required"], false);
      EXPECT_EQ(f["default"], 0);
    }
  }
  EXPECT_TRUE(found_list);
  EXPECT_EQ(form["blank"]["year"], 2023);
  EXPECT_EQ(form["digits"], 2);
}

TEST_P(ServerApi, DraftsAreKeptAsSent) {
  const Client court = login("court");
  const std::string draft = R"({"department": "广州互联网法院", "year": 2023, "facts": {"audit_issues": 4.000}})";
  ASSERT_EQ(call("PUT", year_path(court_) + "/draft", draft, &court).status, 200);
  const Response state = call("GET", year_path(court_), "", &court);
  EXPECT_NE(state.body.find(draft), std::string::npos) << state.body;
  EXPECT_EQ(json::parse(state.body)["state"], "draft");
}

// A ruleset of 2025 for publishing, with its own test; [grade] and [expected] make it warn or fail.
std::string ruleset_2025(bool grade = true, const std::string& expected = "1.5") {
  return std::string("ruleset \"发布测试\" scheme guangzhou year 2025\n") +
         "facts {\n  n: count \"问题数\"\n}\n"
         "section S points 2 {\n  indicator I points 2 {\n    score deduct 0.5 per n until zero\n  }\n}\n" +
         (grade ? "grade { 优 >= 1.5; 差 otherwise }\n" : "") +
         "test \"扣分\" {\n  given {\"n\": 1}\n  case \"一个问题\"\n    expect I = " + expected + "\n}\n";
}

TEST_P(ServerApi, OnlyARulesetThatChecksCleanAndPassesItsTestsIsPublished) {
  const Client admin = login("admin");
  const Response warned = call("POST", "/api/v1/rulesets", ruleset_2025(false), &admin);
  ASSERT_EQ(warned.status, 422) << warned.body;
  EXPECT_EQ(error_code(warned), "ruleset_refused");
  EXPECT_EQ(json::parse(warned.body)["error"]["diagnostics"][0]["code"], "W0503");
  const Response failing = call("POST", "/api/v1/rulesets", ruleset_2025(true, "2"), &admin);
  ASSERT_EQ(failing.status, 422) << failing.body;
  EXPECT_EQ(error_code(failing), "tests_failed");
  EXPECT_EQ(json::parse(failing.body)["error"]["diagnostics"][0]["code"], "E1103");
  EXPECT_FALSE(catalog_.find(2025).has_value());

  const Response published = call("POST", "/api/v1/rulesets", ruleset_2025(), &admin);
  ASSERT_EQ(published.status, 201) << published.body;
  const json kept = json::parse(published.body);
  EXPECT_EQ(kept["published_by"], "admin");
  EXPECT_EQ(kept["year"], 2025);
  ASSERT_TRUE(catalog_.find(2025).has_value());
  EXPECT_EQ(catalog_.find(2025)->sha256, kept["sha256"]);
  EXPECT_EQ(call("POST", "/api/v1/rulesets", ruleset_2025(), &admin).status, 409);
  EXPECT_EQ(call("GET", "/api/v1/rulesets/" + kept["sha256"].get<std::string>(), "", &admin).body, ruleset_2025());
  // The years list has it, and a department can be scored with it.
  const Client court = login("court");
  const Response scored = call("POST", "/api/v1/years/2025/score",
                               R"({"department": "广州互联网法院", "year": 2025, "facts": {"n": 1}})", &court);
  EXPECT_EQ(json::parse(scored.body)["results"][0]["total"].dump(), "1.5");

  // Served again after a restart, from the store alone.
  Catalog restarted;
  ASSERT_EQ(load_catalog({kRoot + "/rulesets/guangzhou"}, *store_, restarted), "");
  ASSERT_TRUE(restarted.find(2025).has_value());
  EXPECT_EQ(restarted.find(2025)->sha256, kept["sha256"]);
}

TEST_P(ServerApi, OnlyTheAdministratorPublishesAndOnlyTheBureauReadsRulesets) {
  const Client court = login("court");
  const Client viewer = login("viewer");
  EXPECT_EQ(call("POST", "/api/v1/rulesets", ruleset_2025(), &court).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/rulesets", ruleset_2025(), &viewer).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/rulesets", "", &court).status, 403);
  const json kept = json::parse(call("GET", "/api/v1/rulesets", "", &viewer).body);
  ASSERT_EQ(kept.size(), 2u);  // 2021 and 2023, from the folder
  EXPECT_TRUE(kept[0]["published_by"].is_null());
}

TEST_P(ServerApi, AVersionKeepsTheRulesetThatScoredIt) {
  const Client court = login("court");
  const std::string facts = read_text(kCourt2023);
  ASSERT_EQ(call("POST", year_path(court_) + "/submissions", facts, &court).status, 201);
  const std::string before = catalog_.find(2023)->sha256;
  // The bureau publishes a 2023 ruleset whose grades are stricter: 优 from 96.
  std::string text = read_text(kRoot + "/rulesets/guangzhou/2023.rubric");
  const std::size_t grade = text.find("优 >= 90");
  ASSERT_NE(grade, std::string::npos);
  text.replace(grade, 8, "优 >= 96");
  const Client admin = login("admin");
  const Response published = call("POST", "/api/v1/rulesets?name=2023.rubric", text, &admin);
  ASSERT_EQ(published.status, 201) << published.body.substr(0, 2000);
  EXPECT_NE(catalog_.find(2023)->sha256, before);
  const json second = json::parse(call("POST", year_path(court_) + "/submissions", facts, &court).body);
  EXPECT_EQ(second["grade"], "良");
  EXPECT_EQ(second["ruleset_sha256"], catalog_.find(2023)->sha256);
  // Version 1 is still 优, and its table is made with the ruleset that scored it.
  const json state = json::parse(call("GET", year_path(court_), "", &court).body);
  EXPECT_EQ(state["versions"][0]["grade"], "优");
  EXPECT_EQ(state["versions"][0]["ruleset_sha256"], before);
  const Response table = call("GET", year_path(court_) + "/submissions/1/table.html", "", &court);
  ASSERT_EQ(table.status, 200) << table.body;
  EXPECT_NE(table.body.find("优"), std::string::npos);
}


// docs/openapi.json describes exactly the routes the service has, and the service serves it.
TEST(ServerOpenApi, DescribesEveryRouteAndNothingElse) {
  const nlohmann::json doc = nlohmann::json::parse(rubric::testing::read_text(kRoot + "/docs/openapi.json"));
  std::set<std::pair<std::string, std::string>> described;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters") continue;
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      described.emplace(upper, path);
    }
  }
  std::set<std::pair<std::string, std::string>> served;
  for (const auto& route : Service::routes()) served.insert(route);
  for (const auto& route : served) EXPECT_TRUE(described.count(route)) << "not in docs/openapi.json: " << route.first << " " << route.second;
  for (const auto& route : described) EXPECT_TRUE(served.count(route)) << "no such route: " << route.first << " " << route.second;
  EXPECT_EQ(doc["info"]["version"], "1.0");
}

TEST_P(ServerApi, ServesItsOpenApiDocument) {
  const Response r = call("GET", "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, rubric::testing::read_text(kRoot + "/docs/openapi.json"));
}


TEST_P(ServerApi, TheBureauGetsTheYearsReportOfEveryNewestVersion) {
  const Client court = login("court");
  ASSERT_EQ(call("POST", year_path(court_) + "/submissions", read_text(kCourt2023), &court).status, 201);
  const Client viewer = login("viewer");
  const Response html = call("GET", "/api/v1/years/2023/report.html", "", &viewer);
  ASSERT_EQ(html.status, 200) << html.body;
  EXPECT_NE(html.body.find("广州互联网法院"), std::string::npos);
  EXPECT_NE(html.body.find("95.99"), std::string::npos);
  const Response xlsx = call("GET", "/api/v1/years/2023/report.xlsx", "", &viewer);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(call("GET", "/api/v1/years/2023/report.html", "", &court).status, 403);
}

TEST_P(ServerApi, DepartmentsAreImportedFromACsvAllOrNothing) {
  const Client admin = login("admin");
  // One bad row (a code taken) and nothing is added.
  const Response refused = call("POST", "/api/v1/departments/import",
                                "\xEF\xBB\xBF部门代码,部门名称,账号\nedu,广州市教育局,edu1\ncourt,重复的代码,\n", &admin);
  ASSERT_EQ(refused.status, 422) << refused.body;
  const json diagnostics = json::parse(refused.body)["error"]["diagnostics"];
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0]["code"], "E0811");
  EXPECT_EQ(store_->departments().size(), 2u);
  EXPECT_EQ(call("POST", "/api/v1/departments/import", "name\nx\n", &admin).status, 422);

  const Response added = call("POST", "/api/v1/departments/import", "code,name\nedu,广州市教育局\n\nhealth,广州市卫生健康委员会\n", &admin);
  ASSERT_EQ(added.status, 201) << added.body;
  const json list = json::parse(added.body);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1]["login"], "health");
  EXPECT_EQ(store_->departments().size(), 4u);
  // The officer logs in with the password given once.
  const Response login_answer = call("POST", "/api/v1/session",
                                     json{{"login", "health"}, {"password", list[1]["password"]}}.dump());
  EXPECT_EQ(login_answer.status, 200);
  EXPECT_EQ(json::parse(login_answer.body)["account"]["department"]["name"], "广州市卫生健康委员会");
}


TEST_P(ServerApi, APortalsTokenActsForItsDepartmentOnlyUntilRevoked) {
  const Client admin = login("admin");
  const Response created = call("POST", "/api/v1/tokens", json{{"department", court_}, {"name", "财务系统接口"}}.dump(), &admin);
  ASSERT_EQ(created.status, 201) << created.body;
  const json token = json::parse(created.body);
  const auto portal = [&](const std::string& method, const std::string& path, const std::string& body = "") {
    Request r;
    r.method = method;
    r.path = path;
    r.body = body;
    r.bearer = token["token"].get<std::string>();
    return service_->handle(r);
  };
  // No cookie and no CSRF token: a portal is not a browser.
  const Response submitted = portal("POST", year_path(court_) + "/submissions", read_text(kCourt2023));
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  EXPECT_EQ(store_->submissions(court_, 2023, false).at(0).submitted_by, "token:财务系统接口");
  EXPECT_EQ(portal("GET", year_path(water_)).status, 403);
  EXPECT_EQ(portal("GET", "/api/v1/years/2023/overview").status, 403);
  EXPECT_EQ(portal("POST", "/api/v1/tokens", json{{"department", water_}, {"name", "x"}}.dump()).status, 403);
  // Only the hash is kept, and revoking it ends it.
  EXPECT_FALSE(store_->api_token(token["token"].get<std::string>()).has_value());
  EXPECT_EQ(call("DELETE", "/api/v1/tokens/" + token["sha256"].get<std::string>(), "", &admin).status, 204);
  const Response revoked = portal("GET", year_path(court_));
  EXPECT_EQ(revoked.status, 401);
  EXPECT_EQ(error_code(revoked), "bad_token");
  EXPECT_EQ(call("DELETE", "/api/v1/tokens/" + token["sha256"].get<std::string>(), "", &admin).status, 404);
  const Client court = login("court");
  EXPECT_EQ(call("POST", "/api/v1/tokens", json{{"department", court_}, {"name", "x"}}.dump(), &court).status, 403);
}


TEST_P(ServerApi, AnUploadedRulesetNamesNoFileOfTheServer) {
  const Client admin = login("admin");
  for (const std::string& text :
       {std::string("ruleset \"x\" scheme guangzhou year 2025 extends \"/etc/passwd\"\n"),
        ruleset_2025() + "test \"t\" {\n  given file \"/etc/passwd\"\n  case \"c\"\n    expect I = 2\n}\n"}) {
    const Response r = call("POST", "/api/v1/rulesets", text, &admin);
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_NE(r.body.find("/etc/passwd"), std::string::npos);
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << "the file's text is not shown";
  }
  EXPECT_FALSE(catalog_.find(2025).has_value());
}

// An unknown login takes as long to refuse as a wrong password: both verify an Argon2id hash.
TEST_P(ServerApi, AnUnknownLoginIsRefusedLikeAWrongPassword) {
  const Response unknown = call("POST", "/api/v1/session", R"({"login":"nobody","password":"x"})");
  const Response wrong = call("POST", "/api/v1/session", R"({"login":"court","password":"x"})");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.body, wrong.body);
}


// Every route against every kind of caller: nobody, the court's officer, another department's
// officer, a bureau viewer and an administrator. A route added to the table without a line here
// fails the test, so the access rules of a new route are decided, not defaulted.
TEST_P(ServerApi, EveryRouteAgainstEveryRole) {
  const Client court = login("court");
  ASSERT_EQ(call("POST", year_path(court_) + "/submissions", read_text(kCourt2023), &court).status, 201);
  // Who may call each route: "any" (logged in), "bureau", "admin", "read" (the department's
  // officer or the bureau), "write" (the department's officer or an administrator), "open".
  const std::map<std::string, std::string> who = {
      {"GET /api/v1/openapi.json", "open"},
      {"POST /api/v1/session", "open"},
      {"GET /api/v1/session", "open"},
      {"DELETE /api/v1/session", "open"},
      {"GET /api/v1/years", "any"},
      {"GET /api/v1/years/{year}/form", "any"},
      {"POST /api/v1/years/{year}/score", "any"},
      {"POST /api/v1/years/{year}/whatif", "any"},
      {"GET /api/v1/years/{year}/overview", "bureau"},
      {"GET /api/v1/years/{year}/report.xlsx", "bureau"},
      {"GET /api/v1/years/{year}/report.html", "bureau"},
      {"GET /api/v1/departments", "any"},
      {"POST /api/v1/departments", "admin"},
      {"POST /api/v1/departments/import", "admin"},
      {"POST /api/v1/accounts", "admin"},
      {"POST /api/v1/tokens", "admin"},
      {"DELETE /api/v1/tokens/{sha256}", "admin"},
      {"GET /api/v1/rulesets", "bureau"},
      {"POST /api/v1/rulesets", "admin"},
      {"GET /api/v1/rulesets/{sha256}", "bureau"},
      {"POST /api/v1/studio/check", "admin"},
      {"POST /api/v1/studio/impact", "admin"},
      {"POST /api/v1/studio/hover", "admin"},
      {"POST /api/v1/studio/complete", "admin"},
      {"POST /api/v1/studio/format", "admin"},
      {"POST /api/v1/studio/test", "admin"},
      {"GET /api/v1/departments/{department}/years/{year}", "read"},
      {"PUT /api/v1/departments/{department}/years/{year}/draft", "write"},
      {"POST /api/v1/departments/{department}/years/{year}/submissions", "write"},
      {"GET /api/v1/departments/{department}/years/{year}/submissions/{version}", "read"},
      {"GET /api/v1/departments/{department}/years/{year}/submissions/{version}/table.xlsx", "read"},
      {"GET /api/v1/departments/{department}/years/{year}/submissions/{version}/table.html", "read"},
  };
  const Client water = login("water");
  const Client viewer = login("viewer");
  const Client admin = login("admin");
  const std::string sha = catalog_.find(2023)->sha256;
  for (const auto& route : Service::routes()) {
    const std::string& method = route.first;  // named, not bound: a lambda below captures it
    const std::string& pattern = route.second;
    const auto rule = who.find(method + " " + pattern);
    ASSERT_NE(rule, who.end()) << "decide who may call " << method << " " << pattern;
    if (rule->second == "open") continue;
    std::string path = pattern;
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"{year}", "2023"}, {"{department}", std::to_string(court_)}, {"{version}", "1"}, {"{sha256}", sha}}) {
      if (const std::size_t at = path.find(from); at != std::string::npos) path.replace(at, from.size(), to);
    }
    const std::string body = method == "GET" || method == "DELETE" ? "" : "{}";
    const auto status = [&](const Client* client) { return call(method, path, body, client).status; };
    const std::string& r = rule->second;
    SCOPED_TRACE(method + " " + path);
    EXPECT_EQ(status(nullptr), 401);
    const auto allowed = [&](const Client& client, bool may) {
      const int s = status(&client);
      if (may) {
        EXPECT_NE(s, 401);
        EXPECT_NE(s, 403);
      } else {
        EXPECT_EQ(s, 403);
      }
    };
    allowed(court, r == "any" || r == "read" || r == "write");
    allowed(water, r == "any");
    allowed(viewer, r == "any" || r == "bureau" || r == "read");
    allowed(admin, true);
  }
}

// Two servers on one database, as behind a load balancer: what the bureau publishes through one
// is what the other scores with at its next request, a stricter 2023 included, and the one that
// published later wins on both.
TEST_P(ServerApi, ARulesetPublishedThroughOneServerIsServedByTheOther) {
  std::unique_ptr<Store> other_store = database_->open(false);
  Catalog other_catalog;
  ASSERT_EQ(load_catalog({kRoot + "/rulesets/guangzhou"}, *other_store, other_catalog), "");
  Service other(*other_store, other_catalog, [this] { return now_; });
  const auto on_other = [&](const std::string& method, const std::string& path, const std::string& body,
                            const Client& client) { return other.handle(request(method, path, body, &client)); };

  const Client admin = login("admin");
  const Client court = login("court");  // a session opened here is good on the other server
  ASSERT_EQ(call("POST", "/api/v1/rulesets", ruleset_2025(), &admin).status, 201);
  const Response scored = on_other("POST", "/api/v1/years/2025/score",
                                   R"({"department": "广州互联网法院", "year": 2025, "facts": {"n": 1}})", court);
  ASSERT_EQ(scored.status, 200) << scored.body;
  EXPECT_EQ(json::parse(scored.body)["results"][0]["total"].dump(), "1.5");

  // A stricter 2023 (优 from 96) published here: the other server's next submission is 良.
  std::string text = read_text(kRoot + "/rulesets/guangzhou/2023.rubric");
  text.replace(text.find("优 >= 90"), 8, "优 >= 96");
  const Response stricter = call("POST", "/api/v1/rulesets?name=2023.rubric", text, &admin);
  ASSERT_EQ(stricter.status, 201) << stricter.body.substr(0, 2000);
  const json submitted =
      json::parse(on_other("POST", year_path(court_) + "/submissions", read_text(kCourt2023), court).body);
  EXPECT_EQ(submitted["grade"], "良");
  EXPECT_EQ(submitted["ruleset_sha256"], json::parse(stricter.body)["sha256"]);

  // Then a milder one (优 from 80) through the other server: both serve it, since it came last.
  text.replace(text.find("优 >= 96"), 8, "优 >= 80");
  const Response milder = on_other("POST", "/api/v1/rulesets?name=2023.rubric", text, admin);
  ASSERT_EQ(milder.status, 201) << milder.body.substr(0, 2000);
  const json again = json::parse(call("POST", year_path(court_) + "/submissions", read_text(kCourt2023), &court).body);
  EXPECT_EQ(again["ruleset_sha256"], json::parse(milder.body)["sha256"]);
  EXPECT_EQ(other_catalog.find(2023)->sha256, catalog_.find(2023)->sha256);
}


// The studio's check: a draft as rubric check sees it, each diagnostic where the browser shows it
// (lines from 0, UTF-16 code units) with the fix it suggests; a draft that names a file of the
// server is refused unread.
TEST_P(ServerApi, TheStudioChecksADraftAndOffersItsFixes) {
  const Client admin = login("admin");
  std::string text = read_text(kRoot + "/rulesets/guangzhou/2023.rubric");
  const std::size_t at = text.find("per audit_issues") + 4;
  text.replace(at, 12, "audit_isues");
  const Response checked = call("POST", "/api/v1/studio/check?name=2024.rubric", text, &admin);
  ASSERT_EQ(checked.status, 200) << checked.body;
  const json answer = json::parse(checked.body);
  EXPECT_EQ(answer["errors"], 1);
  ASSERT_EQ(answer["diagnostics"].size(), 1u);
  const json& d = answer["diagnostics"][0];
  EXPECT_EQ(d["code"], "E0201");
  const std::size_t line = static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  EXPECT_EQ(d["range"]["start"]["line"], line);
  EXPECT_EQ(d["fix"]["text"], "audit_issues");
  EXPECT_EQ(d["fix"]["range"], d["range"]);

  // The served 2023 ruleset: clean, with the one note of monotonicity that rubric check gives it
  // (half marks above 150% completion, W0407).
  const json clean = json::parse(call("POST", "/api/v1/studio/check", read_text(kRoot + "/rulesets/guangzhou/2023.rubric"), &admin).body);
  EXPECT_EQ(clean["errors"], 0);
  EXPECT_EQ(clean["warnings"], 0);
  ASSERT_EQ(clean["diagnostics"].size(), 1u) << clean.dump();
  EXPECT_EQ(clean["diagnostics"][0]["code"], "W0407");
  EXPECT_EQ(clean["diagnostics"][0]["severity"], "note");
  const Response outside =
      call("POST", "/api/v1/studio/check", "ruleset \"x\" scheme s year 2024 extends \"/etc/passwd\"\n", &admin);
  EXPECT_EQ(outside.status, 422) << outside.body;
  EXPECT_NE(outside.body.find("/etc/passwd"), std::string::npos);
  EXPECT_EQ(outside.body.find("root:"), std::string::npos);
  EXPECT_EQ(call("POST", "/api/v1/studio/check?name=../x.rubric", text, &admin).status, 400);
}

// The studio's impact: the court's stored 95.99 / 优 against a draft whose 优 starts at 96, with
// the ranks, the grades before and after, and the diff against the served 2023 ruleset.
TEST_P(ServerApi, TheStudioShowsADraftsImpactOnEveryStoredSubmission) {
  const Client court = login("court");
  ASSERT_EQ(call("POST", year_path(court_) + "/submissions", read_text(kCourt2023), &court).status, 201);
  const Client admin = login("admin");
  std::string text = read_text(kRoot + "/rulesets/guangzhou/2023.rubric");
  text.replace(text.find("优 >= 90"), 8, "优 >= 96");
  const Response impact = call("POST", "/api/v1/studio/impact?name=2023.rubric", text, &admin);
  ASSERT_EQ(impact.status, 200) << impact.body.substr(0, 2000);
  const json answer = json::parse(impact.body);
  EXPECT_EQ(answer["year"], 2023);
  EXPECT_EQ(answer["served"], catalog_.find(2023)->sha256);
  ASSERT_EQ(answer["departments"].size(), 1u);
  const json& row = answer["departments"][0];
  EXPECT_EQ(row["department"]["code"], "court");
  EXPECT_EQ(row["before"]["total"].dump(), "95.99");
  EXPECT_EQ(row["before"]["grade"], "优");
  EXPECT_EQ(row["before"]["rank"], 1);
  EXPECT_EQ(row["after"]["total"].dump(), "95.99");
  EXPECT_EQ(row["after"]["grade"], "良");
  EXPECT_EQ(row["change"].dump(), "0");
  EXPECT_EQ(answer["grades"]["before"], (json{{"优", 1}}));
  EXPECT_EQ(answer["grades"]["after"], (json{{"良", 1}}));
  ASSERT_TRUE(answer["diff"]["changes"].is_array()) << answer["diff"].dump().substr(0, 500);
  EXPECT_FALSE(answer["diff"]["changes"].empty());
  // Nothing was published or stored by looking.
  EXPECT_EQ(json::parse(call("GET", "/api/v1/rulesets", "", &admin).body).size(), 2u);
  // A draft with an error has no impact to show, and says why.
  text.replace(text.find("per audit_issues"), 16, "per audit_isues");
  const Response broken = call("POST", "/api/v1/studio/impact", text, &admin);
  EXPECT_EQ(broken.status, 422);
  EXPECT_EQ(json::parse(broken.body)["error"]["diagnostics"][0]["code"], "E0201");
}

// The line (from 0) and the column in UTF-16 code units (from 0) of byte [at] of [text].
std::string place_of(const std::string& text, std::size_t at) {
  const std::size_t line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
  const std::size_t begin = line_start == std::string::npos || at == 0 ? 0 : line_start + 1;
  std::size_t units = 0;
  for (std::size_t i = begin; i < at; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) != 0x80) units += byte >= 0xF0 ? 2 : 1;
  }
  return "&line=" + std::to_string(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) +
         "&character=" + std::to_string(units);
}

// Hover, go to definition and completion in the studio: the same answers as `rubric lsp`, at the
// places the browser counts; a place that is not two whole numbers is refused.
TEST_P(ServerApi, TheStudioExplainsANameAndCompletesIt) {
  const Client admin = login("admin");
  const std::string text = read_text(kRoot + "/rulesets/guangzhou/2023.rubric");
  const std::size_t use = text.find("per audit_issues") + 6;
  const Response hovered = call("POST", "/api/v1/studio/hover?name=2023.rubric" + place_of(text, use), text, &admin);
  ASSERT_EQ(hovered.status, 200) << hovered.body;
  const json hover = json::parse(hovered.body);
  EXPECT_NE(hover["hover"]["markdown"].get<std::string>().find("审计和财会监督明确指出问题"), std::string::npos) << hover.dump();
  const std::size_t declared = text.find("  audit_issues : count") + 2;
  EXPECT_EQ(hover["definition"]["start"]["line"], std::count(text.begin(), text.begin() + static_cast<long>(declared), '\n'));
  EXPECT_EQ(hover["definition"]["start"]["character"], 2);
  EXPECT_EQ(hover["hover"]["range"]["start"]["line"], hover["definition"]["start"]["line"].get<int>() + 265 - 72);

  // Completion where "audit_" has been typed: the facts are offered, and the range is what to replace.
  std::string typing = text;
  typing.replace(text.find("per audit_issues") + 4, 12, "audit_");
  const std::size_t cursor = typing.find("per audit_") + 10;
  const Response completed = call("POST", "/api/v1/studio/complete?name=2023.rubric" + place_of(typing, cursor), typing, &admin);
  ASSERT_EQ(completed.status, 200) << completed.body.substr(0, 500);
  const json completion = json::parse(completed.body);
  const json& items = completion["items"];
  const auto offered = std::find_if(items.begin(), items.end(), [](const json& i) { return i["label"] == "audit_issues"; });
  ASSERT_NE(offered, items.end());
  EXPECT_EQ((*offered)["kind"], "fact");
  EXPECT_NE((*offered)["detail"].get<std::string>().find("审计"), std::string::npos);
  EXPECT_EQ(completion["range"]["end"]["character"].get<int>() - completion["range"]["start"]["character"].get<int>(), 6);

  // Chinese before the name: characters are counted in UTF-16 units, as the browser counts them.
  const std::string chinese = "# 说明\n" + text;
  const Response shifted = call("POST", "/api/v1/studio/hover?name=2023.rubric" + place_of(chinese, use + 10), chinese, &admin);
  EXPECT_EQ(json::parse(shifted.body)["definition"]["start"]["line"], hover["definition"]["start"]["line"].get<int>() + 1);

  for (const std::string query : {"", "&line=1", "&line=x&character=0", "&line=-1&character=0", "&line=1&character=99999999999"}) {
    EXPECT_EQ(call("POST", "/api/v1/studio/hover?name=2023.rubric" + query, text, &admin).status, 400) << query;
  }
  // A place past the end of its line is the line's end, in the answer too.
  const json past = json::parse(call("POST", "/api/v1/studio/complete?name=2023.rubric&line=0&character=999", "# x\n", &admin).body);
  EXPECT_EQ(past["range"]["start"]["character"], 2);  // the "x" just before it
  EXPECT_EQ(past["range"]["end"]["character"], 3);
  // Nothing at a place with no name.
  const json nothing = json::parse(call("POST", "/api/v1/studio/hover?name=2023.rubric&line=0&character=0", "\n\n", &admin).body);
  EXPECT_TRUE(nothing["hover"].is_null());
  EXPECT_TRUE(nothing["definition"].is_null());
}

TEST_P(ServerApi, TheStudioFormatsADraft) {
  const Client admin = login("admin");
  const std::string text = read_text(kRoot + "/rulesets/guangzhou/2023.rubric");
  const json same = json::parse(call("POST", "/api/v1/studio/format", text, &admin).body);
  EXPECT_EQ(same["changed"], false);
  EXPECT_EQ(same["text"], text);
  std::string messy = text;
  messy.replace(messy.find("score deduct 0.5 per audit_issues"), 33, "score   deduct 0.5   per audit_issues");
  const json formatted = json::parse(call("POST", "/api/v1/studio/format", messy, &admin).body);
  EXPECT_EQ(formatted["changed"], true);
  EXPECT_EQ(formatted["text"], text);
  const Response broken = call("POST", "/api/v1/studio/format", "ruleset \"x\" scheme s year 2024 {", &admin);
  EXPECT_EQ(broken.status, 422);
  EXPECT_EQ(json::parse(broken.body)["error"]["diagnostics"][0]["code"], "E0002");
}

// The studio's tests: the draft's tests beside it, on a department's stored facts, with the
// branches they leave uncovered and the boundary cases generated from the first test's facts.
// No file of the server is read, and no temporary folder shows in what comes back.
TEST_P(ServerApi, TheStudioRunsADraftsTestsWithCoverageAndBoundaryCases) {
  const Client court = login("court");
  ASSERT_EQ(call("POST", year_path(court_) + "/submissions", read_text(kCourt2023), &court).status, 201);
  const Client admin = login("admin");
  const std::string ruleset = read_text(kRoot + "/rulesets/guangzhou/2023.rubric");
  const auto run = [&](const std::string& tests) {
    return call("POST", "/api/v1/studio/test?name=2023.rubric", json{{"ruleset", ruleset}, {"tests", tests}}.dump(), &admin);
  };
  const Response passed = run("test \"法院\" {\n  given file \"departments/court.json\"\n  expect total = 95.99\n  expect grade = 优\n}\n");
  ASSERT_EQ(passed.status, 200) << passed.body.substr(0, 2000);
  const json answer = json::parse(passed.body);
  EXPECT_EQ(answer["passed"], 1);
  EXPECT_EQ(answer["failed"], 0);
  EXPECT_EQ(answer["diagnostics"].size(), 0u) << answer["diagnostics"].dump();
  EXPECT_GT(answer["coverage"]["branches"].get<int>(), answer["coverage"]["covered"].get<int>());
  EXPECT_GT(answer["coverage"]["covered"].get<int>(), 0);
  ASSERT_FALSE(answer["coverage"]["uncovered"].empty());
  EXPECT_EQ(answer["coverage"]["uncovered"][0]["file"], "2023.rubric");
  EXPECT_GT(answer["boundaries"]["cases"].get<int>(), 10);
  EXPECT_NE(answer["boundaries"]["text"].get<std::string>().find("departments/court.json"), std::string::npos);
  EXPECT_EQ(passed.body.find("rubric-studio-"), std::string::npos);

  const json failed = json::parse(run("test \"法院\" {\n  given file \"departments/court.json\"\n  expect total = 90\n}\n").body);
  EXPECT_EQ(failed["failed"], 1);
  EXPECT_EQ(failed["cases"][0]["file"], "2023.test.rubric");
  EXPECT_EQ(failed["cases"][0]["line"], 1);
  EXPECT_NE(failed["cases"][0]["failures"][0].get<std::string>().find("95.99"), std::string::npos) << failed.dump();

  // No test: nothing ran, and the boundary cases say what they need.
  const json none = json::parse(run("").body);
  EXPECT_EQ(none["passed"], 0);
  EXPECT_FALSE(none["boundaries"]["error"].get<std::string>().empty());

  // Only a department's stored facts, by its code; never another file.
  for (const std::string file : {"departments/nobody.json", "/etc/passwd", "departments/../../x.json", "court.json"}) {
    const Response refused = run("test \"t\" {\n  given file \"" + file + "\"\n  expect total = 1\n}\n");
    EXPECT_EQ(refused.status, 422) << file;
    EXPECT_NE(refused.body.find(file), std::string::npos) << refused.body;
  }
  EXPECT_EQ(run("test \"t\" {\n  cohort file \"departments/court.json\"\n}\n").status, 422);
  // Another year's facts are named with the year; the court submitted none for 2022.
  const Response prior = run("test \"t\" {\n  given file \"departments/court.json\"\n  prior file \"departments/2022/court.json\"\n}\n");
  EXPECT_EQ(prior.status, 422);
  EXPECT_NE(prior.body.find("2022"), std::string::npos) << prior.body;

  // The draft's own tests may name a department's stored facts too; checking such a draft reads
  // no file, and says nothing against it.
  const std::string with_own = ruleset + "\ntest \"自带\" {\n  given file \"departments/court.json\"\n  expect total = 95.99\n}\n";
  const json own = json::parse(
      call("POST", "/api/v1/studio/test?name=2023.rubric", json{{"ruleset", with_own}, {"tests", ""}}.dump(), &admin).body);
  EXPECT_EQ(own["passed"], 1) << own.dump().substr(0, 1000);
  EXPECT_EQ(call("POST", "/api/v1/studio/check?name=2023.rubric", with_own, &admin).status, 200);

  // Names that are not plain file names, or that name a file of tests, are refused.
  for (const std::string& bad : {std::string("a\x01b.rubric"), std::string(300, 'x') + ".rubric", std::string("2023.test.rubric")}) {
    EXPECT_EQ(call("POST", "/api/v1/studio/test?name=" + bad, json{{"ruleset", ruleset}}.dump(), &admin).status, 400) << bad;
    EXPECT_EQ(call("POST", "/api/v1/studio/check?name=" + bad, ruleset, &admin).status, 400) << bad;
  }
  EXPECT_EQ(call("POST", "/api/v1/studio/test", "not json", &admin).status, 400);
  EXPECT_EQ(call("POST", "/api/v1/studio/test", R"({"ruleset": 1})", &admin).status, 400);
}

}  // namespace
}  // namespace rubric::server
