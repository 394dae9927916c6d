// A canonical text dump of a syntax tree. See ast_dump.hpp.
#include "dsl/ast_dump.hpp"

#include <fmt/format.h>

#include "dsl/visit.hpp"

namespace rubric::ast {
namespace {

std::string quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

// JSON without the whitespace between its tokens; strings are kept byte for byte.
std::string compact_json(std::string_view json) {
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < json.size()) {
        out += json[++i];
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
      out += c;
    } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      out += c;
    }
  }
  return out;
}

class Dumper {
 public:
  std::string out;

  void expr(const Expr* e) {
    if (e == nullptr) {
      out += "nil";
      return;
    }
    // One node() per kind of node: a missing one is a compile error.
    ast::visit(*e, [this](const auto& node) { this->node(node); });
  }

  void ruleset(const Ruleset& r) {
    out += fmt::format("(ruleset {} {} {}", quote(r.name), r.scheme, r.year);
    if (!r.extends.empty()) out += " (extends " + quote(r.extends) + ")";
    if (r.total) out += " (total " + r.total->to_string() + ")";
    if (r.rounding_given) rounding(r.rounding);
    for (const FactDecl& f : r.facts) fact(f);
    for (const Requirement& q : r.requirements) {
      out += "\n (require " + quote(q.text) + " ";
      expr(q.condition.get());
      out += ")";
    }
    for (const Define& d : r.defines) {
      out += "\n (define " + d.name + " (";
      for (std::size_t i = 0; i < d.params.size(); ++i) {
        out += (i > 0 ? " " : "") + d.params[i];
        if (i < d.param_labels.size() && !d.param_labels[i].empty()) out += " (label " + quote(d.param_labels[i]) + ")";
      }
      out += ") ";
      expr(d.body.get());
      out += ")";
    }
    for (const Let& l : r.lets) {
      out += "\n ";
      let(l);
    }
    for (const Item& item : r.items) {
      out += "\n ";
      this->item(item);
    }
    if (!r.grades.empty()) {
      out += "\n (grade";
      for (const GradeArm& g : r.grades) {
        out += " (" + quote(g.name) + " " + (g.threshold ? g.threshold->to_string() : "otherwise");
        if (g.floor) out += " (unless " + quote(g.floor_section) + " " + g.floor->to_string() + ")";
        out += ")";
      }
      out += ")";
    }
    for (const Veto& v : r.vetoes) veto(v);
    for (const Calendar& c : r.calendars) {
      out += "\n (calendar " + std::to_string(c.year);
      for (const CalendarEntry& e : c.entries) {
        out += std::string(e.holiday ? " (holiday " : " (workday ") + format_date(e.from);
        if (e.to != e.from) out += " " + format_date(e.to);
        out += ")";
      }
      out += ")";
    }
    for (const Change& c : r.changes) change(c);
    for (const TestBlock& t : r.tests) test(t);
    out += ")\n";
  }

 private:
  void veto(const Veto& v) {
    out += " (veto " + quote(v.text) + " ";
    expr(v.condition.get());
    if (v.zero) out += " zero";
    if (!v.grade.empty()) out += " (grade " + quote(v.grade) + ")";
    out += ")";
  }
  void rounding(const Rounding& r) { out += fmt::format(" (rounding {} {})", r.digits, to_string(r.mode)); }

  void interval(const Interval& iv) {
    out += iv.lo_closed ? "[" : "(";
    bound(iv.lo);
    out += " ";
    bound(iv.hi);
    out += iv.hi_closed ? "]" : ")";
  }
  void bound(const Bound& b) {
    if (b.infinity != 0) {
      out += b.infinity < 0 ? "-inf" : "inf";
    } else {
      expr(b.value.get());
    }
  }

  void type(const TypeRef& t) {
    switch (t.kind) {
      case TypeKind::Enum:
        out += "(enum";
        for (const std::string& m : t.members) out += " " + quote(m);
        out += ")";
        return;
      case TypeKind::List:
        out += "(list ";
        type(*t.element);
        out += ")";
        return;
      case TypeKind::Record:
        out += "(record";
        for (const Field& f : t.fields) {
          out += " (" + f.name + " ";
          type(*f.type);
          if (f.domain) {
            out += " (in ";
            interval(*f.domain);
            out += ")";
          }
          if (!f.label.empty()) out += " (label " + quote(f.label) + ")";
          if (f.fixed) out += " (fixed)";
          if (f.direction != 0) out += f.direction > 0 ? " (more-is-better)" : " (more-is-worse)";
          out += ")";
        }
        out += ")";
        return;
      default:
        out += describe(t);
    }
  }

  void fact(const FactDecl& f) {
    out += "\n (fact " + f.name + " ";
    type(*f.type);
    if (!f.label.empty()) out += " (label " + quote(f.label) + ")";
    if (!f.unit.empty()) out += " (unit " + quote(f.unit) + ")";
    if (f.domain) {
      out += " (in ";
      interval(*f.domain);
      out += ")";
    }
    if (f.default_empty) out += " (default [])";
    if (f.fixed) out += " (fixed)";
    if (f.direction != 0) out += f.direction > 0 ? " (more-is-better)" : " (more-is-worse)";
    if (f.default_value) {
      out += " (default ";
      expr(f.default_value.get());
      out += ")";
    }
    out += ")";
  }

  void let(const Let& l) {
    out += "(let " + l.name + " ";
    if (!l.label.empty()) out += "(label " + quote(l.label) + ") ";
    expr(l.value.get());
    out += ")";
  }

  void points(const PointsSpec& p) {
    out += " (points " + p.lo.to_string() + " " + p.hi.to_string() + (p.range ? " range" : "") + ")";
  }

  void item(const Item& item) {
    if (const auto* section = std::get_if<std::unique_ptr<Section>>(&item)) {
      const Section& s = **section;
      out += std::string(s.extra ? "(extra section " : "(section ") + quote(s.name);
      points(s.points);
      if (s.shared) out += " (shared at least " + std::to_string(s.at_least) + ")";
      for (const Item& child : s.items) {
        out += " ";
        this->item(child);
      }
      for (const Veto& v : s.vetoes) veto(v);
      out += ")";
    } else if (const auto* indicator = std::get_if<std::unique_ptr<Indicator>>(&item)) {
      const Indicator& i = **indicator;
      out += "(indicator " + quote(i.name);
      points(i.points);
      if (!i.choice.empty()) out += " (choose " + i.choice + ")";
      if (i.applies) {
        static constexpr const char* kOtherwise[] = {"", " otherwise full", " otherwise shared"};
        out += " (applies ";
        expr(i.applies.get());
        out += std::string(kOtherwise[static_cast<int>(i.otherwise)]) + ")";
      }
      if (!i.explain.empty()) out += " (explain " + quote(i.explain) + ")";
      if (!i.standard.empty()) out += " (standard " + quote(i.standard) + ")";
      for (const std::string& e : i.evidence) out += " (evidence " + quote(e) + ")";
      if (i.rounding) rounding(*i.rounding);
      for (const Let& l : i.lets) {
        out += " ";
        let(l);
      }
      out += " (score ";
      expr(i.score.get());
      out += "))";
    } else {
      let(std::get<Let>(item));
    }
  }

  void change(const Change& c) {
    static constexpr const char* kKinds[] = {"override", "points", "remove", "add"};
    static constexpr const char* kRemoved[] = {"", "fact", "function", "let", "veto", "require"};
    const char* what = c.kind == ChangeKind::Remove && c.removed != Removed::Node ? kRemoved[static_cast<int>(c.removed)]
                       : c.section                                                 ? "section"
                                                                                   : "indicator";
    out += fmt::format("\n ({} {} {}", kKinds[static_cast<int>(c.kind)], what, quote(c.name));
    if (c.kind == ChangeKind::Add) out += " (in " + quote(c.parent) + ")";
    if (c.kind == ChangeKind::Points) points(c.points);
    for (const Item& i : c.item) {
      out += " ";
      item(i);
    }
    out += ")";
  }

  void test(const TestBlock& t) {
    out += "\n (test " + quote(t.name);
    if (!t.given_file.empty()) out += " (given-file " + quote(t.given_file) + ")";
    if (!t.given.empty()) out += " (given " + compact_json(t.given) + ")";
    if (!t.prior_file.empty()) out += " (prior-file " + quote(t.prior_file) + ")";
    if (!t.prior.empty()) out += " (prior " + compact_json(t.prior) + ")";
    if (!t.cohort_file.empty()) out += " (cohort-file " + quote(t.cohort_file) + ")";
    for (const TestCase& c : t.cases) {
      out += "\n  (case " + quote(c.name);
      if (!c.overrides.empty()) out += " (with " + compact_json(c.overrides) + ")";
      for (const Expectation& e : c.expectations) {
        static constexpr const char* kTargets[] = {"total", "grade", "indicator", "facts"};
        out += fmt::format(" (expect {} {}", kTargets[static_cast<int>(e.target)], quote(e.name));
        if (e.number) out += " " + e.number->to_string();
        if (!e.text.empty()) out += " " + quote(e.text);
        if (!e.error_code.empty()) out += " (error " + e.error_code + ")";
        out += ")";
      }
      out += ")";
    }
    out += ")";
  }

  void node(const NumberLit& n) {
    out += n.date ? "(date " + format_date(n.value.to_int64().value_or(0)) + ")" : n.value.to_string() + (n.percent ? "%" : "");
  }
  void node(const StringLit& n) { out += quote(n.value); }
  void node(const BoolLit& n) { out += n.value ? "true" : "false"; }
  void node(const PointsRef&) { out += "points"; }
  void node(const NameRef& n) { out += "(name " + n.name + ")"; }
  void node(const Member& n) {
    out += "(. ";
    expr(n.object.get());
    out += " " + n.field + ")";
  }
  void node(const Unary& n) {
    out += n.op == UnaryOp::Neg ? "(neg " : "(not ";
    expr(n.operand.get());
    out += ")";
  }
  void node(const Binary& n) {
    out += "(" + std::string(to_string(n.op)) + " ";
    expr(n.lhs.get());
    out += " ";
    expr(n.rhs.get());
    out += ")";
  }
  void node(const Call& n) {
    out += "(call " + n.callee;
    for (const ExprPtr& arg : n.args) {
      out += " ";
      expr(arg.get());
    }
    out += ")";
  }
  void node(const Comprehension& n) {
    out += "(" + n.func + " " + n.var + " ";
    expr(n.list.get());
    out += " ";
    expr(n.filter.get());
    out += " ";
    expr(n.body.get());
    out += ")";
  }
  void node(const Tiered& n) {
    out += "(tiered ";
    expr(n.subject.get());
    for (const Tier& t : n.tiers) {
      out += " (";
      interval(t.interval);
      out += " ";
      expr(t.result.get());
      out += ")";
    }
    out += ")";
  }
  void node(const Brackets& n) {
    out += "(brackets ";
    expr(n.subject.get());
    for (const BracketArm& a : n.arms) {
      out += " (";
      if (a.bound) {
        out += std::string(to_string(a.compare)) + " ";
        expr(a.bound.get());
      } else {
        out += "otherwise";
      }
      out += " ";
      expr(a.result.get());
      out += ")";
    }
    out += ")";
  }
  void node(const Deduct& n) {
    static constexpr const char* kKinds[] = {"fixed", "per", "when"};
    out += "(deduct";
    for (const Deduction& d : n.items) {
      out += std::string(" (") + kKinds[static_cast<int>(d.kind)] + " ";
      expr(d.amount.get());
      out += " ";
      expr(d.operand.get());
      out += ")";
    }
    out += " (from ";
    expr(n.start.get());
    out += ") (until ";
    out += n.until_zero ? "zero" : "";
    if (!n.until_zero) expr(n.floor.get());
    out += "))";
  }
  void node(const Weighted& n) {
    out += "(weighted";
    for (const Part& p : n.parts) {
      out += " (";
      expr(p.weight.get());
      out += " " + quote(p.label) + " ";
      expr(p.value.get());
      out += ")";
    }
    out += ")";
  }
  void node(const Judged& n) {
    out += "(judged ";
    expr(n.score.get());
    out += " ";
    expr(n.category.get());
    for (const Band& b : n.bands) {
      out += " (" + quote(b.member) + " ";
      if (b.value) {
        expr(b.value.get());
      } else {
        interval(b.interval);
      }
      out += ")";
    }
    out += ")";
  }
  void node(const When& n) {
    out += "(when";
    for (const WhenArm& a : n.arms) {
      out += " (";
      expr(a.condition.get());
      out += " ";
      expr(a.result.get());
      out += ")";
    }
    out += ")";
  }
};

}  // namespace

std::string dump(const Ruleset& ruleset) {
  Dumper d;
  d.ruleset(ruleset);
  return d.out;
}

std::string dump(const Expr& expr) {
  Dumper d;
  d.expr(&expr);
  return d.out;
}

}  // namespace rubric::ast
