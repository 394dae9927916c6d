// rubric lsp: JSON-RPC 2.0 over Content-Length frames, and the Language Server Protocol's
// requests answered from the studio's analysis (studio/lsp.hpp).
#include "studio/lsp.hpp"

#include <filesystem>
#include <istream>
#include <ostream>
#include <stdexcept>

#include "base/messages.hpp"
#include "base/unicode.hpp"
#include "dsl/format.hpp"

namespace rubric::studio {

namespace {

using nlohmann::json;

// JSON-RPC's and the protocol's error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;
constexpr int kRequestFailed = -32803;

// A frame larger than this is refused unread: no ruleset comes near it (they are limited to 4 MiB).
constexpr std::size_t kMaxFrame = 64u << 20;

struct RpcError : std::runtime_error {
  RpcError(int error_code, const std::string& message) : std::runtime_error(message), code(error_code) {}
  int code;
};

json error_response(const json& id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

// params[key] as a [T], or InvalidParams naming what is missing.
template <typename T>
T field(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) throw RpcError(kInvalidParams, std::string("missing \"") + key + "\"");
  try {
    return object.at(key).get<T>();
  } catch (const json::exception&) {
    throw RpcError(kInvalidParams, std::string("\"") + key + "\" has the wrong type");
  }
}

json position_json(Position p) { return {{"line", p.line}, {"character", p.character}}; }
json range_json(Range r) { return {{"start", position_json(r.start)}, {"end", position_json(r.end)}}; }

Position position_of(const json& params) {
  const json position = field<json>(params, "position");
  return {field<std::uint32_t>(position, "line"), field<std::uint32_t>(position, "character")};
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

json diagnostic_json(const Document& document, const Diagnostic& d) {
  json out;
  std::string message = d.message;
  if (document.here(d.location)) {
    out["range"] = range_json(document.range(*d.location.span));
  } else {
    // In a base the ruleset extends, or without a place: at the top, saying where.
    out["range"] = range_json({});
    if (d.location.file != nullptr && d.location.span) {
      const LineColumn lc = d.location.file->line_column(d.location.span->begin);
      message = d.location.file->path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": " + message;
    }
  }
  if (!d.help.empty()) message += "\n" + d.help;
  for (const Note& note : d.notes) message += "\n" + note.message;
  out["severity"] = d.severity == Severity::Error ? 1 : d.severity == Severity::Warning ? 2 : 3;
  out["code"] = d.code;
  out["source"] = "rubric";
  out["message"] = message;
  return out;
}

int completion_kind(Completion::Kind kind) {
  switch (kind) {
    case Completion::Kind::Fact: return 6;        // Variable
    case Completion::Kind::Let: return 21;        // Constant
    case Completion::Kind::Function: return 3;    // Function
    case Completion::Kind::Parameter: return 6;   // Variable
    case Completion::Kind::Section: return 9;     // Module
    case Completion::Kind::Indicator: return 10;  // Property
    case Completion::Kind::Builtin: return 3;     // Function
    case Completion::Kind::Keyword: return 14;    // Keyword
  }
  return 1;
}

int symbol_kind(Symbol::Kind kind) {
  switch (kind) {
    case Symbol::Kind::Section: return 3;     // Namespace
    case Symbol::Kind::Indicator: return 7;   // Property
    case Symbol::Kind::Fact: return 13;       // Variable
    case Symbol::Kind::Function: return 12;   // Function
    case Symbol::Kind::Test: return 5;        // Class
  }
  return 1;
}

json symbol_json(const Document& document, const Symbol& s) {
  const Range range = document.range(s.span);
  const Range name = s.name_span.end > s.name_span.begin ? document.range(s.name_span) : Range{range.start, range.start};
  json out = {{"name", s.name.empty() ? "?" : s.name}, {"kind", symbol_kind(s.kind)}, {"range", range_json(range)},
              {"selectionRange", range_json(name)}};
  if (!s.detail.empty()) out["detail"] = s.detail;
  if (!s.children.empty()) {
    out["children"] = json::array();
    for (const Symbol& child : s.children) out["children"].push_back(symbol_json(document, child));
  }
  return out;
}

bool overlaps(Range a, Range b) {
  const auto before = [](Position x, Position y) { return x.line < y.line || (x.line == y.line && x.character < y.character); };
  return !before(a.end, b.start) && !before(b.end, a.start);
}

}  // namespace

std::string uri_of_path(const std::string& path) { return "file://" + unicode::percent_encoded(path, "/-._~"); }

std::string path_of_uri(const std::string& uri) {
  if (!uri.starts_with("file://")) return uri;
  std::string path;
  for (std::size_t i = 7; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && hex(uri[i + 1]) >= 0 && hex(uri[i + 2]) >= 0) {
      path += static_cast<char>(hex(uri[i + 1]) * 16 + hex(uri[i + 2]));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  // file://host/path: the host is dropped (it is empty or localhost for a local file).
  if (!path.starts_with("/")) path = path.find('/') == std::string::npos ? "/" : path.substr(path.find('/'));
  return path;
}

void LanguageServer::handle(const std::string& body, std::vector<json>& out) {
  json message;
  try {
    message = json::parse(body);
  } catch (const json::exception&) {
    out.push_back(error_response(nullptr, kParseError, "the message is not JSON"));
    return;
  }
  if (!message.is_object() || !message.contains("method") || !message["method"].is_string()) {
    // A response from the client (to nothing this server asks) is ignored; anything else is wrong.
    if (message.is_object() && message.contains("id") && (message.contains("result") || message.contains("error"))) return;
    const json id = message.is_object() && message.contains("id") ? message["id"] : json(nullptr);
    out.push_back(error_response(id, kInvalidRequest, "not a JSON-RPC request or notification"));
    return;
  }
  const std::string method = message["method"].get<std::string>();
  const json params = message.contains("params") ? message["params"] : json::object();
  const bool is_request = message.contains("id");
  const json id = is_request ? message["id"] : json(nullptr);
  if (is_request && !id.is_string() && !id.is_number_integer()) {
    out.push_back(error_response(nullptr, kInvalidRequest, "the id must be a number or a string"));
    return;
  }
  try {
    if (!is_request) {
      notification(method, params, out);
      return;
    }
    if (!initialized_ && method != "initialize") throw RpcError(kServerNotInitialized, "initialize first");
    if (shutdown_) throw RpcError(kInvalidRequest, "the server was shut down");
    out.push_back({{"jsonrpc", "2.0"}, {"id", id}, {"result", request(method, params)}});
  } catch (const RpcError& e) {
    if (is_request) out.push_back(error_response(id, e.code, e.what()));
  } catch (const std::exception& e) {
    if (is_request) out.push_back(error_response(id, kInternalError, std::string("internal error (a bug in rubric): ") + e.what()));
  }
}

json LanguageServer::request(const std::string& method, const json& params) {
  if (method == "initialize") {
    initialized_ = true;
    return {{"capabilities",
             {{"positionEncoding", "utf-16"},
              {"textDocumentSync", {{"openClose", true}, {"change", 1}}},
              {"hoverProvider", true},
              {"completionProvider", {{"triggerCharacters", json::array({"."})}}},
              {"definitionProvider", true},
              {"documentSymbolProvider", true},
              {"documentFormattingProvider", true},
              {"codeActionProvider", {{"codeActionKinds", json::array({"quickfix"})}}}}},
            {"serverInfo", {{"name", "rubric"}}}};
  }
  if (method == "shutdown") {
    shutdown_ = true;
    return nullptr;
  }
  if (method == "textDocument/hover") {
    const Document& d = document(params);
    const std::optional<Hover> h = hover(d, d.offset(position_of(params)));
    if (!h) return nullptr;
    return {{"contents", {{"kind", "markdown"}, {"value", h->markdown}}}, {"range", range_json(d.range(h->span))}};
  }
  if (method == "textDocument/definition") {
    const Document& d = document(params);
    const std::uint32_t offset = d.offset(position_of(params));
    if (const std::optional<Span> at = definition(d, offset)) {
      return {{"uri", field<json>(params, "textDocument")["uri"]}, {"range", range_json(d.range(*at))}};
    }
    // Declared in a ruleset this one extends: that file.
    const std::optional<Elsewhere> base = definition_in_base(d, offset);
    if (!base) return nullptr;
    const Range range{position_in(*base->file, base->span.begin), position_in(*base->file, base->span.end)};
    return {{"uri", uri_of_path(std::filesystem::absolute(base->file->path()).lexically_normal().string())},
            {"range", range_json(range)}};
  }
  if (method == "textDocument/completion") {
    const Document& d = document(params);
    json items = json::array();
    for (const Completion& c : completions(d, d.offset(position_of(params)))) {
      json item = {{"label", c.label}, {"kind", completion_kind(c.kind)}};
      if (!c.detail.empty()) item["detail"] = c.detail;
      items.push_back(item);
    }
    return items;
  }
  if (method == "textDocument/documentSymbol") {
    const Document& d = document(params);
    json list = json::array();
    for (const Symbol& s : symbols(d)) list.push_back(symbol_json(d, s));
    return list;
  }
  if (method == "textDocument/formatting") {
    const Document& d = document(params);
    const FormatResult formatted = format_source(std::make_shared<const SourceFile>(d.path(), d.text()));
    if (!formatted.text) throw RpcError(kRequestFailed, std::string(tr("the file has syntax errors; it is formatted once they are fixed")));
    if (*formatted.text == d.text()) return json::array();
    const Range all{{0, 0}, d.position(static_cast<std::uint32_t>(d.text().size()))};
    return json::array({{{"range", range_json(all)}, {"newText", *formatted.text}}});
  }
  if (method == "textDocument/codeAction") {
    const Document& d = document(params);
    const json wanted = field<json>(params, "range");
    const Range range{{field<std::uint32_t>(field<json>(wanted, "start"), "line"), field<std::uint32_t>(field<json>(wanted, "start"), "character")},
                      {field<std::uint32_t>(field<json>(wanted, "end"), "line"), field<std::uint32_t>(field<json>(wanted, "end"), "character")}};
    const json uri = field<json>(params, "textDocument")["uri"];
    json actions = json::array();
    for (const Diagnostic& diagnostic : d.diagnostics().items()) {
      if (!d.here(diagnostic.location) || !overlaps(d.range(*diagnostic.location.span), range)) continue;
      const std::optional<Fix> f = fix(d, diagnostic);
      if (!f) continue;
      json edit = {{"range", range_json(d.range(f->span))}, {"newText", f->replacement}};
      actions.push_back({{"title", f->title},
                         {"kind", "quickfix"},
                         {"isPreferred", true},
                         {"diagnostics", json::array({diagnostic_json(d, diagnostic)})},
                         {"edit", {{"changes", {{uri.get<std::string>(), json::array({edit})}}}}}});
    }
    return actions;
  }
  throw RpcError(kMethodNotFound, "no method " + method);
}

void LanguageServer::notification(const std::string& method, const json& params, std::vector<json>& out) {
  if (method == "exit") {
    exited_ = true;
    return;
  }
  if (!initialized_ || shutdown_) return;  // notifications before initialize are dropped
  if (method == "textDocument/didOpen") {
    const json item = field<json>(params, "textDocument");
    open(field<std::string>(item, "uri"), field<std::string>(item, "text"), out);
  } else if (method == "textDocument/didChange") {
    const std::string uri = field<std::string>(field<json>(params, "textDocument"), "uri");
    const json changes = field<json>(params, "contentChanges");
    if (!changes.is_array() || changes.empty()) return;
    // Full synchronisation: the last change holds the whole text.
    open(uri, field<std::string>(changes.back(), "text"), out);
  } else if (method == "textDocument/didClose") {
    const std::string uri = field<std::string>(field<json>(params, "textDocument"), "uri");
    documents_.erase(uri);
    out.push_back({{"jsonrpc", "2.0"},
                   {"method", "textDocument/publishDiagnostics"},
                   {"params", {{"uri", uri}, {"diagnostics", json::array()}}}});
  }
}

void LanguageServer::open(const std::string& uri, std::string text, std::vector<json>& out) {
  auto document = std::make_unique<Document>(path_of_uri(uri), std::move(text));
  json list = json::array();
  for (const Diagnostic& d : document->diagnostics().items()) list.push_back(diagnostic_json(*document, d));
  documents_[uri] = std::move(document);
  out.push_back({{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", {{"uri", uri}, {"diagnostics", list}}}});
}

const Document& LanguageServer::document(const json& params) const {
  const std::string uri = field<std::string>(field<json>(params, "textDocument"), "uri");
  const auto it = documents_.find(uri);
  if (it == documents_.end()) throw RpcError(kInvalidParams, "the document " + uri + " is not open");
  return *it->second;
}

int serve_language(std::istream& in, std::ostream& out) {
  LanguageServer server;
  const auto send = [&](const json& message) {
    // Text from the document (a name in a message) may not be UTF-8: shown as U+FFFD.
    const std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
    out << "Content-Length: " << body.size() << "\r\n\r\n" << body << std::flush;
  };
  while (!server.exited()) {
    std::optional<std::size_t> length;
    bool bad_header = false;
    std::string line;
    bool any = false;
    while (std::getline(in, line)) {
      any = true;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) break;
      const std::string name = "content-length:";
      std::string lower = line.substr(0, std::min(line.size(), name.size()));
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower != name) continue;  // Content-Type, or anything else: not needed
      // Digits only: stoull would read "-1" as a huge length and wait for bytes never sent.
      const std::string value = line.substr(line.find_first_not_of(' ', name.size()) == std::string::npos
                                                ? line.size()
                                                : line.find_first_not_of(' ', name.size()));
      if (value.empty() || value.size() > 12 || value.find_first_not_of("0123456789") != std::string::npos) {
        bad_header = true;
      } else {
        length = static_cast<std::size_t>(std::stoull(value));
      }
    }
    if (!any || !in) return server.exit_code();  // the client went away
    if (bad_header || !length) {
      send(error_response(nullptr, kParseError, "a frame without a valid Content-Length header"));
      continue;
    }
    if (*length > kMaxFrame) {
      send(error_response(nullptr, kInvalidRequest, "the message is larger than 64 MiB"));
      in.ignore(static_cast<std::streamsize>(*length));
      continue;
    }
    std::string body(*length, '\0');
    in.read(body.data(), static_cast<std::streamsize>(*length));
    if (static_cast<std::size_t>(in.gcount()) != *length) return server.exit_code();
    std::vector<json> replies;
    server.handle(body, replies);
    for (const json& reply : replies) send(reply);
  }
  return server.exit_code();
}

}  // namespace rubric::studio
