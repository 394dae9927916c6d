`-o` writes a report: with the table format it is a usage error (exit 2), and nothing is written.
  $ cp "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" facts.json
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json -o out.txt
  score: -o writes a report: use it with --format xlsx, html, md or csv
  [2]
  $ ls
  facts.json
