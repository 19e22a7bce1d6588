#!/usr/bin/env bash
# Soak: the real server on loopback under CLIENTS concurrent clients for SECONDS, mixing SPARQL
# hierarchy queries, JSON API calls, kNN (image and text) and prompt sets over a 300-image demo
# store with tiny-model embeddings. Fails on any 5xx or connection error, or when retained heap,
# file descriptors or threads grow; prints p50/p99 per kind and the samples.
#
#   bench/soak.sh [SECONDS=180] [CLIENTS=16]
#
# It is SoakIT (server/src/test/java/org/dermkg/server/http/SoakIT.java), which CI runs for 45 s;
# the report is written to server/target/soak-report.txt.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
seconds="${1:-180}"
clients="${2:-16}"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "java: $(java -version 2>&1 | sed -n 1p)"
cd "$here"
mvn -B -ntp -q -pl server -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=SoakIT -Dfailsafe.failIfNoSpecifiedTests=false -Dspotless.check.skip=true \
  -Dderm.soak.seconds="$seconds" -Dderm.soak.clients="$clients" | grep -E '^(soak|  )' || true
cat server/target/soak-report.txt
