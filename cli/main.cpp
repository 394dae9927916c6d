// The rubric program: parses the command line and runs the chosen command (cli/*_command.cpp).
#include "cli/command.hpp"

int main(int argc, char** argv) {
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
}
