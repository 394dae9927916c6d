`rubric explain RULESET FACTS ITEM` names the indicator or section meant when ITEM is not one: Chinese names are compared in characters, so one character missing, added or changed in 结转结余率 is a slip; a name cut short to half or more of one name is too.
  $ rubric explain "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" 结转结余
  error: the ruleset has no indicator or section '结转结余'; did you mean '结转结余率'?
    = help: `rubric explain RULESET FACTS` explains them all
  [2]
  $ rubric explain "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" 结转结余率率
  error: the ruleset has no indicator or section '结转结余率率'; did you mean '结转结余率'?
    = help: `rubric explain RULESET FACTS` explains them all
  [2]
  $ rubric explain "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" 结转余率
  error: the ruleset has no indicator or section '结转余率'; did you mean '结转结余率'?
    = help: `rubric explain RULESET FACTS` explains them all
  [2]
  $ rubric explain "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" 预算执形
  error: the ruleset has no indicator or section '预算执形'; did you mean '预算执行'?
    = help: `rubric explain RULESET FACTS` explains them all
  [2]
  $ rubric explain "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" 部门预算资金
  error: the ruleset has no indicator or section '部门预算资金'; did you mean '部门预算资金支出率'?
    = help: `rubric explain RULESET FACTS` explains them all
  [2]
Nothing close: no guess.
  $ rubric explain "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" 完全无关的名字
  error: the ruleset has no indicator or section '完全无关的名字'
    = help: `rubric explain RULESET FACTS` explains them all
  [2]
  $ rubric explain "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" 结转结余率 | grep -c derivation
  1
