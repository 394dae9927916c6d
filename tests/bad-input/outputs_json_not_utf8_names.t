File names that are not UTF-8 (部门.json saved in GBK on a Windows share: bytes B2 BF C3 C5) in every JSON output: each byte that is not UTF-8 is written as U+FFFD, the JSON stays valid, and nothing aborts with "terminate called".
  $ printf '{"department": "部门", "year": 2023, "facts": {"rate": "95%%"}}' > "$(printf '\262\277\303\305.json')"
  $ cp "$SRC/tests/bad-input/outputs/r.rubric" "$(printf '\262\277.rubric')"
  $ rubric score "$SRC/tests/bad-input/outputs/r.rubric" "$(printf '\262\277\303\305.json')" --format json > out.json; echo "exit $?"
  exit 0
  $ python3 -c 'import json; d = json.load(open("out.json", encoding="utf-8")); print(d["results"][0]["file"], d["results"][0]["total"], d["results"][0]["grade"])'
  ����.json 9.5 优
  $ rubric score "$(printf '\262\277.rubric')" "$(printf '\262\277\303\305.json')" --format json > out.json; echo "exit $?"
  exit 0
  $ python3 -c 'import json; d = json.load(open("out.json", encoding="utf-8")); print(d["rulesets"][0]["file"], d["results"][0]["file"])'
  ��.rubric ����.json
A facts file with an error, under a GBK name: the diagnostic's file in the JSON, and the name on the terminal shown byte by byte.
  $ printf '{"department": "部门", "year": 2023, "facts": {"rate": "abc"}}' > "$(printf '\262\277\303\305.json')"
  $ rubric score "$SRC/tests/bad-input/outputs/r.rubric" "$(printf '\262\277\303\305.json')" --format json > out.json; echo "exit $?"
  \x{b2}\x{bf}\x{c3}\x{c5}.json: facts.rate: error: expected a percent, found the string "abc" [E0603]
    = help: write a percent as "99.5%" or as the fraction 0.995
    = note: the fact: “预算执行率”
  \x{b2}\x{bf}\x{c3}\x{c5}.json: not scored: the facts have errors
  exit 3
  $ python3 -c 'import json; d = json.load(open("out.json", encoding="utf-8")); print(d)' 2>&1 | tail -c 300
  ions': [], 'diagnostics': [{'severity': 'error', 'code': 'E0603', 'message': 'expected a percent, found the string "abc"', 'file': '����.json', 'path': 'facts.rate', 'help': 'write a percent as "99.5%" or as the fraction 0.995', 'notes': [{'message': 'the fact: “预算执行率”'}]}]}]}
`rubric test --format json` and `rubric diff --format json` on rulesets with GBK names.
  $ rubric test "$(printf '\262\277.rubric')" --format json > test.json; echo "exit $?"
  error: the ruleset has no tests [E1101]
    = help: write `test` blocks in the ruleset, or a NAME.test.rubric beside NAME.rubric (docs/language.md, "Tests"); `rubric test --boundaries` writes a first file of cases
  exit 3
  $ python3 -c 'import json; d = json.load(open("test.json", encoding="utf-8")); print(d["rulesets"][0]["ruleset"])'
  ��.rubric
  $ cp "$SRC/tests/bad-input/outputs/r.rubric" "$(printf '\303\305.rubric')"
  $ rubric diff "$(printf '\262\277.rubric')" "$(printf '\303\305.rubric')" --format json > diff.json; echo "exit $?"
  exit 0
  $ python3 -c 'import json; d = json.load(open("diff.json", encoding="utf-8")); print(d["old"], d["new"], len(d["changes"]))'
  ��.rubric ��.rubric 0
A batch whose department cells are GBK: the JSON Lines results are UTF-8 too.
  $ printf 'id,department,rate\nd1,\262\277\303\305,95%%\n' > in.csv
  $ rubric batch "$SRC/tests/bad-input/outputs/r.rubric" in.csv -o out.jsonl -q
  rows: 1, errors: 1 (row 1)
  grades: 优 0, 良 0, 差 0
  [3]
  $ python3 -c 'import json; [print(json.loads(l)["department"]) for l in open("out.jsonl", encoding="utf-8")]'
  ����
