package org.dermkg.server.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-origin access for browsers: pages from the allowed origins ({@code cors.origins}, any by
 * default, as public SPARQL endpoints do) may read the SPARQL query endpoint, Graph Store reads and
 * the JSON API; no credentials are ever allowed cross-origin. Writes (SPARQL update, Graph Store
 * writes, {@code /admin}) never get CORS headers, preflights for them are answered without any (the
 * browser then refuses), and a write that a browser sends from another origin (its {@code Origin}
 * or {@code Sec-Fetch-Site} header says so) is refused with 403 {@code HTTP-CROSS-ORIGIN}: a page
 * elsewhere cannot use credentials the browser remembers.
 */
final class CorsFilter implements Filter {
  private static final Set<String> WRITE_METHODS = Set.of("PUT", "POST", "DELETE", "PATCH");
  private static final String ALLOW_METHODS = "GET, POST, HEAD, OPTIONS";
  private static final String ALLOW_HEADERS =
      "Accept, Content-Type, Cache-Control, X-Requested-With";
  private static final String EXPOSE = "Derm-Result-Limit, Retry-After, ETag, Content-Disposition";

  private final String datasetPath;
  private final List<String> origins;

  CorsFilter(String datasetPath, List<String> origins) {
    this.datasetPath = datasetPath;
    this.origins = List.copyOf(origins);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse res = (HttpServletResponse) response;
    String path = req.getRequestURI().substring(req.getContextPath().length());
    String method = req.getMethod().toUpperCase(Locale.ROOT);
    String origin = req.getHeader("Origin");
    boolean preflight =
        method.equals("OPTIONS") && req.getHeader("Access-Control-Request-Method") != null;
    String intended =
        preflight
            ? req.getHeader("Access-Control-Request-Method").strip().toUpperCase(Locale.ROOT)
            : method;
    boolean answered =
        isWrite(path, intended)
            ? refuseWrite(req, res, origin, preflight)
            : readHeaders(res, path, origin, preflight);
    if (!answered) {
      chain.doFilter(request, response);
    }
  }

  /**
   * A write is never preflighted for a page (no Allow-Origin: the browser refuses) and is refused
   * from a page of another site; true when answered here.
   */
  private boolean refuseWrite(
      HttpServletRequest req, HttpServletResponse res, String origin, boolean preflight)
      throws IOException {
    if (preflight) {
      res.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return true;
    }
    if (crossSite(req, origin)) {
      HttpErrors.send(
          res,
          HttpCode.CROSS_ORIGIN,
          "writes are not accepted from pages of another origin (" + origin + ")");
      return true;
    }
    return false;
  }

  /** A read gets CORS headers for an allowed origin; true when a preflight was answered here. */
  private boolean readHeaders(
      HttpServletResponse res, String path, String origin, boolean preflight) {
    String allowed = origin == null ? null : allowedOrigin(origin);
    if (allowed == null || !isRead(path)) {
      if (preflight) {
        res.setStatus(HttpServletResponse.SC_NO_CONTENT);
      }
      return preflight;
    }
    res.setHeader("Access-Control-Allow-Origin", allowed);
    if (!allowed.equals("*")) {
      res.addHeader("Vary", "Origin");
    }
    if (preflight) {
      res.setHeader("Access-Control-Allow-Methods", ALLOW_METHODS);
      res.setHeader("Access-Control-Allow-Headers", ALLOW_HEADERS);
      res.setHeader("Access-Control-Max-Age", "3600");
      res.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return true;
    }
    res.setHeader("Access-Control-Expose-Headers", EXPOSE);
    return false;
  }

  private String allowedOrigin(String origin) {
    if (origins.contains("*")) {
      return "*";
    }
    return origins.contains(origin) ? origin : null;
  }

  private boolean isRead(String path) {
    return path.equals(datasetPath + "/sparql")
        || path.equals(datasetPath + "/data")
        || path.startsWith("/api/")
        || path.equals("/api");
  }

  private boolean isWrite(String path, String method) {
    return path.equals(datasetPath + "/update")
        || (path.equals(datasetPath + "/data") && WRITE_METHODS.contains(method))
        || path.startsWith("/admin/");
  }

  /** Whether a browser says the request comes from a page of another origin. */
  private static boolean crossSite(HttpServletRequest req, String origin) {
    String site = req.getHeader("Sec-Fetch-Site");
    if (site != null && site.equalsIgnoreCase("cross-site")) {
      return true;
    }
    if (origin == null) {
      return false; // not a browser, or a same-origin GET
    }
    try {
      URI o = new URI(origin);
      String host = req.getHeader("Host");
      return o.getRawAuthority() == null
          || host == null
          || !o.getRawAuthority().equalsIgnoreCase(host);
    } catch (java.net.URISyntaxException e) {
      return true; // "null" and other opaque origins
    }
  }
}
