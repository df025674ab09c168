# Sourced by ./sextant and scripts/test: finds a JDK 25+ and Maven without the user
# setting JAVA_HOME or installing anything by hand.
#   SEXTANT_JAVA_HOME  the JDK found (also exported as JAVA_HOME for Maven)
#   SEXTANT_MVN        the mvn command to run

# Every launch of ./sextant runs this, so the usual path uses shell built-ins only: on this
# 2-core machine under load each extra process (dirname, sed, uname...) cost 20-60 ms before the
# JVM even started.
_here="${BASH_SOURCE[0]%/*}"
[ "$_here" = "${BASH_SOURCE[0]}" ] && _here=.
_was="$PWD"; cd "$_here/.." >/dev/null; sextant_root="$PWD"; cd "$_was" >/dev/null
sextant_cache="${XDG_CACHE_HOME:-$HOME/.cache}/sextant"

_java_major() { # prints the feature version of the java at $1/bin/java (a JDK without a release file)
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

_find_jdk() { # sets SEXTANT_JAVA_HOME (a function, not $(...): that would fork a subshell)
  local c v
  for c in "${SEXTANT_JAVA_HOME:-}" "${JAVA_HOME:-}" \
           /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/*25* /usr/lib/jvm/* \
           /Library/Java/JavaVirtualMachines/*/Contents/Home "$sextant_cache"/jdk/*; do
    [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
    if [ -f "$c/release" ]; then
      _java_major_into v "$c"
    else
      v="$(_java_major "$c")"
    fi
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then SEXTANT_JAVA_HOME="$c"; return 0; fi
  done
  if command -v javac >/dev/null 2>&1; then
    c="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    v="$(_java_major "$c")"
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then SEXTANT_JAVA_HOME="$c"; return 0; fi
  fi
  return 1
}

_java_major_into() { # _java_major_into VAR JDK: the feature version from JDK/release, into VAR
  # (the release file answers without starting a JVM, which costs ~0.1 s per launch)
  local line
  printf -v "$1" ''
  while IFS= read -r line; do
    if [[ "$line" =~ ^JAVA_VERSION=\"([0-9]+) ]]; then printf -v "$1" '%s' "${BASH_REMATCH[1]}"; return; fi
  done < "$2/release"
}

if ! _find_jdk; then
  echo "sextant: no JDK 25 or newer found (looked in JAVA_HOME, /usr/lib/jvm and $sextant_cache/jdk)." >&2
  echo "sextant: install one (for example Temurin 25) under /usr/lib/jvm and run again." >&2
  exit 3
fi
export SEXTANT_JAVA_HOME JAVA_HOME="$SEXTANT_JAVA_HOME"
# Maven's own Guava uses sun.misc.Unsafe; JDK 25 warns about it on every build.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

# Maven: the machine's own when it is 3.8 or newer, otherwise a pinned release fetched once
# from Maven Central into the cache. Checking costs a JVM start, so the launcher asks only when it
# has to build (SEXTANT_LAZY_MVN=1, then resolve_maven).
sextant_maven_version=3.9.11
resolve_maven() {
  [ -n "${SEXTANT_MVN:-}" ] && return 0
  if command -v mvn >/dev/null 2>&1 && mvn -v 2>/dev/null | grep -qE 'Apache Maven (3\.(8|9)|[4-9]\.)'; then
    SEXTANT_MVN=mvn
  else
    local m="$sextant_cache/maven/apache-maven-$sextant_maven_version"
    if [ ! -x "$m/bin/mvn" ]; then
      echo "sextant: fetching Apache Maven $sextant_maven_version from Maven Central (once)..." >&2
      mkdir -p "$sextant_cache/maven"
      curl -fsSL "https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/$sextant_maven_version/apache-maven-$sextant_maven_version-bin.tar.gz" \
        | tar -xz -C "$sextant_cache/maven" || { echo "sextant: could not fetch Maven" >&2; exit 3; }
    fi
    SEXTANT_MVN="$m/bin/mvn"
  fi
  export SEXTANT_MVN
}
[ -n "${SEXTANT_LAZY_MVN:-}" ] || resolve_maven

# JavaFX on Linux loads GTK 3 at start-up. A fresh server-style machine has none: install it with
# apt when running as root (as on this project's machines), otherwise say exactly what is missing.
ensure_gui_libs() {
  # the usual library folders first (a glob, no process), then the linker's cache
  local f
  for f in /usr/lib/*-linux-gnu/libgtk-3.so.0 /usr/lib64/libgtk-3.so.0 /usr/lib/libgtk-3.so.0; do
    [ -e "$f" ] && return 0
  done
  # (grep without -q reads to the end: -q would exit at the first match, ldconfig would die of
  # SIGPIPE, and under pipefail a machine with GTK looked like one without and ran apt-get)
  if ldconfig -p 2>/dev/null | grep 'libgtk-3\.so\.0' >/dev/null; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "sextant: installing GTK 3 for the workbench window (apt-get install libgtk-3-0)..." >&2
    { apt-get install -y -qq libgtk-3-0 || { apt-get update -qq && apt-get install -y -qq libgtk-3-0; }; } >/dev/null 2>&1 \
      || { echo "sextant: could not install libgtk-3-0; install it and run again" >&2; exit 3; }
  else
    echo "sextant: the workbench needs GTK 3 (Debian/Ubuntu: sudo apt-get install libgtk-3-0)" >&2
    exit 3
  fi
}

# GUI tests need a display. Without one (CI, ssh), start a private Xvfb; install it (and GTK 3)
# with apt when running as root. If that is impossible the GUI tests skip and say why.
start_virtual_display() {
  [ "$(uname -s)" = Linux ] || return 0
  [ -n "${DISPLAY:-}" ] && return 0
  if ! command -v Xvfb >/dev/null 2>&1 || ! ldconfig -p 2>/dev/null | grep 'libgtk-3\.so\.0' >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "sextant: installing Xvfb and GTK 3 for the GUI tests (apt-get)..." >&2
      { apt-get install -y -qq xvfb libgtk-3-0 || { apt-get update -qq && apt-get install -y -qq xvfb libgtk-3-0; }; } \
        >/dev/null 2>&1 || echo "sextant: could not install xvfb/libgtk-3-0; GUI tests will skip" >&2
    else
      echo "sextant: no display and no Xvfb; GUI tests will skip (install xvfb and libgtk-3-0)" >&2
    fi
  fi
  command -v Xvfb >/dev/null 2>&1 || return 0
  local n
  for n in $(seq 90 140); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] && continue
    Xvfb ":$n" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
    sextant_xvfb_pid=$!
    for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
    if kill -0 "$sextant_xvfb_pid" 2>/dev/null; then
      export DISPLAY=":$n"
      return 0
    fi
  done
  echo "sextant: could not start Xvfb; GUI tests will skip" >&2
}
