// Extending: a ruleset that names a base (`extends "2023.rubric"`) is that base with changes.
//
// load_tree() parses a ruleset file and, when it extends another, the chain of its bases, and
// merges them into one syntax tree: the extending file's header, facts, functions, lets,
// rounding, total and grade table take precedence by name, and its `override`, `remove` and
// `add` statements change the base's indicator tree. The merged tree is then checked like any
// ruleset (see checker.hpp), so points that no longer add up are reported as usual.
//
// A base is found relative to the file that names it and must lie in the same folder or below
// it: a ruleset cannot reach outside its scheme's folder.
#pragma once

#include <memory>
#include <string>

#include "dsl/parser.hpp"

namespace rubric {

// How many rulesets a chain of `extends` may hold.
inline constexpr int kMaxExtendsDepth = 8;

// Parses [text] (the file at [path]) and its bases; the result's ruleset is null when any of
// them has syntax errors or the chain cannot be resolved.
ParseResult load_tree(const std::string& path, std::string text);

}  // namespace rubric
