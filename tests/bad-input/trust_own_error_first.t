A ruleset named on the command line that does not load is reported with its own error (exit 1), never as "holds the criteria of another year … pass --any-year" (E0806).
A GBK comment:
  $ printf '# \262\342\312\324\n' > gbk.rubric && cat "$SRC/rulesets/guangzhou/2023.rubric" >> gbk.rubric
  $ rubric score gbk.rubric "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"
  gbk.rubric:1:3: error: the file is not valid UTF-8 [E0013]
   1 | # \x{b2}\x{e2}\x{ca}\x{d4}
     |   ^~~~~~
    = help: save the file as UTF-8
  1 error generated.
  [1]
Curly quotes in the header:
  $ sed '1,/^ruleset/s/"/“/' "$SRC/rulesets/guangzhou/2023.rubric" > quotes.rubric
  $ rubric score quotes.rubric "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"
  quotes.rubric:12:9: error: expected the ruleset's name as a string, found '“' [E0002]
   12 | ruleset “广州市部门整体支出绩效自评（无专项资金）" scheme guangzhou year 2023
      |         ^
    = help: write it as a string: "“广州市部门整体支出绩效自评（无专项资金）"; punctuation such as “” or （） cannot be part of a bare name
  1 error generated.
  [1]
Over 4 MiB:
  $ cp "$SRC/rulesets/guangzhou/2023.rubric" big.rubric && head -c 4300000 /dev/zero | tr '\0' '#' >> big.rubric
  $ rubric score big.rubric "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"
  big.rubric: error: the file is 4339218 bytes; rulesets may be at most 4194304 bytes [E0012]
  1 error generated.
  [1]
A header with no year:
  $ sed '1,/^ruleset/s/ year 2023//' "$SRC/rulesets/guangzhou/2023.rubric" > noyear.rubric
  $ rubric score noyear.rubric "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"
  noyear.rubric:12:48: error: expected 'year' and the year, found 'total' on line 13 [E0002]
   12 | ruleset "广州市部门整体支出绩效自评（无专项资金）" scheme guangzhou
      |                                                                    ^
  1 error generated.
  [1]
An error in the body only (an unknown name): the ruleset's error, not the year's.
  $ sed 's/deduct 0.5 per audit_issues$/deduct 0.5 per audit_isues/' "$SRC/rulesets/guangzhou/2023.rubric" > body.rubric
  $ rubric score body.rubric "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2021.json"
  body.rubric:268:28: error: unknown name 'audit_isues' [E0201]
   268 |       score deduct 0.5 per audit_isues
       |                            ^~~~~~~~~~~
    = help: did you mean 'audit_issues'?
  1 error generated.
  [1]
The same through `audit` and `explain`:
  $ rubric audit gbk.rubric "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"
  gbk.rubric:1:3: error: the file is not valid UTF-8 [E0013]
   1 | # \x{b2}\x{e2}\x{ca}\x{d4}
     |   ^~~~~~
    = help: save the file as UTF-8
  1 error generated.
  [1]
  $ rubric explain quotes.rubric "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"
  quotes.rubric:12:9: error: expected the ruleset's name as a string, found '“' [E0002]
   12 | ruleset “广州市部门整体支出绩效自评（无专项资金）" scheme guangzhou year 2023
      |         ^
    = help: write it as a string: "“广州市部门整体支出绩效自评（无专项资金）"; punctuation such as “” or （） cannot be part of a bare name
  1 error generated.
  [1]
