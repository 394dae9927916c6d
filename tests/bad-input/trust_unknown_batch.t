A batch column that is not a fact (other than id, department, year and `_` comments) stops the batch before anything is scored: ignored, it would leave its fact at the default in every row. A JSON Lines key is an error of its row. --allow-unknown-facts makes both warnings.
  $ printf 'id,department,a,bb,_备注\nD1,甲,79.995,10,x\n' > d.csv
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" d.csv -o out.csv
  error: d.csv: line 1: column "bb": the ruleset has no fact "bb" [E0614]
    = help: did you mean "b"? the columns are id, department, year, the facts of the ruleset (`rubric facts RULESET --format batch` writes them) and comment columns starting with "_"; --allow-unknown-facts ignores other columns with a warning
  [3]
  $ ls
  d.csv
  $ rubric batch --allow-unknown-facts "$SRC/tests/bad-input/trust-total/ruleset.rubric" d.csv -o out.csv
  warning: column "bb": the ruleset has no fact "bb"; the column is ignored
  rows: 1, errors: 1 (row 1)
  grades: 优 0, 良 0, 中 0, 差 0
  [3]
  $ printf 'id,name,a,b\nD1,甲,79.995,10\n' > named.csv
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" named.csv -o out.csv
  error: named.csv: line 1: column "name": the ruleset has no fact "name" [E0614]
    = help: the department's name goes in the column "department", or say which column holds it: --name-column name; the columns are id, department, year, the facts of the ruleset (`rubric facts RULESET --format batch` writes them) and comment columns starting with "_"; --allow-unknown-facts ignores other columns with a warning
  [3]
  $ printf '%s\n' '{"department":"甲","year":2023,"facts":{"a":79.995,"b":10,"bb":1}}' '{"department":"乙","year":2023,"facts":{"a":80,"b":10},"_note":"x","yaer":2023}' > d.jsonl
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" d.jsonl -o out.jsonl
  rows: 2, errors: 2 (rows 1, 2)
  grades: 优 0, 良 0, 中 0, 差 0
  [3]
  $ cat out.jsonl
  {"row":1,"id":"1","department":"","total":null,"grade":null,"scores":{"甲":null,"乙":null},"vetoes":[],"error":"facts.bb: unknown fact \"bb\"","diagnostics":[{"code":"E0610","message":"unknown fact \"bb\"","path":"facts.bb"}]}
  {"row":2,"id":"2","department":"","total":null,"grade":null,"scores":{"甲":null,"乙":null},"vetoes":[],"error":"yaer: unknown key \"yaer\"","diagnostics":[{"code":"E0610","message":"unknown key \"yaer\"","path":"yaer"}]}
  $ rubric batch --allow-unknown-facts "$SRC/tests/bad-input/trust-total/ruleset.rubric" d.jsonl -o out.jsonl
  rows: 2, errors: 0
  grades: 优 1, 良 1, 中 0, 差 0
  total: mean 89.998, min 89.995, max 90.000
  $ cat out.jsonl
  {"row":1,"id":"甲","department":"甲","total":89.995,"grade":"良","scores":{"甲":79.995,"乙":10.00},"vetoes":[],"error":null,"diagnostics":[]}
  {"row":2,"id":"乙","department":"乙","total":90.000,"grade":"优","scores":{"甲":80.000,"乙":10.00},"vetoes":[],"error":null,"diagnostics":[]}
