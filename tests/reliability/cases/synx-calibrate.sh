# SynX calibration on a dataset (issue 17, item 3): the leave-trial-out example on the gait2392 data runs headless
# and writes the calibration and fit tables; an unknown muscle is an invalid pipeline (exit 2) naming it, a role the
# trials lack and a coordinate their kinematics lack are bad input data (exit 3) naming the trial.
expect_rc "synx-calibrate: the leave-trial-out example runs" 0 "Ran '" \
  "$M" run "$ROOT/examples/datasets-synx-lto.myoflow" --out "$T/synx"
check "synx-calibrate: calibration and fit tables written" \
  test -s "$T/synx/synx.calibration.npy" -a -s "$T/synx/synx.fit.npy" -a -s "$T/synx/score.scores.npy"
check "synx-calibrate: the calibration lists the unmeasured muscles" grep -q '"bifemsh_r"' "$T/synx/synx.calibration.json"
expect_rc "synx-calibrate: an unknown measured muscle is exit 2 naming it" 2 \
  "parameter 'measured': model 3DGaitModel2392 has no muscle 'soleus_x'" \
  "$M" validate "$ROOT/examples/datasets-synx-lto.myoflow" --set synx.measured=soleus_r,soleus_x
expect_rc "synx-calibrate: a role the trials lack is exit 3 naming the trial" 3 \
  "trials: trial 1 (sub-06/task-walk/trial-1/cond-walk36): no signal of role 'id'" \
  "$M" run "$ROOT/examples/datasets-synx-lto.myoflow" --out "$T/synx-bad1" --set synx.momentsRole=id
expect_rc "synx-calibrate: a coordinate the kinematics lack is exit 3 naming it" 3 \
  "role 'kinematics': no channel for model coordinate knee_angle_l" \
  "$M" run "$ROOT/examples/datasets-synx-lto.myoflow" --out "$T/synx-bad2" --set synx.coordinates=knee_angle_r,knee_angle_l
