A mean over a list the facts left empty names the list where it is, in the facts file, by its JSON path ([9] item 12); and no official table is written for a department that could not be scored: an incomplete 自评表 must not be handed in, nor replace a complete one.
  $ printf 'ruleset "t" scheme test year 2023\ntotal 10\nfacts {\n  outputs: list of { rate: percent in [0, 100%%] } "产出"\n}\nsection S points 10 {\n  indicator I points 10 {\n    score mean(o in outputs: o.rate) * points\n  }\n}\ngrade { 优 >= 9; 差 otherwise }\n' > r.rubric
  $ echo '{"department":"某局","facts":{"outputs":[]}}' > empty.json
  $ rubric score r.rubric empty.json --format xlsx -o report.xlsx
  r.rubric:8:11: error: indicator 'I': mean of no elements: outputs has none [E0710]
   8 |     score mean(o in outputs: o.rate) * points
     |           ^~~~~~~~~~~~~~~~~~~~~~~~~~
  empty.json: facts.outputs: note: this list is empty
  empty.json: no report written: the department could not be scored (see the errors above)
  [3]
  $ ls
  empty.json
  r.rubric
A report that was there before stays as it was.
  $ echo '{"department":"某局","facts":{"outputs":[{"rate":"80%"}]}}' > one.json
  $ rubric score r.rubric one.json --format html -o report.html
  one.json: wrote report.html
  $ cp report.html before.html
  $ rubric score r.rubric empty.json --format html -o report.html 2>/dev/null
  [3]
  $ cmp report.html before.html
With a filter that lets nothing through, the note says what the list holds.
  $ sed 's/mean(o in outputs: o.rate)/mean(o in outputs where o.rate > 90%: o.rate)/' r.rubric > f.rubric
  $ rubric score f.rubric one.json > /dev/null
  f.rubric:8:11: error: indicator 'I': mean of no elements: outputs has none that pass the filter [E0710]
   8 |     score mean(o in outputs where o.rate > 90%: o.rate) * points
     |           ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
  one.json: facts.outputs: note: this list has 1 element, and none passes the filter
  [3]
