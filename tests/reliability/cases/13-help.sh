# --help and -h of every command and sub-command exit 0 with the usage (issue 19: run/validate/steps/demo/bench exited 2)
help_ok() { # args...: exit 0 and a usage text on stdout
  local out rc
  out=$("$M" "$@" 2>&1); rc=$?
  [ "$rc" = 0 ] && grep -q "Usage: myoflow" <<<"$out"
}
export -f help_ok
export M
cmds=("run --help" "validate --help" "verify --help" "steps --help" "demo --help" "bench --help" "models --help"
  "models import --help" "train --help" "inspect --help" "convert --help" "muap --help" "run -h" "-h")
# JVM starts are the cost here: three at a time
results=$(printf '%s\n' "${cmds[@]}" | xargs -P 3 -I{} bash -c 'if help_ok {}; then echo "ok {}"; else echo "bad {}"; fi')
for c in "${cmds[@]}"; do
  check "./myoflow $c exits 0 with the usage" grep -qx "ok $c" <<<"$results"
done
