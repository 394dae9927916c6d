// rubric serve's stores, SQLite and PostgreSQL, held to the same behaviour: migrations (a new
// database, an older one upgraded, a newer one refused), an existing database never replaced,
// submissions immutable even past the store, conflicts, and versions that stay distinct when two
// servers on one database submit at once. The PostgreSQL cases need RUBRIC_TEST_POSTGRES
// (scripts/test-postgres).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <thread>

#include "server/store.hpp"
#include "server_backends.hpp"
#include "support.hpp"

namespace rubric::server {
namespace {

namespace fs = std::filesystem;
using rubric::testing::TestDatabase;

class ServerStore : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    if (db_->skipped()) GTEST_SKIP() << rubric::testing::kNoPostgres;
  }

  static Submission a_submission(std::int64_t department) {
    Submission s;
    s.department_id = department;
    s.year = 2023;
    s.facts = "{}";
    s.score = "{}";
    s.ruleset_sha256 = "abc";
    s.total = "95.99";
    s.grade = "优";
    s.submitted_at = "2026-12-07T06:30:00Z";
    s.submitted_by = "court";
    return s;
  }

  std::unique_ptr<TestDatabase> db_;
};

INSTANTIATE_TEST_SUITE_P(, ServerStore, ::testing::ValuesIn(rubric::testing::kBackends), rubric::testing::backend_name);

TEST_P(ServerStore, MigratesANewDatabaseAndOpensItAgainUnchanged) {
  EXPECT_EQ(sqlite_schema_version(), postgres_schema_version()) << "the same migrations, one for one";
  {
    auto store = db_->open(true);
    EXPECT_EQ(store->schema_version(), sqlite_schema_version());
    store->add_department({0, "court", "广州互联网法院"});
  }
  auto again = db_->open(false);
  EXPECT_EQ(again->schema_version(), sqlite_schema_version());
  ASSERT_EQ(again->departments().size(), 1u);
  EXPECT_EQ(again->departments()[0].name, "广州互联网法院");
  EXPECT_EQ(again->integrity_check(), "ok");
}

TEST_P(ServerStore, NeverReplacesADatabaseAndNeverCreatesOneUnasked) {
  if (!db_->postgres()) {
    const fs::path dir = fs::path(db_->name()).parent_path();
    std::ofstream(dir / "kept.db") << "the user's file";
    EXPECT_THROW(open_sqlite_store((dir / "kept.db").string(), true), StoreError);
    EXPECT_EQ(rubric::testing::read_text((dir / "kept.db").string()), "the user's file");
    EXPECT_THROW(open_sqlite_store((dir / "missing.db").string(), false), StoreError);
    EXPECT_FALSE(fs::exists(dir / "missing.db"));
    return;
  }
  // A schema without Rubric's tables is not opened, and is left without them.
  EXPECT_THROW(db_->open(false), StoreError);
  EXPECT_NE(db_->exec("SELECT version FROM rubric_schema"), "");
  db_->open(true)->add_department({0, "court", "广州互联网法院"});
  try {
    db_->open(true);
    FAIL() << "an existing Rubric schema was created again";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("exists already"), std::string::npos) << e.what();
  }
  EXPECT_EQ(db_->open(false)->departments().size(), 1u);
}

TEST_P(ServerStore, RefusesADatabaseNewerThanTheProgram) {
  db_->open(true).reset();
  ASSERT_EQ(db_->exec(db_->set_version(sqlite_schema_version() + 1)), "");
  try {
    db_->open(false);
    FAIL() << "a newer database was opened";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("newer than this program"), std::string::npos) << e.what();
  }
}

// A database of schema version 1 (before API tokens) is upgraded when opened, and keeps its data.
TEST_P(ServerStore, AnOlderDatabaseIsMigratedAndKeepsItsData) {
  db_->open(true)->add_department({0, "court", "广州互联网法院"});
  ASSERT_EQ(db_->exec("DROP TABLE api_tokens; " + db_->set_version(1)), "");
  auto store = db_->open(false);
  EXPECT_EQ(store->schema_version(), sqlite_schema_version());
  EXPECT_GE(sqlite_schema_version(), 2);
  store->add_api_token({"hash", 1, "x", "now", "admin", false});
  EXPECT_TRUE(store->api_token("hash").has_value());
  EXPECT_TRUE(store->revoke_api_token("hash"));
  EXPECT_FALSE(store->api_token("hash").has_value());
  EXPECT_FALSE(store->revoke_api_token("hash"));
  EXPECT_EQ(store->departments().size(), 1u);
}

// Several servers starting at once on an older database: one applies the migrations, the others
// wait for it and find them applied.
TEST_P(ServerStore, ServersStartingAtOnceMigrateItOnce) {
  db_->open(true)->add_department({0, "court", "广州互联网法院"});
  ASSERT_EQ(db_->exec("DROP TABLE api_tokens; " + db_->set_version(1)), "");
  std::vector<std::unique_ptr<Store>> stores(4);
  std::vector<std::string> errors(stores.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < stores.size(); ++i) {
    threads.emplace_back([&, i] {
      try {
        stores[i] = db_->open(false);
      } catch (const StoreError& e) {
        errors[i] = e.what();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (std::size_t i = 0; i < stores.size(); ++i) {
    ASSERT_EQ(errors[i], "");
    EXPECT_EQ(stores[i]->schema_version(), sqlite_schema_version());
  }
  EXPECT_EQ(stores[0]->integrity_check(), "ok");
}

TEST_P(ServerStore, ASubmissionCannotBeChangedOrDeleted) {
  auto store = db_->open(true);
  const std::int64_t d = store->add_department({0, "court", "广州互联网法院"});
  store->keep_ruleset({"abc", "guangzhou", 2023, "r", "text", "now", ""});
  EXPECT_EQ(store->add_submission(a_submission(d)), 1);
  EXPECT_EQ(store->add_submission(a_submission(d)), 2);
  store.reset();
  EXPECT_NE(db_->exec("UPDATE submissions SET total = '100'"), "");
  EXPECT_NE(db_->exec("DELETE FROM submissions"), "");
  if (db_->postgres()) {
    EXPECT_NE(db_->exec("TRUNCATE submissions"), "");
  }
  auto again = db_->open(false);
  ASSERT_EQ(again->submissions(d, 2023, true).size(), 2u);
  EXPECT_EQ(again->submission(d, 2023, 1)->total, "95.99");
  EXPECT_EQ(again->submission(d, 2023, 2)->grade, "优");
  ASSERT_EQ(again->latest_submissions(2023).size(), 1u);
  EXPECT_EQ(again->latest_submissions(2023)[0].version, 2);
}

TEST_P(ServerStore, ATakenCodeOrLoginIsAConflictAndOtherFailuresAreErrors) {
  auto store = db_->open(true);
  const std::int64_t d = store->add_department({0, "court", "广州互联网法院"});
  EXPECT_THROW(store->add_department({0, "court", "另一个"}), StoreConflict);
  Account a;
  a.login = "court";
  a.name = "法院";
  a.role = Role::Officer;
  a.department_id = d;
  a.password_hash = "x";
  const std::int64_t id = store->add_account(a);
  EXPECT_THROW(store->add_account(a), StoreConflict);
  EXPECT_EQ(store->account_by_login("court")->department_id, d);
  EXPECT_EQ(store->account(id)->role, Role::Officer);
  // The same ruleset kept twice is kept once.
  store->keep_ruleset({"abc", "guangzhou", 2023, "r", "text", "now", ""});
  store->keep_ruleset({"abc", "guangzhou", 2023, "r", "other text", "later", "admin"});
  ASSERT_EQ(store->rulesets(true).size(), 1u);
  EXPECT_EQ(store->ruleset("abc")->source, "text");
  EXPECT_EQ(store->rulesets(false)[0].source, "");
  // A submission of a ruleset never kept is refused, and nothing is kept.
  Submission s = a_submission(d);
  s.ruleset_sha256 = "never kept";
  EXPECT_THROW(store->add_submission(s), StoreError);
  EXPECT_TRUE(store->submissions(d, 2023, false).empty());
  EXPECT_EQ(store->add_submission(a_submission(d)), 1);
}

// Two servers on one database (two stores, each with its own connection) submitting for one
// department at once: every submission gets a version of its own, 1 to N.
TEST_P(ServerStore, TwoServersSubmittingAtOnceGetDistinctVersions) {
  auto first = db_->open(true);
  auto second = db_->open(false);
  const std::int64_t d = first->add_department({0, "court", "广州互联网法院"});
  first->keep_ruleset({"abc", "guangzhou", 2023, "r", "text", "now", ""});
  constexpr int kEach = 25;
  std::vector<int> versions[2];
  std::string errors[2];
  std::thread threads[2];
  Store* stores[2] = {first.get(), second.get()};
  for (int t = 0; t < 2; ++t) {
    threads[t] = std::thread([&, t] {
      try {
        for (int i = 0; i < kEach; ++i) versions[t].push_back(stores[t]->add_submission(a_submission(d)));
      } catch (const StoreError& e) {
        errors[t] = e.what();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(errors[0], "");
  EXPECT_EQ(errors[1], "");
  std::vector<int> all = versions[0];
  all.insert(all.end(), versions[1].begin(), versions[1].end());
  std::sort(all.begin(), all.end());
  ASSERT_EQ(all.size(), 2u * kEach);
  for (int i = 0; i < 2 * kEach; ++i) EXPECT_EQ(all[static_cast<std::size_t>(i)], i + 1);
  // Each server's own versions rise.
  for (const std::vector<int>& mine : versions) EXPECT_TRUE(std::is_sorted(mine.begin(), mine.end()));
  EXPECT_EQ(second->submissions(d, 2023, false).size(), 2u * kEach);
  EXPECT_EQ(first->latest_submissions(2023).at(0).version, 2 * kEach);
}

// PostgreSQL restarted, or the connection cut: the store connects again. A read is asked again
// at once; a write is reported as failed (it may not be sent twice) and the next one works.
TEST_P(ServerStore, AConnectionLostIsMadeAgain) {
  if (!db_->postgres()) GTEST_SKIP() << "an SQLite store has no connection to lose";
  auto store = db_->open(true);
  store->add_department({0, "court", "广州互联网法院"});
  ASSERT_EQ(db_->drop_connections(), "");
  EXPECT_EQ(store->departments().size(), 1u);
  ASSERT_EQ(db_->drop_connections(), "");
  EXPECT_THROW(store->add_department({0, "water", "广州市水务局"}), StoreError);
  store->add_department({0, "water", "广州市水务局"});
  EXPECT_EQ(store->departments().size(), 2u);
}

TEST(ServerDatabaseName, APostgresUriIsToldApartAndItsPasswordNeverPrinted) {
  EXPECT_TRUE(is_postgres_uri("postgresql://rubric@db.example/rubric"));
  EXPECT_TRUE(is_postgres_uri("postgres://db/rubric"));
  EXPECT_FALSE(is_postgres_uri("rubric.db"));
  EXPECT_FALSE(is_postgres_uri("./postgresql://x"));
  EXPECT_EQ(printable_database("rubric.db"), "rubric.db");
  EXPECT_EQ(printable_database("postgresql://rubric:s3cret@db:5432/rubric"), "postgresql://rubric:***@db:5432/rubric");
  EXPECT_EQ(printable_database("postgresql://rubric@db/rubric?password=s3cret&sslmode=require"),
            "postgresql://rubric@db/rubric?password=***&sslmode=require");
  EXPECT_EQ(printable_database("postgres://db/x?sslmode=require"), "postgres://db/x?sslmode=require");
}

}  // namespace
}  // namespace rubric::server
