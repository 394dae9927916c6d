// Building expressions: parse-tree nodes to ast::Expr. See builder.hpp.
#include <fmt/format.h>

#include <array>
#include <stdexcept>

#include "dsl/builder.hpp"
#include "base/messages.hpp"
#include "dsl/parser.hpp"

namespace rubric::parsing {

std::string Builder::text_value(const Node& n) const {
  // A text node holds one or more adjacent string literals; each is unescaped and joined.
  std::string out;
  auto append = [&](const Node& lit) {
    const std::string_view raw = lit.string_view();
    for (std::size_t i = 1; i + 1 < raw.size(); ++i) {
      if (raw[i] == '\\' && i + 2 < raw.size()) {
        const char c = raw[++i];
        out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
      } else {
        out += raw[i];
      }
    }
  };
  if (is<g::string_lit>(n) || is<g::e_unit>(n)) {
    append(n);
  } else {
    for (const auto& child : n.children) {
      if (is<g::string_lit>(*child)) {
        append(*child);
      } else {
        out += text_value(*child);
      }
    }
  }
  return out;
}

Decimal Builder::number_value(const Node& n, bool percent) {
  std::string_view digits = n.string_view();
  if (percent) digits.remove_suffix(1);
  try {
    const auto value = Decimal::parse(digits);
    if (!value) {
      error("E0003", span(n), tr_format("malformed number '{}'", n.string_view()));
      return {};
    }
    return percent ? *value / Decimal::from_int(100) : *value;
  } catch (const DecimalError& e) {
    error("E0003", span(n), tr_format("number '{}' cannot be held exactly", n.string_view())).help =
        std::string(tr("numbers have at most 38 significant digits and 24 decimals (see docs/decimals.md)"));
    return {};
  }
}

std::string Builder::name_value(const Node& n) const {
  if (n.children.empty()) return n.string();
  const Node& inner = *n.children.front();
  if (is<g::identifier>(inner)) return inner.string();
  return text_value(inner);
}

ast::BinaryOp binary_op(std::string_view op) {
  static constexpr std::array<std::pair<std::string_view, ast::BinaryOp>, 12> kOps = {{
      {"+", ast::BinaryOp::Add},
      {"-", ast::BinaryOp::Sub},
      {"*", ast::BinaryOp::Mul},
      {"/", ast::BinaryOp::Div},
      {"<", ast::BinaryOp::Lt},
      {"<=", ast::BinaryOp::Le},
      {">", ast::BinaryOp::Gt},
      {">=", ast::BinaryOp::Ge},
      {"==", ast::BinaryOp::Eq},
      {"!=", ast::BinaryOp::Ne},
      {"and", ast::BinaryOp::And},
      {"or", ast::BinaryOp::Or},
  }};
  op = canonical_name(op);  // 且, 或
  for (const auto& [text, value] : kOps) {
    if (text == op) return value;
  }
  // The grammar matched an operator this table lacks: a bug, never a guess at which one.
  throw std::logic_error(fmt::format("the operator '{}' has no meaning in the syntax tree", op));
}


bool Builder::too_long(const Node& n, std::size_t operands) {
  if (chained_ + operands <= kMaxChainedOperands) return false;
  if (!chain_reported_) {
    error("E0016", span(n), tr_format("the expression chains more than {} operands", kMaxChainedOperands)).help =
        std::string(tr("name parts of it with 'let', or sum a list with 'sum(…)'"));
  }
  chain_reported_ = true;
  return true;
}

ast::ExprPtr Builder::chain(const Node& n) {
  // children: operand (op operand)*, folded to the left.
  const std::size_t operands = (n.children.size() + 1) / 2;
  if (too_long(n, operands)) return ast::make(span(n), ast::NumberLit{});
  chained_ += operands;
  struct Unchain {
    std::size_t& chained;
    std::size_t operands;
    ~Unchain() { chained -= operands; }
  } unchain{chained_, operands};
  // Each partial result spans its operands' nodes, not their expressions: a parenthesised operand's
  // expression leaves its parentheses out, and the basis shows the span's text.
  ast::ExprPtr lhs = expr(*n.children[0]);
  for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
    ast::ExprPtr rhs = expr(*n.children[i + 1]);
    const Span at{span(*n.children[0]).begin, span(*n.children[i + 1]).end};
    lhs = ast::make(at, ast::Binary{binary_op(n.children[i]->string_view()), std::move(lhs), std::move(rhs)});
  }
  return lhs;
}

ast::Bound Builder::bound(const Node& n) {
  ast::Bound b;
  b.span = span(n);
  if (is<g::pos_inf>(n)) {
    b.infinity = 1;
  } else if (is<g::neg_inf>(n)) {
    b.infinity = -1;
  } else {
    b.value = expr(n);
  }
  return b;
}

ast::Interval Builder::interval(const Node& n) {
  ast::Interval iv;
  iv.span = span(n);
  iv.lo_closed = is<g::lo_closed>(*n.children[0]);
  iv.lo = bound(*n.children[1]);
  iv.hi = bound(*n.children[2]);
  iv.hi_closed = is<g::hi_closed>(*n.children[3]);
  return iv;
}

std::optional<std::int64_t> Builder::date_value(const Node& n) {
  if (const auto day = parse_date(n.string_view())) return *day;
  error("E0022", span(n), tr_format("'{}' is not a date: {}", n.string_view(), date_problem(n.string_view())))
      .help = std::string(tr("a date is written 2024-02-10 (年-月-日), a day that exists"));
  return std::nullopt;
}

// One case per stored rule; the shapes with more than one child have a function each.
ast::ExprPtr Builder::expr(const Node& n) {
  const Span at = span(n);
  if (is<g::number>(n)) return ast::make(at, ast::NumberLit{number_value(n, false), false});
  if (is<g::percent>(n)) return ast::make(at, ast::NumberLit{number_value(n, true), true});
  if (is<g::date_lit>(n)) return ast::make(at, ast::NumberLit{Decimal::from_int(date_value(n).value_or(0)), false, true});
  if (is<g::text>(n) || is<g::e_text>(n)) return ast::make(at, ast::StringLit{text_value(n)});
  if (is<g::true_lit>(n)) return ast::make(at, ast::BoolLit{true});
  if (is<g::false_lit>(n)) return ast::make(at, ast::BoolLit{false});
  if (is<g::points_ref>(n)) return ast::make(at, ast::PointsRef{});
  if (is<g::name_ref>(n)) return ast::make(at, ast::NameRef{n.string(), ast::NameKind::Unresolved, 0});
  if (is<g::multiplicative>(n) || is<g::additive>(n) || is<g::comparison>(n) || is<g::conjunction>(n) ||
      is<g::disjunction>(n) || is<g::expr>(n) || is<g::operand>(n) || is<g::arm_result>(n) ||
      is<g::e_multiplicative>(n) || is<g::e_additive>(n) || is<g::e_conjunction>(n)) {
    if (n.children.size() == 1) return expr(*n.children[0]);
    return chain(n);
  }
  if (is<g::negation>(n) || is<g::e_negation>(n)) {
    if (n.children.size() == 1) return expr(*n.children[0]);
    return ast::make(at, ast::Unary{ast::UnaryOp::Not, expr(*n.children[1])});
  }
  if (is<g::negate>(n)) return ast::make(at, ast::Unary{ast::UnaryOp::Neg, expr(*n.children[0])});
  if (is<g::postfix>(n)) return postfix(n, at);
  if (is<g::call>(n)) return call(n, at);
  if (is<g::comprehension>(n)) return comprehension(n, at);
  if (is<g::tiered>(n)) return tiered(n, at);
  if (is<g::brackets>(n)) return brackets(n, at);
  if (is<g::deduct>(n)) return deduct(n, at);
  if (is<g::weighted>(n)) return weighted(n, at);
  if (is<g::judged>(n)) return judged(n, at);
  if (is<g::when_expr>(n)) return when_expr(n, at);
  // Nodes that only wrap one expression.
  if (n.children.size() == 1) return expr(*n.children[0]);
  error("E0001", at, tr_format("internal: unexpected syntax node {}", n.type));
  return ast::make(at, ast::NumberLit{});
}

ast::ExprPtr Builder::postfix(const Node& n, Span at) {
  if (too_long(n, n.children.size())) return ast::make(at, ast::NumberLit{});
  chained_ += n.children.size();
  struct Unchain {
    std::size_t& chained;
    std::size_t operands;
    ~Unchain() { chained -= operands; }
  } unchain{chained_, n.children.size()};
  ast::ExprPtr object = expr(*n.children[0]);
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const Node& field = *n.children[i]->children[0];
    const Span whole{at.begin, span(field).end};  // with the object's parentheses, if any
    object = ast::make(whole, ast::Member{std::move(object), field.string(), span(field), 0});
  }
  return object;
}

ast::ExprPtr Builder::call(const Node& n, Span at) {
  ast::Call c;
  // A built-in's Chinese name is its English one (keywords.def: 最小 is min), and so is a
  // function's of the ruleset named like one (define 级数 is define steps): either way the call
  // reaches the same function in both keyword sets.
  c.callee = canonical_name(n.children[0]->string_view());
  c.callee_span = span(*n.children[0]);
  for (std::size_t i = 1; i < n.children.size(); ++i) c.args.push_back(expr(*n.children[i]));
  return ast::make(at, std::move(c));
}

ast::ExprPtr Builder::comprehension(const Node& n, Span at) {
  ast::Comprehension c;
  c.func = std::string(keyword_in(n.children[0]->string_view(), KeywordSet::En).value_or(n.children[0]->string_view()));
  c.func_span = span(*n.children[0]);
  c.var = n.children[1]->string();
  c.var_span = span(*n.children[1]);
  c.list = expr(*n.children[2]);
  for (std::size_t i = 3; i < n.children.size(); ++i) {
    const Node& clause = *n.children[i];
    if (is<g::where_clause>(clause)) c.filter = expr(*clause.children[0]);
    if (is<g::comp_body>(clause)) c.body = expr(*clause.children[0]);
  }
  return ast::make(at, std::move(c));
}

ast::ExprPtr Builder::tiered(const Node& n, Span at) {
  ast::Tiered t;
  t.subject = expr(*n.children[0]);
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const Node& tier = *n.children[i];
    t.tiers.push_back({interval(*tier.children[0]), expr(*tier.children[1]), span(tier)});
  }
  return ast::make(at, std::move(t));
}

ast::ExprPtr Builder::brackets(const Node& n, Span at) {
  ast::Brackets b;
  b.subject = expr(*n.children[0]);
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const Node& arm = *n.children[i];
    if (is<g::otherwise_arm>(arm)) {
      b.arms.push_back({ast::BinaryOp::Eq, nullptr, expr(*arm.children[0]), span(arm)});
    } else {
      b.arms.push_back({binary_op(arm.children[0]->string_view()), expr(*arm.children[1]),
                        expr(*arm.children[2]), span(arm)});
    }
  }
  return ast::make(at, std::move(b));
}

ast::ExprPtr Builder::deduct(const Node& n, Span at) {
  ast::Deduct d;
  for (const auto& child : n.children) {
    if (is<g::deduction>(*child)) {
      ast::Deduction item;
      item.span = span(*child);
      item.amount = expr(*child->children[0]);
      if (child->children.size() > 1) {
        const Node& clause = *child->children[1];
        item.kind = is<g::per_clause>(clause) ? ast::DeductionKind::Per : ast::DeductionKind::When;
        item.operand = expr(*clause.children[0]);
      }
      d.items.push_back(std::move(item));
    } else if (is<g::from_clause>(*child)) {
      d.start = expr(*child->children[0]);
    } else if (is<g::until_clause>(*child)) {
      if (is<g::until_zero>(*child->children[0]) || is<g::until_all>(*child->children[0])) {
        d.until_zero = true;
        d.floor = ast::make(span(*child->children[0]), ast::NumberLit{Decimal{}, false});
      } else {
        d.floor = expr(*child->children[0]);
      }
    }
  }
  return ast::make(at, std::move(d));
}

ast::ExprPtr Builder::weighted(const Node& n, Span at) {
  ast::Weighted w;
  for (const auto& p : n.children) {
    ast::Part part;
    part.span = span(*p);
    part.weight = expr(*p->children[0]);
    std::size_t next = 1;
    if (is<g::part_label>(*p->children[1])) {
      part.label = text_value(*p->children[1]);
      next = 2;
    }
    part.value = expr(*p->children[next]);
    w.parts.push_back(std::move(part));
  }
  return ast::make(at, std::move(w));
}

ast::ExprPtr Builder::judged(const Node& n, Span at) {
  ast::Judged j;
  j.score = expr(*n.children[0]);
  j.category = expr(*n.children[1]);
  for (std::size_t i = 2; i < n.children.size(); ++i) {
    const Node& band = *n.children[i];
    const Node& value = *band.children[1];
    if (is<g::interval>(value)) {
      j.bands.push_back({name_value(*band.children[0]), span(*band.children[0]), interval(value), nullptr});
    } else {
      j.bands.push_back({name_value(*band.children[0]), span(*band.children[0]), ast::Interval{}, expr(value)});
    }
  }
  return ast::make(at, std::move(j));
}

ast::ExprPtr Builder::when_expr(const Node& n, Span at) {
  ast::When w;
  for (const auto& arm : n.children) {
    if (is<g::when_arm>(*arm)) {
      w.arms.push_back({expr(*arm->children[0]), expr(*arm->children[1]), span(*arm)});
    } else {
      w.arms.push_back({nullptr, expr(*arm->children[0]), span(*arm)});
    }
  }
  return ast::make(at, std::move(w));
}

}  // namespace rubric::parsing
