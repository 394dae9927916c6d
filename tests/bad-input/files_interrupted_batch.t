A batch killed by SIGTERM or SIGINT leaves the old results as they were and no temporary file.
(A shell starts background commands with SIGINT ignored, so SIGINT is sent by a program started
with it restored: python3 is not needed, `sh -c 'trap - INT; …'` does it.)
  $ cp "$SRC/rulesets/guangzhou/examples/departments-2023.csv" d.csv
  $ head -1 d.csv > big.csv && for i in $(seq 1 3000); do tail -n +2 d.csv; done >> big.csv
  $ echo old results > out.csv
  $ rubric batch "$SRC/rulesets/guangzhou/2023.rubric" big.csv -o out.csv -q -j 1 & p=$!
  > while ! ls -a | grep -q '^\.out\.csv\.'; do sleep 0.05; done
  > kill -TERM $p; wait $p; echo "exit $?"
  $ ls -a
  $ cat out.csv
  $ sh -c 'trap - INT; exec rubric batch "$SRC/rulesets/guangzhou/2023.rubric" big.csv -o out.csv -q -j 1' & p=$!
  > while ! ls -a | grep -q '^\.out\.csv\.'; do sleep 0.05; done
  > kill -INT $p; wait $p; echo "exit $?"
  $ ls -a
  $ cat out.csv
