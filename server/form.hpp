// The form a department fills in, described from a ruleset's fact declarations: each fact's
// label, type, unit, domain, enum members, list fields and default, for the department page
// (GET /api/v1/years/{year}/form, docs/serve.md "The form").
#pragma once

#include <nlohmann/json.hpp>

#include "dsl/ast.hpp"

namespace rubric::server {

nlohmann::ordered_json form_json(int year, const ast::Ruleset& ruleset);

}  // namespace rubric::server
