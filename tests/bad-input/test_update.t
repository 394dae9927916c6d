`rubric test --update` rewrites each failing expectation to what the ruleset gives now, in place: a total, a grade, an indicator's score, an expected error that is now a score (and back), keeping comments, spacing and the passing expectations as they were, and prints each change. What it cannot fix (refused facts, an unknown name) is listed and left, with exit 3; a second run changes nothing.
  $ cp "$SRC/tests/bad-input/trust-total/ruleset.rubric" 2023.rubric
  $ cat > 2023.test.rubric <<'END'
  > # 合计与等级的测试
  > test "合计" {
  >   given { "a": 79.995, "b": 10 }
  >   case "良"   expect total = 89.99   # 注释留着
  >               expect grade = 优
  >   case "甲项" with { "a": 70 } expect 甲 = 1
  >   case "乙项" with { "b": 5 }  expect 乙 error E0708
  >   case "对的" with { "b": 5 }  expect 乙 == 5
  >   case "负数" with { "a": -1 } expect total = 1
  >   case "错名" expect 丙 = 1
  > }
  > END
  $ rubric test 2023.rubric --update
  2023.test.rubric:4: total: = 89.99 → = 89.995
  2023.test.rubric:5: grade: = 优 → = 良
  2023.test.rubric:6: 甲: = 1 → = 70
  2023.test.rubric:7: 乙: error E0708 → = 5
    ✗ 合计 / 负数 (2023.test.rubric:9): not updated
      the facts were refused:
  合计 / 负数: facts.a: error: -1 is outside the declared domain [0, 80] [E0604]
    = note: the fact: “甲项得分依据”
  
    ✗ 合计 / 错名 (2023.test.rubric:10): not updated
      the ruleset has no indicator or section '丙'
  4 expectations updated in 1 file; 2 failures left as they were
  [3]
  $ cat 2023.test.rubric
  # 合计与等级的测试
  test "合计" {
    given { "a": 79.995, "b": 10 }
    case "良"   expect total = 89.995   # 注释留着
                expect grade = 良
    case "甲项" with { "a": 70 } expect 甲 = 70
    case "乙项" with { "b": 5 }  expect 乙 = 5
    case "对的" with { "b": 5 }  expect 乙 == 5
    case "负数" with { "a": -1 } expect total = 1
    case "错名" expect 丙 = 1
  }
  $ rubric test 2023.rubric --update --filter 合计 | tail -1
  0 expectations updated in 0 files; 2 failures left as they were
  $ sed -i 's/ expect total = 1$/ expect error E0604/; s/expect 丙 = 1/expect 甲 = 79.995/' 2023.test.rubric
  $ rubric test 2023.rubric
  2023.rubric: 6 passed, 0 failed
  6 passed, 0 failed
A score that is now an error is written as the error, and the expectations in the ruleset's own file are updated there; --update and --boundaries do not go together.
  $ printf 'test "满分" {\n  given { "a": 80, "b": 10 }\n  expect total = 90\n}\n' >> 2023.rubric
  $ sed -i 's/indicator 乙 points 10 {/indicator 乙 points 10 {\n    rounding 2 half_up/; s/    score b$/    score 10 \/ (b - 10)/' 2023.rubric
  $ rubric test 2023.rubric --update --filter 满分
  2023.rubric:26: total: = 90 → error E0701
  1 expectation updated in 1 file
  $ tail -2 2023.rubric
    expect total error E0701
  }
  $ rubric test 2023.rubric --update --boundaries
  --boundaries excludes --update
  Run with --help for more information.
  [2]
