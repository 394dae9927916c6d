A batch killed by SIGTERM or SIGINT leaves the old results as they were and no temporary file
behind, and dies of the signal (exit 143, 130). A shell starts background commands with SIGINT
ignored, so the SIGINT case restores it with `env --default-signal=INT`.
  $ cp "$SRC/rulesets/guangzhou/examples/departments-2023.csv" d.csv
  $ awk 'NR == 1 { print; next } { row[NR] = $0 } END { for (i = 0; i < 10000; i++) for (j = 2; j <= NR; j++) print row[j] }' d.csv > big.csv
  $ echo old results > out.csv
  $ rubric batch "$SRC/rulesets/guangzhou/2023.rubric" big.csv -o out.csv -q -j 1 > /dev/null & p=$!
  > while ! ls -a | grep -q '^\.out\.csv\.'; do sleep 0.05; done
  > kill -TERM $p; { wait $p; } 2>/dev/null; echo "exit $?"
  exit 143
  $ ls -a
  .
  ..
  big.csv
  d.csv
  out.csv
  $ cat out.csv
  old results
  $ env --default-signal=INT rubric batch "$SRC/rulesets/guangzhou/2023.rubric" big.csv -o out.csv -q -j 1 > /dev/null & p=$!
  > while ! ls -a | grep -q '^\.out\.csv\.'; do sleep 0.05; done
  > kill -INT $p; wait $p; echo "exit $?"
  exit 130
  $ ls -a
  .
  ..
  big.csv
  d.csv
  out.csv
  $ cat out.csv
  old results
