The batch results, with the compiled plan and with the tree evaluator, CSV and JSON Lines, and its summary and report: the same totals as `score`, each beside the grade it has. D1: 79.995 + 10 = 89.995 (良); D2: 80 + 10 = 90.000 (优); D3: 70.005 + 9.99 = 79.995 (中).
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" "$SRC/tests/bad-input/trust-total/departments.csv" -o plan.csv --top 3
  rows: 3, errors: 0
  grades: 优 1, 良 1, 中 1, 差 0
  total: mean 86.663, min 79.995, max 90.000
  top 3:
      1.  90.000  优  row 2  D2  满分部门
      2.  89.995  良  row 1  D1  测试部门
      3.  79.995  中  row 3  D3  低分部门
  $ cat plan.csv
  ﻿row,id,department,total,grade,甲,乙,error
  1,D1,测试部门,89.995,良,79.995,10.00,
  2,D2,满分部门,90.000,优,80.000,10.00,
  3,D3,低分部门,79.995,中,70.005,9.99,
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" "$SRC/tests/bad-input/trust-total/departments.csv" -o tree.csv --tree-evaluator
  rows: 3, errors: 0
  grades: 优 1, 良 1, 中 1, 差 0
  total: mean 86.663, min 79.995, max 90.000
  $ cmp plan.csv tree.csv && echo same
  same
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" "$SRC/tests/bad-input/trust-total/departments.jsonl" -o out.jsonl
  rows: 1, errors: 0
  grades: 优 0, 良 1, 中 0, 差 0
  total: mean 89.995, min 89.995, max 89.995
  $ cat out.jsonl
  {"row":1,"id":"测试部门","department":"测试部门","total":89.995,"grade":"良","scores":{"甲":79.995,"乙":10.00},"vetoes":[],"error":null,"diagnostics":[]}
  $ rubric batch "$SRC/tests/bad-input/trust-total/ruleset.rubric" "$SRC/tests/bad-input/trust-total/departments.csv" -o r.csv --report r.html
  rows: 3, errors: 0
  grades: 优 1, 良 1, 中 1, 差 0
  total: mean 86.663, min 79.995, max 90.000
  wrote r.html
  $ grep -o '<td[^>]*>[0-9]*\.[0-9]*</td><td[^>]*>[优良中差]' r.html
  <td class="num">90.000</td><td class="num">优
  <td class="num">89.995</td><td class="num">良
  <td class="num">79.995</td><td class="num">中
