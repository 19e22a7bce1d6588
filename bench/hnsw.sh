#!/usr/bin/env bash
# HNSW against hnswlib, side by side on identical vectors: N x DIM clustered, normalised vectors and
# QUERIES queries are written once (with their exact top-10), then for ROUNDS rounds each of the
# project's HnswIndex (Lucene, M=16, beam 100, THREADS threads) and hnswlib (Debian's
# python3-hnswlib, M=16, ef_construction 100, THREADS threads) builds an index and answers the
# queries one at a time at ef 10..100. Prints build seconds and, for the smallest ef reaching
# recall@10 >= 0.95, query p50 — medians over the rounds — and the Lucene/hnswlib ratios.
#
#   bench/hnsw.sh [N=100000] [DIM=512] [THREADS=2] [ROUNDS=3] [QUERIES=2000] [WORK=/tmp/derm-hnsw-bench]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
n="${1:-100000}"; dim="${2:-512}"; threads="${3:-2}"; rounds="${4:-3}"; q="${5:-2000}"
work="${6:-/tmp/derm-hnsw-bench}"
if ! /usr/bin/python3 -c "import hnswlib" 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-hnswlib >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-hnswlib >/dev/null; }
  else
    echo "needs python3-hnswlib (apt-get install python3-hnswlib)" >&2; exit 2
  fi
fi
"$here/derm" --version >/dev/null
cp="$here/server/target/derm-server.jar:$here/server/target/lib/*"
jvm=(java $DERM_VECTOR_FLAGS $DERM_NATIVE_FLAGS -Xmx12g
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" "$here/bench/HnswBench.java")
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "java: $(java -version 2>&1 | sed -n 1p); hnswlib: $(/usr/bin/python3 -c 'import importlib.metadata as m; print(m.version("hnswlib"))' 2>/dev/null || echo 0.6.2 deb)"
if [ ! -f "$work/truth.i32" ] || [ "$(cat "$work/shape" 2>/dev/null)" != "$n $dim $q" ]; then
  rm -rf "$work"; mkdir -p "$work"
  "${jvm[@]}" gen "$n" "$dim" "$q" "$work"
  echo "$n $dim $q" >"$work/shape"
fi
out="$work/results.txt"; : >"$out"
for r in $(seq 1 "$rounds"); do
  for side in lucene hnswlib; do
    if [ "$side" = lucene ]; then res="$("${jvm[@]}" lucene "$work" "$dim" "$threads" 2>&1 | grep -E '^(build|ef) ')"
    else res="$(/usr/bin/python3 "$here/bench/hnsw_peer.py" "$work" "$dim" "$threads")"; fi
    echo "$res" | sed "s/^/$side $r /" | tee -a "$out"
  done
done
python3 - "$out" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
def med(side, key, ef=None, col=4):
    v = [float(r[col]) for r in rows if r[0] == side and r[2] == key and (ef is None or r[3] == ef)]
    return st.median(v) if v else float("nan")
res = {}
for side in ("lucene", "hnswlib"):
    b = med(side, "build", col=3)
    efs = sorted({int(r[3]) for r in rows if r[0] == side and r[2] == "ef"})
    chosen = next((e for e in efs if med(side, "ef", str(e), 5) >= 0.95), efs[-1])
    res[side] = (b, chosen, med(side, "ef", str(chosen), 4), med(side, "ef", str(chosen), 5))
    print(f"{side:8s} build {b:7.1f} s   at ef={chosen:3d}: query p50 {res[side][2]:.3f} ms, recall@10 {res[side][3]:.3f}")
    for e in efs:
        print(f"           ef={e:3d}: p50 {med(side, 'ef', str(e), 4):.3f} ms  recall@10 {med(side, 'ef', str(e), 5):.3f}")
print(f"ratio lucene/hnswlib: build {res['lucene'][0] / res['hnswlib'][0]:.2f}, query p50 at recall@10 >= 0.95 {res['lucene'][2] / res['hnswlib'][2]:.2f}")
PY
