# Shared by the scripts in this folder: finds the project, builds it on first use, picks the JVM
# flags for the java on PATH (or JAVA_HOME). Sourced, not run.
#
# Two layouts: the repository (this file in scripts/, the project's pom.xml one folder up; the
# jars in scripts/target, built by Maven on first use) and an unpacked isolatectl-VERSION.tar.gz (this
# file in bin/; the jars in lib/ and library/ beside it; no Maven). ISOLATES_ROOT is the
# repository or the installation; ISOLATES_LIB holds every jar of the command line,
# ISOLATES_LIBRARY the library's own (what 'isolatectl classpath' prints), ISOLATES_JAR the
# scripts' jar (none in an installation), ISOLATES_CLIENT the native daemon client (built where
# the build had a C compiler; named for bash's HOSTTYPE and OSTYPE, so a copy built for another kind
# of machine is never run). The two keep their class-data archives apart
# (ISOLATES_CDS_FOLDER), so a user of both does not make each replace the other's.

#
# Every command pays for what this file runs before the JVM starts, and each program it forks costs
# about a millisecond here: it forks what it must (readlink, stat, sha256sum) and does the rest in
# bash.

ISOLATES_HERE="$(readlink -f "${BASH_SOURCE[0]}")"
ISOLATES_HERE="${ISOLATES_HERE%/*}"
ISOLATES_ROOT="${ISOLATES_HERE%/*}"
ISOLATES_ROOT="${ISOLATES_ROOT:-/}"
if [ -f "$ISOLATES_ROOT/pom.xml" ]; then
  ISOLATES_INSTALLED=false
  ISOLATES_LIB="$ISOLATES_ROOT/scripts/target/lib"
  ISOLATES_LIBRARY="$ISOLATES_ROOT/scripts/target/library"
  ISOLATES_JAR="$ISOLATES_ROOT/scripts/target/isolates-scripts-0.1.0-SNAPSHOT.jar"
  ISOLATES_CLIENT="$ISOLATES_ROOT/scripts/target/isolatectl-client-$HOSTTYPE-$OSTYPE"
  ISOLATES_CDS_FOLDER=isolatectl
else
  ISOLATES_INSTALLED=true
  ISOLATES_LIB="$ISOLATES_ROOT/lib"
  ISOLATES_LIBRARY="$ISOLATES_ROOT/library"
  ISOLATES_JAR=""
  ISOLATES_CLIENT="$ISOLATES_HERE/isolatectl-client-$HOSTTYPE-$OSTYPE"
  ISOLATES_CDS_FOLDER=isolatectl-installed
fi

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
  local log
  if [ "$ISOLATES_INSTALLED" = true ]; then
    if [ ! -d "$ISOLATES_LIB" ] || [ ! -d "$ISOLATES_LIBRARY" ]; then
      echo "isolatectl: the installation in $ISOLATES_ROOT has no lib/ or library/ folder: unpack isolatectl-VERSION.tar.gz again" >&2
      exit 5
    fi
    return 0
  fi
  if [ ! -f "$ISOLATES_JAR" ] || [ ! -d "$ISOLATES_LIB" ] || [ ! -d "$ISOLATES_LIBRARY" ]; then
    echo "isolatectl: building the project on first use (mvn -DskipTests package)..." >&2
    log="$(mktemp 2>/dev/null || echo /dev/null)"
    # Quiet unless it fails. Maven 3.8.7 as Debian packs it writes colour resets even in batch
    # mode with colour off: they are removed from what is shown.
    if ! (cd "$ISOLATES_ROOT" && mvn -q -B -ntp -Dstyle.color=never -DskipTests package) >"$log" 2>&1; then
      sed 's/\x1b\[[0-9;]*m//g' "$log" >&2
      [ "$log" = /dev/null ] || rm -f "$log"
      echo "isolatectl: the build failed; run 'mvn -DskipTests package' in $ISOLATES_ROOT to see why" >&2
      exit 5
    fi
    [ "$log" = /dev/null ] || rm -f "$log"
  fi
}

# The java program with every symbolic link resolved (a JDK's bin/java), found once.
isolates_java_real() {
  if [ -z "${ISOLATES_JAVA_REAL:-}" ]; then
    ISOLATES_JAVA_REAL="$(readlink -f "$ISOLATES_JAVA")"
  fi
}

# Sets ISOLATES_JAVA_FEATURE to the JDK's feature version, from its release file (no extra JVM
# start), unless it is set; later calls (in subshells too) fork nothing for it.
isolates_java_feature_known() {
  local line version=""
  if [ -n "${ISOLATES_JAVA_FEATURE:-}" ]; then
    return 0
  fi
  isolates_java_real
  if [ -f "${ISOLATES_JAVA_REAL%/*/*}/release" ]; then
    while IFS= read -r line; do
      case "$line" in
        JAVA_VERSION=\"[0-9]*) version="${line#JAVA_VERSION=\"}"; version="${version%%[!0-9]*}"; break ;;
      esac
    done < "${ISOLATES_JAVA_REAL%/*/*}/release"
  fi
  if [ -z "$version" ]; then
    version="$("$ISOLATES_JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
  fi
  ISOLATES_JAVA_FEATURE="${version:-17}"
}

# The JDK's feature version.
isolates_java_feature() {
  isolates_java_feature_known
  echo "$ISOLATES_JAVA_FEATURE"
}

isolates_jvm_flags() {
  local flags="--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/jdk.internal.util=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED -Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true -Dlogback.configurationFile=dev/isolates/logback-isolates.xml"
  isolates_java_feature_known
  if [ "$ISOLATES_JAVA_FEATURE" -ge 24 ]; then
    flags="$flags --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
  fi
  echo "$flags"
}

# The command line's classpath: the scripts' jar (in the repository) and every jar in ISOLATES_LIB.
ISOLATES_CLASSPATH="${ISOLATES_JAR:+$ISOLATES_JAR:}$ISOLATES_LIB/*"

isolates_classpath() {
  echo "$ISOLATES_CLASSPATH"
}

# A class-data archive (AppCDS) of isolatectl's own JVM, one per subcommand, as the isolates have
# theirs: about 130 ms off each command. Its name hashes the JVM, the flags and every jar (path,
# size, time), so a rebuild or another JDK makes a new one, which replaces the subcommand's old one.
# Java 17 cannot make an archive on its own, and the script execs the JVM (so signals reach it and
# nothing waits behind it): a run with no archive writes one as it exits, under a name with its pid,
# and a later run adopts it once that JVM has gone, if the run did its subcommand's work (it leaves
# a marker file then: an archive of a help or usage-error run holds a fraction of the classes and
# slows every later run) and a JVM accepts it; any other dump is deleted. ISOLATECTL_CDS=off turns
# it off.
# Usage: isolates_cds_prepare NAME dump|nodump JVM_FLAG...; nodump: the run will do no real work
# (help, version), so ask for no dump. ISOLATES_CDS_CLASSPATH: the JVM's classpath when it is not
# isolates_classpath. Sets the array ISOLATES_CDS_FLAGS. Never fails.
isolates_cds_prepare() {
  local name="$1" want="$2" dir key archive dump pid marker old quiet="-Xlog:cds*=off,class+path=off"
  local keyed="????????????????????????" # the 24 characters of a key
  shift 2
  ISOLATES_CDS_FLAGS=()
  if [ "${ISOLATECTL_CDS:-on}" = off ]; then return 0; fi
  dir="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/isolates/cds/$ISOLATES_CDS_FOLDER"
  if { [ ! -d "$dir" ] && ! mkdir -p "$dir" 2>/dev/null; } || [ ! -w "$dir" ]; then
    return 0 # an archive only makes the start faster; without one the command runs all the same
  fi
  isolates_java_real
  isolates_java_feature_known
  key="$({ printf '%s\n' "$ISOLATES_JAVA_REAL" "$ISOLATES_JAVA_FEATURE" "$@"
           stat -c '%n %s %Y' ${ISOLATES_JAR:+"$ISOLATES_JAR"} "$ISOLATES_LIB"/*.jar; } 2>/dev/null | sha256sum)" || return 0
  key="${key:0:24}"
  [ ${#key} = 24 ] || return 0
  archive="$dir/$name-$key.jsa"
  for dump in "$dir/$name-"$keyed.jsa.dump-*; do
    [ -e "$dump" ] || continue
    case "$dump" in *.ok) continue ;; esac
    pid="${dump##*.dump-}"
    if kill -0 "$pid" 2>/dev/null; then continue; fi # its JVM may still be writing it
    marker="$dump.ok"
    if [ "${dump%.dump-*}" = "$archive" ] && [ -e "$marker" ] && [ ! -s "$archive" ] \
        && "$ISOLATES_JAVA" "$@" -Xshare:on "-XX:SharedArchiveFile=$dump" "$quiet" \
          -cp "${ISOLATES_CDS_CLASSPATH:-$(isolates_classpath)}" -version >/dev/null 2>&1 \
        && mv -f "$dump" "$archive" 2>/dev/null; then
      for old in "$dir/$name-"$keyed.jsa; do # one archive per subcommand: older builds' go
        if [ "$old" != "$archive" ]; then rm -f -- "$old"; fi
      done
    else
      rm -f "$dump"
    fi
    rm -f "$marker"
  done
  for marker in "$dir/$name-"$keyed.jsa.dump-*.ok; do # a marker whose JVM wrote no dump
    [ -e "$marker" ] || continue
    pid="${marker%.ok}"; pid="${pid##*.dump-}"
    if ! kill -0 "$pid" 2>/dev/null && [ ! -e "${marker%.ok}" ]; then rm -f "$marker"; fi
  done
  if [ -s "$archive" ]; then
    ISOLATES_CDS_FLAGS=("-XX:SharedArchiveFile=$archive" "$quiet")
  elif [ "$want" = dump ]; then
    ISOLATES_CDS_FLAGS=("-XX:ArchiveClassesAtExit=$archive.dump-$$" "$quiet"
                        "-Disolatectl.cds.marker=$archive.dump-$$.ok")
  fi
  return 0
}
