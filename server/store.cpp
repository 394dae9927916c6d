// What every store shares: roles by name, and the time as kept.
#include "server/store.hpp"

#include <chrono>
#include <ctime>

namespace rubric::server {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::Admin:
      return "admin";
    case Role::Viewer:
      return "viewer";
    case Role::Officer:
      return "officer";
  }
  return "officer";
}

std::optional<Role> parse_role(std::string_view name) {
  if (name == "admin") return Role::Admin;
  if (name == "viewer") return Role::Viewer;
  if (name == "officer") return Role::Officer;
  return std::nullopt;
}

std::string timestamp_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

}  // namespace rubric::server
