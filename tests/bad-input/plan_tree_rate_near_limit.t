A rate near the 38-digit limit (assets in use 99999999999999 over a total of 10^-24) is compared and scored like any other: the tree evaluator once failed the indicator (E0706) while showing the rate as a percent, and the compiled plan that batch uses gave 2. Found by fuzz/plan_vs_tree_fuzzer; both now give 2.00.
  $ sed 's/"fixed_assets_in_use": 17671.78/"fixed_assets_in_use": 99999999999999/; s/"fixed_assets_total": 17749.73/"fixed_assets_total": 0.000000000000000000000001/' "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" > f.json
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" f.json | grep -E '固定资产利用率|^总分'
      固定资产利用率                       2   2.00     2.00  固定资产利用率
  总分                                   100  95.96  ≠ 95.99
  $ tr '\n' ' ' < f.json > d.jsonl && echo >> d.jsonl && rubric batch "$SRC/rulesets/guangzhou/2023.rubric" d.jsonl -o out.csv >/dev/null && python3 -c "import csv; r=list(csv.DictReader(open('out.csv'))); print(r[0]['固定资产利用率'], r[0]['total'], r[0]['grade'])"
  2.00 95.99 优
