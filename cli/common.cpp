// Helpers shared by the commands; see command.hpp.
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "cli/command.hpp"

namespace rubric::cli {

void print(const Diagnostics& diagnostics, bool summary) {
  if (!diagnostics.empty()) std::cerr << render(diagnostics, summary);
}

int terminal_width() {
  if (const char* columns = std::getenv("COLUMNS")) {
    try {
      return std::max(60, std::stoi(columns));
    } catch (const std::exception&) {
    }
  }
  return 120;
}

namespace {

// "" when [path] is "-" or exists (and is not a folder unless [folder] may be); else why not.
std::string readable(const std::string& path, bool folder) {
  if (path == "-") return "";
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return path + ": " + std::strerror(errno);
  if (!folder && S_ISDIR(st.st_mode)) return path + std::string(tr(" is a directory, not a file"));
  return "";
}

}  // namespace

const CLI::Validator& input_file() {
  static const CLI::Validator validator([](std::string& path) { return readable(path, false); }, std::string(tr("FILE or -")));
  return validator;
}

const CLI::Validator& input_file_or_folder() {
  static const CLI::Validator validator([](std::string& path) { return readable(path, true); }, std::string(tr("FILE, FOLDER or -")));
  return validator;
}

CLI::Validator one_of(std::vector<std::string> values) {
  const std::string description = fmt::format("{{{}}}", fmt::join(values, ","));
  return CLI::Validator(
      [values](std::string& value) -> std::string {
        if (std::find(values.begin(), values.end(), value) != values.end()) return "";
        std::string why = tr_format("'{}' is not one of {}", unicode::visible(value), fmt::join(values, ", "));
        if (auto guess = closest_match(value, values)) why += tr_format("; did you mean '{}'?", *guess);
        return why;
      },
      description);
}

namespace {

// The long options [app] declares, as typed: "--format".
std::vector<std::string> long_options(const CLI::App& app) {
  std::vector<std::string> out;
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_lnames()) out.push_back("--" + name);
  }
  return out;
}

int unknown_name(std::string message, const std::string& typed, const std::vector<std::string>& known,
                 std::string help) {
  if (auto guess = closest_match(typed, known)) message += tr_format("; did you mean '{}'?", *guess);
  Diagnostics diagnostics;
  diagnostics.error("", {}, std::move(message)).help = std::move(help);
  print(diagnostics, false);
  return kUsage;
}

}  // namespace

std::optional<int> check_names(const CLI::App& app, int argc, const char* const* argv) {
  const CLI::App* command = nullptr;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    // After "--" every word is a file; a call for help or the version is answered whatever follows.
    if (arg == "--" || arg == "-h" || arg == "--help" || (command == nullptr && arg == "--version")) break;
    const CLI::App& current = command != nullptr ? *command : app;
    if (arg.starts_with("--")) {
      const std::string name(arg.substr(0, arg.find('=')));
      if (name == "--lang") {  // the program's, given anywhere (main.cpp); its value is not a command
        if (arg == "--lang") ++i;
        continue;
      }
      const std::vector<std::string> known = long_options(current);
      if (std::find(known.begin(), known.end(), name) != known.end()) continue;
      const std::string whose = command != nullptr ? "rubric " + command->get_name() : "rubric";
      return unknown_name(tr_format("unknown option '{}' for {}", name, whose), name, known,
                          tr_format("{} --help lists its options", whose));
    }
    if (command != nullptr || arg.starts_with("-")) continue;
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
      if (sub->get_name() == arg) command = sub;
      names.push_back(sub->get_name());
    }
    if (command == nullptr) {
      return unknown_name(tr_format("unknown command '{}'", arg), std::string(arg), names,
                          tr_format("the commands are {}; rubric --help describes them", fmt::join(names, ", ")));
    }
  }
  return std::nullopt;
}

std::vector<NamedFile> ruleset_inputs(const ast::Ruleset& ruleset) {
  std::vector<NamedFile> out;
  for (std::size_t i = 0; i < ruleset.sources.size(); ++i) {
    out.push_back({ruleset.sources[i]->path(), i == 0 ? std::string(tr("the ruleset")) : std::string(tr("the base ruleset"))});
  }
  if (out.empty() && ruleset.source) out.push_back({ruleset.source->path(), std::string(tr("the ruleset"))});
  return out;
}

bool outputs_distinct(const std::vector<NamedFile>& outputs, const std::vector<NamedFile>& inputs) {
  const std::string clash = output_clash(outputs, inputs);
  if (clash.empty()) return true;
  std::cerr << std::string(tr("error: ")) << clash << "\n";
  return false;
}

Diagnostics read_error(const std::string& path, const InputText& input) {
  Diagnostics diagnostics;
  auto& d = diagnostics.error(input.code, Location::in_json(path, ""), input.message);
  if (!input.help.empty()) d.help = input.help;
  return diagnostics;
}

void print_read_error(const std::string& path, const InputText& input) { print(read_error(path, input), false); }

std::optional<std::vector<std::string>> files_below(const std::vector<std::string>& paths,
                                                    const std::function<bool(const std::filesystem::path&)>& wanted,
                                                    std::string_view what) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const std::string& path : paths) {
    std::error_code error;
    if (path == "-" || !fs::is_directory(path, error)) {
      out.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      std::error_code ignored;
      if (it->is_regular_file(ignored) && wanted(it->path())) found.push_back(it->path().string());
    }
    if (error) {
      std::cerr << tr_format("error: {}: the folder cannot be read: {}\n", unicode::visible(path),
                               std::strerror(error.value()));
      return std::nullopt;
    }
    if (found.empty()) {
      std::cerr << tr_format("error: {}: no {} in this folder or below it\n", unicode::visible(path), what);
      return std::nullopt;
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace rubric::cli
