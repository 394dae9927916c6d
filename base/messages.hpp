// The language Rubric speaks to people: English or Chinese, from one message catalogue.
//
// A message is written once, in English, where it is made: tr("missing fact \"{}\"") looks it up
// in the catalogue (base/messages_zh.cpp) and gives the Chinese when the language is Chinese; a
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

// The catalogue: every English message with its Chinese (messages_zh.cpp).
struct Translation {
  std::string_view en;
  std::string_view zh;
};
std::pair<const Translation*, std::size_t> chinese_catalogue() noexcept;

}  // namespace rubric
