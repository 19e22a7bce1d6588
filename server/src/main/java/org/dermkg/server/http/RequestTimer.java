package org.dermkg.server.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.ServletContext;
import java.util.concurrent.TimeUnit;
import org.apache.jena.fuseki.metrics.MetricsProvider;

/**
 * Times API requests into Fuseki's Prometheus registry as {@code
 * derm_api_requests_seconds{route,status}}; does nothing where the server has no metrics.
 */
final class RequestTimer {
  private final MeterRegistry registry;

  private RequestTimer(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The timer of a servlet context (call from {@code init()}). */
  static RequestTimer of(ServletContext context) {
    return new RequestTimer(registry(context));
  }

  /** Fuseki's meter registry of a servlet context; null where the server has no metrics. */
  static MeterRegistry registry(ServletContext context) {
    MetricsProvider provider = MetricsProvider.getMetricsProvider(context);
    return provider == null ? null : provider.getMeterRegistry();
  }

  /** Records one request that started at {@code startNanos}. */
  void record(String route, int status, long startNanos) {
    if (registry == null) {
      return;
    }
    Timer.builder("derm.api.requests")
        .description("JSON API requests")
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .register(registry)
        .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }
}
