Inputs are read once, and no more than their limit: /dev/zero and /dev/urandom stop at once;
a pipe, /dev/stdin and '-' are read like a file; a directory is said to be one.
  $ cp "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" facts.json
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" /dev/zero
  $ rubric check /dev/urandom
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" - < facts.json | tail -1
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" /dev/stdin < facts.json | tail -1
  $ cat facts.json | rubric explain "$SRC/rulesets/guangzhou/2023.rubric" - 结转结余率 | tail -1
  $ mkfifo pipe.json && (cat facts.json > pipe.json &) && rubric score --scheme guangzhou --rulesets "$SRC/rulesets" pipe.json | tail -1
  $ rubric check - < "$SRC/rulesets/guangzhou/2023.rubric"
  $ mkdir folder && rubric score "$SRC/rulesets/guangzhou/2023.rubric" folder
  $ rubric check folder
  $ rubric explain "$SRC/rulesets/guangzhou/2023.rubric" folder
  $ printf 'ruleset "t" scheme t year 2023 extends "folder"\n' > e.rubric && rubric check e.rubric
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" missing.json
