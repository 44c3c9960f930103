# Datasets (issue 17, item 3): a manifest naming a missing file is a data problem at validation (exit 3, row and
# column named) for both validate and run; the leave-trial-out example runs headless and scores every trial.
mkdir -p "$T/ds/data"
cp "$ROOT"/examples/data/study/*.sto "$T/ds/data/"
sed 's/\tsub-/\tdata\/sub-/g' "$ROOT/examples/data/study/dataset.tsv" >"$T/ds/dataset.tsv"
sed -e 's|data/study/dataset.tsv|dataset.tsv|' -e 's|key="epochs" value="8"|key="epochs" value="2"|' \
  "$ROOT/examples/datasets-refine-lto.myoflow" >"$T/ds/lto.myoflow"
check "datasets: the copied study validates" "$M" validate "$T/ds/lto.myoflow"
rm "$T/ds/data/sub-02_trial-1_simulated.sto"
expect_rc "datasets: validate names the manifest row of a missing file" 3 \
  "dataset.tsv row 3 (line 6), column 'simulated': file not found: data/sub-02_trial-1_simulated.sto" \
  "$M" validate "$T/ds/lto.myoflow"
expect_rc "datasets: run refuses it before any work" 3 "row 3 (line 6), column 'simulated'" \
  "$M" run "$T/ds/lto.myoflow" --out "$T/ds/run-missing"
check "datasets: no run folder after the refusal" test ! -e "$T/ds/run-missing"
printf 'subject\temg\n01\t../outside.sto\n' >"$T/ds/escape.tsv"
sed 's|key="manifest" path="dataset.tsv"|key="manifest" path="escape.tsv"|' "$T/ds/lto.myoflow" >"$T/ds/escape.myoflow"
expect_rc "datasets: a manifest path leaving its folder is refused" 3 "leaves the manifest's folder" \
  "$M" validate "$T/ds/escape.myoflow"
cp "$ROOT/examples/data/study/sub-02_trial-1_simulated.sto" "$T/ds/data/"
expect_rc "datasets: the leave-trial-out example runs" 0 "" "$M" run "$T/ds/lto.myoflow" --out "$T/ds/run"
check "datasets: scores and summary written" test -s "$T/ds/run/score.scores.npy" -a -s "$T/ds/run/score.summary.json"
check "datasets: the report shows the score table" grep -q "all trials SD" "$T/ds/run/report.html"
