// rubric fmt [--check] PATH…: format rulesets and test files in the canonical layout.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/command.hpp"

namespace rubric::cli {
namespace {

struct FmtOptions {
  std::vector<std::string> paths;
  bool check = false;
  std::string keywords;  // "", "en" or "zh"
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The first stretch of lines that differ, as a short unified diff: at most [kShown] lines on
// each side, with the line numbers of both.
std::string first_difference(const std::string& path, const std::string& before, const std::string& after) {
  constexpr std::size_t kShown = 6;
  const std::vector<std::string> a = lines_of(before);
  const std::vector<std::string> b = lines_of(after);
  std::size_t top = 0;
  while (top < a.size() && top < b.size() && a[top] == b[top]) ++top;
  // The stretch ends where the two come back into step: the nearest line of [a] after [top]
  // that reappears in [b] at or after [top].
  std::size_t a_end = a.size();
  std::size_t b_end = b.size();
  for (std::size_t i = top; i < a.size() && a_end == a.size(); ++i) {
    for (std::size_t j = top; j < b.size(); ++j) {
      if (a[i] == b[j] && !a[i].empty()) {
        a_end = i;
        b_end = j;
        break;
      }
    }
  }
  std::string out = fmt::format("--- {}\n+++ {} (formatted)\n@@ -{} +{} @@\n", path, path, top + 1, top + 1);
  if (top > 0) out += " " + a[top - 1] + "\n";
  for (std::size_t i = top; i < a_end && i < top + kShown; ++i) out += "-" + a[i] + "\n";
  if (a_end > top + kShown) out += tr_format("-… ({} more lines)\n", a_end - top - kShown);
  for (std::size_t j = top; j < b_end && j < top + kShown; ++j) out += "+" + b[j] + "\n";
  if (b_end > top + kShown) out += tr_format("+… ({} more lines)\n", b_end - top - kShown);
  if (a_end == top && b_end == top) out += std::string(tr("(only the end differs: the last line break)\n"));
  return out;
}

int run_fmt(const FmtOptions& options) {
  int status = kOk;
  const std::optional<std::vector<std::string>> found = files_below(
      options.paths, [](const std::filesystem::path& p) { return p.extension() == ".rubric"; }, std::string(tr("rulesets (*.rubric)")));
  if (!found) return kUsage;
  const std::vector<std::string>& paths = *found;
  std::vector<NamedFile> inputs;
  for (const std::string& path : paths) inputs.push_back({path, std::string(tr("the file to format"))});
  if (!outputs_distinct({{"-", std::string(tr("standard output"))}}, inputs)) return kUsage;
  for (const std::string& path : paths) {
    InputText input = read_input(path, ReadLimit{kMaxSourceBytes, "E0012", tr_later("rulesets may be")});
    if (!input.text) {
      print_read_error(path == "-" ? "<stdin>" : path, input);
      status = std::max(status, kUsage);
      continue;
    }
    const std::string text = std::move(*input.text);
    const auto source = std::make_shared<SourceFile>(path == "-" ? "<stdin>" : path, text);
    std::optional<KeywordSet> keywords;
    if (!options.keywords.empty()) keywords = options.keywords == "zh" ? KeywordSet::Zh : KeywordSet::En;
    const FormatResult result = format_source(source, SourceKind::Auto, keywords);
    if (!result.text) {
      print(result.diagnostics);
      status = std::max(status, kRulesetErrors);
      if (path == "-" && !options.check) std::cout << text;  // a filter passes bad input through
      continue;
    }
    const bool changed = *result.text != text;
    if (options.check) {
      if (changed) {
        std::cout << tr_format("{}: not formatted\n", source->path()) << first_difference(source->path(), text, *result.text);
        status = std::max(status, kRulesetErrors);
      }
    } else if (path == "-") {
      std::cout << *result.text;
    } else if (changed) {
      try {
        write_file_atomically(path, *result.text);
      } catch (const std::exception& e) {
        std::cerr << tr_format("error: {}\n", e.what());
        status = std::max(status, kWriteFailed);
        continue;
      }
      std::cerr << tr_format("{}: formatted\n", path);
    }
  }
  return status;
}

}  // namespace

Command add_fmt(CLI::App& parent) {
  auto options = std::make_shared<FmtOptions>();
  CLI::App* app = parent.add_subcommand(
      "fmt", std::string(tr("Format rulesets and test files in the canonical layout (docs/language.md, \"Formatting\").")));
  app->add_option("PATH", options->paths,
                  std::string(tr("Files (.rubric, .test.rubric) and folders (every .rubric file below them); '-' reads stdin "
                  "and writes stdout")))
      ->required();
  app->add_option("--keywords", options->keywords,
                  std::string(tr("Write the keywords in this set: zh (指标, 分值, 评分 …) or en (indicator, points, score …); "
                  "unset, each file keeps its own. The conversion is lossless both ways (docs/language.md, "
                  "\"Keywords in Chinese\")")))
      ->check(CLI::IsMember({"en", "zh"}));
  app->add_flag("--check", options->check,
                std::string(tr("Change nothing; print each file that is not formatted, with its first difference, and exit 1 "
                "if there is one")));
  app->footer(
      std::string(tr("Files are rewritten in place, atomically; a file with syntax errors is reported and left as it is.\n"
      "Exit codes: 0 success (with --check: every file is formatted); 1 a file has syntax errors, or with "
      "--check is not formatted; 2 bad command line or a file that cannot be read; 5 a file that cannot be "
      "written (it is left as it was).")));
  return {app, [options] { return run_fmt(*options); }};
}

}  // namespace rubric::cli
