// Rubric in Chinese keywords (docs/language.md, "Keywords in Chinese"): a file's header chooses
// its set; `rubric fmt --keywords zh|en` converts either way without loss; the Chinese Guangzhou
// rulesets are generated from the English ones and score every example as they do.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "dsl/format.hpp"
#include "dsl/keywords.hpp"
#include "dsl/parser.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> formatted(const std::string& text, const std::string& path, std::optional<KeywordSet> to,
                                     std::string* errors = nullptr) {
  const FormatResult result = format_source(std::make_shared<SourceFile>(path, text), SourceKind::Auto, to);
  if (errors != nullptr) *errors = render(result.diagnostics, false);
  return result.text;
}

TEST(Keywords, EveryFileGoesToChineseAndBackByteForByte) {
  std::size_t converted = 0;
  std::size_t clashes = 0;
  for (const std::string folder : {"rulesets", "tests/language", "tests/format", "tests/fixtures", "tests/diagnostics",
                                   "tests/bad-input"}) {
    for (const std::string& path : rubric_files_below(folder)) {
      const auto english = formatted(read_text(path), path, KeywordSet::En);
      if (!english) continue;  // a program with syntax errors (tests/bad-input)
      std::string errors;
      const auto chinese = formatted(*english, path, KeywordSet::Zh, &errors);
      if (!chinese) {
        // Only a name that is a Chinese keyword may stop the conversion, never an internal error:
        // the hostile-input programs name an indicator 指标.
        EXPECT_NE(errors.find("'指标' is a keyword in Chinese"), std::string::npos) << path << "\n" << errors;
        EXPECT_NE(path.find("tests/bad-input/"), std::string::npos) << path << "\n" << errors;
        ++clashes;
        continue;
      }
      EXPECT_EQ(detect_keywords(*chinese), KeywordSet::Zh) << path;
      EXPECT_EQ(formatted(*chinese, path, std::nullopt), chinese) << path << ": the Chinese text is not formatted";
      EXPECT_EQ(formatted(*chinese, path, KeywordSet::En), english) << path << ": back in English it differs";
      ++converted;
    }
  }
  EXPECT_GE(converted, 100u);
  EXPECT_LE(clashes, 15u);
}

TEST(Keywords, TheChineseGuangzhouRulesetsAreGeneratedFromTheEnglishOnes) {
  for (const std::string year : {"2021", "2023"}) {
    const std::string english = kSourceDir + "/rulesets/guangzhou/" + year + ".rubric";
    const auto chinese = formatted(read_text(english), english, KeywordSet::Zh);
    ASSERT_TRUE(chinese) << english;
    const std::string expected = "# 本文件由 scripts/make-zh-rulesets 从 ../" + year +
                                 ".rubric 生成（rubric fmt --keywords zh），请勿手改：修改英文版后重新生成。\n" + *chinese;
    EXPECT_EQ(read_text(kSourceDir + "/rulesets/guangzhou/zh/" + year + ".rubric"), expected)
        << "rulesets/guangzhou/zh/" << year << ".rubric is not what bash scripts/make-zh-rulesets writes";
  }
}

// The 自评表 of `rubric score` as CSV: every score, claimed score, basis and evidence.
std::string scored_table(const std::string& ruleset, const std::string& facts) {
  const CliResult r = run_cli("score --format csv " + ruleset + " " + facts);
  EXPECT_EQ(r.exit_code, 0) << ruleset << " " << facts << "\n" << r.err;
  return r.out;
}

TEST(Keywords, TheChineseRulesetsScoreEveryExampleAsTheEnglishOnes) {
  for (const auto& [year, facts] : {std::pair<std::string, std::string>{"2021", "guangzhou-internet-court-2021.json"},
                                    {"2023", "guangzhou-internet-court-2023.json"}}) {
    const std::string example = "rulesets/guangzhou/examples/" + facts;
    const std::string english = scored_table("rulesets/guangzhou/" + year + ".rubric", example);
    EXPECT_NE(english.find("评分依据"), std::string::npos) << english;
    EXPECT_EQ(scored_table("rulesets/guangzhou/zh/" + year + ".rubric", example), english) << year;
  }
  // Every department of the 2023 batch, by the compiled plan: the results files are the same.
  const fs::path dir = fs::temp_directory_path() / ("rubric_keywords_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string results[2];
  for (int i = 0; i < 2; ++i) {
    const std::string ruleset = i == 0 ? "rulesets/guangzhou/2023.rubric" : "rulesets/guangzhou/zh/2023.rubric";
    const std::string out = (dir / (std::to_string(i) + ".csv")).string();
    const CliResult r = run_cli("batch " + ruleset + " rulesets/guangzhou/examples/departments-2023.csv -o " + out);
    EXPECT_LE(r.exit_code, 3) << r.err;
    results[i] = read_text(out);
  }
  fs::remove_all(dir);
  EXPECT_GT(std::count(results[0].begin(), results[0].end(), '\n'), 5);
  EXPECT_EQ(results[1], results[0]);
}

TEST(Keywords, TheHeaderChoosesTheSetAndTheOtherSetsWordsAreNames) {
  // In a Chinese file `points` and `score` are names; in an English one 分值 and 评分 are.
  const auto zh = load_ok(R"(规则集 "中文" 方案 t 年度 2024
填报 { points : 数值 在 [0, 10] "得分点"  score : 是否 }
指标 甲 分值 10 { 评分 当 score -> 最小(points, 分值) 否则 0 }
等级 { 优 >= 9; 差 否则 }
)");
  ASSERT_TRUE(zh);
  EXPECT_EQ(*score(zh, R"({"points": 7, "score": true})").evaluation.total, dec("7"));
  const auto en = load_ok(R"(ruleset "英文" scheme t year 2024
facts { 分值 : number in [0, 10]  评分 : bool }
indicator 甲 points 10 { score when 评分 -> min(分值, points) otherwise 0 }
grade { 优 >= 9; 差 otherwise }
)");
  ASSERT_TRUE(en);
  EXPECT_EQ(*score(en, R"({"分值": 7, "评分": true})").evaluation.total, dec("7"));
}

TEST(Keywords, ABuiltInsChineseNameIsTheBuiltIn) {
  // 最小 is min and 本年平均 is year_mean in every file; a function of the ruleset cannot take a
  // built-in's name in either set (E0212), so a call never reaches the other one.
  EXPECT_EQ(*score(load_ok(R"(规则集 "中文" 方案 t 年度 2024
填报 { x : 数值 在 [-10, 10] }
指标 甲 分值 10 { 评分 最小(绝对值(x), 向下取整(7.5), 分值) }
等级 { 优 >= 9; 差 否则 }
)"),
                   R"({"x": -6.5})")
                 .evaluation.total,
            dec("6.5"));
  const std::string text = diagnostics_of(R"(规则集 "中文" 方案 t 年度 2024
填报 { x : 数值 在 [0, 10] }
定义 级数(v) = v * 2
指标 甲 分值 10 { 评分 最小(级数(x), 分值) }
等级 { 优 >= 9; 差 否则 }
)");
  EXPECT_NE(text.find("test.rubric:3:4: error: '级数' is a built-in function and cannot be redefined [E0212]"),
            std::string::npos)
      << text;
}

TEST(Keywords, ANameThatIsAKeywordInTheOtherSetStopsTheConversion) {
  std::string errors;
  const auto out = formatted("ruleset \"r\" scheme t year 2024\nfacts { 分值 : number }\nindicator 甲 points 5 { score 分值 }\n"
                             "grade { 优 >= 4; 差 otherwise }\n",
                             "r.rubric", KeywordSet::Zh, &errors);
  EXPECT_FALSE(out);
  EXPECT_NE(errors.find("r.rubric:2:9: error: '分值' is a keyword in Chinese: the file cannot be written in Chinese "
                        "keywords while a name is '分值' [E0024]"),
            std::string::npos)
      << errors;
}

TEST(Keywords, FullWidthPunctuationIsReadInAChineseFileAndWrittenHalfWidth) {
  const std::string text = "规则集 \"全角\" 方案 t 年度 2024\n填报 {\n  执行率：百分比 在 [0，100%] \"执行率\"\n}\n"
                           "指标 甲 分值 10 {\n  评分 最小（分档 执行率 { [0，60%） -> 0  [60%，100%] -> 执行率 * 分值 }，分值）\n}\n"
                           "等级 { 优 >= 9；差 否则 }\n";
  const Scored s = score(load_ok(text), R"({"执行率": "90%"})");
  ASSERT_TRUE(s.evaluation.total) << s.errors;
  EXPECT_EQ(*s.evaluation.total, dec("9"));
  EXPECT_EQ(formatted(text, "t.rubric", std::nullopt),
            "规则集 \"全角\" 方案 t 年度 2024\n填报 {\n  执行率 : 百分比 在 [0, 100%] \"执行率\"\n}\n指标 甲 分值 10 {\n"
            "  评分 最小(分档 执行率 {\n    [0, 60%)    -> 0\n    [60%, 100%] -> 执行率 * 分值\n  }, 分值)\n}\n"
            "等级 { 优 >= 9; 差 否则 }\n");
  // In an English file they stay what they were: a syntax error with the half-width to write.
  EXPECT_NE(diagnostics_of("ruleset \"r\" scheme t year 2024\nfacts { x：number }\n").find("'：' is a full-width colon"),
            std::string::npos);
}

TEST(Keywords, TheGuidesExampleChecksAndScores) {
  // docs/language.md, "Keywords in Chinese": the first code block of the section.
  const std::string doc = read_text(kSourceDir + "/docs/language.md");
  const std::size_t section = doc.find("## Keywords in Chinese");
  ASSERT_NE(section, std::string::npos);
  const std::size_t open = doc.find("```\n", section) + 4;
  const std::string example = doc.substr(open, doc.find("```\n", open) - open);
  ASSERT_EQ(example.rfind("规则集", 0), 0u) << example;
  EXPECT_EQ(formatted(example, "doc.rubric", std::nullopt), example) << "the example is not formatted";
  const Scored s = score(load_ok(example, "doc.rubric"), R"({"执行率": "95%", "审计问题数": 3})");
  ASSERT_TRUE(s.evaluation.total) << s.errors;
  EXPECT_EQ(*s.evaluation.total, dec("11"));
}

}  // namespace
}  // namespace rubric::testing
