// Stage 4, scoring one department: read_facts() validates a facts file against a ruleset,
// evaluate() scores it exactly with a trace of every decision, explain() walks its provenance.
#pragma once

#include "rubric/check.hpp"
#include "interpreter/eval/facts.hpp"
#include "interpreter/eval/facts_xlsx.hpp"
#include "interpreter/eval/evaluator.hpp"
#include "interpreter/eval/value.hpp"
