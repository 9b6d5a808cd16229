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

# A class-data archive of isolatectl's own JVM (AppCDS), as the isolates have theirs: about 130 ms
# off every command here. Its name hashes the JVM, the flags and every jar (path, size, time), so a
# rebuild or another JDK makes a new one. Java 17 cannot make an archive on its own: the first run
# writes one at exit under a name of its own, and the script moves it into place. Sets
# ISOLATES_CDS_FLAGS, and ISOLATES_CDS_DUMP and ISOLATES_CDS_ARCHIVE when this run is to make it.
isolates_cds_prepare() {
  local flags="$1" dir key
  ISOLATES_CDS_FLAGS=""
  ISOLATES_CDS_DUMP=""
  ISOLATES_CDS_ARCHIVE=""
  dir="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/isolates/cds/isolatectl"
  if ! mkdir -p "$dir" 2>/dev/null || [ ! -w "$dir" ]; then
    return 0 # an archive only makes the start faster; without one the command runs all the same
  fi
  key="$({ readlink -f "$ISOLATES_JAVA"; isolates_java_feature; echo "$flags"
           stat -c '%n %s %Y' "$ISOLATES_JAR" "$ISOLATES_LIB"/*.jar; } | sha256sum | cut -c1-24)"
  ISOLATES_CDS_ARCHIVE="$dir/$key.jsa"
  if [ -s "$ISOLATES_CDS_ARCHIVE" ]; then
    ISOLATES_CDS_FLAGS="-XX:SharedArchiveFile=$ISOLATES_CDS_ARCHIVE -Xlog:cds*=off,class+path=off"
    ISOLATES_CDS_ARCHIVE=""
  else
    ISOLATES_CDS_DUMP="$ISOLATES_CDS_ARCHIVE.dump-$$"
    ISOLATES_CDS_FLAGS="-XX:ArchiveClassesAtExit=$ISOLATES_CDS_DUMP -Xlog:cds*=off,class+path=off"
  fi
}

# After a run that made an archive: moves it into place (a rename, so a run starting now sees all
# of it or none) and keeps the two newest.
isolates_cds_finish() {
  if [ -n "$ISOLATES_CDS_DUMP" ] && [ -s "$ISOLATES_CDS_DUMP" ]; then
    mv -f "$ISOLATES_CDS_DUMP" "$ISOLATES_CDS_ARCHIVE" 2>/dev/null || true
    # shellcheck disable=SC2012
    ls -t "$(dirname "$ISOLATES_CDS_ARCHIVE")"/*.jsa 2>/dev/null | tail -n +3 | xargs -r rm -f
  fi
  if [ -n "$ISOLATES_CDS_DUMP" ]; then rm -f "$ISOLATES_CDS_DUMP"; fi
}
