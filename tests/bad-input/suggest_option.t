An unknown long option of a command is named as such, with the option meant, before anything else of the command line is looked at: `--fromat html` used to be read as a stray file named html. `--name=value` is checked by its name.
  $ rubric score --fromat html "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"
  error: unknown option '--fromat' for rubric score; did you mean '--format'?
    = help: rubric score --help lists its options
  [2]
  $ rubric batch --inptu-format=csv rules.rubric - -o out.csv
  error: unknown option '--inptu-format' for rubric batch; did you mean '--input-format'?
    = help: rubric batch --help lists its options
  [2]
  $ rubric test --filtr 结转 "$SRC/rulesets/guangzhou"
  error: unknown option '--filtr' for rubric test; did you mean '--filter'?
    = help: rubric test --help lists its options
  [2]
  $ rubric check --nothing-like-it x.rubric
  error: unknown option '--nothing-like-it' for rubric check
    = help: rubric check --help lists its options
  [2]
Only long options are checked here; after "--" every word is a file name.
  $ rubric check -- --fromat
  RULESET: --fromat: No such file or directory
  Run with --help for more information.
  [2]
