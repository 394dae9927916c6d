A write that fails is an error naming the file (or standard output) and the OS error, exit 5;
never a success. /dev/full fails every write with ENOSPC, like a full disk.
  $ cp "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" facts.json
  $ cp "$SRC/rulesets/guangzhou/examples/departments-2023.csv" d.csv
  $ rubric facts "$SRC/rulesets/guangzhou/2023.rubric" > /dev/full
  error: cannot write to standard output: No space left on device; the output is incomplete [E1003]
  [5]
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format json > /dev/full
  error: cannot write to standard output: No space left on device; the output is incomplete [E1003]
  [5]
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json > /dev/full
  error: cannot write to standard output: No space left on device; the output is incomplete [E1003]
  [5]
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format md -o /dev/full
  error: cannot write /dev/full: No space left on device [E1002]
  [5]
  $ rubric check "$SRC/rulesets/guangzhou/2023.rubric" > /dev/full
  $SRC/rulesets/guangzhou/2023.rubric: ok
  $ rubric diff "$SRC/rulesets/guangzhou/2021.rubric" "$SRC/rulesets/guangzhou/2023.rubric" > /dev/full
  error: cannot write to standard output: No space left on device; the output is incomplete [E1003]
  [5]
  $ rubric batch "$SRC/rulesets/guangzhou/2023.rubric" d.csv -o out.csv -q > /dev/full
  error: cannot write to standard output: No space left on device; the output is incomplete [E1003]
  [5]
  $ rubric fmt - < "$SRC/rulesets/guangzhou/2023.rubric" > /dev/full
  error: cannot write to standard output: No space left on device; the output is incomplete [E1003]
  [5]
  $ rubric test "$SRC/rulesets/guangzhou/2023.rubric" > /dev/full
  error: cannot write to standard output: No space left on device; the output is incomplete [E1003]
  [5]
  $ mkdir out && rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format md -o out
  error: out is a directory [E1005]
    = help: give the name of a file to write, e.g. out/results.csv
  [5]
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format md -o missing/r.md
  error: cannot create a temporary file in missing to write missing/r.md: No such file or directory [E1006]
    = help: rubric writes a new file beside the old one and then renames it, so the folder must exist and be writable
  [5]
  $ ls out
