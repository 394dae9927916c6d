A command name that is not one of rubric's is an error that says so, with the command meant when it is a likely slip (docs/errors.md, "Did you mean"), and lists the commands; CLI11 alone said "A subcommand is required". Exit 2, a bad command line.
  $ rubric scor
  error: unknown command 'scor'; did you mean 'score'?
    = help: the commands are check, score, audit, facts, diff, batch, test, explain, fmt, serve, lsp, whatif; rubric --help describes them
  [2]
  $ rubric bach rules.rubric departments.csv -o out.csv
  error: unknown command 'bach'; did you mean 'batch'?
    = help: the commands are check, score, audit, facts, diff, batch, test, explain, fmt, serve, lsp, whatif; rubric --help describes them
  [2]
  $ rubric 评分 rules.rubric
  error: unknown command '评分'
    = help: the commands are check, score, audit, facts, diff, batch, test, explain, fmt, serve, lsp, whatif; rubric --help describes them
  [2]
  $ rubric --version scor
  rubric 0.1.0
A known command still parses as before.
  $ rubric check "$SRC/rulesets/guangzhou/2023.rubric"
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
