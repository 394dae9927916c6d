Functions that each call the one above twice (f39 makes 2^39 calls): every command that evaluates stops at the same evaluation budget, E0711, in well under a second, instead of running for ever. `explain` too: its list of where values come from walks the functions under the same budget.
  $ printf '{"department": "部门", "year": 2023, "facts": {"x": 1}}' > facts.json
  $ rubric score "$SRC/tests/bad-input/outputs/deep.rubric" facts.json
  $SRC/tests/bad-input/outputs/deep.rubric:13:24: error: indicator '指标': evaluation took more than 10000000 steps [E0711]
   13 | define f2(v) = f1(v) + f1(v)
      |                        ^~~~~
    = help: the ruleset or the facts are too large for one evaluation
  预算耗尽（deep，2023年度）
  部门：部门    年度：2023
  
  指标      分值  得分  评分依据
  ------------------------------------------------------------------------------------------------------------------------
  指标        10     —  未能评分：evaluation took more than 10000000 steps
  ------------------------------------------------------------------------------------------------------------------------
  总分        10     —
  评价等级  — (some indicators could not be scored; see the errors)
  [3]
  $ rubric explain "$SRC/tests/bad-input/outputs/deep.rubric" facts.json
  指标 (10 points, $SRC/tests/bad-input/outputs/deep.rubric:52)
    values:
      fact x = 1  (facts.json, facts.x)
      function f39(v)  (function at deep.rubric:50:8)
      function f38(v)  (function at deep.rubric:49:8)
      function f37(v)  (function at deep.rubric:48:8)
      function f36(v)  (function at deep.rubric:47:8)
      function f35(v)  (function at deep.rubric:46:8)
      function f34(v)  (function at deep.rubric:45:8)
      function f33(v)  (function at deep.rubric:44:8)
      function f32(v)  (function at deep.rubric:43:8)
      function f31(v)  (function at deep.rubric:42:8)
      function f30(v)  (function at deep.rubric:41:8)
      function f29(v)  (function at deep.rubric:40:8)
      function f28(v)  (function at deep.rubric:39:8)
      function f27(v)  (function at deep.rubric:38:8)
      function f26(v)  (function at deep.rubric:37:8)
      function f25(v)  (function at deep.rubric:36:8)
      function f24(v)  (function at deep.rubric:35:8)
      function f23(v)  (function at deep.rubric:34:8)
      function f22(v)  (function at deep.rubric:33:8)
      function f21(v)  (function at deep.rubric:32:8)
      function f20(v)  (function at deep.rubric:31:8)
      function f19(v)  (function at deep.rubric:30:8)
      function f18(v)  (function at deep.rubric:29:8)
      function f17(v)  (function at deep.rubric:28:8)
      function f16(v)  (function at deep.rubric:27:8)
      function f15(v)  (function at deep.rubric:26:8)
      function f14(v)  (function at deep.rubric:25:8)
      function f13(v)  (function at deep.rubric:24:8)
      function f12(v)  (function at deep.rubric:23:8)
      function f11(v)  (function at deep.rubric:22:8)
      function f10(v)  (function at deep.rubric:21:8)
      function f9(v)  (function at deep.rubric:20:8)
      function f8(v)  (function at deep.rubric:19:8)
      … and more: finding them took more than 10000000 steps, the evaluation's budget (E0711)
    derivation:
      f20(v = 1) = 1048576  [line 32]
      f19(v = 1) = 524288  [line 31]
      f18(v = 1) = 262144  [line 30]
      f17(v = 1) = 131072  [line 29]
      f16(v = 1) = 65536  [line 28]
      f15(v = 1) = 32768  [line 27]
      f14(v = 1) = 16384  [line 26]
      f13(v = 1) = 8192  [line 25]
      f12(v = 1) = 4096  [line 24]
      f11(v = 1) = 2048  [line 23]
      f10(v = 1) = 1024  [line 22]
      f9(v = 1) = 512  [line 21]
      f8(v = 1) = 256  [line 20]
      f7(v = 1) = 128  [line 19]
      f6(v = 1) = 64  [line 18]
      f5(v = 1) = 32  [line 17]
      f4(v = 1) = 16  [line 16]
      f3(v = 1) = 8  [line 15]
      f2(v = 1) = 4  [line 14]
      f1(v = 1) = 2  [line 13]
      f0(v = 1) = 1  [line 12]
      f0(v = 1) = 1  [line 12]
      f1(v = 1) = 2  [line 13]
      f0(v = 1) = 1  [line 12]
      f0(v = 1) = 1  [line 12]
      f2(v = 1) = 4  [line 14]
      f1(v = 1) = 2  [line 13]
      f0(v = 1) = 1  [line 12]
      f0(v = 1) = 1  [line 12]
      f1(v = 1) = 2  [line 13]
      f0(v = 1) = 1  [line 12]
      f0(v = 1) = 1  [line 12]
      f3(v = 1) = 8  [line 15]
      f2(v = 1) = 4  [line 14]
      f1(v = 1) = 2  [line 13]
      f0(v = 1) = 1  [line 12]
      f0(v = 1) = 1  [line 12]
      f1(v = 1) = 2  [line 13]
      f0(v = 1) = 1  [line 12]
      f0(v = 1) = 1  [line 12]
      f2(v = 1) = 4  [line 14]
      f1(v = 1) = 2  [line 13]
      f0(v = 1) = 1  [line 12]
      f0(v = 1) = 1  [line 12]
      f1(v = 1) = 2  [line 13]
      （其后的函数调用不再逐一列出：每个指标最多列出 64 次）  [line 12]
    error: evaluation took more than 10000000 steps
  
  总分 = —
  [3]
  $ rubric explain "$SRC/tests/bad-input/outputs/deep.rubric" facts.json 指标
  指标 (10 points, $SRC/tests/bad-input/outputs/deep.rubric:52)
    values:
      fact x = 1  (facts.json, facts.x)
      function f39(v)  (function at deep.rubric:50:8)
      function f38(v)  (function at deep.rubric:49:8)
      function f37(v)  (function at deep.rubric:48:8)
      function f36(v)  (function at deep.rubric:47:8)
      function f35(v)  (function at deep.rubric:46:8)
      function f34(v)  (function at deep.rubric:45:8)
      function f33(v)  (function at deep.rubric:44:8)
      function f32(v)  (function at deep.rubric:43:8)
      function f31(v)  (function at deep.rubric:42:8)
      function f30(v)  (function at deep.rubric:41:8)
      function f29(v)  (function at deep.rubric:40:8)
      function f28(v)  (function at deep.rubric:39:8)
      function f27(v)  (function at deep.rubric:38:8)
      function f26(v)  (function at deep.rubric:37:8)
      function f25(v)  (function at deep.rubric:36:8)
      function f24(v)  (function at deep.rubric:35:8)
      function f23(v)  (function at deep.rubric:34:8)
      function f22(v)  (function at deep.rubric:33:8)
      function f21(v)  (function at deep.rubric:32:8)
      function f20(v)  (function at deep.rubric:31:8)
      function f19(v)  (function at deep.rubric:30:8)
      function f18(v)  (function at deep.rubric:29:8)
      function f17(v)  (function at deep.rubric:28:8)
      function f16(v)  (function at deep.rubric:27:8)
      function f15(v)  (function at deep.rubric:26:8)
      function f14(v)  (function at deep.rubric:25:8)
      function f13(v)  (function at deep.rubric:24:8)
      function f12(v)  (function at deep.rubric:23:8)
      function f11(v)  (function at deep.rubric:22:8)
      function f10(v)  (function at deep.rubric:21:8)
      function f9(v)  (function at deep.rubric:20:8)
      function f8(v)  (function at deep.rubric:19:8)
      … and more: finding them took more than 10000000 steps, the evaluation's budget (E0711)
    derivation:
      f20(v = 1) = 1048576  [line 32]
      f19(v = 1) = 524288  [line 31]
      f18(v = 1) = 262144  [line 30]
      f17(v = 1) = 131072  [line 29]
      f16(v = 1) = 65536  [line 28]
      f15(v = 1) = 32768  [line 27]
      f14(v = 1) = 16384  [line 26]
      f13(v = 1) = 8192  [line 25]
      f12(v = 1) = 4096  [line 24]
      f11(v = 1) = 2048  [line 23]
      f10(v = 1) = 1024  [line 22]
      f9(v = 1) = 512  [line 21]
      f8(v = 1) = 256  [line 20]
      f7(v = 1) = 128  [line 19]
      f6(v = 1) = 64  [line 18]
      f5(v = 1) = 32  [line 17]
      f4(v = 1) = 16  [line 16]
      f3(v = 1) = 8  [line 15]
      f2(v = 1) = 4  [line 14]
      f1(v = 1) = 2  [line 13]
      f0(v = 1) = 1  [line 12]
      f0(v = 1) = 1  [line 12]
      f1(v = 1) = 2  [line 13]
      f0(v = 1) = 1  [line 12]
      f0(v = 1) = 1  [line 12]
      f2(v = 1) = 4  [line 14]
      f1(v = 1) = 2  [line 13]
      f0(v = 1) = 1  [line 12]
      f0(v = 1) = 1  [line 12]
      f1(v = 1) = 2  [line 13]
      f0(v = 1) = 1  [line 12]
      f0(v = 1) = 1  [line 12]
      f3(v = 1) = 8  [line 15]
      f2(v = 1) = 4  [line 14]
      f1(v = 1) = 2  [line 13]
      f0(v = 1) = 1  [line 12]
      f0(v = 1) = 1  [line 12]
      f1(v = 1) = 2  [line 13]
      f0(v = 1) = 1  [line 12]
      f0(v = 1) = 1  [line 12]
      f2(v = 1) = 4  [line 14]
      f1(v = 1) = 2  [line 13]
      f0(v = 1) = 1  [line 12]
      f0(v = 1) = 1  [line 12]
      f1(v = 1) = 2  [line 13]
      （其后的函数调用不再逐一列出：每个指标最多列出 64 次）  [line 12]
    error: evaluation took more than 10000000 steps
  
  $ rubric audit "$SRC/tests/bad-input/outputs/deep.rubric" facts.json
  $SRC/tests/bad-input/outputs/deep.rubric:13:24: error: indicator '指标': evaluation took more than 10000000 steps [E0711]
   13 | define f2(v) = f1(v) + f1(v)
      |                        ^~~~~
    = help: the ruleset or the facts are too large for one evaluation
  部门 (facts.json): no claimed scores to audit
  $ rubric test "$SRC/tests/bad-input/outputs/deep.rubric"
  $SRC/tests/bad-input/outputs/deep.rubric: 0 passed, 1 failed
    ✗ 预算 ($SRC/tests/bad-input/outputs/deep.rubric:58)
      指标: expected 10, but it could not be scored: evaluation took more than 10000000 steps
  0 passed, 1 failed
  [3]
  $ printf 'id,department,x\nd1,甲,1\n' > in.csv
  $ rubric batch "$SRC/tests/bad-input/outputs/deep.rubric" in.csv -o out.csv -q
  rows: 1, errors: 1 (row 1)
  grades: 优 0, 良 0, 差 0
  [3]
  $ rubric batch "$SRC/tests/bad-input/outputs/deep.rubric" in.csv -o out.csv -q --tree-evaluator
  rows: 1, errors: 1 (row 1)
  grades: 优 0, 良 0, 差 0
  [3]
  $ sed 's/优 >= 9/优 >= 8.5/' "$SRC/tests/bad-input/outputs/deep.rubric" > deep2.rubric
  $ rubric diff "$SRC/tests/bad-input/outputs/deep.rubric" deep2.rubric --facts facts.json
  $SRC/tests/bad-input/outputs/deep.rubric → deep2.rubric: 1 change
  
  Settings
    ~ grade: the grade table changed
        old: 优 >= 9; 良 >= 8; 差 otherwise
        new: 优 >= 8.5; 良 >= 8; 差 otherwise
  
  Impact on 1 department
    部门  old total  old  new total  new    change
    部门  not scored: new ruleset: indicator '指标': evaluation took more than 10000000 steps
  Summary: 0 departments scored under both; 0 change total; 0 change grade (0 up, 0 down); 1 could not be scored under both
  [3]
`rubric test --boundaries` follows the calls into the functions only so far (200,000 expressions), and says what it left, instead of walking 2^39 calls.
  $ cp "$SRC/tests/bad-input/outputs/deep.rubric" deep.rubric
  $ rubric test deep.rubric --boundaries | tail -n 3
  deep.rubric: 0 boundary cases, 1 skipped
  
  # Skipped:
  #   the functions' calls were followed through 200000 expressions only: the tiers reached after that are not probed
