// Building declarations and statements: types, facts, defines, lets, indicators, sections,
// grades, changes and tests, and the ruleset that holds them. See builder.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>

#include "dsl/builder.hpp"
#include "base/messages.hpp"
#include "dsl/parser.hpp"

namespace rubric::parsing {

ast::TypeRefPtr Builder::type(const Node& n) {
  auto t = std::make_shared<ast::TypeRef>();
  t->span = span(n);
  if (is<g::list_type>(n)) {
    t->kind = ast::TypeKind::List;
    t->element = type(*n.children[0]);
  } else if (is<g::enum_type>(n)) {
    t->kind = ast::TypeKind::Enum;
    for (const auto& member : n.children) {
      std::string name = name_value(*member);
      for (const auto& seen : t->members) {
        if (seen == name) error("E0007", span(*member), tr_format("enum member '{}' is listed twice", name));
      }
      t->members.push_back(std::move(name));
    }
  } else if (is<g::record_type>(n)) {
    t->kind = ast::TypeKind::Record;
    for (const auto& field : n.children) {
      const std::string name = field->children[0]->string();
      for (const auto& seen : t->fields) {
        if (seen.name == name) {
          error("E0007", span(*field->children[0]), tr_format("record field '{}' is declared twice", name));
        }
      }
      ast::Field f{name, span(*field->children[0]), type(*field->children[1]), std::nullopt, {}};
      for (std::size_t i = 2; i < field->children.size(); ++i) {
        const Node& option = *field->children[i];
        const auto twice = [&](std::string_view what) {
          error("E0008", span(option), tr_format("record field '{}' has more than one {}", name, what));
        };
        if (is<g::field_label>(option)) {
          if (!f.label.empty()) twice(tr("label"));
          f.label = text_value(option);
        } else if (is<g::fact_fixed>(option)) {
          if (f.fixed) twice(tr("'fixed'"));
          f.fixed = true;
        } else if (is<g::more_is_better>(option) || is<g::more_is_worse>(option)) {
          if (f.direction != 0) twice(tr("direction"));
          f.direction = is<g::more_is_better>(option) ? 1 : -1;
          direction_of(*f.type, name, span(option));
        } else {
          if (f.domain) twice(std::string(tr("domain ('in …')")));
          f.domain = interval(*option.children[0]);
        }
      }
      t->fields.push_back(std::move(f));
    }
  } else {
    static const std::vector<std::string> kNames = {"number", "percent", "money", "count", "bool", "text", "date"};
    static constexpr std::array<ast::TypeKind, 7> kKinds = {
        ast::TypeKind::Number, ast::TypeKind::Percent, ast::TypeKind::Money, ast::TypeKind::Count,
        ast::TypeKind::Bool,   ast::TypeKind::Text,    ast::TypeKind::Date};
    const std::string name(canonical_name(n.string_view()));
    bool found = false;
    for (std::size_t i = 0; i < kNames.size(); ++i) {
      if (kNames[i] == name) {
        t->kind = kKinds[i];
        found = true;
      }
    }
    if (!found) {
      auto& d = error("E0006", span(n), tr_format("unknown type '{}'", name));
      if (auto guess = closest_match(name, kNames)) {
        d.help = tr_format("did you mean '{}'?", *guess);
      } else {
        d.help = std::string(tr("the types are number, percent, money, count, bool, text, date, enum { … } and list of …"));
      }
    }
  }
  return t;
}

// A direction says which way more of a number moves the score: a number, percent, money or count,
// or a list of them; not a yes/no, a text, a choice, a date or a record (E0025).
void Builder::direction_of(const ast::TypeRef& type, const std::string& name, Span at) {
  const ast::TypeRef* t = &type;
  while (t->kind == ast::TypeKind::List && t->element) t = t->element.get();
  switch (t->kind) {
    case ast::TypeKind::Number:
    case ast::TypeKind::Percent:
    case ast::TypeKind::Money:
    case ast::TypeKind::Count:
    case ast::TypeKind::Unknown: return;
    default: break;
  }
  auto& d = error("E0025", at,
                  tr_format("'{}' is of type {}: only a number, percent, money or count has a direction ('more is better' or "
                            "'more is worse')",
                            name, describe(type)));
  d.help = t->kind == ast::TypeKind::Record
               ? std::string(tr("declare the direction on the record's number fields instead"))
               : std::string(tr("remove it; a score that reads a yes/no, a text or a choice has no 'more' of it"));
}

ast::FactDecl Builder::fact(const Node& n) {
  ast::FactDecl f;
  f.span = span(n);
  f.name = n.children[0]->string();
  f.name_span = span(*n.children[0]);
  f.type = type(*n.children[1]);
  for (std::size_t i = 2; i < n.children.size(); ++i) {
    const Node& option = *n.children[i];
    const auto twice = [&](std::string_view what) {
      error("E0008", span(option), tr_format("fact '{}' has more than one {}", f.name, what));
    };
    if (is<g::fact_label>(option)) {
      if (!f.label.empty()) twice(tr("label"));
      f.label = text_value(option);
    } else if (is<g::fact_domain>(option)) {
      if (f.domain) twice(std::string(tr("domain ('in …')")));
      f.domain = interval(*option.children[0]);
    } else if (is<g::fact_default>(option)) {
      if (f.has_default()) twice(tr("default"));
      f.default_span = span(*option.children[0]);
      if (is<g::empty_list>(*option.children[0])) {
        f.default_empty = true;
      } else {
        f.default_value = expr(*option.children[0]);
      }
    } else if (is<g::fact_fixed>(option)) {
      if (f.fixed) twice(tr("'fixed'"));
      f.fixed = true;
    } else if (is<g::more_is_better>(option) || is<g::more_is_worse>(option)) {
      if (f.direction != 0) twice(tr("direction"));
      f.direction = is<g::more_is_better>(option) ? 1 : -1;
      f.direction_span = span(option);
      direction_of(*f.type, f.name, span(option));
    } else if (is<g::fact_unit>(option)) {
      if (!f.unit.empty()) twice(tr("unit"));
      f.unit = text_value(*option.children[0]);
    }
  }
  return f;
}

ast::Define Builder::define(const Node& n) {
  ast::Define d;
  d.span = span(n);
  d.name = canonical_name(n.children[0]->string_view());  // as the calls of it are
  d.name_span = span(*n.children[0]);
  for (std::size_t i = 1; i + 1 < n.children.size(); ++i) {
    if (is<g::param_label>(*n.children[i])) {
      d.param_labels.back() = text_value(*n.children[i]);
      continue;
    }
    d.params.push_back(n.children[i]->string());
    d.param_spans.push_back(span(*n.children[i]));
    d.param_labels.emplace_back();
  }
  d.body = expr(*n.children.back());
  return d;
}

ast::Let Builder::let(const Node& n) {
  ast::Let l;
  l.span = span(n);
  l.name = n.children[0]->string();
  l.name_span = span(*n.children[0]);
  if (is<g::let_label>(*n.children[1])) l.label = text_value(*n.children[1]);
  l.value = expr(*n.children.back());
  return l;
}

ast::Rounding Builder::rounding(const Node& n) {
  ast::Rounding r;
  r.span = span(n);
  const std::string digits = n.children[0]->string();
  if (digits.size() > 2 || std::stoi(digits) > 12) {
    error("E0005", span(*n.children[0]), tr_format("rounding to {} decimals is not supported", digits)).help =
        std::string(tr("round to at most 12 decimals"));
  } else {
    r.digits = std::stoi(digits);
  }
  const std::string mode(canonical_name(n.children[1]->string_view()));
  if (auto parsed = rounding_mode_from_string(mode)) {
    r.mode = *parsed;
  } else {
    auto& d = error("E0005", span(*n.children[1]), tr_format("unknown rounding mode '{}'", mode));
    const std::vector<std::string> modes = {"half_up", "half_even", "down", "up"};
    if (auto guess = closest_match(mode, modes)) {
      d.help = tr_format("did you mean '{}'?", *guess);
    } else {
      d.help = std::string(tr("the modes are half_up (四舍五入), half_even, down and up"));
    }
  }
  return r;
}

ast::PointsSpec Builder::points(const Node& n) {
  ast::PointsSpec p;
  p.span = span(n);
  const auto value = [&](const Node& number) {
    try {
      if (auto d = Decimal::parse(number.string_view())) return *d;
    } catch (const DecimalError&) {
    }
    error("E0003", span(number), tr_format("points '{}' cannot be held exactly", number.string_view()));
    return Decimal{};
  };
  p.hi = value(*n.children[0]);
  if (n.children.size() > 1) {
    p.range = true;
    p.lo = p.hi;
    p.hi = value(*n.children[1]);
    if (p.lo > p.hi) error("E0009", p.span, std::string(tr("the points range is empty: the lower bound exceeds the upper")));
  } else if (p.hi.sign() < 0) {
    error("E0009", p.span, std::string(tr("points cannot be negative"))).help = std::string(tr("write a signed range, e.g. 'points -5 to 5'"));
  }
  return p;
}

std::unique_ptr<ast::Indicator> Builder::indicator(const Node& n) {
  auto ind = std::make_unique<ast::Indicator>();
  ind->span = span(n);
  ind->name = name_value(*n.children[0]);
  ind->name_span = span(*n.children[0]);
  ind->points = points(*n.children[1]);
  for (std::size_t i = 2; i < n.children.size(); ++i) {
    const Node& item = *n.children[i];
    const auto twice = [&](std::string_view what) {
      error("E0010", span(item), tr_format("indicator '{}' has more than one '{}'", ind->name, what));
    };
    if (is<g::explain_stmt>(item)) {
      if (!ind->explain.empty()) twice("explain");
      ind->explain = text_value(*item.children[0]);
    } else if (is<g::standard_stmt>(item)) {
      if (!ind->standard.empty()) twice("standard");
      ind->standard = text_value(*item.children[0]);
    } else if (is<g::evidence_stmt>(item)) {
      for (const auto& e : item.children) ind->evidence.push_back(text_value(*e));
    } else if (is<g::rounding_stmt>(item)) {
      if (ind->rounding) twice("rounding");
      ind->rounding = rounding(item);
    } else if (is<g::let_stmt>(item)) {
      ind->lets.push_back(let(item));
    } else if (is<g::score_stmt>(item)) {
      if (ind->score) twice("score");
      ind->score = expr(*item.children[0]);
    } else if (is<g::applies_stmt>(item)) {
      if (ind->applies) twice("applies");
      ind->applies = expr(*item.children[0]);
      ind->applies_span = span(item);
      if (item.children.size() > 1) {
        ind->otherwise = is<g::applies_full>(*item.children[1]) ? ast::Indicator::Otherwise::Full
                                                                 : ast::Indicator::Otherwise::Shared;
      }
    }
  }
  return ind;
}

std::unique_ptr<ast::Section> Builder::section(const Node& n) {
  auto sec = std::make_unique<ast::Section>();
  sec->span = span(n);
  std::size_t first = 0;
  if (is<g::section_extra>(*n.children[0])) {
    sec->extra = true;
    sec->extra_span = span(*n.children[0]);
    first = 1;
  }
  sec->name = name_value(*n.children[first]);
  sec->name_span = span(*n.children[first]);
  sec->points = points(*n.children[first + 1]);
  first += 2;
  if (first < n.children.size() && is<g::section_shared>(*n.children[first])) {
    const Node& shared = *n.children[first++];
    sec->shared = true;
    sec->shared_span = span(shared);
    if (!shared.children.empty()) {
      const std::string digits(shared.children[0]->string_view());
      sec->at_least = digits.size() > 6 ? 1'000'000 : static_cast<std::uint32_t>(std::stoul(digits));
    }
  }
  for (std::size_t i = first; i < n.children.size(); ++i) {
    const Node& item = *n.children[i];
    if (is<g::section>(item)) sec->items.emplace_back(section(item));
    if (is<g::indicator>(item)) sec->items.emplace_back(indicator(item));
    if (is<g::let_stmt>(item)) sec->items.emplace_back(let(item));
    if (is<g::veto_stmt>(item)) sec->vetoes.push_back(veto(item));
    if (is<g::choose_stmt>(item)) choose(item, sec->items);
  }
  return sec;
}

void Builder::choose(const Node& n, std::vector<ast::Item>& items) {
  const Node& fact = *n.children[0];
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    auto ind = indicator(*n.children[i]);
    ind->choice = std::string(fact.string_view());
    ind->choice_span = span(fact);
    ind->choice_group = span(n).begin;
    items.emplace_back(std::move(ind));
  }
}

ast::Expectation Builder::expectation(const Node& n) {
  ast::Expectation e;
  e.span = span(n);
  std::size_t next = 0;
  if (!is<g::expect_error>(*n.children[0])) {
    const Node& target = *n.children[0];
    if (is<g::total_target>(target)) {
      e.target = ast::ExpectTarget::Total;
    } else if (is<g::grade_target>(target)) {
      e.target = ast::ExpectTarget::Grade;
    } else {
      e.target = ast::ExpectTarget::Indicator;
      e.name = name_value(target);
    }
    next = 1;
  } else {
    e.target = ast::ExpectTarget::Facts;
  }
  const Node& what = *n.children[next];
  e.what_span = span(what);
  if (is<g::expect_error>(what)) {
    e.error_code = what.children[0]->string();
    return e;
  }
  const Node& value = *what.children[0];
  if (!value.children.empty() && !is<g::number>(*value.children[0])) {
    e.text = name_value(value);
  } else {
    e.number = number_value(value, false);
  }
  if (e.target == ast::ExpectTarget::Grade && e.number) {
    error("E0018", span(value), std::string(tr("a grade is a name, such as 优"))).help = std::string(tr("write e.g. 'expect grade = 优'"));
  } else if (e.target == ast::ExpectTarget::Indicator && e.text == "不适用") {
    // `expect 生态效益 = 不适用`: it does not apply (text holds the word)
  } else if (e.target != ast::ExpectTarget::Grade && !e.number) {
    error("E0018", span(value), std::string(tr("expected a number here: a score or a total")))
        .help = e.target == ast::ExpectTarget::Indicator ? std::string(tr("or '不适用' for an indicator that does not apply")) : "";
  }
  return e;
}

ast::TestBlock Builder::test(const Node& n) {
  ast::TestBlock t;
  t.span = span(n);
  t.file = source_->path();
  t.name = text_value(*n.children[0]);
  std::vector<ast::Expectation> loose;  // expectations outside any case
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const Node& item = *n.children[i];
    if (is<g::given_stmt>(item)) {
      for (const auto& part : item.children) {
        if (is<g::e_given_file>(*part)) {
          t.given_file = text_value(*part);
          t.given_file_span = span(*part);
        } else if (is<g::e_json>(*part)) {
          t.given = part->string();
          t.given_span = span(*part);
        }
      }
    } else if (is<g::prior_stmt>(item)) {
      if (!t.prior.empty() || !t.prior_file.empty()) {
        error("E0023", span(item), tr_format("test '{}' has more than one 'prior'", t.name));
      }
      const Node& part = *item.children[0];
      if (is<g::e_prior_file>(part)) {
        t.prior_file = text_value(part);
        t.prior_file_span = span(part);
      } else {
        t.prior = part.string();
        t.prior_span = span(part);
      }
    } else if (is<g::cohort_stmt>(item)) {
      if (!t.cohort_file.empty()) {
        error("E0023", span(item), tr_format("test '{}' has more than one 'cohort'", t.name));
      }
      t.cohort_file = text_value(*item.children[0]);
      t.cohort_file_span = span(*item.children[0]);
    } else if (is<g::case_stmt>(item)) {
      ast::TestCase c;
      c.span = span(item);
      c.name = text_value(*item.children[0]);
      for (std::size_t k = 1; k < item.children.size(); ++k) {
        const Node& part = *item.children[k];
        if (is<g::e_json>(part)) {
          c.overrides = part.string();
          c.overrides_span = span(part);
        } else {
          c.expectations.push_back(expectation(part));
        }
      }
      t.cases.push_back(std::move(c));
    } else {
      loose.push_back(expectation(item));
    }
  }
  if (!loose.empty()) {
    ast::TestCase c;
    c.name = t.name;
    c.span = t.span;
    c.expectations = std::move(loose);
    t.cases.insert(t.cases.begin(), std::move(c));
  }
  if (t.cases.empty()) error("E0019", span(*n.children[0]), tr_format("test '{}' expects nothing", t.name))
                           .help = std::string(tr("add 'expect total = …', or cases with 'case \"name\" expect …'"));
  return t;
}

ast::Change Builder::change(const Node& n) {
  ast::Change c;
  c.span = span(n);
  if (is<g::remove_stmt>(n)) {
    c.kind = ast::ChangeKind::Remove;
    const Node& name = *n.children.back();
    if (n.children.size() > 1) {
      const Node& kind = *n.children[0];
      c.removed = is<g::removed_fact>(kind)       ? ast::Removed::Fact
                  : is<g::removed_function>(kind) ? ast::Removed::Function
                  : is<g::removed_veto>(kind)     ? ast::Removed::Veto
                  : is<g::removed_require>(kind)  ? ast::Removed::Requirement
                                                  : ast::Removed::Let;
      c.name = is<g::removed_text>(name) ? text_value(name) : name.string();
    } else {
      c.name = name_value(name);
    }
    c.name_span = span(name);
    return c;
  }
  const Node* target = n.children.back().get();
  if (is<g::add_stmt>(n)) {
    c.kind = ast::ChangeKind::Add;
    if (n.children.size() > 1) {
      c.parent = name_value(*n.children[0]);
      c.parent_span = span(*n.children[0]);
    }
  } else if (is<g::points_override>(*target)) {
    c.kind = ast::ChangeKind::Points;
    c.section = is<g::target_section>(*target->children[0]);
    c.name = name_value(*target->children[1]);
    c.name_span = span(*target->children[1]);
    c.points = points(*target->children[2]);
    return c;
  }
  c.section = is<g::section>(*target);
  if (c.section) {
    auto s = section(*target);
    c.name = s->name;
    c.name_span = s->name_span;
    c.item.emplace_back(std::move(s));
  } else {
    auto i = indicator(*target);
    c.name = i->name;
    c.name_span = i->name_span;
    c.item.emplace_back(std::move(i));
  }
  return c;
}

ast::Veto Builder::veto(const Node& n) {
  ast::Veto v;
  v.span = span(n);
  v.text = text_value(*n.children[0]);
  v.condition = expr(*n.children[1]);
  for (std::size_t i = 2; i < n.children.size(); ++i) {
    const Node& effect = *n.children[i];
    if (is<g::veto_zero>(effect)) {
      if (v.zero) error("E0008", span(effect), std::string(tr("the veto says 'zero' twice")));
      v.zero = true;
    } else {
      if (!v.grade.empty()) error("E0008", span(effect), std::string(tr("the veto names more than one grade")));
      v.grade = name_value(*effect.children[0]);
      v.grade_span = span(*effect.children[0]);
    }
  }
  return v;
}

void Builder::grades(const Node& n, ast::Ruleset& ruleset) {
  if (!ruleset.grades.empty()) error("E0011", span(n), std::string(tr("the ruleset has more than one 'grade' table")));
  ruleset.grade_span = span(n);
  ruleset.grades.clear();
  for (const auto& arm : n.children) {
    ast::GradeArm grade;
    grade.span = span(*arm);
    grade.name = name_value(*arm->children[0]);
    if (is<g::grade_threshold>(*arm->children[1])) grade.threshold = number_value(*arm->children[1], false);
    if (arm->children.size() > 2) {
      const Node& unless = *arm->children[2];
      const Node& share = *unless.children.back();
      grade.floor = number_value(share, true);
      grade.floor_span = span(share);
      if (unless.children.size() > 1) {
        grade.floor_section = name_value(*unless.children[0]);
        grade.floor_section_span = span(*unless.children[0]);
      }
    }
    ruleset.grades.push_back(std::move(grade));
  }
}

std::unique_ptr<ast::Ruleset> Builder::build(const Node& root) {
  auto ruleset = std::make_unique<ast::Ruleset>();
  ruleset->source = source_;
  for (const auto& child : root.children) {
    const Node& n = *child;
    if (is<g::e_header>(n)) {
      ruleset->header_span = span(n);
      ruleset->name = text_value(*n.children[0]);
      ruleset->scheme = n.children[1]->string();
      const std::string year = n.children[2]->string();
      if (year.size() != 4) {
        error("E0004", span(*n.children[2]), tr_format("'{}' is not a year", year)).help =
            std::string(tr("write the year with four digits, e.g. 'year 2023'"));
      } else {
        ruleset->year = std::stoi(year);
      }
      if (n.children.size() > 3) {
        ruleset->extends = text_value(*n.children[3]);
        ruleset->extends_span = span(*n.children[3]);
      }
    } else if (is<g::total_stmt>(n)) {
      ruleset->total = number_value(*n.children[0], false);
      ruleset->total_span = span(n);
    } else if (is<g::rounding_stmt>(n)) {
      ruleset->rounding = rounding(n);
      ruleset->rounding_given = true;
    } else if (is<g::override_stmt>(n) || is<g::remove_stmt>(n) || is<g::add_stmt>(n)) {
      ruleset->changes.push_back(change(n));
    } else if (is<g::facts_block>(n)) {
      for (const auto& f : n.children) {
        if (is<g::require_stmt>(*f)) {
          ruleset->requirements.push_back({text_value(*f->children[0]), expr(*f->children[1]), span(*f)});
        } else {
          ruleset->facts.push_back(fact(*f));
        }
      }
    } else if (is<g::define_stmt>(n)) {
      ruleset->defines.push_back(define(n));
    } else if (is<g::let_stmt>(n)) {
      ruleset->lets.push_back(let(n));
    } else if (is<g::section>(n)) {
      ruleset->items.emplace_back(section(n));
    } else if (is<g::indicator>(n)) {
      ruleset->items.emplace_back(indicator(n));
    } else if (is<g::grade_block>(n)) {
      grades(n, *ruleset);
    } else if (is<g::veto_stmt>(n)) {
      ruleset->vetoes.push_back(veto(n));
    } else if (is<g::choose_stmt>(n)) {
      choose(n, ruleset->items);
    } else if (is<g::test_block>(n)) {
      ruleset->tests.push_back(test(n));
    } else if (is<g::calendar_block>(n)) {
      calendar(n, *ruleset);
    }
  }
  return ruleset;
}

// `calendar 2024 { holiday 2024-02-10 to 2024-02-17 … }`; checked (E0106) by the checker.
void Builder::calendar(const Node& n, ast::Ruleset& ruleset) {
  ast::Calendar c;
  c.span = span(n);
  c.year_span = span(*n.children[0]);
  c.year = static_cast<int>(std::min<std::size_t>(std::stoull(std::string(n.children[0]->string_view()).substr(0, 6)), 999999));
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const Node& entry = *n.children[i];
    const Node& days = *entry.children[0];
    ast::CalendarEntry e;
    e.holiday = is<g::calendar_holiday>(entry);
    e.span = span(entry);
    const auto from = date_value(*days.children[0]);
    const auto to = days.children.size() > 1 ? date_value(*days.children[1]) : from;
    if (!from || !to) continue;  // reported (E0022)
    e.from = *from;
    e.to = *to;
    c.entries.push_back(e);
  }
  ruleset.calendars.push_back(std::move(c));
}

}  // namespace rubric::parsing
