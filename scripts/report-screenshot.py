#!/usr/bin/env python3
"""Full-page screenshots of a local HTML page with headless Chromium, and a check that the page
makes no network request.

Talks to Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe: commands on
fd 3, replies on fd 4, NUL-separated JSON), so it needs nothing beyond Python and Chromium.

usage: report-screenshot.py PAGE.html OUT_PREFIX [--chromium chromium]
writes OUT_PREFIX-desktop.png (1280 px wide) and OUT_PREFIX-phone.png (390 px wide, mobile);
exits 1 and names the URLs when the page requested anything but file: and data: URLs, or when
the console reported an error (e.g. a Content-Security-Policy violation).
"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import time

VIEWS = [("desktop", 1280, 900, False), ("phone", 390, 844, True)]
MAX_HEIGHT = 40000


class Browser:
    def __init__(self, chromium, profile):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # Chromium reads commands on fd 3 and writes replies on fd 4.
        def child_fds():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-default-apps", "--disable-extensions",
             '--host-resolver-rules=MAP * ~NOTFOUND', f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(3, 4), preexec_fn=child_fds,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None, timeout=60):
        self.next_id += 1
        command = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            command["sessionId"] = session
        os.write(self.to_chrome, json.dumps(command).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            message = self._read_message(deadline)
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, timeout=60):
        deadline = time.time() + timeout
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                del self.events[i]
                return event
        while True:
            message = self._read_message(deadline)
            if message.get("method") == method:
                return message
            self.events.append(message)

    def close(self):
        try:
            self.send("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def main():
    args = sys.argv[1:]
    chromium = "chromium"
    if "--chromium" in args:
        i = args.index("--chromium")
        chromium = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 64
    page, prefix = os.path.abspath(args[0]), args[1]
    url = "file://" + page
    problems = []
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(chromium, profile)
        try:
            target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Network", "Log", "Runtime"):
                browser.send(f"{domain}.enable", session=session)
            for name, width, height, mobile in VIEWS:
                browser.send("Emulation.setDeviceMetricsOverride",
                             {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
                             session=session)
                browser.send("Page.navigate", {"url": url}, session=session)
                browser.wait_for("Page.loadEventFired")
                metrics = browser.send("Page.getLayoutMetrics", session=session)
                size = metrics.get("cssContentSize") or metrics["contentSize"]
                full = min(MAX_HEIGHT, int(size["height"]) + 1)
                browser.send("Emulation.setDeviceMetricsOverride",
                             {"width": width, "height": full, "deviceScaleFactor": 1, "mobile": mobile},
                             session=session)
                shot = browser.send("Page.captureScreenshot",
                                    {"format": "png", "captureBeyondViewport": True,
                                     "clip": {"x": 0, "y": 0, "width": width, "height": full, "scale": 1}},
                                    session=session)
                out = f"{prefix}-{name}.png"
                with open(out, "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
                wide = int(size["width"]) > width + 1
                print(f"{out}: {width}x{full}" + (f" (page is {int(size['width'])} px wide: overflows)" if wide else ""))
                if wide:
                    problems.append(f"{name}: the page is wider than the window ({int(size['width'])} > {width} px)")
            for event in browser.events:
                method, params = event.get("method"), event.get("params", {})
                if method == "Network.requestWillBeSent":
                    requested = params.get("request", {}).get("url", "")
                    if not requested.startswith(("file:", "data:", "about:")):
                        problems.append(f"network request: {requested}")
                elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                    problems.append(f"console: {params['entry'].get('text', '')}")
                elif method == "Runtime.exceptionThrown":
                    problems.append(f"exception: {params.get('exceptionDetails', {}).get('text', '')}")
        finally:
            browser.close()
    for problem in problems:
        print(f"{page}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
