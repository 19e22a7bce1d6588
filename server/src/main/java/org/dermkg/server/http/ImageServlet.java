package org.dermkg.server.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Image files of the dataset's image tree under {@code /images/<file name>}: the name is decoded,
 * resolved inside the image root, and served only when its real path (links followed) is still
 * inside the root and it has an image extension. Anything else is a 404, never a file elsewhere.
 * Timed like the JSON routes (route {@code /images/*}).
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

  private final transient Optional<Path> root;

  ImageServlet(Optional<Path> root) {
    this.root = root.map(r -> r.toAbsolutePath().normalize());
  }

  @Override
  String wrongMethod() {
    return "images are read with GET";
  }

  @Override
  List<Route> routes() {
    return List.of(Route.get("/images/*", this::image));
  }

  private Reply image(Call c) throws IOException {
    HttpServletRequest req = c.request();
    String uri = req.getRequestURI();
    int from = (req.getContextPath() + "/images/").length();
    Path f =
        resolve(uri.length() > from ? uri.substring(from) : "")
            .orElseThrow(() -> new HttpException(HttpCode.NOT_FOUND, "no such image"));
    String name = f.getFileName().toString();
    String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return new Reply(
        TYPES.get(ext),
        Map.of("X-Content-Type-Options", "nosniff", "Cache-Control", "max-age=3600"),
        Files.size(f),
        out -> Files.copy(f, out));
  }

  /** The file for a URL path, when it is a safe image inside the root. */
  Optional<Path> resolve(String rawPath) {
    if (root.isEmpty() || rawPath.isEmpty()) {
      return Optional.empty();
    }
    String name;
    try {
      name = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
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
