// studio.js: the rule author's editor (/studio?year=YEAR, for bureau administrators). The year's
// served ruleset is the draft to start from; every change is checked by the server (POST
// /api/v1/studio/check) and each problem underlined where it is, with its fix one click away;
// a name's hover, its definition (Ctrl-click, F12) and completion (Ctrl-Space) come from the same
// analysis as `rubric lsp` (POST /api/v1/studio/hover, /complete); 整理格式 formats it
// (/studio/format); 运行测试 runs its tests with coverage and generates its boundary cases
// (/studio/test); 影响分析 scores every department's newest stored facts with the draft (POST
// /api/v1/studio/impact); 发布 publishes it (POST /api/v1/rulesets), which only a clean ruleset
// whose own tests pass survives.
"use strict";

// Rubric's words in both keyword sets (dsl/keywords.def), for highlighting.
const RUBRIC_WORDS = ["ruleset", "scheme", "year", "extends", "facts", "define", "let", "section", "indicator", "points",
  "score", "tiered", "brackets", "deduct", "per", "from", "until", "zero", "weighted", "judged", "by", "when", "otherwise",
  "and", "or", "not", "in", "to", "inf", "where", "grade", "rounding", "total", "explain", "standard", "evidence", "default",
  "unit", "fixed", "more", "is", "better", "worse", "require", "veto", "choose", "applies", "shared", "at", "least", "extra", "test", "case", "given", "expect", "unless",
  "below", "any", "list", "of", "enum", "true", "false",
  "规则集", "方案", "年度", "继承", "填报", "定义", "设", "分组", "指标", "分值", "评分", "分档", "分段", "扣", "每", "从", "直至",
  "零", "加权", "酌情", "按", "当", "否则", "且", "或", "非", "在", "至", "无穷", "其中", "等级", "保留", "总分", "指标解释", "评分标准",
  "佐证材料", "默认", "单位", "固定", "越高越好", "越低越好", "要求", "否决", "择一", "适用", "分担", "至少", "附加", "测试", "情形", "已知", "预期", "是", "否"];

function wordsPattern() {
  const sorted = RUBRIC_WORDS.slice().sort((a, b) => b.length - a.length);
  return new RegExp("(?:" + sorted.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|") + ")(?![\\w\\u4e00-\\u9fff])");
}

CodeMirror.defineSimpleMode("rubric", {
  start: [
    { regex: /#.*/, token: "comment" },
    { regex: /"(?:[^\\"]|\\.)*"?/, token: "string" },
    { regex: /\d{4}-\d{2}-\d{2}/, token: "number" },
    { regex: /-?\d+(?:\.\d+)?%?/, token: "number" },
    { regex: wordsPattern(), token: "keyword" },
    { regex: /[A-Za-z_\u00c0-\u024f\u4e00-\u9fff][\w\u00c0-\u024f\u4e00-\u9fff]*/, token: "variable" },
  ],
  meta: { lineComment: "#" },
});

let editor = null;
let testsEditor = null;
let marks = [];
let checking = 0;
let year = null;
let lastCheck = null;

function draftName() { return (year || "draft") + ".rubric"; }

async function check() {
  const ticket = ++checking;
  const text = editor.getValue();
  const answer = await Api.request("POST", "/api/v1/studio/check?name=" + encodeURIComponent(draftName()), text);
  if (ticket !== checking) return;  // a newer change is being checked
  for (const m of marks) m.clear();
  marks = [];
  const list = clear(document.getElementById("problems"));
  const status = document.getElementById("check-status");
  if (!answer.ok || !answer.data) {
    status.textContent = errorMessage(answer);
    status.className = "studio-status studio-status-error";
    lastCheck = null;
    return;
  }
  lastCheck = answer.data;
  const diagnostics = answer.data.diagnostics || [];
  const errors = Number(answer.data.errors), warnings = Number(answer.data.warnings);
  status.textContent = errors + warnings === 0 ? "检查通过：没有错误，也没有警告。" : "错误 " + errors + " 个，警告 " + warnings + " 个。";
  status.className = "studio-status " + (errors > 0 ? "studio-status-error" : warnings > 0 ? "studio-status-warning" : "studio-status-ok");
  for (const d of diagnostics) {
    const severity = String(d.severity);
    const item = el("li", { class: "studio-problem studio-problem-" + severity, "data-code": String(d.code) });
    let where = "";
    if (d.range) {
      const from = { line: Number(d.range.start.line), ch: Number(d.range.start.character) };
      let to = { line: Number(d.range.end.line), ch: Number(d.range.end.character) };
      if (from.line === to.line && from.ch === to.ch) to = { line: to.line, ch: to.ch + 1 };
      marks.push(editor.markText(from, to, { className: "cm-rubric-" + severity, title: String(d.message) }));
      where = "第 " + (from.line + 1) + " 行第 " + (from.ch + 1) + " 列：";
      item.addEventListener("click", () => { editor.focus(); editor.setCursor(from); });
    }
    item.append(el("span", { class: "studio-problem-where" }, where),
      el("span", { class: "studio-problem-message" }, (SEVERITY_NAMES[severity] || severity) + " " + String(d.message) + " [" + String(d.code) + "]"));
    if (d.help && String(d.help)) item.append(el("div", { class: "studio-problem-help" }, String(d.help)));
    if (d.fix) {
      const fix = d.fix;
      item.append(el("button", {
        type: "button", class: "studio-fix", onclick: (e) => {
          e.stopPropagation();
          editor.replaceRange(String(fix.text), { line: Number(fix.range.start.line), ch: Number(fix.range.start.character) },
            { line: Number(fix.range.end.line), ch: Number(fix.range.end.character) });
        },
      }, String(fix.title)));
    }
    list.append(item);
  }
}

// The place of [pos] in a request's query (both counted as the browser counts, in UTF-16 units).
function at(pos) { return "&line=" + pos.line + "&character=" + pos.ch; }
function studioPath(what, pos) { return "/api/v1/studio/" + what + "?name=" + encodeURIComponent(draftName()) + (pos ? at(pos) : ""); }

// Hover text is Markdown of a small kind: ```rubric blocks, `code`, paragraphs, "  \n" breaks.
function hoverContent(markdown) {
  const box = el("div");
  String(markdown).split(/```(?:rubric)?\n?/).forEach((part, i) => {
    if (i % 2 === 1) { box.append(el("pre", null, part.replace(/\n$/, ""))); return; }
    for (const paragraph of part.split(/\n\n+/)) {
      if (paragraph.trim() === "") continue;
      const p = el("p");
      paragraph.split(/ {2}\n|\n/).forEach((line, k) => {
        if (k > 0) p.append(el("br"));
        line.split("`").forEach((bit, j) => p.append(j % 2 === 1 ? el("code", null, bit) : document.createTextNode(bit)));
      });
      box.append(p);
    }
  });
  return box;
}

let hoverTimer = null;
let hoverBox = null;
function hideHover() { clearTimeout(hoverTimer); if (hoverBox) { hoverBox.remove(); hoverBox = null; } }

async function showHover(pos, x, y) {
  const text = editor.getValue();
  const answer = await Api.request("POST", studioPath("hover", pos), text);
  if (!answer.ok || !answer.data || !answer.data.hover || editor.getValue() !== text) return;
  hideHover();
  hoverBox = el("div", { class: "studio-hover", id: "studio-hover", role: "tooltip" }, hoverContent(answer.data.hover.markdown));
  hoverBox.style.left = Math.min(x + 8, window.innerWidth - 540) + "px";
  hoverBox.style.top = (y + 16) + "px";
  document.body.append(hoverBox);
}

async function goToDefinition(pos) {
  const answer = await Api.request("POST", studioPath("hover", pos), editor.getValue());
  const range = answer.ok && answer.data && answer.data.definition;
  if (!range) { showNotice("此处的名称没有在本规则中定义。", "info"); return; }
  const from = { line: Number(range.start.line), ch: Number(range.start.character) };
  const to = { line: Number(range.end.line), ch: Number(range.end.character) };
  editor.focus();
  editor.setSelection(from, to);
  editor.scrollIntoView({ from, to }, 80);
  const mark = editor.markText(from, to, { className: "cm-rubric-definition" });
  setTimeout(() => mark.clear(), 1500);
}

const KIND_NAMES = { fact: "数据项", let: "中间值", function: "函数", parameter: "参数", section: "分组", indicator: "指标",
  builtin: "内置函数", keyword: "关键字" };

// Completion for CodeMirror's show-hint: the server's items, those that begin with (or contain)
// what is typed first.
function completer(cm, callback) {
  const pos = cm.getCursor();
  Api.request("POST", studioPath("complete", pos), cm.getValue()).then((answer) => {
    if (!answer.ok || !answer.data) { callback(null); return; }
    const range = answer.data.range;
    const from = { line: Number(range.start.line), ch: Number(range.start.character) };
    const typed = cm.getRange(from, pos);
    const items = (answer.data.items || []).map((item) => ({ label: String(item.label), kind: String(item.kind), detail: String(item.detail || "") }))
      .filter((item) => typed === "" || item.label.includes(typed))
      .sort((a, b) => Number(!a.label.startsWith(typed)) - Number(!b.label.startsWith(typed)));
    callback({
      from, to: pos,
      list: items.map((item) => ({
        text: item.label,
        render(element) {
          element.append(document.createTextNode(item.label),
            el("span", { class: "CodeMirror-hint-kind" }, (KIND_NAMES[item.kind] || item.kind) + (item.detail ? "：" + item.detail : "")));
        },
      })),
    });
  });
}
completer.async = true;

function complete(cm) { cm.showHint({ hint: completer, completeSingle: false }); }

async function formatDraft() {
  showNotice("");
  const answer = await Api.request("POST", studioPath("format"), editor.getValue());
  if (!answer.ok || !answer.data) { showNotice(errorMessage(answer) + "（请先改正编辑框下方列出的错误）", "error"); return; }
  if (!answer.data.changed) { showNotice("格式已经整齐，无需改动。", "info"); return; }
  const cursor = editor.getCursor();
  editor.setValue(String(answer.data.text));
  editor.setCursor(cursor);
  showNotice("已整理格式。", "ok");
}

function testsKey() { return "rubric-studio-tests-" + year; }

// A place in the draft or in its tests, from a test run's {file, line, column}.
function jumpTo(where) {
  if (where.line === null || where.line === undefined) return null;
  const target = String(where.file) === draftName() ? editor : testsEditor;
  return () => { target.focus(); target.setCursor({ line: Number(where.line) - 1, ch: Number(where.column) - 1 }); };
}

async function runTests() {
  showNotice("");
  const body = JSON.stringify({ ruleset: editor.getValue(), tests: testsEditor.getValue() });
  const status = document.getElementById("test-status");
  const answer = await Api.request("POST", studioPath("test"), body);
  document.getElementById("test-result").hidden = false;
  const failures = clear(document.getElementById("test-failures"));
  const uncovered = clear(document.getElementById("uncovered"));
  const boundary = document.getElementById("boundary-text");
  if (!answer.ok || !answer.data) {
    status.textContent = errorMessage(answer);
    status.className = "studio-status studio-status-error";
    boundary.hidden = true;
    document.getElementById("boundary-add").hidden = true;
    document.getElementById("coverage-summary").textContent = "";
    document.getElementById("boundary-summary").textContent = "";
    return;
  }
  const data = answer.data;
  const passed = Number(data.passed), failed = Number(data.failed);
  const diagnostics = data.diagnostics || [];
  status.textContent = passed + failed === 0 ? "没有可运行的测试情形。" : "测试情形 " + (passed + failed) + " 个：通过 " + passed + " 个，未通过 " + failed + " 个。";
  status.className = "studio-status " + (failed > 0 || passed === 0 || diagnostics.some((d) => String(d.severity) === "error") ? "studio-status-error" : "studio-status-ok");
  for (const d of diagnostics) {
    const item = el("li", { class: "studio-problem studio-problem-" + String(d.severity) },
      el("span", { class: "studio-problem-message" }, (SEVERITY_NAMES[String(d.severity)] || "") + " " + String(d.message) + " [" + String(d.code) + "]"));
    const go = jumpTo(d);
    if (go) item.addEventListener("click", go);
    failures.append(item);
  }
  for (const c of data.cases || []) {
    if (c.passed) continue;
    const item = el("li", { class: "studio-problem studio-problem-error", "data-case": String(c.case) },
      el("span", { class: "studio-problem-message" }, "未通过：" + String(c.test) + (String(c.test) === String(c.case) ? "" : " / " + String(c.case))),
      ...(c.failures || []).map((f) => el("div", { class: "studio-problem-help" }, String(f))));
    const go = jumpTo(c);
    if (go) item.addEventListener("click", go);
    failures.append(item);
  }
  const coverage = data.coverage;
  document.getElementById("coverage-summary").textContent = "分支 " + coverage.branches + " 个，测试走到 " + coverage.covered + " 个（" + coverage.percent + "%）。" +
    ((coverage.uncovered || []).length > 0 ? "未走到的分支如下，单击可跳到规则中的位置：" : "");
  for (const b of coverage.uncovered || []) {
    const item = el("li", null, String(b.branch) + (b.line ? "（第 " + b.line + " 行）" : ""));
    const go = jumpTo(b);
    if (go) item.addEventListener("click", go);
    uncovered.append(item);
  }
  const boundaries = data.boundaries;
  const text = String(boundaries.text || "");
  document.getElementById("boundary-summary").textContent = text === ""
    ? String(boundaries.error || "没有可生成的边界测试。")
    : "以第一个测试的数据为基础，为每个分档界限生成界限下方、界限上、界限上方三个情形，共 " + boundaries.cases + " 个" +
      ((boundaries.skipped || []).length > 0 ? "；跳过 " + boundaries.skipped.length + " 个界限（原因见测试文本中的注释）" : "") + "。";
  boundary.hidden = text === "";
  boundary.textContent = text;
  const add = document.getElementById("boundary-add");
  add.hidden = text === "";
  add.onclick = () => {
    const current = testsEditor.getValue();
    testsEditor.setValue(current + (current === "" || current.endsWith("\n") ? "" : "\n") + "\n" + text);
    showNotice("已加入边界测试 " + boundaries.cases + " 个。", "ok");
  };
}

function showTotal(x) { return x === null || x === undefined ? "—" : showNumber(x); }

async function impact() {
  const section = document.getElementById("impact");
  showNotice("");
  const answer = await Api.request("POST", "/api/v1/studio/impact?name=" + encodeURIComponent(draftName()), editor.getValue());
  if (!answer.ok || !answer.data) {
    section.hidden = true;
    showNotice(errorMessage(answer) + "（" + "请先改正编辑框下方列出的错误" + "）", "error");
    return;
  }
  const data = answer.data;
  section.hidden = false;
  const rows = data.departments || [];
  const changed = rows.filter((r) => r.after && String(r.after.grade) !== String(r.before.grade));
  document.getElementById("impact-summary").textContent = data.year + " 年度已提交的部门 " + rows.length + " 个，按修改后的规则，等级变化的 " + changed.length + " 个。";
  const grades = clear(document.querySelector("#impact-grades tbody"));
  const names = new Set([...Object.keys(data.grades.before || {}), ...Object.keys(data.grades.after || {})]);
  for (const g of names) {
    grades.append(el("tr", null, el("td", null, g), el("td", { class: "num" }, String((data.grades.before || {})[g] || 0)),
      el("td", { class: "num" }, String((data.grades.after || {})[g] || 0))));
  }
  const body = clear(document.querySelector("#impact-departments tbody"));
  for (const r of rows) {
    const after = r.after || {};
    // The change as the server computed it, exactly (never a difference of binary floats here).
    const delta = r.change === null || r.change === undefined ? null : String(r.change);
    const gradeChanged = r.after && String(after.grade) !== String(r.before.grade);
    body.append(el("tr", { class: gradeChanged ? "impact-changed" : null, "data-code": String(r.department.code) },
      el("td", null, String(r.department.name)), el("td", { class: "num" }, String(r.version)),
      el("td", { class: "num" }, showTotal(r.before.total)), el("td", null, String(r.before.grade)),
      el("td", { class: "num" }, r.before.rank === undefined ? "—" : String(r.before.rank)),
      el("td", { class: "num" }, r.after ? showTotal(after.total) : "—"),
      el("td", { class: "impact-after-grade" }, r.after ? String(after.grade) : String(r.error || "")),
      el("td", { class: "num" }, r.after && after.rank !== undefined ? String(after.rank) : "—"),
      el("td", { class: "num" }, delta === null ? "—" : (delta.startsWith("-") || delta === "0" ? "" : "+") + showNumber(r.change))));
  }
  const changes = clear(document.getElementById("impact-changes"));
  const list = (data.diff && data.diff.changes) || [];
  if (list.length === 0) changes.append(el("li", null, "与现行规则相同。"));
  for (const c of list) changes.append(el("li", null, String(c.subject || "") + (c.where ? "（" + String(c.where) + "）" : "") + "：" + String(c.summary || c.kind || "")));
}

async function publish() {
  const out = clear(document.getElementById("publish-result"));
  const answer = await Api.request("POST", "/api/v1/rulesets?name=" + encodeURIComponent(draftName()), editor.getValue());
  if (answer.ok) {
    out.append(el("div", { class: "notice notice-ok", id: "published" }, "已发布：" + String(answer.data.name) + "（" + String(answer.data.year) + " 年度）。此后该年度的新评分按此规则计算。"));
  } else {
    const problems = (answer.data && answer.data.error && answer.data.error.diagnostics) || [];
    out.append(el("div", { class: "notice notice-error", id: "publish-refused" }, errorMessage(answer)),
      el("ul", null, problems.map((d) => el("li", null, String(d.message) + " [" + String(d.code) + "]"))));
  }
}

async function start() {
  let session;
  try { session = await requireSession(); } catch (e) { showFatal(e.message); return; }
  if (!session) return;
  const account = session.account || {};
  renderHeader(session, [{ href: "/bureau", text: "各部门汇总" }, { href: "/studio", text: "规则编辑", current: true }]);
  if (account.role !== "admin") { showFatal("只有财政局管理员可以编辑和发布评分规则。"); return; }
  let years;
  try { years = await loadYears(); } catch (e) { showFatal(e.message); return; }
  if (years.length === 0) { showFatal("系统尚未配置任何年度的评分规则。"); return; }
  year = param("year") || String(years[0].year);
  const served = years.find((y) => String(y.year) === year);
  if (!served) { showFatal(year + " 年度没有评分规则。"); return; }
  const select = document.getElementById("year-select");
  for (const y of years) select.append(el("option", { value: String(y.year) }, String(y.year) + " 年度"));
  select.value = year;
  select.addEventListener("change", () => { location.href = "/studio?year=" + encodeURIComponent(select.value); });
  document.getElementById("ruleset-name").textContent = "现行规则：" + String(served.ruleset.name);
  // The ruleset's text comes as plain text, not JSON: read it as it is.
  let response;
  try {
    response = await fetch("/api/v1/rulesets/" + encodeURIComponent(String(served.ruleset.sha256)), { credentials: "same-origin", cache: "no-store" });
  } catch (e) { showFatal(errorMessage({ status: 0 })); return; }
  if (!response.ok) { showFatal(errorMessage({ status: response.status })); return; }
  const source = await response.text();
  document.getElementById("loading").hidden = true;
  document.getElementById("page").hidden = false;
  editor = CodeMirror.fromTextArea(document.getElementById("source"), {
    mode: "rubric", lineNumbers: true, indentUnit: 2, viewportMargin: Infinity,
    extraKeys: { "Ctrl-Space": complete, "F12": (cm) => goToDefinition(cm.getCursor()) },
  });
  editor.setValue(source);
  // Completion opens by itself once two characters of a name are typed.
  editor.on("inputRead", (cm, change) => {
    if (cm.state.completionActive || change.origin === "paste") return;
    const pos = cm.getCursor();
    const before = cm.getLine(pos.line).slice(0, pos.ch);
    if (/[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]$/.test(before)) complete(cm);
  });
  const area = editor.getWrapperElement();
  area.addEventListener("mousemove", (e) => {
    hideHover();
    if (e.buttons !== 0) return;
    hoverTimer = setTimeout(() => {
      const pos = editor.coordsChar({ left: e.clientX, top: e.clientY }, "window");
      const word = editor.findWordAt(pos);
      if (word.anchor.ch === word.head.ch || !/[\w\u4e00-\u9fff]/.test(editor.getRange(word.anchor, word.head))) return;
      showHover(pos, e.clientX, e.clientY);
    }, 450);
  });
  area.addEventListener("mouseleave", hideHover);
  editor.on("keydown", hideHover);
  area.addEventListener("mousedown", (e) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    goToDefinition(editor.coordsChar({ left: e.clientX, top: e.clientY }, "window"));
  }, true);
  testsEditor = CodeMirror.fromTextArea(document.getElementById("tests-source"), { mode: "rubric", lineNumbers: true, indentUnit: 2 });
  testsEditor.setValue(localStorage.getItem(testsKey()) || "");
  testsEditor.on("change", () => localStorage.setItem(testsKey(), testsEditor.getValue()));
  let timer = null;
  editor.on("change", () => { clearTimeout(timer); timer = setTimeout(check, 300); });
  document.getElementById("impact-button").addEventListener("click", impact);
  document.getElementById("format-button").addEventListener("click", formatDraft);
  document.getElementById("test-button").addEventListener("click", runTests);
  document.getElementById("publish-button").addEventListener("click", publish);
  check();
}

start();
