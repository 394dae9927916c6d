// rubric serve's two stores, for tests that run against each: a fresh database of one backend
// per test. SQLite: a file in a folder of the test's own. PostgreSQL: a schema of the test's own
// in the database RUBRIC_TEST_POSTGRES names (scripts/test-postgres starts a server and sets it),
// dropped when the test ends; without RUBRIC_TEST_POSTGRES those tests are skipped.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "server/store.hpp"

namespace rubric::testing {

// The backends a parameterised test runs against, as its parameter and its name's suffix.
inline const char* const kBackends[] = {"sqlite", "postgres"};
inline std::string backend_name(const ::testing::TestParamInfo<const char*>& info) { return info.param; }

// The database RUBRIC_TEST_POSTGRES names, "" when it is not set.
inline std::string postgres_test_uri() {
  const char* uri = std::getenv("RUBRIC_TEST_POSTGRES");
  return uri != nullptr ? uri : "";
}

inline const char* const kNoPostgres =
    "RUBRIC_TEST_POSTGRES is not set: the PostgreSQL store is tested by scripts/test-postgres, which starts a server";

// Runs [sql] (statements without parameters) on a connection of its own to [conninfo]; returns
// "" or the error.
inline std::string postgres_exec(const std::string& conninfo, const std::string& sql) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
    PGresult* r = PQexec(conn, sql.c_str());
    const ExecStatusType status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) error = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(conn);
  return error;
}

class TestDatabase {
 public:
  // A fresh database of [backend] ("sqlite" or "postgres") for the current test; skipped() when
  // it is PostgreSQL and there is no server to test against.
  explicit TestDatabase(std::string backend) : backend_(std::move(backend)) {
    static std::atomic<int> count{0};
    const std::string unique = std::to_string(::getpid()) + "_" + std::to_string(++count);
    if (backend_ == "sqlite") {
      const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("rubric-store-" + unique);
      std::filesystem::remove_all(dir);
      std::filesystem::create_directories(dir);
      dir_ = dir.string();
      name_ = (dir / "r.db").string();
      return;
    }
    admin_ = postgres_test_uri();
    if (admin_.empty()) return;
    schema_ = "rubric_test_" + unique;
    const std::string error = postgres_exec(admin_, "CREATE SCHEMA " + schema_);
    if (!error.empty()) throw std::runtime_error("RUBRIC_TEST_POSTGRES: " + error);
    // The store's tables go in the test's schema; its connections are known by that name.
    name_ = admin_ + (admin_.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_ +
            "&application_name=" + schema_;
  }
  ~TestDatabase() {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    if (!schema_.empty()) postgres_exec(admin_, "DROP SCHEMA " + schema_ + " CASCADE");
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  bool skipped() const { return name_.empty(); }
  bool postgres() const { return backend_ == "postgres"; }
  // What `rubric serve` and open_store take: the file, or the URI.
  const std::string& name() const { return name_; }
  std::unique_ptr<server::Store> open(bool create) const { return server::open_store(name_, create); }

  // Runs [sql] on a connection of its own, past the store; returns "" or the error.
  std::string exec(const std::string& sql) const {
    if (postgres()) return postgres_exec(name_, sql);
    sqlite3* raw = nullptr;
    std::string error;
    if (sqlite3_open(name_.c_str(), &raw) != SQLITE_OK) {
      error = sqlite3_errmsg(raw);
    } else if (sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      error = sqlite3_errmsg(raw);
    }
    sqlite3_close(raw);
    return error;
  }
  // The SQL that sets the schema version to [version], past the store.
  std::string set_version(int version) const {
    return postgres() ? "UPDATE rubric_schema SET version = " + std::to_string(version)
                      : "PRAGMA user_version = " + std::to_string(version);
  }
  // Ends the store's connections to the server, as a restart of PostgreSQL would.
  std::string drop_connections() const {
    return postgres_exec(admin_, "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = '" +
                                     schema_ + "'");
  }

 private:
  std::string backend_;
  std::string name_;
  std::string dir_;
  std::string admin_;
  std::string schema_;
};

}  // namespace rubric::testing
