package org.dermkg.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.dermkg.graph.demo.DemoGenerator;
import org.dermkg.ontology.OntologySnapshot;

/**
 * The committed fixture dataset {@code graph/src/test/resources/fixtures/derm1m-mini}: 60 images in
 * the Derm1M release layout (the two CSV files, concept.csv and the image tree, one image file
 * missing and one unreadable on purpose), written by {@link DemoGenerator} with {@link #options}.
 * Tests that need "a small Derm1M dataset" load a copy of it instead of generating one; {@code
 * FixtureDatasetTest} checks that it still is exactly what the generator writes and that it loads
 * with the counts below. Synthetic data only (see the folder's README).
 *
 * <p>Regenerate it (after a change to the generator or to the ontology tables it draws labels from)
 * with {@code ./mvnw -B -o test -pl graph -am -Dtest=FixtureDatasetTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dderm.fixtures.regenerate=true}, or {@link #main}.
 */
public final class FixtureDataset {
  /**
   * The folder, as a path relative to any module's folder (the working directory of its tests),
   * like the embeddings module's {@code ../embeddings/src/test/resources/fixtures/tiny-clip}.
   */
  public static final Path DIR = Path.of("../graph/src/test/resources/fixtures/derm1m-mini");

  /** The folder's README: not part of the dataset (not generated, not copied). */
  public static final String README = "README.md";

  /** Images listed in the CSV files (pretrain and validation). */
  public static final int IMAGES = 60;

  /** Rows (captions) of Derm1M_v2_pretrain.csv, header not counted. */
  public static final long PRETRAIN_ROWS = 145;

  /** Rows of Derm1M_v2_validation.csv (its last two images), header not counted. */
  public static final long VALIDATION_ROWS = 4;

  /** Rows of concept.csv, header not counted. */
  public static final long CONCEPT_ROWS = 11;

  /** Image files written, the unreadable one among them. */
  public static final int IMAGE_FILES = 59;

  /** Images listed in the CSV files whose file is absent. */
  public static final int MISSING_IMAGES = 1;

  /** Image files that are there but truncated (7 bytes, no image in them). */
  public static final int UNREADABLE_IMAGES = 1;

  private FixtureDataset() {}

  /** The generator's options that write the fixture into {@code out}. */
  public static DemoGenerator.Options options(Path out) {
    return new DemoGenerator.Options(out, IMAGES, 7, 2.5, true);
  }

  /** The generator's summary of the fixture written into {@code out}. */
  public static DemoGenerator.Summary summary(Path out) {
    return new DemoGenerator.Summary(
        out,
        IMAGES,
        PRETRAIN_ROWS,
        VALIDATION_ROWS,
        CONCEPT_ROWS,
        IMAGE_FILES,
        MISSING_IMAGES,
        UNREADABLE_IMAGES);
  }

  /** Writes the fixture afresh into {@code out} (absent or empty) with the generator. */
  public static DemoGenerator.Summary generate(Path out) {
    return DemoGenerator.generate(options(out), OntologySnapshot.shipped(), n -> {});
  }

  /**
   * A copy of the fixture (its README left out) in {@code target}, created; returns {@code target}.
   * Tests load and change the copy, never the committed folder.
   */
  public static Path copyTo(Path target) {
    try {
      for (String f : files(DIR)) {
        Path to = target.resolve(f);
        Files.createDirectories(to.getParent());
        Files.copy(DIR.resolve(f), to);
      }
      Files.createDirectories(target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the fixture dataset " + DIR.toAbsolutePath(), e);
    }
  }

  /** The dataset's files under {@code root}: relative paths with '/', sorted, the README not. */
  public static SortedSet<String> files(Path root) throws IOException {
    SortedSet<String> out = new TreeSet<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (!rel.equals(README)) {
          out.add(rel);
        }
      }
    }
    return out;
  }

  /**
   * Rewrites the committed folder: deletes everything in it but the README, then generates. Run
   * from a module's folder (as Maven runs tests), so that {@link #DIR} is the source folder.
   */
  public static DemoGenerator.Summary regenerate() throws IOException {
    if (!Files.isRegularFile(DIR.resolve(README))) {
      throw new IllegalStateException(
          "not the fixture folder (no " + README + "): " + DIR.toAbsolutePath());
    }
    try (Stream<Path> s = Files.walk(DIR)) {
      List<Path> all = s.sorted(Comparator.reverseOrder()).toList();
      for (Path p : all) {
        if (!p.equals(DIR) && !p.equals(DIR.resolve(README))) {
          Files.delete(p);
        }
      }
    }
    return generate(DIR);
  }

  /** Regenerates the committed folder; run in the graph (or any module's) folder. */
  public static void main(String[] args) throws IOException {
    DemoGenerator.Summary s = regenerate();
    System.out.println("wrote " + DIR.toAbsolutePath().normalize() + ": " + s);
  }
}
