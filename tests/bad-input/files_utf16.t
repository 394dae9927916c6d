A UTF-16 file (what Windows Notepad saves as "Unicode"), little- or big-endian, with or without a
byte order mark, is named as such (E0021) for rulesets, facts and batch input alike.
  $ cp "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" facts.json
  $ iconv -f UTF-8 -t UTF-16 facts.json > bom.json && rubric score "$SRC/rulesets/guangzhou/2023.rubric" bom.json
  $ iconv -f UTF-8 -t UTF-16BE facts.json > be.json && rubric score "$SRC/rulesets/guangzhou/2023.rubric" be.json
  $ iconv -f UTF-8 -t UTF-16LE facts.json > le.json && rubric score --scheme guangzhou --rulesets "$SRC/rulesets" le.json
  $ iconv -f UTF-8 -t UTF-16LE "$SRC/rulesets/guangzhou/2023.rubric" > le.rubric && rubric check le.rubric
  $ (printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$SRC/rulesets/guangzhou/2023.rubric") > be.rubric && rubric fmt be.rubric
  $ iconv -f UTF-8 -t UTF-16 "$SRC/rulesets/guangzhou/examples/departments-2023.csv" > d.csv && rubric batch "$SRC/rulesets/guangzhou/2023.rubric" d.csv -o out.csv
  $ ls
