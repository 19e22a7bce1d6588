#!/usr/bin/env bash
# Reading vectors for derm embed --import at Derm1M scale: N x 512 float32 (default 403,563) as
# Parquet (snappy, written by DuckDB's C++ writer, the same bytes a pyarrow or Spark file holds
# in a plain-encoded float list) against a NumPy .npy of the same shape, read in the same JVM,
# RUNS times each (bench/ParquetReadBench.java). Needs DuckDB's JDBC jar to write the Parquet
# (fetched into the Maven repository on first use, 85 MB; not a project dependency) and numpy.
#
#   bench/parquet-read.sh [N=403563] [RUNS=3] [WORK=/tmp/derm-parquet-bench]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
n="${1:-403563}"; runs="${2:-3}"; work="${3:-/tmp/derm-parquet-bench}"
mkdir -p "$work"
duck="$HOME/.m2/repository/org/duckdb/duckdb_jdbc/1.5.5.1/duckdb_jdbc-1.5.5.1.jar"
[ -f "$duck" ] || (cd "$here" && ./mvnw -B -q dependency:get -Dartifact=org.duckdb:duckdb_jdbc:1.5.5.1 -Dtransitive=false)
(cd "$here" && ./mvnw -B -q -o -pl embeddings -am compile dependency:build-classpath \
  -Dmdep.outputFile="$work/cp.txt")
cp="$here/embeddings/target/classes:$here/errors/target/classes:$(cat "$work/cp.txt")"
if [ ! -f "$work/v$n.parquet" ]; then
  cat > "$work/Gen.java" <<'JAVA'
import java.sql.*;
public class Gen {
  public static void main(String[] a) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("SELECT setseed(0.7)");
      s.execute("COPY (SELECT 'img/' || i || '.jpg' AS filename,"
          + " list_transform(range(512), j -> (random() - 0.5)::FLOAT) AS vector"
          + " FROM range(" + a[1] + ") t(i)) TO '" + a[0] + "' (FORMAT parquet, COMPRESSION snappy)");
    }
  }
}
JAVA
  java --enable-native-access=ALL-UNNAMED -cp "$duck" "$work/Gen.java" "$work/v$n.parquet" "$n"
fi
if [ ! -f "$work/v$n.npy" ]; then
  python3 - "$work" "$n" <<'PY'
import sys, pathlib, numpy as np
work, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
v = np.random.default_rng(7).standard_normal((n, 512), dtype=np.float32)
np.save(work / f"v{n}.npy", v)
(work / f"v{n}.ids.txt").write_text("".join(f"img/{i}.jpg\n" for i in range(n)))
PY
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $n x 512:" \
  "Parquet $(du -m "$work/v$n.parquet" | cut -f1) MB, npy $(du -m "$work/v$n.npy" | cut -f1) MB"
java $DERM_VECTOR_FLAGS -Xmx6g -cp "$cp" "$here/bench/ParquetReadBench.java" \
  "$work/v$n.parquet" "$work/v$n.npy" "$work/v$n.ids.txt" "$runs" 2>/dev/null | tee "$work/runs.jsonl"
python3 - "$work/runs.jsonl" <<'PY'
import json, statistics, sys
r = [json.loads(l) for l in open(sys.argv[1])]
p = statistics.median(x["parquet_s"] for x in r); q = statistics.median(x["npy_s"] for x in r)
print(f"median: Parquet {p:.2f} s, npy {q:.2f} s (Parquet/npy {p / q:.2f})")
PY
