# Every bad --out is refused with exit 2 before any computation, naming why (issue 19): an existing run folder without
# --overwrite, a file (even with --overwrite), a folder of other files (even with --overwrite), a parent that is a
# file, a parent without write permission; --threads below 1.
O="$T/out"; mkdir -p "$O"
SMALLO=(--set excitation.duration=0.5 --set muaps.duration=0.5 --set muaps.units=3 --set pool.units=3)
EX="$ROOT/examples/dynamic-emg.myoflow"
refused() { # name must-contain args...: exit 2 naming it, and no node started
  local name=$1 text=$2; shift 2
  local out rc
  out=$("$M" run "$EX" "${SMALLO[@]}" "$@" 2>&1); rc=$?
  if [ "$rc" = 2 ] && grep -qF -- "$text" <<<"$out" && ! grep -q " started$" <<<"$out"; then ok "$name (exit 2, before any node started)"
  else bad "$name: exit $rc, output: $(head -c 600 <<<"$out")"; fi
}
"$M" run "$EX" "${SMALLO[@]}" --out "$O/run" >/dev/null 2>&1
check "a first run into a new folder completes" test -s "$O/run/run.json"
refused "an existing run folder without --overwrite" "already holds a run: pass --overwrite to replace it" --out "$O/run"
echo data >"$O/file.txt"
refused "an existing file" "exists and is a file, not a folder" --out "$O/file.txt"
refused "an existing file with --overwrite" "--overwrite replaces only earlier run folders" --out "$O/file.txt" --overwrite
check "the file is untouched" grep -qx data "$O/file.txt"
mkdir -p "$O/mine"; echo keep >"$O/mine/notes.txt"
refused "a folder of other files with --overwrite" "is not a run folder" --out "$O/mine" --overwrite
refused "a parent that is a file" "is a file, not a folder" --out "$O/file.txt/sub/run"
mkdir -p "$O/ro"; chmod 555 "$O/ro"
if [ ! -w "$O/ro" ]; then
  refused "a parent without write permission" "no permission to write into" --out "$O/ro/run"
else
  echo "     (running as a user who may write anywhere: the read-only parent case is skipped)"
fi
chmod 755 "$O/ro"
refused "--threads 0" "--threads must be at least 1" --out "$O/t0" --threads 0
before=$(sha256sum "$O/run/run.json")
expect_rc "a re-run with --overwrite replaces the run folder" 0 "Ran 'movement'" "$M" run "$EX" "${SMALLO[@]}" --seed 9 --out "$O/run" --overwrite
check "... with a new, complete run" bash -c "[ \"\$(sha256sum '$O/run/run.json')\" != '$before' ] && grep -q '\"seed\": 9' '$O/run/run.json'"
expect_rc "... that verify accepts" 0 "complete" "$M" verify "$O/run"
