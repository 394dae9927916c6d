The number of worker threads is bounded: -j above 64 (or not a positive number) is a usage error, exit 2, and nothing is written.
  $ printf 'id,department,rate\nd1,甲,95%%\nd2,乙,85%%\n' > in.csv
  $ rubric batch "$SRC/tests/bad-input/outputs/r.rubric" in.csv -o out.csv -j 1024
  --jobs: -j 1024: the number of worker threads must be from 1 to 64 (scoring uses one core per thread: more threads than cores do not score faster; the default is one per core)
  Run with --help for more information.
  [2]
  $ rubric batch "$SRC/tests/bad-input/outputs/r.rubric" in.csv -o out.csv -j 400
  --jobs: -j 400: the number of worker threads must be from 1 to 64 (scoring uses one core per thread: more threads than cores do not score faster; the default is one per core)
  Run with --help for more information.
  [2]
  $ rubric batch "$SRC/tests/bad-input/outputs/r.rubric" in.csv -o out.csv -j 65
  --jobs: -j 65: the number of worker threads must be from 1 to 64 (scoring uses one core per thread: more threads than cores do not score faster; the default is one per core)
  Run with --help for more information.
  [2]
  $ rubric batch "$SRC/tests/bad-input/outputs/r.rubric" in.csv -o out.csv -j 0
  --jobs: -j 0: the number of worker threads must be from 1 to 64 (scoring uses one core per thread: more threads than cores do not score faster; the default is one per core)
  Run with --help for more information.
  [2]
  $ rubric batch "$SRC/tests/bad-input/outputs/r.rubric" in.csv -o out.csv -j 4x
  --jobs: -j 4x: the number of worker threads must be from 1 to 64 (scoring uses one core per thread: more threads than cores do not score faster; the default is one per core)
  Run with --help for more information.
  [2]
  $ ls
  in.csv
  $ rubric batch "$SRC/tests/bad-input/outputs/r.rubric" in.csv -o out.csv -j 64
  rows: 2, errors: 0
  grades: 优 1, 良 1, 差 0
  total: mean 9.00, min 8.50, max 9.50
  $ cat out.csv
  ﻿row,id,department,total,grade,预算执行率,error
  1,d1,甲,9.50,优,9.50,
  2,d2,乙,8.50,良,8.50,
