// The library's entry points (include/rubric/rubric.hpp): source -> parse -> check, and facts.
#include <fstream>
#include <sstream>

#include "dsl/parser.hpp"
#include "interpreter/checker.hpp"
#include "rubric/rubric.hpp"

namespace rubric {

LoadedRuleset load_ruleset_source(const std::string& path, std::string text) {
  LoadedRuleset loaded;
  auto source = std::make_shared<const SourceFile>(path, std::move(text));
  ParseResult parsed = parse(source);
  loaded.diagnostics = std::move(parsed.diagnostics);
  if (!parsed.ruleset) return loaded;
  loaded.diagnostics.append(check(*parsed.ruleset, parsed.skipped));
  if (!loaded.diagnostics.has_errors()) loaded.ruleset = std::move(parsed.ruleset);
  return loaded;
}

namespace {

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return !in.bad();
}

}  // namespace

LoadedRuleset load_ruleset(const std::string& path) {
  std::string text;
  if (!read_file(path, text)) {
    LoadedRuleset loaded;
    loaded.diagnostics.error("E0014", Location::in_json(path, ""), "cannot read the file")
        .help = "check the path and its permissions";
    return loaded;
  }
  return load_ruleset_source(path, std::move(text));
}

FactsResult read_facts(const ast::Ruleset& ruleset, const std::string& path) {
  std::string text;
  if (!read_file(path, text)) {
    FactsResult result;
    result.diagnostics.error("E0014", Location::in_json(path, ""), "cannot read the file")
        .help = "check the path and its permissions";
    return result;
  }
  return load_facts(ruleset, text, path);
}

}  // namespace rubric
