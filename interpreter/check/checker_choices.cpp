// Checks of alternatives (`choose FACT { indicator A … indicator B … }`, 二者择其一): the fact is
// an enum whose members are exactly the group's indicators, and the alternatives have the same
// points, which count once in their section. See docs/language.md, "Alternatives".
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "interpreter/check/checker_internal.hpp"
#include "base/messages.hpp"

namespace rubric::checking {

void Checker::choices(std::vector<ast::Item>& children) {
  std::map<std::uint32_t, std::vector<ast::Indicator*>> groups;
  for (ast::Item& item : children) {
    auto* ind = std::get_if<std::unique_ptr<ast::Indicator>>(&item);
    if (ind != nullptr && !(*ind)->choice.empty()) groups[(*ind)->choice_group].push_back(ind->get());
  }
  for (auto& [begin, group] : groups) choice_group(group);
}

void Checker::choice_group(const std::vector<ast::Indicator*>& group) {
  const ast::Indicator& first = *group.front();
  std::vector<std::string> names;
  for (const ast::Indicator* ind : group) names.push_back(ind->name);
  if (group.size() < 2) {
    error("E0417", first.choice_span, tr_format("'choose {}' has one indicator: there is nothing to choose from",
                                                  first.choice))
        .help = std::string(tr("write the alternatives the table prints (二者择其一) inside it, or write the indicator on its own"));
  }
  for (const ast::Indicator* ind : group) {
    if (ind->points.lo == first.points.lo && ind->points.hi == first.points.hi) continue;
    error("E0417", ind->points.span,
          tr_format("the alternatives of 'choose {}' must have the same points: '{}' has {}, '{}' has {}", first.choice,
                      ind->name, ind->points.hi.to_string(), first.name, first.points.hi.to_string()))
        .help = std::string(tr("whichever is assessed, its section's points must add up the same"));
  }
  const auto fact = std::find_if(rs_.facts.begin(), rs_.facts.end(),
                                 [&](const ast::FactDecl& f) { return f.name == first.choice; });
  if (fact == rs_.facts.end()) {
    if (in_skipped(first.choice)) return;
    auto& d = error("E0415", first.choice_span, tr_format("unknown fact '{}' after 'choose'", first.choice));
    std::vector<std::string> facts;
    for (const ast::FactDecl& f : rs_.facts) facts.push_back(f.name);
    if (auto guess = closest_match(first.choice, facts)) {
      d.help = tr_format("did you mean '{}'?", *guess);
      mark_used(*guess);  // a misspelled use still means it is used
    } else {
      d.help = tr_format("declare it in 'facts {{ … }}', e.g. '{} : enum {{ {} }}'", first.choice, fmt::join(names, ", "));
    }
    return;
  }
  const auto index = static_cast<std::uint32_t>(fact - rs_.facts.begin());
  fact_used_[index] = true;
  for (ast::Indicator* ind : group) ind->choice_fact = index;
  if (!fact->type || fact->type->kind != ast::TypeKind::Enum) {
    if (!fact->type) return;
    error("E0415", first.choice_span,
          tr_format("'choose' needs an enum fact whose members are the indicators' names, but '{}' is declared as {}",
                      first.choice, describe(*fact->type)))
        .help = tr_format("declare it as '{} : enum {{ {} }}'", first.choice, fmt::join(names, ", "));
    return;
  }
  choice_members(group, *fact, names);
}

// E0416: every member of the fact names an indicator of the group, and every indicator is a member.
void Checker::choice_members(const std::vector<ast::Indicator*>& group, const ast::FactDecl& fact,
                             const std::vector<std::string>& names) {
  const std::vector<std::string>& members = fact.type->members;
  for (const ast::Indicator* ind : group) {
    if (std::find(members.begin(), members.end(), ind->name) != members.end()) continue;
    auto& d = error("E0416", ind->name_span,
                    tr_format("indicator '{}' is not a member of '{}', so it could never be chosen", ind->name,
                                fact.name));
    if (auto guess = closest_match(ind->name, members)) {
      d.help = tr_format("did you mean '{}'? The members name the alternatives exactly", *guess);
    } else {
      d.help = tr_format("add '{}' to the members of '{}'", ind->name, fact.name);
    }
    d.notes.push_back({tr_format("'{}' is declared here", fact.name), rs_.at(fact.name_span)});
  }
  for (const std::string& member : members) {
    if (std::find(names.begin(), names.end(), member) != names.end()) continue;
    auto& d = error("E0416", group.front()->choice_span,
                    tr_format("'{}' may be '{}', which names no indicator of this 'choose'", fact.name, member));
    if (auto guess = closest_match(member, names)) {
      d.help = tr_format("did you mean '{}'? The members name the alternatives exactly", *guess);
    } else {
      d.help = tr_format("add an indicator '{}' to the 'choose', or remove the member", member);
    }
    d.notes.push_back({tr_format("'{}' is declared here", fact.name), rs_.at(fact.name_span)});
  }
}

}  // namespace rubric::checking
