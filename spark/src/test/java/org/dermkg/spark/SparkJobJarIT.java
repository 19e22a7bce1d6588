package org.dermkg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar as spark-submit gets it: a child JVM whose class path is the job jar, Spark's own
 * jars (the provided scope and the jars a Spark 4.2.0 distribution ships that DJL needs too, from
 * spark/pom.xml's dependency executions) and the libtorch native jar, nothing else: no derm
 * module's classes, no DJL jar. It runs EmbedJob in local[2] on the tiny model; a class missing
 * from the job jar fails it.
 */
class SparkJobJarIT {
  static final Path TINY = SparkEmbedJobTest.TINY;
  static final Path PREPROCESS = SparkEmbedJobTest.FIXTURES.resolve("preprocess");

  @TempDir static Path tmp;

  static List<String> classPath() throws IOException {
    Path jobJar = Path.of(System.getProperty("derm.jobJar"));
    assertTrue(Files.isRegularFile(jobJar), jobJar + " (mvn package makes it)");
    List<String> cp = new ArrayList<>(List.of(jobJar.toString()));
    Path dir = Path.of(System.getProperty("derm.jobClasspaths"));
    for (String file : List.of("spark.classpath", "spark-shared.classpath", "libtorch.classpath")) {
      String line = Files.readString(dir.resolve(file), StandardCharsets.UTF_8).strip();
      assertFalse(line.isEmpty(), file + " is empty");
      cp.addAll(Arrays.asList(line.split(java.io.File.pathSeparator)));
    }
    for (String entry : cp.subList(1, cp.size())) {
      String name = Path.of(entry).getFileName().toString();
      boolean ours =
          name.startsWith("derm-") || entry.contains("/ai/djl/") || name.startsWith("jna");
      assertFalse(ours && !name.startsWith("pytorch-native-"), "on Spark's class path: " + entry);
      assertTrue(name.endsWith(".jar"), "not a jar: " + entry);
    }
    return cp;
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

  static List<String> command(List<String> classPath, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xss4m");
    cmd.addAll(Arrays.asList(System.getProperty("derm.sparkJvmFlags").strip().split("\\s+")));
    // a fresh DJL cache, as on a new executor: libtorch comes from the native jar, DJL's JNI
    // library from the job jar (a cache that already holds them would hide a jar without them)
    String cache = tmp.resolve("djl-cache").toString();
    cmd.addAll(List.of("-DDJL_CACHE_DIR=" + cache, "-DENGINE_CACHE_DIR=" + cache));
    // SparkConf reads spark.* system properties
    cmd.addAll(
        List.of(
            "-Dspark.ui.enabled=false",
            "-Dspark.driver.host=127.0.0.1",
            "-Dspark.driver.bindAddress=127.0.0.1",
            "-Dspark.sql.shuffle.partitions=2",
            "-cp",
            String.join(java.io.File.pathSeparator, classPath),
            "org.dermkg.spark.EmbedJob"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Test
  void theJobJarRunsEmbedJobOnSparksOwnClassPath() throws Exception {
    Path images = tmp.resolve("images");
    TreeSet<String> readable = images(images);
    Path out = tmp.resolve("out");
    Path log = tmp.resolve("child.log");
    List<String> cmd =
        command(
            classPath(),
            "--images",
            images.toString(),
            "--model",
            TINY.toString(),
            "--out",
            out.toString(),
            "--master",
            "local[2]",
            "--batch",
            "3",
            "--partitions",
            "2");
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
