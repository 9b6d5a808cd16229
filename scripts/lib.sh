# Shared by the scripts in this folder: finds the project, builds it on first use, picks the JVM
# flags for the java on PATH (or JAVA_HOME). Sourced, not run.

ISOLATES_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ISOLATES_LIB="$ISOLATES_ROOT/scripts/target/lib"
ISOLATES_JAR="$ISOLATES_ROOT/scripts/target/isolates-scripts-0.1.0-SNAPSHOT.jar"

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  ISOLATES_JAVA="$JAVA_HOME/bin/java"
else
  ISOLATES_JAVA="$(command -v java || true)"
fi
if [ -z "$ISOLATES_JAVA" ]; then
  echo "isolatectl: no java found: install a JDK 17 or later, or set JAVA_HOME" >&2
  exit 5
fi

isolates_build_if_needed() {
  if [ ! -f "$ISOLATES_JAR" ] || [ ! -d "$ISOLATES_LIB" ]; then
    echo "isolatectl: building the project on first use (mvn -DskipTests package)..." >&2
    if ! (cd "$ISOLATES_ROOT" && mvn -q -B -DskipTests package >&2); then
      echo "isolatectl: the build failed; run 'mvn -DskipTests package' in $ISOLATES_ROOT to see why" >&2
      exit 5
    fi
  fi
}

# The JDK's feature version, from its release file (no extra JVM start).
isolates_java_feature() {
  local home release version
  home="$(dirname "$(dirname "$(readlink -f "$ISOLATES_JAVA")")")"
  release="$home/release"
  if [ -f "$release" ]; then
    version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")"
  fi
  if [ -z "${version:-}" ]; then
    version="$("$ISOLATES_JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
  fi
  echo "${version:-17}"
}

isolates_jvm_flags() {
  local flags="--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/jdk.internal.util=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED -Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true -Dlogback.configurationFile=dev/isolates/logback-isolates.xml"
  if [ "$(isolates_java_feature)" -ge 24 ]; then
    flags="$flags --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
  fi
  echo "$flags"
}

isolates_classpath() {
  echo "$ISOLATES_JAR:$ISOLATES_LIB/*"
}

# A class-data archive (AppCDS) of isolatectl's own JVM, one per subcommand, as the isolates have
# theirs: about 130 ms off each command. Its name hashes the JVM, the flags and every jar (path,
# size, time), so a rebuild or another JDK makes a new one. Java 17 cannot make an archive on its
# own, and the script execs the JVM (so signals reach it and nothing waits behind it): a run with no
# archive writes one as it exits, under a name with its pid, and a later run adopts it once that JVM
# has gone and a JVM accepts it (a dump cut short is deleted). ISOLATECTL_CDS=off turns it off.
# Usage: isolates_cds_prepare NAME JVM_FLAG...; sets the array ISOLATES_CDS_FLAGS. Never fails.
isolates_cds_prepare() {
  local name="$1" dir key archive dump pid quiet="-Xlog:cds*=off,class+path=off"
  shift
  ISOLATES_CDS_FLAGS=()
  if [ "${ISOLATECTL_CDS:-on}" = off ]; then return 0; fi
  dir="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/isolates/cds/isolatectl"
  if ! mkdir -p "$dir" 2>/dev/null || [ ! -w "$dir" ]; then
    return 0 # an archive only makes the start faster; without one the command runs all the same
  fi
  key="$({ readlink -f "$ISOLATES_JAVA"; isolates_java_feature; printf '%s\n' "$@"
           stat -c '%n %s %Y' "$ISOLATES_JAR" "$ISOLATES_LIB"/*.jar; } 2>/dev/null | sha256sum | cut -c1-24)" || return 0
  [ -n "$key" ] || return 0
  archive="$dir/$name-$key.jsa"
  for dump in "$archive".dump-*; do
    [ -e "$dump" ] || continue
    pid="${dump##*.dump-}"
    if kill -0 "$pid" 2>/dev/null; then continue; fi # its JVM may still be writing it
    if [ ! -s "$archive" ] && "$ISOLATES_JAVA" "$@" -Xshare:on "-XX:SharedArchiveFile=$dump" "$quiet" \
        -cp "$(isolates_classpath)" -version >/dev/null 2>&1; then
      mv -f "$dump" "$archive" 2>/dev/null || rm -f "$dump"
      # keep the four newest archives: every rebuild makes new ones
      # shellcheck disable=SC2012
      ls -t -- "$dir"/*.jsa 2>/dev/null | tail -n +5 | while IFS= read -r old; do rm -f -- "$old"; done || true
    else
      rm -f "$dump"
    fi
  done
  if [ -s "$archive" ]; then
    ISOLATES_CDS_FLAGS=("-XX:SharedArchiveFile=$archive" "$quiet")
  else
    ISOLATES_CDS_FLAGS=("-XX:ArchiveClassesAtExit=$archive.dump-$$" "$quiet")
  fi
  return 0
}
