#!/usr/bin/env bash
# Regenerates the EMF model code of bundles/org.myoflow.model/src-gen from model/myoflow.genmodel, headless,
# with EMF's code generator from Maven Central. Only files whose content changes are rewritten.
# Usage: releng/regenerate-model.sh [modelBundleDir]   (default: bundles/org.myoflow.model)
# CI check: ./mvnw -f releng/org.myoflow.model.generator/pom.xml verify   (RegenerationIsCleanTest)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bundle="$(cd "${1:-$root/bundles/org.myoflow.model}" && pwd)"
cd "$root"
# exec:java runs in Maven's JVM, whose default charset is what the generator writes with.
export MAVEN_OPTS="${MAVEN_OPTS:-} -Dfile.encoding=UTF-8"
exec ./mvnw -q -B -f releng/org.myoflow.model.generator/pom.xml compile exec:java \
  -Dmyoflow.model.bundle="$bundle"
