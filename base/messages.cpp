// The language of messages; see messages.hpp.
#include "base/messages.hpp"

#include <atomic>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/phrase.hpp"

namespace rubric {
namespace detail {
extern const std::string_view kChinesePo;  // po/zh.po (messages_zh.cpp.in)
}  // namespace detail
namespace {

std::atomic<Language> current{Language::En};
thread_local WordIn quoted_words = nullptr;

bool ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

const std::unordered_map<std::string_view, std::string_view>& chinese() {
  static const auto* table = [] {
    auto* map = new std::unordered_map<std::string_view, std::string_view>();
    const auto [entries, count] = chinese_catalogue();
    for (std::size_t i = 0; i < count; ++i) map->emplace(entries[i].en, entries[i].zh);
    return map;
  }();
  return *table;
}

// [literal]: the inside of a PO string ("…" without its quotes), its escapes read.
std::string unescape_po(std::string_view literal) {
  std::string out;
  for (std::size_t i = 0; i < literal.size(); ++i) {
    if (literal[i] != '\\' || i + 1 == literal.size()) {
      out += literal[i];
      continue;
    }
    const char c = literal[++i];
    out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> read_po(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string* continued = nullptr;  // the msgid or msgstr that a "…" line continues
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    const std::size_t open = line.find('"');
    if (line.empty() || line.front() == '#' || open == std::string_view::npos || line.back() != '"') {
      continued = nullptr;
      continue;
    }
    const std::string value = unescape_po(line.substr(open + 1, line.size() - open - 2));
    if (line.rfind("msgid", 0) == 0) {
      out.emplace_back(value, "");
      continued = &out.back().first;
    } else if (line.rfind("msgstr", 0) == 0 && !out.empty()) {
      out.back().second = value;
      continued = &out.back().second;
    } else if (continued != nullptr && open == 0) {
      *continued += value;
    }
  }
  std::erase_if(out, [](const auto& entry) { return entry.first.empty(); });
  return out;
}

std::pair<const Translation*, std::size_t> chinese_catalogue() {
  struct Catalogue {
    std::vector<std::pair<std::string, std::string>> text = read_po(detail::kChinesePo);
    std::vector<Translation> entries;
  };
  static const Catalogue* catalogue = [] {
    auto* c = new Catalogue();
    for (const auto& [en, zh] : c->text) c->entries.push_back({en, zh});
    return c;
  }();
  return {catalogue->entries.data(), catalogue->entries.size()};
}

Language language() noexcept { return current.load(std::memory_order_relaxed); }
void set_language(Language language) noexcept { current.store(language, std::memory_order_relaxed); }

Language language_from_environment() noexcept {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    return std::string_view(value).substr(0, 2) == "zh" ? Language::Zh : Language::En;
  }
  return Language::En;
}

bool parse_language(std::string_view text, Language& out) noexcept {
  if (text == "en") {
    out = Language::En;
    return true;
  }
  if (text == "zh") {
    out = Language::Zh;
    return true;
  }
  return false;
}

QuotedWords::QuotedWords(WordIn word_in) noexcept : previous_(quoted_words) { quoted_words = word_in; }
QuotedWords::~QuotedWords() { quoted_words = previous_; }

std::string rewrite_quoted_words(std::string_view text, WordIn word_in) {
  std::string out;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\'') {
      const char before = i == 0 ? ' ' : text[i - 1];
      const char after = i + 1 < text.size() ? text[i + 1] : ' ';
      if (!quoted && !ascii_letter(before)) quoted = true;
      else if (quoted && !ascii_letter(after)) quoted = false;
      out += c;
      ++i;
      continue;
    }
    if (quoted && ascii_letter(c) && (i == 0 || !ascii_letter(text[i - 1]))) {
      // A phrase of three or two words first ("more is better", "until zero"), then the word.
      const auto is_word = [](char x) { return ascii_letter(x) || x == '_'; };
      const std::size_t end = longest_phrase(text, i, is_word, [&](std::string_view p) { return !word_in(p).empty(); });
      if (end > i) {
        out += word_in(text.substr(i, end - i));
        i = end;
        continue;
      }
      std::size_t word_end = i;
      while (word_end < text.size() && is_word(text[word_end])) ++word_end;
      out += text.substr(i, word_end - i);
      i = word_end;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

std::string_view tr(std::string_view english) {
  std::string_view text = english;
  if (language() == Language::Zh) {
    const auto& table = chinese();
    const auto it = table.find(english);
    if (it != table.end()) text = it->second;
  }
  if (quoted_words == nullptr || text.find('\'') == std::string_view::npos) return text;
  // Rewritten once per message and word set on this thread; the map's strings do not move.
  thread_local std::map<WordIn, std::map<std::string, std::string, std::less<>>> rewritten;
  auto& of_set = rewritten[quoted_words];
  auto it = of_set.find(text);
  if (it == of_set.end()) it = of_set.emplace(std::string(text), rewrite_quoted_words(text, quoted_words)).first;
  return it->second;
}

}  // namespace rubric
