// cpp-httplib was chosen over Boost.Beast, Crow, Drogon and civetweb because Debian packages it
// (libcpp-httplib-dev, built as a shared library), it is small, and its thread-pool server with
// payload limits, timeouts and a stop() that lets requests in flight finish is what a service
// inside a command-line program needs; the others pull in Boost or a framework.
#include "server/http.hpp"

#include <httplib.h>
#include <pthread.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/messages.hpp"
#include "base/unicode.hpp"
#include <mutex>
#include <thread>

namespace rubric::server {

namespace {

// The value of the cookie [name] in a Cookie header ("a=1; rubric_session=…"), "" if absent.
std::string cookie_value(const std::string& header, const std::string& name) {
  std::size_t at = 0;
  while (at < header.size()) {
    while (at < header.size() && (header[at] == ' ' || header[at] == ';')) ++at;
    const std::size_t end = header.find(';', at);
    const std::string pair = header.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (pair.size() > name.size() && pair.compare(0, name.size(), name) == 0 && pair[name.size()] == '=') {
      return pair.substr(name.size() + 1);
    }
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return "";
}

// A file name in Content-Disposition, for every browser: an ASCII fallback and the UTF-8 name.
std::string disposition(const std::string& name) {
  std::string ascii;
  for (const char c : name) {
    const auto b = static_cast<unsigned char>(c);
    const bool plain = (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || c == '.' || c == '-' || c == '_';
    ascii += plain ? c : '_';
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + unicode::percent_encoded(name, ".-_");
}

void answer(Service& service, const httplib::Request& in, httplib::Response& out) {
  Request request;
  request.method = in.method;
  request.path = in.path;
  for (const auto& [key, value] : in.params) request.query[key] = value;
  request.body = in.body;
  request.session_token = cookie_value(in.get_header_value("Cookie"), Service::kCookie);
  request.csrf = in.get_header_value("X-CSRF-Token");
  const std::string authorization = in.get_header_value("Authorization");
  if (authorization.rfind("Bearer ", 0) == 0) request.bearer = authorization.substr(7);
  request.client = in.remote_addr;
  const Response response = service.handle(request);
  out.status = response.status;
  if (response.status != 204) out.set_content(response.body, response.content_type.c_str());
  for (const std::string& cookie : response.set_cookies) out.set_header("Set-Cookie", cookie);
  if (!response.download_name.empty()) out.set_header("Content-Disposition", disposition(response.download_name));
  out.set_header("X-Content-Type-Options", "nosniff");
  out.set_header("X-Frame-Options", "DENY");
  out.set_header("Referrer-Policy", "same-origin");
  out.set_header("Cache-Control", "no-store");
  out.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
}

// cpp-httplib 0.11 listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, fixed when Debian
// built the library): when more clients connect at once, the kernel drops their connections and
// they see a reset or a one-second retry. listen() again on the bound socket widens it; the
// socket is found among our descriptors as the one listening on [port].
void widen_backlog(int port) {
  for (int fd = 0; fd < 1024; ++fd) {
    int listening = 0;
    socklen_t size = sizeof listening;
    if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) != 0 || listening == 0) continue;
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) continue;
    int bound = -1;
    if (address.ss_family == AF_INET) bound = ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
    if (address.ss_family == AF_INET6) bound = ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
    if (bound == port) ::listen(fd, SOMAXCONN);
  }
}

// How the server refuses what it does not route: a chunked body before it is read, an exception,
// an HTTP error (413 over [max_body], 405, …), each as the API's JSON error in the reader's words.
void refuse_in_json(httplib::Server& server, std::size_t max_body) {
  // cpp-httplib 0.11 holds a body to the limit by its Content-Length only: a chunked body is read
  // whole, however large. None of Rubric's clients sends one, so it is refused before it is read.
  server.set_pre_routing_handler([](const httplib::Request& in, httplib::Response& out) {
    if (!in.has_header("Transfer-Encoding")) return httplib::Server::HandlerResponse::Unhandled;
    out.status = 411;
    out.set_header("Connection", "close");
    return httplib::Server::HandlerResponse::Handled;
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& out, std::exception_ptr) {
    out.status = 500;
    out.set_content(R"json({"error":{"code":"internal","message":"internal error (a bug in rubric)","diagnostics":[]}})json",
                    "application/json; charset=utf-8");
  });
  server.set_error_handler([max_body](const httplib::Request&, httplib::Response& out) {
    if (!out.body.empty()) return;
    std::string code = "http";
    std::string message = tr_format("the request was refused (HTTP {})", out.status);
    if (out.status == 413) {
      code = "too_large";
      message = tr_format("the request is too large: at most {} MB", (max_body + 1024 * 1024 - 1) / (1024 * 1024));
    } else if (out.status == 411) {
      code = "length_required";
      message = tr("the request must give its length (Content-Length); a chunked body is not accepted");
    } else if (out.status == 405) {
      code = "method";
    }
    const nlohmann::json body = {{"error", {{"code", code}, {"message", message}, {"diagnostics", nlohmann::json::array()}}}};
    out.set_content(body.dump(), "application/json; charset=utf-8");
  });
}

}  // namespace

int serve_http(Service& service, const HttpOptions& options, const std::function<void(const std::string&)>& listening,
               std::string& error) {
  // SIGTERM and SIGINT are taken by one thread that stops the server; every other thread,
  // httplib's workers included, has them blocked (the mask is inherited).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);

  httplib::Server server;
  // A connection holds a worker while it is kept alive: the pool is larger than the clients
  // expected at once, or the last ones wait for the first to be let go.
  const std::size_t threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_payload_max_length(options.max_body);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);
  server.set_keep_alive_timeout(5);
  server.set_keep_alive_max_count(1000);  // a page's client keeps its connection, not five requests
  const auto handler = [&service](const httplib::Request& in, httplib::Response& out) { answer(service, in, out); };
  server.Get(".*", handler);
  server.Post(".*", handler);
  server.Put(".*", handler);
  server.Delete(".*", handler);
  refuse_in_json(server, options.max_body);
  std::mutex log_mutex;
  if (options.log) {
    server.set_logger([&log_mutex](const httplib::Request& in, const httplib::Response& out) {
      std::lock_guard lock(log_mutex);
      std::cerr << in.remote_addr << " " << in.method << " " << in.path << " " << out.status << "\n";
    });
  }

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
  } else if (!server.bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port >= 0) widen_backlog(port);
  if (port < 0) {
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    error = "cannot listen on " + options.host + ":" + std::to_string(options.port);
    return 1;
  }

  std::thread stopper([&server, stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
  });
  const std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  listening("http://" + host + ":" + std::to_string(port) + "/");
  server.listen_after_bind();  // returns once stopped, after the workers finished what they had
  pthread_kill(stopper.native_handle(), SIGTERM);  // no-op when a signal already ended it
  stopper.join();
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return 0;
}

}  // namespace rubric::server
