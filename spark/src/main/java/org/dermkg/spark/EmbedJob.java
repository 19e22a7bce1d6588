package org.dermkg.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.vectors.VectorFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds every JPEG and PNG under a folder (recursively, Spark's {@code binaryFile} source) with an
 * exported model directory, as {@code derm embed} does but on a Spark cluster: one model per
 * executor JVM (with {@code --gpu}, per GPU Spark gives the executor's tasks: {@link TaskDevice}),
 * {@code --batch} images per model call. Writes into {@code --out}:
 *
 * <ul>
 *   <li>{@code vectors.parquet/}: filename (relative to the input folder, '/' separators),
 *       model_id, vector (array&lt;float&gt;); each run appends its new rows
 *   <li>{@code images.f32} and {@code images.ids}: the project's vector file, appended on the
 *       driver; its ids decide what a re-run skips (resumable)
 *   <li>{@code images.skipped.tsv}: this run's unreadable images, filename and reason
 * </ul>
 *
 * The model directory must be readable at the same path on every executor.
 */
public final class EmbedJob {
  private static final Logger LOG = LoggerFactory.getLogger(EmbedJob.class);

  /** Files the binaryFile source reads: JPEG and PNG, any case. */
  static final String GLOB = "*.{[jJ][pP][gG],[jJ][pP][eE][gG],[pP][nN][gG]}";

  /** The vector file's base name in the output folder. */
  public static final String BASE = "images";

  private static final int APPEND_BATCH = 1024;

  /** An image that was not embedded, and why. */
  public record Skip(String filename, String reason) {}

  /** What a run did. */
  public record Report(
      long total, long alreadyDone, long embedded, List<Skip> skipped, double seconds) {
    public double imagesPerSecond() {
      return seconds > 0 ? embedded / seconds : 0;
    }
  }

  private EmbedJob() {}

  /** spark-submit's entry point (or java with Spark on the class path and --master). */
  public static void main(String[] args) {
    EmbedOptions options;
    try {
      options = EmbedOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    SparkSession.Builder builder = SparkSession.builder().appName("derm-spark-embed");
    options.master().ifPresent(builder::master);
    SparkSession spark = builder.getOrCreate();
    try {
      print(run(spark, options));
    } catch (EmbeddingsException e) {
      System.err.println(e.code().spec().id() + ": " + e.getMessage());
      spark.stop();
      System.exit(e.code().spec().exitCode());
    } finally {
      spark.stop();
    }
  }

  private static void print(Report r) {
    System.out.printf(
        java.util.Locale.ROOT,
        "%d images: %d embedded, %d already done, %d skipped; %.1f s, %.1f images/s%n",
        r.total(),
        r.embedded(),
        r.alreadyDone(),
        r.skipped().size(),
        r.seconds(),
        r.imagesPerSecond());
  }

  /**
   * Runs the job on a session.
   *
   * @throws EmbeddingsException CONFIG_MISMATCH (or another model code) when the model does not
   *     load, VECTORS_INVALID when the output's vector file cannot be used; a model failure on an
   *     executor is rethrown as the EmbeddingsException it was
   */
  public static Report run(SparkSession spark, EmbedOptions o) {
    // fails fast, on the driver, with the model's own error (in local mode the executors share it)
    ClipModel model = ModelHolder.get(o.model().toString(), TaskDevice.choose(o.gpu(), List.of()));
    Path base = o.out().resolve(BASE);
    Set<String> done = new HashSet<>(VectorFile.readIds(base));
    EmbedPartition.Counters counters = counters(spark);
    Path staging = o.out().resolve("spark-staging");
    try (Progress progress = new Progress(counters, 10)) {
      Dataset<Row> files = images(spark, o);
      long total = files.count();
      LOG.info(
          "{} images under {}, {} of them may be done already", total, o.images(), done.size());
      Broadcast<Set<String>> doneB =
          JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(done);
      EmbedPartition embed =
          new EmbedPartition(
              root(spark, o.images()), o.model().toString(), o.gpu(), o.batch(), doneB, counters);
      unwrapped(
          () ->
              files
                  .mapPartitions(embed, Encoders.bean(EmbeddedImage.class))
                  .write()
                  .mode(SaveMode.Overwrite)
                  .parquet(staging.toString()));
      doneB.unpersist();
      LOG.info("embedding pass done at {} s", fmt(progress.seconds()));
      // a copy: in local mode the broadcast value may be this very set
      long embedded =
          appendResults(spark, staging, o.out(), model.config().embedDim(), new HashSet<>(done));
      List<Skip> skipped = writeSkipped(spark, staging, o.out());
      LOG.info("Parquet and vector file appended at {} s", fmt(progress.seconds()));
      progress.log();
      deleteTree(staging);
      return new Report(
          total, total - embedded - skipped.size(), embedded, skipped, progress.seconds());
    }
  }

  private static String fmt(double seconds) {
    return String.format(java.util.Locale.ROOT, "%.1f", seconds);
  }

  private static EmbedPartition.Counters counters(SparkSession spark) {
    var sc = spark.sparkContext();
    return new EmbedPartition.Counters(
        sc.longAccumulator("derm.embedded"),
        sc.longAccumulator("derm.skipped"),
        sc.longAccumulator("derm.alreadyDone"));
  }

  /** The image files as (path, content) rows, in the partitions asked for. */
  static Dataset<Row> images(SparkSession spark, EmbedOptions o) {
    Dataset<Row> files =
        spark
            .read()
            .format("binaryFile")
            .option("recursiveFileLookup", "true")
            .option("pathGlobFilter", GLOB)
            .load(o.images().toAbsolutePath().toString())
            .select("path", "content");
    return o.partitions() > 0 ? files.repartition(o.partitions()) : files;
  }

  /** The input folder as the binaryFile source writes its paths, with a trailing '/'. */
  static String root(SparkSession spark, Path images) {
    try {
      var p = new org.apache.hadoop.fs.Path(images.toAbsolutePath().normalize().toString());
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      String q = fs.makeQualified(p).toString();
      return q.endsWith("/") ? q : q + "/";
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.BAD_ARGUMENT, "cannot open " + images + ": " + e.getMessage(), e);
    }
  }

  /**
   * Appends the staged vectors to the Parquet output and then, on the driver, to the vector file
   * (whose ids decide what the next run skips).
   */
  private static long appendResults(
      SparkSession spark, Path staging, Path out, int dim, Set<String> done) {
    Dataset<Row> ok =
        spark
            .read()
            .parquet(staging.toString())
            .where("reason IS NULL")
            .selectExpr("filename", "modelId AS model_id", "vector");
    ok.write().mode(SaveMode.Append).parquet(out.resolve("vectors.parquet").toString());
    long n = 0;
    try (VectorFile.Appender appender = VectorFile.openForAppend(out.resolve(BASE), dim)) {
      List<String> ids = new ArrayList<>();
      List<float[]> vectors = new ArrayList<>();
      Iterator<Row> rows = ok.select("filename", "vector").toLocalIterator();
      while (rows.hasNext()) {
        Row row = rows.next();
        if (done.add(row.getString(0))) {
          ids.add(row.getString(0));
          vectors.add(floats(row.getList(1)));
        }
        if (ids.size() == APPEND_BATCH || (!rows.hasNext() && !ids.isEmpty())) {
          appender.append(List.copyOf(ids), vectors.toArray(new float[0][]));
          n += ids.size();
          ids.clear();
          vectors.clear();
        }
      }
    }
    return n;
  }

  private static float[] floats(List<Float> list) {
    float[] v = new float[list.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = list.get(i);
    }
    return v;
  }

  /** Lists this run's unreadable images in {@code images.skipped.tsv} (filename, reason). */
  private static List<Skip> writeSkipped(SparkSession spark, Path staging, Path out) {
    List<Skip> skipped = new ArrayList<>();
    for (Row r :
        spark
            .read()
            .parquet(staging.toString())
            .where("reason IS NOT NULL")
            .select("filename", "reason")
            .orderBy("filename")
            .collectAsList()) {
      skipped.add(new Skip(r.getString(0), r.getString(1)));
    }
    StringBuilder tsv = new StringBuilder();
    skipped.forEach(s -> tsv.append(s.filename()).append('\t').append(s.reason()).append('\n'));
    Path file = out.resolve(BASE + ".skipped.tsv");
    try {
      Files.writeString(file, tsv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.VECTORS_INVALID, "cannot write " + file + ": " + e.getMessage(), e);
    }
    return List.copyOf(skipped);
  }

  /** Runs a Spark action; a task's EmbeddingsException comes back as itself. */
  private static void unwrapped(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof EmbeddingsException ee) {
          throw ee;
        }
      }
      throw e;
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", dir, e.getMessage());
    }
  }
}
