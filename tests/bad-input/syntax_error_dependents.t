After a syntax error the statement around it is skipped and the rest is still checked. Errors that depend on the skipped part are not reported: a sum whose parts may be in it, a name it may declare, the base's parts that a skipped change may remove or replace, a grade table that did not parse. Errors that do not depend on it still are.
  $ cp "$SRC/rulesets/guangzhou/2023.rubric" 2023.rubric
  $ echo 'ruleset "广州市部门整体支出绩效自评（无专项资金）" scheme guangzhou year 2024 extends "2023.rubric"' > header

A change cut short: the sums it was meant to fix are unknown, and the base is not blamed.
  $ { cat header; printf 'override section 采购管理 points\nremove 采购政策效能\nremove fact sme_reserved\nremove fact sme_actual\n'; } > cut.rubric
  $ rubric check cut.rubric
  cut.rubric:2:29: error: expected the points after 'points', found 'remove' on line 3 [E0002]
   2 | override section 采购管理 points
     |                                 ^
  1 error generated.
  [1]
  $ { cat header; printf 'override section 采购管理 points 9\nremove\nremove fact sme_reserved\nremove fact sme_actual\n'; } > noname.rubric
  $ rubric check noname.rubric
  noname.rubric:3:7: error: expected the name of the indicator or section to remove, found 'remove' on line 4 [E0002]
   3 | remove
     |       ^
  1 error generated.
  [1]

The same changes, whole: the error is the author's, at their line.
  $ { cat header; printf 'override section 采购管理 points 9\nremove 采购政策效能\nremove fact sme_reserved\nremove fact sme_actual\n'; } > whole.rubric
  $ rubric check whole.rubric
  whole.rubric:2:1: error: the parts of section '管理效率' add up to 49, not its 50 points [E0404]
   2 | override section 采购管理 points 9
     | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: parts: 预算编制 3 + 预算执行 4 + 信息公开 4 + 绩效管理 15 + 采购管理 9 + 资产管理 10 + 运行成本 4
  2023.rubric:219:14: note: section '管理效率' and its points are declared here, in the base ruleset
   219 | section 管理效率 points 50 {
       |                  ^~~~~~~~~
  2023.rubric:157:3: note: the score goes down where rate（完成率） rises past 150%, though it goes up elsewhere: at 150% it is pts, above 150% it is pts / 2 [W0407]
   157 |   (150%, inf)  -> pts / 2
       |   ^~~~~~~~~~~
    = help: if the rule means it, nothing is wrong; if not, make the scores at either side of the bound go the same way as the others
    = note: so more o.actual can lower the score
    = note: so less o.target can lower the score
  2023.rubric:175:41: note: rate lies in [0%, inf) in this call
   175 |             otherwise sum(o in outputs: completion(o.actual / o.target, o.weight))
       |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: in 2023.rubric as changed by whole.rubric
  1 error generated.
  [1]

In one file: an indicator that did not parse leaves its section's sum unknown, not another section's; a fact declaration cut short still declares its name; a grade table that did not parse is not "missing".
  $ printf 'ruleset "r" scheme s year 2023\ntotal 20\nfacts {\n  amount : number in [0, 10] "金额"\n  ratio\n    "比率"\n}\nsection 一 points 10 {\n  indicator 甲 points 5 { score amount * / 2 }\n  indicator 甲二 points 5 {\n    score min(amount, 5\n  }\n}\nsection 二 points 10 {\n  indicator 乙 points 4 { score ratio }\n  indicator 丙 points 5 { score amont }\n}\ngrade { 优 >= 90; 差 otherwse }\n' > one.rubric
  $ rubric check one.rubric
  one.rubric:5:8: error: expected ':', found '"' on line 6 [E0002]
   5 |   ratio
     |        ^
  one.rubric:9:41: error: expected an expression, found '/' [E0002]
   9 |   indicator 甲 points 5 { score amount * / 2 }
     |                                          ^
  one.rubric:11:24: error: expected ')', found '}' on line 12 [E0002]
   11 |     score min(amount, 5
      |                        ^
  one.rubric:14:11: error: the parts of section '二' add up to 9, not its 10 points [E0404]
   14 | section 二 points 10 {
      |            ^~~~~~~~~
    = note: parts: 乙 4 + 丙 5
  one.rubric:16:32: error: unknown name 'amont' [E0201]
   16 |   indicator 丙 points 5 { score amont }
      |                                 ^~~~~
    = help: did you mean 'amount'?
  one.rubric:18:20: error: expected '>= N' or 'otherwise' after the grade's name, found 'otherwse' [E0002]
   18 | grade { 优 >= 90; 差 otherwse }
      |                      ^~~~~~~~
    = help: did you mean 'otherwise'?
  6 errors generated.
  [1]
