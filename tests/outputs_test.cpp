// Outputs that other programs open (issue [7], classes C and D): JSON that is always UTF-8 and
// never confuses a string with an exact number, CSV text cells safe from formula injection,
// terminal text with its control characters shown, XML text without the characters XML forbids,
// and a batch whose worker meets an exception.
#include <filesystem>
#include <fstream>
#include <new>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "base/unicode.hpp"
#include "interpreter/batch/batch.hpp"
#include "base/csv_cell.hpp"
#include "base/json_text.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

using nlohmann::ordered_json;
namespace fs = std::filesystem;

// ---- JSON ------------------------------------------------------------------------------------

TEST(JsonText, LayoutIsNlohmannsForEveryKindOfValue) {
  // The serializer replaced nlohmann's dump(): every golden JSON output depends on the layout
  // staying byte for byte the same.
  ordered_json j;
  j["name"] = "部门 \"甲\" \\ \t\n\r\b\f \x01\x1f\x7f";
  j["int"] = -3;
  j["unsigned"] = 4u;
  j["float"] = 12.5;
  j["yes"] = true;
  j["none"] = nullptr;
  j["empty_object"] = ordered_json::object();
  j["empty_array"] = ordered_json::array();
  j["list"] = {1, "二", ordered_json::array({ordered_json::object({{"k", "v"}})})};
  EXPECT_EQ(json::dump(j, 2), j.dump(2));
  EXPECT_EQ(json::dump(j, -1), j.dump());
  EXPECT_EQ(json::dump(j, 4), j.dump(4));
}

TEST(JsonText, ExactDecimalsAreNumbersAndNoStringBecomesOne) {
  ordered_json j;
  j["total"] = json::exact(*Decimal::parse("95.990"));
  j["negative"] = json::exact(*Decimal::parse("-0.5"));
  // A user's string that starts with the old marker (U+0001) and holds digits stays a string.
  j["department"] = "\x01" "95.99";
  j["marker_only"] = "\x01";
  j["quote_after_marker"] = "\x01\"";
  EXPECT_EQ(json::dump(j, -1), "{\"total\":95.99,\"negative\":-0.5,\"department\":\"\\u000195.99\","
                               "\"marker_only\":\"\\u0001\",\"quote_after_marker\":\"\\u0001\\\"\"}");
  const auto back = nlohmann::json::parse(json::dump(j, 2));
  EXPECT_TRUE(back["total"].is_number());
  EXPECT_TRUE(back["department"].is_string());
  EXPECT_EQ(back["department"].get<std::string>(), "\x01" "95.99");
}

TEST(JsonText, BytesThatAreNotUtf8AreWrittenAsReplacementCharacters) {
  // A GBK file name (部门.json is B2 BF C3 C5 .json in GBK), a lone continuation byte, a truncated
  // sequence, an overlong '/', a surrogate: each byte that is not UTF-8 is one U+FFFD.
  ordered_json j;
  j["gbk"] = "\xb2\xbf\xc3\xc5.json";
  j["lone"] = "a\x80z";
  j["truncated"] = "\xe9\x83";
  j["overlong"] = "\xc0\xaf";
  j["surrogate"] = "\xed\xa0\x80";
  j["\xff key"] = "valid 部门";
  const std::string text = json::dump(j, -1);
  EXPECT_TRUE(unicode::is_valid_utf8(text));
  EXPECT_EQ(text,
            "{\"gbk\":\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD.json\",\"lone\":\"a\xEF\xBF\xBDz\","
            "\"truncated\":\"\xEF\xBF\xBD\xEF\xBF\xBD\",\"overlong\":\"\xEF\xBF\xBD\xEF\xBF\xBD\","
            "\"surrogate\":\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\",\"\xEF\xBF\xBD key\":\"valid 部门\"}");
  EXPECT_TRUE(nlohmann::json::accept(text));
}

// ---- CSV text cells --------------------------------------------------------------------------

TEST(CsvCell, FormulaStartsAreNeutralisedAndRecoverable) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"=HYPERLINK(\"http://x\",\"点此\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"点此\"\")\""},
      {"+1+2", "\"'+1+2\""},
      {"-2+3", "\"'-2+3\""},
      {"@SUM(A1:A9)", "\"'@SUM(A1:A9)\""},
      {"\t=1+1", "\"'\t=1+1\""},
      {"\r=1+1", "\"'\r=1+1\""},
      {"'quoted", "\"''quoted\""},
      {"-", "\"'-\""},
      {"-3.5", "-3.5"},    // a number stays a number
      {"+2", "+2"},
      {"-5%", "-5%"},
      {"部门=1", "部门=1"},  // only the start matters
      {"a,b", "\"a,b\""},
      {"", ""},
  };
  for (const auto& [text, cell] : cases) {
    EXPECT_EQ(csv_text(text), cell) << text;
    // Read back: CSV unquoting, then csv_text_value() gives the original text.
    std::string unquoted = cell;
    if (!unquoted.empty() && unquoted.front() == '"') {
      unquoted = unquoted.substr(1, unquoted.size() - 2);
      for (std::size_t at = unquoted.find("\"\""); at != std::string::npos; at = unquoted.find("\"\"", at + 1)) {
        unquoted.erase(at, 1);
      }
    }
    EXPECT_EQ(csv_text_value(unquoted), text) << cell;
  }
}

// ---- Terminal and XML text -------------------------------------------------------------------

TEST(VisibleText, ControlsBidiAndBadBytesAreShownNotSent) {
  EXPECT_EQ(unicode::visible("\x1b[2J部门"), "\\u{1b}[2J部门");
  EXPECT_EQ(unicode::visible("a\tb\nc"), "a\\u{9}b\\u{a}c");
  EXPECT_EQ(unicode::visible("a\nb", true), "a\nb");
  EXPECT_EQ(unicode::visible("\xc2\x9b" "31m"), "\\u{9b}31m");             // C1 CSI
  EXPECT_EQ(unicode::visible("\xe2\x80\xae" "evil"), "\\u{202e}evil");     // RIGHT-TO-LEFT OVERRIDE
  EXPECT_EQ(unicode::visible("a\xe2\x80\x8b" "b"), "a\\u{200b}b");         // ZERO WIDTH SPACE
  EXPECT_EQ(unicode::visible("\xb2\xbf.json"), "\\x{b2}\\x{bf}.json");      // GBK bytes
  EXPECT_EQ(unicode::visible("\x7f"), "\\u{7f}");
  EXPECT_EQ(unicode::visible("普通文本 ok"), "普通文本 ok");
}

TEST(XmlText, CharactersXmlForbidsBecomeReplacementCharacters) {
  EXPECT_EQ(unicode::xml_text("a\xef\xbf\xbf" "b"), "a\xEF\xBF\xBD" "b");  // U+FFFF
  EXPECT_EQ(unicode::xml_text("\xef\xbf\xbe"), "\xEF\xBF\xBD");            // U+FFFE
  EXPECT_EQ(unicode::xml_text("a\x01\x0b\x1f" "b"), "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b");
  EXPECT_EQ(unicode::xml_text("\t\n\r"), "\t\n\r");
  EXPECT_EQ(unicode::xml_text("\xb2\xbf"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(unicode::xml_text("部门 \xef\xbf\xbd \xf0\x9f\x98\x80"), "部门 \xEF\xBF\xBD \xF0\x9F\x98\x80");
}

// ---- A batch worker meeting an exception ------------------------------------------------------

class BatchWorkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rubric_outputs_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    std::ofstream(path("in.csv"), std::ios::binary) << "id,department,rate\nd1,甲,95%\nd2,乙,85%\nd3,丙,75%\nd4,丁,100%\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  BatchResult run(std::function<void(std::size_t)> before_row, unsigned jobs) {
    ruleset_ = load_ok(read_text(kSourceDir + "/tests/bad-input/outputs/r.rubric"), "r.rubric");
    BatchOptions options;
    options.input = path("in.csv");
    options.output = path("out.csv");
    options.jobs = jobs;
    options.chunk_rows = 1;
    options.before_row = std::move(before_row);
    return run_batch(*ruleset_, options);
  }

  fs::path dir_;
  std::shared_ptr<const ast::Ruleset> ruleset_;
};

TEST_F(BatchWorkerTest, AnExceptionInARowIsThatRowsErrorAndTheOthersAreScored) {
  for (const unsigned jobs : {1u, 3u}) {
    const BatchResult result = run(
        [](std::size_t row) {
          if (row == 2) throw std::runtime_error("boom");
          if (row == 3) throw std::bad_alloc();
        },
        jobs);
    EXPECT_TRUE(result.fatal.empty()) << result.fatal;
    EXPECT_EQ(result.summary.rows, 4u);
    EXPECT_EQ(result.summary.errors, 2u);
    EXPECT_EQ(read_text(path("out.csv")),
              "\xEF\xBB\xBFrow,id,department,total,grade,预算执行率,error\n"
              "1,d1,甲,9.50,优,9.50,\n"
              "2,d2,乙,,,,internal error while scoring this row (boom); it is not scored. This is a bug in rubric: "
              "please report it\n"
              "3,d3,丙,,,,out of memory while scoring this row; it is not scored\n"
              "4,d4,丁,10.00,优,10.00,\n")
        << jobs;
  }
}

TEST_F(BatchWorkerTest, ANonStandardExceptionIsCaughtToo) {
  const BatchResult result = run(
      [](std::size_t row) {
        if (row == 4) throw 42;
      },
      2);
  EXPECT_TRUE(result.fatal.empty()) << result.fatal;
  EXPECT_EQ(result.summary.errors, 1u);
  EXPECT_NE(read_text(path("out.csv")).find("4,d4,丁,,,,internal error while scoring this row (an unknown exception)"),
            std::string::npos);
}

TEST_F(BatchWorkerTest, TheWorkerCountIsBounded) {
  // -j above the maximum runs on kMaxBatchJobs threads (the program refuses it before; the
  // library bounds it too).
  const BatchResult result = run(nullptr, 100000);
  EXPECT_TRUE(result.fatal.empty()) << result.fatal;
  EXPECT_EQ(result.summary.rows, 4u);
  EXPECT_EQ(result.summary.errors, 0u);
}

}  // namespace
}  // namespace rubric::testing
