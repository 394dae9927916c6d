// The names of a document being edited and what they refer to, for hover, definition and
// completion (studio/document.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "studio/document.hpp"

namespace rubric::studio {

// A declaration a name may refer to.
struct Declared {
  enum class Kind { Parameter, Let, Fact, Function, Section, Indicator };
  Kind kind = Kind::Fact;
  std::string name;
  Span name_span;
  Span span;  // the whole declaration
  const ast::FactDecl* fact = nullptr;
  const ast::Let* let = nullptr;
  const ast::Define* define = nullptr;  // a function, or a parameter's function
  const ast::Section* section = nullptr;
  const ast::Indicator* indicator = nullptr;
};

// What is declared and visible at [offset], innermost first: the parameters of the function it
// is in, the lets of its indicator and sections, the top-level lets, the facts, the functions,
// then every section and indicator.
std::vector<Declared> visible(const Document& document, std::uint32_t offset);
// The declaration the name at [offset] refers to.
std::optional<Declared> resolve(const Document& document, std::uint32_t offset);
// The first line of [span]'s text, without its line break.
std::string first_line_of(const Document& document, Span span);
// "10", or "-5 ~ 5" for a signed range.
std::string points_text(const ast::PointsSpec& points);

}  // namespace rubric::studio
