package org.dermkg.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result cache in front of the SPARQL query endpoint ({@code GET}, and {@code POST} of an HTML
 * form with a Content-Length within {@code query.max.bytes}; a chunked or larger form, or a query
 * sent as an {@code application/sparql-query} body, runs uncached) and the JSON API's reads of the
 * store (terms, named queries, search, roots, datasets, evaluations). It sits before admission
 * control, so an answer from memory takes no query slot.
 *
 * <p>Every cacheable 200 answer carries an {@code ETag} and {@code Cache-Control: no-cache}
 * (clients may keep it and must ask again: {@code If-None-Match} gets {@code 304 Not Modified}
 * while the data has not changed) and {@code Derm-Cache: hit|miss|bypass}. A request with {@code
 * Cache-Control: no-cache} or {@code no-store} runs the query ({@code bypass}) and its answer
 * refreshes the entry. Queries whose answer may change between runs ({@code RAND()}, {@code NOW()},
 * {@code UUID()}, {@code BNODE()}, kNN, {@code SERVICE}) are neither kept nor tagged.
 */
final class ResultCacheFilter implements Filter {
  /** Response header saying how the answer was produced. */
  static final String HEADER = "Derm-Cache";

  /** The JSON API routes whose answers are reads of the store (their prefixes). */
  private static final List<String> API_READS =
      List.of(
          "/api/terms",
          "/api/queries/",
          "/api/search",
          "/api/roots",
          "/api/datasets",
          "/api/evaluations");

  /** Headers of an answer kept with its body. */
  private static final List<String> KEPT_HEADERS =
      List.of(CappedQuery.HEADER, "Content-Disposition", "Content-Language", "Vary");

  private final String datasetPath;
  private final ResultCache cache;
  private final long maxRequestBytes;
  private MeterRegistry registry;

  /**
   * @param maxRequestBytes {@code query.max.bytes}: a form POST is read here only when its
   *     Content-Length says it is within it (the size limit, which runs later, then still applies
   *     to the rest)
   */
  ResultCacheFilter(String datasetPath, ResultCache cache, long maxRequestBytes) {
    this.datasetPath = datasetPath;
    this.cache = cache;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public void init(FilterConfig config) {
    registry = RequestTimer.registry(config.getServletContext());
    if (registry != null) {
      Gauge.builder("derm.result.cache.entries", cache, ResultCache::size)
          .description("answers held by the result cache")
          .register(registry);
    }
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse res = (HttpServletResponse) response;
    String key = cache.enabled() ? key(req) : null;
    if (key == null) {
      chain.doFilter(request, response);
      return;
    }
    long version = cache.version();
    if (version < 0) {
      chain.doFilter(request, response); // a write is open: neither kept nor served
      return;
    }
    String etag = cache.etag(key, version);
    if (matches(req.getHeader("If-None-Match"), etag)) {
      res.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      tag(res, etag, "hit");
      count("not_modified");
      return;
    }
    boolean bypass = bypass(req);
    ResultCache.Entry kept = bypass ? null : cache.get(key, version);
    if (kept != null) {
      send(res, kept, etag);
      count("hit");
      return;
    }
    CapturingResponse captured = new CapturingResponse(res, cache.maxEntryBytes());
    chain.doFilter(request, captured);
    byte[] body = captured.body();
    if (!captured.overflowed() && res.getStatus() == HttpServletResponse.SC_OK) {
      ResultCache.Entry entry = new ResultCache.Entry(body, res.getContentType(), kept(res));
      if (cache.put(key, version, entry)) {
        tag(res, etag, bypass ? "bypass" : "miss");
      }
    }
    count(bypass ? "bypass" : "miss");
    captured.finish(body);
  }

  /** The cache key of a cacheable request; null when it is not one. */
  private String key(HttpServletRequest req) {
    String method = req.getMethod();
    String path = req.getRequestURI().substring(req.getContextPath().length());
    String accept = String.valueOf(req.getHeader("Accept")).strip();
    if (path.equals(datasetPath + "/sparql") || path.equals(datasetPath)) {
      boolean form =
          method.equals("POST")
              && String.valueOf(req.getContentType())
                  .toLowerCase(Locale.ROOT)
                  .startsWith("application/x-www-form-urlencoded")
              && req.getContentLengthLong() >= 0
              && req.getContentLengthLong() <= maxRequestBytes;
      if (!method.equals("GET") && !form) {
        return null;
      }
      String[] query = req.getParameterValues("query");
      if (query == null || query.length != 1) {
        return null;
      }
      String text = QueryText.normalise(query[0]);
      if (QueryText.isVolatile(text)) {
        return null;
      }
      return "Q " + path + " " + accept + " " + parameters(req, "query") + "\n" + text;
    }
    if (method.equals("GET") && API_READS.stream().anyMatch(path::startsWith)) {
      // the API's links name the host the client asked for
      return "A "
          + req.getScheme()
          + "://"
          + req.getHeader("Host")
          + path
          + " "
          + accept
          + " "
          + parameters(req, null);
    }
    return null;
  }

  /** The request's parameters but {@code except}, sorted, as one string. */
  private static String parameters(HttpServletRequest req, String except) {
    TreeMap<String, List<String>> sorted = new TreeMap<>();
    req.getParameterMap()
        .forEach(
            (k, v) -> {
              if (!k.equals(except)) {
                sorted.put(k, Arrays.asList(v));
              }
            });
    return sorted.toString();
  }

  private static boolean bypass(HttpServletRequest req) {
    String cc = req.getHeader("Cache-Control");
    String pragma = req.getHeader("Pragma");
    String all = (cc == null ? "" : cc) + "," + (pragma == null ? "" : pragma);
    String lower = all.toLowerCase(Locale.ROOT);
    return lower.contains("no-cache") || lower.contains("no-store");
  }

  /** Whether an If-None-Match header names {@code etag} (weak or strong). */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String t : ifNoneMatch.split(",")) {
      String s = t.strip();
      if (s.startsWith("W/")) {
        s = s.substring(2);
      }
      if (s.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> kept(HttpServletResponse res) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String h : KEPT_HEADERS) {
      String v = res.getHeader(h);
      if (v != null) {
        m.put(h, v);
      }
    }
    return m;
  }

  private static void tag(HttpServletResponse res, String etag, String how) {
    res.setHeader("ETag", etag);
    res.setHeader("Cache-Control", "no-cache");
    if (res.getHeader("Vary") == null) {
      res.setHeader("Vary", "Accept");
    }
    res.setHeader(HEADER, how);
  }

  private static void send(HttpServletResponse res, ResultCache.Entry e, String etag)
      throws IOException {
    res.setStatus(HttpServletResponse.SC_OK);
    if (e.contentType() != null) {
      res.setContentType(e.contentType());
    }
    e.headers().forEach(res::setHeader);
    tag(res, etag, "hit");
    res.setContentLength(e.body().length);
    res.getOutputStream().write(e.body());
  }

  private void count(String outcome) {
    if (registry != null) {
      Counter.builder("derm.result.cache")
          .description("cacheable reads by outcome: hit, miss, bypass, not_modified")
          .tag("outcome", outcome)
          .register(registry)
          .increment();
    }
  }
}
