import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes the Spark-written Parquet fixtures of the vector importer's tests
 * (embeddings/src/test/resources/fixtures/parquet/) with Spark 4.2's own writer (parquet-java), so
 * the project's Hadoop-free reader is tested against what Spark really writes: snappy with v1 pages
 * and dictionaries as a folder of part files, zstd with v2 pages, gzip without dictionaries and with
 * doubles. Good row i (id img{i}.jpg) has component j = ((31 i + 7 j) mod 97 - 48) / 16, exact in
 * float. Deterministic content (Parquet metadata carries the writer's version). Run with the spark
 * module's test class path (bench/spark-embed.sh shows how to get it):
 *
 * <pre>
 *   java $(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' spark/pom.xml) \
 *     -cp "$(cat /tmp/cp.txt)" embeddings/tools/MakeParquetFixtures.java
 * </pre>
 */
public class MakeParquetFixtures {
  static final int GOOD = 6;
  static final int DIM = 8;

  public static void main(String[] args) throws IOException {
    Path out = Path.of("embeddings/src/test/resources/fixtures/parquet").toAbsolutePath();
    Files.createDirectories(out);
    SparkSession spark =
        SparkSession.builder().master("local[1]").appName("parquet-fixtures")
            .config("spark.ui.enabled", "false").getOrCreate();
    try {
      Path tmp = Files.createTempDirectory("parquet-fixtures");
      // 1. what EmbedJob writes: a folder of part files (snappy, v1 pages, dictionaries)
      Dataset<Row> good = frame(spark, goodRows(), DataTypes.FloatType, "filename", "vector");
      Path parts = out.resolve("spark-snappy");
      delete(parts);
      good.repartition(2).sortWithinPartitions("filename").write()
          .option("compression", "snappy").parquet(parts.toString());
      // 2. v2 pages, zstd, with the rows the importer refuses
      List<Row> rows = goodRows();
      rows.addAll(badRows());
      single(frame(spark, rows, DataTypes.FloatType, "filename", "vector").coalesce(1).write()
          .option("compression", "zstd").option("parquet.writer.version", "v2"),
          tmp.resolve("v2"), out.resolve("spark-v2-zstd.parquet"));
      // 3. doubles, other column names, gzip, no dictionary
      single(frame(spark, goodRows(), DataTypes.DoubleType, "id", "embedding").coalesce(1).write()
          .option("compression", "gzip").option("parquet.enable.dictionary", "false"),
          tmp.resolve("gzip"), out.resolve("spark-gzip-double.parquet"));
      delete(tmp);
    } finally {
      spark.stop();
    }
  }

  static float component(int i, int j) {
    return (((31 * i + 7 * j) % 97) - 48) / 16f;
  }

  static List<Row> goodRows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < GOOD; i++) {
      List<Float> v = new ArrayList<>();
      for (int j = 0; j < DIM; j++) {
        v.add(component(i, j));
      }
      rows.add(RowFactory.create("img" + i + ".jpg", "tiny-clip", v));
    }
    return rows;
  }

  /** One row per reason the importer refuses a row (ids name the reason). */
  static List<Row> badRows() {
    List<Float> ragged = new ArrayList<>(List.of(1f, 2f, 3f));
    List<Float> nullComponent = new ArrayList<>(Arrays.asList(1f, 2f, 3f, 4f, null, 6f, 7f, 8f));
    List<Float> nan = new ArrayList<>(List.of(1f, 2f, 3f, 4f, Float.NaN, 6f, 7f, 8f));
    List<Float> zero = new ArrayList<>(List.of(0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f));
    List<Float> fine = new ArrayList<>(List.of(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f));
    return new ArrayList<>(List.of(
        RowFactory.create("null-vector.jpg", "tiny-clip", null),
        RowFactory.create("empty-vector.jpg", "tiny-clip", List.of()),
        RowFactory.create("ragged.jpg", "tiny-clip", ragged),
        RowFactory.create("null-component.jpg", "tiny-clip", nullComponent),
        RowFactory.create(null, "tiny-clip", fine),
        RowFactory.create("nan.jpg", "tiny-clip", nan),
        RowFactory.create("zero.jpg", "tiny-clip", zero),
        RowFactory.create("other-model.jpg", "another-model", fine)));
  }

  static Dataset<Row> frame(SparkSession spark, List<Row> rows, DataType component, String id, String vector) {
    List<Row> typed = rows;
    if (component == DataTypes.DoubleType) {
      typed = rows.stream().map(r -> RowFactory.create(r.get(0), r.get(1),
          ((List<?>) r.get(2)).stream().map(x -> ((Float) x).doubleValue()).toList())).toList();
    }
    StructType schema = new StructType()
        .add(id, DataTypes.StringType, true)
        .add("model_id", DataTypes.StringType, true)
        .add(vector, DataTypes.createArrayType(component, true), true);
    return spark.createDataFrame(typed, schema);
  }

  /** Writes one partition and keeps its single part file under the name given. */
  static void single(org.apache.spark.sql.DataFrameWriter<Row> w, Path dir, Path to) throws IOException {
    w.parquet(dir.toString());
    try (Stream<Path> s = Files.list(dir)) {
      Path part = s.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.copy(part, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void delete(Path p) throws IOException {
    if (Files.exists(p)) {
      try (Stream<Path> s = Files.walk(p)) {
        for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
  }
}
