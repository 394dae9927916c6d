-- The 2023 Guangzhou rules (rulesets/guangzhou/2023.rubric) as a plain Lua program: the Lua
-- baseline of the benchmark (bench/README.md), what a user would otherwise write with an embedded
-- scripting language. The same rules as bench/handwritten.cpp, the same operations in the same
-- order, and the same output file as rubric_bench_handwritten (and `rubric batch`), byte for byte.
--
--   lua5.4 bench/rules2023.lua IN.csv OUT.csv
--   luajit bench/rules2023.lua IN.csv OUT.csv
--
-- One script for Lua 5.4 and LuaJIT 2.1: no `//`, no integer-only operations, no utf8 library.
-- Like the hand-written C++, it takes valid input only (the generator writes no invalid row), so
-- domains and judged bands are not checked.
--
-- Exact decimals. Lua has no decimal type and LuaJIT has only doubles, so scores use a small
-- fixed-point decimal with Rubric's semantics (base/decimal.hpp):
--   x = i + h / 10^12 + l / 10^24, passed around as three numbers (i, h, l) with 0 <= h, l < 10^12
--   and i an integer (a negative x has a negative i: i is the floor of x). Every value the rules
--   compute has at most 24 fractional digits, so this is exact; every number stays below 2^53, so
--   it is exact in LuaJIT's doubles as well as in Lua 5.4's integers and floats.
--   +, -, comparisons: exact, limb by limb.
--   a * b: one factor must be "short" (coefficient below 9e9, e.g. a weight, 0.5, 30%, a percent
--     rate): the product is exact, then rounded half-even at the 24th fractional digit, as
--     Rubric's Decimal does when a product needs more than 24 fractional digits.
--   a / b: the divisor must have fewer than 15 significant digits (every divisor in the 2023 rules
--     is a count, a target, an amount of money with 2 decimals or 5%: at most 8 digits); the
--     quotient is rounded half-even at the 24th fractional digit, exactly like Decimal.
-- Every intermediate stays below 2^53 while integer parts times the short factor do (checked: an
-- error, never a wrong digit); the rules' values are scores, rates and amounts below 10^6.
local floor, find, sub, byte, format, tonumber = math.floor, string.find, string.sub, string.byte, string.format,
  tonumber
local concat = table.concat

-- LuaJIT: the rules branch on the data everywhere, so its JIT makes many side traces, and with the
-- default limits (1000 traces, 512 KiB of machine code) it flushes them all again and again. More
-- room makes it about 30% faster. Lua 5.4 has no `jit`.
if jit then jit.opt.start("maxtrace=10000", "maxmcode=16384") end

local B = 1e12 -- one limb: 12 decimal digits
local G = 1e6 -- half a limb: the step of multiplying and dividing by a short integer
local POW10 = {}
for k = 0, 24 do POW10[k] = 10 ^ k end

-- ---- the decimal ---------------------------------------------------------------------------

local function dneg(i, h, l)
  if l ~= 0 then return -1 - i, B - 1 - h, B - l end
  if h ~= 0 then return -1 - i, B - h, 0 end
  return 0 - i, 0, 0
end

local function dadd(ai, ah, al, bi, bh, bl)
  local l = al + bl
  local c = floor(l / B) -- the carries as arithmetic, not branches (easier on LuaJIT's traces)
  local h = ah + bh + c
  local d = floor(h / B)
  return ai + bi + d, h - d * B, l - c * B
end

local function dsub(ai, ah, al, bi, bh, bl)
  local l = al - bl
  local c = floor(l / B)
  local h = ah - bh + c
  local d = floor(h / B)
  return ai - bi + d, h - d * B, l - c * B
end

local function dlt(ai, ah, al, bi, bh, bl) -- a < b
  if ai ~= bi then return ai < bi end
  if ah ~= bh then return ah < bh end
  return al < bl
end

local function dle(ai, ah, al, bi, bh, bl) -- a <= b
  if ai ~= bi then return ai < bi end
  if ah ~= bh then return ah < bh end
  return al <= bl
end

local function dmin(ai, ah, al, bi, bh, bl) -- std::min: a unless b < a
  if dlt(bi, bh, bl, ai, ah, al) then return bi, bh, bl end
  return ai, ah, al
end

local function dsign(i, h, l)
  if i < 0 then return -1 end
  if i > 0 or h ~= 0 or l ~= 0 then return 1 end
  return 0
end

-- x * n for an integer 0 <= n <= 9e9, exact. Limb by limb when n < 9007 (a limb times n stays
-- below 2^53), otherwise in groups of 6 digits (a group times n below 9.00001e15 < 2^53). Every
-- floor(p / d) below is exact: p + d < 2^53.
local function mulint(i, h, l, n)
  if n < 9007 then
    local p = l * n
    local c = floor(p / B)
    l = p - c * B
    p = h * n + c
    c = floor(p / B)
    i = i * n + c
    if i >= 9e15 or i <= -9e15 then error("decimal overflow") end
    return i, p - c * B, l
  end
  local h1 = floor(h / G)
  local h2 = h - h1 * G
  local l1 = floor(l / G)
  local l2 = l - l1 * G
  local p = l2 * n
  local c = floor(p / G)
  l2 = p - c * G
  p = l1 * n + c
  c = floor(p / G)
  l1 = p - c * G
  p = h2 * n + c
  c = floor(p / G)
  h2 = p - c * G
  p = h1 * n + c
  c = floor(p / G)
  h1 = p - c * G
  i = i * n + c
  if i >= 9e15 or i <= -9e15 then error("decimal overflow") end
  return i, h1 * G + h2, l1 * G + l2
end

-- Rounds the 24-digit quotient (qi, qh, ql) with remainder r of divisor n half-even (ties to the
-- even last digit), as Decimal rounds quotients and long products.
local function round_quotient(qi, qh, ql, r, n)
  local twice = r + r
  if twice > n or (twice == n and ql % 2 == 1) then
    ql = ql + 1
    if ql == B then
      ql = 0
      qh = qh + 1
      if qh == B then qh = 0; qi = qi + 1 end
    end
  end
  return qi, qh, ql
end

-- One digit at a time, for divisors of 10 to 14 digits (none in the 2023 rules).
local function divint_digits(i, h, l, n)
  local qi = floor(i / n)
  local r = i - qi * n
  local qh, ql = 0, 0
  for k = 11, 0, -1 do
    local p = r * 10 + floor(h / POW10[k]) % 10
    local d = floor(p / n)
    r = p - d * n
    qh = qh * 10 + d
  end
  for k = 11, 0, -1 do
    local p = r * 10 + floor(l / POW10[k]) % 10
    local d = floor(p / n)
    r = p - d * n
    ql = ql * 10 + d
  end
  return round_quotient(qi, qh, ql, r, n)
end

-- x / n for an integer 1 <= n < 9e14, rounded half-even at the 24th fractional digit. Long
-- division with the remainder r in one number: limb by limb when n < 9007 (r * 10^12 + a limb
-- < 2^53), otherwise 6 digits per step (r * 10^6 + 6 digits < 9e15 < 2^53).
local function divint(i, h, l, n)
  local qi = floor(i / n)
  local r = i - qi * n
  if n < 9007 then
    local p = r * B + h
    local qh = floor(p / n)
    r = p - qh * n
    p = r * B + l
    local ql = floor(p / n)
    return round_quotient(qi, qh, ql, p - ql * n, n)
  end
  if n > 9e9 then
    if n >= 9e14 then error("divisor too long: " .. format("%.0f", n)) end
    return divint_digits(i, h, l, n)
  end
  local h1 = floor(h / G)
  local h2 = h - h1 * G
  local l1 = floor(l / G)
  local l2 = l - l1 * G
  local p = r * G + h1
  local q1 = floor(p / n)
  r = p - q1 * n
  p = r * G + h2
  local q2 = floor(p / n)
  r = p - q2 * n
  p = r * G + l1
  local q3 = floor(p / n)
  r = p - q3 * n
  p = r * G + l2
  local q4 = floor(p / n)
  r = p - q4 * n
  return round_quotient(qi, q1 * G + q2, q3 * G + q4, r, n)
end

-- x as a short decimal: coefficient d and scale s with x = d / 10^s, trailing zeros dropped; nil
-- when x has more than 12 fractional digits or d would reach 9e14.
local function short(i, h, l)
  if l ~= 0 then return nil end
  if h == 0 then
    if i >= 9e14 or i <= -9e14 then return nil end
    return i, 0
  end
  local s = 12 -- drop up to 11 trailing zeros: 6, 3, 2 and 1 at a time cover every count
  if h % 1e6 == 0 then h = h / 1e6; s = s - 6 end
  if h % 1e3 == 0 then h = h / 1e3; s = s - 3 end
  if h % 100 == 0 then h = h / 100; s = s - 2 end
  if h % 10 == 0 then h = h / 10; s = s - 1 end
  local d = i * POW10[s] + h
  if d >= 9e14 or d <= -9e14 then return nil end
  return d, s
end

-- a * b, rounded half-even at the 24th fractional digit; one factor must be short.
local function dmul(ai, ah, al, bi, bh, bl)
  local n, s = short(bi, bh, bl)
  if not n or n > 9e9 or n < -9e9 then
    n, s = short(ai, ah, al)
    if not n or n > 9e9 or n < -9e9 then error("product of two long decimals") end
    ai, ah, al = bi, bh, bl
  end
  local negative = n < 0
  if negative then n = -n end
  local i, h, l = mulint(ai, ah, al, n)
  if s > 0 then i, h, l = divint(i, h, l, POW10[s]) end
  if negative then return dneg(i, h, l) end
  return i, h, l
end

-- a / b, rounded half-even at the 24th fractional digit.
local function ddiv(ai, ah, al, bi, bh, bl)
  local n, s = short(bi, bh, bl)
  if not n then error("divisor with more than 14 significant digits") end
  if n == 0 then error("division by zero") end
  if n < 0 then
    n = -n
    ai, ah, al = dneg(ai, ah, al)
  end
  if s > 6 then
    ai, ah, al = mulint(ai, ah, al, G)
    s = s - 6
  end
  if s > 0 then ai, ah, al = mulint(ai, ah, al, POW10[s]) end
  return divint(ai, ah, al, n)
end

-- Rounded to 2 fractional digits, half up (ties away from zero): the ruleset's `rounding 2 half_up`.
local function round2(i, h, l)
  if i < 0 then
    i, h = round2(dneg(i, h, l))
    return dneg(i, h, 0)
  end
  local cents = floor(h / 1e10)
  if h - cents * 1e10 >= 5e9 then
    cents = cents + 1
    if cents == 100 then
      cents = 0
      i = i + 1
    end
  end
  return i, cents * 1e10, 0
end

local function dceil(i, h, l)
  if h ~= 0 or l ~= 0 then return i + 1, 0, 0 end
  return i, 0, 0
end

-- Text of a value with exactly 2 fractional digits (a value already rounded to 2 digits).
-- Memoised: scores take few distinct values.
local fixed2_cache = {}
local function fixed2(i, h)
  local key = i * 100 + h / 1e10
  local text = fixed2_cache[key]
  if text then return text end
  if i < 0 then
    local ni, nh = dneg(i, h, 0)
    text = format("-%d.%02d", ni, nh / 1e10)
  else
    text = format("%d.%02d", i, h / 1e10)
  end
  fixed2_cache[key] = text
  return text
end

-- Plain decimal text ("-12.345", "7", ".5") to a decimal; up to 24 fractional digits.
local function parse(text)
  local dot = find(text, ".", 1, true)
  if not dot then
    local n = tonumber(text)
    if not n or n >= 9e15 or n <= -9e15 then error("not a number (or too long): " .. text) end
    return n, 0, 0
  end
  local negative = byte(text, 1) == 45 -- '-'
  local i = 0
  if dot > (negative and 2 or 1) then
    i = tonumber(sub(text, negative and 2 or 1, dot - 1))
    if not i or i >= 9e15 then error("not a number (or too long): " .. text) end
  end
  local nfrac = #text - dot
  local h, l = 0, 0
  if nfrac > 12 then
    if nfrac > 24 then error("more than 24 fractional digits: " .. text) end
    h = tonumber(sub(text, dot + 1, dot + 12))
    l = tonumber(sub(text, dot + 13))
    if not h or not l then error("not a number: " .. text) end
    l = l * POW10[24 - nfrac]
  elseif nfrac > 0 then
    h = tonumber(sub(text, dot + 1))
    if not h then error("not a number: " .. text) end
    h = h * POW10[12 - nfrac]
  end
  if negative then return dneg(i, h, l) end
  return i, h, l
end

local function percent(text) -- "99.49%" -> 0.9949 (the number / 100); a bare number as it is
  if byte(text, -1) == 37 then -- '%'
    local i, h, l = parse(sub(text, 1, -2))
    return divint(i, h, l, 100)
  end
  return parse(text)
end

-- ---- the CSV -------------------------------------------------------------------------------

-- Splits [line] at commas into cells[1..n] (no quoted fields in the generator's CSV).
local function split(line, cells)
  local n, pos = 0, 1
  while true do
    local comma = find(line, ",", pos, true)
    n = n + 1
    if not comma then
      cells[n] = sub(line, pos)
      return n
    end
    cells[n] = sub(line, pos, comma - 1)
    pos = comma + 1
  end
end

local SCALARS = {
  "id", "department", "goals_reported", "new_projects_to_assess", "new_projects_unassessed", "carryover_year_end",
  "carryover_opening", "general_appropriation", "fund_appropriation", "audit_issues", "unclear_issues",
  "repeated_issues", "budget_disclosure", "final_disclosure", "budget_disclosure_problems",
  "final_disclosure_problems", "perf_goals_disclosed", "self_eval_disclosed", "perf_rules_funds",
  "perf_rules_funds_rate", "perf_duties", "perf_duties_rate", "late_alerts", "rectification_reported",
  "results_linked", "goals_returned", "monitoring_done", "monitoring_submitted", "self_eval_done",
  "subordinate_self_eval", "self_eval_submitted", "intent_disclosure_rate", "intent_timely",
  "procurement_controls", "complaints_upheld", "contract_timely_rate", "contracts_filed_timely", "sme_reserved",
  "sme_actual", "asset_config_violations", "asset_income_overdue", "asset_stocktake", "data_quality",
  "data_quality_rate", "asset_rules", "asset_problems", "fixed_assets_in_use", "fixed_assets_total",
  "public_budget", "public_spent", "sangong_budget", "sangong_spent"}

-- Where each fact is in a row, from the header: C[name] is the cell of a scalar fact; a list is
-- an array of records of cells ({name, target, actual, weight} or {name, level, weight, awarded});
-- MONTHS holds the cells of monthly_execution.
local C, OUTPUTS, BENEFITS, JUDGEMENTS, MONTHS

-- Reads the header; returns nil and the name of a missing column if one is absent.
local function read_header(line)
  local cells = {}
  local n = split(line, cells)
  C = {}
  local lists = {outputs = {}, benefits = {}, benefit_judgements = {}}
  local fields = {name = 1, target = 2, actual = 3, weight = 4, level = 2, awarded = 4}
  MONTHS = {}
  for k = 1, n do
    local name = cells[k]
    C[name] = k
    local list, index, field = name:match("^([%a_]+)%.(%d+)%.(%a+)$")
    if list and lists[list] and fields[field] then
      local records = lists[list]
      index = tonumber(index)
      records[index] = records[index] or {}
      records[index][fields[field]] = k
    else
      index = name:match("^monthly_execution%.(%d+)$")
      if index then MONTHS[tonumber(index)] = k end
    end
  end
  OUTPUTS, BENEFITS, JUDGEMENTS = lists.outputs, lists.benefits, lists.benefit_judgements
  for _, name in ipairs(SCALARS) do
    if not C[name] then return nil, name end
  end
  return true
end

-- ---- the rules -----------------------------------------------------------------------------
-- One function per indicator, in the ruleset's order: each takes the row's cells and returns the
-- indicator's score (unrounded) as a decimal. Constants are written as decimals: 0, 6e11, 0 is 0.6.

local function count(text) -- an empty count is 0
  if text == "" then return 0 end
  return tonumber(text)
end

local function flag(text, i, h) -- `when fact -> points otherwise 0`, for a bool fact
  if text == "true" then return i, h, 0 end
  return 0, 0, 0
end

-- deduct … until zero: start - total, at least 0.
local function deduct(si, sh, sl, ti, th, tl)
  local i, h, l = dsub(si, sh, sl, ti, th, tl)
  if i < 0 then return 0, 0, 0 end
  return i, h, l
end

-- define completion(rate, pts) = tiered rate { [0,60%) -> 0; [60%,100%) -> rate*pts;
-- [100%,150%] -> pts; (150%,inf) -> pts/2 }
local function completion(ri, rh, rl, pi, ph, pl)
  if dlt(ri, rh, rl, 0, 6e11, 0) then return 0, 0, 0 end
  if ri < 1 then return dmul(ri, rh, rl, pi, ph, pl) end
  if dle(ri, rh, rl, 1, 5e11, 0) then return pi, ph, pl end
  return ddiv(pi, ph, pl, 2, 0, 0)
end

-- The sum of completion(actual / target, weight) over a list's records.
local function completions(c, records)
  local si, sh, sl = 0, 0, 0
  for k = 1, #records do
    local f = records[k]
    local target, actual, weight = c[f[2]], c[f[3]], c[f[4]]
    if c[f[1]] ~= "" or target ~= "" or actual ~= "" or weight ~= "" then
      local ti, th, tl = parse(target)
      local ai, ah, al = parse(actual)
      local ri, rh, rl = ddiv(ai, ah, al, ti, th, tl)
      local wi, wh, wl = parse(weight)
      si, sh, sl = dadd(si, sh, sl, completion(ri, rh, rl, wi, wh, wl))
    end
  end
  return si, sh, sl
end

local function goals_reported(c)
  local v = c[C.goals_reported]
  return v == "" or v == "true"
end

-- A percent fact that defaults to 100%, set to 0 when its rules were not issued (未出台).
local function rules_rate(rules, rate)
  if rules == "未出台" then return 0, 0, 0 end
  if rate == "" then return 1, 0, 0 end
  return percent(rate)
end

local RULES = {
  -- 履职效能 / 整体效能
  {"部门整体绩效目标产出指标完成情况", function(c)
    if not goals_reported(c) then return 0, 0, 0 end
    return completions(c, OUTPUTS)
  end},
  {"部门整体绩效目标效益指标完成情况", function(c)
    if not goals_reported(c) then return 0, 0, 0 end
    local si, sh, sl = completions(c, BENEFITS)
    local ji, jh, jl = 0, 0, 0
    for k = 1, #JUDGEMENTS do
      local awarded = c[JUDGEMENTS[k][4]]
      if awarded ~= "" then ji, jh, jl = dadd(ji, jh, jl, parse(awarded)) end
    end
    return dadd(si, sh, sl, ji, jh, jl)
  end},
  {"部门预算资金支出率", function(c) -- mean(m in monthly_execution: min(m, 100%)) * points
    local si, sh, sl, n = 0, 0, 0, 0
    for k = 1, #MONTHS do
      local m = c[MONTHS[k]]
      if m ~= "" then
        n = n + 1
        local i, h, l = percent(m)
        si, sh, sl = dadd(si, sh, sl, dmin(i, h, l, 1, 0, 0))
      end
    end
    local i, h, l = ddiv(si, sh, sl, n, 0, 0)
    return dmul(i, h, l, 10, 0, 0)
  end},
  -- 管理效率 / 预算编制, 预算执行
  {"新增预算项目事前绩效评估", function(c)
    local unassessed = count(c[C.new_projects_unassessed])
    if count(c[C.new_projects_to_assess]) > 3 then return deduct(3, 0, 0, dmul(0, 5e11, 0, unassessed, 0, 0)) end
    return deduct(3, 0, 0, dmul(1, 0, 0, unassessed, 0, 0))
  end},
  {"结转结余率", function(c)
    local oi, oh, ol = parse(c[C.carryover_opening])
    local gi, gh, gl = parse(c[C.general_appropriation])
    local fi, fh, fl = 0, 0, 0
    local fund = c[C.fund_appropriation]
    if fund ~= "" then fi, fh, fl = parse(fund) end
    local di, dh, dl = dadd(oi, oh, ol, gi, gh, gl)
    di, dh, dl = dadd(di, dh, dl, fi, fh, fl)
    local ei, eh, el = parse(c[C.carryover_year_end])
    local i, h, l = ddiv(ei, eh, el, di, dh, dl)
    if dle(i, h, l, 0, 1e11, 0) then return 2, 0, 0 end
    if dle(i, h, l, 0, 2e11, 0) then return 1, 0, 0 end
    if dle(i, h, l, 0, 3e11, 0) then return 0, 5e11, 0 end
    return 0, 0, 0
  end},
  {"财务管理合规性", function(c)
    local i, h, l = dmul(0, 5e11, 0, count(c[C.audit_issues]), 0, 0)
    i, h, l = dadd(i, h, l, dmul(0, 5e11, 0, count(c[C.unclear_issues]), 0, 0))
    i, h, l = dadd(i, h, l, dmul(1, 0, 0, count(c[C.repeated_issues]), 0, 0))
    return deduct(2, 0, 0, i, h, l)
  end},
  -- 信息公开
  {"预决算公开合规性", function(c)
    local budget, final = c[C.budget_disclosure], c[C.final_disclosure]
    if budget == "未公开" or final == "未公开" then return 0, 0, 0 end
    local b = (budget == "按时公开" and 1 or 0) + (count(c[C.budget_disclosure_problems]) == 0 and 1 or 0)
    local f = (final == "按时公开" and 1 or 0) + (count(c[C.final_disclosure_problems]) == 0 and 1 or 0)
    local i, h, l = dmul(0, 5e11, 0, b, 0, 0)
    return dadd(i, h, l, dmul(0, 5e11, 0, f, 0, 0))
  end},
  {"绩效信息公开情况", function(c)
    local i, h, l = dmul(0, 5e11, 0, flag(c[C.perf_goals_disclosed], 2, 0))
    return dadd(i, h, l, dmul(0, 5e11, 0, flag(c[C.self_eval_disclosed], 2, 0)))
  end},
  -- 绩效管理
  {"绩效管理制度建设", function(c)
    local fi, fh, fl = rules_rate(c[C.perf_rules_funds], c[C.perf_rules_funds_rate])
    local di, dh, dl = rules_rate(c[C.perf_duties], c[C.perf_duties_rate])
    local i, h, l = dmul(0, 5e11, 0, dmul(fi, fh, fl, 5, 0, 0))
    return dadd(i, h, l, dmul(0, 5e11, 0, dmul(di, dh, dl, 5, 0, 0)))
  end},
  {"绩效结果应用", function(c)
    local i, h, l = dmul(0, 3e11, 0, deduct(3, 0, 0, dmul(1, 0, 0, count(c[C.late_alerts]), 0, 0)))
    i, h, l = dadd(i, h, l, dmul(0, 3e11, 0, flag(c[C.rectification_reported], 3, 0)))
    return dadd(i, h, l, dmul(0, 4e11, 0, flag(c[C.results_linked], 3, 0)))
  end},
  {"绩效管理制度执行", function(c)
    local goals = count(c[C.goals_returned]) == 0 and 2 or 0
    local monitoring = flag(c[C.monitoring_done], 1, 0) + flag(c[C.monitoring_submitted], 1, 0)
    local self_eval = flag(c[C.self_eval_done], 1, 0) + (c[C.subordinate_self_eval] ~= "未组织" and 1 or 0)
      + flag(c[C.self_eval_submitted], 1, 0)
    return goals + monitoring + self_eval, 0, 0
  end},
  -- 采购管理
  {"采购意向公开合规性", function(c)
    local i, h, l = percent(c[C.intent_disclosure_rate])
    if dle(1, 0, 0, i, h, l) then return 0, 5e11, 0 end
    return 0, 0, 0
  end},
  {"采购意向公开完整性、及时性", function(c) return flag(c[C.intent_timely], 1, 5e11) end},
  {"采购内控制度建设", function(c) return flag(c[C.procurement_controls], 1, 0) end},
  {"采购活动合规性", function(c)
    return deduct(2, 0, 0, dmul(1, 0, 0, count(c[C.complaints_upheld]), 0, 0))
  end},
  {"采购合同签订时效性", function(c)
    local i, h, l = percent(c[C.contract_timely_rate])
    if dle(1, 0, 0, i, h, l) then return 3, 0, 0 end
    if dle(0, 9e11, 0, i, h, l) then return 2, 0, 0 end
    if dle(0, 8e11, 0, i, h, l) then return 1, 0, 0 end
    return 0, 0, 0
  end},
  {"合同备案时效性", function(c) return flag(c[C.contracts_filed_timely], 1, 0) end},
  {"采购政策效能", function(c) -- min(sme_actual / sme_reserved, 100%) * points
    local ai, ah, al = parse(c[C.sme_actual])
    local ri, rh, rl = parse(c[C.sme_reserved])
    local i, h, l = ddiv(ai, ah, al, ri, rh, rl)
    i, h, l = dmin(i, h, l, 1, 0, 0)
    return dmul(i, h, l, 1, 0, 0)
  end},
  -- 资产管理
  {"资产配置合规性", function(c)
    return deduct(2, 0, 0, dmul(1, 0, 0, count(c[C.asset_config_violations]), 0, 0))
  end},
  {"资产收益上缴的及时性", function(c)
    return deduct(1, 0, 0, dmul(0, 5e11, 0, count(c[C.asset_income_overdue]), 0, 0))
  end},
  {"资产盘点情况", function(c) return flag(c[C.asset_stocktake], 1, 0) end},
  {"数据质量", function(c)
    local rate = c[C.data_quality_rate]
    if rate == "" then return 2, 0, 0 end -- 100% * 2
    local i, h, l = percent(rate)
    return dmul(i, h, l, 2, 0, 0)
  end},
  {"资产管理合规性", function(c)
    local i, h, l = dmul(0, 5e11, 0, count(c[C.asset_problems]), 0, 0)
    if c[C.asset_rules] ~= "true" then i, h, l = dadd(0, 5e11, 0, i, h, l) end
    return deduct(2, 0, 0, i, h, l)
  end},
  {"固定资产利用率", function(c)
    local ui, uh, ul = parse(c[C.fixed_assets_in_use])
    local ti, th, tl = parse(c[C.fixed_assets_total])
    local i, h, l = ddiv(ui, uh, ul, ti, th, tl)
    if dle(0, 9e11, 0, i, h, l) then return 2, 0, 0 end
    if dle(0, 7.5e11, 0, i, h, l) then return 1, 5e11, 0 end
    if dle(0, 6e11, 0, i, h, l) then return 1, 0, 0 end
    return 0, 0, 0
  end},
  -- 运行成本
  {"公用经费控制率", function(c)
    local bi, bh, bl = parse(c[C.public_budget])
    local si, sh, sl = parse(c[C.public_spent])
    si, sh, sl = dsub(si, sh, sl, bi, bh, bl)
    local i, h, l = ddiv(si, sh, sl, bi, bh, bl) -- over
    if dsign(i, h, l) <= 0 then return 2, 0, 0 end
    -- deduct 0.5 per steps(over, 5%) until zero
    i, h, l = dceil(ddiv(i, h, l, 0, 5e10, 0))
    return deduct(2, 0, 0, dmul(0, 5e11, 0, i, h, l))
  end},
  {"“三公”经费控制情况", function(c)
    local si, sh, sl = parse(c[C.sangong_spent])
    local bi, bh, bl = parse(c[C.sangong_budget])
    if dle(si, sh, sl, bi, bh, bl) then return 2, 0, 0 end
    return 0, 0, 0
  end},
}

-- ---- main ----------------------------------------------------------------------------------

local function main(in_path, out_path)
  local input = assert(io.open(in_path, "rb"))
  local output = assert(io.open(out_path, "wb"))
  output:setvbuf("full", 1048576)
  local names, scorers = {}, {}
  for k, rule in ipairs(RULES) do names[k], scorers[k] = rule[1], rule[2] end
  output:write("\239\187\191row,id,department,total,grade,", concat(names, ","), ",error\n")  -- UTF-8 BOM, as rubric

  local lines = input:lines()
  local ok, missing = read_header(lines() or "")
  if not ok then
    io.stderr:write(in_path, ": the header lacks column ", missing, "\n")
    os.exit(1)
  end
  local c_id, c_name = C.id, C.department
  local n_rules = #scorers
  local cells = {}
  local out = {} -- the output row: row, id, department, total, grade, the scores, "\n"
  out[6 + n_rules] = "\n"
  local row = 0
  for line in lines do
    split(line, cells)
    row = row + 1
    local ti, th, tl = 0, 0, 0
    for k = 1, n_rules do
      local i, h = round2(scorers[k](cells))
      ti, th, tl = dadd(ti, th, tl, i, h, 0)
      out[5 + k] = fixed2(i, h)
    end
    out[1] = row
    out[2] = cells[c_id]
    out[3] = cells[c_name]
    out[4] = fixed2(ti, th)
    -- grade { 优 >= 90; 良 >= 80; 中 >= 60; 差 otherwise } (ti is the integer part of the total)
    out[5] = (ti >= 90 and "优") or (ti >= 80 and "良") or (ti >= 60 and "中") or "差"
    output:write(concat(out, ","))
  end
  input:close()
  assert(output:close())
end

if #arg ~= 2 then
  io.stderr:write("usage: lua bench/rules2023.lua IN.csv OUT.csv\n")
  os.exit(2)
end
main(arg[1], arg[2])
