// Parsing: PEGTL parse tree to syntax tree, plus error recovery. See parser.hpp.
#include "dsl/parser.hpp"

#include <fmt/format.h>

#include <array>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "dsl/grammar.hpp"
#include "dsl/parse_errors.hpp"
#include "base/unicode.hpp"

namespace rubric {
namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar;
using Node = pegtl::parse_tree::node;

// The parse-tree nodes kept; every other rule's children are lifted into its parent.
template <typename Rule>
using selector = pegtl::parse_tree::selector<
    Rule,
    pegtl::parse_tree::store_content::on<
        g::identifier, g::number, g::percent, g::text, g::e_text, g::string_lit, g::true_lit, g::false_lit,
        g::points_ref, g::name_ref, g::call, g::comprehension, g::aggregate_name, g::loop_var, g::where_clause,
        g::comp_body, g::interval, g::e_interval, g::lo_closed, g::lo_open, g::hi_closed, g::hi_open, g::pos_inf,
        g::neg_inf, g::tier, g::tiered, g::bracket_cmp, g::bracket_arm, g::otherwise_arm, g::brackets, g::deduction,
        g::per_clause, g::when_clause, g::from_clause, g::until_zero, g::until_clause, g::deduct, g::part_label,
        g::part, g::weighted, g::member_name, g::band, g::judged, g::when_arm, g::e_otherwise, g::when_expr,
        g::member_access, g::e_field_name, g::negate, g::mul_op, g::add_op, g::cmp_op, g::not_op, g::and_op,
        g::or_op, g::postfix, g::multiplicative, g::additive, g::comparison, g::negation, g::conjunction,
        g::disjunction, g::expr, g::operand, g::arm_result, g::e_unary, g::e_multiplicative, g::e_additive, g::e_negation, g::e_conjunction, g::ruleset_name, g::scheme_name, g::year_number, g::e_header, g::total_value,
        g::rounding_stmt, g::rounding_digits, g::rounding_mode, g::type_name, g::field_decl, g::record_field, g::record_type,
        g::list_type, g::enum_member, g::enum_type, g::fact_label, g::fact_domain, g::fact_default, g::fact_unit,
        g::fact_name, g::fact_decl, g::facts_block, g::define_name, g::param, g::e_param, g::define_stmt,
        g::let_name, g::let_stmt, g::points_lo, g::points_hi, g::e_points_spec, g::item_name, g::explain_stmt,
        g::standard_stmt, g::evidence_item, g::evidence_stmt, g::score_stmt, g::indicator, g::section,
        g::grade_name, g::grade_threshold, g::grade_otherwise, g::grade_arm, g::grade_block, g::total_stmt,
        g::extends_path, g::e_unit, g::override_stmt, g::points_override, g::target_indicator, g::target_section,
        g::remove_stmt, g::removed_name, g::add_stmt, g::add_parent, g::test_block, g::test_name, g::e_test_name,
        g::given_stmt, g::given_file, g::e_given_file, g::e_json, g::case_stmt, g::expect_stmt, g::e_expect,
        g::expect_error, g::expect_equals, g::total_target, g::grade_target, g::e_expect_code, g::e_expect_value,
        g::expect_value>>;

// Raises the rule's "expected …" message when a rule listed in parse_errors.hpp fails. This is
// must_if's job, but must_if raises from failure(), and the parse-tree control never calls
// failure() for a rule that is not stored itself yet has stored rules inside it (operand,
// e_type, e_tiers, e_interval_end …): those would silently backtrack and the error would surface
// later, at the wrong place, with the wrong message. match() is not wrapped, so raise there.
//
// It also bounds nesting (E0015): every expression inside another ('(', '-', 'not', an argument,
// a tier's value), every section inside a section and every type inside a type is a level, and
// past kMaxNestingDepth levels the parse stops before the recursion can exhaust the stack.
constexpr const char* kTooDeep = "nested too deeply";
thread_local int nesting = 0;

template <typename Rule>
inline constexpr bool kNests = std::is_base_of_v<g::unary, Rule> || std::is_base_of_v<g::e_negation, Rule> ||
                               std::is_base_of_v<g::section, Rule> || std::is_base_of_v<g::type, Rule>;

template <typename Rule>
struct control : pegtl::normal<Rule> {
  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
    struct Level {
      Level() { ++nesting; }
      ~Level() { --nesting; }
    };
    [[maybe_unused]] std::optional<Level> level;
    if constexpr (kNests<Rule>) {
      level.emplace();
      if (nesting > kMaxNestingDepth) throw pegtl::parse_error(kTooDeep, in);
    }
    if (pegtl::normal<Rule>::template match<A, M, Action, Control>(in, st...)) return true;
    if constexpr (g::errors::message<Rule> != nullptr) throw pegtl::parse_error(g::errors::message<Rule>, in);
    return false;
  }
};

template <typename T>
bool is(const Node& n) {
  return n.is_type<T>();
}

// ---- Parse tree to syntax tree ------------------------------------------------------------

class Builder {
 public:
  Builder(const std::string& text, SourcePtr source, std::uint32_t offset, Diagnostics& diagnostics)
      : base_(text.data()), offset_(offset), source_(std::move(source)), diagnostics_(diagnostics) {}

  std::unique_ptr<ast::Ruleset> build(const Node& root);

 private:
  Span span(const Node& n) const {
    if (n.has_content()) {
      return {offset_ + static_cast<std::uint32_t>(n.m_begin.data - base_),
              offset_ + static_cast<std::uint32_t>(n.m_end.data - base_)};
    }
    if (n.children.empty()) return {};
    return {span(*n.children.front()).begin, span(*n.children.back()).end};
  }

  Diagnostic& error(const std::string& code, Span at, std::string message) {
    return diagnostics_.error(code, Location::at(source_, {at.begin - offset_, at.end - offset_}), std::move(message));
  }

  std::string text_value(const Node& n) const;
  Decimal number_value(const Node& n, bool percent);
  std::string name_value(const Node& n) const;  // item_name / member_name / grade_name

  ast::ExprPtr expr(const Node& n);
  ast::ExprPtr chain(const Node& n);
  // Whether [operands] more chained operands would pass kMaxChainedOperands (E0016, once).
  bool too_long(const Node& n, std::size_t operands);
  ast::Interval interval(const Node& n);
  ast::Bound bound(const Node& n);
  ast::TypeRefPtr type(const Node& n);
  ast::FactDecl fact(const Node& n);
  ast::Define define(const Node& n);
  ast::Let let(const Node& n);
  ast::Rounding rounding(const Node& n);
  ast::PointsSpec points(const Node& n);
  std::unique_ptr<ast::Indicator> indicator(const Node& n);
  std::unique_ptr<ast::Section> section(const Node& n);
  void grades(const Node& n, ast::Ruleset& ruleset);
  ast::Change change(const Node& n);
  ast::TestBlock test(const Node& n);
  ast::Expectation expectation(const Node& n);

  const char* base_;
  std::uint32_t offset_;  // added to every span: see parse()
  SourcePtr source_;
  Diagnostics& diagnostics_;
  std::size_t chained_ = 0;  // operands of the chains being built, outermost to innermost
  bool chain_reported_ = false;
};

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
      error("E0003", span(n), fmt::format("malformed number '{}'", n.string_view()));
      return {};
    }
    return percent ? *value / Decimal::from_int(100) : *value;
  } catch (const DecimalError& e) {
    error("E0003", span(n), fmt::format("number '{}' cannot be held exactly", n.string_view())).help =
        "numbers have at most 38 significant digits and 24 decimals (see docs/decimals.md)";
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
  for (const auto& [text, value] : kOps) {
    if (text == op) return value;
  }
  return ast::BinaryOp::Add;
}


bool Builder::too_long(const Node& n, std::size_t operands) {
  if (chained_ + operands <= kMaxChainedOperands) return false;
  if (!chain_reported_) {
    error("E0016", span(n), fmt::format("the expression chains more than {} operands", kMaxChainedOperands)).help =
        "name parts of it with 'let', or sum a list with 'sum(…)'";
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
  ast::ExprPtr lhs = expr(*n.children[0]);
  for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
    ast::ExprPtr rhs = expr(*n.children[i + 1]);
    const Span at{lhs->span.begin, rhs->span.end};
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

ast::ExprPtr Builder::expr(const Node& n) {
  const Span at = span(n);
  if (is<g::number>(n)) return ast::make(at, ast::NumberLit{number_value(n, false), false});
  if (is<g::percent>(n)) return ast::make(at, ast::NumberLit{number_value(n, true), true});
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
  if (is<g::postfix>(n)) {
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
      const Span whole{object->span.begin, span(field).end};
      object = ast::make(whole, ast::Member{std::move(object), field.string(), span(field), 0});
    }
    return object;
  }
  if (is<g::call>(n)) {
    ast::Call call;
    call.callee = n.children[0]->string();
    call.callee_span = span(*n.children[0]);
    for (std::size_t i = 1; i < n.children.size(); ++i) call.args.push_back(expr(*n.children[i]));
    return ast::make(at, std::move(call));
  }
  if (is<g::comprehension>(n)) {
    ast::Comprehension c;
    c.func = n.children[0]->string();
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
  if (is<g::tiered>(n)) {
    ast::Tiered t;
    t.subject = expr(*n.children[0]);
    for (std::size_t i = 1; i < n.children.size(); ++i) {
      const Node& tier = *n.children[i];
      t.tiers.push_back({interval(*tier.children[0]), expr(*tier.children[1]), span(tier)});
    }
    return ast::make(at, std::move(t));
  }
  if (is<g::brackets>(n)) {
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
  if (is<g::deduct>(n)) {
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
        if (is<g::until_zero>(*child->children[0])) {
          d.until_zero = true;
          d.floor = ast::make(span(*child->children[0]), ast::NumberLit{Decimal{}, false});
        } else {
          d.floor = expr(*child->children[0]);
        }
      }
    }
    return ast::make(at, std::move(d));
  }
  if (is<g::weighted>(n)) {
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
  if (is<g::judged>(n)) {
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
  if (is<g::when_expr>(n)) {
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
  // Nodes that only wrap one expression.
  if (n.children.size() == 1) return expr(*n.children[0]);
  error("E0001", at, fmt::format("internal: unexpected syntax node {}", n.type));
  return ast::make(at, ast::NumberLit{});
}

ast::TypeRefPtr Builder::type(const Node& n) {
  auto t = std::make_shared<ast::TypeRef>();
  t->span = span(n);
  if (is<g::list_type>(n)) {
    t->kind = ast::TypeKind::List;
    t->element = type(*n.children[0]);
  } else if (is<g::enum_type>(n)) {
    t->kind = ast::TypeKind::Enum;
    for (const auto& member : n.children) {
      std::string name = name_value(*member);
      for (const auto& seen : t->members) {
        if (seen == name) error("E0007", span(*member), fmt::format("enum member '{}' is listed twice", name));
      }
      t->members.push_back(std::move(name));
    }
  } else if (is<g::record_type>(n)) {
    t->kind = ast::TypeKind::Record;
    for (const auto& field : n.children) {
      const std::string name = field->children[0]->string();
      for (const auto& seen : t->fields) {
        if (seen.name == name) {
          error("E0007", span(*field->children[0]), fmt::format("record field '{}' is declared twice", name));
        }
      }
      ast::Field f{name, span(*field->children[0]), type(*field->children[1]), std::nullopt};
      if (field->children.size() > 2) f.domain = interval(*field->children[2]->children[0]);
      t->fields.push_back(std::move(f));
    }
  } else {
    static const std::vector<std::string> kNames = {"number", "percent", "money", "count", "bool", "text"};
    static constexpr std::array<ast::TypeKind, 6> kKinds = {ast::TypeKind::Number, ast::TypeKind::Percent,
                                                            ast::TypeKind::Money,  ast::TypeKind::Count,
                                                            ast::TypeKind::Bool,   ast::TypeKind::Text};
    const std::string name = n.string();
    bool found = false;
    for (std::size_t i = 0; i < kNames.size(); ++i) {
      if (kNames[i] == name) {
        t->kind = kKinds[i];
        found = true;
      }
    }
    if (!found) {
      auto& d = error("E0006", span(n), fmt::format("unknown type '{}'", name));
      if (auto guess = closest_match(name, kNames)) {
        d.help = fmt::format("did you mean '{}'?", *guess);
      } else {
        d.help = "the types are number, percent, money, count, bool, text, enum { … } and list of …";
      }
    }
  }
  return t;
}

ast::FactDecl Builder::fact(const Node& n) {
  ast::FactDecl f;
  f.span = span(n);
  f.name = n.children[0]->string();
  f.name_span = span(*n.children[0]);
  f.type = type(*n.children[1]);
  for (std::size_t i = 2; i < n.children.size(); ++i) {
    const Node& option = *n.children[i];
    const auto twice = [&](std::string_view what) {
      error("E0008", span(option), fmt::format("fact '{}' has more than one {}", f.name, what));
    };
    if (is<g::fact_label>(option)) {
      if (!f.label.empty()) twice("label");
      f.label = text_value(option);
    } else if (is<g::fact_domain>(option)) {
      if (f.domain) twice("domain ('in …')");
      f.domain = interval(*option.children[0]);
    } else if (is<g::fact_default>(option)) {
      if (f.default_value) twice("default");
      f.default_value = expr(*option.children[0]);
    } else if (is<g::fact_unit>(option)) {
      if (!f.unit.empty()) twice("unit");
      f.unit = text_value(*option.children[0]);
    }
  }
  return f;
}

ast::Define Builder::define(const Node& n) {
  ast::Define d;
  d.span = span(n);
  d.name = n.children[0]->string();
  d.name_span = span(*n.children[0]);
  for (std::size_t i = 1; i + 1 < n.children.size(); ++i) {
    d.params.push_back(n.children[i]->string());
    d.param_spans.push_back(span(*n.children[i]));
  }
  d.body = expr(*n.children.back());
  return d;
}

ast::Let Builder::let(const Node& n) {
  ast::Let l;
  l.span = span(n);
  l.name = n.children[0]->string();
  l.name_span = span(*n.children[0]);
  l.value = expr(*n.children[1]);
  return l;
}

ast::Rounding Builder::rounding(const Node& n) {
  ast::Rounding r;
  r.span = span(n);
  const std::string digits = n.children[0]->string();
  if (digits.size() > 2 || std::stoi(digits) > 12) {
    error("E0005", span(*n.children[0]), fmt::format("rounding to {} decimals is not supported", digits)).help =
        "round to at most 12 decimals";
  } else {
    r.digits = std::stoi(digits);
  }
  const std::string mode = n.children[1]->string();
  if (auto parsed = rounding_mode_from_string(mode)) {
    r.mode = *parsed;
  } else {
    auto& d = error("E0005", span(*n.children[1]), fmt::format("unknown rounding mode '{}'", mode));
    const std::vector<std::string> modes = {"half_up", "half_even", "down", "up"};
    if (auto guess = closest_match(mode, modes)) {
      d.help = fmt::format("did you mean '{}'?", *guess);
    } else {
      d.help = "the modes are half_up (四舍五入), half_even, down and up";
    }
  }
  return r;
}

ast::PointsSpec Builder::points(const Node& n) {
  ast::PointsSpec p;
  p.span = span(n);
  const auto value = [&](const Node& number) {
    try {
      if (auto d = Decimal::parse(number.string_view())) return *d;
    } catch (const DecimalError&) {
    }
    error("E0003", span(number), fmt::format("points '{}' cannot be held exactly", number.string_view()));
    return Decimal{};
  };
  p.hi = value(*n.children[0]);
  if (n.children.size() > 1) {
    p.range = true;
    p.lo = p.hi;
    p.hi = value(*n.children[1]);
    if (p.lo > p.hi) error("E0009", p.span, "the points range is empty: the lower bound exceeds the upper");
  } else if (p.hi.sign() < 0) {
    error("E0009", p.span, "points cannot be negative").help = "write a signed range, e.g. 'points -5 to 5'";
  }
  return p;
}

std::unique_ptr<ast::Indicator> Builder::indicator(const Node& n) {
  auto ind = std::make_unique<ast::Indicator>();
  ind->span = span(n);
  ind->name = name_value(*n.children[0]);
  ind->name_span = span(*n.children[0]);
  ind->points = points(*n.children[1]);
  for (std::size_t i = 2; i < n.children.size(); ++i) {
    const Node& item = *n.children[i];
    const auto twice = [&](std::string_view what) {
      error("E0010", span(item), fmt::format("indicator '{}' has more than one '{}'", ind->name, what));
    };
    if (is<g::explain_stmt>(item)) {
      if (!ind->explain.empty()) twice("explain");
      ind->explain = text_value(*item.children[0]);
    } else if (is<g::standard_stmt>(item)) {
      if (!ind->standard.empty()) twice("standard");
      ind->standard = text_value(*item.children[0]);
    } else if (is<g::evidence_stmt>(item)) {
      for (const auto& e : item.children) ind->evidence.push_back(text_value(*e));
    } else if (is<g::rounding_stmt>(item)) {
      if (ind->rounding) twice("rounding");
      ind->rounding = rounding(item);
    } else if (is<g::let_stmt>(item)) {
      ind->lets.push_back(let(item));
    } else if (is<g::score_stmt>(item)) {
      if (ind->score) twice("score");
      ind->score = expr(*item.children[0]);
    }
  }
  return ind;
}

std::unique_ptr<ast::Section> Builder::section(const Node& n) {
  auto sec = std::make_unique<ast::Section>();
  sec->span = span(n);
  sec->name = name_value(*n.children[0]);
  sec->name_span = span(*n.children[0]);
  sec->points = points(*n.children[1]);
  for (std::size_t i = 2; i < n.children.size(); ++i) {
    const Node& item = *n.children[i];
    if (is<g::section>(item)) sec->items.emplace_back(section(item));
    if (is<g::indicator>(item)) sec->items.emplace_back(indicator(item));
    if (is<g::let_stmt>(item)) sec->items.emplace_back(let(item));
  }
  return sec;
}

ast::Expectation Builder::expectation(const Node& n) {
  ast::Expectation e;
  e.span = span(n);
  std::size_t next = 0;
  if (!is<g::expect_error>(*n.children[0])) {
    const Node& target = *n.children[0];
    if (is<g::total_target>(target)) {
      e.target = ast::ExpectTarget::Total;
    } else if (is<g::grade_target>(target)) {
      e.target = ast::ExpectTarget::Grade;
    } else {
      e.target = ast::ExpectTarget::Indicator;
      e.name = name_value(target);
    }
    next = 1;
  } else {
    e.target = ast::ExpectTarget::Facts;
  }
  const Node& what = *n.children[next];
  e.what_span = span(what);
  if (is<g::expect_error>(what)) {
    e.error_code = what.children[0]->string();
    return e;
  }
  const Node& value = *what.children[0];
  if (!value.children.empty() && !is<g::number>(*value.children[0])) {
    e.text = name_value(value);
  } else {
    e.number = number_value(value, false);
  }
  if (e.target == ast::ExpectTarget::Grade && e.number) {
    error("E0018", span(value), "a grade is a name, such as 优").help = "write e.g. 'expect grade = 优'";
  } else if (e.target != ast::ExpectTarget::Grade && !e.number) {
    error("E0018", span(value), "expected a number here: a score or a total");
  }
  return e;
}

ast::TestBlock Builder::test(const Node& n) {
  ast::TestBlock t;
  t.span = span(n);
  t.file = source_->path();
  t.name = text_value(*n.children[0]);
  std::vector<ast::Expectation> loose;  // expectations outside any case
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const Node& item = *n.children[i];
    if (is<g::given_stmt>(item)) {
      for (const auto& part : item.children) {
        if (is<g::e_given_file>(*part)) {
          t.given_file = text_value(*part);
          t.given_file_span = span(*part);
        } else if (is<g::e_json>(*part)) {
          t.given = part->string();
          t.given_span = span(*part);
        }
      }
    } else if (is<g::case_stmt>(item)) {
      ast::TestCase c;
      c.span = span(item);
      c.name = text_value(*item.children[0]);
      for (std::size_t k = 1; k < item.children.size(); ++k) {
        const Node& part = *item.children[k];
        if (is<g::e_json>(part)) {
          c.overrides = part.string();
          c.overrides_span = span(part);
        } else {
          c.expectations.push_back(expectation(part));
        }
      }
      t.cases.push_back(std::move(c));
    } else {
      loose.push_back(expectation(item));
    }
  }
  if (!loose.empty()) {
    ast::TestCase c;
    c.name = t.name;
    c.span = t.span;
    c.expectations = std::move(loose);
    t.cases.insert(t.cases.begin(), std::move(c));
  }
  if (t.cases.empty()) error("E0019", span(*n.children[0]), fmt::format("test '{}' expects nothing", t.name))
                           .help = "add 'expect total = …', or cases with 'case \"name\" expect …'";
  return t;
}

ast::Change Builder::change(const Node& n) {
  ast::Change c;
  c.span = span(n);
  if (is<g::remove_stmt>(n)) {
    c.kind = ast::ChangeKind::Remove;
    c.name = name_value(*n.children[0]);
    c.name_span = span(*n.children[0]);
    return c;
  }
  const Node* target = n.children.back().get();
  if (is<g::add_stmt>(n)) {
    c.kind = ast::ChangeKind::Add;
    if (n.children.size() > 1) {
      c.parent = name_value(*n.children[0]);
      c.parent_span = span(*n.children[0]);
    }
  } else if (is<g::points_override>(*target)) {
    c.kind = ast::ChangeKind::Points;
    c.section = is<g::target_section>(*target->children[0]);
    c.name = name_value(*target->children[1]);
    c.name_span = span(*target->children[1]);
    c.points = points(*target->children[2]);
    return c;
  }
  c.section = is<g::section>(*target);
  if (c.section) {
    auto s = section(*target);
    c.name = s->name;
    c.name_span = s->name_span;
    c.item.emplace_back(std::move(s));
  } else {
    auto i = indicator(*target);
    c.name = i->name;
    c.name_span = i->name_span;
    c.item.emplace_back(std::move(i));
  }
  return c;
}

void Builder::grades(const Node& n, ast::Ruleset& ruleset) {
  if (!ruleset.grades.empty()) error("E0011", span(n), "the ruleset has more than one 'grade' table");
  ruleset.grade_span = span(n);
  ruleset.grades.clear();
  for (const auto& arm : n.children) {
    ast::GradeArm grade;
    grade.span = span(*arm);
    grade.name = name_value(*arm->children[0]);
    if (is<g::grade_threshold>(*arm->children[1])) grade.threshold = number_value(*arm->children[1], false);
    ruleset.grades.push_back(std::move(grade));
  }
}

std::unique_ptr<ast::Ruleset> Builder::build(const Node& root) {
  auto ruleset = std::make_unique<ast::Ruleset>();
  ruleset->source = source_;
  for (const auto& child : root.children) {
    const Node& n = *child;
    if (is<g::e_header>(n)) {
      ruleset->header_span = span(n);
      ruleset->name = text_value(*n.children[0]);
      ruleset->scheme = n.children[1]->string();
      const std::string year = n.children[2]->string();
      if (year.size() != 4) {
        error("E0004", span(*n.children[2]), fmt::format("'{}' is not a year", year)).help =
            "write the year with four digits, e.g. 'year 2023'";
      } else {
        ruleset->year = std::stoi(year);
      }
      if (n.children.size() > 3) {
        ruleset->extends = text_value(*n.children[3]);
        ruleset->extends_span = span(*n.children[3]);
      }
    } else if (is<g::total_stmt>(n)) {
      ruleset->total = number_value(*n.children[0], false);
      ruleset->total_span = span(n);
    } else if (is<g::rounding_stmt>(n)) {
      ruleset->rounding = rounding(n);
      ruleset->rounding_given = true;
    } else if (is<g::override_stmt>(n) || is<g::remove_stmt>(n) || is<g::add_stmt>(n)) {
      ruleset->changes.push_back(change(n));
    } else if (is<g::facts_block>(n)) {
      for (const auto& f : n.children) ruleset->facts.push_back(fact(*f));
    } else if (is<g::define_stmt>(n)) {
      ruleset->defines.push_back(define(n));
    } else if (is<g::let_stmt>(n)) {
      ruleset->lets.push_back(let(n));
    } else if (is<g::section>(n)) {
      ruleset->items.emplace_back(section(n));
    } else if (is<g::indicator>(n)) {
      ruleset->items.emplace_back(indicator(n));
    } else if (is<g::grade_block>(n)) {
      grades(n, *ruleset);
    } else if (is<g::test_block>(n)) {
      ruleset->tests.push_back(test(n));
    }
  }
  return ruleset;
}

// ---- Syntax errors and recovery -----------------------------------------------------------

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
    case 0x00A0: name = "a no-break space"; break;
    case 0x1680: name = "an Ogham space mark"; break;
    case 0x2000: name = "an en quad (a typographic space)"; break;
    case 0x2001: name = "an em quad (a typographic space)"; break;
    case 0x2002: name = "an en space"; break;
    case 0x2003: name = "an em space"; break;
    case 0x2004: name = "a three-per-em space"; break;
    case 0x2005: name = "a four-per-em space"; break;
    case 0x2006: name = "a six-per-em space"; break;
    case 0x2007: name = "a figure space"; break;
    case 0x2008: name = "a punctuation space"; break;
    case 0x2009: name = "a thin space"; break;
    case 0x200A: name = "a hair space"; break;
    case 0x2028: name = "a line separator"; break;
    case 0x2029: name = "a paragraph separator"; break;
    case 0x202F: name = "a narrow no-break space"; break;
    case 0x205F: name = "a medium mathematical space"; break;
    case 0x3000: name = "a full-width (ideographic) space"; break;
    case 0x200B: name = "a zero-width space"; wide = false; break;
    case 0x200C: name = "a zero-width non-joiner"; wide = false; break;
    case 0x200D: name = "a zero-width joiner"; wide = false; break;
    case 0x2060: name = "a word joiner"; wide = false; break;
    case 0xFEFF: name = "a byte order mark"; wide = false; break;
    default: return std::nullopt;
  }
  return Invisible{fmt::format("{} (U+{:04X})", name, static_cast<std::uint32_t>(cp)), wide};
}

// The word or character at [offset], for "found …" in messages.
std::string token_at(const std::string& text, std::size_t offset) {
  if (offset >= text.size()) return "end of file";
  {
    std::size_t next = offset;
    const char32_t cp = unicode::decode(text, next);
    if (invisible_character(cp)) return fmt::format("U+{:04X}", static_cast<std::uint32_t>(cp));
  }
  const auto c = static_cast<unsigned char>(text[offset]);
  if (c == '\n' || c == '\r') return "end of line";
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
      "brackets", "weighted", "judged", "points", "from",   "where"};
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
  // A fact declaration "name : type" starts with a name followed by ':'.
  std::size_t after = end;
  while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
  if (after < text.size() && text[after] == ':') return "<fact>";
  return word;
}

bool starts_statement(const std::string& word) {
  static const std::vector<std::string> kStarters = {"score",  "let",   "explain", "standard", "evidence", "rounding",
                                                     "define", "total", "<fact>",  "given",    "case",     "expect"};
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

// Finds the statement holding [offset]: from the nearest line above that starts a statement, to
// the next line (at brace depth zero) that starts or ends one. Returns false when no statement
// can be cut out without unbalancing braces, e.g. an error in a section's header.
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
  std::size_t first = line;
  for (std::size_t k = line + 1; k-- > 0;) {
    const std::string word = first_word(text, starts[k]);
    if (word.empty()) continue;
    if (starts_statement(word)) {
      first = k;
      break;
    }
    if (bounds_statement(word) || word == "{") {
      if (k == line) return false;
      first = k + 1;
      break;
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
  const std::size_t begin = starts[first];
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

void report_syntax_error(const std::string& text, const SourcePtr& source, const pegtl::parse_error& e,
                         Diagnostics& diagnostics) {
  const std::size_t offset = e.positions().empty() ? 0 : e.positions().front().byte;
  std::string message(e.message());
  // A rule without a message of its own failed inside a must<>: say what is there.
  if (message.rfind("parse error matching", 0) == 0) message = "syntax error";
  const auto at = [&](std::size_t begin, std::size_t end) {
    return Location::at(source, {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
  };

  if (message == kTooDeep) {
    diagnostics.error("E0015", at(offset, std::min(offset + 1, text.size())),
                      fmt::format("nested more than {} levels deep", kMaxNestingDepth))
        .help = "name the inner parts with 'let' or 'define' instead of nesting them";
    return;
  }

  // An unterminated string: point at its opening quote, not at the end of the line.
  if (message == g::errors::message<g::e_string_char>) {
    const std::size_t quote = string_start(text, offset);
    std::size_t line_end = text.find('\n', quote);
    if (line_end == std::string::npos) line_end = text.size();
    diagnostics.error("E0002", at(quote, line_end), "unterminated string").help =
        "a string must end with '\"' on the same line; split a long text into adjacent strings: \"…\" \"…\"";
    return;
  }

  // An unknown escape: point at the backslash and show the whole sequence.
  if (message == g::errors::message<g::escape_char> && offset > 0 && text[offset - 1] == '\\') {
    std::size_t end = offset;
    if (end < text.size() && text[end] != '\n') unicode::decode(text, end);
    diagnostics.error("E0002", at(offset - 1, end),
                      fmt::format("unknown escape sequence '{}' in a string", text.substr(offset - 1, end - offset + 1)))
        .help = "only \\\" (a quote), \\\\ (a backslash), \\n and \\t are escapes; other characters need none";
    return;
  }

  const std::string found = token_at(text, offset);
  const bool is_word = found.size() > 2 && found[0] == '\'';
  std::size_t begin = offset;
  std::size_t end = offset + (is_word ? found.size() - 2 : 1);
  std::string shown = fmt::format("{}, found {}", message, found);
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
      if (found != "end of file") shown = fmt::format("{}, found {} on line {}", message, found, here.line);
    }
  }
  auto& d = diagnostics.error("E0002", at(begin, end), shown);
  bool guessed = false;
  if (stray_brace) d.help = "this '}' closes no block: remove it, or the '}' too many above it";
  if (is_word) {
    const std::string word = found.substr(1, found.size() - 2);
    if (auto guess = closest_match(word, statement_keywords())) {
      d.help = fmt::format("did you mean '{}'?", *guess);
      guessed = true;
    }
    if (message == g::errors::message<g::e_points_spec> && std::isdigit(static_cast<unsigned char>(word[0])) != 0) {
      d.help = fmt::format("write 'points {}'", word);
    }
  }
  // A space-like or invisible character (U+3000, a no-break space, a zero-width space, a byte
  // order mark in the middle of the file…): say which it is and how to write the text without
  // it; quoting it would keep the invisible character in the name.
  bool invisible = false;
  if (offset < text.size()) {
    std::size_t after = offset;
    const char32_t cp = unicode::decode(text, after);
    if (auto what = invisible_character(cp)) {
      invisible = true;
      const std::string where = cp == 0xFEFF && offset > 0 ? " in the middle of the file" : "";
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
        d.help = what->wide ? fmt::format("this is {}{}, which cannot be part of a name: write {}{} without it, or "
                                          "\"{} {}\" (a string, with an ordinary space) if the name has a space",
                                          what->what, where, left, right, left, right)
                            : fmt::format("this is {}{}, an invisible character that cannot be part of a name: write "
                                          "{}{} without it",
                                          what->what, where, left, right);
      } else {
        d.help = what->wide ? fmt::format("this is {}{}, which the language does not take between words: write an "
                                          "ordinary space instead",
                                          what->what, where)
                            : fmt::format("this is {}{}, an invisible character the language does not take: delete it",
                                          what->what, where);
      }
    }
  }
  // A name where a string is required, or a name with punctuation such as “三公”: quote it.
  if (message.find("a string") != std::string::npos && offset < text.size() && text[offset] != '"' && !guessed &&
      !invisible) {
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
            replaced = inv->wide ? fmt::format("the space in it was {}, written here as an ordinary space", inv->what)
                                 : fmt::format("it held {}, left out here", inv->what);
          }
        } else {
          cleaned.append(text, start, i - start);
        }
      }
      d.help = fmt::format("write it as a string: \"{}\"", cleaned);
      if (!replaced.empty()) {
        d.help += "; " + replaced;
      } else if (!is_word || word_end - offset != found.size() - 2) {
        d.help += "; punctuation such as “” or （） cannot be part of a bare name";
      }
    }
  }
  // Where the unclosed block was opened helps when a '}' seems missing: the parser met the next
  // statement or the end of the file. A wrong token in the middle of a line is its own story.
  const std::size_t line_begin = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const bool starts_line = offset >= text.size() || previous_token_end(text, offset) <= (line_begin == std::string::npos ? 0 : line_begin);
  if (message.find("to close") != std::string::npos && !guessed && starts_line &&
      message != g::errors::message<g::e_interval_end>) {
    if (auto brace = unclosed_brace(text, offset)) {
      const LineColumn lc = source->line_column(*brace);
      d.notes.push_back({fmt::format("the block was opened at line {}", lc.line), at(*brace, *brace + 1)});
    }
  }
  // Habits from other languages, and full-width punctuation typed with a Chinese input method.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kInstead = {{
      {"'='", "to compare, write '=='"},
      {"'&'", "write 'and' instead of '&&'"},
      {"'|'", "write 'or' instead of '||'"},
      {"'!'", "write 'not', or '!=' to compare"},
      {"'else'", "did you mean 'otherwise'?"},
      {"'if'", "did you mean 'when'?"},
      {"'，'", "'，' is a full-width comma; write ','"},
      {"'（'", "'（' is a full-width parenthesis; write '('"},
      {"'）'", "'）' is a full-width parenthesis; write ')'"},
      {"'：'", "'：' is a full-width colon; write ':'"},
      {"'；'", "'；' is a full-width semicolon; write ';'"},
      {"'【'", "'【' is a full-width bracket; write '['"},
      {"'】'", "'】' is a full-width bracket; write ']'"},
      {"'％'", "'％' is a full-width percent sign; write '%'"},
      {"'“'", "'“' is a Chinese quotation mark; strings are written between '\"' and '\"'"},
      {"'”'", "'”' is a Chinese quotation mark; strings are written between '\"' and '\"'"},
      {"'≤'", "write '<='"},
      {"'≥'", "write '>='"},
  }};
  for (const auto& [token, help] : kInstead) {
    if (found == token && d.help.empty()) d.help = std::string(help);
  }
  if (found == "'}'" && message == g::errors::message<g::e_interval_end>) {
    d.help = "an interval ends with ']' (the bound is included) or ')' (excluded)";
  }
  if (found == "'points'" && message == g::errors::message<g::item_name>) {
    d.help = "a name comes before 'points', e.g. 'indicator 部门预算资金支出率 points 10'";
  }
  // 'min (a, b)': the name was taken as a value, and the '(' cannot follow it.
  if (offset > 0 && offset < text.size() && text[offset] == '(' &&
      (text[offset - 1] == ' ' || text[offset - 1] == '\t')) {
    const std::size_t name_end = previous_token_end(text, offset);
    if (name_end > 0 && is_ident_byte(static_cast<unsigned char>(text[name_end - 1]))) {
      d.help = "a call needs its '(' right after the function's name, e.g. 'min(a, b)'";
    }
  }
}

}  // namespace

template <typename Grammar>
ParseResult parse_with(SourcePtr source, std::uint32_t base) {
  ParseResult result;
  const std::string& original = source->text();
  if (original.size() > kMaxSourceBytes) {
    result.diagnostics.error("E0012", Location{source, std::nullopt, {}, {}},
                             fmt::format("the file is {} bytes; rulesets may be at most {} bytes", original.size(),
                                         kMaxSourceBytes));
    return result;
  }
  if (const std::string utf16 = unicode::utf16_message(original); !utf16.empty()) {
    result.diagnostics.error("E0021", Location{source, std::nullopt, {}, {}}, utf16).help = unicode::kUtf16Help;
    return result;
  }
  std::size_t bad = 0;
  if (!unicode::is_valid_utf8(original, &bad)) {
    result.diagnostics.error("E0013", Location::at(source, {static_cast<std::uint32_t>(bad), static_cast<std::uint32_t>(bad + 1)}),
                             "the file is not valid UTF-8")
        .help = "save the file as UTF-8";
    return result;
  }
  // Lines ended by a lone '\r' (classic Mac OS) would read as one line, and a '#' would hide the
  // rest of the file: refuse them plainly.
  for (std::size_t i = 0; i < original.size(); ++i) {
    if (original[i] == '\r' && (i + 1 == original.size() || original[i + 1] != '\n')) {
      const LineColumn lc = source->line_column(static_cast<std::uint32_t>(i));
      result.diagnostics.error("E0017", Location{source, std::nullopt, {}, {}},
                               fmt::format("line {} ends with a lone carriage return (\\r) instead of a line feed",
                                           lc.line))
          .help = "save the file with LF (or CRLF) line ends";
      return result;
    }
  }
  std::string text = original;
  for (int attempt = 0; attempt <= kMaxSyntaxErrors; ++attempt) {
    pegtl::memory_input in(text, source->path());
    try {
      auto root = pegtl::parse_tree::parse<Grammar, selector, pegtl::nothing, control>(in);
      if (!root) {
        result.diagnostics.error("E0002", Location::at(source, {0, 0}), "syntax error");
        return result;
      }
      Builder builder(text, source, base, result.diagnostics);
      result.ruleset = builder.build(*root);
      result.ruleset->sources = {source};
      result.ruleset->bases = {base};
      for (Span& skipped : result.skipped) skipped = {skipped.begin + base, skipped.end + base};
      return result;
    } catch (const pegtl::parse_error& e) {
      report_syntax_error(text, source, e, result.diagnostics);
      const std::size_t offset = e.positions().empty() ? 0 : e.positions().front().byte;
      // Nothing after a broken header can be parsed without it: stop at its first error.
      const std::string_view what = e.message();
      if (what == kTooDeep || what == g::errors::message<g::e_header> || what == g::errors::message<g::ruleset_name> ||
          what == g::errors::message<g::e_scheme> || what == g::errors::message<g::scheme_name> ||
          what == g::errors::message<g::e_year> || what == g::errors::message<g::year_number>) {
        return result;
      }
      Span statement;
      if (attempt == kMaxSyntaxErrors || !statement_around(text, offset, statement)) return result;
      for (std::uint32_t i = statement.begin; i < statement.end; ++i) {
        if (text[i] != '\n') text[i] = ' ';
      }
      result.skipped.push_back(statement);
    }
  }
  return result;
}

ParseResult parse(SourcePtr source, std::uint32_t base) { return parse_with<g::file>(std::move(source), base); }

ParseResult parse_tests(SourcePtr source, std::uint32_t base) {
  return parse_with<g::test_file>(std::move(source), base);
}

}  // namespace rubric
