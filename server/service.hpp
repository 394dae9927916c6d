// rubric serve's application: the JSON API and the pages, as plain requests and responses, so
// that every route and every access rule is tested without a socket (tests/server_test.cpp).
// server/http.cpp puts it behind cpp-httplib.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "server/store.hpp"

namespace rubric::server {

struct Request {
  std::string method;  // GET, POST, PUT, DELETE
  std::string path;    // without the query
  std::map<std::string, std::string> query;
  std::string body;
  std::string session_token;  // the rubric_session cookie's value, "" without one
  std::string bearer;         // an API token (Authorization: Bearer …), "" without one
  std::string csrf;           // the X-CSRF-Token header
  std::string client;         // the peer's address, for the log
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::string> set_cookies;  // Set-Cookie values
  std::string download_name;             // a Content-Disposition file name, "" for none
  std::string location;                  // a redirect's target
};

// One year's ruleset as served: the newest ruleset of a scheme folder not after the year.
struct ServedYear {
  int year = 0;
  std::string scheme;
  std::shared_ptr<const ast::Ruleset> ruleset;
  std::string sha256;
};

// The years served: the rulesets of the scheme folders given to rubric serve, checked when the
// server starts (a folder with an error, or two folders with a ruleset for one year, stop it),
// then the rulesets a bureau administrator published, each replacing its year's. Every ruleset
// ever served stays reachable by its hash, for the tables of the versions scored with it.
// Safe to use from the server's threads at once.
class Catalog {
 public:
  std::optional<ServedYear> find(int year) const;
  std::vector<ServedYear> years() const;  // by year
  // Serves [year] from now on, in place of the ruleset its year had.
  void serve(ServedYear year);
  std::shared_ptr<const ast::Ruleset> by_sha256(const std::string& sha256) const;
  // Serves, for each year, the ruleset published last in [store], through this server or
  // another on the same database; the Service calls it before it answers. Cheap when nothing
  // was published since the last call. "" or the problems of a ruleset that does not load here
  // (published by a newer rubric), which is then left aside.
  std::string refresh(Store& store);

 private:
  mutable std::mutex mutex_;
  std::mutex refreshing_;  // one refresh at a time: the last published is served, whatever the order
  std::vector<ServedYear> years_;
  std::map<std::string, std::shared_ptr<const ast::Ruleset>> all_;
  std::set<std::string> refused_;
  std::size_t rulesets_seen_ = 0;
};
// Loads [folders], then the rulesets published earlier and kept in [store], into [catalog]; keeps
// each folder's ruleset text in [store]. "" on success, else the problems, one per line.
std::string load_catalog(const std::vector<std::string>& folders, Store& store, Catalog& catalog);

class Service {
 public:
  // [now] gives the time in Unix seconds (tests move it forward).
  Service(Store& store, Catalog& catalog, std::function<std::int64_t()> now = {});
  Response handle(const Request& request);
  // Every route of the API as (method, path), the path with its placeholders:
  // ("GET", "/api/v1/years/{year}/form").
  static std::vector<std::pair<std::string, std::string>> routes();

  static constexpr const char* kCookie = "rubric_session";
  static constexpr std::int64_t kSessionSeconds = 8 * 3600;
  static constexpr int kLoginAttempts = 5;             // failed logins allowed …
  static constexpr std::int64_t kLoginWindow = 15 * 60;  // … within this many seconds

 private:
  struct Context;
  enum class Who;
  struct Args;
  struct Route;
  static const std::vector<Route>& table();
  Response route(Context& context);
  Response api(Context& context, const std::vector<std::string>& parts);
  const Response* access(const Route& route, Context& context, const std::map<std::string, std::string>& values,
                         Args& args);
  Response login(Context& context);
  Response logout(Context& context);
  Response session_info(Context& context);
  Response years();
  Response rulesets(Context& context);
  Response publish(Context& context);
  Response ruleset_source(Context& context, const std::string& sha256);
  Response form(const ServedYear& year);
  Response score(Context& context, const ServedYear& year);
  Response whatif(Context& context, const ServedYear& year);
  Response departments(Context& context);
  Response add_department(Context& context);
  Response add_account(Context& context);
  Response add_token(Context& context);
  Response revoke_token(Context& context, const std::string& sha256);
  Response department_year(Context& context, const Department& department, const ServedYear& year);
  Response save_draft(Context& context, const Department& department, const ServedYear& year);
  Response submit(Context& context, const Department& department, const ServedYear& year);
  Response submission(Context& context, const Department& department, const ServedYear& year, int version,
                      const std::string& format);
  Response overview(Context& context, const ServedYear& year);
  Response year_report(Context& context, const ServedYear& year, const std::string& format);
  Response import_departments(Context& context);
  Response studio_check(Context& context);
  Response studio_impact(Context& context);
  Response studio_hover(Context& context);
  Response studio_complete(Context& context);
  Response studio_format(Context& context);
  Response studio_test(Context& context);
  Response page(const Context& context, const std::string& name);

  Store& store_;
  Catalog& catalog_;
  std::function<std::int64_t()> now_;
};

// The pages and their scripts (server/pages/), embedded in the program.
struct Asset {
  const char* name;
  const char* content_type;
  const char* content;
};
const std::vector<Asset>& assets();

}  // namespace rubric::server
