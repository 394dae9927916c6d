In an extending ruleset, points that no longer add up are shown at the line of the extending file that changed the sum (an `override`, `remove` or `add`), with the base's declaration of the section (or of the total) as a note: the author fixes their own file, not the base. Every change to the same parts is named.
  $ cp "$SRC/rulesets/guangzhou/2023.rubric" 2023.rubric
  $ echo 'ruleset "广州市部门整体支出绩效自评（无专项资金）" scheme guangzhou year 2024 extends "2023.rubric"' > header

A section's points lowered: its parent no longer adds up, and its own parts do not make the new points.
  $ { cat header; printf 'override section 采购管理 points 9\n'; } > points.rubric
  $ rubric check points.rubric
  points.rubric:2:1: error: the parts of section '管理效率' add up to 49, not its 50 points [E0404]
   2 | override section 采购管理 points 9
     | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: parts: 预算编制 3 + 预算执行 4 + 信息公开 4 + 绩效管理 15 + 采购管理 9 + 资产管理 10 + 运行成本 4
  2023.rubric:219:14: note: section '管理效率' and its points are declared here, in the base ruleset
   219 | section 管理效率 points 50 {
       |                  ^~~~~~~~~
  points.rubric:2:30: error: the parts of section '采购管理' add up to 10, not its 9 points [E0404]
   2 | override section 采购管理 points 9
     |                                  ^
    = note: parts: 采购意向公开合规性 0.5 + 采购意向公开完整性、及时性 1.5 + 采购内控制度建设 1 + 采购活动合规性 2 + 采购合同签订时效性 3 + 合同备案时效性 1 + 采购政策效能 1
  2023.rubric:157:3: note: the score goes down where rate（完成率） rises past 150%, though it goes up elsewhere: at 150% it is pts, above 150% it is pts / 2 [W0407]
   157 |   (150%, inf)  -> pts / 2
       |   ^~~~~~~~~~~
    = help: if the rule means it, nothing is wrong; if not, make the scores at either side of the bound go the same way as the others
    = note: so more o.actual can lower the score
    = note: so less o.target can lower the score
  2023.rubric:175:41: note: rate lies in [0%, inf) in this call
   175 |             otherwise sum(o in outputs: completion(o.actual / o.target, o.weight))
       |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: in 2023.rubric as changed by points.rubric
  2 errors generated.
  [1]

An indicator removed.
  $ { cat header; printf 'remove 采购政策效能\nremove fact sme_reserved\nremove fact sme_actual\n'; } > removed.rubric
  $ rubric check removed.rubric
  removed.rubric:2:1: error: the parts of section '采购管理' add up to 9, not its 10 points [E0404]
   2 | remove 采购政策效能
     | ^~~~~~~~~~~~~~~~~~~
    = note: parts: 采购意向公开合规性 0.5 + 采购意向公开完整性、及时性 1.5 + 采购内控制度建设 1 + 采购活动合规性 2 + 采购合同签订时效性 3 + 合同备案时效性 1
  2023.rubric:374:16: note: section '采购管理' and its points are declared here, in the base ruleset
   374 |   section 采购管理 points 10 {
       |                    ^~~~~~~~~
  2023.rubric:157:3: note: the score goes down where rate（完成率） rises past 150%, though it goes up elsewhere: at 150% it is pts, above 150% it is pts / 2 [W0407]
   157 |   (150%, inf)  -> pts / 2
       |   ^~~~~~~~~~~
    = help: if the rule means it, nothing is wrong; if not, make the scores at either side of the bound go the same way as the others
    = note: so more o.actual can lower the score
    = note: so less o.target can lower the score
  2023.rubric:175:41: note: rate lies in [0%, inf) in this call
   175 |             otherwise sum(o in outputs: completion(o.actual / o.target, o.weight))
       |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: in 2023.rubric as changed by removed.rubric
  1 error generated.
  [1]

An indicator added to a section, and another of the section given other points: both changes are named.
  $ { cat header; printf 'add in 预算执行 indicator 新指标 points 1 { score points }\noverride indicator 结转结余率 points 3\n'; } > added.rubric
  $ rubric check added.rubric
  added.rubric:3:1: error: the parts of section '预算执行' add up to 6, not its 4 points [E0404]
   3 | override indicator 结转结余率 points 3
     | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: parts: 结转结余率 3 + 财务管理合规性 2 + 新指标 1
  2023.rubric:239:16: note: section '预算执行' and its points are declared here, in the base ruleset
   239 |   section 预算执行 points 4 {
       |                    ^~~~~~~~
  added.rubric:2:1: note: this change alters the sum too
   2 | add in 预算执行 indicator 新指标 points 1 { score points }
     | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
  2023.rubric:157:3: note: the score goes down where rate（完成率） rises past 150%, though it goes up elsewhere: at 150% it is pts, above 150% it is pts / 2 [W0407]
   157 |   (150%, inf)  -> pts / 2
       |   ^~~~~~~~~~~
    = help: if the rule means it, nothing is wrong; if not, make the scores at either side of the bound go the same way as the others
    = note: so more o.actual can lower the score
    = note: so less o.target can lower the score
  2023.rubric:175:41: note: rate lies in [0%, inf) in this call
   175 |             otherwise sum(o in outputs: completion(o.actual / o.target, o.weight))
       |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: in 2023.rubric as changed by added.rubric
  1 error generated.
  [1]

An indicator added at the top level: the total declared in the base no longer matches.
  $ { cat header; printf 'indicator 新指标 points 5 { score points }\n'; } > top.rubric
  $ rubric check top.rubric
  top.rubric:2:1: error: the top-level sections add up to 105, not the ruleset's total 100 [E0405]
   2 | indicator 新指标 points 5 { score points }
     | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: parts: 履职效能 50 + 管理效率 50 + 新指标 5
  2023.rubric:13:1: note: the total is declared here, in the base ruleset
   13 | total 100
      | ^~~~~~~~~
  2023.rubric:157:3: note: the score goes down where rate（完成率） rises past 150%, though it goes up elsewhere: at 150% it is pts, above 150% it is pts / 2 [W0407]
   157 |   (150%, inf)  -> pts / 2
       |   ^~~~~~~~~~~
    = help: if the rule means it, nothing is wrong; if not, make the scores at either side of the bound go the same way as the others
    = note: so more o.actual can lower the score
    = note: so less o.target can lower the score
  2023.rubric:175:41: note: rate lies in [0%, inf) in this call
   175 |             otherwise sum(o in outputs: completion(o.actual / o.target, o.weight))
       |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: in 2023.rubric as changed by top.rubric
  1 error generated.
  [1]
  $ { cat header; printf 'add indicator 新指标 points 5 { score points }\n'; } > top_add.rubric
  $ rubric check top_add.rubric
  top_add.rubric:2:1: error: the top-level sections add up to 105, not the ruleset's total 100 [E0405]
   2 | add indicator 新指标 points 5 { score points }
     | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: parts: 履职效能 50 + 管理效率 50 + 新指标 5
  2023.rubric:13:1: note: the total is declared here, in the base ruleset
   13 | total 100
      | ^~~~~~~~~
  2023.rubric:157:3: note: the score goes down where rate（完成率） rises past 150%, though it goes up elsewhere: at 150% it is pts, above 150% it is pts / 2 [W0407]
   157 |   (150%, inf)  -> pts / 2
       |   ^~~~~~~~~~~
    = help: if the rule means it, nothing is wrong; if not, make the scores at either side of the bound go the same way as the others
    = note: so more o.actual can lower the score
    = note: so less o.target can lower the score
  2023.rubric:175:41: note: rate lies in [0%, inf) in this call
   175 |             otherwise sum(o in outputs: completion(o.actual / o.target, o.weight))
       |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: in 2023.rubric as changed by top_add.rubric
  1 error generated.
  [1]

A total given again in the extending file is the author's own line: the error is there, as in any ruleset.
  $ { cat header; printf 'total 105\nadd indicator 新指标 points 4 { score points }\n'; } > total.rubric
  $ rubric check total.rubric
  total.rubric:2:1: error: the top-level sections add up to 104, not the ruleset's total 105 [E0405]
   2 | total 105
     | ^~~~~~~~~
    = note: parts: 履职效能 50 + 管理效率 50 + 新指标 4
  2023.rubric:157:3: note: the score goes down where rate（完成率） rises past 150%, though it goes up elsewhere: at 150% it is pts, above 150% it is pts / 2 [W0407]
   157 |   (150%, inf)  -> pts / 2
       |   ^~~~~~~~~~~
    = help: if the rule means it, nothing is wrong; if not, make the scores at either side of the bound go the same way as the others
    = note: so more o.actual can lower the score
    = note: so less o.target can lower the score
  2023.rubric:175:41: note: rate lies in [0%, inf) in this call
   175 |             otherwise sum(o in outputs: completion(o.actual / o.target, o.weight))
       |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: in 2023.rubric as changed by total.rubric
  1 error generated.
  [1]

Points moved between two sections in one file: no error.
  $ { cat header; printf 'override section 采购管理 points 9\noverride indicator 合同备案时效性 points 0.5\noverride indicator 采购政策效能 points 0.5\noverride section 资产管理 points 11\noverride indicator 固定资产利用率 points 3\n'; } > moved.rubric
  $ rubric check moved.rubric
  2023.rubric:157:3: note: the score goes down where rate（完成率） rises past 150%, though it goes up elsewhere: at 150% it is pts, above 150% it is pts / 2 [W0407]
   157 |   (150%, inf)  -> pts / 2
       |   ^~~~~~~~~~~
    = help: if the rule means it, nothing is wrong; if not, make the scores at either side of the bound go the same way as the others
    = note: so more o.actual can lower the score
    = note: so less o.target can lower the score
  2023.rubric:175:41: note: rate lies in [0%, inf) in this call
   175 |             otherwise sum(o in outputs: completion(o.actual / o.target, o.weight))
       |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: in 2023.rubric as changed by moved.rubric
  moved.rubric: ok
