// Syntax errors and recovery. See syntax_errors.hpp.
#include "dsl/syntax_errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <vector>

#include "base/messages.hpp"
#include "base/unicode.hpp"
#include "dsl/grammar.hpp"
#include "dsl/parse_errors.hpp"
#include "dsl/parser.hpp"

namespace rubric::parsing {

namespace pegtl = tao::pegtl;
namespace g = grammar;

namespace {

bool is_ident_byte(unsigned char c) { return std::isalnum(c) != 0 || c == '_' || c >= 0x80; }

// A character that looks like a space, or like nothing, and that the grammar does not take
// between tokens: its description ("a no-break space (U+00A0)") and whether it has a visible
// width (then an ordinary space may be what was meant). nullopt for other characters.
struct Invisible {
  std::string what;
  bool wide = true;
};
std::optional<Invisible> invisible_character(char32_t cp) {
  std::string_view name;
  bool wide = true;
  switch (cp) {
    case 0x00A0: name = tr("a no-break space"); break;
    case 0x1680: name = tr("an Ogham space mark"); break;
    case 0x2000: name = tr("an en quad (a typographic space)"); break;
    case 0x2001: name = tr("an em quad (a typographic space)"); break;
    case 0x2002: name = tr("an en space"); break;
    case 0x2003: name = tr("an em space"); break;
    case 0x2004: name = tr("a three-per-em space"); break;
    case 0x2005: name = tr("a four-per-em space"); break;
    case 0x2006: name = tr("a six-per-em space"); break;
    case 0x2007: name = tr("a figure space"); break;
    case 0x2008: name = tr("a punctuation space"); break;
    case 0x2009: name = tr("a thin space"); break;
    case 0x200A: name = tr("a hair space"); break;
    case 0x2028: name = tr("a line separator"); break;
    case 0x2029: name = tr("a paragraph separator"); break;
    case 0x202F: name = tr("a narrow no-break space"); break;
    case 0x205F: name = tr("a medium mathematical space"); break;
    case 0x3000: name = tr("a full-width (ideographic) space"); break;
    case 0x200B: name = tr("a zero-width space"); wide = false; break;
    case 0x200C: name = tr("a zero-width non-joiner"); wide = false; break;
    case 0x200D: name = tr("a zero-width joiner"); wide = false; break;
    case 0x2060: name = tr("a word joiner"); wide = false; break;
    case 0xFEFF: name = tr("a byte order mark"); wide = false; break;
    default: return std::nullopt;
  }
  return Invisible{tr_format("{} (U+{:04X})", name, static_cast<std::uint32_t>(cp)), wide};
}

// The word or character at [offset], for "found …" in messages (English; tr() where shown).
std::string token_at(const std::string& text, std::size_t offset) {
  if (offset >= text.size()) return tr_later("end of file");
  {
    std::size_t next = offset;
    const char32_t cp = unicode::decode(text, next);
    if (invisible_character(cp)) return fmt::format("U+{:04X}", static_cast<std::uint32_t>(cp));
  }
  const auto c = static_cast<unsigned char>(text[offset]);
  if (c == '\n' || c == '\r') return tr_later("end of line");
  std::size_t end = offset;
  if (is_ident_byte(c)) {
    while (end < text.size() && is_ident_byte(static_cast<unsigned char>(text[end]))) {
      std::size_t next = end;
      const char32_t cp = unicode::decode(text, next);
      // CJK punctuation ends a word.
      if ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
          (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2190 && cp <= 0x22FF) ||
          invisible_character(cp)) {
        break;
      }
      end = next;
    }
    if (end == offset) unicode::decode(text, end);
  } else {
    unicode::decode(text, end);
  }
  return fmt::format("'{}'", text.substr(offset, std::min<std::size_t>(end - offset, 40)));
}

const std::vector<std::string>& statement_keywords() {
  static const std::vector<std::string> kWords = {
      "score",   "let",   "explain", "standard", "evidence", "rounding", "define",   "total",  "section",
      "indicator", "facts", "grade", "deduct",   "per",      "until",    "otherwise", "when",  "tiered",
      "brackets", "weighted", "judged", "points", "from",   "where",    "veto",     "unless"};
  return kWords;
}

// The first word of the line that starts at [begin], or "" for a blank or comment line.
std::string first_word(const std::string& text, std::size_t begin) {
  std::size_t i = begin;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
  if (i >= text.size() || text[i] == '\n' || text[i] == '#') return "";
  if (!is_ident_byte(static_cast<unsigned char>(text[i]))) return std::string(1, text[i]);
  std::size_t end = i;
  while (end < text.size() && is_ident_byte(static_cast<unsigned char>(text[end]))) ++end;
  std::string word = text.substr(i, end - i);
  // In a file of Chinese keywords, a keyword by its English name: 指标 is "indicator" here.
  if (g::keywords == KeywordSet::Zh && keyword_in(word, KeywordSet::Zh) == word) word = *keyword_in(word, KeywordSet::En);
  // A fact declaration "name : type" starts with a name followed by ':'.
  std::size_t after = end;
  while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
  if (after < text.size() && text[after] == ':') return "<fact>";
  return word;
}

bool starts_statement(const std::string& word) {
  static const std::vector<std::string> kStarters = {"score",  "let",   "explain", "standard", "evidence", "rounding",
                                                     "define", "total", "<fact>",  "given",    "case",     "expect",
                                                     "override", "remove", "add",    "veto"};
  return std::find(kStarters.begin(), kStarters.end(), word) != kStarters.end();
}

bool bounds_statement(const std::string& word) {
  return starts_statement(word) || word == "}" || word == "section" || word == "indicator" ||
         word == "grade" || word == "facts" || word == "test";
}

std::vector<std::size_t> line_starts(const std::string& text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts.push_back(i + 1);
  }
  return starts;
}

// The braces still open at [offset], outermost first (strings and comments skipped).
std::vector<std::uint32_t> open_braces(const std::string& text, std::size_t offset) {
  std::vector<std::uint32_t> open;
  bool in_string = false;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"' || c == '\n') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '{') open.push_back(static_cast<std::uint32_t>(i));
    else if (c == '}' && !open.empty()) open.pop_back();
  }
  return open;
}

// Where the brace that a failed closing rule should have closed was opened, for a note.
std::optional<std::uint32_t> unclosed_brace(const std::string& text, std::size_t offset) {
  const auto open = open_braces(text, offset);
  if (open.empty()) return std::nullopt;
  return open.back();
}

// The offset just past the last token before [offset], skipping blanks and comments.
std::size_t previous_token_end(const std::string& text, std::size_t offset) {
  const auto starts = line_starts(text);
  std::size_t line = static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin()) - 1;
  std::size_t limit = offset;
  for (;;) {
    // The line's code ends at a '#' outside a string.
    std::size_t end = starts[line];
    bool in_string = false;
    for (std::size_t i = starts[line]; i < limit && text[i] != '\n'; ++i) {
      if (in_string) {
        if (text[i] == '\\') ++i;
        else if (text[i] == '"') in_string = false;
      } else if (text[i] == '"') {
        in_string = true;
      } else if (text[i] == '#') {
        break;
      }
      end = i + 1;
    }
    while (end > starts[line] && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r')) --end;
    if (end > starts[line] || line == 0) return end;
    --line;
    limit = starts[line + 1];
  }
}

// Whether the '}' at [offset] was typed for a ']' or ')': a '[' or '(' is still open on its line.
bool mistyped_closer(const std::string& text, std::size_t offset) {
  if (offset >= text.size() || text[offset] != '}') return false;
  std::size_t begin = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  begin = begin == std::string::npos ? 0 : begin + 1;
  int open = 0;
  bool in_string = false;
  for (std::size_t i = begin; i < offset; ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '(') {
      ++open;
    } else if ((c == ']' || c == ')') && open > 0) {
      --open;
    }
  }
  return open > 0;
}

// The '"' that opens the string still open at [offset], which is on the same line.
std::size_t string_start(const std::string& text, std::size_t offset) {
  std::size_t begin = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  begin = begin == std::string::npos ? 0 : begin + 1;
  std::size_t open = offset;
  for (std::size_t i = begin; i < offset; ++i) {
    if (open != offset) {
      if (text[i] == '\\') ++i;
      else if (text[i] == '"') open = offset;
    } else if (text[i] == '"') {
      open = i;
    } else if (text[i] == '#') {
      break;
    }
  }
  return open == offset ? offset : open;
}

}  // namespace

// Finds the statement holding [offset]: from the nearest line above that starts a statement, to
// the next line (at brace depth zero) that starts or ends one. Returns false when no statement
// can be cut out without unbalancing braces, e.g. an error in a section's header.
namespace {

// Whether the line starting at [begin] opens a string it does not close (a '{' after it is text).
bool unterminated_string_on(const std::string& text, std::size_t begin) {
  bool in_string = false;
  for (std::size_t i = begin; i < text.size() && text[i] != '\n'; ++i) {
    if (in_string && text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      in_string = !in_string;
    } else if (!in_string && text[i] == '#') {
      break;
    }
  }
  return in_string;
}

// The first line of the statement around [offset], whose error is on [line]: searched upwards
// for the line that starts it. Nothing when no statement can be cut out there.
std::optional<std::size_t> first_line(const std::string& text, const std::vector<std::size_t>& starts,
                                      std::size_t line, std::size_t offset) {
  std::size_t first = line;
  for (std::size_t k = line + 1; k-- > 0;) {
    const std::string word = first_word(text, starts[k]);
    if (word.empty()) continue;
    if (starts_statement(word)) return k;
    // An error in an indicator's, a section's or the grade table's own line (its header, or all of
    // it on one line): the statement is that item, to its closing brace. Not when the error is at
    // the word itself: the parser met the item while a block above was still open.
    if (k == line && (word == "indicator" || word == "section" || word == "grade") &&
        offset > text.find_first_not_of(" \t", starts[k]) && !unterminated_string_on(text, starts[k])) {
      return k;
    }
    if (bounds_statement(word) || word == "{") {
      if (k == line) return std::nullopt;
      return k + 1;
    }
    // An unknown word at the start of the error's own line: treat the line as a statement.
    if (k == line && std::isalpha(static_cast<unsigned char>(word[0])) == 0 &&
        static_cast<unsigned char>(word[0]) < 0x80) {
      continue;
    }
    if (k == line) {
      first = k;
      if (std::find(statement_keywords().begin(), statement_keywords().end(), word) == statement_keywords().end()) {
        break;
      }
    }
  }
  return first;
}

}  // namespace

bool statement_around(const std::string& text, std::size_t offset, Span& out) {
  const auto starts = line_starts(text);
  const auto line_of = [&](std::size_t at) {
    return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), at) - starts.begin()) - 1;
  };
  std::size_t line = line_of(offset);
  // An error inside braces that belong to a statement (a record type, a 'tiered' block) is part
  // of that statement: start from the line that opened the outermost such brace.
  for (const std::uint32_t brace : open_braces(text, offset)) {
    const std::string word = first_word(text, starts[line_of(brace)]);
    if (word == "section" || word == "indicator" || word == "facts" || word == "grade" || word == "test") continue;
    line = std::min(line, line_of(brace));
    break;
  }
  const auto first = first_line(text, starts, line, offset);
  if (!first) return false;
  const std::size_t begin = starts[*first];
  // Walk forward, tracking braces outside strings and comments.
  int depth = 0;
  bool in_string = false;
  std::size_t i = begin;
  std::size_t end = text.size();
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') ++i;
      else if (c == '"') in_string = false;
      // An unterminated string ends at the line's end, which may end the statement too.
      if (c != '\n') continue;
      in_string = false;
    }
    if (c == '"') in_string = true;
    else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      --i;
    } else if (c == '{') ++depth;
    else if (c == '}') {
      if (i == offset && mistyped_closer(text, offset)) continue;  // '[0, 100%}' closes no block
      if (depth == 0 && i > offset) {
        end = i;
        break;
      }
      --depth;
      if (depth < 0) return false;
    } else if (c == '\n' && depth == 0 && i + 1 > offset) {
      if (bounds_statement(first_word(text, i + 1))) {
        end = i + 1;
        break;
      }
    }
  }
  if (depth != 0 || (end <= offset && offset < text.size())) return false;
  out = {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
  return true;
}

namespace {

// The errors that are not "expected …, found …": too deep a nesting, an unterminated string,
// an unknown escape. Reports [message] and returns true if it is one of them.
bool special_error(const std::string& text, const SourcePtr& source, const std::string& message, std::size_t offset,
                   Diagnostics& diagnostics) {
  const auto at = [&](std::size_t begin, std::size_t end) {
    return Location::at(source, {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
  };
  if (message == kTooDeep) {
    diagnostics.error("E0015", at(offset, std::min(offset + 1, text.size())),
                      tr_format("nested more than {} levels deep", kMaxNestingDepth))
        .help = std::string(tr("name the inner parts with 'let' or 'define' instead of nesting them"));
    return true;
  }

  // An unterminated string: point at its opening quote, not at the end of the line.
  if (message == g::errors::message<g::e_string_char>) {
    const std::size_t quote = string_start(text, offset);
    std::size_t line_end = text.find('\n', quote);
    if (line_end == std::string::npos) line_end = text.size();
    diagnostics.error("E0002", at(quote, line_end), std::string(tr("unterminated string"))).help =
        std::string(tr("a string must end with '\"' on the same line; split a long text into adjacent strings: \"…\" \"…\""));
    return true;
  }

  // An unknown escape: point at the backslash and show the whole sequence.
  if (message == g::errors::message<g::escape_char> && offset > 0 && text[offset - 1] == '\\') {
    std::size_t end = offset;
    if (end < text.size() && text[end] != '\n') unicode::decode(text, end);
    diagnostics.error("E0002", at(offset - 1, end),
                      tr_format("unknown escape sequence '{}' in a string", text.substr(offset - 1, end - offset + 1)))
        .help = std::string(tr("only \\\" (a quote), \\\\ (a backslash), \\n and \\t are escapes; other characters need none"));
    return true;
  }
  return false;
}

// A space-like or invisible character (U+3000, a no-break space, a zero-width space, a byte
// order mark in the middle of the file…): say which it is and how to write the text without
// it; quoting it would keep the invisible character in the name.
// Returns whether the character at [offset] is one; its help then goes to [d].
bool invisible_help(Diagnostic& d, const std::string& text, std::size_t offset) {
  bool invisible = false;
  if (offset < text.size()) {
    std::size_t after = offset;
    const char32_t cp = unicode::decode(text, after);
    if (auto what = invisible_character(cp)) {
      invisible = true;
      const std::string where = cp == 0xFEFF && offset > 0 ? std::string(tr(" in the middle of the file")) : "";
      // Between two parts of a name (甲　乙): the name written without it, or as a string with
      // an ordinary space; never a suggestion that keeps the invisible character.
      std::size_t before = offset;
      while (before > 0 && is_ident_byte(static_cast<unsigned char>(text[before - 1]))) --before;
      std::size_t word_end = after;
      while (word_end < text.size() && is_ident_byte(static_cast<unsigned char>(text[word_end]))) {
        std::size_t next = word_end;
        if (invisible_character(unicode::decode(text, next))) break;
        word_end = next;
      }
      const std::string left = text.substr(before, offset - before);
      const std::string right = text.substr(after, word_end - after);
      if (!left.empty() && !right.empty()) {
        d.help = what->wide ? tr_format("this is {}{}, which cannot be part of a name: write {}{} without it, or "
                                          "\"{} {}\" (a string, with an ordinary space) if the name has a space",
                                          what->what, where, left, right, left, right)
                            : tr_format("this is {}{}, an invisible character that cannot be part of a name: write "
                                          "{}{} without it", what->what, where, left, right);
      } else {
        d.help = what->wide ? tr_format("this is {}{}, which the language does not take between words: write an "
                                          "ordinary space instead", what->what, where)
                            : tr_format("this is {}{}, an invisible character the language does not take: delete it",
                                          what->what, where);
      }
    }
  }
  return invisible;
}

// A name where a string is required, or a name with punctuation such as “三公”: quote it.
void quote_help(Diagnostic& d, const std::string& text, std::size_t offset, const std::string& message,
                const std::string& found, bool is_word) {
  if (message.find("a string") == std::string::npos || offset >= text.size() || text[offset] == '"') return;
  std::size_t word_end = offset;
  while (word_end < text.size() && std::string_view(" \t\r\n{\"").find(text[word_end]) == std::string_view::npos) {
    ++word_end;
  }
  if (word_end > offset) {
    // The string suggested holds no invisible character: a space-like one becomes an ordinary
    // space, a zero-width one is left out (a name is compared character by character).
    std::string cleaned;
    std::string replaced;
    for (std::size_t i = offset; i < word_end;) {
      const std::size_t start = i;
      const char32_t cp = unicode::decode(text, i);
      if (auto inv = invisible_character(cp)) {
        if (inv->wide) cleaned += ' ';
        if (replaced.empty()) {
          replaced = inv->wide ? tr_format("the space in it was {}, written here as an ordinary space", inv->what)
                               : tr_format("it held {}, left out here", inv->what);
        }
      } else {
        cleaned.append(text, start, i - start);
      }
    }
    d.help = tr_format("write it as a string: \"{}\"", cleaned);
    if (!replaced.empty()) {
      d.help += "; " + replaced;
    } else if (!is_word || word_end - offset != found.size() - 2) {
      d.help += std::string(tr("; punctuation such as “” or （） cannot be part of a bare name"));
    }
  }
}

// Tokens from other languages and full-width punctuation, with what to write instead.
constexpr std::array<std::pair<std::string_view, std::string_view>, 19> kInstead = {{
    {"'='", tr_later("to compare, write '=='")},
    {"'&'", tr_later("write 'and' instead of '&&'")},
    {"'|'", tr_later("write 'or' instead of '||'")},
    {"'!'", tr_later("write 'not', or '!=' to compare")},
    {"'else'", tr_later("did you mean 'otherwise'?")},
    {"'if'", tr_later("did you mean 'when'?")},
    {"'then'", tr_later("write '->' between a condition and its value: 'when C -> V otherwise W'")},
    {"'，'", tr_later("'，' is a full-width comma; write ','")},
    {"'（'", tr_later("'（' is a full-width parenthesis; write '('")},
    {"'）'", tr_later("'）' is a full-width parenthesis; write ')'")},
    {"'：'", tr_later("'：' is a full-width colon; write ':'")},
    {"'；'", tr_later("'；' is a full-width semicolon; write ';'")},
    {"'【'", tr_later("'【' is a full-width bracket; write '['")},
    {"'】'", tr_later("'】' is a full-width bracket; write ']'")},
    {"'％'", tr_later("'％' is a full-width percent sign; write '%'")},
    {"'“'", tr_later("'“' is a Chinese quotation mark; strings are written between '\"' and '\"'")},
    {"'”'", tr_later("'”' is a Chinese quotation mark; strings are written between '\"' and '\"'")},
    {"'≤'", tr_later("write '<='")},
    {"'≥'", tr_later("write '>='")},
}};

bool is_habit(const std::string& found) {
  return std::any_of(kInstead.begin(), kInstead.end(), [&](const auto& habit) { return habit.first == found; });
}

// Help for a habit from another language or full-width punctuation, a misplaced '}' or
// 'points', and a space between a function's name and its '('.
void habit_help(Diagnostic& d, const std::string& text, std::size_t offset, const std::string& message,
                const std::string& found) {
  for (const auto& [token, help] : kInstead) {
    if (found == token && d.help.empty()) d.help = std::string(tr(help));
  }
  // A keyword of the other set: the file's header chose this one.
  if (d.help.empty() && found.size() > 2 && found.front() == '\'' && found.back() == '\'') {
    const std::string word = found.substr(1, found.size() - 2);
    const KeywordSet here = g::keywords;
    const KeywordSet other = here == KeywordSet::Zh ? KeywordSet::En : KeywordSet::Zh;
    const auto mine = keyword_in(word, here);
    if (mine && *mine != word && keyword_in(word, other) == word) {
      d.help = here == KeywordSet::Zh
                   ? tr_format("'{}' is an English keyword, but this file is written in Chinese keywords (its header "
                                 "says '规则集'): write '{}'", word, *mine)
                   : tr_format("'{}' is a Chinese keyword, but this file is written in English keywords (its header "
                                 "says 'ruleset'): write '{}', or convert the whole file with 'rubric fmt --keywords zh' "
                                 "and write Chinese keywords throughout",
                                 word, *mine);
    }
  }
  if (found == "'}'" && message == g::errors::message<g::e_interval_end>) {
    d.help = std::string(tr("an interval ends with ']' (the bound is included) or ')' (excluded)"));
  }
  // `越大越好` after a fact's type reads as the next fact's name, which then lacks its ':'.
  if (d.help.empty() && message == g::errors::message<g::e_colon>) {
    const std::size_t word_end = previous_token_end(text, offset);
    std::size_t word_begin = word_end;
    while (word_begin > 0 && is_ident_byte(static_cast<unsigned char>(text[word_begin - 1]))) --word_begin;
    const std::string_view word = std::string_view(text).substr(word_begin, word_end - word_begin);
    constexpr std::string_view yue = "越";
    if (word.size() > 2 * yue.size() && word.substr(0, yue.size()) == yue && word.find(yue, yue.size()) != std::string_view::npos &&
        word != "越高越好" && word != "越低越好") {
      d.help = tr_format("'{}' is not a direction: a fact's direction is '越高越好' (more is better) or '越低越好' (more "
                         "is worse)",
                         word);
    }
  }
  if (found == "'points'" && message == g::errors::message<g::item_name>) {
    d.help = std::string(tr("a name comes before 'points', e.g. 'indicator 部门预算资金支出率 points 10'"));
  }
  // 'min (a, b)': the name was taken as a value, and the '(' cannot follow it.
  if (offset > 0 && offset < text.size() && text[offset] == '(' &&
      (text[offset - 1] == ' ' || text[offset - 1] == '\t')) {
    const std::size_t name_end = previous_token_end(text, offset);
    if (name_end > 0 && is_ident_byte(static_cast<unsigned char>(text[name_end - 1]))) {
      d.help = std::string(tr("a call needs its '(' right after the function's name, e.g. 'min(a, b)'"));
    }
  }
}

}  // namespace

std::size_t report_syntax_error(const std::string& text, const SourcePtr& source, const pegtl::parse_error& e,
                         Diagnostics& diagnostics) {
  const std::size_t offset = e.positions().empty() ? 0 : e.positions().front().byte;
  std::string message(e.message());
  // A rule without a message of its own failed inside a must<>: say what is there.
  if (message.rfind("parse error matching", 0) == 0) message = "syntax error";
  const auto at = [&](std::size_t begin, std::size_t end) {
    return Location::at(source, {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
  };

  if (special_error(text, source, message, offset, diagnostics)) return offset;

  const std::string found = token_at(text, offset);
  const bool is_word = found.size() > 2 && found[0] == '\'';
  std::size_t begin = offset;
  std::size_t end = offset + (is_word ? found.size() - 2 : 1);
  const std::string found_words = found.front() == '\'' ? found : std::string(tr(found));
  std::string shown = tr_format("{}, found {}", tr(message), found_words);
  // Something is missing at the end of a line when the parser only notices it at the next
  // token, on a later line: a '}', the end of the file, or the next statement after 'min(a, b'.
  // Point just after the last token, where the missing part belongs. A block's "… or '}' to
  // close" is different: there the token found is usually the mistake ('scor' for 'score').
  const bool stray_brace = found == "'}'" && message == g::errors::message<g::file_end>;
  const bool block_message = message.find("to close") != std::string::npos || message == g::errors::message<g::file_end>;
  if ((found == "'}'" && !stray_brace) || found == "end of file" || !block_message) {
    const std::size_t previous = previous_token_end(text, offset);
    const LineColumn here = source->line_column(static_cast<std::uint32_t>(std::min(offset, text.size())));
    if (previous < offset && source->line_column(static_cast<std::uint32_t>(previous)).line < here.line) {
      begin = previous;
      end = previous + 1;
      if (found != "end of file") shown = tr_format("{}, found {} on line {}", tr(message), found_words, here.line);
    }
  }
  auto& d = diagnostics.error("E0002", at(begin, end), shown);
  bool guessed = false;
  if (stray_brace) d.help = std::string(tr("this '}' closes no block: remove it, or the '}' too many above it"));
  if (is_word) {
    const std::string word = found.substr(1, found.size() - 2);
    // A habit is known exactly ('then' is one letter from 'when' but means '->'): its help wins.
    if (auto guess = is_habit(found) ? std::nullopt : closest_match(word, statement_keywords())) {
      d.help = tr_format("did you mean '{}'?", *guess);
      guessed = true;
    }
    if (message == g::errors::message<g::e_points_spec> && std::isdigit(static_cast<unsigned char>(word[0])) != 0) {
      d.help = tr_format("write 'points {}'", word);
    }
  }
  const bool invisible = invisible_help(d, text, offset);
  if (!guessed && !invisible) quote_help(d, text, offset, message, found, is_word);
  // Where the unclosed block was opened helps when a '}' seems missing: the parser met the next
  // statement or the end of the file. A wrong token in the middle of a line is its own story.
  const std::size_t line_begin = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const bool starts_line = offset >= text.size() || previous_token_end(text, offset) <= (line_begin == std::string::npos ? 0 : line_begin);
  if (message.find("to close") != std::string::npos && !guessed && starts_line &&
      message != g::errors::message<g::e_interval_end>) {
    if (auto brace = unclosed_brace(text, offset)) {
      const LineColumn lc = source->line_column(*brace);
      d.notes.push_back({tr_format("the block was opened at line {}", lc.line), at(*brace, *brace + 1)});
    }
  }
  habit_help(d, text, offset, message, found);
  return begin;
}

}  // namespace rubric::parsing
