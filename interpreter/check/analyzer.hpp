// The static analysis's internals, shared by its files (see analysis.hpp for what it finds):
// the abstract value it computes in place of a value, and the Analyzer that walks a ruleset.
//   analysis.cpp              the walk over the ruleset, the findings
//   analysis_values.cpp       abstract values: building, combining, joining them
//   analysis_agreement.cpp    whether two tier scores agree (as polynomials)
//   analysis_expressions.cpp  expressions, one case per kind of node
//   analysis_shapes.cpp       tiers, brackets, deductions, weighted parts, judged bands, `when`
//   analysis_monotone.cpp     which way a value moves with each fact, and where a score drops
// Internal to interpreter/check/.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostic.hpp"
#include "dsl/ast.hpp"
#include "interpreter/check/analysis.hpp"
#include "interpreter/check/interval.hpp"

namespace rubric::analysis {

enum class Kind { Unknown, Number, Bool, Text, List, Record };

// What the analysis knows of a value.
struct AbstractValue {
  Kind kind = Kind::Unknown;
  Range range;         // Number: every value it can take lies in it
  bool whole = false;  // Number: only whole numbers (counts, steps)
  // Number: each end of [range] is reached (or approached, for an open end) by some facts in
  // their domains. False when the range may be wider than the real values; [why] says why.
  bool exact = true;
  std::string why;
  // The facts and list elements it depends on, sorted: an operation on two values that share
  // one is not exact (x − x).
  std::vector<std::string> deps;
  // Number: which way it moves as each dependency grows, the others held: +1 never down, −1
  // never up. A dependency of [deps] that is not here moves it both ways, or the analysis cannot
  // tell (monotonicity, W0407).
  std::map<std::string, int> slope;
  // A fact's or field's value: its declared direction, +1 `more is better`, −1 `more is worse`,
  // and its label in the ruleset (for messages).
  int direction = 0;
  const std::string* label = nullptr;
  std::shared_ptr<const AbstractValue> element;  // List
  std::string list_name;                         // List: the fact's name, for messages
  std::vector<std::string> field_names;          // Record
  std::vector<AbstractValue> fields;             // Record
};

AbstractValue unknown(Kind kind, std::string why);
AbstractValue of_kind(Kind kind);
AbstractValue number(Range range, bool whole = false);
// The name a dependency is shown by: "o.actual#3" is "o.actual".
std::string shown_dep(const std::string& dep);
void merge_deps(AbstractValue& into, const AbstractValue& from);
// The result of an operation on [a] and [b] with the range [range]: exact when both are and they
// depend on nothing in common.
AbstractValue combine(const AbstractValue& a, const AbstractValue& b, Range range, bool whole);
// Either of two values (the arms of a choice).
void join(std::optional<AbstractValue>& acc, const AbstractValue& v);

// Slopes (analysis_monotone.cpp). [a]'s slopes times [sa] merged with [b]'s times [sb] (a sign,
// +1 or −1; 0 for unknown): a dependency that moves both the same way keeps that way, one that
// moves them differently loses it, one that only one of them depends on keeps its way there.
std::map<std::string, int> merged_slopes(const AbstractValue& a, int sa, const AbstractValue& b, int sb);
// [v], a fact's declared value, as +1 in itself (a list's elements and a record's fields alike).
void seed_slopes(AbstractValue& v);
// Every dependency of [v] with its way (0 where [slope] does not say one).
std::map<std::string, int> slopes_of(const AbstractValue& v);
// −1 when every value of [r] is ≤ 0, +1 when every value is ≥ 0, 0 otherwise.
int sign_of(const Range& r);

// A difference of two scores where their subject is at a point, as terms over the atoms it is
// made of (names, fields, calls), for the analysis to bound with the atoms' intervals.
struct Difference {
  struct Term {
    Decimal coefficient;
    std::vector<const ast::Expr*> atoms;  // their product; none for a constant
  };
  std::vector<Term> terms;
};
// [above] − [below] where the subject (text [subject]) is [at]; null when either is not a
// polynomial in what it reads, or reads the subject inside something else (min(rate, 1)).
std::optional<Difference> difference_at(const ast::Ruleset& rs, const ast::Expr& below, const ast::Expr& above,
                                        const std::string& subject, const Decimal& at, std::optional<Decimal> points);
Range domain_range(const ast::Interval& iv);
// A fact's (or field's, or element's) value: its declared domain, else its type's default one.
AbstractValue declared(const ast::TypeRef& type, const std::optional<ast::Interval>& domain, const std::string& dep,
                       int direction = 0, const std::string* label = nullptr);
// Whether [text] mentions [word] as a whole word.
bool mentions(std::string_view text, std::string_view word);

// Different: the scores differ whatever the other facts are (they differ by a constant, or by a
// function of the subject alone over a range of it). MayDiffer: they differ as formulas, by terms
// in other names, which might still be equal for every department (min(x, 10) and x, x ≤ 10).
enum class Agreement { Same, Different, MayDiffer, Unknown };

// Whether two tier scores agree where the subject (text [subject]) is [at], or everywhere when
// [at] is empty. [points] is the indicator's points when known (`points` is then that number).
Agreement agree(const ast::Ruleset& rs, const ast::Expr& a, const ast::Expr& b, const std::string& subject,
                std::optional<Decimal> at, std::optional<Decimal> points = std::nullopt);

struct BudgetExhausted {};

class Analyzer {
 public:
  Analyzer(const ast::Ruleset& rs, const AnalysisOptions& options, std::vector<UnsureBound>* unsure_bounds)
      : rs_(rs), options_(options), unsure_bounds_(unsure_bounds),
        slopes_(options.monotonicity || options.directions != nullptr) {}

  Diagnostics run();

 private:
  struct Frame {
    int id = 0;
    std::vector<AbstractValue> slots;
  };
  // A name narrowed by a `when` condition or a tier, while its arm is analysed.
  // A name, or an expression (by its folded source text: `a / t` in the arms of `tiered a / t`),
  // whose interval a tier, a bracket arm or a condition has narrowed.
  struct Narrowed {
    int frame = -1;  // -1 for a fact
    std::uint32_t index = 0;
    AbstractValue value;
    std::string text;  // an expression's, "" for a name
  };
  struct Finding {
    Severity severity = Severity::Warning;
    std::string code;
    Span span;
    std::string message;
    std::string help;
    std::vector<Note> notes;
    bool unsure = true;  // a note of what the analysis could not decide (shown with AnalysisOptions::unsure)
  };
  // A tier or bracket arm: whether any analysis of it found a value that reaches it.
  struct Arm {
    Span span;
    bool reached = false;
    std::string message;  // why it is not reached, from the first analysis
    std::string help;
    std::vector<Note> notes;
  };

  void items(const std::vector<ast::Item>& items);
  void indicator(const ast::Indicator& ind);
  void bind(const ast::Let& l);
  void check_bounds(const ast::Indicator& ind, const AbstractValue& score);
  // AnalysisOptions::directions: the way [score] moves with each fact it reads.
  void record_directions(const ast::Indicator& ind, const AbstractValue& score);
  // Declared directions (W0408): [v]'s own, and its fields', by the dependency they are read as.
  void declare(const AbstractValue& v);
  // The dependencies of [subject] whose declared direction a step of [way] (+1 up, −1 down) goes
  // against, and whether every dependency it moves with has a direction declared.
  std::vector<std::string> against(const AbstractValue& subject, int way, bool& all_declared) const;
  void check_declared(const ast::Indicator& ind, const AbstractValue& score);
  std::string declared_name(const std::string& dep) const;
  // W0404 ([above]) or W0405 for [ind]'s score: a warning when the analysis is sure, else a note
  // and an UnsureBound.
  void out_of_bounds(const ast::Indicator& ind, const AbstractValue& score, bool above, std::string message,
                     std::string help, Note lies);

  AbstractValue eval(const ast::Expr& e);
  AbstractValue eval_impl(const ast::Expr& e);
  AbstractValue name(const ast::NameRef& n);
  AbstractValue points_ref();
  AbstractValue member_access(const ast::Member& m);
  AbstractValue unary(const ast::Unary& u);
  AbstractValue binary(const ast::Expr& e, const ast::Binary& b);
  AbstractValue call(const ast::Expr& e, const ast::Call& c);
  AbstractValue builtin(const ast::Call& c, std::vector<AbstractValue> args);
  AbstractValue aggregate(stdlib::Aggregate func, const AbstractValue& body, const std::string& list_name);
  AbstractValue comprehension(const ast::Comprehension& c);
  AbstractValue tiered(const ast::Expr& e, const ast::Tiered& t);
  void tier_gaps(const ast::Tiered& t, const AbstractValue& subject, const std::vector<Range>& tiers,
                 const std::string& name, bool percent);
  void tier_overlaps(const ast::Tiered& t, const Range& domain, const std::vector<Range>& tiers,
                     const std::string& name, bool percent);
  AbstractValue brackets(const ast::Brackets& b);
  AbstractValue deduct(const ast::Deduct& d);
  AbstractValue weighted(const ast::Weighted& w);
  AbstractValue judged(const ast::Judged& j);
  AbstractValue when(const ast::When& w);
  const ast::Expr* compared_subject(const ast::When& w);
  void switched_ways(const ast::When& w, const std::vector<Range>& scores, const std::vector<std::string>& switched,
                     AbstractValue& result);

  // Monotonicity (analysis_monotone.cpp). A piece of a tiered or brackets: the subject's values
  // one tier or arm takes, and its score.
  struct Piece {
    Range range;
    const ast::Expr* result = nullptr;
    Span span;  // the tier's interval, the arm
    std::map<std::string, int> slope;  // its score's slopes, as analysed in it
    Range score;                       // and its score's interval
  };
  // The slopes of a tiered or brackets whose pieces are [pieces] (in any order; empty when a
  // bound is not a constant) and whose arms joined give [result]: the steps between adjacent
  // pieces decide which way the subject moves the score. With AnalysisOptions::monotonicity, a
  // step against the way the others go is reported (W0407).
  void steps(const ast::Expr& subject_expr, const AbstractValue& subject, std::vector<Piece> pieces, bool percent,
             AbstractValue& result);
  // How W0407 and W0408 name a step at [at]: the subject with its label, the bound, and the two
  // sides ("at 150%" or "just below 150%"; "from 150%" or "above 150%").
  struct StepWords {
    std::string subject, bound, below, above;
  };
  StepWords step_words(const ast::Expr& subject_expr, const Piece& below, const Piece& above, const Decimal& at,
                       bool percent) const;
  // W0408 for a step of [way] at [at] that goes against the directions declared for [deps].
  void report_against(const ast::Expr& subject_expr, const AbstractValue& subject, const Piece& below,
                      const Piece& above, const Decimal& at, int way, bool percent, const std::vector<std::string>& deps);
  void pieces_against(const std::vector<Piece>& pieces);
  // W0408 for the step from pieces[below] to the next if it goes against a declared direction;
  // whether declarations decide it (against them, or the declared way of every fact it moves with).
  bool declared_step(const ast::Expr& subject_expr, const AbstractValue& subject, const std::vector<Piece>& pieces,
                     std::size_t below, const Decimal& at, int way, bool percent);
  // The step between two adjacent pieces at [at]: +1 up, 0 none, −1 down, kStepEither when it
  // depends on other facts or cannot be told.
  static constexpr int kStepEither = 3;
  int step_at(const ast::Expr& subject_expr, const AbstractValue& subject, const Piece& below, const Piece& above,
              const Decimal& at);
  void report_step(const ast::Expr& subject_expr, const AbstractValue& subject, const Piece& below, const Piece& above,
                   const Decimal& at, int way, bool percent);

  // Narrows the names [cond] compares with a constant, for [cond] being [truth]. Returns whether
  // the condition was understood (its effect on numbers fully captured); sets [feasible] to
  // false when no value can make it [truth].
  bool narrow(const ast::Expr& cond, bool truth, bool& feasible);
  // Narrows [subject], if it is a name, to [range].
  void narrow_to(const ast::Expr& subject, const AbstractValue& value, const Range& range);
  std::optional<Decimal> constant(const ast::Expr& e);

  // A note that is not [unsure] is a finding in its own right (W0407), shown without --unsure.
  void report(Severity severity, std::string code, Span span, std::string message, std::string help,
              std::vector<Note> notes = {}, bool unsure = true);
  // A finding that holds only if the value's range is exact: a warning if it is, else an
  // "unsure" note.
  void report_if(const AbstractValue& basis, std::string code, Span span, std::string message, std::string help,
                 std::vector<Note> notes = {});
  void arm(Span span, bool reached, const std::string& message, const std::string& help);
  std::vector<Note> call_site_notes(const std::string& subject, const Range& domain, bool percent);
  std::string src(Span span) const { return fold(rs_.slice(span)); }

  const ast::Ruleset& rs_;
  const AnalysisOptions& options_;
  std::vector<UnsureBound>* unsure_bounds_ = nullptr;
  // Whether values carry their slopes: only when monotonicity or directions are asked for, since
  // loading a ruleset to score with it needs neither.
  bool slopes_ = false;
  std::vector<AbstractValue> facts_;
  Frame globals_;
  Frame* frame_ = nullptr;
  int next_frame_ = 1;
  std::vector<Narrowed> narrowed_;
  std::vector<Span> call_sites_;  // the calls being analysed, innermost last
  const ast::Indicator* indicator_ = nullptr;
  struct Declared {
    int way = 0;                         // +1 more is better, −1 more is worse
    const std::string* label = nullptr;  // the fact's or field's label
  };
  std::map<std::string, Declared> declared_;  // dependency → its declared direction
  std::set<std::string> against_;             // dependencies W0408 named in this indicator
  int next_element_ = 0;
  std::uint64_t steps_ = 0;
  // Function calls are analysed at each call, so calls nested in calls multiply; these bound it.
  static constexpr std::uint64_t kStepBudget = 250'000;
  static constexpr int kMaxCallDepth = 64;
  std::map<std::pair<std::string, std::uint32_t>, Finding> findings_;
  std::map<std::uint32_t, Arm> arms_;
};

}  // namespace rubric::analysis
