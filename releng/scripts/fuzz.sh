#!/usr/bin/env bash
# Fuzzes the binary recording readers with Jazzer (coverage-guided, libFuzzer engine), outside OSGi: the io bundle's
# classes (bundles/org.myoflow.io/target/classes, built when missing) and the readers' libraries run in a plain JVM
# with the fuzz target releng/fuzz/src/org/myoflow/fuzz/ReaderFuzz.java. Seeds: the C3D files of the corpus
# (tests/org.myoflow.io.tests/data/real) and small valid files of the other formats written by ReaderFuzz itself.
# A DataException is a clean refusal; any other exception, an OutOfMemoryError (heap -Xmx512m), a StackOverflowError
# or an input that takes over 10 s is a finding, saved under target/fuzz/<format>/crashes/.
#
# Usage: releng/scripts/fuzz.sh [--seconds N] [FORMAT...]
#   --seconds N   fuzzing time per format (default 60)
#   FORMAT        c3d edf bdf otb mat hdf5 npy (default: all)
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
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    c3d|edf|bdf|otb|mat|hdf5|npy) formats+=("$1"); shift ;;
    *) echo "fuzz: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#formats[@]} -gt 0 ] || formats=(c3d edf bdf otb mat hdf5 npy)

. releng/scripts/jdk.sh
myoflow_select_jdk >/dev/null
mvn_q() { ./mvnw -B -q -o "$@" || { echo "fuzz: offline Maven failed; retrying online" >&2; ./mvnw -B -q "$@"; }; }

OUT=$ROOT/target/fuzz
mkdir -p "$OUT"
if [ ! -d bundles/org.myoflow.io/target/classes/org/myoflow/io/internal/readers ] \
   || [ ! -d bundles/org.myoflow.core/target/classes/org/myoflow/core/data ]; then
  echo "fuzz: compiling the io bundle (./mvnw compile -pl bundles/org.myoflow.io -am)"
  mvn_q compile -pl bundles/org.myoflow.io -am >"$OUT/compile.log" 2>&1 || { cat "$OUT/compile.log" >&2; exit 2; }
fi
mvn_q -f releng/fuzz/pom.xml dependency:build-classpath -Dmdep.outputFile="$OUT/deps.txt" >"$OUT/deps.log" 2>&1 \
  || { cat "$OUT/deps.log" >&2; exit 2; }
CP="bundles/org.myoflow.core/target/classes:bundles/org.myoflow.io/target/classes:$(cat "$OUT/deps.txt")"
mkdir -p "$OUT/classes"
"$JAVA_HOME/bin/javac" -nowarn -d "$OUT/classes" -cp "$CP" releng/fuzz/src/org/myoflow/fuzz/ReaderFuzz.java 2>"$OUT/javac.log" \
  || { cat "$OUT/javac.log" >&2; exit 2; }
CP="$OUT/classes:$CP"
rm -rf "$OUT/seeds"
"$JAVA_HOME/bin/java" -cp "$CP" org.myoflow.fuzz.ReaderFuzz seeds "$OUT/seeds"
mkdir -p "$OUT/seeds/c3d"
find tests/org.myoflow.io.tests/data/real -name '*.c3d' -size -300k -exec cp {} "$OUT/seeds/c3d/" \;

status=0
printf '%-6s %12s %10s %9s\n' format executions exec/s findings
for f in "${formats[@]}"; do
  dir=$OUT/$f
  rm -rf "$dir/crashes"
  mkdir -p "$dir/corpus" "$dir/crashes"
  log=$dir/jazzer.log
  set +e
  "$JAVA_HOME/bin/java" -Xmx512m -XX:-OmitStackTraceInFastThrow -Dmyoflow.fuzz.format="$f" -cp "$CP" \
    com.code_intelligence.jazzer.Jazzer --target_class=org.myoflow.fuzz.ReaderFuzz \
    --instrumentation_includes='org.myoflow.**:us.hebi.matlab.**:io.jhdf.**' \
    --keep_going=100 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
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
