// bureau.js: the year's overview for the bureau (/bureau?year=YEAR): every department's state,
// latest version, total, grade and rank, with a flag where its claimed scores differ from the
// computed ones.
"use strict";

async function start() {
  let session;
  try { session = await requireSession(); } catch (e) { showFatal(e.message); return; }
  if (!session) return;
  const account = session.account || {};
  let years;
  try { years = await loadYears(); } catch (e) { showFatal(e.message); return; }
  const year = param("year") || (years.length ? String(years[0].year) : null);
  const links = [{ href: "/bureau" + (year ? "?year=" + encodeURIComponent(year) : ""), text: "各部门汇总", current: true }];
  if (account.role === "admin") links.push({ href: "/studio" + (year ? "?year=" + encodeURIComponent(year) : ""), text: "规则编辑" });
  renderHeader(session, links);
  if (!isBureau(account.role)) {
    // A department officer has their own page; the overview is for the bureau.
    showFatal("无权查看各部门汇总，本页面仅供财政局使用。");
    const main = document.querySelector("main");
    let department = account.department;
    if (department && typeof department === "object") department = department.id;
    if (department !== null && department !== undefined) {
      main.append(el("p", null, el("a", { href: "/department?id=" + encodeURIComponent(String(department)) + (year ? "&year=" + encodeURIComponent(year) : "") }, "进入本部门填报页面")));
    }
    return;
  }
  if (!year) { showFatal("系统尚未配置任何年度的评分规则。"); return; }

  const select = document.getElementById("year-select");
  for (const y of years) select.append(el("option", { value: String(y.year) }, String(y.year) + " 年度"));
  select.value = year;
  select.addEventListener("change", () => { location.href = "/bureau?year=" + encodeURIComponent(select.value); });
  const served = years.find((y) => String(y.year) === year);
  document.getElementById("title").textContent = year + " 年度各部门整体支出绩效自评汇总";
  document.getElementById("ruleset-name").textContent = served && served.ruleset && served.ruleset.name ? "评分规则：" + served.ruleset.name : "";

  if (!await refresh(year)) return;
  const base = "/api/v1/years/" + encodeURIComponent(year);
  document.getElementById("report-xlsx").href = base + "/report.xlsx";
  document.getElementById("report-html").href = base + "/report.html";
  if (account.role === "admin") startAdmin(year);
}

// The overview of [year], fetched and shown again; false when it could not be.
async function refresh(year) {
  const answer = await Api.get("/api/v1/years/" + encodeURIComponent(year) + "/overview");
  document.getElementById("loading").hidden = true;
  document.getElementById("page").hidden = false;
  if (answer.status === 401) { location.href = "/"; return false; }
  if (!answer.ok) { showNotice(errorMessage(answer), "error"); return false; }
  const rows = Array.isArray(answer.data) ? answer.data
    : (answer.data && Array.isArray(answer.data.departments) ? answer.data.departments : []);
  render(rows, year);
  return true;
}

// The administrator's tools: departments imported from a CSV, and a ruleset published.
function startAdmin(year) {
  document.getElementById("admin").hidden = false;
  const problems = (answer) => {
    const e = answer.data && answer.data.error;
    const list = el("ul", { class: "problems" });
    for (const d of (e && e.diagnostics) || []) {
      const where = d.path ? d.path + "：" : (d.line ? "第 " + d.line + " 行：" : "");
      list.append(el("li", null, where + String(d.message)));
    }
    return [el("p", { class: "error" }, errorMessage(answer)), list];
  };
  const readFile = (input) => new Promise((resolve, reject) => {
    const file = input.files && input.files[0];
    if (!file) { reject(new Error("请先选择文件")); return; }
    const reader = new FileReader();
    reader.onload = () => resolve({ name: file.name, text: String(reader.result) });
    reader.onerror = () => reject(new Error("无法读取文件"));
    reader.readAsText(file, "utf-8");
  });
  document.getElementById("import-button").addEventListener("click", async () => {
    const out = clear(document.getElementById("import-result"));
    let file;
    try { file = await readFile(document.getElementById("import-file")); } catch (e) { out.append(el("p", { class: "error" }, e.message)); return; }
    const answer = await Api.request("POST", "/api/v1/departments/import", file.text);
    if (!answer.ok) { out.append(...problems(answer)); return; }
    const body = el("tbody");
    for (const d of answer.data) body.append(el("tr", null, el("td", null, String(d.code)), el("td", null, String(d.name)),
      el("td", null, String(d.login)), el("td", { class: "password" }, String(d.password))));
    out.append(el("p", { class: "ok" }, "已导入 " + answer.data.length + " 个部门。初始密码只显示这一次，请打印或抄录后转交各部门。"),
      el("table", { class: "grid", id: "imported" }, el("thead", null, el("tr", null, el("th", null, "部门代码"), el("th", null, "部门名称"),
        el("th", null, "账号"), el("th", null, "初始密码"))), body));
    await refresh(year);  // the new departments join the overview
  });
  document.getElementById("publish-button").addEventListener("click", async () => {
    const out = clear(document.getElementById("publish-result"));
    let file;
    try { file = await readFile(document.getElementById("ruleset-file")); } catch (e) { out.append(el("p", { class: "error" }, e.message)); return; }
    const answer = await Api.request("POST", "/api/v1/rulesets?name=" + encodeURIComponent(file.name), file.text);
    if (!answer.ok) { out.append(...problems(answer)); return; }
    const r = answer.data;
    out.append(el("p", { class: "ok" }, "已发布：" + String(r.name) + "（" + String(r.year) + " 年度，编号 " + String(r.sha256).slice(0, 12) + "）。"));
  });
}

function render(rows, year) {
  const body = clear(document.querySelector("#overview tbody"));
  const counts = { none: 0, draft: 0, submitted: 0 };
  const grades = new Map();
  let differing = 0;
  rows.forEach((d, k) => {
    const state = String(d.state || "none");
    counts[state] = (counts[state] || 0) + 1;
    if (d.grade) grades.set(String(d.grade), (grades.get(String(d.grade)) || 0) + 1);
    const differs = d.claims_differ !== null && d.claims_differ !== undefined && Number(d.claims_differ) > 0;
    if (differs) differing++;
    const href = "/department?id=" + encodeURIComponent(String(d.id)) + "&year=" + encodeURIComponent(year);
    body.append(el("tr", { "data-department": String(d.id), "data-state": state },
      el("td", { class: "col-index" }, String(k + 1)),
      el("td", { class: "department" }, el("a", { href }, String(d.name))),
      el("td", { class: "state-cell" }, el("span", { class: "state state-" + state }, STATE_NAMES[state] || state)),
      el("td", { class: "version" }, d.version === null || d.version === undefined ? "—" : "第 " + showNumber(d.version) + " 版"),
      el("td", { class: "num total" }, showNumber(d.total)),
      el("td", { class: "grade" }, d.grade ? String(d.grade) : "—"),
      el("td", { class: "num rank" }, showNumber(d.rank)),
      el("td", { class: "claims" }, differs ? el("span", { class: "flag" }, "自评分不一致 " + showNumber(d.claims_differ) + " 项") : (state === "submitted" ? "一致" : "—")),
      el("td", { class: "no-print" }, el("a", { href }, "查看"))));
  });
  if (!rows.length) body.append(el("tr", { class: "empty" }, el("td", { colspan: 9 }, "本年度暂无部门。")));
  const stats = clear(document.getElementById("stats"));
  const item = (label, value, cls) => el("div", { class: "stat " + (cls || "") }, el("span", { class: "stat-label" }, label), el("span", { class: "stat-value" }, String(value)));
  stats.append(item("部门总数", rows.length), item("已提交", counts.submitted || 0), item("草稿", counts.draft || 0),
    item("未开始", counts.none || 0));
  for (const g of ["优", "良", "中", "差"]) if (grades.has(g)) stats.append(item("等级“" + g + "”", grades.get(g)));
  for (const [g, n] of grades) if (!["优", "良", "中", "差"].includes(g)) stats.append(item("等级“" + g + "”", n));
  if (differing) stats.append(item("自评分不一致的部门", differing, "stat-flag"));
}

start().catch((e) => showFatal("页面加载出错：" + (e && e.message ? e.message : e)));
