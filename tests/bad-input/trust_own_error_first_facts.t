Chosen by --scheme, a facts file that is not JSON, or has text after its object, is reported with its own error, not as one that "names no year" (E0805), and the others are still scored.
  $ printf '{"department": "甲", "year": 2023, "facts": {}\n' > open.json
  $ printf '{"department": "甲", "facts": {}} {"year": 2023}\n' > trailing.json
  $ printf '{"department": "甲", "facts": {}}\n' > noyear.json
  $ rubric score --scheme guangzhou --rulesets "$SRC/rulesets" open.json trailing.json noyear.json "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" | grep 总分
  open.json:1:45: error: invalid JSON: the file ends before the object is closed with '}' [E0600]
   1 | {"department": "甲", "year": 2023, "facts": {}
     |                                              ^
  open.json: not scored: the facts have errors
  trailing.json:1:34: error: invalid JSON: text '{' after the end of the JSON value [E0613]
   1 | {"department": "甲", "facts": {}} {"year": 2023}
     |                                   ^
    = help: a facts document is one JSON value; remove what follows it (another department goes in a file, or a JSON Lines line, of its own)
  trailing.json: not scored: the facts have errors
  noyear.json: error: the facts name no "year", so no ruleset can be chosen for them [E0805]
    = help: add "year": 2023 to the facts, or pass --year
  $SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json: scored with $SRC/rulesets/guangzhou/2023.rubric (guangzhou criteria, for 2023 on)
  总分                                   100  95.96  ≠ 95.99
