// The studio's help as the author types (docs/serve.md, "The studio"): what the name under the
// cursor is and where it is declared, what may be written there, and the draft formatted — the
// same analysis `rubric lsp` gives an editor (studio/document.hpp), with positions counted in
// UTF-16 code units as the browser counts them.
#include <charconv>

#include "base/messages.hpp"
#include "dsl/format.hpp"
#include "server/answers.hpp"
#include "studio/document.hpp"

namespace rubric::server {

using nlohmann::ordered_json;

namespace {

// ?line=L&character=C, both counted from 0; null when either is missing or not a plain number.
std::optional<studio::Position> position_in(const Request& request) {
  studio::Position p;
  for (auto [key, value] : {std::pair{"line", &p.line}, std::pair{"character", &p.character}}) {
    const auto found = request.query.find(key);
    if (found == request.query.end() || found->second.empty() || found->second.size() > 9) return std::nullopt;
    const std::string& text = found->second;
    const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), *value);
    if (problem != std::errc() || end != text.data() + text.size()) return std::nullopt;
  }
  return p;
}

const char* kind_name(studio::Completion::Kind kind) {
  using K = studio::Completion::Kind;
  switch (kind) {
    case K::Fact: return "fact";
    case K::Let: return "let";
    case K::Function: return "function";
    case K::Parameter: return "parameter";
    case K::Section: return "section";
    case K::Indicator: return "indicator";
    case K::Builtin: return "builtin";
    case K::Keyword: return "keyword";
  }
  return "keyword";
}

Response bad_position() {
  return error(400, "bad_request", tr("the place in the text is ?line=L&character=C, both whole numbers counted from 0"));
}

}  // namespace

namespace {

// A studio request about a place in a draft: the draft as a document and the place's offset, or
// the answer that refuses it.
struct Place {
  std::optional<studio::Document> document;
  std::uint32_t offset = 0;
  std::optional<Response> refusal;
};
Place place_in(const Request& request) {
  Place place;
  std::string name;
  place.refusal = refuse_draft(request, request.body, std::string(tr("draft.rubric")), name);
  if (place.refusal) return place;
  const std::optional<studio::Position> at = position_in(request);
  if (!at) {
    place.refusal = bad_position();
    return place;
  }
  place.document.emplace(name, request.body);
  place.offset = place.document->offset(*at);
  return place;
}

}  // namespace

Response Service::studio_hover(Context& context) {
  const Place place = place_in(context.request);
  if (place.refusal) return *place.refusal;
  const studio::Document& document = *place.document;
  const std::uint32_t offset = place.offset;
  ordered_json out;
  const std::optional<studio::Hover> hover = studio::hover(document, offset);
  out["hover"] = hover ? ordered_json{{"markdown", hover->markdown}, {"range", range_json(document.range(hover->span))}}
                       : ordered_json(nullptr);
  const std::optional<Span> declared = studio::definition(document, offset);
  out["definition"] = declared ? range_json(document.range(*declared)) : ordered_json(nullptr);
  return json_response(out);
}

Response Service::studio_complete(Context& context) {
  const Place place = place_in(context.request);
  if (place.refusal) return *place.refusal;
  const studio::Document& document = *place.document;
  const std::uint32_t offset = place.offset;
  // The part of a name already typed, which the chosen item replaces.
  const Span typed = studio::name_at(document, offset);
  ordered_json items = ordered_json::array();
  for (const studio::Completion& c : studio::completions(document, offset)) {
    items.push_back({{"label", c.label}, {"kind", kind_name(c.kind)}, {"detail", c.detail}});
  }
  ordered_json out;
  out["range"] = range_json(document.range({typed.end > typed.begin ? typed.begin : offset, offset}));
  out["items"] = std::move(items);
  return json_response(out);
}

Response Service::studio_format(Context& context) {
  std::string name;
  if (std::optional<Response> refused = refuse_draft(context.request, context.request.body, std::string(tr("draft.rubric")), name)) return *refused;
  const FormatResult formatted = format_source(std::make_shared<const SourceFile>(name, context.request.body));
  if (!formatted.text) {
    return error(422, "ruleset_refused", tr("the file has syntax errors; it is formatted once they are fixed"),
                 &formatted.diagnostics);
  }
  ordered_json out;
  out["text"] = *formatted.text;
  out["changed"] = *formatted.text != context.request.body;
  return json_response(out);
}

}  // namespace rubric::server
