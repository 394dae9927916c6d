// rubric serve as a program, over HTTP on loopback: --init, a login and a submission through a
// real socket, a graceful stop on SIGTERM, no acknowledged submission lost to kill -9, and two
// servers on one database serving as one; on SQLite, and on PostgreSQL when RUBRIC_TEST_POSTGRES
// names a server (scripts/test-postgres).
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "server_backends.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

using nlohmann::json;

// A running `rubric serve DB --rulesets rulesets/guangzhou --port 0`, its address read from the
// first line it prints.
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& database) {
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      const std::string rulesets = kSourceDir + "/rulesets/guangzhou";
      ::execl(kBinary.c_str(), kBinary.c_str(), "--lang", "en", "serve", database.c_str(), "--rulesets", rulesets.c_str(),
              "--port", "0", "--quiet", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    std::string line;
    char c = 0;
    while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(out[0]);
    std::smatch m;
    if (!std::regex_search(line, m, std::regex(R"(http://127\.0\.0\.1:(\d+)/)"))) {
      throw std::runtime_error("the server printed no address: " + line);
    }
    port_ = std::stoi(m[1]);
  }
  ~ServerProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  // Sends [signal] and returns the exit status (or 128 + the signal that ended it).
  int stop(int signal) {
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

struct Demo {
  std::string database;
  std::string court_password;
};

Demo init_demo(const std::string& database) {
  Demo demo{database, ""};
  const CliResult init = run_cli("--lang en serve --init '" + demo.database + "' --demo");
  EXPECT_EQ(init.exit_code, 0) << init.err;
  std::smatch m;
  const std::regex court(R"(account court\s+password (\S+))");
  EXPECT_TRUE(std::regex_search(init.out, m, court)) << init.out;
  demo.court_password = m[1];
  return demo;
}

// Logs in as the court's officer: the client keeps the cookie (also put in [cookie]); returns
// the CSRF token.
std::string log_in(httplib::Client& client, const Demo& demo, std::string* cookie_out = nullptr) {
  const auto r = client.Post("/api/v1/session", json{{"login", "court"}, {"password", demo.court_password}}.dump(),
                             "application/json");
  EXPECT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  const std::string cookie = r->get_header_value("Set-Cookie");
  client.set_default_headers({{"Cookie", cookie.substr(0, cookie.find(';'))}});
  if (cookie_out != nullptr) *cookie_out = cookie.substr(0, cookie.find(';'));
  return json::parse(r->body)["csrf"].get<std::string>();
}

// A fresh database of each backend with the demo's accounts (rubric serve --init --demo).
class ServeProcess : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    if (database_->skipped()) GTEST_SKIP() << kNoPostgres;
    demo_ = init_demo(database_->name());
  }

  std::unique_ptr<TestDatabase> database_;
  Demo demo_;
};

INSTANTIATE_TEST_SUITE_P(, ServeProcess, ::testing::ValuesIn(kBackends), backend_name);

TEST_P(ServeProcess, InitNeverReplacesADatabase) {
  const Demo& demo = demo_;
  const CliResult again = run_cli("--lang en serve --init '" + demo.database + "' --demo");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("exists already"), std::string::npos) << again.err;
}

TEST_P(ServeProcess, ScoresOverHttpAndStopsGracefullyOnSigterm) {
  const Demo& demo = demo_;
  ServerProcess server(demo.database);
  httplib::Client client("127.0.0.1", server.port());
  const auto page = client.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  const std::string csrf = log_in(client, demo);
  const auto scored = client.Post("/api/v1/years/2023/score", {{"X-CSRF-Token", csrf}},
                                  read_text(kSourceDir + "/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"),
                                  "application/json");
  ASSERT_TRUE(scored);
  EXPECT_EQ(json::parse(scored->body)["results"][0]["total"].dump(), "95.99");
  // A request larger than the limit is refused before it is read whole.
  const auto huge = client.Post("/api/v1/years/2023/score", {{"X-CSRF-Token", csrf}}, std::string(5 * 1024 * 1024, ' '),
                                "application/json");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
  EXPECT_EQ(json::parse(huge->body)["error"]["message"], "the request is too large: at most 4 MB") << huge->body;
  // So is a chunked body, which gives no length to hold to the limit (cpp-httplib would read it
  // whole, however large): the answer comes once the headers are read, before the body is.
  {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(server.port()));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
    const std::string head = "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             "Transfer-Encoding: chunked\r\n\r\n4000\r\n" + std::string(0x4000, ' ') + "\r\n";
    ASSERT_EQ(::send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
    // The answer, read until its JSON ends (it may come in pieces); the body's end is never sent.
    const timeval wait{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    std::string answer;
    char buffer[4096];
    while (answer.find("}}") == std::string::npos && answer.size() < 65536) {
      const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      answer.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fd);
    EXPECT_EQ(answer.rfind("HTTP/1.1 411", 0), 0u) << answer;
    EXPECT_NE(answer.find("\"length_required\""), std::string::npos) << answer;
  }
  EXPECT_EQ(server.stop(SIGTERM), 0);
}

TEST_P(ServeProcess, AnAcknowledgedSubmissionSurvivesKill9) {
  const Demo& demo = demo_;
  const std::string facts = read_text(kSourceDir + "/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json");
  {
    ServerProcess server(demo.database);
    httplib::Client client("127.0.0.1", server.port());
    const std::string csrf = log_in(client, demo);
    for (int i = 1; i <= 3; ++i) {
      const auto r = client.Post("/api/v1/departments/1/years/2023/submissions", {{"X-CSRF-Token", csrf}}, facts,
                                 "application/json");
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 201) << r->body;
      EXPECT_EQ(json::parse(r->body)["version"], i);
    }
    EXPECT_EQ(server.stop(SIGKILL), 128 + SIGKILL);
  }
  ServerProcess again(demo.database);
  httplib::Client client("127.0.0.1", again.port());
  log_in(client, demo);
  const auto state = client.Get("/api/v1/departments/1/years/2023");
  ASSERT_TRUE(state);
  ASSERT_EQ(state->status, 200);
  EXPECT_EQ(json::parse(state->body)["versions"].size(), 3u);
  EXPECT_EQ(again.stop(SIGTERM), 0);
}

// Two servers on one database, as behind a load balancer without sticky sessions: a session
// opened on one is good on the other, failed logins count on both, drafts and versions are
// one sequence, and a logout on one ends the session on both.
TEST_P(ServeProcess, TwoServersOnOneDatabaseServeAsOne) {
  ServerProcess a(demo_.database);
  ServerProcess b(demo_.database);
  httplib::Client to_a("127.0.0.1", a.port());
  httplib::Client to_b("127.0.0.1", b.port());
  for (int i = 0; i < 5; ++i) {
    const auto r = (i % 2 == 0 ? to_a : to_b).Post("/api/v1/session", R"({"login":"water","password":"wrong-password"})",
                                                   "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
  }
  const auto blocked = to_b.Post("/api/v1/session", R"({"login":"water","password":"wrong-password"})", "application/json");
  ASSERT_TRUE(blocked);
  EXPECT_EQ(blocked->status, 429);

  std::string cookie;
  const std::string csrf = log_in(to_a, demo_, &cookie);
  to_b.set_default_headers({{"Cookie", cookie}});
  const std::string facts = read_text(kSourceDir + "/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json");
  const std::string year = "/api/v1/departments/1/years/2023";
  for (int i = 1; i <= 4; ++i) {
    const auto r = (i % 2 == 0 ? to_a : to_b).Post(year + "/submissions", {{"X-CSRF-Token", csrf}}, facts, "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 201) << r->body;
    EXPECT_EQ(json::parse(r->body)["version"], i);
  }
  const auto draft = to_b.Put(year + "/draft", {{"X-CSRF-Token", csrf}}, facts, "application/json");
  ASSERT_TRUE(draft);
  EXPECT_EQ(draft->status, 200) << draft->body;
  const auto state = to_a.Get(year);
  ASSERT_TRUE(state);
  ASSERT_EQ(state->status, 200);
  const json seen = json::parse(state->body);
  EXPECT_EQ(seen["versions"].size(), 4u);
  EXPECT_FALSE(seen["draft"].is_null());

  const auto logout = to_b.Delete("/api/v1/session", {{"X-CSRF-Token", csrf}});
  ASSERT_TRUE(logout);
  EXPECT_EQ(to_a.Get("/api/v1/session")->status, 401);
  EXPECT_EQ(a.stop(SIGTERM), 0);
  EXPECT_EQ(b.stop(SIGTERM), 0);
}

}  // namespace
}  // namespace rubric::testing
