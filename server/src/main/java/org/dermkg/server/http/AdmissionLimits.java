package org.dermkg.server.http;

/**
 * How many heavy requests (SPARQL queries, GSP reads, SPARQL-selected prompt sets, classification)
 * run at once, and how much of that one client may take.
 *
 * @param maxParallel heavy requests running at once across clients, > 0
 * @param reserve extra slots beyond {@code maxParallel} that only a client with nothing running may
 *     take (so a few busy clients cannot lock everybody else out), >= 0
 * @param clientParallel heavy requests one client may run at once, > 0
 * @param clientBudgetMillis query time one client may use per minute, in milliseconds (a bucket
 *     refilled continuously); 0 for no budget
 * @param queueMillis how long a request waits for a slot when the server is saturated, >= 0
 * @param httpThreads the HTTP server's worker threads, at least {@code maxParallel + reserve + 8}
 *     so light requests always find one
 */
public record AdmissionLimits(
    int maxParallel,
    int reserve,
    long reserveMillis,
    long lightMillis,
    int clientParallel,
    long clientBudgetMillis,
    long queueMillis,
    int httpThreads) {
  public AdmissionLimits {
    if (maxParallel <= 0 || clientParallel <= 0) {
      throw new IllegalArgumentException(
          "sparql.max.parallel and sparql.client.parallel must be positive");
    }
    if (reserveMillis <= 0 || lightMillis <= 0) {
      throw new IllegalArgumentException("sparql.reserve.ms and sparql.light.ms must be positive");
    }
    if (reserve < 0 || clientBudgetMillis < 0 || queueMillis < 0) {
      throw new IllegalArgumentException(
          "sparql.reserve, sparql.client.budget.seconds and sparql.queue.ms must be >= 0");
    }
    if (httpThreads < maxParallel + reserve + 8) {
      throw new IllegalArgumentException(
          "http.max.threads must be at least sparql.max.parallel + sparql.reserve + 8 = "
              + (maxParallel + reserve + 8)
              + ", was "
              + httpThreads);
    }
  }

  /** {@code sparql.max.parallel = 0}: twice the processors, at least 4. */
  public static int autoParallel() {
    return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  }

  /**
   * The configuration defaults: {@link #autoParallel()} slots, 2 reserved for light clients (under
   * 2 s of recent query time; queries there limited to 500 ms), 2 per client, 60 query-seconds per
   * client per minute, 100 ms queue, 64 threads.
   */
  public static AdmissionLimits defaults() {
    int parallel = autoParallel();
    return new AdmissionLimits(
        parallel, 2, 500, 2000, 2, 60_000, 100, Math.max(64, parallel + 2 + 8));
  }

  /** The same global limits with per-client limits lifted (trusted, single-address load tests). */
  public AdmissionLimits perClientUnlimited() {
    return new AdmissionLimits(
        maxParallel,
        reserve,
        reserveMillis,
        lightMillis,
        maxParallel + reserve,
        0,
        queueMillis,
        httpThreads);
  }
}
