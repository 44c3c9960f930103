# Two runs into one --out at the same time (issue 19): the second is refused with exit 2 naming the process that holds
# the folder's lock; the survivor publishes a complete folder (verify exit 0). A third run without --overwrite is
# refused because the folder exists; --threads beyond the machine is reduced with a warning.
C="$T/conc"; mkdir -p "$C"
SMALLC=(--set excitation.duration=1 --set muaps.duration=1 --set muaps.units=6 --set pool.units=6)
EX="$ROOT/examples/dynamic-emg.myoflow"
"$M" run "$EX" "${SMALLC[@]}" --seed 1 --threads 1000000 --out "$C/same" >"$C/a.out" 2>"$C/a.err" & pa=$!
"$M" run "$EX" "${SMALLC[@]}" --seed 2 --out "$C/same" >"$C/b.out" 2>"$C/b.err" & pb=$!
wait $pa; ra=$?
wait $pb; rb=$?
echo "     run A (pid $pa) exit $ra, run B (pid $pb) exit $rb"
one_refused() {
  { [ "$ra" = 0 ] && [ "$rb" = 2 ] && grep -q "is being written by another run (process $pa" "$C/b.err"; } ||
    { [ "$rb" = 0 ] && [ "$ra" = 2 ] && grep -q "is being written by another run (process $pb" "$C/a.err"; }
}
check "of two concurrent runs into one folder one exits 0, the other 2 naming the first's pid" one_refused
[ "$ra$rb" = 02 ] || [ "$ra$rb" = 20 ] || { head -c 400 "$C/a.err"; head -c 400 "$C/b.err"; }
expect_rc "the survivor's folder is complete" 0 "complete" "$M" verify "$C/same"
check "no lock file or temporary folder is left" test -z "$(ls -a "$C" | grep -E '^\..*(\.tmp-|\.old-|\.lock$)')"
if [ "$ra" = 0 ]; then
  check "--threads 1000000 was reduced to the machine with a warning" grep -q "warning: --threads 1000000 is more than the" "$C/a.err"
fi
expect_rc "a third run into the existing folder without --overwrite is refused" 2 "already holds a run: pass --overwrite" "$M" run "$EX" "${SMALLC[@]}" --out "$C/same"
