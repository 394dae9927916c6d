// Transcript cases: the rubric program used as a person at a shell would use it, with what it
// must print written beside each command. Every `tests/bad-input/NAME.t` is one test:
//
//   Unindented lines say what the case is about (free text).
//     $ rubric score "$SRC/tests/bad-input/scheme/ruleset.rubric" facts.json -o facts.json
//     facts.json: error: the output file is the facts file … [E0910]
//     [2]
//
// A line indented by two spaces and starting with `$ ` is a command (`> ` continues it on the next
// line); the indented lines after it are what it must print, standard output and standard error
// interleaved; `[N]` is its exit status when that is not 0. This is the format of cram and of
// Mercurial's .t tests.
//
// Each case runs in a fresh, empty folder ($TMP), one `sh -c` per command, with `rubric` on the
// PATH, $SRC the source tree, standard input from /dev/null, LC_ALL=C.UTF-8 and COLUMNS=120.
// Output has the folder's path replaced by $TMP and the source tree's by $SRC, so that expected
// text does not depend on the machine. Each command runs under `timeout`: a hang fails the case.
//
// To accept new output, run with RUBRIC_UPDATE_GOLDEN=1, then read every changed .t file.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "support.hpp"

namespace rubric::testing {
namespace {

namespace fs = std::filesystem;

// Generous for the sanitizer build on a slow machine: `rubric explain` of the evaluation-budget
// transcript walks 10,000,000 steps twice and took 57.6 s there on an idle 2-core machine.
constexpr int kCommandTimeoutSeconds = 180;

struct Command {
  std::string text;     // the shell command, continuation lines joined with '\n'
  std::size_t line = 0; // where it starts in the .t file (1-based)
};

// One element of a transcript: a commentary line, or a command with the output it expects.
struct Block {
  std::string commentary;  // set for a commentary line (without its '\n')
  std::optional<Command> command;
  std::vector<std::string> expected;  // the indented lines after the command
};

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::vector<Block> parse_transcript(const std::string& text) {
  std::vector<Block> blocks;
  const std::vector<std::string> lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.rfind("  $ ", 0) == 0) {
      Block block;
      block.command = Command{line.substr(4), i + 1};
      while (i + 1 < lines.size() && lines[i + 1].rfind("  > ", 0) == 0) block.command->text += "\n" + lines[++i].substr(4);
      while (i + 1 < lines.size() && lines[i + 1].rfind("  ", 0) == 0 && lines[i + 1].rfind("  $ ", 0) != 0) {
        block.expected.push_back(lines[++i].substr(2));
      }
      blocks.push_back(std::move(block));
    } else {
      blocks.push_back(Block{line, std::nullopt, {}});
    }
  }
  return blocks;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string quote(const std::string& text) { return "'" + replace_all(text, "'", "'\\''") + "'"; }

struct Ran {
  std::vector<std::string> lines;  // output, then "[N]" when the status is not 0
  int status = 0;
};

Ran run(const Command& command, const std::string& folder, const std::string& bin) {
  const std::string shell = "cd " + quote(folder) + " && PATH=" + quote(bin) + ":\"$PATH\" SRC=" + quote(kSourceDir) +
                            " TMP=" + quote(folder) + " LC_ALL=C.UTF-8 COLUMNS=120 timeout -s KILL " +
                            std::to_string(kCommandTimeoutSeconds) + " sh -c " + quote(command.text) +
                            " </dev/null 2>&1";
  Ran ran;
  std::string output;
  FILE* pipe = ::popen(shell.c_str(), "r");
  if (pipe == nullptr) {
    ran.status = -1;
    ran.lines = {"(could not start the shell)"};
    return ran;
  }
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  const int status = ::pclose(pipe);
  ran.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  // The longer path first: the temporary folder may lie inside the source tree.
  if (folder.size() >= kSourceDir.size()) {
    output = replace_all(replace_all(output, folder, "$TMP"), kSourceDir, "$SRC");
  } else {
    output = replace_all(replace_all(output, kSourceDir, "$SRC"), folder, "$TMP");
  }
  ran.lines = split_lines(output);
  if (!output.empty() && output.back() != '\n') ran.lines.back() += " (no newline at end)";
  if (ran.status != 0) ran.lines.push_back("[" + std::to_string(ran.status) + "]");
  return ran;
}

std::vector<std::string> transcripts() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fs::path(kSourceDir) / "tests/bad-input")) {
    if (entry.is_regular_file() && entry.path().extension() == ".t") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class Transcript : public ::testing::TestWithParam<std::string> {};

TEST_P(Transcript, PrintsWhatItSays) {
  const std::string file = kSourceDir + "/tests/bad-input/" + GetParam() + ".t";
  const std::string text = read_text(file);
  const fs::path folder = fs::temp_directory_path() / ("rubric_t_" + std::to_string(::getpid()) + "_" + GetParam());
  const fs::path bin = fs::temp_directory_path() / ("rubric_t_bin_" + std::to_string(::getpid()) + "_" + GetParam());
  fs::remove_all(folder);
  fs::remove_all(bin);
  fs::create_directories(folder);
  fs::create_directories(bin);
  fs::create_symlink(kBinary, bin / "rubric");

  std::string actual;
  bool any_command = false;
  for (const Block& block : parse_transcript(text)) {
    if (!block.command) {
      actual += block.commentary + "\n";
      continue;
    }
    any_command = true;
    const Command& command = *block.command;
    actual += "  $ " + replace_all(command.text, "\n", "\n  > ") + "\n";
    const Ran ran = run(command, folder.string(), bin.string());
    EXPECT_NE(ran.status, 137) << file << ":" << command.line << ": killed after " << kCommandTimeoutSeconds
                               << " s, a hang: " << command.text;
    for (const std::string& line : ran.lines) actual += "  " + line + "\n";
  }
  // Make the folder removable even if a case took the write bit off something in it.
  std::error_code ignored;
  for (const auto& entry : fs::recursive_directory_iterator(folder, ignored)) {
    fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add, ignored);
  }
  fs::remove_all(folder, ignored);
  fs::remove_all(bin, ignored);

  EXPECT_TRUE(any_command) << file << " runs no command";
  if (const char* update = std::getenv("RUBRIC_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    std::ofstream(file, std::ios::binary) << actual;
    return;
  }
  EXPECT_TRUE(actual == text) << file << " differs; what ran printed:\n" << actual;
}

std::string case_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& ch : name) {
    if (std::isalnum(static_cast<unsigned char>(ch)) == 0) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(BadInput, Transcript, ::testing::ValuesIn(transcripts()), case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Transcript);

// The format itself: commands, continuation lines, expected lines and commentary.
TEST(TranscriptFormat, ParsesCommandsOutputAndCommentary) {
  const auto blocks = parse_transcript("Why this case.\n  $ echo a\n  > b\n  a\n  [1]\nMore.\n  $ true\n");
  ASSERT_EQ(blocks.size(), 4U);
  EXPECT_EQ(blocks[0].commentary, "Why this case.");
  ASSERT_TRUE(blocks[1].command.has_value());
  EXPECT_EQ(blocks[1].command->text, "echo a\nb");
  EXPECT_EQ(blocks[1].command->line, 2U);
  EXPECT_EQ(blocks[1].expected, (std::vector<std::string>{"a", "[1]"}));
  EXPECT_EQ(blocks[2].commentary, "More.");
  EXPECT_TRUE(blocks[3].expected.empty());
}

}  // namespace
}  // namespace rubric::testing
