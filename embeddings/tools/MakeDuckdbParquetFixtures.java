import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Writes the DuckDB-written Parquet fixtures of the vector importer's tests
 * (embeddings/src/test/resources/fixtures/parquet/duckdb-*.parquet): a second, independent Parquet
 * writer (DuckDB's, in C++) beside Spark's parquet-java (MakeParquetFixtures.java). Same rows and
 * values: good row i (id img{i}.jpg) has component j = ((31 i + 7 j) mod 97 - 48) / 16. Needs
 * DuckDB's JDBC jar (not a project dependency: 85 MB; fetch it once with
 * {@code ./mvnw dependency:get -Dartifact=org.duckdb:duckdb_jdbc:1.5.5.1 -Dtransitive=false}):
 *
 * <pre>
 *   java -cp ~/.m2/repository/org/duckdb/duckdb_jdbc/1.5.5.1/duckdb_jdbc-1.5.5.1.jar \
 *     embeddings/tools/MakeDuckdbParquetFixtures.java
 * </pre>
 */
public class MakeDuckdbParquetFixtures {
  public static void main(String[] args) throws Exception {
    Path out = Path.of("embeddings/src/test/resources/fixtures/parquet").toAbsolutePath();
    Files.createDirectories(out);
    String rows =
        "SELECT 'img' || i || '.jpg' AS filename, 'tiny-clip' AS model_id,"
            + " list_transform(range(8), j -> ((((31 * i + 7 * j) % 97) - 48) / 16.0)::FLOAT) AS vector"
            + " FROM range(6) t(i) ORDER BY i";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("COPY (" + rows + ") TO '" + out.resolve("duckdb-zstd.parquet")
          + "' (FORMAT parquet, COMPRESSION zstd)");
      s.execute("COPY (" + rows + ") TO '" + out.resolve("duckdb-snappy-v2.parquet")
          + "' (FORMAT parquet, COMPRESSION snappy, PARQUET_VERSION v2)");
      s.execute("COPY (" + rows + ") TO '" + out.resolve("duckdb-uncompressed.parquet")
          + "' (FORMAT parquet, COMPRESSION uncompressed)");
      // the committed mini dataset's images (graph/src/test/resources/fixtures/derm1m-mini), 32
      // dimensions like the tiny test model, by file name; one of another model, one unknown image
      Path mini = Path.of("graph/src/test/resources/fixtures/derm1m-mini").toAbsolutePath();
      String images =
          "SELECT DISTINCT filename FROM read_csv(['" + mini.resolve("Derm1M_v2_pretrain.csv") + "', '"
              + mini.resolve("Derm1M_v2_validation.csv") + "'], header = true, all_varchar = true)";
      s.execute("COPY (SELECT filename, CASE WHEN n = 5 THEN 'another-model' ELSE"
          + " 'tiny-clip (random weights, tests only)' END AS model_id,"
          + " list_transform(range(32), j -> sin(n * 7 + j)::FLOAT) AS vector FROM"
          + " (SELECT filename, row_number() OVER (ORDER BY filename) AS n FROM (" + images + ")"
          + "  UNION ALL SELECT 'not/in/the/store.jpg', 1000) ORDER BY n) TO '"
          + out.resolve("mini-store.parquet") + "' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 16)");
    }
  }
}
