// Stage 1, source text to syntax tree and back: the syntax tree (ast::Ruleset), parse(),
// the formatter (rubric fmt) and the tree dump.
#pragma once

#include "rubric/base.hpp"
#include "dsl/ast.hpp"
#include "dsl/parser.hpp"
#include "dsl/format.hpp"
