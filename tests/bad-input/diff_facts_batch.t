`rubric diff OLD NEW --facts` takes what `rubric batch` takes: a CSV or JSON Lines file of departments (scored row by row as batch scores them), facts files, and folders of facts files. An input that cannot be read as a whole, a folder with no facts file in it, or a department that could not be scored fails the command (exit 3, or 2 for the folder), with the reason; the other departments are still measured.
  $ cp "$SRC/tests/bad-input/trust-total/ruleset.rubric" old.rubric
  $ sed 's/优 >= 90/优 >= 89.99/' old.rubric > new.rubric
  $ rubric diff old.rubric new.rubric --facts "$SRC/tests/bad-input/trust-total/departments.csv" | sed -n '/^Impact on/,/^Summary/p' | tail -n 6
  Impact on 3 departments
    部门      old total  old  new total  new    change
    测试部门     89.995  良      89.995  优          0  grade 良 → 优
    满分部门         90  优          90  优          0
    低分部门     79.995  中      79.995  中          0
  Summary: 3 departments scored under both; 0 change total; 1 changes grade (1 up, 0 down)
  $ rubric diff old.rubric new.rubric --facts "$SRC/tests/bad-input/trust-total/departments.jsonl" --format json | grep -c '"department"'
  1
A row that cannot be scored is in the table with its reason, and the exit status says so.
  $ printf 'id,department,a,b\nX,某局,1,2\nY,他局,abc,2\n' > rows.csv
  $ rubric diff old.rubric new.rubric --facts rows.csv | sed -n '/^Impact on/,/^Summary/p' | tail -n 3
    某局          3  差           3  差          0
    他局  not scored: old ruleset: column a: expected a number, found the string "abc"
  Summary: 1 department scored under both; 0 change total; 0 change grade (0 up, 0 down); 1 could not be scored under both
  $ rubric diff old.rubric new.rubric --facts rows.csv > /dev/null
  [3]
A file that cannot be scored at all (here a column no ruleset has) is an error, not an empty table.
  $ printf 'id,department,a,c\nX,某局,1,2\n' > columns.csv
  $ rubric diff old.rubric new.rubric --facts columns.csv > /dev/null
  error: old ruleset: columns.csv: line 1: column "c": the ruleset has no fact "c" [E0614]
    = help: the columns are id, department, year, the facts of the ruleset (`rubric facts RULESET --format batch` writes them) and comment columns starting with "_"; --allow-unknown-facts ignores other columns with a warning
  [3]
  $ : > empty.csv
  $ rubric diff old.rubric new.rubric --facts empty.csv > /dev/null
  error: old ruleset: empty.csv: the file is empty; the first line must name the columns
  [3]
A CSV file named anything else is read as a facts file (JSON), and fails as one.
  $ cp rows.csv rows.txt
  $ rubric diff old.rubric new.rubric --facts rows.txt | tail -n 2
    rows.txt  not scored: new ruleset: invalid JSON: 'i' is not a value
  Summary: 0 departments scored under both; 0 change total; 0 change grade (0 up, 0 down); 1 could not be scored under both
A folder is searched for facts files (*.json); one with none in it is an error, for diff as for fmt and test.
  $ mkdir folder
  $ rubric diff old.rubric new.rubric --facts folder
  error: folder: no facts files (*.json) in this folder or below it
  [2]
  $ rubric fmt --check folder
  error: folder: no rulesets (*.rubric) in this folder or below it
  [2]
  $ rubric test folder
  error: folder: no rulesets (*.rubric other than *.test.rubric) in this folder or below it
  [2]
  $ printf '{"department":"某局","facts":{"a":79.995,"b":10}}' > folder/one.json
  $ rubric diff old.rubric new.rubric --facts folder | sed -n '/^Impact on/,/^Summary/p' | tail -n 2
    某局     89.995  良      89.995  优          0  grade 良 → 优
  Summary: 1 department scored under both; 0 change total; 1 changes grade (1 up, 0 down)
With departments, the diff also says where each ruleset is fragile over them, as the batch report does: each indicator's share of the spread of totals, the totals near each grade's threshold, and the departments near each bound between tiers (on the side of the tier that takes a value on the bound). Lowering the completion rule's pass mark from 60% to 55% moves its bound away from the departments crowded around 60% (7 and 4 of them): under the new rules none is near 55%, and the bound no longer appears.
  $ sed '154,155s/60%/55%/' "$SRC/rulesets/guangzhou/2023.rubric" > pass55.rubric
  $ rubric diff "$SRC/rulesets/guangzhou/2023.rubric" pass55.rubric --facts "$SRC/rulesets/guangzhou/examples/departments-2023.csv" --lang zh | sed -n '/敏感之处/,$p'
  规则在这些部门上的敏感之处
    原规则：排名由哪些指标决定（各指标占总分差异的比例）：
        47.76%  部门整体绩效目标产出指标完成情况
        45.63%  部门整体绩效目标效益指标完成情况
         3.19%  “三公”经费控制情况
         3.05%  财务管理合规性
         2.03%  预决算公开合规性
        -1.62%  固定资产利用率
         1.35%  采购合同签订时效性
        -1.02%  资产收益上缴的及时性
    原规则：总分距等级线不到 1 分的部门：优（90 分）：低于 0 个，达到或略高于 1 个；良（80 分）：低于 0 个，达到或略高于 2 个；中（60 分）：低于 0 个，达到或略高于 0 个
    原规则：临近档位边界的部门（低于边界一侧 / 高于边界一侧）：
      7 / 4  部门整体绩效目标效益指标完成情况：完成率 60%（临近范围 1.5 个百分点）
      5 / 5  部门整体绩效目标产出指标完成情况：完成率 100%（临近范围 1.5 个百分点）
      5 / 3  部门整体绩效目标产出指标完成情况：完成率 150%（临近范围 1.5 个百分点）
      0 / 7  采购合同签订时效性：合同签订及时率（中标、成交通知书发出之日起三十日内签订合同的项目数/总项目数） 100%（临近范围 1 个百分点）
      3 / 5  部门整体绩效目标产出指标完成情况：完成率 60%（临近范围 1.5 个百分点）
      3 / 2  部门整体绩效目标效益指标完成情况：完成率 150%（临近范围 1.5 个百分点）
      3 / 2  采购合同签订时效性：合同签订及时率（中标、成交通知书发出之日起三十日内签订合同的项目数/总项目数） 90%（临近范围 1 个百分点）
      2 / 2  部门整体绩效目标效益指标完成情况：完成率 100%（临近范围 1.5 个百分点）
    新规则：排名由哪些指标决定（各指标占总分差异的比例）：
        49.49%  部门整体绩效目标产出指标完成情况
        44.78%  部门整体绩效目标效益指标完成情况
         2.81%  “三公”经费控制情况
         2.66%  财务管理合规性
        -2.06%  固定资产利用率
         2.03%  采购合同签订时效性
         1.58%  预决算公开合规性
         0.90%  资产盘点情况
    新规则：总分距等级线不到 1 分的部门：优（90 分）：低于 1 个，达到或略高于 1 个；良（80 分）：低于 1 个，达到或略高于 2 个；中（60 分）：低于 0 个，达到或略高于 0 个
    新规则：临近档位边界的部门（低于边界一侧 / 高于边界一侧）：
      5 / 5  部门整体绩效目标产出指标完成情况：完成率 100%（临近范围 1.5 个百分点）
      5 / 3  部门整体绩效目标产出指标完成情况：完成率 150%（临近范围 1.5 个百分点）
      0 / 7  采购合同签订时效性：合同签订及时率（中标、成交通知书发出之日起三十日内签订合同的项目数/总项目数） 100%（临近范围 1 个百分点）
      3 / 2  部门整体绩效目标效益指标完成情况：完成率 150%（临近范围 1.5 个百分点）
      3 / 2  采购合同签订时效性：合同签订及时率（中标、成交通知书发出之日起三十日内签订合同的项目数/总项目数） 90%（临近范围 1 个百分点）
      2 / 2  部门整体绩效目标效益指标完成情况：完成率 100%（临近范围 1.5 个百分点）
      4 / 0  结转结余率：结转结余率 20%（临近范围 0.3 个百分点）
      0 / 4  固定资产利用率：固定资产利用率 75%（临近范围 0.9 个百分点）
