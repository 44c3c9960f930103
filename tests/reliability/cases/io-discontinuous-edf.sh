# EDF+D / BDF+D (discontinuous records) are refused with exit 3 and the byte offset of the reserved field (issue 15);
# the same file marked continuous (EDF+C / BDF+C) reads.
{
  printf 'name\nversion=1\nnRows=4\nnColumns=3\ninDegrees=no\nendheader\n'
  printf 'time\tEMG1\tEMG2\n0\t0.1\t0.2\n0.001\t0.15\t-0.2\n0.002\t-0.1\t0.05\n0.003\t0.0\t0.1\n'
} >"$T/in.sto"
for ext in edf bdf; do
  FLAV=$(echo "$ext" | tr a-z A-Z)
  expect_rc "convert .sto to $ext" 0 "" "$M" convert "$T/in.sto" "$T/c.$ext"
  check "$ext file says ${FLAV}+C at byte 192" test "$(dd if="$T/c.$ext" bs=1 skip=192 count=5 2>/dev/null)" = "${FLAV}+C"
  expect_rc "inspect ${FLAV}+C reads" 0 "EMG1" "$M" inspect "$T/c.$ext"
  cp "$T/c.$ext" "$T/d.$ext"
  printf 'D' | dd of="$T/d.$ext" bs=1 seek=196 conv=notrunc 2>/dev/null
  expect_rc "inspect ${FLAV}+D is refused with the byte offset" 3 "byte 192 (reserved): discontinuous ${FLAV}+D" \
    "$M" inspect "$T/d.$ext"
done
