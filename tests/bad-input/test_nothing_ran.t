A test run that runs no case fails (exit 3) and says why: no tests at all (E1101), or a --filter that matches no case (E1102), in text and JSON alike. A run where some case matched still passes.
  $ cp "$SRC/tests/bad-input/trust-total/ruleset.rubric" 2023.rubric
  $ rubric test 2023.rubric
  2023.rubric: 0 passed, 0 failed
  0 passed, 0 failed
  error: the ruleset has no tests [E1101]
    = help: write `test` blocks in the ruleset, or a NAME.test.rubric beside NAME.rubric (docs/language.md, "Tests"); `rubric test --boundaries` writes a first file of cases
  [3]
  $ mkdir two && cp 2023.rubric two/a.rubric && cp 2023.rubric two/b.rubric
  $ rubric test two
  two/a.rubric: 0 passed, 0 failed
  two/b.rubric: 0 passed, 0 failed
  0 passed, 0 failed
  error: none of the rulesets has tests [E1101]
    = help: write `test` blocks in the ruleset, or a NAME.test.rubric beside NAME.rubric (docs/language.md, "Tests"); `rubric test --boundaries` writes a first file of cases
  [3]
  $ printf 'test "合计" {\n  given { "a": 79.995, "b": 10 }\n  case "良" expect total = 89.995\n}\n' > 2023.test.rubric
  $ rubric test 2023.rubric --filter 优
  2023.rubric: 0 passed, 0 failed
  0 passed, 0 failed
  error: --filter "优" matches no case [E1102]
    = help: a case is matched by its name as "test / case"; run without --filter to see them all
  [3]
  $ rubric test 2023.rubric --filter 优 --format json
  {
    "schema": "rubric/test",
    "schema_version": "1.0",
    "rulesets": [
      {
        "ruleset": "2023.rubric",
        "passed": 0,
        "failed": 0,
        "cases": [],
        "diagnostics": []
      }
    ],
    "passed": 0,
    "failed": 0
  }
  error: --filter "优" matches no case [E1102]
    = help: a case is matched by its name as "test / case"; run without --filter to see them all
  [3]
  $ rubric test 2023.rubric --filter 良
  2023.rubric: 1 passed, 0 failed
  1 passed, 0 failed
  $ rubric test 2023.rubric
  2023.rubric: 1 passed, 0 failed
  1 passed, 0 failed
