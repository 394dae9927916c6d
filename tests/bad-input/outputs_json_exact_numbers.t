Exact decimals are JSON numbers, and a string that looks like the old marker of one (U+0001 and digits) stays a string: a department named "\u000195.99" must not become the number 95.99.
  $ printf '{"department": "\\u000195.99", "year": 2023, "facts": {"rate": "95%%"}}' > facts.json
  $ rubric score "$SRC/tests/bad-input/outputs/r.rubric" facts.json --format json > out.json; echo "exit $?"
  exit 0
  $ grep -e '"department"' -e '"total"' -e '"score"' out.json
        "total": 10,
        "department": "\u000195.99",
        "total": 9.5,
            "score": 9.5,
  $ python3 -c 'import json; d = json.load(open("out.json")); print(type(d["results"][0]["department"]).__name__, repr(d["results"][0]["department"]), type(d["results"][0]["total"]).__name__)'
  str '\x0195.99' float
The marker alone, the marker and a quote, the marker in a claimed score's place: strings all.
  $ printf '{"department": "\\u0001", "year": 2023, "facts": {"rate": "95%%"}}' > facts.json
  $ rubric score "$SRC/tests/bad-input/outputs/r.rubric" facts.json --format json | grep '"department"'
        "department": "\u0001",
  $ printf '{"department": "\\u0001\\"1", "year": 2023, "facts": {"rate": "95%%"}}' > facts.json
  $ rubric score "$SRC/tests/bad-input/outputs/r.rubric" facts.json --format json | grep '"department"'
        "department": "\u0001\"1",
  $ printf '{"department": "\\u0001null", "year": 2023, "facts": {"rate": "100%%"}}' > facts.json
  $ rubric score "$SRC/tests/bad-input/outputs/r.rubric" facts.json --format json | python3 -c 'import json, sys; d = json.load(sys.stdin); print(repr(d["results"][0]["department"]), d["results"][0]["total"], d["results"][0]["sections"][0]["score"])'
  '\x01null' 10 10
