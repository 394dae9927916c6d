`rubric explain` shows each call of a function with the values it was given and what it gave, above the steps taken inside it ([15] item 8): a value computed inside a function (here the rate, a / t) is no longer hidden.
  $ printf 'ruleset "t" scheme test year 2023\nfacts {\n  a : number in [0, 100] "完成值"\n  t : number in (0, 100] "目标值"\n}\ndefine part(rate, pts) = tiered rate {\n  [0, 60%%)   -> 0\n  [60%%, 1]   -> rate * pts\n  (1, inf)   -> pts\n}\nsection S points 10 {\n  indicator 完成情况 points 10 {\n    score part(a / t, 5) + part(min(a, t) / t, 5)\n  }\n}\n' > r.rubric
  $ printf '{"department": "某局", "facts": {"a": 90, "t": 100}}' > f.json
  $ rubric explain r.rubric f.json 完成情况
  S / 完成情况 (10 points, r.rubric:12)
    values:
      fact a = 90  (f.json, facts.a)
      fact t = 100  (f.json, facts.t)
      function part(rate, pts)  (function at r.rubric:6:8)
      function min  (built-in function)
    derivation:
      part(rate = 0.9, pts = 5) = 4.5  [line 13]
      rate = 90% ∈ [60%, 1] → 4.5  [line 8]
        because 60% ≤ 90% ≤ 100%
      part(rate = 0.9, pts = 5) = 4.5  [line 13]
      rate = 90% ∈ [60%, 1] → 4.5  [line 8]
        because 60% ≤ 90% ≤ 100%
    rounding: 9 needs none (the ruleset's rounding: 2 decimals, half_up)
    = 9.00
  
