// The score table for people: the indicator hierarchy with points, score and 评分依据, aligned by
// display width so that Chinese columns line up in a terminal.
#pragma once

#include <string>

#include "dsl/ast.hpp"
#include "interpreter/eval/evaluator.hpp"

namespace rubric {

struct TableOptions {
  bool explain = false;  // print every trace step under its indicator
  int width = 120;       // total width in display cells; the basis column wraps to fit
};

std::string render_table(const ast::Ruleset& ruleset, const Evaluation& evaluation, const TableOptions& options);

// Wraps [text] into lines of at most [width] display cells, breaking after "; " and spaces
// where possible and anywhere inside long CJK runs.
std::vector<std::string> wrap(std::string_view text, int width);

}  // namespace rubric
