#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ (with AddressSanitizer) and runs them.
#
#   scripts/fuzz.sh [seconds] [target]
#
# seconds  how long each target runs (default 60)
# target   FuzzInput, FuzzModel or FuzzWorkbook (default: all three, one after the other)
#
# Seeds come from fuzz/corpus/<target>/ (committed, read only); inputs libFuzzer finds on the
# way are kept in fuzz/.work/<target>/ (not committed) so later runs start from them.
# A crash leaves its input in fuzz/.work/crash-* and makes the script exit non-zero;
# turn each one into a test in the normal suite, then fix it.
# Linux only: Swift's -sanitize=fuzzer needs the fuzzer runtime of the Linux toolchain.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-60}
targets=${2:-"FuzzInput FuzzModel FuzzWorkbook"}
scratch=${FUZZ_SCRATCH:-.build}
export SWIFT_BACKTRACE=enable=no  # libFuzzer prints the stack; Swift's backtracer only slows crashes
export LSAN_OPTIONS="suppressions=$PWD/../scripts/lsan-suppressions.txt:print_suppressions=0"

for target in $targets; do
    mkdir -p .work
    # The gold linker warns once per ASan helper symbol; keep the log quiet unless the build fails.
    if ! swift build -c debug --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address --product "$target" \
        > ".work/build-$target.log" 2>&1; then
        grep -v "Cannot export local symbol" ".work/build-$target.log" >&2
        echo "fuzz.sh: $target did not build" >&2
        exit 1
    fi
    binary="$scratch/debug/$target"
    mkdir -p ".work/$target"
    echo "fuzz.sh: running $target for ${seconds}s"
    max_len=8192
    [ "$target" = FuzzWorkbook ] && max_len=65536  # a zip's directory sits at its end: keep seeds whole
    "$binary" ".work/$target" "corpus/$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 \
        -max_len="$max_len" -artifact_prefix=.work/ -print_final_stats=1
done
