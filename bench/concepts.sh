#!/usr/bin/env bash
# derm concepts at Derm1M scale: scoring N stored 512-d vectors against every concept of the shipped
# ontology (median of RUNS), then a whole run into a fresh TDB2 store and an incremental re-run
# (bench/ConceptsBench.java says what it measures). Needs the build (./mvnw -q package -DskipTests).
#
#   bench/concepts.sh [N=403563] [RUNS=3]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
n="${1:-403563}"; runs="${2:-3}"
"$here/derm" --version >/dev/null
store="$(mktemp -d)"
trap 'rm -rf "$store"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
java -Xmx6g $DERM_VECTOR_FLAGS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$here/server/target/derm-server.jar:$here/server/target/lib/*" \
  "$here/bench/ConceptsBench.java" "$n" "$runs" "$store/store"
# the peer: the same scoring (matmul, z, threshold, top 3) in NumPy's BLAS, on the same shapes
if python3 -c "import numpy" 2>/dev/null; then
  python3 "$here/bench/concepts_peer.py" "$n" 158 "$runs"
else
  echo "numpy missing (apt-get install python3-numpy): no peer figure"
fi
