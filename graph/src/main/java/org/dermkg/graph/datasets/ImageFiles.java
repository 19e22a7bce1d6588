package org.dermkg.graph.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The image files under a dataset folder (three levels deep: HAM's part folders, PAD's imgs_part_N,
 * Derm7pt's images/NEL/), by file name, so a metadata row finds its file wherever the release put
 * it. Symbolic links are not followed.
 */
final class ImageFiles {
  private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif", "webp");
  private final Path dir;
  private final Map<String, String> byName = new HashMap<>();

  private ImageFiles(Path dir) {
    this.dir = dir;
  }

  static ImageFiles of(Path dir) {
    ImageFiles f = new ImageFiles(dir);
    try (Stream<Path> s = Files.walk(dir, 3)) {
      s.filter(Files::isRegularFile)
          .filter(ImageFiles::isImage)
          .sorted()
          .forEach(p -> f.byName.putIfAbsent(p.getFileName().toString(), rel(dir, p)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return f;
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static String rel(Path dir, Path p) {
    return dir.relativize(p).toString().replace('\\', '/');
  }

  /** The file's path relative to the dataset folder when it is there, else the name as given. */
  String find(String name) {
    return byName.getOrDefault(name, name);
  }

  /** A path the metadata gives relative to a folder of the dataset, when that file exists. */
  String under(String folder, String path) {
    Path p = dir.resolve(folder).resolve(path).normalize();
    if (p.startsWith(dir) && Files.isRegularFile(p)) {
      return rel(dir, p);
    }
    return find(Path.of(path).getFileName().toString());
  }

  int size() {
    return byName.size();
  }
}
