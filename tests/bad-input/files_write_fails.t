A write that fails is an error naming the file (or standard output) and the OS error, exit 5;
never a success. /dev/full fails every write with ENOSPC, like a full disk.
  $ cp "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" facts.json
  $ cp "$SRC/rulesets/guangzhou/examples/departments-2023.csv" d.csv
  $ rubric facts "$SRC/rulesets/guangzhou/2023.rubric" > /dev/full
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format json > /dev/full
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json > /dev/full
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format md -o /dev/full
  $ rubric check "$SRC/rulesets/guangzhou/2023.rubric" > /dev/full
  $ rubric diff "$SRC/rulesets/guangzhou/2021.rubric" "$SRC/rulesets/guangzhou/2023.rubric" > /dev/full
  $ rubric batch "$SRC/rulesets/guangzhou/2023.rubric" d.csv -o out.csv -q > /dev/full
  $ rubric fmt - < "$SRC/rulesets/guangzhou/2023.rubric" > /dev/full
  $ rubric test "$SRC/rulesets/guangzhou/2023.rubric" > /dev/full
  $ mkdir out && rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format md -o out
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format md -o missing/r.md
  $ ls out
