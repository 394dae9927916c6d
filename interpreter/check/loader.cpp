// Loading a ruleset: source -> parse -> extends -> check -> analysis; see loader.hpp.
#include <fmt/format.h>

#include <algorithm>

#include "interpreter/check/loader.hpp"
#include "base/messages.hpp"

#include "dsl/keywords.hpp"
#include "dsl/parser.hpp"
#include "interpreter/check/analysis.hpp"
#include "interpreter/check/checker.hpp"
#include "interpreter/check/extends.hpp"

namespace rubric {

namespace {

// Whether the analysis can trust a tree the checker found [checked] in. Errors in the points
// (E0402, E0404, E0405), weights (E0406) or grades (E05xx) leave every expression resolved and
// typed, so the analysis runs and reports beside them; any other error may leave names
// unresolved or types wrong, and the analysis would only add noise to it.
bool analysable(const Diagnostics& checked) {
  return std::all_of(checked.items().begin(), checked.items().end(), [](const Diagnostic& d) {
    return d.severity != Severity::Error || d.code == "E0402" || d.code == "E0404" || d.code == "E0405" ||
           d.code == "E0406" || d.code.rfind("E05", 0) == 0;
  });
}

}  // namespace

LoadedRuleset load_ruleset_source(const std::string& path, std::string text, const LoadOptions& options) {
  LoadedRuleset loaded;
  ParseResult parsed = load_tree(path, std::move(text));
  loaded.diagnostics = std::move(parsed.diagnostics);
  if (!parsed.ruleset) return loaded;
  // The words the messages quote ('score', 'otherwise') in the file's own set.
  const KeywordScope keywords(detect_keywords(parsed.ruleset->source->text()));
  Diagnostics checked = check(*parsed.ruleset, parsed.skipped);
  if (options.analyse && !loaded.diagnostics.has_errors() && parsed.skipped.empty() && analysable(checked)) {
    checked.append(analyse(*parsed.ruleset, AnalysisOptions{options.unsure, options.monotonicity}, &loaded.unsure_bounds));
  }
  // A problem found in a base file exists because of the changes the extending file made.
  const auto in_base = [&](Diagnostic& d) {
    if (parsed.ruleset->extends.empty() || !d.location.file || d.location.file == parsed.ruleset->source) return;
    d.notes.push_back({tr_format("in {} as changed by {}", d.location.file->path(), path), std::nullopt});
  };
  for (Diagnostic d : checked.items()) {
    in_base(d);
    loaded.diagnostics.add(std::move(d));
  }
  for (UnsureBound& u : loaded.unsure_bounds) {
    in_base(u.warning);
    in_base(u.note);
  }
  if (loaded.diagnostics.has_errors()) {
    loaded.unsure_bounds.clear();  // they point into the tree, which goes
  } else {
    loaded.ruleset = std::move(parsed.ruleset);
  }
  return loaded;
}

LoadedRuleset load_ruleset(const std::string& path, const LoadOptions& options) {
  InputText input = read_input(path, ReadLimit{kMaxSourceBytes, "E0012", tr_later("rulesets may be")});
  if (!input.text) {
    LoadedRuleset loaded;
    loaded.diagnostics.unreadable(path, input);
    return loaded;
  }
  return load_ruleset_source(path == "-" ? "<stdin>" : path, std::move(*input.text), options);
}


}  // namespace rubric
