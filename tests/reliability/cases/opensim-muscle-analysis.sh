# ./myoflow opensim lengths --muscle-analysis-prefix and opensim so --muscle-analysis (issue 17, item 1): static
# optimisation from OpenSim MuscleAnalysis-style files equals the model route; bad input is exit 3 naming the file
WALK="$ROOT/bundles/org.myoflow.cli/realdata/opensim"
MA="$T/ma/subject_MuscleAnalysis"
expect_rc "opensim lengths writes MuscleAnalysis files" 0 "subject_MuscleAnalysis_MomentArm_knee_angle_r.sto" \
  "$M" opensim lengths "$WALK/subject_walk_scaled.osim" "$WALK/walk_coordinates_100Hz.sto" \
  --paths "$WALK/subject_walk_scaled_FunctionBasedPathSet.xml" --allow-missing --muscle-analysis-prefix "$MA"
check "the lengths file has OpenSim's MuscleAnalysis columns (muscle names)" \
  bash -c "grep -A1 endheader '${MA}_Length.sto' | tail -1 | grep -q \$'\tsoleus_r\t'"
expect_rc "opensim so from the MuscleAnalysis files" 0 "27 rows, 80 muscles" \
  "$M" opensim so "$WALK/subject_walk_scaled.osim" "$WALK/walk_coordinates_100Hz.sto" --muscle-analysis "$MA" \
  --moments "$WALK/walk_id_100Hz.sto" --allow-missing --stride 5 --out "$T/ma.sto"
expect_rc "opensim so from the model's paths" 0 "27 rows, 80 muscles" \
  "$M" opensim so "$WALK/subject_walk_scaled.osim" "$WALK/walk_coordinates_100Hz.sto" "$WALK/walk_id_100Hz.sto" \
  --paths "$WALK/subject_walk_scaled_FunctionBasedPathSet.xml" --allow-missing --stride 5 --out "$T/paths.sto"
check "activations from the files equal those from the paths (1e-9 relative)" python3 - "$T/ma.sto" "$T/paths.sto" <<'PY'
import sys
def rows(f):
    L = open(f).read().splitlines()
    k = L.index('endheader')
    return L[k + 1].split('\t'), [list(map(float, l.split())) for l in L[k + 2:] if l.strip()]
ha, a = rows(sys.argv[1])
hb, b = rows(sys.argv[2])
ok = ha == hb and len(a) == len(b) == 27 and all(
    abs(x - y) <= 1e-9 * max(abs(y), 1e-3) for ra, rb in zip(a, b) for x, y in zip(ra, rb))
sys.exit(0 if ok else 1)
PY
# the step: parameter muscleAnalysis names the _Length.sto file, relative to the experiment (path policy)
mkdir -p "$T/exp/data"
cp "$WALK/subject_walk_scaled.osim" "$WALK/walk_id_100Hz.sto" "$T/ma/"*.sto "$T/exp/data/"
cat >"$T/exp/ma.myoflow" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<myoflow:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:myoflow="http://www.myoflow.org/model/experiment/1.0" name="opensim-ma" seed="1">
  <pipelines name="so">
    <nodes id="so" stepId="org.myoflow.musculoskeletal.opensim-static-optimisation" stepVersion="1.0.0" x="40" y="80">
      <parameters xsi:type="myoflow:FileValue" key="model" path="data/subject_walk_scaled.osim"/>
      <parameters xsi:type="myoflow:FileValue" key="muscleAnalysis" path="data/subject_MuscleAnalysis_Length.sto"/>
      <parameters xsi:type="myoflow:FileValue" key="moments" path="data/walk_id_100Hz.sto"/>
      <parameters xsi:type="myoflow:IntegerValue" key="stride" value="5"/>
    </nodes>
  </pipelines>
</myoflow:Experiment>
XML
expect_rc "the step runs from MuscleAnalysis files in a pipeline" 0 "results in" "$M" run "$T/exp/ma.myoflow" --out "$T/run"
check "the step writes activation and reserve signals" test -s "$T/run/so.activation.npy" -a -s "$T/run/so.reserve.npy"
sed 's#key="muscleAnalysis" path="data/#key="muscleAnalysis" path="../ma/#' "$T/exp/ma.myoflow" >"$T/exp/out.myoflow"
expect_rc "a muscleAnalysis file outside the experiment's folder is refused (exit 2)" 2 "outside the experiment's folder" \
  "$M" validate "$T/exp/out.myoflow"
rm "${MA}_MomentArm_knee_angle_r.sto"
expect_rc "a missing moment-arm file is exit 3 naming it" 3 "subject_MuscleAnalysis_MomentArm_knee_angle_r.sto" \
  "$M" opensim so "$WALK/subject_walk_scaled.osim" --muscle-analysis "$MA" --moments "$WALK/walk_id_100Hz.sto" \
  --out "$T/x.sto"
awk 'BEGIN{FS=OFS="\t"} f && NR==n+4 {$1=$1+0.005} /^endheader/{f=1; n=NR} {print}' "${MA}_MomentArm_hip_flexion_r.sto" \
  >"$T/shifted.sto" && mv "$T/shifted.sto" "${MA}_MomentArm_hip_flexion_r.sto"
expect_rc "disagreeing times are exit 3 naming the file and row" 3 "MomentArm_hip_flexion_r.sto: row 3" \
  "$M" opensim so "$WALK/subject_walk_scaled.osim" --muscle-analysis "$MA" --moments "$WALK/walk_id_100Hz.sto" \
  --out "$T/x.sto"
expect_rc "--muscle-analysis without --moments is a usage error" 2 "--moments" \
  "$M" opensim so "$WALK/subject_walk_scaled.osim" --muscle-analysis "$MA" --out "$T/x.sto"
