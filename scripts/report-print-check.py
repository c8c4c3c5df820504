#!/usr/bin/env python3
"""Prints report.html to PDF with headless Chromium and checks that every alliance gets a page
of its own: the page count with the alliances equals the count without them (the summary
pages) plus the number of alliance cards. A card that overflows its page, or two cards on one
page, breaks the equation.

Talks to Chromium over the DevTools protocol on a pipe (scripts/devtools.py).

usage: report-print-check.py REPORT.html [--pdf OUT.pdf] [--png OUT.png] [--chromium chromium]
--pdf keeps the printed PDF; --png writes a picture of the first alliance's printed page (the
page as print media lays it out, A4 width). Prints "N alliances, S summary pages, T pages";
exits 1 when the equation fails, the page has no alliance card, or Chromium reports an error.
"""
import base64
import os
import re
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from devtools import Browser  # noqa: E402

A4 = {"paperWidth": 8.27, "paperHeight": 11.69, "marginTop": 0.6, "marginBottom": 0.6,
      "marginLeft": 0.6, "marginRight": 0.6}


def page_count(pdf):
    """Pages of a PDF as Chromium writes it: one /Type /Page dictionary per page."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def option(args, name):
    if name in args:
        i = args.index(name)
        value = args[i + 1]
        del args[i:i + 2]
        return value
    return None


def main():
    args = sys.argv[1:]
    chromium = option(args, "--chromium") or "chromium"
    pdf_out, png_out = option(args, "--pdf"), option(args, "--png")
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 64
    page = os.path.abspath(args[0])
    problems = []
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(chromium, profile)
        try:
            target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Log"):
                browser.send(f"{domain}.enable", session=session)
            browser.send("Page.navigate", {"url": "file://" + page}, session=session)
            browser.wait_for("Page.loadEventFired")

            def evaluate(expression):
                reply = browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                                     session=session)
                return reply.get("result", {}).get("value")

            def print_pdf():
                reply = browser.send("Page.printToPDF", dict(A4, printBackground=True), session=session, timeout=120)
                return base64.b64decode(reply["data"])

            cards = evaluate("document.querySelectorAll('article.card').length")
            full = print_pdf()
            if pdf_out:
                with open(pdf_out, "wb") as f:
                    f.write(full)
            if png_out and cards:
                # The first alliance's page as print lays it out: print media at A4's width.
                browser.send("Emulation.setEmulatedMedia", {"media": "print"}, session=session)
                browser.send("Emulation.setDeviceMetricsOverride",
                             {"width": 794, "height": 1123, "deviceScaleFactor": 1, "mobile": False},
                             session=session)
                box = evaluate("(() => { const r = document.querySelector('article.card').getBoundingClientRect();"
                               " return [r.left + scrollX, r.top + scrollY, r.width, r.height]; })()")
                shot = browser.send("Page.captureScreenshot",
                                    {"format": "png", "captureBeyondViewport": True,
                                     "clip": {"x": 0, "y": box[1] - 24, "width": 794,
                                              "height": min(1123, box[3] + 48), "scale": 1}},
                                    session=session)
                with open(png_out, "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
                browser.send("Emulation.setEmulatedMedia", {"media": ""}, session=session)
            evaluate("document.getElementById('alliances').remove()")
            summary = print_pdf()
            total, before = page_count(full), page_count(summary)
            print(f"{page}: {cards} alliances, {before} summary pages, {total} pages")
            if not cards:
                problems.append("no alliance card (article.card) on the page")
            if total != before + cards:
                problems.append(f"{total} pages printed, expected {before} summary pages + {cards} alliances "
                                f"= {before + cards}: an alliance does not have exactly one page")
            problems += browser.page_problems()
        finally:
            browser.close()
    for problem in problems:
        print(f"{page}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
