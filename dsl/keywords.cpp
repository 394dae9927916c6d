// The two keyword sets; see keywords.hpp and keywords.def.
#include "dsl/keywords.hpp"

#include <array>
#include <utility>

#include "dsl/grammar.hpp"

namespace rubric {
namespace {

struct Word {
  std::string_view en;
  std::string_view zh;
};

constexpr std::array kWords = {
#define RUBRIC_KEYWORD(id, en, zh) Word{en, zh},
#define RUBRIC_NAME(en, zh) Word{en, zh},
#include "dsl/keywords.def"
#undef RUBRIC_KEYWORD
#undef RUBRIC_NAME
};

// [word] in Chinese, for the words a message quotes (base/messages.hpp, QuotedWords).
// The placeholders of a message's code ('score EXPRESSION') are written in Chinese too.
std::string_view chinese_word(std::string_view word) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kPlaceholders = {{
      {"EXPRESSION", "表达式"}, {"CONDITION", "条件"}, {"VALUE", "值"}, {"START", "起点"}}};
  for (const auto& [en, zh] : kPlaceholders) {
    if (word == en) return zh;
  }
  const auto zh = keyword_in(word, KeywordSet::Zh);
  return zh ? *zh : std::string_view();
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

KeywordSet detect_keywords(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  for (;;) {
    while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
    if (text.empty() || text.front() != '#') break;
    const std::size_t eol = text.find('\n');
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
  }
  // `规则集 "…"` begins a ruleset, `测试 "…"` a file of tests.
  for (const std::string_view first : {std::string_view("规则集"), std::string_view("测试")}) {
    if (text.substr(0, first.size()) == first) return KeywordSet::Zh;
  }
  return KeywordSet::En;
}

std::optional<std::string_view> keyword_in(std::string_view word, KeywordSet to) {
  if (word.empty()) return std::nullopt;
  for (const Word& w : kWords) {
    if (w.en == word || w.zh == word) {
      const std::string_view out = to == KeywordSet::Zh ? w.zh : w.en;
      if (out.empty()) return std::nullopt;  // "at", "least": only in their phrase
      return out;
    }
  }
  return std::nullopt;
}

std::string_view canonical_name(std::string_view name) {
  for (const Word& w : kWords) {
    if (!w.zh.empty() && w.zh == name) return w.en;
  }
  return name;
}

bool is_reserved(std::string_view word, KeywordSet set) {
  // The grammar's `keyword` rule: the words that are never names.
  static constexpr std::array<std::string_view, 35> kReserved = {
      "and",  "brackets", "by",    "deduct", "default", "define",   "evidence",  "explain",  "facts",
      "false", "from",    "grade", "in",     "indicator", "inf",    "judged",    "let",      "not",
      "or",   "otherwise", "per",  "points", "rounding", "score",   "section",   "standard", "tiered",
      "to",   "true",     "unit",  "until",  "weighted", "when",    "where",     "zero"};
  for (const std::string_view en : kReserved) {
    const auto form = keyword_in(en, set);
    if (form && *form == word) return true;
  }
  return false;
}

const char* keyword_set_name(KeywordSet set) { return set == KeywordSet::Zh ? "zh" : "en"; }

KeywordSet current_keywords() noexcept { return grammar::keywords; }

KeywordScope::KeywordScope(KeywordSet set)
    : previous_(grammar::keywords), quoted_words_(set == KeywordSet::Zh ? &chinese_word : nullptr) {
  grammar::keywords = set;
}
KeywordScope::~KeywordScope() { grammar::keywords = previous_; }

}  // namespace rubric
