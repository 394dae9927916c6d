// The formatter: PEGTL parse tree to canonical text. See format.hpp for what it keeps and
// docs/language.md, "Formatting", for the layout.
//
// The printer builds output lines one token at a time, in source order, and tracks the source
// offset of the last token written. Comments are not in the parse tree: they are collected from
// the text beforehand, and each is placed by position. A comment before a line's first token
// goes above that line; a comment after a line's last token, on the same source line, stays at
// the end of that line; a comment inside something printed on one line (an argument list that
// the source spread over lines) goes to the end of that line or, when there are several, above
// it. Nothing is ever dropped, and the result is checked again (format_source below).
#include "dsl/format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "dsl/ast_dump.hpp"
#include "dsl/grammar.hpp"
#include "dsl/parser.hpp"
#include "base/unicode.hpp"

namespace rubric {
namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar;
using Node = pegtl::parse_tree::node;

// The parse-tree nodes the printer needs: every token with a spelling to keep, every construct
// with a layout, and the parentheses (which the syntax tree does not keep).
template <typename Rule>
using selector = pegtl::parse_tree::selector<
    Rule,
    pegtl::parse_tree::store_content::on<
        g::identifier, g::number, g::percent, g::text, g::e_text, g::string_lit, g::true_lit, g::false_lit,
        g::points_ref, g::name_ref, g::paren, g::call, g::comprehension, g::aggregate_name, g::loop_var,
        g::where_clause, g::comp_body, g::interval, g::e_interval, g::lo_closed, g::lo_open, g::hi_closed,
        g::hi_open, g::pos_inf, g::neg_inf, g::tier, g::tiered, g::bracket_cmp, g::bracket_arm, g::otherwise_arm,
        g::brackets, g::deduction, g::per_clause, g::when_clause, g::from_clause, g::until_zero, g::until_clause,
        g::deduct, g::part_label, g::part, g::weighted, g::member_name, g::band, g::judged, g::when_arm,
        g::e_otherwise, g::when_expr, g::member_access, g::e_field_name, g::negate, g::mul_op, g::add_op,
        g::cmp_op, g::not_op, g::and_op, g::or_op, g::postfix, g::multiplicative, g::additive, g::comparison,
        g::negation, g::conjunction, g::disjunction, g::expr, g::operand, g::arm_result, g::e_unary,
        g::e_multiplicative, g::e_additive, g::e_negation, g::e_conjunction, g::ruleset_name, g::scheme_name,
        g::year_number, g::header, g::e_header, g::extends_path, g::total_stmt, g::total_value, g::rounding_stmt,
        g::rounding_digits, g::rounding_mode, g::type_name, g::field_decl, g::record_field, g::record_type,
        g::list_type, g::enum_member, g::enum_type, g::fact_label, g::fact_domain, g::fact_default, g::fact_unit,
        g::e_unit, g::fact_name, g::fact_decl, g::facts_block, g::define_name, g::param, g::e_param,
        g::define_stmt, g::let_name, g::let_stmt, g::points_spec, g::e_points_spec, g::points_lo, g::points_hi,
        g::item_name, g::explain_stmt, g::standard_stmt, g::evidence_item, g::evidence_stmt, g::score_stmt,
        g::indicator, g::section, g::grade_name, g::grade_threshold, g::grade_otherwise, g::grade_arm,
        g::grade_block, g::override_stmt, g::points_override, g::target_indicator, g::target_section,
        g::remove_stmt, g::removed_name, g::add_stmt, g::add_parent, g::test_block, g::test_name, g::e_test_name,
        g::given_stmt, g::given_file, g::e_given_file, g::e_json, g::case_stmt, g::expect_stmt, g::e_expect,
        g::expect_error, g::expect_equals, g::total_target, g::grade_target, g::e_expect_code, g::e_expect_value,
        g::expect_value>>;

template <typename T>
bool is(const Node& n) {
  return n.is_type<T>();
}

struct Comment {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string text;  // from '#' to the end of the line, without trailing whitespace
  bool blank_before = false;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Whether a blank line separates [at] from whatever precedes it.
bool blank_before(const std::string& text, std::uint32_t at) {
  int newlines = 0;
  for (std::uint32_t i = at; i-- > 0;) {
    if (text[i] == '\n') {
      ++newlines;
    } else if (!is_space(text[i])) {
      break;
    }
  }
  return newlines >= 2;
}

// Every `#` comment of [text], in order: a '#' inside a string or inside one of [raw] (the JSON
// objects of tests, where '#' is an ordinary character) starts none.
std::vector<Comment> collect_comments(const std::string& text, const std::vector<Span>& raw) {
  std::vector<Comment> out;
  std::size_t next_raw = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    while (next_raw < raw.size() && raw[next_raw].end <= i) ++next_raw;
    if (next_raw < raw.size() && raw[next_raw].begin <= i) {
      i = raw[next_raw].end - 1;
      continue;
    }
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] != '\n') ++i;
      }
    } else if (c == '#') {
      std::size_t end = text.find('\n', i);
      if (end == std::string::npos) end = text.size();
      std::size_t last = end;
      while (last > i && is_space(text[last - 1])) --last;
      out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end), text.substr(i, last - i),
                     blank_before(text, static_cast<std::uint32_t>(i))});
      i = end;
    }
  }
  return out;
}

void collect_raw(const Node& n, std::vector<Span>& out, const char* base) {
  if (is<g::e_json>(n)) {
    out.push_back({static_cast<std::uint32_t>(n.m_begin.data - base), static_cast<std::uint32_t>(n.m_end.data - base)});
    return;
  }
  for (const auto& child : n.children) collect_raw(*child, out, base);
}

struct Line {
  int indent = 0;  // display cells
  std::string text;
  std::string trailing;  // a comment at the end of the line
  bool blank_before = false;
  bool comment = false;      // the line is a comment of its own
  bool opens_block = false;  // ends with '{'
  bool raw = false;          // a later line of a test's JSON object: nothing may go above it
};

class Printer {
 public:
  Printer(const std::string& text, const std::vector<Comment>* comments) : text_(text), comments_(comments) {}

  void file(const Node& root) {
    for (const auto& child : root.children) {
      newline(0, begin(*child), true);
      statement(*child);
    }
    close();
    flush_comments(std::numeric_limits<std::uint32_t>::max(), 0, true);
  }

  std::string finish() const {
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

 private:
  // ---- Output -------------------------------------------------------------------------------

  bool blank(std::size_t i) const {
    return i > 0 && lines_[i].blank_before && !lines_[i - 1].opens_block;
  }
  static int width(const Line& line) { return line.indent + unicode::display_width(line.text); }

  std::uint32_t begin(const Node& n) const { return static_cast<std::uint32_t>(n.m_begin.data - text_.data()); }
  std::uint32_t end(const Node& n) const { return static_cast<std::uint32_t>(n.m_end.data - text_.data()); }

  int col() const { return cur_.indent + unicode::display_width(cur_.text); }
  void put(std::string_view s) { cur_.text += s; }
  void tok(std::string_view s, std::uint32_t end_offset) {
    cur_.text += s;
    last_end_ = std::max(last_end_, end_offset);
  }
  void tok(const Node& n) { tok(n.string_view(), end(n)); }
  void pad_to(int target, int from) {
    if (target > col() - from) put(std::string(static_cast<std::size_t>(target - (col() - from)), ' '));
  }

  bool newline_between(std::uint32_t a, std::uint32_t b) const {
    return a < b && text_.find('\n', a) < b;
  }
  bool only_spaces(std::uint32_t a, std::uint32_t b) const {
    return a <= b && std::all_of(text_.begin() + a, text_.begin() + b, is_space);
  }
  bool blank_line_between(std::uint32_t a, std::uint32_t b) const {
    for (std::size_t nl = text_.find('\n', a); nl < b; nl = text_.find('\n', nl + 1)) {
      std::size_t i = nl + 1;
      while (i < b && is_space(text_[i])) ++i;
      if (i < b && text_[i] == '\n') return true;
    }
    return false;
  }
  bool comment_between(std::uint32_t a, std::uint32_t b) const {
    if (comments_ == nullptr) return false;
    return std::any_of(comments_->begin(), comments_->end(), [&](const Comment& c) { return c.begin >= a && c.begin < b; });
  }
  // The offset of the next [c] at or after [from], skipping whitespace and comments.
  std::uint32_t find(std::uint32_t from, char c) const {
    std::size_t i = from;
    while (i < text_.size() && text_[i] != c) {
      if (text_[i] == '#') {
        i = text_.find('\n', i);
        if (i == std::string::npos) break;
      }
      ++i;
    }
    return static_cast<std::uint32_t>(i);
  }

  // Ends the current line, giving it the comment that directly follows its last token, and
  // placing the comments that the line swallowed (see the file comment).
  void close() {
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

  // Writes the comments before [before] on lines of their own at [indent]. At [statement] level
  // a blank line above a comment is kept.
  void flush_comments(std::uint32_t before, int indent, bool statement) {
    if (comments_ == nullptr) return;
    for (const Comment* c : deferred_) lines_.push_back(Line{indent, c->text, {}, false, true, false, false});
    deferred_.clear();
    while (next_ < comments_->size() && (*comments_)[next_].begin < before) {
      const Comment& c = (*comments_)[next_++];
      lines_.push_back(Line{indent, c.text, {}, statement && c.blank_before, true, false, false});
    }
  }

  // Writes the comments before [before] on lines of their own above the current line: nothing
  // may follow a line that ends inside a test's JSON object.
  void hoist(std::uint32_t before) {
    if (comments_ == nullptr) return;
    bool first = true;
    while (next_ < comments_->size() && (*comments_)[next_].begin < before) {
      lines_.push_back(Line{cur_.indent, (*comments_)[next_++].text, {}, first && cur_.blank_before, true, false, false});
      first = false;
    }
    if (!first) cur_.blank_before = false;
  }

  // Starts a line at [indent] for the token at [at]. A [statement] line keeps a blank line that
  // precedes it in the source; a continuation line (the rest of an expression) does not.
  void newline(int indent, std::uint32_t at, bool statement) {
    close();
    flush_comments(at, indent, statement);
    cur_ = Line{};
    cur_.indent = indent;
    cur_.blank_before = statement && blank_before(text_, at);
    open_ = true;
  }

  void open_block(std::uint32_t brace) {
    put(" ");
    tok("{", brace + 1);
    cur_.opens_block = true;
  }
  void close_block(std::uint32_t brace, int inner, int outer) {
    close();
    flush_comments(brace, inner, true);
    newline(outer, brace, false);
    tok("}", brace + 1);
  }
  // `{}` for a block with nothing inside, not even a comment.
  bool empty_block(std::uint32_t brace, std::uint32_t close_brace) const {
    return !comment_between(brace, close_brace);
  }

  // The width [print] gives on one line, or -1 when it takes several.
  template <typename F>
  int measure(F&& print) const {
    Printer scratch(text_, nullptr);
    scratch.open_ = true;
    print(scratch);
    return scratch.lines_.empty() ? unicode::display_width(scratch.cur_.text) : -1;
  }

  // ---- Names and texts ----------------------------------------------------------------------

  // Adjacent strings, each kept as written; a line break between two of them is kept, and the
  // next string starts under the first.
  void text(const Node& n) {
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

  // An item, member, grade or enum name: an identifier or a text.
  void name(const Node& n) {
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

  // A JSON object of a test, kept as written. Its later lines move with its first: each keeps
  // its indentation relative to the '{'.
  void json(const Node& n) {
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
        put(part);
      } else {
        std::size_t lead = 0;
        while (lead < part.size() && is_space(part[lead])) ++lead;
        newline(std::max(0, static_cast<int>(lead) + delta), start + static_cast<std::uint32_t>(pos + lead), false);
        cur_.raw = true;
        put(part.substr(lead));
      }
      first = false;
      pos = nl + 1;
    }
    last_end_ = std::max(last_end_, end(n));
  }

  // ---- Expressions --------------------------------------------------------------------------

  static bool is_operator(const Node& n) {
    return is<g::mul_op>(n) || is<g::add_op>(n) || is<g::cmp_op>(n) || is<g::and_op>(n) || is<g::or_op>(n);
  }

  void expr(const Node& n) {
    if (is<g::number>(n) || is<g::percent>(n) || is<g::true_lit>(n) || is<g::false_lit>(n) || is<g::points_ref>(n) ||
        is<g::name_ref>(n) || is<g::identifier>(n)) {
      tok(n);
    } else if (is<g::text>(n) || is<g::e_text>(n)) {
      text(n);
    } else if ((is<g::negation>(n) || is<g::e_negation>(n)) && n.children.size() == 2) {
      put("not ");
      expr(*n.children[1]);
    } else if (is<g::negate>(n)) {
      put("-");
      expr(*n.children[0]);
    } else if (is<g::postfix>(n)) {
      expr(*n.children[0]);
      for (std::size_t i = 1; i < n.children.size(); ++i) {
        put(".");
        tok(*n.children[i]->children[0]);
      }
    } else if (is<g::paren>(n)) {
      put("(");
      expr(*n.children[0]);
      tok(")", end(n));
    } else if (is<g::call>(n)) {
      tok(*n.children[0]);
      put("(");
      for (std::size_t i = 1; i < n.children.size(); ++i) {
        if (i > 1) put(", ");
        expr(*n.children[i]);
      }
      tok(")", end(n));
    } else if (is<g::comprehension>(n)) {
      comprehension(n);
    } else if (is<g::interval>(n) || is<g::e_interval>(n)) {
      interval(n);
    } else if (is<g::tiered>(n)) {
      tiered(n);
    } else if (is<g::brackets>(n)) {
      brackets(n);
    } else if (is<g::deduct>(n)) {
      deduct(n);
    } else if (is<g::weighted>(n)) {
      weighted(n);
    } else if (is<g::judged>(n)) {
      judged(n);
    } else if (is<g::when_expr>(n)) {
      when(n);
    } else if (n.children.size() == 1) {
      expr(*n.children[0]);
    } else if (n.children.size() >= 3 && is_operator(*n.children[1])) {
      chain(n);
    } else {
      throw std::logic_error(fmt::format("rubric fmt: unexpected syntax node {}", n.type));
    }
  }

  // Operands joined by operators. A line break the source has between two operands is kept,
  // before the operator, which then stands so that the operand lines up under the first.
  void chain(const Node& n) {
    const int column = col();
    expr(*n.children[0]);
    for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
      const Node& op = *n.children[i];
      const Node& rhs = *n.children[i + 1];
      if (newline_between(end(*n.children[i - 1]), begin(rhs))) {
        const int op_width = unicode::display_width(op.string_view());
        newline(std::max(0, column - op_width - 1), begin(op), false);
        tok(op);
        put(" ");
      } else {
        put(" ");
        tok(op);
        put(" ");
      }
      expr(rhs);
    }
  }

  void comprehension(const Node& n) {
    tok(*n.children[0]);
    put("(");
    tok(*n.children[1]);
    put(" in ");
    expr(*n.children[2]);
    for (std::size_t i = 3; i < n.children.size(); ++i) {
      const Node& clause = *n.children[i];
      put(is<g::where_clause>(clause) ? " where " : ": ");
      expr(*clause.children[0]);
    }
    tok(")", end(n));
  }

  void bound(const Node& n) {
    if (is<g::neg_inf>(n)) {
      tok("-inf", end(n));
    } else if (is<g::pos_inf>(n)) {
      tok(n);
    } else {
      expr(n);
    }
  }
  void interval(const Node& n) {
    tok(*n.children[0]);
    bound(*n.children[1]);
    put(", ");
    bound(*n.children[2]);
    tok(*n.children[3]);
  }

  // The arms of a block (tiers, brackets, parts, bands): one per line, two cells in from the
  // line that opened the block, with the '->' of every arm in one column. [head] prints what
  // stands before the arrow (nothing for an unaligned arm), [rest] the arm's value.
  template <typename Head, typename Rest>
  void arms(const std::vector<const Node*>& items, std::uint32_t brace, std::uint32_t close_brace, Head head,
            Rest rest) {
    open_block(brace);
    const int outer = cur_.indent;
    const int inner = outer + 2;
    int widest = 0;
    for (const Node* item : items) {
      bool aligned = false;
      const int w = measure([&](Printer& p) { aligned = head(p, *item); });
      if (aligned) widest = std::max(widest, w);
    }
    for (const Node* item : items) {
      newline(inner, begin(*item), true);
      const int from = col();
      const bool aligned = head(*this, *item);
      if (aligned) pad_to(widest, from);
      rest(*this, *item);
    }
    close_block(close_brace, inner, outer);
  }

  void tiered(const Node& n) {
    put("tiered ");
    expr(*n.children[0]);
    std::vector<const Node*> tiers;
    for (std::size_t i = 1; i < n.children.size(); ++i) tiers.push_back(n.children[i].get());
    arms(
        tiers, find(end(*n.children[0]), '{'), end(n) - 1,
        [](Printer& p, const Node& tier) {
          p.interval(*tier.children[0]);
          return true;
        },
        [](Printer& p, const Node& tier) {
          p.put(" -> ");
          p.expr(*tier.children[1]);
        });
  }

  void brackets(const Node& n) {
    put("brackets ");
    expr(*n.children[0]);
    std::vector<const Node*> items;
    for (std::size_t i = 1; i < n.children.size(); ++i) items.push_back(n.children[i].get());
    arms(
        items, find(end(*n.children[0]), '{'), end(n) - 1,
        [](Printer& p, const Node& arm) {
          if (is<g::otherwise_arm>(arm)) {
            p.put("otherwise");
            return false;
          }
          p.tok(*arm.children[0]);
          p.put(" ");
          p.expr(*arm.children[1]);
          return true;
        },
        [](Printer& p, const Node& arm) {
          p.put(" -> ");
          p.expr(*arm.children.back());
        });
  }

  void weighted(const Node& n) {
    put("weighted");
    std::vector<const Node*> parts;
    for (const auto& child : n.children) parts.push_back(child.get());
    arms(
        parts, find(begin(n), '{'), end(n) - 1,
        [](Printer& p, const Node& part) {
          p.expr(*part.children[0]);
          if (is<g::part_label>(*part.children[1])) {
            p.put(" ");
            p.text(*part.children[1]);
          }
          return true;
        },
        [](Printer& p, const Node& part) {
          p.put(" -> ");
          p.expr(*part.children.back());
        });
  }

  void judged(const Node& n) {
    put("judged ");
    expr(*n.children[0]);
    put(" by ");
    expr(*n.children[1]);
    std::vector<const Node*> bands;
    for (std::size_t i = 2; i < n.children.size(); ++i) bands.push_back(n.children[i].get());
    arms(
        bands, find(end(*n.children[1]), '{'), end(n) - 1,
        [](Printer& p, const Node& band) {
          p.name(*band.children[0]);
          return true;
        },
        [](Printer& p, const Node& band) {
          p.put(" -> ");
          p.expr(*band.children[1]);
        });
  }

  // `when … -> … otherwise …` on one line, or, when the source breaks a line between two arms,
  // one arm per line, every arm under the first.
  void when(const Node& n) {
    const int column = col();
    bool vertical = false;
    for (std::size_t i = 1; i < n.children.size(); ++i) {
      vertical = vertical || newline_between(end(*n.children[i - 1]), begin(*n.children[i]));
    }
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      const Node& arm = *n.children[i];
      if (i > 0) {
        if (vertical) {
          newline(column, begin(arm), false);
        } else {
          put(" ");
        }
      }
      if (is<g::when_arm>(arm)) {
        put("when ");
        expr(*arm.children[0]);
        put(" -> ");
        expr(*arm.children[1]);
      } else {
        put("otherwise ");
        expr(*arm.children[0]);
      }
    }
  }

  // Deductions on one line, or one per line under the first when the source breaks between two
  // of them; then the amounts are padded so that `per` and `when` line up.
  void deduct(const Node& n) {
    const int column = col();
    bool vertical = false;
    for (std::size_t i = 1; i < n.children.size(); ++i) {
      vertical = vertical || newline_between(end(*n.children[i - 1]), begin(*n.children[i]));
    }
    int widest = 0;
    if (vertical) {
      for (const auto& item : n.children) {
        if (is<g::deduction>(*item) && item->children.size() > 1) {
          widest = std::max(widest, measure([&](Printer& p) { p.expr(*item->children[0]); }));
        }
      }
    }
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      const Node& item = *n.children[i];
      if (i > 0) {
        if (vertical) {
          newline(column, begin(item), false);
        } else {
          put(" ");
        }
      }
      if (is<g::deduction>(item)) {
        put("deduct ");
        const int from = col();
        expr(*item.children[0]);
        if (item.children.size() > 1) {
          if (vertical) pad_to(widest, from);
          const Node& clause = *item.children[1];
          put(is<g::per_clause>(clause) ? " per " : " when ");
          expr(*clause.children[0]);
        }
      } else if (is<g::from_clause>(item)) {
        put("from ");
        expr(*item.children[0]);
      } else {
        put("until ");
        if (is<g::until_zero>(*item.children[0])) {
          tok(*item.children[0]);
        } else {
          expr(*item.children[0]);
        }
      }
    }
  }

  // ---- Declarations -------------------------------------------------------------------------

  void statement(const Node& n) {
    if (is<g::e_header>(n) || is<g::header>(n)) {
      put("ruleset ");
      text(*n.children[0]);
      put(" scheme ");
      tok(*n.children[1]);
      put(" year ");
      tok(*n.children[2]);
      if (n.children.size() > 3) {
        put(" extends ");
        text(*n.children[3]);
      }
    } else if (is<g::total_stmt>(n)) {
      put("total ");
      tok(*n.children[0]);
    } else if (is<g::rounding_stmt>(n)) {
      put("rounding ");
      tok(*n.children[0]);
      put(" ");
      tok(*n.children[1]);
    } else if (is<g::facts_block>(n)) {
      facts(n);
    } else if (is<g::define_stmt>(n)) {
      put("define ");
      tok(*n.children[0]);
      put("(");
      for (std::size_t i = 1; i + 1 < n.children.size(); ++i) {
        if (i > 1) put(", ");
        tok(*n.children[i]);
      }
      put(") = ");
      expr(*n.children.back());
    } else if (is<g::let_stmt>(n)) {
      put("let ");
      tok(*n.children[0]);
      put(" = ");
      expr(*n.children[1]);
    } else if (is<g::section>(n) || is<g::indicator>(n)) {
      node(n);
    } else if (is<g::grade_block>(n)) {
      grades(n);
    } else if (is<g::override_stmt>(n)) {
      put("override ");
      const Node& target = *n.children[0];
      if (is<g::points_override>(target)) {
        tok(*target.children[0]);
        put(" ");
        name(*target.children[1]);
        put(" ");
        points(*target.children[2]);
      } else {
        node(target);
      }
    } else if (is<g::remove_stmt>(n)) {
      put("remove ");
      name(*n.children[0]);
    } else if (is<g::add_stmt>(n)) {
      put("add ");
      if (n.children.size() > 1) {
        put("in ");
        name(*n.children[0]);
        put(" ");
      }
      node(*n.children.back());
    } else if (is<g::test_block>(n)) {
      test(n);
    } else if (is<g::explain_stmt>(n) || is<g::standard_stmt>(n)) {
      put(is<g::explain_stmt>(n) ? "explain " : "standard ");
      text(*n.children[0]);
    } else if (is<g::evidence_stmt>(n)) {
      put("evidence ");
      const int column = col();
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        if (i > 0) {
          tok(",", find(end(*n.children[i - 1]), ',') + 1);
          if (newline_between(end(*n.children[i - 1]), begin(*n.children[i]))) {
            newline(column, begin(*n.children[i]), false);
          } else {
            put(" ");
          }
        }
        text(*n.children[i]);
      }
    } else if (is<g::score_stmt>(n)) {
      put("score ");
      expr(*n.children[0]);
    } else {
      throw std::logic_error(fmt::format("rubric fmt: unexpected statement {}", n.type));
    }
  }

  // `points 10`, `points -5 to 5`
  void points(const Node& n) {
    put("points ");
    tok(*n.children[0]);
    if (n.children.size() > 1) {
      put(" to ");
      tok(*n.children[1]);
    }
  }

  // A section or an indicator: its header line, its items one per line, two cells in.
  void node(const Node& n) {
    put(is<g::section>(n) ? "section " : "indicator ");
    name(*n.children[0]);
    put(" ");
    points(*n.children[1]);
    block(n, 2, find(end(*n.children[1]), '{'));
  }

  // The items of [n] from child [first] on, one per line in a block.
  void block(const Node& n, std::size_t first, std::uint32_t brace) {
    const std::uint32_t close_brace = end(n) - 1;
    if (n.children.size() <= first && empty_block(brace, close_brace)) {
      put(" {}");
      last_end_ = std::max(last_end_, end(n));
      return;
    }
    open_block(brace);
    const int outer = cur_.indent;
    const int inner = outer + 2;
    for (std::size_t i = first; i < n.children.size(); ++i) {
      newline(inner, begin(*n.children[i]), true);
      statement(*n.children[i]);
    }
    close_block(close_brace, inner, outer);
  }

  // One fact per line, `name : type options…`; the colons of a run of one-line facts (not
  // broken by a blank line) stand in one column.
  void facts(const Node& n) {
    put("facts");
    const std::uint32_t brace = find(begin(n), '{');
    const std::uint32_t close_brace = end(n) - 1;
    if (n.children.empty() && empty_block(brace, close_brace)) {
      put(" {}");
      last_end_ = std::max(last_end_, end(n));
      return;
    }
    open_block(brace);
    const int outer = cur_.indent;
    const int inner = outer + 2;
    std::vector<int> name_width(n.children.size(), -1);
    for (std::size_t first = 0; first < n.children.size();) {
      std::size_t last = first;
      int widest = 0;
      while (last < n.children.size()) {
        const Node& fact = *n.children[last];
        if (last > first && blank_line_between(end(*n.children[last - 1]), begin(fact))) break;
        if (measure([&](Printer& p) { p.fact(fact, 0); }) < 0) {
          if (last == first) ++last;
          break;
        }
        widest = std::max(widest, unicode::display_width(fact.children[0]->string_view()));
        ++last;
      }
      for (std::size_t i = first; i < last; ++i) name_width[i] = widest;
      first = last;
    }
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      newline(inner, begin(*n.children[i]), true);
      fact(*n.children[i], name_width[i]);
    }
    close_block(close_brace, inner, outer);
  }

  void fact(const Node& n, int name_width) {
    const int indent = cur_.indent;
    const int from = col();
    tok(*n.children[0]);
    pad_to(name_width, from);
    put(" : ");
    type(*n.children[1]);
    for (std::size_t i = 2; i < n.children.size(); ++i) {
      const Node& option = *n.children[i];
      if (newline_between(end(*n.children[i - 1]), begin(option))) {
        newline(indent + 2, begin(option), false);
      } else {
        put(" ");
      }
      if (is<g::fact_label>(option)) {
        text(option);
      } else if (is<g::fact_domain>(option)) {
        put("in ");
        interval(*option.children[0]);
      } else if (is<g::fact_default>(option)) {
        put("default ");
        expr(*option.children[0]);
      } else {
        put("unit ");
        text(*option.children[0]);
      }
    }
  }

  // A type. A record type stays on one line unless the source spreads it over several; then its
  // fields go one per line, four cells in from the line it starts on, and its '}' two.
  void type(const Node& n) {
    if (is<g::list_type>(n)) {
      put("list of ");
      type(*n.children[0]);
    } else if (is<g::enum_type>(n)) {
      put("enum { ");
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        if (i > 0) put(", ");
        name(*n.children[i]);
      }
      tok(" }", end(n));
    } else if (is<g::record_type>(n)) {
      if (!newline_between(begin(n), end(n))) {
        put("{ ");
        for (std::size_t i = 0; i < n.children.size(); ++i) {
          if (i > 0) put(", ");
          field(*n.children[i]);
        }
        tok(" }", end(n));
        return;
      }
      const int indent = cur_.indent;
      tok("{", begin(n) + 1);
      cur_.opens_block = true;
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        newline(indent + 4, begin(*n.children[i]), true);
        field(*n.children[i]);
        if (i + 1 < n.children.size()) tok(",", find(end(*n.children[i]), ',') + 1);
      }
      close_block(end(n) - 1, indent + 4, indent + 2);
    } else {
      tok(n);
    }
  }

  void field(const Node& n) {
    tok(*n.children[0]);
    put(": ");
    type(*n.children[1]);
    if (n.children.size() > 2) {
      put(" in ");
      interval(*n.children[2]->children[0]);
    }
  }

  // `grade { 优 >= 90; 良 >= 80; 差 otherwise }` on one line, or one grade per line (names
  // padded so that the thresholds line up) when the source spreads it over several.
  void grades(const Node& n) {
    put("grade");
    const std::uint32_t brace = find(begin(n), '{');
    const std::uint32_t close_brace = end(n) - 1;
    const auto arm = [](Printer& p, const Node& a, int name_width) {
      const int from = p.col();
      p.name(*a.children[0]);
      p.pad_to(name_width, from);
      if (is<g::grade_threshold>(*a.children[1])) {
        p.put(" >= ");
        p.tok(*a.children[1]);
      } else {
        p.put(" ");
        p.tok(*a.children[1]);
      }
    };
    if (n.children.empty() && empty_block(brace, close_brace)) {
      put(" {}");
      last_end_ = std::max(last_end_, end(n));
      return;
    }
    if (!newline_between(brace, close_brace)) {
      put(" { ");
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        if (i > 0) put("; ");
        arm(*this, *n.children[i], 0);
      }
      tok(" }", end(n));
      return;
    }
    int widest = 0;
    for (const auto& a : n.children) {
      widest = std::max(widest, measure([&](Printer& p) { p.name(*a->children[0]); }));
    }
    open_block(brace);
    const int outer = cur_.indent;
    for (const auto& a : n.children) {
      newline(outer + 2, begin(*a), true);
      arm(*this, *a, widest);
    }
    close_block(close_brace, outer + 2, outer);
  }

  // ---- Tests --------------------------------------------------------------------------------

  void test(const Node& n) {
    put("test ");
    text(*n.children[0]);
    const std::uint32_t brace = find(end(*n.children[0]), '{');
    const std::uint32_t close_brace = end(n) - 1;
    if (n.children.size() <= 1 && empty_block(brace, close_brace)) {
      put(" {}");
      last_end_ = std::max(last_end_, end(n));
      return;
    }
    open_block(brace);
    const int outer = cur_.indent;
    const int inner = outer + 2;
    for (std::size_t i = 1; i < n.children.size(); ++i) {
      const Node& item = *n.children[i];
      newline(inner, begin(item), true);
      if (is<g::given_stmt>(item)) {
        put("given ");
        for (const auto& part : item.children) {
          if (is<g::e_given_file>(*part)) {
            put("file ");
            text(*part);
          } else {
            if (item.children.size() > 1) put(" with ");
            json(*part);
          }
        }
      } else if (is<g::case_stmt>(item)) {
        test_case(item, inner + 2);
      } else {
        expect(item);
      }
    }
    close_block(close_brace, inner, outer);
  }

  // `case NAME [with {…}]`, then its expectations one per line, two cells in. The first may
  // stay on the case's line, as in `case "零" expect 结转结余率 = 2`, when the source has it there.
  void test_case(const Node& n, int indent) {
    put("case ");
    text(*n.children[0]);
    std::size_t i = 1;
    if (i < n.children.size() && is<g::e_json>(*n.children[i])) {
      put(" with ");
      json(*n.children[i]);
      ++i;
    }
    for (bool first = true; i < n.children.size(); ++i, first = false) {
      const Node& e = *n.children[i];
      if (first && !newline_between(end(*n.children[i - 1]), begin(e))) {
        put(" ");
      } else {
        newline(indent, begin(e), true);
      }
      expect(e);
    }
  }

  void expect(const Node& n) {
    put("expect ");
    const Node& what = *n.children.back();
    if (n.children.size() > 1) {
      const Node& target = *n.children[0];
      if (is<g::total_target>(target) || is<g::grade_target>(target)) {
        tok(target);
      } else {
        name(target);
      }
      put(" ");
    }
    if (is<g::expect_error>(what)) {
      put("error ");
      tok(*what.children[0]);
    } else {
      put("= ");
      const Node& value = *what.children[0];
      if (!value.children.empty() && is<g::text>(*value.children[0])) {
        text(*value.children[0]);
      } else {
        tok(value);
      }
    }
  }

  const std::string& text_;
  const std::vector<Comment>* comments_;  // null when measuring
  std::size_t next_ = 0;                  // the first comment not yet written
  std::vector<const Comment*> deferred_;  // comments to write before the next line
  std::vector<Line> lines_;
  Line cur_;
  bool open_ = false;
  std::uint32_t last_end_ = 0;  // the end of the last token written
};

template <typename Grammar>
std::unique_ptr<Node> parse_tree(const SourceFile& source) {
  pegtl::memory_input in(source.text(), source.path());
  return pegtl::parse_tree::parse<Grammar, selector>(in);
}

std::string first_word(const std::string& text) {
  std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  while (i < text.size()) {
    if (text[i] == '#') {
      i = text.find('\n', i);
      if (i == std::string::npos) return "";
    } else if (!is_space(text[i]) && text[i] != '\n') {
      break;
    }
    ++i;
  }
  std::size_t end = i;
  while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end])) != 0) ++end;
  return text.substr(i, end - i);
}

std::vector<std::string> comment_texts(const std::string& text, const Node& root) {
  std::vector<Span> raw;
  collect_raw(root, raw, text.data());
  std::vector<std::string> out;
  for (const Comment& c : collect_comments(text, raw)) out.push_back(c.text);
  return out;
}

}  // namespace

bool is_test_file(const std::string& path) {
  constexpr std::string_view kSuffix = ".test.rubric";
  return path.size() >= kSuffix.size() && path.compare(path.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

FormatResult format_source(const SourcePtr& source, SourceKind kind) {
  FormatResult result;
  if (kind == SourceKind::Auto) {
    const std::string& path = source->path();
    const bool rubric_file = path.size() >= 7 && path.compare(path.size() - 7, 7, ".rubric") == 0;
    if (is_test_file(path)) {
      kind = SourceKind::Tests;
    } else if (rubric_file) {
      kind = SourceKind::Ruleset;
    } else {
      kind = first_word(source->text()) == "test" ? SourceKind::Tests : SourceKind::Ruleset;
    }
  }
  const bool tests = kind == SourceKind::Tests;
  ParseResult parsed = tests ? parse_tests(source) : parse(source);
  if (parsed.diagnostics.has_errors() || !parsed.ruleset) {
    result.diagnostics = std::move(parsed.diagnostics);
    return result;
  }
  const auto internal = [&](const std::string& what) {
    result.diagnostics.error("E0001", Location{source, std::nullopt, {}, {}}, "internal: " + what).help =
        "the file was left as it is; please report this with the file";
    return result;
  };

  std::string out;
  std::vector<std::string> comments;
  try {
    const std::unique_ptr<Node> root = tests ? parse_tree<g::test_file>(*source) : parse_tree<g::file>(*source);
    if (!root) return internal("the formatter could not parse the file");
    std::vector<Span> raw;
    collect_raw(*root, raw, source->text().data());
    const std::vector<Comment> all = collect_comments(source->text(), raw);
    for (const Comment& c : all) comments.push_back(c.text);
    Printer printer(source->text(), &all);
    printer.file(*root);
    out = printer.finish();
  } catch (const std::exception& e) {
    return internal(e.what());
  }
  if (out == "\n") out.clear();

  // The safety net: the result must parse to the same tree, with the same comments.
  const auto again = std::make_shared<SourceFile>(source->path(), out);
  ParseResult reparsed = tests ? parse_tests(again) : parse(again);
  if (reparsed.diagnostics.has_errors() || !reparsed.ruleset) {
    return internal("the formatted text does not parse:\n" + render(reparsed.diagnostics, false));
  }
  if (ast::dump(*reparsed.ruleset) != ast::dump(*parsed.ruleset)) {
    return internal("formatting would change the syntax tree");
  }
  try {
    const std::unique_ptr<Node> root = tests ? parse_tree<g::test_file>(*again) : parse_tree<g::file>(*again);
    if (!root) return internal("the formatted text does not parse");
    const std::vector<std::string> kept = comment_texts(again->text(), *root);
    if (kept != comments) {
      const auto lost = std::mismatch(comments.begin(), comments.end(), kept.begin(), kept.end()).first;
      return internal(fmt::format("formatting would lose the comment '{}'", lost == comments.end() ? "" : *lost));
    }
  } catch (const std::exception& e) {
    return internal(e.what());
  }
  result.diagnostics = std::move(parsed.diagnostics);
  result.text = std::move(out);
  return result;
}

}  // namespace rubric
