package org.dermkg.server.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.jena.fuseki.metrics.MetricsProvider;

/**
 * Prometheus metrics at {@code /metrics}: Fuseki's own (requests, errors and timeouts per endpoint,
 * JVM) and the JSON API's timers, from the one registry Fuseki binds to the servlet context.
 */
final class MetricsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    MetricsProvider provider = MetricsProvider.getMetricsProvider(getServletContext());
    MeterRegistry registry = provider == null ? null : provider.getMeterRegistry();
    if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
      HttpErrors.send(res, HttpCode.NOT_FOUND, "metrics are not enabled");
      return;
    }
    res.setStatus(200);
    res.setContentType("text/plain; version=0.0.4");
    res.setCharacterEncoding("UTF-8");
    res.getOutputStream().write(prometheus.scrape().getBytes(StandardCharsets.UTF_8));
  }
}
