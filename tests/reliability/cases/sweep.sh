# Sweeps, local executor (issue 18, item 1 part): a 2x2 grid x 2 seeds of a small dynamic-EMG pipeline; invalid
# grids refused before any task runs; a sweep killed (SIGKILL) part-way leaves only complete task folders, and the
# same command resumes it, running only the missing tasks; status and collect; a task's outputs equal a plain run's.
EX="$ROOT/examples/dynamic-emg.myoflow"
S="$T/sweep"
SW=(--set excitation.duration=0.5 --set muaps.duration=0.5 --set muaps.units=4 --set pool.units=4
    --grid emg.snrDb=20,30 --grid excitation.level=0.3,0.5 --seeds 1-2 --parallel 2)
expect_rc "sweep --help exits 0 with the usage" 0 "Usage: myoflow sweep" "$M" sweep --help
expect_rc "sweep status --help exits 0 with the usage" 0 "Usage: myoflow sweep status" "$M" sweep status --help
expect_rc "sweep status of a folder without a sweep exits 2" 2 "no such sweep folder" "$M" sweep status "$T/none"
expect_rc "a bad grid value is refused naming the grid entry" 2 "--grid excitation.level=7" \
  "$M" sweep "$EX" --grid excitation.level=0.3,7 --out "$T/bad"
check "no task ran for the refused sweep" [ ! -e "$T/bad/tasks" ]
expect_rc "zipped lists of different lengths are refused" 2 "equal lengths" \
  "$M" sweep "$EX" --zip --grid emg.snrDb=20,30 --grid excitation.level=0.3,0.4,0.5 --out "$T/bad2"

"$M" sweep "$EX" "${SW[@]}" --out "$S" >"$T/s1.log" 2>&1 & pid=$!
for _ in $(seq 1 600); do
  [ -f "$S/tasks/t0002/run.json" ] || [ -f "$S/tasks/t0001/run.json" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
check "sweep.json was written before the tasks" [ -f "$S/sweep.json" ]
n_done=$(ls -d "$S"/tasks/t0*/ 2>/dev/null | wc -l)
incomplete=0
for d in "$S"/tasks/t0*/; do [ -d "$d" ] && { "$M" verify "$d" >/dev/null 2>&1 || incomplete=$((incomplete + 1)); }; done
check "a killed sweep leaves only complete task folders ($n_done of 8)" [ "$incomplete" = 0 ]
expect_rc "status after the kill counts the tasks" 0 "8 tasks: $n_done done, 0 failed" "$M" sweep status "$S"
expect_rc "the same command resumes the sweep" 0 "tasks: $n_done complete before, $((8 - n_done)) ran, 0 failed" \
  "$M" sweep "$EX" "${SW[@]}" --out "$S"
expect_rc "status: all done" 0 "8 tasks: 8 done, 0 failed, 0 pending" "$M" sweep status "$S"
hidden=$(find "$S/tasks" -maxdepth 1 -name '.*' | wc -l)
check "no temporary folders left in tasks/ after the resume" [ "$hidden" = 0 ]
cached=$(cat "$S"/tasks/t0*.log | sed -n 's/^nodes: [0-9]*, from cache: \([0-9]*\)$/\1/p' | awk '{s += $1} END {print s + 0}')
check "the tasks share the cache: $cached nodes came from it" [ "$cached" -gt 0 ]
expect_rc "running it again runs nothing" 0 "8 complete before, 0 ran" "$M" sweep "$EX" "${SW[@]}" --out "$S"
expect_rc "another grid into the same folder is refused" 2 "holds another sweep" \
  "$M" sweep "$EX" --grid emg.snrDb=10,20 --out "$S"
expect_rc "collect writes the table" 0 "(8 tasks)" "$M" sweep collect "$S"
check "results.csv: a header and 8 rows with a RMS column" \
  bash -c "[ \$(wc -l <'$S/results.csv') = 9 ] && head -1 '$S/results.csv' | grep -q '^task,excitation.duration,.*,emg.snrDb,excitation.level,seed,status,seconds,.*\.rms'"
check "results.csv: every task done" [ "$(grep -c ',done,' "$S/results.csv")" = 8 ]
check "results.json: 8 rows" bash -c "python3 -c 'import json,sys; d=json.load(open(\"$S/results.json\")); sys.exit(0 if len(d[\"rows\"]) == 8 else 1)'"
# t0004 = emg.snrDb=20, excitation.level=0.5, seed 2: the same outputs as a plain run
"$M" run "$EX" --set excitation.duration=0.5 --set muaps.duration=0.5 --set muaps.units=4 --set pool.units=4 \
  --set emg.snrDb=20 --set excitation.level=0.5 --seed 2 --out "$T/plain" >/dev/null 2>&1
same=1; ls "$T"/plain/*.npy >/dev/null 2>&1 || same=0
for f in "$T"/plain/*.npy; do cmp -s "$f" "$S/tasks/t0004/$(basename "$f")" || same=0; done
check "a task's outputs are byte-identical to a plain run with its sets and seed" [ "$same" = 1 ]
# SIGTERM (as Ctrl-C) cancels the runs in flight: exit 130, complete task folders only, no temporary folder left
S2="$T/sweep-term"
"$M" sweep "$EX" "${SW[@]}" --out "$S2" >"$T/s2.log" 2>&1 & pid=$!
for _ in $(seq 1 600); do
  compgen -G "$S2/tasks/.t0*" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -TERM "$pid" 2>/dev/null; wait "$pid"; rc=$?
check "SIGTERM cancels the sweep with exit 130 (got $rc)" [ "$rc" = 130 ]
check "no temporary folder left after SIGTERM" [ "$(find "$S2/tasks" -maxdepth 1 -name '.*' | wc -l)" = 0 ]
incomplete=0
for d in "$S2"/tasks/t0*/; do [ -d "$d" ] && { "$M" verify "$d" >/dev/null 2>&1 || incomplete=$((incomplete + 1)); }; done
check "only complete task folders after SIGTERM" [ "$incomplete" = 0 ]
