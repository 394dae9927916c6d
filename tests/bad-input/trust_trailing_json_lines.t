Anything after a JSON value is an error with its column, in a JSON Lines row as in a facts file: `{…}{…}` on one line is not two departments, nor one with the second lost.
  $ printf '%s\n' '{"department":"甲","year":2023,"facts":{"a":79.995,"b":10}}{"department":"乙","year":2023,"facts":{"a":1,"b":1}}' '{"department":"丙","year":2023,"facts":{"a":80,"b":10}} ,' '{"department":"丁","year":2023,"facts":{"a":80,"b":10}}   ' > d.jsonl
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" d.jsonl -o out.jsonl
  rows: 3, errors: 2 (rows 1, 2)
  grades: 优 1, 良 0, 中 0, 差 0
  total: mean 90.000, min 90.000, max 90.000
  [3]
  $ cat out.jsonl
  {"row":1,"id":"1","department":"","total":null,"grade":null,"scores":{"甲":null,"乙":null},"vetoes":[],"error":"at column 59: invalid JSON: text '{' after the end of the JSON value","diagnostics":[{"code":"E0613","message":"at column 59: invalid JSON: text '{' after the end of the JSON value"}]}
  {"row":2,"id":"2","department":"","total":null,"grade":null,"scores":{"甲":null,"乙":null},"vetoes":[],"error":"at column 56: invalid JSON: text ',' after the end of the JSON value","diagnostics":[{"code":"E0613","message":"at column 56: invalid JSON: text ',' after the end of the JSON value"}]}
  {"row":3,"id":"丁","department":"丁","total":90.000,"grade":"优","scores":{"甲":80.000,"乙":10.00},"vetoes":[],"error":null,"diagnostics":[]}
