"""rubric lsp as an editor speaks to it: JSON-RPC over standard input and output (client.py).
Run by ctest ("lsp"): python3 -m pytest tests/lsp --rubric build/rubric."""
import json
import pathlib
import subprocess

import pytest

from client import Client

ROOT = pathlib.Path(__file__).resolve().parents[2]
RULESET = ROOT / "rulesets" / "guangzhou" / "2023.rubric"
URI = RULESET.as_uri()


@pytest.fixture
def rubric(request):
    return request.config.getoption("--rubric")


@pytest.fixture
def client(rubric):
    c = Client(rubric, "--lang", "en")
    answer = c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    assert answer["result"]["capabilities"]["positionEncoding"] == "utf-16"
    c.notify("initialized", {})
    yield c
    if c.process.poll() is None:
        c.process.kill()
        c.process.wait()


def open_document(client, text, uri=URI):
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "rubric", "version": 1, "text": text}})
    return client.diagnostics(uri)


def where(text, needle, nth=0):
    """The LSP position (line, UTF-16 character) of the [nth] [needle] in [text]."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at)
    start = text.rfind("\n", 0, at) + 1
    return {"line": line, "character": len(text[start:at].encode("utf-16-le")) // 2}


def test_a_misspelled_fact_is_shown_where_it_is_with_its_fix(client):
    text = RULESET.read_text(encoding="utf-8").replace("per audit_issues", "per audit_isues")
    diagnostics = open_document(client, text)
    assert [d["code"] for d in diagnostics] == ["E0201"]
    d = diagnostics[0]
    start = where(text, "audit_isues")
    assert d["range"] == {"start": start, "end": {"line": start["line"], "character": start["character"] + len("audit_isues")}}
    assert d["severity"] == 1
    assert "audit_isues" in d["message"] and "audit_issues" in d["message"]

    actions = client.request("textDocument/codeAction", {"textDocument": {"uri": URI}, "range": d["range"],
                                                         "context": {"diagnostics": [d]}})["result"]
    assert len(actions) == 1
    edit = actions[0]["edit"]["changes"][URI][0]
    assert actions[0]["kind"] == "quickfix" and edit == {"range": d["range"], "newText": "audit_issues"}

    # The editor applies it and sends the whole text again: nothing left to say.
    client.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2},
                                             "contentChanges": [{"text": text.replace("per audit_isues", "per audit_issues")}]})
    assert problems(client.diagnostics(URI)) == []


def problems(diagnostics):
    """The errors and warnings among [diagnostics]: the notes (severity 3) are not problems."""
    return [d for d in diagnostics if d["severity"] <= 2]


def test_the_2023_completion_rule_is_noted_where_it_halves_the_score(client):
    text = RULESET.read_text(encoding="utf-8")
    notes = [d for d in open_document(client, text) if d["severity"] == 3]
    assert [d["code"] for d in notes] == ["W0407"]
    assert notes[0]["range"]["start"] == where(text, "(150%, inf)")
    assert "150%" in notes[0]["message"]


def test_a_full_width_comma_is_fixed_to_a_half_width_one(client):
    text = RULESET.read_text(encoding="utf-8").replace("min(m, 100%)", "min(m， 100%)")
    diagnostics = open_document(client, text)
    assert diagnostics and diagnostics[0]["code"].startswith("E00")
    actions = client.request("textDocument/codeAction", {"textDocument": {"uri": URI}, "range": diagnostics[0]["range"],
                                                         "context": {"diagnostics": diagnostics}})["result"]
    assert [a["edit"]["changes"][URI][0]["newText"] for a in actions] == [","]
    assert actions[0]["edit"]["changes"][URI][0]["range"]["start"] == where(text, "， 100%)")


def test_hover_definition_completion_and_symbols(client):
    text = RULESET.read_text(encoding="utf-8")
    assert problems(open_document(client, text)) == []
    use = where(text, "audit_issues", 1)  # in `deduct 0.5 per audit_issues`
    hover = client.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": use})["result"]
    assert "审计和财会监督明确指出问题和处理意见并限期整改的问题数" in hover["contents"]["value"]
    assert "count" in hover["contents"]["value"]

    definition = client.request("textDocument/definition", {"textDocument": {"uri": URI}, "position": use})["result"]
    assert definition["uri"] == URI
    assert definition["range"]["start"] == where(text, "audit_issues", 0)

    items = client.request("textDocument/completion", {"textDocument": {"uri": URI}, "position": use})["result"]
    labels = {i["label"]: i for i in items}
    assert labels["audit_issues"]["kind"] == 6 and "问题数" in labels["audit_issues"]["detail"]
    assert "min" in labels and "deduct" in labels

    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": URI}})["result"]
    sections = [s for s in symbols if s["kind"] == 3]
    assert [s["name"] for s in sections] == ["履职效能", "管理效率"]
    assert sections[1]["detail"] == "50 points"
    indicators = [i for s in sections for c in s.get("children", []) for i in [c] + c.get("children", [])]
    assert any(i["name"] == "部门预算资金支出率" for i in indicators), [i["name"] for i in indicators]


def test_formatting_gives_what_rubric_fmt_writes(client, rubric, tmp_path):
    text = RULESET.read_text(encoding="utf-8").replace("  score deduct 0.5 per audit_issues", "  score   deduct 0.5 per audit_issues")
    assert problems(open_document(client, text)) == []
    edits = client.request("textDocument/formatting", {"textDocument": {"uri": URI},
                                                       "options": {"tabSize": 2, "insertSpaces": True}})["result"]
    assert len(edits) == 1 and edits[0]["range"]["start"] == {"line": 0, "character": 0}
    assert edits[0]["newText"] == RULESET.read_text(encoding="utf-8")


def test_malformed_messages_get_json_rpc_errors_and_the_server_goes_on(client):
    client.send_raw(b"{not json")
    assert client.read()["error"]["code"] == -32700
    client.send_raw(b"", b"Content-Type: x\r\n\r\n")
    assert client.read()["error"]["code"] == -32700  # a frame without Content-Length
    client.send_raw(b"", b"Content-Length: -1\r\n\r\n")
    assert client.read()["error"]["code"] == -32700  # a length that is no length: refused, not awaited
    client.send_raw(b"[1, 2]")
    assert client.read()["error"]["code"] == -32600
    client.send_raw(b'\xff\xfe{"jsonrpc":"2.0"}')
    assert client.read()["error"]["code"] == -32700
    assert client.request("no/such/method", {})["error"]["code"] == -32601
    assert client.request("textDocument/hover", {"textDocument": {}})["error"]["code"] == -32602
    assert client.request("textDocument/hover", {"textDocument": {"uri": "file:///nowhere.rubric"},
                                                 "position": {"line": 0, "character": 0}})["error"]["code"] == -32602
    assert client.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": {"line": "x"}})["error"]["code"] == -32602
    # Positions past the end are the end, not a crash.
    open_document(client, "ruleset \"x\" scheme s year 2023\n")
    far = client.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": {"line": 99, "character": 99}})
    assert far["result"] is None
    assert client.request("shutdown")["result"] is None
    assert client.request("textDocument/hover", {"textDocument": {"uri": URI},
                                                 "position": {"line": 0, "character": 0}})["error"]["code"] == -32600
    client.notify("exit")
    assert client.process.wait(timeout=10) == 0


def test_a_request_before_initialize_is_refused_and_exit_without_shutdown_is_1(rubric):
    c = Client(rubric)
    assert c.request("textDocument/hover", {})["error"]["code"] == -32002
    c.notify("exit")
    assert c.process.wait(timeout=10) == 1


def test_messages_follow_the_language(rubric):
    c = Client(rubric, "--lang", "zh")
    c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    c.notify("initialized", {})
    text = RULESET.read_text(encoding="utf-8").replace("per audit_issues", "per audit_isues")
    diagnostics = open_document(c, text)
    assert "未知" in diagnostics[0]["message"], diagnostics[0]["message"]
    c.request("shutdown")
    c.notify("exit")
    assert c.process.wait(timeout=10) == 0


def test_definition_leads_into_the_base_a_ruleset_extends(client, tmp_path):
    folder = tmp_path / "规则"  # a folder whose name the URI must percent-encode
    folder.mkdir()
    base = folder / "2023.rubric"
    base_text = ('ruleset "示例" scheme demo year 2023\nfacts {\n  issues : count "问题数" default 0\n}\n'
                 'define capped(x) = min(x, 1)\nsection 履职 points 10 {\n  indicator 甲 points 10 {\n'
                 '    score deduct 1 per issues until zero\n  }\n}\ngrade { 优 >= 9; 差 otherwise }\n')
    base.write_text(base_text, encoding="utf-8")
    text = ('ruleset "示例" scheme demo year 2025 extends "2023.rubric"\noverride section 履职 points 20\n'
            'add in 履职 indicator 乙 points 10 { score capped(issues / 10) * points }\n')
    uri = (folder / "2025.rubric").as_uri()
    assert problems(open_document(client, text, uri)) == []
    answer = client.request("textDocument/definition", {"textDocument": {"uri": uri}, "position": where(text, "issues")})
    target = answer["result"]
    assert target["uri"] == base.as_uri()
    assert target["range"]["start"] == where(base_text, "issues")
