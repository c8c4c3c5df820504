#!/usr/bin/env python3
"""The web workbench in a real browser, used as a person uses it.

Starts `alliance serve` on a free port with a fresh data folder and a random token, drives
Debian's headless Chromium over the DevTools protocol (scripts/devtools.py) and:

  1. opens /?token=… (the cookie is set, the token leaves the address bar);
  2. uploads a workbook with a bad cell through the page's file input, and finds the error
     listed at its cell; then uploads the good workbook (made from LISTS, default
     models/examples/guye, as an .xlsx with the sheets 社区, 单位, 需求, 资源, 项目, 结对) and
     finds the check report;
  3. solves (exact, TIME_LIMIT seconds) and waits for 完成 with the live chart drawn;
  4. drags a unit chip to another alliance card with real mouse events (HTML5 drag and drop);
  5. reads the score shown, downloads plan.csv by its link, runs `alliance evaluate LISTS
     --plan plan.csv --json` and requires the page's score to equal evaluate's objective to the
     digits shown;
  6. works the unit's menu with the keyboard (Enter opens it, Escape closes it), pins the unit
     through it, runs 在固定项基础上重新优化, and requires the unit's communities to be kept;
  7. shows the diff against the solved plan, downloads plan.xlsx (non-empty, starts with PK);
  8. takes screenshots at 1280 px and 390 px into OUT (default docs/images/workbench-*.png)
     and requires no horizontal overflow at 390 px.

It fails on any JavaScript exception or console error, any failed request, any HTTP status
>= 400 other than the one it provokes (the bad workbook's 422), and any request to a host other
than 127.0.0.1. Exit status 0 only when every check passed.

usage: workbench-e2e.py [--alliance PATH] [--chromium chromium] [--lists DIR] [--out DIR]
                        [--time-limit S]
"""
import argparse
import base64
import csv
import io
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import zipfile
from xml.sax.saxutils import escape

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from devtools import Browser  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHEETS = [("communities.csv", "社区"), ("organizations.csv", "单位"), ("needs.csv", "需求"),
          ("resources.csv", "资源"), ("projects.csv", "项目"), ("pairs.csv", "结对")]


class CheckFailed(Exception):
    pass


# What the browser saw go wrong, shown when a check fails (it often explains the failure).
LAST_PROBLEMS = []


def log(message):
    print(f"workbench-e2e: {message}", flush=True)


# MARK: A workbook from CSV lists (stdlib only: inline strings, numbers as numbers)

def column_name(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def sheet_xml(rows):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}">')
        for c, value in enumerate(row):
            ref = f"{column_name(c)}{r}"
            if value == "":
                continue
            if r > 1 and re.fullmatch(r"-?\d+(\.\d+)?", value):
                out.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def write_workbook(lists, path, edit=None):
    """The CSV files of `lists` as one .xlsx; `edit(file, rows)` may change rows first."""
    sheets = []
    for file, name in SHEETS:
        source = os.path.join(lists, file)
        if not os.path.exists(source):
            continue
        with open(source, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        if edit:
            edit(file, rows)
        sheets.append((name, rows))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                             for i in range(1, len(sheets) + 1))
                   + "</Types>")
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   "</Relationships>")
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   + "".join(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>' for i, (name, _) in enumerate(sheets, start=1))
                   + "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                             for i in range(1, len(sheets) + 1))
                   + "</Relationships>")
        for i, (_, rows) in enumerate(sheets, start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", sheet_xml(rows))


# MARK: The server

class Server:
    def __init__(self, alliance, data, token):
        self.token = token
        self.process = subprocess.Popen(
            [alliance, "serve", "--data", data, "--port", "0", "--token", token],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 60
        self.url = None
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            match = re.search(r"open (http://127\.0\.0\.1:\d+)/\?token=", line)
            if match:
                self.url = match.group(1)
                break
        if not self.url:
            self.stop()
            raise CheckFailed(f"alliance serve did not announce its address: {self.process.stderr.read()[-2000:]}")

    def api(self, path):
        request = urllib.request.Request(self.url + path, headers={"Authorization": f"Bearer {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


# MARK: The page

class Page:
    def __init__(self, browser, session):
        self.browser = browser
        self.session = session

    def send(self, method, params=None, timeout=60):
        return self.browser.send(method, params, session=self.session, timeout=timeout)

    def js(self, expression, timeout=60):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True},
                           timeout=timeout)
        if "exceptionDetails" in result:
            raise CheckFailed(f"evaluating {expression[:80]}…: {result['exceptionDetails'].get('exception', {}).get('description', result['exceptionDetails'].get('text'))}")
        return result.get("result", {}).get("value")

    def wait(self, expression, what, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = self.js(f"!!({expression})")
            if value:
                return value
            self.browser.pump(0.2)
        raise CheckFailed(f"timed out after {timeout} s waiting for {what}")

    def center(self, selector):
        box = self.js(f"""(() => {{
            const el = document.querySelector({json.dumps(selector)});
            if (!el) return null;
            el.scrollIntoView({{block: 'center', inline: 'center'}});
            const r = el.getBoundingClientRect();
            return {{x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height}};
        }})()""")
        if not box or box["w"] == 0:
            raise CheckFailed(f"no visible element {selector}")
        return box

    def center_now(self, selector):
        """The centre of `selector` where it is now (no scrolling)."""
        box = self.js(f"""(() => {{
            const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();
            return {{x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height}};
        }})()""")
        if box["y"] < 0 or box["y"] > self.js("window.innerHeight"):
            raise CheckFailed(f"{selector} is not on the screen for the drag")
        return box

    def mouse(self, kind, x, y, buttons=0, button="none", clicks=0):
        self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": button,
                                               "buttons": buttons, "clickCount": clicks})

    def click(self, selector):
        box = self.center(selector)
        self.mouse("mouseMoved", box["x"], box["y"])
        self.mouse("mousePressed", box["x"], box["y"], buttons=1, button="left", clicks=1)
        self.mouse("mouseReleased", box["x"], box["y"], buttons=0, button="left", clicks=1)

    def key(self, key, code=None, keycode=0):
        """Presses and releases a key; Enter also types its character (that is what activates a button)."""
        down = {"type": "keyDown", "key": key, "code": code or key, "windowsVirtualKeyCode": keycode}
        if key == "Enter":
            down["text"] = "\r"
        self.send("Input.dispatchKeyEvent", down)
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": code or key, "windowsVirtualKeyCode": keycode})

    def type_into(self, selector, text):
        self.click(selector)
        self.js(f"document.querySelector({json.dumps(selector)}).select()")
        self.send("Input.insertText", {"text": text})

    def text(self, selector):
        return self.js(f"(document.querySelector({json.dumps(selector)}) || {{}}).textContent || ''")

    def set_files(self, selector, path):
        root = self.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = self.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not node:
            raise CheckFailed(f"no file input {selector}")
        self.send("DOM.setFileInputFiles", {"nodeId": node, "files": [path]})

    def viewport(self, width, height, mobile):
        self.size = (width, height, mobile)
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def screenshot(self, path, max_height):
        """The top of the page, at most `max_height` px, as a window that tall shows it (the
        notices closed first, as a person would before taking a picture)."""
        width, height, mobile = self.size
        self.wait("document.body.dataset.busy !== 'true'", "the page to settle")
        self.js("document.querySelectorAll('.message-close').forEach(b => b.click())")
        self.js("document.activeElement && document.activeElement.blur()")
        tall = min(max_height, self.js("Math.ceil(document.documentElement.scrollHeight)"))
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": tall, "deviceScaleFactor": 1, "mobile": mobile})
        self.js("window.scrollTo(0, 0)")
        self.browser.pump(0.2)
        shot = self.send("Page.captureScreenshot", {"format": "png"})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        self.viewport(width, height, mobile)
        return tall


# MARK: The run

def find_move(explain, sizes, avoid=()):
    """A member (not a lead) of an alliance above its least size, and an alliance below its
    largest that it does not serve: a move that keeps every rule, as a person would try first."""
    served = {u["org_id"]: set(u["communities"]) for u in explain["units"]}
    for c in explain["communities"]:
        if len(c["members"]) <= sizes[c["community_id"]][0]:
            continue
        for m in c["members"]:
            if m["role"] != "member" or m["org_id"] in avoid:
                continue
            for d in explain["communities"]:
                if d["community_id"] not in served[m["org_id"]] and len(d["members"]) < sizes[d["community_id"]][1]:
                    return m["org_id"], c["community_id"], d["community_id"]
    return None


def find_alliance(given):
    if given:
        return os.path.abspath(given)
    subprocess.run(["swift", "build", "--product", "alliance"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    bin_path = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
    return os.path.join(bin_path, "alliance")


def problems_in(log_events, base, allowed_statuses):
    """Every console error, exception, failed request, unexpected status or foreign host."""
    problems = []
    host = urllib.parse.urlsplit(base).hostname
    requests = {}
    allowed = list(allowed_statuses)
    for event in log_events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            requests[params.get("requestId")] = (params.get("request", {}).get("method"), url, params.get("type"))
            scheme = urllib.parse.urlsplit(url).scheme
            if scheme in ("data", "blob", "about"):
                continue
            if urllib.parse.urlsplit(url).hostname != host:
                problems.append(f"request to another host: {url}")
        elif method == "Network.responseReceived":
            status = params.get("response", {}).get("status", 0)
            url = params.get("response", {}).get("url", "")
            verb = requests.get(params.get("requestId"), ("?",))[0]
            if status >= 400:
                key = (verb, urllib.parse.urlsplit(url).path, status)
                if key in allowed:
                    allowed.remove(key)
                else:
                    problems.append(f"HTTP {status} for {verb} {url}")
        elif method == "Network.loadingFailed":
            verb, url, kind = requests.get(params.get("requestId"), ("?", "?", "?"))
            # The page closes a job's event stream itself once the `end` event arrived.
            if params.get("canceled") and kind == "EventSource":
                continue
            problems.append(f"request failed: {verb} {url} ({params.get('errorText')})")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            problems.append(f"exception: {details.get('exception', {}).get('description') or details.get('text')}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            problems.append("console.error: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            # The network layer logs each >= 400 answer too; those are judged above.
            if entry.get("source") == "network" and re.search(r"status of (\d+)", entry.get("text", "")):
                continue
            problems.append(f"console: {entry.get('text')} ({entry.get('url', '')})")
    return problems


def run(args):
    checks = []

    def ok(what):
        checks.append(what)
        log(f"ok  {what}")

    def require(condition, what):
        if not condition:
            raise CheckFailed(what)
        ok(what)

    lists = os.path.abspath(args.lists)
    alliance = find_alliance(args.alliance)
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="workbench-e2e-")
    server = browser = None
    try:
        good = os.path.join(work, "lists.xlsx")
        bad = os.path.join(work, "lists-bad.xlsx")
        write_workbook(lists, good)

        def spoil(file, rows):
            if file == "organizations.csv":
                rows[2][rows[0].index("strength")] = "三"
        write_workbook(lists, bad, spoil)
        token = secrets.token_hex(16)
        server = Server(alliance, os.path.join(work, "data"), token)
        log(f"server at {server.url}")
        downloads = os.path.join(work, "downloads")
        os.makedirs(downloads)

        # Every host name fails to resolve (nothing may leave the machine); 127.0.0.1 is the server.
        browser = Browser(args.chromium, os.path.join(work, "profile"), host_rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(browser, session)
        for domain in ("Page", "Network", "Log", "Runtime", "DOM"):
            page.send(f"{domain}.enable")
        browser.send("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads, "eventsEnabled": True})
        page.viewport(1280, 900, False)

        # 1. Open with the token.
        page.send("Page.navigate", {"url": f"{server.url}/?token={token}"})
        page.wait("document.body && document.body.dataset.ready === 'true'", "the page to start")
        require(page.js("location.origin + location.pathname + location.search") == server.url + "/", "/?token=… redirects to / (the token leaves the address bar)")
        require(page.js("document.querySelector('[data-testid=project-list]').textContent.includes('还没有项目')"),
                "the project list says there is no project yet")

        # 2. Upload: the bad workbook's error at its cell, then the good workbook's report.
        page.set_files("[data-testid=upload-input]", bad)
        page.wait("document.querySelectorAll('[data-testid=input-error]').length > 0", "the upload errors")
        errors = page.js("[...document.querySelectorAll('[data-testid=input-error]')].map(r => r.textContent)")
        require(any("lists-bad.xlsx:单位!D3" in e and "三" in e for e in errors),
                f"the bad cell is listed at the uploaded file's 单位!D3 with its value ({errors[0][:60]}…)")
        page.set_files("[data-testid=upload-input]", good)
        page.wait("!document.querySelector('#check-block').hidden && !!document.querySelector('[data-testid=prechecks]')",
                  "the check report")
        report = page.text("[data-testid=check-report]")
        with open(os.path.join(lists, "communities.csv"), encoding="utf-8-sig") as f:
            communities = sum(1 for row in csv.reader(f) if row) - 1
        require("预检查通过" in report and f"{communities:,} 个" in report,
                f"the check report shows the counts ({communities} communities) and the passed pre-checks")
        require(page.js("document.querySelector('[data-testid=upload-errors]').hidden"), "the old errors are gone")
        page.wait("document.querySelectorAll('[data-testid=open-project]').length === 1", "the new project in the list")
        ok("the project list shows the new project")
        # Last year's plan: the clerk's hand method on the same lists.
        last_year = os.path.join(work, "last-year")
        subprocess.run([alliance, "solve", lists, "--strategy", "greedy", "--out", last_year, "--quiet"],
                       check=True, stdout=subprocess.DEVNULL)
        page.set_files("[data-testid=previous-plan-input]", os.path.join(last_year, "plan.csv"))
        page.wait("document.querySelector('[data-testid=previous-plan-state]').textContent.includes('已载入')",
                  "last year's plan")
        ok("last year's plan.csv is taken (上年方案 已载入)")
        page.screenshot(os.path.join(out, "workbench-upload-1280.png"), 1000)

        # 3. Solve.
        page.click("[data-testid=tab-solve]")
        page.wait("!document.querySelector('#tab-solve').hidden", "the 求解 tab")
        page.js("(() => { const s = document.querySelector('[data-testid=strategy]'); s.value = 'exact'; s.dispatchEvent(new Event('change')); })()")
        page.type_into("[data-testid=time-limit]", str(args.time_limit))
        page.click("[data-testid=solve-button]")
        page.wait("document.querySelector('[data-testid=job-status]').textContent === '求解中'", "the solve to run", timeout=30)
        ok("the solve runs (status 求解中 from the event stream)")
        page.wait("document.querySelector('[data-testid=job-status]').textContent === '完成'", "the solve to finish",
                  timeout=args.time_limit + 60)
        points = int(page.js("document.querySelector('[data-testid=solve-chart]').dataset.points || '0'"))
        line = page.js("(document.querySelector('[data-testid=chart-objective-line]') || {getAttribute: () => ''}).getAttribute('d')")
        require(points >= 2 and line.count("H") >= 1, f"the chart is drawn ({points} trace points, objective line)")
        require(page.js("!!document.querySelector('[data-testid=chart-bound-line]')"), "the chart shows the proven bound")
        gap = page.text("[data-testid=job-gap]")
        require(gap.endswith("%"), f"the gap is shown ({gap})")
        page.wait("!document.querySelector('[data-testid=view-plan]').hidden", "查看方案")
        page.screenshot(os.path.join(out, "workbench-solve-1280.png"), 1100)

        # The plan.
        page.click("[data-testid=view-plan]")
        page.wait("!document.querySelector('#tab-plan').hidden && document.querySelector('[data-testid=map-svg]')", "the 方案 tab")
        project = page.js("new URLSearchParams(location.hash.slice(1)).get('project')")
        explain = server.api(f"/api/projects/{project}/explain")
        cards = page.js("document.querySelectorAll('#plan-cards [data-testid=alliance-card]').length")
        require(cards == len(explain["communities"]), f"one alliance card per community ({cards})")
        rows = page.js("document.querySelectorAll('#unit-table tbody tr').length")
        require(rows == len(explain["units"]), f"the table by unit has every unit ({rows})")
        lines = page.js("document.querySelectorAll('[data-testid=map-svg] .map-line').length")
        pairs = sum(len(c["members"]) for c in explain["communities"])
        require(lines == pairs, f"the map draws a line per unit–community pair ({lines})")
        shown = page.text("#tab-plan [data-testid=score-value]")
        require(shown == f"{explain['objective']:,.4f}", f"the score panel shows the solved objective ({shown})")
        page.screenshot(os.path.join(out, "workbench-plan-1280.png"), 1100)

        # 4. Drag a unit chip to another alliance card.
        page.click("[data-testid=tab-adjust]")
        page.wait("!document.querySelector('#tab-adjust').hidden", "the 调整 tab")
        sizes = {c["id"]: (c["min_size"], c["max_size"]) for c in server.api(f"/api/projects/{project}/lists")["communities"]}
        move = find_move(explain, sizes)
        require(move is not None, "a member unit to move was found")
        org, source, destination = move
        chip = f"#adjust-cards [data-testid=unit-chip][data-org='{org}'][data-community='{source}']"
        card = f"#adjust-cards [data-testid=alliance-card][data-community='{destination}']"
        version = server.api(f"/api/projects/{project}/plan")["version"]
        data = drag(page, chip, card)
        require(any(item.get("mimeType") == "application/x-alliance-unit" for item in data.get("items", [])),
                "the chip's dragstart put the unit into the drag's data")
        page.wait(f"!!document.querySelector(\"#adjust-cards [data-testid=alliance-card][data-community='{destination}'] [data-org='{org}']\")",
                  "the dragged unit in its new card", timeout=20)
        require(server.api(f"/api/projects/{project}/plan")["version"] == version + 1,
                f"dragging unit {org} from {source} to {destination} made one edit (version {version + 1})")
        require(not page.js(f"!!document.querySelector(\"{chip}\")"), "the unit left its old card")
        score = page.text("#tab-adjust [data-testid=score-value]")
        require(page.text("#tab-adjust [data-testid=score-change]").startswith("较上一版"), "the score panel shows the change")

        # 5. plan.csv by its link, judged by `alliance evaluate`.
        page.click("[data-testid=tab-download]")
        plan_csv = download(browser, page, "[data-testid='download-plan.csv']", downloads, "plan.csv")
        weights = server.api(f"/api/projects/{project}/explain")["weights"]
        evaluate = subprocess.run([alliance, "evaluate", lists, "--plan", plan_csv, "--json",
                                   "--previous", os.path.join(last_year, "plan.csv"),
                                   *[f"--weight={k}={v}" for k, v in sorted(weights.items())]],
                                  capture_output=True, text=True)
        if evaluate.returncode not in (0, 1):
            raise CheckFailed(f"alliance evaluate failed ({evaluate.returncode}): {evaluate.stderr}")
        judged = json.loads(evaluate.stdout)["objective"]
        require(score == f"{judged:,.4f}", f"the page's score {score} equals alliance evaluate's objective {judged:.6f}")

        # Suggestions for the alliance the unit joined: ranked, the best applied with a click, undone.
        page.click("[data-testid=tab-adjust]")
        page.click(f"{card} [data-testid=card-suggest]")
        page.wait("document.querySelectorAll('[data-testid=suggestions] [data-testid=apply-suggestion]').length > 0",
                  "the suggestions")
        deltas = page.js("[...document.querySelectorAll('[data-testid^=suggestions] [data-testid=suggestion-delta]')]"
                         ".map(e => Number(e.textContent.replace('−', '-').replace('±', '').replace(/,/g, '')))")
        require(all(a >= b for a, b in zip(deltas, deltas[1:])), f"{len(deltas)} suggestions, ranked by the change of the score")
        suggested = server.api(f"/api/projects/{project}/suggest?community={urllib.parse.quote(destination)}&top=8")
        best = next(x for x in suggested["suggestions"] if x["feasible"])
        version = server.api(f"/api/projects/{project}/plan")["version"]
        page.click("[data-testid=suggestions] [data-testid=apply-suggestion]")
        page.wait(f"document.querySelector('[data-testid=plan-summary]').textContent.startsWith('版本 {version + 1}')",
                  "the suggestion to be applied")
        expected = suggested["objective"] + best["delta"]
        page.wait(f"document.querySelector('#tab-adjust [data-testid=score-value]').textContent === {json.dumps(f'{expected:,.4f}')}",
                  "the score after the suggestion")
        ok(f"applying the best suggestion ({best['kind']} {best['org_id']}, {best['delta']:+.4f}) gives the score it promised ({expected:,.4f})")
        page.wait("document.body.dataset.busy === 'false'", "the page to settle")
        page.click("[data-testid=undo]")
        page.wait(f"document.querySelector('#tab-adjust [data-testid=score-value]').textContent === {json.dumps(score)}"
                  " && !document.querySelector('[data-testid=redo]').disabled", "撤销")
        page.wait(f"!!document.querySelector(\"{card} [data-org='{org}']\")", "the cards after 撤销")
        require(abs(server.api(f"/api/projects/{project}/explain")["objective"] - judged) < 1e-9,
                f"撤销 brings back the plan before the suggestion (score {score})")

        # 6. The unit's menu by keyboard; pin the unit; re-optimize around it.
        new_chip = f"#adjust-cards [data-testid=unit-chip][data-org='{org}'][data-community='{destination}']"
        page.js(f"document.querySelector(\"{new_chip} [data-testid=chip-menu]\").focus()")
        page.key("Enter", "Enter", 13)
        page.wait("!document.querySelector('[data-testid=unit-menu]').hidden", "the unit menu to open with Enter")
        require(page.js("document.querySelector('[data-testid=unit-menu]').contains(document.activeElement)"),
                "Enter on ⋯ opens the unit's menu with the focus in it")
        page.key("Escape", "Escape", 27)
        require(page.js("document.querySelector('[data-testid=unit-menu]').hidden && document.activeElement.dataset.testid === 'chip-menu'"),
                "Escape closes the menu and gives the focus back")
        page.js(f"document.querySelector(\"{new_chip} [data-testid=chip-menu]\").focus()")
        page.key("Enter", "Enter", 13)
        page.wait("!!document.querySelector('[data-testid=menu-pin]')", "the 固定 menu item")
        page.js("document.querySelector('[data-testid=menu-pin]').focus()")
        page.key("Enter", "Enter", 13)
        page.wait(f"!!document.querySelector(\"{new_chip} [data-testid=unit-pinned]\")", "the pin mark on the chip")
        pins = server.api(f"/api/projects/{project}")["pins"]
        require({"kind": "unit", "id": org} in pins, f"unit {org} is pinned (固定 on its chip)")
        before = next(u for u in server.api(f"/api/projects/{project}/explain")["units"] if u["org_id"] == org)
        page.screenshot(os.path.join(out, "workbench-adjust-1280.png"), 1100)
        version = server.api(f"/api/projects/{project}/plan")["version"]
        page.type_into("[data-testid=max-changes]", "20")
        page.click("[data-testid=reoptimize]")
        page.wait("(document.querySelector('[data-testid=reopt-status]').textContent || '').startsWith('完成')",
                  "the re-optimization to finish", timeout=args.time_limit + 60)
        solved = server.api(f"/api/projects/{project}/plan")["version"]
        require(solved != version, f"the re-optimization made a new version ({solved})")
        page.wait(f"document.querySelector('[data-testid=plan-summary]').textContent.startsWith('版本 {solved} ')",
                  "the page to show the re-optimized plan")
        after_explain = server.api(f"/api/projects/{project}/explain")
        after = next(u for u in after_explain["units"] if u["org_id"] == org)
        require(sorted(after["communities"]) == sorted(before["communities"]) and sorted(after["leads"]) == sorted(before["leads"]),
                f"re-optimizing kept the pinned unit {org} in {', '.join(after['communities'])}")
        require(page.js(f"!!document.querySelector(\"{new_chip} [data-testid=unit-pinned]\")"), "the page still shows it pinned there")
        shown = page.text("#tab-adjust [data-testid=score-value]")
        require(shown == f"{after_explain['objective']:,.4f}", f"the score panel shows the re-optimized objective ({shown})")

        # 7. The diff against the solved plan; plan.xlsx.
        page.click("[data-testid=diff-solved]")
        page.wait("(document.querySelector('[data-testid=diff-summary]') || {}).textContent", "the diff")
        require("求解方案" in page.text("[data-testid=diff-summary]"), "the diff against the solved plan is shown")
        page.click("[data-testid=diff-last-year]")
        page.wait("(document.querySelector('[data-testid=diff-summary]') || {textContent: ''}).textContent.includes('上年方案')",
                  "the diff against last year's plan")
        rows = page.js("document.querySelectorAll('[data-testid=diff-row]').length")
        require(rows > 0, f"the diff against last year's plan lists {rows} changed organizations")
        page.click("[data-testid=tab-download]")
        xlsx = download(browser, page, "[data-testid='download-plan.xlsx']", downloads, "plan.xlsx")
        with open(xlsx, "rb") as f:
            head = f.read(2)
        require(os.path.getsize(xlsx) > 1000 and head == b"PK", f"plan.xlsx downloads ({os.path.getsize(xlsx):,} bytes, starts with PK)")

        # 8. Screenshots at phone width.
        page.viewport(390, 844, True)
        page.click("[data-testid=tab-plan]")
        page.wait("!document.querySelector('#tab-plan').hidden", "the 方案 tab")
        page.browser.pump(0.3)
        width = page.js("document.documentElement.scrollWidth")
        require(width <= 390, f"方案 fits 390 px (page {width} px wide)")
        page.screenshot(os.path.join(out, "workbench-plan-390.png"), 1700)
        page.click("[data-testid=tab-adjust]")
        page.wait("!document.querySelector('#tab-adjust').hidden", "the 调整 tab")
        width = page.js("document.documentElement.scrollWidth")
        require(width <= 390, f"调整 fits 390 px (page {width} px wide)")
        page.click(f"{new_chip} [data-testid=chip-menu]")
        page.wait("!document.querySelector('[data-testid=unit-menu]').hidden", "the unit menu at 390 px")
        menu = page.js("(() => { const r = document.querySelector('[data-testid=unit-menu]').getBoundingClientRect(); return [r.left, r.right, r.bottom]; })()")
        require(menu[0] >= 0 and menu[1] <= 390 and menu[2] <= 844, "the unit menu fits the phone screen")
        page.js(f"document.querySelector(\"{new_chip}\").scrollIntoView({{block: 'center'}})")
        data = page.send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(os.path.join(out, "workbench-menu-390.png"), "wb") as f:
            f.write(base64.b64decode(data))
        page.key("Escape", "Escape", 27)
        # 移到… from the menu, as on a phone.
        current = server.api(f"/api/projects/{project}/explain")
        other = find_move(current, sizes, avoid={org})
        require(other is not None, "a second unit to move was found")
        org2, source2, destination2 = other
        page.click(f"#adjust-cards [data-testid=unit-chip][data-org='{org2}'][data-community='{source2}'] [data-testid=chip-menu]")
        page.wait("!document.querySelector('[data-testid=unit-menu]').hidden", "the unit menu")
        page.click("[data-testid=menu-move]")
        page.js(f"(() => {{ const s = document.querySelector('[data-testid=move-target]'); s.value = {json.dumps(destination2)};"
                " s.dispatchEvent(new Event('change')); })()")
        page.click("[data-testid=move-confirm]")
        page.wait(f"!!document.querySelector(\"#adjust-cards [data-testid=alliance-card][data-community='{destination2}'] [data-org='{org2}']\")",
                  "the unit moved by the menu")
        ok(f"移到… in the unit menu moves {org2} from {source2} to {destination2} at 390 px")
        page.screenshot(os.path.join(out, "workbench-adjust-390.png"), 1700)

        # A solve cancelled while it runs keeps its best plan.
        page.viewport(1280, 900, False)
        page.click("[data-testid=tab-solve]")
        page.type_into("[data-testid=time-limit]", "120")
        version = server.api(f"/api/projects/{project}/plan")["version"]
        page.click("[data-testid=solve-button]")
        page.wait("document.querySelector('[data-testid=job-status]').textContent === '求解中'"
                  " && document.querySelector('[data-testid=job-objective]').textContent !== '—'", "a running solve with a plan")
        page.click("[data-testid=cancel-button]")
        page.wait("document.querySelector('[data-testid=job-status]').textContent === '已取消'"
                  " && !document.querySelector('[data-testid=view-plan]').hidden", "the cancelled solve", timeout=30)
        kept = server.api(f"/api/projects/{project}/plan")
        require(kept["version"] > version and kept["status"] in ("interrupted", "feasible", "optimal"),
                f"取消 stops the solve and keeps its best plan (version {kept['version']}, {kept['status']})")

        browser.pump(0.5)
        allowed = [("POST", "/api/projects", 422)]
        problems = problems_in(browser.log, server.url, allowed)
        if problems:
            raise CheckFailed("the browser saw problems:\n  " + "\n  ".join(problems))
        ok(f"no console error, exception, failed request, unexpected HTTP status or other host "
           f"({sum(1 for e in browser.log if e.get('method') == 'Network.requestWillBeSent')} requests)")
        return checks
    except CheckFailed:
        if browser:
            try:
                seen = page.js("[...document.querySelectorAll('#messages .message, [role=status]')].map(e => e.textContent.trim()).filter(Boolean).join(' | ')")
                LAST_PROBLEMS.append(f"the page said: {seen}")
                failed = os.path.join(tempfile.gettempdir(), "workbench-e2e-failure.png")
                page.screenshot(failed, 3000)
                LAST_PROBLEMS.append(f"screenshot of the failure: {failed}")
            except Exception as error:  # the page may be gone
                LAST_PROBLEMS.append(f"(no look at the page: {error})")
        raise
    finally:
        if browser:
            LAST_PROBLEMS[:0] = problems_in(browser.log, server.url if server else "", [("POST", "/api/projects", 422)])
            browser.close()
        if server:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


def drag(page, source, target):
    """HTML5 drag and drop as the mouse does it. Headless Chromium has no window system to run a
    drag session in, so (as Puppeteer does) the drag is intercepted: a real press on `source` and
    real mouse moves start it — the page's dragstart runs and fills its DataTransfer — and
    Chromium hands the drag's data over (Input.dragIntercepted); the drag events over `target`
    (dragenter, dragover, drop) are then dispatched with that data (Input.dispatchDragEvent)."""
    page.js(f"document.querySelector({json.dumps(target)}).scrollIntoView({{block: 'center'}})")
    page.js(f"document.querySelector({json.dumps(source)}).scrollIntoView({{block: 'nearest'}})")
    start = page.center_now(source)
    end = page.center_now(target)
    page.send("Input.setInterceptDrags", {"enabled": True})
    try:
        page.mouse("mouseMoved", start["x"], start["y"])
        page.mouse("mousePressed", start["x"], start["y"], buttons=1, button="left", clicks=1)
        steps = 10
        for i in range(1, steps + 1):
            x = start["x"] + (end["x"] - start["x"]) * i / steps
            y = start["y"] + (end["y"] - start["y"]) * i / steps
            page.mouse("mouseMoved", x, y, buttons=1, button="left")
        data = page.browser.wait_for("Input.dragIntercepted", timeout=10)["params"]["data"]
        for kind in ("dragEnter", "dragOver", "drop"):
            page.send("Input.dispatchDragEvent", {"type": kind, "x": end["x"], "y": end["y"], "data": data})
        page.mouse("mouseReleased", end["x"], end["y"], buttons=0, button="left", clicks=1)
    finally:
        page.send("Input.setInterceptDrags", {"enabled": False})
    return data


def download(browser, page, link, folder, name):
    for existing in os.listdir(folder):
        if existing == name:
            os.remove(os.path.join(folder, existing))
    page.click(link)
    begun = browser.wait_for("Browser.downloadWillBegin", timeout=30)
    guid = begun["params"]["guid"]
    browser.wait_for("Browser.downloadProgress", timeout=60,
                     match=lambda p: p.get("guid") == guid and p.get("state") in ("completed", "canceled"))
    path = os.path.join(folder, begun["params"]["suggestedFilename"])
    if not os.path.exists(path):
        raise CheckFailed(f"the download of {name} did not arrive")
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--alliance", help="the alliance binary (default: swift build, then its bin path)")
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--lists", default=os.path.join(ROOT, "models/examples/guye"))
    parser.add_argument("--out", default=os.path.join(ROOT, "docs/images"))
    parser.add_argument("--time-limit", type=int, default=10)
    args = parser.parse_args()
    started = time.time()
    try:
        checks = run(args)
    except CheckFailed as failure:
        print(f"workbench-e2e: FAILED: {failure}", file=sys.stderr)
        for problem in LAST_PROBLEMS:
            print(f"workbench-e2e:   browser: {problem}", file=sys.stderr)
        return 1
    log(f"all {len(checks)} checks passed in {time.time() - started:.0f} s; screenshots in {os.path.relpath(args.out, ROOT)}/workbench-*.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
