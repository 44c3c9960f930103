# AutoLFADS population-based training through SLURM (issue 18, item 2): a two-generation search of the LFADS step
# whose members train as SLURM array tasks (runner=slurm) chooses the same hyper-parameters and reaches the same
# validation losses as the same search in-process (and as with runner=processes); cancelling a SLURM search leaves
# no job queued. Sourced by tests/cluster/run.sh (helpers ok/bad/check, $M, $T, $ROOT) or run on its own:
#   bash tests/cluster/cases/pbt.sh        (needs sbatch/squeue/scancel on PATH and a running cluster)
if ! declare -F ok >/dev/null; then
  set -uo pipefail
  ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
  M="$ROOT/myoflow"
  T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
  RESULTS="$T/results"; : >"$RESULTS"
  export HOME="$T/home"; mkdir -p "$HOME"
  export MYOFLOW_MODELS="$HOME/.myoflow/models" MYOFLOW_DJL_CACHE="${MYOFLOW_DJL_CACHE:-$ROOT/target/djl-cache}"
  ok()   { echo "ok   - $1"; echo ok >>"$RESULTS"; }
  bad()  { echo "FAIL - $1"; echo bad >>"$RESULTS"; }
  check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
  PBT_STANDALONE=1
fi

pbt_main() {
  if ! command -v sbatch >/dev/null || ! command -v squeue >/dev/null || ! command -v scancel >/dev/null; then
    bad "pbt: sbatch, squeue and scancel must be on PATH (start the cluster first)"; return
  fi
  mkdir -p "$T/ex" && cp "$ROOT/examples/activation-lfads.myoflow" "$T/ex/" && cp -r "$ROOT/examples/data" "$T/ex/"
  # small: 20 units per muscle, a tiny network, 2 members x 2 generations x 1 epoch; the budget never stops it
  local sets=(--set lfads.population=2 --set lfads.epochsPerGeneration=1 --set lfads.generations=2
    --set lfads.budget=100000 --set lfads.encoder=16 --set lfads.generator=16 --set lfads.controller=8)
  local i
  for i in 1 2 3 4; do sets+=(--set "pool$i.units=20" --set "muaps$i.units=20"); done
  local f="$T/ex/activation-lfads.myoflow"

  "$M" run "$f" --out "$T/local" "${sets[@]}" >"$T/local.log" 2>&1
  check "pbt: the in-process search runs (exit $?)" test -f "$T/local/lfads.search.npy"
  "$M" run "$f" --out "$T/slurm" "${sets[@]}" --set lfads.runner=slurm --set lfads.cpus=1 --set lfads.time=15 \
    --set lfads.mem=2G --set "lfads.populationFolder=$T/pop-slurm" >"$T/slurm.log" 2>&1
  local rc=$?
  check "pbt: the SLURM search runs (exit $rc)" test "$rc" = 0 -a -f "$T/slurm/lfads.search.npy"
  [ "$rc" = 0 ] || tail -n 30 "$T/slurm.log"
  "$M" run "$f" --out "$T/procs" "${sets[@]}" --set lfads.runner=processes --set lfads.parallel=2 \
    --set "lfads.populationFolder=$T/pop-procs" >"$T/procs.log" 2>&1
  rc=$?
  check "pbt: the processes search runs (exit $rc)" test "$rc" = 0 -a -f "$T/procs/lfads.search.npy"

  # two array jobs (one per generation), one task per member, each with a score and a checkpoint
  local jobs
  jobs=$(cat "$T"/pop-slurm/gen-*/job-id 2>/dev/null | sort -u | wc -l)
  check "pbt: one SLURM array job per generation ($jobs)" test "$jobs" = 2
  check "pbt: every SLURM member wrote score and checkpoint" test "$(ls "$T"/pop-slurm/gen-*/member-*/score.json \
    "$T"/pop-slurm/gen-*/member-*/checkpoint.bin 2>/dev/null | wc -l)" = 8
  check "pbt: each SLURM task's output is its member's log" grep -q "^member 1: train loss" \
    "$T/pop-slurm/gen-2/member-1/member.log"
  check "pbt: the SLURM jobs left the queue" test -z "$(for j in $(cat "$T"/pop-slurm/gen-*/job-id 2>/dev/null); do
    squeue -h -j "$j" 2>/dev/null; done)"

  # the chosen hyper-parameters and the validation losses (search history: one sample per generation)
  local cmp
  cmp=$(python3 - "$T/local/lfads.search" "$T/slurm/lfads.search" "$T/procs/lfads.search" <<'PY'
import json, struct, sys
def load(base):
    labels = json.load(open(base + ".json"))["labels"]
    raw = open(base + ".npy", "rb").read()
    major = raw[6]
    hl = struct.unpack("<H", raw[8:10])[0] if major == 1 else struct.unpack("<I", raw[8:12])[0]
    start = (10 if major == 1 else 12) + hl
    header = raw[(10 if major == 1 else 12):start].decode("latin1")
    assert "'<f8'" in header and "False" in header, header
    n = (len(raw) - start) // 8
    v = struct.unpack("<%dd" % n, raw[start:])
    rows = n // len(labels)
    return {l: [v[r * len(labels) + c] for r in range(rows)] for c, l in enumerate(labels)}
runs = [load(b) for b in sys.argv[1:]]
ref = runs[0]
members = sorted({l.split(".")[0] for l in ref})
last = len(ref[members[0] + ".validationLoss"]) - 1
def best(run):
    m = min(members, key=lambda m: run[m + ".validationLoss"][last])
    return m, run[m + ".validationLoss"][last], {k.split(".")[1]: run[k][last] for k in run
        if k.startswith(m + ".") and not k.endswith("validationLoss") and not k.endswith("diverged")}
problems = []
for name, run in zip(["slurm", "processes"], runs[1:]):
    for k in ref:
        for g, (a, b) in enumerate(zip(ref[k], run[k])):
            tol = 1e-9 * max(1.0, abs(a)) if k.endswith("validationLoss") else 0.0
            if abs(a - b) > tol:
                problems.append("%s: %s generation %d: in-process %r, %s %r" % (name, k, g + 1, a, name, b))
    if best(run)[0] != best(ref)[0] or best(run)[2] != best(ref)[2]:
        problems.append("%s chose %s, in-process %s" % (name, best(run), best(ref)))
m, loss, hp = best(ref)
print("generations %d; best %s: validation loss %.9g, %s" % (last + 1, m, loss,
      ", ".join("%s %.6g" % kv for kv in hp.items())))
for p in problems:
    print("DIFF " + p)
PY
)
  echo "     $cmp" | head -n 1
  if [ -n "$cmp" ] && ! grep -q '^DIFF' <<<"$cmp"; then
    ok "pbt: SLURM, processes and in-process choose the same hyper-parameters and validation losses (tol 1e-9)"
  else bad "pbt: the searches differ: $(grep '^DIFF' <<<"$cmp" | head -n 5)"; fi
  check "pbt: the SLURM search's activation estimate equals the in-process one (bytes)" \
    cmp -s "$T/local/lfads.activation.npy" "$T/slurm/lfads.activation.npy"

  # time per generation: the lfads node's time / generations, from each run.json
  local r t
  for r in local slurm procs; do
    t=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('%.1f' % ([n['durationMs'] for n in r['nodes'] if n['id']=='lfads'][0] / 2000.0))" "$T/$r/run.json" 2>/dev/null)
    echo "     pbt: $r: ${t:-?} s per generation (lfads node time / 2)"
  done

  # cancelling: SIGTERM (as Ctrl-C) while generation 1's array job is queued or running cancels it
  "$M" run "$f" --out "$T/cancelled" "${sets[@]}" --set lfads.generations=20 --set lfads.runner=slurm \
    --set lfads.cpus=1 --set "lfads.populationFolder=$T/pop-cancel" >"$T/cancel.log" 2>&1 &
  local pid=$! n=0
  while [ ! -s "$T/pop-cancel/gen-1/job-id" ] && [ $n -lt 600 ] && kill -0 "$pid" 2>/dev/null; do sleep 0.2; n=$((n + 1)); done
  local job; job=$(cat "$T/pop-cancel/gen-1/job-id" 2>/dev/null)
  kill -TERM "$pid" 2>/dev/null
  wait "$pid"; rc=$?
  check "pbt: a cancelled SLURM search exits 130 (exit $rc, job ${job:-none})" test "$rc" = 130 -a -n "$job"
  n=0
  while [ -n "$job" ] && [ -n "$(squeue -h -j "$job" 2>/dev/null)" ] && [ $n -lt 50 ]; do sleep 0.2; n=$((n + 1)); done
  check "pbt: nothing of the cancelled search is left in squeue" test -z "$(squeue -h -j "${job:-0}" 2>/dev/null)"
}
pbt_main
# whatever a failed check left: cancel the jobs this case's searches recorded
for pbt_job in $(cat "$T"/pop-*/gen-*/job-id 2>/dev/null); do scancel "$pbt_job" 2>/dev/null; done

if [ "${PBT_STANDALONE:-0}" = 1 ]; then
  pass=$(grep -c '^ok$' "$RESULTS"); fail=$(grep -c '^bad$' "$RESULTS")
  echo "pbt: $pass passed, $fail failed"
  [ "$fail" = 0 ] && [ "$pass" -gt 0 ]
fi
