// Stage 5b, the rule author's tools: tests written in the language, boundary tests, and the diff
// of two rulesets with its impact on departments.
#pragma once

#include "rubric/eval.hpp"
#include "interpreter/tools/testing.hpp"
#include "interpreter/tools/diff.hpp"
#include "interpreter/tools/crowding.hpp"
#include "interpreter/tools/impact.hpp"
#include "interpreter/tools/witness.hpp"
#include "interpreter/tools/whatif.hpp"
