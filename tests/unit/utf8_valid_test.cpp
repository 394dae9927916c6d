// unicode::is_valid_utf8() checks bytes without decoding (it runs on every batch cell and every
// JSON string written); it must agree with decode(), the definition, on every input.
#include <gtest/gtest.h>

#include "base/unicode.hpp"

namespace rubric {
namespace {

// The definition: valid when decode() never reports a malformed byte (U+FFFD after one byte).
bool valid_by_decode(std::string_view text, std::size_t& bad) {
  for (std::size_t offset = 0; offset < text.size();) {
    const std::size_t start = offset;
    if (unicode::decode(text, offset) == 0xFFFD && offset - start == 1) {
      bad = start;
      return false;
    }
  }
  return true;
}

void expect_agree(std::string_view text) {
  std::size_t bad = 99, expected_bad = 99;
  const bool expected = valid_by_decode(text, expected_bad);
  ASSERT_EQ(unicode::is_valid_utf8(text, &bad), expected) << ::testing::PrintToString(std::string(text));
  if (!expected) {
    ASSERT_EQ(bad, expected_bad) << ::testing::PrintToString(std::string(text));
  }
}

TEST(Utf8Valid, AgreesWithDecodeOnEveryShortInput) {
  std::string s(2, '\0');
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      s[0] = static_cast<char>(a);
      s[1] = static_cast<char>(b);
      expect_agree(s);
      expect_agree(std::string_view(s).substr(0, 1));
    }
  }
  // Three and four bytes after every lead byte that starts a longer sequence, with the bytes
  // around the boundaries of the second byte's range.
  const int seconds[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
  const int lasts[] = {0x00, 0x41, 0x80, 0xBF, 0xC0, 0xFF};
  for (int a = 0xC0; a < 256; ++a) {
    for (const int b : seconds) {
      for (const int c : lasts) {
        for (const int d : lasts) {
          const std::string t = {static_cast<char>(a), static_cast<char>(b), static_cast<char>(c), static_cast<char>(d)};
          expect_agree(t);
          expect_agree(std::string_view(t).substr(0, 3));
          expect_agree("x" + t + "y");
        }
      }
    }
  }
}

TEST(Utf8Valid, Examples) {
  EXPECT_TRUE(unicode::is_valid_utf8(""));
  EXPECT_TRUE(unicode::is_valid_utf8("部门 ok \xEF\xBF\xBD \xF0\x9F\x98\x80"));
  std::size_t bad = 0;
  EXPECT_FALSE(unicode::is_valid_utf8("ab\xB2\xBF", &bad));  // GBK
  EXPECT_EQ(bad, 2u);
  EXPECT_FALSE(unicode::is_valid_utf8("\xED\xA0\x80", &bad));  // a surrogate
  EXPECT_EQ(bad, 0u);
  EXPECT_FALSE(unicode::is_valid_utf8("\xF4\x90\x80\x80", &bad));  // past U+10FFFF
  EXPECT_FALSE(unicode::is_valid_utf8("\xC0\xAF", &bad));  // overlong '/'
}

}  // namespace
}  // namespace rubric
