package org.dermkg.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.dermkg.embeddings.vectors.ParquetVectors;
import org.dermkg.embeddings.vectors.VectorFile;
import org.dermkg.embeddings.vectors.VectorImport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's Parquet output, appended over two runs (a folder of part files from each), is what
 * {@code derm embed --import} reads: the project's Hadoop-free reader gives the very vectors of the
 * job's vector file, id for id, with the job's model id accepted.
 */
class SparkParquetImportTest {
  static final Path FIXTURES = Path.of("../embeddings/src/test/resources/fixtures");

  @TempDir Path tmp;

  @Test
  void theJobsParquetReadsBackAsItsVectorFile() throws IOException {
    Path images = Files.createDirectories(tmp.resolve("images"));
    try (Stream<Path> s = Files.list(FIXTURES.resolve("preprocess"))) {
      s.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".png"))
          .limit(4)
          .forEach(p -> copy(p, images.resolve(p.getFileName())));
    }
    Path model = FIXTURES.resolve("tiny-clip");
    Path out = tmp.resolve("out");
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("derm-spark-parquet-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    try {
      EmbedJob.run(spark, new EmbedOptions(images, model, out, 2, 2, Optional.empty(), false));
      // a second run over more images appends a second set of part files
      try (Stream<Path> s = Files.list(FIXTURES.resolve("preprocess"))) {
        s.filter(p -> p.toString().endsWith(".png"))
            .forEach(p -> copy(p, images.resolve("more-" + p.getFileName())));
      }
      EmbedJob.run(spark, new EmbedOptions(images, model, out, 2, 2, Optional.empty(), false));
    } finally {
      spark.stop();
    }
    VectorFile.Loaded file = VectorFile.read(out.resolve(EmbedJob.BASE));
    Map<String, float[]> read = new HashMap<>();
    try (VectorImport.Source s =
        ParquetVectors.open(
            out.resolve("vectors.parquet"),
            ParquetVectors.Columns.DEFAULT,
            "tiny-clip (random weights, tests only)")) {
      assertEquals(file.dim(), s.dim());
      for (int i = 0; i < s.rows(); i++) {
        assertNull(s.rowProblem(i), s.id(i));
        float[] v = new float[s.dim()];
        s.vector(i, v);
        assertNull(read.put(s.id(i), v), "id twice: " + s.id(i));
      }
    }
    assertEquals(file.size(), read.size());
    for (int i = 0; i < file.size(); i++) {
      assertArrayEquals(file.get(i), read.get(file.ids().get(i)), 0f, file.ids().get(i));
    }
  }

  private static void copy(Path from, Path to) {
    try {
      Files.copy(from, to);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
