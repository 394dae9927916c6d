// Dates and working days (docs/language.md, "Dates and working days"): the calendar arithmetic,
// the one way a date is read from facts and CSV cells, the compiled plan and extends.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/date.hpp"
#include "dsl/format.hpp"
#include "interpreter/batch/batch.hpp"
#include "interpreter/eval/plan.hpp"
#include "interpreter/tools/diff.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

namespace fs = std::filesystem;

TEST(Dates, DayNumbersRoundTripAndKnowTheirWeekday) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(*parse_date("2024-02-29") - *parse_date("2024-02-28"), 1);
  EXPECT_EQ(*parse_date("2025-01-01") - *parse_date("2024-01-01"), 366);
  for (std::int64_t d = days_from_civil(1900, 1, 1); d <= days_from_civil(2200, 12, 31); d += 37) {
    EXPECT_EQ(parse_date(format_date(d)), d);
  }
  EXPECT_EQ(weekday(*parse_date("2024-02-10")), 5);  // a Saturday
  EXPECT_EQ(weekday(*parse_date("1969-12-31")), 2);  // a Wednesday, before day 0
}

TEST(Dates, OnlyIsoDatesThatExistAreRead) {
  for (const char* bad : {"2024/02/09", "2024-2-9", "20240209", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31",
                          " 2024-02-09", "2024-02-09T00:00", "1899-12-31", "2201-01-01", "２０２４-02-09"}) {
    EXPECT_FALSE(parse_date(bad)) << bad;
    EXPECT_FALSE(date_problem(bad).empty()) << bad;
  }
  EXPECT_EQ(date_problem("2023-02-29"), "2023-02 has no day 29");
  EXPECT_EQ(date_problem("2024/2/9"), "write dates as 2024-02-09 (年-月-日, with a four-digit year and two-digit month and day)");
}

TEST(Dates, WorkingDaysCountHolidaysAndWeekendDaysWorked) {
  WorkCalendar cal;
  cal.years = {2024};
  for (std::int64_t d = *parse_date("2024-02-10"); d <= *parse_date("2024-02-17"); ++d) cal.holidays.insert(d);
  cal.workdays = {*parse_date("2024-02-04"), *parse_date("2024-02-18")};
  const auto wd = [&](const char* a, const char* b) { return cal.working_days(*parse_date(a), *parse_date(b)); };
  EXPECT_EQ(wd("2024-02-01", "2024-03-01"), 18);
  EXPECT_EQ(wd("2024-03-01", "2024-02-01"), -18);
  EXPECT_EQ(wd("2024-02-09", "2024-02-18"), 1);  // the whole holiday, then the Sunday worked
  EXPECT_EQ(wd("2024-05-06", "2024-05-06"), 0);
  EXPECT_EQ(wd("2023-12-31", "2024-01-01"), 1);  // the day counted from is not counted
  EXPECT_FALSE(wd("2024-12-31", "2025-01-02"));   // 2025 is not covered: no guess
  EXPECT_FALSE(wd("2023-12-30", "2024-01-02"));
}

const std::string kRuleset = R"(ruleset "t" scheme test year 2024
facts {
  funds : list of { amount: money, issued_on: date } "专项资金"
  received_on : date "收到批复日期"
  published_on : date "公开日期" default 2024-12-31
}
calendar 2024 {
  holiday 2024-02-10 to 2024-02-17
  workday 2024-02-04
  workday 2024-02-18
}
section 管理 points 10 {
  indicator 下达及时性 points 6 {
    score when sum(f in funds where f.issued_on <= 2024-06-30: f.amount) >= sum(f in funds: f.amount) -> points otherwise 0
  }
  indicator 公开及时性 points 4 {
    score when working_days(received_on, published_on) <= 20 -> points otherwise 0
  }
}
grade { 优 >= 9; 差 otherwise }
)";

TEST(Dates, FactsRefuseWhatCouldBeAnotherDay) {
  const auto rs = load_ok(kRuleset);
  ASSERT_TRUE(rs);
  const Scored ok = score(rs, R"({"funds": [{"amount": 1, "issued_on": "2024-06-30"}], "received_on": "2024-02-01",
                                 "published_on": "2024-03-01"})");
  ASSERT_TRUE(ok.evaluation.total) << ok.errors;
  EXPECT_EQ(*ok.evaluation.total, dec("10"));
  EXPECT_NE(ok.evaluation.nodes[0].children[1].basis.find("2024-02-01 至公开日期 2024-03-01 的工作日 18 天"), std::string::npos)
      << ok.evaluation.nodes[0].children[1].basis;
  const Scored slash = score(rs, R"({"funds": [{"amount": 1, "issued_on": "2024/6/30"}], "received_on": 20240201})");
  EXPECT_NE(slash.errors.find("facts.funds[0].issued_on: error: \"2024/6/30\" is not a date: write dates as 2024-02-09"),
            std::string::npos)
      << slash.errors;
  EXPECT_NE(slash.errors.find("facts.received_on: error: expected a date such as \"2024-02-09\", found the number 20240201"),
            std::string::npos)
      << slash.errors;
  const Scored leap = score(rs, R"({"funds": [], "received_on": "2023-02-29"})");
  EXPECT_NE(leap.errors.find("\"2023-02-29\" is not a date: 2023-02 has no day 29 [E0603]"), std::string::npos) << leap.errors;
  // Past the calendar: the indicator is not scored, the other is.
  const Scored outside = score(rs, R"({"funds": [], "received_on": "2024-12-30", "published_on": "2025-01-02"})");
  EXPECT_FALSE(outside.evaluation.total);
  EXPECT_NE(outside.errors.find("the ruleset's calendar has no working days of 2025 (it covers 2024): cannot count from "
                                "2024-12-30 to 2025-01-02 [E0717]"),
            std::string::npos)
      << outside.errors;
}

TEST(Dates, TheCompiledPlanCountsWorkingDaysAsTheTreeDoes) {
  const auto rs = load_ok(kRuleset);
  ASSERT_TRUE(rs);
  const Plan plan(*rs);
  EXPECT_EQ(plan.fallbacks(), 0u);
  for (const char* published : {"2024-02-01", "2024-03-01", "2024-03-05", "2024-03-06", "2025-01-02"}) {
    const std::string doc = std::string(R"({"department": "d", "year": 2024, "facts": {"funds": [], "received_on": "2024-02-01", "published_on": ")") +
                            published + "\"}}";
    FactsResult facts = load_facts(*rs, doc, "f.json");
    ASSERT_TRUE(facts.facts) << render(facts.diagnostics, false);
    PlanResult tree;
    read_evaluation(*rs, evaluate(*rs, *facts.facts), tree);
    const PlanResult planned = plan.evaluate(*facts.facts);
    EXPECT_EQ(planned.total, tree.total) << published;
    EXPECT_EQ(planned.scores, tree.scores) << published;
    EXPECT_EQ(planned.errors, tree.errors) << published;
  }
}

TEST(Dates, BatchCellsAreReadAsFactsFilesAreAndASerialNumberIsNamed) {
  const auto rs = load_ok(kRuleset);
  const fs::path dir = fs::temp_directory_path() / ("rubric_dates_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "in.csv") << "id,department,year,funds.1.amount,funds.1.issued_on,received_on,published_on\n"
                                   "D1,甲,2024,10,2024-06-30,2024-02-01,2024-03-01\n"
                                   "D2,乙,2024,10,45473,2024-02-01,2024-03-01\n"
                                   "D3,丙,2024,10,2024/6/30,2024-02-01,2024-03-01\n";
  BatchOptions options;
  options.input = (dir / "in.csv").string();
  options.output = (dir / "out.csv").string();
  options.jobs = 1;
  run_batch(*rs, options);
  const std::string out = read_text((dir / "out.csv").string());
  fs::remove_all(dir);
  EXPECT_NE(out.find("1,D1,甲,10.00,优,6.00,4.00,\n"), std::string::npos) << out;
  EXPECT_NE(out.find("expected a date, found 45473: a spreadsheet's number for a day"), std::string::npos) << out;
  EXPECT_NE(out.find("expected a date such as 2024-02-09, found \"\"2024/6/30\"\""), std::string::npos) << out;
}

TEST(Dates, AnExtendingRulesetAddsNextYearsCalendar) {
  const fs::path dir = fs::temp_directory_path() / ("rubric_dates_ext_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "2024.rubric") << kRuleset;
  std::ofstream(dir / "2025.rubric") << "ruleset \"t\" scheme test year 2025 extends \"2024.rubric\"\n"
                                        "calendar 2025 {\n  holiday 2025-01-01\n}\n";
  const LoadedRuleset loaded = load_ruleset((dir / "2025.rubric").string());
  fs::remove_all(dir);
  ASSERT_TRUE(loaded.ok()) << render(loaded.diagnostics, false);
  EXPECT_EQ(loaded.ruleset->work_calendar.years, (std::set<int>{2024, 2025}));
  EXPECT_EQ(loaded.ruleset->work_calendar.working_days(*parse_date("2024-12-31"), *parse_date("2025-01-02")), 1);
}

TEST(Dates, DiffNamesTheDaysACalendarChanged) {
  const auto before = load_ok(kRuleset);
  std::string text = kRuleset;
  text.replace(text.find("  workday 2024-02-18\n"), 20, "  holiday 2024-04-04 to 2024-04-06\n");
  const auto after = load_ok(text);
  ASSERT_TRUE(before && after);
  const std::vector<DiffEntry> changes = diff_rulesets(*before, *after);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].summary,
            "the calendar of 2024 changed: holidays added: 2024-04-04, 2024-04-05, 2024-04-06; workdays removed: 2024-02-18");
}

TEST(Dates, FormatKeepsDatesAndCalendars) {
  const std::string messy = "ruleset \"t\" scheme test year 2024\nfacts { d : date }\ncalendar 2024 {\n"
                            "holiday   2024-02-10 to   2024-02-17 # 春节\n  workday 2024-02-04\n}\n"
                            "indicator A points 1 { score when d<=2024-06-30 -> 1 otherwise 0 }\n";
  const FormatResult r = format_source(std::make_shared<SourceFile>("d.rubric", messy));
  ASSERT_TRUE(r.text) << render(r.diagnostics, false);
  EXPECT_NE(r.text->find("calendar 2024 {\n  holiday 2024-02-10 to 2024-02-17  # 春节\n  workday 2024-02-04\n}\n"),
            std::string::npos)
      << *r.text;
  EXPECT_NE(r.text->find("score when d <= 2024-06-30 -> 1 otherwise 0"), std::string::npos) << *r.text;
}

}  // namespace
}  // namespace rubric::testing
