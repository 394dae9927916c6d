A draft of the same year beside the published ruleset, a higher 优 in it: `--scheme` must not pick either one. It stops, names both files and scores nothing (exit 1); with `--year` too. Named on the command line, the draft is the user's choice and is used.
  $ mkdir -p rs/guangzhou && cp "$SRC/rulesets/guangzhou/2021.rubric" "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/2023.test.rubric" rs/guangzhou/
  $ sed 's/优 >= 90/优 >= 96/' rs/guangzhou/2023.rubric > rs/guangzhou/2023_草稿.rubric
  $ rubric score --rulesets rs --scheme guangzhou "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"
  rs/guangzhou/2023_草稿.rubric: error: two rulesets for 2023: rs/guangzhou/2023.rubric and rs/guangzhou/2023_草稿.rubric; a scheme has one ruleset per year, and Rubric does not guess which one is meant [E0803]
    = help: move '2023_草稿.rubric' (a draft, a copy) out of the folder, or name the ruleset on the command line instead of --scheme
  1 error generated.
  [1]
  $ rubric score --rulesets rs --scheme guangzhou --year 2023 "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"
  rs/guangzhou/2023_草稿.rubric: error: two rulesets for 2023: rs/guangzhou/2023.rubric and rs/guangzhou/2023_草稿.rubric; a scheme has one ruleset per year, and Rubric does not guess which one is meant [E0803]
    = help: move '2023_草稿.rubric' (a draft, a copy) out of the folder, or name the ruleset on the command line instead of --scheme
  1 error generated.
  [1]
  $ rubric score rs/guangzhou/2023_草稿.rubric "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" | grep 评价等级
  评价等级                              良    ☐优 ☑良 ☐中 ☐差
  $ rm rs/guangzhou/2023_草稿.rubric
  $ rubric score --rulesets rs --scheme guangzhou "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" | grep -E '^(总分|评价等级)'
  $SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json: scored with rs/guangzhou/2023.rubric (guangzhou criteria, for 2023 on)
  总分                                   100  95.96  ≠ 95.99
  评价等级                              优    ☑优 ☐良 ☐中 ☐差
