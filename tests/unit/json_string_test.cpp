// json::write_string(): the one JSON string writer of every output (base/json_text.hpp).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/json_text.hpp"

namespace rubric {
namespace {

using json::NamedEscapes;

std::string written(std::string_view text, NamedEscapes named = NamedEscapes::BfnrtAll) {
  std::string out;
  json::write_string(out, text, named);
  return out;
}

TEST(JsonString, TextAsItIs) {
  EXPECT_EQ(written(""), "\"\"");
  EXPECT_EQ(written("abc 1.5%"), "\"abc 1.5%\"");
  EXPECT_EQ(written("部门整体绩效"), "\"部门整体绩效\"");
  EXPECT_EQ(written("\x7f"), "\"\x7f\"");  // DEL is no control character to JSON
  EXPECT_EQ(written("/"), "\"/\"");
}

TEST(JsonString, QuoteAndBackslash) {
  EXPECT_EQ(written("say \"hi\""), R"("say \"hi\"")");
  EXPECT_EQ(written("C:\\dir\\"), R"("C:\\dir\\")");
  EXPECT_EQ(written("\"", NamedEscapes::NewlineTab), R"("\"")");
}

TEST(JsonString, ControlCharacters) {
  EXPECT_EQ(written("a\nb\rc\td"), R"("a\nb\rc\td")");
  EXPECT_EQ(written("a\nb\rc\td", NamedEscapes::NewlineTab), R"("a\nb\rc\td")");
  EXPECT_EQ(written("\b\f"), R"("\b\f")");
  EXPECT_EQ(written("\b\f", NamedEscapes::NewlineTab), R"("\u0008\u000c")");
  EXPECT_EQ(written(std::string_view("\0\x01\x1b\x1f", 4)), R"("\u0000\u0001\u001b\u001f")");
  EXPECT_EQ(written("\x1b[31m", NamedEscapes::NewlineTab), R"("\u001b[31m")");
}

TEST(JsonString, NotUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(written("\xff"), "\"\xEF\xBF\xBD\"");
  // GBK "部门" (B2 BF C3 C5): one U+FFFD per byte, as the batch's ids and names.
  EXPECT_EQ(written("\xB2\xBF\xC3\xC5"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(written("a\xE9\x83"), "\"a\xEF\xBF\xBD\xEF\xBF\xBD\"");  // a cut-off character
  EXPECT_EQ(written("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // a surrogate
  EXPECT_EQ(written("\xEF\xBF\xBD"), "\"\xEF\xBF\xBD\"");  // a U+FFFD that was there stays one
  EXPECT_EQ(written("\xff\n", NamedEscapes::NewlineTab), "\"\xEF\xBF\xBD\\n\"");
}

TEST(JsonString, Appends) {
  std::string out = "{\"k\":";
  json::write_string(out, "v");
  EXPECT_EQ(out, "{\"k\":\"v\"");
}

// The default escapes are nlohmann's dump(), byte for byte: every output written by json::dump()
// keeps the bytes it had.
TEST(JsonString, DefaultIsNlohmannDump) {
  for (int c = 0; c < 0x80; ++c) {
    const std::string text = std::string("x") + static_cast<char>(c) + "y";
    EXPECT_EQ(written(text), nlohmann::json(text).dump()) << "byte " << c;
  }
  EXPECT_EQ(written("部门\t\"甲\""), nlohmann::json("部门\t\"甲\"").dump());
}

}  // namespace
}  // namespace rubric
