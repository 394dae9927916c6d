// The message of every "expected …" rule of grammar.hpp. A rule listed here raises a syntax
// error as soon as it fails, so only rules whose failure is an error may be listed (see the
// error discipline at the top of grammar.hpp).
#pragma once

#include "dsl/grammar.hpp"

namespace rubric::grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

// clang-format off
template <> inline constexpr auto error_message<escape_char> = "unknown escape sequence; use \\\", \\\\, \\n or \\t";
template <> inline constexpr auto error_message<e_string_char> = "unterminated string; a string must end with '\"' on the same line";
template <> inline constexpr auto error_message<e_rparen> = "expected ')'";
template <> inline constexpr auto error_message<e_lparen> = "expected '('";
template <> inline constexpr auto error_message<e_lbrace> = "expected '{'";
template <> inline constexpr auto error_message<e_comma> = "expected ','";
template <> inline constexpr auto error_message<e_colon> = "expected ':'";
template <> inline constexpr auto error_message<e_equals> = "expected '='";
template <> inline constexpr auto error_message<e_arrow> = "expected '->'";
template <> inline constexpr auto error_message<e_text> = "expected a string";
template <> inline constexpr auto error_message<e_number> = "expected a number";
template <> inline constexpr auto error_message<operand> = "expected an expression";
template <> inline constexpr auto error_message<arm_result> = "expected an expression";
template <> inline constexpr auto error_message<e_unary> = "expected an expression";
template <> inline constexpr auto error_message<e_multiplicative> = "expected an expression";
template <> inline constexpr auto error_message<e_additive> = "expected an expression";
template <> inline constexpr auto error_message<e_negation> = "expected an expression";
template <> inline constexpr auto error_message<e_conjunction> = "expected an expression";
template <> inline constexpr auto error_message<e_interval_end> = "expected ']' or ')' to close the interval";
template <> inline constexpr auto error_message<e_interval> = "expected an interval such as [0, 60%) or (150%, inf)";
template <> inline constexpr auto error_message<e_tiers> = "expected a tier such as '[0, 60%) -> 0'";
template <> inline constexpr auto error_message<tiers_end> = "expected another tier or '}' to close 'tiered'";
template <> inline constexpr auto error_message<e_bracket_arms> = "expected a bracket arm such as '<= 10% -> 2'";
template <> inline constexpr auto error_message<brackets_end> = "expected another arm, 'otherwise -> …' or '}' to close 'brackets'";
template <> inline constexpr auto error_message<e_parts> = "expected a weighted part such as '30% -> expression'";
template <> inline constexpr auto error_message<parts_end> = "expected another part or '}' to close 'weighted'";
template <> inline constexpr auto error_message<e_bands> = "expected a band such as '达成 -> [80%, 100%]'";
template <> inline constexpr auto error_message<e_band_value> = "expected the category's band, an interval such as [80%, 100%], or its fixed score such as 0";
template <> inline constexpr auto error_message<e_by> = "expected 'by' and the category after the judged score";
template <> inline constexpr auto error_message<bands_end> = "expected another band or '}' to close 'judged'";
template <> inline constexpr auto error_message<e_otherwise> = "expected 'when …' or 'otherwise …': a 'when' expression must end with 'otherwise'";
template <> inline constexpr auto error_message<e_field_name> = "expected a field name after '.'";
template <> inline constexpr auto error_message<ruleset_name> = "expected the ruleset's name as a string";
template <> inline constexpr auto error_message<e_scheme> = "expected 'scheme' and the scheme's name";
template <> inline constexpr auto error_message<scheme_name> = "expected the scheme's name";
template <> inline constexpr auto error_message<e_year> = "expected 'year' and the year";
template <> inline constexpr auto error_message<year_number> = "expected the year as a whole number";
template <> inline constexpr auto error_message<e_header> = "expected the header 'ruleset \"NAME\" scheme SCHEME year YEAR' at the start of the file";
template <> inline constexpr auto error_message<total_value> = "expected the total points after 'total'";
template <> inline constexpr auto error_message<rounding_digits> = "expected the number of decimals after 'rounding'";
template <> inline constexpr auto error_message<rounding_mode> = "expected a rounding mode: half_up, half_even, down or up";
template <> inline constexpr auto error_message<e_type> = "expected a type: number, percent, money, count, bool, text, enum { … }, list of …";
template <> inline constexpr auto error_message<record_end> = "expected ',' and another field, or '}' to close the record";
template <> inline constexpr auto error_message<e_of> = "expected 'of' after 'list'";
template <> inline constexpr auto error_message<enum_member> = "expected an enum member";
template <> inline constexpr auto error_message<enum_end> = "expected ',' and another member, or '}' to close the enum";
template <> inline constexpr auto error_message<facts_end> = "expected a fact declaration 'name : type' or '}' to close 'facts'";
template <> inline constexpr auto error_message<define_name> = "expected the function's name after 'define'";
template <> inline constexpr auto error_message<e_param> = "expected a parameter name";
template <> inline constexpr auto error_message<let_name> = "expected a name after 'let'";
template <> inline constexpr auto error_message<points_lo> = "expected the points after 'points'";
template <> inline constexpr auto error_message<points_hi> = "expected the upper points after 'to'";
template <> inline constexpr auto error_message<e_points_spec> = "expected 'points N' after the name";
template <> inline constexpr auto error_message<item_name> = "expected a name (an identifier or a string)";
template <> inline constexpr auto error_message<evidence_item> = "expected the evidence's name as a string";
template <> inline constexpr auto error_message<indicator_end> = "expected 'score', 'explain', 'standard', 'evidence', 'rounding', 'let', 'applies' or '}' to close the indicator";
template <> inline constexpr auto error_message<e_applies_when> = "expected 'when' and the condition after 'applies', e.g. applies when has_ecology otherwise shared";
template <> inline constexpr auto error_message<e_applies_otherwise> = "expected 'full' or 'shared' after 'otherwise': what the indicator's points become when it does not apply";
template <> inline constexpr auto error_message<e_least> = "expected 'least' after 'shared at', e.g. shared at least 1";
template <> inline constexpr auto error_message<e_shared_least> = "expected how many indicators must apply after 'shared at least', e.g. shared at least 1";
template <> inline constexpr auto error_message<section_end> = "expected 'section', 'indicator', 'let', 'veto', 'choose' or '}' to close the section";
template <> inline constexpr auto error_message<e_choose_fact> = "expected the fact that names the indicator assessed after 'choose', e.g. choose carryover_measure { … }";
template <> inline constexpr auto error_message<e_cohort_word> = "expected 'file' after 'cohort', e.g. cohort file \"departments-2024.csv\"";
template <> inline constexpr auto error_message<e_cohort_file> = "expected the batch file of the year's departments, e.g. cohort file \"departments-2024.csv\"";
template <> inline constexpr auto error_message<e_date> = "expected a date such as 2024-02-10 (年-月-日)";
template <> inline constexpr auto error_message<e_calendar_year> = "expected the year the calendar is of, e.g. calendar 2024 {";
template <> inline constexpr auto error_message<calendar_end> = "expected 'holiday DATE', 'workday DATE' or '}' to close 'calendar'";
template <> inline constexpr auto error_message<choose_end> = "expected another 'indicator' or '}' to close 'choose'";
template <> inline constexpr auto error_message<grade_condition> = "expected '>= N' or 'otherwise' after the grade's name";
template <> inline constexpr auto error_message<e_veto_text> = "expected the veto's text as a string after 'veto', e.g. veto \"存在重大违纪违规问题\" when …";
template <> inline constexpr auto error_message<e_veto_grade_name> = "expected the name of the grade the veto caps at, e.g. 'grade 差'";
template <> inline constexpr auto error_message<e_veto_when> = "expected 'when CONDITION' after the veto's text";
template <> inline constexpr auto error_message<e_veto_effect> = "expected what the veto does: 'zero' (the section scores 0) or 'grade NAME' (the grade is at most NAME)";
template <> inline constexpr auto error_message<e_grade_floor> = "expected 'any indicator below P%' (or 'any indicator in SECTION below P%') after 'unless'";
template <> inline constexpr auto error_message<e_floor_share> = "expected a share of the points such as 60% after 'below'";
template <> inline constexpr auto error_message<grades_end> = "expected a grade such as '优 >= 90' or '}' to close 'grade'";
template <> inline constexpr auto error_message<file_end> = "expected a top-level item: section, indicator, facts, define, let, grade, veto, choose, rounding or total";
template <> inline constexpr auto error_message<e_override_target> = "expected 'indicator NAME points N { … }' or 'section NAME points N { … }' after 'override'";
template <> inline constexpr auto error_message<e_added> = "expected 'indicator NAME points N { … }' or 'section NAME points N { … }' to add";
template <> inline constexpr auto error_message<removed_name> = "expected the name of the indicator or section to remove";
template <> inline constexpr auto error_message<e_removed_declaration> = "expected the name of the fact, function or let to remove";
template <> inline constexpr auto error_message<add_parent> = "expected the name of the section to add to after 'in'";
template <> inline constexpr auto error_message<extends_path> = "expected the base ruleset's path as a string after 'extends'";
template <> inline constexpr auto error_message<e_unit> = "expected the unit as a string, e.g. unit \"万元\"";
template <> inline constexpr auto error_message<e_json_end> = "expected '}' to close the JSON object";
template <> inline constexpr auto error_message<e_json> = "expected the facts as a JSON object, e.g. { \"audit_issues\": 4 }";
template <> inline constexpr auto error_message<e_test_name> = "expected the test's name as a string";
template <> inline constexpr auto error_message<e_given_file> = "expected the facts file's path as a string after 'file'";
template <> inline constexpr auto error_message<e_expect_code> = "expected an error code such as E0708";
template <> inline constexpr auto error_message<e_expect_value> = "expected the expected value: a number, or a grade's name";
template <> inline constexpr auto error_message<e_expectation> = "expected '= VALUE' or 'error CODE'";
template <> inline constexpr auto error_message<e_expect> = "expected 'expect …' after the case's name";
template <> inline constexpr auto error_message<test_end> = "expected 'given', 'prior', 'cohort', 'case', 'expect' or '}' to close the test";
template <> inline constexpr auto error_message<test_file_end> = "expected a test: test \"name\" { … } (a .test.rubric file holds only tests)";
// clang-format on

struct errors {
  template <typename Rule>
  static constexpr const char* message = error_message<Rule>;
};

}  // namespace rubric::grammar
