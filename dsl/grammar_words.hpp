// The words of the grammar (grammar.hpp): identifier characters; a keyword in one of two sets,
// English or Chinese (keywords.def), matched as the file being parsed is written; and the
// punctuation a Chinese file may write full-width.
#pragma once

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "dsl/keywords.hpp"

namespace rubric::grammar {

namespace pegtl = tao::pegtl;
using pegtl::digit;
using pegtl::not_at;
using pegtl::one;
using pegtl::ranges;
using pegtl::seq;
using pegtl::sor;

// Identifier characters: ASCII letters and '_', Latin/Greek/Cyrillic letters, kana, hangul and
// the CJK ideograph blocks; digits after the first character. CJK punctuation (，。：“”（）) is
// deliberately not included, so names such as “三公”经费 must be written as strings.
struct ident_first
    : sor<ranges<'a', 'z', 'A', 'Z', '_'>,
          pegtl::utf8::ranges<0xC0, 0x24F, 0x370, 0x3FF, 0x400, 0x4FF, 0x3040, 0x30FF, 0x3400, 0x4DBF, 0x4E00,
                              0x9FFF, 0xAC00, 0xD7A3, 0xF900, 0xFAFF, 0x20000, 0x2FFFF>> {};
struct ident_other : sor<ident_first, digit> {};

template <typename Word>
struct key : seq<Word, not_at<ident_other>> {};

// The keyword set of the file being parsed (keywords.hpp: KeywordScope sets it from the header).
inline thread_local KeywordSet keywords = KeywordSet::En;

// Matches nothing, and succeeds only while the file's keywords are [Set].
template <KeywordSet Set>
struct in_set {
  using rule_t = in_set;
  using subs_t = pegtl::type_list<>;
  template <typename ParseInput>
  [[nodiscard]] static bool match(ParseInput& /*in*/) noexcept {
    return keywords == Set;
  }
};

// A keyword of one set; key2: a keyword with its English and its Chinese form, of which the
// file's set is matched (keywords.def).
template <KeywordSet Set, typename Word>
struct key_in : seq<in_set<Set>, key<Word>> {};
template <typename En, typename Zh>
struct key2 : sor<key_in<KeywordSet::Zh, Zh>, key_in<KeywordSet::En, En>> {};

#define RUBRIC_KEYWORD(Id, en, zh)    \
  using en_##Id = TAO_PEGTL_STRING(en); \
  using zh_##Id = TAO_PEGTL_STRING(zh);
#define RUBRIC_NAME(en, zh)
#include "dsl/keywords.def"
#undef RUBRIC_KEYWORD
#undef RUBRIC_NAME

// In a file of Chinese keywords the full-width （），：； are read as (),:; (rubric fmt writes
// them half-width): none of them can mean anything else there.
template <char Ascii, typename FullWidth>
struct punct : sor<one<Ascii>, seq<in_set<KeywordSet::Zh>, FullWidth>> {};

}  // namespace rubric::grammar

namespace tao::pegtl {
template <typename Name, rubric::KeywordSet Set>
struct analyze_traits<Name, rubric::grammar::in_set<Set>> : analyze_opt_traits<> {};
}  // namespace tao::pegtl
