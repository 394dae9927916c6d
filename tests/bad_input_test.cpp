// The hostile-input catalogue (issue 6): every file in tests/bad-input/ is given to the rubric
// program as a user would, and what it prints on stderr must equal the case's .expected file,
// byte for byte. Each case is its own test, run under `timeout`, so a hang fails the case
// instead of blocking the suite; a crash (a signal, or a sanitizer's report in the sanitizer
// build, which also reports leaks at exit) fails it too.
//
//   tests/bad-input/NAME.rubric   rubric check tests/bad-input/NAME.rubric
//   tests/bad-input/NAME.json     rubric score tests/bad-input/scheme/ruleset.rubric tests/bad-input/NAME.json
//   tests/bad-input/NAME.csv      rubric batch tests/bad-input/scheme/ruleset.rubric tests/bad-input/NAME.csv
//                                 -o OUT.csv --jobs 2; the expected file holds stderr, the exit code
//                                 and the output file, so that a bad row is seen not to cost the
//                                 others their results
//   tests/bad-input/NAME.rubric with NAME.facts.json beside it:
//                                 rubric score NAME.rubric NAME.facts.json (a ruleset that checks
//                                 clean but fails while scoring)
//   generated: NAME               files too large to keep in the repository (a ruleset over 4 MiB, a
//                                 facts file over 16 MiB, a list of 100,001 items), written to a
//                                 temporary folder when the test runs; expected output in
//                                 tests/bad-input/generated/NAME.expected
//
// To accept new output, run with RUBRIC_UPDATE_GOLDEN=1, then read every changed file.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "dsl/parser.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kTimeoutSeconds = 60;  // generous for the sanitizer build; a real case takes < 1 s

enum class Kind { Ruleset, Facts, Batch };

struct BadInput {
  std::string name;
  std::string file;           // relative to the folder the program runs in
  bool facts = false;         // scored against the scheme's ruleset (Kind::Facts)
  bool generated = false;
  Kind kind = Kind::Ruleset;
  std::string own_facts;      // Kind::Ruleset: facts to score it with, when the case has them
};

void PrintTo(const BadInput& c, std::ostream* os) { *os << c.file; }

const std::string kFolder = "tests/bad-input";

// Writes the generated cases into a fresh temporary folder; returns the folder.
std::string generated_folder() {
  static const std::string folder = [] {
    const fs::path dir = fs::temp_directory_path() / ("rubric_bad_input_" + std::to_string(::getpid()));
    fs::create_directories(dir / "scheme");
    fs::copy_file(fs::path(kSourceDir) / kFolder / "scheme/ruleset.rubric", dir / "scheme/ruleset.rubric",
                  fs::copy_options::overwrite_existing);
    {
      std::ofstream out(dir / "huge_ruleset.rubric", std::ios::binary);
      out << "ruleset \"x\" scheme s year 2023\n";
      const std::string line(1023, '#');
      for (std::size_t written = 0; written <= kMaxSourceBytes; written += 1024) out << line << '\n';
    }
    {
      std::ofstream out(dir / "huge_facts.json", std::ios::binary);
      out << "{\"facts\": {}}";
      const std::string blanks(1024, ' ');
      for (std::size_t written = 0; written <= kMaxFactsBytes; written += blanks.size()) out << blanks;
    }
    {
      std::ofstream out(dir / "huge_list.json", std::ios::binary);
      out << "{\"facts\": {\"monthly_execution\": [";
      for (std::size_t i = 0; i <= kMaxJsonItems; ++i) out << (i == 0 ? "" : ",") << "\"1%\"";
      out << "]}}\n";
    }
    return dir.string();
  }();
  return folder;
}

std::vector<BadInput> cases() {
  std::vector<BadInput> out;
  const fs::path folder = fs::path(kSourceDir) / kFolder;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const fs::path& path = entry.path();
    const std::string ext = path.extension().string();
    const std::string stem = path.stem().string();
    if (!entry.is_regular_file()) continue;
    // NAME.facts.json belongs to NAME.rubric.
    if (ext == ".json" && fs::path(stem).extension() == ".facts") continue;
    BadInput c{stem, kFolder + "/" + path.filename().string(), false, false, Kind::Ruleset, ""};
    if (ext == ".rubric") {
      c.name += "_rubric";
      if (fs::exists(folder / (stem + ".facts.json"))) c.own_facts = kFolder + "/" + stem + ".facts.json";
    } else if (ext == ".json") {
      c.name += "_json";
      c.facts = true;
      c.kind = Kind::Facts;
    } else if (ext == ".csv") {
      c.name += "_csv";
      c.kind = Kind::Batch;
    } else {
      continue;
    }
    out.push_back(c);
  }
  for (const std::string name : {"huge_ruleset.rubric", "huge_facts.json", "huge_list.json"}) {
    const bool facts = fs::path(name).extension() == ".json";
    out.push_back({"generated_" + fs::path(name).stem().string(), name, facts, true,
                   facts ? Kind::Facts : Kind::Ruleset, ""});
  }
  std::sort(out.begin(), out.end(), [](const BadInput& a, const BadInput& b) { return a.name < b.name; });
  return out;
}

std::string expected_path(const BadInput& c) {
  const fs::path file(c.file);
  return (fs::path(kSourceDir) / kFolder / (c.generated ? "generated" : "") /
          (file.filename().string() + ".expected"))
      .lexically_normal()
      .string();
}

bool updating() {
  const char* value = std::getenv("RUBRIC_UPDATE_GOLDEN");
  return value != nullptr && std::string(value) == "1";
}

class BadInputCase : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputCase, ExactMessageNoCrashNoHang) {
  const BadInput& c = GetParam();
  const std::string dir = c.generated ? generated_folder() : kSourceDir;
  const std::string ruleset = c.generated ? "scheme/ruleset.rubric" : kFolder + "/scheme/ruleset.rubric";
  const std::string base = (fs::temp_directory_path() / ("rubric_bad_" + std::to_string(::getpid()) + "_" + c.name)).string();
  std::string args;
  switch (c.kind) {
    case Kind::Ruleset:
      args = c.own_facts.empty() ? "check '" + c.file + "'" : "score '" + c.file + "' '" + c.own_facts + "'";
      break;
    case Kind::Facts: args = "score '" + ruleset + "' '" + c.file + "'"; break;
    case Kind::Batch: args = "batch '" + ruleset + "' '" + c.file + "' -o '" + base + ".result.csv' --jobs 2"; break;
  }
  const std::string command = "cd '" + dir + "' && timeout -s KILL " + std::to_string(kTimeoutSeconds) + " '" +
                              kBinary + "' " + args + " >'" + base + ".out' 2>'" + base + ".err'";
  const int status = std::system(command.c_str());
  std::string err = read_text(base + ".err");
  fs::remove(base + ".out");
  fs::remove(base + ".err");

  ASSERT_TRUE(WIFEXITED(status)) << "rubric " << args << " did not exit normally";
  const int code = WEXITSTATUS(status);
  ASSERT_NE(code, 137) << "rubric " << args << " was killed after " << kTimeoutSeconds << " s: a hang";
  ASSERT_LT(code, 128) << "rubric " << args << " died of a signal:\n" << err;
  if (c.kind == Kind::Batch) {
    // The exit code and every row's result are part of what a batch case pins: the rows after a
    // bad one are still scored, in input order.
    const std::string result = base + ".result.csv";
    err += "--- exit " + std::to_string(code) + "; output file:\n" + (fs::exists(result) ? read_text(result) : "(none)\n");
    fs::remove(result);
  } else {
    // An error must fail the run (1: the ruleset has errors; 3: the facts were not scored); a case
    // with only warnings, or none, is scored.
    const bool has_error = err.find(": error: ") != std::string::npos;
    const bool scored = c.facts || !c.own_facts.empty();
    EXPECT_EQ(code, has_error ? (scored ? 3 : 1) : 0) << "rubric " << args << "\n" << err;
  }

  const std::string expected_file = expected_path(c);
  if (updating()) {
    fs::create_directories(fs::path(expected_file).parent_path());
    std::ofstream(expected_file, std::ios::binary) << err;
    return;
  }
  ASSERT_TRUE(fs::exists(expected_file)) << expected_file << " is missing; rubric " << args << " printed:\n" << err;
  EXPECT_TRUE(read_text(expected_file) == err) << "rubric " << args << "\nstderr differs from " << expected_file
                                               << "; it printed:\n"
                                               << err;
}

std::string case_name(const ::testing::TestParamInfo<BadInput>& info) {
  std::string name = info.param.name;
  for (char& ch : name) {
    if (std::isalnum(static_cast<unsigned char>(ch)) == 0) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(BadInput, BadInputCase, ::testing::ValuesIn(cases()), case_name);

TEST(BadInputSuite, HasTheCatalogue) { EXPECT_GE(cases().size(), 60U); }

// Every .expected file belongs to a case.
TEST(BadInputSuite, NoOrphanExpectedFiles) {
  std::vector<std::string> wanted;
  for (const BadInput& c : cases()) wanted.push_back(expected_path(c));
  for (const std::string sub : {"", "generated"}) {
    const fs::path dir = fs::path(kSourceDir) / kFolder / sub;
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() != ".expected") continue;
      const std::string path = entry.path().lexically_normal().string();
      EXPECT_NE(std::find(wanted.begin(), wanted.end(), path), wanted.end()) << path << " belongs to no case";
    }
  }
}

}  // namespace
}  // namespace rubric::testing
