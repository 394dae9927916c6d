// The golden diagnostics: every invalid program in tests/diagnostics/ and every bad facts file
// in tests/diagnostics/facts/ is run through the rubric program as a user would run it, and
// what it prints to stderr must equal the case's .expected file, byte for byte.
//
//   tests/diagnostics/NAME.rubric        rubric check tests/diagnostics/NAME.rubric
//   tests/diagnostics/facts/NAME.json    rubric score tests/diagnostics/facts/ruleset.rubric
//                                                     tests/diagnostics/facts/NAME.json
//
// Each case is its own test, named after its file: Diagnostics/Golden.Stderr/unknown_name,
// DiagnosticsFacts/Golden.Stderr/invalid_json. A mismatch prints a line diff. Each case runs
// again in Chinese (`rubric --lang zh …`), compared with zh/NAME.expected beside it:
// DiagnosticsZh/Golden.Stderr/unknown_name, DiagnosticsFactsZh/….
//
// To accept new output, run with RUBRIC_UPDATE_GOLDEN=1: the .expected files are rewritten
// instead of compared. Then read every changed file (git diff tests/diagnostics): the point of
// these files is that each message is a good one, not that it is the current one.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "support.hpp"

namespace rubric::testing {
namespace {

namespace fs = std::filesystem;

struct GoldenCase {
  std::string name;      // the file name without extension, sanitised for the test name
  std::string args;      // the rubric command line, with paths relative to the source folder
  std::string expected;  // the .expected file, relative to the source folder
  bool facts = false;    // a facts file (rubric score) rather than a ruleset (rubric check)
};

constexpr bool kChinese = true;

// Shown by GoogleTest for a failing case, instead of the struct's bytes.
void PrintTo(const GoldenCase& c, std::ostream* os) { *os << "rubric " << c.args; }

std::string sanitise(const std::string& name) {
  std::string out = name;
  for (char& c : out) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  }
  return out;
}

// The cases of [folder] (relative to the source folder) whose files end in [extension].
// In Chinese, the command line has --lang zh and the expected output is zh/NAME.expected.
std::vector<GoldenCase> cases_in(const std::string& folder, const std::string& extension, bool facts,
                                 bool chinese = false) {
  std::vector<GoldenCase> out;
  const fs::path root = fs::path(kSourceDir) / folder;
  if (!fs::is_directory(root)) return out;
  for (const auto& entry : fs::directory_iterator(root)) {
    const fs::path& path = entry.path();
    if (!entry.is_regular_file() || path.extension() != extension) continue;
    const std::string stem = path.stem().string();
    if (facts && stem == "ruleset") continue;  // the ruleset the facts files are scored against
    GoldenCase c;
    c.name = sanitise(stem);
    c.facts = facts;
    const std::string file = folder + "/" + path.filename().string();
    c.args = facts ? "score " + folder + "/ruleset.rubric " + file : "check " + file;
    if (chinese) c.args = "--lang zh " + c.args;
    c.expected = folder + (chinese ? "/zh/" : "/") + stem + ".expected";
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const GoldenCase& a, const GoldenCase& b) { return a.name < b.name; });
  return out;
}

const std::vector<GoldenCase>& ruleset_cases() {
  static const std::vector<GoldenCase> cases = cases_in("tests/diagnostics", ".rubric", false);
  return cases;
}

const std::vector<GoldenCase>& facts_cases() {
  static const std::vector<GoldenCase> cases = cases_in("tests/diagnostics/facts", ".json", true);
  return cases;
}

const std::vector<GoldenCase>& ruleset_cases_zh() {
  static const std::vector<GoldenCase> cases = cases_in("tests/diagnostics", ".rubric", false, kChinese);
  return cases;
}

const std::vector<GoldenCase>& facts_cases_zh() {
  static const std::vector<GoldenCase> cases = cases_in("tests/diagnostics/facts", ".json", true, kChinese);
  return cases;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return lines;
}

// A line diff of [expected] against [actual]: "  " both, "- " only expected, "+ " only actual.
// The files are a few dozen lines, so the quadratic longest common subsequence is fine.
std::string line_diff(const std::string& expected, const std::string& actual) {
  const auto a = lines_of(expected);
  const auto b = lines_of(actual);
  std::vector<std::vector<std::size_t>> lcs(a.size() + 1, std::vector<std::size_t>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::string out;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      out += "  " + a[i++] + "\n";
      ++j;
    } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out += "+ " + b[j++] + "\n";
    } else {
      out += "- " + a[i++] + "\n";
    }
  }
  if (!expected.empty() && !actual.empty() && (expected.back() == '\n') != (actual.back() == '\n')) {
    out += "(the two differ in the final line break)\n";
  }
  return out;
}

bool updating() {
  const char* value = std::getenv("RUBRIC_UPDATE_GOLDEN");
  return value != nullptr && std::string(value) == "1";
}

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, Stderr) {
  const GoldenCase& c = GetParam();
  const CliResult result = run_cli(c.args);
  const fs::path expected_path = fs::path(kSourceDir) / c.expected;

  // A case that reports an error must fail (1: ruleset errors, 3: facts not scored); a case
  // with only warnings must succeed. The facts of a warning-only case are still scored.
  const bool has_error =
      result.err.find(": error: ") != std::string::npos || result.err.find(": 错误：") != std::string::npos;
  const int expected_exit = has_error ? (c.facts ? 3 : 1) : 0;
  EXPECT_EQ(result.exit_code, expected_exit) << "rubric " << c.args;
  EXPECT_FALSE(result.err.empty()) << "rubric " << c.args << " reported nothing: a golden case must be invalid";

  if (updating()) {
    fs::create_directories(expected_path.parent_path());
    std::ofstream(expected_path, std::ios::binary) << result.err;
    std::cout << "[  UPDATED ] " << c.expected << "\n";
    return;
  }
  ASSERT_TRUE(fs::exists(expected_path)) << c.expected << " is missing; create it with RUBRIC_UPDATE_GOLDEN=1, "
                                         << "then read it. rubric " << c.args << " printed:\n"
                                         << result.err;
  const std::string expected = read_text(expected_path.string());
  EXPECT_TRUE(expected == result.err) << "rubric " << c.args << "\n"
                                      << "stderr differs from " << c.expected << " (- expected, + actual):\n"
                                      << line_diff(expected, result.err)
                                      << "If the new text is better, accept it with RUBRIC_UPDATE_GOLDEN=1.";
}

std::string case_name(const ::testing::TestParamInfo<GoldenCase>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Diagnostics, Golden, ::testing::ValuesIn(ruleset_cases()), case_name);
INSTANTIATE_TEST_SUITE_P(DiagnosticsFacts, Golden, ::testing::ValuesIn(facts_cases()), case_name);
INSTANTIATE_TEST_SUITE_P(DiagnosticsZh, Golden, ::testing::ValuesIn(ruleset_cases_zh()), case_name);
INSTANTIATE_TEST_SUITE_P(DiagnosticsFactsZh, Golden, ::testing::ValuesIn(facts_cases_zh()), case_name);

// The folders are read when the tests start; a wrong path would otherwise pass with no cases.
TEST(DiagnosticsSuite, HasTheCases) {
  EXPECT_GE(ruleset_cases().size(), 30U);
  EXPECT_GE(facts_cases().size(), 12U);
  EXPECT_TRUE(fs::exists(fs::path(kSourceDir) / "tests/diagnostics/facts/ruleset.rubric"));
}

// Every .expected file belongs to a case: a renamed case must not leave its old golden behind.
TEST(DiagnosticsSuite, NoOrphanExpectedFiles) {
  for (const std::string folder : {"tests/diagnostics", "tests/diagnostics/facts", "tests/diagnostics/zh",
                                   "tests/diagnostics/facts/zh"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(kSourceDir) / folder)) {
      if (entry.path().extension() != ".expected") continue;
      const std::string stem = entry.path().stem().string();
      const bool is_facts = folder.find("/facts") != std::string::npos;
      const bool is_zh = folder.ends_with("/zh");
      const fs::path case_folder = is_zh ? entry.path().parent_path().parent_path() : entry.path().parent_path();
      const fs::path input = case_folder / (stem + (is_facts ? ".json" : ".rubric"));
      EXPECT_TRUE(fs::exists(input)) << entry.path() << " has no " << input.filename();
    }
  }
}

// docs/errors.md lists every code the library and the program can report, and so does its
// Chinese guide, docs/zh/errors.md.
TEST(DiagnosticsSuite, EveryCodeIsDocumented) {
  const std::string docs = read_text(kSourceDir + "/docs/errors.md");
  const std::string docs_zh = read_text(kSourceDir + "/docs/zh/errors.md");
  const std::regex code_pattern("\"([EW]0[0-9]{3})\"|\\[([EW]0[0-9]{3})\\]");
  for (const std::string folder : {"dsl", "interpreter", "stdlib", "report", "cli"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(kSourceDir) / folder)) {
      if (entry.path().extension() != ".cpp" && entry.path().extension() != ".hpp") continue;
      const std::string text = read_text(entry.path().string());
      for (auto it = std::sregex_iterator(text.begin(), text.end(), code_pattern); it != std::sregex_iterator(); ++it) {
        const std::string code = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
        EXPECT_NE(docs.find("### " + code), std::string::npos)
            << code << " (" << fs::relative(entry.path(), kSourceDir).string() << ") has no section in docs/errors.md";
        EXPECT_NE(docs_zh.find("### " + code), std::string::npos)
            << code << " (" << fs::relative(entry.path(), kSourceDir).string() << ") has no section in docs/zh/errors.md";
      }
    }
  }
}

}  // namespace
}  // namespace rubric::testing
