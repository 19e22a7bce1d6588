#!/usr/bin/env bash
# Write soak: eight readers (label search, term pages, image counts, prompt sets, SPARQL) alone for
# SECONDS/3, then beside four credentialed writers (SPARQL INSERT DATA of classes and images, GSP PUT
# and POST) for SECONDS, on a 100-image demo store. Fails on a 5xx, a closed index, a stale read
# (an acknowledged write not seen by the writer's next read) or a store that does not hold exactly
# the acknowledged writes; prints writes acknowledged and p50/p99 per kind in both phases.
#
#   bench/writesoak.sh [SECONDS=120]
#
# It is WriteSoakIT (server/src/test/java/org/dermkg/server/http/WriteSoakIT.java), which CI runs
# for 30 s; the report is written to server/target/writesoak-report.txt.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
seconds="${1:-120}"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "java: $(java -version 2>&1 | sed -n 1p)"
cd "$here"
mvn -B -ntp -q -pl server -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=WriteSoakIT -Dfailsafe.failIfNoSpecifiedTests=false -Dspotless.check.skip=true \
  -Dderm.writesoak.seconds="$seconds" >/dev/null || echo "the write soak failed (see above)"
cat server/target/writesoak-report.txt
