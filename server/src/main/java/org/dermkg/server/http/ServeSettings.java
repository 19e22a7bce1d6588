package org.dermkg.server.http;

/**
 * How {@link DermServer} runs: where it listens, its query limits and who may write.
 *
 * @param port the HTTP port; 0 picks a free one
 * @param loopbackOnly listen on 127.0.0.1 only (the default) rather than every interface
 * @param queryTimeoutMillis hard limit on each query (SPARQL endpoint and JSON API), > 0
 * @param maxRows the most rows or triples a SPARQL query returns, > 0
 * @param maxRequestBytes the largest query or update request body, > 0
 * @param writers who may update; {@link Credentials#none()} disables writes
 */
public record ServeSettings(
    int port,
    boolean loopbackOnly,
    long queryTimeoutMillis,
    long maxRows,
    long maxRequestBytes,
    Credentials writers) {
  public ServeSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (queryTimeoutMillis <= 0 || maxRows <= 0 || maxRequestBytes <= 0) {
      throw new IllegalArgumentException(
          "query timeout, row limit and request size must be positive");
    }
  }

  /** Loopback on a free port, 5 s queries, 10,000 rows, 1 MiB requests, writes disabled. */
  public static ServeSettings defaults() {
    return new ServeSettings(0, true, 5000, 10_000, 1 << 20, Credentials.none());
  }

  public ServeSettings withWriters(Credentials c) {
    return new ServeSettings(port, loopbackOnly, queryTimeoutMillis, maxRows, maxRequestBytes, c);
  }

  public ServeSettings withQueryTimeout(long millis) {
    return new ServeSettings(port, loopbackOnly, millis, maxRows, maxRequestBytes, writers);
  }

  public ServeSettings withMaxRows(long rows) {
    return new ServeSettings(
        port, loopbackOnly, queryTimeoutMillis, rows, maxRequestBytes, writers);
  }
}
