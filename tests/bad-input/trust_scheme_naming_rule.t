A scheme folder's naming rule (docs/language.md, "Schemes"): YEAR.rubric, with its header's year; tests are *.test.rubric. Any other *.rubric is reported, never chosen, and nothing is scored.
  $ mkdir -p rs/guangzhou && cp "$SRC/rulesets/guangzhou/2023.rubric" "$SRC/rulesets/guangzhou/2023.test.rubric" rs/guangzhou/
A copy under another name, whose header names a year no other file has.
  $ sed 's/year 2023/year 2024/' rs/guangzhou/2023.rubric > "rs/guangzhou/2024 - 副本.rubric"
  $ rubric score --rulesets rs --scheme guangzhou "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"
  rs/guangzhou/2024 - 副本.rubric: error: '2024 - 副本.rubric' is not named as a ruleset of a scheme (YEAR.rubric), so no year chooses it [E0807]
    = help: name it 2024.rubric if it holds the criteria of 2024; move it out of the folder if it is a draft or a copy
  1 error generated.
  [1]
  $ rm "rs/guangzhou/2024 - 副本.rubric"
A file named for one year whose header says another.
  $ sed 's/year 2023/year 2022/' rs/guangzhou/2023.rubric > rs/guangzhou/2024.rubric
  $ rubric score --rulesets rs --scheme guangzhou "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"
  rs/guangzhou/2024.rubric: error: the file is named for 2024 but its header says year 2022 [E0808]
    = help: a ruleset of a scheme is named by its year: correct the header's year, or rename the file 2022.rubric
  1 error generated.
  [1]
  $ rm rs/guangzhou/2024.rubric
An extension in capitals, and a folder that ends in .rubric.
  $ cp rs/guangzhou/2023.rubric rs/guangzhou/2025.RUBRIC && mkdir rs/guangzhou/2026.rubric
  $ rubric score --rulesets rs --scheme guangzhou --year 2023 "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"
  rs/guangzhou/2025.RUBRIC: error: two rulesets for 2023: rs/guangzhou/2023.rubric and rs/guangzhou/2025.RUBRIC; a scheme has one ruleset per year, and Rubric does not guess which one is meant [E0803]
    = help: move '2025.RUBRIC' (a draft, a copy) out of the folder, or name the ruleset on the command line instead of --scheme
  rs/guangzhou/2026.rubric: error: '2026.rubric' is not a file, so it is not a ruleset of the scheme [E0807]
    = help: a ruleset of a scheme is a file named YEAR.rubric; move this out of the folder
  2 errors generated.
  [1]
  $ rm -r rs/guangzhou/2025.RUBRIC rs/guangzhou/2026.rubric
A file whose header cannot be read: its own error first.
  $ printf 'ruleset “广州” scheme guangzhou year 2024\n' > rs/guangzhou/2024.rubric
  $ rubric score --rulesets rs --scheme guangzhou "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json"
  rs/guangzhou/2024.rubric:1:9: error: expected the ruleset's name as a string, found '“' [E0002]
   1 | ruleset “广州” scheme guangzhou year 2024
     |         ^
    = help: write it as a string: "“广州”"; punctuation such as “” or （） cannot be part of a bare name
  rs/guangzhou/2024.rubric: error: cannot read the ruleset's year from its header [E0802]
    = help: run 'rubric check rs/guangzhou/2024.rubric'
  2 errors generated.
  [1]
  $ rm rs/guangzhou/2024.rubric
What follows the rule is chosen, the tests beside it are not rulesets.
  $ rubric score --rulesets rs --scheme guangzhou "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" | grep 总分
  $SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json: scored with rs/guangzhou/2023.rubric (guangzhou criteria, for 2023 on)
  总分                                   100  95.96  ≠ 95.99
