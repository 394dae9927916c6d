// `rubric fmt`: the canonical layout of every construct, comments kept, the syntax tree kept,
// idempotence on every shipped file and every test program that parses, and the command's exit
// codes.
#include <algorithm>
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

std::vector<std::string> rubric_files_below(const std::string& folder) {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(kSourceDir + "/" + folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".rubric") out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
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

struct Case {
  const char* name;
  std::string before;
  std::string after;
  std::string path = "t.rubric";
};

const std::string kHeader = "ruleset \"r\" scheme s year 2024\n";

// One small before/after case per construct.
std::vector<Case> cases() {
  return {
      {"header, total, rounding",
       "ruleset   \"r\"  scheme s   year 2024   extends  \"base.rubric\"\ntotal  100\nrounding 2   half_up",
       "ruleset \"r\" scheme s year 2024 extends \"base.rubric\"\ntotal 100\nrounding 2 half_up\n"},
      {"facts: aligned colons, options in order, a record over several lines",
       kHeader + R"(facts {
a : number "甲"
long_name : percent   in [0,100%]   default 50%   unit "分"

kind : enum {A,"B b"}   "种类"
rows : list of {
name: text,
  w: number in [0, inf)
}
"行"
flat : list of {x:number,y:list of percent}
})",
       kHeader + R"(facts {
  a         : number "甲"
  long_name : percent in [0, 100%] default 50% unit "分"

  kind : enum { A, "B b" } "种类"
  rows : list of {
      name: text,
      w: number in [0, inf)
    }
    "行"
  flat : list of { x: number, y: list of percent }
}
)"},
      {"define and tiered: the arrows in one column",
       kHeader + "define completion(rate,pts) = tiered rate {\n[0, 60%) -> 0\n[60%,100%)->rate*pts\n(150%, inf) -> pts / 2\n}",
       kHeader + R"(define completion(rate, pts) = tiered rate {
  [0, 60%)    -> 0
  [60%, 100%) -> rate * pts
  (150%, inf) -> pts / 2
}
)"},
      {"brackets: otherwise unpadded",
       kHeader + "let b = brackets rate { <= 10% -> 2 <= 100% -> 1 otherwise -> 0 }",
       kHeader + R"(let b = brackets rate {
  <= 10%  -> 2
  <= 100% -> 1
  otherwise -> 0
}
)"},
      {"when: on one line, or one arm per line as written",
       kHeader + "let inline = when a > 1 -> 2 when a > 0 -> 1 otherwise 0\n"
                 "let vertical = when not ok -> 0\n    otherwise sum(o in outputs: o.w)",
       kHeader + R"(let inline = when a > 1 -> 2 when a > 0 -> 1 otherwise 0
let vertical = when not ok -> 0
               otherwise sum(o in outputs: o.w)
)"},
      {"deduct: on one line, or one deduction per line with per/when aligned",
       kHeader + "let one = deduct 0.5   per a until zero\n"
                 "let many = deduct 0.5 per a\n  deduct 1 per b  deduct 0.25 when c\n  from 10 until 2",
       kHeader + R"(let one = deduct 0.5 per a until zero
let many = deduct 0.5  per a
           deduct 1    per b
           deduct 0.25 when c
           from 10
           until 2
)"},
      {"weighted and judged: aligned by display width, a fixed-value band",
       kHeader + "let w = weighted {\n  30% \"监控预警处理\" -> a\n  70% -> b\n}\n"
                 "let j = judged s by level {\n达成 -> [80% * w, w]\n\"部分 达成\" -> [60% * w, 80% * w)\n未出台 -> 0\n}",
       kHeader + R"(let w = weighted {
  30% "监控预警处理" -> a
  70%                -> b
}
let j = judged s by level {
  达成        -> [80% * w, w]
  "部分 达成" -> [60% * w, 80% * w)
  未出台      -> 0
}
)"},
      {"expressions: spacing, parentheses kept, a line break before an operator kept",
       kHeader + "let a = -x+(y-z)*2/ -w\nlet b = not a>=1 and(c!=2 or d<3)\n"
                 "let c = mean(m in months where m.ok:min(m.v,100%)).x\nlet d = count(items)+ max( 1 ,2,3 )\n"
                 "let e = first\n      + second * third\n  - fourth",
       kHeader + R"(let a = -x + (y - z) * 2 / -w
let b = not a >= 1 and (c != 2 or d < 3)
let c = mean(m in months where m.ok: min(m.v, 100%)).x
let d = count(items) + max(1, 2, 3)
let e = first
      + second * third
      - fourth
)"},
      {"sections and indicators: every line, split strings under the first",
       kHeader + R"(section   一   points  60 {
let s = 1
indicator 甲 points 30 {
explain   "解释"
standard "一、"
  "二、"   "三、"
evidence "甲",   "乙"
rounding 1 half_up
let x = 2
score x * points
}
indicator "乙 b" points -5 to 5 { score 0 }
})",
       kHeader + R"(section 一 points 60 {
  let s = 1
  indicator 甲 points 30 {
    explain "解释"
    standard "一、"
             "二、" "三、"
    evidence "甲", "乙"
    rounding 1 half_up
    let x = 2
    score x * points
  }
  indicator "乙 b" points -5 to 5 {
    score 0
  }
}
)"},
      {"grade on one line", kHeader + "grade {   优 >= 90 ;良>=80;差 otherwise;   }",
       kHeader + "grade { 优 >= 90; 良 >= 80; 差 otherwise }\n"},
      {"grade over several lines", kHeader + "grade {\n  优秀 >= 90\n  良 >= 80; 差 otherwise\n}",
       kHeader + "grade {\n  优秀 >= 90\n  良   >= 80\n  差   otherwise\n}\n"},
      {"extends: override, points override, remove, add",
       "ruleset \"r\" scheme s year 2025 extends \"2024.rubric\"\noverride indicator 甲 points 1 { score points }\n"
       "override   section 一 points   9\nremove   \"乙 b\"\nadd in 二 indicator 新 points 1 { score points }\n"
       "add section 三 points 0 { }",
       R"(ruleset "r" scheme s year 2025 extends "2024.rubric"
override indicator 甲 points 1 {
  score points
}
override section 一 points 9
remove "乙 b"
add in 二 indicator 新 points 1 {
  score points
}
add section 三 points 0 {}
)"},
      {"tests: given, JSON kept and moved, table rows, every expect form",
       R"(test "表" {
    given file "facts.json" with {"a": 1,
                                  "b": 2}
  expect total == 95.99
  expect grade = 优
  case "零" expect 结转结余率 = 2
  case "超过10%" with { "c": 800 }  expect 结转结余率 = 1
     expect 甲 = -1.5
  case "负数" with { "d": -1 }
  expect error E0604
  case "错" expect "乙 b" error E0702
}
test "inline" { given { "rate": "75%" } expect 完成率 = 1.5 })",
       R"(test "表" {
  given file "facts.json" with {"a": 1,
                                "b": 2}
  expect total = 95.99
  expect grade = 优
  case "零" expect 结转结余率 = 2
  case "超过10%" with { "c": 800 } expect 结转结余率 = 1
    expect 甲 = -1.5
  case "负数" with { "d": -1 }
    expect error E0604
  case "错" expect "乙 b" error E0702
}
test "inline" {
  given { "rate": "75%" }
  expect 完成率 = 1.5
}
)",
       "t.test.rubric"},
      {"comments: above, at the end of lines, inside blocks, blank lines collapsed",
       "# 文件开头\n\n\n" + kHeader.substr(0, kHeader.size() - 1) + R"(   # 头
# 事实之前

facts {

  # 第一个事实
  a : number  # 甲


  b : number
  # 块末注释
}
let x = min(a,   # 内部
            b)
section 一 points 1 {  # 节
  indicator 甲 points 1 {
    score x  # 分
  }


}
# 文件结尾)",
       "# 文件开头\n\n" + kHeader.substr(0, kHeader.size() - 1) + R"(  # 头
# 事实之前

facts {
  # 第一个事实
  a : number  # 甲

  b : number
  # 块末注释
}
let x = min(a, b)      # 内部
section 一 points 1 {  # 节
  indicator 甲 points 1 {
    score x  # 分
  }
}
# 文件结尾
)"},
      {"line ends and byte-order mark", "\xEF\xBB\xBFruleset \"r\" scheme s year 2024\r\ntotal 1\r\n# 注释\r\n",
       "ruleset \"r\" scheme s year 2024\ntotal 1\n# 注释\n"},
  };
}

TEST(Format, EachConstructHasItsCanonicalLayout) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(formatted(c.before, c.path), c.after);
    EXPECT_EQ(formatted(c.after, c.path), c.after) << "not idempotent";
    EXPECT_EQ(tree(c.after, c.path), tree(c.before, c.path)) << "the syntax tree changed";
    EXPECT_EQ(comments(c.after), comments(c.before)) << "a comment was lost or changed";
  }
}

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
