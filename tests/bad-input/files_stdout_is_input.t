Standard output appended to an input is refused too (E1001), for every command that prints.
  $ cp "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" facts.json
  $ cp "$SRC/rulesets/guangzhou/2023.rubric" 2023.rubric
  $ rubric facts 2023.rubric >> 2023.rubric
  error: standard output is the ruleset 2023.rubric: rubric does not write over its inputs [E1001]
    = help: send standard output to another file
  [2]
  $ rubric score 2023.rubric facts.json --format json >> facts.json
  error: standard output is the facts file facts.json: rubric does not write over its inputs [E1001]
    = help: send standard output to another file
  [2]
  $ rubric explain 2023.rubric facts.json 结转结余率 >> facts.json
  error: standard output is the facts file facts.json: rubric does not write over its inputs [E1001]
    = help: send standard output to another file
  [2]
  $ rubric audit 2023.rubric facts.json >> facts.json
  error: standard output is the facts file facts.json: rubric does not write over its inputs [E1001]
    = help: send standard output to another file
  [2]
  $ rubric diff 2023.rubric 2023.rubric >> 2023.rubric
  error: standard output is the ruleset 2023.rubric: rubric does not write over its inputs [E1001]
    = help: send standard output to another file
  [2]
  $ cmp 2023.rubric "$SRC/rulesets/guangzhou/2023.rubric" && cmp facts.json "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" && echo unchanged
  unchanged
