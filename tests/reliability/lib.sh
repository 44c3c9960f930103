# Shared helpers of the reliability suite (sourced by run.sh before each case; see README.md here).
# Each case runs in its own temporary folder $T with its own $HOME; it calls ok/bad/check/expect_rc.
M="$ROOT/myoflow"
SMOKE="$ROOT/tests/smoke"
HERE="$ROOT/tests/reliability"
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
