#!/usr/bin/env bash
# Regenerates docs/man/alliance.1, the manual page, from the command's own help with
# swift-argument-parser's manual plugin (`swift package generate-manual`). Run it after changing
# an option, a subcommand or a help text; ManPageTests fails while the page lacks an option the
# help shows. The page's date is that of the last commit touching Sources/alliance, so that the
# same code gives the same page.
#
# Usage: scripts/generate-manual.sh
set -euo pipefail
cd "$(dirname "$0")/.."
date=$(git log -1 --format=%cs -- Sources/alliance 2>/dev/null || true)
[[ -n "$date" ]] || date=$(date -u +%F)
swift package --disable-sandbox generate-manual --product alliance --date "$date" \
  --authors "the alliance-planner authors" >&2
page=$(find .build/plugins -path '*GenerateManual*' -name alliance.1 -newer Package.swift -print -quit)
[[ -n "$page" ]] || { echo "generate-manual.sh: the plugin wrote no alliance.1" >&2; exit 1; }
mkdir -p docs/man
cp "$page" docs/man/alliance.1.tmp && mv docs/man/alliance.1.tmp docs/man/alliance.1
echo "wrote docs/man/alliance.1" >&2
