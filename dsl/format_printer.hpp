// The formatter's printer, shared by its files (see format.cpp for how it places comments):
//   format.cpp              parsing for the formatter, comments, format_source()
//   format_layout.cpp       output lines, comments and blocks; names, texts and JSON
//   format_expressions.cpp  expressions, intervals and the rule shapes
//   format_statements.cpp   declarations, statements and tests
// Internal to dsl/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>
#include <vector>

#include "base/unicode.hpp"
#include "dsl/grammar.hpp"
#include "dsl/keywords.hpp"

namespace rubric::formatting {

namespace pegtl = tao::pegtl;
namespace g = grammar;
using Node = pegtl::parse_tree::node;

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

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Whether a blank line separates [at] from whatever precedes it.
inline bool blank_before(const std::string& text, std::uint32_t at) {
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

struct Line {
  int indent = 0;  // display cells
  std::string text;
  std::string trailing;  // a comment at the end of the line
  bool blank_before = false;
  bool comment = false;      // the line is a comment of its own
  bool opens_block = false;  // ends with '{'
  bool raw = false;          // a later line of a test's JSON object: nothing may go above it
};

// A name that is a keyword in the set a file is converted to (`rubric fmt --keywords`): the
// conversion stops there, since the name would read as the keyword.
struct KeywordClash {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string name;
};

class Printer {
 public:
  // [to]: the keyword set written; the source's own, or the other when converting.
  Printer(const std::string& text, const std::vector<Comment>* comments, KeywordSet to)
      : text_(text), comments_(comments), to_(to) {}

  void file(const Node& root);
  std::string finish() const;

 private:
  // ---- Output -------------------------------------------------------------------------------

  bool blank(std::size_t i) const;
  static int width(const Line& line) { return line.indent + unicode::display_width(line.text); }

  std::uint32_t begin(const Node& n) const { return static_cast<std::uint32_t>(n.m_begin.data - text_.data()); }
  std::uint32_t end(const Node& n) const { return static_cast<std::uint32_t>(n.m_end.data - text_.data()); }

  int col() const { return cur_.indent + unicode::display_width(cur_.text); }
  // Fixed text: punctuation and English keywords, written in the set [to_].
  void put(std::string_view s);
  void tok(std::string_view s, std::uint32_t end_offset);
  // A token of the source: a keyword in the set [to_], a name as it is (KeywordClash when it is a
  // keyword there).
  void tok(const Node& n);
  // A function's name, in the set [to_] when it is a built-in's (min, 最小).
  void function_name(const Node& n);
  void pad_to(int target, int from);
  bool newline_between(std::uint32_t a, std::uint32_t b) const;
  bool only_spaces(std::uint32_t a, std::uint32_t b) const;
  bool blank_line_between(std::uint32_t a, std::uint32_t b) const;
  bool comment_between(std::uint32_t a, std::uint32_t b) const;
  // The offset of the next [c] at or after [from], skipping whitespace and comments.
  std::uint32_t find(std::uint32_t from, char c) const;
  // The offset just past the punctuation at [at] (half- or full-width).
  std::uint32_t past(std::uint32_t at) const;

  // Ends the current line, giving it the comment that directly follows its last token, and
  // placing the comments that the line swallowed (see the file comment).
  void close();

  // Writes the comments before [before] on lines of their own at [indent]. At [statement] level
  // a blank line above a comment is kept.
  void flush_comments(std::uint32_t before, int indent, bool statement);

  // Writes the comments before [before] on lines of their own above the current line: nothing
  // may follow a line that ends inside a test's JSON object.
  void hoist(std::uint32_t before);

  // Starts a line at [indent] for the token at [at]. A [statement] line keeps a blank line that
  // precedes it in the source; a continuation line (the rest of an expression) does not.
  void newline(int indent, std::uint32_t at, bool statement);
  void open_block(std::uint32_t brace);
  void close_block(std::uint32_t brace, int inner, int outer);
  // `{}` for a block with nothing inside, not even a comment.
  bool empty_block(std::uint32_t brace, std::uint32_t close_brace) const;

  // The width [print] gives on one line, or -1 when it takes several.
  template <typename F>
  int measure(F&& print) const {
    Printer scratch(text_, nullptr, to_);
    scratch.open_ = true;
    print(scratch);
    return scratch.lines_.empty() ? unicode::display_width(scratch.cur_.text) : -1;
  }

  // ---- Names and texts ----------------------------------------------------------------------

  // Adjacent strings, each kept as written; a line break between two of them is kept, and the
  // next string starts under the first.
  void text(const Node& n);

  // An item, member, grade or enum name: an identifier or a text.
  void name(const Node& n);

  // A JSON object of a test, kept as written. Its later lines move with its first: each keeps
  // its indentation relative to the '{'.
  void json(const Node& n);

  // ---- Expressions --------------------------------------------------------------------------

  static bool is_operator(const Node& n);
  void expr(const Node& n);

  // Operands joined by operators. A line break the source has between two operands is kept,
  // before the operator, which then stands so that the operand lines up under the first.
  void chain(const Node& n);
  void comprehension(const Node& n);
  void bound(const Node& n);
  void interval(const Node& n);

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

  void tiered(const Node& n);
  void brackets(const Node& n);
  void weighted(const Node& n);
  void judged(const Node& n);

  // `when … -> … otherwise …` on one line, or, when the source breaks a line between two arms,
  // one arm per line, every arm under the first.
  void when(const Node& n);

  // Deductions on one line, or one per line under the first when the source breaks between two
  // of them; then the amounts are padded so that `per` and `when` line up.
  void deduct(const Node& n);

  // ---- Declarations -------------------------------------------------------------------------

  void statement(const Node& n);
  void change(const Node& n);
  void evidence(const Node& n);

  // `points 10`, `points -5 to 5`
  void points(const Node& n);

  // A section or an indicator: its header line, its items one per line, two cells in.
  void node(const Node& n);

  // The items of [n] from child [first] on, one per line in a block.
  void block(const Node& n, std::size_t first, std::uint32_t brace);
  void calendar(const Node& n);
  void veto(const Node& n);

  // One fact per line, `name : type options…`; the colons of a run of one-line facts (not
  // broken by a blank line) stand in one column.
  void facts(const Node& n);
  void fact(const Node& n, int name_width);

  // A type. A record type stays on one line unless the source spreads it over several; then its
  // fields go one per line, four cells in from the line it starts on, and its '}' two.
  void type(const Node& n);
  void field(const Node& n);

  // `grade { 优 >= 90; 良 >= 80; 差 otherwise }` on one line, or one grade per line (names
  // padded so that the thresholds line up) when the source spreads it over several.
  void grades(const Node& n);

  // ---- Tests --------------------------------------------------------------------------------

  void test(const Node& n);

  // `case NAME [with {…}]`, then its expectations one per line, two cells in. The first may
  // stay on the case's line, as in `case "零" expect 结转结余率 = 2`, when the source has it there.
  void test_case(const Node& n, int indent);
  void expect(const Node& n);
  const std::string& text_;
  const std::vector<Comment>* comments_;  // null when measuring
  KeywordSet to_;
  std::size_t next_ = 0;                  // the first comment not yet written
  std::vector<const Comment*> deferred_;  // comments to write before the next line
  std::vector<Line> lines_;
  Line cur_;
  bool open_ = false;
  std::uint32_t last_end_ = 0;  // the end of the last token written
};

}  // namespace rubric::formatting
