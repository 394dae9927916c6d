// Rubric for Python (pybind11): load a ruleset, score a department's facts, render the official
// table. Exact numbers come out as decimal.Decimal; every problem is a rubric.RubricError whose
// `diagnostics` are dicts (code, severity, message, file, line, column, path, help).
//
//   import rubric
//   rules = rubric.load("rulesets/guangzhou/2023.rubric")
//   result = rules.score(open("court-2023.json").read())
//   result.total, result.grade          # Decimal('95.99'), '优'
//   open("自评表.xlsx", "wb").write(result.render("xlsx"))
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>

#include <rubric/rubric.hpp>

namespace py = pybind11;

namespace {

py::object decimal(const rubric::Decimal& d) { return py::module_::import("decimal").attr("Decimal")(d.to_string()); }

py::object decimal_or_none(const std::optional<rubric::Decimal>& d) { return d ? decimal(*d) : py::none(); }

// A diagnostic as the JSON documents have it (docs/schema/common.schema.json), as a dict.
py::list diagnostics_list(const rubric::Diagnostics& diagnostics) {
  const std::string text = rubric::json::dump(rubric::json::diagnostics(diagnostics), -1);
  return py::module_::import("json").attr("loads")(text);
}

// The one exception class: rubric.RubricError(message) with .diagnostics.
PyObject* rubric_error = nullptr;

[[noreturn]] void raise(const std::string& what, const rubric::Diagnostics& diagnostics) {
  std::string message = what;
  for (const rubric::Diagnostic& d : diagnostics.items()) {
    if (d.severity == rubric::Severity::Error) {
      message += "\n" + rubric::render(d);
    }
  }
  py::object error = py::reinterpret_borrow<py::object>(rubric_error)(message);
  error.attr("diagnostics") = diagnostics_list(diagnostics);
  PyErr_SetObject(rubric_error, error.ptr());
  throw py::error_already_set();
}

struct Ruleset {
  std::shared_ptr<const rubric::ast::Ruleset> tree;
};

// One department scored: its facts and evaluation, kept with the ruleset they belong to.
struct Result {
  std::shared_ptr<const rubric::ast::Ruleset> ruleset;
  rubric::Facts facts;
  rubric::Evaluation evaluation;

  py::dict node(const rubric::NodeResult& n) const {
    py::dict d;
    d["kind"] = n.is_section ? "section" : "indicator";
    d["name"] = n.name;
    d["points"] = decimal(n.points.hi);
    d["score"] = decimal_or_none(n.score);
    if (!n.is_section) {
      d["raw"] = decimal_or_none(n.raw);
      d["basis"] = n.basis;
      d["claimed"] = decimal_or_none(n.claimed);
    }
    if (!n.error.empty()) d["error"] = n.error;
    py::list children;
    for (const rubric::NodeResult& c : n.children) children.append(node(c));
    d["children"] = children;
    return d;
  }

  std::string document() const {
    return rubric::render_score_json({{facts.file, ruleset.get(), evaluation, evaluation.diagnostics}});
  }

  // The official table (自评表) in [format]: "html", "md", "csv" as text, "xlsx" as bytes, "json"
  // the score document (docs/schema/score.schema.json).
  py::object render(const std::string& format) const {
    if (format == "json") return py::str(document());
    if (!evaluation.total) raise("the department could not be scored: no table is written", evaluation.diagnostics);
    const rubric::report::OfficialTable table = rubric::report::build_official_table(*ruleset, evaluation, &facts);
    if (format == "html") return py::str(rubric::report::render_html(table));
    if (format == "md") return py::str(rubric::report::render_markdown(table));
    if (format == "csv") return py::str(rubric::report::render_csv(table, true));
    if (format == "xlsx") return py::bytes(rubric::report::render_xlsx(table));
    throw py::value_error("format must be one of json, html, md, csv, xlsx, not " + format);
  }
};

Ruleset load_text(const std::string& text, const std::string& name) {
  rubric::LoadedRuleset loaded = rubric::load_ruleset_source(name, text);
  if (!loaded.ok()) raise(name + ": the ruleset has errors", loaded.diagnostics);
  return {loaded.ruleset};
}

Ruleset load_path(const std::string& path) {
  rubric::LoadedRuleset loaded = rubric::load_ruleset(path);
  if (!loaded.ok()) raise(path + ": the ruleset has errors", loaded.diagnostics);
  return {loaded.ruleset};
}

// [facts]: a facts document as JSON text, or a dict (made JSON with json.dumps).
Result score(const Ruleset& rules, const py::object& facts, const std::string& name, bool allow_unknown_facts) {
  const std::string text = py::isinstance<py::str>(facts)
                               ? facts.cast<std::string>()
                               : py::module_::import("json").attr("dumps")(facts, py::arg("ensure_ascii") = false).cast<std::string>();
  rubric::FactsResult read = rubric::load_facts(*rules.tree, text, name, rubric::FactsOptions{allow_unknown_facts});
  if (!read.facts) raise(name + ": the facts have errors; the department is not scored", read.diagnostics);
  rubric::Evaluation evaluation = rubric::evaluate(*rules.tree, *read.facts);
  return {rules.tree, std::move(*read.facts), std::move(evaluation)};
}

}  // namespace

PYBIND11_MODULE(rubric, m) {
  m.doc() = "Rubric: scoring criteria as versioned, testable rulesets (docs/integrating.md)";
  rubric_error = PyErr_NewExceptionWithDoc("rubric.RubricError",
                                           "A ruleset or facts with errors; .diagnostics lists them as dicts.", PyExc_Exception,
                                           nullptr);
  m.attr("RubricError") = py::reinterpret_borrow<py::object>(rubric_error);
  m.attr("SCHEMA_VERSION") = rubric::kJsonSchemaVersion;

  py::class_<Ruleset>(m, "Ruleset", "A checked ruleset.")
      .def_property_readonly("name", [](const Ruleset& r) { return r.tree->name; })
      .def_property_readonly("scheme", [](const Ruleset& r) { return r.tree->scheme; })
      .def_property_readonly("year", [](const Ruleset& r) { return r.tree->year; })
      .def_property_readonly("total", [](const Ruleset& r) { return decimal_or_none(r.tree->total); })
      .def_property_readonly("sha256", [](const Ruleset& r) { return rubric::json::ruleset(*r.tree)["sha256"].get<std::string>(); })
      .def("score", &score, py::arg("facts"), py::arg("name") = "facts.json", py::arg("allow_unknown_facts") = false,
           "Scores one department's facts (JSON text or a dict); raises RubricError when they are refused.");

  py::class_<Result>(m, "Result", "One department scored.")
      .def_property_readonly("department", [](const Result& r) { return r.evaluation.department; })
      .def_property_readonly("year", [](const Result& r) { return r.evaluation.year; })
      .def_property_readonly("scored", [](const Result& r) { return r.evaluation.total.has_value(); })
      .def_property_readonly("total", [](const Result& r) { return decimal_or_none(r.evaluation.total); })
      .def_property_readonly("grade", [](const Result& r) -> py::object {
        return r.evaluation.total ? py::object(py::str(r.evaluation.grade)) : py::none();
      })
      .def_property_readonly("sections", [](const Result& r) {
        py::list out;
        for (const rubric::NodeResult& n : r.evaluation.nodes) out.append(r.node(n));
        return out;
      })
      .def_property_readonly("diagnostics", [](const Result& r) { return diagnostics_list(r.evaluation.diagnostics); })
      .def("json", &Result::document, "The score document (docs/schema/score.schema.json).")
      .def("render", &Result::render, py::arg("format"), "The official table: html, md, csv (str), xlsx (bytes), json.");

  m.def("load", &load_path, py::arg("path"), "Loads and checks a ruleset file; raises RubricError when it has errors.");
  m.def("load_text", &load_text, py::arg("text"), py::arg("name") = "ruleset.rubric",
        "Loads and checks a ruleset held in memory.");
  m.def(
      "set_language",
      [](const std::string& language) {
        rubric::Language l;
        if (!rubric::parse_language(language, l)) throw py::value_error("language must be zh or en");
        rubric::set_language(l);
      },
      py::arg("language"), "The language of messages: zh or en.");
}
