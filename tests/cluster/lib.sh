# Shared helpers of the cluster suite (sourced by run.sh before each case; see README.md here).
# Each case runs in its own temporary folder $T (on a file system the SLURM node sees: this machine) with its own
# $HOME; it calls ok/bad/check/expect_rc like the reliability suite, and may use the SLURM helpers below.
M="$ROOT/myoflow"
HERE="$ROOT/tests/cluster"
ok()   { echo "ok   - $1"; echo ok >>"$RESULTS"; }
bad()  { echo "FAIL - $1"; echo bad >>"$RESULTS"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
expect_rc() { # name expected-rc must-contain command...
  local name=$1 want=$2 text=$3; shift 3
  local out rc
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" = "$want" ] && grep -qF -- "$text" <<<"$out"; then ok "$name (exit $rc)"
  else bad "$name: exit $rc (want $want), output: $(head -c 600 <<<"$out")"; fi
}
# The job ids a sweep folder recorded (DIR/slurm/jobs.json), one a line, oldest first.
sweep_jobs() { python3 -c 'import json,sys; [print(j["job"]) for j in json.load(open(sys.argv[1]))["jobs"]]' "$1/slurm/jobs.json"; }
# The array specification of a sweep's last submission (e.g. 2,5).
sweep_last_array() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["jobs"][-1]["array"])' "$1/slurm/jobs.json"; }
# How many tasks squeue lists for a job (0 when it has ended).
squeue_count() { squeue -h -r -j "$1" -o %i 2>/dev/null | grep -c . || true; }
# Waits until squeue lists no task of the job (at most $2 seconds, default 600); fails on time-out.
wait_job_gone() {
  local job=$1 limit=${2:-600} i
  for ((i = 0; i < limit * 2; i++)); do [ "$(squeue_count "$job")" = 0 ] && return 0; sleep 0.5; done
  return 1
}
# Compares two results.csv files, ignoring the columns named after the files (default: seconds); prints the
# first difference.
same_table() { # a.csv b.csv [ignored-column...]
  python3 - "$@" <<'PY'
import csv, sys
a, b, ignore = sys.argv[1], sys.argv[2], set(sys.argv[3:] or ["seconds"])
ra, rb = list(csv.DictReader(open(a))), list(csv.DictReader(open(b)))
if len(ra) != len(rb):
    print(f"{len(ra)} rows against {len(rb)}"); sys.exit(1)
for x, y in zip(ra, rb):
    if set(x) != set(y):
        print("columns differ:", sorted(set(x) ^ set(y))); sys.exit(1)
    for k in x:
        if k not in ignore and x[k] != y[k]:
            print(f"task {x['task']} column {k}: {x[k]} against {y[k]}"); sys.exit(1)
PY
}
# Runs a command with SIGINT's default disposition (a background job of a non-interactive shell may inherit SIGINT
# as ignored, and an ignored signal stays ignored across exec), so that `kill -INT` acts like Ctrl-C.
SIGINT_DEFAULT=(python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])')
