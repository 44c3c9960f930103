#!/usr/bin/env bash
# Fuzzes the binary recording readers and the text parsers with Jazzer (coverage-guided, libFuzzer engine), outside
# OSGi: the bundles' classes (bundles/org.myoflow.{core,model,io,ml}/target/classes, built when missing) and the
# parsers' libraries run in a plain JVM with the fuzz targets releng/fuzz/src/org/myoflow/fuzz/ReaderFuzz.java
# (binary formats) and TextFuzz.java (myoflow: the experiment loader; csv, sto: the signal text readers; sidecar:
# an .npy file with its .json sidecar; card: the model-card reader). Seeds: the C3D files of the corpus
# (tests/org.myoflow.io.tests/data/real), the experiment files, CSV and OpenSim files and model cards of the
# repository (examples, tests/smoke, test data, models), and small valid files written by the targets themselves.
# A DataException (for the card: a ModelException of kind MALFORMED_CARD) is a clean refusal; any other exception,
# a text refusal whose message lacks the file name or quotes a control character, an OutOfMemoryError (heap
# -Xmx512m), a StackOverflowError or an input that takes over 10 s is a finding, saved under
# target/fuzz/<format>/crashes/.
#
# Usage: releng/scripts/fuzz.sh [--seconds N] [FORMAT...]
#   --seconds N   fuzzing time per format (default 60)
#   FORMAT        c3d edf bdf otb mat hdf5 npy myoflow csv sto sidecar card (default: all)
# Prints per format: executions, executions per second, findings. Exit code: 0 none found, 1 findings, 2 usage or
# build error.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

seconds=60
formats=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --seconds=*) seconds="${1#*=}"; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    c3d|edf|bdf|otb|mat|hdf5|npy|myoflow|csv|sto|sidecar|card) formats+=("$1"); shift ;;
    *) echo "fuzz: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#formats[@]} -gt 0 ] || formats=(c3d edf bdf otb mat hdf5 npy myoflow csv sto sidecar card)

. releng/scripts/jdk.sh
myoflow_select_jdk >/dev/null
mvn_q() { ./mvnw -B -q -o "$@" || { echo "fuzz: offline Maven failed; retrying online" >&2; ./mvnw -B -q "$@"; }; }

OUT=$ROOT/target/fuzz
mkdir -p "$OUT"
if [ ! -d bundles/org.myoflow.io/target/classes/org/myoflow/io/internal/readers ] \
   || [ ! -d bundles/org.myoflow.core/target/classes/org/myoflow/core/data ] \
   || [ ! -d bundles/org.myoflow.model/target/classes/org/myoflow/model ] \
   || [ ! -d bundles/org.myoflow.ml/target/classes/org/myoflow/ml ]; then
  echo "fuzz: compiling the bundles (./mvnw compile -pl bundles/org.myoflow.io,bundles/org.myoflow.ml -am)"
  mvn_q compile -pl bundles/org.myoflow.io,bundles/org.myoflow.ml -am >"$OUT/compile.log" 2>&1 \
    || { cat "$OUT/compile.log" >&2; exit 2; }
fi
mvn_q -f releng/fuzz/pom.xml dependency:build-classpath -Dmdep.outputFile="$OUT/deps.txt" >"$OUT/deps.log" 2>&1 \
  || { cat "$OUT/deps.log" >&2; exit 2; }
CP="bundles/org.myoflow.core/target/classes:bundles/org.myoflow.model/target/classes:bundles/org.myoflow.io/target/classes"
CP="$CP:bundles/org.myoflow.ml/target/classes:$(cat "$OUT/deps.txt")"
mkdir -p "$OUT/classes"
"$JAVA_HOME/bin/javac" -nowarn -d "$OUT/classes" -cp "$CP" releng/fuzz/src/org/myoflow/fuzz/ReaderFuzz.java \
  releng/fuzz/src/org/myoflow/fuzz/TextFuzz.java 2>"$OUT/javac.log" || { cat "$OUT/javac.log" >&2; exit 2; }
CP="$OUT/classes:$CP"
rm -rf "$OUT/seeds"
"$JAVA_HOME/bin/java" -cp "$CP" org.myoflow.fuzz.ReaderFuzz seeds "$OUT/seeds"
"$JAVA_HOME/bin/java" -cp "$CP" org.myoflow.fuzz.TextFuzz seeds "$OUT/seeds"
mkdir -p "$OUT/seeds/c3d" "$OUT/seeds/myoflow" "$OUT/seeds/csv" "$OUT/seeds/sto" "$OUT/seeds/card"
find tests/org.myoflow.io.tests/data/real -name '*.c3d' -size -300k -exec cp {} "$OUT/seeds/c3d/" \;
seed() { # folder, find arguments: copies small files of the repository (a running number keeps equal names apart)
  local to=$1 i=0 f; shift
  while IFS= read -r f; do i=$((i + 1)); cp "$f" "$OUT/seeds/$to/$i-$(basename "$f")"; done \
    < <(find examples tests bundles/org.myoflow.cli/demo models -path '*/target' -prune -o -type f -size -64k \( "$@" \) -print)
}
seed myoflow -name '*.myoflow'
seed csv -name '*.csv'
seed sto -name '*.sto' -o -name '*.mot'
seed card -name 'model.json'
# a fuzz input is at most 64 KB: the larger text files of the repository are seeds cut to their first 60 KB
find examples/data tests/org.myoflow.io.tests/data/real -type f \( -name '*.sto' -o -name '*.mot' \) -size +63k \
  -exec sh -c 'head -c 61440 "$1" >"$2/cut-$(basename "$1")"' _ {} "$OUT/seeds/sto" \;
find examples/data tests/org.myoflow.io.tests/data/real -type f -name '*.csv' -size +63k \
  -exec sh -c 'head -c 61440 "$1" >"$2/cut-$(basename "$1")"' _ {} "$OUT/seeds/csv" \;
# findings of earlier runs replayed by the tests are seeds too
for d in tests/org.myoflow.io.tests/data/fuzz/*/ tests/org.myoflow.io.tests/data/fuzz-text/*/ \
         tests/org.myoflow.core.tests/data/fuzz/*/ tests/org.myoflow.ml.tests/data/fuzz/*/; do
  [ -d "$d" ] || continue
  mkdir -p "$OUT/seeds/$(basename "$d")"; cp "$d"* "$OUT/seeds/$(basename "$d")/" 2>/dev/null || true
done

status=0
printf '%-6s %12s %10s %9s\n' format executions exec/s findings
for f in "${formats[@]}"; do
  dir=$OUT/$f
  rm -rf "$dir/crashes"
  mkdir -p "$dir/corpus" "$dir/crashes"
  log=$dir/jazzer.log
  set +e
  case "$f" in
    myoflow|csv|sto|sidecar|card) target=org.myoflow.fuzz.TextFuzz ;;
    *) target=org.myoflow.fuzz.ReaderFuzz ;;
  esac
  "$JAVA_HOME/bin/java" -Xmx512m -XX:-OmitStackTraceInFastThrow -Dmyoflow.fuzz.format="$f" -Dmyoflow.fuzz.target="$f" \
    -cp "$CP" com.code_intelligence.jazzer.Jazzer --target_class=$target \
    --instrumentation_includes='org.myoflow.**:us.hebi.matlab.**:io.jhdf.**:com.google.gson.**:org.eclipse.emf.**' \
    --reproducer_path="$dir/crashes" --keep_going=100 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$dir/crashes/" "$dir/corpus" "$OUT/seeds/$f" >"$log" 2>&1
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | awk '{print $2}')
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | awk '{print $2}')
  found=$(find "$dir/crashes" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-*' \) | wc -l)
  printf '%-6s %12s %10s %9s\n' "$f" "${execs:-?}" "${rate:-?}" "$found"
  if [ "$found" -gt 0 ] || [ -z "$execs" ]; then
    status=1
    [ -n "$execs" ] || echo "fuzz: $f: Jazzer did not finish, see $log" >&2
    grep -m3 -A8 '== Java Exception' "$log" | sed 's/^/    /' >&2 || true
  fi
done
echo "fuzz: logs, corpora and findings under target/fuzz/<format>/"
exit $status
