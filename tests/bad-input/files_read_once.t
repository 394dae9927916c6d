Inputs are read once, and no more than their limit: /dev/zero and /dev/urandom stop at once;
a pipe, /dev/stdin and '-' are read like a file; a directory is said to be one.
  $ cp "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" facts.json
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" /dev/zero
  /dev/zero: error: the input is more than 16777216 bytes; a facts file may be at most 16777216 bytes [E0609]
  /dev/zero: not scored: the facts have errors
  [3]
  $ rubric check /dev/urandom
  /dev/urandom: error: the input is more than 4194304 bytes; rulesets may be at most 4194304 bytes [E0012]
  1 error generated.
  [1]
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" - < facts.json | tail -1
  ≠ 标出 2 处自评分与计算结果不一致 (claimed ≠ computed)
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" /dev/stdin < facts.json | tail -1
  ≠ 标出 2 处自评分与计算结果不一致 (claimed ≠ computed)
  $ cat facts.json | rubric explain "$SRC/rulesets/guangzhou/2023.rubric" - 结转结余率 | grep '^  = '
    = 2.00
  $ mkfifo pipe.json && (cat facts.json > pipe.json &) && rubric score --scheme guangzhou --rulesets "$SRC/rulesets" pipe.json | tail -1
  pipe.json: scored with $SRC/rulesets/guangzhou/2023.rubric (guangzhou criteria, for 2023 on)
  ≠ 标出 2 处自评分与计算结果不一致 (claimed ≠ computed)
  $ rubric check - < "$SRC/rulesets/guangzhou/2023.rubric"
  <stdin>:157:3: note: the score goes down where rate（完成率） rises past 150%, though it goes up elsewhere: at 150% it is pts, above 150% it is pts / 2 [W0407]
   157 |   (150%, inf)  -> pts / 2
       |   ^~~~~~~~~~~
    = help: if the rule means it, nothing is wrong; if not, make the scores at either side of the bound go the same way as the others
    = note: so more o.actual can lower the score
    = note: so less o.target can lower the score
  <stdin>:175:41: note: rate lies in [0%, inf) in this call
   175 |             otherwise sum(o in outputs: completion(o.actual / o.target, o.weight))
       |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
  <stdin>: ok
  $ mkdir folder && rubric score "$SRC/rulesets/guangzhou/2023.rubric" folder
  FILES: folder is a directory, not a file
  Run with --help for more information.
  [2]
  $ rubric check folder
  RULESET: folder is a directory, not a file
  Run with --help for more information.
  [2]
  $ rubric explain "$SRC/rulesets/guangzhou/2023.rubric" folder
  FACTS: folder is a directory, not a file
  Run with --help for more information.
  [2]
  $ printf 'ruleset "t" scheme t year 2023 extends "folder"\n' > e.rubric && rubric check e.rubric
  e.rubric:1:40: error: cannot read the base ruleset 'folder': this is a directory, not a file [E0908]
   1 | ruleset "t" scheme t year 2023 extends "folder"
     |                                        ^~~~~~~~
    = help: the path is relative to the extending file's folder
  1 error generated.
  [1]
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" missing.json
  FILES: missing.json: No such file or directory
  Run with --help for more information.
  [2]
