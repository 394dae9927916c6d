A UTF-16 file (what Windows Notepad saves as "Unicode"), little- or big-endian, with or without a
byte order mark, is named as such (E0021) for rulesets, facts and batch input alike.
  $ cp "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" facts.json
  $ iconv -f UTF-8 -t UTF-16 facts.json > bom.json && rubric score "$SRC/rulesets/guangzhou/2023.rubric" bom.json
  bom.json: error: this file is UTF-16 (little-endian, with a byte order mark); save it as UTF-8 [E0021]
    = help: in Notepad: 文件 → 另存为 → 编码 选 UTF-8; or convert it: iconv -f UTF-16 -t UTF-8 FILE > NEW_FILE
  bom.json: not scored: the facts have errors
  [3]
  $ iconv -f UTF-8 -t UTF-16BE facts.json > be.json && rubric score "$SRC/rulesets/guangzhou/2023.rubric" be.json
  be.json: error: this file is UTF-16 (big-endian); save it as UTF-8 [E0021]
    = help: in Notepad: 文件 → 另存为 → 编码 选 UTF-8; or convert it: iconv -f UTF-16 -t UTF-8 FILE > NEW_FILE
  be.json: not scored: the facts have errors
  [3]
  $ iconv -f UTF-8 -t UTF-16LE facts.json > le.json && rubric score --scheme guangzhou --rulesets "$SRC/rulesets" le.json
  le.json: error: this file is UTF-16 (little-endian); save it as UTF-8 [E0021]
    = help: in Notepad: 文件 → 另存为 → 编码 选 UTF-8; or convert it: iconv -f UTF-16 -t UTF-8 FILE > NEW_FILE
  le.json: not scored: the facts have errors
  [3]
  $ iconv -f UTF-8 -t UTF-16LE "$SRC/rulesets/guangzhou/2023.rubric" > le.rubric && rubric check le.rubric
  le.rubric: error: this file is UTF-16 (little-endian); save it as UTF-8 [E0021]
    = help: in Notepad: 文件 → 另存为 → 编码 选 UTF-8; or convert it: iconv -f UTF-16 -t UTF-8 FILE > NEW_FILE
  1 error generated.
  [1]
  $ (printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$SRC/rulesets/guangzhou/2023.rubric") > be.rubric && rubric fmt be.rubric
  be.rubric: error: this file is UTF-16 (big-endian, with a byte order mark); save it as UTF-8 [E0021]
    = help: in Notepad: 文件 → 另存为 → 编码 选 UTF-8; or convert it: iconv -f UTF-16 -t UTF-8 FILE > NEW_FILE
  1 error generated.
  [1]
  $ iconv -f UTF-8 -t UTF-16 "$SRC/rulesets/guangzhou/examples/departments-2023.csv" > d.csv && rubric batch "$SRC/rulesets/guangzhou/2023.rubric" d.csv -o out.csv
  error: d.csv: this file is UTF-16 (little-endian, with a byte order mark); save it as UTF-8 [E0021]
    = help: in Notepad: 文件 → 另存为 → 编码 选 UTF-8; or convert it: iconv -f UTF-16 -t UTF-8 FILE > NEW_FILE
  [3]
  $ ls
  be.json
  be.rubric
  bom.json
  d.csv
  facts.json
  le.json
  le.rubric
