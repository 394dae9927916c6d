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

const CLI::Validator& input_file() {
  static const CLI::Validator validator(
      [](std::string& path) -> std::string {
        if (path == "-") return "";
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) return path + ": " + std::strerror(errno);
        if (S_ISDIR(st.st_mode)) return path + " is a directory, not a file";
        return "";
      },
      "FILE or -");
  return validator;
}

std::vector<NamedFile> ruleset_inputs(const ast::Ruleset& ruleset) {
  std::vector<NamedFile> out;
  for (std::size_t i = 0; i < ruleset.sources.size(); ++i) {
    out.push_back({ruleset.sources[i]->path(), i == 0 ? "the ruleset" : "the base ruleset"});
  }
  if (out.empty() && ruleset.source) out.push_back({ruleset.source->path(), "the ruleset"});
  return out;
}

bool outputs_distinct(const std::vector<NamedFile>& outputs, const std::vector<NamedFile>& inputs) {
  const std::string clash = output_clash(outputs, inputs);
  if (clash.empty()) return true;
  std::cerr << "error: " << clash << "\n";
  return false;
}

void print_read_error(const std::string& path, const InputText& input) {
  Diagnostics diagnostics;
  auto& d = diagnostics.error(input.code, Location::in_json(path, ""), input.message);
  if (!input.help.empty()) d.help = input.help;
  print(diagnostics, false);
}

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
      std::cerr << fmt::format("error: {}: the folder cannot be read: {}\n", unicode::visible(path),
                               std::strerror(error.value()));
      return std::nullopt;
    }
    if (found.empty()) {
      std::cerr << fmt::format("error: {}: no {} in this folder or below it\n", unicode::visible(path), what);
      return std::nullopt;
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace rubric::cli
