// What the bureau does with a whole year: the report of every department's newest version
// (the batch report of `rubric batch --report`, from the stored submissions), and adding many
// departments at once from a spreadsheet saved as CSV.
#include <set>

#include "base/csv_reader.hpp"
#include "base/messages.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/facts.hpp"
#include "report/batch_report.hpp"
#include "server/answers.hpp"
#include "server/auth.hpp"

namespace rubric::server {

using nlohmann::ordered_json;

namespace {

// The indicators' scores of [nodes] in table order, by name.
void indicator_scores(const std::vector<NodeResult>& nodes, std::map<std::string, std::optional<Decimal>>& out) {
  for (const NodeResult& n : nodes) {
    if (n.is_section) {
      indicator_scores(n.children, out);
    } else {
      out[n.name] = n.score;
    }
  }
}

}  // namespace

Response Service::year_report(Context&, const ServedYear& year, const std::string& format) {
  report::BatchReportBuilder builder(*year.ruleset);
  BoundCrowding crowding(*year.ruleset);  // 临近档位边界的部门, from the values the tiers test
  std::size_t row = 0;
  for (const Submission& latest : store_.latest_submissions(year.year)) {
    const std::optional<Department> department = store_.department(latest.department_id);
    const std::string name = department ? department->name : std::to_string(latest.department_id);
    const std::string id = department ? department->code : "";
    ++row;
    // A version scored with another ruleset than the year's is not ranked with scores it did not
    // get: it is listed with what to do.
    if (latest.ruleset_sha256 != year.sha256) {
      builder.add(row, id, name, std::nullopt, "", std::vector<std::optional<Decimal>>(builder.indicators().size()),
                  tr_format("version {} was scored with an earlier ruleset ({}); submit it again to be ranked",
                            latest.version, latest.ruleset_sha256.substr(0, 12)));
      continue;
    }
    const std::optional<Submission> full = store_.submission(latest.department_id, year.year, latest.version);
    FactsResult read = load_facts(*year.ruleset, full->facts, std::string(tr("form")));
    std::optional<Evaluation> evaluation;
    BoundCrowding::Department tested(crowding);
    if (read.facts) {
      EvalOptions options;
      options.trace = false;
      options.every_tested = &tested;
      evaluation = evaluate(*year.ruleset, *read.facts, options);
    }
    // The stored total is what was acknowledged; a report that disagreed would be wrong.
    if (!evaluation || !evaluation->total || evaluation->total->to_string() != latest.total) {
      return error(500, "internal", tr("the stored facts no longer give the stored total; the table is not served"));
    }
    std::map<std::string, std::optional<Decimal>> by_name;
    indicator_scores(evaluation->nodes, by_name);
    std::vector<std::optional<Decimal>> scores;
    for (const std::string& indicator : builder.indicators()) scores.push_back(by_name[indicator]);
    builder.add(row, id, name, evaluation->total, evaluation->grade, scores, "");
    crowding.add(tested);
  }
  report::BatchReport report = builder.finish();
  report.crowded = crowding.finish();
  report.crowding_measured = true;
  report.crowding_partial = crowding.partial();
  Response r;
  if (format == "xlsx") {
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = report::render_batch_xlsx(report);
    r.download_name = year.scheme + "-" + std::to_string(year.year) + "-report.xlsx";
  } else {
    r.content_type = "text/html; charset=utf-8";
    r.body = report::render_batch_html(report);
  }
  return r;
}

namespace {

// The column of [header] named one of [names] (as a spreadsheet's first row writes it), or -1.
int column(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    for (const char* name : names) {
      if (header[i] == name) return static_cast<int>(i);
    }
  }
  return -1;
}

std::string cell(const std::vector<std::string>& row, int i) {
  if (i < 0 || static_cast<std::size_t>(i) >= row.size()) return "";
  std::string text = row[static_cast<std::size_t>(i)];
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.pop_back();
  while (!text.empty() && text.front() == ' ') text.erase(0, 1);
  return text;
}

}  // namespace

// POST /api/v1/departments/import: a CSV with a header row naming the columns code (or 部门代码)
// and name (or 部门名称), and login (or 账号) when an officer's account is not named by the code.
// Every row is checked before anything is added, so a file with one bad row adds nothing; the
// answer lists each officer's generated password, once.
Response Service::import_departments(Context& context) {
  std::string text = context.request.body;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // the BOM a spreadsheet writes
  const std::vector<std::vector<std::string>> records = parse_csv(text);
  Diagnostics problems;
  const auto problem = [&](std::size_t line, std::string message) {
    problems.error("E0811", Location::in_json(std::string(tr("the department list")), tr_format("line {}", line)),
                   std::move(message));
  };
  if (records.empty()) {
    problem(1, std::string(tr("the file is empty; its first row names the columns code and name")));
    return error(422, "import_refused", tr("nothing was imported"), &problems);
  }
  const std::vector<std::string>& header = records[0];
  const int code_at = column(header, {"code", "部门代码", "代码"});
  const int name_at = column(header, {"name", "部门名称", "名称", "部门"});
  const int login_at = column(header, {"login", "账号"});
  if (code_at < 0 || name_at < 0) {
    problem(1, std::string(tr("the first row must name the columns code (部门代码) and name (部门名称); login (账号) is optional")));
    return error(422, "import_refused", tr("nothing was imported"), &problems);
  }
  struct Row {
    std::string code, name, login;
  };
  std::vector<Row> rows;
  std::set<std::string> codes, logins;
  for (const Department& d : store_.departments()) codes.insert(d.code);
  for (std::size_t i = 1; i < records.size(); ++i) {
    const std::size_t line = i + 1;
    Row row{cell(records[i], code_at), cell(records[i], name_at), cell(records[i], login_at)};
    if (row.code.empty() && row.name.empty() && row.login.empty()) continue;
    if (row.login.empty()) row.login = row.code;
    if (row.code.empty() || row.name.empty()) {
      problem(line, std::string(tr("a department needs both a code and a name")));
      continue;
    }
    if (!codes.insert(row.code).second) {
      problem(line, tr_format("the code {} is taken (by a department added before, or an earlier row)", row.code));
      continue;
    }
    if (!logins.insert(row.login).second || store_.account_by_login(row.login)) {
      problem(line, tr_format("the account name {} is taken", row.login));
      continue;
    }
    rows.push_back(std::move(row));
  }
  if (problems.has_errors()) return error(422, "import_refused", tr("nothing was imported"), &problems);
  ordered_json added = ordered_json::array();
  for (const Row& row : rows) {
    Department d{0, row.code, row.name};
    d.id = store_.add_department(d);
    Account officer;
    officer.login = row.login;
    officer.name = row.name;
    officer.role = Role::Officer;
    officer.department_id = d.id;
    const std::string password = random_password();
    officer.password_hash = hash_password(password);
    store_.add_account(officer);
    ordered_json j;
    j["id"] = d.id;
    j["code"] = d.code;
    j["name"] = d.name;
    j["login"] = officer.login;
    j["password"] = password;
    added.push_back(std::move(j));
  }
  return json_response(added, 201);
}

}  // namespace rubric::server
