The names `rubric test` looks up: a --filter that matches no case names the case or test meant; an `expect` of an indicator or a grade the ruleset does not have says so, with the one meant when likely, and a one-character name is never taken for another (丙 is no slip of 甲).
  $ rubric test "$SRC/rulesets/guangzhou/2023.rubric" --filter 法院2032年自评
  $SRC/rulesets/guangzhou/2023.rubric: 0 passed, 0 failed
  0 passed, 0 failed
  error: --filter "法院2032年自评" matches no case; did you mean "法院2023年自评"? [E1102]
    = help: a case is matched by its name as "test / case"; run without --filter to see them all
  [3]
  $ rubric test "$SRC/rulesets/guangzhou/2023.rubric" --filter 完全无关
  $SRC/rulesets/guangzhou/2023.rubric: 0 passed, 0 failed
  0 passed, 0 failed
  error: --filter "完全无关" matches no case [E1102]
    = help: a case is matched by its name as "test / case"; run without --filter to see them all
  [3]
  $ cp "$SRC/tests/bad-input/trust-total/ruleset.rubric" 2023.rubric
  $ cat > 2023.test.rubric <<'END'
  > test "名字" {
  >   given { "a": 79.995, "b": 10 }
  >   case "等级" expect grade = 忧
  >   case "等级二" expect grade = 优秀
  >   case "指标" expect 甲甲 = 1
  >   case "单字" expect 丙 = 1
  > }
  > END
  $ rubric test 2023.rubric
  2023.rubric: 0 passed, 4 failed
    ✗ 名字 / 等级 (2023.test.rubric:3)
      grade: expected 忧, got 良 (the ruleset has no grade '忧')
    ✗ 名字 / 等级二 (2023.test.rubric:4)
      grade: expected 优秀, got 良 (the ruleset has no grade '优秀'; did you mean '优'?)
    ✗ 名字 / 指标 (2023.test.rubric:5)
      the ruleset has no indicator or section '甲甲' (did you mean '甲'?)
    ✗ 名字 / 单字 (2023.test.rubric:6)
      the ruleset has no indicator or section '丙'
  0 passed, 4 failed
  [3]
