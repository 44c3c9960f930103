# Path policy (issue 19): a file parameter that leaves the experiment's folder (an absolute path elsewhere, a '..'
# escape, a symbolic link whose real path is outside) is refused at validate with exit 2 naming node, parameter and
# path; --allow-outside (or MYOFLOW_ALLOW_OUTSIDE=1) lets it run; a parse error quotes only a short, escaped excerpt
# of the bad line, never the whole line of the file a link points at.
mkdir -p "$T/lab/data" "$T/outside"
csv() { # a 1 s excitation at 100 Hz
  echo "time,biceps"
  for i in $(seq 0 100); do printf '%s,0.3\n' "$(awk "BEGIN{printf \"%.2f\", $i / 100}")"; done
}
csv >"$T/lab/data/exc.csv"
csv >"$T/outside/exc.csv"
secret='root:$6$SECRETSALT$0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ:19000:0:99999:7:::'
{ echo "time,biceps"; echo "0.00,0.3"; printf '0.01,%s\t\033[31mred\n' "$secret"; } >"$T/outside/shadow.csv"
ln -s "$T/outside/exc.csv" "$T/lab/data/link.csv"
ln -s "$T/outside/shadow.csv" "$T/lab/data/shadow.csv"
experiment() { # file-parameter value -> an experiment in $T/lab reading it into a small pool
  cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<myoflow:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:myoflow="http://www.myoflow.org/model/experiment/1.0" name="paths" seed="3">
  <pipelines name="p">
    <nodes id="read" stepId="org.myoflow.io.read-signal" stepVersion="1.0.0">
      <parameters xsi:type="myoflow:FileValue" key="file" path="$1"/>
      <parameters xsi:type="myoflow:StringValue" key="quantity" value="excitation"/>
    </nodes>
    <nodes id="pool" stepId="org.myoflow.spikes.motor-unit-pool" stepVersion="1.0.0">
      <parameters xsi:type="myoflow:IntegerValue" key="units" value="10"/>
    </nodes>
    <connections sourceNode="read" sourcePort="signal" targetNode="pool" targetPort="excitation"/>
  </pipelines>
</myoflow:Experiment>
XML
}
experiment "data/exc.csv" >"$T/lab/inside.myoflow"
experiment "$T/outside/exc.csv" >"$T/lab/absolute.myoflow"
experiment "../outside/exc.csv" >"$T/lab/dotdot.myoflow"
experiment "data/link.csv" >"$T/lab/link.myoflow"
experiment "data/shadow.csv" >"$T/lab/shadow.myoflow"

expect_rc "a file inside the experiment's folder validates" 0 "is valid" "$M" validate "$T/lab/inside.myoflow"
expect_rc "an absolute path outside is refused at validate naming node and parameter" 2 \
  "node 'read', parameter 'file': file '$T/outside/exc.csv' is outside the experiment's folder" \
  "$M" validate "$T/lab/absolute.myoflow"
expect_rc "a '..' escape is refused at validate" 2 "node 'read', parameter 'file': file '../outside/exc.csv' is outside" \
  "$M" validate "$T/lab/dotdot.myoflow"
expect_rc "a symbolic link to outside is refused at validate" 2 "(a symbolic link to " \
  "$M" validate "$T/lab/link.myoflow"
expect_rc "run refuses it too, before any computation" 2 "node 'read', parameter 'file'" \
  "$M" run "$T/lab/dotdot.myoflow" --out "$T/r0"
check "the refused run left no run folder" [ ! -e "$T/r0" ]
expect_rc "a --set to an absolute path is refused the same way" 2 "(an absolute path)" \
  "$M" validate "$T/lab/inside.myoflow" --set read.file="$T/outside/exc.csv"
expect_rc "the message names the way to allow it" 2 "--allow-outside" "$M" validate "$T/lab/absolute.myoflow"
expect_rc "validate --allow-outside accepts the absolute path" 0 "is valid" \
  "$M" validate "$T/lab/absolute.myoflow" --allow-outside
expect_rc "run --allow-outside runs the '..' escape" 0 "Ran '" "$M" run "$T/lab/dotdot.myoflow" --allow-outside --out "$T/r1"
expect_rc "run --allow-outside runs through the link" 0 "Ran '" "$M" run "$T/lab/link.myoflow" --allow-outside --out "$T/r2"
expect_rc "MYOFLOW_ALLOW_OUTSIDE=1 allows it too (the lab setting)" 0 "is valid" \
  env MYOFLOW_ALLOW_OUTSIDE=1 "$M" validate "$T/lab/link.myoflow"

# a link to a file with a long bad line holding a secret-looking string and control characters
out=$("$M" run "$T/lab/shadow.myoflow" --allow-outside --out "$T/r3" 2>&1); rc=$?
check "a bad line behind a link is bad data (exit 3, got $rc)" [ "$rc" = 3 ]
check "the message names the file and line" grep -qF "shadow.csv:3: " <<<"$out"
check "the message quotes a short excerpt cut with …" grep -qF "'root:\$6\$SECRETSALT\$0123456789abcdefghijk…' is not a number" <<<"$out"
check "the rest of the line is not printed" bash -c '! grep -qF "uvwxyzABCDEF" <<<"$1" && ! grep -qF "19000:0:99999" <<<"$1"' _ "$out"
check "no control character reaches the terminal" bash -c '! grep -qP "[\x00-\x08\x0b-\x1f\x7f]" <<<"$1"' _ "$out"
