# ./myoflow bench realdata --quick --json (issue 17, item 4): the methods on packaged real recordings; every key
# of the installed parts is present and finite, the text names each part
mkdir -p "$T/tmp"
(cd "$T" && MYOFLOW_JAVA_OPTS="-Djava.io.tmpdir=$T/tmp" "$M" bench realdata --quick --json >"$T/realdata.out" \
  2>"$T/realdata.err"); rc=$?
check "bench realdata --quick --json exits 0" test "$rc" = 0
check "bench realdata prints the activation and static-optimisation parts" \
  bash -c "grep -q '^== activation' '$T/realdata.out' && grep -q '^== static optimisation' '$T/realdata.out'"
check "bench realdata prints so_real_corr" grep -q "so_real_corr = " "$T/realdata.out"
check "bench realdata JSON (last line) holds every key, finite" python3 - "$T/realdata.out" <<'PY'
import json, math, sys
last = open(sys.argv[1]).read().strip().splitlines()[-1]
d = json.loads(last)
keys = ["decode_r2_lowpass", "decode_r2_bayes", "decode_r2_lfads", "decode_r2_angle_lowpass",
        "decode_r2_angle_bayes", "decode_r2_angle_lfads", "decode_r2_lfads_smoothed",
        "decode_lfads_validation_loss", "decode_lfads_training_windows", "so_real_corr"]
missing = [k for k in keys if k not in d]
bad = [k for k, v in d.items() if isinstance(v, (int, float)) and not isinstance(v, bool) and not math.isfinite(v)]
ok = not missing and not bad and d.get("suite") == "realdata" and d.get("quick") is True \
    and all(-1 < d[k] <= 1 for k in keys if k.startswith("decode_r2")) and 0 < d["so_real_corr"] <= 1
if not ok:
    print("missing", missing, "non-finite", bad, d, file=sys.stderr)
sys.exit(0 if ok else 1)
PY
check "bench realdata unpacked its data into the temporary folder and removed it" \
  bash -c "! compgen -G '$T/tmp/myoflow-realdata*' >/dev/null"
check "bench realdata JSON holds the upper-limb keys (finite, at most 1)" python3 - "$T/realdata.out" <<'PY'
import json, math, sys
d = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
keys = ["decode_r2_upper_%s" % m for m in ("lowpass", "bayes", "lfads")] + \
    ["decode_pooled_r2_upper_%s" % m for m in ("lowpass", "bayes", "lfads")] + \
    ["decode_pooled_r2_%s" % m for m in ("lowpass", "bayes", "lfads")]
ok = all(k in d and math.isfinite(d[k]) and d[k] <= 1 for k in keys)
if not ok:
    print({k: d.get(k) for k in keys}, file=sys.stderr)
sys.exit(0 if ok else 1)
PY
expect_rc "bench realdata with an unknown part named in -Dmyoflow.bench.realdata.parts exits 2 listing the parts" 2 \
  "no part 'nope' (parts: activation, activation-upper-limb" \
  env MYOFLOW_JAVA_OPTS=-Dmyoflow.bench.realdata.parts=nope "$M" bench realdata --quick
