#!/usr/bin/env bash
# Vector index benchmark at Derm1M scale (bench/IndexBench.java says what it measures).
#
#   bench/index.sh [N=403563] [DIM=512] [QUERIES=1000] [WORK=/tmp/derm-index-bench]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
n="${1:-403563}"; dim="${2:-512}"; q="${3:-1000}"; work="${4:-/tmp/derm-index-bench}"
"$here/derm" --version >/dev/null
rm -rf "$work"; mkdir -p "$work"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
exec java $DERM_VECTOR_FLAGS $DERM_NATIVE_FLAGS -Xmx10g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$here/server/target/derm-server.jar:$here/server/target/lib/*" \
  "$here/bench/IndexBench.java" "$n" "$dim" "$q" "$work/index"
