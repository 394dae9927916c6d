// The load test of rubric serve (bench/serve-load): C concurrent clients on loopback, each logged
// in as a department officer, send R requests each, a mix of what the pages send (live scores
// as an officer types, the department's state, drafts, and now and then a submission). Prints
// the throughput and the latency percentiles of each kind, and checks afterwards that every
// acknowledged submission is in the database and that PRAGMA integrity_check is clean.
//
//   serve_load PORT PASSWORD FACTS.json DATABASE [CLIENTS] [REQUESTS_PER_CLIENT]
#include <httplib.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Sample {
  std::string kind;
  double ms = 0;
  bool ok = false;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(rank, values.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: serve_load PORT PASSWORD FACTS.json DATABASE [CLIENTS] [REQUESTS_PER_CLIENT]\n");
    return 2;
  }
  const int port = std::stoi(argv[1]);
  const std::string password = argv[2];
  const std::string facts = read_file(argv[3]);
  const std::string database = argv[4];
  const int clients = argc > 5 ? std::stoi(argv[5]) : 50;
  const int requests = argc > 6 ? std::stoi(argv[6]) : 100;

  std::mutex mutex;
  std::vector<Sample> samples;
  std::atomic<int> submitted{0};
  std::atomic<int> failures{0};
  const auto started = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_read_timeout(60, 0);
      const auto login = client.Post("/api/v1/session", nlohmann::json{{"login", "court"}, {"password", password}}.dump(),
                                     "application/json");
      if (!login || login->status != 200) {
        ++failures;
        std::lock_guard lock(mutex);
        std::fprintf(stderr, "login failed: %s\n",
                     login ? std::to_string(login->status).c_str() : httplib::to_string(login.error()).c_str());
        return;
      }
      const std::string cookie = login->get_header_value("Set-Cookie");
      const std::string csrf = nlohmann::json::parse(login->body)["csrf"].get<std::string>();
      const httplib::Headers headers = {{"Cookie", cookie.substr(0, cookie.find(';'))}, {"X-CSRF-Token", csrf}};
      std::vector<Sample> mine;
      for (int i = 0; i < requests; ++i) {
        const int pick = (c * 7919 + i * 31) % 100;
        Sample s;
        const auto t0 = Clock::now();
        if (pick < 70) {
          s.kind = "score";
          const auto r = client.Post("/api/v1/years/2023/score", headers, facts, "application/json");
          s.ok = r && r->status == 200;
        } else if (pick < 88) {
          s.kind = "state";
          const auto r = client.Get("/api/v1/departments/1/years/2023", headers);
          s.ok = r && r->status == 200;
        } else if (pick < 98) {
          s.kind = "draft";
          const auto r = client.Put("/api/v1/departments/1/years/2023/draft", headers, facts, "application/json");
          s.ok = r && r->status == 200;
        } else {
          s.kind = "submit";
          const auto r = client.Post("/api/v1/departments/1/years/2023/submissions", headers, facts, "application/json");
          s.ok = r && r->status == 201;
          if (s.ok) ++submitted;
        }
        s.ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        if (!s.ok) {
          ++failures;
          std::lock_guard lock(mutex);
          std::fprintf(stderr, "%s failed\n", s.kind.c_str());
        }
        mine.push_back(s);
      }
      std::lock_guard lock(mutex);
      samples.insert(samples.end(), mine.begin(), mine.end());
    });
  }
  for (std::thread& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();

  std::map<std::string, std::vector<double>> by_kind;
  std::vector<double> all;
  for (const Sample& s : samples) {
    by_kind[s.kind].push_back(s.ms);
    all.push_back(s.ms);
  }
  std::printf("clients %d, requests %zu in %.2f s (logins included): %.0f requests/s, failures %d\n", clients,
              samples.size(), seconds, static_cast<double>(samples.size()) / seconds, failures.load());
  std::printf("   %-7s %7s %9s %9s %9s\n", "kind", "count", "p50 ms", "p99 ms", "max ms");
  for (const auto& [kind, values] : by_kind) {
    std::printf("   %-7s %7zu %9.2f %9.2f %9.2f\n", kind.c_str(), values.size(), percentile(values, 50),
                percentile(values, 99), percentile(values, 100));
  }
  std::printf("   %-7s %7zu %9.2f %9.2f %9.2f\n", "all", all.size(), percentile(all, 50), percentile(all, 99),
              percentile(all, 100));

  // Every acknowledged submission is stored, and the database is sound.
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "cannot open %s\n", database.c_str());
    return 1;
  }
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM submissions", -1, &stmt, nullptr);
  sqlite3_step(stmt);
  const int stored = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
  sqlite3_step(stmt);
  const std::string integrity = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  std::printf("submissions acknowledged %d, stored %d; integrity_check: %s\n", submitted.load(), stored, integrity.c_str());
  return failures.load() == 0 && stored == submitted.load() && integrity == "ok" ? 0 : 1;
}
