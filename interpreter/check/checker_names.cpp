// The checker: facts, names, expected types and intervals. See checker_internal.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "dsl/visit.hpp"
#include "base/messages.hpp"
#include "interpreter/check/checker.hpp"
#include "interpreter/check/checker_internal.hpp"
#include "stdlib/builtins.hpp"

namespace rubric::checking {

namespace {

bool is_word_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return std::isalnum(b) != 0 || c == '_' || b >= 0x80;
}

// The first word of [text], after blanks and comments.
std::string_view first_word(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    if (text[at] == '#') {
      while (at < text.size() && text[at] != '\n') ++at;
    } else if (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n') {
      ++at;
    } else {
      break;
    }
  }
  std::size_t end = at;
  while (end < text.size() && is_word_byte(text[end])) ++end;
  return text.substr(at, std::max(end, at + (at < text.size() ? 1 : 0)) - at);
}

// Statements that never hold a section's parts: skipping one leaves every sum known.
bool holds_no_parts(std::string_view word) {
  static constexpr std::string_view kWords[] = {"score",  "let",   "explain", "standard", "evidence", "rounding", "define",
                                                "total",  "facts", "grade",   "test",     "given",    "case",     "expect"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

}  // namespace

bool Checker::parts_may_be_skipped(Span whole) {
  const bool extending = rs_.sources.size() > 1;
  return std::any_of(skipped_.begin(), skipped_.end(), [&](Span k) {
    if (holds_no_parts(first_word(rs_.slice(k)))) return false;
    // At the top level every skipped part counts; in a section, one inside it, or in an
    // extending ruleset any (an `override`, `remove` or `add` may name any section).
    return whole.end == whole.begin || extending || (k.begin < whole.end && whole.begin < k.end);
  });
}

bool Checker::unknown_after_skip(Span at) {
  if (!change_skipped_) {
    change_skipped_ = std::any_of(skipped_.begin(), skipped_.end(), [&](Span k) {
      const std::string_view word = first_word(rs_.slice(k));
      return rs_.at(k).file == rs_.source && (word == "override" || word == "remove" || word == "add");
    });
  }
  return *change_skipped_ && rs_.at(at).file != rs_.source;
}

bool Checker::skipped_begins_with(std::string_view word) {
  return std::any_of(skipped_.begin(), skipped_.end(), [&](Span k) { return first_word(rs_.slice(k)) == word; });
}

bool Checker::in_skipped(std::string_view name) {
  // The words of the skipped text, collected once: searching the text for every unknown name
  // was quadratic in the file's size (a fuzzed ruleset of 37 KB with a skipped facts block took
  // seconds under AddressSanitizer).
  if (!skipped_words_) {
    skipped_words_.emplace();
    for (const Span k : skipped_) {
      const std::string_view text = rs_.slice(k);
      std::size_t at = 0;
      while (at < text.size()) {
        if (!is_word_byte(text[at])) {
          ++at;
          continue;
        }
        const std::size_t begin = at;
        while (at < text.size() && is_word_byte(text[at])) ++at;
        skipped_words_->insert(text.substr(begin, at - begin));
      }
    }
  }
  if (skipped_words_->count(name) > 0) return true;
  // A declaration cut short by the error (`monthly_execution` cut to `monthly_executio`, then
  // the line broken) still declares the name: a use one typo away is not "unknown" either. Only
  // the names a skipped statement declares count (a fact's first word, the word after `let` or
  // `define`), not every word of a skipped score.
  std::vector<std::string> declared;
  for (const Span k : skipped_) {
    const std::string_view text = rs_.slice(k);
    std::string_view word = first_word(text);
    if (word == "let" || word == "define") {
      word = first_word(text.substr(static_cast<std::size_t>(word.data() - text.data()) + word.size()));
    }
    if (!word.empty()) declared.emplace_back(word);
  }
  return closest_match(name, declared).has_value();
}

void Checker::mark_used(const std::string& name) {
  for (auto it = locals_.rbegin(); it != locals_.rend(); ++it) {
    if (it->name == name) {
      it->used = true;
      return;
    }
  }
  for (std::size_t i = 0; i < rs_.facts.size(); ++i) {
    if (rs_.facts[i].name == name) fact_used_[i] = true;
  }
}

// ---- Facts ---------------------------------------------------------------------------------

void Checker::facts() {
  fact_used_.assign(rs_.facts.size(), false);
  std::map<std::string, const ast::FactDecl*> seen;
  for (ast::FactDecl& f : rs_.facts) {
    if (auto [it, inserted] = seen.emplace(f.name, &f); !inserted) {
      auto& d = error("E0101", f.name_span, tr_format("fact '{}' is declared twice", f.name));
      d.notes.push_back({std::string(tr("first declared here")), rs_.at(it->second->name_span)});
    }
    const TypeRefPtr t = f.type;
    const bool is_numeric = numeric(t);
    if (f.domain) domain(*f.domain, t, tr_format("fact '{}'", f.name));
    fields(*t);
    if (f.default_empty && t->kind != TypeKind::List) {
      error("E0105", f.default_span,
            tr_format("the default of fact '{}' is an empty list, but the fact is {}", f.name, type_name(t)))
          .help = std::string(tr("'default []' is for a list fact; give a constant of the fact's type"));
    }
    if (f.default_value) {
      const TypeRefPtr dt = expr(*f.default_value);
      const bool ok = (is_numeric && numeric(dt) && constant_value(*f.default_value)) ||
                      (t->kind == TypeKind::Bool && dt->kind == TypeKind::Bool) ||
                      (t->kind == TypeKind::Date && dt->kind == TypeKind::Date) ||
                      ((t->kind == TypeKind::Text || t->kind == TypeKind::Enum) && dt->kind == TypeKind::Text);
      const bool same_kind = (is_numeric && numeric(dt)) || dt->kind == t->kind ||
                             (t->kind == TypeKind::Enum && dt->kind == TypeKind::Text);
      if (!ok && !same_kind && !unknown(dt)) {
        auto& d = error("E0105", f.default_value->span,
                        tr_format("the default of fact '{}' is {}, but the fact is {}", f.name, type_name(dt), type_name(t)));
        if (t->kind == TypeKind::List) d.help = std::string(tr("a list fact's only default is 'default []': no elements"));
      } else if (!ok) {
        auto& d = error("E0105", f.default_value->span,
                        tr_format("the default of fact '{}' must be a constant of its type ({})", f.name, ast::describe(*t)));
        if (t->kind == TypeKind::List) d.help = std::string(tr("a list fact's only default is 'default []': no elements"));
      } else if (t->kind == TypeKind::Enum) {
        check_enum_literal(t, *f.default_value);
      }
    }
    if (!f.unit.empty() && !is_numeric) {
      warning("W0104", f.span, tr_format("fact '{}' is {}; a unit has no meaning for it", f.name, type_name(t)));
    }
  }
}

// A declared domain: for numbers only, with constant bounds (facts are checked against it before
// any evaluation, so its bounds cannot depend on anything).
void Checker::domain(const ast::Interval& iv, const TypeRefPtr& type, const std::string& what) {
  const TypeRefPtr element = type->kind == TypeKind::List ? type->element : type;
  if (!numeric(element)) {
    error("E0103", iv.span,
          tr_format("{} is {}: only number, percent, money and count values take a domain", what, type_name(element)));
    return;
  }
  std::optional<Decimal> bounds[2];
  const ast::Bound* ends[2] = {&iv.lo, &iv.hi};
  for (int i = 0; i < 2; ++i) {
    if (!ends[i]->value) continue;
    bounds[i] = constant_value(*ends[i]->value);
    if (!bounds[i]) error("E0104", ends[i]->value->span, std::string(tr("a domain's bounds must be constants, e.g. [0, 100%]")));
  }
  if (iv.lo.infinity > 0 || iv.hi.infinity < 0) {
    error("E0407", iv.span, std::string(tr("a domain cannot start at inf or end at -inf")));
  } else if (bounds[0] && bounds[1] &&
             (*bounds[0] > *bounds[1] || (*bounds[0] == *bounds[1] && !(iv.lo_closed && iv.hi_closed)))) {
    error("E0407", iv.span, tr_format("the domain {} is empty: no value lies in it", rs_.slice(iv.span)))
        .help = std::string(tr("write the lower bound first, e.g. [0, 100%]"));
  }
  if ((iv.lo.infinity != 0 && iv.lo_closed) || (iv.hi.infinity != 0 && iv.hi_closed)) {
    error("E0408", iv.span, std::string(tr("an infinite bound must be open: write '(-inf' or 'inf)'")));
  }
}

// Record fields may carry domains too: `list of { weight: number in [0, inf) }`.
void Checker::fields(const TypeRef& type) {
  if (type.kind == TypeKind::List) fields(*type.element);
  if (type.kind != TypeKind::Record) return;
  for (const ast::Field& f : type.fields) {
    if (f.domain) domain(*f.domain, f.type, tr_format("field '{}'", f.name));
    fields(*f.type);
  }
}

// ---- Names ---------------------------------------------------------------------------------

std::vector<std::string> Checker::visible_names() const {
  std::vector<std::string> names;
  for (const Local& l : locals_) names.push_back(l.name);
  for (const ast::FactDecl& f : rs_.facts) names.push_back(f.name);
  return names;
}

TypeRefPtr Checker::name(ast::Expr& e, ast::NameRef& n) {
  for (auto it = locals_.rbegin(); it != locals_.rend(); ++it) {
    if (it->name == n.name) {
      it->used = true;
      n.kind = it->kind;
      n.index = it->index;
      return it->type;
    }
  }
  for (std::size_t i = 0; i < rs_.facts.size(); ++i) {
    if (rs_.facts[i].name == n.name) {
      fact_used_[i] = true;
      n.kind = ast::NameKind::Fact;
      n.index = static_cast<std::uint32_t>(i);
      return rs_.facts[i].type;
    }
  }
  if (in_skipped(n.name)) return kUnknown;
  auto& d = error("E0201", e.span, tr_format("unknown name '{}'", n.name));
  if (removed_here(d, n.name)) return kUnknown;
  if (auto guess = closest_match(n.name, visible_names())) {
    d.help = tr_format("did you mean '{}'?", *guess);
    mark_used(*guess);
  } else {
    d.help = std::string(tr("declare it in 'facts { … }' or bind it with 'let'"));
  }
  return kUnknown;
}

bool Checker::removed_here(Diagnostic& d, const std::string& name) {
  const auto removed = std::find_if(rs_.removed_declarations.begin(), rs_.removed_declarations.end(),
                                    [&](const auto& r) { return r.first == name; });
  if (removed == rs_.removed_declarations.end()) return false;
  d.notes.push_back({tr_format("'{}' is removed here, by the extending ruleset", name), rs_.at(removed->second)});
  d.help = tr_format("remove or override the indicator that uses '{}' as well, or keep '{}'", name, name);
  return true;
}

void Checker::check_enum_literal(const TypeRefPtr& enum_type, ast::Expr& literal) {
  const auto* s = std::get_if<ast::StringLit>(&literal.node);
  if (s == nullptr) return;
  const auto& members = enum_type->members;
  if (std::find(members.begin(), members.end(), s->value) != members.end()) return;
  auto& d = error("E0304", literal.span, tr_format("'{}' is not a member of {}", s->value, ast::describe(*enum_type)));
  if (auto guess = closest_match(s->value, members)) d.help = tr_format("did you mean '{}'?", *guess);
}

void Checker::expect_numeric(ast::Expr& e, const TypeRefPtr& t, std::string_view what) {
  if (!unknown(t) && !numeric(t)) {
    auto& d = error("E0301", e.span, tr_format("{} must be a number, but this is {}", what, type_name(t)));
    if (t->kind == TypeKind::Date) {
      d.help = std::string(tr("a date is compared with a date (issued_on <= 2024-06-30); a date minus a date is the days between them"));
    }
  }
}

void Checker::expect_bool(ast::Expr& e, const TypeRefPtr& t, std::string_view what) {
  if (!unknown(t) && t->kind != TypeKind::Bool) {
    auto& d = error("E0301", e.span, tr_format("{} must be a bool, but this is {}", what, type_name(t)));
    const std::string_view text = rs_.slice(e.span);
    const bool short_text = text.size() <= 40 && text.find('\n') == std::string_view::npos;
    if (numeric(t)) d.help = tr_format("compare it, e.g. '{} > 0'", short_text ? text : "x");
  }
}

void Checker::interval(ast::Interval& iv, std::string_view what) {
  std::optional<Decimal> lo;
  std::optional<Decimal> hi;
  if (iv.lo.value) {
    expect_numeric(*iv.lo.value, expr(*iv.lo.value), std::string(tr("an interval bound")));
    lo = constant_value(*iv.lo.value);
  }
  if (iv.hi.value) {
    expect_numeric(*iv.hi.value, expr(*iv.hi.value), std::string(tr("an interval bound")));
    hi = constant_value(*iv.hi.value);
  }
  if (iv.lo.infinity > 0 || iv.hi.infinity < 0) {
    error("E0407", iv.span, tr_format("{} cannot start at inf or end at -inf", what));
    return;
  }
  if (lo && hi && (*lo > *hi || (*lo == *hi && !(iv.lo_closed && iv.hi_closed)))) {
    error("E0407", iv.span, tr_format("{} {} is empty: no value lies in it", what, rs_.slice(iv.span)))
        .help = std::string(tr("write the lower bound first, e.g. [60%, 100%)"));
  }
  if ((iv.lo.infinity != 0 && iv.lo_closed) || (iv.hi.infinity != 0 && iv.hi_closed)) {
    error("E0408", iv.span, std::string(tr("an infinite bound must be open: write '(-inf' or 'inf)'")));
  }
}

}  // namespace rubric::checking
