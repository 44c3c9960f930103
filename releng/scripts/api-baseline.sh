#!/usr/bin/env bash
# API baseline check (docs/api.md): compares every exported API package of every bundle of this build with the same
# bundle of the baseline release, using bnd's baseline (semantic versioning of packages), and fails when a package
# changed incompatibly (or compatibly) without the version increase that the change requires, or when a bundle's
# version is lower than its packages' changes require. Internal packages (x-internal:=true, x-friends) are skipped.
#
# Usage: releng/scripts/api-baseline.sh [--baseline REF] [--build]
#   --baseline REF  compare with this git ref (tag, branch, commit); default: $MYOFLOW_API_BASELINE, else the newest
#                   tag matching v[0-9]* on an ancestor of HEAD other than HEAD itself. No tag: passes (first release).
#   --build         build the current bundles first (otherwise the jars of the last ./mvnw package/verify are used).
# The baseline jars are built once per baseline commit from `git archive` of the ref (./mvnw package -DskipTests of
# the bundles) and cached in $MYOFLOW_API_BASELINE_CACHE (default ~/.cache/myoflow/api-baseline/<commit>).
# Exit codes: 0 compatible (or no baseline), 1 a violation, 2 usage or build error.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

ref="${MYOFLOW_API_BASELINE:-}"
build=0
while [ $# -gt 0 ]; do
  case "$1" in
    --baseline) ref="$2"; shift 2 ;;
    --baseline=*) ref="${1#*=}"; shift ;;
    --build) build=1; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "api-baseline: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

. releng/scripts/jdk.sh
myoflow_select_jdk >/dev/null

# Maven: offline first (a warm ~/.m2 has everything), online (Maven Central) only when something is missing
mvn_q() { ./mvnw -B -q -o "$@" || { echo "api-baseline: offline Maven failed; retrying online" >&2; ./mvnw -B -q "$@"; }; }

if [ -z "$ref" ]; then
  head=$(git rev-parse HEAD)
  ref=$(git describe --tags --abbrev=0 --match 'v[0-9]*' HEAD 2>/dev/null || true)
  if [ -n "$ref" ] && [ "$(git rev-parse "$ref^{commit}")" = "$head" ]; then
    ref=$(git describe --tags --abbrev=0 --match 'v[0-9]*' HEAD^ 2>/dev/null || true)
  fi
  if [ -z "$ref" ]; then
    echo "api-baseline: no release tag (v[0-9]*) before HEAD: first release, nothing to compare (passes)."
    echo "api-baseline: (CI clones must fetch tags, e.g. git fetch --tags, for this check to find the baseline)"
    exit 0
  fi
fi
sha=$(git rev-parse --verify "$ref^{commit}" 2>/dev/null) || { echo "api-baseline: unknown ref '$ref'" >&2; exit 2; }
echo "api-baseline: baseline $ref (${sha:0:12})"

bundle_dirs() { for d in "$1"/bundles/*/; do [ -f "$d/META-INF/MANIFEST.MF" ] && basename "$d"; done; }

# current side: the jars of the last package/verify (CI runs this after ./mvnw verify)
if [ "$build" = 1 ]; then
  mvn_q package -DskipTests -pl "$(bundle_dirs "$ROOT" | sed 's#^#bundles/#' | paste -sd,)" -am
fi
current=()
for b in $(bundle_dirs "$ROOT"); do
  jar=$(ls -t "bundles/$b/target/$b"-*.jar 2>/dev/null | grep -v -- '-sources\.jar$' | head -1 || true)
  if [ -z "$jar" ]; then
    echo "api-baseline: bundles/$b/target has no jar: build first (./mvnw verify, or pass --build)" >&2
    exit 2
  fi
  current+=("$ROOT/$jar")
done

# baseline side: built once per commit, cached
cache="${MYOFLOW_API_BASELINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/myoflow/api-baseline}/$sha"
if [ ! -f "$cache/.complete" ]; then
  t0=$(date +%s)
  src=$(mktemp -d "${TMPDIR:-/tmp}/myoflow-baseline.XXXXXX")
  trap 'rm -rf "$src"' EXIT
  git archive --format=tar "$sha" | tar -x -C "$src"
  modules=$(bundle_dirs "$src" | sed 's#^#bundles/#' | paste -sd,)
  echo "api-baseline: building the baseline bundles of $ref (once; cached in $cache)"
  (cd "$src" && mvn_q package -DskipTests -Dtycho.localArtifacts=ignore -pl "$modules" -am) \
    || { echo "api-baseline: the baseline $ref does not build" >&2; exit 2; }
  rm -rf "$cache" && mkdir -p "$cache"
  for b in $(bundle_dirs "$src"); do
    jar=$(ls -t "$src/bundles/$b/target/$b"-*.jar 2>/dev/null | grep -v -- '-sources\.jar$' | head -1 || true)
    [ -n "$jar" ] && cp "$jar" "$cache/"
  done
  touch "$cache/.complete"
  echo "api-baseline: baseline built in $(( $(date +%s) - t0 )) s"
fi

# the checker: one Java source file over bndlib (class path resolved by Maven from releng/api-baseline/pom.xml)
cpfile="$ROOT/releng/api-baseline/target/classpath.txt"
if [ ! -s "$cpfile" ] || [ "$cpfile" -ot releng/api-baseline/pom.xml ] \
   || ! tr ':' '\n' <"$cpfile" | while read -r j; do [ -f "$j" ] || exit 1; done; then
  mkdir -p "$(dirname "$cpfile")"
  mvn_q -f releng/api-baseline/pom.xml dependency:build-classpath -Dmdep.outputFile="$cpfile" >/dev/null
fi
# (slf4j 1.7 without a binding prints three lines on stderr; they are noise here)
java -cp "$(cat "$cpfile")" \
  releng/api-baseline/src/main/java/org/myoflow/releng/baseline/ApiBaseline.java "$cache" "${current[@]}" \
  2> >(grep -v '^SLF4J:' >&2)
