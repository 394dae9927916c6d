"""Fixtures of the browser tests: a demo database, `rubric serve` on a free port, accounts,
headless Chromium and plain HTTP clients with a session cookie.

Run: /usr/bin/python3 -m pytest tests/browser --rubric build/rubric
(or set RUBRIC=build/rubric). RUBRIC_SCREENSHOTS=DIR keeps a picture of each page.
"""
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

sys.dont_write_bytecode = True

REPO = Path(__file__).resolve().parents[2]
RULESETS = REPO / "rulesets" / "guangzhou"
EXAMPLE = RULESETS / "examples" / "guangzhou-internet-court-2023.json"
ACCOUNT_LINE = re.compile(r"账号\s+(\S+)\s+密码\s+(\S+)")
URL = re.compile(r"http://127\.0\.0\.1:\d+/")


def pytest_addoption(parser):
    parser.addoption("--rubric", default=os.environ.get("RUBRIC"),
                     help="the rubric program to test (default: $RUBRIC)")


@pytest.fixture(scope="session")
def rubric(pytestconfig):
    path = pytestconfig.getoption("--rubric")
    if not path:
        pytest.fail("give the program with --rubric PATH or RUBRIC=PATH")
    path = Path(path).resolve()
    if not path.is_file():
        pytest.fail(f"no program at {path}")
    return path


class Server:
    """A running `rubric serve` and the demo accounts `--init --demo` printed."""

    def __init__(self, url, accounts, init_output, log):
        self.url = url              # http://127.0.0.1:PORT/
        self.accounts = accounts    # [(login, password)]: the administrator, then the officers
        self.init_output = init_output
        self.log = log              # what the server printed, line by line

    @property
    def admin(self):
        return self.accounts[0]

    @property
    def court_officer(self):  # 广州互联网法院
        return self.accounts[1]

    @property
    def water_officer(self):  # 广州市水务局
        return self.accounts[2]

    def page(self, path):
        return self.url.rstrip("/") + path


@pytest.fixture(scope="session")
def server(rubric):
    workdir = Path(tempfile.mkdtemp(prefix="rubric-browser-"))
    db = workdir / "rubric.db"
    env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8", LC_MESSAGES="zh_CN.UTF-8")
    init = subprocess.run([str(rubric), "serve", "--init", str(db), "--demo"], cwd=workdir, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    output = init.stdout + init.stderr
    assert init.returncode == 0, f"rubric serve --init --demo failed ({init.returncode}):\n{output}"
    accounts = ACCOUNT_LINE.findall(output)
    assert len(accounts) >= 3, f"expected the administrator and two officers in:\n{output}"

    process = subprocess.Popen([str(rubric), "serve", str(db), "--rulesets", str(RULESETS), "--port", "0"],
                               cwd=workdir, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    log = []
    first = process.stdout.readline()
    log.append(first)
    match = URL.search(first)
    if not match:
        process.kill()
        rest = process.stdout.read()
        pytest.fail(f"rubric serve did not print its address first:\n{first}{rest}")
    # Keep reading what the server prints so that it never blocks on a full pipe.
    reader = threading.Thread(target=lambda: log.extend(process.stdout), daemon=True)
    reader.start()
    url = match.group(0)
    pages = os.environ.get("RUBRIC_PAGES")
    proxy = None
    if pages:
        proxy = PagesProxy(Path(pages), url)
        url = proxy.url
    yield Server(url, accounts, output, log)
    if proxy:
        proxy.close()
    process.send_signal(signal.SIGTERM)
    try:
        code = process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("rubric serve did not stop within 20 s of SIGTERM")
    reader.join(timeout=5)
    shutil.rmtree(workdir, ignore_errors=True)
    assert code == 0, f"rubric serve exited {code} after SIGTERM:\n{''.join(log)}"


class PagesProxy:
    """RUBRIC_PAGES=server/pages: the pages from that folder, the API from the server. The program
    embeds its pages when it is built; this lets the pages be changed and tested without a build."""

    ROUTES = {"/": "login.html", "/department": "department.html", "/bureau": "bureau.html"}
    TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
             ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}

    def __init__(self, folder, upstream):
        import http.client
        import http.server
        import urllib.parse

        target = urllib.parse.urlsplit(upstream)
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def handle_one(self):
                path = urllib.parse.urlsplit(self.path).path
                name = proxy.ROUTES.get(path)
                if name is None and path.startswith("/static/"):
                    name = path[len("/static/"):]
                if name is not None and self.command == "GET" and "/" not in name:
                    file = folder / name
                    if file.is_file():
                        body = file.read_bytes()
                        self.send_response(200)
                        self.send_header("Content-Type", proxy.TYPES.get(file.suffix, "text/plain; charset=utf-8"))
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)
                        return
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() in ("cookie", "x-csrf-token", "content-type", "accept")}
                connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
                connection.request(self.command, self.path, body=body, headers=headers)
                answer = connection.getresponse()
                content = answer.read()
                self.send_response(answer.status)
                for k, v in answer.getheaders():
                    if k.lower() in ("content-type", "set-cookie", "content-disposition", "location"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)
                connection.close()

            do_GET = do_POST = do_PUT = do_DELETE = handle_one

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class Client:
    """A plain HTTP client with its own cookie jar: the API as a page's script calls it."""

    def __init__(self, server):
        self.server = server
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = None

    def request(self, method, path, body=None, raw=False):
        data = None
        headers = {"Accept": "application/json"}
        if body is not None:
            data = body.encode() if isinstance(body, str) else json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json; charset=utf-8"
        if method != "GET" and self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        req = urllib.request.Request(self.server.page(path), data=data, method=method, headers=headers)
        try:
            with self.opener.open(req, timeout=60) as response:
                status, content = response.status, response.read()
        except urllib.error.HTTPError as e:
            status, content = e.code, e.read()
        if raw:
            return status, content
        text = content.decode("utf-8")
        return status, (json.loads(text) if text.strip() else None)

    def login(self, account):
        status, answer = self.request("POST", "/api/v1/session", {"login": account[0], "password": account[1]})
        assert status == 200, f"login {account[0]}: {status} {answer}"
        self.csrf = answer["csrf"]
        return answer["account"]


@pytest.fixture
def client(server):
    return lambda: Client(server)


@pytest.fixture(scope="session")
def screenshots():
    folder = os.environ.get("RUBRIC_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder) if folder else None


@pytest.fixture
def browser_factory(tmp_path):
    """browser_factory(): a new headless Chromium at 1280×900 with its own cookies and download
    folder (driver.download_dir)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service as ChromeService

    drivers = []

    def make():
        downloads = tmp_path / f"downloads-{len(drivers)}"
        downloads.mkdir()
        options = webdriver.ChromeOptions()
        options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--window-size=1280,900", "--lang=zh-CN", "--force-device-scale-factor=1",
                    f"--user-data-dir={tmp_path / f'profile-{len(drivers)}'}"):
            options.add_argument(arg)
        options.add_experimental_option("prefs", {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "intl.accept_languages": "zh-CN,zh",
        })
        service = ChromeService(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
        driver = webdriver.Chrome(service=service, options=options)
        driver.set_window_size(1280, 900)
        # The page itself is 1280×900, whatever the window's frame takes.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        driver.download_dir = downloads
        drivers.append(driver)
        return driver

    yield make
    for driver in drivers:
        driver.quit()
