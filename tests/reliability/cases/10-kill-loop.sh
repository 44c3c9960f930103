# The kill -9 loop (issue 19): a run killed at a random moment leaves at its --out either no folder or a complete one
# (./myoflow verify exit 0), never a folder whose files do not match its run.json; so does a re-run with --overwrite
# into an existing run folder (the old or the new complete folder). 20 kills of each kind (MYOFLOW_KILLS sets it),
# the two loops run side by side: odd kills at a uniformly random moment of the run's duration (measured with two
# runs side by side, as in the loops), even ones at a random moment of the last 0.3 s after the run's temporary
# folder appeared (writing and publishing the folder, the window a crash must not spoil). Afterwards the next run
# into the same parent (and with the same cache) removes what the killed runs left (hidden temporary folders, lock
# files, the cache's .tmp- entries).
K="$T/kill"; mkdir -p "$K/first" "$K/rerun"
KILLS=${MYOFLOW_KILLS:-20}
SMALLK=(--set excitation.duration=0.5 --set muaps.duration=0.5 --set muaps.units=4 --set pool.units=4)
EX="$ROOT/examples/dynamic-emg.myoflow"
tb0=$(date +%s.%N)
"$M" run "$EX" "${SMALLK[@]}" --out "$K/base" >"$K/base.log" 2>&1 & pb=$!
"$M" run "$EX" "${SMALLK[@]}" --seed 7 --out "$K/base2" >/dev/null 2>&1; rc2=$?
tb1=$(date +%s.%N)
wait $pb; rc=$?
tb2=$(date +%s.%N)
check "two clean runs side by side for the kill loop complete" [ "$rc$rc2" = 00 ]
D=$(awk "BEGIN{d = $tb1 - $tb0; e = $tb2 - $tb0; printf \"%.2f\", (d > e ? d : e) * 1.1}")
echo "     two runs side by side (JVM start, compute, publish): $(awk "BEGIN{printf \"%.1f\", $tb2 - $tb0}") s; odd kills at random moments in [0, $D] s"
kill_loop() { # KIND: first = a run into a new folder (its own seed: everything computed, cache entries written),
  # rerun = a re-run into a copy of base with --overwrite (one other seed for all: from the cache once computed)
  local kind=$1 i out pid at log="$K/$1.log"
  : >"$log"
  for i in $(seq 1 "$KILLS"); do
    out="$K/$kind/r$i"
    if [ "$kind" = rerun ]; then
      cp -r "$K/base" "$out"
      "$M" run "$EX" "${SMALLK[@]}" --seed 9 --cache "$K/cache" --overwrite --out "$out" >/dev/null 2>&1 &
    else
      "$M" run "$EX" "${SMALLK[@]}" --seed $((200 + i)) --cache "$K/cache" --out "$out" >/dev/null 2>&1 &
    fi
    pid=$!
    if [ $((i % 2)) = 1 ]; then
      at=$(awk -v s="$RANDOM$i" -v d="$D" 'BEGIN{srand(s); printf "%.2f", rand() * d}')
      sleep "$at"
    else
      at="tmp+$(awk -v s="$RANDOM$i" 'BEGIN{srand(s); printf "%.2f", rand() * 0.3}')"
      while kill -0 "$pid" 2>/dev/null && ! compgen -G "$K/$kind/.r$i.tmp-*" >/dev/null; do sleep 0.02; done
      sleep "${at#tmp+}"
    fi
    if kill -9 "$pid" 2>/dev/null; then echo "killed $at" >>"$log"; else echo "ended $at" >>"$log"; fi
    wait "$pid" 2>/dev/null
  done
}
tk0=$(date +%s.%N)
kill_loop first & l1=$!
kill_loop rerun & l2=$!
wait $l1 $l2
tk1=$(date +%s.%N)
for kind in first rerun; do
    echo "     $kind: $(grep -c '^killed' "$K/$kind.log") killed mid-run ($(grep -c '^killed tmp' "$K/$kind.log") while writing the folder), $(grep -c '^ended' "$K/$kind.log") had ended; left $(ls "$K/$kind" | wc -l) folders, $(ls -a "$K/$kind" | grep -cE '^\..*\.(tmp|old)-') hidden temporary, $(ls -a "$K/$kind" | grep -cE '^\..*\.lock$') lock files"
done
echo "     cache .tmp- entries left by the kills: $(ls -a "$K/cache" 2>/dev/null | grep -c '^\.tmp-')"
echo "     kill loops wall time: $(awk "BEGIN{printf \"%.1f\", $tk1 - $tk0}") s"
# a cache entry a writer killed mid-write leaves (as a kill during a large write does; the small writes above are
# rarely hit): the next run with the cache removes it
true & deadpid=$!; wait $deadpid
mkdir -p "$K/cache/.tmp-$deadpid-0123456789ab-42" && head -c 1000000 /dev/zero >"$K/cache/.tmp-$deadpid-0123456789ab-42/signal.npy"
# the next run into each parent tidies it (and restores a folder killed between its two renames)
"$M" run "$EX" "${SMALLK[@]}" --cache "$K/cache" --out "$K/first/after" >/dev/null 2>&1; rc1=$?
"$M" run "$EX" "${SMALLK[@]}" --out "$K/rerun/after" >/dev/null 2>&1; rc2=$?
check "a run after the kills completes in each parent" [ "$rc1$rc2" = 00 ]
leftovers() { ls -a "$K/first" "$K/rerun" | grep -E '^\..*(\.tmp-|\.old-|\.lock$)'; }
check "no hidden temporary folder or lock file is left in either parent" test -z "$(leftovers)"
check "the result cache holds no .tmp- entry of a killed run" test -z "$(ls -a "$K/cache" | grep '^\.tmp-')"
missing=0
for i in $(seq 1 "$KILLS"); do [ -d "$K/rerun/r$i" ] || missing=$((missing + 1)); done
check "every re-run folder is there (the old or the new run), $missing missing" [ "$missing" = 0 ]
mapfile -t folders < <(ls -d "$K"/first/r* "$K"/rerun/r* 2>/dev/null)
vout=$("$M" verify "${folders[@]}" 2>&1); vrc=$?
rejected=$(grep -c '^myoflow: .*' <<<"$vout" | tr -d ' ')
summary=$(grep -o '[0-9]* of [0-9]* run folders rejected' <<<"$vout")
echo "     $((2 * KILLS)) kills: ${summary:-verify printed no summary} (verify exit $vrc)"
[ "$vrc" = 0 ] || grep '^myoflow:' <<<"$vout" | head -n 5 | sed 's/^/     /'
all_verified() { [ "$vrc" = 0 ] && [ "$rejected" = 0 ] && [ "${#folders[@]}" -ge "$KILLS" ]; }
check "kill -9 loop: 0 of ${#folders[@]} folders rejected by verify (${#folders[@]} left by $((2 * KILLS)) kills)" all_verified
