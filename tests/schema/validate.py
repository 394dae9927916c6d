#!/usr/bin/python3
"""Every command's JSON output, for success and for failure, validated against docs/schema/.

    tests/schema/validate.py BUILD/rubric

Run by ctest (tests/CMakeLists.txt, "json_schemas") from the source folder. Each case runs rubric
as a user would, checks its exit status, parses standard output as one JSON document (exact
decimals read as decimal.Decimal, as a program should), and validates it with Debian's
python3-jsonschema (draft 2020-12). A case that fails prints the command, the validation error
and where in the document it is. Exit 0 when every case passes.
"""
import decimal
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
SCHEMAS = ROOT / "docs" / "schema"


def store():
    """Every schema of docs/schema/ by its $id, so that common.schema.json#… resolves locally."""
    out = {}
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        out[schema["$id"]] = schema
    return out


def validator(name, schemas):
    schema = schemas[f"https://rubric.invalid/schema/1/{name}.schema.json"]
    resolver = jsonschema.RefResolver(schema["$id"], schema, store=schemas)
    return jsonschema.Draft202012Validator(schema, resolver=resolver)


def main():
    rubric = os.path.abspath(sys.argv[1])
    schemas = store()
    work = pathlib.Path(tempfile.mkdtemp(prefix="rubric-schema-"))
    typo = work / "typo.json"
    court = ROOT / "rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"
    typo.write_text(court.read_text(encoding="utf-8").replace('"audit_issues"', '"audit_isues"'), encoding="utf-8")
    not_json = work / "broken.json"
    not_json.write_text('{"department": "某局", "year": 2023, "facts": {', encoding="utf-8")
    # Two sides of one tier table, for the regions of a diff (docs/analysis.md).
    tiers = ('ruleset "区域" scheme test year 2023\nfacts {{\n  rate : percent in [0, 300%] "完成率"\n}}\n'
             'section 甲 points 10 {{\n  indicator 乙 points 10 {{\n    score tiered rate {{ {} }}\n  }}\n}}\n'
             'grade {{ 优 >= 9; 差 otherwise }}\n')
    (work / "old.rubric").write_text(tiers.format("[0, 60%) -> 0\n [60%, 300%] -> points"), encoding="utf-8")
    (work / "new.rubric").write_text(tiers.format("[0, 60%) -> 0\n [60%, 150%] -> points\n (150%, 300%] -> points / 2"),
                                     encoding="utf-8")
    g = "rulesets/guangzhou"
    cases = [
        # (schema, expected exit, arguments)
        ("score", 0, ["score", f"{g}/2023.rubric", str(court), "--format", "json"]),
        ("score", 3, ["score", f"{g}/2023.rubric", str(court), str(typo), str(not_json), "--format", "json"]),
        ("score", 3, ["score", f"{g}/2023.rubric", str(typo), "--format", "json", "--lang", "zh"]),
        ("score", 0, ["score", "--scheme", "guangzhou", f"{g}/examples/guangzhou-internet-court-2021.json", str(court),
                      "--format", "json"]),
        ("score", 1, ["score", "tests/diagnostics/unknown_name.rubric", str(court), "--format", "json"]),
        ("score", 0, ["score", "rulesets/examples/2024.rubric", "rulesets/examples/examples/example-department-2024.json",
                      "--cohort", "rulesets/examples/examples/departments-2024.csv", "--format", "json"]),
        ("check", 0, ["check", f"{g}/2023.rubric", f"{g}/2021.rubric", "--format", "json"]),
        ("check", 1, ["check", f"{g}/2023.rubric", "tests/diagnostics/unknown_name.rubric", "tests/diagnostics/analysis_tiers.rubric",
                      "--format", "json"]),
        ("check", 1, ["check", "tests/diagnostics/veto_syntax.rubric", "--format", "json"]),
        ("test", 0, ["test", "rulesets", "--coverage", "--format", "json"]),
        ("test", 3, ["test", f"{g}/2023.rubric", "--filter", "没有这样的情形", "--format", "json"]),
        ("diff", 0, ["diff", f"{g}/2021.rubric", f"{g}/2023.rubric", "--format", "json"]),
        ("diff", 0, ["diff", str(work / "old.rubric"), str(work / "new.rubric"), "--format", "json"]),
        ("audit", 4, ["audit", f"{g}/2023.rubric", str(court), str(typo), "--allow-unknown-facts", "--format", "json"]),
        ("audit", 3, ["audit", f"{g}/2023.rubric", str(court), str(not_json), "--format", "json"]),
        ("audit", 1, ["audit", "tests/diagnostics/unknown_name.rubric", str(court), "--format", "json"]),
        ("diff", 3, ["diff", f"{g}/2021.rubric", f"{g}/2023.rubric", "--allow-unknown-facts", "--facts", f"{g}/examples/departments-2023.csv",
                     "--format", "json"]),
        ("whatif", 0, ["whatif", f"{g}/2023.rubric", str(court), "--target", "98", "--format", "json"]),
        ("whatif", 0, ["whatif", f"{g}/2023.rubric", str(court), "--target", "97.5", "--format", "json", "--lang", "zh"]),
        ("whatif", 0, ["whatif", f"{g}/2023.rubric", str(court), "--format", "json"]),
        ("whatif", 0, ["whatif", "rulesets/examples/2024.rubric", "rulesets/examples/examples/example-department-2024.json",
                       "--cohort", "rulesets/examples/examples/departments-2024.csv", "--target", "98.3", "--format", "json"]),
        ("whatif", 3, ["whatif", f"{g}/2023.rubric", str(typo), "--format", "json"]),
        ("whatif", 1, ["whatif", "tests/diagnostics/unknown_name.rubric", str(court), "--format", "json"]),
    ]
    failed = 0
    documents = {}
    for name, expected_exit, args in cases:
        shown = "rubric " + " ".join(args)
        run = subprocess.run([rubric, *args], cwd=ROOT, capture_output=True, text=True,
                             env={**os.environ, "LC_ALL": "C.UTF-8"})
        problems = []
        if run.returncode != expected_exit:
            problems.append(f"exit {run.returncode}, expected {expected_exit}\n{run.stderr}")
        try:
            document = json.loads(run.stdout, parse_float=decimal.Decimal)
        except json.JSONDecodeError as e:
            problems.append(f"standard output is not one JSON document: {e}\n{run.stdout[:500]}")
            document = None
        if document is not None:
            documents.setdefault(name, document)
            for error in validator(name, schemas).iter_errors(document):
                where = "/".join(str(p) for p in error.absolute_path) or "(the document)"
                problems.append(f"{where}: {error.message}")
        failed += report(shown, problems)
    print(f"{len(cases) - failed} of {len(cases)} documents valid")
    failed += batch_rows(rubric, work, validator("batch-row", schemas))
    failed += refuses_what_is_wrong(documents["score"], validator("score", schemas))
    return 1 if failed else 0


def report(shown, problems):
    """Prints a case's outcome; 1 when it failed."""
    if not problems:
        print(f"ok   {shown}")
        return 0
    print(f"FAIL {shown}")
    for p in problems[:10]:
        print("   ", p)
    return 1


def batch_rows(rubric, work, check):
    """Every line of a batch's JSON Lines results: departments scored and not, from CSV and from
    JSON Lines, with vetoes."""
    failed = 0
    jsonl = work / "in.jsonl"
    jsonl.write_text('{"department": "甲", "year": 2024, "facts": {"budget_execution": "96%"}}\n'
                     '{"department": "乙", "year": 2024, "facts": {"budget_execution": "abc"}}\n'
                     "not json\n", encoding="utf-8")
    for args in (["rulesets/guangzhou/2023.rubric", "rulesets/guangzhou/examples/departments-2023.csv"],
                 ["rulesets/examples/2024.rubric", "rulesets/examples/examples/departments-2024.csv"],
                 ["rulesets/examples/2024.rubric", str(jsonl)]):
        out = work / "out.jsonl"
        shown = "rubric batch " + " ".join(args) + " -o out.jsonl"
        run = subprocess.run([rubric, "batch", *args, "-o", str(out), "-q"], cwd=ROOT, capture_output=True, text=True,
                             env={**os.environ, "LC_ALL": "C.UTF-8"})
        problems = [] if run.returncode in (0, 3) else [f"exit {run.returncode}\n{run.stderr}"]
        lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
        if not lines:
            problems.append("no rows written")
        for n, line in enumerate(lines, 1):
            for error in check.iter_errors(json.loads(line, parse_float=decimal.Decimal)):
                where = "/".join(str(p) for p in error.absolute_path) or "(the row)"
                problems.append(f"line {n}: {where}: {error.message}")
        failed += report(f"{shown} ({len(lines)} rows)", problems)
    return failed


def refuses_what_is_wrong(score, check):
    """The schema is not a formality: a total written as a string, a missing member, an unknown
    member, a diagnostic without a code, a wrong major version are each refused."""
    import copy
    mutations = {
        "a total as a string": lambda d: d["results"][0].__setitem__("total", "95.99"),
        "no results": lambda d: d.pop("results"),
        "an unknown member": lambda d: d["results"][0].__setitem__("totl", 1),
        "schema_version 2.0": lambda d: d.__setitem__("schema_version", "2.0"),
        "a diagnostic without a code": lambda d: d["results"][0]["diagnostics"].append({"severity": "error", "message": "x", "file": "f"}),
        "a section without points": lambda d: d["results"][0]["sections"][0].pop("points"),
    }
    failed = 0
    for what, mutate in mutations.items():
        document = copy.deepcopy(score)
        mutate(document)
        if check.is_valid(document):
            print(f"FAIL the score schema accepts {what}")
            failed += 1
        else:
            print(f"ok   the score schema refuses {what}")
    return failed


if __name__ == "__main__":
    sys.exit(main())
