The names inside facts: an enum member cut short ("按时" for 按时公开) is now suggested like a misspelt one, unless several members hold it ("公开"); a misspelt fact name, in a facts file or as a CSV column, names the fact meant.
  $ sed 's/"budget_disclosure": "按时公开"/"budget_disclosure": "按时"/' "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" > cut.json
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" cut.json
  cut.json: facts.budget_disclosure: error: "按时" is not one of 按时公开, 逾期公开, 未公开 [E0605]
    = help: did you mean "按时公开"?
    = note: the fact: “部门预算公开情况（财政部门批复后20日内公开为按时）”
  cut.json: not scored: the facts have errors
  [3]
  $ sed 's/"budget_disclosure": "按时公开"/"budget_disclosure": "公开"/' "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" > common.json
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" common.json
  common.json: facts.budget_disclosure: error: "公开" is not one of 按时公开, 逾期公开, 未公开 [E0605]
    = note: the fact: “部门预算公开情况（财政部门批复后20日内公开为按时）”
  common.json: not scored: the facts have errors
  [3]
  $ sed 's/"budget_disclosure": "按时公开"/"budget_disclosure": "按时公布"/' "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" > typo.json
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" typo.json
  typo.json: facts.budget_disclosure: error: "按时公布" is not one of 按时公开, 逾期公开, 未公开 [E0605]
    = help: did you mean "按时公开"?
    = note: the fact: “部门预算公开情况（财政部门批复后20日内公开为按时）”
  typo.json: not scored: the facts have errors
  [3]
  $ sed 's/"audit_issues"/"audit_isues"/' "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" > name.json
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" name.json
  name.json: facts.audit_isues: error: unknown fact "audit_isues" [E0610]
    = help: did you mean "audit_issues"?
    = note: a key the ruleset does not declare is refused, not ignored; --allow-unknown-facts ignores such keys with a warning
  name.json: not scored: the facts have errors
  [3]
  $ rubric facts "$SRC/rulesets/guangzhou/2023.rubric" --format batch > blank.csv
  $ head -n 1 blank.csv | sed 's/audit_issues/audit_isues/' > columns.csv
  $ rubric batch "$SRC/rulesets/guangzhou/2023.rubric" columns.csv -o out.csv
  error: columns.csv: line 1: column "audit_isues": the ruleset has no fact "audit_isues" [E0614]
    = help: did you mean "audit_issues"? the columns are id, department, year, the facts of the ruleset (`rubric facts RULESET --format batch` writes them) and comment columns starting with "_"; --allow-unknown-facts ignores other columns with a warning
  [3]
