Characters XML 1.0 forbids (U+FFFF, U+FFFE, control characters) in a name: the XLSX and HTML files are written with U+FFFD in their place, and they parse (xmllint, a real XML parser, reads every part back).
  $ printf '{"department": "部门\\uffff\\ufffe\\u0001\\u000b\\u001f末", "year": 2023, "facts": {"rate": "95%%"}}' > facts.json
  $ rubric score "$SRC/tests/bad-input/outputs/r.rubric" facts.json --format xlsx -o out.xlsx
  facts.json: wrote out.xlsx
  $ unzip -q out.xlsx -d out && find out -name '*.xml' | sort | while read -r part; do xmllint --noout "$part" && echo "$part parses"; done
  out/[Content_Types].xml parses
  out/docProps/app.xml parses
  out/docProps/core.xml parses
  out/xl/sharedStrings.xml parses
  out/xl/styles.xml parses
  out/xl/theme/theme1.xml parses
  out/xl/workbook.xml parses
  out/xl/worksheets/sheet1.xml parses
  $ unzip -p out.xlsx xl/sharedStrings.xml | grep -o '部门[^<]*末'
  部门�����末
  $ rubric score "$SRC/tests/bad-input/outputs/r.rubric" facts.json --format html -o out.html
  facts.json: wrote out.html
  $ xmllint --noout out.html && echo parsed
  parsed
  $ grep -o '部门[^<]*末' out.html | head -1
  部门�����末
The batch report (XLSX and HTML) with such ids and names from a CSV, and a GBK name.
  $ printf 'id,department,rate\n\357\277\277d1,甲\357\277\276,95%%\nd2,\262\277,85%%\n' > in.csv
  $ rubric batch "$SRC/tests/bad-input/outputs/r.rubric" in.csv -o out.csv -q --report report.xlsx > /dev/null
  wrote report.xlsx
  [3]
  $ unzip -q report.xlsx -d report && find report -name '*.xml' | sort | while read -r part; do xmllint --noout "$part" && echo "$part parses"; done
  report/[Content_Types].xml parses
  report/docProps/app.xml parses
  report/docProps/core.xml parses
  report/xl/charts/chart1.xml parses
  report/xl/drawings/drawing1.xml parses
  report/xl/sharedStrings.xml parses
  report/xl/styles.xml parses
  report/xl/theme/theme1.xml parses
  report/xl/workbook.xml parses
  report/xl/worksheets/sheet1.xml parses
  report/xl/worksheets/sheet2.xml parses
  report/xl/worksheets/sheet3.xml parses
  report/xl/worksheets/sheet4.xml parses
  report/xl/worksheets/sheet5.xml parses
  report/xl/worksheets/sheet6.xml parses
  $ rubric batch "$SRC/tests/bad-input/outputs/r.rubric" in.csv -o out.csv -q --report report.html > /dev/null
  wrote report.html
  [3]
  $ xmllint --noout report.html && echo parsed
  parsed
