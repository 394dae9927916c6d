// The formatter: expressions, intervals and the rule shapes. See format_printer.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>

#include "dsl/format_printer.hpp"

namespace rubric::formatting {

bool Printer::is_operator(const Node& n) {
  return is<g::mul_op>(n) || is<g::add_op>(n) || is<g::cmp_op>(n) || is<g::and_op>(n) || is<g::or_op>(n);
}

void Printer::expr(const Node& n) {
  if (is<g::number>(n) || is<g::date_lit>(n) || is<g::percent>(n) || is<g::true_lit>(n) || is<g::false_lit>(n) || is<g::points_ref>(n) ||
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
    function_name(*n.children[0]);
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

void Printer::chain(const Node& n) {
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

void Printer::comprehension(const Node& n) {
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

void Printer::bound(const Node& n) {
  if (is<g::neg_inf>(n)) {
    put("-inf");
    tok("", end(n));
  } else if (is<g::pos_inf>(n)) {
    tok(n);
  } else {
    expr(n);
  }
}

void Printer::interval(const Node& n) {
  tok(*n.children[0]);
  bound(*n.children[1]);
  put(", ");
  bound(*n.children[2]);
  tok(*n.children[3]);
}

void Printer::tiered(const Node& n) {
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

void Printer::brackets(const Node& n) {
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

void Printer::weighted(const Node& n) {
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

void Printer::judged(const Node& n) {
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

void Printer::when(const Node& n) {
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

void Printer::deduct(const Node& n) {
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
      if (is<g::until_zero>(*item.children[0]) || is<g::until_all>(*item.children[0])) {
        put("until zero");  // 扣完为止
        tok("", end(*item.children[0]));
      } else {
        put("until ");
        expr(*item.children[0]);
      }
    }
  }
}

}  // namespace rubric::formatting
