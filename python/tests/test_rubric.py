"""The Python module, as a portal's script uses it (python/rubric_module.cpp, docs/integrating.md).

Run by ctest ("python") with PYTHONPATH on the built module: python3 -m pytest python/tests.
"""
import decimal
import json
import pathlib

import pytest

import rubric

ROOT = pathlib.Path(__file__).resolve().parents[2]
RULESET = ROOT / "rulesets/guangzhou/2023.rubric"
COURT = ROOT / "rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"


@pytest.fixture(scope="module")
def rules():
    return rubric.load(str(RULESET))


def test_scores_the_court_exactly(rules):
    result = rules.score(COURT.read_text(encoding="utf-8"))
    assert result.scored
    assert result.total == decimal.Decimal("95.99")
    assert isinstance(result.total, decimal.Decimal)
    assert result.grade == "优"
    assert result.department == "广州互联网法院"
    assert result.year == 2023


def test_the_tree_has_exact_scores_and_the_basis(rules):
    result = rules.score(COURT.read_text(encoding="utf-8"))
    rate = result.sections[0]["children"][0]["children"][2]
    assert rate["name"] == "部门预算资金支出率"
    assert rate["score"] == decimal.Decimal("9.99")
    assert rate["raw"] == decimal.Decimal("9.9875")
    assert "9.99" in rate["basis"]


def test_a_dict_of_facts_scores_as_its_json(rules):
    facts = json.loads(COURT.read_text(encoding="utf-8"))
    assert rules.score(facts).total == decimal.Decimal("95.99")


def test_the_ruleset_says_what_it_is(rules):
    assert rules.year == 2023
    assert rules.scheme == "guangzhou"
    assert rules.total == decimal.Decimal("100")
    assert len(rules.sha256) == 64


def test_every_format_renders(rules):
    result = rules.score(COURT.read_text(encoding="utf-8"))
    assert result.render("xlsx")[:2] == b"PK"
    assert "95.99" in result.render("html")
    assert "95.99" in result.render("md")
    assert result.render("csv").startswith("\ufeff")
    document = json.loads(result.render("json"), parse_float=decimal.Decimal)
    assert document["schema"] == "rubric/score"
    assert document["schema_version"] == rubric.SCHEMA_VERSION
    assert document["results"][0]["total"] == decimal.Decimal("95.99")
    with pytest.raises(ValueError):
        result.render("pdf")


def test_refused_facts_raise_one_error_class_with_diagnostics(rules):
    facts = COURT.read_text(encoding="utf-8").replace('"audit_issues"', '"audit_isues"')
    with pytest.raises(rubric.RubricError) as caught:
        rules.score(facts, name="typo.json")
    first = caught.value.diagnostics[0]
    assert first["code"] == "E0610"
    assert first["severity"] == "error"
    assert first["path"] == "facts.audit_isues"
    assert first["help"] == 'did you mean "audit_issues"?'
    assert "typo.json" in str(caught.value)


def test_a_ruleset_with_errors_raises_with_its_location():
    with pytest.raises(rubric.RubricError) as caught:
        rubric.load_text('ruleset "t" scheme t year 2024\nindicator 甲 points 10 { score x }\n', name="t.rubric")
    first = caught.value.diagnostics[0]
    assert first["code"] == "E0201"
    assert (first["file"], first["line"]) == ("t.rubric", 2)


def test_messages_in_chinese():
    rubric.set_language("zh")
    try:
        with pytest.raises(rubric.RubricError) as caught:
            rubric.load_text('ruleset "t" scheme t year 2024\nindicator 甲 points 10 { score x }\n')
        assert "未知的名称" in caught.value.diagnostics[0]["message"]
    finally:
        rubric.set_language("en")


def test_the_readme_example_runs(tmp_path, monkeypatch, capsys):
    """README.md's Python example, run as written, from a folder holding the court's facts."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("**Python.**", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "rulesets/guangzhou").mkdir(parents=True)
    (tmp_path / "rulesets/guangzhou/2023.rubric").write_text(RULESET.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "court-2023.json").write_text(COURT.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    exec(compile(example, "README.md", "exec"), {})
    assert capsys.readouterr().out.strip() == "95.99 优"
    assert (tmp_path / "自评表.xlsx").read_bytes()[:2] == b"PK"
