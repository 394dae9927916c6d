The spreadsheet round trip: `rubric facts --format xlsx` writes a workbook to fill in, and `rubric score` reads it back. Filled in cell by cell by a program, as a person would (tests/xlsx/fill.py, with openpyxl), from the court's 2023 facts, it scores 95.99 and every indicator as the JSON facts do. Every error names the cell. (The facts' evidence is not part of the workbook: the table lists the kinds of evidence the ruleset expects.)
  $ rubric facts "$SRC/rulesets/guangzhou/2023.rubric" --format xlsx -o 填报.xlsx
  wrote 填报.xlsx
  $ unzip -Z1 填报.xlsx | grep worksheets/sheet | sort
  xl/worksheets/sheet1.xml
  xl/worksheets/sheet2.xml
  xl/worksheets/sheet3.xml
  xl/worksheets/sheet4.xml
  xl/worksheets/sheet5.xml
  xl/worksheets/sheet6.xml
  xl/worksheets/sheet7.xml
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" 填报.xlsx 2>&1 | head -4
  填报.xlsx: 填报!B12 (new_projects_to_assess): error: missing fact "new_projects_to_assess" (count: 应开展事前绩效评估的新增预算入库项目数（新增经常性二级项目1000万元（含）以上、新增一次性二级项目3000万元（含）以上）) [E0602]
    = help: fill in the cell
  填报.xlsx: 填报!B14 (carryover_year_end): error: missing fact "carryover_year_end" (money: 年末财政拨款结转和结余决算数) [E0602]
    = help: fill in the cell
  $ /usr/bin/python3 "$SRC/tests/xlsx/fill.py" 填报.xlsx "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" 已填.xlsx
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" 已填.xlsx | tail -2
  总分                                   100  95.99
  评价等级                              优    ☑优 ☐良 ☐中 ☐差
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" 已填.xlsx --format json > from-xlsx.json
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" --format json > from-json.json
  $ python3 -c 'import json,sys
  > def scores(n, out):
  >     out.append((n["name"], n.get("score")))
  >     for c in n.get("children", []): scores(c, out)
  >     return out
  > a, b = (json.load(open(f))["results"][0] for f in sys.argv[1:3])
  > pairs = [(scores(n, []), scores(m, [])) for n, m in zip(a["sections"], b["sections"])]
  > print(a["total"], b["total"], a["grade"] == b["grade"], sum(len(x) for x, _ in pairs), all(x == y for x, y in pairs))' from-xlsx.json from-json.json
  95.99 95.99 True 36 True

A percentage typed into a cell that is not shown as one could mean 95% or 9500% (row 40 is 采购意向公开比例):
  $ /usr/bin/python3 "$SRC/tests/xlsx/edit.py" 已填.xlsx 填报!B40 95 改.xlsx general
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" 改.xlsx
  改.xlsx: 填报!B40: error: '采购意向公开比例（已公开采购意向的采购项目/应公开的采购项目）' is a percentage, but the cell holds 95 and is not shown as a percentage: it could mean 95% or 9500% [E0623]
    = help: type it with its percent sign (95%), or give the cell the percentage format
  改.xlsx: not scored: the facts have errors
  [3]
  $ /usr/bin/python3 "$SRC/tests/xlsx/edit.py" 已填.xlsx 填报!B40 0.95 改.xlsx
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" 改.xlsx | grep 采购意向公开合规性
      采购意向公开合规性                 0.5   0.00  采购意向公开比例 95% < 100%，得 0 分；得分 0.00

A value of the wrong kind, a fraction of a count, and a list element with a field left out:
  $ /usr/bin/python3 "$SRC/tests/xlsx/edit.py" 已填.xlsx 填报!B20 很多 改.xlsx
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" 改.xlsx
  改.xlsx: 填报!B20 (repeated_issues): error: expected a number, found the string "很多" [E0603]
    = help: write the number without quotes
    = note: the fact: “连续两年对因业务主管部门责任引发的同一问题提出意见，或主管部门未落实相关审计和财会监督整改意见的问题数”
  改.xlsx: not scored: the facts have errors
  [3]
  $ /usr/bin/python3 "$SRC/tests/xlsx/edit.py" 已填.xlsx 填报!B54 1.5 改.xlsx
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" 改.xlsx
  改.xlsx: 填报!B54 (asset_problems): error: a count must be a whole number, not 1.5 [E0604]
    = note: the fact: “各类巡视、审计、监督检查工作中发现资产管理存在问题的次数”
  改.xlsx: not scored: the facts have errors
  [3]
  $ /usr/bin/python3 -c 'import openpyxl; b = openpyxl.load_workbook("已填.xlsx"); s = b["部门整体绩效目标产出指标（年初目标值、实际完成值、分值）"]; s["D6"] = None; b.save("改.xlsx")'
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" 改.xlsx
  改.xlsx: 部门整体绩效目标产出指标（年初目标值、实际完成值、分值）!A6:D6 (outputs[1]): error: the field "weight" (number) is missing [E0602]
    = help: fill in the cell
    = note: the fact: “部门整体绩效目标产出指标（年初目标值、实际完成值、分值）”
  改.xlsx: not scored: the facts have errors
  [3]

A value where no fact is read (right of the identifiers, or in a list's column without one) is not lost without a word:
  $ /usr/bin/python3 "$SRC/tests/xlsx/edit.py" 已填.xlsx 填报!F12 5 改.xlsx
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" 改.xlsx
  改.xlsx: 填报!F12: error: the cell holds '5', but no fact is read from it (its row or column has no identifier) [E0623]
    = help: write each value in the yellow cell of its fact's row, or in a column of its list; a value elsewhere would be lost
  改.xlsx: not scored: the facts have errors
  [3]
  $ /usr/bin/python3 -c 'import openpyxl; b = openpyxl.load_workbook("已填.xlsx"); s = b["部门整体绩效目标产出指标（年初目标值、实际完成值、分值）"]; s["E6"] = 3; b.save("改.xlsx")'
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" 改.xlsx
  改.xlsx: 部门整体绩效目标产出指标（年初目标值、实际完成值、分值）!E6: error: the cell holds '3', but no fact is read from it (its row or column has no identifier) [E0623]
    = help: write each value in the yellow cell of its fact's row, or in a column of its list; a value elsewhere would be lost
  改.xlsx: not scored: the facts have errors
  [3]

Not a fill-in workbook:
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" --format xlsx -o 自评表.xlsx 2>/dev/null
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" 自评表.xlsx
  自评表.xlsx: error: the workbook is not a fill-in workbook of rubric (its sheets 填报 and _rubric are missing) [E0622]
    = help: make the workbook with 'rubric facts RULESET --format xlsx -o 填报.xlsx' and fill it in
  自评表.xlsx: not scored: the facts have errors
  [3]
  $ echo 'not a workbook' > 坏.xlsx
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" 坏.xlsx
  坏.xlsx: error: not an .xlsx workbook (it is not a zip package) [E0622]
    = help: make the workbook with 'rubric facts RULESET --format xlsx -o 填报.xlsx' and fill it in
  坏.xlsx: not scored: the facts have errors
  [3]

The bureau scores the workbooks the departments handed back as one batch: a folder of them, each .xlsx a row (its file name the id), a bad one a row with its error at its cell:
  $ mkdir 回收
  $ cp 已填.xlsx 回收/广州互联网法院.xlsx
  $ /usr/bin/python3 "$SRC/tests/xlsx/edit.py" 已填.xlsx 填报!B40 95 回收/某局.xlsx general
  $ /usr/bin/python3 "$SRC/tests/xlsx/edit.py" 已填.xlsx 填报!B3 另一部门 回收/另一部门.xlsx
  $ rubric batch "$SRC/rulesets/guangzhou/2023.rubric" 回收 -o 结果.csv
  rows: 3, errors: 1 (row 3)
  grades: 优 2, 良 0, 中 0, 差 0
  total: mean 95.99, min 95.99, max 95.99
  [3]
  $ cut -d, -f1-5 结果.csv
  ﻿row,id,department,total,grade
  1,另一部门.xlsx,另一部门,95.99,优
  2,广州互联网法院.xlsx,广州互联网法院,95.99,优
  3,某局.xlsx,,,
  $ grep -o '填报!B40: [^[]*\[E0623\]' 结果.csv
  填报!B40: '采购意向公开比例（已公开采购意向的采购项目/应公开的采购项目）' is a percentage, but the cell holds 95 and is not shown as a percentage: it could mean 95% or 9500% [E0623]
