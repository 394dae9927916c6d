// The rubric program's commands. Each command lives in its own file: it declares its options on
// a CLI11 subcommand and, when chosen, calls the library. No scoring logic lives in cli/.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "rubric/rubric.hpp"

namespace rubric::cli {

// Exit codes, the same for every command (also printed by --help).
inline constexpr int kOk = 0;
inline constexpr int kRulesetErrors = 1;
inline constexpr int kUsage = 2;
inline constexpr int kFactsFailed = 3;
inline constexpr int kDifferences = 4;
inline constexpr int kWriteFailed = 5;
// A bug in rubric: an exception no command caught (cli/main.cpp). 70 is EX_SOFTWARE of sysexits.h.
inline constexpr int kInternalError = 70;
// The exit codes, as every command's --help ends.
inline std::string exit_codes() {
  return std::string(tr("Exit codes: 0 success; 1 the ruleset has errors; 2 bad command line; 3 some facts file could "
                        "not be scored (the others were); 4 audit found differences; 5 an output could not be "
                        "written; 70 internal error (a bug in rubric)."));
}

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command add_check(CLI::App& parent);
Command add_score(CLI::App& parent);
Command add_audit(CLI::App& parent);
Command add_facts(CLI::App& parent);
Command add_diff(CLI::App& parent);
Command add_test(CLI::App& parent);
Command add_explain(CLI::App& parent);
Command add_fmt(CLI::App& parent);
Command add_batch(CLI::App& parent);
Command add_serve(CLI::App& parent);
Command add_lsp(CLI::App& parent);
Command add_whatif(CLI::App& parent);

// Prints [diagnostics] to stderr (with the "N errors generated." line when [summary]).
void print(const Diagnostics& diagnostics, bool summary = true);
// The table width: $COLUMNS if set, else 120.
int terminal_width();

// The check of every input path on the command line: "-" (standard input) and anything that
// exists and is not a directory (a file, a named pipe, /dev/stdin, a device) are accepted; the
// file is then read once (read_input). CLI11's ExistingFile would refuse pipes, devices and "-".
const CLI::Validator& input_file();
// The same, or a folder (rubric batch: a folder of filled-in workbooks).
const CLI::Validator& input_file_or_folder();

// A validator accepting only [values] ("--format htm" is refused with "did you mean 'html'?"); its
// description, shown by --help, is the set: {table,json}.
CLI::Validator one_of(std::vector<std::string> values);

// Checks the names typed on the command line before CLI11 parses it: the command (the first word
// not starting with '-') and every long option ("--fromat", up to an '='), against what [app] and
// the chosen command declare. An unknown one is printed as an error, with the closest name when it
// is likely ("did you mean 'score'?") and where the known ones are listed; the result is then the
// exit code (kUsage). Short options, everything after "--" and a command line calling for --help
// (or --version) are left to CLI11.
std::optional<int> check_names(const CLI::App& app, int argc, const char* const* argv);

// The files [ruleset] was read from (itself, then every base it extends), as inputs that no
// output may replace.
std::vector<NamedFile> ruleset_inputs(const ast::Ruleset& ruleset);
// Prints the error and returns false when one of [outputs] is one of [inputs] or another output
// (base/output_file.hpp, E1001); "-" in [outputs] is standard output.
bool outputs_distinct(const std::vector<NamedFile>& outputs, const std::vector<NamedFile>& inputs);
// Prints why [path] could not be read (read_input), as a diagnostic.
void print_read_error(const std::string& path, const InputText& input);
// The same as a diagnostic, for a command that also keeps it (score --format json).
Diagnostics read_error(const std::string& path, const InputText& input);

// The paths named, in order, with each folder among them replaced by the files below it that
// [wanted] accepts, sorted ("-" and anything not a folder are kept as named). A folder that cannot
// be walked, or holds no wanted file, is an error printed to stderr naming it and [what] (what was
// looked for, "facts files (*.json)"); the result is then empty, and the command stops.
std::optional<std::vector<std::string>> files_below(const std::vector<std::string>& paths,
                                                    const std::function<bool(const std::filesystem::path&)>& wanted,
                                                    std::string_view what);

}  // namespace rubric::cli
