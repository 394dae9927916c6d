// The formatter: PEGTL parse tree to canonical text. See format.hpp for what it keeps and
// docs/language.md, "Formatting", for the layout.
//
// The printer builds output lines one token at a time, in source order, and tracks the source
// offset of the last token written. Comments are not in the parse tree: they are collected from
// the text beforehand, and each is placed by position. A comment before a line's first token
// goes above that line; a comment after a line's last token, on the same source line, stays at
// the end of that line; a comment inside something printed on one line (an argument list that
// the source spread over lines) goes to the end of that line or, when there are several, above
// it. Nothing is ever dropped, and the result is checked again (format_source below).
#include "dsl/format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "dsl/ast_dump.hpp"
#include "dsl/format_printer.hpp"
#include "dsl/grammar.hpp"
#include "dsl/parser.hpp"
#include "base/unicode.hpp"

namespace rubric {
namespace {

using formatting::blank_before;
using formatting::Comment;
using formatting::is;
using formatting::is_space;
using formatting::Node;
using formatting::Printer;
namespace g = grammar;
namespace pegtl = tao::pegtl;

// The parse-tree nodes the printer needs: every token with a spelling to keep, every construct
// with a layout, and the parentheses (which the syntax tree does not keep).
template <typename Rule>
using selector = pegtl::parse_tree::selector<
    Rule,
    pegtl::parse_tree::store_content::on<
        g::identifier, g::number, g::date_lit, g::e_date, g::percent, g::text, g::e_text, g::string_lit, g::true_lit, g::false_lit,
        g::points_ref, g::name_ref, g::paren, g::call, g::comprehension, g::aggregate_name, g::loop_var,
        g::where_clause, g::comp_body, g::interval, g::e_interval, g::lo_closed, g::lo_open, g::hi_closed,
        g::hi_open, g::pos_inf, g::neg_inf, g::tier, g::tiered, g::bracket_cmp, g::bracket_arm, g::otherwise_arm,
        g::brackets, g::deduction, g::per_clause, g::when_clause, g::from_clause, g::until_zero, g::until_all, g::until_clause,
        g::deduct, g::part_label, g::part, g::weighted, g::member_name, g::band, g::judged, g::when_arm,
        g::e_otherwise, g::when_expr, g::member_access, g::e_field_name, g::negate, g::mul_op, g::add_op,
        g::cmp_op, g::not_op, g::and_op, g::or_op, g::postfix, g::multiplicative, g::additive, g::comparison,
        g::negation, g::conjunction, g::disjunction, g::expr, g::operand, g::arm_result, g::e_unary,
        g::e_multiplicative, g::e_additive, g::e_negation, g::e_conjunction, g::ruleset_name, g::scheme_name,
        g::year_number, g::header, g::e_header, g::extends_path, g::total_stmt, g::total_value, g::rounding_stmt,
        g::rounding_digits, g::rounding_mode, g::type_name, g::field_decl, g::field_label, g::record_field, g::record_type,
        g::list_type, g::enum_member, g::enum_type, g::fact_label, g::fact_domain, g::fact_default, g::empty_list, g::fact_unit, g::fact_fixed, g::more_is_better, g::more_is_worse,
        g::e_unit, g::fact_name, g::fact_decl, g::require_stmt, g::require_text, g::facts_block, g::define_name, g::param, g::e_param, g::param_label,
        g::define_stmt, g::let_name, g::let_label, g::let_stmt, g::points_spec, g::e_points_spec, g::points_lo, g::points_hi,
        g::item_name, g::explain_stmt, g::standard_stmt, g::evidence_item, g::evidence_stmt, g::score_stmt,
        g::indicator, g::section, g::section_extra, g::section_shared, g::e_shared_least, g::applies_stmt, g::applies_full, g::applies_shared, g::choose_stmt, g::e_choose_fact, g::grade_name, g::grade_threshold, g::grade_otherwise, g::grade_unless, g::floor_section, g::e_floor_share, g::floor_share, g::veto_stmt, g::e_veto_text, g::veto_zero, g::veto_grade, g::e_veto_grade_name, g::grade_arm,
        g::grade_block, g::override_stmt, g::points_override, g::target_indicator, g::target_section,
        g::remove_stmt, g::removed_name, g::removed_fact, g::removed_function, g::removed_let, g::removed_veto, g::removed_require, g::removed_text,
        g::e_removed_declaration, g::add_stmt, g::add_parent, g::test_block, g::test_name, g::e_test_name,
        g::given_stmt, g::given_file, g::e_given_file, g::prior_stmt, g::e_prior_file, g::cohort_stmt, g::e_cohort_file, g::calendar_block, g::e_calendar_year, g::calendar_days, g::calendar_holiday, g::calendar_workday, g::e_json, g::case_stmt, g::expect_stmt, g::e_expect,
        g::expect_error, g::expect_equals, g::total_target, g::grade_target, g::e_expect_code, g::e_expect_value,
        g::expect_value>>;

// Every `#` comment of [text], in order: a '#' inside a string or inside one of [raw] (the JSON
// objects of tests, where '#' is an ordinary character) starts none.
std::vector<Comment> collect_comments(const std::string& text, const std::vector<Span>& raw) {
  std::vector<Comment> out;
  std::size_t next_raw = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    while (next_raw < raw.size() && raw[next_raw].end <= i) ++next_raw;
    if (next_raw < raw.size() && raw[next_raw].begin <= i) {
      i = raw[next_raw].end - 1;
      continue;
    }
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] != '\n') ++i;
      }
    } else if (c == '#') {
      std::size_t end = text.find('\n', i);
      if (end == std::string::npos) end = text.size();
      std::size_t last = end;
      while (last > i && is_space(text[last - 1])) --last;
      out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end), text.substr(i, last - i),
                     blank_before(text, static_cast<std::uint32_t>(i))});
      i = end;
    }
  }
  return out;
}

void collect_raw(const Node& n, std::vector<Span>& out, const char* base) {
  if (is<g::e_json>(n)) {
    out.push_back({static_cast<std::uint32_t>(n.m_begin.data - base), static_cast<std::uint32_t>(n.m_end.data - base)});
    return;
  }
  for (const auto& child : n.children) collect_raw(*child, out, base);
}

template <typename Grammar>
std::unique_ptr<Node> parse_tree(const SourceFile& source) {
  pegtl::memory_input in(source.text(), source.path());
  const KeywordScope keywords(detect_keywords(source.text()));
  return pegtl::parse_tree::parse<Grammar, selector>(in);
}

std::string first_word(const std::string& text) {
  std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  while (i < text.size()) {
    if (text[i] == '#') {
      i = text.find('\n', i);
      if (i == std::string::npos) return "";
    } else if (!is_space(text[i]) && text[i] != '\n') {
      break;
    }
    ++i;
  }
  std::size_t end = i;
  // ASCII letters, or the bytes of a Chinese word (测试)
  while (end < text.size() &&
         (std::isalpha(static_cast<unsigned char>(text[end])) != 0 || static_cast<unsigned char>(text[end]) >= 0x80)) {
    ++end;
  }
  return text.substr(i, end - i);
}

std::vector<std::string> comment_texts(const std::string& text, const Node& root) {
  std::vector<Span> raw;
  collect_raw(root, raw, text.data());
  std::vector<std::string> out;
  for (const Comment& c : collect_comments(text, raw)) out.push_back(c.text);
  return out;
}

}  // namespace

bool is_test_file(const std::string& path) {
  constexpr std::string_view kSuffix = ".test.rubric";
  return path.size() >= kSuffix.size() && path.compare(path.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

FormatResult format_source(const SourcePtr& source, SourceKind kind, std::optional<KeywordSet> keywords) {
  FormatResult result;
  if (kind == SourceKind::Auto) {
    const std::string& path = source->path();
    const bool rubric_file = path.size() >= 7 && path.compare(path.size() - 7, 7, ".rubric") == 0;
    if (is_test_file(path)) {
      kind = SourceKind::Tests;
    } else if (rubric_file) {
      kind = SourceKind::Ruleset;
    } else {
      const std::string first = first_word(source->text());
      kind = first == "test" || first == "测试" ? SourceKind::Tests : SourceKind::Ruleset;
    }
  }
  const bool tests = kind == SourceKind::Tests;
  ParseResult parsed = tests ? parse_tests(source) : parse(source);
  if (parsed.diagnostics.has_errors() || !parsed.ruleset) {
    result.diagnostics = std::move(parsed.diagnostics);
    return result;
  }
  const auto internal = [&](const std::string& what) {
    result.diagnostics.error("E0001", Location{source, std::nullopt, {}, {}}, "internal: " + what).help =
        "the file was left as it is; please report this with the file";
    return result;
  };

  std::string out;
  std::vector<std::string> comments;
  try {
    const std::unique_ptr<Node> root = tests ? parse_tree<g::test_file>(*source) : parse_tree<g::file>(*source);
    if (!root) return internal("the formatter could not parse the file");
    std::vector<Span> raw;
    collect_raw(*root, raw, source->text().data());
    const std::vector<Comment> all = collect_comments(source->text(), raw);
    for (const Comment& c : all) comments.push_back(c.text);
    Printer printer(source->text(), &all, keywords.value_or(detect_keywords(source->text())));
    printer.file(*root);
    out = printer.finish();
  } catch (const formatting::KeywordClash& clash) {
    const KeywordSet to = keywords.value_or(KeywordSet::En);
    result.diagnostics
        .error("E0024", Location::at(source, {clash.begin, clash.end}),
               fmt::format("'{}' is a keyword in {}: the file cannot be written in {} keywords while a name is '{}'",
                           clash.name, to == KeywordSet::Zh ? "Chinese" : "English",
                           to == KeywordSet::Zh ? "Chinese" : "English", clash.name))
        .help = "rename it (every use of it), then convert the file; the file was left as it is";
    return result;
  } catch (const std::exception& e) {
    return internal(e.what());
  }
  if (out == "\n") out.clear();

  // The safety net: the result must parse to the same tree, with the same comments.
  const auto again = std::make_shared<SourceFile>(source->path(), out);
  ParseResult reparsed = tests ? parse_tests(again) : parse(again);
  if (reparsed.diagnostics.has_errors() || !reparsed.ruleset) {
    return internal("the formatted text does not parse:\n" + render(reparsed.diagnostics, false));
  }
  if (ast::dump(*reparsed.ruleset) != ast::dump(*parsed.ruleset)) {
    return internal("formatting would change the syntax tree");
  }
  try {
    const std::unique_ptr<Node> root = tests ? parse_tree<g::test_file>(*again) : parse_tree<g::file>(*again);
    if (!root) return internal("the formatted text does not parse");
    const std::vector<std::string> kept = comment_texts(again->text(), *root);
    if (kept != comments) {
      const auto lost = std::mismatch(comments.begin(), comments.end(), kept.begin(), kept.end()).first;
      return internal(fmt::format("formatting would lose the comment '{}'", lost == comments.end() ? "" : *lost));
    }
  } catch (const std::exception& e) {
    return internal(e.what());
  }
  result.diagnostics = std::move(parsed.diagnostics);
  result.text = std::move(out);
  return result;
}

}  // namespace rubric
