A key the ruleset does not declare stops that department in every command that reads facts (exit 3), with a did-you-mean; --allow-unknown-facts brings back the warning and the default, for tools that add metadata. Here `audit_isues` would leave audit_issues at its default 0: 95.99 would become 97.99.
  $ sed 's/"audit_issues"/"audit_isues"/' "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" > typo.json
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" typo.json
  typo.json: facts.audit_isues: error: unknown fact "audit_isues" [E0610]
    = help: did you mean "audit_issues"?
    = note: a key the ruleset does not declare is refused, not ignored; --allow-unknown-facts ignores such keys with a warning
  typo.json: not scored: the facts have errors
  [3]
  $ rubric score --format json "$SRC/rulesets/guangzhou/2023.rubric" typo.json | python3 -c 'import json, sys; r = json.load(sys.stdin)["results"][0]; print(r["scored"], r["total"], r["diagnostics"][0]["code"], r["diagnostics"][0]["path"])'
  typo.json: facts.audit_isues: error: unknown fact "audit_isues" [E0610]
    = help: did you mean "audit_issues"?
    = note: a key the ruleset does not declare is refused, not ignored; --allow-unknown-facts ignores such keys with a warning
  typo.json: not scored: the facts have errors
  False None E0610 facts.audit_isues
  $ rubric audit "$SRC/rulesets/guangzhou/2023.rubric" typo.json
  typo.json: facts.audit_isues: error: unknown fact "audit_isues" [E0610]
    = help: did you mean "audit_issues"?
    = note: a key the ruleset does not declare is refused, not ignored; --allow-unknown-facts ignores such keys with a warning
  typo.json: not audited: the facts have errors
  [3]
  $ rubric explain "$SRC/rulesets/guangzhou/2023.rubric" typo.json
  typo.json: facts.audit_isues: error: unknown fact "audit_isues" [E0610]
    = help: did you mean "audit_issues"?
    = note: a key the ruleset does not declare is refused, not ignored; --allow-unknown-facts ignores such keys with a warning
  [3]
  $ rubric score --scheme guangzhou --rulesets "$SRC/rulesets" typo.json "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" | grep 总分
  typo.json: scored with $SRC/rulesets/guangzhou/2023.rubric (guangzhou criteria, for 2023 on)
  typo.json: facts.audit_isues: error: unknown fact "audit_isues" [E0610]
    = help: did you mean "audit_issues"?
    = note: a key the ruleset does not declare is refused, not ignored; --allow-unknown-facts ignores such keys with a warning
  typo.json: not scored: the facts have errors
  $SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json: scored with $SRC/rulesets/guangzhou/2023.rubric (guangzhou criteria, for 2023 on)
  总分                                   100  95.96  ≠ 95.99
  $ rubric score --allow-unknown-facts "$SRC/rulesets/guangzhou/2023.rubric" typo.json | grep 总分
  typo.json: facts.audit_isues: warning: unknown fact "audit_isues" is ignored [W0601]
    = help: did you mean "audit_issues"?
  总分                                   100  95.96  ≠ 97.99
