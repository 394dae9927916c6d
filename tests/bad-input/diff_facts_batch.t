`rubric diff OLD NEW --facts` takes what `rubric batch` takes: a CSV or JSON Lines file of departments (scored row by row as batch scores them), facts files, and folders of facts files. An input that cannot be read as a whole, a folder with no facts file in it, or a department that could not be scored fails the command (exit 3, or 2 for the folder), with the reason; the other departments are still measured.
  $ cp "$SRC/tests/bad-input/trust-total/ruleset.rubric" old.rubric
  $ sed 's/优 >= 90/优 >= 89.99/' old.rubric > new.rubric
  $ rubric diff old.rubric new.rubric --facts "$SRC/tests/bad-input/trust-total/departments.csv" | tail -n 6
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
  $ rubric diff old.rubric new.rubric --facts rows.csv | tail -n 3
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
  $ rubric diff old.rubric new.rubric --facts folder | tail -n 2
    某局     89.995  良      89.995  优          0  grade 良 → 优
  Summary: 1 department scored under both; 0 change total; 1 changes grade (1 up, 0 down)
