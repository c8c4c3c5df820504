#!/usr/bin/env bash
# Regenerates docs/man/alliance.1, the manual page, from the command's own help with
# swift-argument-parser's manual plugin (`swift package generate-manual`). Run it after changing
# an option, a subcommand or a help text; ManPageTests fails while the page lacks an option the
# help shows. The page's date is that of the last commit touching Sources/alliance, so that the
# same code gives the same page.
#
# Usage: scripts/generate-manual.sh            (SCRATCH=DIR: the build folder, default .build)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${SCRATCH:-.build}"
date=$(git log -1 --format=%cs -- Sources/alliance 2>/dev/null || true)
[[ -n "$date" ]] || date=$(date -u +%F)
swift package --scratch-path "$scratch" --disable-sandbox generate-manual --configuration debug \
  --date "$date" --authors "the alliance-planner authors" >&2
page="$scratch/plugins/GenerateManual/outputs/alliance/alliance.1"
[[ -f "$page" ]] || { echo "generate-manual.sh: the plugin wrote no $page" >&2; exit 1; }
mkdir -p docs/man
cp "$page" docs/man/.alliance.1.tmp && mv docs/man/.alliance.1.tmp docs/man/alliance.1
echo "wrote docs/man/alliance.1" >&2
