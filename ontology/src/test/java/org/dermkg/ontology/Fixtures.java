package org.dermkg.ontology;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test fixtures on the classpath, and the optional real Derm1M material in ../shared. */
public final class Fixtures {
  private Fixtures() {}

  /** A test resource under fixtures/ as a file path. */
  public static Path path(String relative) {
    URL url = Fixtures.class.getClassLoader().getResource("fixtures/" + relative);
    if (url == null) {
      throw new IllegalArgumentException("no fixture " + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies a fixture directory to {@code target} (tests edit copies, never the fixture). */
  public static Path copyDir(String relative, Path target) {
    Path src = path(relative);
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.toList()) {
        Path dst = target.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(p, dst);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /**
   * A file of the shared Derm1M material (../shared/data/...), skipping the test with a message
   * when it is absent (users and some CI machines do not have it).
   */
  public static Path shared(String relative) {
    String root = System.getProperty("derm.shared", "../shared");
    Path p = Path.of(root).resolve(relative);
    assumeTrue(
        Files.isRegularFile(p),
        "skipped: real Derm1M material not present at " + p.toAbsolutePath());
    return p;
  }
}
