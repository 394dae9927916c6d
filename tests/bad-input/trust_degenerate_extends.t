Extensions that leave nothing to score are errors at `rubric check`, and `score` scores nothing with them: `extends ""` (E0909), an extension that removes every indicator of its base (E0410), and an empty grade table, which replaces the base's (E0501).
  $ cp "$SRC/tests/bad-input/trust-total/ruleset.rubric" base.rubric
  $ printf 'ruleset "草稿" scheme trust year 2024 extends ""\n' > empty.rubric
  $ rubric check empty.rubric
  empty.rubric:1:45: error: 'extends' names no ruleset [E0909]
   1 | ruleset "草稿" scheme trust year 2024 extends ""
     |                                               ^~
    = help: name the base ruleset's file, e.g. extends "2023.rubric", or remove 'extends ""' from the header
  1 error generated.
  [1]
  $ rubric score empty.rubric "$SRC/tests/bad-input/trust-total/facts.json"
  empty.rubric:1:45: error: 'extends' names no ruleset [E0909]
   1 | ruleset "草稿" scheme trust year 2024 extends ""
     |                                               ^~
    = help: name the base ruleset's file, e.g. extends "2023.rubric", or remove 'extends ""' from the header
  1 error generated.
  [1]
  $ printf 'ruleset "删光" scheme trust year 2024 extends "base.rubric"\nremove 履职效能\n' > removed.rubric
  $ rubric check removed.rubric
  removed.rubric:1:1: error: the ruleset has no indicators: it would score every department 0 [E0410]
   1 | ruleset "删光" scheme trust year 2024 extends "base.rubric"
     | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = help: the changes remove every indicator of the base; keep at least one
  removed.rubric:2:1: warning: fact 'a' of the base ruleset is no longer used: this change removed its last use [W0102]
   2 | remove 履职效能
     | ^~~~~~~~~~~~~~~
    = help: write 'remove fact a' below this line; departments are then no longer asked for it
  base.rubric:8:3: note: 'a' is declared here, in the base ruleset
   8 |   a : number in [0, 80] "甲项得分依据"
     |   ^
  removed.rubric:2:1: warning: fact 'b' of the base ruleset is no longer used: this change removed its last use [W0102]
   2 | remove 履职效能
     | ^~~~~~~~~~~~~~~
    = help: write 'remove fact b' below this line; departments are then no longer asked for it
  base.rubric:9:3: note: 'b' is declared here, in the base ruleset
   9 |   b : number in [0, 10] "乙项得分依据"
     |   ^
  1 error and 2 warnings generated.
  [1]
  $ printf 'ruleset "删光" scheme trust year 2024 extends "base.rubric"\nremove 甲\nremove 乙\n' > leaves.rubric
  $ rubric check leaves.rubric
  leaves.rubric:1:1: error: the ruleset has no indicators: it would score every department 0 [E0410]
   1 | ruleset "删光" scheme trust year 2024 extends "base.rubric"
     | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = help: the changes remove every indicator of the base; keep at least one
  leaves.rubric:2:1: warning: fact 'a' of the base ruleset is no longer used: this change removed its last use [W0102]
   2 | remove 甲
     | ^~~~~~~~~
    = help: write 'remove fact a' below this line; departments are then no longer asked for it
  base.rubric:8:3: note: 'a' is declared here, in the base ruleset
   8 |   a : number in [0, 80] "甲项得分依据"
     |   ^
  leaves.rubric:3:1: warning: fact 'b' of the base ruleset is no longer used: this change removed its last use [W0102]
   3 | remove 乙
     | ^~~~~~~~~
    = help: write 'remove fact b' below this line; departments are then no longer asked for it
  base.rubric:9:3: note: 'b' is declared here, in the base ruleset
   9 |   b : number in [0, 10] "乙项得分依据"
     |   ^
  1 error and 2 warnings generated.
  [1]
  $ printf 'ruleset "零" scheme trust year 2024 extends "base.rubric"\ngrade { }\n' > nogrades.rubric
  $ rubric check nogrades.rubric
  nogrades.rubric:2:1: error: the 'grade' table is empty [E0501]
   2 | grade { }
     | ^~~~~~~~~
    = help: list the grades best first, e.g. 'grade { 优 >= 90; 良 >= 80; 中 >= 60; 差 otherwise }'
  1 error generated.
  [1]
