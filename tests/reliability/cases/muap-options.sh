# Issue 16, item 2: './myoflow muap' options for comparisons with other simulators (docs/conductors.md): the sidecar
# records the new options and the timing split, the source constants scale the MUAP exactly, bad values exit 2
# naming the option.
npy_ratio() { # a.npy b.npy -> prints max |b| / max |a| (float64 .npy, no numpy needed)
  python3 - "$1" "$2" <<'PY'
import struct, sys
def load(p):
    b = open(p, 'rb').read()
    hl = struct.unpack('<H', b[8:10])[0]
    h = b[10:10 + hl].decode('latin1')
    assert "'<f8'" in h, h
    d = b[10 + hl:]
    return struct.unpack('<%dd' % (len(d) // 8), d)
a, c = load(sys.argv[1]), load(sys.argv[2])
print('%.9f' % (max(abs(x) for x in c) / max(abs(x) for x in a)))
PY
}
common=(--rows 4 --cols 4 --ied-mm 5 --depth-mm 4 --duration-ms 25)
if "$M" muap --model cylindrical "${common[@]}" --bone-radius-mm 8 --rotation-deg 30 --array-along-mm 2 \
    --array-across-mm -1 --theta-points 120 --z-points 512 --fibres 5 --out "$T/cyl.npy" >"$T/cyl.log" 2>&1; then
  ok "muap --model cylindrical with bone, rotation, offsets, grid sizes, 5 fibres"
  check "muap prints the timing split" grep -q "tables [0-9]* us, fibres [0-9]* us" "$T/cyl.log"
  if command -v python3 >/dev/null; then
    check "muap sidecar records the options and the timing split" python3 - "$T/cyl.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))["muapCommand"]
want = {"boneRadiusMm": 8, "rotationDeg": 30, "arrayCentreAlongMm": 2, "arrayCentreAcrossMm": -1,
        "thetaPoints": 120, "zPoints": 512, "intracellularSPerM": 1.01, "fibreRadiusMm": 0.025, "fibres": 5}
bad = {k: p.get(k) for k, v in want.items() if p.get(k) != v}
t = (p.get("sharedTablesUs", 0), p.get("perFibreUs", 0))
sys.exit(0 if not bad and all(isinstance(x, int) and 0 < x < 600e6 for x in t) else 1)
PY
  else
    ok "muap sidecar: python3 not installed, not checked"
  fi
else
  bad "muap --model cylindrical with the new options: $(tail -c 600 "$T/cyl.log")"
fi
if "$M" muap "${common[@]}" --out "$T/p1.npy" >"$T/p1.log" 2>&1 \
    && "$M" muap "${common[@]}" --intracellular-s-per-m 2.02 --fibre-radius-mm 0.05 --out "$T/p8.npy" >"$T/p8.log" 2>&1; then
  if command -v python3 >/dev/null; then
    r=$(npy_ratio "$T/p1.npy" "$T/p8.npy")
    check "muap: sigma_i x 2 and fibre radius x 2 scale the MUAP by 8 (got $r)" \
      python3 -c "import sys; sys.exit(0 if abs(float('$r') - 8) < 1e-9 else 1)"
  else
    ok "muap source constants: python3 not installed, not checked"
  fi
else
  bad "muap --intracellular-s-per-m / --fibre-radius-mm: $(tail -c 600 "$T/p8.log")"
fi
expect_rc "muap --rotation-deg 400 is refused" 2 "--rotation-deg" "$M" muap --rotation-deg 400 --out "$T/x.npy"
expect_rc "muap --bone-radius-mm beyond the muscle is refused" 2 "--bone-radius-mm" \
  "$M" muap --model cylindrical --bone-radius-mm 25 --out "$T/x.npy"
expect_rc "muap --bone-radius-mm with the planar model is refused" 2 "--bone-radius-mm" \
  "$M" muap --bone-radius-mm 5 --out "$T/x.npy"
expect_rc "muap --z-points not a power of two is refused" 2 "--z-points" \
  "$M" muap --model cylindrical --z-points 1000 --out "$T/x.npy"
expect_rc "muap --theta-points odd is refused" 2 "--theta-points" \
  "$M" muap --model cylindrical --theta-points 7 --out "$T/x.npy"
expect_rc "muap --fibre-radius-mm 0 is refused" 2 "--fibre-radius-mm" "$M" muap --fibre-radius-mm 0 --out "$T/x.npy"
expect_rc "muap --intracellular-s-per-m NaN is refused" 2 "--intracellular-s-per-m" \
  "$M" muap --intracellular-s-per-m NaN --out "$T/x.npy"
expect_rc "muap --array-along-mm Infinity is refused" 2 "--array-along-mm" \
  "$M" muap --array-along-mm Infinity --out "$T/x.npy"
