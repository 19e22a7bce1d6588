#!/usr/bin/env bash
# Zero-shot classify latency for one image on the CPU with a real-shaped ViT-B/16 (random weights;
# bench/embed.sh exports it) (bench/ClassifyBench.java says what it measures).
#
#   bench/classify.sh [RUNS=10] [MODEL=/tmp/derm-embed-bench/model] [IMAGE=/tmp/derm-embed-bench/images/img0000.jpg]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
runs="${1:-10}"; model="${2:-/tmp/derm-embed-bench/model}"; image="${3:-/tmp/derm-embed-bench/images/img0000.jpg}"
[ -f "$model/model.pt" ] || { echo "no model at $model: run bench/embed.sh first" >&2; exit 2; }
"$here/derm" --version >/dev/null
cache="$(mktemp -d)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
java $DERM_VECTOR_FLAGS $DERM_NATIVE_FLAGS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$here/server/target/derm-server.jar:$here/server/target/lib/*" \
  "$here/bench/ClassifyBench.java" "$model" "$image" "$runs" "$cache"
rm -rf "$cache"
