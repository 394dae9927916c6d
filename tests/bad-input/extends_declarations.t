An extending ruleset removes the base's facts, functions and top-level lets with `remove fact|function|let NAME`. A declaration of the base that a change left unread is a warning at that change, naming the line to write; a removed fact is no longer asked of departments, and a facts file that still gives it is refused like any undeclared key; a declaration removed while the base still uses it, removed and declared again, or misspelt is an error.
  $ cp "$SRC/rulesets/guangzhou/2023.rubric" 2023.rubric
  $ echo 'ruleset "广州市部门整体支出绩效自评（无专项资金）" scheme guangzhou year 2024 extends "2023.rubric"' > header

Removing 采购政策效能 leaves its two facts unread: the warnings are at the `remove`, and `check --werror` fails.
  $ { cat header; printf 'override section 采购管理 points 9\nremove 采购政策效能\noverride section 资产管理 points 11\noverride indicator 固定资产利用率 points 3\n'; } > 2024.rubric
  $ rubric check --werror 2024.rubric
  2024.rubric:3:1: warning: fact 'sme_reserved' of the base ruleset is no longer used: this change removed its last use [W0102]
   3 | remove 采购政策效能
     | ^~~~~~~~~~~~~~~~~~~
    = help: write 'remove fact sme_reserved' below this line; departments are then no longer asked for it
  2023.rubric:124:3: note: 'sme_reserved' is declared here, in the base ruleset
   124 |   sme_reserved           : money in (0, inf) unit "万元" "预算编制时部门为中小企业预留的采购金额合计数" fixed
       |   ^~~~~~~~~~~~
  2024.rubric:3:1: warning: fact 'sme_actual' of the base ruleset is no longer used: this change removed its last use [W0102]
   3 | remove 采购政策效能
     | ^~~~~~~~~~~~~~~~~~~
    = help: write 'remove fact sme_actual' below this line; departments are then no longer asked for it
  2023.rubric:125:3: note: 'sme_actual' is declared here, in the base ruleset
   125 |   sme_actual             : money unit "万元" "实际面向中小企业采购金额合计数" more is better
       |   ^~~~~~~~~~
  2023.rubric:157:3: note: the score goes down where rate（完成率） rises past 150%, though it goes up elsewhere: at 150% it is pts, above 150% it is pts / 2 [W0407]
   157 |   (150%, inf)  -> pts / 2
       |   ^~~~~~~~~~~
    = help: if the rule means it, nothing is wrong; if not, make the scores at either side of the bound go the same way as the others
    = note: so more o.actual can lower the score
    = note: so less o.target can lower the score
  2023.rubric:175:41: note: rate lies in [0%, inf) in this call
   175 |             otherwise sum(o in outputs: completion(o.actual / o.target, o.weight))
       |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: in 2023.rubric as changed by 2024.rubric
  2 warnings generated.
  2024.rubric: warnings are errors (--werror)
  [1]

With the two facts removed, the ruleset checks clean.
  $ printf 'remove fact sme_reserved\nremove fact sme_actual\n' >> 2024.rubric
  $ rubric check --werror 2024.rubric
  2023.rubric:157:3: note: the score goes down where rate（完成率） rises past 150%, though it goes up elsewhere: at 150% it is pts, above 150% it is pts / 2 [W0407]
   157 |   (150%, inf)  -> pts / 2
       |   ^~~~~~~~~~~
    = help: if the rule means it, nothing is wrong; if not, make the scores at either side of the bound go the same way as the others
    = note: so more o.actual can lower the score
    = note: so less o.target can lower the score
  2023.rubric:175:41: note: rate lies in [0%, inf) in this call
   175 |             otherwise sum(o in outputs: completion(o.actual / o.target, o.weight))
       |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: in 2023.rubric as changed by 2024.rubric
  2024.rubric: ok

The court's facts, re-dated 2024, still give the removed facts: refused, not silently ignored.
  $ sed 's/"year": 2023/"year": 2024/' "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" > court.json
  $ rubric score 2024.rubric court.json
  court.json: facts.sme_reserved: error: unknown fact "sme_reserved" [E0610]
    = help: `rubric facts RULESET` lists the facts the ruleset declares
    = note: a key the ruleset does not declare is refused, not ignored; --allow-unknown-facts ignores such keys with a warning
  court.json: facts.sme_actual: error: unknown fact "sme_actual" [E0610]
    = help: `rubric facts RULESET` lists the facts the ruleset declares
    = note: a key the ruleset does not declare is refused, not ignored; --allow-unknown-facts ignores such keys with a warning
  court.json: claimed.indicators.采购政策效能: error: the ruleset has no indicator "采购政策效能" to compare this claimed score with [E0611]
    = help: name the indicator as the ruleset does (see `rubric facts RULESET`), or remove the claim
  court.json: not scored: the facts have errors
  [3]
  $ grep -v -e '"sme_' -e '"采购政策效能"' court.json > court-2024.json
  $ rubric score 2024.rubric court-2024.json | tail -n 3
  总分                                   100  95.96  ≠ 94.99
  评价等级                              优    ☑优 ☐良 ☐中 ☐差
  ≠ 标出 2 处自评分与计算结果不一致 (claimed ≠ computed)

A name the base does not have, a removal that the file contradicts, a removal the base still needs.
  $ { cat header; printf 'remove fact sme_actul\nremove function completon\nremove let x\n'; } > typo.rubric
  $ rubric check typo.rubric
  typo.rubric:2:13: error: the base ruleset has no fact 'sme_actul' [E0901]
   2 | remove fact sme_actul
     |             ^~~~~~~~~
    = help: did you mean 'sme_actual'?
  typo.rubric:3:17: error: the base ruleset has no function 'completon' [E0901]
   3 | remove function completon
     |                 ^~~~~~~~~
    = help: did you mean 'completion'?
  typo.rubric:4:12: error: the base ruleset has no let 'x' [E0901]
   4 | remove let x
     |            ^
  3 errors generated.
  [1]
  $ { cat header; printf 'remove fact audit_issues\nfacts {\n  audit_issues : count "审计发现问题数"\n}\n'; } > again.rubric
  $ rubric check again.rubric
  again.rubric:2:13: error: fact 'audit_issues' is removed, and declared again in this file [E0910]
   2 | remove fact audit_issues
     |             ^~~~~~~~~~~~
    = help: a fact declared in this file replaces the base's of the same name: delete this 'remove'
  again.rubric:4:3: note: declared again here
   4 |   audit_issues : count "审计发现问题数"
     |   ^~~~~~~~~~~~
  1 error generated.
  [1]
  $ { cat header; printf 'remove function completion\n'; } > needed.rubric
  $ rubric check needed.rubric
  2023.rubric:175:41: error: unknown function 'completion' [E0208]
   175 |             otherwise sum(o in outputs: completion(o.actual / o.target, o.weight))
       |                                         ^~~~~~~~~~
    = help: remove or override the indicator that uses 'completion' as well, or keep 'completion'
  needed.rubric:2:1: note: 'completion' is removed here, by the extending ruleset
   2 | remove function completion
     | ^~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: in 2023.rubric as changed by needed.rubric
  2023.rubric:195:42: error: unknown function 'completion' [E0208]
   195 |             otherwise sum(b in benefits: completion(b.actual / b.target, b.weight))
       |                                          ^~~~~~~~~~
    = help: remove or override the indicator that uses 'completion' as well, or keep 'completion'
  needed.rubric:2:1: note: 'completion' is removed here, by the extending ruleset
   2 | remove function completion
     | ^~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: in 2023.rubric as changed by needed.rubric
  2 errors generated.
  [1]

A top-level let: removing the indicator that used it leaves it unread (W0203 at the `remove`); removing the let then leaves the fact it read unread (W0102 at the `remove let`).
  $ printf 'ruleset "基" scheme t year 2023\ntotal 10\nfacts {\n  a : number in [0, 10] "甲项得分"\n}\nlet half = a / 2\nindicator 甲 points 5 { score half }\nindicator 乙 points 5 { score 5 }\ngrade { 优 >= 90; 差 otherwise }\n' > base.rubric
  $ printf 'ruleset "改" scheme t year 2024 extends "base.rubric"\nremove 甲\nadd indicator 丙 points 5 { score 5 }\n' > step1.rubric
  $ rubric check step1.rubric
  step1.rubric:2:1: warning: let 'half' of the base ruleset is no longer used: this change removed its last use [W0203]
   2 | remove 甲
     | ^~~~~~~~~
    = help: write 'remove let half' below this line
  base.rubric:6:5: note: 'half' is declared here, in the base ruleset
   6 | let half = a / 2
     |     ^~~~
  1 warning generated.
  $ printf 'remove let half\n' >> step1.rubric
  $ rubric check step1.rubric
  step1.rubric:4:1: warning: fact 'a' of the base ruleset is no longer used: this change removed its last use [W0102]
   4 | remove let half
     | ^~~~~~~~~~~~~~~
    = help: write 'remove fact a' below this line; departments are then no longer asked for it
  base.rubric:4:3: note: 'a' is declared here, in the base ruleset
   4 |   a : number in [0, 10] "甲项得分"
     |   ^
  1 warning generated.
  $ printf 'remove fact a\n' >> step1.rubric
  $ rubric check --werror step1.rubric
  step1.rubric: ok

`rubric fmt` writes each removal in one form.
  $ printf 'ruleset "改" scheme t year 2024 extends "base.rubric"\nremove   甲\nremove  fact   a\nremove\tlet half\nadd indicator 丙 points 5 { score 5 }\n' > messy.rubric
  $ rubric fmt --check messy.rubric
  messy.rubric: not formatted
  --- messy.rubric
  +++ messy.rubric (formatted)
  @@ -2 +2 @@
   ruleset "改" scheme t year 2024 extends "base.rubric"
  -remove   甲
  -remove  fact   a
  -remove	let half
  -add indicator 丙 points 5 { score 5 }
  +remove 甲
  +remove fact a
  +remove let half
  +add indicator 丙 points 5 {
  +  score 5
  +}
  [1]
  $ rubric fmt messy.rubric
  messy.rubric: formatted
  $ cat messy.rubric
  ruleset "改" scheme t year 2024 extends "base.rubric"
  remove 甲
  remove fact a
  remove let half
  add indicator 丙 points 5 {
    score 5
  }
  $ rubric check --werror messy.rubric
  messy.rubric: ok

A removal without its name is one syntax error at the end of its line; the next line is not taken for the name. What the cut removal may have changed (any part of the base) is not checked until it parses. At the end of the file, the error is reported once.
  $ { cat header; printf 'remove fact\nremove 采购政策效能\n'; } > noname.rubric
  $ rubric check noname.rubric
  noname.rubric:2:12: error: expected the name of the fact, function or let to remove, found 'remove' on line 3 [E0002]
   2 | remove fact
     |            ^
  1 error generated.
  [1]
  $ { cat header; printf 'remove'; } > eof.rubric
  $ rubric check eof.rubric
  eof.rubric:2:7: error: expected the name of the indicator or section to remove, found end of file [E0002]
   2 | remove
     |       ^
  1 error generated.
  [1]
