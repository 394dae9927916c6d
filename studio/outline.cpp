// What may be written at a place of a document (completion), its outline (the indicator tree
// with points), and the fix a diagnostic suggests.
#include <algorithm>
#include <set>

#include "base/messages.hpp"
#include "stdlib/builtins.hpp"
#include "studio/names.hpp"

namespace rubric::studio {

namespace {

// Every word of the grammar and every name the builder resolves, in both sets (keywords.def).
struct Word {
  const char* en;
  const char* zh;
  bool keyword;
};
constexpr Word kWords[] = {
#define RUBRIC_KEYWORD(Id, english, chinese) {english, chinese, true},
#define RUBRIC_NAME(english, chinese) {english, chinese, false},
#include "dsl/keywords.def"
#undef RUBRIC_KEYWORD
#undef RUBRIC_NAME
};

std::string fact_detail(const ast::FactDecl& fact) {
  std::string out = fact.label;
  if (!out.empty()) out += " · ";
  out += ast::describe(*fact.type);
  if (!fact.unit.empty()) out += " · " + fact.unit;
  return out;
}

void outline(const Document& document, const std::vector<ast::Item>& items, std::vector<Symbol>& out) {
  for (const ast::Item& item : items) {
    if (const auto* section = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      const ast::Section& s = **section;
      Symbol symbol{s.name, tr_format("{} points", points_text(s.points)), Symbol::Kind::Section, s.span, s.name_span, {}};
      outline(document, s.items, symbol.children);
      out.push_back(std::move(symbol));
    } else if (const auto* indicator = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
      const ast::Indicator& i = **indicator;
      out.push_back({i.name, tr_format("{} points", points_text(i.points)), Symbol::Kind::Indicator, i.span, i.name_span, {}});
    }
  }
}

// The characters a full-width key gives where Rubric wants the half-width one (dsl/syntax_errors.cpp).
struct HalfWidth {
  const char* full;
  const char* half;
};
constexpr HalfWidth kHalfWidth[] = {{"，", ","}, {"（", "("}, {"）", ")"}, {"：", ":"},  {"；", ";"},
                                    {"【", "["}, {"】", "]"}, {"％", "%"}, {"\u3000", " "}, {"\u00A0", " "}};

}  // namespace

std::vector<Completion> completions(const Document& document, std::uint32_t offset) {
  std::vector<Completion> out;
  std::set<std::string> seen;
  const auto add = [&](std::string label, Completion::Kind kind, std::string detail) {
    if (label.empty() || !seen.insert(label).second) return;
    out.push_back({std::move(label), kind, std::move(detail)});
  };
  const KeywordScope words(document.keywords());
  for (const Declared& d : visible(document, offset)) {
    switch (d.kind) {
      case Declared::Kind::Parameter: add(d.name, Completion::Kind::Parameter, d.define->name); break;
      case Declared::Kind::Let: add(d.name, Completion::Kind::Let, d.let->label); break;
      case Declared::Kind::Fact: add(d.name, Completion::Kind::Fact, fact_detail(*d.fact)); break;
      case Declared::Kind::Function: add(d.name, Completion::Kind::Function, first_line_of(document, d.span)); break;
      case Declared::Kind::Section:
        add(d.name, Completion::Kind::Section, tr_format("{} points", points_text(d.section->points)));
        break;
      case Declared::Kind::Indicator:
        add(d.name, Completion::Kind::Indicator, tr_format("{} points", points_text(d.indicator->points)));
        break;
    }
  }
  const bool zh = document.keywords() == KeywordSet::Zh;
  for (const stdlib::Builtin& b : stdlib::builtins()) {
    const std::optional<std::string_view> chinese = keyword_in(b.name, KeywordSet::Zh);
    add(std::string(zh && chinese ? *chinese : b.name), Completion::Kind::Builtin,
        std::string(b.signature) + " — " + std::string(tr(b.summary)));
  }
  for (const Word& w : kWords) add(zh ? w.zh : w.en, Completion::Kind::Keyword, zh ? w.en : w.zh);
  return out;
}

std::vector<Symbol> symbols(const Document& document) {
  std::vector<Symbol> out;
  const ast::Ruleset* tree = document.tree();
  if (tree == nullptr) return out;
  const KeywordScope words(document.keywords());
  outline(document, tree->items, out);
  for (const ast::FactDecl& f : tree->facts) out.push_back({f.name, fact_detail(f), Symbol::Kind::Fact, f.span, f.name_span, {}});
  for (const ast::Define& d : tree->defines) {
    out.push_back({d.name, first_line_of(document, d.span), Symbol::Kind::Function, d.span, d.name_span, {}});
  }
  for (const ast::TestBlock& t : tree->tests) out.push_back({t.name, "", Symbol::Kind::Test, t.span, t.span, {}});
  return out;
}

std::optional<Fix> fix(const Document& document, const Diagnostic& diagnostic) {
  if (!document.here(diagnostic.location)) return std::nullopt;
  const Span span = *diagnostic.location.span;
  const std::string_view written = document.source().slice(span);
  for (const HalfWidth& h : kHalfWidth) {
    if (written == h.full) return Fix{tr_format("write '{}'", h.half), span, h.half};
  }
  // "did you mean 'x'?", in the language the help is in: the catalogue's own sentence, cut at
  // the name it quotes.
  for (const char* sentence : {tr_later("did you mean '{}'?"), tr_later("did you mean \"{}\"?"),
                               tr_later("did you mean '{}'? The members name the alternatives exactly")}) {
    const std::string pattern = tr_format(sentence, "\x01");
    const std::size_t hole = pattern.find('\x01');
    const std::string before = pattern.substr(0, hole);
    const std::string after = pattern.substr(hole + 1);
    const std::string& help = diagnostic.help;
    if (!help.starts_with(before) || !help.ends_with(after) || help.size() <= before.size() + after.size()) continue;
    std::string guess = help.substr(before.size(), help.size() - before.size() - after.size());
    // Only where the span is the misspelled name (written as a string, the string): a
    // replacement of anything larger would lose text.
    const bool quoted = written.size() >= 2 && written.front() == '"' && written.back() == '"';
    const std::string_view name = quoted ? written.substr(1, written.size() - 2) : written;
    if (name.empty() || !closest_match(name, {guess})) return std::nullopt;
    const std::string replacement = quoted ? "\"" + guess + "\"" : guess;
    return Fix{tr_format("change to '{}'", guess), span, replacement};
  }
  return std::nullopt;
}

}  // namespace rubric::studio
