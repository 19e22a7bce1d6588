package org.dermkg.sparql.guard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * One allow-list entry, parsed: scheme (http or https), host, port and path prefix. A target URL
 * matches when scheme, host and port are equal and its path equals the prefix or continues it at a
 * segment boundary, so {@code http://h:8080/sparql} allows neither {@code http://h:8080.evil/} nor
 * {@code http://h:8080/sparql-admin}, and a user-info part ({@code http://h@evil/}) never matches.
 */
record Endpoint(String scheme, String host, int port, String path) {

  /** Parses an allow-list entry; a bad one is an IllegalArgumentException naming it. */
  static Endpoint parse(String entry) {
    Optional<Endpoint> e = of(entry.strip());
    if (e.isEmpty() || entry.contains("?")) {
      throw new IllegalArgumentException(
          "sparql.service.allow: '"
              + entry
              + "' is not an http(s) URL with a host (no user info, query or fragment;"
              + " file: and other schemes are never allowed)");
    }
    return e.get();
  }

  /** The endpoint of a URL, or empty when it is not a plain http(s) URL with a host. */
  static Optional<Endpoint> of(String url) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || u.getHost() == null
        || u.getRawUserInfo() != null
        || u.getRawFragment() != null) {
      return Optional.empty();
    }
    int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
    String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    if (path.contains("/../") || path.endsWith("/..") || path.contains("/./")) {
      return Optional.empty();
    }
    return Optional.of(new Endpoint(scheme, u.getHost().toLowerCase(Locale.ROOT), port, path));
  }

  /** Whether {@code target} (a parsed URL) lies under this entry. */
  boolean covers(Endpoint target) {
    if (!scheme.equals(target.scheme) || !host.equals(target.host) || port != target.port) {
      return false;
    }
    if (target.path.equals(path) || path.equals("/")) {
      return true;
    }
    String prefix = path.endsWith("/") ? path : path + "/";
    return target.path.startsWith(prefix);
  }

  @Override
  public String toString() {
    return scheme + "://" + host + ":" + port + path;
  }
}
