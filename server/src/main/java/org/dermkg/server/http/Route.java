package org.dermkg.server.http;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One route of a {@link RouteServlet}: the methods it answers, its path pattern and its handler.
 * The pattern's segments are literals, {@code {name}} (any one segment, read with {@link
 * Call#path}) or a final {@code *} (the rest, possibly empty); the pattern is also the route's name
 * in the request metrics. Immutable.
 */
record Route(Set<String> methods, String pattern, Handler handler) {

  /** Answers one request; a refusal is thrown as a coded exception ({@link HttpException}...). */
  @FunctionalInterface
  interface Handler {
    Reply handle(Call call) throws IOException;
  }

  /** A read route: GET and HEAD. */
  static Route get(String pattern, Handler handler) {
    return new Route(Set.of("GET", "HEAD"), pattern, handler);
  }

  /** A POST route. */
  static Route post(String pattern, Handler handler) {
    return new Route(Set.of("POST"), pattern, handler);
  }

  /** The {@code {name}} values when the path (no trailing slash) matches the pattern. */
  Optional<Map<String, String>> match(String path) {
    List<String> want = segments(pattern);
    List<String> have = segments(path);
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < want.size(); i++) {
      String w = want.get(i);
      if (w.equals("*") && i == want.size() - 1) {
        return Optional.of(values);
      }
      if (i >= have.size()) {
        return Optional.empty();
      }
      if (w.startsWith("{") && w.endsWith("}")) {
        values.put(w.substring(1, w.length() - 1), have.get(i));
      } else if (!w.equals(have.get(i))) {
        return Optional.empty();
      }
    }
    return want.size() == have.size() ? Optional.of(values) : Optional.empty();
  }

  private static List<String> segments(String path) {
    String p = path.replaceAll("^/+|/+$", "");
    return p.isEmpty() ? List.of() : List.of(p.split("/", -1));
  }
}
