#!/usr/bin/env bash
# Looks at report.html the way a person does: builds `alliance`, solves every example in
# models/examples into a temporary folder, and takes full-page headless-Chromium screenshots of
# each report.html at desktop (1280 px) and phone (390 px) width, plus a print-to-PDF and a
# picture of the first alliance's printed page, into OUT (default .build/report-screenshots).
# Fails when a report names an external resource (static check), when Chromium sees the page
# request anything but file:/data: URLs or log an error such as a Content-Security-Policy
# violation (scripts/report-screenshot.py), or when the printed report does not give every
# alliance exactly one page (scripts/report-print-check.py). CI runs it with TIME_LIMIT=5.
#
#   scripts/screenshot-reports.sh [OUT]        TIME_LIMIT=seconds per solve (default 20)
#
# Installs Debian's chromium and fonts-noto-cjk (Chinese glyphs) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/report-screenshots}"
time_limit="${TIME_LIMIT:-20}"

command -v python3 >/dev/null || scripts/apt-install.sh screenshot-reports python3
scripts/apt-install.sh screenshot-reports chromium fonts-noto-cjk

swift build --product alliance >/dev/null
alliance="$(swift build --show-bin-path)/alliance"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

failures=0
for example in models/examples/*/; do
    name="$(basename "$example")"
    "$alliance" solve "$example" --out "$work/$name" --time-limit "$time_limit" --quiet --no-timings
    page="$work/$name/report.html"
    # Static check: no URL with a scheme, no src=, no href= other than in-page anchors, no @import or url().
    if grep -noE 'https?://|//[a-z0-9.-]+\.[a-z]{2,}/|\ssrc=|href="[^#]|@import|url\(' "$page"; then
        echo "screenshot-reports: $name/report.html names an external resource (above)" >&2
        failures=$((failures + 1))
    fi
    if ! python3 scripts/report-screenshot.py "$page" "$out/$name"; then
        failures=$((failures + 1))
    fi
    # Printed: one page per alliance after the summary pages (scripts/report-print-check.py).
    if ! python3 scripts/report-print-check.py "$page" --pdf "$out/$name-print.pdf" --png "$out/$name-print-card.png"; then
        failures=$((failures + 1))
    fi
    cp "$page" "$out/$name-report.html"
done
ls -1 "$out"
if [ "$failures" -gt 0 ]; then
    echo "screenshot-reports: $failures problem(s)" >&2
    exit 1
fi
echo "screenshot-reports: screenshots in $out; no report loads anything from the network"
