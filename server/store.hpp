// What rubric serve keeps: accounts, departments, sessions, drafts, submissions and the rulesets
// scores were computed with. The server keeps no state outside a Store, so several servers may
// share one database. SQLite (one file, WAL) is the default; PostgreSQL is the database several
// servers share (docs/serve.md).
//
// Every method either does what it says or throws StoreError: a failed write is never reported
// as done.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rubric::server {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A login that is taken, a department code that is taken: the request conflicts with what is kept.
class StoreConflict : public StoreError {
 public:
  using StoreError::StoreError;
};

enum class Role { Admin, Viewer, Officer };
std::string_view role_name(Role role);  // "admin", "viewer", "officer"
std::optional<Role> parse_role(std::string_view name);

struct Department {
  std::int64_t id = 0;
  std::string code;  // short and unique: "court"
  std::string name;  // as the table prints it: "广州互联网法院"
};

struct Account {
  std::int64_t id = 0;
  std::string login;
  std::string name;
  Role role = Role::Officer;
  std::optional<std::int64_t> department_id;  // an officer's department
  std::string password_hash;                  // crypto_pwhash_str's string (Argon2id)
};

struct Session {
  std::string token_hash;  // SHA-256 of the cookie's token: the token itself is never kept
  std::int64_t account_id = 0;
  std::string csrf;
  std::int64_t expires_at = 0;  // Unix seconds
};

// A token a portal sends (Authorization: Bearer …) to act for one department: kept only as its
// SHA-256, like a session's.
struct ApiToken {
  std::string token_hash;
  std::int64_t department_id = 0;
  std::string name;        // what it is for: "财务系统接口"
  std::string created_at;
  std::string created_by;  // the administrator's login
  bool revoked = false;
};

struct Draft {
  std::string facts;  // the facts document as the page sent it
  std::string saved_at;
  std::string saved_by;  // the account's login
};

// One submitted version: immutable once stored.
struct Submission {
  std::int64_t department_id = 0;
  int year = 0;
  int version = 0;  // 1, 2, … per department and year; assigned by the store
  std::string facts;
  std::string score;  // the score document (docs/schema/score.schema.json)
  std::string ruleset_sha256;
  std::string total;  // exact, as text
  std::string grade;
  int claims_differ = 0;  // claimed scores (自评分) that differ from the computed ones
  std::string submitted_at;
  std::string submitted_by;
};

struct StoredRuleset {
  std::string sha256;
  std::string scheme;
  int year = 0;
  std::string name;
  std::string source;
  std::string published_at;
  std::string published_by;  // "" for a ruleset served from a folder given on the command line
};

class Store {
 public:
  virtual ~Store() = default;

  virtual std::int64_t add_department(const Department& department) = 0;
  virtual std::vector<Department> departments() = 0;
  virtual std::optional<Department> department(std::int64_t id) = 0;

  virtual std::int64_t add_account(const Account& account) = 0;
  virtual std::optional<Account> account(std::int64_t id) = 0;
  virtual std::optional<Account> account_by_login(std::string_view login) = 0;

  virtual void add_session(const Session& session) = 0;
  // The session of [token_hash] unless it expired before [now].
  virtual std::optional<Session> session(std::string_view token_hash, std::int64_t now) = 0;
  virtual void remove_session(std::string_view token_hash) = 0;

  virtual void add_api_token(const ApiToken& token) = 0;
  // The token of [token_hash] unless it was revoked.
  virtual std::optional<ApiToken> api_token(std::string_view token_hash) = 0;
  // Revokes the token of [token_hash]; false when there is none.
  virtual bool revoke_api_token(std::string_view token_hash) = 0;

  // Failed logins of [login] at or after [since], to rate-limit them.
  virtual int failed_logins(std::string_view login, std::int64_t since) = 0;
  virtual void add_failed_login(std::string_view login, std::int64_t at) = 0;

  virtual std::optional<Draft> draft(std::int64_t department_id, int year) = 0;
  virtual void save_draft(std::int64_t department_id, int year, const Draft& draft) = 0;

  // Stores [submission] as the next version of its department and year and returns that version.
  virtual int add_submission(const Submission& submission) = 0;
  // Every version of a department's year, oldest first; without the documents when not [full].
  virtual std::vector<Submission> submissions(std::int64_t department_id, int year, bool full) = 0;
  virtual std::optional<Submission> submission(std::int64_t department_id, int year, int version) = 0;
  // The newest version of every department that submitted for [year] (without the documents).
  virtual std::vector<Submission> latest_submissions(int year) = 0;
  // The departments with a draft for [year].
  virtual std::vector<std::int64_t> drafts_of_year(int year) = 0;

  // Keeps [ruleset] unless one with its hash is kept already.
  virtual void keep_ruleset(const StoredRuleset& ruleset) = 0;
  virtual std::optional<StoredRuleset> ruleset(std::string_view sha256) = 0;
  // Every ruleset kept, in the order first kept; without their text when not [full].
  virtual std::vector<StoredRuleset> rulesets(bool full) = 0;

  // The schema version of the database (the number of migrations applied).
  virtual int schema_version() = 0;
  // "ok", or what PRAGMA integrity_check found (PostgreSQL: whether it answers, with this schema).
  virtual std::string integrity_check() = 0;
};

// Opens the SQLite database at [path] and applies the migrations it lacks. With [create] the file
// must not exist yet (it is never replaced); without, it must. A database of a newer schema than
// this program knows is refused.
std::unique_ptr<Store> open_sqlite_store(const std::string& path, bool create);
// How many migrations this program has: the schema version of a database it has upgraded.
int sqlite_schema_version();

// Opens the PostgreSQL database [conninfo] names (a URI, postgresql://user@host:port/db, or
// libpq's key=value form) and applies the migrations it lacks, in the first schema of the
// connection's search_path ("public" unless the URI's options say otherwise), under an advisory
// lock so that servers starting at once do not race. With [create] the Rubric schema must not
// exist there yet (it is never touched); without, it must. A database of a newer schema than
// this program knows is refused.
std::unique_ptr<Store> open_postgres_store(const std::string& conninfo, bool create);
// The same count for PostgreSQL (its migrations are SQLite's, one for one, in its dialect).
int postgres_schema_version();

// True when [database] is a PostgreSQL connection URI: it starts with postgresql:// or postgres://.
bool is_postgres_uri(std::string_view database);
// The store [database] names: PostgreSQL for a connection URI, else the SQLite file at that path.
std::unique_ptr<Store> open_store(const std::string& database, bool create);
// [database] as it may be printed: a URI's password (user:PASSWORD@ or password=…) as "***".
std::string printable_database(std::string_view database);

// The current time in UTC as ISO 8601 writes it, "2026-12-07T06:30:00Z", as kept.
std::string timestamp_now();

}  // namespace rubric::server
