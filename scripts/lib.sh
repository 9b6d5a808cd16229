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
