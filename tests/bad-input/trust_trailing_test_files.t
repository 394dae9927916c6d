A test file's facts (`given file`, and a case's `with {…}` over them) are read with the same rule: text after the JSON value is an error, not ignored. Here the second document would have set a to 0.
  $ cp "$SRC/tests/bad-input/trust-total/ruleset.rubric" 2023.rubric
  $ printf '{"department":"甲","year":2023,"facts":{"a":79.995,"b":10}}\n{"facts":{"a":0}}\n' > facts.json
  $ printf 'test "合计" {\n  given file "facts.json"\n  case "良" expect total = 89.995\n  case "优" with { "a": 80 } expect grade = 优\n}\n' > 2023.test.rubric
  $ rubric test 2023.rubric
  2023.rubric: 0 passed, 2 failed
    ✗ 合计 / 良 (2023.test.rubric:3)
      the facts were refused:
  合计 / 良:2:1: error: invalid JSON: text '{' after the end of the JSON value [E0613]
   2 | {"facts":{"a":0}}
     | ^
    = help: a facts document is one JSON value; remove what follows it (another department goes in a file, or a JSON Lines line, of its own)
  
    ✗ 合计 / 优 (2023.test.rubric:4)
      facts: line 2, column 1: invalid JSON: text '{' after the end of the JSON value
  0 passed, 2 failed
  [3]
  $ printf '{"department":"甲","year":2023,"facts":{"a":79.995,"b":10}}\n' > facts.json
  $ rubric test 2023.rubric
  2023.rubric: 2 passed, 0 failed
  2 passed, 0 failed
A facts file with a key the ruleset does not declare fails the case too, unless --allow-unknown-facts.
  $ printf '{"department":"甲","year":2023,"facts":{"a":79.995,"b":10,"c":1}}\n' > facts.json
  $ rubric test 2023.rubric
  2023.rubric: 0 passed, 2 failed
    ✗ 合计 / 良 (2023.test.rubric:3)
      the facts were refused:
  合计 / 良: facts.c: error: unknown fact "c" [E0610]
    = help: `rubric facts RULESET` lists the facts the ruleset declares
    = note: a key the ruleset does not declare is refused, not ignored; --allow-unknown-facts ignores such keys with a warning
  
    ✗ 合计 / 优 (2023.test.rubric:4)
      the facts were refused:
  合计 / 优: facts.c: error: unknown fact "c" [E0610]
    = help: `rubric facts RULESET` lists the facts the ruleset declares
    = note: a key the ruleset does not declare is refused, not ignored; --allow-unknown-facts ignores such keys with a warning
  
  0 passed, 2 failed
  [3]
  $ rubric test --allow-unknown-facts 2023.rubric
  2023.rubric: 2 passed, 0 failed
  2 passed, 0 failed
