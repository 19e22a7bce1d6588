package org.dermkg.ontology;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dermkg.ontology.OntologyException.Code;

/**
 * A source tree of the ontology, laid out as in {@code ontology/src/ontology}: {@code core.ttl},
 * {@code tables/}, {@code mappings/} (SSSOM label-set mappings) and {@code rules/} (SPARQL rules).
 * The shipped tree is read from the classpath (inside the jar when packaged).
 */
public record OntologySource(Path root) {

  /** Classpath folder holding the shipped source tree. */
  public static final String CLASSPATH_ROOT = "derm-source";

  public OntologySource {
    if (!Files.isRegularFile(root.resolve("core.ttl"))
        || !Files.isDirectory(root.resolve("tables"))) {
      throw new OntologyException(
          Code.SOURCE_MISSING, "not an ontology source tree (needs core.ttl and tables/): " + root);
    }
  }

  /** The source tree shipped with this module. */
  public static OntologySource shipped() {
    URL url = OntologySource.class.getClassLoader().getResource(CLASSPATH_ROOT + "/core.ttl");
    if (url == null) {
      throw new OntologyException(
          Code.SOURCE_MISSING, "the shipped ontology source is not on the classpath");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        return new OntologySource(fs.getPath("/" + CLASSPATH_ROOT));
      }
      return new OntologySource(Path.of(uri).getParent());
    } catch (URISyntaxException | IOException e) {
      throw new OntologyException(
          Code.SOURCE_MISSING, "cannot open the shipped ontology source: " + e, e);
    }
  }

  public Path core() {
    return root.resolve("core.ttl");
  }

  public Path tables() {
    return root.resolve("tables");
  }

  public Path mappings() {
    return root.resolve("mappings");
  }

  public Path rules() {
    return root.resolve("rules");
  }

  /** The data vocabulary (dkg:) in Turtle. */
  public Path dataVocabulary() {
    return root.resolve("data/vocabulary.ttl");
  }

  /** The SHACL shapes of image data, before their value sets are filled in. */
  public Path imageShapes() {
    return root.resolve("data/image-shapes.ttl");
  }

  /** Files directly in {@code dir} whose names end with {@code suffix}, sorted by name. */
  public static List<Path> list(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new OntologyException(
          Code.SOURCE_MISSING, "cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
