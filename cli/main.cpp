// The rubric program: parses the command line and runs the chosen command (cli/*_command.cpp).
#include <cstdio>
#include <exception>
#include <new>

#include "cli/command.hpp"
#include "dsl/unicode.hpp"

namespace {

// The last resort: an exception no command caught is a bug in rubric, not in the user's input.
// It is reported as one, with the exit code of an internal error, never as "terminate called".
// The message is written with fputs (no stream state to fail), shown through unicode::visible.
int internal_error(const char* what) {
  const std::string text = rubric::unicode::visible(what != nullptr ? what : "unknown exception");
  std::fputs(("rubric: internal error: " + text +
              "\nThis is a bug in rubric, not a problem with your files; please report it with the command you ran.\n")
                 .c_str(),
             stderr);
  return rubric::cli::kInternalError;
}

}  // namespace

int main(int argc, char** argv) try {
  using namespace rubric::cli;
  CLI::App app{"Rubric: scoring criteria as versioned, testable rulesets.\n"
               "Score a department's facts with the criteria of its year, and check rulesets."};
  app.footer(kExitCodes);
  app.require_subcommand(1);
  app.set_version_flag("--version", "rubric 0.1.0");
  const std::vector<Command> commands = {add_check(app), add_score(app), add_audit(app), add_facts(app), add_diff(app), add_batch(app),
                                         add_test(app), add_explain(app), add_fmt(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  }
  for (const Command& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  return kUsage;
} catch (const std::bad_alloc&) {
  std::fputs("rubric: error: out of memory\n", stderr);
  return rubric::cli::kInternalError;
} catch (const std::exception& e) {
  return internal_error(e.what());
} catch (...) {
  return internal_error(nullptr);
}
