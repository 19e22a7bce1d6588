#!/usr/bin/env bash
# Serving benchmark at Derm1M scale: hierarchy query latency (in process and over HTTP), sustained
# throughput of a mixed workload with concurrent clients, and the same with a runaway query being cut.
#
#   bench/serve.sh [SECONDS=20] [RUNS=3] [CLIENTS=8] [WORK=/tmp/derm-bench]
#
# Uses WORK/store when it holds a load of the Derm1M-scale dataset (bench/load.sh makes one);
# otherwise generates the dataset (403,563 images) and loads it first. The benchmark program is
# bench/ServeBench.java, run on the server's class path with the JVM defaults derm serve uses (G1);
# see its header for what it measures.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
seconds="${1:-20}"
runs="${2:-3}"
clients="${3:-8}"
work="${4:-/tmp/derm-bench}"
mkdir -p "$work"
"$here/derm" --version >/dev/null
if [ ! -f "$work/store/current" ]; then
  if [ ! -f "$work/dataset/Derm1M_v2_pretrain.csv" ]; then
    "$here/derm" generate-demo --images 403563 --out "$work/dataset" >/dev/null 2>&1
  fi
  "$here/derm" load --data "$work/dataset" --store "$work/store" --report "$work/report" --no-validate >/dev/null 2>&1
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "java: $(java -version 2>&1 | sed -n 1p)"
exec java $DERM_VECTOR_FLAGS $DERM_NATIVE_FLAGS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$here/server/target/derm-server.jar:$here/server/target/lib/*" \
  "$here/bench/ServeBench.java" "$work/store" "$seconds" "$runs" "$clients"
