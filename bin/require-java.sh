# Sourced by bin/rootcause and ./mvnw: stop in one line, with exit 2, when the java that would run
# is older than the project needs, instead of an UnsupportedClassVersionError or Maven's "release
# version 21 not supported". Reads the JDK's release file (no JVM start); falls back to -version.
# POSIX sh, safe under "set -euf".

# The major version of the java command $1 (17, 21, 25), or nothing when it cannot be told.
rootcause_java_major() {
  _rc_java=$(command -v "$1" 2>/dev/null || true)
  [ -n "$_rc_java" ] || return 0
  _rc_real=$(readlink -f "$_rc_java" 2>/dev/null || printf %s "$_rc_java")
  _rc_home=$(dirname "$(dirname "$_rc_real")")
  _rc_version=""
  if [ -f "$_rc_home/release" ]; then
    _rc_version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$_rc_home/release" | head -n 1)
  fi
  if [ -z "$_rc_version" ]; then
    _rc_version=$("$_rc_java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  case "$_rc_version" in
    1.*) _rc_version=${_rc_version#1.} ;;
  esac
  printf %s "${_rc_version%%[!0-9]*}"
}

# A JDK of at least version $1 under the usual install folders, to suggest; or nothing.
rootcause_find_jdk() {
  # ./mvnw runs with globbing off (set -f); this runs in a subshell, so turning it on is local.
  set +f
  for _rc_release in /usr/lib/jvm/*/release /Library/Java/JavaVirtualMachines/*/Contents/Home/release \
      "${HOME:-}"/.sdkman/candidates/java/*/release; do
    [ -f "$_rc_release" ] || continue
    _rc_v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$_rc_release" | head -n 1)
    if [ -n "$_rc_v" ] && [ "$_rc_v" -ge "$1" ]; then
      dirname "$_rc_release"
      return 0
    fi
  done
}

# Exits 2 with one line on stderr when java $2 is older than $1; $3 names the caller.
rootcause_require_java() {
  _rc_major=$(rootcause_java_major "$2")
  if [ -z "$_rc_major" ]; then
    if ! command -v "$2" >/dev/null 2>&1; then
      echo "$3: no java found: install JDK $1 or newer and set JAVA_HOME to it" >&2
      exit 2
    fi
    return 0
  fi
  if [ "$_rc_major" -lt "$1" ]; then
    _rc_jdk=$(rootcause_find_jdk "$1")
    echo "$3: needs Java $1 or newer, but $2 is Java $_rc_major: set JAVA_HOME to a JDK $1+${_rc_jdk:+ (one is installed: export JAVA_HOME=$_rc_jdk)}" >&2
    exit 2
  fi
}
