# ./myoflow opensim so (issue 17, item 2): static optimisation on OpenSim's walking example, and bad input
WALK="$ROOT/bundles/org.myoflow.cli/realdata/opensim"
expect_rc "opensim so on the walking example" 0 "27 rows, 80 muscles" \
  "$M" opensim so "$WALK/subject_walk_scaled.osim" "$WALK/walk_coordinates_100Hz.sto" "$WALK/walk_id_100Hz.sto" \
  --paths "$WALK/subject_walk_scaled_FunctionBasedPathSet.xml" --allow-missing --stride 5 --out "$T/so.sto"
check "opensim so activations in [0, 1] with 80 muscle columns" python3 - "$T/so.sto" <<'PY'
import sys
L = open(sys.argv[1]).read().splitlines()
k = L.index('endheader')
head = L[k + 1].split('\t')
rows = [list(map(float, l.split())) for l in L[k + 2:] if l.strip()]
ok = len(head) == 81 and 'soleus_r' in head and len(rows) == 27 and all(0 <= v <= 1 for r in rows for v in r[1:])
sys.exit(0 if ok else 1)
PY
check "opensim so writes forces and reserves" grep -q "reserve_knee_angle_r" "$T/so_force.sto"
expect_rc "opensim so missing coordinate is exit 3 naming it" 3 "mtp_angle_r" \
  "$M" opensim so "$WALK/subject_walk_scaled.osim" "$WALK/walk_coordinates_100Hz.sto" "$WALK/walk_id_100Hz.sto" \
  --paths "$WALK/subject_walk_scaled_FunctionBasedPathSet.xml" --out "$T/x.sto"
sed 's/ankle_angle_r_moment/ankle_r_moment/' "$WALK/walk_id_100Hz.sto" >"$T/id.sto"
expect_rc "opensim so missing moment column is exit 3 naming it" 3 "ankle_angle_r_moment" \
  "$M" opensim so "$WALK/subject_walk_scaled.osim" "$WALK/walk_coordinates_100Hz.sto" "$T/id.sto" \
  --paths "$WALK/subject_walk_scaled_FunctionBasedPathSet.xml" --allow-missing --out "$T/x.sto"
expect_rc "opensim so bad reserve is exit 2" 2 "reserveOptimalForce" \
  "$M" opensim so "$WALK/subject_walk_scaled.osim" "$WALK/walk_coordinates_100Hz.sto" "$WALK/walk_id_100Hz.sto" \
  --reserve -1 --out "$T/x.sto"
# the pipeline lives beside a copy of its data: file parameters are relative to the experiment (path policy)
mkdir -p "$T/data"
cp "$WALK/subject_walk_scaled.osim" "$WALK/subject_walk_scaled_FunctionBasedPathSet.xml" "$WALK/walk_coordinates_100Hz.sto" \
  "$WALK/walk_id_100Hz.sto" "$T/data/"
D=data
cat >"$T/so.myoflow" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<myoflow:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:myoflow="http://www.myoflow.org/model/experiment/1.0" name="opensim-so" seed="1">
  <pipelines name="so">
    <nodes id="so" stepId="org.myoflow.musculoskeletal.opensim-static-optimisation" stepVersion="1.0.0" x="40" y="80">
      <parameters xsi:type="myoflow:FileValue" key="model" path="$D/subject_walk_scaled.osim"/>
      <parameters xsi:type="myoflow:FileValue" key="paths" path="$D/subject_walk_scaled_FunctionBasedPathSet.xml"/>
      <parameters xsi:type="myoflow:FileValue" key="coordinates" path="$D/walk_coordinates_100Hz.sto"/>
      <parameters xsi:type="myoflow:FileValue" key="moments" path="$D/walk_id_100Hz.sto"/>
      <parameters xsi:type="myoflow:IntegerValue" key="stride" value="5"/>
      <parameters xsi:type="myoflow:BooleanValue" key="allowMissing" value="true"/>
    </nodes>
  </pipelines>
</myoflow:Experiment>
XML
expect_rc "opensim-static-optimisation step runs in a pipeline" 0 "results in" "$M" run "$T/so.myoflow" --out "$T/run"
check "the step writes activation and reserve signals" test -s "$T/run/so.activation.npy" -a -s "$T/run/so.reserve.npy"
sed 's#walk_id_100Hz.sto#no_such_id.sto#' "$T/so.myoflow" >"$T/bad.myoflow"
expect_rc "the step names a missing moments file (exit 2)" 2 "no_such_id.sto" "$M" validate "$T/bad.myoflow"
sed "s#path=\"data/#path=\"$WALK/#" "$T/so.myoflow" >"$T/abs.myoflow"
expect_rc "absolute data paths need --allow-outside (exit 2)" 2 "outside the experiment's folder" "$M" validate "$T/abs.myoflow"
expect_rc "absolute data paths validate with --allow-outside" 0 "" "$M" validate "$T/abs.myoflow" --allow-outside
