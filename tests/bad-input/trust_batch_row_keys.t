A JSON Lines row of a batch may name its department's id, as the CSV input's id column does: "id", a string or a whole number as written, is copied to the output's id. Any other id is an error of its row naming "id"; other keys the ruleset does not know are still refused; and a facts file for `rubric score` still has no "id".
  $ printf '%s\n' '{"id":"D1","department":"甲","year":2023,"facts":{"a":79.995,"b":10}}' '{"id":17,"department":"乙","facts":{"a":80,"b":10}}' '{"id":-3,"facts":{"a":1,"b":1}}' '{"department":"丁","facts":{"a":1,"b":1}}' > ids.jsonl
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" ids.jsonl -o out.jsonl
  rows: 4, errors: 0
  grades: 优 1, 良 1, 中 0, 差 2
  total: mean 45.999, min 2.000, max 90.000
  $ cat out.jsonl
  {"row":1,"id":"D1","department":"甲","total":89.995,"grade":"良","scores":{"甲":79.995,"乙":10.00},"vetoes":[],"error":null,"diagnostics":[]}
  {"row":2,"id":"17","department":"乙","total":90.000,"grade":"优","scores":{"甲":80.000,"乙":10.00},"vetoes":[],"error":null,"diagnostics":[]}
  {"row":3,"id":"-3","department":"","total":2.000,"grade":"差","scores":{"甲":1.000,"乙":1.00},"vetoes":[],"error":null,"diagnostics":[]}
  {"row":4,"id":"丁","department":"丁","total":2.000,"grade":"差","scores":{"甲":1.000,"乙":1.00},"vetoes":[],"error":null,"diagnostics":[]}
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" ids.jsonl -o out.csv && cat out.csv
  rows: 4, errors: 0
  grades: 优 1, 良 1, 中 0, 差 2
  total: mean 45.999, min 2.000, max 90.000
  ﻿row,id,department,total,grade,甲,乙,error
  1,D1,甲,89.995,良,79.995,10.00,
  2,17,乙,90.000,优,80.000,10.00,
  3,-3,,2.000,差,1.000,1.00,
  4,丁,丁,2.000,差,1.000,1.00,
  $ printf '%s\n' '{"id":["D1"],"department":"甲","facts":{"a":1,"b":1}}' '{"id":{"code":"D2"},"department":"乙","facts":{"a":1,"b":1}}' '{"id":true,"department":"丙","facts":{"a":1,"b":1}}' '{"id":1.5,"department":"丁","facts":{"a":1,"b":1}}' '{"id":null,"department":"戊","facts":{"a":1,"b":1}}' > bad_ids.jsonl
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" bad_ids.jsonl -o out.jsonl
  rows: 5, errors: 5 (rows 1, 2, 3, 4, 5)
  grades: 优 0, 良 0, 中 0, 差 0
  [3]
  $ cat out.jsonl
  {"row":1,"id":"1","department":"","total":null,"grade":null,"scores":{"甲":null,"乙":null},"vetoes":[],"error":"id: expected the row's id as a string or a whole number, found a list","diagnostics":[{"code":"E0603","message":"expected the row's id as a string or a whole number, found a list","path":"id"}]}
  {"row":2,"id":"2","department":"","total":null,"grade":null,"scores":{"甲":null,"乙":null},"vetoes":[],"error":"id: expected the row's id as a string or a whole number, found an object","diagnostics":[{"code":"E0603","message":"expected the row's id as a string or a whole number, found an object","path":"id"}]}
  {"row":3,"id":"3","department":"","total":null,"grade":null,"scores":{"甲":null,"乙":null},"vetoes":[],"error":"id: expected the row's id as a string or a whole number, found true","diagnostics":[{"code":"E0603","message":"expected the row's id as a string or a whole number, found true","path":"id"}]}
  {"row":4,"id":"4","department":"","total":null,"grade":null,"scores":{"甲":null,"乙":null},"vetoes":[],"error":"id: expected the row's id as a string or a whole number, found the number 1.5","diagnostics":[{"code":"E0603","message":"expected the row's id as a string or a whole number, found the number 1.5","path":"id"}]}
  {"row":5,"id":"5","department":"","total":null,"grade":null,"scores":{"甲":null,"乙":null},"vetoes":[],"error":"id: expected the row's id as a string or a whole number, found null","diagnostics":[{"code":"E0603","message":"expected the row's id as a string or a whole number, found null","path":"id"}]}
  $ printf '%s\n' '{"id":"D1","ID":"x","facts":{"a":1,"b":1}}' '{"id":"D2","facts":{"a":1,"b":1,"id":"D2"}}' '{"id":"D3","facts":{"a":"x","b":1}}' > unknown.jsonl
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" unknown.jsonl -o out.jsonl
  rows: 3, errors: 3 (rows 1, 2, 3)
  grades: 优 0, 良 0, 中 0, 差 0
  [3]
  $ cat out.jsonl
  {"row":1,"id":"D1","department":"","total":null,"grade":null,"scores":{"甲":null,"乙":null},"vetoes":[],"error":"ID: unknown key \"ID\"","diagnostics":[{"code":"E0610","message":"unknown key \"ID\"","path":"ID"}]}
  {"row":2,"id":"D2","department":"","total":null,"grade":null,"scores":{"甲":null,"乙":null},"vetoes":[],"error":"facts.id: unknown fact \"id\"","diagnostics":[{"code":"E0610","message":"unknown fact \"id\"","path":"facts.id"}]}
  {"row":3,"id":"D3","department":"","total":null,"grade":null,"scores":{"甲":null,"乙":null},"vetoes":[],"error":"facts.a: expected a number, found the string \"x\"","diagnostics":[{"code":"E0603","message":"expected a number, found the string \"x\"","path":"facts.a"}]}
  $ printf '%s\n' '{"id":"D1","department":"甲","year":2023,"facts":{"a":79.995,"b":10}}' > facts.json
  $ rubric score "$SRC/tests/bad-input/trust-total/ruleset.rubric" facts.json
  facts.json: id: error: unknown key "id" [E0610]
    = help: the keys of a facts file are "department", "year", "facts", "claimed" and "evidence"; a key starting with "_" is a comment
    = note: a key the ruleset does not declare is refused, not ignored; --allow-unknown-facts ignores such keys with a warning
  facts.json: not scored: the facts have errors
  [3]
