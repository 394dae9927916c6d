// Keywords of more than one word ("at least", "more is better"): the longest known phrase at a
// place in a text, for the formatter (dsl/format_layout.cpp), which writes them in the other
// keyword set, and for messages (messages.cpp), which quote them in the file's set.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace rubric {

// The end of the longest phrase of one to three words starting at [i] of [text] that [known]
// accepts (words are runs of characters [is_word] takes, joined by single spaces), tried longest
// first; [i] when none is, not even the first word.
template <typename IsWord, typename Known>
std::size_t longest_phrase(std::string_view text, std::size_t i, IsWord is_word, Known known) {
  std::array<std::size_t, 3> ends{};  // the ends of the first one, two and three words from i
  std::size_t words = 0;
  std::size_t k = i;
  while (words < ends.size()) {
    while (k < text.size() && is_word(text[k])) ++k;
    ends[words++] = k;
    if (k + 1 >= text.size() || text[k] != ' ' || !is_word(text[k + 1])) break;
    ++k;
  }
  for (std::size_t n = words; n > 0; --n) {
    if (ends[n - 1] > i && known(text.substr(i, ends[n - 1] - i))) return ends[n - 1];
  }
  return i;
}

}  // namespace rubric
