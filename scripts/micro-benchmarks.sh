#!/usr/bin/env bash
# Runs the micro-benchmarks (benchmarks/micro, ordo-one/benchmark) in a release build.
#
#   scripts/micro-benchmarks.sh [check]   run them and check against benchmarks/micro/Thresholds:
#                                         exit 0 when no metric got worse than its margin allows
#   scripts/micro-benchmarks.sh run       run them and print every metric's percentiles
#   scripts/micro-benchmarks.sh update    run them and store the results as the new thresholds
#
# Further arguments go to `swift package benchmark`, e.g. `run --filter 'CSV.*'`. The machine
# should be otherwise idle: most metrics are times. Not part of CI (build and run take minutes).
set -euo pipefail
cd "$(dirname "$0")/../benchmarks/micro"

mode=check
if [[ $# -gt 0 && "$1" != -* ]]; then
    mode=$1
    shift
fi
case "$mode" in
    check) exec swift package benchmark thresholds check --no-progress "$@" ;;
    run) exec swift package benchmark --no-progress "$@" ;;
    update) exec swift package --allow-writing-to-package-directory benchmark thresholds update --no-progress "$@" ;;
    *) echo "usage: $0 [check|run|update] [swift package benchmark options]" >&2; exit 2 ;;
esac
