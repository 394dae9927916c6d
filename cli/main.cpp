// The rubric program: parses the command line and runs the chosen command (cli/*_command.cpp).
//
// An exception that no command caught is a bug in rubric, not in the user's input: it is reported
// as one, with exit code 70, never as "terminate called".
//
// Standard output goes through one checked buffer (StdoutBuffer): a write that fails (a full
// disk, /dev/full, a closed pipe's EPIPE) is an error at exit, naming standard output and the OS
// error, never a success. The signal handlers remove the temporary file of an output being
// written (base/output_file.hpp).
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <new>
#include <string_view>

#include "cli/command.hpp"

namespace {

// Standard output, written with write(2), remembering the first error. After one, every later
// write is dropped (and reported as failed, so the stream's badbit is set).
class StdoutBuffer : public std::streambuf {
 public:
  StdoutBuffer() { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    const char* data = pbase();
    std::size_t size = static_cast<std::size_t>(pptr() - pbase());
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    if (error_ != 0) return false;
    while (size > 0) {
      const ssize_t n = ::write(STDOUT_FILENO, data, size);
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      data += n;
      size -= static_cast<std::size_t>(n);
    }
    return true;
  }

  std::array<char, 1 << 16> buffer_{};
  int error_ = 0;
};

// The last resort: the message is written with fputs, which cannot throw, and shown through
// unicode::visible.
int internal_error(const char* what) {
  const std::string text = rubric::unicode::visible(what != nullptr ? what : std::string(rubric::tr("unknown exception")));
  std::fputs((std::string(rubric::tr("rubric: internal error: ")) + text +
              std::string(rubric::tr("\nThis is a bug in rubric, not a problem with your files; please report it with the command you ran.\n")))
                 .c_str(),
             stderr);
  return rubric::cli::kInternalError;
}

// Parses the command line and runs the command chosen; returns the exit code.
int run(int argc, char** argv) {
  using namespace rubric::cli;
  // The language of every message, chosen before anything is said: --lang anywhere on the line,
  // else LC_ALL, LC_MESSAGES or LANG.
  rubric::Language language = rubric::language_from_environment();
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (arg == "--") break;
    if (arg == "--lang" && i + 1 < argc) rubric::parse_language(argv[i + 1], language);
    if (arg.rfind("--lang=", 0) == 0) rubric::parse_language(arg.substr(7), language);
  }
  rubric::set_language(language);
  CLI::App app{std::string(rubric::tr("Rubric: scoring criteria as versioned, testable rulesets.\n"
                               "Score a department's facts with the criteria of its year, and check rulesets."))};
  app.footer(exit_codes());
  // The words of --help itself, in the same language; the commands inherit them.
  const auto formatter = app.get_formatter();
  formatter->label("Usage", std::string(rubric::tr("Usage")));
  formatter->label("OPTIONS", std::string(rubric::tr("OPTIONS")));
  formatter->label("Positionals", std::string(rubric::tr("Positionals")));
  formatter->label("REQUIRED", std::string(rubric::tr("REQUIRED")));
  formatter->label("SUBCOMMAND", std::string(rubric::tr("SUBCOMMAND")));
  app.option_defaults()->group(std::string(rubric::tr("Options")));
  app.set_help_flag("-h,--help", std::string(rubric::tr("Print this help message and exit")));
  app.fallthrough();  // --lang after the command's name too
  std::string lang;
  app.add_option("--lang", lang,
                 std::string(rubric::tr("The language of messages: zh (中文) or en; by default from LC_ALL, "
                                        "LC_MESSAGES or LANG (zh when it names Chinese, as zh_CN.UTF-8 does)")))
      ->check(one_of({"en", "zh"}));
  app.require_subcommand(1);
  app.set_version_flag("--version", "rubric 0.1.0", std::string(rubric::tr("Print the version and exit")));
  const std::vector<Command> commands = {add_check(app), add_score(app), add_audit(app), add_facts(app), add_diff(app), add_batch(app),
                                         add_test(app), add_explain(app), add_fmt(app), add_serve(app), add_lsp(app), add_whatif(app)};
  for (const Command& command : commands) {
    command.app->group(std::string(rubric::tr("Subcommands")));
    if (CLI::Option* help = command.app->get_help_ptr()) help->group(std::string(rubric::tr("Options")));
  }
  if (const auto status = check_names(app, argc, argv)) return *status;
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

}  // namespace

int main(int argc, char** argv) {
  using namespace rubric::cli;
  rubric::install_cleanup_handlers();
  // A closed pipe is an error to report (EPIPE), like a full disk, not a silent death.
  std::signal(SIGPIPE, SIG_IGN);
  StdoutBuffer out;
  std::streambuf* const original = std::cout.rdbuf(&out);
  int status = kOk;
  try {
    status = run(argc, argv);
  } catch (const std::bad_alloc&) {
    // tr() gives a view of a literal: no allocation here.
    std::fputs(rubric::tr("rubric: error: out of memory\n").data(), stderr);
    status = kInternalError;
  } catch (const std::exception& e) {
    status = internal_error(e.what());
  } catch (...) {
    status = internal_error(nullptr);
  }
  std::cout.flush();
  std::cout.rdbuf(original);
  if (out.error() != 0) {
    std::cerr << std::string(rubric::tr("error: cannot write to standard output: ")) << std::strerror(out.error())
              << std::string(rubric::tr("; the output is incomplete [E1003]\n"));
    if (status != kInternalError) status = kWriteFailed;
  }
  return status;
}
