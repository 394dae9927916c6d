A CSV exported from a spreadsheet holds cells in the spreadsheet's forms. A bool cell may be true/false, TRUE/FALSE (what Excel and LibreOffice write for a logical value), True/False, 1/0 or 是/否, exactly those; anything else is an error of its row naming the column and the accepted forms, never a guess.
  $ cat > r.rubric <<'END'
  > ruleset "表格单元格" scheme cells year 2023
  > total 10
  > rounding 2 half_up
  > facts {
  >   reported : bool "已报绩效目标"
  >   amount   : money unit "万元" "金额"
  >   rate     : percent "执行率"
  >   issues   : count "问题数"
  > }
  > section 全部 points 10 {
  >   indicator 目标 points 4 { score when reported -> 4 otherwise 0 }
  >   indicator 执行 points 6 { score min(rate, 100%) * points }
  > }
  > grade { 优 >= 9; 良 >= 6; 差 otherwise }
  > END
  $ printf 'id,reported,amount,rate,issues\nA,true,1,90%%,0\nB,TRUE,1,90%%,0\nC,True,1,90%%,0\nD,1,1,90%%,0\nE,是,1,90%%,0\nF,false,1,90%%,0\nG,FALSE,1,90%%,0\nH,False,1,90%%,0\nI,0,1,90%%,0\nJ,否,1,90%%,0\n' > bools.csv
  $ rubric batch r.rubric bools.csv -o out.csv
  rows: 10, errors: 0
  grades: 优 5, 良 0, 差 5
  total: mean 7.40, min 5.40, max 9.40
  $ cut -d, -f2,4 out.csv
  id,total
  A,9.40
  B,9.40
  C,9.40
  D,9.40
  E,9.40
  F,5.40
  G,5.40
  H,5.40
  I,5.40
  J,5.40
  $ printf 'id,reported,amount,rate,issues\nA,yes,1,90%%,0\nB,tRUE,1,90%%,0\nC,对,1,90%%,0\nD,2,1,90%%,0\nE,WAHR,1,90%%,0\n' > bad-bools.csv
  $ rubric batch r.rubric bad-bools.csv -o out.jsonl
  rows: 5, errors: 5 (rows 1, 2, 3, 4, 5)
  grades: 优 0, 良 0, 差 0
  [3]
  $ cat out.jsonl
  {"row":1,"id":"A","department":"","total":null,"grade":null,"scores":{"目标":null,"执行":null},"vetoes":[],"error":"column reported: expected true or false, found \"yes\"; a bool cell is true/false (or TRUE/FALSE, True/False), 1/0 or 是/否","diagnostics":[{"code":"","message":"column reported: expected true or false, found \"yes\"; a bool cell is true/false (or TRUE/FALSE, True/False), 1/0 or 是/否","column":"reported"}]}
  {"row":2,"id":"B","department":"","total":null,"grade":null,"scores":{"目标":null,"执行":null},"vetoes":[],"error":"column reported: expected true or false, found \"tRUE\"; a bool cell is true/false (or TRUE/FALSE, True/False), 1/0 or 是/否","diagnostics":[{"code":"","message":"column reported: expected true or false, found \"tRUE\"; a bool cell is true/false (or TRUE/FALSE, True/False), 1/0 or 是/否","column":"reported"}]}
  {"row":3,"id":"C","department":"","total":null,"grade":null,"scores":{"目标":null,"执行":null},"vetoes":[],"error":"column reported: expected true or false, found \"对\"; a bool cell is true/false (or TRUE/FALSE, True/False), 1/0 or 是/否","diagnostics":[{"code":"","message":"column reported: expected true or false, found \"对\"; a bool cell is true/false (or TRUE/FALSE, True/False), 1/0 or 是/否","column":"reported"}]}
  {"row":4,"id":"D","department":"","total":null,"grade":null,"scores":{"目标":null,"执行":null},"vetoes":[],"error":"column reported: expected true or false, found \"2\"; a bool cell is true/false (or TRUE/FALSE, True/False), 1/0 or 是/否","diagnostics":[{"code":"","message":"column reported: expected true or false, found \"2\"; a bool cell is true/false (or TRUE/FALSE, True/False), 1/0 or 是/否","column":"reported"}]}
  {"row":5,"id":"E","department":"","total":null,"grade":null,"scores":{"目标":null,"执行":null},"vetoes":[],"error":"column reported: expected true or false, found \"WAHR\"; a bool cell is true/false (or TRUE/FALSE, True/False), 1/0 or 是/否","diagnostics":[{"code":"","message":"column reported: expected true or false, found \"WAHR\"; a bool cell is true/false (or TRUE/FALSE, True/False), 1/0 or 是/否","column":"reported"}]}
Numbers as a spreadsheet may show them: a thousands separator ("1,234" is 1.234 where the comma is the decimal mark), full-width digits as a Chinese input method types them, spaces around the number, a currency sign, a spreadsheet's error (#N/A), a percent in a column that is not a percent. Each is an error of its row that names the column and says what to write; none is read as something else.
  $ printf 'id,reported,amount,rate,issues\nA,true,"1,234",90%%,0\nB,true,"1,234.5",90%%,0\nC,true,"1,5",90%%,0\nD,true,１２,９０％,0\nE,true, 12,90%%,0\nF,true,¥12,90%%,0\nG,true,12万元,90%%,0\nH,true,#N/A,90%%,0\nI,true,12%%,90%%,0\nJ,true,12,"1,000%%",0\n' > numbers.csv
  $ rubric batch r.rubric numbers.csv -o out.jsonl
  rows: 10, errors: 10 (rows 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
  grades: 优 0, 良 0, 差 0
  [3]
  $ cat out.jsonl
  {"row":1,"id":"A","department":"","total":null,"grade":null,"scores":{"目标":null,"执行":null},"vetoes":[],"error":"column amount: expected a number, found \"1,234\" with a thousands separator; write 1234 (a comma is not read as a separator: it is the decimal mark in some locales)","diagnostics":[{"code":"","message":"column amount: expected a number, found \"1,234\" with a thousands separator; write 1234 (a comma is not read as a separator: it is the decimal mark in some locales)","column":"amount"}]}
  {"row":2,"id":"B","department":"","total":null,"grade":null,"scores":{"目标":null,"执行":null},"vetoes":[],"error":"column amount: expected a number, found \"1,234.5\" with a thousands separator; write 1234.5 (a comma is not read as a separator: it is the decimal mark in some locales)","diagnostics":[{"code":"","message":"column amount: expected a number, found \"1,234.5\" with a thousands separator; write 1234.5 (a comma is not read as a separator: it is the decimal mark in some locales)","column":"amount"}]}
  {"row":3,"id":"C","department":"","total":null,"grade":null,"scores":{"目标":null,"执行":null},"vetoes":[],"error":"column amount: expected a number, found \"1,5\" with a comma; write the number with a point for decimals and no separators","diagnostics":[{"code":"","message":"column amount: expected a number, found \"1,5\" with a comma; write the number with a point for decimals and no separators","column":"amount"}]}
  {"row":4,"id":"D","department":"","total":null,"grade":null,"scores":{"目标":null,"执行":null},"vetoes":[],"error":"column amount: expected a number, found \"１２\" in full-width characters; write it in half-width ones: \"12\"; column rate: expected a percent, found \"９０％\" in full-width characters; write it in half-width ones: \"90%\"","diagnostics":[{"code":"","message":"column amount: expected a number, found \"１２\" in full-width characters; write it in half-width ones: \"12\"","column":"amount"},{"code":"","message":"column rate: expected a percent, found \"９０％\" in full-width characters; write it in half-width ones: \"90%\"","column":"rate"}]}
  {"row":5,"id":"E","department":"","total":null,"grade":null,"scores":{"目标":null,"执行":null},"vetoes":[],"error":"column amount: expected a number, found \" 12\" with spaces around it; write it without them","diagnostics":[{"code":"","message":"column amount: expected a number, found \" 12\" with spaces around it; write it without them","column":"amount"}]}
  {"row":6,"id":"F","department":"","total":null,"grade":null,"scores":{"目标":null,"执行":null},"vetoes":[],"error":"column amount: expected a number, found \"¥12\" with a currency sign or unit; write only the number, in the unit the fact declares","diagnostics":[{"code":"","message":"column amount: expected a number, found \"¥12\" with a currency sign or unit; write only the number, in the unit the fact declares","column":"amount"}]}
  {"row":7,"id":"G","department":"","total":null,"grade":null,"scores":{"目标":null,"执行":null},"vetoes":[],"error":"column amount: expected a number, found \"12万元\" with a currency sign or unit; write only the number, in the unit the fact declares","diagnostics":[{"code":"","message":"column amount: expected a number, found \"12万元\" with a currency sign or unit; write only the number, in the unit the fact declares","column":"amount"}]}
  {"row":8,"id":"H","department":"","total":null,"grade":null,"scores":{"目标":null,"执行":null},"vetoes":[],"error":"column amount: expected a number, found \"#N/A\", a spreadsheet's error; correct the formula that gives it","diagnostics":[{"code":"","message":"column amount: expected a number, found \"#N/A\", a spreadsheet's error; correct the formula that gives it","column":"amount"}]}
  {"row":9,"id":"I","department":"","total":null,"grade":null,"scores":{"目标":null,"执行":null},"vetoes":[],"error":"column amount: expected a number, found \"12%\": the fact is money, not a percent; write the number it means","diagnostics":[{"code":"","message":"column amount: expected a number, found \"12%\": the fact is money, not a percent; write the number it means","column":"amount"}]}
  {"row":10,"id":"J","department":"","total":null,"grade":null,"scores":{"目标":null,"执行":null},"vetoes":[],"error":"column rate: expected a percent, found \"1,000%\" with a thousands separator; write 1000% (a comma is not read as a separator: it is the decimal mark in some locales)","diagnostics":[{"code":"","message":"column rate: expected a percent, found \"1,000%\" with a thousands separator; write 1000% (a comma is not read as a separator: it is the decimal mark in some locales)","column":"rate"}]}
What is read exactly, and so accepted: a number in scientific notation as Excel writes a large one (1.5E+03 is 1500), a BOM before the header, CRLF line ends, a quoted cell.
  $ printf '\357\273\277id,reported,amount,rate,issues\r\nA,TRUE,1.5E+03,"95.5%%",0\r\n' > excel.csv
  $ rubric batch r.rubric excel.csv -o out.csv && cat out.csv
  rows: 1, errors: 0
  grades: 优 1, 良 0, 差 0
  total: mean 9.73, min 9.73, max 9.73
  ﻿row,id,department,total,grade,目标,执行,error
  1,A,,9.73,优,4.00,5.73,
