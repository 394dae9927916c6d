// `rubric fmt`: the canonical layout of every construct, comments kept, the syntax tree kept,
// idempotence on every shipped file and every test program that parses, and the command's exit
// codes.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "dsl/ast_dump.hpp"
#include "dsl/parser.hpp"
#include "base/unicode.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

namespace fs = std::filesystem;

bool is_tests(const std::string& path) { return is_test_file(path); }

// The formatted text of [source]; the test fails when it cannot be formatted.
std::string formatted(const std::string& source, const std::string& path = "t.rubric") {
  const FormatResult result = format_source(std::make_shared<SourceFile>(path, source));
  EXPECT_TRUE(result.text.has_value()) << path << "\n" << render(result.diagnostics);
  return result.text.value_or("");
}

// The syntax tree of [source], as a canonical dump (spans left out).
std::string tree(const std::string& source, const std::string& path) {
  const auto file = std::make_shared<SourceFile>(path, source);
  const ParseResult parsed = is_tests(path) ? parse_tests(file) : parse(file);
  EXPECT_FALSE(parsed.diagnostics.has_errors()) << render(parsed.diagnostics);
  return parsed.ruleset ? ast::dump(*parsed.ruleset) : "";
}

// Every `#` comment of [source] in order, found independently of the formatter: a '#' outside a
// string starts one (the files tested have no '#' inside a test's JSON outside its strings).
std::vector<std::string> comments(const std::string& source) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (source[i] == '"') {
      for (++i; i < source.size() && source[i] != '"' && source[i] != '\n'; ++i) {
        if (source[i] == '\\') ++i;
      }
    } else if (source[i] == '#') {
      std::size_t end = source.find('\n', i);
      if (end == std::string::npos) end = source.size();
      std::string text = source.substr(i, end - i);
      while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\t')) text.pop_back();
      out.push_back(text);
      i = end;
    }
  }
  return out;
}

// Formatting [source] is idempotent and keeps its tree and its comments.
void expect_layout_only(const std::string& source, const std::string& path) {
  const std::string once = formatted(source, path);
  EXPECT_EQ(formatted(once, path), once) << path << ": formatting is not idempotent";
  EXPECT_EQ(tree(once, path), tree(source, path)) << path << ": the syntax tree changed";
  EXPECT_EQ(comments(once), comments(source)) << path << ": a comment was lost or changed";
}

TEST(Format, ShippedRulesetsAndTestFilesAreIdempotentAndKeepTreeAndComments) {
  const std::vector<std::string> files = rubric_files_below("rulesets");
  std::size_t tests = 0;
  for (const std::string& path : files) {
    const std::string source = read_text(path);  // a copy: the shipped file is never written
    expect_layout_only(source, path);
    tests += is_tests(path) ? 1 : 0;
  }
  EXPECT_GE(files.size(), 4U);
  EXPECT_GE(tests, 2U);
}

TEST(Format, EveryTestProgramThatParsesIsIdempotentAndKeepsItsTree) {
  // The golden-diagnostic and hostile-input programs: many only fail the checker, so they parse,
  // and they are written in many styles (tabs, CRLF, a BOM, odd spacing).
  std::size_t formatted_files = 0;
  for (const std::string folder : {"tests/diagnostics", "tests/bad-input"}) {
    for (const std::string& path : rubric_files_below(folder)) {
      const std::string source = read_text(path);
      const auto file = std::make_shared<SourceFile>(path, source);
      const ParseResult parsed = is_tests(path) ? parse_tests(file) : parse(file);
      if (parsed.diagnostics.has_errors()) {
        EXPECT_FALSE(format_source(file).text.has_value()) << path << ": a file with errors was formatted";
        continue;
      }
      expect_layout_only(source, path);
      ++formatted_files;
    }
  }
  EXPECT_GE(formatted_files, 30U);
}

const std::string kHeader = "ruleset \"r\" scheme s year 2024\n";

// ---- One construct's canonical layout per file: tests/format/ ---------------------------------
// Each NAME.rubric (NAME.test.rubric for a test file) beside NAME.formatted.rubric, what `rubric
// fmt` must make of it byte for byte (tests/format/README.md says what each file shows). To
// accept new output, run with RUBRIC_UPDATE_GOLDEN=1, then read every changed .formatted file.

std::vector<std::string> format_inputs() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fs::path(kSourceDir) / "tests/format")) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.ends_with(".rubric") && name.find(".formatted.") == std::string::npos) {
      names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// NAME.rubric → NAME.formatted.rubric, NAME.test.rubric → NAME.formatted.test.rubric.
std::string golden_name(const std::string& input) {
  const std::size_t dot = input.find('.');
  return input.substr(0, dot) + ".formatted" + input.substr(dot);
}

class FormatFile : public ::testing::TestWithParam<std::string> {};

TEST_P(FormatFile, Layout) {
  const std::string path = "tests/format/" + GetParam();
  const std::string golden = kSourceDir + "/tests/format/" + golden_name(GetParam());
  const std::string before = read_text(kSourceDir + "/" + path);
  const std::string got = formatted(before, path);
  if (const char* update = std::getenv("RUBRIC_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    std::ofstream(golden, std::ios::binary) << got;
  }
  const std::string after = read_text(golden);
  EXPECT_EQ(got, after) << path << " does not format to " << golden_name(GetParam());
  EXPECT_EQ(formatted(after, path), after) << "not idempotent";
  EXPECT_EQ(tree(after, path), tree(before, path)) << "the syntax tree changed";
  EXPECT_EQ(comments(after), comments(before)) << "a comment was lost or changed";
}

std::string format_case_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param.substr(0, info.param.find('.'));
}

INSTANTIATE_TEST_SUITE_P(Format, FormatFile, ::testing::ValuesIn(format_inputs()), format_case_name);

TEST(Format, KeepsEveryCommentWithItsTextWhereverItIs) {
  // Comments in every position the grammar allows whitespace, including inside expressions that
  // are printed on one line: each survives, in order, and nothing else is added.
  const std::string source = "# 1\n" + kHeader + R"(facts { # 2
  a : number # 3
    # 4
    "label" # 5
  # 6
}
define f(x, # 7
         y) = tiered x { # 8
  [0, 1) -> 0 # 9
  # 10
  [1, inf) -> # 11
    y
  # 12
}
let w = when a > 1 # 13
  -> 1 # 14
  otherwise # 15
  0
grade { 优 >= 90 # 16
  差 otherwise } # 17
# 18
)";
  const std::string out = formatted(source);
  const std::vector<std::string> kept = comments(out);
  ASSERT_EQ(kept.size(), 18U) << out;
  for (std::size_t i = 0; i < kept.size(); ++i) EXPECT_EQ(kept[i], "# " + std::to_string(i + 1)) << out;
  EXPECT_EQ(tree(out, "t.rubric"), tree(source, "t.rubric"));
  EXPECT_EQ(formatted(out), out);
  // A comment after code stays after that code.
  EXPECT_NE(out.find("  [0, 1)   -> 0  # 9\n"), std::string::npos) << out;
  EXPECT_NE(out.find("facts {  # 2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\n  优 >= 90  # 16\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\n}  # 17\n"), std::string::npos) << out;
}

TEST(Format, KeepsCommentsOutOfATestsJson) {
  // A '#' inside a test's JSON object is part of the JSON, not a comment; a comment swallowed by
  // a line that continues a JSON object goes below it, never into the object.
  const std::string source = R"(test "t" {
  given file "f.json" with # 1
    { "a": 1,
      "b": "#2" }
  case "c" with {
         "a": 2 } expect # 3
    甲 = 1 # 4
})";
  const std::string out = formatted(source, "t.test.rubric");
  EXPECT_EQ(out, R"(test "t" {
  # 1
  given file "f.json" with { "a": 1,
                             "b": "#2" }
  case "c" with {
         "a": 2 } expect 甲 = 1
  # 3
  # 4
}
)");
  EXPECT_EQ(formatted(out, "t.test.rubric"), out);
  EXPECT_EQ(tree(out, "t.test.rubric"), tree(source, "t.test.rubric"));
}

TEST(Format, KeepsTheSpellingOfLiterals) {
  const std::string source = kHeader + "let a = 0.50 + 100% + 1.0 * 007\nlet b = \"引号\\\"与\\\\反斜杠\" \"和 # 井号\"\n";
  EXPECT_EQ(formatted(source), source);
}

TEST(Format, AlignsChineseByDisplayWidth) {
  const std::string out = formatted(kHeader + "let j = judged s by level {\n达成 -> [0, 1]\nabc -> 0\n部分达成 -> (0, 1)\n}\n");
  std::vector<int> arrows;
  std::size_t from = 0;
  for (std::size_t at = out.find(" -> ", from); at != std::string::npos; at = out.find(" -> ", from)) {
    const std::size_t line = out.rfind('\n', at) + 1;
    arrows.push_back(unicode::display_width(std::string_view(out).substr(line, at - line)));
    from = at + 1;
  }
  ASSERT_EQ(arrows.size(), 3U) << out;
  EXPECT_EQ(arrows[0], arrows[1]) << out;
  EXPECT_EQ(arrows[1], arrows[2]) << out;
  EXPECT_EQ(arrows[0], 2 + 8) << out;  // two cells of indentation, then 部分达成 (four wide characters)
}

TEST(Format, RefusesAFileWithSyntaxErrors) {
  const FormatResult result =
      format_source(std::make_shared<SourceFile>("bad.rubric", kHeader + "let x = (1 +\nindicator a points 1 {}\n"));
  EXPECT_FALSE(result.text.has_value());
  EXPECT_TRUE(result.diagnostics.has_errors());
  EXPECT_NE(render(result.diagnostics).find("[E0002]"), std::string::npos);
}

TEST(Format, TellsTestFilesFromRulesetsOnStdin) {
  EXPECT_EQ(formatted("test \"t\" { expect total = 1 }", "<stdin>"), "test \"t\" {\n  expect total = 1\n}\n");
  EXPECT_EQ(formatted("# x\nruleset \"r\" scheme s year 2024", "<stdin>"), "# x\n" + kHeader);
}

// ---- The command ---------------------------------------------------------------------------

struct TempDir {
  fs::path path;
  TempDir() {
    static int counter = 0;
    path = fs::temp_directory_path() / ("rubric_fmt_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {
    const fs::path file = path / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
  }
};

TEST(FmtCommand, CheckExitCodesAndRewriteInPlace) {
  TempDir dir;
  const std::string messy = dir.write("a.rubric", kHeader + "let x = 1+2\n");
  const std::string tidy = dir.write("b.rubric", kHeader + "let x = 1 + 2\n");

  CliResult r = run_cli("fmt --check '" + tidy + "'");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "");

  r = run_cli("fmt --check '" + messy + "' '" + tidy + "'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find(messy + ": not formatted"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("-let x = 1+2\n+let x = 1 + 2\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(tidy), std::string::npos) << r.out;
  EXPECT_EQ(read_text(messy), kHeader + "let x = 1+2\n") << "--check changed the file";

  r = run_cli("fmt '" + messy + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_text(messy), kHeader + "let x = 1 + 2\n");
  EXPECT_EQ(run_cli("fmt --check '" + dir.path.string() + "'").exit_code, 0);
}

TEST(FmtCommand, LeavesAFileWithSyntaxErrorsUntouched) {
  TempDir dir;
  const std::string broken = kHeader + "let x = (1 +\n";
  const std::string path = dir.write("bad.rubric", broken);
  const CliResult r = run_cli("fmt '" + path + "'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.rubric:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[E0002]"), std::string::npos) << r.err;
  EXPECT_EQ(read_text(path), broken);
}

TEST(FmtCommand, ReadsStdinAndWritesStdout) {
  TempDir dir;
  const std::string input = dir.write("in.txt", "test \"t\" { expect total == 1 }");
  const CliResult r = run_cli("fmt - < '" + input + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "test \"t\" {\n  expect total = 1\n}\n");
}

TEST(FmtCommand, FormattedRulesetsStillPassTheirTests) {
  // A copy of rulesets/ formatted by the command: it checks clean, its tests give the same
  // results, and a second run changes nothing.
  TempDir dir;
  fs::copy(kSourceDir + "/rulesets", dir.path / "rulesets", fs::copy_options::recursive);
  const std::string copy = (dir.path / "rulesets").string();
  const CliResult before = run_cli("test '" + copy + "'");
  ASSERT_EQ(before.exit_code, 0) << before.out << before.err;
  const CliResult fmt_run = run_cli("fmt '" + copy + "'");
  ASSERT_EQ(fmt_run.exit_code, 0) << fmt_run.err;
  const CliResult check = run_cli("fmt --check '" + copy + "'");
  EXPECT_EQ(check.exit_code, 0) << check.out;
  const CliResult after = run_cli("test '" + copy + "'");
  EXPECT_EQ(after.exit_code, 0) << after.out << after.err;
  EXPECT_EQ(after.out, before.out);
  for (const std::string& path : rubric_files_below("rulesets")) {
    if (is_tests(path)) continue;
    const std::string relative = fs::relative(path, kSourceDir).string();
    const CliResult checked = run_cli("check '" + (dir.path / relative).string() + "'");
    EXPECT_EQ(checked.exit_code, 0) << relative << "\n" << checked.err;
  }
}

}  // namespace
}  // namespace rubric::testing
