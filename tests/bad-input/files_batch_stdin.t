`rubric batch RULESET - -o OUT` reads the departments from standard input, once, as it streams in (a pipe cannot be read twice): standard input has no extension, so --input-format csv or jsonl says what it holds. Given with a file, --input-format names the format whatever the extension.
  $ cat "$SRC/tests/bad-input/trust-total/departments.csv" | rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" - --input-format csv -o out.csv
  rows: 3, errors: 0
  grades: 优 1, 良 1, 中 1, 差 0
  total: mean 86.663, min 79.995, max 90.000
  $ cat out.csv
  ﻿row,id,department,total,grade,甲,乙,error
  1,D1,测试部门,89.995,良,79.995,10.00,
  2,D2,满分部门,90.000,优,80.000,10.00,
  3,D3,低分部门,79.995,中,70.005,9.99,
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" - --input-format jsonl -o out.jsonl < "$SRC/tests/bad-input/trust-total/departments.jsonl"
  rows: 1, errors: 0
  grades: 优 0, 良 1, 中 0, 差 0
  total: mean 89.995, min 89.995, max 89.995
  $ cat out.jsonl
  {"row":1,"id":"测试部门","department":"测试部门","total":89.995,"grade":"良","scores":{"甲":79.995,"乙":10.00},"vetoes":[],"error":null,"diagnostics":[]}
  $ cat "$SRC/tests/bad-input/trust-total/departments.csv" | rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" - -o out.csv
  error: standard input has no extension to tell its format: give --input-format csv or --input-format jsonl
  [2]
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" - --input-format xlsx -o out.csv < /dev/null
  --input-format: 'xlsx' is not one of csv, jsonl
  Run with --help for more information.
  [2]
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" - --input-format csv -o out.csv < /dev/null
  error: <stdin>: the file is empty; the first line must name the columns
  [3]
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" - --input-format jsonl -o out.jsonl < /dev/null
  rows: 0, errors: 0
  grades: 优 0, 良 0, 中 0, 差 0
  $ cat out.jsonl
  $ cp "$SRC/tests/bad-input/trust-total/departments.csv" departments.txt
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" departments.txt -o out.csv
  error: departments.txt: the input must be .csv, .jsonl or .ndjson (or give its format with --input-format csv|jsonl)
  [2]
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" departments.txt --input-format csv -o out.csv
  rows: 3, errors: 0
  grades: 优 1, 良 1, 中 1, 差 0
  total: mean 86.663, min 79.995, max 90.000
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" - --input-format csv -o out.csv < out.csv
  error: -o out.csv is the input: rubric does not write over its inputs [E1001]
    = help: give -o another file
  [2]
