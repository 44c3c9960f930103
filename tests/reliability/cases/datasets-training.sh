# Training on a dataset (issue 17, "Done when"): the leave-trial-out examples of the refinement, the NMM and LFADS
# run headless from their .myoflow files and write the trained steps' outputs; a role the trials lack is bad input
# data (exit 3) naming the trial.
for ex in refine nmm lfads; do
  expect_rc "datasets-training: the $ex leave-trial-out example runs" 0 "Ran '" \
    "$M" run "$ROOT/examples/datasets-$ex-lto.myoflow" --out "$T/$ex"
done
check "datasets-training: refinement output written" test -s "$T/refine/refine.refined.npy"
check "datasets-training: NMM excitations written" test -s "$T/nmm/nmm.excitation.npy" -a -s "$T/nmm/nmm.torque.npy"
check "datasets-training: the test trial's deep labels written" test -s "$T/nmm/testDeep.signal.npy"
check "datasets-training: LFADS activation written" test -s "$T/lfads/lfads.activation.npy"
check "datasets-training: NMM reconstructs the deep muscles" grep -q '"TRImed"' "$T/nmm/nmm.excitation.json"
expect_rc "datasets-training: an NMM role the trials lack is exit 3 naming the trial" 3 \
  "trials: trial 1 (sub-01/trial-2/cond-flexion): no signal of role 'finewire'" \
  "$M" run "$ROOT/examples/datasets-nmm-lto.myoflow" --out "$T/nmm-bad" --set nmm.deepRole=finewire
expect_rc "datasets-training: an LFADS role the trials lack is exit 3 naming the trial" 3 \
  "trials: trial 1 (sub-01/trial-2/cond-walk) has no signal of role 'emg'" \
  "$M" run "$ROOT/examples/datasets-lfads-lto.myoflow" --out "$T/lfads-bad" --set lfads.trialsRole=emg
expect_rc "datasets-training: a refinement role the trials lack is exit 3 naming the trial" 3 \
  "trial 1 (sub-01/trial-2/cond-walk): no signal of role 'so'" \
  "$M" run "$ROOT/examples/datasets-refine-lto.myoflow" --out "$T/refine-bad" --set refine.simulatedRole=so
