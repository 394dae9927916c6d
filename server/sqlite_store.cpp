// The Store in one SQLite file (libsqlite3): WAL so that readers do not wait for a writer,
// synchronous=FULL so that an acknowledged submission survives a crash, foreign keys on, and
// numbered migrations in PRAGMA user_version, each applied in one transaction.
#include <sqlite3.h>

#include <filesystem>
#include <mutex>

#include "server/store.hpp"

namespace rubric::server {

namespace {

// The schema, one migration per step; a database at version N has had the first N applied.
// A migration is never edited once released: a change is a new one at the end.
const char* const kMigrations[] = {
    // 1: accounts, departments, sessions, drafts, submissions, rulesets.
    R"sql(
CREATE TABLE departments (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'viewer', 'officer')),
  department_id INTEGER REFERENCES departments(id),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK ((role = 'officer') = (department_id IS NOT NULL))
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  csrf TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE failed_logins (
  login TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX failed_logins_by_login ON failed_logins(login, at);
CREATE TABLE rulesets (
  sha256 TEXT PRIMARY KEY,
  scheme TEXT NOT NULL,
  year INTEGER NOT NULL,
  name TEXT NOT NULL,
  source TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL
);
CREATE TABLE drafts (
  department_id INTEGER NOT NULL REFERENCES departments(id),
  year INTEGER NOT NULL,
  facts TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  PRIMARY KEY (department_id, year)
);
CREATE TABLE submissions (
  department_id INTEGER NOT NULL REFERENCES departments(id),
  year INTEGER NOT NULL,
  version INTEGER NOT NULL,
  facts TEXT NOT NULL,
  score TEXT NOT NULL,
  ruleset_sha256 TEXT NOT NULL REFERENCES rulesets(sha256),
  total TEXT NOT NULL,
  grade TEXT NOT NULL,
  claims_differ INTEGER NOT NULL,
  submitted_at TEXT NOT NULL,
  submitted_by TEXT NOT NULL,
  PRIMARY KEY (department_id, year, version)
);
-- A submission is immutable: a correction is a new version.
CREATE TRIGGER submissions_immutable BEFORE UPDATE ON submissions
BEGIN SELECT RAISE(ABORT, 'a submission is immutable'); END;
CREATE TRIGGER submissions_kept BEFORE DELETE ON submissions
BEGIN SELECT RAISE(ABORT, 'a submission is kept'); END;
)sql",
    // 2: API tokens for portals that submit on a department's behalf.
    R"sql(
CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  department_id INTEGER NOT NULL REFERENCES departments(id),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
);
)sql",
};

constexpr int kMigrationCount = static_cast<int>(sizeof(kMigrations) / sizeof(kMigrations[0]));

// One prepared statement, finalized when it goes out of scope.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK) {
      throw StoreError(std::string("database: ") + sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, std::string_view text) {
    check(sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Statement& bind(int i, std::int64_t value) {
    check(sqlite3_bind_int64(stmt_, i, value));
    return *this;
  }
  Statement& bind(int i, int value) { return bind(i, static_cast<std::int64_t>(value)); }
  Statement& bind_null(int i) {
    check(sqlite3_bind_null(stmt_, i));
    return *this;
  }

  // True while there is a row.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    if (rc == SQLITE_CONSTRAINT) throw StoreConflict(std::string("database: ") + sqlite3_errmsg(db_));
    throw StoreError(std::string("database: ") + sqlite3_errmsg(db_));
  }
  void run() {
    while (step()) {
    }
  }

  std::string text(int column) const {
    const unsigned char* p = sqlite3_column_text(stmt_, column);
    return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p),
                                                      static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) throw StoreError(std::string("database: ") + sqlite3_errmsg(db_));
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::string& path, bool create) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const bool exists = fs::exists(path, ec);
    if (create && exists) throw StoreError("database: " + path + " exists already; it is never replaced");
    if (!create && !exists) throw StoreError("database: " + path + " does not exist (create it with rubric serve --init)");
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_FULLMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw StoreError("database: " + path + ": " + message);
    }
    sqlite3_busy_timeout(db_, 5000);
    try {
      execute("PRAGMA journal_mode = WAL");
      execute("PRAGMA synchronous = FULL");
      execute("PRAGMA foreign_keys = ON");
      migrate();
    } catch (...) {
      sqlite3_close(db_);
      throw;
    }
  }
  ~SqliteStore() override { sqlite3_close(db_); }
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  std::int64_t add_department(const Department& d) override {
    std::lock_guard lock(mutex_);
    Statement(db_, "INSERT INTO departments (code, name) VALUES (?, ?)").bind(1, d.code).bind(2, d.name).run();
    return sqlite3_last_insert_rowid(db_);
  }

  std::vector<Department> departments() override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT id, code, name FROM departments ORDER BY id");
    std::vector<Department> out;
    while (s.step()) out.push_back({s.integer(0), s.text(1), s.text(2)});
    return out;
  }

  std::optional<Department> department(std::int64_t id) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT id, code, name FROM departments WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return Department{s.integer(0), s.text(1), s.text(2)};
  }

  std::int64_t add_account(const Account& a) override {
    std::lock_guard lock(mutex_);
    Statement s(db_,
                "INSERT INTO accounts (login, name, role, department_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, a.login).bind(2, a.name).bind(3, role_name(a.role));
    if (a.department_id) {
      s.bind(4, *a.department_id);
    } else {
      s.bind_null(4);
    }
    s.bind(5, a.password_hash).bind(6, timestamp_now()).run();
    return sqlite3_last_insert_rowid(db_);
  }

  std::optional<Account> account(std::int64_t id) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT id, login, name, role, department_id, password_hash FROM accounts WHERE id = ?");
    s.bind(1, id);
    return read_account(s);
  }

  std::optional<Account> account_by_login(std::string_view login) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT id, login, name, role, department_id, password_hash FROM accounts WHERE login = ?");
    s.bind(1, login);
    return read_account(s);
  }

  void add_session(const Session& session) override {
    std::lock_guard lock(mutex_);
    Statement(db_, "INSERT INTO sessions (token_hash, account_id, csrf, expires_at) VALUES (?, ?, ?, ?)")
        .bind(1, session.token_hash)
        .bind(2, session.account_id)
        .bind(3, session.csrf)
        .bind(4, session.expires_at)
        .run();
  }

  std::optional<Session> session(std::string_view token_hash, std::int64_t now) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT token_hash, account_id, csrf, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?");
    s.bind(1, token_hash).bind(2, now);
    if (!s.step()) return std::nullopt;
    return Session{s.text(0), s.integer(1), s.text(2), s.integer(3)};
  }

  void remove_session(std::string_view token_hash) override {
    std::lock_guard lock(mutex_);
    Statement(db_, "DELETE FROM sessions WHERE token_hash = ?").bind(1, token_hash).run();
  }

  void add_api_token(const ApiToken& t) override {
    std::lock_guard lock(mutex_);
    Statement(db_, "INSERT INTO api_tokens (token_hash, department_id, name, created_at, created_by) VALUES (?, ?, ?, ?, ?)")
        .bind(1, t.token_hash)
        .bind(2, t.department_id)
        .bind(3, t.name)
        .bind(4, t.created_at)
        .bind(5, t.created_by)
        .run();
  }

  std::optional<ApiToken> api_token(std::string_view token_hash) override {
    std::lock_guard lock(mutex_);
    Statement s(db_,
                "SELECT token_hash, department_id, name, created_at, created_by, revoked FROM api_tokens "
                "WHERE token_hash = ? AND revoked = 0");
    s.bind(1, token_hash);
    if (!s.step()) return std::nullopt;
    return ApiToken{s.text(0), s.integer(1), s.text(2), s.text(3), s.text(4), s.integer(5) != 0};
  }

  bool revoke_api_token(std::string_view token_hash) override {
    std::lock_guard lock(mutex_);
    Statement(db_, "UPDATE api_tokens SET revoked = 1 WHERE token_hash = ? AND revoked = 0").bind(1, token_hash).run();
    return sqlite3_changes(db_) > 0;
  }

  int failed_logins(std::string_view login, std::int64_t since) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT count(*) FROM failed_logins WHERE login = ? AND at >= ?");
    s.bind(1, login).bind(2, since);
    s.step();
    return static_cast<int>(s.integer(0));
  }

  void add_failed_login(std::string_view login, std::int64_t at) override {
    std::lock_guard lock(mutex_);
    Statement(db_, "INSERT INTO failed_logins (login, at) VALUES (?, ?)").bind(1, login).bind(2, at).run();
    // Old attempts say nothing any more.
    Statement(db_, "DELETE FROM failed_logins WHERE at < ?").bind(1, at - 86400).run();
  }

  std::optional<Draft> draft(std::int64_t department_id, int year) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT facts, saved_at, saved_by FROM drafts WHERE department_id = ? AND year = ?");
    s.bind(1, department_id).bind(2, year);
    if (!s.step()) return std::nullopt;
    return Draft{s.text(0), s.text(1), s.text(2)};
  }

  void save_draft(std::int64_t department_id, int year, const Draft& d) override {
    std::lock_guard lock(mutex_);
    Statement(db_,
              "INSERT INTO drafts (department_id, year, facts, saved_at, saved_by) VALUES (?, ?, ?, ?, ?) "
              "ON CONFLICT (department_id, year) DO UPDATE SET facts = excluded.facts, saved_at = excluded.saved_at, "
              "saved_by = excluded.saved_by")
        .bind(1, department_id)
        .bind(2, year)
        .bind(3, d.facts)
        .bind(4, d.saved_at)
        .bind(5, d.saved_by)
        .run();
  }

  int add_submission(const Submission& s) override {
    std::lock_guard lock(mutex_);
    // The next version and the row in one write transaction: two submissions at once get two
    // versions, even from two servers on one file.
    execute("BEGIN IMMEDIATE");
    try {
      Statement next(db_, "SELECT coalesce(max(version), 0) + 1 FROM submissions WHERE department_id = ? AND year = ?");
      next.bind(1, s.department_id).bind(2, s.year);
      next.step();
      const int version = static_cast<int>(next.integer(0));
      Statement(db_,
                "INSERT INTO submissions (department_id, year, version, facts, score, ruleset_sha256, total, grade, "
                "claims_differ, submitted_at, submitted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .bind(1, s.department_id)
          .bind(2, s.year)
          .bind(3, version)
          .bind(4, s.facts)
          .bind(5, s.score)
          .bind(6, s.ruleset_sha256)
          .bind(7, s.total)
          .bind(8, s.grade)
          .bind(9, s.claims_differ)
          .bind(10, s.submitted_at)
          .bind(11, s.submitted_by)
          .run();
      execute("COMMIT");
      return version;
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  std::vector<Submission> submissions(std::int64_t department_id, int year, bool full) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, std::string("SELECT ") + columns(full) +
                         " FROM submissions WHERE department_id = ? AND year = ? ORDER BY version");
    s.bind(1, department_id).bind(2, year);
    std::vector<Submission> out;
    while (s.step()) out.push_back(read_submission(s, full));
    return out;
  }

  std::optional<Submission> submission(std::int64_t department_id, int year, int version) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, std::string("SELECT ") + columns(true) +
                         " FROM submissions WHERE department_id = ? AND year = ? AND version = ?");
    s.bind(1, department_id).bind(2, year).bind(3, version);
    if (!s.step()) return std::nullopt;
    return read_submission(s, true);
  }

  std::vector<Submission> latest_submissions(int year) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, std::string("SELECT ") + columns(false) +
                         " FROM submissions AS s WHERE year = ? AND version = (SELECT max(version) FROM submissions "
                         "WHERE department_id = s.department_id AND year = s.year) ORDER BY department_id");
    s.bind(1, year);
    std::vector<Submission> out;
    while (s.step()) out.push_back(read_submission(s, false));
    return out;
  }

  std::vector<std::int64_t> drafts_of_year(int year) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT department_id FROM drafts WHERE year = ? ORDER BY department_id");
    s.bind(1, year);
    std::vector<std::int64_t> out;
    while (s.step()) out.push_back(s.integer(0));
    return out;
  }

  void keep_ruleset(const StoredRuleset& r) override {
    std::lock_guard lock(mutex_);
    Statement(db_,
              "INSERT INTO rulesets (sha256, scheme, year, name, source, published_at, published_by) "
              "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING")
        .bind(1, r.sha256)
        .bind(2, r.scheme)
        .bind(3, r.year)
        .bind(4, r.name)
        .bind(5, r.source)
        .bind(6, r.published_at)
        .bind(7, r.published_by)
        .run();
  }

  std::optional<StoredRuleset> ruleset(std::string_view sha256) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT sha256, scheme, year, name, source, published_at, published_by FROM rulesets WHERE sha256 = ?");
    s.bind(1, sha256);
    if (!s.step()) return std::nullopt;
    return StoredRuleset{s.text(0), s.text(1), static_cast<int>(s.integer(2)), s.text(3), s.text(4), s.text(5), s.text(6)};
  }

  std::vector<StoredRuleset> rulesets(bool full) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, std::string("SELECT sha256, scheme, year, name, ") + (full ? "source" : "''") +
                         ", published_at, published_by FROM rulesets ORDER BY rowid");
    std::vector<StoredRuleset> out;
    while (s.step()) {
      out.push_back({s.text(0), s.text(1), static_cast<int>(s.integer(2)), s.text(3), s.text(4), s.text(5), s.text(6)});
    }
    return out;
  }

  int schema_version() override {
    std::lock_guard lock(mutex_);
    return user_version();
  }

  std::string integrity_check() override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "PRAGMA integrity_check");
    std::string out;
    while (s.step()) out += (out.empty() ? "" : "\n") + s.text(0);
    return out;
  }

 private:
  void execute(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error != nullptr ? error : "unknown error";
      sqlite3_free(error);
      throw StoreError("database: " + message);
    }
  }

  int user_version() {
    Statement s(db_, "PRAGMA user_version");
    s.step();
    return static_cast<int>(s.integer(0));
  }

  void migrate() {
    execute("BEGIN IMMEDIATE");
    try {
      const int version = user_version();
      if (version > kMigrationCount) {
        throw StoreError("database: its schema version is " + std::to_string(version) + ", newer than this program's " +
                         std::to_string(kMigrationCount) + "; use a newer rubric");
      }
      for (int i = version; i < kMigrationCount; ++i) {
        execute(kMigrations[i]);
        execute(("PRAGMA user_version = " + std::to_string(i + 1)).c_str());
      }
      execute("COMMIT");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  static std::optional<Account> read_account(Statement& s) {
    if (!s.step()) return std::nullopt;
    Account a;
    a.id = s.integer(0);
    a.login = s.text(1);
    a.name = s.text(2);
    a.role = parse_role(s.text(3)).value_or(Role::Officer);
    if (!s.is_null(4)) a.department_id = s.integer(4);
    a.password_hash = s.text(5);
    return a;
  }

  static const char* columns(bool full) {
    return full ? "department_id, year, version, ruleset_sha256, total, grade, claims_differ, submitted_at, submitted_by, "
                  "facts, score"
                : "department_id, year, version, ruleset_sha256, total, grade, claims_differ, submitted_at, submitted_by";
  }

  static Submission read_submission(const Statement& s, bool full) {
    Submission out;
    out.department_id = s.integer(0);
    out.year = static_cast<int>(s.integer(1));
    out.version = static_cast<int>(s.integer(2));
    out.ruleset_sha256 = s.text(3);
    out.total = s.text(4);
    out.grade = s.text(5);
    out.claims_differ = static_cast<int>(s.integer(6));
    out.submitted_at = s.text(7);
    out.submitted_by = s.text(8);
    if (full) {
      out.facts = s.text(9);
      out.score = s.text(10);
    }
    return out;
  }

  sqlite3* db_ = nullptr;
  std::mutex mutex_;  // one connection, one statement at a time
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path, bool create) {
  return std::make_unique<SqliteStore>(path, create);
}

int sqlite_schema_version() { return kMigrationCount; }

}  // namespace rubric::server
