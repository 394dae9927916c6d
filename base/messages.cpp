// The language of messages; see messages.hpp.
#include "base/messages.hpp"

#include <atomic>
#include <cstdlib>
#include <string_view>
#include <unordered_map>

namespace rubric {
namespace {

std::atomic<Language> current{Language::En};

const std::unordered_map<std::string_view, std::string_view>& chinese() {
  static const auto* table = [] {
    auto* map = new std::unordered_map<std::string_view, std::string_view>();
    const auto [entries, count] = chinese_catalogue();
    for (std::size_t i = 0; i < count; ++i) map->emplace(entries[i].en, entries[i].zh);
    return map;
  }();
  return *table;
}

}  // namespace

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

std::string_view tr(std::string_view english) {
  if (language() != Language::Zh) return english;
  const auto& table = chinese();
  const auto it = table.find(english);
  return it == table.end() ? english : it->second;
}

}  // namespace rubric
