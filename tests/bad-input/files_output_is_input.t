An output never replaces an input (E1001): the same file is found by device and inode, through a
symlink, a hard link, another spelling of the name, and for --report as for -o. Nothing is written.
  $ cp "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" facts.json
  $ cp "$SRC/rulesets/guangzhou/examples/departments-2023.csv" d.csv
  $ cp "$SRC/rulesets/guangzhou/2023.rubric" 2023.rubric
  $ rubric batch 2023.rubric d.csv -o d.csv
  error: -o d.csv is the input d.csv: rubric does not write over its inputs [E1001]
    = help: give -o another file
  [2]
  $ rubric batch 2023.rubric d.csv -o ./d.csv
  error: -o ./d.csv is the input d.csv (the same file): rubric does not write over its inputs [E1001]
    = help: give -o another file
  [2]
  $ ln -s d.csv link.csv && rubric batch 2023.rubric link.csv -o d.csv
  error: -o d.csv is the input link.csv (the same file): rubric does not write over its inputs [E1001]
    = help: give -o another file
  [2]
  $ ln d.csv hard.csv && rubric batch 2023.rubric d.csv -o hard.csv
  error: -o hard.csv is the input d.csv (the same file): rubric does not write over its inputs [E1001]
    = help: give -o another file
  [2]
  $ rubric score 2023.rubric facts.json --format csv -o facts.json
  error: -o facts.json is the facts file facts.json: rubric does not write over its inputs [E1001]
    = help: give -o another file
  [2]
  $ rubric score 2023.rubric facts.json --format md -o 2023.rubric
  error: -o 2023.rubric is the ruleset 2023.rubric: rubric does not write over its inputs [E1001]
    = help: give -o another file
  [2]
  $ ln -s 2023.rubric r.html && rubric batch 2023.rubric d.csv -o out.csv --report r.html -q
  error: --report r.html is the ruleset 2023.rubric (the same file): rubric does not write over its inputs [E1001]
    = help: give --report another file
  [2]
  $ ls
  2023.rubric
  d.csv
  facts.json
  hard.csv
  link.csv
  r.html
  $ cmp d.csv "$SRC/rulesets/guangzhou/examples/departments-2023.csv" && cmp 2023.rubric "$SRC/rulesets/guangzhou/2023.rubric" && echo unchanged
  unchanged
