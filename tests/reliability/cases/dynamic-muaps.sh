# Issue 16 (item 4): dynamic MUAPs interpolated over the length range (planar series step, lengthNodeStep;
# docs/science.md#dynamic-muaps): same seed -> bit-identical outputs, exact mode still runs, bad values exit 2.
DEX="$ROOT/examples/dynamic-emg.myoflow"
DSMALL=(--set excitation.duration=1 --set muaps.duration=1 --set muaps.units=6 --set pool.units=6)
"$M" run "$DEX" "${DSMALL[@]}" --seed 3 --out "$T/dyn-a" >"$T/dyn-a.log" 2>&1 \
  && "$M" run "$DEX" "${DSMALL[@]}" --seed 3 --out "$T/dyn-b" >"$T/dyn-b.log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
  bad "dynamic-emg (interpolated MUAPs) exit $rc: $(tail -c 400 "$T/dyn-a.log" "$T/dyn-b.log" 2>/dev/null)"
else
  same=1
  n=0
  while IFS= read -r f; do
    n=$((n + 1))
    cmp -s "$T/dyn-a/$f" "$T/dyn-b/$f" || { same=0; echo "     differs: $f"; }
  done < <(cd "$T/dyn-a" && find . -type f \( -name '*.npy' -o -name '*.csv' -o -name '*.bin' -o -name '*.json' \) \
             ! -name 'manifest*' ! -name '*run*.json' ! -name '*status*' | sort)
  check "dynamic-emg: same seed gives bit-identical data files ($n compared)" test "$same" = 1 -a "$n" -gt 0
fi
"$M" run "$DEX" "${DSMALL[@]}" --set muaps.lengthNodeStep=0 --seed 3 --out "$T/dyn-exact" >"$T/dyn-exact.log" 2>&1
check "dynamic-emg with muaps.lengthNodeStep=0 (every update exact) runs" test $? = 0
expect_rc "a negative muaps.lengthNodeStep is refused naming the parameter" 2 "lengthNodeStep" \
  "$M" run "$DEX" "${DSMALL[@]}" --set muaps.lengthNodeStep=-0.1 --out "$T/dyn-bad"
