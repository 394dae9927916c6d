#include "server/answers.hpp"

#include <algorithm>

#include "base/json_text.hpp"
#include "report/json.hpp"

namespace rubric::server {

using nlohmann::ordered_json;

Response json_response(const ordered_json& value, int status) {
  Response r;
  r.status = status;
  r.body = json::dump(value, -1);
  return r;
}

Response error(int status, std::string_view code, std::string_view message, const Diagnostics* diagnostics) {
  ordered_json e;
  e["code"] = code;
  e["message"] = std::string(message);
  e["diagnostics"] = diagnostics != nullptr ? json::diagnostics(*diagnostics) : ordered_json::array();
  ordered_json body;
  body["error"] = std::move(e);
  return json_response(body, status);
}

// [head] as JSON with members whose values are JSON texts kept exactly as they are (facts
// documents and score documents: their numbers must not go through binary floating point).
std::string splice(const ordered_json& head, const std::vector<std::pair<std::string, std::string>>& raw) {
  std::string out = json::dump(head, -1);
  out.pop_back();  // '}'
  for (const auto& [key, text] : raw) {
    if (out.size() > 1) out += ',';
    out += json::dump(ordered_json(key), -1) + ":" + (text.empty() ? "null" : text);
  }
  return out + "}";
}

std::optional<std::string> uploaded_name(const Request& request, const std::string& fallback) {
  const auto named = request.query.find("name");
  std::string name = named != request.query.end() ? named->second : fallback;
  // A plain file name: no folder, not hidden, no control character (a NUL would cut it short
  // when written), and short enough for any file system (255 bytes, with room for ".test").
  const bool control = std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
  if (name.empty() || name.size() > 200 || control || name.find('/') != std::string::npos ||
      name.find('\\') != std::string::npos || name[0] == '.') {
    return std::nullopt;
  }
  return name;
}

}  // namespace rubric::server
