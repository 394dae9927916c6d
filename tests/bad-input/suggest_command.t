A command name that is not one of rubric's is an error that says so, with the command meant when it is a likely slip (docs/errors.md, "Did you mean"), and lists the commands; CLI11 alone said "A subcommand is required". Exit 2, a bad command line.
  $ rubric scor
  error: unknown command 'scor'; did you mean 'score'?
    = help: the commands are check, score, audit, facts, diff, batch, test, explain, fmt, serve, lsp; rubric --help describes them
  [2]
  $ rubric bach rules.rubric departments.csv -o out.csv
  error: unknown command 'bach'; did you mean 'batch'?
    = help: the commands are check, score, audit, facts, diff, batch, test, explain, fmt, serve, lsp; rubric --help describes them
  [2]
  $ rubric 评分 rules.rubric
  error: unknown command '评分'
    = help: the commands are check, score, audit, facts, diff, batch, test, explain, fmt, serve, lsp; rubric --help describes them
  [2]
  $ rubric --version scor
  rubric 0.1.0
A known command still parses as before.
  $ rubric check "$SRC/rulesets/guangzhou/2023.rubric"
  $SRC/rulesets/guangzhou/2023.rubric: ok
