# Sourced by ./mvnw, ./myoflow and .ci/run: selects a JDK 21 or newer and exports JAVA_HOME.
# Order: $JAVA_HOME, the java on the PATH, then the JDKs under /usr/lib/jvm (newest first).
myoflow_java_major() {
  # prints the feature version of the given java executable, or 0
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
myoflow_select_jdk() {
  local cand major
  for cand in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)" $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV); do
    [ -n "$cand" ] && [ -x "$cand" ] || continue
    major=$(myoflow_java_major "$cand")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then
      cand=$(readlink -f "$cand")
      export JAVA_HOME="${cand%/bin/java}"
      return 0
    fi
  done
  echo "Myoflow needs a JDK 21 or newer (25 recommended); none was found in JAVA_HOME, on the PATH or under /usr/lib/jvm." >&2
  echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 25, or set JAVA_HOME to it." >&2
  return 1
}
