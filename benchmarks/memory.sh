#!/usr/bin/env bash
# Measures the peak memory (maximum resident set size, GNU time's -v) of the release `alliance`
# on the benchmark sizes S, M, L and XL, and writes benchmarks/MEMORY.md.
#
#   benchmarks/memory.sh [seconds]     time limit per solve (default 60)
#
# For each size: `alliance check` (reading, validation, pre-checks: the input side alone) and
# `alliance solve --time-limit S` (the default strategy, exact). Instances come from
# `alliance-bench generate`, as in benchmarks/run.sh. Needs GNU time (Debian package `time`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
limit="${1:-60}"
[[ -x /usr/bin/time ]] || { echo "memory.sh: needs GNU time: apt-get install time" >&2; exit 1; }

echo "== building alliance-bench and alliance (release)" >&2
swift build -c release --product alliance-bench >&2
swift build -c release --product alliance >&2
bin="$(swift build -c release --show-bin-path)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Runs a command under GNU time; prints "peak-MiB seconds exit-status".
measure() {
  local status=0
  /usr/bin/time -v -o "$work/time.txt" "$@" > /dev/null 2> "$work/stderr.txt" || status=$?
  local kb seconds
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
  awk -v kb="$kb" -v s="$seconds" -v rc="$status" 'BEGIN { printf "%.1f %s %s\n", kb / 1024, s, rc }'
}

rows=""
for size in S M L XL; do
  dir="$work/$size"
  summary=$("$bin/alliance-bench" generate --size "$size" --out "$dir")
  communities=$(($(wc -l < "$dir/communities.csv") - 1))
  organizations=$(($(wc -l < "$dir/organizations.csv") - 1))
  bytes=$(cat "$dir"/*.csv | wc -c)
  echo "== $size: $summary" >&2
  read -r check_mib check_s check_rc < <(measure "$bin/alliance" check "$dir" --previous "$dir/previous-plan.csv")
  read -r solve_mib solve_s solve_rc < <(measure "$bin/alliance" solve "$dir" --previous "$dir/previous-plan.csv" \
    --time-limit "$limit" --quiet --out "$work/out-$size")
  rows+="| $size | $communities | $organizations | $((bytes / 1024)) KiB | $check_mib MiB | $check_s | $solve_mib MiB | $solve_s | $solve_rc |"$'\n'
done

cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
cores=$(nproc)
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
code="commit $(git -C .. rev-parse --short HEAD 2>/dev/null || echo unknown)"
cat > MEMORY.md <<REPORT
## Peak memory

Written by \`benchmarks/memory.sh $limit\` on $(date -u +%Y-%m-%d) ($code; $cpu, $cores cores, $mem RAM).
Peak = maximum resident set size reported by GNU \`time -v\`. \`check\` reads and validates the
lists, builds the problem and runs the pre-checks; \`solve\` runs the default strategy (\`exact\`)
with \`--time-limit $limit\` and the generated previous plan (\`--previous\`).

| size | communities | organizations | CSV input | check peak | check time | solve peak | solve time | solve exit |
|---|---|---|---|---|---|---|---|---|
$rows
REPORT
echo "wrote benchmarks/MEMORY.md" >&2
