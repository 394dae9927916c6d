// Dates; see date.hpp.
#include "base/date.hpp"

#include <fmt/format.h>

#include "base/messages.hpp"

namespace rubric {

// The algorithms of Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms".
std::int64_t days_from_civil(int year, unsigned month, unsigned day) noexcept {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0)), m, d};
}

namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

bool digits(std::string_view s) {
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int number(std::string_view s) {
  int n = 0;
  for (const char c : s) n = n * 10 + (c - '0');
  return n;
}

// The shape YYYY-MM-DD, before the numbers are checked.
bool iso_shape(std::string_view t) {
  return t.size() == 10 && t[4] == '-' && t[7] == '-' && digits(t.substr(0, 4)) && digits(t.substr(5, 2)) &&
         digits(t.substr(8, 2));
}

}  // namespace

std::optional<std::int64_t> parse_date(std::string_view t) noexcept {
  if (!iso_shape(t)) return std::nullopt;
  const int y = number(t.substr(0, 4));
  const auto m = static_cast<unsigned>(number(t.substr(5, 2)));
  const auto d = static_cast<unsigned>(number(t.substr(8, 2)));
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return days_from_civil(y, m, d);
}

std::string date_problem(std::string_view t) {
  if (!iso_shape(t)) return "write dates as 2024-02-09 (年-月-日, with a four-digit year and two-digit month and day)";
  const int y = number(t.substr(0, 4));
  const auto m = static_cast<unsigned>(number(t.substr(5, 2)));
  const auto d = static_cast<unsigned>(number(t.substr(8, 2)));
  if (y < 1900 || y > 2200) return tr_format("the year {} is out of range (1900–2200)", y);
  if (m < 1 || m > 12) return tr_format("month {} does not exist", m);
  if (d < 1 || d > days_in_month(y, m)) return tr_format("{}-{:02} has no day {}", y, m, d);
  return "";
}

std::string format_date(std::int64_t days) {
  const CivilDate c = civil_from_days(days);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

int weekday(std::int64_t days) noexcept {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const std::int64_t w = (days + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

bool WorkCalendar::covers(std::int64_t day) const { return years.count(civil_from_days(day).year) != 0; }

bool WorkCalendar::is_working_day(std::int64_t day) const {
  if (workdays.count(day) != 0) return true;
  if (holidays.count(day) != 0) return false;
  return weekday(day) < 5;
}

std::optional<std::int64_t> WorkCalendar::working_days(std::int64_t from, std::int64_t to) const {
  const bool backwards = to < from;
  const std::int64_t lo = backwards ? to : from;
  const std::int64_t hi = backwards ? from : to;
  std::int64_t count = 0;
  for (std::int64_t day = lo + 1; day <= hi; ++day) {
    if (!covers(day)) return std::nullopt;
    if (is_working_day(day)) ++count;
  }
  return backwards ? -count : count;
}

}  // namespace rubric
