`rubric diff --facts` scores each department under both rulesets by the same rule as `score`: a key a ruleset does not declare leaves that department unscored under it, named in its row, and the others are still measured. --allow-unknown-facts ignores such keys, as it does for score, audit, explain, batch and test: for facts written for the old rules, where the new rules dropped a fact.
  $ cp "$SRC/rulesets/guangzhou/2023.rubric" old.rubric
  $ sed 's/per audit_issues/when audit_issues > 1/' old.rubric > new.rubric
  $ cp "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" court.json
  $ sed 's/"audit_issues"/"audit_isues"/' court.json > typo.json
  $ rubric diff old.rubric new.rubric --facts court.json --facts typo.json | sed -n '/^Impact on/,/^Summary/p' | tail -n 6
  Impact on 2 departments
    部门            old total  old  new total  new    change
    广州互联网法院      95.99  优       97.49  优       +1.5
    typo.json       not scored: new ruleset: facts.audit_isues: unknown fact "audit_isues"
  Summary: 1 department scored under both; 1 changes total; 0 change grade (0 up, 0 down); largest gain +1.5 (广州互联网法院); 1 could not be scored under both
  $ rubric diff old.rubric new.rubric --facts court.json --facts typo.json --format json | grep -c 'unknown fact'
  1
  $ rubric diff old.rubric new.rubric --facts court.json --facts typo.json --allow-unknown-facts | sed -n '/^Impact on/,/^Summary/p' | tail -n 6
  Impact on 2 departments
    部门            old total  old  new total  new    change
    广州互联网法院      95.99  优       97.49  优       +1.5
    广州互联网法院      97.99  优       97.99  优          0
  Summary: 2 departments scored under both; 1 changes total; 0 change grade (0 up, 0 down); largest gain +1.5 (广州互联网法院)
