#!/usr/bin/env bash
# Load benchmark at Derm1M scale, against Jena's own bulk loader on the same data, in one run.
#
#   bench/load.sh [IMAGES=403563] [RUNS=3] [WORK=/tmp/derm-bench]
#   NO_IMAGES=1 bench/load.sh ...   like for like: derm load --no-images (no image headers read,
#                                   403,563 fewer small files opened), equivalent N-Quads to match
#
# 1. derm generate-demo --images IMAGES (once; kept in WORK/dataset)
# 2. derm load --emit-nquads: the exact quads a load writes, as N-Quads (WORK/equivalent.nq)
# 3. RUNS times, alternating (derm first in odd rounds, last in even ones), each into an empty
#    directory, wall time of the whole command:
#      derm load (bulk into a new store, no SHACL)           - as ./derm runs it (ParallelGC)
#      tdb2.tdbloader (default: phased loader) equivalent.nq - with -XX:+UseParallelGC, as derm
#      tdb2.tdbloader --loader=parallel equivalent.nq        - the same, with Jena's parallel loader
#                                                              (the one derm's bulk load uses)
# Prints each run, the medians, the rate ratio derm/tdbloader (same quads, so time ratio), each
# round's own ratio (and their median) and the store size. Needs about 3x the dataset size of free
# disk (~12 GB at full scale).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
images="${1:-403563}"
runs="${2:-3}"
work="${3:-/tmp/derm-bench}"
mkdir -p "$work"
"$here/derm" --version >/dev/null
extra=()
[ "${NO_IMAGES:-0}" = 1 ] && extra=(--no-images)

# Jena's command-line tools at the version bench/jena/pom.xml names (the project's)
jena_version="$(sed -n '/<artifactId>jena-cmds<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p}' "$here/bench/jena/pom.xml")"
lib="$work/jena-lib-$jena_version"
if [ ! -d "$lib" ]; then
  mvn -B -q -ntp -f "$here/bench/jena/pom.xml" dependency:copy-dependencies -DoutputDirectory="$lib" >/dev/null
fi
if [ ! -f "$work/dataset/Derm1M_v2_pretrain.csv" ] || [ "$(cat "$work/dataset/.images" 2>/dev/null)" != "$images" ]; then
  rm -rf "$work/dataset"
  "$here/derm" generate-demo --images "$images" --out "$work/dataset" >/dev/null 2>&1
  echo "$images" > "$work/dataset/.images"
fi
"$here/derm" load --data "$work/dataset" --emit-nquads "$work/equivalent.nq" --report "$work/export" ${extra[@]+"${extra[@]}"} >/dev/null 2>&1
quads=$(wc -l < "$work/equivalent.nq")

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "java: $(java -version 2>&1 | sed -n 1p)"
rows=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['rowsRead'])" "$work/export/load-report.json")
echo "dataset: $images images, $rows CSV rows, $quads quads${extra[*]+ (derm load ${extra[*]})}"

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
derm=(); jena=(); jenapar=()
gc=-XX:+UseParallelGC
run_derm() {
  rm -rf "$work/store"; local t; t=$(date +%s%N)
  "$here/derm" load --data "$work/dataset" --store "$work/store" --report "$work/report" --no-validate ${extra[@]+"${extra[@]}"} >/dev/null 2>&1
  d=$(ms "$t"); derm+=("$d")
  size=$(du -sk "$work/store" | cut -f1); rm -rf "$work/store"
}
run_jena() {
  local t; t=$(date +%s%N)
  java $gc -cp "$lib/*" tdb2.tdbloader --loc "$work/tdb" "$work/equivalent.nq" >/dev/null 2>&1
  j=$(ms "$t"); jena+=("$j"); rm -rf "$work/tdb"
  t=$(date +%s%N)
  java $gc -cp "$lib/*" tdb2.tdbloader --loader=parallel --loc "$work/tdb" "$work/equivalent.nq" >/dev/null 2>&1
  jp=$(ms "$t"); jenapar+=("$jp"); rm -rf "$work/tdb"
}
for i in $(seq 1 "$runs"); do
  # odd rounds start with derm load, even rounds end with it (no loader always runs first)
  if [ $((i % 2)) = 1 ]; then run_derm; run_jena; else run_jena; run_derm; fi
  echo "run $i: derm load $d ms; tdb2.tdbloader $j ms; tdb2.tdbloader --loader=parallel $jp ms; derm store $((size / 1024)) MiB"
done
python3 - "${derm[*]}" "${jena[*]}" "${jenapar[*]}" "$quads" <<'PY'
import statistics, sys
d, j, jp = (list(map(int, a.split())) for a in sys.argv[1:4]); q = int(sys.argv[4])
md, mj, mjp = statistics.median(d), statistics.median(j), statistics.median(jp)
print(f"median: derm load {md/1000:.1f} s ({q/md*1000:,.0f} quads/s); tdb2.tdbloader {mj/1000:.1f} s; tdb2.tdbloader --loader=parallel {mjp/1000:.1f} s (all with ParallelGC)")
print(f"rate ratio derm / tdb2.tdbloader: {mj/md:.2f} (its default loader), {mjp/md:.2f} (its parallel loader)")
# the machine's speed drifts between rounds more than the loaders differ: each round's own ratio too
pj = sorted(b / a for a, b in zip(d, j)); pp = sorted(b / a for a, b in zip(d, jp))
print(f"per-round ratios: {', '.join(f'{x:.2f}' for x in pj)} (default loader, median {statistics.median(pj):.2f}); "
      f"{', '.join(f'{x:.2f}' for x in pp)} (parallel loader, median {statistics.median(pp):.2f})")
PY
