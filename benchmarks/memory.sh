#!/usr/bin/env bash
# Measures the peak memory (maximum resident set size, GNU time's -v) of the release `alliance`
# on the benchmark sizes S, M, L and XL, and writes benchmarks/MEMORY.md.
#
#   benchmarks/memory.sh [seconds]     time limit per solve (default 60)
#   BIN=folder benchmarks/memory.sh    measure the alliance and alliance-bench in that folder
#                                      instead of building them (e.g. an older build, to compare)
#
# For each size: `alliance check` (reading, validation, pre-checks: the input side alone) and
# `alliance solve --time-limit S` (the default strategy, exact). Instances come from
# `alliance-bench generate`, as in benchmarks/run.sh. Then `alliance check` on large lists, where
# reading is what costs: tiny with a 10 MB cell, XL with a million empty rows (what Excel saves
# for formatted empty rows) and XL with 300,000 `prefer` rows in pairs.csv.
# Needs GNU time (Debian package `time`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
limit="${1:-60}"
[[ -x /usr/bin/time ]] || { echo "memory.sh: needs GNU time: apt-get install time" >&2; exit 1; }

if [[ -n "${BIN:-}" ]]; then
  bin="$BIN"
else
  echo "== building alliance-bench and alliance (release)" >&2
  swift build -c release --product alliance-bench >&2
  swift build -c release --product alliance >&2
  bin="$(swift build -c release --show-bin-path)"
fi

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

# Large lists, built from tiny and XL (deterministic: no randomness).
large="$work/large"
mkdir -p "$large"
cp -R ../models/examples/tiny "$large/tiny-10mb-cell"
# The first community's name (2nd column) becomes 10,000,000 x's.
{
  head -n 1 ../models/examples/tiny/communities.csv
  sed -n 2p ../models/examples/tiny/communities.csv | cut -d, -f1 | tr -d '\n'
  printf ','
  head -c 10000000 /dev/zero | tr '\0' x
  printf ','
  sed -n 2p ../models/examples/tiny/communities.csv | cut -d, -f3-
  tail -n +3 ../models/examples/tiny/communities.csv
} > "$large/tiny-10mb-cell/communities.csv"
cp -R "$work/XL" "$large/XL-empty-rows"
awk 'BEGIN { for (i = 0; i < 1000000; i++) print ",,,,,,,,,,," }' >> "$large/XL-empty-rows/organizations.csv"
cp -R "$work/XL" "$large/XL-300k-pairs"
# Unit u prefers communities (7u + 13k) mod 600 + 1 for k < 125 (distinct, as 13 and 600 are
# coprime), except pairs that already have a rule.
awk -F, 'NR > 1 { rule[$1 "," $2] = 1 } END {
  for (u = 1; u <= 2400; u++) for (k = 0; k < 125; k++) {
    pair = "U" u ",C" ((7 * u + 13 * k) % 600 + 1)
    if (!(pair in rule)) print pair ",prefer," ((u + k) % 5 + 1)
  } }' "$work/XL/pairs.csv" >> "$large/XL-300k-pairs/pairs.csv"
reading=""
for name in tiny-10mb-cell XL-empty-rows XL-300k-pairs; do
  dir="$large/$name"
  bytes=$(cat "$dir"/*.csv | wc -c)
  echo "== $name" >&2
  read -r check_mib check_s check_rc < <(measure "$bin/alliance" check "$dir")
  reading+="| $name | $(awk -v b="$bytes" 'BEGIN { printf "%.1f MiB", b / 1048576 }') | $check_mib MiB | $check_s | $check_rc |"$'\n'
done

cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
cores=$(nproc)
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
code="commit $(git -C .. rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -n "${BIN:-}" ]] && code="the binaries in $BIN"
# The "CSV reading speed" section is measured by hand (its command is in it): keep it.
kept=$(sed -n '/^## CSV reading speed/,$p' MEMORY.md 2>/dev/null || true)
cat > MEMORY.md <<REPORT
## Peak memory

Written by \`benchmarks/memory.sh $limit\` on $(date -u +%Y-%m-%d) ($code; $cpu, $cores cores, $mem RAM).
Peak = maximum resident set size reported by GNU \`time -v\`. \`check\` reads and validates the
lists, builds the problem and runs the pre-checks; \`solve\` runs the default strategy (\`exact\`)
with \`--time-limit $limit\` and the generated previous plan (\`--previous\`).

| size | communities | organizations | CSV input | check peak | check time | solve peak | solve time | solve exit |
|---|---|---|---|---|---|---|---|---|
$rows
Large lists (\`alliance check\`; see the comments in \`memory.sh\` for how they are made): the readers
stream, so reading holds one 64 KiB chunk of a file plus the rows kept, not the file.

| lists | CSV input | check peak | check time | check exit |
|---|---|---|---|---|
$reading
REPORT
[[ -n "$kept" ]] && printf '\n%s\n' "$kept" >> MEMORY.md
echo "wrote benchmarks/MEMORY.md" >&2
