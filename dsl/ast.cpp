// Small helpers of the syntax tree; see ast.hpp.
#include "dsl/ast.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "base/messages.hpp"
#include "dsl/keywords.hpp"

namespace rubric::ast {

std::string_view to_string(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
    case BinaryOp::Lt: return "<";
    case BinaryOp::Le: return "<=";
    case BinaryOp::Gt: return ">";
    case BinaryOp::Ge: return ">=";
    case BinaryOp::Eq: return "==";
    case BinaryOp::Ne: return "!=";
    case BinaryOp::And: return "and";
    case BinaryOp::Or: return "or";
  }
  return "?";
}

namespace {

std::string describe_in(const TypeRef& type, KeywordSet set) {
  const auto word = [set](std::string_view en) { return std::string(keyword_in(en, set).value_or(en)); };
  switch (type.kind) {
    case TypeKind::Unknown: return std::string(tr("unknown"));
    case TypeKind::Number: return word("number");
    case TypeKind::Percent: return word("percent");
    case TypeKind::Money: return word("money");
    case TypeKind::Count: return word("count");
    case TypeKind::Bool: return word("bool");
    case TypeKind::Text: return word("text");
    case TypeKind::Date: return word("date");
    case TypeKind::Enum: return fmt::format("{} {{ {} }}", word("enum"), fmt::join(type.members, ", "));
    case TypeKind::List: return fmt::format("{} {} {}", word("list"), word("of"), describe_in(*type.element, set));
    case TypeKind::Record: {
      std::vector<std::string> fields;
      for (const auto& f : type.fields) fields.push_back(f.name + ": " + describe_in(*f.type, set));
      return fmt::format("{{ {} }}", fmt::join(fields, ", "));
    }
  }
  return std::string(tr("unknown"));
}

}  // namespace

std::string describe(const TypeRef& type) { return describe_in(type, current_keywords()); }

std::string describe_for_people(const TypeRef& type) {
  return describe_in(type, language() == Language::Zh ? KeywordSet::Zh : KeywordSet::En);
}

namespace {

std::size_t source_index(const Ruleset& rs, std::uint32_t offset) {
  std::size_t index = 0;
  for (std::size_t i = 0; i < rs.bases.size(); ++i) {
    if (rs.bases[i] <= offset && rs.bases[i] >= rs.bases[index]) index = i;
  }
  return index;
}

}  // namespace

const SourceFile& Ruleset::file_of(std::uint32_t offset) const {
  if (sources.empty()) return *source;
  return *sources[source_index(*this, offset)];
}

bool Ruleset::reads_prior() const {
  return std::find(prior_facts.begin(), prior_facts.end(), true) != prior_facts.end();
}

bool Ruleset::reads_cohort() const {
  return std::find(cohort_facts.begin(), cohort_facts.end(), true) != cohort_facts.end();
}

Location Ruleset::at(Span span) const {
  if (sources.empty()) return Location::at(source, span);
  const std::size_t i = source_index(*this, span.begin);
  return Location::at(sources[i], {span.begin - bases[i], span.end - bases[i]});
}

std::string_view Ruleset::slice(Span span) const {
  if (sources.empty()) return source->slice(span);
  const std::size_t i = source_index(*this, span.begin);
  return sources[i]->slice({span.begin - bases[i], span.end - bases[i]});
}

LineColumn Ruleset::line_column(std::uint32_t offset) const {
  if (sources.empty()) return source->line_column(offset);
  const std::size_t i = source_index(*this, offset);
  return sources[i]->line_column(offset - bases[i]);
}

}  // namespace rubric::ast
