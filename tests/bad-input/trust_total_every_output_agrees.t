One indicator at `rounding 3` scores 79.995, another 10: the total is 89.995, graded 良 (优 is >= 90), and every output shows 89.995 beside 良. Nothing rounds the total again for display (docs/language.md, "The total and the grade").
  $ rubric score "$SRC/tests/bad-input/trust-total/ruleset.rubric" "$SRC/tests/bad-input/trust-total/facts.json" | grep -E '^(总分|评价等级|  履职)'
  总分        90  90.000  ≠ 89.995
  评价等级  良    ☐优 ☑良 ☐中 ☐差
The JSON gives the same total and grade.
  $ rubric score "$SRC/tests/bad-input/trust-total/ruleset.rubric" "$SRC/tests/bad-input/trust-total/facts.json" --format json | grep -E '"(total|grade)"'
        "total": 90,
        "total": 89.995,
        "grade": "良",
The official table in Markdown, CSV and HTML.
  $ rubric score "$SRC/tests/bad-input/trust-total/ruleset.rubric" "$SRC/tests/bad-input/trust-total/facts.json" --format md | grep -E '总分|评价等级'
  | **总分**     |   90 |          |      |          |      |          |                                                                              | ≠ **89.995** | 90.000 |                                           |                  |
  | **评价等级** |   良 |          |      |          |      |          | ☐优 90分≤得分≤90分； ☑良 80分≤得分<90分； ☐中 60分≤得分<80分； ☐差 得分<60分 |              |        |                                           |                  |
  评价等级：☐优 ☑良 ☐中 ☐差
  $ rubric score "$SRC/tests/bad-input/trust-total/ruleset.rubric" "$SRC/tests/bad-input/trust-total/facts.json" --format csv | grep -E '总分|评价等级'
  总分,90,,,,,,,89.995,90.000,,
  评价等级,☐优 90分≤得分≤90分； ☑良 80分≤得分<90分； ☐中 60分≤得分<80分； ☐差 得分<60分,,,,,,,,,,
  $ rubric score "$SRC/tests/bad-input/trust-total/ruleset.rubric" "$SRC/tests/bad-input/trust-total/facts.json" --format html | grep -c '89.995'
  2
  $ rubric score "$SRC/tests/bad-input/trust-total/ruleset.rubric" "$SRC/tests/bad-input/trust-total/facts.json" --format html | grep -o '☑[优良中差]'
  [1]
The audit compares the claimed 90 with 89.995, and explain derives the same.
  $ rubric audit "$SRC/tests/bad-input/trust-total/ruleset.rubric" "$SRC/tests/bad-input/trust-total/facts.json"
  测试部门 ($SRC/tests/bad-input/trust-total/facts.json): 2 claimed scores differ
    甲    claimed 80.000  computed 79.995 (-0.005)
    总分  claimed 90.000  computed 89.995 (-0.005)
  [4]
  $ rubric explain "$SRC/tests/bad-input/trust-total/ruleset.rubric" "$SRC/tests/bad-input/trust-total/facts.json" | tail -n 1
  总分 = 89.995 → 良
