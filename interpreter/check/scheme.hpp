// Schemes and years: which ruleset applies to a department's year.
//
// A scheme is a folder of rulesets (rulesets/guangzhou/), one per year in which the criteria
// changed. The ruleset that applies to year Y is the newest whose year is not after Y: with 2021
// and 2023 in the folder, 2022 is scored with 2021's criteria and 2024 with 2023's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"

namespace rubric {

struct SchemeRuleset {
  int year = 0;
  std::string scheme;
  std::string path;
};

// The rulesets in [folder], oldest first: its files named YEAR.rubric whose header says that year.
// *.test.rubric files are tests and skipped. Every other *.rubric file (E0807; E0803 when its
// header names the year of a ruleset there: two candidates), a file whose header cannot be read
// (its own errors, then E0802) and a file named for another year than its header's (E0808) are
// errors in [diagnostics], and are never in the list: a caller must stop on them, not choose.
std::vector<SchemeRuleset> list_scheme(const std::string& folder, Diagnostics& diagnostics);

// The ruleset of [rulesets] that applies to [year], or null when every one is newer.
const SchemeRuleset* applicable_ruleset(const std::vector<SchemeRuleset>& rulesets, int year);

// The years a ruleset applies to, as text: "2021–2022", or "2023 on" for the newest.
std::string years_covered(const std::vector<SchemeRuleset>& rulesets, const SchemeRuleset& ruleset);

// Whether [ruleset] applies to [year]: it is not newer, and no ruleset of a later year is due by
// then. Two rulesets of one year (a draft beside the published criteria) both apply.
bool covers(const std::vector<SchemeRuleset>& rulesets, const SchemeRuleset& ruleset, int year);

// The ruleset of [rulesets] (the folder of [scheme]) that applies to [year]; null, with E0804 in
// [diagnostics], when every one is newer. [facts_file] names the file whose year it is (empty for
// a year given on the command line).
const SchemeRuleset* choose_ruleset(const std::vector<SchemeRuleset>& rulesets, const std::string& scheme, int year,
                                    const std::string& facts_file, Diagnostics& diagnostics);

// E0805: facts that name no year, scored by scheme, choose no ruleset.
void report_no_year(const std::string& facts_file, Diagnostics& diagnostics);

// Whether [ruleset], named on the command line, holds the criteria of [year], seen beside the
// other rulesets of its folder ([rulesets] holds them and [ruleset]); E0806 in [diagnostics] when
// it does not, with the ruleset that does in its help.
bool holds_year(const std::vector<SchemeRuleset>& rulesets, const SchemeRuleset& ruleset, int year,
                const std::string& facts_file, Diagnostics& diagnostics);

}  // namespace rubric
