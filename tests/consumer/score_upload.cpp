// What a portal does with Rubric, through the installed package only (<rubric/rubric.hpp>): a
// ruleset and an upload held in memory, scored, and the results rendered to memory as JSON, HTML
// and XLSX; then a stream of departments scored one at a time. Exits 0 when everything agrees
// with what `rubric score` says for the same files (95.99, 优 for the court's 2023 facts).
#include <rubric/rubric.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace {

std::string slurp(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: score_upload RULESET FACTS\n";
    return 2;
  }
  // A ruleset from memory: the text, and the name its diagnostics use.
  const rubric::LoadedRuleset loaded = rubric::load_ruleset_source("2023.rubric", slurp(argv[1]));
  if (!loaded.ok()) {
    std::cerr << rubric::render(loaded.diagnostics);
    return 1;
  }
  const rubric::ast::Ruleset& ruleset = *loaded.ruleset;

  // An upload from memory: the facts as JSON text.
  const std::string upload = slurp(argv[2]);
  const rubric::FactsResult facts = rubric::load_facts(ruleset, upload, "upload.json");
  if (!facts.facts) {
    std::cerr << rubric::render(facts.diagnostics);
    return 1;
  }
  const rubric::Evaluation evaluation = rubric::evaluate(ruleset, *facts.facts);
  std::cout << evaluation.department << ": " << evaluation.total->to_string() << " " << evaluation.grade << "\n";

  // Every format to memory.
  const std::string json = rubric::render_score_json({{"upload.json", &ruleset, evaluation, evaluation.diagnostics}});
  const rubric::report::OfficialTable table = rubric::report::build_official_table(ruleset, evaluation, &*facts.facts);
  const std::string html = rubric::report::render_html(table);
  const std::string xlsx = rubric::report::render_xlsx(table);
  std::cout << "json " << json.size() << " bytes, html " << html.size() << " bytes, xlsx " << xlsx.size() << " bytes\n";
  const bool formats = json.find("\"total\": 95.99") != std::string::npos && html.find("95.99") != std::string::npos &&
                       xlsx.rfind("PK", 0) == 0;

  // A stream of departments, one document at a time, each a JSON Lines row.
  rubric::RowScorer scorer(ruleset);
  std::size_t scored = 0;
  for (std::size_t row = 1; row <= 3; ++row) {
    const rubric::batch::RowResult& result = scorer.score(upload, row);
    std::cout << "row " << row << ": " << (result.total ? result.total->to_string() : "—") << "\n";
    if (scorer.json_row(result).find("\"total\":95.99") == std::string::npos) return 1;
    if (result.total && result.total->to_string() == "95.99") ++scored;
  }
  const rubric::batch::RowResult& refused = scorer.score(R"({"department": "某局", "year": 2023, "facts": {}})", 4);
  const bool refusal_said = !refused.total && !refused.problems.empty() && refused.problems.front().code == "E0602";

  const bool ok = evaluation.total->to_string() == "95.99" && evaluation.grade == "优" && formats && scored == 3 &&
                  refusal_said;
  std::cout << (ok ? "ok" : "MISMATCH") << "\n";
  return ok ? 0 : 1;
}
