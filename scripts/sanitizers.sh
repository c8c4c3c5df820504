#!/usr/bin/env bash
# The sanitizer checks CI runs after the test suite (.ci/run; the README names this script):
#
#   1. the test suite under AddressSanitizer, but its longest searches and five slow CLI and
#      glpsol tests (scratch folder .build-asan; ASAN_SKIP=regex chooses others, ASAN_SKIP='^$'
#      runs the whole suite)
#   2. the tests of parallel solves under ThreadSanitizer     (scratch folder .build-tsan);
#      TSAN_FILTER=regex chooses others, TSAN_FILTER=. the whole suite
#   3. a one-minute fuzz smoke run: scripts/fuzz.sh, 20 s for each of FuzzInput, FuzzModel, FuzzWorkbook
#
#   scripts/sanitizers.sh [asan|tsan|fuzz ...]    default: all three, in that order
#
# Each step prints how long it took; together they fit CI's 30 minutes on 2 cores
# (measured figures: docs/TESTING.md).
set -euo pipefail
cd "$(dirname "$0")/.."
# ThreadSanitizer runs the tests whose solves use several threads (decomposition pricing,
# stage-2 claiming, worker threads for districts and street blocks, GLPK's per-thread state);
# TSAN_FILTER=. runs the whole suite.
tsan_default="DecompositionTests|ClaimTests|WorkerThreadsTests|StreetDecomposition|ThreadTests"
tsan_filter=(--filter "${TSAN_FILTER:-$tsan_default}")
# AddressSanitizer leaves out the seven longest searches of the suite (about 280 s of its ~700 s
# in a debug build, 2.3× that under ASan): exact solves checked against brute force, glpsol and
# each other on dozens of random instances. They run in the plain suite; under ASan they repeat
# the same wrapper calls and Swift array code that the rest of the suite already runs there, so
# they cost CI a quarter of an hour and find nothing the others cannot. Also left out (about 120 s
# under ASan in CI, 2026-12-03): five tests whose time goes to waiting or to processes ASan does
# not instrument — the golden files (byte comparisons of CLI runs that other CLI tests also
# make), comparing every strategy end to end, the two glpsol cross-checks (glpsol does the work)
# and the second Ctrl-C (a timed wait; the other signal tests stay). ASAN_SKIP='^$' keeps them.
asan_default="ReplanTests.testEveryStrategyKeepsTheRulesAndNeverFallsBelowTheStart|ReplanTests.testExactWithDefaultPhasesProvesTheRestrictedOptimum|ReplanTests.testDecompositionBoundWithAChangeLimitIsValidAndTighter|RandomInstanceTests.testExactMatches|PinTests.testStageOneModelProvesTheRestrictedOptimum|DecompositionTests.testBlockWarmStartConvergesToTheSameBound|GoldenOutputTests|EndToEndTests.testCompareAllStrategiesAndEvaluateEachPlan|EndToEndTests.testSolveMatchesGlpsolAndEvaluate|PinTests.testGlpsolAgreesOnTheExportedModel|InterruptTests.testSecondCtrlCQuitsAtOnce"
asan_skip=(--skip "${ASAN_SKIP:-$asan_default}")
# Leak reports about Swift objects are false positives; see the file for what stays checked.
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0"
steps=("${@:-asan tsan fuzz}")

step() {
  local name=$1 start=$SECONDS
  shift
  echo "== $name" >&2
  "$@"
  echo "== $name: $((SECONDS - start)) s" >&2
}

for s in ${steps[*]}; do
  case "$s" in
    asan) step "AddressSanitizer, the suite but the longest searches" \
            swift test --sanitize=address --scratch-path .build-asan "${asan_skip[@]}" ;;
    tsan) step "ThreadSanitizer, ${tsan_filter[1]}" \
            swift test --sanitize=thread --scratch-path .build-tsan "${tsan_filter[@]}" ;;
    fuzz) step "fuzz smoke run, 20 s per target" scripts/fuzz.sh 20 "FuzzInput FuzzModel FuzzWorkbook" ;;
    *) echo "usage: scripts/sanitizers.sh [asan|tsan|fuzz ...]" >&2; exit 64 ;;
  esac
done
