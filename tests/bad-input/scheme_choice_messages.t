Choosing a ruleset by year reports through the diagnostics every other error uses: E0804 (no ruleset for the year, with the earliest one named, for a facts file and for --year alike), E0805 (no year) and E0806 (a ruleset of another year), each naming its file with control characters shown, not sent to the terminal.
  $ printf '{"department": "甲", "year": 2019, "facts": {}}\n' > early.json
  $ rubric score --scheme guangzhou --rulesets "$SRC/rulesets" early.json
  early.json: error: no guangzhou ruleset applies to 2019: the earliest ruleset, $SRC/rulesets/guangzhou/2021.rubric, applies from 2021 [E0804]
  [3]
  $ rubric score --scheme guangzhou --rulesets "$SRC/rulesets" --year 2019 early.json
  error: no guangzhou ruleset applies to 2019: the earliest ruleset, $SRC/rulesets/guangzhou/2021.rubric, applies from 2021 [E0804]
  [2]
  $ printf '{"department": "甲", "facts": {}}\n' > "$(printf 'no\033[2Jyear.json')"
  $ rubric score --scheme guangzhou --rulesets "$SRC/rulesets" no*year.json
  no\u{1b}[2Jyear.json: error: the facts name no "year", so no ruleset can be chosen for them [E0805]
    = help: add "year": 2023 to the facts, or pass --year
  [3]
  $ rubric score "$SRC/rulesets/guangzhou/2021.rubric" "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"
  $SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json: error: the facts are for 2023, but $SRC/rulesets/guangzhou/2021.rubric holds the criteria of 2021–2022 [E0806]
    = help: the 2023 criteria are in $SRC/rulesets/guangzhou/2023.rubric; or pass --any-year to score with $SRC/rulesets/guangzhou/2021.rubric anyway
  [3]
  $ printf '{"department": "甲", "year": 2020, "facts": {}}\n' > y2020.json
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" y2020.json
  y2020.json: error: the facts are for 2020, but $SRC/rulesets/guangzhou/2023.rubric holds the criteria of 2023 on [E0806]
    = help: no ruleset of this scheme applies to 2020; pass --any-year to score with $SRC/rulesets/guangzhou/2023.rubric anyway
  [3]
