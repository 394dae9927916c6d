// Stage 3, loading a ruleset: load_ruleset() parses, merges extends, checks names, types and
// points, and runs the static analysis; a scheme folder picks the ruleset of a year.
#pragma once

#include "rubric/dsl.hpp"
#include "interpreter/check/loader.hpp"
#include "interpreter/check/scheme.hpp"
