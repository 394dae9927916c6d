// Parsing: source text to PEGTL parse tree, then to syntax tree (builder.hpp), reparsing after a
// syntax error (syntax_errors.hpp). See parser.hpp.
#include "dsl/parser.hpp"

#include <fmt/format.h>

#include <array>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "base/messages.hpp"
#include "base/unicode.hpp"
#include "dsl/builder.hpp"
#include "dsl/grammar.hpp"
#include "dsl/parse_errors.hpp"
#include "dsl/syntax_errors.hpp"

namespace rubric {
namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar;
using parsing::Builder;
using parsing::kTooDeep;
using parsing::report_syntax_error;
using parsing::statement_around;

// The parse-tree nodes kept; every other rule's children are lifted into its parent.
template <typename Rule>
using selector = pegtl::parse_tree::selector<
    Rule,
    pegtl::parse_tree::store_content::on<
        g::identifier, g::number, g::date_lit, g::e_date, g::percent, g::text, g::e_text, g::string_lit, g::true_lit, g::false_lit,
        g::points_ref, g::name_ref, g::call, g::comprehension, g::aggregate_name, g::loop_var, g::where_clause,
        g::comp_body, g::interval, g::e_interval, g::lo_closed, g::lo_open, g::hi_closed, g::hi_open, g::pos_inf,
        g::neg_inf, g::tier, g::tiered, g::bracket_cmp, g::bracket_arm, g::otherwise_arm, g::brackets, g::deduction,
        g::per_clause, g::when_clause, g::from_clause, g::until_zero, g::until_all, g::until_clause, g::deduct, g::part_label,
        g::part, g::weighted, g::member_name, g::band, g::judged, g::when_arm, g::e_otherwise, g::when_expr,
        g::member_access, g::e_field_name, g::negate, g::mul_op, g::add_op, g::cmp_op, g::not_op, g::and_op,
        g::or_op, g::postfix, g::multiplicative, g::additive, g::comparison, g::negation, g::conjunction,
        g::disjunction, g::expr, g::operand, g::arm_result, g::e_unary, g::e_multiplicative, g::e_additive, g::e_negation, g::e_conjunction, g::ruleset_name, g::scheme_name, g::year_number, g::e_header, g::total_value,
        g::rounding_stmt, g::rounding_digits, g::rounding_mode, g::type_name, g::field_decl, g::field_label, g::record_field, g::record_type,
        g::list_type, g::enum_member, g::enum_type, g::fact_label, g::fact_domain, g::fact_default, g::empty_list, g::fact_unit, g::fact_fixed, g::more_is_better, g::more_is_worse,
        g::fact_name, g::fact_decl, g::require_stmt, g::require_text, g::facts_block, g::define_name, g::param, g::e_param, g::param_label, g::define_stmt,
        g::let_name, g::let_label, g::let_stmt, g::points_lo, g::points_hi, g::e_points_spec, g::item_name, g::explain_stmt,
        g::standard_stmt, g::evidence_item, g::evidence_stmt, g::score_stmt, g::indicator, g::section, g::section_extra, g::section_shared, g::e_shared_least, g::applies_stmt, g::applies_full, g::applies_shared, g::choose_stmt, g::e_choose_fact,
        g::grade_name, g::grade_threshold, g::grade_otherwise, g::grade_unless, g::floor_section, g::e_floor_share, g::floor_share, g::veto_stmt, g::e_veto_text, g::veto_zero, g::veto_grade, g::e_veto_grade_name, g::grade_arm, g::grade_block, g::total_stmt,
        g::extends_path, g::e_unit, g::override_stmt, g::points_override, g::target_indicator, g::target_section,
        g::remove_stmt, g::removed_name, g::removed_fact, g::removed_function, g::removed_let, g::removed_veto, g::removed_require, g::removed_text,
        g::e_removed_declaration, g::add_stmt, g::add_parent, g::test_block, g::test_name, g::e_test_name,
        g::given_stmt, g::given_file, g::e_given_file, g::prior_stmt, g::e_prior_file, g::cohort_stmt, g::e_cohort_file, g::calendar_block, g::e_calendar_year, g::calendar_days, g::calendar_holiday, g::calendar_workday, g::e_json, g::case_stmt, g::expect_stmt, g::e_expect,
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

}  // namespace

template <typename Grammar>
ParseResult parse_with(SourcePtr source, std::uint32_t base) {
  ParseResult result;
  const std::string& original = source->text();
  if (original.size() > kMaxSourceBytes) {
    result.diagnostics.error("E0012", Location{source, std::nullopt, {}, {}},
                             tr_format("the file is {} bytes; rulesets may be at most {} bytes", original.size(),
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
                             std::string(tr("the file is not valid UTF-8")))
        .help = std::string(tr("save the file as UTF-8"));
    return result;
  }
  // Lines ended by a lone '\r' (classic Mac OS) would read as one line, and a '#' would hide the
  // rest of the file: refuse them plainly.
  for (std::size_t i = 0; i < original.size(); ++i) {
    if (original[i] == '\r' && (i + 1 == original.size() || original[i + 1] != '\n')) {
      const LineColumn lc = source->line_column(static_cast<std::uint32_t>(i));
      result.diagnostics.error("E0017", Location{source, std::nullopt, {}, {}},
                               tr_format("line {} ends with a lone carriage return (\\r) instead of a line feed",
                                           lc.line))
          .help = std::string(tr("save the file with LF (or CRLF) line ends"));
      return result;
    }
  }
  std::string text = original;
  const KeywordScope keywords(detect_keywords(text));
  for (int attempt = 0; attempt <= kMaxSyntaxErrors; ++attempt) {
    pegtl::memory_input in(text, source->path());
    try {
      auto root = pegtl::parse_tree::parse<Grammar, selector, pegtl::nothing, control>(in);
      if (!root) {
        result.diagnostics.error("E0002", Location::at(source, {0, 0}), std::string(tr("syntax error")));
        return result;
      }
      Builder builder(text, source, base, result.diagnostics);
      result.ruleset = builder.build(*root);
      result.ruleset->sources = {source};
      result.ruleset->bases = {base};
      for (Span& skipped : result.skipped) skipped = {skipped.begin + base, skipped.end + base};
      return result;
    } catch (const pegtl::parse_error& e) {
      // The statement skipped is the one the error is reported in: `remove fact` at the end of a
      // line is the broken statement, not the next line's, where the parser noticed.
      const std::size_t offset = report_syntax_error(text, source, e, result.diagnostics);
      // Nothing after a broken header can be parsed without it: stop at its first error.
      const std::string_view what = e.message();
      if (what == kTooDeep || what == g::errors::message<g::e_header> || what == g::errors::message<g::ruleset_name> ||
          what == g::errors::message<g::e_scheme> || what == g::errors::message<g::scheme_name> ||
          what == g::errors::message<g::e_year> || what == g::errors::message<g::year_number>) {
        return result;
      }
      Span statement;
      if (attempt == kMaxSyntaxErrors || !statement_around(text, offset, statement)) return result;
      // Nothing to skip (an error at the end of the file): parsing again would report it again.
      if (statement.end <= statement.begin) return result;
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
