// `rubric lsp`: the studio's analysis (studio/document.hpp) spoken over the Language Server
// Protocol 3.17, JSON-RPC 2.0 on standard input and output, so that VS Code, Neovim or Emacs
// show a ruleset's diagnostics as the author types, with hover, completion, go to definition,
// the indicator tree, formatting and fixes (docs/editor.md).
//
// Full text synchronisation; positions in UTF-16 code units (the protocol's default). A message
// that is not JSON, not a request, or a request with the wrong parameters gets the JSON-RPC error
// it calls for, and the server goes on; nothing a client sends stops it but `exit`.
#pragma once

#include <iosfwd>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "studio/document.hpp"

namespace rubric::studio {

class LanguageServer {
 public:
  // Handles one message, the body of one frame as sent; appends what is to be sent back (the
  // response to a request, diagnostics to publish) to [out].
  void handle(const std::string& body, std::vector<nlohmann::json>& out);

  bool exited() const { return exited_; }
  // 0 when `exit` came after `shutdown`, 1 otherwise (as the protocol says).
  int exit_code() const { return shutdown_ ? 0 : 1; }

 private:
  nlohmann::json request(const std::string& method, const nlohmann::json& params);
  void notification(const std::string& method, const nlohmann::json& params, std::vector<nlohmann::json>& out);
  void open(const std::string& uri, std::string text, std::vector<nlohmann::json>& out);
  const Document& document(const nlohmann::json& params) const;

  bool initialized_ = false;
  bool shutdown_ = false;
  bool exited_ = false;
  std::map<std::string, std::unique_ptr<Document>> documents_;  // by URI
};

// Serves [in] to [out] (Content-Length framed messages) until `exit` or the end of [in]; returns
// the exit code.
int serve_language(std::istream& in, std::ostream& out);

// The path a file: URI names ("file:///rulesets/2023%20%E8%A7%84%E5%88%99.rubric" →
// "/rulesets/2023 规则.rubric"); the URI itself for any other scheme.
std::string path_of_uri(const std::string& uri);
// The file: URI of an absolute [path], every byte but letters, digits and -._~/ percent-encoded.
std::string uri_of_path(const std::string& path);

}  // namespace rubric::studio
