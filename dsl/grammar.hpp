// The grammar of Rubric, as PEGTL 3.2.7 rules and nothing else: this file reads as the language
// specification. The parse tree built from these rules is turned into the syntax tree by the
// Builder (builder.hpp); the error messages live in parse_errors.hpp.
//
// Error discipline. PEGTL's must_if raises an error whenever a rule that has a message fails,
// wherever it is used. So the rules with messages are the "expected …" rules (named e_*, or
// *_end for closing braces), and they appear only where failing is a syntax error; the plain
// rules, which may fail and backtrack, have none.
//
// Tokens are separated by whitespace and `#` comments, which carry no meaning. Keywords are
// matched on Rubric's own identifier characters (PEGTL's TAO_PEGTL_KEYWORD stops only at ASCII
// identifier characters, so `score分数` would otherwise match the keyword `score`).
#pragma once

#include <tao/pegtl.hpp>

#include "dsl/grammar_words.hpp"


namespace rubric::grammar {

namespace pegtl = tao::pegtl;
using pegtl::digit;
using pegtl::eof;
using pegtl::eolf;
using pegtl::if_must;
using pegtl::list;
using pegtl::must;
using pegtl::not_at;
using pegtl::not_one;
using pegtl::one;
using pegtl::opt;
using pegtl::rep;
using pegtl::plus;
using pegtl::ranges;
using pegtl::seq;
using pegtl::sor;
using pegtl::star;
using pegtl::string;
using pegtl::until;

// ---- Lexical -------------------------------------------------------------------------------

// comment -> '#' { any } end-of-line
struct comment : seq<one<'#'>, until<eolf>> {};
struct blank : sor<one<' ', '\t', '\r', '\n'>, comment> {};
// Optional whitespace between tokens.
struct _ : star<blank> {};

// Identifier characters (ident_first, ident_other) and how a keyword of either set is matched
// (key<Word>, key2<En, Zh>, key_in<Set, Word>, punct<…>): grammar_words.hpp.

// clang-format off
struct kw_and : key2<en_And, zh_And> {};
struct kw_brackets : key2<en_Brackets, zh_Brackets> {};
struct kw_by : key2<en_By, zh_By> {};
struct kw_deduct : key2<en_Deduct, zh_Deduct> {};
struct kw_default : key2<en_Default, zh_Default> {};
struct kw_define : key2<en_Define, zh_Define> {};
struct kw_evidence : key2<en_Evidence, zh_Evidence> {};
struct kw_explain : key2<en_Explain, zh_Explain> {};
struct kw_facts : key2<en_Facts, zh_Facts> {};
struct kw_false : key2<en_False, zh_False> {};
struct kw_from : key2<en_From, zh_From> {};
struct kw_grade : key2<en_Grade, zh_Grade> {};
struct kw_in : key2<en_In, zh_In> {};
struct kw_indicator : key2<en_Indicator, zh_Indicator> {};
struct kw_inf : key2<en_Inf, zh_Inf> {};
struct kw_judged : key2<en_Judged, zh_Judged> {};
struct kw_let : key2<en_Let, zh_Let> {};
struct kw_not : key2<en_Not, zh_Not> {};
struct kw_or : key2<en_Or, zh_Or> {};
struct kw_otherwise : key2<en_Otherwise, zh_Otherwise> {};
struct kw_per : key2<en_Per, zh_Per> {};
struct kw_points : key2<en_Points, zh_Points> {};
struct kw_rounding : key2<en_Rounding, zh_Rounding> {};
struct kw_score : key2<en_Score, zh_Score> {};
struct kw_section : key2<en_Section, zh_Section> {};
struct kw_standard : key2<en_Standard, zh_Standard> {};
struct kw_tiered : key2<en_Tiered, zh_Tiered> {};
struct kw_to : key2<en_To, zh_To> {};
struct kw_true : key2<en_True, zh_True> {};
struct kw_unit : key2<en_Unit, zh_Unit> {};
struct kw_until : key2<en_Until, zh_Until> {};
struct kw_weighted : key2<en_Weighted, zh_Weighted> {};
struct kw_when : key2<en_When, zh_When> {};
struct kw_where : key2<en_Where, zh_Where> {};
struct kw_zero : key2<en_Zero, zh_Zero> {};

// Words with a meaning only in one place; they remain usable as names elsewhere.
struct w_ruleset : key2<en_Ruleset, zh_Ruleset> {};
struct w_scheme : key2<en_Scheme, zh_Scheme> {};
struct w_year : key2<en_Year, zh_Year> {};
struct w_total : key2<en_Total, zh_Total> {};
struct w_list : key2<en_List, zh_List> {};
struct w_of : key2<en_Of, zh_Of> {};
struct w_enum : key2<en_Enum, zh_Enum> {};
// clang-format on

struct keyword
    : sor<kw_and, kw_brackets, kw_by, kw_deduct, kw_default, kw_define, kw_evidence, kw_explain, kw_facts,
          kw_false, kw_from, kw_grade, kw_in, kw_indicator, kw_inf, kw_judged, kw_let, kw_not, kw_or,
          kw_otherwise, kw_per, kw_points, kw_rounding, kw_score, kw_section, kw_standard, kw_tiered, kw_to,
          kw_true, kw_unit, kw_until, kw_weighted, kw_when, kw_where, kw_zero> {};

// identifier -> ident_first { ident_other }, not a keyword
struct identifier : seq<not_at<keyword>, ident_first, star<ident_other>> {};

// A field name may be any word, keywords included: records have fields named "score" or "points".
struct word : seq<ident_first, star<ident_other>> {};

// number -> digits [ '.' digits ];  percent -> number '%'
struct number : seq<plus<digit>, opt<one<'.'>, plus<digit>>> {};
struct percent : seq<number, one<'%'>> {};
struct integer : plus<digit> {};
// date -> digit{4} '-' digit{2} '-' digit{2}, an ISO calendar date (2024-02-10), read before a
// number: written without spaces it is a date, never a subtraction (`rubric fmt` writes a
// subtraction with spaces around '-').
struct date_lit : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>, not_at<ident_other>> {};
struct e_date : date_lit {};
struct signed_number : seq<opt<one<'-'>>, number> {};

// string -> '"' { char | escape } '"', on one line;  text -> string { string }
struct escape_char : one<'"', '\\', 'n', 't'> {};  // message: unknown escape
struct escape : seq<one<'\\'>, escape_char> {};
struct string_char : sor<escape, not_one<'\n', '\r'>> {};
struct e_string_char : string_char {};  // message: unterminated string
struct string_lit : seq<one<'"'>, until<one<'"'>, e_string_char>> {};
struct text : seq<string_lit, star<_, string_lit>> {};

struct lparen : punct<'(', TAO_PEGTL_STRING("（")> {};
struct rparen : punct<')', TAO_PEGTL_STRING("）")> {};
struct lbrace : one<'{'> {};
struct rbrace : one<'}'> {};
struct comma : punct<',', TAO_PEGTL_STRING("，")> {};
struct colon : punct<':', TAO_PEGTL_STRING("：")> {};
struct semicolon : punct<';', TAO_PEGTL_STRING("；")> {};
struct equals : seq<one<'='>, not_at<one<'='>>> {};
struct arrow : string<'-', '>'> {};

// The "expected …" rules: each fails only where failing is a syntax error.
struct e_rparen : rparen {};
struct e_lparen : lparen {};
struct e_lbrace : lbrace {};
struct e_comma : comma {};
struct e_colon : colon {};
struct e_equals : equals {};
struct e_arrow : arrow {};
struct e_text : text {};
struct e_number : number {};

// ---- Expressions ---------------------------------------------------------------------------

struct expr;
struct additive;
struct operand;  // an expression where one is required: "expected an expression"

struct true_lit : kw_true {};
struct false_lit : kw_false {};
struct points_ref : kw_points {};
struct name_ref : identifier {};

// paren -> '(' expr ')'
struct paren : seq<lparen, _, operand, _, e_rparen> {};

// call -> identifier '(' [ expr { ',' expr } ] ')'   -- the '(' must follow the name directly
struct call : seq<identifier, lparen, _, opt<expr, star<_, comma, _, operand>>, _, e_rparen> {};

// comprehension -> aggregate '(' identifier 'in' expr [ 'where' expr ] [ ':' expr ] ')'
struct aggregate_name
    : sor<key2<en_Sum, zh_Sum>, key2<en_Mean, zh_Mean>, key2<en_Count, zh_Count>,
          key2<en_Min, zh_Min>, key2<en_Max, zh_Max>, key2<en_Any, zh_Any>,
          key2<en_All, zh_All>> {};
struct loop_var : identifier {};
struct where_clause : seq<kw_where, _, operand> {};
struct comp_body : seq<colon, _, operand> {};
struct comprehension
    : seq<aggregate_name, lparen, _, loop_var, _, kw_in, _, operand, opt<_, where_clause>, opt<_, comp_body>, _,
          e_rparen> {};

// interval -> ( '[' | '(' ) bound ',' bound ( ']' | ')' );  bound -> expr | 'inf' | '-inf'
struct lo_closed : one<'['> {};
struct lo_open : lparen {};
struct hi_closed : one<']'> {};
struct hi_open : rparen {};
struct pos_inf : kw_inf {};
struct neg_inf : seq<one<'-'>, _, kw_inf> {};
struct bound : sor<neg_inf, pos_inf, operand> {};
struct e_interval_end : sor<hi_closed, hi_open> {};
struct interval : seq<sor<lo_closed, lo_open>, _, bound, _, e_comma, _, bound, _, e_interval_end> {};
struct e_interval : interval {};

// tiered -> 'tiered' expr '{' tier { tier } '}';  tier -> interval '->' expr
struct tier : seq<interval, _, e_arrow, _, operand> {};
struct e_tiers : seq<tier, _, star<tier, _>> {};
struct tiers_end : rbrace {};
struct tiered : seq<kw_tiered, _, operand, _, e_lbrace, _, e_tiers, tiers_end> {};

// brackets -> 'brackets' expr '{' arm { arm } [ 'otherwise' '->' expr ] '}'
// arm -> ( '<' | '<=' | '>' | '>=' | '==' ) expr '->' expr
// Arm results are additive expressions, so that the next arm's comparison starts a new arm.
struct bracket_cmp : sor<string<'<', '='>, string<'>', '='>, string<'=', '='>, one<'<'>, one<'>'>> {};
struct arm_result;
struct bracket_arm : seq<bracket_cmp, _, operand, _, e_arrow, _, arm_result> {};
struct otherwise_arm : seq<kw_otherwise, _, e_arrow, _, operand> {};
struct e_bracket_arms : seq<bracket_arm, _, star<bracket_arm, _>> {};
struct brackets_end : rbrace {};
struct brackets
    : seq<kw_brackets, _, operand, _, e_lbrace, _, e_bracket_arms, opt<otherwise_arm, _>, brackets_end> {};

// deduct -> deduction { deduction } [ 'from' expr ] [ 'until' ( 'zero' | expr ) ]
// deduction -> 'deduct' expr [ 'per' expr | 'when' expr ]
struct per_clause : seq<kw_per, _, operand> {};
struct when_clause : seq<kw_when, _, operand> {};
struct deduction : seq<kw_deduct, _, operand, opt<_, sor<per_clause, when_clause>>> {};
struct from_clause : seq<kw_from, _, operand> {};
struct until_zero : kw_zero {};
struct until_all : key_in<KeywordSet::Zh, zh_UntilZero> {};  // 扣完为止: `until zero` in one word
struct until_clause : sor<seq<kw_until, _, sor<until_zero, operand>>, until_all> {};
struct deduct : seq<deduction, star<_, deduction>, opt<_, from_clause>, opt<_, until_clause>> {};

// weighted -> 'weighted' '{' part { part } '}';  part -> expr [ text ] '->' expr
struct part_label : text {};
struct part : seq<expr, _, opt<part_label, _>, e_arrow, _, operand> {};
struct e_parts : seq<part, _, star<part, _>> {};
struct parts_end : rbrace {};
struct weighted : seq<kw_weighted, _, e_lbrace, _, e_parts, parts_end> {};

// judged -> 'judged' expr 'by' expr '{' band { band } '}'
// band -> name '->' ( interval | expr )
// An interval bounds the judged score; an expression is the category's fixed score, whatever the
// judged score says (`未出台 -> 0`). A band value starting with '(' is read as an interval.
struct member_name : sor<text, identifier> {};
struct band_value : sor<interval, expr> {};
struct e_band_value : band_value {};
struct band : seq<member_name, _, e_arrow, _, e_band_value> {};
struct e_bands : seq<band, _, star<band, _>> {};
struct e_by : kw_by {};
struct bands_end : rbrace {};
struct judged : seq<kw_judged, _, operand, _, e_by, _, operand, _, e_lbrace, _, e_bands, bands_end> {};

// when -> 'when' expr '->' expr { 'when' expr '->' expr } 'otherwise' expr
struct when_arm : seq<kw_when, _, operand, _, e_arrow, _, operand> {};
struct e_otherwise : seq<kw_otherwise, _, operand> {};
struct when_expr : seq<when_arm, _, star<when_arm, _>, e_otherwise> {};

// primary -> literal | 'points' | special form | comprehension | call | name | '(' expr ')'
struct primary
    : sor<paren, date_lit, percent, number, text, true_lit, false_lit, points_ref, tiered, brackets, deduct, weighted,
          judged, when_expr, comprehension, call, name_ref> {};

// postfix -> primary { '.' identifier }
struct field_name : word {};
struct e_field_name : field_name {};
struct member_access : seq<one<'.'>, e_field_name> {};
struct postfix : seq<primary, star<member_access>> {};

// unary -> '-' unary | postfix
struct e_unary;
struct negate : seq<one<'-'>, not_at<one<'>'>>, _, e_unary> {};
struct unary : sor<negate, postfix> {};

// Binary levels, tightest first: * /, + -, comparisons, not, and, or. The right operand of each
// level is the next tighter level, so that "a >= 1 and b" groups as "(a >= 1) and b".
struct mul_op : one<'*', '/'> {};
struct add_op : sor<one<'+'>, seq<one<'-'>, not_at<one<'>'>>>> {};
struct cmp_op : sor<string<'<', '='>, string<'>', '='>, string<'=', '='>, string<'!', '='>, one<'<'>, one<'>'>> {};
struct e_unary : unary {};
struct multiplicative : seq<unary, star<_, mul_op, _, e_unary>> {};
struct e_multiplicative : multiplicative {};
struct additive : seq<multiplicative, star<_, add_op, _, e_multiplicative>> {};
struct e_additive : additive {};
struct comparison : seq<additive, opt<_, cmp_op, _, e_additive>> {};
struct not_op : kw_not {};
struct e_negation;
struct negation : sor<seq<not_op, _, e_negation>, comparison> {};
struct e_negation : negation {};
struct and_op : kw_and {};
struct or_op : kw_or {};
struct conjunction : seq<negation, star<_, and_op, _, e_negation>> {};
struct e_conjunction : conjunction {};
struct disjunction : seq<conjunction, star<_, or_op, _, e_conjunction>> {};
struct expr : disjunction {};
struct operand : expr {};
struct arm_result : additive {};

// ---- Declarations --------------------------------------------------------------------------

// header -> 'ruleset' text 'scheme' identifier 'year' integer
struct ruleset_name : text {};
struct scheme_name : identifier {};
struct year_number : integer {};
struct e_scheme : w_scheme {};
struct e_year : w_year {};
// header -> … [ 'extends' text ]: the ruleset changes an earlier one (see change_stmt below)
struct w_extends : key2<en_Extends, zh_Extends> {};
struct extends_path : text {};
struct extends_clause : seq<w_extends, _, extends_path> {};
struct header
    : seq<w_ruleset, _, ruleset_name, _, e_scheme, _, scheme_name, _, e_year, _, year_number, opt<_, extends_clause>> {};
struct e_header : header {};

// total -> 'total' number
struct total_value : number {};
struct total_stmt : seq<w_total, _, total_value> {};

// rounding -> 'rounding' integer mode
struct rounding_digits : integer {};
struct rounding_mode : identifier {};
struct rounding_stmt : seq<kw_rounding, _, rounding_digits, _, rounding_mode> {};

// type -> 'list' 'of' ( record | type ) | 'enum' '{' name { ',' name } '}' | record | identifier
struct type;
struct e_type;
struct type_name : identifier {};
struct record_field : word {};

struct field_decl;
struct record_end : rbrace {};
struct record_type : seq<lbrace, _, field_decl, star<_, comma, _, field_decl>, _, record_end> {};
struct e_of : w_of {};
struct list_type : seq<w_list, _, e_of, _, e_type> {};
struct enum_member : sor<text, identifier> {};
struct enum_end : rbrace {};
struct enum_type : seq<w_enum, _, e_lbrace, _, enum_member, star<_, comma, _, enum_member>, _, enum_end> {};  // enum_member has a message
struct type : sor<list_type, enum_type, record_type, type_name> {};
struct e_type : type {};

// fact -> identifier ':' type { label | 'in' interval | 'default' expr | 'unit' text | 'fixed' | direction }
struct fact_label : text {};
struct fact_domain : seq<kw_in, _, e_interval> {};
// field -> identifier ':' type { 'in' interval | label | 'fixed' | direction }
// A field's label, as a fact's: what the 评分依据 calls it ("年初目标值").
struct field_label : text {};
struct fact_fixed;
struct fact_direction;
struct field_option;
struct field_decl : seq<record_field, _, e_colon, _, e_type, star<_, field_option>> {};
// `default []`: a list fact that a department may leave out, read as no elements.
struct empty_list : seq<one<'['>, _, one<']'>> {};
struct fact_default : seq<kw_default, _, sor<empty_list, operand>> {};
// A unit is one string: `unit "万元" "label"` is a unit and a label, not one joined text.
struct e_unit : string_lit {};
struct fact_unit : seq<kw_unit, _, e_unit> {};
// `fixed`: a value a department cannot change within its year (a year-start target, a budget, a
// weight): `rubric whatif` holds it as given. Not reserved: a fact may be called fixed, which the
// ':' after the name tells apart.
struct w_fixed : key2<en_Fixed, zh_Fixed> {};
struct fact_fixed : seq<w_fixed, not_at<_, colon>> {};
// direction -> 'more is better' | 'more is worse' (越高越好 | 越低越好): the way every score that
// reads the value is meant to move as it grows; rubric check warns where one does not (W0408).
// Not reserved, as 'fixed'.
template <typename Last, typename Zh>
struct direction_words : sor<seq<key_in<KeywordSet::En, en_More>, _, key_in<KeywordSet::En, en_Is>, _, key_in<KeywordSet::En, Last>>,
                             key_in<KeywordSet::Zh, Zh>> {};
struct more_is_better : seq<direction_words<en_Better, zh_MoreBetter>, not_at<_, colon>> {};
struct more_is_worse : seq<direction_words<en_Worse, zh_MoreWorse>, not_at<_, colon>> {};
// `more is` and then neither word (`more is good`): an error that says what may follow.
struct e_direction_word : pegtl::failure {};
struct bad_direction : seq<key_in<KeywordSet::En, en_More>, _, key_in<KeywordSet::En, en_Is>, e_direction_word> {};
struct fact_direction : sor<more_is_better, more_is_worse, bad_direction> {};
struct field_option : sor<fact_domain, field_label, fact_fixed, fact_direction> {};
struct fact_option : sor<fact_label, fact_domain, fact_default, fact_unit, fact_fixed, fact_direction> {};
struct fact_name : identifier {};
struct fact_decl : seq<fact_name, _, e_colon, _, e_type, star<_, fact_option>> {};
// require -> 'require' text ':' expr    -- what every department's facts must meet
// (各产出指标分值合计不超过本指标分值): facts that do not are refused (E0620). `require` is not
// reserved: a fact may be called require (`require : number`), which the text after it tells apart.
struct w_require : key2<en_Require, zh_Require> {};
struct require_text : text {};
struct require_stmt : seq<w_require, _, require_text, _, e_colon, _, operand> {};
struct facts_end : rbrace {};
struct facts_block : seq<kw_facts, _, e_lbrace, _, star<sor<require_stmt, fact_decl>, _>, facts_end> {};

// define -> 'define' identifier '(' [ identifier { ',' identifier } ] ')' '=' expr
struct define_name : identifier {};
struct param : identifier {};
struct e_param : param {};
// A parameter's label: what the 评分依据 calls it, `define completion(rate "完成率", pts "分值")`.
struct param_label : text {};
struct define_stmt
    : seq<kw_define, _, define_name, _, e_lparen, _, opt<param, opt<_, param_label>, star<_, comma, _, e_param, opt<_, param_label>>>, _, e_rparen, _,
          e_equals, _, operand> {};

// let -> 'let' identifier '=' expr
struct let_name : identifier {};
// let -> 'let' name [ text ] '=' expr    -- the text is the value's label in the 评分依据 ("完成率")
struct let_label : text {};
struct let_stmt : seq<kw_let, _, let_name, opt<_, let_label>, _, e_equals, _, operand> {};

// points -> 'points' signed_number [ 'to' signed_number ]
struct points_lo : signed_number {};
struct points_hi : signed_number {};
struct points_spec : seq<kw_points, _, points_lo, opt<_, kw_to, _, points_hi>> {};

// The words that begin a change of an extending ruleset. They are not reserved (a fact may be
// called `add`), but a bare name is never one of them: `remove` at the end of a line is then not
// read as removing something called `remove` on the next.
struct w_override : key2<en_Override, zh_Override> {};
struct w_remove : key2<en_Remove, zh_Remove> {};
struct w_add : key2<en_Add, zh_Add> {};
struct change_word : sor<w_override, w_remove, w_add> {};
struct item_name : sor<text, seq<not_at<change_word>, identifier>> {};  // message: a name is required after section/indicator
struct e_points_spec : points_spec {};

// indicator -> 'indicator' name points '{' { indicator_item } '}'
struct explain_stmt : seq<kw_explain, _, e_text> {};
struct standard_stmt : seq<kw_standard, _, e_text> {};
struct evidence_item : text {};
struct evidence_stmt : seq<kw_evidence, _, evidence_item, star<_, comma, _, evidence_item>> {};  // evidence_item has a message
struct score_stmt : seq<kw_score, _, operand> {};
// applies -> 'applies' 'when' expr [ 'otherwise' ( 'full' | 'shared' ) ]
//   -- an indicator that does not apply to every department (不适用): when the condition is false it
//      is scored full, or its points are shared by the indicators of its section that apply.
//      `applies`, `full` and `shared` are not reserved.
struct w_applies : key2<en_Applies, zh_Applies> {};
struct w_full : key2<en_Full, zh_Full> {};
struct w_shared : key2<en_Shared, zh_Shared> {};
struct e_applies_when : kw_when {};
struct applies_full : w_full {};
struct applies_shared : w_shared {};
struct e_applies_otherwise : sor<applies_full, applies_shared> {};
struct applies_stmt
    : seq<w_applies, _, e_applies_when, _, operand, opt<_, kw_otherwise, _, e_applies_otherwise>> {};
struct indicator_item
    : sor<explain_stmt, standard_stmt, evidence_stmt, rounding_stmt, let_stmt, score_stmt, applies_stmt> {};
struct indicator_end : rbrace {};
struct indicator
    : seq<kw_indicator, _, item_name, _, e_points_spec, _, e_lbrace, _, star<indicator_item, _>, indicator_end> {};

// veto -> 'veto' text 'when' expr '->' effect { ',' effect }     -- 一票否决
// effect -> 'zero'            -- the enclosing section (at the top level: every indicator) scores 0
//         | 'grade' name      -- the grade is at most this one
// `veto` is not reserved: a fact may be called veto.
struct w_veto : key2<en_Veto, zh_Veto> {};
struct veto_text : text {};
struct e_veto_text : veto_text {};
struct e_veto_when : kw_when {};
struct veto_zero : kw_zero {};
struct veto_grade_name : sor<text, identifier> {};
struct e_veto_grade_name : veto_grade_name {};
struct veto_grade : seq<kw_grade, _, e_veto_grade_name> {};
struct e_veto_effect : sor<veto_zero, veto_grade> {};
struct veto_stmt
    : seq<w_veto, _, e_veto_text, _, e_veto_when, _, operand, _, e_arrow, _, e_veto_effect,
          star<_, comma, _, e_veto_effect>> {};

// choose -> 'choose' name '{' indicator { indicator } '}'
//   -- alternatives (二者择其一): the enum fact names the indicator assessed; the others are not
//      applicable. `choose` is not reserved.
struct w_choose : key2<en_Choose, zh_Choose> {};
struct choose_fact : identifier {};
struct e_choose_fact : choose_fact {};
struct choose_end : rbrace {};
struct choose_stmt : seq<w_choose, _, e_choose_fact, _, e_lbrace, _, star<indicator, _>, choose_end> {};

// section -> [ 'extra' ] 'section' name points [ shared ] '{' { section | indicator | let | veto | choose } '}'
//   -- an extra section (加减分项) is outside the total: its parts may add up to more than its
//      points, and its score is their sum held within its points. `extra` is not reserved.
struct section;
struct section_item : sor<section, indicator, let_stmt, veto_stmt, choose_stmt> {};
struct section_end : rbrace {};
struct w_extra : key2<en_Extra, zh_Extra> {};
struct section_extra : w_extra {};
// shared -> 'shared' [ 'at' 'least' integer ]
//   -- the section's points are shared by its indicators that apply, in proportion to their points
//      (可选项): at least that many (1 if not said) must apply. `at` and `least` are not reserved.
struct w_at : key_in<KeywordSet::En, en_At> {};
struct w_least : key_in<KeywordSet::En, en_Least> {};
struct e_least : w_least {};
struct shared_least : integer {};
struct e_shared_least : shared_least {};
struct at_least : sor<seq<w_at, _, e_least>, key_in<KeywordSet::Zh, zh_AtLeast>> {};  // 至少
struct section_shared : seq<w_shared, opt<_, at_least, _, e_shared_least>> {};
struct section
    : seq<opt<section_extra, _>, kw_section, _, item_name, _, e_points_spec, _, opt<section_shared, _>, e_lbrace, _,
          star<section_item, _>, section_end> {};

// grade -> 'grade' '{' { name ( '>=' number [ unless ] | 'otherwise' ) [ ';' ] } '}'
// unless -> 'unless' 'any' 'indicator' [ 'in' name ] 'below' percent
//   -- the grade is not given when an indicator (of that section) scores below that share of its points
struct grade_threshold : number {};
struct grade_otherwise : kw_otherwise {};
struct w_unless : key2<en_Unless, zh_Unless> {};
struct w_any : key2<en_Any, zh_Any> {};
struct w_below : key2<en_Below, zh_Below> {};
struct floor_section : sor<text, identifier> {};
struct floor_share : percent {};
struct e_floor_share : floor_share {};
struct e_grade_floor
    : seq<w_any, _, kw_indicator, _, opt<kw_in, _, floor_section, _>, w_below, _, e_floor_share> {};
struct grade_unless : seq<w_unless, _, e_grade_floor> {};
struct grade_condition
    : sor<seq<string<'>', '='>, _, grade_threshold, opt<_, grade_unless>>, grade_otherwise> {};
struct grade_name : sor<text, identifier> {};
struct grade_arm : seq<grade_name, _, grade_condition> {};
struct grades_end : rbrace {};
struct grade_block : seq<kw_grade, _, e_lbrace, _, star<grade_arm, _, opt<semicolon, _>>, grades_end> {};

// Changes to the base of an extending ruleset:
// change -> 'override' ( indicator | section )               -- replace the node of that name
//         | 'override' ( 'indicator' | 'section' ) name points  -- change only its points
//         | 'remove' name
//         | 'remove' ( 'fact' | 'function' | 'let' ) name    -- a declaration of the base
//         | 'remove' ( 'veto' | 'require' ) text            -- a veto, a requirement on the facts
//         | 'add' [ 'in' name ] ( indicator | section )          -- add to a section, or the top
struct target_indicator : kw_indicator {};
struct target_section : kw_section {};
struct points_override
    : seq<sor<target_indicator, target_section>, _, item_name, _, points_spec, not_at<_, one<'{'>>> {};
struct e_override_target : sor<points_override, indicator, section> {};
struct override_stmt : seq<w_override, _, e_override_target> {};
struct removed_name : item_name {};
struct removed_fact : key2<en_Fact, zh_Fact> {};
struct removed_function : key2<en_Function, zh_Function> {};
struct removed_let : kw_let {};
struct removed_declaration : seq<not_at<change_word>, identifier> {};  // as item_name
struct e_removed_declaration : removed_declaration {};
struct removed_veto : key2<en_Veto, zh_Veto> {};
struct removed_require : key2<en_Require, zh_Require> {};
struct removed_text : text {};
struct remove_stmt
    : seq<w_remove, _,
          sor<seq<sor<removed_fact, removed_function, removed_let>, _, e_removed_declaration>,
              seq<sor<removed_veto, removed_require>, _, removed_text>, removed_name>> {};
struct add_parent : item_name {};
struct e_added : sor<indicator, section> {};
struct add_stmt : seq<w_add, _, opt<kw_in, _, add_parent, _>, e_added> {};

// file -> [ BOM ] header { top_item }
// ---- Tests ---------------------------------------------------------------------------------
//
// test -> 'test' text '{' [ given ] { prior | cohort } { expect | case } '}'   -- each of prior, cohort at most once
// given -> 'given' ( 'file' text [ 'with' json ] | json )    -- the facts, a JSON object
// case -> 'case' text [ 'with' json ] expect { expect }      -- a row: its own facts changes
// expect -> 'expect' ( 'error' code | target ( '=' value | 'error' code ) )
// target -> 'total' | 'grade' | name;   value -> number | name
struct w_test : key2<en_Test, zh_Test> {};
struct w_given : key2<en_Given, zh_Given> {};
struct w_file : key2<en_File, zh_File> {};
struct w_with : key2<en_With, zh_With> {};
struct w_case : key2<en_Case, zh_Case> {};
struct w_expect : key2<en_Expect, zh_Expect> {};
struct w_error : key2<en_Error, zh_Error> {};
// A JSON object kept as text: strings are skipped whole so that braces inside them do not count.
struct json_string : seq<one<'"'>, until<one<'"'>, sor<seq<one<'\\'>, pegtl::any>, not_one<'\n'>>>> {};
struct json_object;
struct e_json_end : one<'}'> {};
struct json_object : seq<one<'{'>, star<sor<json_string, json_object, not_one<'{', '}', '"'>>>, e_json_end> {};
struct e_json : json_object {};
struct test_name : text {};
struct e_test_name : test_name {};
struct given_file : text {};
struct e_given_file : given_file {};
struct given_stmt : seq<w_given, _, sor<seq<w_file, _, e_given_file, opt<_, w_with, _, e_json>>, e_json>> {};
// prior -> 'prior' ( 'file' text | json )   -- the department's facts of last year, for prior(FACT)
struct w_prior : key2<en_Prior, zh_Prior> {};
struct prior_file : text {};
struct e_prior_file : prior_file {};
struct prior_stmt : seq<w_prior, _, sor<seq<w_file, _, e_prior_file>, e_json>> {};
// cohort -> 'cohort' 'file' text   -- the year's departments (a batch file), for year_mean(FACT) …
struct w_cohort : key2<en_Cohort, zh_Cohort> {};
struct cohort_file : text {};
struct e_cohort_file : cohort_file {};
struct e_cohort_word : w_file {};
struct cohort_stmt : seq<w_cohort, _, e_cohort_word, _, e_cohort_file> {};
struct expect_code : seq<one<'E', 'W'>, plus<digit>> {};
struct e_expect_code : expect_code {};
struct total_target : key2<en_Total, zh_Total> {};
struct grade_target : key2<en_Grade, zh_Grade> {};
struct expect_target : sor<total_target, grade_target, item_name> {};
struct expect_value : sor<signed_number, text, identifier> {};
struct e_expect_value : expect_value {};
struct expect_error : seq<w_error, _, e_expect_code> {};
struct expect_equals : seq<one<'='>, opt<one<'='>>, _, e_expect_value> {};
struct e_expectation : sor<expect_error, expect_equals> {};
struct expect_stmt : seq<w_expect, _, sor<expect_error, seq<expect_target, _, e_expectation>>> {};
struct e_expect : expect_stmt {};
struct case_stmt : seq<w_case, _, e_test_name, opt<_, w_with, _, e_json>, _, e_expect, star<_, expect_stmt>> {};
struct test_end : rbrace {};
struct test_block
    : seq<w_test, _, e_test_name, _, e_lbrace, _, opt<given_stmt, _>, star<sor<prior_stmt, cohort_stmt>, _>,
          star<sor<case_stmt, expect_stmt>, _>, test_end> {};

// calendar -> 'calendar' integer '{' { ( 'holiday' | 'workday' ) date [ 'to' date ] } '}'
struct w_calendar : key2<en_Calendar, zh_Calendar> {};
struct w_holiday : key2<en_Holiday, zh_Holiday> {};
struct w_workday : key2<en_Workday, zh_Workday> {};
struct calendar_year : integer {};
struct e_calendar_year : calendar_year {};
struct calendar_days : seq<e_date, opt<_, kw_to, _, e_date>> {};
struct calendar_holiday : seq<w_holiday, _, calendar_days> {};
struct calendar_workday : seq<w_workday, _, calendar_days> {};
struct calendar_end : rbrace {};
struct calendar_block
    : seq<w_calendar, _, e_calendar_year, _, e_lbrace, _, star<sor<calendar_holiday, calendar_workday>, _>, calendar_end> {};

struct top_item
    : sor<calendar_block, total_stmt, rounding_stmt, facts_block, define_stmt, let_stmt, section, indicator, grade_block,
          override_stmt, remove_stmt, add_stmt, test_block, veto_stmt, choose_stmt> {};
struct file_end : eof {};
struct file : seq<opt<pegtl::utf8::bom>, _, e_header, _, star<top_item, _>, file_end> {};

// A sibling test file (2023.test.rubric) holds only tests, for the ruleset of the same name.
struct test_file_end : eof {};
struct test_file : seq<opt<pegtl::utf8::bom>, _, star<test_block, _>, test_file_end> {};

}  // namespace rubric::grammar
