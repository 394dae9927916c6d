// Dates: a day of the (proleptic Gregorian) calendar, held as the number of days since
// 1970-01-01, so that comparing two dates compares two whole numbers and a later date minus an
// earlier one is the number of days between them. Written and read only as ISO 8601 calendar
// dates, "2024-02-09" (年-月-日): "2024/2/9", "02/09/2024" and "9.2.2024" mean different days in
// different places, and a date that is misread is a silently wrong score.
//
// A working-day calendar (工作日) is data, not code: the ruleset lists the years it covers, the
// holidays (节假日) and the weekend days worked instead (调休上班); a day outside the covered years
// is never guessed at.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace rubric {

// Days since 1970-01-01 of the calendar date year-month-day (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(int year, unsigned month, unsigned day) noexcept;

struct CivilDate {
  int year;
  unsigned month;
  unsigned day;
};
CivilDate civil_from_days(std::int64_t days) noexcept;

// "2024-02-09" → its day number; nullopt unless [text] is exactly YYYY-MM-DD with a month 01–12
// and a day that exists in that month (2023-02-29 does not), years 1900–2200.
std::optional<std::int64_t> parse_date(std::string_view text) noexcept;

// Why [text] is not a date, for a message: "month 13 does not exist", "2023 has no 29 February",
// "write dates as 2024-02-09 (年-月-日)".
std::string date_problem(std::string_view text);

// The day number as "2024-02-09".
std::string format_date(std::int64_t days);

// 0 Monday … 6 Sunday.
int weekday(std::int64_t days) noexcept;

struct WorkCalendar {
  std::set<int> years;                // the years the calendar covers
  std::set<std::int64_t> holidays;    // days off that would be working days (节假日)
  std::set<std::int64_t> workdays;    // weekend days worked (调休上班)

  bool covers(std::int64_t day) const;
  bool is_working_day(std::int64_t day) const;  // covers(day) must hold
  // The working days after [from] up to and including [to] (so from a notice received on
  // [from], the day [to] is its N-th working day); negative when [to] is before [from]. nullopt
  // when a day of the span is in a year the calendar does not cover.
  std::optional<std::int64_t> working_days(std::int64_t from, std::int64_t to) const;
};

}  // namespace rubric
