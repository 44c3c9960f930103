#!/usr/bin/env bash
# End-to-end checks of the materialised headless product, as a user runs it from the README.
# Prints one line per check and a closing "N passed, M failed" line; exits non-zero on any failure.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
M="$ROOT/myoflow"
SMOKE="$ROOT/tests/smoke"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
export HOME="$T/home"   # no extensions from the real user's folder
mkdir -p "$HOME"
export MYOFLOW_MODELS="$HOME/.myoflow/models"   # Java ignores $HOME for user.home
export MYOFLOW_DJL_CACHE="$ROOT/target/djl-cache"   # PyTorch's native library is unpacked once (450 MB)
pass=0; fail=0
ok()   { echo "ok   - $1"; pass=$((pass + 1)); }
bad()  { echo "FAIL - $1"; fail=$((fail + 1)); }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
expect_rc() { # name expected-rc must-contain command...
  local name=$1 want=$2 text=$3; shift 3
  local out rc
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" = "$want" ] && grep -qF -- "$text" <<<"$out"; then ok "$name (exit $rc)"
  else bad "$name: exit $rc (want $want), output: $(head -c 600 <<<"$out")"; fi
}

t0=$(date +%s.%N)
"$M" demo --out "$T/d1" >"$T/demo1.log" 2>&1; rc=$?
t1=$(date +%s.%N)
check "demo exits 0" [ "$rc" = 0 ]
echo "     demo wall time (JVM start + run + report): $(awk "BEGIN{printf \"%.2f\", $t1 - $t0}") s"
for f in run.json report.html excitation.excitation.npy excitation.excitation.json pool.spikes.npy pool.spikes.json pool.force.npy pool.force.json pool.force.png pool.spikes.png muaps.muaps.png emg.emg.npy emg.emg.json emg.emg.png; do
  check "demo wrote $f" [ -s "$T/d1/$f" ]
done
check "report.html embeds the force, raster, MUAP grid and EMG plots" bash -c "grep -q '<img src=\"pool.force.png\"' '$T/d1/report.html' && grep -q '<img src=\"pool.spikes.png\"' '$T/d1/report.html' && grep -q '<img src=\"muaps.muaps.png\"' '$T/d1/report.html' && grep -q '<img src=\"emg.emg.png\"' '$T/d1/report.html'"
check "run.json records the Fuglevand step, bundle and seed" grep -q '"bundle": "org.myoflow.spikes"' "$T/d1/run.json"
"$M" demo --out "$T/d2" >/dev/null 2>&1
same=1; for f in "$T"/d1/*.npy; do cmp -s "$f" "$T/d2/$(basename "$f")" || same=0; done
check "same seed gives byte-identical .npy files" [ "$same" = 1 ]
"$M" demo --out "$T/d3" --seed 99 >/dev/null 2>&1
check "another seed gives other spike trains" bash -c "! cmp -s '$T/d1/pool.spikes.npy' '$T/d3/pool.spikes.npy'"

"$M" demo --out "$T/c1" --cache "$T/cache" >/dev/null 2>&1
expect_rc "a re-run with --cache takes every node from the cache" 0 "4 from cache" "$M" demo --out "$T/c2" --cache "$T/cache"
expect_rc "an edited downstream parameter recomputes only that node" 0 "2 from cache" "$M" demo --out "$T/c3" --cache "$T/cache" --set pool.isiCv=0.1
check "cached results are byte-identical to computed ones" cmp -s "$T/d1/pool.spikes.npy" "$T/c2/pool.spikes.npy"

ts=$(date +%s.%N); out=$("$M" steps 2>&1); te=$(date +%s.%N)
echo "     'myoflow steps' wall time (headless start-up): $(awk "BEGIN{printf \"%.2f\", $te - $ts}") s"
check "steps lists the Fuglevand step" grep -q "org.myoflow.spikes.motor-unit-pool" <<<"$out"
check "steps lists the static-optimisation step" grep -q "org.myoflow.musculoskeletal.static-optimisation" <<<"$out"
check "steps lists the synergy-extrapolation step" grep -q "org.myoflow.deepemg.synergy-extrapolation" <<<"$out"
"$M" steps --json >"$T/steps.json" 2>/dev/null
check "steps --json describes ports and parameters" grep -q '"name": "recruitmentRange"' "$T/steps.json"

expect_rc "validate names a missing step and its node" 2 "node 'decomposer'" "$M" validate "$SMOKE/unknown-step.myoflow"
expect_rc "--set out of range names node and parameter" 2 "node 'pool', parameter 'units'" "$M" demo --out "$T/x" --set pool.units=100000
expect_rc "--set on an unknown node" 2 "no node 'nosuch'" "$M" demo --out "$T/x" --set nosuch.units=3
expect_rc "inconsistent parameters are a validation error" 2 "parameter 'shape'" "$M" demo --out "$T/x" --set excitation.rise=8
expect_rc "malformed data file exits 3 naming file and line" 3 "malformed.csv:4" "$M" run "$SMOKE/bad-data.myoflow" --out "$T/x"
expect_rc "DOCTYPE/external entities refused" 2 "cannot load experiment" "$M" validate "$SMOKE/xxe.myoflow"
# port contracts: validate refuses each violation with exit 2, naming node, port and channel, before any computation
# (each pipeline would compute for minutes: a 2000-unit pool over 600 s, a 120 s elbow simulation with 400 units)
contract() { # name must-contain file
  local ts te
  ts=$(date +%s.%N)
  expect_rc "$1" 2 "$2" "$M" validate "$SMOKE/$3"
  te=$(date +%s.%N)
  check "$1: refused before any computation ($(awk "BEGIN{printf \"%.1f\", $te - $ts}") s)" awk "BEGIN{exit !($te - $ts < 30)}"
}
contract "a pool fed by a two-channel excitation without 'channel'" "node 'pool', input 'excitation': the excitation has 2 channels [flexor, extensor]; set parameter 'channel'" contract-pool-channels.myoflow
contract "spike trains and MUAP bank of different unit counts" "node 'emg', input 'muaps': the spike trains (input 'spikes') have 300 motor units but the MUAP bank (input 'muaps') has 20" contract-synthesis-units.myoflow
contract "a refinement whose measured activity lacks a simulated muscle" "node 'refine', input 'measured', channel 'BRA': measured activity lacks muscle 'BRA'" contract-refine-muscle.myoflow
contract "a refinement model whose card does not fit" "node 'apply', parameter 'model': model 'muap-surrogate-demo' is a 'muap-surrogate' model, not a Seq2Seq refinement" contract-model-signature.myoflow
expect_rc "run refuses a contract violation with exit 2 too" 2 "node 'pool', input 'excitation'" "$M" run "$SMOKE/contract-pool-channels.myoflow" --out "$T/x"
expect_rc "validate --specs prints what the ports carry" 0 "pool.spikes: spike-trains, 60 units" "$M" validate "$ROOT/examples/surface-emg.myoflow" --specs
expect_rc "a number with an SI-prefixed unit converts" 0 "is valid" "$M" validate "$ROOT/examples/surface-emg.myoflow" --set conductor.interElectrodeDistance=0.5cm
expect_rc "a number with a unit of another kind is refused naming both units" 2 "unit 'kg' cannot be converted to the parameter's unit 'mm'" "$M" validate "$ROOT/examples/surface-emg.myoflow" --set conductor.interElectrodeDistance=5kg
expect_rc "gui without a display says so and exits 2" 2 "no display" env -u DISPLAY -u WAYLAND_DISPLAY "$M" gui --workspace "$T/ws"
check "the workbench product is materialised with SWT for gtk x86_64" bash -c "ls '$ROOT/releng/org.myoflow.product/target/products/org.myoflow.workbench/linux/gtk/x86_64/plugins/' | grep -q '^org.eclipse.swt.gtk.linux.x86_64_'"
check "the headless product carries no SWT" bash -c "! ls '$ROOT/releng/org.myoflow.product/target/products/org.myoflow.headless/linux/gtk/x86_64/plugins/' | grep -qi swt"
check "no SWT/JFace/workbench import outside the *.ui* bundles" bash -c "! grep -rlE '^import (static )?org\.eclipse\.(swt|jface|ui)\.' '$ROOT'/bundles/*/src --include=*.java | grep -v '/bundles/org\.myoflow\.ui[^/]*/'"
expect_rc "bench lists the suites" 0 "spikes" "$M" bench
"$M" bench spikes --quick --json >"$T/bench.txt" 2>/dev/null; rc=$?
check "bench spikes --quick --json ends with one JSON object of figures" bash -c "[ $rc = 0 ] && tail -n 1 '$T/bench.txt' | grep -q '^{.*\"force_realtime_factor\".*}$'"
expect_rc "unknown bench suite" 2 "no benchmark suite 'nosuch'" "$M" bench nosuch
"$M" bench io --quick --json >"$T/bio.txt" 2>/dev/null; rc=$?
check "bench io --quick --json gives read MB/s and read/copy of C3D, BDF and .mat" bash -c "[ $rc = 0 ] && tail -n 1 '$T/bio.txt' | grep -q '\"io_read_mbps_c3d\".*\"io_read_vs_copy_c3d\".*\"io_read_vs_copy_bdf\".*\"io_read_vs_copy_mat\"'"
expect_rc "muap writes a single-fibre MUAP" 0 "1 fibre at depth 3 mm" "$M" muap --depth-mm 3 --montage sd --out "$T/muap.npy"
check "muap wrote .npy and sidecar" bash -c "[ -s '$T/muap.npy' ] && [ -s '$T/muap.json' ]"
expect_rc "muap refuses a bad option naming it" 2 "--depth-mm" "$M" muap --depth-mm -1 --out "$T/bad.npy"
expect_rc "unknown command is a usage error" 2 "Unmatched argument" "$M" frobnicate
for ex in "$ROOT"/examples/*.myoflow; do
  expect_rc "example $(basename "$ex") runs" 0 "Ran '" "$M" run "$ex" --out "$T/ex-$(basename "$ex" .myoflow)"
done
for n in lowpass rms bayes; do
  check "activation example wrote $n.activation" [ -s "$T/ex-activation-baselines/$n.activation.npy" ]
done
expect_rc "activation example validates" 0 "" "$M" validate "$ROOT/examples/activation-baselines.myoflow"
expect_rc "activation band above Nyquist is a validation error naming it" 2 "not below the Nyquist frequency 1024.0 Hz" "$M" run "$ROOT/examples/activation-baselines.myoflow" --out "$T/x" --set rms.bandPassHigh=1100
expect_rc "activation band edges in the wrong order are a validation error" 2 "parameter 'bandPassLow'" "$M" validate "$ROOT/examples/activation-baselines.myoflow" --set bayes.bandPassLow=500
check "LFADS example wrote its activation and search history" bash -c "[ -s '$T/ex-activation-lfads/lfads.activation.npy' ] && [ -s '$T/ex-activation-lfads/lfads.search.npy' ]"
expect_rc "LFADS window longer than the recording exits 3 naming both" 3 "fewer than one window of 2000 bins" "$M" run "$ROOT/examples/activation-lfads.myoflow" --out "$T/x" --set lfads.windowBins=2000
expect_rc "LFADS model name with a slash is a validation error" 2 "parameter 'saveAs'" "$M" validate "$ROOT/examples/activation-lfads.myoflow" --set lfads.saveAs=bad/name
"$M" bench activation --quick --json >"$T/ba.txt" 2>/dev/null; rc=$?
check "bench activation --quick --json ends with the R² of every method and the training time" bash -c "[ $rc = 0 ] && tail -n 1 '$T/ba.txt' | grep -q '\"r2_lowpass\".*\"r2_rms\".*\"r2_bayes\".*\"r2_lfads\".*\"lfads_train_seconds\"'"

check "deep-EMG example wrote both methods' excitations" bash -c "[ -s '$T/ex-deepemg-nmm/nmm.excitation.npy' ] && [ -s '$T/ex-deepemg-nmm/synx.excitation.npy' ]"
expect_rc "NMM model name with a slash is a validation error" 2 "parameter 'saveAs'" "$M" validate "$ROOT/examples/deepemg-nmm.myoflow" --set nmm.saveAs=bad/name
expect_rc "NMM window longer than the recording exits 3 naming it" 3 "at least one window of 5000 samples" "$M" run "$ROOT/examples/deepemg-nmm.myoflow" --out "$T/x" --set nmm.windowLength=5000
"$M" bench deepemg --quick --json >"$T/bd.txt" 2>/dev/null; rc=$?
check "bench deepemg --quick --json ends with the four issue keys" bash -c "[ $rc = 0 ] && tail -n 1 '$T/bd.txt' | grep -q '\"deep_r2_synx\".*\"deep_r2_nmm\".*\"torque_rmse_synx\".*\"torque_rmse_nmm\"'"
check "refinement example overlays measured, simulated and refined activity" bash -c "[ -s '$T/ex-refine-static-optimisation/refine.comparison.png' ] && [ -s '$T/ex-refine-static-optimisation/refine.refined.npy' ]"
expect_rc "refinement window longer than a cycle is a validation error" 2 "parameter 'windowLength'" "$M" validate "$ROOT/examples/refine-static-optimisation.myoflow" --set refine.cycles=true --set refine.windowLength=200
"$M" bench refine --quick --json >"$T/br.txt" 2>/dev/null; rc=$?
check "bench refine --quick --json ends with the issue keys" bash -c "[ $rc = 0 ] && tail -n 1 '$T/br.txt' | grep -q '\"corr_raw\".*\"corr_refined\".*\"muscles_improved\".*\"muscles_total\"'"
jar=$(ls "$ROOT"/tests/org.example.myoflow.rms/target/org.example.myoflow.rms-*.jar 2>/dev/null | grep -v sources | head -n 1)
if [ -n "$jar" ]; then
  mkdir -p "$T/ext"; cp "$jar" "$T/ext/"
  expect_rc "third-party step appears when installed" 0 "org.example.myoflow.moving-rms" env MYOFLOW_EXTENSIONS="$T/ext" "$M" steps
  expect_rc "pipeline with the third-party step runs" 0 "Ran 'force-envelope'" env MYOFLOW_EXTENSIONS="$T/ext" "$M" run "$SMOKE/third-party.myoflow" --out "$T/tp"
  check "third-party output written" [ -s "$T/tp/rms.envelope.npy" ]
  "$M" steps >"$T/steps.txt" 2>&1
  check "third-party step gone when its jar is removed" bash -c "! grep -q moving-rms '$T/steps.txt'"
else
  bad "third-party bundle jar not built (tests/org.example.myoflow.rms/target)"
fi

# learned-model stack: registry, surrogate demo, training, benchmark, refusals
expect_rc "models lists the shipped surrogate" 0 "muap-surrogate-demo" "$M" models
expect_rc "demo --surrogate runs" 0 "Ran 'dynamic-surface-emg-surrogate'" "$M" demo --surrogate --out "$T/ds"
check "surrogate demo shows the surrogate's and the numerical MUAPs" bash -c "[ -s '$T/ds/muaps.muaps.png' ] && [ -s '$T/ds/numerical.muaps.png' ] && [ -s '$T/ds/emg.emg.npy' ]"
SURROGATE_SHA=$(sha256sum "$ROOT/models/muap-surrogate-demo/model.onnx" | cut -d' ' -f1)
check "run.json names the surrogate model file's SHA-256" grep -q "\"sha256\": \"$SURROGATE_SHA\"" "$T/ds/run.json"
expect_rc "a model missing from the registry is a validation error" 2 "is not in the model registry" "$M" validate "$ROOT/bundles/org.myoflow.cli/demo/spike-trains-demo.myoflow" --pipeline dynamic-surface-emg-surrogate --set muaps.model=no-such-surrogate
expect_rc "train --quick writes a model" 0 "test_nrmse_median" "$M" train muap-surrogate-demo --quick --out "$T/qm"
check "trained model folder has model.onnx and model.json" bash -c "[ -s '$T/qm/muap-surrogate-demo/model.onnx' ] && [ -s '$T/qm/muap-surrogate-demo/model.json' ]"
expect_rc "unknown recipe is refused" 2 "muap-surrogate-demo" "$M" train nosuch
"$M" bench surrogate --quick --json >"$T/bs.txt" 2>/dev/null; rc=$?
check "bench surrogate --quick --json ends with the figures" bash -c "[ $rc = 0 ] && tail -n 1 '$T/bs.txt' | grep -q '\"surrogate_speedup\"'"
mkdir -p "$HOME/.myoflow/models" && cp -r "$ROOT/models/muap-surrogate-demo" "$HOME/.myoflow/models/"
printf '\x00' | dd of="$HOME/.myoflow/models/muap-surrogate-demo/model.onnx" bs=1 seek=200 conv=notrunc 2>/dev/null
expect_rc "a corrupted model is refused naming it" 3 "muap-surrogate-demo" "$M" demo --surrogate --out "$T/dc"
expect_rc "models marks the corrupted copy" 0 "CORRUPTED" "$M" models
rm -rf "$HOME/.myoflow/models"

# run folders: verify checks a folder against its run.json (the kill -9 loop, concurrent runs, signals and the
# --out/--overwrite rules are in tests/reliability/cases/1[0-4]-*.sh)
expect_rc "verify finds the run folder complete" 0 "complete" "$M" verify "$T/d1"
cp -r "$T/d1" "$T/trunc"; truncate -s -100 "$T/trunc/emg.emg.npy"
expect_rc "verify finds a truncated result" 3 "emg.emg.npy does not match its SHA-256" "$M" verify "$T/trunc"
expect_rc "a re-run into an existing run folder needs --overwrite" 2 "pass --overwrite" "$M" demo --out "$T/d1"

echo "smoke: $pass passed, $fail failed"
[ "$fail" = 0 ]
