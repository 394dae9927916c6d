// department.js: a department's form for one year (/department?id=ID&year=YEAR).
//
// The inputs are generated from the year's fact declarations (GET /api/v1/years/{year}/form).
// Every change is scored by the server (POST /api/v1/years/{year}/score, debounced); the answer's
// indicator tree fills the table of 分值, 得分 and 评分依据, and its diagnostics are shown beside
// the inputs their paths name (facts.NAME, facts.NAME[i], facts.NAME[i].FIELD) and in a list at
// the top. Numbers go to the server with the digits the officer typed (toExactJSON), never
// through a binary float.
"use strict";

const page = {
  session: null,
  role: "",
  year: null,            // the year, as text
  departmentId: null,    // as text
  departmentName: "",
  form: null,            // the form answer
  info: null,            // state, draft, versions
  readOnly: false,
  facts: [],             // one editor per declared fact (see makeFactEditor)
  claimedTotal: "",      // the claimed total as typed
  claimed: {},           // indicator name -> claimed score as typed
  passthrough: {},       // keys of the loaded document the form does not edit (evidence, …)
  tree: null,            // the indicator rows: {key, rows: Map name -> row}
  lastResult: null,
  lastSent: null,        // {rowOf: {fact: [ui index of doc index]}} of the document last scored
  scoreTimer: null,
  scoreSeq: 0,
  dirty: false,
};

// ---- Values: typed text to facts-document values -------------------------------------------------

const NUMERIC = new Set(["number", "money", "count"]);

// shiftDecimal("0.9949", 2) = "99.49": a decimal's point moved right by [places], exactly.
function shiftDecimal(raw, places) {
  const m = /^(-?)([0-9]*)(?:\.([0-9]*))?$/.exec(raw);
  if (!m) return raw;
  let digits = (m[2] || "0") + (m[3] || "");
  let point = (m[2] || "0").length + places;
  while (digits.length < point) digits += "0";
  let whole = digits.slice(0, point).replace(/^0+(?=[0-9])/, "");
  let frac = digits.slice(point).replace(/0+$/, "");
  return m[1] + whole + (frac ? "." + frac : "");
}

// compareDecimal(a, b): -1, 0 or 1 for two plain decimals (no exponent), exactly.
function compareDecimal(a, b) {
  const parse = (s) => {
    const m = /^(-?)([0-9]+)(?:\.([0-9]+))?$/.exec(s);
    if (!m) return null;
    return { neg: m[1] === "-", int: m[2].replace(/^0+(?=[0-9])/, ""), frac: (m[3] || "").replace(/0+$/, "") };
  };
  const x = parse(a), y = parse(b);
  if (!x || !y) { const d = Number(a) - Number(b); return d < 0 ? -1 : d > 0 ? 1 : 0; }
  const zero = (v) => v.int === "0" && v.frac === "";
  if (zero(x) && zero(y)) return 0;
  if (x.neg !== y.neg) return x.neg && !zero(x) ? -1 : (y.neg && !zero(y) ? 1 : (x.neg ? -1 : 1));
  let c;
  if (x.int.length !== y.int.length) c = x.int.length < y.int.length ? -1 : 1;
  else if (x.int !== y.int) c = x.int < y.int ? -1 : 1;
  else {
    const n = Math.max(x.frac.length, y.frac.length);
    const fx = x.frac.padEnd(n, "0"), fy = y.frac.padEnd(n, "0");
    c = fx === fy ? 0 : fx < fy ? -1 : 1;
  }
  return x.neg ? -c : c;
}

// A bound of a domain in the units the officer types: percents as their digits before "%".
function boundDigits(bound, type) {
  const s = String(bound);
  if (type === "percent") return s.endsWith("%") ? s.slice(0, -1) : shiftDecimal(s, 2);
  return s;
}

function showBound(bound, type) {
  return boundDigits(bound, type) + (type === "percent" ? "%" : "");
}

// The domain's words, e.g. "大于 0" or "0%～100%".
function domainText(d) {
  const dom = d.domain;
  const parts = [];
  if (d.type === "count") parts.push("整数");
  if (dom) {
    const hasMin = dom.min !== null && dom.min !== undefined && !/inf/.test(String(dom.min));
    const hasMax = dom.max !== null && dom.max !== undefined && !/inf/.test(String(dom.max));
    if (hasMin && hasMax && dom.min_closed && dom.max_closed) {
      parts.push(showBound(dom.min, d.type) + "～" + showBound(dom.max, d.type));
    } else {
      if (hasMin) parts.push((dom.min_closed ? "不小于 " : "大于 ") + showBound(dom.min, d.type));
      if (hasMax) parts.push((dom.max_closed ? "不大于 " : "小于 ") + showBound(dom.max, d.type));
    }
  } else if (d.type === "count" || d.type === "money" || d.type === "percent") {
    parts.push("不小于 0" + (d.type === "percent" ? "%" : ""));
  }
  return parts.join("，");
}

// The local check of a typed number: a message, or "" when it looks right.
function checkNumber(raw, d) {
  if (!isNumberText(raw)) return d.type === "percent" ? "请输入数字（百分比，不含 % 号），如 99.49" : "请输入数字";
  if (d.type === "count" && !/^-?[0-9]+$/.test(raw)) return "请输入整数";
  const dom = d.domain || ((d.type === "count" || d.type === "money" || d.type === "percent")
    ? { min: "0", min_closed: true, max: null, max_closed: false } : null);
  if (!dom || /[eE]/.test(raw)) return "";
  if (dom.min !== null && dom.min !== undefined && !/inf/.test(String(dom.min))) {
    const c = compareDecimal(raw, boundDigits(dom.min, d.type));
    if (c < 0 || (c === 0 && !dom.min_closed)) return "应" + (dom.min_closed ? "不小于 " : "大于 ") + showBound(dom.min, d.type);
  }
  if (dom.max !== null && dom.max !== undefined && !/inf/.test(String(dom.max))) {
    const c = compareDecimal(raw, boundDigits(dom.max, d.type));
    if (c > 0 || (c === 0 && !dom.max_closed)) return "应" + (dom.max_closed ? "不大于 " : "小于 ") + showBound(dom.max, d.type);
  }
  return "";
}

// A default in words: 是/否, 100%, 0, 无.
function showValue(v, type) {
  if (v === true) return "是";
  if (v === false) return "否";
  if (Array.isArray(v)) return v.length ? v.map((x) => showValue(x)).join("、") : "无";
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && !(v instanceof Num)) return "";
  const s = String(v);
  if (type === "percent" && !s.endsWith("%")) return shiftDecimal(s, 2) + "%";
  return s;
}

// ---- Scalar inputs -----------------------------------------------------------------------------

// makeScalar(d, ident): one input for a value of declaration [d]. ident holds the data-fact,
// data-index and data-field attributes that name it. Returns {node, input, message, get, set,
// check}: get() is the document value or undefined when empty; check() the local message.
function makeScalar(d, ident) {
  const attrs = Object.assign({}, ident);
  if (d.label) attrs["aria-label"] = d.label;
  attrs.disabled = page.readOnly;
  let input, get, set;
  const type = d.type;
  if (type === "bool") {
    input = el("select", attrs,
      el("option", { value: "" }, "请选择"), el("option", { value: "true" }, "是"), el("option", { value: "false" }, "否"));
    get = () => input.value === "" ? undefined : input.value === "true";
    set = (v) => { input.value = v === true ? "true" : v === false ? "false" : ""; };
  } else if (type === "enum") {
    input = el("select", attrs, el("option", { value: "" }, "请选择"),
      (d.members || []).map((m) => el("option", { value: String(m) }, String(m))));
    get = () => input.value === "" ? undefined : input.value;
    set = (v) => {
      const s = v === null || v === undefined ? "" : String(v);
      if (s && !Array.from(input.options).some((o) => o.value === s)) input.append(el("option", { value: s }, s));
      input.value = s;
    };
  } else if (type === "date") {
    input = el("input", Object.assign(attrs, { type: "date" }));
    get = () => input.value === "" ? undefined : input.value;
    set = (v) => { input.value = v === null || v === undefined ? "" : String(v); };
  } else if (type === "percent" || NUMERIC.has(type)) {
    input = el("input", Object.assign(attrs, { type: "text", inputmode: "decimal", autocomplete: "off", class: "num" }));
    get = () => {
      let raw = normalizeTyped(input.value);
      if (type === "percent") raw = raw.replace(/%+$/, "").trim();
      if (raw === "") return undefined;
      if (type === "percent") return raw + "%";
      return isNumberText(raw) ? new Num(raw) : raw;
    };
    set = (v) => {
      if (v === null || v === undefined) { input.value = ""; return; }
      let s = String(v);
      if (type === "percent") s = s.endsWith("%") ? s.slice(0, -1) : (v instanceof Num ? shiftDecimal(s, 2) : s);
      input.value = s;
    };
  } else {
    input = el("input", Object.assign(attrs, { type: "text", autocomplete: "off" }));
    get = () => input.value.trim() === "" ? undefined : input.value;
    set = (v) => { input.value = v === null || v === undefined ? "" : String(v); };
  }
  const check = () => {
    if (!(type === "percent" || NUMERIC.has(type))) return "";
    let raw = normalizeTyped(input.value);
    if (type === "percent") raw = raw.replace(/%+$/, "").trim();
    return raw === "" ? "" : checkNumber(raw, d);
  };
  const message = el("div", { class: "field-message" });
  const pieces = [input];
  if (d.unit || type === "percent") pieces.push(el("span", { class: "unit" }, type === "percent" ? "%" : String(d.unit)));
  const node = el("div", { class: "field field-" + type }, el("div", { class: "field-input" }, pieces), message);
  return { node, input, message, get, set, check };
}

// ---- Fact editors ------------------------------------------------------------------------------
// An editor is {d, path, row (tr), focus(), collect(rowOf) -> value or undefined, load(value),
// messages: Map path -> message element, locals() -> [[path, text]]}.

function factLabel(d) { return d.label ? String(d.label) : String(d.name); }

// The form writes "default": null for a fact without one.
function hasDefault(d) { return d.default !== undefined && d.default !== null; }

function isRequired(d) { return d.required === true || (d.required === undefined && !hasDefault(d)); }

function hintNode(d) {
  const parts = [];
  const dom = d.type === "list" ? "" : domainText(d);
  if (dom) parts.push(dom);
  if (hasDefault(d)) {
    const shown = showValue(d.default, d.type === "list" ? "" : d.type);
    parts.push("可不填，默认" + (shown ? "为 " + shown : "值"));
  } else if (!isRequired(d)) {
    parts.push("可不填");
  }
  return el("div", { class: "hint" }, parts.join("；"));
}

function makeScalarEditor(d) {
  const path = "facts." + d.name;
  const w = makeScalar(d, { "data-fact": d.name, id: "fact-" + d.name });
  const messages = new Map([[path, w.message]]);
  return {
    d, path, messages, control: el("div", null, w.node, hintNode(d)),
    focus: () => w.input.focus(),
    collect: () => w.get(),
    load: (v) => w.set(v),
    locals: () => { const m = w.check(); return m ? [[path, m]] : []; },
  };
}

// A record fact (not in a list): one labelled input per field.
function makeRecordEditor(d) {
  const path = "facts." + d.name;
  const fields = d.fields || (d.element && d.element.fields) || [];
  const widgets = fields.map((f) => makeScalar(f, { "data-fact": d.name, "data-field": f.name }));
  const messages = new Map([[path, el("div", { class: "field-message" })]]);
  fields.forEach((f, k) => messages.set(path + "." + f.name, widgets[k].message));
  const control = el("div", { class: "record" },
    fields.map((f, k) => el("div", { class: "record-field" },
      el("span", { class: "record-label" }, factLabel(f)), widgets[k].node, hintNode(f))),
    messages.get(path));
  return {
    d, path, messages, control,
    focus: () => widgets.length && widgets[0].input.focus(),
    collect: () => {
      const obj = {};
      let any = false;
      fields.forEach((f, k) => { const v = widgets[k].get(); if (v !== undefined) { obj[f.name] = v; any = true; } });
      return any ? obj : undefined;
    },
    load: (v) => fields.forEach((f, k) => widgets[k].set(v && typeof v === "object" ? v[f.name] : undefined)),
    locals: () => {
      const out = [];
      fields.forEach((f, k) => { const m = widgets[k].check(); if (m) out.push([path + "." + f.name, m]); });
      return out;
    },
  };
}

// A list: a small table with 添加 / 删除. Each element is one scalar, or one record (a column
// per field). Blank rows are left out of the document; rowOf maps the document's indices back.
function makeListEditor(d) {
  const path = "facts." + d.name;
  const element = d.element || { type: "text" };
  const fields = element.type === "record" ? (element.fields || []) : null;
  const rows = [];   // {tr, widgets: [{f, w}]}
  const body = el("tbody");
  const listMessage = el("div", { class: "field-message list-message" });
  const messages = new Map([[path, listMessage]]);
  const emptyRow = el("tr", { class: "list-empty" }, el("td", { colspan: (fields ? fields.length : 1) + 2 }, "（尚未填写）"));

  const head = el("tr", null, el("th", { class: "col-index" }, "序号"),
    fields ? fields.map((f) => el("th", { "data-field": f.name, class: "th-" + f.type },
      factLabel(f), f.unit ? "（" + f.unit + "）" : "", f.type === "percent" ? "（%）" : "",
      domainText(f) ? el("div", { class: "th-hint" }, domainText(f)) : null))
      : el("th", null, element.label ? String(element.label) : "数值",
        element.unit ? "（" + element.unit + "）" : "", domainText(element) ? el("div", { class: "th-hint" }, domainText(element)) : null),
    page.readOnly ? null : el("th", { class: "col-actions" }, "操作"));

  function reindex() {
    rows.forEach((r, i) => {
      r.tr.firstChild.textContent = String(i + 1);
      r.tr.setAttribute("data-index", String(i));
      for (const { w } of r.widgets) w.input.setAttribute("data-index", String(i));
    });
    rebuildMessages();
    emptyRow.hidden = rows.length > 0;
  }

  function rebuildMessages() {
    for (const key of Array.from(messages.keys())) if (key !== path) messages.delete(key);
    rows.forEach((r, i) => {
      for (const { f, w } of r.widgets) messages.set(path + "[" + i + "]" + (f ? "." + f.name : ""), w.message);
    });
  }

  function addRow(value) {
    const index = rows.length;
    const cells = [];
    const widgets = [];
    if (fields) {
      for (const f of fields) {
        const w = makeScalar(f, { "data-fact": d.name, "data-index": String(index), "data-field": f.name });
        widgets.push({ f, w });
        cells.push(el("td", { class: "cell-" + f.type }, w.node));
      }
    } else {
      const w = makeScalar(element, { "data-fact": d.name, "data-index": String(index) });
      widgets.push({ f: null, w });
      cells.push(el("td", { class: "cell-" + element.type }, w.node));
    }
    const row = { tr: null, widgets };
    const remove = page.readOnly ? null : el("td", { class: "col-actions" },
      el("button", { type: "button", class: "link-button", "data-remove": d.name, onclick: () => {
        const at = rows.indexOf(row);
        if (at >= 0) { rows.splice(at, 1); row.tr.remove(); reindex(); changed(); }
      } }, "删除"));
    row.tr = el("tr", { "data-index": String(index) }, el("td", { class: "col-index" }, String(index + 1)), cells, remove);
    if (value !== undefined) {
      for (const { f, w } of widgets) w.set(f ? (value && typeof value === "object" ? value[f.name] : undefined) : value);
    }
    rows.push(row);
    body.append(row.tr);
    reindex();
    return row;
  }

  const add = page.readOnly ? null : el("button", { type: "button", class: "add-button", "data-add": d.name, onclick: () => {
    const row = addRow();
    row.widgets[0].w.input.focus();
    changed();
  } }, fields ? "添加一行" : "添加");

  const control = el("div", { class: "list-editor " + (fields ? "list-records" : "list-scalars"), "data-list": d.name },
    el("table", { class: "grid list-table" }, el("thead", null, head), body),
    el("div", { class: "list-actions" }, add, hintNode(d)), listMessage);
  body.append(emptyRow);

  return {
    d, path, messages, control,
    focus: () => (rows.length ? rows[0].widgets[0].w.input.focus() : add && add.focus()),
    collect: (rowOf) => {
      const out = [];
      const map = [];
      rows.forEach((r, i) => {
        let v;
        if (fields) {
          const obj = {};
          let any = false;
          for (const { f, w } of r.widgets) { const x = w.get(); if (x !== undefined) { obj[f.name] = x; any = true; } }
          v = any ? obj : undefined;
        } else {
          v = r.widgets[0].w.get();
        }
        if (v !== undefined) { out.push(v); map.push(i); }
      });
      if (rowOf) rowOf[d.name] = map;
      return out.length ? out : undefined;
    },
    load: (v) => {
      while (rows.length) rows.pop().tr.remove();
      if (Array.isArray(v)) v.forEach((x) => addRow(x));
      reindex();
    },
    locals: () => {
      const out = [];
      rows.forEach((r, i) => {
        for (const { f, w } of r.widgets) {
          const m = w.check();
          if (m) out.push([path + "[" + i + "]" + (f ? "." + f.name : ""), m]);
        }
      });
      return out;
    },
  };
}

function makeFactEditor(d) {
  if (d.type === "list") return makeListEditor(d);
  if (d.type === "record") return makeRecordEditor(d);
  return makeScalarEditor(d);
}

function renderFacts() {
  const box = clear(document.getElementById("facts-form"));
  const body = el("tbody");
  page.facts = page.form.facts.map((d, k) => {
    const editor = makeFactEditor(d);
    const label = el("td", { class: "fact-label" },
      el("label", d.type === "list" || d.type === "record" ? null : { for: "fact-" + d.name },
        factLabel(d)),
      isRequired(d) ? el("span", { class: "required-mark", title: "必填" }, "*") : null,
      d.unit && d.type !== "list" ? el("span", { class: "fact-unit" }, "（" + d.unit + "）") : null);
    // A list or a record takes the whole width under its label: its table has several columns.
    const wide = d.type === "list" || d.type === "record";
    editor.row = wide
      ? el("tr", { class: "fact-row fact-" + d.type, "data-fact-row": d.name },
          el("td", { class: "col-index" }, String(k + 1)),
          el("td", { class: "fact-control fact-wide", colspan: 2 },
            el("div", { class: "fact-label wide-label" }, Array.from(label.childNodes)), editor.control))
      : el("tr", { class: "fact-row fact-" + d.type, "data-fact-row": d.name },
          el("td", { class: "col-index" }, String(k + 1)), label,
          el("td", { class: "fact-control" }, editor.control));
    body.append(editor.row);
    return editor;
  });
  box.append(el("table", { class: "grid facts-table" },
    el("colgroup", null, el("col", { class: "col-index" }), el("col", { class: "col-label" }), el("col", { class: "col-control" })),
    el("thead", null, el("tr", null, el("th", null, "序号"), el("th", null, "数据项"), el("th", null, "填报内容"))),
    body));
}

// ---- The document ------------------------------------------------------------------------------

function typedNumber(text) {
  const raw = normalizeTyped(text);
  if (raw === "") return undefined;
  return isNumberText(raw) ? new Num(raw) : raw;
}

// The facts document of what is on the page; rowOf receives each list's row map.
function buildDocument(rowOf) {
  const facts = {};
  for (const e of page.facts) {
    const v = e.collect(rowOf);
    if (v !== undefined) facts[e.d.name] = v;
  }
  const doc = Object.assign({}, page.passthrough);
  doc.department = page.departmentName;
  doc.year = new Num(page.year);
  doc.facts = facts;
  const claimed = {};
  const total = typedNumber(page.claimedTotal);
  if (total !== undefined) claimed.total = total;
  const indicators = {};
  for (const [name, text] of Object.entries(page.claimed)) {
    const v = typedNumber(text);
    if (v !== undefined) indicators[name] = v;
  }
  if (Object.keys(indicators).length) claimed.indicators = indicators;
  if (Object.keys(claimed).length) doc.claimed = claimed;
  else delete doc.claimed;
  return doc;
}

// Fill the page from a facts document (a draft, a submission or the form's blank).
function loadDocument(doc) {
  const facts = (doc && doc.facts && typeof doc.facts === "object") ? doc.facts : {};
  for (const e of page.facts) e.load(Object.prototype.hasOwnProperty.call(facts, e.d.name) ? facts[e.d.name] : undefined);
  page.passthrough = {};
  for (const [k, v] of Object.entries(doc || {})) {
    if (!["department", "year", "facts", "claimed"].includes(k)) page.passthrough[k] = v;
  }
  const claimed = (doc && doc.claimed) || {};
  page.claimedTotal = claimed.total === undefined || claimed.total === null ? "" : String(claimed.total);
  document.getElementById("claimed-total").value = page.claimedTotal;
  page.claimed = {};
  for (const [name, v] of Object.entries(claimed.indicators || {})) page.claimed[name] = v === null ? "" : String(v);
  if (page.tree) for (const [name, row] of page.tree.rows) if (row.claimed) row.claimed.value = page.claimed[name] || "";
}

// A draft holds a whole facts document; an older one may hold only the facts.
function draftDocument(draft) {
  const f = draft && draft.facts;
  if (!f || typeof f !== "object") return null;
  if (f.facts && typeof f.facts === "object" && !Array.isArray(f.facts)) return f;
  return { facts: f };
}

// ---- 试算: what the facts would need (POST /api/v1/years/{year}/whatif) --------------------------

function setWhatifStatus(text, kind) {
  const s = document.getElementById("whatif-status");
  s.textContent = text;
  s.className = "score-status " + (kind || "");
}

// A value of a what-if answer as the officer reads it: 是/否, "96.5%", "120.5 万元".
function whatifValue(v, path) {
  if (v === true) return "是";
  if (v === false) return "否";
  if (v === null || v === undefined) return "—";
  const s = String(v);
  const scalar = !String(path).includes("[");
  const editor = scalar ? editorOf(String(path)) : null;
  const unit = editor && editor.d.unit && !s.endsWith("%") ? " " + String(editor.d.unit) : "";
  return s + unit;
}

function whatifChange(c) {
  return String(c.label) + "：" + whatifValue(c.from, c.fact) + " → " + whatifValue(c.to, c.fact);
}

function showWhatif(doc) {
  const box = clear(document.getElementById("whatif-result"));
  const a = doc && doc.answer;
  if (!a) {
    box.append(el("p", { class: "notice notice-error" }, "填报数据不完整或有误，暂不能试算。请先按上方列出的问题修改。"));
    return;
  }
  const digits = page.form.digits;
  const now = "当前总分 " + showScore(a.total, digits) + "，等级“" + a.grade + "”";
  if (a.top_grade) {
    box.append(el("p", { class: "whatif-lead" }, now + "，已是最高等级。可在“目标”中填写一个总分（如 98）再试算。"));
    return;
  }
  const aim = a.target.grade ? "达到“" + a.target.grade + "”（总分 " + showScore(a.target.total, digits) + " 以上）"
                             : "总分达到 " + showScore(a.target.total, digits);
  if (a.reached) {
    box.append(el("p", { class: "whatif-lead" }, now + "，已经" + aim + "。"));
    return;
  }
  box.append(el("p", { class: "whatif-lead" }, now + "。要" + aim + "："));
  if (a.singles.length) {
    box.append(el("p", {}, "单独改动下列任何一项即可（其他数据不变；改到表中的值刚好达到，差一点都不够）："));
    box.append(el("table", { class: "grid whatif-table", id: "whatif-singles" },
      el("thead", {}, el("tr", {}, el("th", {}, "数据项"), el("th", {}, "现在"), el("th", {}, "改为"),
        el("th", {}, "改后总分"), el("th", {}, "改后等级"))),
      el("tbody", {}, a.singles.map((x) => el("tr", {},
        el("td", {}, String(x.label)), el("td", { class: "num" }, whatifValue(x.from, x.fact)),
        el("td", { class: "num" }, whatifValue(x.to, x.fact), x.verified ? "" : "（未能核验）"),
        el("td", { class: "num" }, showScore(x.total, digits)), el("td", {}, String(x.grade)))))));
  } else if (a.combinations.length) {
    box.append(el("p", {}, "单独改动任何一项都不够。同时改动下列几项即可（占可改动余地最少的在前）："));
    box.append(el("ol", { id: "whatif-combinations" }, a.combinations.map((c) => el("li", {},
      c.changes.map(whatifChange).join("；") + "；改后总分 " + showScore(c.total, digits) + "，等级“" + c.grade + "”"))));
  } else {
    box.append(el("p", {}, "在试算范围内，单独改动一项或同时改动至多四项数据都不能达到。"));
  }
  if (a.not_tried > 0) box.append(el("p", { class: "block-intro" }, "另有 " + a.not_tried + " 项数据因计算量限制未试算。"));
  if (a.fixed.length) {
    box.append(el("details", { class: "whatif-fixed" },
      el("summary", {}, "本年度不能改变、试算中保持不变的数据（" + a.fixed.length + " 项）"),
      el("ul", {}, a.fixed.map((f) => el("li", {}, String(f))))));
  }
}

async function runWhatif() {
  const target = document.getElementById("whatif-target").value.trim();
  setWhatifStatus("正在试算……", "busy");
  const path = "/api/v1/years/" + encodeURIComponent(page.year) + "/whatif" +
    (target ? "?target=" + encodeURIComponent(target) : "");
  const answer = await Api.request("POST", path, buildDocument({}));
  if (answer.ok && answer.data) {
    showWhatif(answer.data);
    setWhatifStatus("已按当前填报数据试算", "done");
  } else if (answer.status === 401) {
    sessionEnded();
  } else {
    setWhatifStatus(errorMessage(answer), "failed");
  }
}

// ---- Scoring -----------------------------------------------------------------------------------

function changed() {
  page.dirty = true;
  setSaveStatus("有未保存的修改", "pending");
  showLocalMessages();
  scheduleScore();
  if (document.getElementById("whatif-result").firstChild) setWhatifStatus("填报数据已修改，请重新试算", "");
}

function scheduleScore() {
  clearTimeout(page.scoreTimer);
  page.scoreTimer = setTimeout(scoreNow, 250);
}

async function scoreNow() {
  clearTimeout(page.scoreTimer);
  const seq = ++page.scoreSeq;
  const rowOf = {};
  const doc = buildDocument(rowOf);
  setScoreStatus("正在计算……", "busy");
  const answer = await Api.request("POST", "/api/v1/years/" + encodeURIComponent(page.year) + "/score", doc);
  if (seq !== page.scoreSeq) return;   // a newer change is being scored
  page.lastSent = { rowOf };
  if (answer.ok && answer.data && Array.isArray(answer.data.results)) {
    showResult(answer.data.results[0] || null);
  } else if (answer.status === 401) {
    sessionEnded();
  } else {
    const e = answer.data && answer.data.error;
    showResult(null, errorMessage(answer), (e && e.diagnostics) || []);
  }
}

function setScoreStatus(text, kind) {
  const s = document.getElementById("score-status");
  s.textContent = text;
  s.className = "score-status " + (kind || "");
}

function setSaveStatus(text, kind) {
  const s = document.getElementById("save-status");
  s.textContent = text || "";
  s.className = "save-status " + (kind || "");
}

// Show one result of a score document (or, with [failure], a request that was refused).
function showResult(result, failure, failureDiagnostics) {
  page.lastResult = result;
  const totalEl = document.getElementById("total");
  const gradeEl = document.getElementById("grade");
  const unscored = document.getElementById("unscored");
  const scored = !!(result && result.scored && result.total !== null && result.total !== undefined);
  totalEl.textContent = scored ? showScore(result.total, page.form.digits) : "—";
  gradeEl.textContent = scored && result.grade ? String(result.grade) : "—";
  document.getElementById("summary").classList.toggle("not-scored", !scored);
  if (scored) {
    setScoreStatus("已按当前填报数据计算", "done");
    unscored.hidden = true;
  } else {
    const why = failure || "填报数据不完整或有误，暂不能计算总分和等级。请按上方列出的问题修改。";
    setScoreStatus("暂不能计分", "failed");
    unscored.hidden = false;
    unscored.textContent = why;
  }
  if (result && Array.isArray(result.sections) && result.sections.length) renderTree(result.sections);
  updateTree(result && Array.isArray(result.sections) ? result.sections : [], scored);
  showClaimDifferences(result);
  showDiagnostics(result ? (result.diagnostics || []) : (failureDiagnostics || []));
}

function showClaimDifferences(result) {
  const status = document.getElementById("claims-status");
  const diffs = (result && result.claim_differences) || [];
  const totalInput = document.getElementById("claimed-total");
  const totalDiff = diffs.find((x) => x.is_total);
  totalInput.classList.toggle("differs", !!totalDiff);
  const totalFlag = document.getElementById("claimed-total-flag");
  totalFlag.textContent = totalDiff ? "与计算总分不一致" : "";
  totalFlag.hidden = !totalDiff;
  const n = diffs.filter((x) => !x.is_total).length;
  status.textContent = n ? "自评分与计算得分不一致 " + n + " 项" : "";
  status.className = "claims-status" + (n ? " flag" : "");
}

// ---- The indicator table -------------------------------------------------------------------------

function treeKey(nodes) {
  const walk = (ns) => ns.map((n) => n.kind + ":" + n.name + "(" + walk(n.children || []) + ")").join(",");
  return walk(nodes);
}

// Build the rows of the tree once per shape; later results only update the cells, so that an
// officer typing a claimed score keeps the focus.
function renderTree(sections) {
  const key = treeKey(sections);
  if (page.tree && page.tree.key === key) return;
  const box = clear(document.getElementById("indicator-box"));
  const rows = new Map();
  const body = el("tbody");
  const walk = (nodes, depth) => {
    for (const n of nodes) {
      const name = String(n.name);
      const isIndicator = n.kind === "indicator";
      const level = Math.min(depth, 2);
      const nameCells = [0, 1, 2].map((c) => el("td", { class: "name-col level-" + c },
        c === level ? el("span", { style: depth > 2 ? "padding-left:" + (depth - 2) + "em" : null }, name) : ""));
      const claimed = isIndicator && !page.readOnly
        ? el("input", { type: "text", inputmode: "decimal", autocomplete: "off", class: "claimed-input",
            "data-claimed": name, "aria-label": "自评分：" + name, value: page.claimed[name] || "",
            oninput: (e) => { page.claimed[name] = e.target.value; changed(); } })
        : null;
      const claimedText = isIndicator && page.readOnly ? el("span", { class: "claimed-text" }, page.claimed[name] || "") : null;
      const flag = el("div", { class: "flag", hidden: true }, "自评分与计算得分不一致");
      const message = el("div", { class: "field-message" });
      const score = el("td", { class: isIndicator ? "score" : "section-score", "data-indicator": isIndicator ? name : null,
        "data-section": isIndicator ? null : name });
      const basis = el("td", { class: "basis" });
      const tr = el("tr", { class: isIndicator ? "indicator-row" : "section-row depth-" + level, "data-node": name },
        nameCells, el("td", { class: "points" }, showNumber(n.points)),
        el("td", { class: "claimed-cell" }, claimed, claimedText, flag, message), score, basis);
      rows.set(name, { tr, score, basis, claimed, claimedText, flag, message, kind: n.kind });
      body.append(tr);
      walk(n.children || [], depth + 1);
    }
  };
  walk(sections, 0);
  box.append(el("table", { class: "grid indicator-table", id: "indicators" },
    el("colgroup", null, el("col", { class: "c-l1" }), el("col", { class: "c-l2" }), el("col", { class: "c-l3" }),
      el("col", { class: "c-points" }), el("col", { class: "c-claimed" }), el("col", { class: "c-score" }), el("col", { class: "c-basis" })),
    el("thead", null, el("tr", null, el("th", null, "一级指标"), el("th", null, "二级指标"), el("th", null, "三级指标"),
      el("th", null, "分值"), el("th", null, "自评分"), el("th", null, "得分"), el("th", null, "评分依据"))),
    body,
    el("tfoot", null, el("tr", { class: "total-row" }, el("td", { colspan: 3 }, "总分"),
      el("td", { class: "points", id: "total-points" }, rulesetPoints()),
      el("td", { class: "points", id: "claimed-total-cell" }), el("td", { class: "score", id: "table-total" }), el("td", { id: "table-grade" })))));
  page.tree = { key, rows };
}

function rulesetPoints() {
  const r = page.form.ruleset || {};
  const points = r.points !== undefined && r.points !== null ? r.points : r.total;
  return points === undefined || points === null ? "" : showNumber(points);
}

function updateTree(sections, scored) {
  if (!page.tree) return;
  const seen = new Set();
  const walk = (nodes) => {
    for (const n of nodes) {
      const row = page.tree.rows.get(String(n.name));
      if (!row) continue;
      seen.add(String(n.name));
      let text = showScore(n.score, page.form.digits);
      if (n.applies === false) text = "不适用";
      row.score.textContent = text;
      clear(row.basis);
      if (n.error) row.basis.append(el("div", { class: "node-error" }, String(n.error)));
      if (n.basis) row.basis.append(String(n.basis));
      if (n.vetoed) row.basis.append(el("div", { class: "node-error" }, "一票否决：" + String(n.vetoed)));
      const differs = !!n.claim_differs;
      row.tr.classList.toggle("differs", differs);
      row.flag.hidden = !differs;
      if (row.claimed) row.claimed.classList.toggle("differs", differs);
      if (row.claimedText) row.claimedText.textContent = page.claimed[String(n.name)] || "";
      walk(n.children || []);
    }
  };
  walk(sections);
  for (const [name, row] of page.tree.rows) {
    if (seen.has(name)) continue;
    row.score.textContent = "—";
    clear(row.basis);
    row.tr.classList.remove("differs");
    row.flag.hidden = true;
  }
  const r = page.lastResult;
  document.getElementById("table-total").textContent = scored ? showScore(r.total, page.form.digits) : "—";
  document.getElementById("table-grade").textContent = scored && r.grade ? "评价等级：" + r.grade : "";
  const claimedCell = document.getElementById("claimed-total-cell");
  clear(claimedCell).append(page.claimedTotal);
  const totalDiff = ((r && r.claim_differences) || []).some((x) => x.is_total);
  claimedCell.classList.toggle("differs", totalDiff);
  if (totalDiff) claimedCell.append(el("div", { class: "flag" }, "自评总分与计算总分不一致"));
}

// ---- Messages ----------------------------------------------------------------------------------

// parsePath("facts.outputs[2].target") = {fact: "outputs", index: 2, field: "target"}.
function parsePath(path) {
  const m = /^facts\.([^.\[]+)(?:\[(\d+)\])?(?:\.([^.\[]+))?/.exec(String(path || ""));
  if (!m) return null;
  return { fact: m[1], index: m[2] === undefined ? null : Number(m[2]), field: m[3] || null };
}

// The page's path for a document path: list indices mapped back to the table's rows.
function uiPath(path) {
  const p = parsePath(path);
  if (!p) return null;
  let index = p.index;
  if (index !== null && page.lastSent && page.lastSent.rowOf[p.fact]) {
    const mapped = page.lastSent.rowOf[p.fact][index];
    if (mapped !== undefined) index = mapped;
  }
  return { fact: p.fact, index, field: p.field,
    key: "facts." + p.fact + (index !== null ? "[" + index + "]" : "") + (p.field ? "." + p.field : "") };
}

function editorOf(fact) { return page.facts.find((e) => e.d.name === fact) || null; }

// Where a path is, in words: 数据项（第 2 行 年初目标值）.
function placeOf(path) {
  const s = String(path || "");
  if (s === "claimed.total") return "自评总分";
  const c = /^claimed\.indicators(?:\.|\[")(.+?)(?:"\])?$/.exec(s);
  if (c) return "自评分：" + c[1];
  const u = uiPath(s);
  if (!u) return "";
  const e = editorOf(u.fact);
  if (!e) return "";
  let text = factLabel(e.d);
  const fields = e.d.fields || (e.d.element && e.d.element.fields) || [];
  const field = u.field ? fields.find((f) => f.name === u.field) : null;
  if (u.index !== null) text += "（第 " + (u.index + 1) + " 行" + (field ? "，" + factLabel(field) : "") + "）";
  else if (field) text += "（" + factLabel(field) + "）";
  return text;
}

// The declaration of a path's field (a record field), or null.
function fieldOf(u) {
  const e = u ? editorOf(u.fact) : null;
  if (!e || !u.field) return null;
  const fields = e.d.fields || (e.d.element && e.d.element.fields) || [];
  return fields.find((f) => f.name === u.field) || null;
}

// A missing field of a list's row is reported at the row ("缺少字段“name”"): its cell is the
// better place, so the path is made to name the field.
function refinePath(d) {
  const path = String(d.path || "");
  if (d.code !== "E0602" || !/\]$/.test(path)) return path;
  const m = /“([^”]+)”/.exec(String(d.message || ""));
  const u = uiPath(path);
  if (!m || !u) return path;
  const e = editorOf(u.fact);
  const fields = e ? (e.d.fields || (e.d.element && e.d.element.fields) || []) : [];
  return fields.some((f) => f.name === m[1]) ? path + "." + m[1] : path;
}

function isMissing(d) { return d.code === "E0602" && parsePath(d.path) !== null; }

// An interval as the ruleset writes it, "(0, inf)", in words: "大于 0".
function intervalWords(text) {
  return text.replace(/([\[(])\s*(-?inf|[-0-9.]+%?)\s*,\s*(inf|[-0-9.]+%?)\s*([\])])/g, (all, lo, a, b, hi) => {
    const parts = [];
    if (!/inf/.test(a)) parts.push((lo === "[" ? "不小于 " : "大于 ") + a);
    if (!/inf/.test(b)) parts.push((hi === "]" ? "不大于 " : "小于 ") + b);
    return parts.length ? "（应" + parts.join("且") + "）" : all;
  });
}

// A diagnostic's message as the page shows it: the server's words, with the form's own for a
// value not yet filled in (the server's names the fact's identifier and type, which the form
// already shows as its label and input).
function diagnosticText(d) {
  if (isMissing(d)) return "必填项，尚未填写";
  return intervalWords(String(d.message || ""));
}

// The element beside which a path's message goes, with the prefix it needs there.
function messageSlot(path) {
  const s = String(path || "");
  if (s === "claimed.total") return { node: document.getElementById("claimed-total-message"), prefix: "" };
  const c = /^claimed\.indicators(?:\.|\[")(.+?)(?:"\])?$/.exec(s);
  if (c && page.tree && page.tree.rows.get(c[1])) return { node: page.tree.rows.get(c[1]).message, prefix: "" };
  const u = uiPath(s);
  if (!u) return null;
  const e = editorOf(u.fact);
  if (!e) return null;
  if (e.messages.has(u.key)) return { node: e.messages.get(u.key), prefix: "" };
  // A row as a whole (a field missing, say): the list's message, which says which row.
  const base = e.messages.get(e.path);
  if (!base) return null;
  const fields = e.d.fields || (e.d.element && e.d.element.fields) || [];
  const field = u.field ? fields.find((f) => f.name === u.field) : null;
  const prefix = u.index !== null ? "第 " + (u.index + 1) + " 行" + (field ? "（" + factLabel(field) + "）" : "") + "：" : "";
  return { node: base, prefix };
}

// Field messages: the local checks of what was typed, and the server's diagnostics.
let serverDiagnostics = [];

function showLocalMessages() { renderFieldMessages(); }

function renderFieldMessages() {
  for (const e of page.facts) for (const m of e.messages.values()) { clear(m); m.classList.remove("has-message"); }
  if (page.tree) for (const row of page.tree.rows.values()) { clear(row.message); row.message.classList.remove("has-message"); }
  const totalMsg = document.getElementById("claimed-total-message");
  clear(totalMsg);
  totalMsg.classList.remove("has-message");
  const byNode = new Map();
  const put = (slot, text, kind) => {
    if (!slot || !slot.node) return;
    if (!byNode.has(slot.node)) byNode.set(slot.node, []);
    const list = byNode.get(slot.node);
    const full = slot.prefix + text;
    if (!list.some((x) => x.text === full)) list.push({ text: full, kind });
  };
  for (const d of serverDiagnostics) {
    if (!d.path) continue;
    put(messageSlot(refinePath(d)), diagnosticText(d), isMissing(d) ? "missing" : (d.severity || "error"));
  }
  for (const e of page.facts) {
    for (const [path, text] of e.locals()) {
      const slot = messageSlot(path);
      if (slot && !byNode.has(slot.node)) put(slot, text, "local");
    }
  }
  for (const [name, text] of Object.entries(page.claimed)) {
    const raw = normalizeTyped(text);
    if (raw && !isNumberText(raw) && page.tree && page.tree.rows.get(name)) put({ node: page.tree.rows.get(name).message, prefix: "" }, "请输入数字", "local");
  }
  const rawTotal = normalizeTyped(page.claimedTotal);
  if (rawTotal && !isNumberText(rawTotal)) put({ node: totalMsg, prefix: "" }, "请输入数字", "local");
  for (const [node, list] of byNode) {
    for (const { text, kind } of list) node.append(el("div", { class: "msg msg-" + kind }, text));
    node.classList.toggle("has-message", list.length > 0);
  }
  // The fields that carry a message are framed in red.
  document.querySelectorAll("#facts-form .invalid").forEach((x) => x.classList.remove("invalid"));
  for (const [node, list] of byNode) {
    const field = node.closest(".field");
    if (field && list.some((x) => x.kind !== "missing")) field.classList.add("invalid");
  }
}

function showDiagnostics(diagnostics) {
  serverDiagnostics = diagnostics || [];
  renderFieldMessages();
  const box = document.getElementById("messages-box");
  const list = clear(document.getElementById("messages"));
  const shown = serverDiagnostics.filter((d) => d.message);
  box.hidden = shown.length === 0;
  document.getElementById("messages-count").textContent = shown.length ? "（" + shown.length + " 项）" : "";
  // Facts not filled in yet are one item that names them all; every other problem is an item.
  const missing = shown.filter((d) => isMissing(d) && !/\]$/.test(String(d.path)));
  if (missing.length) {
    const item = el("li", { class: "msg-item severity-missing", id: "missing-facts" },
      el("span", { class: "severity" }, "未填"), "以下 " + missing.length + " 项必填数据尚未填写：");
    missing.forEach((d, k) => item.append(k ? "、" : "",
      el("a", { href: "#", class: "place", "data-path": String(d.path), onclick: (ev) => { ev.preventDefault(); focusPath(d.path); } },
        placeOf(d.path) || String(d.path))));
    list.append(item);
  }
  for (const d of shown) {
    if (missing.includes(d)) continue;
    const path = refinePath(d);
    const place = placeOf(path);
    // The help and notes of a value typed into the form speak of the JSON file (quotes, the
    // fact's label): the place already says which input it is.
    const typed = place && ["E0602", "E0603"].includes(d.code);
    const item = el("li", { class: "msg-item severity-" + (d.severity || "error"), "data-path": d.path || null },
      el("span", { class: "severity" }, SEVERITY_NAMES[d.severity] || "错误"),
      place ? el("a", { href: "#", class: "place", onclick: (ev) => { ev.preventDefault(); focusPath(path); } }, place) : null,
      place ? "：" : "",
      el("span", { class: "text" }, isMissing(d) ? "尚未填写" : diagnosticText(d)),
      d.help && !typed ? el("div", { class: "help" }, "处理办法：" + String(d.help)) : null,
      place ? null : (d.notes || []).map((n) => el("div", { class: "note" }, String(n.message || ""))));
    list.append(item);
  }
}

function focusPath(path) {
  const s = String(path || "");
  if (s === "claimed.total") { document.getElementById("claimed-total").focus(); return; }
  const u = uiPath(s);
  if (!u) return;
  const e = editorOf(u.fact);
  if (!e) return;
  let selector = '[data-fact="' + CSS.escape(u.fact) + '"]';
  if (u.index !== null) selector += '[data-index="' + u.index + '"]';
  if (u.field) selector += '[data-field="' + CSS.escape(u.field) + '"]';
  const target = e.row.querySelector(selector + ":is(input,select)") || null;
  e.row.scrollIntoView({ block: "center" });
  if (target) target.focus(); else e.focus();
}

// ---- Saving and submitting -----------------------------------------------------------------------

// The session ended while the page was open (it lasts 8 hours): what was typed is still on the
// page, so the page stays, and says how to go on without losing it.
function sessionEnded() {
  setScoreStatus("登录已过期", "failed");
  document.getElementById("summary").classList.add("not-scored");
  const box = document.getElementById("notice");
  clear(box);
  box.hidden = false;
  box.className = "notice notice-error";
  box.append("登录已过期，本页填写的内容尚未保存。请在新窗口中",
    el("a", { href: "/", target: "_blank", rel: "noopener" }, "重新登录"), "后，回到本页点击“保存草稿”。");
  box.scrollIntoView({ block: "center" });
}

// Leaving the page with changes not saved asks first.
window.addEventListener("beforeunload", (event) => {
  if (!page.dirty || page.readOnly) return;
  event.preventDefault();
  event.returnValue = "";
});

function departmentPath() {
  return "/api/v1/departments/" + encodeURIComponent(page.departmentId) + "/years/" + encodeURIComponent(page.year);
}

async function saveDraft() {
  const button = document.getElementById("save");
  button.disabled = true;
  setSaveStatus("正在保存……", "pending");
  const answer = await Api.request("PUT", departmentPath() + "/draft", buildDocument({}));
  button.disabled = false;
  if (answer.ok) {
    page.dirty = false;
    const now = new Date();
    const two = (n) => String(n).padStart(2, "0");
    setSaveStatus("草稿已保存（" + two(now.getHours()) + ":" + two(now.getMinutes()) + "）", "saved");
    const savedAt = answer.data && answer.data.saved_at ? showTime(answer.data.saved_at) : "";
    document.getElementById("source").textContent = "当前显示：草稿" + (savedAt ? "（保存于 " + savedAt + "）" : "");
    showNotice("草稿已保存。", "ok");
    await reloadInfo();
  } else {
    setSaveStatus("保存未成功", "failed");
    showNotice("保存草稿未成功：" + errorMessage(answer), "error");
    if (answer.status === 401) sessionEnded();
  }
}

async function submitForm() {
  const button = document.getElementById("submit");
  button.disabled = true;
  showNotice("正在提交……", "info");
  const rowOf = {};
  const answer = await Api.request("POST", departmentPath() + "/submissions", buildDocument(rowOf));
  button.disabled = false;
  if (answer.status === 201 || (answer.ok && answer.data && answer.data.version !== undefined)) {
    const v = answer.data || {};
    page.dirty = false;
    setSaveStatus("", "");
    document.getElementById("source").textContent = "当前显示：已提交的第 " + showNumber(v.version) + " 版" +
      (v.submitted_at ? "（提交于 " + showTime(v.submitted_at) + "）" : "");
    showNotice("已提交第 " + showNumber(v.version) + " 版" +
      (v.total !== undefined && v.total !== null ? "（总分 " + showNumber(v.total) + (v.grade ? "，等级 " + v.grade : "") + "）" : "") + "。", "ok");
    await reloadInfo();
    return;
  }
  if (answer.status === 401) { sessionEnded(); return; }
  const e = answer.data && answer.data.error;
  showNotice("提交未成功：" + errorMessage(answer), "error");
  if (e && Array.isArray(e.diagnostics) && e.diagnostics.length) {
    page.lastSent = { rowOf };
    showDiagnostics(e.diagnostics);
    document.getElementById("messages-box").scrollIntoView({ block: "start" });
  }
}

// ---- State and versions --------------------------------------------------------------------------

async function reloadInfo() {
  const answer = await Api.get(departmentPath());
  if (answer.ok && answer.data) {
    page.info = answer.data;
    showInfo();
  }
}

function showInfo() {
  const info = page.info || {};
  const state = document.getElementById("state");
  const name = STATE_NAMES[info.state] || "未开始";
  state.textContent = name;
  state.className = "state state-" + (info.state || "none");
  const body = clear(document.querySelector("#versions tbody"));
  const versions = (info.versions || []).slice().sort((a, b) => Number(b.version) - Number(a.version));
  if (!versions.length) {
    body.append(el("tr", { class: "empty" }, el("td", { colspan: 6 }, "尚未提交。")));
    return;
  }
  for (const v of versions) {
    const base = departmentPath() + "/submissions/" + encodeURIComponent(String(v.version));
    body.append(el("tr", { "data-version": String(v.version) },
      el("td", { class: "version" }, "第 " + showNumber(v.version) + " 版"),
      el("td", null, showTime(v.submitted_at)),
      el("td", null, v.submitted_by === null || v.submitted_by === undefined ? "—" : String(v.submitted_by)),
      el("td", { class: "num total" }, showScore(v.total, page.form.digits)),
      el("td", { class: "grade" }, v.grade ? String(v.grade) : "—"),
      el("td", { class: "downloads" },
        el("a", { href: base + "/table.xlsx", class: "download-xlsx", download: "" }, "下载自评表（XLSX）"),
        el("a", { href: base + "/table.html", class: "download-html", target: "_blank", rel: "noopener" }, "下载自评表（HTML）"))));
  }
}

// ---- Start ---------------------------------------------------------------------------------------

async function start() {
  let session;
  try { session = await requireSession(); } catch (e) { showFatal(e.message); return; }
  if (!session) return;
  page.session = session;
  const account = session.account || {};
  page.role = account.role;
  let ownDepartment = account.department;
  if (ownDepartment && typeof ownDepartment === "object") ownDepartment = ownDepartment.id;
  page.departmentId = param("id") || (ownDepartment !== null && ownDepartment !== undefined ? String(ownDepartment) : null);
  const links = isBureau(page.role)
    ? [{ href: "/bureau" + (param("year") ? "?year=" + encodeURIComponent(param("year")) : ""), text: "各部门汇总" }, { href: location.pathname + location.search, text: "部门填报", current: true }]
    : [{ href: location.pathname + location.search, text: "本部门填报", current: true }];
  renderHeader(session, links);

  let years;
  try { years = await loadYears(); } catch (e) { showFatal(e.message); return; }
  page.year = param("year") || (years.length ? String(years[0].year) : null);
  if (!page.departmentId) { showFatal("未指定部门。"); return; }
  if (!page.year) { showFatal("系统尚未配置任何年度的评分规则。"); return; }

  const [form, info, departments] = await Promise.all([
    Api.get("/api/v1/years/" + encodeURIComponent(page.year) + "/form"),
    Api.get(departmentPath()),
    Api.get("/api/v1/departments"),
  ]);
  if (info.status === 401 || form.status === 401) { location.href = "/"; return; }
  if (!info.ok) { showFatal(errorMessage(info)); return; }
  if (!form.ok || !form.data) { showFatal(errorMessage(form)); return; }
  page.form = form.data;
  page.info = info.data || {};
  page.readOnly = page.role === "viewer";
  if (page.info.department && page.info.department.name) page.departmentName = String(page.info.department.name);
  if (!page.departmentName && departments.ok && Array.isArray(departments.data)) {
    const d = departments.data.find((x) => String(x.id) === String(page.departmentId));
    if (d) page.departmentName = String(d.name);
  }

  document.getElementById("title").textContent = (page.departmentName || "部门") + " " + page.year + " 年度部门整体支出绩效自评";
  document.title = (page.departmentName || "部门") + page.year + "年度自评填报 - 部门整体支出绩效自评系统";
  document.getElementById("ruleset-name").textContent = page.form.ruleset && page.form.ruleset.name ? "评分规则：" + page.form.ruleset.name : "";
  const yearSelect = document.getElementById("year-select");
  for (const y of years) yearSelect.append(el("option", { value: String(y.year) }, String(y.year) + " 年度"));
  yearSelect.value = page.year;
  yearSelect.addEventListener("change", () => {
    location.href = "/department?id=" + encodeURIComponent(page.departmentId) + "&year=" + encodeURIComponent(yearSelect.value);
  });

  renderFacts();
  // Start from the draft (for the department's officer, when it is newer than the latest
  // submission), else the latest submission, else the form's blank document. The bureau sees
  // what was submitted first.
  const draft = page.info.draft;
  const versions = page.info.versions || [];
  const latest = versions.length ? versions.reduce((a, b) => (Number(b.version) > Number(a.version) ? b : a)) : null;
  const draftFirst = draft && (!latest || (!isBureau(page.role) && String(draft.saved_at || "") > String(latest.submitted_at || "")));
  let doc = null;
  let source = "";
  if (draftFirst) {
    doc = draftDocument(draft);
    if (doc) source = "当前显示：草稿（保存于 " + showTime(draft.saved_at) + "）";
  }
  if (!doc && latest) {
    const v = await Api.get(departmentPath() + "/submissions/" + encodeURIComponent(String(latest.version)));
    if (v.ok && v.data && v.data.facts) {
      doc = draftDocument({ facts: v.data.facts });
      source = "当前显示：已提交的第 " + showNumber(latest.version) + " 版（提交于 " + showTime(latest.submitted_at) + "）";
    }
  }
  if (!doc && draft) {
    doc = draftDocument(draft);
    if (doc) source = "当前显示：草稿（保存于 " + showTime(draft.saved_at) + "）";
  }
  if (!doc) {
    doc = page.form.blank || { facts: {} };
    source = "当前显示：空白表，请逐项填写";
  }
  loadDocument(doc);
  if (!page.departmentName && doc.department) page.departmentName = String(doc.department);
  document.getElementById("source").textContent = source;

  const factsForm = document.getElementById("facts-form");
  factsForm.addEventListener("input", changed);
  factsForm.addEventListener("change", changed);
  document.getElementById("claimed-total").addEventListener("input", (e) => { page.claimedTotal = e.target.value; changed(); });
  document.getElementById("save").addEventListener("click", saveDraft);
  document.getElementById("submit").addEventListener("click", submitForm);
  document.getElementById("whatif-run").addEventListener("click", runWhatif);
  if (page.readOnly) {
    document.getElementById("claimed-total").disabled = true;
    document.getElementById("save").hidden = true;
    document.getElementById("submit").hidden = true;
    setSaveStatus("查阅模式：只能查看，不能修改", "");
  }

  showInfo();
  document.getElementById("loading").hidden = true;
  document.getElementById("page").hidden = false;
  showLocalMessages();
  await scoreNow();
}

start().catch((e) => showFatal("页面加载出错：" + (e && e.message ? e.message : e)));
