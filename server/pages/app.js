// app.js: what every page of `rubric serve` shares. Exact numbers (the Num class, a JSON reader
// that keeps each number's digits and a writer that emits them verbatim), the API client with
// the session's CSRF token, the page header with 退出, and small DOM and wording helpers.
// No framework and nothing loaded at run time: the pages are served from the program's memory.
"use strict";

// ---- Exact numbers ------------------------------------------------------------------------------
// Scores are exact decimals: 2.00 must stay "2.00" and 7788.95 must be sent as typed, so a number
// is never turned into a binary float on its way through the page. Num keeps the digits as text;
// valueOf() gives a float only for comparisons (rank, claims_differ > 0), never for arithmetic
// that is shown or sent.
class Num {
  constructor(raw) { this.raw = String(raw); }
  toString() { return this.raw; }
  valueOf() { return Number(this.raw); }
}

const NUMBER_SYNTAX = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

// parseExactJSON(text): JSON.parse, except that every number becomes a Num with its own digits.
function parseExactJSON(text) {
  let i = 0;
  const fail = (what) => { throw new SyntaxError("JSON: " + what + " at " + i); };
  const space = () => { while (i < text.length && " \t\r\n".includes(text[i])) i++; };
  function value() {
    space();
    const c = text[i];
    if (c === "{") {
      i++;
      const obj = {};
      space();
      if (text[i] === "}") { i++; return obj; }
      for (;;) {
        space();
        if (text[i] !== "\"") fail("key expected");
        const key = string();
        space();
        if (text[i] !== ":") fail("':' expected");
        i++;
        obj[key] = value();
        space();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "}") { i++; return obj; }
        fail("',' or '}' expected");
      }
    }
    if (c === "[") {
      i++;
      const arr = [];
      space();
      if (text[i] === "]") { i++; return arr; }
      for (;;) {
        arr.push(value());
        space();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "]") { i++; return arr; }
        fail("',' or ']' expected");
      }
    }
    if (c === "\"") return string();
    if (text.startsWith("true", i)) { i += 4; return true; }
    if (text.startsWith("false", i)) { i += 5; return false; }
    if (text.startsWith("null", i)) { i += 4; return null; }
    const m = /^-?[0-9][0-9]*(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m) fail("value expected");
    i += m[0].length;
    return new Num(m[0]);
  }
  function string() {
    // From the opening quote to the closing one; JSON.parse decodes the escapes.
    const start = i;
    i++;
    while (i < text.length && text[i] !== "\"") i += text[i] === "\\" ? 2 : 1;
    if (i >= text.length) fail("unterminated string");
    i++;
    return JSON.parse(text.slice(start, i));
  }
  const result = value();
  space();
  if (i !== text.length) fail("trailing text");
  return result;
}

// toExactJSON(value): JSON.stringify, except that a Num is written with its digits verbatim.
function toExactJSON(v) {
  if (v instanceof Num) return v.raw;
  if (v === null || v === undefined) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return "[" + v.map(toExactJSON).join(",") + "]";
  const parts = [];
  for (const k of Object.keys(v)) {
    if (v[k] === undefined) continue;
    parts.push(JSON.stringify(k) + ":" + toExactJSON(v[k]));
  }
  return "{" + parts.join(",") + "}";
}

// Text for a number from the server: its digits, or a dash for null.
function showNumber(x) {
  if (x === null || x === undefined) return "—";
  if (typeof x === "object" && !(x instanceof Num)) {
    // A signed range of points (加减分项).
    if ("min" in x && "max" in x) return showNumber(x.min) + "～" + showNumber(x.max);
    return "—";
  }
  return String(x);
}

// A score from the server with [digits] decimals, as the 自评表 prints it ("20" → "20.00"): the
// digits are only padded, never rounded (the server has rounded them already).
function showScore(x, digits) {
  const text = showNumber(x);
  if (text === "—" || digits === undefined || digits === null || !/^-?\d+(\.\d+)?$/.test(text)) return text;
  const dot = text.indexOf(".");
  const have = dot < 0 ? 0 : text.length - dot - 1;
  if (have >= digits) return text;
  return (dot < 0 ? text + (digits > 0 ? "." : "") : text) + "0".repeat(digits - have);
}

// A typed number: full-width digits and signs made ASCII, spaces trimmed; nothing else changed.
function normalizeTyped(text) {
  return String(text)
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xFF10 + 48))
    .replace(/[．。]/g, ".")
    .replace(/[－—–]/g, "-")
    .replace(/[％]/g, "%")
    .trim();
}

function isNumberText(text) { return NUMBER_SYNTAX.test(text); }

// ---- The API ------------------------------------------------------------------------------------
const Api = {
  csrf: null,
  retrying: false,
  // request(method, path, body): {status, ok, data}. data is the exact-parsed JSON answer (or
  // null); body, if given, is a value written by toExactJSON, or a ready JSON text.
  async request(method, path, body) {
    const headers = { "Accept": "application/json" };
    const init = { method, headers, credentials: "same-origin", cache: "no-store" };
    if (method !== "GET" && method !== "HEAD" && Api.csrf) headers["X-CSRF-Token"] = Api.csrf;
    if (body !== undefined) {
      headers["Content-Type"] = "application/json; charset=utf-8";
      init.body = typeof body === "string" ? body : toExactJSON(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      return { status: 0, ok: false, data: { error: { code: "network", message: "无法连接服务器，请检查网络后重试", diagnostics: [] } } };
    }
    const text = await response.text();
    let data = null;
    if (text.trim() !== "") {
      try { data = parseExactJSON(text); } catch (e) { data = null; }
    }
    // A new login (in another window, after the session ended) has a new CSRF token: take it
    // and try once more.
    if (response.status === 403 && data && data.error && String(data.error.code) === "csrf" && !Api.retrying) {
      const session = await Api.get("/api/v1/session");
      if (session.ok && session.data && session.data.csrf && String(session.data.csrf) !== Api.csrf) {
        Api.csrf = String(session.data.csrf);
        Api.retrying = true;
        try { return await Api.request(method, path, body); } finally { Api.retrying = false; }
      }
    }
    return { status: response.status, ok: response.ok, data };
  },
  get(path) { return Api.request("GET", path); },
};

// The message of an error answer, in the server's words when it gave some.
function errorMessage(answer) {
  const e = answer && answer.data && answer.data.error;
  if (e && e.message) return String(e.message);
  switch (answer ? answer.status : 0) {
    case 0: return "无法连接服务器，请检查网络后重试";
    case 400: return "请求格式有误";
    case 401: return "尚未登录或登录已过期，请重新登录";
    case 403: return "无权进行此操作";
    case 404: return "未找到相关内容";
    case 409: return "操作冲突，请刷新页面后重试";
    case 413: return "提交的内容过大";
    case 422: return "填报数据有误，未能通过校验";
    case 429: return "尝试次数过多，请稍后再试";
    default: return "服务器出错（" + answer.status + "），请稍后重试";
  }
}

// The session, or a trip to the login page.
async function requireSession() {
  const answer = await Api.get("/api/v1/session");
  if (answer.status === 401) {
    location.href = "/";
    return null;
  }
  if (!answer.ok || !answer.data) throw new Error(errorMessage(answer));
  Api.csrf = answer.data.csrf ? String(answer.data.csrf) : null;
  return answer.data;
}

async function logout() {
  await Api.request("DELETE", "/api/v1/session");
  location.href = "/";
}

// The years served, newest first.
async function loadYears() {
  const answer = await Api.get("/api/v1/years");
  if (!answer.ok || !Array.isArray(answer.data)) throw new Error(errorMessage(answer));
  return answer.data.slice().sort((a, b) => Number(b.year) - Number(a.year));
}

// ---- Wording ------------------------------------------------------------------------------------
const ROLE_NAMES = { admin: "财政局管理员", viewer: "财政局查阅人员", officer: "部门填报人员" };
const STATE_NAMES = { none: "未开始", draft: "草稿", submitted: "已提交" };
const SEVERITY_NAMES = { error: "错误", warning: "警告", note: "提示" };

function isBureau(role) { return role === "admin" || role === "viewer"; }

// A time from the server as 2024-03-01 10:05 in the browser's time zone; any other text as it
// is. The server writes UTC in ISO 8601 ("2024-03-01T02:05:09Z"); a time without a zone is
// read as UTC too.
function showTime(text) {
  if (text === null || text === undefined || text === "") return "—";
  const s = String(text);
  const utc = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s);
  const d = new Date(utc ? s.replace(" ", "T") + "Z" : s);
  if (!/^\d{4}-\d{2}-\d{2}/.test(s) || isNaN(d.getTime())) return s;
  const two = (n) => String(n).padStart(2, "0");
  return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + " " +
         two(d.getHours()) + ":" + two(d.getMinutes());
}

// ---- DOM ----------------------------------------------------------------------------------------
// el("td", {class: "score", "data-indicator": name}, "9.99"): an element with attributes,
// properties (keys starting with "on" are listeners) and children (strings become text).
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else if (k === "value") node.value = v;
    else if (k === "checked" || k === "disabled" || k === "selected") node[k] = !!v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

function param(name) { return new URLSearchParams(location.search).get(name); }

// The page header: the system's name, the account and 退出. links: [{href, text, current}].
function renderHeader(session, links) {
  const header = document.getElementById("site-header");
  if (!header) return;
  clear(header);
  const account = (session && session.account) || {};
  const nav = el("nav", { class: "site-nav" },
    (links || []).map((l) => el("a", { href: l.href, class: l.current ? "current" : null }, l.text)));
  const who = el("div", { class: "site-user" },
    el("span", { id: "account-name" }, account.name ? String(account.name) : String(account.login || "")),
    account.name !== ROLE_NAMES[account.role] ? el("span", { class: "role" }, ROLE_NAMES[account.role] || "") : null,
    el("a", { href: "/", id: "logout", onclick: (e) => { e.preventDefault(); logout(); } }, "退出"));
  header.append(
    el("div", { class: "site-title" },
      el("span", { class: "emblem", "aria-hidden": "true" }, "绩"),
      el("span", null, "部门整体支出绩效自评系统")),
    nav, who);
}

// A notice in the page's notice area (kind: "error", "ok", "info"); replaces the previous one.
function showNotice(text, kind, targetId) {
  const box = document.getElementById(targetId || "notice");
  if (!box) return;
  clear(box);
  if (!text) { box.hidden = true; return; }
  box.hidden = false;
  box.className = "notice notice-" + (kind || "info");
  box.append(String(text));
}

// A page that cannot go on: its reason in place of its content.
function showFatal(text) {
  const main = document.querySelector("main");
  if (!main) return;
  clear(main);
  main.append(el("div", { class: "notice notice-error", id: "fatal", role: "alert" }, String(text)),
    el("p", null, el("a", { href: "/" }, "返回首页")));
}
