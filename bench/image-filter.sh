#!/usr/bin/env bash
# The query shapes for leaving benchmark datasets out of Derm1M's image pages and counts, compared
# on a Derm1M-scale store (bench/ImageFilterBench.java says what it measures).
#
#   bench/image-filter.sh [STORE=/tmp/derm-bench/store]   (bench/serve.sh leaves one there)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
store="${1:-/tmp/derm-bench/store}"
[ -d "$store" ] || { echo "no store at $store: run bench/serve.sh (or bench/load.sh) first" >&2; exit 2; }
"$here/derm" --version >/dev/null
java $DERM_VECTOR_FLAGS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$here/server/target/derm-server.jar:$here/server/target/lib/*" \
  "$here/bench/ImageFilterBench.java" "$store"
