An alternative of a `choose` group (二者择其一), overridden in an extending ruleset, stays one of the group: the override says what the row scores, and the table still shows the row not chosen as 不适用. A group that a change leaves with unequal points, or with one alternative, is an error that names the change.
  $ sed -n '/### two alternatives in a section/,/^grade/p' "$SRC/tests/language/alternatives.rubric" | grep -v '^#' > base.rubric
  $ echo 'ruleset "t2" scheme test year 2025 extends "base.rubric"' > header
  $ { cat header; echo 'override indicator 结转结余率 points 5 { score when rate <= 10% -> points otherwise 0 }'; } > looser.rubric
  $ rubric check looser.rubric
  looser.rubric: ok
  $ echo '{"year": 2025, "facts": {"measure": "结转结余率", "rate": "8%", "x": 4}}' > a.json
  $ rubric score looser.rubric a.json
  t2（test，2025年度）
  部门：a.json    年度：2025
  
  指标              分值    得分  评分依据
  ------------------------------------------------------------------------------------------------------------------------
  S                   10    9.00
    结转结余率         5    5.00  rate 8% ≤ 10%，得 5 分；得分 5.00
    结转结余变动率     5  不适用  不适用：择一考核，本年考核「结转结余率」
    I                  5    4.00  得分 = x = 4；得分 4.00
  ------------------------------------------------------------------------------------------------------------------------
  总分                10    9.00
  评价等级          优    ☑优 ☐差
  $ echo '{"year": 2025, "facts": {"measure": "结转结余变动率", "change": "3%", "x": 4}}' > b.json
  $ rubric score looser.rubric b.json
  t2（test，2025年度）
  部门：b.json    年度：2025
  
  指标              分值    得分  评分依据
  ------------------------------------------------------------------------------------------------------------------------
  S                   10    6.00
    结转结余率         5  不适用  不适用：择一考核，本年考核「结转结余变动率」
    结转结余变动率     5    2.00  change 3% ≥ 0%，得 2 分；得分 2.00
    I                  5    4.00  得分 = x = 4；得分 4.00
  ------------------------------------------------------------------------------------------------------------------------
  总分                10    6.00
  评价等级          差    ☐优 ☑差

Overridden with other points than its partner's:
  $ { cat header; echo 'override indicator 结转结余率 points 6 { score when rate <= 10% -> points otherwise 0 }'; } > points.rubric
  $ rubric check points.rubric
  base.rubric:12:23: error: the alternatives of 'choose measure' must have the same points: '结转结余变动率' has 5, '结转结余率' has 6 [E0417]
   12 |     indicator 结转结余变动率 points 5 { score when change < 0% -> points otherwise 2 }
      |                              ^~~~~~~~
    = help: whichever is assessed, its section's points must add up the same
    = note: in base.rubric as changed by points.rubric
  points.rubric:2:1: error: the parts of section 'S' add up to 11, not its 10 points [E0404]
   2 | override indicator 结转结余率 points 6 { score when rate <= 10% -> points otherwise 0 }
     | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = note: parts: 结转结余率 6 + I 5
  base.rubric:9:11: note: section 'S' and its points are declared here, in the base ruleset
   9 | section S points 10 {
     |           ^~~~~~~~~
  2 errors generated.
  [1]

One of two removed:
  $ { cat header; echo 'remove 结转结余率'; } > removed.rubric
  $ rubric check removed.rubric
  base.rubric:10:10: error: 'choose measure' has one indicator: there is nothing to choose from [E0417]
   10 |   choose measure {
      |          ^~~~~~~
    = help: write the alternatives the table prints (二者择其一) inside it, or write the indicator on its own
    = note: in base.rubric as changed by removed.rubric
  base.rubric:10:10: error: 'measure' may be '结转结余率', which names no indicator of this 'choose' [E0416]
   10 |   choose measure {
      |          ^~~~~~~
    = help: did you mean '结转结余变动率'? The members name the alternatives exactly
  base.rubric:4:3: note: 'measure' is declared here
   4 |   measure : enum { 结转结余率, 结转结余变动率 }
     |   ^~~~~~~
    = note: in base.rubric as changed by removed.rubric
  removed.rubric:2:1: warning: fact 'rate' of the base ruleset is no longer used: this change removed its last use [W0102]
   2 | remove 结转结余率
     | ^~~~~~~~~~~~~~~~~
    = help: write 'remove fact rate' below this line; departments are then no longer asked for it
  base.rubric:5:3: note: 'rate' is declared here, in the base ruleset
   5 |   rate : percent in [0, 100%] default 0%
     |   ^~~~
  2 errors and 1 warning generated.
  [1]
