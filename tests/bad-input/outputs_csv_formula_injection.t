Formula injection: ids and department names starting with '=', '+', '-', '@', a tab or a CR are written with a single quote in front (OWASP), inside double quotes, in the batch results CSV; a name that already starts with a quote gets one more; a plain number (-3.5) stays a number, and so do the score columns.
  $ printf 'id,department,rate\n=1+1,"=HYPERLINK(""http://example.com"",""点此"")",95%%\n+cmd,+SUM(A1),85%%\n-2+3,@SUM(A1:A2),75%%\n-3.5,"\t=1+1",100%%\n@x,"\r=2+2",90%%\n'"'"'quoted,普通部门,80%%\n' > in.csv
  $ rubric batch "$SRC/tests/bad-input/outputs/r.rubric" in.csv -o out.csv -q
  rows: 6, errors: 0
  grades: 优 3, 良 2, 差 1
  total: mean 8.75, min 7.50, max 10.00
  $ cat -A out.csv
  M-oM-;M-?row,id,department,total,grade,M-iM-"M-^DM-gM-.M-^WM-fM-^IM-'M-hM-!M-^LM-gM-^NM-^G,error$
  1,"'=1+1","'=HYPERLINK(""http://example.com"",""M-gM-^BM-9M-fM--M-$"")",9.50,M-dM-<M-^X,9.50,$
  2,"'+cmd","'+SUM(A1)",8.50,M-hM-^IM-/,8.50,$
  3,"'-2+3","'@SUM(A1:A2)",7.50,M-eM-7M-.,7.50,$
  4,-3.5,"'^I=1+1",10.00,M-dM-<M-^X,10.00,$
  5,"'@x","'^M=2+2",9.00,M-dM-<M-^X,9.00,$
  6,"''quoted",M-fM-^YM-.M-iM-^@M-^ZM-iM-^CM-(M-iM-^WM-(,8.00,M-hM-^IM-/,8.00,$
The batch report reads the results back: the names are the original ones, not the neutralised cells.
  $ rubric batch "$SRC/tests/bad-input/outputs/r.rubric" in.csv -o out.csv -q --report report.html > /dev/null
  wrote report.html
  $ grep -o -e '=HYPERLINK([^<]*)' -e '+SUM(A1)' -e '@SUM(A1:A2)' -e "&#39;quoted" report.html | sort
  &#39;quoted
  +SUM(A1)
  =HYPERLINK(&quot;http://example.com&quot;,&quot;点此&quot;)
  @SUM(A1:A2)
The 自评表 CSV of `rubric score --format csv`: every text cell follows the same rule (here a ruleset's explain, standard and evidence texts); the score column's numbers stay numbers.
  $ sed 's/^  score min/  explain "=1+2"\n  standard "@SUM(A1)"\n  evidence "-2+3 份"\n  score min/' "$SRC/tests/bad-input/outputs/r.rubric" > hostile.rubric
  $ printf '{"department": "部门", "year": 2023, "facts": {"rate": "95%%"}}' > facts.json
  $ rubric score hostile.rubric facts.json --format csv -o table.csv
  facts.json: wrote table.csv
  $ sed -n 2p table.csv
  ,,,,预算执行率,10,"'=1+2","'@SUM(A1)",9.50,得分 = 预算执行率（最多按 100% 计） × 分值 = 9.5；得分 9.50,"'-2+3 份"
The XLSX writers were safe already: a name starting with '=' is a text cell (a shared string), never a formula.
  $ rubric batch "$SRC/tests/bad-input/outputs/r.rubric" in.csv -o out.csv -q --report report.xlsx > /dev/null
  wrote report.xlsx
  $ unzip -p report.xlsx 'xl/worksheets/sheet*.xml' | grep -c '<f>'
  0
  [1]
  $ unzip -p report.xlsx xl/sharedStrings.xml | grep -o '<t[^>]*>=HYPERLINK[^<]*</t>'
  <t>=HYPERLINK("http://example.com","点此")</t>
