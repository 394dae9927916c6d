// Stage 5a, scoring many departments: run_batch() reads rows (CSV or JSON Lines), scores
// them on worker threads with the compiled plan, and writes one result per row.
#pragma once

#include "rubric/eval.hpp"
#include "interpreter/batch/batch.hpp"
#include "interpreter/batch/rows.hpp"
