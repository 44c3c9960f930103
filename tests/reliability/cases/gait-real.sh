# Real gait data (issue 17, items 2 and 5): gait2392 of the CEINMS-RT set (examples/data/gait2392): one-leg static
# optimisation, the example pipeline (SO + refinement) headless, and bad input naming what is wrong
G="$ROOT/examples/data/gait2392"
RIGHT=hip_flexion_r,hip_adduction_r,hip_rotation_r,knee_angle_r,ankle_angle_r
expect_rc "opensim info reads gait2392 (92 muscles, nothing left out)" 0 "not modelled (0)" "$M" opensim info "$G/gait2392.osim"
expect_rc "opensim lengths on gait2392 (conditional and moving path points, spline knee)" 0 "1500 rows, 3 muscles" \
  "$M" opensim lengths "$G/gait2392.osim" "$G/walk36/ik.sto" --allow-missing --moment-arms \
  --muscles vas_med_r,rect_fem_r,med_gas_r --out "$T/len.sto"
check "vastus medialis extends the knee (moment arm > 0 about knee_angle_r)" python3 - "$T/len_MomentArm_knee_angle_r.sto" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]).read().split('endheader')[1].strip().splitlines()]
i = rows[0].index('vas_med_r')
sys.exit(0 if all(0.02 < float(r[i]) < 0.06 for r in rows[1:]) else 1)
PY
expect_rc "opensim so on the right leg of gait2392" 0 "rows, 46 muscles" \
  "$M" opensim so "$G/gait2392.osim" "$G/walk36/ik.sto" "$G/walk36/id.sto" --allow-missing --muscles '*_r' \
  --coordinates "$RIGHT" --end 4 --out "$T/so.sto"
check "one-leg SO: activations of the right-leg muscles only, in [0, 1]" python3 - "$T/so.sto" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]).read().split('endheader')[1].strip().splitlines()]
ok = all(c.endswith('_r') for c in rows[0][1:]) and all(0 <= float(x) <= 1 for r in rows[1:] for x in r[1:])
sys.exit(0 if ok and len(rows) > 150 else 1)
PY
check "one-leg SO writes reserves of the balanced coordinates only" python3 - "$T/so_force.sto" <<'PY'
import sys
head = open(sys.argv[1]).read().split('endheader')[1].strip().splitlines()[0].split()
res = [c for c in head if c.startswith('reserve_')]
sys.exit(0 if res == ['reserve_' + c for c in 'hip_flexion_r hip_adduction_r hip_rotation_r knee_angle_r ankle_angle_r'.split()] else 1)
PY
expect_rc "opensim so --muscles pattern matching nothing is exit 2 naming it" 2 "*_x" \
  "$M" opensim so "$G/gait2392.osim" "$G/walk36/ik.sto" "$G/walk36/id.sto" --allow-missing --muscles '*_x' \
  --coordinates "$RIGHT" --out "$T/x.sto"
# bad input: a coordinates file lacking a balanced coordinate names it (exit 3)
sed 's#\tknee_angle_r\t#\tknee_twist_r\t#' "$G/walk36/ik.sto" >"$T/noknee.sto"
expect_rc "opensim so: coordinates file lacking knee_angle_r names it (exit 3)" 3 "knee_angle_r" \
  "$M" opensim so "$G/gait2392.osim" "$T/noknee.sto" "$G/walk36/id.sto" --allow-missing --muscles '*_r' \
  --coordinates "$RIGHT" --out "$T/x.sto"
expect_rc "opensim lengths: coordinates file lacking knee_angle_r names it (exit 3)" 3 "knee_angle_r" \
  "$M" opensim lengths "$G/gait2392.osim" "$T/noknee.sto" --out "$T/x.sto"
# bad input: an unsupported joint type (the knee) and an unsupported wrap object name the element and the muscle
python3 - "$G/gait2392.osim" "$T" <<'PY'
import sys
s = open(sys.argv[1]).read()
i = s.index('<CustomJoint name="knee_r">'); j = s.index('</CustomJoint>', i)
joint = s[:i] + '<EllipsoidJoint name="knee_r">' + s[i + len('<CustomJoint name="knee_r">'):j] + '</EllipsoidJoint>' + s[j + len('</CustomJoint>'):]
open(sys.argv[2] + '/joint.osim', 'w').write(joint)
b = s.index('<Body name="femur_r">'); o = s.index('<objects />', b)
torus = ('<objects><WrapTorus name="knee_torus"><xyz_body_rotation>0 0 0</xyz_body_rotation><translation>0 -0.4 0'
         '</translation><inner_radius>0.01</inner_radius><outer_radius>0.05</outer_radius></WrapTorus></objects>')
w = s[:o] + torus + s[o + len('<objects />'):]
m = w.index('<Thelen2003Muscle name="vas_med_r">'); p = w.index('<PathWrapSet', m); q = w.index('<objects />', p)
w = w[:q] + '<objects><PathWrap name="vm_torus"><wrap_object>knee_torus</wrap_object></PathWrap></objects>' + w[q + len('<objects />'):]
open(sys.argv[2] + '/wrap.osim', 'w').write(w)
PY
expect_rc "opensim info lists the unsupported knee joint" 0 "EllipsoidJoint" "$M" opensim info "$T/joint.osim"
expect_rc "opensim lengths over the unsupported knee joint is exit 3 naming joint and muscle" 3 "muscle vas_med_r" \
  "$M" opensim lengths "$T/joint.osim" "$G/walk36/ik.sto" --allow-missing --muscles vas_med_r --out "$T/x.sto"
expect_rc "opensim lengths over a WrapTorus is exit 3 naming the wrap type and the muscle" 3 "WrapTorus" \
  "$M" opensim lengths "$T/wrap.osim" "$G/walk36/ik.sto" --allow-missing --muscles vas_med_r --out "$T/x.sto"
expect_rc "the WrapTorus message names the muscle" 3 "vas_med_r" \
  "$M" opensim lengths "$T/wrap.osim" "$G/walk36/ik.sto" --allow-missing --muscles vas_med_r --out "$T/x.sto"
# the example pipeline, headless, beside a copy of its data (path policy), shortened
mkdir -p "$T/ex/data"
cp -r "$G" "$T/ex/data/"
cp "$ROOT/examples/gait-real-refinement.myoflow" "$T/ex/"
expect_rc "gait-real-refinement example validates" 0 "" "$M" validate "$T/ex/gait-real-refinement.myoflow"
expect_rc "gait-real-refinement example runs headless (SO + refinement, 2 epochs)" 0 "results in" \
  "$M" run "$T/ex/gait-real-refinement.myoflow" --out "$T/run" --set refine.epochs=2
check "the example writes SO activations and refined activity" test -s "$T/run/so.activation.npy" -a -s "$T/run/refine.refined.npy"
