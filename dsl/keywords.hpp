// Rubric in two sets of keywords, English and Chinese (keywords.def): which set a file is written
// in, and a word of one set in the other.
//
// A file uses one set. Its header says which: `ruleset "…"` is English, `规则集 "…"` Chinese
// (detect()). The grammar reads the set of the file being parsed (grammar.hpp, `key2`): in a
// Chinese file the English words are names like any other, and the other way round.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/messages.hpp"

namespace rubric {

enum class KeywordSet : std::uint8_t { En, Zh };

// The set of [text]'s header: the first word after the comments (and a UTF-8 BOM), `规则集` or,
// in a file of tests, `测试` for Chinese; English otherwise.
KeywordSet detect_keywords(std::string_view text);

// [word] (a keyword, or a phrase of two such as "until zero", or a name of keywords.def: a type,
// a function, a rounding mode) in [to]; nullopt when it is none of them in either set.
std::optional<std::string_view> keyword_in(std::string_view word, KeywordSet to);

// A type, function or rounding-mode name as the checker knows it: the English of a Chinese word
// of keywords.def ("百分比" → "percent", "个数" → "count"), any other name as it is.
std::string_view canonical_name(std::string_view name);

const char* keyword_set_name(KeywordSet set);  // "en", "zh"

// Whether [word] is a reserved keyword of [set]: a word that cannot be a name there (`指标`,
// `分值` in Chinese; `indicator`, `points` in English).
bool is_reserved(std::string_view word, KeywordSet set);

// The set of the innermost KeywordScope alive on this thread; English outside any.
KeywordSet current_keywords() noexcept;

// The set the grammar matches keywords of while this is alive (on this thread), and the set the
// words quoted in messages are written in ('score' or '评分'; base/messages.hpp).
class KeywordScope {
 public:
  explicit KeywordScope(KeywordSet set);
  ~KeywordScope();
  KeywordScope(const KeywordScope&) = delete;
  KeywordScope& operator=(const KeywordScope&) = delete;

 private:
  KeywordSet previous_;
  QuotedWords quoted_words_;
};

}  // namespace rubric
