# Issue 16: MUAPs are smooth in the innervation-zone position and bit-identical for the same inputs
# (cylindrical and planar conductors through './myoflow muap'; docs/science.md#smoothness).
npy_corr() { # a.npy b.npy -> prints Pearson's r over all values (float64 .npy, no numpy needed)
  python3 - "$1" "$2" <<'PY'
import struct, sys, math
def load(p):
    b = open(p, 'rb').read()
    hl = struct.unpack('<H', b[8:10])[0]
    h = b[10:10 + hl].decode('latin1')
    assert "'<f8'" in h, h
    d = b[10 + hl:]
    return struct.unpack('<%dd' % (len(d) // 8), d)
a, c = load(sys.argv[1]), load(sys.argv[2])
ma, mc = sum(a) / len(a), sum(c) / len(c)
sab = sum((x - ma) * (y - mc) for x, y in zip(a, c))
saa = sum((x - ma) ** 2 for x in a)
scc = sum((y - mc) ** 2 for y in c)
print('%.7f' % (sab / math.sqrt(saa * scc)))
PY
}
for model in cylindrical planar; do
  "$M" muap --model "$model" --depth-mm 3 --iz-mm 0.25 --out "$T/$model-a.npy" >"$T/$model-a.log" 2>&1 \
    && "$M" muap --model "$model" --depth-mm 3 --iz-mm 0.26 --out "$T/$model-b.npy" >"$T/$model-b.log" 2>&1 \
    && "$M" muap --model "$model" --depth-mm 3 --iz-mm 0.25 --out "$T/$model-c.npy" >"$T/$model-c.log" 2>&1
  rc=$?
  if [ $rc -ne 0 ]; then
    bad "muap --model $model exit $rc: $(tail -c 400 "$T/$model-a.log" "$T/$model-b.log" "$T/$model-c.log" 2>/dev/null)"
    continue
  fi
  check "muap --model $model: same inputs give a bit-identical .npy" cmp -s "$T/$model-a.npy" "$T/$model-c.npy"
  if command -v python3 >/dev/null; then
    r=$(npy_corr "$T/$model-a.npy" "$T/$model-b.npy")
    check "muap --model $model: IZ 0.25 vs 0.26 mm correlate at r = $r >= 0.9999" \
      python3 -c "import sys; sys.exit(0 if float('$r') >= 0.9999 else 1)"
  else
    ok "muap --model $model: python3 not installed, correlation not checked"
  fi
done
