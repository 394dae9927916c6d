// Ruleset selection by year; see scheme.hpp.
#include "interpreter/scheme.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <optional>

#include "dsl/parser.hpp"

namespace rubric {

std::vector<SchemeRuleset> list_scheme(const std::string& folder, Diagnostics& diagnostics) {
  namespace fs = std::filesystem;
  std::vector<SchemeRuleset> out;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    diagnostics.error("E0801", Location::in_json(folder, ""), "no such scheme folder")
        .help = "a scheme is a folder of rulesets, e.g. rulesets/guangzhou";
    return out;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && entry.path().extension() == ".rubric" &&
        name.find(".test.rubric") == std::string::npos) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    SourcePtr source;
    try {
      source = SourceFile::read(file.string());
    } catch (const std::exception& e) {
      diagnostics.error("E0014", Location::in_json(file.string(), ""), "cannot read the file");
      continue;
    }
    ParseResult parsed = parse(source);
    if (!parsed.ruleset || parsed.ruleset->year == 0) {
      diagnostics.error("E0802", Location::in_json(file.string(), ""), "cannot read the ruleset's year from its header")
          .help = fmt::format("run 'rubric check {}'", file.string());
      continue;
    }
    for (const SchemeRuleset& seen : out) {
      if (seen.year == parsed.ruleset->year) {
        diagnostics.error("E0803", Location::in_json(file.string(), ""),
                          fmt::format("{} is also the year of {}: a scheme has one ruleset per year",
                                      seen.year, seen.path));
      }
    }
    out.push_back({parsed.ruleset->year, parsed.ruleset->scheme, file.string()});
  }
  std::sort(out.begin(), out.end(), [](const SchemeRuleset& a, const SchemeRuleset& b) { return a.year < b.year; });
  return out;
}

const SchemeRuleset* applicable_ruleset(const std::vector<SchemeRuleset>& rulesets, int year) {
  const SchemeRuleset* best = nullptr;
  for (const SchemeRuleset& r : rulesets) {
    if (r.year <= year) best = &r;
  }
  return best;
}

std::string years_covered(const std::vector<SchemeRuleset>& rulesets, const SchemeRuleset& ruleset) {
  // Up to the year before the next ruleset of a later year: a draft beside the ruleset of its
  // own year (two files of one year) covers the same years, not "2023–2022".
  std::optional<int> next;
  for (const SchemeRuleset& r : rulesets) {
    if (r.year > ruleset.year && (!next || r.year < *next)) next = r.year;
  }
  if (!next) return fmt::format("{} on", ruleset.year);
  const int last = *next - 1;
  return last == ruleset.year ? std::to_string(ruleset.year) : fmt::format("{}–{}", ruleset.year, last);
}

bool covers(const std::vector<SchemeRuleset>& rulesets, const SchemeRuleset& ruleset, int year) {
  if (year < ruleset.year) return false;
  return std::none_of(rulesets.begin(), rulesets.end(),
                      [&](const SchemeRuleset& r) { return r.year > ruleset.year && r.year <= year; });
}

}  // namespace rubric
