// The official table in the department's words: 参考佐证材料 that fit the department (the ruleset
// says what kind of evidence each indicator expects, a department's facts may name its own
// documents, "evidence", which its table shows instead), and a 评分依据 without identifiers.
#include <gtest/gtest.h>

#include "report/official_table.hpp"
#include "support.hpp"

namespace rubric::testing {
namespace {

using report::build_official_table;
using report::OfficialRow;
using report::OfficialTable;

constexpr const char* kRuleset = R"(ruleset "t" scheme test year 2023
total 4
facts { spent : money "支出" }
indicator 采购内控制度建设 points 2 {
  evidence "部门政府采购内部控制管理制度"
  score points
}
indicator 资产盘点情况 points 2 {
  evidence "固定资产盘点报告"
  score points
}
grade { 优 >= 3; 差 otherwise }
)";

const OfficialRow* row(const OfficialTable& table, const std::string& name) {
  for (const OfficialRow& r : table.rows) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

TEST(Evidence, TheDepartmentsOwnDocumentsReplaceTheKindTheRulesetExpects) {
  const auto rs = load_ok(kRuleset);
  ASSERT_TRUE(rs);
  const std::string document = R"({"department": "甲局", "year": 2023, "facts": {"spent": 1},
    "evidence": {"采购内控制度建设": ["《甲局采购管理办法》", "《甲局内控手册》"]}})";
  FactsResult facts = load_facts(*rs, document, "f.json");
  ASSERT_TRUE(facts.facts) << render(facts.diagnostics, false);
  const Evaluation ev = evaluate(*rs, *facts.facts);
  const OfficialTable table = build_official_table(*rs, ev, &*facts.facts);
  ASSERT_NE(row(table, "采购内控制度建设"), nullptr);
  EXPECT_EQ(row(table, "采购内控制度建设")->evidence, "《甲局采购管理办法》、《甲局内控手册》");
  EXPECT_EQ(row(table, "资产盘点情况")->evidence, "固定资产盘点报告");  // none named: the kind expected
}

TEST(Evidence, AnIndicatorTheRulesetDoesNotHaveOrADocumentThatIsNotTextIsRefused) {
  const auto rs = load_ok(kRuleset);
  ASSERT_TRUE(rs);
  const FactsResult misspelt = load_facts(*rs, R"({"facts": {"spent": 1}, "evidence": {"采购内控制度建": "x"}})", "f.json");
  EXPECT_FALSE(misspelt.facts);
  const std::string text = render(misspelt.diagnostics, false);
  EXPECT_NE(text.find("f.json: evidence.采购内控制度建: error: the ruleset has no indicator \"采购内控制度建\" to attach "
                      "this evidence to [E0611]"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("did you mean \"采购内控制度建设\"?"), std::string::npos) << text;
  const FactsResult number = load_facts(*rs, R"({"facts": {"spent": 1}, "evidence": {"资产盘点情况": [2023]}})", "f.json");
  EXPECT_FALSE(number.facts);
  EXPECT_NE(render(number.diagnostics, false).find("evidence.资产盘点情况[0]: error: expected a document's name as a string"),
            std::string::npos)
      << render(number.diagnostics, false);
}

TEST(Evidence, TheCourtsTableStillListsItsOwnDocumentsFromItsFacts) {
  const CliResult r = run_cli("score rulesets/guangzhou/2023.rubric rulesets/guangzhou/examples/guangzhou-internet-court-2023.json "
                              "--format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"evidence_given\": [\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("《广州互联网法院采购管理办法（试行）》"), std::string::npos);
  // The ruleset itself names no department.
  EXPECT_EQ(read_text(kSourceDir + "/rulesets/guangzhou/2023.rubric").find("evidence \"《广州互联网法院"), std::string::npos);
}

}  // namespace
}  // namespace rubric::testing

namespace rubric::testing {
namespace {

// [10] item 1: the court's 2023 and 2021 tables print a 评分依据 with no identifier (no Latin letter
// at all) and no number longer than its rounding needs (at most four decimals beyond the score's).
TEST(Basis, TheCourtsTablesSayNoIdentifierAndNoOverlongNumber) {
  for (const char* year : {"2021", "2023"}) {
    const auto loaded = load_ruleset(kSourceDir + "/rulesets/guangzhou/" + year + ".rubric");
    ASSERT_TRUE(loaded.ok()) << year;
    const FactsResult facts =
        read_facts(*loaded.ruleset, kSourceDir + "/rulesets/guangzhou/examples/guangzhou-internet-court-" + year + ".json");
    ASSERT_TRUE(facts.facts) << render(facts.diagnostics, false);
    const Evaluation ev = evaluate(*loaded.ruleset, *facts.facts);
    int indicators = 0;
    const auto walk = [&](const auto& self, const NodeResult& node) -> void {
      for (const NodeResult& child : node.children) self(self, child);
      if (node.indicator == nullptr) return;
      ++indicators;
      const std::string& basis = node.basis;
      EXPECT_FALSE(basis.empty()) << node.name;
      EXPECT_EQ(std::find_if(basis.begin(), basis.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }),
                basis.end())
          << year << " " << node.name << ": " << basis;
      for (std::size_t dot = basis.find('.'); dot != std::string::npos; dot = basis.find('.', dot + 1)) {
        std::size_t digits = 0;
        while (dot + 1 + digits < basis.size() && basis[dot + 1 + digits] >= '0' && basis[dot + 1 + digits] <= '9') ++digits;
        EXPECT_LE(digits, 6u) << year << " " << node.name << ": " << basis;
      }
    };
    for (const NodeResult& node : ev.nodes) walk(walk, node);
    EXPECT_GT(indicators, 5) << year;
  }
}

}  // namespace
}  // namespace rubric::testing
