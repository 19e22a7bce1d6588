#!/usr/bin/env bash
# Where a load's CPU goes: one `derm load` (bulk, no SHACL) of a dataset under Java Flight Recorder,
# then the share of execution samples per thread kind (the parse thread, Jena's loader threads,
# the writer, the rest) and the parse thread's busiest project methods.
#
#   bench/load-profile.sh [DATA=/tmp/derm-bench/dataset] [WORK=/tmp/derm-profile]
# (bench/load.sh makes the Derm1M-scale dataset in /tmp/derm-bench/dataset.)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
data="${1:-/tmp/derm-bench/dataset}"
work="${2:-/tmp/derm-profile}"
rm -rf "$work"; mkdir -p "$work"
DERM_JAVA_OPTS="-XX:StartFlightRecording=filename=$work/load.jfr,settings=profile" \
  "$here/derm" load --data "$data" --store "$work/store" --report "$work/report" --no-validate \
  2>&1 | grep -E '^time ' || true
jfr print --stack-depth 64 --events jdk.ExecutionSample "$work/load.jfr" > "$work/samples.txt"
python3 - "$work/samples.txt" <<'PY'
import collections, re, sys
events = open(sys.argv[1]).read().split("jdk.ExecutionSample")[1:]
kinds, parse = collections.Counter(), collections.Counter()
for e in events:
    m = re.search(r'sampledThread = "([^"]+)"', e)
    t = m.group(1) if m else "?"
    kind = ("parse thread" if t == "derm-load-parser" else "writer (derm-guarded-write)"
            if t == "derm-guarded-write" else "Jena loader threads" if re.fullmatch(r"Thread-\d+", t)
            else "other")
    kinds[kind] += 1
    if kind == "parse thread":
        for f in set(re.findall(r"^\s+(org\.dermkg[\w$.<>]+)\(", e, re.M)):
            parse[f] += 1
print(f"{len(events)} samples")
for k, v in kinds.most_common():
    print(f"  {100 * v / len(events):5.1f}%  {k}")
print("parse thread, busiest project methods (share of all samples, inclusive):")
for k, v in parse.most_common(8):
    print(f"  {100 * v / len(events):5.1f}%  {k}")
PY
rm -rf "$work/store"
