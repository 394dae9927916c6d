A file is written in one keyword set, which its header chooses: `ruleset` English, `规则集` Chinese. A keyword of the other set is a name there, and where a keyword belongs the error says which word to write. `rubric fmt --keywords zh|en` converts a file either way; a name that is a keyword in the other set stops the conversion (E0024) and the file is left as it was.
  $ printf '规则集 "测试" 方案 t 年度 2024\n填报 { x : 数值 }\n指标 甲 points 10 { 评分 x }\n等级 { 优 >= 9; 差 否则 }\n' > zh.rubric
  $ rubric check zh.rubric
  zh.rubric:3:6: error: expected '分值 N' after the name, found 'points' [E0002]
   3 | 指标 甲 points 10 { 评分 x }
     |         ^~~~~~
    = help: 'points' is an English keyword, but this file is written in Chinese keywords (its header says '规则集'): write '分值'
  1 error generated.
  [1]
  $ printf 'ruleset "t" scheme t year 2024\nfacts { x : number }\n指标 甲 points 10 { score x }\ngrade { 优 >= 9; 差 otherwise }\n' > en.rubric
  $ rubric check en.rubric
  en.rubric:3:1: error: expected a top-level item: section, indicator, facts, define, let, grade, veto, choose, rounding or total, found '指标' [E0002]
   3 | 指标 甲 points 10 { score x }
     | ^~~~
    = help: '指标' is a Chinese keyword, but this file is written in English keywords (its header says 'ruleset'): write 'indicator', or convert the whole file with 'rubric fmt --keywords zh' and write Chinese keywords throughout
  1 error generated.
  [1]

Converted to Chinese and back:
  $ printf 'ruleset "t" scheme t year 2024\nfacts { x : percent in [0, 100%%] "执行率" }\nindicator 甲 points 10 { score tiered x { [0, 60%%) -> 0  [60%%, 100%%] -> x * points } }\ngrade { 优 >= 9; 差 otherwise }\n' > r.rubric
  $ rubric fmt --keywords zh r.rubric
  r.rubric: formatted
  $ cat r.rubric
  规则集 "t" 方案 t 年度 2024
  填报 {
    x : 百分比 在 [0, 100%] "执行率"
  }
  指标 甲 分值 10 {
    评分 分档 x {
      [0, 60%)    -> 0
      [60%, 100%] -> x * 分值
    }
  }
  等级 { 优 >= 9; 差 否则 }
  $ rubric fmt --keywords en r.rubric
  r.rubric: formatted
  $ cat r.rubric
  ruleset "t" scheme t year 2024
  facts {
    x : percent in [0, 100%] "执行率"
  }
  indicator 甲 points 10 {
    score tiered x {
      [0, 60%)    -> 0
      [60%, 100%] -> x * points
    }
  }
  grade { 优 >= 9; 差 otherwise }

A name that is a Chinese keyword:
  $ printf 'ruleset "t" scheme t year 2024\nfacts { 分值 : number }\nindicator 甲 points 10 { score 分值 }\ngrade { 优 >= 9; 差 otherwise }\n' > clash.rubric
  $ rubric fmt --keywords zh clash.rubric
  clash.rubric:2:9: error: '分值' is a keyword in Chinese: the file cannot be written in Chinese keywords while a name is '分值' [E0024]
   2 | facts { 分值 : number }
     |         ^~~~
    = help: rename it (every use of it), then convert the file; the file was left as it is
  1 error generated.
  [1]
  $ cat clash.rubric
  ruleset "t" scheme t year 2024
  facts { 分值 : number }
  indicator 甲 points 10 { score 分值 }
  grade { 优 >= 9; 差 otherwise }
