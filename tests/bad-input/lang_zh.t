Messages in Chinese: `--lang zh`, or LC_ALL, LC_MESSAGES or LANG naming Chinese (the first one set decides, as the C library has it); `--lang en` wins over the environment. This stop translated what a department meets when scoring its facts: the errors of a facts file or a workbook, the diagnostic's frame (错误, 提示, 注, the count), and the lines of `rubric score`. A message not yet in the catalogue stays English.
  $ printf '{"department": "某局", "year": 2023, "facts": {"audit_isues": 3, "monthly_execution": ["94.78"], "public_budget": -1}}' > bad.json
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" bad.json --lang zh 2>&1 | grep -v -e '缺少数据项' -e '在 "facts" 中填写'
  bad.json: facts.audit_isues: 错误：规则中没有数据项“audit_isues” [E0610]
    = 提示：您是不是要写“audit_issues”？
    = 注：规则中没有的数据项会被拒绝，而不是被忽略（拼错一个字就可能让某项按默认值计分）；--allow-unknown-facts 可改为忽略并给出警告
  bad.json: facts.monthly_execution[0]: 错误：应为百分比，实际为文字“94.78” [E0603]
    = 提示：写成 "94.78%"，或写成小数 0.9478
    = 注：数据项：“财政部门每月通报的一般公共预算支出执行率（自通报之月起）”
  bad.json: facts.public_budget: 错误：-1 超出了规定的取值范围 (0, inf) [E0604]
    = 注：数据项：“预算安排公用经费总额”
  bad.json：未评分：数据有错误
  $ LC_ALL=zh_CN.UTF-8 rubric score "$SRC/rulesets/guangzhou/2023.rubric" bad.json 2>&1 | tail -1
  bad.json：未评分：数据有错误
  $ env -u LC_ALL LANG=zh_CN.UTF-8 rubric score "$SRC/rulesets/guangzhou/2023.rubric" bad.json 2>&1 | tail -1
  bad.json：未评分：数据有错误
  $ env -u LC_ALL LANG=zh_CN.UTF-8 LC_MESSAGES=en_US.UTF-8 rubric score "$SRC/rulesets/guangzhou/2023.rubric" bad.json 2>&1 | tail -1
  bad.json: not scored: the facts have errors
  $ LC_ALL=zh_CN.UTF-8 rubric --lang en score "$SRC/rulesets/guangzhou/2023.rubric" bad.json 2>&1 | tail -1
  bad.json: not scored: the facts have errors
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" --lang zh --format html -o 自评表.html
  $SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json：已写入 自评表.html
  $ rubric score --lang fr "$SRC/rulesets/guangzhou/2023.rubric" bad.json
  --lang: 'fr' is not one of en, zh
  Run with --help for more information.
  [2]
