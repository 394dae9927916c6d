Control characters in names reach the terminal as text, never as commands: ESC (the screen-clearing \u001b[2J), a C1 CSI (U+009B), BEL, a newline, a right-to-left override (U+202E) and a zero-width space are shown as \u{…} in the table; the JSON output keeps them, escaped as JSON.
  $ printf '{"department": "\\u001b[2J\\u009b31m\\u0007部门\\n二行\\u202eevil\\u200b", "year": 2023, "facts": {"rate": "95%%"}}' > facts.json
  $ rubric score "$SRC/tests/bad-input/outputs/r.rubric" facts.json | head -3
  输出测试（outputs，2023年度）
  部门：\u{1b}[2J\u{9b}31m\u{7}部门\u{a}二行\u{202e}evil\u{200b}    年度：2023
  
  $ rubric score "$SRC/tests/bad-input/outputs/r.rubric" facts.json --format json | python3 -c 'import json, sys; print(ascii(json.load(sys.stdin)["results"][0]["department"]))'
  '\x1b[2J\x9b31m\x07\u90e8\u95e8\n\u4e8c\u884c\u202eevil\u200b'
In diagnostics: a value quoted in a message, and a file name holding ESC.
  $ printf '{"department": "部门", "year": 2023, "facts": {"rate": "\\u001b]0;pwned\\u0007"}}' > "$(printf 'a\033[2Jb.json')"
  $ rubric score "$SRC/tests/bad-input/outputs/r.rubric" "$(printf 'a\033[2Jb.json')"
  a\u{1b}[2Jb.json: facts.rate: error: expected a percent, found the string "\u{1b}]0;pwned\u{7}" [E0603]
    = help: write a percent as "99.5%" or as the fraction 0.995
    = note: the fact: “预算执行率”
  a\u{1b}[2Jb.json: not scored: the facts have errors
  [3]
In `rubric explain`, and in the batch summary's ranking.
  $ printf '{"department": "\\u001b[31m红", "year": 2023, "facts": {"rate": "95%%"}}' > facts.json
  $ rubric explain "$SRC/tests/bad-input/outputs/r.rubric" facts.json "$(printf '\033[2J')"
  error: the ruleset has no indicator or section '\u{1b}[2J'
    = help: `rubric explain RULESET FACTS` explains them all
  [2]
  $ printf 'id,department,rate\n\033[2Jd1,\302\233甲,95%%\n' > in.csv
  $ rubric batch "$SRC/tests/bad-input/outputs/r.rubric" in.csv -o out.csv -q --top 1
  rows: 1, errors: 0
  grades: 优 1, 良 0, 差 0
  total: mean 9.50, min 9.50, max 9.50
  top 1:
      1.    9.50  优  row 1  \u{1b}[2Jd1  \u{9b}甲
