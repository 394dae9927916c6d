A spreadsheet names its columns in its own words (编号, 部门名称). `--id-column` and `--name-column` say which columns hold each department's id and name, named exactly as in the header; without them the id is the column "id" and the name the column "department", and any other name is an unknown column that stops the batch, never a column silently ignored (the results would carry no name).
  $ cp "$SRC/tests/bad-input/trust-total/ruleset.rubric" r.rubric
  $ printf '编号,部门名称,a,b\nD1,甲局,79.995,10\nD2,乙局,80,10\n' > d.csv
  $ rubric batch r.rubric d.csv -o out.csv
  error: d.csv: line 1: column "编号": the ruleset has no fact "编号" [E0614]
    = help: the department's id goes in the column "id", or say which column holds it: --id-column 编号; the columns are id, department, year, the facts of the ruleset (`rubric facts RULESET --format batch` writes them) and comment columns starting with "_"; --allow-unknown-facts ignores other columns with a warning
  [3]
  $ rubric batch r.rubric d.csv -o out.csv --id-column 编号
  error: d.csv: line 1: column "部门名称": the ruleset has no fact "部门名称" [E0614]
    = help: the department's name goes in the column "department", or say which column holds it: --name-column 部门名称; the columns are 编号, department, year, the facts of the ruleset (`rubric facts RULESET --format batch` writes them) and comment columns starting with "_"; --allow-unknown-facts ignores other columns with a warning
  [3]
  $ rubric batch r.rubric d.csv -o out.csv --id-column 编号 --name-column 部门名称
  rows: 2, errors: 0
  grades: 优 1, 良 1, 中 0, 差 0
  total: mean 89.998, min 89.995, max 90.000
  $ cat out.csv
  ﻿row,id,department,total,grade,甲,乙,error
  1,D1,甲局,89.995,良,79.995,10.00,
  2,D2,乙局,90.000,优,80.000,10.00,
The column named must be in the header, written as there (a did-you-mean otherwise), and must not be a fact's or the year's column: it cannot be both.
  $ rubric batch r.rubric d.csv -o out.csv --id-column 编码
  error: d.csv: line 1: --id-column 编码: the header has no column "编码" [E0615]
    = help: did you mean "编号"? name a column of the first line exactly as it is written there
  [3]
  $ rubric batch r.rubric d.csv -o out.csv --name-column '部门 名称'
  error: d.csv: line 1: --name-column '部门 名称': the header has no column "部门 名称" [E0615]
    = help: did you mean "部门名称"? name a column of the first line exactly as it is written there
  [3]
  $ rubric batch r.rubric d.csv -o out.csv --name-column a
  error: d.csv: line 1: --name-column a: the column "a" is the fact "a" of the ruleset; it cannot also be the department's name [E0615]
  [3]
  $ printf 'year,部门名称,a,b\n2023,甲局,79.995,10\n' > y.csv
  $ rubric batch r.rubric y.csv -o out.csv --id-column year
  error: y.csv: line 1: --id-column year: the column "year" is the year; it cannot also be the department's id [E0615]
  [3]
  $ rubric batch r.rubric d.csv -o out.csv --name-column ''
  --name-column: the column's name is empty
  Run with --help for more information.
  [2]
One column may be both the id and the name. Once another column is the id, a column "id" is a column like any other: here an unknown fact.
  $ printf '部门名称,a,b\n甲局,79.995,10\n' > one.csv
  $ rubric batch r.rubric one.csv -o out.csv --id-column 部门名称 --name-column 部门名称 && cat out.csv
  rows: 1, errors: 0
  grades: 优 0, 良 1, 中 0, 差 0
  total: mean 89.995, min 89.995, max 89.995
  ﻿row,id,department,total,grade,甲,乙,error
  1,甲局,甲局,89.995,良,79.995,10.00,
  $ printf 'id,编号,department,a,b\n1,D1,甲局,79.995,10\n' > both.csv
  $ rubric batch r.rubric both.csv -o out.csv --id-column 编号
  error: both.csv: line 1: column "id": the ruleset has no fact "id" [E0614]
    = help: the id is the column "编号" (--id-column); the columns are 编号, department, year, the facts of the ruleset (`rubric facts RULESET --format batch` writes them) and comment columns starting with "_"; --allow-unknown-facts ignores other columns with a warning
  [3]
A column name with spaces around it (as a spreadsheet cell can hold) is not the column without them; the hint says so.
  $ printf 'id,department ,a,b\nD1,甲局,79.995,10\n' > spaced.csv
  $ rubric batch r.rubric spaced.csv -o out.csv
  error: spaced.csv: line 1: column "department ": the ruleset has no fact "department " [E0614]
    = help: the column's name has spaces around it: without them it is "department"; the columns are id, department, year, the facts of the ruleset (`rubric facts RULESET --format batch` writes them) and comment columns starting with "_"; --allow-unknown-facts ignores other columns with a warning
  [3]
The options name CSV columns. A JSON Lines row is a facts document, whose id and name are its keys "id" and "department": naming another key is an error, not an option silently unused.
  $ printf '%s\n' '{"id":"D1","department":"甲局","facts":{"a":79.995,"b":10}}' > d.jsonl
  $ rubric batch r.rubric d.jsonl -o out.csv --name-column 部门名称
  error: d.jsonl: --name-column names a CSV column; a JSON Lines row is a facts document, whose id and name are its keys "id" and "department" [E0615]
  [3]
`rubric diff --facts` reads a batch input as `rubric batch` does, with the same options.
  $ sed 's/优 >= 90/优 >= 89.99/' r.rubric > new.rubric
  $ rubric diff r.rubric new.rubric --facts d.csv --id-column 编号 --name-column 部门名称 | sed -n '/^Impact on/,/^Summary/p' | tail -n 4
    部门  old total  old  new total  new    change
    甲局     89.995  良      89.995  优          0  grade 良 → 优
    乙局         90  优          90  优          0
  Summary: 2 departments scored under both; 0 change total; 1 changes grade (1 up, 0 down)
  $ rubric diff r.rubric new.rubric --facts d.csv --name-column 名称 > /dev/null
  error: old ruleset: d.csv: line 1: --name-column 名称: the header has no column "名称" [E0615]
    = help: did you mean "部门名称"? name a column of the first line exactly as it is written there
  [3]
  $ rubric diff r.rubric new.rubric --facts d.jsonl --id-column 编号 > /dev/null
  error: --id-column names a column of a CSV file given with --facts; there is none
  [2]
