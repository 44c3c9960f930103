# Plug-in isolation (issue 19): misbehaving extension bundles cannot hang or break a command, and steps that throw an
# Error, run past --node-timeout or run out of memory fail their node (exit 4) naming node, step and bundle.
# The fixture jars are built here from tests/reliability/fixtures/ against the materialised product. (A bad
# --node-timeout value, exit 2, is covered by CliIsolationTest.)
PLUGINS="$ROOT/releng/org.myoflow.product/target/products/org.myoflow.headless/linux/gtk/x86_64/plugins"
[ -d "$PLUGINS" ] || "$M" --help >/dev/null 2>&1 # materialise the product first
FIX="$HERE/fixtures"
if ! bash "$FIX/build.sh" "$T/jars" "$PLUGINS" >"$T/build.log" 2>&1; then
  bad "the plug-in fixtures build: $(tail -c 600 "$T/build.log")"
  return 0
fi
mkdir -p "$T/ext" "$T/steps-only"
cp "$T"/jars/{hang-activator,throw-activator,plain,hang-component}.jar "$T/ext/"
cp "$T/jars/bad-steps.jar" "$T/ext/z-bad-steps.jar" # started after the stuck ones: its steps must still register
cp "$T/jars/bad-steps.jar" "$T/steps-only/"

# --- ./myoflow steps with every misbehaving bundle installed: finishes, reports each, lists the rest
t0=$(date +%s)
out=$(MYOFLOW_EXTENSION_TIMEOUT=2s MYOFLOW_EXTENSIONS="$T/ext" timeout 120 "$M" steps 2>&1); rc=$?
t1=$(date +%s)
check "steps with hanging and failing plug-ins exits 0 (exit $rc)" [ "$rc" = 0 ]
check "steps with hanging plug-ins finishes within 60 s ($((t1 - t0)) s)" [ $((t1 - t0)) -lt 60 ]
has() { grep -qF -- "$1" <<<"$out"; }
check "a hanging activator is reported with name, version, file and limit" \
  has "extension bundle org.myoflow.fixture.hang 1.0.0 ($T/ext/hang-activator.jar) did not start within 2 s"
check "... with what it was doing" has "at org.myoflow.fixture.hang.Activator.start(Activator.java:"
check "... and it is abandoned (it ignores interrupts)" has "was abandoned (it ignores interrupts and cannot be stopped); it was stuck in its bundle activator's start()"
check "a DS component whose activation hangs is reported" \
  has "extension bundle org.myoflow.fixture.hangds 1.0.0 ($T/ext/hang-component.jar) did not start within 2 s"
check "... naming the stuck activate method" has "at org.myoflow.fixture.hangds.NeverReady.activate(NeverReady.java:"
check "a plain jar is reported" has "extension $T/ext/plain.jar skipped: not an OSGi bundle: no Bundle-SymbolicName"
check "a throwing activator is reported" has "extension bundle org.myoflow.fixture.throwing 1.0.0 ($T/ext/throw-activator.jar) did not start:"
check "... with its cause chain to the root" has "caused by java.io.FileNotFoundException: /nonexistent/fixture-settings.properties"
check "the well-behaved steps of the plug-ins are listed" has "org.myoflow.fixture.stack-overflow"
check "the platform's steps are listed" has "org.myoflow.spikes.motor-unit-pool"
check "the stuck component's step is not listed" bash -c "! grep -q 'org.myoflow.fixture.never-ready' <<<\"\$0\"" "$out"

# --- steps that misbehave while running
F="$FIX/bad-steps.myoflow"
export MYOFLOW_EXTENSIONS="$T/steps-only"
expect_rc "a step's StackOverflowError fails its node naming step and bundle" 4 \
  "myoflow: node 'boom' (org.myoflow.fixture.stack-overflow, bundle org.myoflow.fixture.steps 1.0.0) failed: java.lang.StackOverflowError" \
  timeout 120 "$M" run "$F" --pipeline error --out "$T/r-error"
check "no run folder after the Error" [ ! -e "$T/r-error" ]
out=$(MYOFLOW_JAVA_OPTS=-Xmx512m timeout 120 "$M" run "$F" --pipeline oom --out "$T/r-oom" 2>&1); rc=$?
check "a step's OutOfMemoryError is exit 4 (exit $rc)" [ "$rc" = 4 ]
check "... reported with node, step and bundle" \
  has "myoflow: node 'hog' (org.myoflow.fixture.out-of-memory, bundle org.myoflow.fixture.steps 1.0.0) ran out of memory"
check "... with the memory in use of the maximum and how to raise it" \
  grep -qE "[0-9]+ MB in use of [0-9]+ MB max; raise the limit with MYOFLOW_JAVA_OPTS=-Xmx[0-9]+g" <<<"$out"
t0=$(date +%s)
expect_rc "a hanging step fails at --node-timeout naming node, step, bundle and limit" 4 \
  "myoflow: node 'stuck' (org.myoflow.fixture.hang, bundle org.myoflow.fixture.steps 1.0.0) exceeded the node time limit of 2 s (--node-timeout) while at org.myoflow.fixture.steps.HangStep.spin(HangStep.java:" \
  timeout 120 "$M" run "$F" --pipeline hang --node-timeout 2s --out "$T/r-hang"
t1=$(date +%s)
check "the run with a step that ignores interrupts still ends within 40 s ($((t1 - t0)) s)" [ $((t1 - t0)) -lt 40 ]
check "no run folder after the time limit" [ ! -e "$T/r-hang" ]
unset MYOFLOW_EXTENSIONS
