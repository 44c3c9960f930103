# Sweeps on SLURM (issue 18, items 1 and 4): an 8-task sweep through one array job equals the same sweep run
# locally (tables and output files); deleting two tasks' run folders and submitting again reruns only those two
# (the array lists just their indices); a failed task's status shows its logs; Ctrl-C of a waiting submission and
# `sweep cancel` of a long sweep leave nothing in squeue. Prints the overhead per SLURM task and the throughput against a local pool.
EX="$ROOT/examples/dynamic-emg.myoflow"
SW=(--set excitation.duration=0.5 --set muaps.duration=0.5 --set muaps.units=4 --set pool.units=4
    --grid emg.snrDb=20,30 --grid excitation.level=0.3,0.5 --seeds 1-2)
S="$T/slurm"
L="$T/local"

expect_rc "sweep cancel --help exits 0 with the usage" 0 "Usage: myoflow sweep cancel" "$M" sweep cancel --help
expect_rc "a bad --time is refused before anything is submitted" 2 "--time '1h'" \
  "$M" sweep "$EX" "${SW[@]}" --executor slurm --time 1h --out "$T/bad"
check "nothing written for the refused sweep" [ ! -e "$T/bad" ]

# the sweep through SLURM (one array job, each task one CPU), then the same sweep on a local pool of 2
t0=$(date +%s.%N)
expect_rc "an 8-task sweep through SLURM completes" 0 "8 tasks: 8 done, 0 failed" \
  "$M" sweep "$EX" "${SW[@]}" --executor slurm --profile "$ROOT/examples/slurm-profile.sbatch" --cpus 1 --out "$S" --wait
t1=$(date +%s.%N)
check "one array job of 8 tasks was submitted (array 0-7)" [ "$(sweep_last_array "$S")" = 0-7 ]
check "the job script has the profile's lines, then the explicit resources" \
  grep -qz "#SBATCH --partition=debug.*#SBATCH --mem=2G.*#SBATCH --cpus-per-task=1" "$S/slurm/job-1.sh"
check "the job script and 8 SLURM output files are in DIR/slurm" \
  bash -c "[ -x '$S/slurm/job-1.sh' ] && [ \$(ls '$S'/slurm/*_*.out | wc -l) = 8 ]"
expect_rc "status: all done, nothing queued" 0 "8 tasks: 8 done, 0 failed, 0 queued, 0 running, 0 pending" \
  "$M" sweep status "$S"
t2=$(date +%s.%N)
expect_rc "the same sweep on a local pool completes" 0 "8 ran, 0 failed" \
  "$M" sweep "$EX" "${SW[@]}" --parallel 2 --threads 1 --out "$L"
t3=$(date +%s.%N)
expect_rc "collect (SLURM)" 0 "(8 tasks)" "$M" sweep collect "$S" --plot emg.emg.rms:emg.snrDb
expect_rc "collect (local)" 0 "(8 tasks)" "$M" sweep collect "$L"
check "the plot is written" [ -s "$S/plot-emg.emg.rms-vs-emg.snrDb.svg" ]
check "the SLURM table equals the local one (all columns but the wall time)" same_table "$S/results.csv" "$L/results.csv"
same=1
for f in "$L"/tasks/t0*/*.npy; do cmp -s "$f" "$S/tasks/$(basename "$(dirname "$f")")/$(basename "$f")" || same=0; done
check "every output file of every task is byte-identical" [ "$same" = 1 ]

# figures: overhead per task (submission to the run's start) and throughput against the local pool
python3 - "$S" "$t0" "$t1" "$t2" "$t3" <<'PY'
import json, glob, os, re, sys, datetime
S, t0, t1, t2, t3 = sys.argv[1], *map(float, sys.argv[2:])
def ts(s): return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")[:26] + "+00:00").timestamp()
job = json.load(open(f"{S}/slurm/jobs.json"))["jobs"][0]
sub = ts(job["submitted"])
rows = []
for i in range(job["tasks"]):
    out = open(f"{S}/slurm/{job['job']}_{i}.out").read()
    start = float(re.search(r"start ([0-9.]+)", out).group(1))
    run = json.load(open(f"{S}/tasks/t{i + 1:04d}/run.json"))
    began = ts(run["started"]); ended = began + run["durationMs"] / 1000
    rows.append((start, began, ended))
dispatch = min(r[0] for r in rows) - sub
startup = sum(r[1] - r[0] for r in rows) / len(rows)
span = max(r[2] for r in rows) - sub
n = len(rows)
print(f"     figures: SLURM dispatch (submission to the first task's script) {dispatch:.2f} s; product start per "
      f"task (script to the run's start) {startup:.2f} s; overhead per task {dispatch + startup:.2f} s")
print(f"     figures: SLURM {n} tasks in {span:.1f} s (submission to the last run's end) = {60 * n / span:.1f} "
      f"tasks/min ({t1 - t0:.1f} s with the sweep command's polling); local pool of 2: {t3 - t2:.1f} s = "
      f"{60 * n / (t3 - t2):.1f} tasks/min; CPUs {os.cpu_count()}")
PY

# resubmission after losing two tasks: only those two run again
before=$(stat -c %Y "$S/tasks/t0001/run.json")
rm -rf "$S/tasks/t0003" "$S/tasks/t0006"
expect_rc "status counts the two lost tasks" 0 "8 tasks: 6 done" "$M" sweep status "$S"
expect_rc "submitting again reruns them" 0 "8 tasks: 8 done, 0 failed" \
  "$M" sweep "$EX" "${SW[@]}" --executor slurm --profile "$ROOT/examples/slurm-profile.sbatch" --cpus 1 --out "$S" --wait
check "the second array lists just their indices (2,5)" [ "$(sweep_last_array "$S")" = 2,5 ]
check "two submissions recorded" [ "$(sweep_jobs "$S" | wc -l)" = 2 ]
check "the other tasks were not run again" [ "$(stat -c %Y "$S/tasks/t0001/run.json")" = "$before" ]
"$M" sweep collect "$S" >/dev/null 2>&1
check "the table still equals the local one" same_table "$S/results.csv" "$L/results.csv"
expect_rc "submitting a complete sweep submits nothing" 0 "all complete, nothing submitted" \
  "$M" sweep "$EX" "${SW[@]}" --executor slurm --out "$S"

# a failed task: its status shows the last lines of its logs
expect_rc "a sweep whose tasks fail exits 4 after waiting" 4 "2 tasks: 0 done, 2 failed" \
  "$M" sweep "$EX" --set excitation.duration=0.5 --grid emg.snrDb=20,30 --node-timeout 1ms --executor slurm \
  --cpus 1 --out "$T/failing" --wait
expect_rc "status shows the failed tasks and their logs' last lines" 0 "t0002 failed {excitation.duration=0.5, emg.snrDb=30}" \
  "$M" sweep status "$T/failing"
expect_rc "... including the SLURM output" 0 "slurm/" "$M" sweep status "$T/failing" --lines 30

# Ctrl-C of `sweep --executor slurm --wait` cancels the job: exit 130, nothing left in squeue
W="$T/waiting"
"${SIGINT_DEFAULT[@]}" "$M" sweep "$EX" --set excitation.duration=3 --grid emg.snrDb=10,20,30,40 --executor slurm \
  --cpus 1 --out "$W" --wait >"$T/waiting.log" 2>&1 & pid=$!
for _ in $(seq 1 240); do [ -f "$W/slurm/jobs.json" ] && break; sleep 0.5; done
wjob=$(sweep_jobs "$W" 2>/dev/null | tail -n 1)
for _ in $(seq 1 240); do squeue -h -r -j "$wjob" -t RUNNING -o %i 2>/dev/null | grep -q . && break; sleep 0.5; done
kill -INT "$pid"
wait "$pid"; rc=$?
check "Ctrl-C while waiting exits 130 (got $rc)" [ "$rc" = 130 ]
check "... and says it cancelled the job" grep -q "sweep cancelled (scancel $wjob" "$T/waiting.log"
check "... and squeue lists nothing of it" wait_job_gone "$wjob" 60

# cancel: a long sweep, cancelled once a task runs; nothing stays queued
LONG=(--set excitation.duration=3 --set muaps.duration=3 --grid emg.snrDb=10,20,30,40 --seeds 1-4)
expect_rc "a 16-task sweep is submitted" 0 "submitted job" "$M" sweep "$EX" "${LONG[@]}" --executor slurm --cpus 1 \
  --out "$T/long"
job=$(sweep_jobs "$T/long" | tail -n 1)
for _ in $(seq 1 240); do squeue -h -r -j "$job" -t RUNNING -o %i 2>/dev/null | grep -q . && break; sleep 0.5; done
expect_rc "status shows tasks running and queued" 0 "running" "$M" sweep status "$T/long"
expect_rc "sweep cancel reports what it cancelled" 0 "Cancelled job $job: " "$M" sweep cancel "$T/long"
check "squeue lists nothing of the job afterwards" wait_job_gone "$job" 60
check "squeue is empty for it" [ "$(squeue_count "$job")" = 0 ]
expect_rc "status after the cancel: nothing queued or running" 0 "0 queued, 0 running" "$M" sweep status "$T/long"
expect_rc "a second cancel finds nothing" 0 "Nothing to cancel" "$M" sweep cancel "$T/long"
sleep 2
hidden=$(find "$T/long/tasks" -maxdepth 1 -name '.*' | wc -l)
check "no partial task folder after the cancel" [ "$hidden" = 0 ]
