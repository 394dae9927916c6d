`--format md`: HTML in a name is shown, not run (<script>, <img onerror>), '&' stays itself, and Markdown's link and code syntax is escaped; '|' and newlines stay handled.
  $ printf '{"department": "<script>alert(1)</script>", "year": 2023, "facts": {"rate": "95%%"}}' > f1.json
  $ rubric score "$SRC/tests/bad-input/outputs/r.rubric" f1.json --format md | grep 部门名称
  - 部门名称：&lt;script>alert(1)&lt;/script>
  $ printf '{"department": "<img src=x onerror=alert(1)>", "year": 2023, "facts": {"rate": "95%%"}}' > f2.json
  $ rubric score "$SRC/tests/bad-input/outputs/r.rubric" f2.json --format md | grep 部门名称
  - 部门名称：&lt;img src=x onerror=alert(1)>
  $ printf '{"department": "A&amp;B &lt;i&gt;", "year": 2023, "facts": {"rate": "95%%"}}' > f3.json
  $ rubric score "$SRC/tests/bad-input/outputs/r.rubric" f3.json --format md | grep 部门名称
  - 部门名称：A&amp;amp;B &amp;lt;i&amp;gt;
  $ printf '{"department": "[点此](javascript:alert(1)) `code` \\\\", "year": 2023, "facts": {"rate": "95%%"}}' > f4.json
  $ rubric score "$SRC/tests/bad-input/outputs/r.rubric" f4.json --format md | grep 部门名称
  - 部门名称：\[点此\](javascript:alert(1)) \`code\` \\
  $ printf '{"department": "甲|乙\\n<b>丙</b>", "year": 2023, "facts": {"rate": "95%%"}}' > f5.json
  $ rubric score "$SRC/tests/bad-input/outputs/r.rubric" f5.json --format md | grep 部门名称
  - 部门名称：甲\|乙<br>&lt;b>丙&lt;/b>
