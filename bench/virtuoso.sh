#!/usr/bin/env bash
# derm serve against OpenLink Virtuoso (issue #22), side by side on the same N-Quads and the same
# query texts: the 20,000-image demo dataset loaded by `derm load` and written by `derm backup`;
# Virtuoso bulk-loads that file, `derm restore` restores it (both timed, RUNS times); then both
# servers run bench/VirtuosoBench.java's four queries (descendants, a page of 100 images under a
# class, COUNT DISTINCT under a class, images per diagnosis label): answers compared first, then
# cold (a different class per request, derm's result cache bypassed) and warm figures, one client
# and CLIENTS clients, ROUNDS alternating rounds, and the resident set size of both processes.
#
#   bench/virtuoso.sh [SECONDS=10] [ROUNDS=3] [CLIENTS=8] [RUNS=3] [WORK=/tmp/derm-virt]
#   BENCH_OPTS=-Donly=3 bench/virtuoso.sh ...   (only the listed query shapes, 0-3)
#
# Installs nothing: Virtuoso is used when `virtuoso-t` and `isql-vt` are on the PATH (Debian:
# apt-get install virtuoso-opensource); without them only derm serve is measured. Virtuoso runs
# with the Debian package's default settings, in a database of its own under WORK. derm serve runs
# as `./derm serve` with its defaults (heap included) except the per-client admission limits,
# raised so that CLIENTS clients on one loopback address are not refused.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
seconds="${1:-10}"
rounds="${2:-3}"
clients="${3:-8}"
runs="${4:-3}"
work="${5:-/tmp/derm-virt}"
mkdir -p "$work"
derm="$here/derm"
"$derm" --version >/dev/null
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "java: $(java -version 2>&1 | sed -n 1p)"

if [ ! -f "$work/store.nq.gz" ]; then
  rm -rf "$work/store"
  [ -f "$work/dataset/Derm1M_v2_pretrain.csv" ] || "$derm" generate-demo --images 20000 --out "$work/dataset" >/dev/null 2>&1
  "$derm" load --data "$work/dataset" --store "$work/store" --report "$work/report" --no-validate >/dev/null 2>&1
  "$derm" backup --store "$work/store" --out "$work/store.nq.gz" >/dev/null 2>&1
fi
quads=$(zcat "$work/store.nq.gz" | wc -l)
echo "data: $work/store.nq.gz, $quads quads"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

seconds_of() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

virt_url=-; virt_pid=0
if command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null; then
  vdir="$work/virtuoso"
  vport=1112; vhttp=8891
  start_virtuoso() {
    rm -rf "$vdir"; mkdir -p "$vdir"
    cat > "$vdir/virtuoso.ini" <<EOF
[Database]
DatabaseFile = $vdir/virtuoso.db
ErrorLogFile = $vdir/virtuoso.log
LockFile = $vdir/virtuoso.lck
TransactionFile = $vdir/virtuoso.trx
xa_persistent_file = $vdir/virtuoso.pxa
[TempDatabase]
DatabaseFile = $vdir/virtuoso-temp.db
TransactionFile = $vdir/virtuoso-temp.trx
[Parameters]
ServerPort = $vport
DisableUnixSocket = 1
DirsAllowed = ., $work
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxClientConnections = 10
ThreadsPerQuery = 4
[HTTPServer]
ServerPort = $vhttp
ServerRoot = $vdir
ServerThreads = 10
MaxClientConnections = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
EOF
    (cd "$vdir" && exec virtuoso-t +configfile "$vdir/virtuoso.ini" +foreground >"$vdir/stdout.log" 2>&1) &
    virt_pid=$!
    for _ in $(seq 1 120); do isql-vt "$vport" dba dba exec="status();" >/dev/null 2>&1 && return 0; sleep 0.5; done
    echo "Virtuoso did not start: $vdir/virtuoso.log"; exit 1
  }
  vload=()
  for r in $(seq 1 "$runs"); do
    start_virtuoso
    s=$(seconds_of isql-vt "$vport" dba dba exec="ld_dir('$work', 'store.nq.gz', 'https://w3id.org/dermkg/graph/unnamed'); rdf_loader_run(); checkpoint;")
    vload+=("$s")
    n=$(isql-vt "$vport" dba dba exec="SPARQL SELECT COUNT(*) WHERE { GRAPH ?g { ?s ?p ?o } };" | grep -E '^[0-9]+' | head -1)
    echo "virtuoso bulk load (ld_dir + rdf_loader_run + checkpoint) run $r: ${s}s, $n quads"
    [ "$r" = "$runs" ] || { kill "$virt_pid"; wait "$virt_pid" 2>/dev/null || true; }
  done
  pids+=("$virt_pid")
  virt_url="http://127.0.0.1:$vhttp"
else
  echo "virtuoso-t / isql-vt not found: measuring derm serve alone (apt-get install virtuoso-opensource)"
fi

rload=()
for r in $(seq 1 "$runs"); do
  rm -rf "$work/restore-store"
  s=$(seconds_of "$derm" restore --store "$work/restore-store" "$work/store.nq.gz")
  rload+=("$s")
  echo "derm restore run $r: ${s}s (whole command: JVM start, checksum, load, check)"
done
rm -rf "$work/restore-store"
rmed=$(printf '%s\n' "${rload[@]}" | median)
if [ "$virt_url" != - ]; then
  vmed=$(printf '%s\n' "${vload[@]}" | median)
  echo "restore median ${rmed}s, virtuoso bulk load median ${vmed}s: ratio $(echo "scale=2; $rmed / $vmed" | bc)"
else
  echo "restore median ${rmed}s"
fi

port=3391
DERM_SPARQL_CLIENT_PARALLEL=$((clients + 2)) DERM_SPARQL_CLIENT_BUDGET_SECONDS=0 \
DERM_SPARQL_MAX_PARALLEL=$((clients + 2)) DERM_PORT=$port \
  "$derm" serve --store "$work/store" --no-load >"$work/serve.log" 2>&1 &
derm_pid=$!
pids+=("$derm_pid")
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/api/health" >/dev/null || { echo "derm serve did not start: $work/serve.log"; exit 1; }
echo "derm serve: pid $derm_pid, RSS at start $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' /proc/$derm_pid/status)"

java ${BENCH_OPTS:-} -cp "$here/server/target/derm-server.jar:$here/server/target/lib/*" \
  "$here/bench/VirtuosoBench.java" "http://127.0.0.1:$port" "$derm_pid" "$virt_url" "$virt_pid" \
  "$seconds" "$rounds" "$clients"
