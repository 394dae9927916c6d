// What every store shares: roles by name, the time as kept, and which store a DATABASE names.
#include "server/store.hpp"

#include <algorithm>
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

bool is_postgres_uri(std::string_view database) {
  return database.starts_with("postgresql://") || database.starts_with("postgres://");
}

std::unique_ptr<Store> open_store(const std::string& database, bool create) {
  return is_postgres_uri(database) ? open_postgres_store(database, create) : open_sqlite_store(database, create);
}

std::string printable_database(std::string_view database) {
  if (!is_postgres_uri(database)) return std::string(database);
  std::string out(database);
  // postgresql://user:secret@host/db: the password is what follows the first ':' of the user
  // part, which ends at the last '@' before the path.
  const std::size_t start = out.find("://") + 3;
  const std::size_t end = std::min(out.find_first_of("/?", start), out.size());
  const std::size_t at = out.rfind('@', end);
  if (at != std::string::npos && at >= start) {
    const std::size_t colon = out.find(':', start);
    if (colon < at) out.replace(colon + 1, at - colon - 1, "***");
  }
  // …?password=secret&…
  for (std::size_t p = out.find("password=", start); p != std::string::npos; p = out.find("password=", p + 1)) {
    if (out[p - 1] != '?' && out[p - 1] != '&') continue;
    const std::size_t value = p + 9;
    out.replace(value, std::min(out.find('&', value), out.size()) - value, "***");
  }
  return out;
}

}  // namespace rubric::server
