#!/usr/bin/env bash
# Makes the release archive of a lab-wide installation (docs/lab-install.md): the headless product that the build
# materialises (releng/org.myoflow.product/target/products/org.myoflow.headless/...), plus the myoflow launcher and
# what it sources, a commented lab.properties, the installation's models, the example experiments and the default
# template library (templates made from examples, listed below).
#   releng/lab/release-archive.sh [--workbench] [OUT.tar.gz]
#       default OUT: releng/org.myoflow.product/target/products/myoflow-lab[-workbench]-<version>-linux-x86_64.tar.gz
#       --workbench: from the workbench product (./myoflow gui as well as every headless command)
# Build the product first (./mvnw -DskipTests verify, or MYOFLOW_REBUILD=1 ./myoflow --help).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
KIND=headless
SUFFIX=""
if [ "${1:-}" = --workbench ]; then
  KIND=workbench
  SUFFIX="-workbench"
  shift
fi
PRODUCT="$ROOT/releng/org.myoflow.product/target/products/org.myoflow.$KIND/linux/gtk/x86_64"
# template name -> example experiment (a template that reads files becomes a folder with its data)
TEMPLATES=(surface-emg two-muscles excitation-from-file)

if [ ! -f "$PRODUCT/configuration/config.ini" ]; then
  echo "release-archive: no $KIND product in $PRODUCT; build it first (./mvnw -B -DskipTests verify)" >&2
  exit 2
fi
feature=$(ls -d "$PRODUCT"/features/org.myoflow.headless.feature_* | head -n 1)
version="${feature##*_}"
OUT="${1:-$ROOT/releng/org.myoflow.product/target/products/myoflow-lab$SUFFIX-$version-linux-x86_64.tar.gz}"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
top="myoflow$SUFFIX-$version"
dst="$stage/$top"
mkdir -p "$dst"
# the product as materialised, minus its build-time p2 profile lock and any state of runs from the source tree
cp -a "$PRODUCT"/. "$dst"/
find "$dst/configuration" -mindepth 1 -maxdepth 1 ! -name config.ini ! -name org.eclipse.equinox.simpleconfigurator \
  ! -name org.eclipse.update -exec rm -rf {} +
install -m 755 "$ROOT/myoflow" "$dst/myoflow"
mkdir -p "$dst/releng/scripts"
install -m 644 "$ROOT/releng/scripts/jdk.sh" "$ROOT/releng/scripts/logging.properties" "$dst/releng/scripts/"
install -m 644 "$ROOT/releng/lab/lab.properties" "$dst/lab.properties"
cp -a "$ROOT/models" "$dst/models"
cp -a "$ROOT/examples" "$dst/examples"
mkdir -p "$dst/library"
for t in "${TEMPLATES[@]}"; do
  src="$ROOT/examples/$t.myoflow"
  files=$(sed -n 's/.*FileValue[^>]*path="\([^"]*\)".*/\1/p' "$src")
  if [ -z "$files" ]; then
    install -m 644 "$src" "$dst/library/$t.myoflow"
  else
    mkdir -p "$dst/library/$t"
    install -m 644 "$src" "$dst/library/$t/$t.myoflow"
    for f in $files; do
      mkdir -p "$dst/library/$t/$(dirname "$f")"
      install -m 644 "$ROOT/examples/$f" "$dst/library/$t/$f"
    done
  fi
done
mkdir -p "$(dirname "$OUT")"
tar -C "$stage" --owner=0 --group=0 -czf "$OUT" "$top"
echo "$OUT"
