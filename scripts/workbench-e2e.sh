#!/usr/bin/env bash
# The web workbench in a real browser: builds `alliance`, then scripts/workbench-e2e.py starts
# `alliance serve` and drives headless Chromium through upload, solve, drag and drop, suggestions,
# undo, pins, re-optimization and downloads, checking the page's score against
# `alliance evaluate`; it fails on any console error, JavaScript exception, failed request or
# request to another host. Screenshots at 1280 and 390 px go to OUT (default
# .build/workbench-screenshots; the README's are docs/images/workbench-*.png, refreshed with
# `scripts/workbench-e2e.sh docs/images`).
#
#   scripts/workbench-e2e.sh [OUT]        TIME_LIMIT=seconds per solve (default 10)
#
# Installs Debian's chromium and fonts-noto-cjk (Chinese glyphs) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/workbench-screenshots}"

command -v python3 >/dev/null || scripts/apt-install.sh workbench-e2e python3
scripts/apt-install.sh workbench-e2e chromium fonts-noto-cjk

swift build --product alliance >/dev/null
alliance="$(swift build --show-bin-path)/alliance"
python3 scripts/workbench-e2e.py --alliance "$alliance" --out "$out" --time-limit "${TIME_LIMIT:-10}"
