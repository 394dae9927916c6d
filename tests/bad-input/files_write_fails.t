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
  $SRC/rulesets/guangzhou/2023.rubric:157:3: note: the score goes down where rate（完成率） rises past 150%, though it goes up elsewhere: at 150% it is pts, above 150% it is pts / 2 [W0407]
   157 |   (150%, inf)  -> pts / 2
       |   ^~~~~~~~~~~
    = help: if the rule means it, nothing is wrong; if not, make the scores at either side of the bound go the same way as the others
    = note: so more o.actual can lower the score
    = note: so less o.target can lower the score
  $SRC/rulesets/guangzhou/2023.rubric:175:41: note: rate lies in [0%, inf) in this call
   175 |             otherwise sum(o in outputs: completion(o.actual / o.target, o.weight))
       |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
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
