// login.js: the login form. A bureau account goes to the overview, a department officer to their
// department's form for the latest year served.
"use strict";

// Where an account goes after logging in.
async function landingPage(account) {
  if (isBureau(account.role)) return "/bureau";
  let department = account.department;
  if (department && typeof department === "object") department = department.id;
  if (department === null || department === undefined || department === "") return "/bureau";
  let year = null;
  try {
    const years = await loadYears();
    if (years.length) year = String(years[0].year);
  } catch (e) { /* the department page chooses the year itself */ }
  return "/department?id=" + encodeURIComponent(String(department)) +
         (year ? "&year=" + encodeURIComponent(year) : "");
}

function loginMessage(text) {
  const box = document.getElementById("login-message");
  box.textContent = text || "";
  box.hidden = !text;
}

async function submitLogin(event) {
  event.preventDefault();
  const login = document.getElementById("login").value.trim();
  const password = document.getElementById("password").value;
  if (!login || !password) {
    loginMessage(!login ? "请输入账号" : "请输入密码");
    (!login ? document.getElementById("login") : document.getElementById("password")).focus();
    return;
  }
  const button = document.getElementById("login-button");
  button.disabled = true;
  button.textContent = "正在登录…";
  loginMessage("");
  const answer = await Api.request("POST", "/api/v1/session", { login, password });
  if (!answer.ok || !answer.data) {
    button.disabled = false;
    button.textContent = "登　录";
    loginMessage(errorMessage(answer));
    document.getElementById("password").select();
    return;
  }
  Api.csrf = answer.data.csrf ? String(answer.data.csrf) : null;
  location.href = await landingPage(answer.data.account || {});
}

document.getElementById("login-form").addEventListener("submit", submitLogin);

// Someone already logged in goes straight on.
(async () => {
  const answer = await Api.get("/api/v1/session");
  if (answer.ok && answer.data && answer.data.account) {
    Api.csrf = answer.data.csrf ? String(answer.data.csrf) : null;
    location.replace(await landingPage(answer.data.account));
  }
})();
