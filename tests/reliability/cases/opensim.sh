# ./myoflow opensim (issue 17, item 1): info and lengths on the shipped OpenSim references, and bad input
OS="$ROOT/tests/org.myoflow.musculoskeletal.tests/data/opensim"
WALK="$ROOT/bundles/org.myoflow.cli/realdata/opensim"
expect_rc "opensim info lists coordinates and muscles" 0 "muscles (18)" "$M" opensim info "$OS/walk_gait1018_subject01.osim"
expect_rc "opensim lengths of the wrap-cylinder model" 0 "238 rows, 18 muscles" \
  "$M" opensim lengths "$OS/subject_walk_armless_18musc.osim" "$OS/subject_walk_armless_coordinates.mot" --out "$T/sw.sto" --moment-arms
check "opensim lengths equal OpenSim's within 1e-5 m" python3 - "$T/sw.sto" \
  "$OS/std_testGeometryPathWrapping_subject_walk_armless_muscle_lengths.sto" <<'PY'
import sys
def read(p):
    L = open(p).read().splitlines()
    k = L.index('endheader')
    return L[k + 1].split('\t'), [list(map(float, l.split())) for l in L[k + 2:] if l.strip()]
ha, a = read(sys.argv[1]); hb, b = read(sys.argv[2])
assert ha[1:] == hb[1:], (ha, hb)
w = max(abs(x - y) for ra, rb in zip(a, b) for x, y in zip(ra[1:], rb[1:]))
print('worst', w)
sys.exit(0 if len(a) == len(b) and w < 1e-5 else 1)
PY
check "opensim lengths writes moment-arm files" test -s "$T/sw_MomentArm_knee_angle_r.sto"
expect_rc "opensim unknown option is exit 2" 2 "--frobnicate" "$M" opensim lengths "$OS/walk_gait1018_subject01.osim" "$OS/walk_gait1018_state_reference.mot" --out "$T/x.sto" --frobnicate
sed 's#/jointset/knee_l/knee_angle_l/value#/jointset/knee_l/knee_twist_l/value#' "$OS/walk_gait1018_state_reference.mot" >"$T/cut.mot"
expect_rc "opensim missing coordinate is exit 3 naming it" 3 "knee_angle_l" "$M" opensim lengths "$OS/walk_gait1018_subject01.osim" "$T/cut.mot" --out "$T/x.sto"
sed 's#<PinJoint name="hip_r">#<BallJoint name="hip_r">#; 0,/<\/PinJoint>/s#</PinJoint>#</BallJoint>#' "$OS/walk_gait1018_subject01.osim" >"$T/ball.osim"
expect_rc "opensim info lists an unsupported joint" 0 "BallJoint name=\"hip_r\"" "$M" opensim info "$T/ball.osim"
expect_rc "opensim lengths over an unsupported joint is exit 3 naming joint and muscle" 3 "muscle hamstrings_r" \
  "$M" opensim lengths "$T/ball.osim" "$OS/walk_gait1018_state_reference.mot" --out "$T/x.sto"
expect_rc "opensim missing model file is exit 3" 3 "nothing.osim" "$M" opensim info "$T/nothing.osim"
