// Dates and the working-day calendar (docs/language.md, "Dates and working days"): what a date
// may meet in an expression, `working_days(FROM, TO)`, and the `calendar` blocks.
#include <fmt/format.h>

#include "interpreter/check/checker_internal.hpp"
#include "base/messages.hpp"

namespace rubric::checking {

namespace {

const TypeRefPtr kDate = simple(TypeKind::Date);

constexpr const char* kWhatDatesDo =
    tr_later("a date is compared with another date (<, <=, ==), and a date minus a date is the days between them; "
             "working_days(from, to) counts working days");

}  // namespace

TypeRefPtr date_type() { return kDate; }

// A binary operation with a date on at least one side (binary() sends it here).
TypeRefPtr Checker::date_binary(ast::Expr& e, ast::Binary& b, const TypeRefPtr& lt, const TypeRefPtr& rt) {
  using Op = ast::BinaryOp;
  const std::string op(ast::to_string(b.op));
  const bool both = lt->kind == TypeKind::Date && rt->kind == TypeKind::Date;
  const bool comparison = b.op == Op::Eq || b.op == Op::Ne || b.op == Op::Lt || b.op == Op::Le || b.op == Op::Gt ||
                          b.op == Op::Ge;
  if (unknown(lt) || unknown(rt)) return comparison ? kBool : kUnknown;
  if (comparison) {
    if (!both) {
      error("E0302", e.span, tr_format("cannot compare {} with {}", type_name(lt), type_name(rt))).help =
          std::string(tr("compare a date with a date, written 2024-02-10 (年-月-日)"));
    }
    return kBool;
  }
  if (b.op == Op::Sub && both) return kCount;  // the days between them
  auto& d = error("E0301", e.span,
                  tr_format("'{}' cannot take a date: {} with {}", op, type_name(lt), type_name(rt)));
  d.help = b.op == Op::Add || b.op == Op::Sub
               ? std::string(tr("to test a deadline, compare the dates (issued_on <= 2024-06-30); to count days, subtract one date "
                 "from another (issued_on - received_on)"))
               : std::string(tr(kWhatDatesDo));
  return kUnknown;
}

// `working_days(FROM, TO)`: the working days after FROM up to TO, counted with the ruleset's
// calendar; a ruleset without one cannot count them.
TypeRefPtr Checker::working_days_call(ast::Expr& e, ast::Call& c, const std::vector<TypeRefPtr>& args) {
  if (c.args.size() != 2) {
    arity_error(e, c, 2, 2).help = std::string(tr("working_days(from, to) counts the working days after 'from' up to 'to'"));
    return kCount;
  }
  for (std::size_t i = 0; i < 2; ++i) {
    if (!unknown(args[i]) && args[i]->kind != TypeKind::Date) {
      error("E0301", c.args[i]->span,
            tr_format("the {} argument of 'working_days' must be a date, but this is {}", tr(i == 0 ? tr_later("first") : tr_later("second")),
                        type_name(args[i])))
          .help = std::string(tr("working_days(received_on, issued_on): two dates, such as facts of type date or 2024-02-10"));
    }
  }
  if (rs_.calendars.empty()) {
    error("E0313", c.callee_span, std::string(tr("'working_days' needs the ruleset's calendar of working days, and it has none")))
        .help = std::string(tr("add a calendar for each year it counts, e.g. calendar 2024 { holiday 2024-02-10 to 2024-02-17  "
                "workday 2024-02-04 }"));
  }
  c.working_days = true;
  return kCount;
}

// The `calendar YEAR { … }` blocks, into rs_.work_calendar: each year once, each entry in its
// year, a holiday on a weekday and a workday on a weekend (E0106).
void Checker::calendars() {
  for (const ast::Calendar& cal : rs_.calendars) {
    if (!rs_.work_calendar.years.insert(cal.year).second) {
      error("E0106", cal.year_span, tr_format("the calendar of {} is written twice", cal.year)).help =
          std::string(tr("write each year's holidays and workdays in one calendar block"));
      continue;
    }
    for (const ast::CalendarEntry& entry : cal.entries) {
      const char* what = entry.holiday ? tr_later("holiday") : tr_later("workday");
      if (entry.to < entry.from) {
        error("E0106", entry.span, tr_format("the {} ends before it begins", tr(what))).help =
            std::string(tr("write the first day, then 'to' and the last day"));
        continue;
      }
      if (civil_from_days(entry.from).year != cal.year || civil_from_days(entry.to).year != cal.year) {
        error("E0106", entry.span, tr_format("the {} is not in {}, the calendar's year", what, cal.year)).help =
            tr_format("write it in the calendar of its year, or check the year of the date");
        continue;
      }
      for (std::int64_t day = entry.from; day <= entry.to; ++day) {
        const bool weekend = weekday(day) >= 5;
        auto& into = entry.holiday ? rs_.work_calendar.holidays : rs_.work_calendar.workdays;
        auto& other = entry.holiday ? rs_.work_calendar.workdays : rs_.work_calendar.holidays;
        if (!entry.holiday && !weekend) {
          error("E0106", entry.span, tr_format("{} is a weekday: a workday (调休上班) is a weekend day worked",
                                                 format_date(day)))
              .help = std::string(tr("list only the Saturdays and Sundays that are worked; weekdays are working days already"));
          break;
        }
        if (other.count(day) != 0) {
          error("E0106", entry.span, tr_format("{} is both a holiday and a workday", format_date(day))).help =
              std::string(tr("keep the one the official notice says"));
          break;
        }
        // A holiday that falls on a weekend is allowed: notices list the whole break (春节 2024-02-10 to 2024-02-17).
        into.insert(day);
      }
    }
  }
}

}  // namespace rubric::checking
