// rubric serve's accounts: logging in and out, the session, API tokens for portals, and the
// departments and accounts an administrator adds (docs/serve.md, "Accounts and roles"). Who may
// call each is decided by the route table (service.cpp) before any of these runs.
#include "base/hash.hpp"
#include "base/messages.hpp"
#include "server/answers.hpp"
#include "server/auth.hpp"
#include "server/service.hpp"

namespace rubric::server {

using nlohmann::ordered_json;

namespace {

ordered_json account_json(const Account& a, const std::optional<Department>& department) {
  ordered_json j;
  j["login"] = a.login;
  j["name"] = a.name;
  j["role"] = role_name(a.role);
  if (department) {
    ordered_json d;
    d["id"] = department->id;
    d["code"] = department->code;
    d["name"] = department->name;
    j["department"] = std::move(d);
  } else {
    j["department"] = nullptr;
  }
  return j;
}

std::string session_cookie(const std::string& token, std::int64_t max_age) {
  return std::string(Service::kCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age);
}

}  // namespace

Response Service::login(Context& context) {
  const ordered_json body = ordered_json::parse(context.request.body, nullptr, false);
  if (!body.is_object() || !body.contains("login") || !body["login"].is_string() || !body.contains("password") ||
      !body["password"].is_string()) {
    return error(400, "bad_request", tr("send {\"login\": …, \"password\": …}"));
  }
  const std::string login = body["login"].get<std::string>();
  const std::int64_t now = now_();
  if (store_.failed_logins(login, now - kLoginWindow) >= kLoginAttempts) {
    return error(429, "too_many_attempts", tr("too many failed logins for this account; try again in 15 minutes"));
  }
  const std::optional<Account> account = store_.account_by_login(login);
  // A login that does not exist costs the same Argon2id verification as one that does, so that
  // the time of the answer does not tell which accounts exist.
  static const std::string kNobody = hash_password(random_token());
  if (!verify_password(body["password"].get<std::string>(), account ? account->password_hash : kNobody) || !account) {
    store_.add_failed_login(login, now);
    return error(401, "bad_login", tr("wrong account or password"));
  }
  const std::string token = random_token();
  Session session{sha256_hex(token), account->id, random_token(16), now + kSessionSeconds};
  store_.add_session(session);
  context.session = session;
  context.account = account;
  Response r = session_info(context);
  r.set_cookies.push_back(session_cookie(token, kSessionSeconds));
  return r;
}

Response Service::logout(Context& context) {
  if (!context.session) return error(401, "not_logged_in", tr("please log in first"));
  if (context.request.csrf != context.session->csrf) {
    return error(403, "csrf", tr("the request lacks this session's X-CSRF-Token; reload the page"));
  }
  store_.remove_session(context.session->token_hash);
  Response r;
  r.status = 204;
  r.set_cookies.push_back(session_cookie("", 0));
  return r;
}

Response Service::session_info(Context& context) {
  if (!context.account) return error(401, "not_logged_in", tr("please log in first"));
  const Account& a = *context.account;
  ordered_json j;
  j["account"] = account_json(a, a.department_id ? store_.department(*a.department_id) : std::nullopt);
  j["csrf"] = context.session ? ordered_json(context.session->csrf) : ordered_json(nullptr);
  return json_response(j);
}

Response Service::add_token(Context& context) {
  const ordered_json body = ordered_json::parse(context.request.body, nullptr, false);
  if (!body.is_object() || !body.contains("department") || !body["department"].is_number_integer() || !body.contains("name") ||
      !body["name"].is_string() || body["name"].get<std::string>().empty()) {
    return error(400, "bad_request", tr("send {\"department\": a department's number, \"name\": what the token is for}"));
  }
  const std::optional<Department> department = store_.department(body["department"].get<std::int64_t>());
  if (!department) return error(400, "bad_request", tr("an officer's account needs the number of an existing department"));
  const std::string token = random_token();
  ApiToken kept{sha256_hex(token), department->id, body["name"].get<std::string>(), timestamp_now(), context.account->login, false};
  store_.add_api_token(kept);
  ordered_json j;
  j["token"] = token;  // shown once: only its hash is kept
  j["sha256"] = kept.token_hash;
  j["name"] = kept.name;
  j["department"] = department->id;
  j["created_at"] = kept.created_at;
  return json_response(j, 201);
}

Response Service::revoke_token(Context&, const std::string& sha256) {
  if (!store_.revoke_api_token(sha256)) return error(404, "no_token", tr("no API token has this hash"));
  Response r;
  r.status = 204;
  return r;
}

Response Service::departments(Context& context) {
  const Account& account = *context.account;
  ordered_json list = ordered_json::array();
  for (const Department& d : store_.departments()) {
    if (!may_read(account, d.id)) continue;
    ordered_json j;
    j["id"] = d.id;
    j["code"] = d.code;
    j["name"] = d.name;
    list.push_back(std::move(j));
  }
  return json_response(list);
}

Response Service::add_department(Context& context) {
  if (context.account->role != Role::Admin) return error(403, "forbidden", tr("only a bureau administrator adds departments"));
  const ordered_json body = ordered_json::parse(context.request.body, nullptr, false);
  if (!body.is_object() || !body.contains("code") || !body["code"].is_string() || !body.contains("name") ||
      !body["name"].is_string() || body["code"].get<std::string>().empty() || body["name"].get<std::string>().empty()) {
    return error(400, "bad_request", tr("send {\"code\": …, \"name\": …}"));
  }
  try {
    Department d{0, body["code"].get<std::string>(), body["name"].get<std::string>()};
    d.id = store_.add_department(d);
    ordered_json j;
    j["id"] = d.id;
    j["code"] = d.code;
    j["name"] = d.name;
    return json_response(j, 201);
  } catch (const StoreConflict&) {
    return error(409, "conflict", tr("a department has this code already"));
  }
}

Response Service::add_account(Context& context) {
  if (context.account->role != Role::Admin) return error(403, "forbidden", tr("only a bureau administrator adds accounts"));
  const ordered_json body = ordered_json::parse(context.request.body, nullptr, false);
  const auto text = [&](const char* key) {
    return body.is_object() && body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : std::string();
  };
  const std::optional<Role> role = parse_role(text("role"));
  const std::string password = text("password");
  if (text("login").empty() || !role || password.size() < 8) {
    return error(400, "bad_request",
                 tr("send {\"login\", \"name\", \"role\": admin|viewer|officer, \"password\" (8 characters or more), "
                    "\"department\" (an officer's department number)}"));
  }
  Account a;
  a.login = text("login");
  a.name = text("name").empty() ? a.login : text("name");
  a.role = *role;
  if (*role == Role::Officer) {
    if (!body.contains("department") || !body["department"].is_number_integer() ||
        !store_.department(body["department"].get<std::int64_t>())) {
      return error(400, "bad_request", tr("an officer's account needs the number of an existing department"));
    }
    a.department_id = body["department"].get<std::int64_t>();
  }
  a.password_hash = hash_password(password);
  try {
    a.id = store_.add_account(a);
  } catch (const StoreConflict&) {
    return error(409, "conflict", tr("an account has this login already"));
  }
  return json_response(account_json(a, a.department_id ? store_.department(*a.department_id) : std::nullopt), 201);
}

}  // namespace rubric::server
