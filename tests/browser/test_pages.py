"""rubric serve's pages in a real browser (headless Chromium driven by Selenium), against a real
`rubric serve` with the demo database: a department officer fills in the court's 2023 figures
by typing them as a person would, sees 95.99 and 优 and the claimed score that differs, submits
and downloads the 自评表; another department's officer is refused the court's data; the bureau
sees both departments in the overview; a bad value is reported beside its field.

Run: /usr/bin/python3 -m pytest tests/browser --rubric build/rubric
"""
import io
import json
import os
import re
import time
import zipfile

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import EXAMPLE

YEAR = "2023"
COURT = "广州互联网法院"
WATER = "广州市水务局"


def example():
    """The court's example facts with every number as the text of its digits (what is typed)."""
    with open(EXAMPLE, encoding="utf-8") as f:
        return json.load(f, parse_float=str, parse_int=str)


def wait(driver, condition, timeout=30, message=""):
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition, message)
    except TimeoutException:
        # Say what the page said: its notices and its list of problems.
        said = driver.execute_script(
            "return ['notice','fatal','messages','score-status','login-message']"
            ".map(id => document.getElementById(id)).filter(e => e && e.innerText.trim())"
            ".map(e => e.id + ': ' + e.innerText.trim()).join('\\n')")
        if os.environ.get("RUBRIC_SCREENSHOTS"):
            driver.save_screenshot(os.path.join(os.environ["RUBRIC_SCREENSHOTS"], "failure.png"))
        raise AssertionError(f"waited {timeout} s in vain: {message}\n{driver.current_url}\n{said}") from None


def css(driver, selector):
    return driver.find_element(By.CSS_SELECTOR, selector)


def text_of(driver, selector):
    return css(driver, selector).text.strip()


def shot(driver, screenshots, name):
    """A picture of the page as seen at 1280×900, and one of the whole page (NAME-full.png)."""
    if screenshots is None:
        return
    driver.save_screenshot(str(screenshots / f"{name}.png"))
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    picture = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    import base64
    (screenshots / f"{name}-full.png").write_bytes(base64.b64decode(picture["data"]))


def log_in(driver, server, account, landing):
    """Log in through the form; wait for the page the account lands on (a path prefix)."""
    driver.get(server.page("/"))
    wait(driver, EC.element_to_be_clickable((By.ID, "login")))
    css(driver, "#login").send_keys(account[0])
    css(driver, "#password").send_keys(account[1])
    css(driver, "#login-button").click()
    wait(driver, lambda d: d.current_url.startswith(server.page(landing)), message=f"no {landing} after login")


def department_page_ready(driver):
    wait(driver, EC.visibility_of_element_located((By.ID, "facts-form")))
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#facts-form [data-fact]"), message="no inputs")


def type_into(element, text):
    """Replace what an input holds by typing, as a person would: select all, delete, type."""
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(Keys.DELETE)
    if text != "":
        element.send_keys(text)


def fill_value(element, value):
    if element.tag_name == "select":
        Select(element).select_by_value("true" if value is True else "false" if value is False else value)
    else:
        text = value[:-1] if isinstance(value, str) and value.endswith("%") else value  # "%" is shown
        type_into(element, text)


def fact_input(driver, name):
    return css(driver, f'#facts-form [data-fact="{name}"]:not([data-index]):not([data-field])')


def fill_list(driver, name, values):
    for index, value in enumerate(values):
        css(driver, f'[data-add="{name}"]').click()
        if isinstance(value, dict):
            for field, v in value.items():
                fill_value(css(driver, f'[data-fact="{name}"][data-index="{index}"][data-field="{field}"]'), v)
        else:
            fill_value(css(driver, f'[data-fact="{name}"][data-index="{index}"]:not([data-field])'), value)


def message_beside(driver, input_element):
    """The text of the message element beside an input (its field's .field-message)."""
    field = input_element.find_element(By.XPATH, "./ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' field ')][1]")
    return field.find_element(By.CSS_SELECTOR, ".field-message").text.strip()


def cookie_header(driver):
    return "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())


@pytest.fixture
def court_submitted(server, client):
    """The court has submitted its 2023 example (through the API, unless a test already did)."""
    court = client()
    account = court.login(server.court_officer)
    department = account["department"]["id"]
    status, info = court.request("GET", f"/api/v1/departments/{department}/years/{YEAR}")
    assert status == 200, info
    if not info["versions"]:
        status, answer = court.request("POST", f"/api/v1/departments/{department}/years/{YEAR}/submissions",
                                       EXAMPLE.read_text(encoding="utf-8"))
        assert status == 201, answer
    return department


def test_login_refuses_a_wrong_password(server, browser_factory, screenshots):
    driver = browser_factory()
    driver.get(server.page("/"))
    wait(driver, EC.element_to_be_clickable((By.ID, "login")))
    shot(driver, screenshots, "login")
    css(driver, "#login").send_keys(server.water_officer[0])
    css(driver, "#password").send_keys("not-the-password")
    css(driver, "#login-button").click()
    wait(driver, EC.visibility_of_element_located((By.ID, "login-message")))
    assert text_of(driver, "#login-message"), "the error of a wrong password is shown beside the form"
    assert driver.current_url == server.page("/")
    shot(driver, screenshots, "login-refused")


def test_officer_fills_in_scores_submits_and_downloads(server, browser_factory, screenshots):
    driver = browser_factory()
    log_in(driver, server, server.court_officer, "/department")
    assert f"year={YEAR}" in driver.current_url
    department_page_ready(driver)
    assert COURT in text_of(driver, "#title")
    shot(driver, screenshots, "department-blank")

    data = example()
    for name, value in data["facts"].items():
        if isinstance(value, list):
            fill_list(driver, name, value)
        else:
            fill_value(fact_input(driver, name), value)

    # The facts are complete: the table of indicators appears, with an input for each claimed score.
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, '[data-claimed="部门预算资金支出率"]')),
         message="no indicator table once the facts were filled in")
    for indicator, score in data["claimed"]["indicators"].items():
        type_into(css(driver, f'[data-claimed="{indicator}"]'), score)
    type_into(css(driver, "#claimed-total"), data["claimed"]["total"])

    wait(driver, lambda d: text_of(d, "#total") == "95.99", message="total 95.99")
    assert text_of(driver, "#grade") == "优"
    row = css(driver, 'tr[data-node="部门预算资金支出率"]')
    wait(driver, lambda d: "differs" in row.get_attribute("class"), message="claimed 9.96 ≠ 9.99 flagged")
    assert text_of(driver, '.score[data-indicator="部门预算资金支出率"]') == "9.99"
    assert "自评分与计算得分不一致" in row.text
    assert css(driver, '[data-claimed="部门预算资金支出率"]').get_attribute("value") == "9.96"
    # A claim that agrees is not flagged.
    assert "differs" not in css(driver, 'tr[data-node="结转结余率"]').get_attribute("class")
    assert text_of(driver, '.score[data-indicator="结转结余率"]') == "2.00"  # as the 自评表 prints it, with the ruleset's 2 decimals
    assert not driver.find_elements(By.CSS_SELECTOR, "#messages li.severity-error")
    document = json.loads(driver.execute_script("return toExactJSON(buildDocument({}))"),
                          parse_float=str, parse_int=str)
    for name, value in data["facts"].items():  # (and the defaults the blank form started with)
        assert document["facts"][name] == value, f"{name}: the document holds exactly the figures typed"
    assert document["claimed"] == data["claimed"]
    driver.execute_script("window.scrollTo(0, 0)")
    shot(driver, screenshots, "department-filled")
    driver.execute_script("document.getElementById('indicators').scrollIntoView()")
    shot(driver, screenshots, "department-indicators")

    # 试算: at 优 already, so a total is asked for; each change in the table reaches it.
    css(driver, "#whatif-run").click()
    wait(driver, lambda d: "已是最高等级" in text_of(d, "#whatif-result"), message="whatif at the top grade")
    type_into(css(driver, "#whatif-target"), "97")
    css(driver, "#whatif-run").click()
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "#whatif-singles tbody tr")),
         message="no what-if changes for a total of 97")
    lead = text_of(driver, "#whatif-result")
    assert "当前总分 95.99" in lead and "总分达到 97.00" in lead, lead
    rows = driver.find_elements(By.CSS_SELECTOR, "#whatif-singles tbody tr")
    for tr in rows:
        cells = [td.text for td in tr.find_elements(By.CSS_SELECTOR, "td")]
        assert len(cells) == 5 and cells[1] != cells[2], cells
        assert float(cells[3]) >= 97, cells
        assert "未能核验" not in cells[2], cells
    assert text_of(driver, "#whatif-status") == "已按当前填报数据试算"
    driver.execute_script("document.getElementById('whatif-block').scrollIntoView()")
    shot(driver, screenshots, "department-whatif")

    css(driver, "#save").click()
    wait(driver, lambda d: "草稿已保存" in text_of(d, "#save-status"), message="draft saved")

    css(driver, "#submit").click()
    wait(driver, lambda d: re.search(r"已提交第 \d+ 版", text_of(d, "#notice")), message="submitted")
    version = re.search(r"已提交第 (\d+) 版", text_of(driver, "#notice")).group(1)
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, f'#versions tr[data-version="{version}"]')))
    line = css(driver, f'#versions tr[data-version="{version}"]')
    assert "95.99" in line.text and "优" in line.text
    assert text_of(driver, "#state") == "已提交"
    driver.execute_script("document.getElementById('versions').scrollIntoView()")
    shot(driver, screenshots, "department-submitted")

    # The 自评表 in Excel, downloaded by the browser.
    link = line.find_element(By.CSS_SELECTOR, "a.download-xlsx")
    assert link.text == "下载自评表（XLSX）"
    link.click()
    deadline = time.time() + 30
    files = []
    while time.time() < deadline:
        files = [p for p in driver.download_dir.iterdir() if p.suffix == ".xlsx"]
        if files:
            break
        time.sleep(0.2)
    assert files, f"no XLSX downloaded into {driver.download_dir}: {list(driver.download_dir.iterdir())}"
    with zipfile.ZipFile(files[0]) as book:
        text = "".join(book.read(n).decode("utf-8", "replace") for n in book.namelist() if n.startswith("xl/"))
    assert "95.99" in text, "the downloaded 自评表 holds the total"
    assert COURT in text

    # And in HTML.
    html = line.find_element(By.CSS_SELECTOR, "a.download-html").get_attribute("href")
    driver.get(html)
    assert "95.99" in driver.page_source
    shot(driver, screenshots, "report-html")


def test_another_departments_officer_is_refused(server, browser_factory, client, court_submitted, screenshots):
    court = court_submitted
    water = client()
    account = water.login(server.water_officer)
    assert account["department"]["name"] == WATER
    status, answer = water.request("GET", f"/api/v1/departments/{court}/years/{YEAR}")
    assert status == 403, answer
    assert answer["error"]["code"] == "forbidden"
    status, _ = water.request("GET", f"/api/v1/departments/{court}/years/{YEAR}/submissions/1/table.xlsx", raw=True)
    assert status == 403
    status, _ = water.request("PUT", f"/api/v1/departments/{court}/years/{YEAR}/draft", {"facts": {}})
    assert status == 403

    driver = browser_factory()
    log_in(driver, server, server.water_officer, "/department")
    department_page_ready(driver)
    assert WATER in text_of(driver, "#title")
    shot(driver, screenshots, "department-water")
    driver.get(server.page(f"/department?id={court}&year={YEAR}"))
    wait(driver, EC.visibility_of_element_located((By.ID, "fatal")))
    assert "无权" in text_of(driver, "#fatal")
    assert not driver.find_elements(By.CSS_SELECTOR, "#facts-form [data-fact]")
    shot(driver, screenshots, "department-forbidden")


def test_bureau_sees_every_department(server, browser_factory, court_submitted, screenshots):
    driver = browser_factory()
    log_in(driver, server, server.admin, "/bureau")
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "#overview tbody tr[data-department]")))
    rows = {r.find_element(By.CSS_SELECTOR, "td.department").text.strip(): r
            for r in driver.find_elements(By.CSS_SELECTOR, "#overview tbody tr[data-department]")}
    assert COURT in rows and WATER in rows, list(rows)
    court = rows[COURT]
    cell = lambda row, name: row.find_element(By.CSS_SELECTOR, f"td.{name}").text.strip()
    assert cell(court, "total") == "95.99"
    assert cell(court, "grade") == "优"
    assert cell(court, "rank") == "1"
    assert cell(court, "state-cell") == "已提交"
    assert re.fullmatch(r"自评分不一致 \d+ 项", cell(court, "claims")), cell(court, "claims")
    assert cell(rows[WATER], "state-cell") in ("未开始", "草稿")
    shot(driver, screenshots, "bureau")

    # The department links to its page, which the bureau sees.
    court.find_element(By.CSS_SELECTOR, "td.department a").click()
    wait(driver, lambda d: "/department?id=" in d.current_url)
    department_page_ready(driver)
    wait(driver, lambda d: text_of(d, "#total") == "95.99", message="the court's submitted facts are shown")
    shot(driver, screenshots, "department-bureau-view")

    # 退出 ends the session: the overview then sends back to the login page.
    css(driver, "#logout").click()
    wait(driver, lambda d: d.current_url == server.page("/"))
    driver.get(server.page("/bureau"))
    wait(driver, lambda d: d.current_url == server.page("/"), message="logged out")


def test_a_bad_value_is_shown_beside_its_field(server, browser_factory, court_submitted, screenshots):
    driver = browser_factory()
    log_in(driver, server, server.court_officer, "/department")
    department_page_ready(driver)
    wait(driver, lambda d: text_of(d, "#total") == "95.99", message="the page starts from the submitted facts")

    issues = fact_input(driver, "audit_issues")
    type_into(issues, "-1")
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, '#messages li[data-path="facts.audit_issues"]')),
         message="the server's diagnostic for audit_issues is listed")
    assert message_beside(driver, issues), "a message beside audit_issues"
    wait(driver, lambda d: text_of(d, "#total") == "—", message="no total while a value is refused")
    assert "暂不能计分" in text_of(driver, "#score-status")

    # Numbers are sent with the digits typed, never through a binary float.
    money = fact_input(driver, "general_appropriation")
    type_into(money, "12345678901234567890.120")
    document = driver.execute_script("return toExactJSON(buildDocument({}))")
    assert '"general_appropriation":12345678901234567890.120,' in document
    assert '"claimed":{"total":95.96,' in document
    type_into(money, "七千")
    wait(driver, EC.presence_of_element_located(
        (By.CSS_SELECTOR, '#messages li[data-path="facts.general_appropriation"]')))
    assert message_beside(driver, money)

    target = css(driver, '[data-fact="outputs"][data-index="1"][data-field="target"]')
    type_into(target, "0")
    wait(driver, EC.presence_of_element_located(
        (By.CSS_SELECTOR, '#messages li[data-path="facts.outputs[1].target"]')))
    assert message_beside(driver, target)
    driver.execute_script("window.scrollTo(0, 0)")
    shot(driver, screenshots, "department-errors")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", issues)
    shot(driver, screenshots, "department-error-beside-field")


def test_the_administrator_imports_departments_and_publishes_a_ruleset(server, browser_factory, screenshots, tmp_path):
    driver = browser_factory()
    log_in(driver, server, server.admin, "/bureau")
    wait(driver, EC.visibility_of_element_located((By.ID, "admin")))
    # The year's report is a link away.
    assert css(driver, "#report-xlsx").get_attribute("href").endswith("/api/v1/years/2023/report.xlsx")

    # A list with a bad row imports nothing and names the row; the corrected one imports both.
    bad = tmp_path / "部门名单-错.csv"
    bad.write_text("部门代码,部门名称\nedu,广州市教育局\n,没有代码\n", encoding="utf-8")
    css(driver, "#import-file").send_keys(str(bad))
    css(driver, "#import-button").click()
    wait(driver, lambda d: "第 3 行" in text_of(d, "#import-result"), message="the bad row is named")
    good = tmp_path / "部门名单.csv"
    good.write_text("\ufeff部门代码,部门名称\nedu,广州市教育局\nhealth,广州市卫生健康委员会\n", encoding="utf-8")
    css(driver, "#import-file").send_keys(str(good))
    css(driver, "#import-button").click()
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "#imported tbody tr")))
    rows = driver.find_elements(By.CSS_SELECTOR, "#imported tbody tr")
    assert [r.find_elements(By.TAG_NAME, "td")[2].text for r in rows] == ["edu", "health"]
    assert all(len(r.find_elements(By.TAG_NAME, "td")[3].text) == 16 for r in rows)
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#overview tbody tr[data-department]")) == 4,
         message="the new departments are in the overview")

    # A ruleset with a warning is refused with the checker's message; a clean one is published.
    ruleset = tmp_path / "2025.rubric"
    ruleset.write_text('ruleset "发布测试" scheme guangzhou year 2025\nfacts {\n  n: count "问题数"\n}\n'
                       'section S points 2 {\n  indicator I points 2 {\n    score deduct 0.5 per n until zero\n  }\n}\n',
                       encoding="utf-8")
    css(driver, "#ruleset-file").send_keys(str(ruleset))
    css(driver, "#publish-button").click()
    wait(driver, lambda d: "W0503" in text_of(d, "#publish-result") or "等级" in text_of(d, "#publish-result"),
         message="the warning is shown")
    ruleset.write_text(ruleset.read_text(encoding="utf-8") + "grade { 优 >= 1.5; 差 otherwise }\n", encoding="utf-8")
    css(driver, "#ruleset-file").send_keys(str(ruleset))
    css(driver, "#publish-button").click()
    wait(driver, lambda d: "已发布" in text_of(d, "#publish-result"), message="published")
    shot(driver, screenshots, "bureau-admin")


def editor_call(driver, script, *args):
    """Runs [script] with `cm`, the studio's CodeMirror editor."""
    return driver.execute_script("const cm = document.querySelector('.CodeMirror').CodeMirror;" + script, *args)


def test_the_studio_checks_as_the_author_types_shows_the_impact_and_publishes(server, browser_factory, court_submitted,
                                                                               screenshots):
    driver = browser_factory()
    log_in(driver, server, server.admin, "/bureau")
    wait(driver, lambda d: any(a.text == "规则编辑" for a in d.find_elements(By.CSS_SELECTOR, ".site-nav a")),
         message="the bureau's page links the studio")
    driver.get(server.page("/studio?year=2023"))
    wait(driver, lambda d: "检查通过" in text_of(d, "#check-status"), message="the served 2023 ruleset checks clean")

    # The author deletes one letter of a fact's name, as a person would, with the keyboard.
    text = editor_call(driver, "return cm.getValue();")
    at = text.index("per audit_issues") + len("per audit_iss")
    line = text.count("\n", 0, at)
    column = at - (text.rfind("\n", 0, at) + 1)
    editor_call(driver, "cm.focus(); cm.setCursor({line: arguments[0], ch: arguments[1]});", line, column)
    css(driver, ".CodeMirror textarea").send_keys(Keys.BACKSPACE)
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".cm-rubric-error"), message="the misspelled name is underlined")
    assert css(driver, ".cm-rubric-error").text == "audit_isues"
    problem = css(driver, ".studio-problem-error")
    assert problem.get_attribute("data-code") == "E0201"
    assert "audit_isues" in problem.text and f"第 {line + 1} 行" in problem.text, problem.text
    fix = css(driver, ".studio-fix")
    assert "audit_issues" in fix.text, fix.text
    shot(driver, screenshots, "studio-error")
    fix.click()
    wait(driver, lambda d: "检查通过" in text_of(d, "#check-status"), message="the fix clears the error")
    assert "per audit_issues" in editor_call(driver, "return cm.getValue();")

    # 优 from 96 instead of 90: the court's 95.99 becomes 良.
    editor_call(driver, "const t = cm.getValue(); const i = t.indexOf('优 >= 90');"
                        "cm.replaceRange('优 >= 96', cm.posFromIndex(i), cm.posFromIndex(i + 7));")
    wait(driver, lambda d: "检查通过" in text_of(d, "#check-status"), message="the stricter ruleset checks clean")
    css(driver, "#impact-button").click()
    wait(driver, EC.visibility_of_element_located((By.ID, "impact")), message="the impact is shown")
    row = css(driver, "#impact-departments tr[data-code='court']")
    assert "impact-changed" in row.get_attribute("class")
    cells = [td.text for td in row.find_elements(By.TAG_NAME, "td")]
    assert cells[2:5] == ["95.99", "优", "1"] and cells[5:8] == ["95.99", "良", "1"], cells
    assert "良" in text_of(driver, "#impact-grades") and any("等级" in li.text or "优" in li.text
                                                           for li in driver.find_elements(By.CSS_SELECTOR, "#impact-changes li"))
    shot(driver, screenshots, "studio-impact")

    css(driver, "#publish-button").click()
    wait(driver, EC.visibility_of_element_located((By.ID, "published")), message="the ruleset is published")
    assert "2023" in text_of(driver, "#published")


def in_tests_editor(driver, script, *args):
    """Runs [script] with `cm`, the studio's editor of tests (the page's second CodeMirror)."""
    return driver.execute_script("const cm = document.querySelectorAll('.CodeMirror')[1].CodeMirror;" + script, *args)


def test_the_studio_explains_completes_formats_and_runs_the_tests(server, browser_factory, court_submitted, screenshots):
    driver = browser_factory()
    log_in(driver, server, server.admin, "/bureau")
    driver.get(server.page("/studio?year=2023"))
    wait(driver, lambda d: "检查通过" in text_of(d, "#check-status"), message="the served 2023 ruleset checks clean")
    original = editor_call(driver, "return cm.getValue();")
    use = original.index("per audit_issues") + len("per ")
    declared_line = original.count("\n", 0, original.index("  audit_issues : count"))

    # The mouse rests on a fact's name: its label, type and default show beside it.
    editor_call(driver, "const p = cm.charCoords(cm.posFromIndex(arguments[0] + 3), 'window');"
                        "cm.getWrapperElement().dispatchEvent(new MouseEvent('mousemove', "
                        "{clientX: p.left + 1, clientY: (p.top + p.bottom) / 2, bubbles: true}));", use)
    wait(driver, EC.visibility_of_element_located((By.ID, "studio-hover")), message="the hover shows")
    hover = text_of(driver, "#studio-hover")
    assert "审计和财会监督明确指出问题" in hover and "audit_issues" in hover, hover

    # F12 on the name goes to its declaration among the facts.
    editor_call(driver, "cm.focus(); cm.setCursor(cm.posFromIndex(arguments[0] + 2));", use)
    css(driver, ".CodeMirror textarea").send_keys(Keys.F12)
    wait(driver, lambda d: editor_call(d, "return cm.getCursor().line;") == declared_line, message="F12 goes to the fact")
    assert editor_call(driver, "return cm.getSelection();") == "audit_issues"

    # The author deletes the name and types its first letters: the facts that fit are offered.
    editor_call(driver, "cm.replaceRange('', cm.posFromIndex(arguments[0]), cm.posFromIndex(arguments[0] + 12));"
                        "cm.focus(); cm.setCursor(cm.posFromIndex(arguments[0]));", use)
    css(driver, ".CodeMirror textarea").send_keys("audit_i")
    wait(driver, EC.visibility_of_element_located((By.CSS_SELECTOR, ".CodeMirror-hints")), message="completion opens")
    offered = [li.text for li in driver.find_elements(By.CSS_SELECTOR, ".CodeMirror-hint")]
    assert any(o.startswith("audit_issues") and "数据项" in o for o in offered), offered
    shot(driver, screenshots, "studio-completion")
    css(driver, ".CodeMirror textarea").send_keys(Keys.ENTER)
    wait(driver, lambda d: editor_call(d, "return cm.getValue();") == original, message="the chosen name is written")
    wait(driver, lambda d: "检查通过" in text_of(d, "#check-status"), message="and the ruleset checks clean again")

    # Untidy spaces, then 整理格式: the ruleset's own layout comes back.
    editor_call(driver, "cm.replaceRange('score   deduct', cm.posFromIndex(arguments[0]), cm.posFromIndex(arguments[0] + 12));",
                original.index("score deduct 0.5 per audit_issues"))
    assert editor_call(driver, "return cm.getValue();") != original
    css(driver, "#format-button").click()
    wait(driver, lambda d: "已整理格式" in text_of(d, "#notice"), message="the draft is formatted")
    formatted = editor_call(driver, "return cm.getValue();")
    assert formatted == original, [(a, b) for a, b in zip(formatted.splitlines(), original.splitlines()) if a != b][:3]

    # A test on the court's stored facts: it passes, the branches it leaves are listed, and the
    # boundary cases generated from its facts join the tests and pass too.
    in_tests_editor(driver, "cm.setValue(arguments[0]);",
                      'test "法院" {\n  given file "departments/court.json"\n  expect total = 95.99\n}\n')
    css(driver, "#test-button").click()
    # (The grade is not expected: another test may have published a stricter 2023.)
    wait(driver, lambda d: "通过 1 个，未通过 0 个" in text_of(d, "#test-status"), message="the test passes")
    assert "studio-status-ok" in css(driver, "#test-status").get_attribute("class")
    assert "测试走到" in text_of(driver, "#coverage-summary")
    assert driver.find_elements(By.CSS_SELECTOR, "#uncovered li"), "the uncovered branches are listed"
    wait(driver, EC.visibility_of_element_located((By.ID, "boundary-text")), message="boundary cases are generated")
    cases = int(re.search(r"共 (\d+) 个", text_of(driver, "#boundary-summary")).group(1))
    assert cases > 10
    css(driver, "#boundary-add").click()
    assert "departments/court.json" in in_tests_editor(driver, "return cm.getValue();")
    css(driver, "#test-button").click()
    wait(driver, lambda d: f"测试情形 {cases + 1} 个" in text_of(d, "#test-status"), message="the boundary cases run")
    assert "未通过 0 个" in text_of(driver, "#test-status"), text_of(driver, "#test-status")
    shot(driver, screenshots, "studio-tests")

    # An expectation the rules do not meet: the case fails and says what it got.
    in_tests_editor(driver, "cm.setValue(arguments[0]);",
                      'test "法院" {\n  given file "departments/court.json"\n  expect total = 90\n}\n')
    css(driver, "#test-button").click()
    wait(driver, lambda d: "未通过 1 个" in text_of(d, "#test-status"), message="the failing case is reported")
    assert "95.99" in text_of(driver, "#test-failures")
