// Loading a chain of extending rulesets and merging it; see extends.hpp.
#include "interpreter/check/extends.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "base/messages.hpp"
#include "dsl/visit.hpp"

namespace rubric {
namespace {

namespace fs = std::filesystem;

struct Found {
  std::vector<ast::Item>* container = nullptr;
  std::size_t index = 0;
  bool section = false;
  ast::Section* parent = nullptr;  // the section holding it, null at the top level
};

const std::string* item_name(const ast::Item& item) {
  if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) return &(*s)->name;
  if (const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) return &(*i)->name;
  return nullptr;
}

// The section or indicator named [name], searched depth-first.
std::optional<Found> find(std::vector<ast::Item>& items, const std::string& name, ast::Section* parent = nullptr) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string* n = item_name(items[i]);
    if (n != nullptr && *n == name) {
      return Found{&items, i, std::holds_alternative<std::unique_ptr<ast::Section>>(items[i]), parent};
    }
    if (auto* s = std::get_if<std::unique_ptr<ast::Section>>(&items[i])) {
      if (auto found = find((*s)->items, name, s->get())) return found;
    }
  }
  return std::nullopt;
}

Span item_span(const ast::Item& item) {
  if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) return (*s)->span;
  if (const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) return (*i)->span;
  return std::get<ast::Let>(item).span;
}

// Adds every name [e] reads (facts, lets, functions) to [out], each with the change [change].
void reads(ast::Expr& e, Span change, std::vector<std::pair<std::string, Span>>& out) {
  ast::walk(e, [&](ast::Expr& node) {
    if (const auto* n = std::get_if<ast::NameRef>(&node.node)) out.emplace_back(n->name, change);
    if (const auto* c = std::get_if<ast::Call>(&node.node)) out.emplace_back(c->callee, change);
    return true;
  });
}

void reads(ast::Item& item, Span change, std::vector<std::pair<std::string, Span>>& out) {
  if (auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
    for (ast::Item& child : (*s)->items) reads(child, change, out);
  } else if (auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
    if ((*i)->applies) reads(*(*i)->applies, change, out);
    for (ast::Let& l : (*i)->lets) reads(*l.value, change, out);
    if ((*i)->score) reads(*(*i)->score, change, out);
  } else {
    reads(*std::get<ast::Let>(item).value, change, out);
  }
}

void names(const std::vector<ast::Item>& items, std::vector<std::string>& out) {
  for (const ast::Item& item : items) {
    if (const std::string* n = item_name(item)) out.push_back(*n);
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item)) names((*s)->items, out);
  }
}

class Merger {
 public:
  Merger(ast::Ruleset& base, ast::Ruleset& derived, Diagnostics& diagnostics)
      : out_(base), derived_(derived), diags_(diagnostics) {}

  void run();

 private:
  Diagnostic& error(const std::string& code, Span span, std::string message) {
    return diags_.error(code, derived_.at(span), std::move(message));
  }
  std::optional<Found> target(const std::string& name, Span span) {
    auto found = find(out_.items, name);
    if (!found) {
      std::vector<std::string> known;
      names(out_.items, known);
      auto& d = error("E0901", span, tr_format("the base ruleset has no indicator or section '{}'", name));
      if (auto guess = closest_match(name, known)) d.help = tr_format("did you mean '{}'?", *guess);
    }
    return found;
  }
  bool kind_matches(const Found& found, const ast::Change& change) {
    if (found.section == change.section) return true;
    error("E0903", change.name_span,
          tr_format("'{}' is {} in the base ruleset, not {}", change.name, found.section ? std::string(tr("a section")) : std::string(tr("an indicator")),
                      change.section ? std::string(tr("a section")) : std::string(tr("an indicator"))));
    return false;
  }
  void apply(ast::Change& change);
  void remove_declaration(const ast::Change& change);
  template <typename Stmt>
  void remove_by_text(std::vector<Stmt>& base, const std::vector<Stmt>& derived, const ast::Change& change,
                      const char* what);
  template <typename Decl>
  void remove_by_name(std::vector<Decl>& base, const std::vector<Decl>& derived, const ast::Change& change,
                      const char* what);
  template <typename Decl>
  void replace_by_name(std::vector<Decl>& base, std::vector<Decl>& derived) {
    for (Decl& d : derived) {
      auto it = std::find_if(base.begin(), base.end(), [&](const Decl& b) { return b.name == d.name; });
      if (it != base.end()) {
        *it = std::move(d);
      } else {
        base.push_back(std::move(d));
      }
    }
  }
  template <typename Stmt>
  static void replace_by_text(std::vector<Stmt>& base, std::vector<Stmt>& derived) {
    for (Stmt& d : derived) {
      auto it = std::find_if(base.begin(), base.end(), [&](const Stmt& b) { return b.text == d.text; });
      if (it != base.end()) {
        *it = std::move(d);
      } else {
        base.push_back(std::move(d));
      }
    }
  }
  // An alternative of a `choose` group, overridden, stays in its group: the override says what
  // the row scores, not that it stopped being one of two (二者择其一).
  static void keep_choice(const ast::Item& old, ast::Item& replacement) {
    const auto* was = std::get_if<std::unique_ptr<ast::Indicator>>(&old);
    auto* now = std::get_if<std::unique_ptr<ast::Indicator>>(&replacement);
    if (was == nullptr || now == nullptr || (*was)->choice.empty() || !(*now)->choice.empty()) return;
    (*now)->choice = (*was)->choice;
    (*now)->choice_span = (*was)->choice_span;
    (*now)->choice_group = (*was)->choice_group;
  }

  ast::Ruleset& out_;
  ast::Ruleset& derived_;
  Diagnostics& diags_;
};

void Merger::apply(ast::Change& change) {
  // The change alters the sum of the parts of [parent] (the top level when null): a points error
  // there is then shown at the change (checker.cpp, E0404/E0405).
  const auto changes_sum_of = [&](ast::Section* parent) {
    (parent != nullptr ? parent->changed_parts : out_.changed_parts).push_back(change.span);
  };
  switch (change.kind) {
    case ast::ChangeKind::Remove: {
      if (change.removed != ast::Removed::Node) return;  // done before the declarations merged
      if (auto found = target(change.name, change.name_span)) {
        reads((*found->container)[found->index], change.span, out_.dropped_reads);
        found->container->erase(found->container->begin() + static_cast<std::ptrdiff_t>(found->index));
        changes_sum_of(found->parent);
      }
      return;
    }
    case ast::ChangeKind::Points: {
      auto found = target(change.name, change.name_span);
      if (!found || !kind_matches(*found, change)) return;
      changes_sum_of(found->parent);
      ast::Item& item = (*found->container)[found->index];
      if (found->section) {
        std::get<std::unique_ptr<ast::Section>>(item)->points = change.points;
      } else {
        std::get<std::unique_ptr<ast::Indicator>>(item)->points = change.points;
      }
      return;
    }
    case ast::ChangeKind::Override: {
      auto found = target(change.name, change.name_span);
      if (!found || !kind_matches(*found, change)) return;
      changes_sum_of(found->parent);
      reads((*found->container)[found->index], change.span, out_.dropped_reads);
      keep_choice((*found->container)[found->index], change.item.front());
      (*found->container)[found->index] = std::move(change.item.front());
      return;
    }
    case ast::ChangeKind::Add: {
      if (find(out_.items, change.name)) {
        error("E0904", change.name_span, tr_format("the base ruleset already has '{}'", change.name))
            .help = tr_format("write 'override {} …' to replace it", change.section ? "section" : "indicator");
        return;
      }
      if (change.parent.empty()) {
        out_.items.push_back(std::move(change.item.front()));
        changes_sum_of(nullptr);
        return;
      }
      auto parent = target(change.parent, change.parent_span);
      if (!parent) return;
      if (!parent->section) {
        error("E0903", change.parent_span, tr_format("'{}' is an indicator; only a section can hold another", change.parent));
        return;
      }
      auto& section = std::get<std::unique_ptr<ast::Section>>((*parent->container)[parent->index]);
      section->items.push_back(std::move(change.item.front()));
      changes_sum_of(section.get());
      return;
    }
  }
}

void Merger::run() {
  if (derived_.scheme != out_.scheme) {
    error("E0905", derived_.header_span,
          tr_format("a ruleset of scheme '{}' cannot extend one of scheme '{}'", derived_.scheme, out_.scheme));
  }
  // The extending file's sources come first: its own spans are the ones most often reported.
  std::vector<SourcePtr> sources = derived_.sources;
  std::vector<std::uint32_t> bases = derived_.bases;
  sources.insert(sources.end(), out_.sources.begin(), out_.sources.end());
  bases.insert(bases.end(), out_.bases.begin(), out_.bases.end());
  out_.sources = std::move(sources);
  out_.bases = std::move(bases);
  out_.source = derived_.source;
  out_.name = derived_.name;
  out_.scheme = derived_.scheme;
  out_.year = derived_.year;
  out_.header_span = derived_.header_span;
  out_.extends = derived_.extends;
  out_.extends_span = derived_.extends_span;
  if (derived_.total) {
    out_.total = derived_.total;
    out_.total_span = derived_.total_span;
  }
  if (derived_.rounding_given) out_.rounding = derived_.rounding;
  // A table given, even an empty one, replaces the base's: `grade { }` is then E0501, not a table
  // silently kept.
  if (!derived_.grades.empty() || derived_.grade_span.end > derived_.grade_span.begin) {
    out_.grades = std::move(derived_.grades);
    out_.grade_span = derived_.grade_span;
  }
  // `remove fact|function|let` applies to the base's declarations, before the extending file's
  // own are merged in: one that the file declares again is an error, not a silent replacement.
  for (const ast::Change& change : derived_.changes) {
    if (change.kind == ast::ChangeKind::Remove && change.removed != ast::Removed::Node) remove_declaration(change);
  }
  replace_by_name(out_.facts, derived_.facts);
  replace_by_name(out_.defines, derived_.defines);
  replace_by_name(out_.lets, derived_.lets);
  // A top-level veto, or a requirement on the facts, of the same text replaces the base's (a year
  // may change its condition); the others are added.
  replace_by_text(out_.vetoes, derived_.vetoes);
  replace_by_text(out_.requirements, derived_.requirements);
  // A calendar of a year the base has replaces the base's (a corrected notice); others are added.
  for (ast::Calendar& c : derived_.calendars) {
    auto same = std::find_if(out_.calendars.begin(), out_.calendars.end(),
                             [&](const ast::Calendar& b) { return b.year == c.year; });
    if (same != out_.calendars.end()) {
      *same = std::move(c);
    } else {
      out_.calendars.push_back(std::move(c));
    }
  }
  // A new section or indicator written plainly at the top is added there.
  for (ast::Item& item : derived_.items) {
    const std::string* name = item_name(item);
    if (name != nullptr && find(out_.items, *name)) {
      const bool section = std::holds_alternative<std::unique_ptr<ast::Section>>(item);
      const Span span = section ? std::get<std::unique_ptr<ast::Section>>(item)->name_span
                                : std::get<std::unique_ptr<ast::Indicator>>(item)->name_span;
      error("E0904", span, tr_format("the base ruleset already has '{}'", *name))
          .help = tr_format("write 'override {} …' to replace it", section ? "section" : "indicator");
      continue;
    }
    out_.items.push_back(std::move(item));
    out_.changed_parts.push_back(item_span(out_.items.back()));  // it changes the sum of the top level
  }
  for (ast::Change& change : derived_.changes) apply(change);
  // The base's tests are about the base: the merged ruleset carries only the extending file's.
  out_.tests = std::move(derived_.tests);
  out_.changes.clear();
}

template <typename Decl>
void Merger::remove_by_name(std::vector<Decl>& base, const std::vector<Decl>& derived, const ast::Change& change,
                            const char* what) {
  const auto named = [&](const Decl& d) { return d.name == change.name; };
  if (auto again = std::find_if(derived.begin(), derived.end(), named); again != derived.end()) {
    auto& d = error("E0910", change.name_span,
                    tr_format("{} '{}' is removed, and declared again in this file", tr(what), change.name));
    d.notes.push_back({std::string(tr("declared again here")), derived_.at(again->name_span)});
    d.help = tr_format("a {} declared in this file replaces the base's of the same name: delete this 'remove'", tr(what));
    return;
  }
  auto it = std::find_if(base.begin(), base.end(), named);
  if (it == base.end()) {
    std::vector<std::string> known;
    for (const Decl& d : base) known.push_back(d.name);
    auto& d = error("E0901", change.name_span, tr_format("the base ruleset has no {} '{}'", tr(what), change.name));
    if (auto guess = closest_match(change.name, known)) d.help = tr_format("did you mean '{}'?", *guess);
    return;
  }
  base.erase(it);
  out_.removed_declarations.emplace_back(change.name, change.span);
}

void Merger::remove_declaration(const ast::Change& change) {
  switch (change.removed) {
    case ast::Removed::Fact:
      remove_by_name(out_.facts, derived_.facts, change, tr_later("fact"));
      return;
    case ast::Removed::Function: {
      auto it = std::find_if(out_.defines.begin(), out_.defines.end(),
                             [&](const ast::Define& d) { return d.name == change.name; });
      if (it != out_.defines.end() && it->body) reads(*it->body, change.span, out_.dropped_reads);
      remove_by_name(out_.defines, derived_.defines, change, tr_later("function"));
      return;
    }
    case ast::Removed::Let: {
      auto it = std::find_if(out_.lets.begin(), out_.lets.end(), [&](const ast::Let& l) { return l.name == change.name; });
      if (it != out_.lets.end() && it->value) reads(*it->value, change.span, out_.dropped_reads);
      remove_by_name(out_.lets, derived_.lets, change, tr_later("let"));
      return;
    }
    case ast::Removed::Veto:
      remove_by_text(out_.vetoes, derived_.vetoes, change, tr_later("veto"));
      return;
    case ast::Removed::Requirement:
      remove_by_text(out_.requirements, derived_.requirements, change, tr_later("requirement"));
      return;
    case ast::Removed::Node:
      return;
  }
}

// `remove veto "…"`, `remove require "…"`: a top-level veto or a requirement of the base, by its
// text; what its condition read may be left unread (a warning at this change).
template <typename Stmt>
void Merger::remove_by_text(std::vector<Stmt>& base, const std::vector<Stmt>& derived, const ast::Change& change,
                            const char* what) {
  const auto same = [&](const Stmt& s) { return s.text == change.name; };
  if (auto again = std::find_if(derived.begin(), derived.end(), same); again != derived.end()) {
    auto& d = error("E0910", change.name_span,
                    tr_format("{} \"{}\" is removed, and written again in this file", tr(what), change.name));
    d.notes.push_back({std::string(tr("written again here")), derived_.at(again->span)});
    d.help = tr_format("a {} of the same text in this file replaces the base's: delete this 'remove'", tr(what));
    return;
  }
  auto it = std::find_if(base.begin(), base.end(), same);
  if (it == base.end()) {
    std::vector<std::string> known;
    for (const Stmt& s : base) known.push_back(s.text);
    auto& d = error("E0901", change.name_span, tr_format("the base ruleset has no {} \"{}\"", tr(what), change.name));
    if (auto guess = closest_match(change.name, known)) {
      d.help = tr_format("did you mean \"{}\"?", *guess);
    } else if (!known.empty()) {
      d.help = tr_format("the base's are \"{}\"", fmt::join(known, "\", \""));
    }
    return;
  }
  if (it->condition) reads(*it->condition, change.span, out_.dropped_reads);
  base.erase(it);
}

std::uint32_t end_of(const ast::Ruleset& rs) {
  std::uint32_t end = 0;
  for (std::size_t i = 0; i < rs.sources.size(); ++i) {
    end = std::max(end, rs.bases[i] + static_cast<std::uint32_t>(rs.sources[i]->text().size()) + 1);
  }
  return end;
}

ParseResult load(const std::string& path, std::string text, std::uint32_t base, int depth,
                 std::vector<std::string>& chain) {
  auto source = std::make_shared<const SourceFile>(path, std::move(text));
  ParseResult result = parse(source, base);
  if (!result.ruleset) return result;
  ast::Ruleset& derived = *result.ruleset;
  if (derived.extends.empty() && derived.extends_span.end > derived.extends_span.begin) {
    // `extends ""` (or a name of spaces): read as "extends nothing", it scored every department 0.
    result.diagnostics.error("E0909", derived.at(derived.extends_span), std::string(tr("'extends' names no ruleset")))
        .help = std::string(tr("name the base ruleset's file, e.g. extends \"2023.rubric\", or remove 'extends \"\"' from the header"));
    result.ruleset.reset();
    return result;
  }
  if (derived.extends.empty()) {
    for (const ast::Change& c : derived.changes) {
      result.diagnostics.error("E0902", derived.at(c.span), std::string(tr("only a ruleset that extends another can change it")))
          .help = std::string(tr("name the base in the header: ruleset \"…\" scheme … year … extends \"2023.rubric\""));
    }
    return result;
  }
  const fs::path folder = fs::path(path).parent_path();
  const fs::path base_path = folder / derived.extends;
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(base_path, ec);
  const fs::path root = fs::weakly_canonical(folder.empty() ? fs::path(".") : folder, ec);
  const auto relative = canonical.lexically_relative(root);
  const auto fail = [&](std::string code, std::string message, std::string help) {
    result.diagnostics.error(std::move(code), derived.at(derived.extends_span), std::move(message)).help = std::move(help);
    result.ruleset.reset();
    return std::move(result);
  };
  if (relative.empty() || *relative.begin() == "..") {
    return fail("E0906", tr_format("the base '{}' lies outside this ruleset's folder", derived.extends),
                std::string(tr("a ruleset may extend only rulesets of its own scheme folder")));
  }
  if (std::find(chain.begin(), chain.end(), canonical.string()) != chain.end()) {
    // The chain names files relative to this ruleset's folder: absolute paths of the machine
    // that ran the check say nothing to the author and differ from one machine to the next.
    std::vector<std::string> shown;
    for (const std::string& link : chain) {
      const fs::path rel = fs::path(link).lexically_relative(root);
      shown.push_back(rel.empty() ? link : rel.string());
    }
    shown.push_back(relative.string());
    return fail("E0907", tr_format("'{}' extends itself through the chain {}", derived.extends, fmt::join(shown, " → ")),
                std::string(tr("a chain of extends must end in a ruleset that extends nothing")));
  }
  if (depth >= kMaxExtendsDepth) {
    return fail("E0907", tr_format("more than {} rulesets extend one another", kMaxExtendsDepth),
                std::string(tr("extend the base ruleset directly")));
  }
  std::string base_text;
  {
    InputText input = read_input(base_path.string(), ReadLimit{kMaxSourceBytes, "E0012", tr_later("rulesets may be")});
    if (!input.text) {
      return fail("E0908", tr_format("cannot read the base ruleset '{}': {}", base_path.string(), input.message),
                  std::string(tr("the path is relative to the extending file's folder")));
    }
    base_text = std::move(*input.text);
  }
  chain.push_back(canonical.string());
  ParseResult parent = load(base_path.string(), std::move(base_text), end_of(derived), depth + 1, chain);
  result.diagnostics.append(parent.diagnostics);
  result.skipped.insert(result.skipped.end(), parent.skipped.begin(), parent.skipped.end());
  if (!parent.ruleset) {
    result.ruleset.reset();
    return result;
  }
  Merger(*parent.ruleset, derived, result.diagnostics).run();
  result.ruleset = std::move(parent.ruleset);
  return result;
}

}  // namespace

ParseResult load_tree(const std::string& path, std::string text) {
  std::vector<std::string> chain;
  std::error_code ec;
  chain.push_back(fs::weakly_canonical(path, ec).string());
  return load(path, std::move(text), 0, 0, chain);
}

}  // namespace rubric
