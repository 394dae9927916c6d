// The language's constructs as programs: every `tests/language/NAME.rubric` is one test,
// Language/LanguageFile.Scores/NAME, and holds small rulesets with what each must give written
// beside it, as Wren's `// expect:` comments are:
//
//   ### tiered: a proportional tier between two fixed ones
//   ruleset "t" scheme test year 2023
//   facts { r: percent }
//   section S points 10 { indicator I points 10 { score tiered r { … } } }
//   # at threshold: given {"r": "60%"} expect I = 6
//   # proportional: given {"r": "99.99%"} expect I = 10.00 expect I raw 9.999
//
// A line starting with `### ` begins a program, which runs to the next such line; its text is
// loaded as a ruleset (with the lines above it left blank, so that line numbers are the file's).
// Inside it, comment lines say what it must give:
//
//   # [NAME:] given FACTS expect …   scores FACTS (the "facts" object, as JSON on one line); each
//                                    `expect` is one of
//                                      NODE = N       the indicator's or section's rounded score
//                                      NODE raw N     its score before rounding
//                                      NODE = 不适用   it does not apply: no score, in no sum
//                                      NODE points N  the points it is scored against (a share)
//                                      NODE error E   it has no score, and the error E is reported
//                                      total = N      the total
//                                      grade = G      the grade
//   # expect error E at L:C          the program does not load: error E is reported at line L,
//                                    column C
//
// A program with `given` lines must load without errors. Tests that look inside the syntax tree,
// match message text or pass options stay in language_test.cpp.
//
// There is no RUBRIC_UPDATE_GOLDEN mode: each expected value here is worked out from the rule, and
// accepting what the program prints would undo that. The golden files about rendering
// (tests/diagnostics/, tests/bad-input/) have one.
#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"

namespace rubric::testing {
namespace {

namespace fs = std::filesystem;

struct Expect {
  std::string node;    // an indicator or section, or "total" / "grade"
  std::string op;      // "=", "raw", "points" or "error"
  std::string value;   // the number, grade or error code
};

struct Scoring {
  std::size_t line = 0;  // in the file, 1-based
  std::string name;
  std::string facts;
  std::vector<Expect> expects;
};

struct LoadError {
  std::size_t line = 0;
  std::string code;
  std::string at;  // "L:C"
};

struct Program {
  std::string title;
  std::size_t line = 0;  // of its `### ` line
  std::string source;    // with the file's earlier lines left blank
  std::vector<Scoring> runs;
  std::vector<LoadError> load_errors;
  std::vector<std::string> problems;  // lines this harness cannot read
};

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t") + 1 - begin);
}

// The expectations of `expect A expect B …` ([text] starts after the first `expect `).
std::optional<std::vector<Expect>> parse_expects(const std::string& text) {
  std::vector<Expect> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t next = text.find(" expect ", at);
    if (next == std::string::npos) next = text.size();
    std::istringstream words(text.substr(at, next - at));
    Expect e;
    std::string rest;
    if (!(words >> e.node >> e.op >> e.value) || (words >> rest)) return std::nullopt;
    if (e.op != "=" && e.op != "raw" && e.op != "points" && e.op != "error") return std::nullopt;
    out.push_back(std::move(e));
    at = next + (next < text.size() ? std::string(" expect ").size() : 0);
  }
  return out;
}

// `[NAME:] given FACTS expect …`, the comment's text after "# ".
std::optional<Scoring> parse_run(const std::string& text, std::size_t line) {
  std::size_t given = text.rfind("given ", 0) == 0 ? 0 : text.find(": given ");
  if (given == std::string::npos) return std::nullopt;
  Scoring run;
  run.line = line;
  if (given != 0) {
    run.name = text.substr(0, given);
    given += 2;
  }
  const std::size_t expect = text.find(" expect ", given);
  if (expect == std::string::npos) return std::nullopt;
  run.facts = trim(text.substr(given + std::string("given ").size(), expect - given - std::string("given ").size()));
  auto expects = parse_expects(text.substr(expect + std::string(" expect ").size()));
  if (!expects) return std::nullopt;
  run.expects = std::move(*expects);
  return run;
}

std::vector<Program> read_programs(const std::string& text) {
  std::vector<Program> programs;
  std::istringstream in(text);
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("### ", 0) == 0) {
      Program p;
      p.title = line.substr(4);
      p.line = number;
      p.source = std::string(number - 1, '\n');
      programs.push_back(std::move(p));
    }
    if (programs.empty()) continue;  // the file's opening comment
    Program& p = programs.back();
    p.source += line + "\n";
    const std::string content = trim(line);
    if (content.rfind("# given ", 0) != 0 && content.find(": given ") == std::string::npos &&
        content.rfind("# expect ", 0) != 0) {
      continue;
    }
    if (content.rfind("# expect error ", 0) == 0) {
      std::istringstream words(content.substr(std::string("# expect error ").size()));
      LoadError e;
      std::string at;
      e.line = number;
      if (words >> e.code >> at >> e.at && at == "at") {
        p.load_errors.push_back(e);
      } else {
        p.problems.push_back("line " + std::to_string(number) + ": expected `# expect error CODE at L:C`");
      }
    } else if (content.rfind("# ", 0) == 0) {
      if (auto run = parse_run(content.substr(2), number)) {
        p.runs.push_back(std::move(*run));
      } else {
        p.problems.push_back("line " + std::to_string(number) + ": expected `# [NAME:] given FACTS expect …`");
      }
    }
  }
  return programs;
}

void check_load_errors(const Program& p, const std::string& file) {
  const std::string rendered = render(load_ruleset_source(file, p.source).diagnostics, false);
  for (const LoadError& e : p.load_errors) {
    SCOPED_TRACE(file + ":" + std::to_string(e.line));
    // The rendered line of the error: "FILE:L:C: error: … [CODE]".
    bool found = false;
    std::istringstream lines(rendered);
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind(file + ":" + e.at + ": error: ", 0) == 0 && line.size() >= e.code.size() + 2 &&
          line.compare(line.size() - e.code.size() - 2, std::string::npos, "[" + e.code + "]") == 0) {
        found = true;
      }
    }
    EXPECT_TRUE(found) << "no error " << e.code << " at " << e.at << "; got:\n" << rendered;
  }
}

void check_expect(const Scored& s, const Expect& e) {
  SCOPED_TRACE("expect " + e.node + " " + e.op + " " + e.value);
  if (e.node == "total" && e.op == "=") {
    ASSERT_TRUE(s.evaluation.total) << s.errors;
    EXPECT_EQ(*s.evaluation.total, dec(e.value));
  } else if (e.node == "grade" && e.op == "=") {
    EXPECT_EQ(s.evaluation.grade, e.value) << s.errors;
  } else if (e.op == "error") {
    EXPECT_FALSE(s.score(e.node).has_value());
    EXPECT_NE(s.errors.find("[" + e.value + "]"), std::string::npos) << s.errors;
  } else if (e.op == "=" && e.value == "不适用") {
    const NodeResult* node = s.find(e.node);
    ASSERT_NE(node, nullptr) << "no node named " << e.node;
    EXPECT_FALSE(node->applies) << s.errors;
    EXPECT_FALSE(node->score.has_value());
  } else if (e.op == "points") {
    const NodeResult* node = s.find(e.node);
    ASSERT_NE(node, nullptr) << "no node named " << e.node;
    EXPECT_EQ(node->points.hi, dec(e.value)) << "got " << node->points.hi.to_string();
  } else if (e.op == "raw") {
    const NodeResult* node = s.find(e.node);
    ASSERT_NE(node, nullptr) << "no node named " << e.node;
    ASSERT_TRUE(node->raw) << s.errors;
    EXPECT_EQ(*node->raw, dec(e.value)) << "got " << node->raw->to_string();
  } else {
    ASSERT_TRUE(s.score(e.node).has_value()) << s.errors;
    EXPECT_EQ(*s.score(e.node), dec(e.value)) << "got " << s.score(e.node)->to_string();
  }
}

std::vector<std::string> language_files() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fs::path(kSourceDir) / "tests/language")) {
    if (entry.is_regular_file() && entry.path().extension() == ".rubric") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class LanguageFile : public ::testing::TestWithParam<std::string> {};

TEST_P(LanguageFile, Scores) {
  const std::string file = "tests/language/" + GetParam() + ".rubric";
  const std::vector<Program> programs = read_programs(read_text(kSourceDir + "/" + file));
  ASSERT_FALSE(programs.empty()) << file << " holds no `### ` program";
  for (const Program& p : programs) {
    SCOPED_TRACE(file + ":" + std::to_string(p.line) + ": " + p.title);
    for (const std::string& problem : p.problems) ADD_FAILURE() << file << ": " << problem;
    EXPECT_FALSE(p.runs.empty() && p.load_errors.empty()) << "a program that expects nothing";
    EXPECT_FALSE(!p.runs.empty() && !p.load_errors.empty()) << "a program both scored and refused";
    check_load_errors(p, file);
    if (p.runs.empty()) continue;
    const auto ruleset = load_ok(p.source, file);
    if (!ruleset) continue;
    for (const Scoring& run : p.runs) {
      SCOPED_TRACE(file + ":" + std::to_string(run.line) + ": " + (run.name.empty() ? p.title : run.name));
      const Scored s = score(ruleset, run.facts);
      for (const Expect& e : run.expects) check_expect(s, e);
    }
  }
}

std::string case_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& ch : name) {
    if (std::isalnum(static_cast<unsigned char>(ch)) == 0) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Language, LanguageFile, ::testing::ValuesIn(language_files()), case_name);

// The format itself: a program, its runs and a load error.
TEST(LanguageFileFormat, ReadsProgramsRunsAndErrors) {
  const auto programs = read_programs(
      "# opening comment\n### first\nruleset \"t\"\n# a b: given {\"x\": 1} expect I = 2 expect total = 2\n"
      "### second\n# expect error E0406 at 7:3\n");
  ASSERT_EQ(programs.size(), 2U);
  EXPECT_EQ(programs[0].title, "first");
  EXPECT_EQ(programs[0].source, "\n### first\nruleset \"t\"\n# a b: given {\"x\": 1} expect I = 2 expect total = 2\n");
  ASSERT_EQ(programs[0].runs.size(), 1U);
  EXPECT_EQ(programs[0].runs[0].name, "a b");
  EXPECT_EQ(programs[0].runs[0].facts, "{\"x\": 1}");
  EXPECT_EQ(programs[0].runs[0].line, 4U);
  ASSERT_EQ(programs[0].runs[0].expects.size(), 2U);
  EXPECT_EQ(programs[0].runs[0].expects[1].node, "total");
  EXPECT_EQ(programs[1].source, std::string(4, '\n') + "### second\n# expect error E0406 at 7:3\n");
  ASSERT_EQ(programs[1].load_errors.size(), 1U);
  EXPECT_EQ(programs[1].load_errors[0].code, "E0406");
  EXPECT_EQ(programs[1].load_errors[0].at, "7:3");
  EXPECT_TRUE(programs[1].problems.empty());
}

}  // namespace
}  // namespace rubric::testing
