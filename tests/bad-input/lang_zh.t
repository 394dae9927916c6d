Messages in Chinese: `--lang zh`, or LC_ALL, LC_MESSAGES or LANG naming Chinese (the first one set decides, as the C library has it); `--lang en` wins over the environment. Every message is in the catalogue (po/zh.po; tests/messages_test.cpp fails on one that is not): diagnostics of rulesets, facts, workbooks and batches, the output of every command, --help. In a ruleset written in Chinese keywords, the keywords a message quotes are the Chinese ones.
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
  $ printf '{"year": 2023, "facts": {}}' > empty.json
  $ rubric score "$SRC/tests/bad-input/outputs/r.rubric" empty.json --lang zh
  empty.json: facts.rate: 错误：缺少数据项“rate”：预算执行率（百分比） [E0602]
    = 提示：在 "facts" 中填写这一项，或在规则中为它规定默认值
  empty.json：未评分：数据有错误
  [3]
  $ rubric batch "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/examples/departments-2023.csv" -o 结果.csv --top 2 --bottom 1 --lang zh
  部门数：20，出错：1（第 13 行）
  等级：优 3, 良 7, 中 7, 差 2
  总分：平均 78.10，最低 48.18，最高 91.27
  前 2 名：
      1.   91.27  优  第 9 行  D09  东区生态环境分局
      2.   91.22  优  第 16 行  D16  西区水务局
  后 1 名：
      1.   48.18  差  第 3 行  D03  东区民政局
  [3]
  $ rubric facts --help --lang zh | head -9
  输出空白数据模板：每个数据项的名称、类型、单位和取值范围。
  用法: rubric facts [选项] RULESET
  
  参数:
    RULESET TEXT:文件或 - 必填
                                规则文件（.rubric）
  
  选项:
    -h,--help                   显示本帮助并退出
