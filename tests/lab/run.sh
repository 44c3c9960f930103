#!/usr/bin/env bash
# Lab-wide installation check (issue 18, docs/lab-install.md), run by .ci/run as root:
#   1. the release archive (releng/lab/release-archive.sh) is unpacked into a temporary prefix owned by root
#      without write bits;
#   2. a non-root user (created for the test, removed afterwards only if this script created it) runs `lab`, the
#      demo, a template from the library and their own extension;
#   3. root installs the example third-party plug-in from its p2 update site (tests/org.example.myoflow.rms.site)
#      with `admin install` (the Equinox p2 director, into the installation's p2 profile); the user, who ran
#      commands before, then sees its step and runs it;
#   4. the installation is byte-for-byte unchanged by the user's commands (checksums of every file and mode, and
#      find -newer), and the user cannot install plug-ins.
# Needs the headless product and the example plug-in's update site built (./mvnw verify does both).
#   bash tests/lab/run.sh        exit 0 when every check passed
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RESULTS=$(mktemp)
ok()   { echo "ok   - $1"; echo ok >>"$RESULTS"; }
bad()  { echo "FAIL - $1"; echo bad >>"$RESULTS"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
expect_rc() { # name expected-rc must-contain command...
  local name=$1 want=$2 text=$3; shift 3
  local out rc
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" = "$want" ] && grep -qF -- "$text" <<<"$out"; then ok "$name (exit $rc)"
  else bad "$name: exit $rc (want $want), output: $(head -c 800 <<<"$out")"; fi
}

if [ "$(id -u)" != 0 ]; then
  echo "lab: skipped (needs root: it creates a user and a root-owned installation)"
  exit 0
fi
. "$ROOT/releng/scripts/jdk.sh"
myoflow_select_jdk || exit 2
SITE="$ROOT/tests/org.example.myoflow.rms.site/target/repository"
if [ ! -f "$SITE/content.jar" ]; then
  echo "lab: the example plug-in's update site is not built ($SITE); run ./mvnw -B -DskipTests verify first" >&2
  exit 2
fi
start=$(date +%s)
T=$(mktemp -d /tmp/myoflow-lab.XXXXXX)
chmod 755 "$T"
LABUSER=myoflow-labtest
CREATED=false
cleanup() {
  if [ "$CREATED" = true ]; then userdel "$LABUSER" >/dev/null 2>&1; fi
  chmod -R u+w "$T" 2>/dev/null
  rm -rf "$T" "$RESULTS"
}
trap cleanup EXIT

# --- 1. install read-only ------------------------------------------------------------------------------------
archive=$(bash "$ROOT/releng/lab/release-archive.sh" "$T/myoflow-lab.tar.gz") || { echo "lab: release archive failed" >&2; exit 2; }
mkdir -p "$T/opt"
tar -xzf "$archive" -C "$T/opt"
INSTALL=$(ls -d "$T"/opt/myoflow-* | head -n 1)
chown -R root:root "$T/opt"
chmod -R a-w "$T/opt"
M="$INSTALL/myoflow"
# root's own configuration area (admin install runs the launcher as root) stays in the temporary folder too
export MYOFLOW_USER_AREA="$T/root-area"
snapshot() { # every path with its mode and owner, and every file's SHA-256
  (cd "$INSTALL" && find . -printf '%p %M %u %s\n' | sort && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}
S0=$(snapshot)
touch "$T/stamp"
check "the installation has no write bits" bash -c "[ -z \"\$(find '$INSTALL' -perm /222 ! -type l | head -n 1)\" ]"

# --- 2. a user runs it -----------------------------------------------------------------------------------------
if ! id -u "$LABUSER" >/dev/null 2>&1; then
  useradd -M -d "$T/home" -s /bin/bash "$LABUSER" && CREATED=true
fi
mkdir -p "$T/home" "$T/work"
chown "$LABUSER" "$T/home" "$T/work"
W="$T/work"
U=(runuser -u "$LABUSER" -- env -i -C "$W" HOME="$T/home" PATH=/usr/bin:/bin JAVA_HOME="$JAVA_HOME" LANG=C.UTF-8)
"${U[@]}" "$M" lab --json >"$T/lab.json" 2>&1
check "lab says the installation is read-only for the user" grep -q '"installWritable": false' "$T/lab.json"
check "the user's configuration area is under their home, the shared one is the installation's" \
  grep -q "\"configurationArea\": \"$T/home/.myoflow/.*/configuration\"" "$T/lab.json"
check "the shared configuration area is the installation's configuration/" grep -q "\"sharedConfigurationArea\": \"$INSTALL/configuration" "$T/lab.json"
expect_rc "the user runs the demo" 0 "Ran" "${U[@]}" "$M" demo --out "$W/demo"
check "the demo's run folder belongs to the user" bash -c "[ -s '$W/demo/run.json' ] && [ \"\$(stat -c %U '$W/demo/run.json')\" = '$LABUSER' ]"
expect_rc "library lists the installation's templates" 0 "excitation-from-file" "${U[@]}" "$M" library
expect_rc "library copy gives the user a template with its data" 0 "excitation-from-file.myoflow" "${U[@]}" "$M" library copy excitation-from-file "$W/exc"
check "the template's data file came along" [ -s "$W/exc/data/excitation-ramp.sto" ]
expect_rc "library copy refuses to overwrite" 2 "nothing is overwritten" "${U[@]}" "$M" library copy excitation-from-file "$W/exc"
expect_rc "the user runs the copied template" 0 "Ran" "${U[@]}" "$M" run "$W/exc/excitation-from-file.myoflow" --out "$W/exc-run"
expect_rc "a user cannot install plug-ins" 2 "the install is read-only for you; run as the administrator" "${U[@]}" "$M" admin install "$SITE" org.example.myoflow.rms
jar=$(ls "$SITE"/plugins/org.example.myoflow.rms_*.jar | head -n 1)
mkdir -p "$T/home/own-ext" && cp "$jar" "$T/home/own-ext/" && chown -R "$LABUSER" "$T/home/own-ext"
expect_rc "the user's own extensions folder works on a read-only installation" 0 "org.example.myoflow.moving-rms" "${U[@]}" MYOFLOW_EXTENSIONS="$T/home/own-ext" "$M" steps
rm -rf "$T/home/own-ext"
"${U[@]}" "$M" steps >"$T/steps0.txt" 2>&1
check "without it the step is gone again" bash -c "! grep -q moving-rms '$T/steps0.txt'"
check "the user's commands left the installation unchanged (checksums)" [ "$(snapshot)" = "$S0" ]
check "nothing but the user's runs and copies in their working folder (no ./workspace)" \
  bash -c "[ \"\$(ls -A '$W' | tr '\n' ' ')\" = 'demo exc exc-run ' ]"
check "nothing in the installation is newer than the install (find -newer)" bash -c "[ -z \"\$(find '$INSTALL' -newer '$T/stamp' | head -n 1)\" ]"

# --- 3. the administrator adds a plug-in ---------------------------------------------------------------------------
expect_rc "admin install --dry-run changes nothing" 0 "would install org.example.myoflow.rms" "$M" admin install "file://$SITE" org.example.myoflow.rms --dry-run
check "the dry run left the installation unchanged" [ "$(snapshot)" = "$S0" ]
expect_rc "root installs the example plug-in from its p2 update site with the p2 director" 0 "with the p2 director into $INSTALL (profile DefaultProfile)" "$M" admin install "file://$SITE" org.example.myoflow.rms
check "the director put the plug-in into plugins/, not writable by the users" bash -c "f=\$(ls '$INSTALL'/plugins/org.example.myoflow.rms_*.jar) && [ -z \"\$(find \$f -perm /022)\" ] && [ ! -e '$INSTALL/extensions' ]"
check "the plug-in is in the installation's bundles.info" grep -q '^org.example.myoflow.rms,' "$INSTALL/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"
check "the plug-in is a root of the installation's p2 profile" bash -c "zgrep -q -a 'org.example.myoflow.rms' \$(ls -t '$INSTALL'/p2/org.eclipse.equinox.p2.engine/profileRegistry/DefaultProfile.profile/*.profile.gz | head -n 1)"
expect_rc "installing it again is a no-op for the director" 0 "with the p2 director" "$M" admin install "$SITE" org.example.myoflow.rms
S1=$(snapshot)
touch "$T/stamp"
sleep 1
expect_rc "the user's steps list the administrator's plug-in" 0 "org.example.myoflow.moving-rms" "${U[@]}" "$M" steps
mkdir -p "$W/tp" && cp "$ROOT/tests/smoke/third-party.myoflow" "$W/tp/" && cp -r "$ROOT/tests/smoke/"*.csv "$W/tp/" 2>/dev/null; chown -R "$LABUSER" "$W/tp"
expect_rc "the user runs a pipeline with the plug-in's step" 0 "Ran 'force-envelope'" "${U[@]}" "$M" run "$W/tp/third-party.myoflow" --out "$W/tp/run"
check "the plug-in's output was written" [ -s "$W/tp/run/rms.envelope.npy" ]
check "the user's commands left the installation unchanged after the plug-in (checksums)" [ "$(snapshot)" = "$S1" ]
check "nothing in the installation is newer than the plug-in install (find -newer)" bash -c "[ -z \"\$(find '$INSTALL' -newer '$T/stamp' | head -n 1)\" ]"

n_ok=$(grep -c '^ok' "$RESULTS"); n_bad=$(grep -c '^bad' "$RESULTS")
echo "lab: $n_ok passed, $n_bad failed in $(( $(date +%s) - start )) s"
[ "$n_bad" = 0 ]
