In an arm of `tiered a / t`, `a / t` written again has that arm's interval: `a / t * w` in [60%, 100%) is below w, so the score stays within its points and `rubric check --werror` has nothing to say ([9] item 9). Before, only a name was narrowed, and W0404 said the score could be anything.
  $ printf 'ruleset "t" scheme test year 2023\ntotal 10\nfacts {\n  a: number in [0, inf) "实际"\n  t: number in (0, inf) "目标"\n  w: number in [0, 10] "权重"\n}\nsection S points 10 {\n  indicator I points 10 {\n    score tiered a / t { [0, 60%%) -> 0  [60%%, 100%%) -> a / t * w  [100%%, inf) -> w }\n  }\n}\ngrade { 优 >= 9; 差 otherwise }\n' > r.rubric
  $ rubric check --werror r.rubric
  r.rubric: ok
A subject that bounds nothing about another expression narrows nothing: `a` alone is still unbounded in the arm.
  $ sed 's|-> a / t \* w|-> a|' r.rubric > s.rubric
  $ rubric check --werror s.rubric
  s.rubric:10:11: warning: 'I' can score without limit, more than its 10 points [W0404]
   10 |     score tiered a / t { [0, 60%) -> 0  [60%, 100%) -> a  [100%, inf) -> w }
      |           ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    = help: cap the score, e.g. 'min(…, points)', or narrow the domains of the facts it uses
    = note: the score lies in [0, inf) for facts in their declared domains; such facts stop the evaluation with E0702
  1 warning generated.
  s.rubric: warnings are errors (--werror)
  [1]
