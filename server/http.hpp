// rubric serve's HTTP side: cpp-httplib (Debian's libcpp-httplib-dev) in front of the Service.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "server/service.hpp"

namespace rubric::server {

struct HttpOptions {
  std::string host = "127.0.0.1";  // localhost unless told otherwise
  int port = 8080;                 // 0: any free port
  std::size_t max_body = 4 * 1024 * 1024;  // larger requests get 413
  bool log = true;                 // one line per request on standard error
  std::size_t threads = 64;        // connections served at once (each kept-alive one holds one)
};

// Serves [service] until SIGTERM or SIGINT, then answers the requests in flight and returns 0.
// [listening] is called with the address once the port is bound. When the address cannot be
// bound, returns 1 with the reason in [error].
int serve_http(Service& service, const HttpOptions& options, const std::function<void(const std::string&)>& listening,
               std::string& error);

}  // namespace rubric::server
