// The formatter: declarations, statements and tests. See format_printer.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>

#include "dsl/format_printer.hpp"

namespace rubric::formatting {

void Printer::statement(const Node& n) {
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
    function_name(*n.children[0]);
    put("(");
    for (std::size_t i = 1; i + 1 < n.children.size(); ++i) {
      if (is<g::param_label>(*n.children[i])) {
        put(" ");
        text(*n.children[i]);
        continue;
      }
      if (i > 1) put(", ");
      tok(*n.children[i]);
    }
    put(") = ");
    expr(*n.children.back());
  } else if (is<g::let_stmt>(n)) {
    put("let ");
    tok(*n.children[0]);
    if (is<g::let_label>(*n.children[1])) {
      put(" ");
      text(*n.children[1]);
    }
    put(" = ");
    expr(*n.children.back());
  } else if (is<g::section>(n) || is<g::indicator>(n)) {
    node(n);
  } else if (is<g::calendar_block>(n) || is<g::calendar_holiday>(n) || is<g::calendar_workday>(n)) {
    calendar(n);
  } else if (is<g::choose_stmt>(n)) {
    put("choose ");
    tok(*n.children[0]);
    block(n, 1, find(end(*n.children[0]), '{'));
  } else if (is<g::grade_block>(n)) {
    grades(n);
  } else if (is<g::veto_stmt>(n)) {
    veto(n);
  } else if (is<g::override_stmt>(n) || is<g::remove_stmt>(n) || is<g::add_stmt>(n)) {
    change(n);
  } else if (is<g::test_block>(n)) {
    test(n);
  } else if (is<g::explain_stmt>(n) || is<g::standard_stmt>(n)) {
    put(is<g::explain_stmt>(n) ? "explain " : "standard ");
    text(*n.children[0]);
  } else if (is<g::evidence_stmt>(n)) {
    evidence(n);
  } else if (is<g::score_stmt>(n)) {
    put("score ");
    expr(*n.children[0]);
  } else if (is<g::applies_stmt>(n)) {
    put("applies when ");
    expr(*n.children[0]);
    if (n.children.size() > 1) put(is<g::applies_full>(*n.children[1]) ? " otherwise full" : " otherwise shared");
  } else {
    throw std::logic_error(fmt::format("rubric fmt: unexpected statement {}", n.type));
  }
}

// `veto "…" when C -> zero, grade 差`
void Printer::veto(const Node& n) {
  put("veto ");
  text(*n.children[0]);
  put(" when ");
  expr(*n.children[1]);
  put(" -> ");
  for (std::size_t i = 2; i < n.children.size(); ++i) {
    if (i > 2) put(", ");
    if (is<g::veto_zero>(*n.children[i])) {
      put("zero");
    } else {
      put("grade ");
      name(*n.children[i]->children[0]);
    }
  }
}

// `calendar YEAR { … }`, and its `holiday DATE [to DATE]` and `workday …` lines.
void Printer::calendar(const Node& n) {
  if (is<g::calendar_block>(n)) {
    put("calendar ");
    tok(*n.children[0]);
    block(n, 1, find(end(*n.children[0]), '{'));
    return;
  }
  put(is<g::calendar_holiday>(n) ? "holiday " : "workday ");
  const Node& days = *n.children[0];
  tok(*days.children[0]);
  if (days.children.size() > 1) {
    put(" to ");
    tok(*days.children[1]);
  }
}

// `override …`, `remove …`, `add [in SECTION] …`: a change an extending ruleset makes.
void Printer::change(const Node& n) {
  if (is<g::override_stmt>(n)) {
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
    if (n.children.size() > 1 && is<g::removed_text>(*n.children[1])) {
      tok(*n.children[0]);
      put(" ");
      text(*n.children[1]);
    } else if (n.children.size() > 1) {
      tok(*n.children[0]);
      put(" ");
      tok(*n.children[1]);
    } else {
      name(*n.children[0]);
    }
  } else if (is<g::add_stmt>(n)) {
    put("add ");
    if (n.children.size() > 1) {
      put("in ");
      name(*n.children[0]);
      put(" ");
    }
    node(*n.children.back());
  }
}

// `evidence "a", "b"`: a line break the source has after a comma is kept, the next text under the
// first.
void Printer::evidence(const Node& n) {
  put("evidence ");
  const int column = col();
  for (std::size_t i = 0; i < n.children.size(); ++i) {
    if (i > 0) {
      tok(",", past(find(end(*n.children[i - 1]), ',')));
      if (newline_between(end(*n.children[i - 1]), begin(*n.children[i]))) {
        newline(column, begin(*n.children[i]), false);
      } else {
        put(" ");
      }
    }
    text(*n.children[i]);
  }
}

void Printer::points(const Node& n) {
  put("points ");
  tok(*n.children[0]);
  if (n.children.size() > 1) {
    put(" to ");
    tok(*n.children[1]);
  }
}

void Printer::node(const Node& n) {
  const std::size_t first = is<g::section_extra>(*n.children[0]) ? 1 : 0;
  if (first == 1) put("extra ");
  put(is<g::section>(n) ? "section " : "indicator ");
  name(*n.children[first]);
  put(" ");
  points(*n.children[first + 1]);
  std::size_t body = first + 2;
  if (body < n.children.size() && is<g::section_shared>(*n.children[body])) {
    const Node& shared = *n.children[body++];
    put(" shared");
    if (!shared.children.empty()) {
      put(" at least ");
      tok(*shared.children[0]);
    }
  }
  block(n, body, find(end(*n.children[body - 1]), '{'));
}

void Printer::block(const Node& n, std::size_t first, std::uint32_t brace) {
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

void Printer::facts(const Node& n) {
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
      if (is<g::require_stmt>(fact)) {  // a requirement is not aligned with the facts
        if (last == first) ++last;
        break;
      }
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
    if (is<g::require_stmt>(*n.children[i])) {
      const Node& r = *n.children[i];
      put("require ");
      text(*r.children[0]);
      put(":");
      // A condition on the next line stays there, under the word `require` plus two.
      if (newline_between(end(*r.children[0]), begin(*r.children[1]))) {
        newline(inner + 2, begin(*r.children[1]), false);
      } else {
        put(" ");
      }
      expr(*r.children[1]);
      continue;
    }
    fact(*n.children[i], name_width[i]);
  }
  close_block(close_brace, inner, outer);
}

void Printer::fact(const Node& n, int name_width) {
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
      if (is<g::empty_list>(*option.children[0])) {
        put("[]");
      } else {
        expr(*option.children[0]);
      }
    } else if (is<g::fact_fixed>(option)) {
      put("fixed");
    } else if (is<g::more_is_better>(option) || is<g::more_is_worse>(option)) {
      put(is<g::more_is_better>(option) ? "more is better" : "more is worse");
    } else {
      put("unit ");
      text(*option.children[0]);
    }
  }
}

void Printer::type(const Node& n) {
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
      if (i + 1 < n.children.size()) tok(",", past(find(end(*n.children[i]), ',')));
    }
    close_block(end(n) - 1, indent + 4, indent + 2);
  } else {
    tok(n);
  }
}

void Printer::field(const Node& n) {
  tok(*n.children[0]);
  put(": ");
  type(*n.children[1]);
  for (std::size_t i = 2; i < n.children.size(); ++i) {
    put(" ");
    if (is<g::field_label>(*n.children[i])) {
      text(*n.children[i]);
    } else if (is<g::fact_fixed>(*n.children[i])) {
      put("fixed");
    } else if (is<g::more_is_better>(*n.children[i]) || is<g::more_is_worse>(*n.children[i])) {
      put(is<g::more_is_better>(*n.children[i]) ? "more is better" : "more is worse");
    } else {
      put("in ");
      interval(*n.children[i]->children[0]);
    }
  }
}

void Printer::grades(const Node& n) {
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
      if (a.children.size() > 2) {
        const Node& unless = *a.children[2];
        p.put(" unless any indicator ");
        if (unless.children.size() > 1) {
          p.put("in ");
          p.name(*unless.children[0]);
          p.put(" ");
        }
        p.put("below ");
        p.tok(*unless.children.back());
      }
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

void Printer::test(const Node& n) {
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
    } else if (is<g::prior_stmt>(item)) {
      put("prior ");
      if (is<g::e_prior_file>(*item.children[0])) {
        put("file ");
        text(*item.children[0]);
      } else {
        json(*item.children[0]);
      }
    } else if (is<g::cohort_stmt>(item)) {
      put("cohort file ");
      text(*item.children[0]);
    } else if (is<g::case_stmt>(item)) {
      test_case(item, inner + 2);
    } else {
      expect(item);
    }
  }
  close_block(close_brace, inner, outer);
}

void Printer::test_case(const Node& n, int indent) {
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

void Printer::expect(const Node& n) {
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

}  // namespace rubric::formatting
