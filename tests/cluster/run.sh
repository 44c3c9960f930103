#!/usr/bin/env bash
# The cluster suite (issue 18): end-to-end checks of the headless product on SLURM. When `sinfo` does not answer it
# starts a one-node cluster with releng/scripts/slurm-local.sh (as root, else through sudo) and stops exactly what it started at the
# end; a cluster that is already up is used as it is. Runs every tests/cluster/cases/*.sh (or the ones named on the
# command line) in a fresh temporary folder and HOME, prints one line per check and a closing "N passed, M failed"
# line; exits non-zero on any failure.
#   bash tests/cluster/run.sh [case-name ...]
# Environment: MYOFLOW_CLUSTER_STATE (state folder of a cluster this script starts; default a temporary folder),
# MYOFLOW_CLUSTER_SKIP=1 (skip the suite, e.g. on a machine without root or apt-get).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export ROOT
if [ "${MYOFLOW_CLUSTER_SKIP:-0}" = 1 ]; then echo "cluster: skipped (MYOFLOW_CLUSTER_SKIP=1)"; exit 0; fi
STARTED=""
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
if ! sinfo -h >/dev/null 2>&1; then
  STATE="${MYOFLOW_CLUSTER_STATE:-$(mktemp -d /tmp/myoflow-slurm.XXXXXX)}"
  echo "# sinfo does not answer: starting a one-node SLURM in $STATE"
  STARTED="$STATE"
  trap '$SUDO bash "$ROOT/releng/scripts/slurm-local.sh" stop "$STARTED"' EXIT
  if ! out=$($SUDO bash "$ROOT/releng/scripts/slurm-local.sh" start "$STATE" 2>&1); then
    echo "$out"
    echo "cluster: could not start SLURM"
    exit 1
  fi
  echo "$out" | sed 's/^/  /'
  export SLURM_CONF="$STATE/slurm.conf"
fi
sinfo
cases=()
if [ $# -gt 0 ]; then for c in "$@"; do cases+=("$ROOT/tests/cluster/cases/${c%.sh}.sh"); done
else for c in "$ROOT"/tests/cluster/cases/*.sh; do [ -e "$c" ] && cases+=("$c"); done; fi
RESULTS="$(mktemp)"; export RESULTS
for c in "${cases[@]}"; do
  name=$(basename "$c" .sh)
  echo "# $name"
  t0=$(date +%s.%N)
  (
    # under /tmp (not a private temporary folder) so that the SLURM node, this machine, sees the same files
    T="$(mktemp -d /tmp/myoflow-cluster.XXXXXX)"
    # on the way out: cancel the jobs the case's sweeps recorded (a failed check must not leave tasks queued)
    trap 'for f in "$T"/*/slurm/jobs.json; do [ -f "$f" ] && for j in $(sweep_jobs "${f%/slurm/jobs.json}"); do
            scancel "$j" 2>/dev/null; done; done; rm -rf "$T"' EXIT
    export HOME="$T/home"; mkdir -p "$HOME"
    export MYOFLOW_MODELS="$HOME/.myoflow/models"
    export MYOFLOW_DJL_CACHE="$ROOT/target/djl-cache"
    . "$ROOT/tests/cluster/lib.sh"
    . "$c"
  )
  t1=$(date +%s.%N)
  echo "     $name wall time: $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}") s"
done
pass=$(grep -c '^ok$' "$RESULTS"); fail=$(grep -c '^bad$' "$RESULTS")
rm -f "$RESULTS"
echo "cluster: $pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
