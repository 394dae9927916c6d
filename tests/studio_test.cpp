// The studio's analysis (studio/document.hpp) and the language server's messages
// (studio/lsp.hpp), without a process; tests/lsp/ speaks to `rubric lsp` over its pipes.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "studio/document.hpp"
#include "studio/lsp.hpp"
#include "support.hpp"

namespace rubric::studio {
namespace {

using nlohmann::json;

const std::string kRuleset = R"(ruleset "示例" scheme demo year 2024
facts {
  rate : percent "预算执行率" in [0%, 200%]
  issues : count "问题数" default 0
}
define capped(x) = min(x, 100%)
section 履职 points 10 {
  indicator 执行率 points 10 {
    let r "执行率" = capped(rate)
    score r * points
  }
}
grade { 优 >= 9; 差 otherwise }
)";

std::uint32_t at(const Document& d, const std::string& needle, std::size_t nth = 0) {
  std::size_t i = d.text().find(needle);
  while (nth-- > 0) i = d.text().find(needle, i + 1);
  EXPECT_NE(i, std::string::npos) << needle;
  return static_cast<std::uint32_t>(i);
}

TEST(Studio, PositionsCountUtf16CodeUnits) {
  // 𠀀 (U+20000) is four bytes of UTF-8 and two code units of UTF-16; 中 three bytes and one.
  const Document d("/x.rubric", "ab\n中𠀀x\n");
  EXPECT_EQ(d.position(3), (Position{1, 0}));
  EXPECT_EQ(d.position(6), (Position{1, 1}));
  EXPECT_EQ(d.position(10), (Position{1, 3}));
  EXPECT_EQ(d.offset({1, 3}), 10u);
  EXPECT_EQ(d.offset({1, 99}), 11u);   // past the end of its line: the line's end
  EXPECT_EQ(d.offset({9, 0}), 12u);    // past the last line: the end of the text
}

// A name the base declares: go to definition leads into the base's file (the extending file
// adds an indicator that reads the base's fact and calls its function).
TEST(Studio, DefinitionLeadsIntoTheBaseARulesetExtends) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("rubric-studio-base-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream base(dir / "2023.rubric", std::ios::binary);
    base << kRuleset;
  }
  const std::string text =
      "ruleset \"示例\" scheme demo year 2025 extends \"2023.rubric\"\n"
      "override section 履职 points 20\n"
      "add in 履职 indicator 问题 points 10 { score capped(issues / 10) * points }\n";
  const Document d((dir / "2025.rubric").string(), text);
  ASSERT_TRUE(d.checked()) << render(d.diagnostics(), false);
  EXPECT_FALSE(definition(d, at(d, "issues")));  // not declared in this file
  const std::optional<Elsewhere> fact = definition_in_base(d, at(d, "issues"));
  ASSERT_TRUE(fact);
  EXPECT_EQ(fact->file->path(), (dir / "2023.rubric").string());
  EXPECT_EQ(fact->file->slice(fact->span), "issues");
  EXPECT_EQ(position_in(*fact->file, fact->span.begin), (Position{3, 2}));
  const std::optional<Elsewhere> function = definition_in_base(d, at(d, "capped"));
  ASSERT_TRUE(function);
  EXPECT_EQ(position_in(*function->file, function->span.begin), (Position{5, 7}));
  EXPECT_FALSE(definition_in_base(d, at(d, "points")));
  std::filesystem::remove_all(dir);
}

TEST(Studio, HoverAndDefinitionFindEveryKindOfName) {
  const Document d("/x.rubric", kRuleset);
  ASSERT_FALSE(d.diagnostics().has_errors());
  const std::optional<Hover> fact = hover(d, at(d, "rate)") + 1);
  ASSERT_TRUE(fact);
  EXPECT_NE(fact->markdown.find("预算执行率"), std::string::npos) << fact->markdown;
  EXPECT_NE(fact->markdown.find("[0%, 200%]"), std::string::npos) << fact->markdown;
  EXPECT_EQ(definition(d, at(d, "rate)"))->begin, at(d, "rate :"));
  // A let, a function, its parameter, an indicator.
  EXPECT_EQ(definition(d, at(d, "r * points"))->begin, at(d, "r \"执行率\""));
  EXPECT_EQ(definition(d, at(d, "capped(rate)"))->begin, at(d, "capped(x)"));
  EXPECT_EQ(definition(d, at(d, "x, 100%"))->begin, at(d, "x) ="));
  const std::optional<Hover> indicator = hover(d, at(d, "执行率 points") + 3);
  ASSERT_TRUE(indicator);
  EXPECT_NE(indicator->markdown.find("10"), std::string::npos);
  // A built-in, and a keyword (nothing to say).
  EXPECT_NE(hover(d, at(d, "min("))->markdown.find("min(a, b, …)"), std::string::npos);
  EXPECT_FALSE(hover(d, at(d, "score")));
  EXPECT_FALSE(definition(d, at(d, "score")));
}

TEST(Studio, WorksOnATextWithErrors) {
  std::string text = kRuleset;
  text.replace(text.find("capped(rate)"), 12, "capped(rat)");
  const Document d("/x.rubric", text);
  ASSERT_TRUE(d.diagnostics().has_errors());
  EXPECT_EQ(d.checked(), nullptr);
  EXPECT_EQ(definition(d, at(d, "capped(rat)"))->begin, at(d, "capped(x)"));
  const Diagnostic& unknown = d.diagnostics().items().at(0);
  EXPECT_EQ(unknown.code, "E0201");
  const std::optional<Fix> f = fix(d, unknown);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->replacement, "rate");
  EXPECT_EQ(f->span.begin, at(d, "rat)"));
  EXPECT_EQ(f->span.end, at(d, "rat)") + 3);
}

TEST(Studio, AFileOfTestsIsReadAsOne) {
  const Document tests("/r/2024.test.rubric", "test \"t\" {\n  given {\"rate\": \"90%\"}\n  case \"c\"\n    expect total = 9\n}\n");
  EXPECT_TRUE(tests.diagnostics().empty()) << render(tests.diagnostics());
  ASSERT_EQ(symbols(tests).size(), 1u);
  EXPECT_EQ(symbols(tests)[0].name, "t");
  const Document broken("/r/2024.test.rubric", "test \"t\" {\n  case\n}\n");
  EXPECT_TRUE(broken.diagnostics().has_errors());
}

TEST(Studio, SymbolsAreTheIndicatorTreeThenFactsAndFunctions) {
  const Document d("/x.rubric", kRuleset);
  const std::vector<Symbol> list = symbols(d);
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0].name, "履职");
  ASSERT_EQ(list[0].children.size(), 1u);
  EXPECT_EQ(list[0].children[0].name, "执行率");
  EXPECT_EQ(list[1].name, "rate");
  EXPECT_EQ(list[3].name, "capped");
}

TEST(Studio, CompletionOffersWhatIsInScopeAndTheFilesKeywords) {
  const Document d("/x.rubric", kRuleset);
  std::set<std::string> labels;
  for (const Completion& c : completions(d, at(d, "r * points"))) labels.insert(c.label);
  for (const char* expected : {"r", "rate", "issues", "capped", "min", "score", "deduct"}) EXPECT_TRUE(labels.count(expected)) << expected;
  EXPECT_FALSE(labels.count("x"));  // the parameter of another function
  EXPECT_FALSE(labels.count("扣"));  // the other set's words
}

TEST(Studio, UrisArePaths) {
  EXPECT_EQ(path_of_uri("file:///rulesets/2023%20%E8%A7%84%E5%88%99.rubric"), "/rulesets/2023 规则.rubric");
  EXPECT_EQ(path_of_uri("file://localhost/tmp/x.rubric"), "/tmp/x.rubric");
  EXPECT_EQ(path_of_uri("untitled:Untitled-1"), "untitled:Untitled-1");
}

std::vector<json> send(LanguageServer& server, const json& message) {
  std::vector<json> out;
  server.handle(message.dump(), out);
  return out;
}

TEST(LanguageServer, AnswersEachMessageAndNeverThrows) {
  LanguageServer server;
  EXPECT_EQ(send(server, {{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", json::object()}})[0]["id"], 1);
  const std::vector<json> opened =
      send(server, {{"jsonrpc", "2.0"},
                    {"method", "textDocument/didOpen"},
                    {"params", {{"textDocument", {{"uri", "file:///x.rubric"}, {"text", kRuleset}}}}}});
  ASSERT_EQ(opened.size(), 1u);
  EXPECT_EQ(opened[0]["method"], "textDocument/publishDiagnostics");
  // The checker's warnings are diagnostics too: `issues` is declared and never read.
  ASSERT_EQ(opened[0]["params"]["diagnostics"].size(), 1u) << opened[0];
  EXPECT_EQ(opened[0]["params"]["diagnostics"][0]["code"], "W0102");
  EXPECT_EQ(opened[0]["params"]["diagnostics"][0]["range"]["start"], (json{{"line", 3}, {"character", 2}}));
  // Wrong shapes of every part: an error each time, never an exception.
  for (const json& params : {json(nullptr), json::array(), json{{"textDocument", 1}}, json{{"textDocument", {{"uri", 2}}}},
                             json{{"textDocument", {{"uri", "file:///x.rubric"}}}, {"position", "0:0"}}}) {
    const std::vector<json> out = send(server, {{"jsonrpc", "2.0"}, {"id", 2}, {"method", "textDocument/hover"}, {"params", params}});
    ASSERT_EQ(out.size(), 1u) << params;
    EXPECT_EQ(out[0]["error"]["code"], -32602) << params;
  }
  std::vector<json> out;
  server.handle(std::string("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"\xff\"}}}"), out);
  EXPECT_EQ(out.at(0)["error"]["code"], -32700);
  EXPECT_FALSE(server.exited());
}

}  // namespace
}  // namespace rubric::studio
