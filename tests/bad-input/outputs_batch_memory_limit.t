Under a memory limit (ulimit -v) a batch with 64 worker threads starts those it can, and when
not all could start, or they left less than 128 MB to work in, half of them end again (and again,
while room is short): no "terminate called", no std::system_error, the results complete, no
temporary file left. (The warning says how many started and ran, which depends on the machine: it
is counted, not shown. A sanitizer build cannot run under ulimit -v; it runs without the limit and
prints the same. MALLOC_ARENA_MAX=2 keeps glibc from reserving 64 MB of address space per thread.)
  $ awk 'BEGIN { print "id,department,rate"; for (i = 1; i <= 2000; i++) printf "d%d,部门%d,%d%%\n", i, i, 50 + i % 51 }' > in.csv
  $ limit=500000; sh -c 'ulimit -v $1 && rubric --version; exit $?' sh $limit >/dev/null 2>&1 || limit=unlimited
  > (ulimit -v $limit; MALLOC_ARENA_MAX=2 rubric batch "$SRC/tests/bad-input/outputs/r.rubric" in.csv -o out.csv -j 64 -q 2>err.txt; echo "exit $?")
  > grep -c -e terminate -e system_error err.txt
  > grep -v -e '^warning: only [0-9]* of the 64 worker threads could start (Resource temporarily unavailable); the batch ran on [0-9]*$' -e '^warning: 64 worker threads left less than 128 MB of memory to work in; the batch ran on [0-9]*$' err.txt
  > wc -l < out.csv
  > ls
  rows: 2000, errors: 0
  grades: 优 429, 良 390, 差 1181
  total: mean 7.49, min 5.00, max 10.00
  exit 0
  0
  2001
  err.txt
  in.csv
  out.csv
