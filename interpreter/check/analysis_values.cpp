// Abstract values: building, combining and joining them. See analyzer.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <memory>

#include "dsl/visit.hpp"
#include "base/messages.hpp"
#include "interpreter/check/analyzer.hpp"
#include "interpreter/check/checker.hpp"
#include "interpreter/check/interval.hpp"
#include "stdlib/builtins.hpp"

namespace rubric::analysis {

AbstractValue unknown(Kind kind, std::string why) {
  AbstractValue v;
  v.kind = kind;
  v.exact = false;
  v.why = std::move(why);
  return v;
}

AbstractValue of_kind(Kind kind) {
  AbstractValue v;
  v.kind = kind;
  return v;
}

AbstractValue number(Range range, bool whole) {
  AbstractValue v;
  v.kind = Kind::Number;
  v.range = range;
  v.whole = whole;
  return v;
}

// The name a dependency is shown by: "o.actual#3" is "o.actual".
std::string shown_dep(const std::string& dep) { return dep.substr(0, dep.find('#')); }

void merge_deps(AbstractValue& into, const AbstractValue& from) {
  std::vector<std::string> merged;
  std::set_union(into.deps.begin(), into.deps.end(), from.deps.begin(), from.deps.end(), std::back_inserter(merged));
  into.deps = std::move(merged);
}

// The result of an operation on [a] and [b] with the range [range]: exact when both are and they
// depend on nothing in common.
AbstractValue combine(const AbstractValue& a, const AbstractValue& b, Range range, bool whole) {
  AbstractValue v = number(range, whole);
  v.exact = a.exact && b.exact;
  v.why = !a.exact ? a.why : b.why;
  if (v.exact) {
    for (const std::string& d : a.deps) {
      if (std::binary_search(b.deps.begin(), b.deps.end(), d)) {
        v.exact = false;
        v.why = tr_format("'{}' is used more than once, so the interval may be wider than the values", shown_dep(d));
        break;
      }
    }
  }
  v.deps = a.deps;
  merge_deps(v, b);
  return v;
}

// Either of two values (the arms of a choice).
void join(std::optional<AbstractValue>& acc, const AbstractValue& v) {
  if (!acc) {
    acc = v;
    return;
  }
  if (acc->kind != v.kind) {
    AbstractValue u = unknown(Kind::Unknown, std::string(tr("the arms give values of different kinds")));
    merge_deps(u, *acc);
    merge_deps(u, v);
    acc = u;
    return;
  }
  if (acc->kind == Kind::Number) {
    acc->slope = merged_slopes(*acc, 1, v, 1);
    acc->range = hull(acc->range, v.range);
    acc->whole = acc->whole && v.whole;
    if (acc->exact && !v.exact) acc->why = v.why;
    acc->exact = acc->exact && v.exact;
  }
  merge_deps(*acc, v);
}

Range domain_range(const ast::Interval& iv) {
  Range r;
  if (iv.lo.value) {
    if (auto v = constant_value(*iv.lo.value)) r.lo = End::finite(*v, iv.lo_closed);
  }
  if (iv.hi.value) {
    if (auto v = constant_value(*iv.hi.value)) r.hi = End::finite(*v, iv.hi_closed);
  }
  return r;
}

// A fact's (or field's, or element's) value: its declared domain, else its type's default one.
AbstractValue declared(const ast::TypeRef& type, const std::optional<ast::Interval>& domain, const std::string& dep,
                       int direction, const std::string* label) {
  AbstractValue v;
  switch (type.kind) {
    case ast::TypeKind::Number:
    case ast::TypeKind::Percent:
    case ast::TypeKind::Money:
    case ast::TypeKind::Count:
      v.kind = Kind::Number;
      if (domain) {
        v.range = domain_range(*domain);
      } else if (type.kind != ast::TypeKind::Number) {
        v.range = Range::at_least(Decimal{});
      }
      v.whole = type.kind == ast::TypeKind::Count;
      break;
    case ast::TypeKind::Date:  // a day number, of the years parse_date() reads
      v.kind = Kind::Number;
      v.range = domain ? domain_range(*domain)
                       : Range::closed(Decimal::from_int(days_from_civil(1900, 1, 1)),
                                       Decimal::from_int(days_from_civil(2200, 12, 31)));
      v.whole = true;
      break;
    case ast::TypeKind::Bool: v.kind = Kind::Bool; break;
    case ast::TypeKind::Text:
    case ast::TypeKind::Enum: v.kind = Kind::Text; break;
    case ast::TypeKind::List:
      v.kind = Kind::List;
      v.list_name = dep;
      if (type.element) v.element = std::make_shared<AbstractValue>(declared(*type.element, domain, dep, direction, label));
      break;
    case ast::TypeKind::Record:
      v.kind = Kind::Record;
      for (const ast::Field& f : type.fields) {
        v.field_names.push_back(f.name);
        v.fields.push_back(f.type ? declared(*f.type, f.domain, dep + "." + f.name, f.direction, &f.label) : AbstractValue{});
      }
      break;
    case ast::TypeKind::Unknown: v = unknown(Kind::Unknown, std::string(tr("a value of unknown type"))); break;
  }
  if (v.kind != Kind::List && v.kind != Kind::Record) {
    v.deps = {dep};
    v.direction = direction;
    v.label = label;
  }
  return v;
}

// Source text on one line, runs of whitespace folded to one space (as the evaluator shows it).
std::string fold(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool is_word_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return std::isalnum(b) != 0 || c == '_' || b >= 0x80;
}

// Whether [text] mentions [word] as a whole word.
bool mentions(std::string_view text, std::string_view word) {
  for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const std::size_t end = at + word.size();
    if ((at == 0 || !is_word_byte(text[at - 1])) && (end == text.size() || !is_word_byte(text[end]))) return true;
  }
  return false;
}

}  // namespace rubric::analysis
