#!/usr/bin/env bash
# The reliability suite (issue 19): adversarial end-to-end checks of the materialised headless product.
# Runs every tests/reliability/cases/*.sh (or the ones named on the command line) in a fresh temporary folder and
# HOME, prints one line per check and a closing "N passed, M failed" line; exits non-zero on any failure.
#   bash tests/reliability/run.sh [case-name ...]
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export ROOT
cases=()
if [ $# -gt 0 ]; then for c in "$@"; do cases+=("$ROOT/tests/reliability/cases/${c%.sh}.sh"); done
else for c in "$ROOT"/tests/reliability/cases/*.sh; do [ -e "$c" ] && cases+=("$c"); done; fi
RESULTS="$(mktemp)"; export RESULTS
trap 'rm -f "$RESULTS"' EXIT
for c in "${cases[@]}"; do
  name=$(basename "$c" .sh)
  echo "# $name"
  t0=$(date +%s.%N)
  (
    T="$(mktemp -d)"
    trap 'rm -rf "$T"' EXIT
    export HOME="$T/home"; mkdir -p "$HOME"
    export MYOFLOW_MODELS="$HOME/.myoflow/models"
    export MYOFLOW_DJL_CACHE="$ROOT/target/djl-cache"
    . "$ROOT/tests/reliability/lib.sh"
    . "$c"
  )
  t1=$(date +%s.%N)
  echo "     $name wall time: $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}") s"
done
pass=$(grep -c '^ok$' "$RESULTS"); fail=$(grep -c '^bad$' "$RESULTS")
echo "reliability: $pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
