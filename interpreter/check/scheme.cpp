// Ruleset selection by year; see scheme.hpp.
#include "interpreter/check/scheme.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>

#include "base/messages.hpp"
#include "base/unicode.hpp"
#include "dsl/parser.hpp"

namespace rubric {

namespace {

// "2023" from "2023.rubric": the year a ruleset file of a scheme is named by; nullopt for any
// other name.
std::optional<int> year_of_name(const std::string& name) {
  constexpr std::string_view kExtension = ".rubric";
  if (name.size() != 4 + kExtension.size() || name.compare(4, kExtension.size(), kExtension) != 0) return std::nullopt;
  int year = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (name[i] < '0' || name[i] > '9') return std::nullopt;
    year = year * 10 + (name[i] - '0');
  }
  return year >= 1900 ? std::optional<int>(year) : std::nullopt;
}

// The *.rubric files of a scheme's folder not named YEAR.rubric ([misnamed], sorted): each is
// an error, which says whether it competes with a ruleset of [out] for its year.
void report_misnamed(const std::vector<std::filesystem::path>& misnamed, const std::vector<SchemeRuleset>& out,
                     Diagnostics& diagnostics) {
  namespace fs = std::filesystem;
  for (const fs::path& file : misnamed) {
    const std::string name = file.filename().string();
    std::error_code type_error;
    if (!fs::is_regular_file(file, type_error)) {
      diagnostics.error("E0807", Location::in_json(file.string(), ""),
                        tr_format("'{}' is not a file, so it is not a ruleset of the scheme", name))
          .help = std::string(tr("a ruleset of a scheme is a file named YEAR.rubric; move this out of the folder"));
      continue;
    }
    // A draft or a copy that says it holds the criteria of a year: the second candidate for it.
    std::optional<int> header_year;
    try {
      const ParseResult parsed = parse(SourceFile::read(file.string()));
      if (parsed.ruleset && parsed.ruleset->year != 0) header_year = parsed.ruleset->year;
    } catch (const std::exception&) {
    }
    const auto same_year = std::find_if(out.begin(), out.end(), [&](const SchemeRuleset& r) { return header_year && r.year == *header_year; });
    if (same_year != out.end()) {
      diagnostics.error("E0803", Location::in_json(file.string(), ""),
                        tr_format("two rulesets for {}: {} and {}; a scheme has one ruleset per year, and Rubric does not "
                                    "guess which one is meant",
                                    *header_year, same_year->path, file.string()))
          .help = tr_format("move '{}' (a draft, a copy) out of the folder, or name the ruleset on the command line "
                              "instead of --scheme",
                              name);
      continue;
    }
    diagnostics.error("E0807", Location::in_json(file.string(), ""),
                      tr_format("'{}' is not named as a ruleset of a scheme (YEAR.rubric), so no year chooses it", name))
        .help = header_year ? tr_format("name it {}.rubric if it holds the criteria of {}; move it out of the folder if "
                                          "it is a draft or a copy",
                                          *header_year, *header_year)
                            : std::string(tr("a scheme's folder holds YEAR.rubric (e.g. 2023.rubric) and tests NAME.test.rubric; "
                              "rename this file, or move it out of the folder"));
  }
}

}  // namespace

std::vector<SchemeRuleset> list_scheme(const std::string& folder, Diagnostics& diagnostics) {
  namespace fs = std::filesystem;
  std::vector<SchemeRuleset> out;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    diagnostics.error("E0801", Location::in_json(folder, ""), std::string(tr("no such scheme folder")))
        .help = std::string(tr("a scheme is a folder of rulesets, e.g. rulesets/guangzhou"));
    return out;
  }
  // The naming rule (docs/language.md, "Schemes"): a ruleset is YEAR.rubric, its tests
  // YEAR.test.rubric (or any NAME.test.rubric). Any other *.rubric file — a draft, a copy, a
  // backup — is reported and never chosen: a guess there would score with criteria nobody chose.
  std::vector<std::pair<fs::path, int>> files;
  std::vector<fs::path> misnamed;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (!unicode::ends_with_ascii_ci(name, ".rubric") || unicode::ends_with_ascii_ci(name, ".test.rubric")) continue;
    std::error_code type_error;
    const auto year = year_of_name(name);
    if (!entry.is_regular_file(type_error) || !year) {
      misnamed.push_back(entry.path());
      continue;
    }
    files.emplace_back(entry.path(), *year);
  }
  std::sort(files.begin(), files.end());
  for (const auto& [file, named_year] : files) {
    SourcePtr source;
    try {
      source = SourceFile::read(file.string());
    } catch (const std::exception& e) {
      diagnostics.error("E0014", Location::in_json(file.string(), ""), std::string(tr("cannot read the file")));
      continue;
    }
    ParseResult parsed = parse(source);
    if (!parsed.ruleset || parsed.ruleset->year == 0) {
      // The file's own errors first: they are why its year cannot be read.
      for (const Diagnostic& d : parsed.diagnostics.items()) {
        if (d.severity == Severity::Error) diagnostics.add(d);
      }
      diagnostics.error("E0802", Location::in_json(file.string(), ""), std::string(tr("cannot read the ruleset's year from its header")))
          .help = tr_format("run 'rubric check {}'", file.string());
      continue;
    }
    if (parsed.ruleset->year != named_year) {
      diagnostics.error("E0808", Location::in_json(file.string(), ""),
                        tr_format("the file is named for {} but its header says year {}", named_year,
                                    parsed.ruleset->year))
          .help = tr_format("a ruleset of a scheme is named by its year: correct the header's year, or rename the "
                              "file {}.rubric",
                              parsed.ruleset->year);
      continue;
    }
    out.push_back({parsed.ruleset->year, parsed.ruleset->scheme, file.string()});
  }
  std::sort(out.begin(), out.end(), [](const SchemeRuleset& a, const SchemeRuleset& b) { return a.year < b.year; });
  std::sort(misnamed.begin(), misnamed.end());
  report_misnamed(misnamed, out, diagnostics);
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
  if (!next) return tr_format("{} on", ruleset.year);
  const int last = *next - 1;
  return last == ruleset.year ? std::to_string(ruleset.year) : fmt::format("{}–{}", ruleset.year, last);
}

bool covers(const std::vector<SchemeRuleset>& rulesets, const SchemeRuleset& ruleset, int year) {
  if (year < ruleset.year) return false;
  return std::none_of(rulesets.begin(), rulesets.end(),
                      [&](const SchemeRuleset& r) { return r.year > ruleset.year && r.year <= year; });
}

const SchemeRuleset* choose_ruleset(const std::vector<SchemeRuleset>& rulesets, const std::string& scheme, int year,
                                    const std::string& facts_file, Diagnostics& diagnostics) {
  if (const SchemeRuleset* chosen = applicable_ruleset(rulesets, year)) return chosen;
  std::string message = tr_format("no {} ruleset applies to {}", scheme, year);
  if (!rulesets.empty()) {
    message += tr_format(": the earliest ruleset, {}, applies from {}", rulesets.front().path, rulesets.front().year);
  }
  diagnostics.error("E0804", Location::in_json(facts_file, ""), std::move(message));
  return nullptr;
}

void report_no_year(const std::string& facts_file, Diagnostics& diagnostics) {
  diagnostics
      .error("E0805", Location::in_json(facts_file, ""),
             std::string(tr("the facts name no \"year\", so no ruleset can be chosen for them")))
      .help = std::string(tr("add \"year\": 2023 to the facts, or pass --year"));
}

bool holds_year(const std::vector<SchemeRuleset>& rulesets, const SchemeRuleset& ruleset, int year,
                const std::string& facts_file, Diagnostics& diagnostics) {
  if (ruleset.year != 0 && covers(rulesets, ruleset, year)) return true;
  const SchemeRuleset* applies = applicable_ruleset(rulesets, year);
  Diagnostic& d = diagnostics.error("E0806", Location::in_json(facts_file, ""),
                                    tr_format("the facts are for {}, but {} holds the criteria of {}", year,
                                                ruleset.path, years_covered(rulesets, ruleset)));
  d.help = applies ? tr_format("the {} criteria are in {}; or pass --any-year to score with {} anyway", year,
                                 applies->path, ruleset.path)
                   : tr_format("no ruleset of this scheme applies to {}; pass --any-year to score with {} anyway",
                                 year, ruleset.path);
  return false;
}

}  // namespace rubric
