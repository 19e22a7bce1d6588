#!/usr/bin/env bash
# Benchmark of the whole validation build of the shipped ontology, as a user runs it:
# `./derm validate` in a fresh JVM each time (start-up, compile tables, HermiT consistency,
# ELK classification, structural checks, 23 SPARQL rules, OWL 2 DL profile, mapping checks).
# Prints the machine, each run, and the median / min / max wall time plus the median of the
# in-process stage times taken from the JSON report.  Usage: bench/validate.sh [RUNS=7]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
runs="${1:-7}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$here/derm" --version >/dev/null   # builds once if needed, outside the timed runs

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "java: $(java -version 2>&1 | sed -n 1p)"
walls=(); inproc=()
for i in $(seq 1 "$runs"); do
  t0=$(date +%s%N)
  "$here/derm" validate --out "$out/r$i" >/dev/null
  t1=$(date +%s%N)
  wall=$(( (t1 - t0) / 1000000 ))
  total=$(python3 -c "import json,sys; print(sum(json.load(open(sys.argv[1]))['stageMillis'].values()))" "$out/r$i/validation-report.json")
  walls+=("$wall"); inproc+=("$total")
  echo "run $i: wall ${wall} ms, in-process ${total} ms"
done
python3 - "$out" "${walls[*]}" "${inproc[*]}" <<'PY'
import json, statistics, sys, glob
out, walls, inproc = sys.argv[1], list(map(int, sys.argv[2].split())), list(map(int, sys.argv[3].split()))
stages = {}
for f in sorted(glob.glob(out + "/r*/validation-report.json")):
    for k, v in json.load(open(f))["stageMillis"].items():
        stages.setdefault(k, []).append(v)
print(f"wall ms: median {statistics.median(walls):.0f}, min {min(walls)}, max {max(walls)} over {len(walls)} runs")
print(f"in-process ms: median {statistics.median(inproc):.0f}")
print("median ms by stage: " + ", ".join(f"{k} {statistics.median(v):.0f}" for k, v in stages.items()))
PY
