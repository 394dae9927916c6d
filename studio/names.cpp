// What a name in a document is: the name under the cursor, the declaration it refers to (looked
// up by name in the syntax tree, innermost scope first, so that it works while the text has
// errors), its hover text and where it is declared.
#include <fmt/format.h>

#include "base/messages.hpp"
#include "stdlib/builtins.hpp"
#include "studio/names.hpp"

namespace rubric::studio {

namespace {

// The code point that begins at [i] and the bytes it takes; U+FFFD for a byte that begins none.
std::pair<char32_t, std::uint32_t> code_point(std::string_view text, std::uint32_t i) {
  const auto byte = [&](std::uint32_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return {lead, 1};
  std::uint32_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length == 0 || i + length > text.size()) return {0xFFFD, 1};
  char32_t c = lead & (0x7F >> length);
  for (std::uint32_t k = 1; k < length; ++k) c = (c << 6) | (byte(i + k) & 0x3F);
  return {c, length};
}

// Rubric's identifier characters (dsl/grammar_words.hpp, ident_other).
bool identifier_char(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9') ||
         (c >= 0xC0 && c <= 0x24F) || (c >= 0x370 && c <= 0x4FF) || (c >= 0x3040 && c <= 0x30FF) ||
         (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

bool contains(Span span, std::uint32_t offset) { return span.begin <= offset && offset <= span.end; }

std::string code_block(const std::string& code) { return "```rubric\n" + code + "\n```"; }

// The declarations visible at [offset] in [items] (a section's or the top level), innermost
// first: the lets of the indicator or section [offset] is in, then those of [items] itself.
void scoped_lets(const std::vector<ast::Item>& items, std::uint32_t offset, std::vector<Declared>& out) {
  for (const ast::Item& item : items) {
    if (const auto* section = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      if (contains((*section)->span, offset)) scoped_lets((*section)->items, offset, out);
    } else if (const auto* indicator = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
      if (!contains((*indicator)->span, offset)) continue;
      for (const ast::Let& let : (*indicator)->lets) {
        out.push_back({Declared::Kind::Let, let.name, let.name_span, let.span, nullptr, &let});
      }
    }
  }
  for (const ast::Item& item : items) {
    if (const auto* let = std::get_if<ast::Let>(&item)) {
      out.push_back({Declared::Kind::Let, let->name, let->name_span, let->span, nullptr, let});
    }
  }
}

void nodes(const std::vector<ast::Item>& items, std::vector<Declared>& out) {
  for (const ast::Item& item : items) {
    if (const auto* section = std::get_if<std::unique_ptr<ast::Section>>(&item)) {
      Declared d{Declared::Kind::Section, (*section)->name, (*section)->name_span, (*section)->span};
      d.section = section->get();
      out.push_back(d);
      nodes((*section)->items, out);
    } else if (const auto* indicator = std::get_if<std::unique_ptr<ast::Indicator>>(&item)) {
      Declared d{Declared::Kind::Indicator, (*indicator)->name, (*indicator)->name_span, (*indicator)->span};
      d.indicator = indicator->get();
      out.push_back(d);
    }
  }
}

}  // namespace

std::string first_line_of(const Document& document, Span span) {
  std::string_view text = document.source().slice(span);
  return std::string(text.substr(0, text.find('\n')));
}

std::string points_text(const ast::PointsSpec& points) {
  return points.range ? points.lo.to_string() + " ~ " + points.hi.to_string() : points.hi.to_string();
}

Span name_at(const Document& document, std::uint32_t offset) {
  const std::string& text = document.text();
  if (offset > text.size()) return {};
  // A section's or indicator's name may be a string: its declared span holds the offset.
  if (const ast::Ruleset* tree = document.tree()) {
    std::vector<Declared> all;
    nodes(tree->items, all);
    for (const Declared& d : all) {
      if (contains(d.name_span, offset) && d.name_span.end > d.name_span.begin) return d.name_span;
    }
  }
  // Back to the name's first character, then on to its end.
  std::uint32_t begin = offset;
  while (begin > 0) {
    std::uint32_t previous = begin - 1;
    while (previous > 0 && (static_cast<unsigned char>(text[previous]) & 0xC0) == 0x80) --previous;
    if (!identifier_char(code_point(text, previous).first)) break;
    begin = previous;
  }
  std::uint32_t end = offset;
  while (end < text.size()) {
    const auto [c, length] = code_point(text, end);
    if (!identifier_char(c)) break;
    end += length;
  }
  if (begin == end || (text[begin] >= '0' && text[begin] <= '9')) return {};
  return {begin, end};
}

std::vector<Declared> visible(const Document& document, std::uint32_t offset) {
  std::vector<Declared> out;
  const ast::Ruleset* tree = document.tree();
  if (tree == nullptr) return out;
  for (const ast::Define& define : tree->defines) {
    if (!contains(define.span, offset)) continue;
    for (std::size_t i = 0; i < define.params.size(); ++i) {
      Declared d{Declared::Kind::Parameter, define.params[i], define.param_spans[i], define.span};
      d.define = &define;
      out.push_back(d);
    }
  }
  scoped_lets(tree->items, offset, out);
  for (const ast::Let& let : tree->lets) out.push_back({Declared::Kind::Let, let.name, let.name_span, let.span, nullptr, &let});
  for (const ast::FactDecl& fact : tree->facts) out.push_back({Declared::Kind::Fact, fact.name, fact.name_span, fact.span, &fact});
  for (const ast::Define& define : tree->defines) {
    Declared d{Declared::Kind::Function, define.name, define.name_span, define.span};
    d.define = &define;
    out.push_back(d);
  }
  nodes(tree->items, out);
  return out;
}

std::optional<Declared> resolve(const Document& document, std::uint32_t offset) {
  const Span span = name_at(document, offset);
  if (span.end == span.begin) return std::nullopt;
  const std::string_view name = document.source().slice(span);
  // `f(` calls a function: a let or fact of the same name does not hide it.
  const bool call = span.end < document.text().size() && document.text()[span.end] == '(';
  const std::vector<Declared> candidates = visible(document, offset);
  for (const Declared& d : candidates) {
    if (call && d.kind != Declared::Kind::Function) continue;
    const bool named = d.name == name || (d.name_span.end > d.name_span.begin && document.source().slice(d.name_span) == name);
    if (named) return d;
  }
  return std::nullopt;
}

std::optional<Hover> hover(const Document& document, std::uint32_t offset) {
  const Span span = name_at(document, offset);
  if (span.end == span.begin) return std::nullopt;
  const KeywordScope words(document.keywords());
  const std::optional<Declared> d = resolve(document, offset);
  if (!d) {
    // A built-in, in either set's name (`min`, `最小`).
    const std::string_view name = document.source().slice(span);
    const stdlib::Builtin* builtin = stdlib::find_builtin(canonical_name(name));
    if (builtin == nullptr) return std::nullopt;
    return Hover{code_block(std::string(builtin->signature)) + "\n\n" + std::string(tr(builtin->summary)), span};
  }
  std::string out;
  switch (d->kind) {
    case Declared::Kind::Fact: {
      const ast::FactDecl& f = *d->fact;
      out = f.label.empty() ? tr_format("fact `{}`", f.name) : tr_format("fact `{}`: {}", f.name, f.label);
      out += "\n\n" + tr_format("type: {}", ast::describe(*f.type));
      if (!f.unit.empty()) out += "  \n" + tr_format("unit: {}", f.unit);
      if (f.domain) out += "  \n" + tr_format("range: {}", document.source().slice(f.domain->span));
      if (f.default_value || f.default_empty) {
        out += "  \n" + tr_format("default: {}", document.source().slice(f.default_span));
      }
      break;
    }
    case Declared::Kind::Let:
      out = d->let->label.empty() ? tr_format("value `{}`", d->name) : tr_format("value `{}`: {}", d->name, d->let->label);
      out += "\n\n" + code_block(first_line_of(document, d->span));
      break;
    case Declared::Kind::Function:
      out = tr_format("function `{}`", d->name) + "\n\n" + code_block(first_line_of(document, d->span));
      break;
    case Declared::Kind::Parameter:
      out = tr_format("parameter `{}` of the function `{}`", d->name, d->define->name);
      break;
    case Declared::Kind::Section:
      out = tr_format("section {}, {} points", d->name, points_text(d->section->points));
      break;
    case Declared::Kind::Indicator:
      out = tr_format("indicator {}, {} points", d->name, points_text(d->indicator->points));
      if (!d->indicator->explain.empty()) out += "\n\n" + d->indicator->explain;
      break;
  }
  return Hover{out, span};
}

std::optional<Elsewhere> definition_in_base(const Document& document, std::uint32_t offset) {
  const ast::Ruleset* merged = document.checked();
  if (merged == nullptr || merged->sources.size() < 2 || resolve(document, offset)) return std::nullopt;
  const Span span = name_at(document, offset);
  if (span.end == span.begin) return std::nullopt;
  const std::string_view name = document.source().slice(span);
  std::vector<Span> found;
  for (const ast::FactDecl& f : merged->facts) {
    if (f.name == name) found.push_back(f.name_span);
  }
  for (const ast::Define& d : merged->defines) {
    if (d.name == name) found.push_back(d.name_span);
  }
  for (const ast::Let& l : merged->lets) {
    if (l.name == name) found.push_back(l.name_span);
  }
  std::vector<Declared> all;
  nodes(merged->items, all);
  for (const Declared& d : all) {
    if (d.name == name) found.push_back(d.name_span);
  }
  for (const Span& at : found) {
    const Location location = merged->at(at);
    if (location.file && location.span && location.file->path() != document.path()) return Elsewhere{location.file, *location.span};
  }
  return std::nullopt;
}

std::optional<Span> definition(const Document& document, std::uint32_t offset) {
  const std::optional<Declared> d = resolve(document, offset);
  if (!d) return std::nullopt;
  return d->name_span;
}

}  // namespace rubric::studio
