// The formatter: output lines, comments and blocks; names, texts and JSON. See format_printer.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>

#include "base/phrase.hpp"
#include "dsl/format_printer.hpp"

namespace rubric::formatting {

void Printer::file(const Node& root) {
  for (const auto& child : root.children) {
    newline(0, begin(*child), true);
    statement(*child);
  }
  close();
  flush_comments(std::numeric_limits<std::uint32_t>::max(), 0, true);
}

std::string Printer::finish() const {
  // Trailing comments of a run of lines share a column, two cells after the longest line that
  // has one. A run ends at a blank line, after a line that opens a block and before a line that
  // closes one: the lines of one block, not counting the blocks inside it.
  std::vector<int> column(lines_.size(), 0);
  for (std::size_t first = 0; first < lines_.size();) {
    std::size_t last = first + 1;
    while (last < lines_.size() && !blank(last) && !lines_[last - 1].opens_block &&
           (lines_[last].comment || lines_[last].text.rfind('}', 0) != 0)) {
      ++last;
    }
    int widest = 0;
    for (std::size_t i = first; i < last; ++i) {
      if (!lines_[i].trailing.empty()) widest = std::max(widest, width(lines_[i]));
    }
    for (std::size_t i = first; i < last; ++i) column[i] = widest + 2;
    first = last;
  }
  std::string out;
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    const Line& line = lines_[i];
    if (blank(i) && i > 0) out += '\n';
    std::string text = line.text;
    while (!text.empty() && is_space(text.back())) text.pop_back();
    if (!text.empty()) out += std::string(static_cast<std::size_t>(line.indent), ' ') + text;
    if (!line.trailing.empty()) {
      out += std::string(static_cast<std::size_t>(std::max(1, column[i] - width(line))), ' ') + line.trailing;
    }
    out += '\n';
  }
  return out;
}

bool Printer::blank(std::size_t i) const {
  return i > 0 && lines_[i].blank_before && !lines_[i - 1].opens_block;
}

void Printer::tok(std::string_view s, std::uint32_t end_offset) {
  cur_.text += s;
  last_end_ = std::max(last_end_, end_offset);
}

namespace {

bool word_char(char c) { return (c >= 'a' && c <= 'z') || c == '_'; }

// The source tokens that are keywords (the rest are names, numbers, strings and operators).
bool keyword_node(const Node& n) {
  return is<g::type_name>(n) || is<g::points_ref>(n) || is<g::pos_inf>(n) || is<g::grade_otherwise>(n) ||
         is<g::total_target>(n) || is<g::grade_target>(n) || is<g::aggregate_name>(n) || is<g::rounding_mode>(n) ||
         is<g::true_lit>(n) || is<g::false_lit>(n) || is<g::and_op>(n) || is<g::or_op>(n) ||
         is<g::target_section>(n) || is<g::target_indicator>(n) || is<g::removed_fact>(n) ||
         is<g::removed_function>(n) || is<g::removed_let>(n) || is<g::removed_veto>(n) || is<g::removed_require>(n);
}

}  // namespace

void Printer::put(std::string_view s) {
  if (to_ == KeywordSet::En) {
    cur_.text += s;
    return;
  }
  // Each English word in the set [to_]; a phrase that is one word there ("at least": 至少, "more is
  // better": 越高越好) as one, the longest first.
  for (std::size_t i = 0; i < s.size();) {
    if (!word_char(s[i])) {
      cur_.text += s[i++];
      continue;
    }
    const std::size_t j = longest_phrase(s, i, word_char, [&](std::string_view p) { return keyword_in(p, to_).has_value(); });
    if (j == i) {
      std::size_t end = i;
      while (end < s.size() && word_char(s[end])) ++end;
      throw std::logic_error(fmt::format("rubric fmt: no {} keyword for '{}'", keyword_set_name(to_), s.substr(i, end - i)));
    }
    const auto word = keyword_in(s.substr(i, j - i), to_);
    cur_.text += *word;
    i = j;
  }
}

void Printer::tok(const Node& n) {
  const std::string_view s = n.string_view();
  if (keyword_node(n)) {
    tok(keyword_in(s, to_).value_or(s), end(n));
    return;
  }
  if (is<g::lo_open>(n) || is<g::hi_open>(n)) {  // written half-width, whether '(' or '（'
    tok(is<g::lo_open>(n) ? "(" : ")", end(n));
    return;
  }
  // A record's field may be named by any word, keywords included (`o.points`).
  const bool field = is<g::record_field>(n) || is<g::field_name>(n) || is<g::e_field_name>(n);
  if (!field && is_reserved(s, to_)) throw KeywordClash{begin(n), end(n), std::string(s)};
  tok(s, end(n));
}

void Printer::function_name(const Node& n) {
  const std::string_view s = n.string_view();
  const auto name = keyword_in(s, to_);
  if (!name && is_reserved(s, to_)) throw KeywordClash{begin(n), end(n), std::string(s)};
  tok(name.value_or(s), end(n));
}

void Printer::pad_to(int target, int from) {
  if (target > col() - from) put(std::string(static_cast<std::size_t>(target - (col() - from)), ' '));
}

bool Printer::newline_between(std::uint32_t a, std::uint32_t b) const {
  return a < b && text_.find('\n', a) < b;
}

bool Printer::only_spaces(std::uint32_t a, std::uint32_t b) const {
  return a <= b && std::all_of(text_.begin() + a, text_.begin() + b, is_space);
}

bool Printer::blank_line_between(std::uint32_t a, std::uint32_t b) const {
  for (std::size_t nl = text_.find('\n', a); nl < b; nl = text_.find('\n', nl + 1)) {
    std::size_t i = nl + 1;
    while (i < b && is_space(text_[i])) ++i;
    if (i < b && text_[i] == '\n') return true;
  }
  return false;
}

bool Printer::comment_between(std::uint32_t a, std::uint32_t b) const {
  if (comments_ == nullptr) return false;
  return std::any_of(comments_->begin(), comments_->end(), [&](const Comment& c) { return c.begin >= a && c.begin < b; });
}

std::uint32_t Printer::find(std::uint32_t from, char c) const {
  // ',' also finds the full-width '，' of a file of Chinese keywords (grammar.hpp, punct).
  const std::string_view full = c == ',' ? "，" : "";
  std::size_t i = from;
  while (i < text_.size() && text_[i] != c && (full.empty() || text_.compare(i, full.size(), full) != 0)) {
    if (text_[i] == '#') {
      i = text_.find('\n', i);
      if (i == std::string::npos) break;
    }
    ++i;
  }
  return static_cast<std::uint32_t>(i);
}

std::uint32_t Printer::past(std::uint32_t at) const {
  if (at >= text_.size()) return at;
  return at + (static_cast<unsigned char>(text_[at]) < 0x80 ? 1 : 3);  // '，' is three bytes
}

void Printer::close() {
  if (!open_) return;
  open_ = false;
  if (comments_ == nullptr) {
    lines_.push_back(std::move(cur_));
    return;
  }
  std::vector<const Comment*> inside;
  const Comment* trailing = nullptr;
  while (next_ < comments_->size() && (*comments_)[next_].begin < last_end_) inside.push_back(&(*comments_)[next_++]);
  if (next_ < comments_->size() && only_spaces(last_end_, (*comments_)[next_].begin)) {
    trailing = &(*comments_)[next_++];
  }
  if (trailing == nullptr && inside.size() == 1) {
    trailing = inside.front();
    inside.clear();
  }
  // Swallowed comments go above the line; below it, before the next line, when the line
  // continues a JSON object (and so does the line's own, to keep the comments in order).
  if (cur_.raw && !inside.empty()) {
    deferred_.insert(deferred_.end(), inside.begin(), inside.end());
    if (trailing != nullptr) deferred_.push_back(trailing);
    inside.clear();
    trailing = nullptr;
  }
  if (trailing != nullptr) cur_.trailing = trailing->text;
  for (std::size_t i = 0; i < inside.size(); ++i) {
    lines_.push_back(Line{cur_.indent, inside[i]->text, {}, i == 0 && cur_.blank_before, true, false, false});
  }
  if (!inside.empty()) cur_.blank_before = false;
  lines_.push_back(std::move(cur_));
}

void Printer::flush_comments(std::uint32_t before, int indent, bool statement) {
  if (comments_ == nullptr) return;
  for (const Comment* c : deferred_) lines_.push_back(Line{indent, c->text, {}, false, true, false, false});
  deferred_.clear();
  while (next_ < comments_->size() && (*comments_)[next_].begin < before) {
    const Comment& c = (*comments_)[next_++];
    lines_.push_back(Line{indent, c.text, {}, statement && c.blank_before, true, false, false});
  }
}

void Printer::hoist(std::uint32_t before) {
  if (comments_ == nullptr) return;
  bool first = true;
  while (next_ < comments_->size() && (*comments_)[next_].begin < before) {
    lines_.push_back(Line{cur_.indent, (*comments_)[next_++].text, {}, first && cur_.blank_before, true, false, false});
    first = false;
  }
  if (!first) cur_.blank_before = false;
}

void Printer::newline(int indent, std::uint32_t at, bool statement) {
  close();
  flush_comments(at, indent, statement);
  cur_ = Line{};
  cur_.indent = indent;
  cur_.blank_before = statement && blank_before(text_, at);
  open_ = true;
}

void Printer::open_block(std::uint32_t brace) {
  put(" ");
  tok("{", brace + 1);
  cur_.opens_block = true;
}

void Printer::close_block(std::uint32_t brace, int inner, int outer) {
  close();
  flush_comments(brace, inner, true);
  newline(outer, brace, false);
  tok("}", brace + 1);
}

bool Printer::empty_block(std::uint32_t brace, std::uint32_t close_brace) const {
  return !comment_between(brace, close_brace);
}

void Printer::text(const Node& n) {
  if (is<g::string_lit>(n) || is<g::e_unit>(n)) {
    tok(n);
    return;
  }
  const int column = col();
  const Node* previous = nullptr;
  for (const auto& child : n.children) {
    if (!is<g::string_lit>(*child)) {
      text(*child);
      continue;
    }
    if (previous != nullptr) {
      if (newline_between(end(*previous), begin(*child))) {
        newline(column, begin(*child), false);
      } else {
        put(" ");
      }
    }
    tok(*child);
    previous = child.get();
  }
}

void Printer::name(const Node& n) {
  if (!n.children.empty() && (is<g::text>(*n.children[0]) || is<g::identifier>(*n.children[0]))) {
    if (is<g::text>(*n.children[0])) {
      text(*n.children[0]);
    } else {
      tok(*n.children[0]);
    }
    return;
  }
  if (!n.children.empty() && is<g::string_lit>(*n.children[0])) {
    text(n);
    return;
  }
  tok(n);
}

void Printer::json(const Node& n) {
  const std::string_view raw = n.string_view();
  const std::uint32_t start = begin(n);
  const std::size_t line_start = text_.rfind('\n', start == 0 ? 0 : start - 1);
  const std::size_t from = line_start == std::string::npos || start == 0 ? 0 : line_start + 1;
  const int delta = col() - unicode::display_width(std::string_view(text_).substr(from, start - from));
  hoist(start);
  std::size_t pos = 0;
  bool first = true;
  while (pos <= raw.size()) {
    std::size_t nl = raw.find('\n', pos);
    if (nl == std::string_view::npos) nl = raw.size();
    std::string_view part = raw.substr(pos, nl - pos);
    while (!part.empty() && is_space(part.back())) part.remove_suffix(1);
    if (first) {
      cur_.text += part;  // JSON, as written: not a keyword
    } else {
      std::size_t lead = 0;
      while (lead < part.size() && is_space(part[lead])) ++lead;
      newline(std::max(0, static_cast<int>(lead) + delta), start + static_cast<std::uint32_t>(pos + lead), false);
      cur_.raw = true;
      cur_.text += part.substr(lead);
    }
    first = false;
    pos = nl + 1;
  }
  last_end_ = std::max(last_end_, end(n));
}

}  // namespace rubric::formatting
