#!/usr/bin/env bash
# Prompt generator benchmark over the shipped ontology (bench/PromptsBench.java: what it measures).
#
#   bench/prompts.sh [RUNS=20] [WARMUP=30]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
"$here/derm" --version >/dev/null
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "java: $(java -version 2>&1 | sed -n 1p)"
exec java $DERM_VECTOR_FLAGS $DERM_NATIVE_FLAGS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$here/server/target/derm-server.jar:$here/server/target/lib/*" \
  "$here/bench/PromptsBench.java" "${1:-20}" "${2:-30}"
