package org.dermkg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.vectors.VectorFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar as a cluster gets it. Each test starts a child JVM whose class path holds Spark's own
 * jars only (the provided scope and the jars a Spark 4.2.0 distribution ships that DJL needs too,
 * listed by spark/pom.xml's dependency executions: no derm module, no DJL jar) and, depending on
 * the test, the job jar and the libtorch native jar. It embeds the preprocessing fixtures with the
 * tiny model in local[2], with a fresh DJL cache as on a new executor; a class or resource missing
 * from the job jar fails it.
 */
class SparkJobJarIT {
  static final Path TINY = SparkEmbedJobTest.TINY;
  static final Path PREPROCESS = SparkEmbedJobTest.FIXTURES.resolve("preprocess");

  @TempDir static Path tmp;
  static Path images;
  static TreeSet<String> readable;
  static Path jobJar;
  static Path libtorch;
  static List<String> spark;

  @BeforeAll
  static void setUp() throws IOException {
    jobJar = Path.of(System.getProperty("derm.jobJar"));
    assertTrue(Files.isRegularFile(jobJar), jobJar + " (mvn package makes it)");
    List<String> native1 = entries(Path.of(System.getProperty("derm.libtorchClasspath")));
    assertEquals(1, native1.size(), native1.toString());
    libtorch = Path.of(native1.get(0));
    assertTrue(libtorch.getFileName().toString().startsWith("pytorch-native-"), native1.get(0));
    Path dir = Path.of(System.getProperty("derm.sparkClasspaths"));
    spark = new ArrayList<>(entries(dir.resolve("spark.classpath")));
    spark.addAll(entries(dir.resolve("spark-shared.classpath")));
    for (String entry : spark) {
      String name = Path.of(entry).getFileName().toString();
      boolean ours = name.startsWith("derm-") || entry.contains("/ai/djl/") || name.contains("jna");
      assertFalse(ours, "on Spark's class path: " + entry);
      assertTrue(name.endsWith(".jar"), "not a jar: " + entry);
    }
    images = tmp.resolve("images");
    readable = images(images);
  }

  static List<String> entries(Path classpathFile) throws IOException {
    String line = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
    assertFalse(line.isEmpty(), classpathFile + " is empty");
    return Arrays.asList(line.split(File.pathSeparator));
  }

  static TreeSet<String> images(Path images) throws IOException {
    TreeSet<String> readable = new TreeSet<>();
    Files.createDirectories(images.resolve("sub dir"));
    try (Stream<Path> s = Files.list(PREPROCESS)) {
      int i = 0;
      for (Path p : s.sorted().toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".crop.png") || !(name.endsWith(".png") || name.endsWith(".jpg"))) {
          continue;
        }
        String rel = i++ % 2 == 0 ? name : "sub dir/" + name;
        Files.copy(p, images.resolve(rel));
        readable.add(rel);
      }
    }
    Files.writeString(images.resolve("x.jpg"), "not an image", StandardCharsets.UTF_8);
    return readable;
  }

  /** java, the flags of spark.jvm.flags, a fresh DJL cache, the class path and the main class. */
  static List<String> java(String name, List<String> classPath, String mainClass) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xss4m");
    cmd.addAll(Arrays.asList(System.getProperty("derm.sparkJvmFlags").strip().split("\\s+")));
    // libtorch must come from the native jar, DJL's JNI library from the job jar: a cache that
    // already holds them (other tests fill ~/.djl.ai) would hide a jar without them
    String cache = tmp.resolve(name + "-djl-cache").toString();
    cmd.addAll(List.of("-DDJL_CACHE_DIR=" + cache, "-DENGINE_CACHE_DIR=" + cache));
    cmd.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), mainClass));
    return cmd;
  }

  static List<String> jobArgs(Path out) {
    return List.of(
        "--images",
        images.toString(),
        "--model",
        TINY.toString(),
        "--out",
        out.toString(),
        "--batch",
        "3",
        "--partitions",
        "2");
  }

  /** Spark settings for a loopback local run (SparkConf reads spark.* system properties). */
  static final List<String> LOOPBACK =
      List.of(
          "spark.ui.enabled=false",
          "spark.driver.host=127.0.0.1",
          "spark.driver.bindAddress=127.0.0.1",
          "spark.sql.shuffle.partitions=2");

  @Test
  void onAPlainClassPathWithSparksJarsAndLibtorch() throws Exception {
    List<String> cp = new ArrayList<>(List.of(jobJar.toString()));
    cp.addAll(spark);
    cp.add(libtorch.toString());
    List<String> cmd = java("plain", cp, "org.dermkg.spark.EmbedJob");
    cmd.addAll(1, LOOPBACK.stream().map(s -> "-D" + s).toList());
    Path out = tmp.resolve("out-plain");
    cmd.addAll(jobArgs(out));
    cmd.addAll(List.of("--master", "local[2]"));
    runAndCheck(cmd, out, tmp.resolve("plain.log"));
  }

  @Test
  void throughSparkSubmitWithLibtorchInJars() throws Exception {
    // what bin/spark-submit runs in the end: SparkSubmit on Spark's jars; the job jar is the
    // application, loaded by Spark's class loader with the --jars
    List<String> cmd = java("submit", spark, "org.apache.spark.deploy.SparkSubmit");
    cmd.addAll(List.of("--master", "local[2]", "--class", "org.dermkg.spark.EmbedJob"));
    cmd.addAll(List.of("--jars", libtorch.toString()));
    LOOPBACK.forEach(c -> cmd.addAll(List.of("--conf", c)));
    cmd.add(jobJar.toString());
    Path out = tmp.resolve("out-submit");
    cmd.addAll(jobArgs(out));
    runAndCheck(cmd, out, tmp.resolve("submit.log"));
  }

  /** Runs the child; exit 0, the summary line, and ClipModel's own vectors within 1e-5. */
  static void runAndCheck(List<String> cmd, Path out, Path log) throws Exception {
    Process child =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!child.waitFor(150, TimeUnit.SECONDS)) {
      child.destroyForcibly().waitFor();
      fail("EmbedJob did not finish in 150 s:\n" + tail(log));
    }
    assertEquals(0, child.exitValue(), () -> "EmbedJob failed:\n" + tail(log));
    String summary = readable.size() + 1 + " images: " + readable.size() + " embedded, 0 already";
    assertTrue(Files.readString(log).contains(summary), () -> summary + "?\n" + tail(log));
    VectorFile.Loaded got = VectorFile.read(out.resolve(EmbedJob.BASE));
    assertEquals(readable, new TreeSet<>(got.ids()));
    assertEquals(readable.size(), got.size(), "one vector per image");
    try (ClipModel model = ClipModel.load(TINY, false)) {
      for (int i = 0; i < got.size(); i++) {
        String id = got.ids().get(i);
        float[] pixels = model.preprocessor().preprocess(images.resolve(id));
        float[] expected = model.encodeImages(new float[][] {pixels})[0];
        SparkEmbedJobTest.assertClose(expected, got.get(i), id);
      }
    }
  }

  static String tail(Path log) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
