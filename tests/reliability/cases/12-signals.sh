# SIGTERM and SIGINT cancel a run cleanly (issue 19): exit 130, a "cancelled" line on stderr, no run folder, no
# temporary folder, no lock file. Job control (set -m) keeps SIGINT from being ignored by the background run, as it
# would be for a background job of a non-interactive shell.
G="$T/sig"; mkdir -p "$G"
LONG=(--set excitation.duration=8 --set muaps.duration=8 --set muaps.units=40 --set pool.units=40)
EX="$ROOT/examples/dynamic-emg.myoflow"
set -m
# A shell started in the background (CI under nohup, `cmd &`) may hand SIGINT down as ignored, and an ignored signal
# stays ignored across exec (the JVM then rightly leaves it alone). The run is started with SIGINT's default
# disposition restored, as a terminal's Ctrl-C finds it.
# (python3 execs the launcher, which execs Java: $! stays the Java process)
SIGINT_DEFAULT=(python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])')
for sig in TERM INT; do
  "${SIGINT_DEFAULT[@]}" "$M" run "$EX" "${LONG[@]}" --out "$G/$sig" >"$G/$sig.out" 2>"$G/$sig.err" & pid=$!
  # wait until a node computes (progress on stderr), then signal
  for _ in $(seq 1 600); do grep -q "muaps .*bank" "$G/$sig.err" 2>/dev/null && break; kill -0 $pid 2>/dev/null || break; sleep 0.1; done
  ts=$(date +%s.%N)
  kill -"$sig" $pid
  wait $pid; rc=$?
  te=$(date +%s.%N)
  echo "     SIG$sig: exit $rc $(awk "BEGIN{printf \"%.2f\", $te - $ts}") s after the signal"
  check "SIG$sig mid-run exits 130" [ "$rc" = 130 ]
  check "SIG$sig prints a 'cancelled' line" grep -q "^myoflow: cancelled" "$G/$sig.err"
  check "SIG$sig leaves no run folder" test ! -e "$G/$sig"
  check "SIG$sig leaves no temporary folder or lock file" test -z "$(ls -a "$G" | grep -E "^\.$sig\.")"
done
set +m
