// The 评分依据 in the words of the table a department hands in: facts, lets, fields and parameters
// by their labels (never an identifier when the ruleset gives a label), values as people write them
// (percentages and amounts to at most three decimals, else "约" two), each condition as a sentence.
// `rubric explain` keeps the technical trace (TraceStep::text); this is TraceStep::plain. See
// docs/language.md, "The 评分依据".
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "dsl/visit.hpp"
#include "interpreter/eval/evaluator_internal.hpp"
#include "stdlib/builtins.hpp"

namespace rubric::evaluation {

namespace {

int precedence(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::Or: return 1;
    case ast::BinaryOp::And: return 2;
    case ast::BinaryOp::Add:
    case ast::BinaryOp::Sub: return 4;
    case ast::BinaryOp::Mul:
    case ast::BinaryOp::Div: return 5;
    default: return 3;
  }
}

std::string_view symbol(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::Add: return "+";
    case ast::BinaryOp::Sub: return "−";
    case ast::BinaryOp::Mul: return "×";
    case ast::BinaryOp::Div: return "÷";
    case ast::BinaryOp::Lt: return "<";
    case ast::BinaryOp::Le: return "≤";
    case ast::BinaryOp::Gt: return ">";
    case ast::BinaryOp::Ge: return "≥";
    case ast::BinaryOp::Eq: return "=";
    case ast::BinaryOp::Ne: return "≠";
    case ast::BinaryOp::And: return "且";
    case ast::BinaryOp::Or: return "或";
  }
  return "";
}

ast::BinaryOp negated(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::Lt: return ast::BinaryOp::Ge;
    case ast::BinaryOp::Le: return ast::BinaryOp::Gt;
    case ast::BinaryOp::Gt: return ast::BinaryOp::Le;
    case ast::BinaryOp::Ge: return ast::BinaryOp::Lt;
    case ast::BinaryOp::Eq: return ast::BinaryOp::Ne;
    case ast::BinaryOp::Ne: return ast::BinaryOp::Eq;
    default: return op;
  }
}

bool is_literal(const ast::Expr& e) {
  if (const auto* u = std::get_if<ast::Unary>(&e.node); u != nullptr && u->op == ast::UnaryOp::Neg) {
    return std::holds_alternative<ast::NumberLit>(u->operand->node);
  }
  return std::holds_alternative<ast::NumberLit>(e.node) || std::holds_alternative<ast::StringLit>(e.node) ||
         std::holds_alternative<ast::BoolLit>(e.node) || std::holds_alternative<ast::PointsRef>(e.node);
}

const ast::Let* let_in(const std::vector<ast::Item>& items, std::uint32_t slot) {
  for (const ast::Item& item : items) {
    if (const auto* l = std::get_if<ast::Let>(&item); l != nullptr && l->slot == slot) return l;
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      if (const ast::Let* found = let_in((*s)->items, slot)) return found;
    }
  }
  return nullptr;
}

}  // namespace

std::string exact_or_about(const Decimal& value, int decimals) {
  try {
    const Decimal shown = value.round(decimals, RoundingMode::HalfUp);
    return shown == value ? value.to_string() : "约 " + shown.to_string();
  } catch (const DecimalError&) {
    return value.to_string();
  }
}

std::string is_value(const std::string& shown) {
  constexpr std::string_view kAbout = "约 ";
  return shown.rfind(kAbout, 0) == 0 ? "约为 " + shown.substr(kAbout.size()) : "为 " + shown;
}

std::string people(const Decimal& value, ast::TypeKind kind) {
  if (kind == ast::TypeKind::Date) {
    const auto day = value.to_int64();
    return day ? format_date(*day) : value.to_string();
  }
  const bool percent = kind == ast::TypeKind::Percent;
  try {
    const Decimal shown = percent ? value * Decimal::from_int(100) : value;
    const std::string suffix = percent ? "%" : "";
    if (shown.round(3, RoundingMode::HalfUp) == shown) return shown.to_string() + suffix;
    return "约 " + shown.round(2, RoundingMode::HalfUp).to_string() + suffix;
  } catch (const DecimalError&) {
    return format_number(value, kind);
  }
}

std::string Evaluator::said(const ast::Expr& e) const {
  if (const auto* n = std::get_if<ast::NameRef>(&e.node)) return said_name(*n);
  if (const auto* lit = std::get_if<ast::NumberLit>(&e.node)) {
    return people(lit->value, lit->date ? ast::TypeKind::Date : lit->percent ? ast::TypeKind::Percent : e.type);
  }
  if (const auto* s = std::get_if<ast::StringLit>(&e.node)) return "“" + s->value + "”";
  if (const auto* b = std::get_if<ast::BoolLit>(&e.node)) return b->value ? "是" : "否";
  if (std::holds_alternative<ast::PointsRef>(e.node)) return "分值";
  if (const auto* m = std::get_if<ast::Member>(&e.node)) return said_field(*m);
  if (const auto* u = std::get_if<ast::Unary>(&e.node)) {
    return u->op == ast::UnaryOp::Neg ? "−" + said(*u->operand) : "并非" + said(*u->operand);
  }
  if (const auto* b = std::get_if<ast::Binary>(&e.node)) {
    const int p = precedence(b->op);
    const auto side = [&](const ast::Expr& child, bool right) {
      const auto* inner = std::get_if<ast::Binary>(&child.node);
      const bool wrap = inner != nullptr && (precedence(inner->op) < p ||
                                             (right && precedence(inner->op) == p &&
                                              (b->op == ast::BinaryOp::Sub || b->op == ast::BinaryOp::Div)));
      return wrap ? "（" + said(child) + "）" : said(child);
    };
    return fmt::format("{} {} {}", side(*b->lhs, false), symbol(b->op), side(*b->rhs, true));
  }
  if (const auto* c = std::get_if<ast::Call>(&e.node)) return said_call(*c);
  if (const auto* c = std::get_if<ast::Comprehension>(&e.node)) {
    // "财政部门每月通报的一般公共预算支出执行率（超过 100% 的按 100% 计）的平均值": the body with the
    // loop variable named as the list; a body that is itself a rule (a function's tiers) is "各项得分".
    const std::string list = said(*c->list);
    bool rule = false;
    if (c->body) {
      ast::walk(*c->body, [&](const ast::Expr& x) {
        const auto* call = std::get_if<ast::Call>(&x.node);
        rule = rule || (call != nullptr && call->define_index >= 0) || std::holds_alternative<ast::Tiered>(x.node) ||
               std::holds_alternative<ast::Brackets>(x.node) || std::holds_alternative<ast::Judged>(x.node) ||
               std::holds_alternative<ast::When>(x.node) || std::holds_alternative<ast::Deduct>(x.node);
        return !rule;
      });
    }
    const std::string of = !c->body ? list : rule ? list + "各项得分" : said(*c->body);
    switch (c->aggregate) {
      case stdlib::Aggregate::Sum: return of + "合计";
      case stdlib::Aggregate::Mean: return of + "的平均值";
      case stdlib::Aggregate::Min: return of + "的最小值";
      case stdlib::Aggregate::Max: return of + "的最大值";
      case stdlib::Aggregate::Count: return list + "的项数";
      default: return of;
    }
  }
  return src(e.span);
}

// A call: last year's value, a value capped by a constant ("（最多按 100% 计）"), the year's figures,
// an aggregate, working days; any other call as written, with its arguments said.
std::string Evaluator::said_call(const ast::Call& c) const {
  std::vector<std::string> args;
  for (const auto& a : c.args) args.push_back(said(*a));
  if (c.prior && !args.empty()) return "上年" + args[0];
  const bool capped = c.args.size() == 2 && is_literal(*c.args[1]);
  if (capped && (c.callee == "min" || c.callee == "max")) {
    // "（最多按 100% 计）", "（最多按分值计）": a space beside a number, none beside words.
    const std::string first = std::holds_alternative<ast::Binary>(c.args[0]->node) ? "（" + args[0] + "）" : args[0];
    const char lead = args[1].empty() ? ' ' : args[1][0];
    const bool number = (lead >= '0' && lead <= '9') || lead == '-' || args[1].rfind("−", 0) == 0;
    return fmt::format("{}（{}{}计）", first, c.callee == "min" ? "最多按" : "最少按", number ? " " + args[1] + " " : args[1]);
  }
  if (c.year_of != ast::YearOf::None && !args.empty()) {
    switch (c.year_of) {
      case ast::YearOf::Mean: return "本年各部门" + args[0] + "的平均值";
      case ast::YearOf::Min: return "本年各部门" + args[0] + "的最小值";
      case ast::YearOf::Max: return "本年各部门" + args[0] + "的最大值";
      case ast::YearOf::Count: return "本年填报" + args[0] + "的部门数";
      case ast::YearOf::Percentile:
        return fmt::format("本年各部门{}的第 {} 百分位数", args[0],
                           (std::get<ast::NumberLit>(c.args[1]->node).value * Decimal::from_int(100)).to_string());
      default: return args[0] + "在本年各部门中的名次";
    }
  }
  if (c.working_days && args.size() == 2) return fmt::format("{}至{}的工作日天数", args[0], args[1]);
  if ((c.callee == "min" || c.callee == "max") && args.size() >= 2) {
    return fmt::format("{}中的{}", fmt::join(args, "与"), c.callee == "min" ? "较小者" : "较大者");
  }
  if (c.aggregate != stdlib::Aggregate::None && args.size() == 1) {
    const auto a = c.aggregate;
    return args[0] + (a == stdlib::Aggregate::Sum    ? "合计"
                      : a == stdlib::Aggregate::Mean ? "的平均值"
                      : a == stdlib::Aggregate::Min  ? "的最小值"
                      : a == stdlib::Aggregate::Max  ? "的最大值"
                                                     : "的项数");
  }
  if (c.callee == "clamp" && args.size() == 3) return fmt::format("{}（限定在 {} 至 {} 之间）", args[0], args[1], args[2]);
  return fmt::format("{}({})", c.callee, fmt::join(args, "，"));
}

std::string Evaluator::said_name(const ast::NameRef& n) const {
  switch (n.kind) {
    case ast::NameKind::Fact: {
      const ast::FactDecl& f = rs_.facts[n.index];
      return f.label.empty() ? f.name : short_label(f.label);
    }
    case ast::NameKind::Let: {
      const ast::Let* let = nullptr;
      if (indicator_ != nullptr) {
        for (const ast::Let& l : indicator_->lets) {
          if (l.slot == n.index) let = &l;
        }
      }
      if (let == nullptr) {
        for (const ast::Let& l : rs_.lets) {
          if (l.slot == n.index) let = &l;
        }
      }
      if (let == nullptr) let = let_in(rs_.items, n.index);
      if (let == nullptr) return n.name;
      return !let->label.empty() ? let->label : said(*let->value);
    }
    case ast::NameKind::Param:
      if (define_ != nullptr && n.index < define_->param_labels.size() && !define_->param_labels[n.index].empty()) {
        return define_->param_labels[n.index];
      }
      return n.name;
    case ast::NameKind::Loop:
      for (auto it = loops_.rbegin(); it != loops_.rend(); ++it) {
        if (it->first == n.index) return said(*it->second);
      }
      return n.name;
    case ast::NameKind::Unresolved: break;
  }
  return n.name;
}

// A field of a list element: its label where the list's record declares one.
std::string Evaluator::said_field(const ast::Member& m) const {
  const ast::TypeRef* record = nullptr;
  if (const auto* n = std::get_if<ast::NameRef>(&m.object->node); n != nullptr && n->kind == ast::NameKind::Loop) {
    for (auto it = loops_.rbegin(); it != loops_.rend() && record == nullptr; ++it) {
      const auto* list = std::get_if<ast::NameRef>(&it->second->node);
      if (it->first != n->index || list == nullptr || list->kind != ast::NameKind::Fact) continue;
      const ast::TypeRef& type = *rs_.facts[list->index].type;
      if (type.kind == ast::TypeKind::List && type.element && type.element->kind == ast::TypeKind::Record) {
        record = type.element.get();
      }
    }
  }
  if (record != nullptr && m.field_index < record->fields.size() && !record->fields[m.field_index].label.empty()) {
    return record->fields[m.field_index].label;
  }
  return m.field;
}

std::optional<Value> Evaluator::quietly(const ast::Expr& e) {
  std::vector<TraceStep>* saved = trace_;
  trace_ = nullptr;
  ++quiet_;  // what the words evaluate again is not tested by the rules (EvalOptions::every_tested)
  std::optional<Value> out;
  try {
    out = eval(e);
  } catch (const EvalError&) {
  } catch (const DecimalError&) {
  }
  --quiet_;
  trace_ = saved;
  return out;
}

// "完成率 102%": a value by its name and what it is; a literal by itself.
std::string Evaluator::said_with_value(const ast::Expr& e) {
  if (is_literal(e)) return said(e);
  const auto v = quietly(e);
  if (!v) return said(e);
  if (v->is_number()) {
    // "预算执行率 80%"; a sum or a product is followed by its value, not run into it: "部门数 × 50%（即 3）".
    const bool arithmetic = std::holds_alternative<ast::Binary>(e.node);
    return arithmetic ? fmt::format("{}（即 {}）", said(e), people(v->number(), e.type))
                      : fmt::format("{} {}", said(e), people(v->number(), e.type));
  }
  if (v->is_text()) return fmt::format("{}为“{}”", said(e), v->text());
  if (v->is_bool()) return fmt::format("{}：{}", said(e), v->boolean() ? "是" : "否");
  return said(e);
}

std::string Evaluator::said_condition(const ast::Expr& c, bool holds) {
  if (const auto* u = std::get_if<ast::Unary>(&c.node); u != nullptr && u->op == ast::UnaryOp::Not) {
    return said_condition(*u->operand, !holds);
  }
  if (const auto* b = std::get_if<ast::Binary>(&c.node)) {
    if (b->op == ast::BinaryOp::And || b->op == ast::BinaryOp::Or) {
      // Name the parts that decided: every part of a held `and` (or of a failed `or`), else the
      // parts that went the way the whole did.
      const bool every = (b->op == ast::BinaryOp::And) == holds;
      std::vector<std::string> parts;
      for (const ast::Expr* part : {b->lhs.get(), b->rhs.get()}) {
        const auto v = quietly(*part);
        const bool part_holds = v && v->is_bool() && v->boolean();
        if (every || part_holds == holds) parts.push_back(said_condition(*part, every ? holds : part_holds));
      }
      return fmt::format("{}", fmt::join(parts, every ? "，且" : "，"));
    }
    const ast::BinaryOp op = holds ? b->op : negated(b->op);
    if (std::holds_alternative<ast::StringLit>(b->rhs->node) &&
        (op == ast::BinaryOp::Eq || op == ast::BinaryOp::Ne)) {
      return fmt::format("{}{}{}", said(*b->lhs), op == ast::BinaryOp::Eq ? "为" : "不为", said(*b->rhs));
    }
    // "被退回的次数为 0"; "被退回的次数 2，不为 0".
    if (op == ast::BinaryOp::Eq && is_literal(*b->rhs)) return fmt::format("{}为 {}", said(*b->lhs), said(*b->rhs));
    if (op == ast::BinaryOp::Ne && is_literal(*b->rhs)) {
      return fmt::format("{}，不为 {}", said_with_value(*b->lhs), said(*b->rhs));
    }
    return fmt::format("{} {} {}", said_with_value(*b->lhs), symbol(op), said_with_value(*b->rhs));
  }
  if (std::holds_alternative<ast::NameRef>(c.node) || std::holds_alternative<ast::Member>(c.node)) {
    return fmt::format("{}：{}", said(c), holds ? "是" : "否");
  }
  return fmt::format("{}{}", holds ? "满足" : "不满足", said(c));
}

// "在 60%（含）至 100% 之间": which values a tier takes, with its bounds evaluated.
std::string Evaluator::interval_words(const ast::Interval& iv, ast::TypeKind kind) {
  const auto bound = [&](const ast::Bound& b) -> std::optional<std::string> {
    if (!b.value) return std::nullopt;
    const auto v = quietly(*b.value);
    return v && v->is_number() ? std::optional(people(v->number(), kind)) : std::optional(said(*b.value));
  };
  const auto lo = bound(iv.lo);
  const auto hi = bound(iv.hi);
  if (lo && hi && *lo == *hi) return "";  // one value: the value said before it is all there is
  if (lo && hi) {
    if (iv.lo_closed && iv.hi_closed) return fmt::format("在 {} 至 {} 之间", *lo, *hi);
    return fmt::format("{}{}、{}{}", iv.lo_closed ? "不低于 " : "高于 ", *lo, iv.hi_closed ? "不高于 " : "低于 ", *hi);
  }
  if (lo) return fmt::format("{}{}", iv.lo_closed ? "不低于 " : "高于 ", *lo);
  if (hi) return fmt::format("{}{}", iv.hi_closed ? "不高于 " : "低于 ", *hi);
  return "不限";
}

}  // namespace rubric::evaluation
