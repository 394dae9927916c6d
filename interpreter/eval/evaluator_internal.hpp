// The tree-walking evaluator's internals, shared by its files (see evaluator.hpp for what it
// computes):
//   evaluator.cpp              the walk over the indicator tree, rounding, the grade
//   evaluator_expressions.cpp  expressions, calls and aggregates, one case per kind of node
//   evaluator_shapes.cpp       tiers, brackets, deductions, weighted parts, judged bands, `when`
//   evaluator_shares.cpp       indicators that do not apply, and the shares of their points
// Internal to interpreter/eval/.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/ast.hpp"
#include "base/messages.hpp"
#include "interpreter/eval/evaluator.hpp"

namespace rubric::evaluation {

// A user-facing evaluation error at [span]; the indicator being evaluated is added when it is
// reported.
struct EvalError {
  std::string code;
  Span span;
  std::string message;
  std::string help;
  std::vector<Note> notes;  // e.g. where in the facts file the empty list is
};

// A value as people write it in the 评分依据: "99.875%", "约 99.56%", "380", "2024-02-09".
std::string people(const Decimal& value, ast::TypeKind kind);
// A score as the 评分依据 shows it before rounding: exact to [decimals], else "约" and rounded.
std::string exact_or_about(const Decimal& value, int decimals);
// "为 97.5%", or "约为 97.58%" for a value shown as "约 97.58%": what a value is, in a sentence.
std::string is_value(const std::string& shown);

[[noreturn]] inline void fail(std::string code, Span span, std::string message, std::string help = {},
                              std::vector<Note> notes = {}) {
  throw EvalError{std::move(code), span, std::move(message), std::move(help), std::move(notes)};
}

class Evaluator {
 public:
  Evaluator(const ast::Ruleset& ruleset, const Facts& facts, const EvalOptions& options, Evaluation& out)
      : rs_(ruleset), facts_(facts), options_(options), out_(out), section_digits_(total_digits(ruleset)) {}

  void run();
  // The requirements on the facts that they do not meet (E0620, located in [file] at "facts").
  Diagnostics requirements(const std::string& file);

 private:
  // "sum(o in outputs: o.weight) = 25": the values a failed condition compared, for its message.
  std::string compared(const ast::Expr& condition);
  NodeResult section(const ast::Section& s);
  Decimal capped(const ast::Section& s, const Decimal& sum, NodeResult& node);
  bool chosen(const ast::Indicator& ind, NodeResult& node) const;
  // Not applicable indicators (evaluator_shares.cpp): whether [ind] is assessed, [node] saying
  // why not when it is not; and the shares of a section's points among its indicators that apply
  // (false, reported, when they cannot be shared).
  bool applicable(const ast::Indicator& ind, NodeResult& node);
  std::string not_applicable_why(const ast::Expr& condition) const;
  bool share(const ast::Section& s, NodeResult& node);
  void scale(NodeResult& node, const Decimal& share, const std::string& why);
  NodeResult indicator(const ast::Indicator& ind);
  std::string basis(const ast::Indicator& ind, const NodeResult& node, const ast::Rounding& rounding) const;
  // Evaluates [vetoes] (of a section, or the top level) and zeroes [nodes] for each that applies
  // with 'zero'; false when a veto's condition could not be evaluated (reported).
  bool vetoes(const std::vector<ast::Veto>& vetoes, std::vector<NodeResult>& nodes);
  // out_.grade and out_.grade_notes for [total]: thresholds, floors, and the vetoes' caps.
  void grade(const Decimal& total);
  // Where an empty list came from, when it is a fact: the facts file and its JSON path.
  std::vector<Note> empty_list_notes(const ast::Expr& list) const;
  void bind_let(const ast::Let& l);

  Value eval(const ast::Expr& e);
  Value eval_impl(const ast::Expr& e);
  Decimal num(const ast::Expr& e) {
    Value v = eval(e);
    if (!v.is_number()) fail("E0714", e.span, fmt::format("expected a number here, but the value is {}", format_value(v, e.type)));
    return v.number();
  }
  bool truth(const ast::Expr& e) {
    Value v = eval(e);
    if (!v.is_bool()) fail("E0714", e.span, fmt::format("expected a bool here, but the value is {}", format_value(v, e.type)));
    return v.boolean();
  }
  Value name(const ast::Expr& e, const ast::NameRef& n);
  Value binary(const ast::Expr& e, const ast::Binary& b);
  Value call(const ast::Expr& e, const ast::Call& c);
  Value call_define(const ast::Expr& e, const ast::Call& c);
  Value prior(const ast::Expr& e, const ast::Call& c);
  Value working_days(const ast::Expr& e, const ast::Call& c);
  Value year_of(const ast::Expr& e, const ast::Call& c);
  Value comprehension(const ast::Expr& e, const ast::Comprehension& c);
  Value tiered(const ast::Expr& e, const ast::Tiered& t);
  Value brackets(const ast::Expr& e, const ast::Brackets& b);
  Value deduct(const ast::Expr& e, const ast::Deduct& d);
  Value weighted(const ast::Expr& e, const ast::Weighted& w);
  Value judged(const ast::Expr& e, const ast::Judged& j);
  Value when(const ast::Expr& e, const ast::When& w);
  bool contains(const ast::Interval& iv, const Decimal& value);
  // An interval with its bounds evaluated, e.g. "[16, 20]" for [80% * w, w].
  std::string interval_text(const ast::Interval& iv, ast::TypeKind kind) {
    const auto bound = [&](const ast::Bound& b) {
      return b.value ? show(num(*b.value), kind) : b.infinity > 0 ? std::string("inf") : std::string("-inf");
    };
    return fmt::format("{}{}, {}{}", iv.lo_closed ? "[" : "(", bound(iv.lo), bound(iv.hi), iv.hi_closed ? "]" : ")");
  }

  // "不满足 X" for a condition that failed; "满足 Y" when X is 'not Y', so the 评分依据 a department
  // hands in never reads "不满足 not Y".
  std::string unmet(const ast::Expr& condition) const {
    if (const auto* u = std::get_if<ast::Unary>(&condition.node); u != nullptr && u->op == ast::UnaryOp::Not) {
      return "满足 " + src(u->operand->span);
    }
    return "不满足 " + src(condition.span);
  }
  std::string src(Span span) const {
    // Source text on one line, runs of whitespace folded to one space.
    std::string text;
    for (const char c : rs_.slice(span)) {
      const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      if (space && (text.empty() || text.back() == ' ')) continue;
      text += space ? ' ' : c;
    }
    return text;
  }
  std::string show(const Decimal& d, ast::TypeKind kind) const { return format_number(d, kind); }
  void cover(Branch kind, Span span) {
    if (options_.coverage != nullptr) options_.coverage->insert(branch_key(kind, span.begin));
    if (options_.decisions != nullptr) options_.decisions->push_back(branch_key(kind, span.begin));
  }
  // A choice inside a formula that no branch records, for EvalOptions::decisions only: which side
  // of each other two compared numbers are, which argument min, max or clamp gave, whether abs negated, which
  // element a list's min or max is. With them, two values with the same record are scored by a
  // formula that moves one way between them. Kind 15 is no Branch's.
  void choice(Span span, std::uint64_t outcome) {
    if (options_.decisions == nullptr) return;
    options_.decisions->push_back((static_cast<std::uint64_t>(span.begin) << 4) | 15U);
    options_.decisions->push_back(outcome);
  }
  // A step of the trace; a decision's [plain] words are its part of the 评分依据.
  void step(Span span, std::string text, bool decision, std::string why = {}, std::string plain = {},
            std::string names = {}) {
    if (trace_ != nullptr && (decision || options_.trace)) {
      trace_->push_back({depth_, span, prefix_ + std::move(text), decision, options_.trace ? std::move(why) : std::string(),
                         plain.empty() ? std::string() : prefix_ + std::move(plain), std::move(names)});
    }
  }
  // The words of the 评分依据 (evaluator_words.cpp): how it names [e] ("完成率", "实际完成值 ÷ 年初
  // 目标值"), a value with its name ("完成率 102%"), a condition that held or not as a sentence
  // ("部门预算公开情况为“按时公开”"), and which values a tier takes ("在 100% 至 150% 之间").
  std::string said(const ast::Expr& e) const;
  std::string said_name(const ast::NameRef& n) const;
  std::string said_call(const ast::Call& c) const;
  std::string said_field(const ast::Member& m) const;
  std::string said_with_value(const ast::Expr& e);
  std::string said_condition(const ast::Expr& c, bool holds);
  std::string interval_words(const ast::Interval& iv, ast::TypeKind kind);
  std::string result_words(const ast::Expr& result, const Decimal& value) const;
  // [e]'s value, evaluated again without steps; null if it fails.
  std::optional<Value> quietly(const ast::Expr& e);
  // A decision step said once per indicator however often the rule reads its value (上年…, 本年…).
  void step_once(Span span, std::string text, std::string plain, std::string names = {}) {
    if (trace_ == nullptr) return;
    const std::string whole = prefix_ + text;
    const auto same = [&](const TraceStep& t) { return t.text == whole; };
    if (std::none_of(trace_->begin(), trace_->end(), same)) {
      step(span, std::move(text), true, {}, std::move(plain), std::move(names));
    }
  }
  // Records the value a tiered, brackets or judged tests (see EvalOptions::tested).
  void observe(const ast::Expr& subject, const Decimal& x, bool bound = true) {
    if (bound && quiet_ == 0 && options_.every_tested != nullptr) options_.every_tested->tested(indicator_, subject, x);
    if (options_.tested == nullptr) return;
    TestedPath path = call_path_;
    path.push_back(subject.span.begin);
    options_.tested->emplace(std::make_pair(indicator_, std::move(path)), x);
  }
  void record_let(const ast::Let& l, const Value& v) {
    if (options_.trace) out_.lets.emplace_back(&l, v);
  }

  const ast::Ruleset& rs_;
  const Facts& facts_;
  const EvalOptions& options_;
  Evaluation& out_;

  std::vector<Value> globals_;          // the department's frame: every let and loop variable
  std::vector<std::string> failed_;     // per slot: why its let failed, "" if it did not
  std::vector<Value>* frame_ = nullptr;  // the current frame (globals_, or a function's)
  std::vector<TraceStep>* trace_ = nullptr;
  const ast::Indicator* indicator_ = nullptr;
  RoundingMode mode_ = RoundingMode::HalfUp;
  int depth_ = 0;
  int calls_ = 0;
  int traced_calls_ = 0;  // calls recorded in the current indicator's trace (see call())
  static constexpr int kMaxTracedCalls = 64;
  TestedPath call_path_;  // the calls being evaluated, when options_.tested is set (observe())
  int quiet_ = 0;         // quietly() calls in progress: what they evaluate is for the words only
  int nested_ = 0;  // eval() calls in progress
  static constexpr int kMaxEvalNesting = 4000;
  std::uint64_t steps_ = 0;
  std::string prefix_;  // names the list element being evaluated, in trace steps
  const ast::Define* define_ = nullptr;  // the function being evaluated: its parameters' labels
  std::vector<std::pair<std::uint32_t, const ast::Expr*>> loops_;  // loop variables' slots and lists
  int section_digits_ = 2;  // total_digits(): the decimals sections are shown with
};

}  // namespace rubric::evaluation
