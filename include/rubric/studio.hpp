// Stage 6b, the rule author's studio: a ruleset being edited analysed for editors (diagnostics,
// hover, completion, definitions, the indicator tree, fixes), and `rubric lsp`, the Language
// Server Protocol over standard input and output (docs/editor.md).
#pragma once

#include "rubric/tools.hpp"
#include "studio/document.hpp"
#include "studio/lsp.hpp"
