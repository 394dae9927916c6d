// Facts that show a score leaves its points. Where the static analysis finds that an indicator's
// score may exceed its points (W0404) or fall below its floor (W0405) but cannot be sure — the
// interval of a formula that reads a fact twice is wider than its values — `rubric check` looks
// for facts that really do it: it scores the indicator with candidate values of the facts it reads
// (their domains' ends, the constants its rules compare with, one step either side of each), all
// combinations when they are few and a coordinate search from each corner otherwise. Facts found
// turn the "unsure" note into the warning, with the facts and the score they get; none found, the
// note stays a note (with --unsure). The search proves, it never disproves: a rule the search does
// not break may still be broken by facts it did not try.
#pragma once

#include "base/diagnostic.hpp"
#include "interpreter/check/loader.hpp"

namespace rubric {

// Evaluations one unsure bound may take (each scores the whole ruleset once), and the work all of
// them may take together, in indicators scored: a ruleset of many indicators and many unsure
// bounds is searched less, never for long (the bounds left over stay unsure).
inline constexpr std::size_t kWitnessEvaluations = 6000;
inline constexpr std::size_t kWitnessWork = 1'000'000;

// [loaded]'s diagnostics, with each unsure bound (LoadedRuleset::unsure_bounds) that facts are
// found to reach reported as its warning, with the facts in a note, in place of its unsure note.
Diagnostics with_witnesses(const LoadedRuleset& loaded);

}  // namespace rubric
