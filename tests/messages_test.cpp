// Messages in English and Chinese from one catalogue (base/messages.hpp): every message the
// sources mark (tr("…"), tr_format("…")) has its Chinese in po/zh.po, with no placeholder the
// English lacks; the catalogue the program holds is po/zh.po as it is now; the
// language follows --lang, then LC_ALL, LC_MESSAGES and LANG.
#include <fmt/args.h>
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "base/messages.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

namespace fs = std::filesystem;

// The tests of the program's words expect English whatever the machine's locale.
const bool kEnglishForTheOtherTests = [] {
  ::setenv("LC_ALL", "C.UTF-8", 1);
  return true;
}();

// A C string literal's text with its escapes read (\" \\ \n \t).
std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char c = s[++i];
      out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Every message the sources mark, adjacent literals joined; [formats] receives those of
// tr_format (format strings; a tr() message is text, its braces its own).
std::set<std::string> marked_messages(std::set<std::string>* formats = nullptr) {
  const std::regex call(R"re(\btr(_format|_later)?\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+))re");
  const std::regex literal(R"re("((?:[^"\\]|\\.)*)")re");
  std::set<std::string> out;
  for (const char* folder : {"base", "dsl", "stdlib", "interpreter", "report", "server", "studio", "cli"}) {
    for (const auto& entry : fs::recursive_directory_iterator(kSourceDir + "/" + folder)) {
      const std::string name = entry.path().filename().string();
      if (!entry.is_regular_file() || name.rfind("messages", 0) == 0) continue;
      if (entry.path().extension() != ".cpp" && entry.path().extension() != ".hpp") continue;
      const std::string text = read_text(entry.path().string());
      for (auto m = std::sregex_iterator(text.begin(), text.end(), call); m != std::sregex_iterator(); ++m) {
        const std::string literals = (*m)[2];
        std::string joined;
        for (auto l = std::sregex_iterator(literals.begin(), literals.end(), literal); l != std::sregex_iterator(); ++l) {
          joined += (*l)[1];
        }
        out.insert(unescape(joined));
        if (formats != nullptr && (*m)[1] == "_format") formats->insert(unescape(joined));
      }
    }
  }
  return out;
}

// po/zh.po's entries as the program reads them (read_po, tested below), msgid → msgstr.
std::map<std::string, std::string> po_entries() {
  std::map<std::string, std::string> out;
  for (auto& [en, zh] : read_po(read_text(kSourceDir + "/po/zh.po"))) out[en] = zh;
  return out;
}

// The presentation type of each field of [format] by argument index ('s' when none is given).
std::map<int, char> field_types(const std::string& format) {
  std::map<int, char> out;
  int next = 0;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '{' && i + 1 < format.size() && format[i + 1] == '{') {
      ++i;
    } else if (format[i] == '{') {
      const std::size_t close = format.find('}', i);
      const std::string inside = format.substr(i + 1, close - i - 1);
      const std::size_t colon = inside.find(':');
      const std::string index = inside.substr(0, colon);
      const int n = index.empty() ? next++ : std::stoi(index);
      const std::string spec = colon == std::string::npos ? "" : inside.substr(colon + 1);
      // {:02} pads with zeros, for numbers only; {:>9} is any type; {:.0f} says its own.
      const bool letter = !spec.empty() && std::isalpha(static_cast<unsigned char>(spec.back())) != 0;
      out[n] = letter ? spec.back() : !spec.empty() && spec.front() == '0' ? 'd' : 's';
      i = close;
    }
  }
  return out;
}

// The arguments a format string refers to: {} in order, or {N} ({:>3} is the next, {1:>3} the second).
std::set<int> arguments(const std::string& format) {
  std::set<int> out;
  for (const auto& [index, type] : field_types(format)) out.insert(index);
  return out;
}

TEST(Messages, EveryMarkedMessageIsTranslatedAndNothingElse) {
  std::set<std::string> formats;
  const std::set<std::string> marked = marked_messages(&formats);
  const std::map<std::string, std::string> po = po_entries();
  EXPECT_GE(marked.size(), 90u);
  for (const std::string& m : marked) EXPECT_TRUE(po.count(m) > 0) << "not in po/zh.po: " << m;
  for (const auto& [en, zh] : po) {
    EXPECT_TRUE(marked.count(en) > 0) << "po/zh.po translates a message the sources no longer have: " << en;
    EXPECT_FALSE(zh.empty()) << en;
    if (formats.count(en) == 0) continue;
    // The translation refers to no value the message does not give, and both are valid formats.
    const std::set<int> given = arguments(en);
    for (const int a : arguments(zh)) EXPECT_TRUE(given.count(a) > 0) << en << " → " << zh;
    // Each value of the type its field asks for: {:.0f} a number, {:02X} an integer, {} text.
    const fmt::dynamic_format_arg_store<fmt::format_context> args = [&] {
      fmt::dynamic_format_arg_store<fmt::format_context> store;
      const std::map<int, char> types = field_types(en);
      for (std::size_t i = 0; i < given.size(); ++i) {
        const auto type = types.find(static_cast<int>(i));
        const char t = type == types.end() ? 's' : type->second;
        if (t == 'f' || t == 'e' || t == 'g') {
          store.push_back(1.5);
        } else if (t == 'd' || t == 'x' || t == 'X' || t == 'b' || t == 'o') {
          store.push_back(1);
        } else {
          store.push_back("x");
        }
      }
      return store;
    }();
    EXPECT_NO_THROW((void)fmt::vformat(en, args)) << en;
    EXPECT_NO_THROW((void)fmt::vformat(zh, args)) << zh;
  }
}

TEST(Messages, TheCompiledCatalogueIsPoZhPo) {
  const std::map<std::string, std::string> po = po_entries();
  const auto [entries, count] = chinese_catalogue();
  std::map<std::string, std::string> compiled;
  for (std::size_t i = 0; i < count; ++i) compiled[std::string(entries[i].en)] = std::string(entries[i].zh);
  EXPECT_EQ(compiled, po) << "the catalogue in the program is not po/zh.po: run cmake again (it embeds po/zh.po)";
}

// The PO reader: comments, the header, strings continued on the next lines, escapes.
TEST(Messages, ReadPoJoinsContinuedStringsAndReadsEscapes) {
  const auto entries = read_po(
      "# a comment\n"
      "msgid \"\"\nmsgstr \"\"\n\"Language: zh_CN\\n\"\n"
      "\n"
      "msgid \"say \\\"{}\\\"\\n\"\nmsgstr \"说“{}”\\n\"\n"
      "\n"
      "msgid \"a long \"\n\"message\"\nmsgstr \"\"\n\"很长的\"\n\"消息\"\n");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].first, "say \"{}\"\n");
  EXPECT_EQ(entries[0].second, "说“{}”\n");
  EXPECT_EQ(entries[1].first, "a long message");
  EXPECT_EQ(entries[1].second, "很长的消息");
}

TEST(Messages, TheLanguageFollowsTheFlagThenTheEnvironment) {
  const auto lang = [](const char* all, const char* messages, const char* lang_var) {
    for (const auto& [name, value] : {std::pair{"LC_ALL", all}, {"LC_MESSAGES", messages}, {"LANG", lang_var}}) {
      if (value == nullptr) {
        ::unsetenv(name);
      } else {
        ::setenv(name, value, 1);
      }
    }
    return language_from_environment();
  };
  EXPECT_EQ(lang(nullptr, nullptr, "zh_CN.UTF-8"), Language::Zh);
  EXPECT_EQ(lang(nullptr, "en_US.UTF-8", "zh_CN.UTF-8"), Language::En);
  EXPECT_EQ(lang("C.UTF-8", nullptr, "zh_CN.UTF-8"), Language::En);
  EXPECT_EQ(lang("", "zh_TW.UTF-8", "en_US.UTF-8"), Language::Zh);
  EXPECT_EQ(lang(nullptr, nullptr, nullptr), Language::En);
  ::setenv("LC_ALL", "C.UTF-8", 1);
  ::unsetenv("LC_MESSAGES");
  ::unsetenv("LANG");

  set_language(Language::Zh);
  EXPECT_EQ(tr("error"), "错误");
  EXPECT_EQ(tr_format("{}: wrote {}\n", "a.json", "b.xlsx"), "a.json：已写入 b.xlsx\n");
  EXPECT_EQ(tr("a message no one translated"), "a message no one translated");
  set_language(Language::En);
  EXPECT_EQ(tr("error"), "error");
}

// The words a message quotes follow the keyword set of the file it is about: in a file of
// Chinese keywords, "add 'score EXPRESSION'" says '评分 EXPRESSION'. Only the message's own
// words change: a name put into it stays as it is, and an apostrophe opens no quote.
TEST(Messages, QuotedKeywordsFollowTheFilesKeywords) {
  const WordIn zh = [](std::string_view word) -> std::string_view {
    if (word == "score") return "评分";
    if (word == "points") return "分值";
    if (word == "until zero") return "扣完为止";
    if (word == "otherwise") return "否则";
    return {};
  };
  EXPECT_EQ(rewrite_quoted_words("add 'score EXPRESSION', e.g. 'score points' for full marks", zh),
            "add '评分 EXPRESSION', e.g. '评分 分值' for full marks");
  EXPECT_EQ(rewrite_quoted_words("write 'deduct 1 per x until zero'", zh), "write 'deduct 1 per x 扣完为止'");
  EXPECT_EQ(rewrite_quoted_words("a domain's bounds: the score is 'otherwise'", zh),
            "a domain's bounds: the score is '否则'");
  EXPECT_EQ(rewrite_quoted_words("the score of 'x' is unknown", zh), "the score of 'x' is unknown");

  {
    const QuotedWords scope(zh);
    EXPECT_EQ(tr_format("'{}' must be the last grade", "otherwise"), "'otherwise' must be the last grade");
    EXPECT_EQ(std::string(tr("did you mean 'otherwise'?")), "did you mean '否则'?");
  }
  EXPECT_EQ(std::string(tr("did you mean 'otherwise'?")), "did you mean 'otherwise'?");
}

}  // namespace
}  // namespace rubric::testing
