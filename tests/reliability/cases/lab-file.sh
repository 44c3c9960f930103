# Lab file and template library in the source tree (issue 18, item 3; the read-only installation with a user and
# admin install is tests/lab/run.sh): MYOFLOW_LAB names a lab file whose library holds a template with a data file;
# lab, library, library copy (no overwrite), the copy runs with the lab's shared cache; bad lab files are named.
L="$T/lab"
mkdir -p "$L/templates/ramp/data" "$L/cache"
cp "$ROOT/examples/excitation-from-file.myoflow" "$L/templates/ramp/ramp.myoflow"
cp "$ROOT/examples/data/excitation-ramp.sto" "$L/templates/ramp/data/"
printf 'name = Test Lab\nlibrary = templates\ncache = cache\n' >"$L/lab.properties"
export MYOFLOW_LAB="$L/lab.properties"
expect_rc "lab names the lab file and its library" 0 "Test Lab" "$M" lab
expect_rc "library lists the lab's template with its description" 0 "A motor-unit pool driven by an excitation" "$M" library
expect_rc "library copy gives a copy with its data" 0 "$T/mine/ramp.myoflow" "$M" library copy ramp "$T/mine"
check "the data file came along" [ -s "$T/mine/data/excitation-ramp.sto" ]
expect_rc "library copy never overwrites" 2 "nothing is overwritten" "$M" library copy ramp "$T/mine"
expect_rc "library copy of an unknown template exits 2 naming the templates" 2 "templates: ramp" "$M" library copy nope "$T/x"
expect_rc "the copy runs, with the lab's shared cache by default" 0 "Ran" "$M" run "$T/mine/ramp.myoflow" --out "$T/run1"
check "the lab's cache folder received the results" bash -c "[ -n \"\$(ls -A '$L/cache')\" ]"
printf 'librar = x\n' >"$L/bad.properties"
expect_rc "a misspelt key in the lab file exits 2 naming it" 2 "unknown key 'librar'" env MYOFLOW_LAB="$L/bad.properties" "$M" lab
expect_rc "other commands warn about it and go on" 0 "unknown key 'librar'" env MYOFLOW_LAB="$L/bad.properties" "$M" steps
expect_rc "a lab file that does not exist is named" 2 "does not exist" env MYOFLOW_LAB="$T/none.properties" "$M" library
unset MYOFLOW_LAB
help_ok() { local out rc; out=$("$M" "$@" 2>&1); rc=$?; [ "$rc" = 0 ] && grep -q "Usage: myoflow" <<<"$out"; }
for c in "lab --help" "library --help" "library copy --help" "admin install --help"; do
  # shellcheck disable=SC2086
  check "./myoflow $c exits 0 with the usage" help_ok $c
done
expect_rc "admin without a subcommand exits 2 naming install" 2 "install REPO IU" "$M" admin

# the lab file's slurm.profile is the default sbatch profile of `sweep --executor slurm` (no SLURM needed: a stand-in
# sbatch on PATH records its arguments and prints a job id; squeue and scancel only need to exist)
F="$T/fake-slurm"
mkdir -p "$F"
printf '#!/bin/sh\necho "$@" >>"%s/sbatch.args"\necho 4242\n' "$F" >"$F/sbatch"
printf '#!/bin/sh\nexit 0\n' >"$F/squeue"
printf '#!/bin/sh\nexit 0\n' >"$F/scancel"
chmod +x "$F/sbatch" "$F/squeue" "$F/scancel"
printf '#SBATCH --partition=labpart\n#SBATCH --comment=lab-default\n' >"$L/profile.sbatch"
printf 'name = Test Lab\nslurm.profile = profile.sbatch\n' >"$L/slurm.properties"
EXS="$ROOT/examples/excitation-from-file.myoflow"
expect_rc "sweep --executor slurm without --profile submits with the lab's profile" 0 "4242" \
  env PATH="$F:$PATH" MYOFLOW_LAB="$L/slurm.properties" "$M" sweep "$EXS" --seeds 1-2 --executor slurm --out "$T/labsweep"
check "the job script holds the lab profile's lines" \
  grep -qz "#SBATCH --partition=labpart.*#SBATCH --comment=lab-default" "$T/labsweep/slurm/job-1.sh"
check "sbatch was called once, for an array of 2 tasks" grep -qx -- "--parsable --array=0-1 .*" "$F/sbatch.args"
expect_rc "an explicit --profile wins over the lab's" 0 "4242" \
  env PATH="$F:$PATH" MYOFLOW_LAB="$L/slurm.properties" "$M" sweep "$EXS" --seeds 1-2 --executor slurm \
  --profile "$ROOT/examples/slurm-profile.sbatch" --out "$T/labsweep2"
check "... its job script has the explicit profile, not the lab's" \
  bash -c "grep -q -- '--partition=debug' '$T/labsweep2/slurm/job-1.sh' && ! grep -q labpart '$T/labsweep2/slurm/job-1.sh'"
printf 'slurm.profile = missing.sbatch\n' >"$L/slurm-missing.properties"
expect_rc "a lab slurm.profile that does not exist is named (exit 2)" 2 "the lab file's slurm.profile" \
  env PATH="$F:$PATH" MYOFLOW_LAB="$L/slurm-missing.properties" "$M" sweep "$EXS" --seeds 1-2 --executor slurm --out "$T/labsweep3"
check "nothing was submitted for it" [ "$(wc -l <"$F/sbatch.args")" = 2 ]
