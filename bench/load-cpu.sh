#!/usr/bin/env bash
# Where a Derm1M-scale load's CPU goes, per start-up cache: CPU seconds of Jena's loader threads,
# of the whole process, and wall time, for
#   derm        ./derm load as a user runs it (the start-up cache trained on a small load)
#   prompts-aot ./derm load mapping the cache trained on `derm prompts` (what ./derm did before)
#   no-aot      ./derm load with DERM_AOT=0
#   tdbloader   tdb2.tdbloader --loader=parallel on the equivalent N-Quads (-XX:+UseParallelGC)
# ROUNDS rounds, the variants in a rotating order; prints each run and the medians.
#
#   bench/load-cpu.sh [ROUNDS=3] [WORK=/tmp/derm-bench]   (run bench/load.sh first: it makes the
#                                                         dataset, the N-Quads and Jena's tools)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
rounds="${1:-3}"
work="${2:-/tmp/derm-bench}"
lib="$(ls -d "$work"/jena-lib-* | tail -1)"
[ -f "$work/equivalent.nq" ] && [ -d "$work/dataset" ] || {
  echo "run bench/load.sh first (no $work/dataset or $work/equivalent.nq)" >&2
  exit 2
}
# both caches trained before timing (./derm trains each once per build, on first use)
"$here/derm" prompts --set HAM10000 >/dev/null 2>&1
"$here/derm" load --help >/dev/null 2>&1
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); java: $(java -version 2>&1 | sed -n 1p)"
variants=(derm prompts-aot no-aot tdbloader)
out="$(mktemp)"
trap 'rm -f "$out"; rm -rf "$work/store" "$work/tdb"' EXIT
run() {
  local v="$1" t cmd
  rm -rf "$work/store" "$work/tdb"
  case "$v" in
    derm) cmd=(env "$here/derm") ;;
    prompts-aot) cmd=(env DERM_JAVA_OPTS="-XX:AOTCache=$here/server/target/derm.aot" "$here/derm") ;;
    no-aot) cmd=(env DERM_AOT=0 "$here/derm") ;;
  esac
  t=$(date +%s%N)
  if [ "$v" = tdbloader ]; then
    python3 "$here/bench/threadcpu.py" java -XX:+UseParallelGC -cp "$lib/*" tdb2.tdbloader \
      --loader=parallel --loc "$work/tdb" "$work/equivalent.nq" >"$out"
  else
    python3 "$here/bench/threadcpu.py" "${cmd[@]}" load --data "$work/dataset" --store "$work/store" \
      --report "$work/report" --no-validate >"$out"
  fi
  local wall=$(( ($(date +%s%N) - t) / 1000000 ))
  local total jena
  total=$(sed -n 's/^total cpu \([0-9.]*\) s/\1/p' "$out")
  jena=$(awk '/ Thread-#$/ {print $1}' "$out")
  echo "$v $wall $total ${jena:-0}"
}
results=()
for i in $(seq 1 "$rounds"); do
  for j in 0 1 2 3; do
    v="${variants[$(( (i + j) % 4 ))]}"
    r="$(run "$v")"
    results+=("$r")
    read -r _ w c t <<<"$r"
    echo "round $i: $v wall $((w / 1000)).$(( (w % 1000) / 100 )) s, cpu $c s, Jena's loader threads $t s"
  done
done
printf '%s\n' "${results[@]}" | python3 -c '
import sys, statistics, collections
r = collections.defaultdict(list)
for line in sys.stdin:
    v, w, c, t = line.split(); r[v].append((int(w) / 1000, float(c), float(t)))
for v in ("derm", "prompts-aot", "no-aot", "tdbloader"):
    w, c, t = (statistics.median(x[k] for x in r[v]) for k in range(3))
    print(f"median {v:12s} wall {w:6.1f} s  cpu {c:6.1f} s  Jena loader threads {t:5.1f} s")
'
