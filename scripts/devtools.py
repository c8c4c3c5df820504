"""Headless Chromium over the DevTools protocol on a pipe, with nothing beyond Python.

Chromium is started with --remote-debugging-pipe: commands go to its fd 3, replies and events
come from its fd 4, each a NUL-terminated JSON message. Used by scripts/report-screenshot.py
(screenshots of report.html) and scripts/workbench-e2e.py (the web workbench as a person uses it).

    browser = Browser("chromium", profile_dir)
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    browser.send("Page.enable", session=session)
    ...
    browser.close()

Every event read is kept in `events` until `wait_for` takes it, and appended to `log` for good
(so a caller can look at all of them afterwards, e.g. for console errors and failed requests).
"""
import json
import os
import select
import subprocess
import time


class Browser:
    def __init__(self, chromium, profile, extra_args=(), host_rules="MAP * ~NOTFOUND"):
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
             f"--host-resolver-rules={host_rules}", f"--user-data-dir={profile}", *extra_args, "about:blank"],
            pass_fds=(3, 4), preexec_fn=child_fds,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.log = []

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.time()
            if left <= 0 or not select.select([self.from_chrome], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        message = json.loads(message)
        if "method" in message:
            self.log.append(message)
        return message

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

    def wait_for(self, method, timeout=60, match=None):
        """The first event named `method` (and for which `match(params)` holds, if given)."""
        deadline = time.time() + timeout
        for i, event in enumerate(self.events):
            if event.get("method") == method and (match is None or match(event.get("params", {}))):
                del self.events[i]
                return event
        while True:
            message = self._read_message(deadline)
            if message.get("method") == method and (match is None or match(message.get("params", {}))):
                return message
            if "method" in message:
                self.events.append(message)

    def pump(self, seconds):
        """Reads events for `seconds` (they land in `events` and `log`)."""
        deadline = time.time() + seconds
        try:
            while True:
                message = self._read_message(deadline)
                if "method" in message:
                    self.events.append(message)
        except TimeoutError:
            pass

    def page_problems(self, events=None):
        """What a page should never do, from the events read (`log` by default): requests for
        anything but file:, data: and about: URLs, console errors (e.g. a CSP violation) and
        JavaScript exceptions, one line each."""
        problems = []
        for event in self.log if events is None else events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                requested = params.get("request", {}).get("url", "")
                if not requested.startswith(("file:", "data:", "about:")):
                    problems.append(f"network request: {requested}")
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                problems.append(f"console: {params['entry'].get('text', '')}")
            elif method == "Runtime.exceptionThrown":
                problems.append(f"exception: {params.get('exceptionDetails', {}).get('text', '')}")
        return problems

    def close(self):
        try:
            self.send("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
