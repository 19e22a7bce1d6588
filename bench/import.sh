#!/usr/bin/env bash
# Importing vectors computed elsewhere at Derm1M scale: N x 512 float32 synthetic vectors (unit
# length, NumPy) for every image of a loaded store, `derm embed --import` end to end (read, check,
# append, link in the graph), RUNS times into a fresh vector folder under a new model name (so every
# run links all its rows), wall time of the command.
#
#   bench/import.sh [RUNS=3] [WORK=/tmp/derm-bench]
# Uses WORK/dataset and loads it into WORK/import-store once (bench/load.sh makes the dataset).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
runs="${1:-3}"
work="${2:-/tmp/derm-bench}"
[ -f "$work/dataset/Derm1M_v2_pretrain.csv" ] || { echo "no dataset in $work/dataset: run bench/load.sh first" >&2; exit 2; }
store="$work/import-store"
if [ ! -f "$store/current" ]; then
  "$here/derm" load --data "$work/dataset" --store "$store" --report "$work/import-report" --no-validate --no-images >/dev/null 2>&1
fi
python3 - "$work" <<'PY'
import csv, sys, pathlib, numpy as np
work = pathlib.Path(sys.argv[1]); names = []; seen = set()
for f in ["Derm1M_v2_pretrain.csv", "Derm1M_v2_validation.csv"]:
    with open(work / "dataset" / f, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            n = row["filename"]
            if n not in seen:
                seen.add(n); names.append(n)
rng = np.random.default_rng(7)
v = rng.standard_normal((len(names), 512), dtype=np.float32)
v /= np.linalg.norm(v, axis=1, keepdims=True)
np.save(work / "import-vectors.npy", v)
(work / "import-ids.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
print(f"vectors: {len(names)} x 512 float32, {v.nbytes / 2**20:.0f} MiB")
PY
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
times=()
for i in $(seq 1 "$runs"); do
  rm -rf "$work/import-emb"
  t=$(date +%s%N)
  "$here/derm" embed --import "$work/import-vectors.npy" --ids "$work/import-ids.txt" --store "$store" \
    --dim 512 --model-id synthetic --slug "bench-import-$i-$$" --out "$work/import-emb" 2>/dev/null | tail -1
  ms=$(( ($(date +%s%N) - t) / 1000000 )); times+=("$ms")
  echo "run $i: $ms ms"
done
python3 -c "import statistics,sys; t=list(map(int,sys.argv[1:])); print(f'median {statistics.median(t)/1000:.1f} s end to end')" "${times[@]}"
# the last import again: every row is already there and already linked
t=$(date +%s%N)
"$here/derm" embed --import "$work/import-vectors.npy" --ids "$work/import-ids.txt" --store "$store" \
  --dim 512 --model-id synthetic --slug "bench-import-$runs-$$" --out "$work/import-emb" 2>/dev/null | tail -1
echo "re-run of the last import (nothing to do): $(( ($(date +%s%N) - t) / 1000000 )) ms"
