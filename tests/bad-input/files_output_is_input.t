An output never replaces an input (E1001): the same file is found by device and inode, through a
symlink, a hard link, another spelling of the name, and for --report as for -o. Nothing is written.
  $ cp "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" facts.json
  $ cp "$SRC/rulesets/guangzhou/examples/departments-2023.csv" d.csv
  $ cp "$SRC/rulesets/guangzhou/2023.rubric" 2023.rubric
  $ rubric batch 2023.rubric d.csv -o d.csv
  $ rubric batch 2023.rubric d.csv -o ./d.csv
  $ ln -s d.csv link.csv && rubric batch 2023.rubric link.csv -o d.csv
  $ ln d.csv hard.csv && rubric batch 2023.rubric d.csv -o hard.csv
  $ rubric score 2023.rubric facts.json --format csv -o facts.json
  $ rubric score 2023.rubric facts.json --format md -o 2023.rubric
  $ ln -s 2023.rubric r.html && rubric batch 2023.rubric d.csv -o out.csv --report r.html -q
  $ ls
  $ cmp d.csv "$SRC/rulesets/guangzhou/examples/departments-2023.csv" && cmp 2023.rubric "$SRC/rulesets/guangzhou/2023.rubric" && echo unchanged
