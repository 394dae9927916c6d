// The message of every "expected …" rule of grammar.hpp. A rule listed here raises a syntax
// error as soon as it fails, so only rules whose failure is an error may be listed (see the
// error discipline at the top of grammar.hpp).
#pragma once

#include "base/messages.hpp"
#include "dsl/grammar.hpp"

namespace rubric::grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

// clang-format off
template <> inline constexpr auto error_message<escape_char> = tr_later("unknown escape sequence; use \\\", \\\\, \\n or \\t");
template <> inline constexpr auto error_message<e_string_char> = tr_later("unterminated string; a string must end with '\"' on the same line");
template <> inline constexpr auto error_message<e_rparen> = tr_later("expected ')'");
template <> inline constexpr auto error_message<e_lparen> = tr_later("expected '('");
template <> inline constexpr auto error_message<e_lbrace> = tr_later("expected '{'");
template <> inline constexpr auto error_message<e_comma> = tr_later("expected ','");
template <> inline constexpr auto error_message<e_colon> = tr_later("expected ':'");
template <> inline constexpr auto error_message<e_equals> = tr_later("expected '='");
template <> inline constexpr auto error_message<e_arrow> = tr_later("expected '->'");
template <> inline constexpr auto error_message<e_text> = tr_later("expected a string");
template <> inline constexpr auto error_message<e_number> = tr_later("expected a number");
template <> inline constexpr auto error_message<operand> = tr_later("expected an expression");
template <> inline constexpr auto error_message<arm_result> = tr_later("expected an expression");
template <> inline constexpr auto error_message<e_unary> = tr_later("expected an expression");
template <> inline constexpr auto error_message<e_multiplicative> = tr_later("expected an expression");
template <> inline constexpr auto error_message<e_additive> = tr_later("expected an expression");
template <> inline constexpr auto error_message<e_negation> = tr_later("expected an expression");
template <> inline constexpr auto error_message<e_conjunction> = tr_later("expected an expression");
template <> inline constexpr auto error_message<e_interval_end> = tr_later("expected ']' or ')' to close the interval");
template <> inline constexpr auto error_message<e_interval> = tr_later("expected an interval such as [0, 60%) or (150%, inf)");
template <> inline constexpr auto error_message<e_tiers> = tr_later("expected a tier such as '[0, 60%) -> 0'");
template <> inline constexpr auto error_message<tiers_end> = tr_later("expected another tier or '}' to close 'tiered'");
template <> inline constexpr auto error_message<e_bracket_arms> = tr_later("expected a bracket arm such as '<= 10% -> 2'");
template <> inline constexpr auto error_message<brackets_end> = tr_later("expected another arm, 'otherwise -> …' or '}' to close 'brackets'");
template <> inline constexpr auto error_message<e_parts> = tr_later("expected a weighted part such as '30% -> expression'");
template <> inline constexpr auto error_message<parts_end> = tr_later("expected another part or '}' to close 'weighted'");
template <> inline constexpr auto error_message<e_bands> = tr_later("expected a band such as '达成 -> [80%, 100%]'");
template <> inline constexpr auto error_message<e_band_value> = tr_later("expected the category's band, an interval such as [80%, 100%], or its fixed score such as 0");
template <> inline constexpr auto error_message<e_by> = tr_later("expected 'by' and the category after the judged score");
template <> inline constexpr auto error_message<bands_end> = tr_later("expected another band or '}' to close 'judged'");
template <> inline constexpr auto error_message<e_otherwise> = tr_later("expected 'when …' or 'otherwise …': a 'when' expression must end with 'otherwise'");
template <> inline constexpr auto error_message<e_field_name> = tr_later("expected a field name after '.'");
template <> inline constexpr auto error_message<ruleset_name> = tr_later("expected the ruleset's name as a string");
template <> inline constexpr auto error_message<e_scheme> = tr_later("expected 'scheme' and the scheme's name");
template <> inline constexpr auto error_message<scheme_name> = tr_later("expected the scheme's name");
template <> inline constexpr auto error_message<e_year> = tr_later("expected 'year' and the year");
template <> inline constexpr auto error_message<year_number> = tr_later("expected the year as a whole number");
template <> inline constexpr auto error_message<e_header> = tr_later("expected the header 'ruleset \"NAME\" scheme SCHEME year YEAR' at the start of the file");
template <> inline constexpr auto error_message<total_value> = tr_later("expected the total points after 'total'");
template <> inline constexpr auto error_message<rounding_digits> = tr_later("expected the number of decimals after 'rounding'");
template <> inline constexpr auto error_message<rounding_mode> = tr_later("expected a rounding mode: half_up, half_even, down or up");
template <> inline constexpr auto error_message<e_type> = tr_later("expected a type: number, percent, money, count, bool, text, enum { … }, list of …");
template <> inline constexpr auto error_message<record_end> = tr_later("expected ',' and another field, or '}' to close the record");
template <> inline constexpr auto error_message<e_of> = tr_later("expected 'of' after 'list'");
template <> inline constexpr auto error_message<enum_member> = tr_later("expected an enum member");
template <> inline constexpr auto error_message<enum_end> = tr_later("expected ',' and another member, or '}' to close the enum");
template <> inline constexpr auto error_message<facts_end> = tr_later("expected a fact declaration 'name : type' or '}' to close 'facts'");
template <> inline constexpr auto error_message<define_name> = tr_later("expected the function's name after 'define'");
template <> inline constexpr auto error_message<e_param> = tr_later("expected a parameter name");
template <> inline constexpr auto error_message<let_name> = tr_later("expected a name after 'let'");
template <> inline constexpr auto error_message<points_lo> = tr_later("expected the points after 'points'");
template <> inline constexpr auto error_message<points_hi> = tr_later("expected the upper points after 'to'");
template <> inline constexpr auto error_message<e_points_spec> = tr_later("expected 'points N' after the name");
template <> inline constexpr auto error_message<item_name> = tr_later("expected a name (an identifier or a string)");
template <> inline constexpr auto error_message<evidence_item> = tr_later("expected the evidence's name as a string");
template <> inline constexpr auto error_message<indicator_end> = tr_later("expected 'score', 'explain', 'standard', 'evidence', 'rounding', 'let', 'applies' or '}' to close the indicator");
template <> inline constexpr auto error_message<e_applies_when> = tr_later("expected 'when' and the condition after 'applies', e.g. applies when has_ecology otherwise shared");
template <> inline constexpr auto error_message<e_applies_otherwise> = tr_later("expected 'full' or 'shared' after 'otherwise': what the indicator's points become when it does not apply");
template <> inline constexpr auto error_message<e_direction_word> = tr_later("expected 'better' or 'worse' after 'more is': a fact's direction is 'more is better' or 'more is worse'");
template <> inline constexpr auto error_message<e_least> = tr_later("expected 'least' after 'shared at', e.g. shared at least 1");
template <> inline constexpr auto error_message<e_shared_least> = tr_later("expected how many indicators must apply after 'shared at least', e.g. shared at least 1");
template <> inline constexpr auto error_message<section_end> = tr_later("expected 'section', 'indicator', 'let', 'veto', 'choose' or '}' to close the section");
template <> inline constexpr auto error_message<e_choose_fact> = tr_later("expected the fact that names the indicator assessed after 'choose', e.g. choose carryover_measure { … }");
template <> inline constexpr auto error_message<e_cohort_word> = tr_later("expected 'file' after 'cohort', e.g. cohort file \"departments-2024.csv\"");
template <> inline constexpr auto error_message<e_cohort_file> = tr_later("expected the batch file of the year's departments, e.g. cohort file \"departments-2024.csv\"");
template <> inline constexpr auto error_message<e_date> = tr_later("expected a date such as 2024-02-10 (年-月-日)");
template <> inline constexpr auto error_message<e_calendar_year> = tr_later("expected the year the calendar is of, e.g. calendar 2024 {");
template <> inline constexpr auto error_message<calendar_end> = tr_later("expected 'holiday DATE', 'workday DATE' or '}' to close 'calendar'");
template <> inline constexpr auto error_message<choose_end> = tr_later("expected another 'indicator' or '}' to close 'choose'");
template <> inline constexpr auto error_message<grade_condition> = tr_later("expected '>= N' or 'otherwise' after the grade's name");
template <> inline constexpr auto error_message<e_veto_text> = tr_later("expected the veto's text as a string after 'veto', e.g. veto \"存在重大违纪违规问题\" when …");
template <> inline constexpr auto error_message<e_veto_grade_name> = tr_later("expected the name of the grade the veto caps at, e.g. 'grade 差'");
template <> inline constexpr auto error_message<e_veto_when> = tr_later("expected 'when CONDITION' after the veto's text");
template <> inline constexpr auto error_message<e_veto_effect> = tr_later("expected what the veto does: 'zero' (the section scores 0) or 'grade NAME' (the grade is at most NAME)");
template <> inline constexpr auto error_message<e_grade_floor> = tr_later("expected 'any indicator below P%' (or 'any indicator in SECTION below P%') after 'unless'");
template <> inline constexpr auto error_message<e_floor_share> = tr_later("expected a share of the points such as 60% after 'below'");
template <> inline constexpr auto error_message<grades_end> = tr_later("expected a grade such as '优 >= 90' or '}' to close 'grade'");
template <> inline constexpr auto error_message<file_end> = tr_later("expected a top-level item: section, indicator, facts, define, let, grade, veto, choose, rounding or total");
template <> inline constexpr auto error_message<e_override_target> = tr_later("expected 'indicator NAME points N { … }' or 'section NAME points N { … }' after 'override'");
template <> inline constexpr auto error_message<e_added> = tr_later("expected 'indicator NAME points N { … }' or 'section NAME points N { … }' to add");
template <> inline constexpr auto error_message<removed_name> = tr_later("expected the name of the indicator or section to remove");
template <> inline constexpr auto error_message<e_removed_declaration> = tr_later("expected the name of the fact, function or let to remove");
template <> inline constexpr auto error_message<add_parent> = tr_later("expected the name of the section to add to after 'in'");
template <> inline constexpr auto error_message<extends_path> = tr_later("expected the base ruleset's path as a string after 'extends'");
template <> inline constexpr auto error_message<e_unit> = tr_later("expected the unit as a string, e.g. unit \"万元\"");
template <> inline constexpr auto error_message<e_json_end> = tr_later("expected '}' to close the JSON object");
template <> inline constexpr auto error_message<e_json> = tr_later("expected the facts as a JSON object, e.g. { \"audit_issues\": 4 }");
template <> inline constexpr auto error_message<e_test_name> = tr_later("expected the test's name as a string");
template <> inline constexpr auto error_message<e_given_file> = tr_later("expected the facts file's path as a string after 'file'");
template <> inline constexpr auto error_message<e_expect_code> = tr_later("expected an error code such as E0708");
template <> inline constexpr auto error_message<e_expect_value> = tr_later("expected the expected value: a number, or a grade's name");
template <> inline constexpr auto error_message<e_expectation> = tr_later("expected '= VALUE' or 'error CODE'");
template <> inline constexpr auto error_message<e_expect> = tr_later("expected 'expect …' after the case's name");
template <> inline constexpr auto error_message<test_end> = tr_later("expected 'given', 'prior', 'cohort', 'case', 'expect' or '}' to close the test");
template <> inline constexpr auto error_message<test_file_end> = tr_later("expected a test: test \"name\" { … } (a .test.rubric file holds only tests)");
// clang-format on

struct errors {
  template <typename Rule>
  static constexpr const char* message = error_message<Rule>;
};

}  // namespace rubric::grammar
