package org.dermkg.server.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * Prometheus metrics at {@code /metrics}: Fuseki's own (requests, errors and timeouts per endpoint,
 * JVM) and the routes' timers, from the one registry Fuseki binds to the servlet context.
 */
final class MetricsServlet extends RouteServlet {
  private static final long serialVersionUID = 1L;

  @Override
  String wrongMethod() {
    return "metrics are read with GET";
  }

  @Override
  List<Route> routes() {
    return List.of(Route.get("/metrics", c -> scrape()));
  }

  private Reply scrape() {
    MeterRegistry registry = RequestTimer.registry(getServletContext());
    if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
      throw new HttpException(HttpCode.NOT_FOUND, "metrics are not enabled");
    }
    return Reply.text("text/plain; version=0.0.4", prometheus.scrape());
  }
}
