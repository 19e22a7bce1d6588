# Sourced by ./derm, ./mvnw, .ci/run and bench/*.sh: puts a JDK 21 or newer first on PATH and in
# JAVA_HOME. Looks at JAVA_HOME, then Temurin 25 where every machine of this project has it, then
# the java on PATH; stops with a message saying what to install when none is new enough.
derm_jdk_version() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

derm_use_jdk() {
  local candidates=() h v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64)
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for h in "${candidates[@]}"; do
    [ -x "$h/bin/java" ] || continue
    v="$(derm_jdk_version "$h")"
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then
      export JAVA_HOME="$h"
      export PATH="$h/bin:$PATH"
      if [ "$v" -ge 23 ]; then
        # Maven 3.8's bundled Guava uses sun.misc.Unsafe, which Java 23+ warns about on every run
        case " ${MAVEN_OPTS:-} " in
          *sun-misc-unsafe-memory-access*) ;;
          *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
        esac
      fi
      return 0
    fi
  done
  echo "error: this project needs a JDK 21 or newer (Java 25 LTS is what it is built and tested on)." >&2
  echo "  Set JAVA_HOME to one, or install Eclipse Temurin 25 (https://adoptium.net/temurin/releases/;" >&2
  echo "  on Debian/Ubuntu: the temurin-25-jdk package from packages.adoptium.net) so that it lies in" >&2
  echo "  /usr/lib/jvm/temurin-25-jdk-amd64. Found: ${candidates[*]:-no java at all}" >&2
  return 1
}

derm_use_jdk || exit 2

# what every JVM of this project runs with: Lucene's SIMD vectors (an incubator module: the JVM
# says so once on start-up) and native code (DJL's libtorch, Lucene) allowed without a warning
export DERM_VECTOR_FLAGS="--add-modules jdk.incubator.vector"
export DERM_NATIVE_FLAGS="--enable-native-access=ALL-UNNAMED"
