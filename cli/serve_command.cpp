// rubric serve: the bureau's scoring service (docs/serve.md). `--init DB` creates the database
// and the first bureau administrator; `DB --rulesets FOLDER` serves the scheme folders. DB is an
// SQLite file, or a PostgreSQL connection URI (postgresql://…) that several servers share.
#include <unistd.h>

#include <iostream>

#include "cli/command.hpp"
#include "rubric/server.hpp"

namespace rubric::cli {

namespace {

struct ServeOptions {
  std::string database;
  bool init = false;
  bool demo = false;
  std::string admin = "admin";
  std::vector<std::string> rulesets;
  server::HttpOptions http;
  bool quiet = false;
};

// The administrator's password: a line of standard input when it is not a terminal, else one
// generated and printed once.
std::string admin_password(bool& generated) {
  generated = ::isatty(STDIN_FILENO) != 0;
  if (generated) return server::random_password();
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int init(const ServeOptions& o) {
  bool generated = false;
  const std::string password = o.demo ? server::random_password() : admin_password(generated);
  if (password.size() < 8) {
    std::cerr << std::string(tr("error: the administrator's password must have 8 characters or more\n"));
    return kUsage;
  }
  std::unique_ptr<server::Store> store = server::open_store(o.database, true);
  server::Account admin;
  admin.login = o.admin;
  admin.name = std::string(tr("bureau administrator"));
  admin.role = server::Role::Admin;
  admin.password_hash = server::hash_password(password);
  store->add_account(admin);
  std::cout << tr_format("created {} (schema version {})\n", server::printable_database(o.database), store->schema_version());
  if (generated || o.demo) {
    std::cout << tr_format("bureau administrator  account {}  password {}\n", o.admin, password);
  } else {
    std::cout << tr_format("bureau administrator  account {}  (the password given)\n", o.admin);
  }
  if (!o.demo) return kOk;
  // Two departments of the example scheme, with an officer each, for trying the service out.
  const std::pair<const char*, const char*> departments[] = {{"court", "广州互联网法院"}, {"water", "广州市水务局"}};
  for (const auto& [code, name] : departments) {
    server::Department d{0, code, name};
    d.id = store->add_department(d);
    server::Account officer;
    officer.login = code;
    officer.name = name;
    officer.role = server::Role::Officer;
    officer.department_id = d.id;
    const std::string officer_password = server::random_password();
    officer.password_hash = server::hash_password(officer_password);
    store->add_account(officer);
    std::cout << tr_format("department officer  account {}  password {}  department {}\n", code, officer_password, name);
  }
  return kOk;
}

int serve(const ServeOptions& o) {
  std::unique_ptr<server::Store> store = server::open_store(o.database, false);
  server::Catalog catalog;
  const std::string problems = server::load_catalog(o.rulesets, *store, catalog);
  if (!problems.empty()) {
    std::cerr << problems << std::string(tr("error: the service was not started: every ruleset it serves must check clean\n"));
    return kRulesetErrors;
  }
  server::Service service(*store, catalog);
  std::string error;
  server::HttpOptions http = o.http;
  http.log = !o.quiet;
  const int status = server::serve_http(
      service, http,
      [](const std::string& url) {
        std::cout << tr_format("Rubric is serving at {}\n", url) << std::flush;
      },
      error);
  if (status != 0) {
    std::cerr << std::string(tr("error: ")) << error << "\n";
    return kUsage;
  }
  std::cerr << std::string(tr("stopped: every request in flight was answered\n"));
  return kOk;
}

}  // namespace

Command add_serve(CLI::App& parent) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* app = parent.add_subcommand(
      "serve", std::string(tr("Serve the scoring service: web pages for departments and the bureau, a JSON API, "
                              "a SQLite or PostgreSQL database (docs/serve.md)")));
  app->add_option("DATABASE", o->database, std::string(tr("The database: an SQLite file, or a PostgreSQL connection URI (postgresql://USER@HOST/DB) "
                                                    "that several servers may share")))->required();
  app->add_flag("--init", o->init,
                std::string(tr("Create the database and a bureau administrator (its password read from standard input, "
                               "or generated and printed); never replaces a file or an existing Rubric schema")));
  app->add_flag("--demo", o->demo,
                std::string(tr("With --init: also two example departments with an officer each; every password is "
                               "generated and printed")));
  app->add_option("--admin", o->admin, std::string(tr("With --init: the administrator's account name")))->capture_default_str();
  app->add_option("--rulesets", o->rulesets, std::string(tr("A scheme folder to serve (YEAR.rubric files); may be repeated")));
  app->add_option("--host", o->http.host, std::string(tr("The address to listen on")))->capture_default_str();
  app->add_option("--port", o->http.port, std::string(tr("The port to listen on (0: any free port)")))
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  app->add_flag("-q,--quiet", o->quiet, std::string(tr("Do not log each request on standard error")));
  app->footer(exit_codes());
  return {app, [o, app] {
            // The service speaks to Chinese officials: its answers are in Chinese unless --lang
            // en says otherwise, whatever the server's locale (often C.UTF-8 on a server).
            if (app->get_parent()->get_option("--lang")->count() == 0) set_language(Language::Zh);
            try {
              if (o->init) return init(*o);
              if (o->demo) {
                std::cerr << std::string(tr("error: --demo goes with --init\n"));
                return kUsage;
              }
              if (o->rulesets.empty()) {
                std::cerr << std::string(tr("error: name the scheme folders to serve: --rulesets rulesets/guangzhou\n"));
                return kUsage;
              }
              return serve(*o);
            } catch (const server::StoreError& e) {
              std::cerr << std::string(tr("error: ")) << e.what() << "\n";
              return kUsage;
            }
          }};
}

}  // namespace rubric::cli
