// Parsing: source text to syntax tree.
//
// parse() never throws for bad input. Syntax errors become diagnostics; after one, the parser
// blanks out the statement that holds it and parses again, so that one run reports up to
// kMaxSyntaxErrors mistakes instead of only the first. The tree returned after syntax errors is
// that of the remaining statements: good enough to check, never to evaluate.
#pragma once

#include <memory>

#include "dsl/ast.hpp"
#include "base/diagnostic.hpp"

namespace rubric {

struct ParseResult {
  std::unique_ptr<ast::Ruleset> ruleset;  // null when nothing could be parsed
  Diagnostics diagnostics;
  std::vector<Span> skipped;  // statements blanked out after syntax errors
};

inline constexpr int kMaxSyntaxErrors = 20;
// Levels of nesting allowed (E0015): each expression inside another, section inside a section
// and type inside a type is one. Deeper input is refused before it can exhaust the stack.
inline constexpr int kMaxNestingDepth = 100;
// Operands of binary operators and '.field' accesses that one expression may chain, counting
// those of the expressions around it (E0016): a chain becomes that deep a syntax tree.
inline constexpr std::size_t kMaxChainedOperands = 1000;

// Parses [source]. Every span in the tree is offset by [base], so that the spans of a ruleset and
// of the rulesets it extends never overlap (see ast::Ruleset::at).
ParseResult parse(SourcePtr source, std::uint32_t base = 0);

// Parses a sibling test file (2023.test.rubric): only `test` blocks. The result's ruleset holds
// just its tests.
ParseResult parse_tests(SourcePtr source, std::uint32_t base = 0);

}  // namespace rubric
