#!/usr/bin/env bash
# Self-test of the API-baseline checker (releng/scripts/api-baseline.sh): builds tiny bundles in a temporary folder
# (one API package p, one internal package q.internal), changes them in the ways docs/api.md describes and checks the
# checker's verdict (exit code and report line) for each of eight cases. Uses the class path that api-baseline.sh
# resolves (or resolves it here).
set -euo pipefail
cd "$(dirname "$0")/../.."
. releng/scripts/jdk.sh
myoflow_select_jdk >/dev/null
cpfile=releng/api-baseline/target/classpath.txt
if [ ! -s "$cpfile" ]; then
  mkdir -p releng/api-baseline/target
  ./mvnw -B -q -o -f releng/api-baseline/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$cpfile" \
    || ./mvnw -B -q -f releng/api-baseline/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$cpfile"
fi
tool=releng/api-baseline/src/main/java/org/myoflow/releng/baseline/ApiBaseline.java
tmp=$(mktemp -d "${TMPDIR:-/tmp}/api-baseline-selftest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
javac -d "$tmp/checker" -cp "$(cat "$cpfile")" "$tool"

# bundle DIR BUNDLE_VERSION P_VERSION P_BODY [Q_BODY]: a jar with class p.A { P_BODY } and q.internal.B { Q_BODY }
bundle() {
  local dir=$1 bv=$2 pv=$3 pbody=$4 qbody=${5:-}
  rm -rf "$tmp/src" "$tmp/cls" && mkdir -p "$tmp/src/p" "$tmp/src/q/internal" "$tmp/cls" "$dir"
  printf 'package p;\npublic class A {\n%s\n}\n' "$pbody" >"$tmp/src/p/A.java"
  printf 'package q.internal;\npublic class B {\n%s\n}\n' "$qbody" >"$tmp/src/q/internal/B.java"
  javac -d "$tmp/cls" "$tmp/src/p/A.java" "$tmp/src/q/internal/B.java"
  printf 'Manifest-Version: 1.0\nBundle-ManifestVersion: 2\nBundle-SymbolicName: t\nBundle-Version: %s\nExport-Package: p;version="%s",q.internal;version="%s";x-internal:=true\n' \
    "$bv" "$pv" "$pv" >"$tmp/MANIFEST.MF"
  rm -f "$dir/t.jar" && jar --create --file "$dir/t.jar" --manifest "$tmp/MANIFEST.MF" -C "$tmp/cls" .
}

fails=0
# expect NAME EXIT_CODE PATTERN: runs the checker on $tmp/old vs $tmp/new/t.jar
expect() {
  local name=$1 want=$2 pattern=$3 out rc=0
  out=$(java -cp "$tmp/checker:$(cat "$cpfile")" org.myoflow.releng.baseline.ApiBaseline "$tmp/old" "$tmp/new/t.jar" \
    2>&1) || rc=$?
  if [ "$rc" = "$want" ] && grep -qE "$pattern" <<<"$out"; then
    echo "selftest ok:   $name (exit $rc)"
  else
    echo "selftest FAIL: $name: exit $rc (want $want), pattern '$pattern' in:"; echo "$out"; fails=$((fails + 1))
  fi
}

A='public int a() { return 1; }
public int b() { return 2; }'
A_minus_b='public int a() { return 1; }'
A_plus_c="$A
public int c() { return 3; }"

bundle "$tmp/old" 1.0.0 1.0.0 "$A" 'public int x() { return 0; }'
bundle "$tmp/new" 1.0.0.20261206 1.0.0 "$A" 'public int x() { return 0; }'
expect "unchanged" 0 '^ok +p +1\.0\.0 +1\.0\.0 +1\.0\.0'
bundle "$tmp/new" 1.0.0 1.0.0 "$A" 'public long y() { return 0; }'
expect "internal package changed incompatibly: not API" 0 'api-baseline: OK'
bundle "$tmp/new" 1.0.0 1.0.0 "$A_minus_b"
expect "method removed, no version change" 1 'REMOVED +method +A\.b\(\)'
expect "method removed: bundle version too low" 1 'FAIL bundle t: Bundle-Version 1\.0\.0 is too low.*at least 2\.0\.0'
bundle "$tmp/new" 2.0.0 2.0.0 "$A_minus_b"
expect "method removed, package and bundle at 2.0.0" 0 '^ok +p +1\.0\.0 +2\.0\.0 +2\.0\.0 +MAJOR'
bundle "$tmp/new" 1.0.0 1.0.0 "$A_plus_c"
expect "method added without a minor bump" 1 '^FAIL p +1\.0\.0 +1\.0\.0 +1\.1\.0 +MINOR'
bundle "$tmp/new" 1.1.0 1.1.0 "$A_plus_c"
expect "method added, package and bundle at 1.1.0" 0 'ADDED +method +A\.c\(\)'

bundle "$tmp/old" 0.1.0 0.2.0 "$A"
bundle "$tmp/new" 0.1.0 0.3.0 "$A_minus_b"
expect "0.x: a breaking change needs 1.0.0, not the next minor" 1 '^FAIL p +0\.2\.0 +0\.3\.0 +1\.0\.0 +MAJOR'

[ "$fails" = 0 ] && echo "selftest: all cases passed" || { echo "selftest: $fails case(s) failed"; exit 1; }
