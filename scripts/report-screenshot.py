#!/usr/bin/env python3
"""Full-page screenshots of a local HTML page with headless Chromium, and a check that the page
makes no network request.

Talks to Chromium over the DevTools protocol on a pipe (scripts/devtools.py: commands on
fd 3, replies on fd 4, NUL-separated JSON), so it needs nothing beyond Python and Chromium.

usage: report-screenshot.py PAGE.html OUT_PREFIX [--chromium chromium]
writes OUT_PREFIX-desktop.png (1280 px wide) and OUT_PREFIX-phone.png (390 px wide, mobile);
exits 1 and names the URLs when the page requested anything but file: and data: URLs, or when
the console reported an error (e.g. a Content-Security-Policy violation).
"""
import base64
import os
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from devtools import Browser  # noqa: E402  (scripts/devtools.py, shared with workbench-e2e.py)

VIEWS = [("desktop", 1280, 900, False), ("phone", 390, 844, True)]
MAX_HEIGHT = 40000


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
            problems += browser.page_problems(browser.events)
        finally:
            browser.close()
    for problem in problems:
        print(f"{page}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
