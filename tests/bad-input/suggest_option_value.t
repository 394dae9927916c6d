An option whose value is one of a fixed set names the value meant, and lists the set, for every such option: --format of score, test, facts and diff, --input-format of batch.
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" --format htm
  --format: 'htm' is not one of table, json, xlsx, html, md, csv; did you mean 'html'?
  Run with --help for more information.
  [2]
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" --format=xlxs
  --format: 'xlxs' is not one of table, json, xlsx, html, md, csv; did you mean 'xlsx'?
  Run with --help for more information.
  [2]
  $ rubric test "$SRC/rulesets/guangzhou/2023.rubric" --format jsno
  --format: 'jsno' is not one of text, json; did you mean 'json'?
  Run with --help for more information.
  [2]
  $ rubric facts "$SRC/rulesets/guangzhou/2023.rubric" --format batc
  --format: 'batc' is not one of json, xlsx, csv, batch; did you mean 'batch'?
  Run with --help for more information.
  [2]
  $ rubric diff "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/2023.rubric" --format markdown
  --format: 'markdown' is not one of table, md, json
  Run with --help for more information.
  [2]
  $ rubric batch "$SRC/rulesets/guangzhou/2023.rubric" - -o out.csv --input-format jsonline
  --input-format: 'jsonline' is not one of csv, jsonl; did you mean 'jsonl'?
  Run with --help for more information.
  [2]
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" --format pdf
  --format: 'pdf' is not one of table, json, xlsx, html, md, csv
  Run with --help for more information.
  [2]
