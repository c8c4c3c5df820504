#!/usr/bin/env bash
# Runs a district batch through a real Slurm job array on this one machine, end to end:
#
#   1. installs Debian's slurm-wlm and munge when missing (scripts/apt-install.sh);
#   2. starts a private one-node cluster from a generated slurm.conf in a temporary folder:
#      its own munged (own socket and key copy), slurmctld and slurmd on free ports;
#   3. builds the release `alliance` (swift build -c release; a no-op when up to date);
#   4. generates a city (`alliance generate`, 10 districts × 20 communities × 80 units);
#   5. submits deploy/slurm/alliance-array.sbatch as a 10-task array (--array=0-9%K, K = the
#      tasks that fit on the node at once) and waits for it (squeue -j);
#   6. `alliance merge` (exit 0 required), checks that plan.csv has every district, runs
#      `alliance evaluate` on the merged plan (exit 0 required);
#   7. prints each task's wall time, each district's gap (OUT/districts.csv) and each phase's time;
#   8. submits the same array again, and deploy/slurm/alliance-merge.sbatch chained after it
#      with --dependency=afterany: every district must be skipped (resume), and the merge job
#      (merge + evaluate) must succeed and give the same plan.csv.
#
# The daemons it started are always stopped and the temporary folder removed (trap on EXIT),
# so it can be run again; a Slurm or munge already installed or running is left alone (other
# ports, another munge socket, SLURM_CONF pointing at the generated file).
#
#   scripts/slurm-smoke.sh [--districts N] [--communities C] [--units U] [--time-limit S]
#                          [--family F] [--seed S] [--large] [--keep] [--no-resume]
#
#   --large      10 districts × 150 communities × 600 units, 60 s per district (the city scale
#                of the benchmarks; takes minutes)
#   --keep       keep the temporary folder (lists, plan, logs, slurm.conf) for a look afterwards
#   --no-resume  skip step 8 (by default the array is submitted a second time with the merge
#                job chained after it: every district must be skipped as already planned, and
#                the merge job must give the same plan.csv)
#
# Environment: ALLIANCE_BIN = an alliance binary to use instead of building one;
# ALLIANCE_SCRATCH = swift build's --scratch-path (default .build).
#
# What a container needs (found on Debian 12 under gVisor, no systemd, cgroup v1 mounts but
# no cgroup delegation), all in the generated slurm.conf below:
#   - ProctrackType=proctrack/linuxproc and TaskPlugin=task/none: no cgroup plugin, so no
#     cgroup.conf either; JobAcctGatherType=jobacct_gather/none, AccountingStorageType=
#     accounting_storage/none (no slurmdbd): hence no sacct, and task times come from the
#     tasks' own log lines and `scontrol show job` (MinJobAge keeps finished tasks visible).
#   - SlurmUser=root and SlurmdUser=root: the daemons run as the user running this script.
#   - The daemons run in the foreground (-D) in the background of this script, so their
#     process ids are known and only they are stopped; -f points at the generated file and
#     SLURM_CONF is exported for sbatch/squeue/sinfo/scontrol.
#   - munged as root refuses a key not owned by root (Debian's /etc/munge/munge.key belongs
#     to munge), and wants its socket folder searchable by all: the key is copied into a 0700
#     folder of the temporary folder, the socket lives in a 0755 one, and slurm.conf's
#     AuthInfo=socket=… points Slurm at that socket.
#   - slurmd logs errors about the mpi/pmix plugins (no PMIx library): harmless for sbatch.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
districts=10
communities=20
units=80
time_limit=10
family=
seed=1
keep=0
resume=1

die() { echo "slurm-smoke: FAILED: $*" >&2; exit 1; }
usage() { awk '/^#   scripts\/slurm-smoke.sh/ { on = 1 } /^# Environment:/ { on = 0 } on' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
    case $1 in
        --districts) districts=$2; shift 2 ;;
        --communities) communities=$2; shift 2 ;;
        --units) units=$2; shift 2 ;;
        --time-limit) time_limit=$2; shift 2 ;;
        --family) family=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --large) communities=150; units=600; time_limit=60; shift ;;
        --keep) keep=1; shift ;;
        --no-resume) resume=0; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
for value in "$districts" "$communities" "$units" "$time_limit" "$seed"; do
    [[ $value =~ ^[0-9]+$ ]] || die "not a whole number: $value"
done
[ "$districts" -ge 1 ] || die "--districts must be at least 1"
[ "$(id -u)" -eq 0 ] || die "run as root (the one-node cluster's daemons run as root)"

# ---- timing -------------------------------------------------------------------------------
script_started=$(date +%s.%N)
phase_names=()
phase_seconds=()
phase_name=
phase_started=
seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }
phase() { # phase NAME: ends the running phase (if any) and starts NAME
    if [ -n "$phase_name" ]; then
        local took
        took=$(seconds_since "$phase_started")
        phase_names+=("$phase_name")
        phase_seconds+=("$took")
        echo "slurm-smoke: phase '$phase_name' took $took s"
    fi
    phase_name=${1:-}
    phase_started=$(date +%s.%N)
    [ -z "$phase_name" ] || echo "slurm-smoke: ---- $phase_name"
}
print_phases() {
    local i
    echo "slurm-smoke: phase times"
    for i in "${!phase_names[@]}"; do
        printf '  %-16s %8s s\n' "${phase_names[$i]}" "${phase_seconds[$i]}"
    done
    printf '  %-16s %8s s\n' "total" "$(seconds_since "$script_started")"
}

# ---- cleanup: always stop what was started, remove the temporary folder ---------------------
tmp=
job_id=
munged_pid=
slurmctld_pid=
slurmd_pid=
stop_pid() { # stop_pid PID NAME: SIGTERM, wait up to 10 s, then SIGKILL
    local pid=$1 name=$2 i
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.2
    done
    echo "slurm-smoke: $name ($pid) did not stop on SIGTERM; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    set +e
    if [ -n "$job_id" ] && [ -n "$slurmctld_pid" ] && kill -0 "$slurmctld_pid" 2>/dev/null; then
        if [ -n "$(squeue -h -j "$job_id" -o %i 2>/dev/null)" ]; then
            echo "slurm-smoke: cancelling job $job_id" >&2
            scancel "$job_id" 2>/dev/null
            for _ in $(seq 1 30); do
                [ -z "$(squeue -h -j "$job_id" -o %i 2>/dev/null)" ] && break
                sleep 1
            done
        fi
    fi
    stop_pid "$slurmd_pid" slurmd
    stop_pid "$slurmctld_pid" slurmctld
    stop_pid "$munged_pid" munged
    if [ -n "$tmp" ] && [ -d "$tmp" ]; then
        if [ "$keep" = 1 ]; then
            echo "slurm-smoke: kept $tmp"
        else
            rm -rf "$tmp"
        fi
    fi
    if [ "$status" -ne 0 ]; then
        echo "slurm-smoke: FAILED (exit status $status) after $(seconds_since "$script_started") s" >&2
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- 1. packages ----------------------------------------------------------------------------
phase "apt install"
packages=(slurm-wlm munge)
command -v python3 >/dev/null || packages+=(python3) # reads the CSV files below
"$repo/scripts/apt-install.sh" slurm-smoke "${packages[@]}" || die "could not install ${packages[*]}"
for tool in slurmctld slurmd sbatch squeue sinfo scontrol scancel munged mungekey python3; do
    command -v "$tool" >/dev/null || die "$tool is not on PATH after installing slurm-wlm and munge"
done

# ---- 2. one-node cluster --------------------------------------------------------------------
phase "daemon start"
tmp=$(mktemp -d /tmp/alliance-slurm-smoke.XXXXXX)
chmod 755 "$tmp" # munged wants every folder above its socket searchable
mkdir -p "$tmp/etc" "$tmp/state" "$tmp/spool" "$tmp/log" "$tmp/munge" "$tmp/logs"
mkdir -m 700 "$tmp/munge-private"

if [ ! -s /etc/munge/munge.key ]; then
    echo "slurm-smoke: creating /etc/munge/munge.key"
    mkdir -p /etc/munge
    mungekey --create --keyfile=/etc/munge/munge.key
    chown munge:munge /etc/munge/munge.key 2>/dev/null || true
    chmod 600 /etc/munge/munge.key
fi
install -m 600 -o root -g root /etc/munge/munge.key "$tmp/munge-private/munge.key"
munge_socket=$tmp/munge/munge.socket
munged --foreground --socket="$munge_socket" --key-file="$tmp/munge-private/munge.key" \
    --pid-file="$tmp/munge/munged.pid" --seed-file="$tmp/munge-private/munged.seed" \
    --log-file="$tmp/log/munged.log" >>"$tmp/log/munged.out" 2>&1 &
munged_pid=$!
for _ in $(seq 1 50); do
    [ -S "$munge_socket" ] && break
    kill -0 "$munged_pid" 2>/dev/null || { cat "$tmp/log/munged.log" >&2; die "munged did not start"; }
    sleep 0.1
done
[ -S "$munge_socket" ] || die "munged made no socket at $munge_socket"
munge -S "$munge_socket" -n | unmunge -S "$munge_socket" >/dev/null || die "munge credentials do not round-trip"

port_free() { [ -z "$(ss -Htln "sport = :$1" 2>/dev/null)" ]; }
ports=()
for port in $(seq 16817 2 16999); do
    if port_free "$port" && port_free "$((port + 1))"; then
        ports=("$port" "$((port + 1))")
        break
    fi
done
[ ${#ports[@]} -eq 2 ] || die "no two free TCP ports between 16817 and 17000"

node=$(hostname -s)
# The node's real hardware (CPUs, sockets, cores, threads, RealMemory) as slurmd sees it, so
# the node is not drained for having less than configured.
node_hardware=$(slurmd -C | sed -n -e 1p | sed -e 's/^NodeName=[^ ]* //')
[ -n "$node_hardware" ] || die "slurmd -C printed nothing"
node_cpus=$(sed -n 's/.*\bCPUs=\([0-9]*\).*/\1/p' <<<"$node_hardware")
[ -n "$node_cpus" ] || node_cpus=$(nproc)

export SLURM_CONF=$tmp/etc/slurm.conf
cat >"$SLURM_CONF" <<EOF
# Generated by scripts/slurm-smoke.sh: a one-node cluster on $node for one smoke run.
ClusterName=alliancesmoke
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=${ports[0]}
SlurmdPort=${ports[1]}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$munge_socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
MinJobAge=3600
NodeName=$node NodeAddr=127.0.0.1 $node_hardware State=UNKNOWN
PartitionName=smoke Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -D -f "$SLURM_CONF" >>"$tmp/log/slurmctld.out" 2>&1 &
slurmctld_pid=$!
slurmd -D -f "$SLURM_CONF" >>"$tmp/log/slurmd.out" 2>&1 &
slurmd_pid=$!
state=
for _ in $(seq 1 120); do
    kill -0 "$slurmctld_pid" 2>/dev/null || { tail -n 20 "$tmp/log/slurmctld.log" >&2; die "slurmctld exited"; }
    kill -0 "$slurmd_pid" 2>/dev/null || { tail -n 20 "$tmp/log/slurmd.log" >&2; die "slurmd exited"; }
    state=$(sinfo -h -n "$node" -o %t 2>/dev/null || true)
    [ "$state" = idle ] && break
    sleep 0.5
done
if [ "$state" != idle ]; then
    tail -n 20 "$tmp/log/slurmctld.log" "$tmp/log/slurmd.log" >&2
    die "node $node is '${state:-unknown}', not idle, after 60 s"
fi
echo "slurm-smoke: node $node idle ($node_hardware), slurmctld :${ports[0]}, slurmd :${ports[1]}"
sinfo

# ---- 3. build -------------------------------------------------------------------------------
phase "build"
if [ -n "${ALLIANCE_BIN:-}" ]; then
    alliance=$ALLIANCE_BIN
    [ -x "$alliance" ] || die "ALLIANCE_BIN=$alliance is not an executable"
else
    scratch=${ALLIANCE_SCRATCH:-$repo/.build}
    # Without SLURM_CONF: SwiftPM rebuilds some dependencies when the environment differs
    # from the last build's (30 s here for nothing).
    (unset SLURM_CONF && cd "$repo" && swift build -c release --product alliance --scratch-path "$scratch") ||
        die "swift build -c release failed"
    alliance=$(cd "$repo" && swift build -c release --scratch-path "$scratch" --show-bin-path)/alliance
fi
"$alliance" --version >/dev/null || die "$alliance does not run"
echo "slurm-smoke: alliance = $alliance"

# ---- 4. lists -------------------------------------------------------------------------------
phase "generate"
lists=$tmp/lists
out=$tmp/plan
generate=("$alliance" generate --districts "$districts" --communities "$communities" --units "$units"
    --seed "$seed" --out "$lists")
[ -z "$family" ] || generate+=(--family "$family")
echo "slurm-smoke: ${generate[*]}"
"${generate[@]}" || die "alliance generate failed"

# ---- 5. the array ---------------------------------------------------------------------------
at_once=$((node_cpus > districts ? districts : node_cpus))
[ "$at_once" -ge 1 ] || at_once=1
# Each task's --time: its one district's limit plus a few minutes for reading and writing.
task_minutes=$((time_limit / 60 + 5))
submit_array() { # submits the array; sets job_id
    local submit
    submit=(sbatch --parsable --array="0-$((districts - 1))%$at_once" --cpus-per-task=1
        --time="$task_minutes" --chdir="$tmp" --output="$tmp/logs/alliance-%A_%a.out"
        --export="ALL,ALLIANCE=$alliance,LISTS=$lists,OUT=$out,TIME_LIMIT=$time_limit"
        "$repo/deploy/slurm/alliance-array.sbatch")
    echo "slurm-smoke: ${submit[*]}"
    job_id=$("${submit[@]}") || die "sbatch failed"
    job_id=${job_id%%;*}
    echo "slurm-smoke: submitted array job $job_id"
}
wait_job() { # wait_job ID TASKS: waits until squeue no longer lists job ID (no accounting here,
    # so no sacct), then requires each of its TASKS tasks (0: a plain job) to have ended
    # COMPLETED with exit code 0:0, as `scontrol show job` keeps them for MinJobAge seconds.
    local id=$1 tasks=$2 pending last='' deadline line task job_state exit_code failed=0 seen=0
    deadline=$(($(date +%s) + districts * (time_limit + 60) / at_once + 300))
    while :; do
        pending=$(squeue -h -j "$id" -o '%i %t' 2>/dev/null | sort | tr '\n' ' ' || true)
        [ -n "$pending" ] || break
        if [ "$pending" != "$last" ]; then
            echo "slurm-smoke: $(date -u +%T) queue: $pending"
            last=$pending
        fi
        [ "$(date +%s)" -lt "$deadline" ] || die "job $id still queued or running at the deadline"
        sleep 1
    done
    while read -r line; do
        [[ $line == JobId=* ]] || continue
        [ "$tasks" -eq 0 ] || [[ $line == *ArrayTaskId=* ]] || continue
        seen=$((seen + 1))
        task=$(sed -n 's/.* ArrayTaskId=\([^ ]*\).*/\1/p' <<<"$line")
        job_state=$(sed -n 's/.* JobState=\([^ ]*\).*/\1/p' <<<"$line")
        exit_code=$(sed -n 's/.* ExitCode=\([^ ]*\).*/\1/p' <<<"$line")
        if [ "$job_state" != COMPLETED ] || [ "$exit_code" != 0:0 ]; then
            echo "slurm-smoke: job $id${task:+ task $task} ended $job_state with exit code $exit_code; its log:" >&2
            if [ -n "$task" ]; then cat "$tmp/logs/alliance-${id}_$task.out" >&2; else cat "$tmp/logs/alliance-merge-$id.out" >&2; fi
            failed=$((failed + 1))
        fi
    done < <(scontrol -o show job "$id" 2>/dev/null)
    [ "$seen" -eq "$((tasks > 0 ? tasks : 1))" ] || die "scontrol shows $seen tasks of job $id, not $tasks"
    [ "$failed" -eq 0 ] || die "$failed task(s) of job $id failed"
}
run_array() { submit_array && wait_job "$job_id" "$districts"; }
task_log() { echo "$tmp/logs/alliance-${job_id}_$1.out"; }

phase "array"
run_array
echo "slurm-smoke: wall time of each task (its own clock; scontrol's start and end):"
scontrol -o show job "$job_id" | sed -n 's/.* ArrayTaskId=\([^ ]*\).* StartTime=\([^ ]*\) EndTime=\([^ ]*\).*/\1 \2 \3/p' |
    sort -n | while read -r task start end; do
    own=$(sed -n 's/^alliance-array: task .* exit [0-9]* after \([0-9.]*\) s$/\1/p' "$(task_log "$task")" 2>/dev/null || true)
    solved=$(sed -n 's/^shard [0-9]*\/[0-9]*: \(.*\), into .*/\1/p' "$(task_log "$task")" 2>/dev/null || true)
    printf '  task %3s  %6s s   %s → %s   %s\n' "$task" "${own:-?}" "$start" "${end#*T}" "$solved"
done

# ---- 6. merge and evaluate ------------------------------------------------------------------
phase "merge"
status=0
"$alliance" merge "$out" || status=$?
[ "$status" -eq 0 ] || die "alliance merge exited with $status (2: a district is missing or failed)"
for file in plan.csv districts.csv plan.xlsx report.html; do
    [ -s "$out/$file" ] || die "alliance merge wrote no $out/$file"
done
python3 - "$lists" "$out" <<'EOF' || die "the merged plan.csv does not cover every district"
import csv, pathlib, sys
lists, out = map(pathlib.Path, sys.argv[1:])
def column(path, names):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        return set()
    name = next((n for n in names if n in rows[0]), None)
    if name is None:
        sys.exit(f"{path}: no column {' or '.join(names)}")
    return {row[name] for row in rows}
wanted = column(lists / "communities.csv", ["district", "区县"])
planned = column(out / "plan.csv", ["district", "区县"])
missing = sorted(wanted - planned)
if missing:
    sys.exit(f"plan.csv has no rows for {len(missing)} of {len(wanted)} districts: {', '.join(missing)}")
print(f"slurm-smoke: plan.csv covers all {len(wanted)} districts")
EOF

phase "evaluate"
status=0
"$alliance" evaluate "$lists" --plan "$out/plan.csv" >"$tmp/evaluate.txt" || status=$?
if [ "$status" -ne 0 ]; then
    cat "$tmp/evaluate.txt" >&2
    die "alliance evaluate exited with $status on the merged plan (3: it breaks a rule)"
fi
tail -n 3 "$tmp/evaluate.txt"

# ---- 7. resume: the same array again solves nothing ----------------------------------------
if [ "$resume" = 1 ]; then
    phase "resume"
    # Each district's district.json (and its time stamp) before: a skipped district keeps it.
    before=$(find "$out" -name district.json -printf '%p %T@\n' | sort)
    [ "$(wc -l <<<"$before")" -eq "$districts" ] || die "expected $districts district.json files below $out"
    cp "$out/plan.csv" "$tmp/plan-first.csv"
    rm "$out/plan.csv"
    submit_array
    # The merge as deploy/slurm/alliance-merge.sbatch documents it: chained with afterany.
    merge_submit=(sbatch --parsable --dependency="afterany:$job_id" --chdir="$tmp"
        --output="$tmp/logs/alliance-merge-%j.out" --export="ALL,ALLIANCE=$alliance,LISTS=$lists,OUT=$out"
        "$repo/deploy/slurm/alliance-merge.sbatch")
    echo "slurm-smoke: ${merge_submit[*]}"
    merge_id=$("${merge_submit[@]}") || die "sbatch of the merge failed"
    merge_id=${merge_id%%;*}
    wait_job "$job_id" "$districts"
    wait_job "$merge_id" 0
    after=$(find "$out" -name district.json -printf '%p %T@\n' | sort)
    [ "$before" = "$after" ] || die "the rerun of the array wrote district folders again (resume did not skip them)"
    grep -q '^alliance-merge: done' "$tmp/logs/alliance-merge-$merge_id.out" || die "the merge job did not finish"
    cmp -s "$out/plan.csv" "$tmp/plan-first.csv" || die "plan.csv differs after the rerun and the merge job"
    echo "slurm-smoke: the rerun skipped all $districts districts; the merge job $merge_id" \
        "(--dependency=afterany:$job_id, alliance-merge.sbatch: merge + evaluate) gave the same plan.csv"
fi

phase
echo "slurm-smoke: each district's result (OUT/districts.csv):"
python3 - "$out/districts.csv" <<'EOF'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    rows = list(csv.DictReader(f))
# seconds is empty with --no-timings (the tasks' wall times are above then).
timed = any(row.get("seconds") for row in rows)
print(f"  {'district':<12} {'status':<10} {'objective':>12} {'gap':>9}" + (f" {'seconds':>8}" if timed else ""))
for row in rows:
    gap = row.get("gap", "")
    try:
        gap = f"{float(gap) * 100:.2f} %"
    except ValueError:
        pass
    print(f"  {row.get('district', ''):<12} {row.get('status', ''):<10} {row.get('objective', ''):>12} {gap:>9}"
          + (f" {row.get('seconds', ''):>8}" if timed else ""))
EOF
print_phases
echo "slurm-smoke: OK: $districts districts (${communities} communities × ${units} units each) solved as a Slurm array, merged and evaluated"
