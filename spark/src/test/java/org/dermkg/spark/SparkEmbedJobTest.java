package org.dermkg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.vectors.VectorFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job in local[2] on the tiny TorchScript model and the preprocessing fixtures. */
class SparkEmbedJobTest {
  static final Path FIXTURES = Path.of("../embeddings/src/test/resources/fixtures");
  static final Path TINY = FIXTURES.resolve("tiny-clip");

  @TempDir static Path tmp;
  static Path images;
  static TreeSet<String> readable = new TreeSet<>();
  static SparkSession spark;

  @BeforeAll
  static void setUp() throws IOException {
    images = Files.createDirectories(tmp.resolve("images"));
    Files.createDirectories(images.resolve("sub dir/deeper"));
    try (Stream<Path> s = Files.list(FIXTURES.resolve("preprocess"))) {
      int i = 0;
      for (Path p : s.sorted().toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".crop.png") || !(name.endsWith(".png") || name.endsWith(".jpg"))) {
          continue;
        }
        // some in sub-folders: the walk is recursive and ids use '/'
        String rel =
            switch (i++ % 3) {
              case 0 -> name;
              case 1 -> "sub dir/" + name;
              default -> "sub dir/deeper/" + name;
            };
        Files.copy(p, images.resolve(rel));
        readable.add(rel);
      }
    }
    // the extensions in any case
    Files.copy(FIXTURES.resolve("preprocess/photo.jpg"), images.resolve("sub dir/UPPER.JPEG"));
    readable.add("sub dir/UPPER.JPEG");
    Files.writeString(images.resolve("x.jpg"), "not an image", StandardCharsets.UTF_8);
    Files.writeString(images.resolve("notes.txt"), "not read at all", StandardCharsets.UTF_8);
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("derm-spark-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterAll
  static void tearDown() {
    if (spark != null) {
      spark.stop();
    }
  }

  static EmbedOptions options(Path model, Path out, int batch, int partitions) {
    return new EmbedOptions(images, model, out, batch, partitions, Optional.empty(), false);
  }

  @Test
  void vectorsEqualClipModelsOwnEmbeddingsOneForOne() throws IOException {
    Path out = tmp.resolve("out-equal");
    EmbedJob.Report r = EmbedJob.run(spark, options(TINY, out, 3, 3));
    assertEquals(readable.size() + 1, r.total());
    assertEquals(readable.size(), r.embedded());
    VectorFile.Loaded got = VectorFile.read(out.resolve(EmbedJob.BASE));
    assertEquals(readable, new TreeSet<>(got.ids()));
    assertEquals(readable.size(), got.size(), "one vector per image, none twice");
    assertEquals(
        "struct<filename:string,model_id:string,vector:array<float>>",
        spark.read().parquet(out.resolve("vectors.parquet").toString()).schema().simpleString());
    Map<String, float[]> parquet = parquetVectors(out);
    assertEquals(readable, new TreeSet<>(parquet.keySet()));
    try (ClipModel model = ClipModel.load(TINY, false)) {
      for (int i = 0; i < got.size(); i++) {
        String id = got.ids().get(i);
        float[] expected =
            model
                .encodeImages(new float[][] {model.preprocessor().preprocess(images.resolve(id))})[
                0];
        assertClose(expected, got.get(i), id + " (vector file)");
        assertClose(expected, parquet.get(id), id + " (parquet)");
      }
    }
  }

  static Map<String, float[]> parquetVectors(Path out) {
    Map<String, float[]> m = new HashMap<>();
    List<Row> rows =
        spark.read().parquet(out.resolve("vectors.parquet").toString()).collectAsList();
    for (Row row : rows) {
      assertEquals("tiny-clip (random weights, tests only)", row.getAs("model_id"));
      List<Float> v = row.getList(row.fieldIndex("vector"));
      float[] f = new float[v.size()];
      for (int i = 0; i < f.length; i++) {
        f[i] = v.get(i);
      }
      float[] before = m.put(row.getAs("filename"), f);
      assertEquals(null, before, "filename twice in the Parquet output");
    }
    return m;
  }

  static void assertClose(float[] expected, float[] got, String what) {
    assertEquals(expected.length, got.length, what);
    for (int j = 0; j < expected.length; j++) {
      assertEquals(expected[j], got[j], 1e-5, what + " [" + j + "]");
    }
  }

  @Test
  void aRerunEmbedsNothingNewAndLoadsNoOtherModel() {
    Path out = tmp.resolve("out-rerun");
    EmbedJob.Report first = EmbedJob.run(spark, options(TINY, out, 4, 0));
    assertEquals(readable.size(), first.embedded());
    int loads = ModelHolder.loads();
    EmbedJob.Report second = EmbedJob.run(spark, options(TINY, out, 4, 0));
    assertEquals(0, second.embedded());
    assertEquals(readable.size(), second.alreadyDone());
    assertEquals(List.of("x.jpg"), second.skipped().stream().map(EmbedJob.Skip::filename).toList());
    assertEquals(readable.size(), VectorFile.readIds(out.resolve(EmbedJob.BASE)).size());
    assertEquals(readable.size(), parquetVectors(out).size());
    assertEquals(loads, ModelHolder.loads(), "the model is loaded once per JVM, not per task");
  }

  @Test
  void anUnreadableImageIsListedAndSkippedTheRestEmbedded() throws IOException {
    Path out = tmp.resolve("out-skip");
    EmbedJob.Report r = EmbedJob.run(spark, options(TINY, out, 2, 0));
    assertEquals(1, r.skipped().size());
    assertEquals("x.jpg", r.skipped().get(0).filename());
    assertTrue(r.skipped().get(0).reason().contains("x.jpg"), r.skipped().get(0).reason());
    assertEquals(readable.size(), r.embedded());
    List<String> tsv = Files.readAllLines(out.resolve("images.skipped.tsv"));
    assertEquals(1, tsv.size());
    assertTrue(tsv.get(0).startsWith("x.jpg\t"), tsv.get(0));
    assertEquals(readable, new TreeSet<>(VectorFile.readIds(out.resolve(EmbedJob.BASE))));
  }

  @Test
  void aConfigThatDoesNotMatchTheModelFailsWithConfigMismatch() throws IOException {
    Path bad = Files.createDirectories(tmp.resolve("bad-model"));
    try (Stream<Path> s = Files.list(TINY)) {
      for (Path p : s.toList()) {
        Files.copy(p, bad.resolve(p.getFileName()));
      }
    }
    Path config = bad.resolve("config.json");
    String json = Files.readString(config);
    assertTrue(json.contains("\"embed_dim\": 32"), json);
    Files.writeString(config, json.replace("\"embed_dim\": 32", "\"embed_dim\": 48"));
    EmbeddingsException e =
        assertThrows(
            EmbeddingsException.class,
            () -> EmbedJob.run(spark, options(bad, tmp.resolve("out-bad"), 4, 0)));
    assertEquals(EmbeddingsException.Code.CONFIG_MISMATCH, e.code());
    assertEquals("EMB-CONFIG-MISMATCH", e.code().spec().id());
  }

  @Test
  void anEmptyFolderEmbedsNothing() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    EmbedOptions o =
        new EmbedOptions(empty, TINY, tmp.resolve("out-empty"), 4, 0, Optional.empty(), false);
    EmbedJob.Report r = EmbedJob.run(spark, o);
    assertEquals(0, r.total());
    assertEquals(0, r.embedded());
    assertEquals(List.of(), VectorFile.readIds(tmp.resolve("out-empty").resolve(EmbedJob.BASE)));
  }

  @Test
  void aLocalTaskHasNoGpuResourceSoGpuMeansTheFirstGpu() {
    List<String> keys =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(List.of(true, false), 2)
            .map(gpu -> TaskDevice.key(TaskDevice.current(gpu)))
            .collect();
    assertEquals(List.of("cuda:0", "cpu"), keys);
  }

  @Test
  void optionsParse() {
    EmbedOptions o =
        EmbedOptions.parse(
            "--images", "a", "--model", "m", "--out", "o", "--batch", "8", "--master", "local[2]");
    assertEquals(8, o.batch());
    assertEquals(Optional.of("local[2]"), o.master());
    assertThrows(IllegalArgumentException.class, () -> EmbedOptions.parse("--images", "a"));
    assertThrows(
        IllegalArgumentException.class,
        () -> EmbedOptions.parse("--images", "a", "--model", "m", "--out", "o", "--batch", "x"));
  }
}
