package org.dermkg.server.http;

import io.micrometer.core.instrument.Counter;
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
import java.util.Locale;

/**
 * Puts the heavy requests through {@link Admission}: every read of the dataset ({@code /derm/...}
 * SPARQL queries and Graph Store reads), classification uploads, and prompt sets selected by SPARQL
 * text. Writes (credentialed, serialised by the store), the rest of the JSON API, health, metrics
 * and the browser never wait for it, so they stay responsive while queries flood in. A refused
 * request gets 429 ({@code HTTP-TOO-MANY-REQUESTS}: this client is over its limits) or 503 ({@code
 * HTTP-SATURATED}: the server is), both with Retry-After; counted in {@code
 * derm_admission_total{outcome}}.
 */
final class AdmissionFilter implements Filter {
  /** The request attribute (a Long, ms) with the time limit of a query admitted to the reserve. */
  static final String TIME_LIMIT = "org.dermkg.admission.timeLimitMillis";

  private final String datasetPath;
  private final Admission admission;
  private final ClientAddress clients;
  private MeterRegistry registry;

  AdmissionFilter(String datasetPath, Admission admission, ClientAddress clients) {
    this.datasetPath = datasetPath;
    this.admission = admission;
    this.clients = clients;
  }

  @Override
  public void init(FilterConfig config) {
    registry = RequestTimer.registry(config.getServletContext());
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse res = (HttpServletResponse) response;
    if (!heavy(req)) {
      chain.doFilter(request, response);
      return;
    }
    Admission.Decision d;
    try {
      d = admission.admit(clients.of(req));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      d = new Admission.Decision(Admission.Outcome.SATURATED, null, 1, "the server is stopping", 0);
    }
    count(d.outcome());
    if (d.ticket() == null) {
      res.setHeader("Retry-After", Long.toString(d.retryAfterSeconds()));
      boolean saturated = d.outcome() == Admission.Outcome.SATURATED;
      HttpErrors.send(
          res,
          saturated ? HttpCode.SATURATED : HttpCode.TOO_MANY_REQUESTS,
          d.message() + "; retry after " + d.retryAfterSeconds() + " s");
      return;
    }
    try {
      if (d.timeLimitMillis() > 0) {
        req.setAttribute(TIME_LIMIT, d.timeLimitMillis());
      }
      chain.doFilter(request, response);
    } finally {
      admission.release(d.ticket());
    }
  }

  private boolean heavy(HttpServletRequest req) {
    String method = req.getMethod().toUpperCase(Locale.ROOT);
    if (method.equals("OPTIONS")) {
      return false;
    }
    String path = req.getRequestURI().substring(req.getContextPath().length());
    if (path.equals(datasetPath) || path.startsWith(datasetPath + "/")) {
      boolean write =
          path.equals(datasetPath + "/update")
              || (path.equals(datasetPath + "/data")
                  && !(method.equals("GET") || method.equals("HEAD")));
      return !write;
    }
    if (path.equals("/api/classify")) {
      return true;
    }
    return path.equals("/api/prompts") && req.getParameter("sparql") != null;
  }

  private void count(Admission.Outcome outcome) {
    if (registry != null) {
      Counter.builder("derm.admission")
          .description("heavy requests admitted or refused, by outcome")
          .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
          .register(registry)
          .increment();
    }
  }
}
