#!/usr/bin/env bash
# Regenerates benchmarks/RESULTS.md (and the plots in benchmarks/results/).
#
#   benchmarks/run.sh           the full measurement: S and M with every strategy, glpsol and
#                               HiGHS at 120 s; L and XL with every strategy and glpsol at 60 s
#                               (time to first plan and gap). Takes 30–45 minutes.
#   benchmarks/run.sh --check   a pipeline check: S and M only, 10 s per run (about 2 minutes);
#                               RESULTS.md then says it is not a measurement.
#   benchmarks/run.sh --analysis  only the explain/suggest timings (S and XL, about a minute):
#                               results/analysis.json and that section of RESULTS.md, the rest kept.
#   benchmarks/run.sh --replan  only the re-planning measurement (S with 3 pinned units, with and
#                               without --max-changes 6; about 3 minutes): results/replan.json and
#                               the "re-planning around pins" section of RESULTS.md, the rest kept.
#   benchmarks/run.sh --families  every instance family (base, many-categories, tight, multi,
#                               uneven, mixed) at S and M with exact and local, HiGHS beside them,
#                               BENCH_FAMILY_TIME s per run (default 120; about 6 × 2 × 4 × that):
#                               results/families/<size>[-<family>].json and the "instance families" section
#                               of RESULTS.md, the rest kept. BENCH_FAMILIES and BENCH_FAMILY_SIZES
#                               choose others. Then, unless BENCH_FAMILY_LARGE=0, per family the first
#                               BENCH_FAMILY_CITY_DISTRICTS (default 2) districts of 150 × 600 of the city
#                               benchmark at 120 s (results/families/city-city[-<family>].json) and XL
#                               with exact at 300 s: about 6 × (2 + 5) minutes more.
#   benchmarks/run.sh --load    only the load test of the web workbench (issue #13: 20 clients
#                               editing and asking for suggestions on S for 30 s against the release
#                               `alliance serve`; about a minute plus building `alliance`):
#                               results/load.json and the "serving: 20 planners at once" section of
#                               RESULTS.md, the rest kept. Exits 1 when the load test misses a target
#                               (an error, or an edit p99 over 100 ms), after updating RESULTS.md.
#   benchmarks/run.sh --people  only the stage-3 benchmark (issue #17, people to posts: 1k, 10k,
#                               63k and 250k members on the city's 84 communities; our cost
#                               scaling, the tool's default, against OR-tools and HiGHS on the same
#                               flow network, GLPK's okalg as a cross-check up to 63k; about 20
#                               minutes): results/people.json, results/people-time.svg and the
#                               "People to posts (stage 3)" section of RESULTS.md, the rest kept.
#                               BENCH_PEOPLE_SIZES chooses other member counts,
#                               BENCH_OKALG_MAX_MEMBERS okalg's limit (default 63000),
#                               BENCH_COMMAND the command RESULTS.md states (e.g. with nice).
#
# Both full and check runs also time explain and suggest (alliance-bench analysis) and re-planning
# (alliance-bench replan; the check with shorter reference and optimum runs); the full run also
# runs the load test (the check keeps the load section of results/load.json, if any); BENCH_NOTE=TEXT
# adds a note to those sections (e.g. that the machine was shared).
#
# HiGHS comes from Python's highspy, installed into benchmarks/.venv on first use (set
# BENCH_PYTHON to use another interpreter); without it the HiGHS rows are marked skipped.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

mode=full
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  --analysis) mode=analysis ;;
  --replan) mode=replan ;;
  --families) mode=families ;;
  --load) mode=load ;;
  --people) mode=people ;;
  *) echo "usage: benchmarks/run.sh [--check | --analysis | --replan | --families | --load | --people]" >&2; exit 2 ;;
esac
strategies="${BENCH_STRATEGIES:-greedy,local,lp-round,exact}"

echo "== building alliance-bench (release)" >&2
swift build -c release --product alliance-bench >&2
bench="$(swift build -c release --show-bin-path)/alliance-bench"

code="commit $(git -C .. rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C .. status --porcelain -- Sources models Package.swift 2>/dev/null)" ]]; then
  code="$code plus uncommitted changes in Sources/ or models/"
fi

if [[ "$mode" == analysis ]]; then
  "$bench" analysis --code "$code" ${BENCH_NOTE:+--note "$BENCH_NOTE"}
  "$bench" report --analysis-only
  exit 0
fi
if [[ "$mode" == replan ]]; then
  "$bench" replan --code "$code" ${BENCH_NOTE:+--note "$BENCH_NOTE"}
  "$bench" report --replan-only
  exit 0
fi

# The load test needs the release `alliance` of the repository root (the server under test).
run_load() {
  echo "== building alliance (release) at the repository root" >&2
  (cd .. && swift build -c release --product alliance) >&2
  rm -f results/load.json
  mkdir -p results
  load_status=0
  # alliance-bench load finds that binary itself (`swift build -c release --show-bin-path` at the root).
  "$bench" load --code "$code" ${BENCH_NOTE:+--note "$BENCH_NOTE"} || load_status=$?
  # A missed target still writes results/load.json (and the section says so); a harness error does not.
  [[ -f results/load.json ]] || exit "$load_status"
}
if [[ "$mode" == load ]]; then
  run_load
  "$bench" report --load-only
  exit "$load_status"
fi

# Pinned, so that the solvers' timings compare across runs.
highspy_version="${BENCH_HIGHSPY_VERSION:-1.16.0}"
ortools_version="${BENCH_ORTOOLS_VERSION:-9.15.6755}"
python="${BENCH_PYTHON:-}"
if [[ -z "$python" ]]; then
  python="$here/.venv/bin/python"
  if ! "$python" -c "import highspy" 2>/dev/null; then
    echo "== installing highspy $highspy_version into benchmarks/.venv" >&2
    if ! { python3 -m venv "$here/.venv" && "$here/.venv/bin/pip" install --quiet "highspy==$highspy_version"; } >&2; then
      echo "warning: highspy could not be installed; HiGHS runs will be skipped" >&2
      python=python3
    fi
  fi
fi

if [[ "$mode" == people ]]; then
  # OR-tools only for this benchmark (its SimpleMinCostFlow beside our cost scaling).
  if [[ -z "${BENCH_PYTHON:-}" ]] && ! "$python" -c "import ortools" 2>/dev/null; then
    echo "== installing ortools $ortools_version into benchmarks/.venv" >&2
    "$here/.venv/bin/pip" install --quiet "ortools==$ortools_version" >&2 \
      || echo "warning: ortools could not be installed; its runs will be marked unavailable" >&2
  fi
  rm -f results/people.json
  mkdir -p results
  "$bench" people --sizes "${BENCH_PEOPLE_SIZES:-1000,10000,63000,250000}" --python "$python" --no-report \
    --okalg-max-members "${BENCH_OKALG_MAX_MEMBERS:-63000}" \
    --command "${BENCH_COMMAND:-benchmarks/run.sh --people}" \
    --code "$code" ${BENCH_NOTE:+--note "$BENCH_NOTE"}
  "$bench" report --people-only
  exit 0
fi

if [[ "$mode" == families ]]; then
  # Their own folder, base included: the 2x-base rule compares runs made together.
  mkdir -p results/families
  "$bench" run --families "${BENCH_FAMILIES:-all}" --sizes "${BENCH_FAMILY_SIZES:-S,M}" \
    --strategies "${BENCH_STRATEGIES:-local,exact}" --time-limit "${BENCH_FAMILY_TIME:-120}" --glpsol --highs --python "$python" \
    --out results/families
  if [[ "${BENCH_FAMILY_LARGE:-1}" != 0 ]]; then
    # 150 × 600 (the city benchmark's districts, the first BENCH_FAMILY_CITY_DISTRICTS of ten,
    # 120 s each) and XL (exact, 300 s; glpsol and HiGHS beside it on the base family only:
    # 300 s each on every family would add an hour).
    IFS=, read -ra families <<< "${BENCH_FAMILIES:-all}"
    [[ "${families[0]}" == all ]] && families=(base many-categories tight multi uneven mixed)
    for family in "${families[@]}"; do
      "$bench" city --scale city --family "$family" --first-districts "${BENCH_FAMILY_CITY_DISTRICTS:-2}" \
        --time-limit 120 --jobs 2 --out results/families
    done
    "$bench" run --families "${BENCH_FAMILIES:-all}" --sizes XL --strategies exact --time-limit 300 --out results/families
    "$bench" run --families base --sizes XL --strategies "" --glpsol --highs --python "$python" --time-limit 300 \
      --merge --out results/families
  fi
  "$bench" report --families-only --results results/families --code "$code"
  exit 0
fi

# The harness's own results only; city-*.json (alliance-bench city) belong to LARGE.md.
rm -f results/S.json results/M.json results/L.json results/XL.json results/objective-*.svg results/analysis.json results/replan.json
mkdir -p results
if [[ "$mode" == check ]]; then
  "$bench" run --sizes S,M --strategies "$strategies" --time-limit 10 --glpsol --highs --python "$python"
  "$bench" analysis --code "$code" ${BENCH_NOTE:+--note "$BENCH_NOTE"}
  "$bench" replan --reference-time-limit 10 --optimum-time-limit 20 --code "$code" ${BENCH_NOTE:+--note "$BENCH_NOTE"}
  "$bench" report --command "benchmarks/run.sh --check" --code "$code" \
    --banner "Pipeline check only (10 s per run, sizes S and M): not the final measurement. Run benchmarks/run.sh for that."
else
  "$bench" run --sizes S,M --strategies "$strategies" --time-limit 120 --glpsol --highs --python "$python"
  "$bench" run --sizes L,XL --strategies "$strategies" --time-limit 60 --glpsol
  "$bench" analysis --code "$code" ${BENCH_NOTE:+--note "$BENCH_NOTE"}
  "$bench" replan --code "$code" ${BENCH_NOTE:+--note "$BENCH_NOTE"}
  run_load
  "$bench" report --command "benchmarks/run.sh" --code "$code"
fi
# A missed load-test target fails the full run too, after RESULTS.md is written.
exit "${load_status:-0}"
