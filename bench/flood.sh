#!/usr/bin/env bash
# Flood: 32 concurrent runaway SPARQL queries (a three-way cross product only the timeout ends)
# against a 50-image demo store, from one loopback address and from eight, while another address
# asks for a term page, health and a small ASK; then the same flood against plain Fuseki 5.6 over
# the same store (no admission control; light requests: /$/ping and the ASK), the peer measured in
# the same run. Prints light-request p50/p95/max per kind, refusal latencies and outcome counts,
# RUNS times; then the medians.
#
#   bench/flood.sh [SECONDS=30] [RUNS=3]
#
# It is FloodIT (server/src/test/java/org/dermkg/server/http/FloodIT.java), which CI runs for 15 s
# without the plain-Fuseki peer; reports are appended to server/target/flood-report.txt.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
seconds="${1:-30}"
runs="${2:-3}"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "java: $(java -version 2>&1 | sed -n 1p)"
cd "$here"
rm -f server/target/flood-report.txt
for r in $(seq 1 "$runs"); do
  mvn -B -ntp -q -pl server -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=FloodIT -Dfailsafe.failIfNoSpecifiedTests=false -Dspotless.check.skip=true \
    -Dderm.flood.seconds="$seconds" -Dderm.flood.baseline=true -Dderm.flood.timed=true >/dev/null || echo "run $r failed"
done
cat server/target/flood-report.txt
echo "medians over $runs runs (light requests, all kinds):"
awk '/^flood:/ {scenario=$0; sub(/, [0-9]+ s,.*/, "", scenario)}
     /^  all / {print scenario "|" $3 "|" $6}' server/target/flood-report.txt \
  | sort -t'|' -k1,1 | awk -F'|' '
    function med(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t } return a[int((n + 1) / 2)] }
    $1 != last && last != "" { printf "  %-60s p50 %7.1f ms  p95 %7.1f ms\n", last, med(p50, n), med(p95, n); n = 0 }
    { last = $1; n++; p50[n] = $2; p95[n] = $3 }
    END { if (n) printf "  %-60s p50 %7.1f ms  p95 %7.1f ms\n", last, med(p50, n), med(p95, n) }'
