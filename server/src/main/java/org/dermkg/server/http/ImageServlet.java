package org.dermkg.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Image files: Derm1M's image tree under {@code /images/<file name>}, and each benchmark dataset's
 * folder the server was given ({@code derm serve --dataset-images NAME=DIR}) under {@code
 * /dataset-images/<NAME>/<file name>}. The name is decoded, resolved inside its root, and served
 * only when its real path (links followed) is still inside the root and it has an image extension.
 * Anything else is a 404, never a file elsewhere. Timed like the JSON routes.
 */
final class ImageServlet extends RouteServlet {
  private static final long serialVersionUID = 1L;
  private static final Map<String, String> TYPES =
      Map.of(
          "jpg", "image/jpeg",
          "jpeg", "image/jpeg",
          "png", "image/png",
          "gif", "image/gif",
          "bmp", "image/bmp",
          "webp", "image/webp");

  private final transient Map<String, Path> roots;
  private final String prefix;

  /** Derm1M's image tree (none served when empty), under {@code /images/}. */
  ImageServlet(Optional<Path> root) {
    this("/images", root.map(r -> Map.of("", r)).orElse(Map.of()));
  }

  /** The benchmark datasets' folders by dataset name, under {@code /dataset-images/NAME/}. */
  static ImageServlet datasets(Map<String, Path> roots) {
    return new ImageServlet("/dataset-images", roots);
  }

  private ImageServlet(String prefix, Map<String, Path> roots) {
    this.prefix = prefix;
    Map<String, Path> m = new java.util.HashMap<>();
    roots.forEach((k, v) -> m.put(k, v.toAbsolutePath().normalize()));
    this.roots = Map.copyOf(m);
  }

  @Override
  String wrongMethod() {
    return "images are read with GET";
  }

  @Override
  List<Route> routes() {
    return List.of(Route.get(prefix + "/*", this::image));
  }

  private Reply image(Call c) throws IOException {
    HttpServletRequest req = c.request();
    String uri = req.getRequestURI();
    int from = (req.getContextPath() + prefix + "/").length();
    String rest = uri.length() > from ? uri.substring(from) : "";
    Path f =
        (prefix.equals("/images") ? resolve("", rest) : inDataset(rest))
            .orElseThrow(() -> new HttpException(HttpCode.NOT_FOUND, "no such image"));
    String name = f.getFileName().toString();
    String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return new Reply(
        TYPES.get(ext),
        Map.of("X-Content-Type-Options", "nosniff", "Cache-Control", "max-age=3600"),
        Files.size(f),
        out -> Files.copy(f, out));
  }

  /** {@code NAME/<file>}: the file in the named dataset's folder. */
  private Optional<Path> inDataset(String rest) {
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      return Optional.empty();
    }
    try {
      String name = URLDecoder.decode(rest.substring(0, slash).replace("+", "%2B"), UTF_8);
      return resolve(name, rest.substring(slash + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The file for a URL path, when it is a safe image inside the root. */
  Optional<Path> resolve(String rawPath) {
    return resolve("", rawPath);
  }

  /** The file for a URL path, when it is a safe image inside the named root. */
  Optional<Path> resolve(String rootName, String rawPath) {
    Optional<Path> root = Optional.ofNullable(roots.get(rootName));
    if (root.isEmpty() || rawPath.isEmpty()) {
      return Optional.empty();
    }
    String name;
    try {
      name = URLDecoder.decode(rawPath.replace("+", "%2B"), UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (name.indexOf('\0') >= 0 || name.contains("\\") || name.startsWith("/")) {
      return Optional.empty();
    }
    int dot = name.lastIndexOf('.');
    if (dot < 0 || !TYPES.containsKey(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    try {
      Path r = root.get();
      Path p = r.resolve(name).normalize();
      if (!p.startsWith(r) || !Files.isRegularFile(p)) {
        return Optional.empty();
      }
      Path real = p.toRealPath();
      return real.startsWith(r.toRealPath()) ? Optional.of(real) : Optional.empty();
    } catch (IOException | java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
  }
}
