// The language Rubric speaks to people: English or Chinese, from one message catalogue.
//
// A message is written once, in English, where it is made: tr("missing fact \"{}\"") looks it up
// in the catalogue (po/zh.po, embedded in the program) and gives the Chinese when the language is Chinese; a
// message not in the catalogue stays English. tests/messages_test.cpp checks that every tr()
// and tr_format() of the sources is in the catalogue, with the same placeholders, and that the
// catalogue holds nothing else.
//
// Why a compiled catalogue rather than GNU gettext: gettext shows a translation only when the
// system has the locale installed (setlocale(LC_MESSAGES, "zh_CN.UTF-8") fails on a minimal
// Debian, and the messages silently stay English), and it looks for its .mo file at a path fixed
// at build time, which a binary copied elsewhere or run from the build folder does not have. The
// catalogue is part of the program: `--lang zh` or LANG=zh_CN.UTF-8 works on any machine.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rubric {

enum class Language : std::uint8_t { En, Zh };

// The language of this process's messages (English until set).
Language language() noexcept;
void set_language(Language language) noexcept;

// The language LC_ALL, LC_MESSAGES or LANG names (the first that is set and not empty):
// Chinese when it begins with "zh", English otherwise.
Language language_from_environment() noexcept;

// "en" or "zh" as a language; nullopt-like false for anything else.
bool parse_language(std::string_view text, Language& out) noexcept;

// [english] in the current language: the catalogue's translation, or [english] itself.
std::string_view tr(std::string_view english);

// fmt::format of tr([english]).
template <typename... Args>
std::string tr_format(std::string_view english, Args&&... args) {
  return fmt::format(fmt::runtime(tr(english)), std::forward<Args>(args)...);
}

// Marks [english] as a message that is translated where it is used, by tr(variable): the entries
// of a table, the grammar's messages. tests/messages_test.cpp finds these as it finds tr("…").
constexpr const char* tr_later(const char* english) { return english; }

// The words a message quotes ('score', 'otherwise', 'default []') in the keyword set of the file
// it is about: while a QuotedWords is alive on this thread, tr() writes each quoted word that
// [word_in] knows (a keyword, a type, a function) in that set. Only the message's own words are
// rewritten, never the names put into it, so a fact called `score` stays `score`. The keyword
// sets belong to the language (dsl/keywords.hpp), which sets this while it reads and checks a
// file (KeywordScope).
using WordIn = std::string_view (*)(std::string_view word);  // the word in the set, or empty
class QuotedWords {
 public:
  explicit QuotedWords(WordIn word_in) noexcept;
  ~QuotedWords();
  QuotedWords(const QuotedWords&) = delete;
  QuotedWords& operator=(const QuotedWords&) = delete;

 private:
  WordIn previous_;
};

// [text] with each word inside '…' that [word_in] knows replaced by its form; a quote opens only
// after a space, a bracket or the start, so "a domain's bounds" has none.
std::string rewrite_quoted_words(std::string_view text, WordIn word_in);

// The catalogue: every English message with its Chinese, read from po/zh.po as embedded in the
// program (messages_zh.cpp.in), in the file's order, escapes (\" \\ \n \t \r) read.
struct Translation {
  std::string_view en;
  std::string_view zh;
};
std::pair<const Translation*, std::size_t> chinese_catalogue();

// The entries of a GNU gettext PO text: each msgid with its msgstr, adjacent strings joined and
// escapes read; the header (the empty msgid) left out.
std::vector<std::pair<std::string, std::string>> read_po(std::string_view text);

}  // namespace rubric
