One rule for a percent in every input format (docs/decimals.md, "How a number is written"): `94.78` is ambiguous (94.78% or 9478%?) and refused in a JSON facts file, a JSON Lines row and a CSV cell alike; `94.78%` and the fraction `0.9478` mean 94.78% in all three.
  $ printf '{"department":"甲","year":2023,"facts":{"monthly_execution":[94.78]}}\n' > plain.json
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" plain.json 2>&1 | grep -A1 E0612
  plain.json: facts.monthly_execution[0]: error: the number 94.78 is ambiguous for a percent: it could mean 94.78% or 9478% [E0612]
    = help: write a percent with its sign, "94.78%", or as a fraction from -1 to 1, e.g. 0.9478 for 94.78%
  $ printf 'id,department,monthly_execution.1,monthly_execution.2\nD1,甲,94.78,100%%\nD2,乙,94.78%%,100%%\nD3,丙,0.9478,1\nD4,丁,1.5,100%%\nD5,戊,-2,100%%\nD6,己,"94,78%%",100%%\n' > cells.csv
  $ rubric batch "$SRC/tests/bad-input/trust-percent/ruleset.rubric" cells.csv -o out.csv
  rows: 6, errors: 4 (rows 1, 4, 5, 6)
  grades: 优 2, 良 0, 中 0, 差 0
  total: mean 9.74, min 9.74, max 9.74
  [3]
  $ cat out.csv
  ﻿row,id,department,total,grade,部门预算资金支出率,error
  1,D1,甲,,,,column monthly_execution.1: the number 94.78 is ambiguous for a percent: it could mean 94.78% or 9478%
  2,D2,乙,9.74,优,9.74,
  3,D3,丙,9.74,优,9.74,
  4,D4,丁,,,,column monthly_execution.1: the number 1.5 is ambiguous for a percent: it could mean 1.5% or 150%
  5,D5,戊,,,,column monthly_execution.1: the number -2 is ambiguous for a percent: it could mean -2% or -200%
  6,D6,己,,,,"column monthly_execution.1: expected a percent, found ""94,78%"" with a comma; write the number with a point for decimals and no separators"
  $ printf '%s\n' '{"department":"甲","facts":{"monthly_execution":[94.78,"100%"]}}' '{"department":"乙","facts":{"monthly_execution":["94.78%","100%"]}}' '{"department":"丙","facts":{"monthly_execution":[0.9478,1]}}' '{"department":"丁","facts":{"monthly_execution":["94.78","100%"]}}' > rows.jsonl
  $ rubric batch "$SRC/tests/bad-input/trust-percent/ruleset.rubric" rows.jsonl -o out.jsonl
  rows: 4, errors: 2 (rows 1, 4)
  grades: 优 2, 良 0, 中 0, 差 0
  total: mean 9.74, min 9.74, max 9.74
  [3]
  $ cat out.jsonl
  {"row":1,"id":"1","department":"","total":null,"grade":null,"scores":{"部门预算资金支出率":null},"vetoes":[],"error":"facts.monthly_execution[0]: the number 94.78 is ambiguous for a percent: it could mean 94.78% or 9478%","diagnostics":[{"code":"E0612","message":"the number 94.78 is ambiguous for a percent: it could mean 94.78% or 9478%","path":"facts.monthly_execution[0]"}]}
  {"row":2,"id":"乙","department":"乙","total":9.74,"grade":"优","scores":{"部门预算资金支出率":9.74},"vetoes":[],"error":null,"diagnostics":[]}
  {"row":3,"id":"丙","department":"丙","total":9.74,"grade":"优","scores":{"部门预算资金支出率":9.74},"vetoes":[],"error":null,"diagnostics":[]}
  {"row":4,"id":"4","department":"","total":null,"grade":null,"scores":{"部门预算资金支出率":null},"vetoes":[],"error":"facts.monthly_execution[0]: expected a percent, found the string \"94.78\"","diagnostics":[{"code":"E0603","message":"expected a percent, found the string \"94.78\"","path":"facts.monthly_execution[0]"}]}
